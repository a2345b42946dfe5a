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


def test_a_name_after_a_persons_title_is_that_person():
    text = ("M. Gard, avocat, a parlé à Sion. Le général Tranco et sa fille née Bourgoin "
            "sont arrivés à Lausanne.")
    assert _texts(text) == ["Sion", "Lausanne"]


def test_nouns_for_inhabitants_are_people_not_places():
    text = ("Le Kényan Abel Kirui a gagné à Vienne devant la Kényane Pamela Chepchumba ; "
            "les Vaudois et les Fribourgeois ont fêté le Jurassien à Genève.")
    texts = _texts(text)
    assert "Vienne" in texts and "Genève" in texts
    assert not {"Kényan", "Kényane", "Vaudois", "Fribourgeois", "Jurassien"} & set(texts)


def test_the_gazetteers_own_names_with_such_endings_stay_places():
    mentions = {m.text: m for m in geoparse("Des orages ont frappé le Valais et Milan.", "fr")}
    assert mentions["Valais"].resolution.country == "CH"
    assert mentions["Milan"].resolution.country == "IT"


def test_a_city_in_a_newspapers_title_is_not_a_mention():
    text = ("On lit dans le Journal de Genève et dans la Gazette de Lausanne que le "
            "Gouvernement a reçu un courrier de Berlin.")
    assert _texts(text) == ["Berlin"]


def test_a_street_opened_by_its_noun_is_a_place_in_the_town_the_text_names():
    mentions = {m.text: m for m in geoparse(
        "Un incendie a éclaté à Genève, au boulevard Haussmann, puis dans la vallée de Lungnez.",
        "fr")}
    street = mentions["boulevard Haussmann"].resolution
    assert street.country == "CH" and street.geo_precision == 2  # placed at Geneva, near
    assert "vallée de Lungnez" in mentions
    assert not any("Jean" in t for t in _texts("Il a parlé à la place de Jean à Lyon."))


def test_au_and_du_stand_for_the_article_of_the_place_name():
    mentions = geoparse("Le navire a quitté le port du Havre pour rejoindre un chantier "
                        "du Mans, puis il est reparti au Locle.", "fr")
    places = {m.text: (m.resolution.name, m.resolution.country) for m in mentions}
    assert places["Havre"] == ("Le Havre", "FR")
    assert places["Mans"] == ("Le Mans", "FR")
    assert places["Locle"] == ("Le Locle", "CH")


def test_a_name_known_only_with_its_article_is_found_after_au_or_du():
    mentions = geoparse("La masse sera liquidée sommairement, le juge de paix du Locle fait, "
                        "en conséquence, connaître au Grand Conseil sa décision.", "fr")
    assert [(m.text, m.resolution.name) for m in mentions] == [("Locle", "Le Locle")]


def test_a_dateline_glued_to_the_previous_dispatchs_dash_is_a_place():
    mentions = geoparse("Une nouvelle note Kellogg -PARIS, 29 (Havas). — Une dépêche arrive.",
                        "fr")
    paris = [m for m in mentions if "PARIS" in m.text]
    assert len(paris) == 1 and paris[0].resolution.country == "FR"


def test_a_glued_datelines_mention_holds_the_name_without_the_dash():
    text = "Une nouvelle note Kellogg -PARIS, 29 (Havas). — Une dépêche arrive."
    paris = [m for m in geoparse(text, "fr") if "PARIS" in m.text]
    assert [(m.text, text[m.start : m.end]) for m in paris] == [("PARIS", "PARIS")]
