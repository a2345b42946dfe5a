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
