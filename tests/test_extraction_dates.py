"""Date expressions resolved against the publication date (no model needed)."""

from __future__ import annotations

from datetime import date

import pytest

from events.extraction.dates import find_dates

WEDNESDAY = date(2017, 11, 15)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("ce mercredi, des bombardiers", date(2017, 11, 15), 1),
        ("Mardi, Moscou a révélé", date(2017, 11, 14), 1),
        ("jeudi, les forces", date(2017, 11, 9), 1),
        ("La semaine dernière, les forces armées", date(2017, 11, 8), 2),
        ("libérée de Daech le mois dernier", date(2017, 10, 1), 3),
        ("le 13 avril dans la campagne", date(2017, 4, 13), 1),
        ("le 9 novembre par des drones", date(2017, 11, 9), 1),
        ("le 20 décembre", date(2016, 12, 20), 1),
        ("dans la nuit de samedi à dimanche", date(2017, 11, 11), 1),
        ("yesterday, warplanes struck", date(2017, 11, 14), 1),
        ("on Monday, shelling hit", date(2017, 11, 13), 1),
        ("last week the army", date(2017, 11, 8), 2),
        ("Syria Daily Report 10/02/2016", date(2016, 2, 10), 1),
        ("on 3 March 2016", date(2016, 3, 3), 1),
        ("Fin 2019, le Comité", date(2019, 12, 1), 3),
        ("in early 2018 the group", date(2018, 1, 1), 3),
    ],
)
def test_expressions_resolve_against_publication(text, expected, precision):
    (found,) = find_dates(text, WEDNESDAY)
    assert (found.day, found.precision) == (expected, precision)


def test_relative_dates_need_a_publication_date():
    assert find_dates("mardi, la semaine dernière, hier", None) == []


def test_absolute_dates_resolve_without_publication():
    (found,) = find_dates("le 13 avril 2020", None)
    assert found.day == date(2020, 4, 13)


def test_impossible_dates_are_ignored():
    assert find_dates("le 31/31/2020 et le 30 février 2019", WEDNESDAY) == []
