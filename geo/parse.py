"""geoparse(): every place mention of a text, with character offsets and resolutions."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from geo.inputs import clean_text
from geo.language import detect_language
from geo.model import PlaceMention
from geo.nlp import MODELS, SPANS_KEY, new_pipeline


@lru_cache(maxsize=2)
def shared_pipeline(lang: str) -> Language:
    """One pipeline per language, loaded on first use and reused by geoparse()."""
    return new_pipeline(lang)


def detect_lang(text: str) -> str:
    """"fr" or "en" for a text: the pipeline's one language detector, French by default."""
    code = detect_language(text)
    return code if code in MODELS else "fr"


def mentions_of(doc) -> list[PlaceMention]:
    """The PlaceMentions recorded on a Doc processed by the eventmap_places component."""
    return [PlaceMention(span.text, span.start_char, span.end_char, span._.resolution,
                         span._.relation) for span in doc.spans.get(SPANS_KEY, [])]


def geoparse(text: str, lang: str | None = None) -> list[PlaceMention]:
    """Find and resolve every place mention in a text ("fr", "en", or None to detect)."""
    cleaned, problem = clean_text(text)
    if problem:
        return []
    lang = lang if lang in MODELS else detect_lang(cleaned)
    return mentions_of(shared_pipeline(lang)(cleaned))
