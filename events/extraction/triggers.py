"""spaCy component "eventmap_triggers": marks event trigger cues in doc.spans["event_triggers"].

Cues come from events/data/event_cues.tsv: lower-cased tokens, "prefix*" tokens, "prefix#" tokens
(the prefix then digits only: a reference number such as "s385") and a "…" gap of up to three tokens
inside one sentence. The longest cue wins where several overlap; cues of one type that touch
("landmine explosion", "mortar shells") are one trigger, so the place after them is its place.
Span labels are "event_type|sub_event_type|refine".
"""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from events.extraction.lexicons import GAP, Cue, cues

SPAN_KEY = "event_triggers"
MAX_GAP = 3
PREFIX_INDEX = 3


def _token_matches(spec: str, lower: str) -> bool:
    if spec.endswith("*"):
        return lower.startswith(spec[:-1])
    if spec.endswith("#"):
        rest = lower[len(spec) - 1 :]
        return lower.startswith(spec[:-1]) and rest.isdigit()
    return lower == spec


def _joined(spans: list[Span]) -> list[Span]:
    """Adjacent triggers with one label as one span: "landmine explosion" is one event."""
    joined: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        previous = joined[-1] if joined else None
        if previous is not None and previous.end == span.start and previous.label_ == span.label_:
            joined[-1] = Span(span.doc, previous.start, span.end, label=span.label_)
        else:
            joined.append(span)
    return joined


class TriggerMatcher:
    """Cue matcher indexed by first token (exact) and by the first letters of prefix cues."""

    def __init__(self, langs: tuple[str, ...]):
        self.exact: dict[str, list[Cue]] = defaultdict(list)
        self.prefixed: dict[str, list[Cue]] = defaultdict(list)
        for cue in cues():
            if cue.lang not in langs:
                continue
            first = cue.tokens[0]
            if first.endswith("*"):
                self.prefixed[first[:PREFIX_INDEX]].append(cue)
            else:
                self.exact[first].append(cue)

    def _match_at(self, doc: Doc, start: int, cue: Cue, sent_end: int) -> int | None:
        """End token index of cue matched from start, or None."""
        position = start
        specs = cue.tokens
        index = 0
        while index < len(specs):
            spec = specs[index]
            if spec == GAP:
                following = specs[index + 1]
                for skip in range(MAX_GAP + 1):
                    at = position + skip
                    if at < sent_end and _token_matches(following, doc[at].lower_):
                        position = at + 1
                        break
                else:
                    return None
                index += 2
                continue
            if position >= sent_end or not _token_matches(spec, doc[position].lower_):
                return None
            position += 1
            index += 1
        return position

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for sent in doc.sents:
            for token in sent:
                lower = token.lower_
                candidates = self.exact.get(lower, []) + self.prefixed.get(lower[:PREFIX_INDEX], [])
                for cue in candidates:
                    end = self._match_at(doc, token.i, cue, sent.end)
                    if end is not None:
                        label = f"{cue.event_type}|{cue.sub_event_type}|{cue.refine}"
                        spans.append(Span(doc, token.i, end, label=label))
        doc.spans[SPAN_KEY] = _joined(filter_spans(spans))
        return doc


@Language.factory("eventmap_triggers", default_config={"langs": ["fr", "en"]})
def make_trigger_matcher(nlp: Language, name: str, langs: list[str]) -> TriggerMatcher:
    """Factory so the matcher is added with nlp.add_pipe("eventmap_triggers")."""
    return TriggerMatcher(tuple(langs))
