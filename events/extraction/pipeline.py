"""The one place where the extraction's spaCy pipeline is assembled, per language.

It starts from the geocoder's pipeline (geo.nlp.new_pipeline: the language model plus the
"eventmap_places" component) and adds the actor and trigger components. The lemmatizer is
excluded: every rule matches on lower-cased tokens, and it is a large share of spaCy's time.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from events.extraction import actors as _actors  # noqa: F401  (registers "eventmap_actors")
from events.extraction import triggers as _triggers  # noqa: F401  (registers "eventmap_triggers")

UNUSED_PIPES = ("lemmatizer",)
SUPPORTED = ("fr", "en")


@lru_cache(maxsize=len(SUPPORTED))
def get_pipeline(lang: str) -> Language:
    """The extraction pipeline for "fr" or "en", built once per process."""
    from geo.nlp import new_pipeline

    nlp = new_pipeline(lang)
    for name in UNUSED_PIPES:
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("eventmap_actors")
    nlp.add_pipe("eventmap_triggers", config={"langs": [lang]})
    return nlp
