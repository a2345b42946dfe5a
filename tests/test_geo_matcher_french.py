"""French place-name detection in newspaper text: datelines in capitals, and the capitalised
words that are not places (titles, initials, months, nouns for peoples)."""

from __future__ import annotations

from geo import geoparse


def _texts(text: str, lang: str = "fr") -> list[str]:
    return [m.text for m in geoparse(text, lang)]


def test_dateline_in_capitals_is_a_place_even_when_ner_calls_it_an_organisation():
    mentions = {m.text: m for m in geoparse("des consuls. BERNE. — La corporation siège.", "fr")}
    assert mentions["BERNE"].resolution.country == "CH"
    assert "SUISSE" in _texts("SUISSE\nCarte fédérale de lait. — Dans le canton, on vote.")


def test_english_dateline_in_capitals_is_a_place():
    assert "WASHINGTON" in _texts("WASHINGTON (Reuters) - The Senate voted on Tuesday.", "en")


def test_titles_initials_months_and_peoples_are_not_places():
    text = ("M. J. Dupont, envoyé par les Français et les Allemands, arrive en Juin à Lyon "
            "avec Louis III.")
    assert _texts(text) == ["Lyon"]
