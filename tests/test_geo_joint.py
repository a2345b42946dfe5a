"""Document-level resolution: a name is looked for inside the governorate the text places it in."""

from __future__ import annotations

from geo import geoparse
from geo.joint import document_focus, resolve_document
from geo.matcher import Found
from geo.relations import holder_link, targeted


def _mention(text: str, written: str, lang: str = "en"):
    found = [m for m in geoparse(text, lang) if m.text == written]
    assert found, f"{written!r} not among {[m.text for m in geoparse(text, lang)]}"
    return found[0].resolution


def test_a_village_in_a_governorates_countryside_is_the_one_of_that_governorate():
    res = _mention("Shelling targets Zammar village in the southern countryside of Aleppo",
                   "Zammar")
    assert (res.country, res.admin1) == ("SY", "Aleppo")


def test_a_name_the_matcher_misses_is_found_inside_its_governorate_by_a_near_spelling():
    res = _mention("Injuries in shelling on Kaljibrin in the countryside of Aleppo", "Kaljibrin")
    assert (res.country, res.admin1, res.geo_precision) == ("SY", "Aleppo", 1)


def test_a_village_written_before_its_governorate_is_placed_in_it():
    res = _mention("Civilians killed in al Sayyal village, Deir Ezzor governorate, Syria",
                   "al Sayyal")
    assert (res.country, res.admin1) == ("SY", "Deir ez-Zor")


def test_a_namesake_in_another_governorate_gives_way_to_the_one_the_text_names():
    res = _mention("Warplanes strike the Husayniyah area of western Deir Ezzor countryside",
                   "Husayniyah")
    assert res.admin1 == "Deir ez-Zor"


def test_a_compound_name_is_not_read_as_its_first_word():
    mentions = geoparse("April 15th 2017: Mazra’at Yarub, Raqqa governorate, Syria", "en")
    assert "Mazra’at" not in [m.text for m in mentions if m.resolution.resolved]


def test_a_capitalised_sentence_opener_is_not_taken_for_a_village():
    mentions = geoparse("Clashes in Salqin in Idlib leave casualties", "en")
    assert "Clashes" not in [m.text for m in mentions]
    salqin = next(m for m in mentions if m.text == "Salqin").resolution
    assert (salqin.country, salqin.admin1) == ("SY", "Idlib")


def test_a_relative_phrase_container_keeps_its_own_point():
    res = _mention("Des drones abattus près du village de Ghanem al-Ali, dans la campagne est "
                   "de Raqqa", "Raqqa", "fr")
    assert res.geo_precision == 2 and res.feature != "governorate"


def test_container_links_are_place_nouns_areas_and_in_but_not_directions():
    assert holder_link(" village in the southern countryside of ", "en") is not None
    assert holder_link(" area of western ", "en") is not None
    assert holder_link(", à ", "fr") is not None
    assert holder_link(", ", "en").comma_only
    assert holder_link(" east of ", "en") is None
    assert holder_link(" and ", "en") is None
    assert holder_link(" of ", "en") is None


def test_a_name_written_with_a_place_noun_is_a_place_even_when_ner_misses_it():
    res = _mention("Warplanes raid on Rastan city and kill four citizens", "Rastan")
    assert (res.country, res.admin1) == ("SY", "Homs")


def test_an_attacked_name_is_a_place():
    res = _mention("Casualties and injuries in shelling on Anadan", "Anadan")
    assert (res.country, res.admin1) == ("SY", "Aleppo")


def test_an_article_spelt_otherwise_still_writes_the_name():
    res = _mention("More than 11 killed in al-Dumayr city’s clashes", "al-Dumayr")
    assert (res.country, res.admin1) == ("SY", "Rif Dimashq")


def test_the_tail_of_a_possessive_name_is_not_looked_up_in_the_next_place():
    mentions = geoparse("A dinner was held at Eva's Village in Paterson", "en")
    assert all(m.resolution.name != "Leisure Village" for m in mentions)
    assert "Village" not in [m.text for m in mentions]


def test_attack_words_before_a_name_make_it_a_target():
    text = "Airstrikes target Maskanah while the senators focus on Trump"
    assert targeted(text, text.index("Maskanah"), "en")
    assert not targeted(text, text.index("Trump"), "en")


def test_a_country_adjective_in_a_compound_does_not_set_the_focus():
    assert document_focus("Turkish-backed factions clash again; an explosion rocks the city") == ()
    assert document_focus("Turkish forces shell the city; Turkish drones fly over it") == ("TR",)


def test_names_listed_before_a_contained_one_share_its_container():
    mentions = geoparse("Airstrikes hit Khan Shaykhun and Sinjar in the countryside of Idlib", "en")
    sinjar = next(m for m in mentions if m.text == "Sinjar").resolution
    assert (sinjar.country, sinjar.admin1) == ("SY", "Idlib")  # not Sinjar in Iraq


def test_a_country_written_as_a_surname_or_in_lower_case_sets_no_focus():
    assert document_focus("BMW teammates Colin Turkington and Andrew Jordan won again.",
                          "en") == ()
    assert document_focus("They roasted a turkey for the holiday.", "en") == ()
    assert document_focus("Jordan closed its border on Monday.", "en") == ("JO",)


def test_a_street_the_gazetteer_lacks_lies_in_the_town_the_text_names():
    text = "Crowds filled New Orleans on Friday. Later, Frenchmen Street reopened to traffic."
    street = _mention(text, "Frenchmen Street")
    town = _mention(text, "New Orleans")
    assert (street.latitude, street.longitude) == (town.latitude, town.longitude)
    assert street.geo_precision == 2


def test_a_street_or_building_is_not_a_near_spelling_of_a_town_but_in_the_town_named():
    text = ("Protesters marched through Atlanta on Monday and gathered outside City Hall, "
            "then walked down Press Street.")
    town = _mention(text, "Atlanta")
    for written in ("City Hall", "Press Street"):  # not Hialeah, Gay Street, Presa (Iraq)
        res = _mention(text, written)
        assert (res.latitude, res.longitude, res.geo_precision) == (town.latitude,
                                                                    town.longitude, 2)


def test_an_organisation_named_after_a_place_is_placed_near_it():
    res = _mention("Officials at Nenagh Municipal District approved the plan.",
                   "Nenagh Municipal District")
    assert (res.name, res.country, res.geo_precision) == ("Nenagh", "IE", 2)


def test_a_state_named_alone_is_the_state_not_a_small_namesake_abroad():
    res = _mention("Voters in Arizona went to the polls on Tuesday.", "Arizona")
    assert (res.country, res.feature) == ("US", "governorate")


def test_a_name_placed_by_its_container_keeps_that_place_when_written_again_alone():
    mentions = [m for m in geoparse("Warplanes strike the Husayniyah area of western Deir Ezzor "
                                    "countryside. Residents fled Husayniyah on Friday.", "en")
                if m.text == "Husayniyah"]
    assert len(mentions) == 2
    assert {m.resolution.admin1 for m in mentions} == {"Deir ez-Zor"}


def test_a_place_written_before_a_state_abbreviation_is_the_one_in_that_state():
    mentions = [m for m in geoparse("Seventeen people were killed in a school shooting in "
                                    "Parkland, Fla., on Wednesday. Students from Parkland "
                                    "later marched.", "en") if m.text == "Parkland"]
    assert len(mentions) == 2
    assert {(m.resolution.country, m.resolution.admin1) for m in mentions} == {("US", "Florida")}


def test_the_generic_head_of_an_organisations_name_is_no_place():
    mentions = geoparse("Sarah Smith, a professor of geoscience at the University of Alberta, "
                        "told reporters the data were clear.", "en")
    assert [(m.text, m.resolution.country) for m in mentions] == [("Alberta", "CA")]



def test_acronyms_folded_to_places_abroad_do_not_set_the_country_a_story_is_about():
    """NER takes "CISOs" and "CAGR" for places and the gazetteer's folding stretches both to
    Turkish villages; only Dubai is written as a place's name, so the story is not read as set
    in Turkey and the acronyms get no dot there."""
    text = ("Buyers from across the Gulf met in Dubai, where CISOs said spending and the CAGR of "
            "the market keep rising.")
    found = [Found(text.index(w), text.index(w) + len(w), "ner")
             for w in ("Gulf", "Dubai", "CISOs", "CAGR")]
    placed = {text[f.start : f.end]: res for f, res, _ in resolve_document(text, found, "en")}
    assert placed["Dubai"].country == "AE"
    assert placed["CISOs"].country != "TR" and placed["CAGR"].country != "TR"


def test_a_possessive_is_the_place_named_not_a_near_spelling_of_it():
    korea = _mention("Samsung opened a plant in Suwon. South Korea's exports rose.",
                     "South Korea's")
    assert (korea.name, korea.feature) == ("South Korea", "country")  # not Guri-si, near Suwon
    parish = _mention("St. Peter's parish in Manitoba grew.", "St. Peter's")
    assert parish.name == "St. Peter's"  # the place written so


def test_a_site_named_after_a_place_written_without_its_article_is_placed_there():
    """"Yarmouk Basin" is named after al-Yarmūk ("Yarmouk Camp"): the article and the kind word
    are not letters of the name, so the basin is placed there, not at a US village called Basin."""
    basin = _mention("A massacre in Koayiah in Yarmouk Basin claims the lives of 8 citizens",
                     "Yarmouk Basin")
    assert (basin.country, basin.geo_precision) == ("SY", 2)


def test_a_story_naming_a_province_places_its_towns_there_over_namesakes_abroad():
    text = ("Like other towns in Alberta, Hinton sits among oil wells. The council of Hinton hopes "
            "to drill for heat. Engineers from Alberta visited projects in Boise, Idaho, and in "
            "Klamath Falls, Oregon, before returning to Hinton.")
    hinton = {(m.resolution.country, m.resolution.admin1) for m in geoparse(text, "en")
              if m.text == "Hinton"}
    assert hinton == {("CA", "Alberta")}


def test_a_state_name_in_a_story_naming_another_country_is_a_place_of_that_country():
    res = _mention("Community groups across Ireland can apply for energy grants this year. The "
                   "project in Virginia was chosen, and its hall was audited last week. Groups in "
                   "Cavan and Ballinagh also took part, the council in Cavan said.", "Virginia")
    assert (res.country, res.feature) == ("IE", "village")
