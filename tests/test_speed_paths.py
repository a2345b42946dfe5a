"""The fast paths give the same answers: geoparsing without the dependency parser finds the
same places as the full pipeline, and extraction still reads the parse it needs."""

from __future__ import annotations

from events import extract
from events.extraction.pipeline import get_pipeline
from geo.parse import geoparse, mentions_of


def _places(mentions) -> list[tuple[int, int, str | None]]:
    return [(m.start, m.end, m.resolution.place_id if m.resolution else None) for m in mentions]


def test_geoparse_finds_the_places_the_parsing_pipeline_finds(seed_articles):
    parsing = get_pipeline("fr")
    for name, (text, _) in seed_articles.items():
        lean = _places(geoparse(text, "fr"))
        assert lean, name
        assert lean == _places(mentions_of(parsing(text))), name


def test_a_sentence_opening_common_word_is_not_a_place_without_the_parser():
    mentions = geoparse("Police said the convoy was hit near Aleppo.\n"
                        "Officials in Homs confirmed it.", "en")
    assert [m.text for m in mentions] == ["Aleppo", "Homs"]


def test_extraction_still_assigns_roles_from_the_parse():
    (event, *_) = extract("Les Forces démocratiques syriennes ont attaqué Daech près de Raqqa "
                          "le 3 mars 2017.", lang="fr")
    assert (event.actor1, event.actor2) == ("SDF: Syrian Democratic Forces", "Islamic State")
    assert event.location_text == "Raqqa"


def test_french_text_without_a_language_is_read_as_french():
    (event, *_) = extract("Des frappes aériennes russes ont tué 4 civils à Saraqeb hier.",
                          published="2018-02-05")
    assert event.language == "fr"
    assert event.fatalities == 4


def test_parts_of_speech_and_morphology_are_the_language_models_own():
    import spacy

    from geo.nlp import MODELS

    text = ("There are reports that the army, which was hit on Monday, would not withdraw; "
            "but officials said nobody could confirm it. Let's see.\n\nAleppo, 3 March")
    reference = spacy.load(MODELS["en"], exclude=["lemmatizer"])(text)
    ours = get_pipeline("en")(text)
    assert [(t.pos_, str(t.morph), t.dep_) for t in ours] == [
        (t.pos_, str(t.morph), t.dep_) for t in reference]


def test_sentence_openers_get_the_full_models_part_of_speech_without_tagging_the_text():
    from geo.matcher import pos_readers
    from geo.nlp import COMPONENT
    from geo.parse import shared_pipeline

    text = ("Police said the convoy was hit near Aleppo on Monday.\nHoms was quiet. Paris "
            "sent aid; Washington did not. Royal Street was closed.\n\nGeorgia voted. "
            "Officials in Reading confirmed it.")
    lean = shared_pipeline("en")
    with lean.select_pipes(disable=[COMPONENT]):
        doc = lean(text)
    assert not doc.has_annotation("POS")  # the whole text was not tagged
    lean.get_pipe(COMPONENT)(doc)
    reference = get_pipeline("en")(text)
    openers = pos_readers(doc)
    assert {t.text for t in openers} >= {"Police", "Homs", "Paris"}
    assert [(t.text, t.pos_) for t in openers] == [
        (t.text, reference[t.i].pos_) for t in openers]


def test_attribute_rules_give_the_same_annotations_in_a_batch_as_one_by_one():
    texts = ["There are reports that the army, which was hit on Monday, would not withdraw.",
             "Let's see. They're gonna say nothin' about it, y'all.",
             "Aleppo, 3 March\n\nOfficials said nobody could confirm it."]
    nlp = get_pipeline("en")

    def annotations(doc):
        return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]

    assert [annotations(d) for d in nlp.pipe(texts)] == [annotations(nlp(t)) for t in texts]


def test_the_models_multiply_on_one_blas_thread_and_leave_the_process_setting_alone(
        monkeypatch):
    from thinc.backends.ops import Ops
    from threadpoolctl import ThreadpoolController

    from geo.parse import shared_pipeline

    blas = ThreadpoolController().select(user_api="blas")
    threads_inside: list[int] = []
    plain_gemm = Ops.gemm

    def counting_gemm(self, *args, **kwargs):
        threads_inside.append(max(lib["num_threads"] for lib in blas.info()))
        return plain_gemm(self, *args, **kwargs)

    monkeypatch.setattr(Ops, "gemm", counting_gemm)
    with blas.limit(limits=2):
        before = [lib["num_threads"] for lib in blas.info()]
        mentions = geoparse("Police said the convoy was hit near Aleppo.\n"
                            "Officials in Homs confirmed it.", "en")
        after = [lib["num_threads"] for lib in blas.info()]
    assert [m.text for m in mentions] == ["Aleppo", "Homs"]
    assert threads_inside and set(threads_inside) == {1}  # numpy's BLAS ran the products
    assert after == before
    assert shared_pipeline("en").get_pipe("ner").model.ops.use_blis is False


def test_the_entities_are_those_of_spacys_default_matrix_backend():
    import spacy

    from geo.nlp import MODELS
    from geo.parse import shared_pipeline

    text = ("Turkish drones struck Tal Tamar and Qamishli on Tuesday, the Syrian Observatory "
            "for Human Rights said. In Washington, John Kirby told reporters the United States "
            "had asked Ankara for restraint. Aid reached Al-Hol camp near Hasakah.")
    reference = spacy.load(MODELS["en"], exclude=["lemmatizer"])(text)
    with shared_pipeline("en").select_pipes(disable=["eventmap_places"]):
        ours = shared_pipeline("en")(text)
    assert reference.ents and [(e.text, e.label_) for e in ours.ents] == [
        (e.text, e.label_) for e in reference.ents]
    assert [s.start for s in ours.sents] == [s.start for s in reference.sents]
