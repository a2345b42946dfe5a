"""Sentences as the rules see them: spaCy's sentences, cut again at every line break.

Headlines, captions and bylines rarely end with a full stop, and the parser glues them to the
next paragraph; an event must not inherit a caption's place or date, so a line break always ends
a segment. (Presetting sentence starts before the parser makes it split lines in odd places.)
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span


def segments(doc: Doc, start: int = 0) -> Iterator[Span]:
    """Segments of doc from token `start` on, in order, without empty ones."""
    for sentence in doc.sents:
        if sentence.end <= start:
            continue
        begin = max(sentence.start, start)
        for token in doc[begin : sentence.end]:
            if "\n" in token.text:
                if token.i > begin:
                    yield doc[begin : token.i]
                begin = token.i + 1
        if begin < sentence.end:
            yield doc[begin : sentence.end]
