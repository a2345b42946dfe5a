"""geo.geoparse and the spaCy component: place mentions found, filtered and resolved in context."""

from __future__ import annotations

import pytest

from geo import geoparse
from geo.distance import haversine_km
from geo.nlp import new_pipeline

ACTORS = {"daech", "daesh", "état islamique", "etat islamique", "isis", "fds", "sputnik",
          "sputnik afrique", "état", "etat", "calibre obscura", "coalition"}


@pytest.fixture(scope="session")
def seed_mentions(seed_articles):
    """{file: mentions} for the five seed articles, geoparsed once."""
    return {name: geoparse(text, "fr") for name, (text, _) in seed_articles.items()}


def _near(mentions, point, km=10):
    return [m for m in mentions if m.resolution.resolved and haversine_km(
        m.resolution.latitude, m.resolution.longitude, *point) < km]


def _find(mentions, text):
    found = [m for m in mentions if m.text == text]
    assert found, f"{text!r} not found among {[m.text for m in mentions]}"
    return found


@pytest.mark.parametrize(("file", "text", "point"), [
    ("0e94f913e2e749a1.txt", "Ghanem al-Ali", (35.7754, 39.4033)),
    ("0e94f913e2e749a1.txt", "Raqqa", (35.9528, 39.0079)),
    ("0e94f913e2e749a1.txt", "Damas", (33.5134, 36.2916)),
    ("f549ceba8815f688.txt", "Al-Sukhnah", (34.8846, 38.8749)),
    ("f549ceba8815f688.txt", "Homs", (34.7268, 36.7234)),
    ("f549ceba8815f688.txt", "Deir Ezzor", (35.3359, 40.1408)),
    ("f549ceba8815f688.txt", "Tal Tamar", (36.6556, 40.3708)),
    ("f549ceba8815f688.txt", "Hasaka", (36.5024, 40.7477)),
    ("cfa563b15047df66.txt", "Abou Kamal", (34.4500, 40.9186)),
    ("cf6bfb46e9628c8d.txt", "Al-Boukamal", (34.4500, 40.9186)),
    ("cf6bfb46e9628c8d.txt", "al-Qaïm", (34.39, 40.99)),
    ("cf6bfb46e9628c8d.txt", "Jarablous", (36.8175, 38.0111)),
    ("1faeba03072df517.txt", "Damas", (33.5134, 36.2916)),
])
def test_seed_place_mentions_resolve_to_the_right_place(seed_mentions, file, text, point):
    for mention in _find(seed_mentions[file], text):
        assert _near([mention], point, km=25 if text == "al-Qaïm" else 10), mention.resolution


def test_province_mentions_give_the_governorate(seed_mentions):
    idlib = _find(seed_mentions["1faeba03072df517.txt"], "Idlib")[0]
    assert idlib.resolution.geo_precision == 3 and idlib.resolution.feature == "governorate"
    alep = _find(seed_mentions["cf6bfb46e9628c8d.txt"], "Alep")[0]
    assert alep.relation and "province" in alep.relation and alep.resolution.geo_precision == 3


def test_relative_phrases_qualify_their_mentions(seed_mentions):
    first = seed_mentions["0e94f913e2e749a1.txt"]
    assert _find(first, "Raqqa")[0].relation == "east countryside"
    assert _find(first, "Raqqa")[0].resolution.geo_precision == 2
    assert _find(first, "Ghanem al-Ali")[0].relation == "outskirts"
    desert = _find(seed_mentions["f549ceba8815f688.txt"], "Al-Sukhnah")[0]
    assert desert.relation == "desert" and desert.resolution.geo_precision == 2


def test_border_phrase_is_a_region_on_the_border(seed_mentions):
    borders = [m for m in seed_mentions["cf6bfb46e9628c8d.txt"] if m.relation == "border"]
    assert borders and borders[0].resolution.geo_precision == 3
    assert borders[0].resolution.resolved


def test_actors_and_media_are_never_places(seed_mentions):
    for mentions in seed_mentions.values():
        assert not {m.text.casefold() for m in mentions} & ACTORS


def test_unknown_crossing_point_stays_unresolved(seed_mentions):
    for mention in seed_mentions["cf6bfb46e9628c8d.txt"]:
        if "Sawab" in mention.text:
            assert not mention.resolution.resolved and mention.resolution.reason


def test_offsets_point_into_the_input(seed_articles, seed_mentions):
    for name, mentions in seed_mentions.items():
        text = seed_articles[name][0]
        assert mentions
        for m in mentions:
            assert text[m.start : m.end] == m.text


def test_fresh_pipeline_exposes_places_spans_for_later_components():
    nlp = new_pipeline("fr")
    assert "eventmap_places" in nlp.pipe_names
    doc = nlp("Des combats ont eu lieu près de Raqqa, dans la province d'Idlib.")
    spans = {s.text: s for s in doc.spans["places"]}
    assert spans["Raqqa"]._.relation == "near"
    assert spans["Raqqa"]._.resolution.geo_precision == 2
    assert spans["Idlib"]._.resolution.feature == "governorate"


def test_english_text_is_geoparsed():
    mentions = geoparse("Clashes erupted near Aleppo and in the eastern Deir ez-Zor countryside, "
                        "Syrian state media said.", "en")
    by_text = {m.text: m for m in mentions}
    assert by_text["Aleppo"].relation == "near"
    assert haversine_km(by_text["Aleppo"].resolution.latitude,
                        by_text["Aleppo"].resolution.longitude, 36.2012, 37.1612) < 10
    assert "countryside" in by_text["Deir ez-Zor"].relation


@pytest.mark.parametrize("bad", ["", "   \n ", "\x00" * 50, None, "\u200f" * 20,
                                 "x" * 2_000_001])
def test_bad_text_gives_no_mentions_and_no_exception(bad):
    assert geoparse(bad, "fr") == []


def test_governorate_written_after_a_village_is_its_container():
    mentions = geoparse("Des renforts sont arrivés près de la ville de Tal Tamar à Hassaka.", "fr")
    by_text = {m.text: m for m in mentions}
    village, holder = by_text["Tal Tamar"].resolution, by_text["Hassaka"].resolution
    assert haversine_km(village.latitude, village.longitude, 36.6556, 40.3708) < 10
    assert holder.feature == "governorate" and holder.geo_precision == 3
    assert village.confidence >= 0.7


def test_a_text_about_continents_is_geoparsed_without_error():
    mentions = geoparse("L'Europe et l'Afrique. En Europe, en Afrique et en Asie, Europe.", "fr")
    assert {m.resolution.feature for m in mentions} == {"continent"}


@pytest.mark.parametrize("text", [
    "The Daily Mail reported that the President met the CEO of BA on Monday.",
    "Sen. Jae Choi, the TV host, told ABC and CNN that the trail was closed.",
    "Veterans of the War gathered; the war ended decades ago.",
])
def test_english_common_words_and_acronyms_are_not_places(text):
    assert geoparse(text, "en") == []


def test_english_places_next_to_common_words_are_kept():
    mentions = geoparse("Fighting near Homs killed four people, and officials in the UAE and in "
                        "Karnataka welcomed the truce.", "en")
    names = {m.text: m.resolution for m in mentions}
    assert {"Homs", "UAE", "Karnataka"} <= set(names)
    assert names["UAE"].country == "AE" and names["Karnataka"].country == "IN"


def test_english_capital_abbreviation_tagged_as_place_is_not_a_pronoun():
    mentions = geoparse("Officials said US troops would stay, and the talks went on.", "en")
    assert [(m.text, m.resolution.country) for m in mentions] == [("US", "US")]


def test_english_region_that_ner_calls_a_person_is_kept_but_a_surname_is_not():
    mentions = geoparse("The hearing was adjourned. Tamil Nadu, which filed the petition, said "
                        "so. Tamil Nadu accused the Centre of delay.", "en")
    assert {m.resolution.country for m in mentions if m.text == "Tamil Nadu"} == {"IN"}
    assert geoparse("Ashley Sutton won the race, and Sutton thanked his team.", "en") == []


def test_a_dotted_state_abbreviation_after_a_dateline_or_in_brackets_is_the_state():
    for text, code, state in (("PLEASANTON, Calif.--A maker of sensors said on Monday.",
                               "Calif.", "California"),
                              ("The Walker County (Ga.) Sheriff's Office asked for help.",
                               "Ga.", "Georgia")):
        found = {m.text: m for m in geoparse(text, "en")}
        assert found[code].resolution.name == state
        assert found[code].kind == "abbreviation"


def test_a_dotted_state_abbreviation_before_a_name_is_a_title():
    assert "Miss." not in {m.text for m in geoparse("Mrs. Smith, Miss. Jones and others.", "en")}


def test_the_soviet_union_is_placed_in_russia():
    (mention,) = geoparse("The nerve agent was developed by the Soviet Union.", "en")
    assert mention.resolution.country == "RU"
