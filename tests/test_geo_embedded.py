"""English places named inside organisation names and country abbreviations: found as mentions
of their own kind, and never the place where an event happens."""

from __future__ import annotations

from events import extract
from geo.parse import embedded_resolution, geoparse


def _kinds(text: str, lang: str = "en") -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.kind, m.resolution.country) for m in geoparse(text, lang)}


def test_a_state_inside_a_university_name_is_an_embedded_mention():
    assert _kinds("She studied at the University of Washington last year.")["Washington"] == (
        "embedded", "US")


def test_an_organisation_named_after_a_country_is_an_embedded_mention():
    assert _kinds("In this respect, HSBC Malta stated that it has no information.")["Malta"] == (
        "embedded", "MT")


def test_a_province_postal_code_inside_an_organisation_name_is_the_province():
    mention = next(m for m in geoparse(
        "Since Jan. 1, 2007, FrontCounter BC has processed over 125,000 authorizations.", "en")
                   if m.text == "BC")
    assert (mention.kind, mention.resolution.name) == ("embedded", "British Columbia")


def test_a_small_town_inside_an_organisation_name_is_not_read_as_a_place():
    assert "Allendale" not in _kinds("A fashion show was coordinated by The Allendale "
                                     "Woman's Club on Sunday.")


def test_country_abbreviations_are_the_countries():
    kinds = _kinds("The DPRK and South Korea met. He asked why T&T was not represented.")
    assert kinds["DPRK"] == ("abbreviation", "KP")
    assert kinds["T&T"] == ("abbreviation", "TT")


def test_an_amount_in_us_dollars_is_no_mention_of_the_country():
    assert "US" not in _kinds("The fund lost $US4.5 billion and US$3 million more.")


def test_an_embedded_place_is_never_the_place_of_an_event():
    text = ("Gunmen attacked a convoy of the University of Washington near Aleppo on Tuesday, "
            "killing two.")
    assert _kinds(text)["Washington"][0] == "embedded"
    located = [e for e in extract(text, published="2017-03-10", lang="en")
               if e.latitude is not None]
    assert located and {e.country for e in located} == {"SY"}


def test_an_organisations_country_alone_gives_no_event_place():
    text = "Gunmen killed two staff of HSBC Malta on Tuesday."
    assert _kinds(text)["Malta"][0] == "embedded"
    assert all(e.country != "MT" for e in extract(text, published="2017-03-10", lang="en"))


def test_french_organisation_names_are_unchanged():
    kinds = _kinds("Des étudiants de l'Université de Genève ont manifesté à Lyon.", "fr")
    assert all(kind == "name" for kind, _ in kinds.values())


def test_a_generic_word_inside_an_organisation_name_is_no_place():
    text = "Patients attend the Macmillan Support Centre for treatment, said the Southern Trust."
    assert not [m for m in geoparse(text, "en") if m.kind == "embedded"]


def test_an_organisation_that_is_a_countrys_other_name_is_the_country():
    text = ("President Serzh Sargsyan paid an official visit to the Holy See on Monday. Relations "
            "between the Republic of Armenia and the Holy See are good.")
    holy = [m for m in geoparse(text, "en") if m.text == "Holy See"]
    assert holy and all((m.kind, m.resolution.country, m.resolution.query)
                        == ("name", "VA", "Holy See") for m in holy)


def test_a_word_no_place_is_named_for_gives_a_reason_not_an_error():
    res = embedded_resolution("Zzqx", "Zzqx University said on Monday")
    assert not res.resolved
    assert res.reason


def _named(text: str, name: str) -> tuple[str, str | None]:
    mention = next(m for m in geoparse(text, "en") if m.text == name)
    return mention.kind, mention.resolution.name


def test_a_newspaper_is_named_after_its_city_not_the_state():
    assert _named("The network told The Washington Post the trip was pre-planned.",
                  "Washington") == ("embedded", "Washington D.C.")


def test_a_dateline_in_capitals_names_the_city_it_was_filed_from():
    assert _named("By Jill Colvin, Associated Press\nWASHINGTON (AP) — China vowed on Friday "
                  "to fight back.", "WASHINGTON") == ("embedded", "Washington D.C.")


def test_the_state_inside_a_university_name_stays_the_state():
    assert _named("She studied at the University of Washington last year.",
                  "Washington")[1] == "Washington"
