"""spaCy component "eventmap_actors": marks lexicon actors in doc.spans["actors"].

Each span's label is the actor's canonical name. Acronyms and very short aliases ("IS", "EI", "SDF")
match case-sensitively so the English verb "is" is never the Islamic State; every other alias
matches on lower-cased tokens. Overlapping matches keep the longest.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from events.extraction.lexicons import actors

SPAN_KEY = "actors"


def _case_sensitive(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(alias) <= 3 or (len(letters) > 1 and all(c.isupper() for c in letters))


class ActorMatcher:
    """Phrase matcher over the lexicon's aliases."""

    def __init__(self, nlp: Language):
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for actor in actors().values():
            exact = [nlp.make_doc(a) for a in actor.aliases if _case_sensitive(a)]
            folded = [nlp.make_doc(a) for a in actor.aliases if not _case_sensitive(a)]
            if exact:
                self.exact.add(actor.name, exact)
            if folded:
                self.folded.add(actor.name, folded)

    def __call__(self, doc: Doc) -> Doc:
        matches = [*self.exact(doc, as_spans=True), *self.folded(doc, as_spans=True)]
        doc.spans[SPAN_KEY] = filter_spans(matches)
        return doc


@Language.factory("eventmap_actors")
def make_actor_matcher(nlp: Language, name: str) -> ActorMatcher:
    """Factory so the matcher is added with nlp.add_pipe("eventmap_actors")."""
    return ActorMatcher(nlp)
