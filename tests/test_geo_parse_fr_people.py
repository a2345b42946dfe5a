"""French newspaper text: people, headings and scanning fragments that look like place names
are not reported as places, while the places written beside them still are."""

from __future__ import annotations

from geo import geoparse


def _texts(text: str, lang: str = "fr") -> list[str]:
    return [m.text for m in geoparse(text, lang)]


def test_a_full_name_after_a_is_a_person_a_name_alone_a_place():
    text = ("Le record a permis récemment à Patrick Wieser de devenir champion. Quant à "
            "José-Maria Jimenez, il a dû céder son maillot à Abraham Olano à Madrid. "
            "Il est arrivé à Zuoz hier.")
    assert _texts(text) == ["Madrid", "Zuoz"]


def test_people_listed_with_their_town_in_brackets_are_not_places():
    text = ("Ont voté : MM. Chuard (Lausanne), Maillefer (Lausanne), Tissières (Martigny) "
            "et Borelli (Mendrisio).")
    mentions = geoparse(text, "fr")
    assert [m.text for m in mentions] == ["Lausanne", "Lausanne", "Martigny", "Mendrisio"]
    assert {m.resolution.country for m in mentions} == {"CH"}


def test_a_place_written_with_its_canton_after_a_locative_stays_a_place():
    assert _texts("Un accident est survenu à Bossonens (Fribourg) hier soir.") == [
        "Bossonens", "Fribourg"]


def test_a_surname_with_a_particle_after_monsieur_is_a_person():
    mentions = geoparse("M. de Montigny, consul français à Shanghaï, va être appelé à Tokio.",
                        "fr")
    assert [(m.text, m.resolution.country) for m in mentions] == [("Shanghaï", "CN"),
                                                                  ("Tokio", "JP")]


def test_two_letter_fragments_are_not_places_but_bracketed_country_codes_are():
    assert _texts("Lo correspondant conclut. Us ont mis quinze lances en activité à Genève.") \
        == ["Genève"]
    us = geoparse("Evacuation de Daech sous les drones US près de Raqqa.", "fr")[0]
    assert (us.text, us.resolution.country) == ("US", "US")
    mentions = geoparse('Classement : 1. Guidi (It) 2. van Petegem (Be, 8 "). 3. Jalabert (Fr).',
                        "fr")
    assert [(m.text, m.resolution.country) for m in mentions] == [
        ("It", "IT"), ("Be", "BE"), ("Fr", "FR")]


def test_a_name_is_not_cut_at_letters_that_spell_a_function_word():
    mentions = geoparse("On assure qu'ils se sonl rendus à Inspruck. — Nous empruntons les "
                        "détails.", "fr")
    assert [(m.text, m.resolution.country) for m in mentions] == [("Inspruck", "AT")]


def test_a_name_ends_before_a_dangling_article_or_preposition():
    texts = _texts("Les auteurs sont Aldo Jacober, Ugo La Pietra et Paolo Rizzato, de Milan.")
    assert "Milan" in texts and "Ugo La" not in texts
    mentions = geoparse("a school shooting in Parkland, Florida The controversy grew.", "en")
    assert [m.text for m in mentions] == ["Parkland", "Florida"]
