"""The language model's attribute rules (tag → part of speech and morphology, word exceptions),
applied with array operations instead of spaCy's token Matcher.

spaCy's AttributeRuler runs every pattern through its Matcher at every token; with the English
model's 179 patterns that costs about as much as its tagger and parser together. Nearly all of
them test one token's tag, lower-case form, dependency label, part of speech or whitespace, so
they are evaluated here as masks over the Doc's attribute arrays; the few multi-token ones still
go through a Matcher. Matching is done on the values before any rule applies and later rules
override earlier ones, as in AttributeRuler, so the annotations are the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.util import minibatch

TESTED = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "POS": POS, "IS_SPACE": IS_SPACE}  # TAG first
TESTED_COLUMNS = list(TESTED.values())
WRITTEN_COLUMNS = [POS, TAG, MORPH, LEMMA, DEP]


@dataclass
class Test:
    """One token condition: the column tested, the accepted values, and whether they are
    accepted (IN) or refused (NOT_IN)."""

    column: int
    values: np.ndarray
    accept: bool


def _value_id(doc_vocab, key: str, value) -> int:
    if key == "POS":
        return POS_IDS[value]
    if key == "IS_SPACE":
        return int(bool(value))
    return doc_vocab.strings.add(value)


def _compile(vocab, token_pattern: dict) -> list[Test] | None:
    """Tests for a one-token pattern, or None when it uses something only the Matcher reads."""
    tests = []
    for key, spec in token_pattern.items():
        if key not in TESTED:
            return None
        accept = True
        if isinstance(spec, dict):
            if len(spec) != 1 or not spec.keys() <= {"IN", "NOT_IN"}:
                return None
            ((operator, values),) = spec.items()
            accept = operator == "IN"
        else:
            values = [spec]
        ids = np.array([_value_id(vocab, key, v) for v in values], dtype=np.uint64)
        tests.append(Test(TESTED_COLUMNS.index(TESTED[key]), ids, accept))
    return sorted(tests, key=lambda t: (t.column, not t.accept))  # an accepted tag test first


class ArrayAttributeRules:
    """Drop-in for a model's AttributeRuler with the same rules and the same results."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.updates = [
            [(WRITTEN_COLUMNS.index(attr), np.uint64(value)) for attr, value in attrs.items()]
            for attrs in ruler.attrs
        ]
        self.indices = list(ruler.indices)
        self.single: list[tuple[int, list[Test]]] = []
        self.matcher = Matcher(ruler.vocab)
        for order, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tests = _compile(ruler.vocab, pattern[0]) if len(pattern) == 1 else None
                if tests is None:
                    self.matcher.add(str(order), [pattern])
                else:
                    self.single.append((order, tests))
        # The rules that can apply to a token with a given tag (their first test accepts that
        # tag), and the rules that do not test the tag that way: a Doc only runs the rules of
        # the tags it holds, in their original order.
        self.by_tag: dict[int, list[int]] = {}
        self.untagged: list[int] = []
        for position, (_, tests) in enumerate(self.single):
            if tests[0].column == 0 and tests[0].accept:
                for tag in tests[0].values.tolist():
                    self.by_tag.setdefault(tag, []).append(position)
            else:
                self.untagged.append(position)

    def _targets(self, tested: np.ndarray) -> dict[int, list[np.ndarray]]:
        """Row indexes each one-token rule applies to, by rule order. A rule testing the tag
        only looks at the rows with that tag (most rules do: it makes the work per rule small),
        and is not tried at all when no row has that tag."""
        tags, inverse = np.unique(tested[:, 0], return_inverse=True)
        order_by_tag = np.argsort(inverse, kind="stable")
        bounds = np.searchsorted(inverse[order_by_tag], np.arange(len(tags) + 1))
        rows_of = {int(tag): order_by_tag[bounds[i]:bounds[i + 1]] for i, tag in enumerate(tags)}
        every_row = np.arange(len(tested))
        targets: dict[int, list[np.ndarray]] = {}
        applicable = set(self.untagged)
        for tag in rows_of:
            applicable.update(self.by_tag.get(tag, ()))
        for position in sorted(applicable):
            order, tests = self.single[position]
            rows = every_row
            for test in tests:
                if test.column == 0 and test.accept:
                    found = [rows_of[v] for v in test.values.tolist() if v in rows_of]
                    rows = np.concatenate(found) if found else rows[:0]
                    continue
                values = tested[rows, test.column]
                hit = (values == test.values[0] if len(test.values) == 1
                       else np.isin(values, test.values))
                rows = rows[hit if test.accept else ~hit]
                if not len(rows):
                    break
            if len(rows):
                targets.setdefault(order, []).append(rows)
        return targets

    def _add_matches(self, doc: Doc, offset: int, targets: dict[int, list[np.ndarray]]
                     ) -> None:
        """Add the token each multi-token rule matched in ``doc`` (whose first row is
        ``offset``) to its rule's targets."""
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            order = int(doc.vocab.strings[match_id])
            index = self.indices[order]
            at = start + index if index >= 0 else end + index
            targets.setdefault(order, []).append(np.array([offset + at]))

    def _apply(self, docs: list[Doc]) -> None:
        """Run the rules on several Docs at once: their rows are stacked, so the one-token
        rules run once for all of them (a rule's answer for a token depends on that token
        only); multi-token rules are matched in each Doc apart."""
        docs = [doc for doc in docs if len(doc)]
        if not docs:
            return
        tested = np.concatenate([d.to_array(TESTED_COLUMNS).reshape(len(d), -1) for d in docs])
        written = np.concatenate([d.to_array(WRITTEN_COLUMNS).reshape(len(d), -1)
                                  for d in docs])
        offsets = np.cumsum([0] + [len(d) for d in docs]).tolist()
        targets = self._targets(tested)
        if len(self.matcher):
            for doc, offset in zip(docs, offsets, strict=False):
                self._add_matches(doc, offset, targets)
        for order, at in sorted(targets.items()):
            rows = np.concatenate(at)
            for column, value in self.updates[order]:
                written[rows, column] = value
        for doc, start, end in zip(docs, offsets, offsets[1:], strict=False):
            doc.from_array(WRITTEN_COLUMNS, written[start:end])

    def __call__(self, doc: Doc) -> Doc:
        self._apply([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """What ``nlp.pipe`` calls: the rules run once per batch of Docs, not once per Doc
        (the fixed cost of a call is most of the work on short Docs)."""
        for batch in minibatch(docs, size=batch_size):
            self._apply(batch)
            yield from batch


@Language.factory("eventmap_attribute_rules")
def make_attribute_rules(nlp: Language, name: str) -> ArrayAttributeRules:
    """spaCy factory: the rules of the pipeline's own "attribute_ruler" component."""
    return ArrayAttributeRules(nlp.get_pipe("attribute_ruler"))
