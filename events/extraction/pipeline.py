"""The one place where the extraction's spaCy pipeline is assembled, per language.

It starts from the geocoder's pipeline with the dependency parse kept (geo.nlp.new_pipeline with
parse=True: the language model without its lemmatizer, plus the "eventmap_places" component) and
adds the actor and trigger components. The rules read the parse (roles, blockers, place choice),
parts of speech, morphology and sentences; none reads lemmas, so the lemmatizer is not loaded.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from events.extraction import actors as _actors  # noqa: F401  (registers "eventmap_actors")
from events.extraction import triggers as _triggers  # noqa: F401  (registers "eventmap_triggers")

SUPPORTED = ("fr", "en")


@lru_cache(maxsize=len(SUPPORTED))
def get_pipeline(lang: str) -> Language:
    """The extraction pipeline for "fr" or "en", built once per process."""
    from geo.nlp import new_pipeline

    nlp = new_pipeline(lang, parse=True)
    nlp.add_pipe("eventmap_actors")
    nlp.add_pipe("eventmap_triggers", config={"langs": [lang]})
    return nlp
