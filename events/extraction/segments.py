"""Sentences as the rules see them: spaCy's sentences, cut again at every line break.

Headlines, captions and bylines rarely end with a full stop, and the parser glues them to the
next paragraph; an event must not inherit a caption's place or date, so a line break always ends
a segment. (Presetting sentence starts before the parser makes it split lines in odd places.)
The parser's odd splits inside a line ("En Syrie" | ", les forces ..."; "March 3rd 2017: (S470)" |
"Raqqa governorate") are mended: a sentence that starts with a comma or a lower-case word, or
follows one that does not end with a full stop, continues the previous one.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

CONTINUATION_PUNCT = frozenset({",", ";", ":", ")", "»"})
SENTENCE_END = frozenset({".", "!", "?", "…", "...", "»", '"', "”"})


def _continues(token_text: str, previous_last: str) -> bool:
    return (
        token_text in CONTINUATION_PUNCT
        or token_text[:1].islower()
        or previous_last not in SENTENCE_END
    )


def _lines(doc: Doc) -> Iterator[tuple[int, int]]:
    """Token ranges of spaCy sentences, with continuation sentences joined to the previous."""
    current: tuple[int, int] | None = None
    for sentence in doc.sents:
        joined = (
            current is not None
            and _continues(sentence[0].text, doc[sentence.start - 1].text)
            and "\n" not in doc[sentence.start - 1].text_with_ws
        )
        if joined:
            current = (current[0], sentence.end)
            continue
        if current is not None:
            yield current
        current = (sentence.start, sentence.end)
    if current is not None:
        yield current


def segments(doc: Doc, start: int = 0) -> Iterator[Span]:
    """Segments of doc from token `start` on, in order, without empty ones."""
    for first, end in _lines(doc):
        if end <= start:
            continue
        begin = max(first, start)
        for token in doc[begin:end]:
            if "\n" in token.text:
                if token.i > begin:
                    yield doc[begin : token.i]
                begin = token.i + 1
        if begin < end:
            yield doc[begin:end]
