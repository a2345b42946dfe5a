"""Actors, roles, types and fatality counts on short written sentences (French and English)."""

from __future__ import annotations

import pytest

from events import extract


@pytest.fixture(scope="module")
def one():
    def first(text, lang="fr", published="2020-04-14"):
        events = extract(text, published=published, lang=lang)
        assert events, text
        return events[0]

    return first


def test_aliases_of_one_actor_share_a_canonical_name(one):
    for alias in ("Daech", "l’État islamique", "l'EI", "ISIS"):
        event = one(f"Les FDS ont affronté {alias} lors d'affrontements à Raqqa.")
        assert event.actor2 == "Islamic State", alias
        assert event.actor1 == "SDF: Syrian Democratic Forces", alias


def test_fatalities_add_up_across_groups(one):
    event = one(
        "Des affrontements ont fait 18 morts parmi les forces du régime et 11 membres "
        "de Daech ont été tués près de Palmyre."
    )
    assert event.fatalities == 29


def test_at_least_counts_the_number(one):
    event = one("Des frappes aériennes russes ont tué au moins 39 civils à Idlib.")
    assert event.fatalities == 39
    assert event.actor1 == "Military Forces of Russia"
    assert event.actor2 == "Civilians (Syria)"


def test_wounded_are_not_fatalities(one):
    event = one("Un bombardement de l'armée syrienne a fait 12 blessés à Deraa.")
    assert event.fatalities is None


def test_passive_agent_is_actor1(one):
    event = one(
        "Clashes erupted as the village was attacked by ISIS fighters near Deir ez-Zor.", lang="en"
    )
    assert event.actor1 == "Islamic State"


def test_english_is_is_not_the_islamic_state():
    events = extract("The situation is calm and there is no fighting reported today.", lang="en")
    assert all("Islamic State" not in (e.actor1, e.actor2) for e in events)


def test_patrol_is_a_change_to_group_activity(one):
    event = one(
        "La police militaire russe a effectué une patrouille le 13 avril près de Tal Tamar."
    )
    assert (event.event_type, event.sub_event_type) == (
        "Strategic developments",
        "Change to group/activity",
    )
    assert (event.event_date, event.time_precision) == ("2020-04-13", 1)


def test_shooting_down_a_drone_is_disrupted_weapons_use(one):
    event = one("SDF fighters shot down an ISIS drone near Hajin.", lang="en")
    assert event.sub_event_type == "Disrupted weapons use"


def test_regime_retaking_a_town_is_government_regains_territory(one):
    event = one("L'armée syrienne a repris le contrôle de la ville de Maaret al-Noomane.")
    assert event.sub_event_type == "Government regains territory"


def test_undated_article_gives_undated_events():
    events = extract("Des affrontements ont opposé les FDS à Daech près de Raqqa.", published=None)
    assert events and all(e.event_date is None for e in events)


def test_a_text_without_events_gives_none():
    assert extract("Le ministère a publié un communiqué sur la situation économique.") == []


def test_language_is_guessed_when_not_given():
    (event, *_) = extract(
        "Russian warplanes struck the town of Saraqib yesterday, killing 3 civilians.",
        published="2018-02-05",
    )
    assert event.language == "en"
    assert (event.event_date, event.time_precision) == ("2018-02-04", 1)
    assert event.fatalities == 3


def test_empty_text_gives_no_events():
    assert extract("", published="2020-01-01") == []


def test_oversized_text_is_refused_with_a_clear_reason():
    with pytest.raises(ValueError, match="characters, more than"):
        extract("a " * 600_000, lang="fr")


def test_listed_places_give_one_event_each():
    events = extract(
        "Air and missile strikes on Rastan, Houla and Talbiseh in the countryside of Homs.",
        published="2016-05-04",
        lang="en",
    )
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert {"Ar Rastan", "Talbiseh"} <= {e.location for e in strikes}
    assert len({e.event_id for e in events}) == len(events)
