"""User overlay (`eventmap gazetteer add`), bad inputs on the command line, and the builder."""

from __future__ import annotations

from pathlib import Path

import pytest

from events.cli import main
from gazetteer import load_index, overlay_path
from gazetteer.build import build
from gazetteer.index import GazetteerIndex, _base_tables

FIXTURE = Path(__file__).parent / "data" / "geonames_SY_fixture.txt"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["gazetteer", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_wadi_al_sawab_is_not_found_until_the_user_adds_it(gazetteer_index, capsys):
    code, out, err = run(capsys, "lookup", "Wadi al-Sawab")
    assert code == 1
    assert "not found" in err
    assert out == ""

    code, out, _ = run(
        capsys,
        "add",
        "Wadi al-Sawab",
        "--lat",
        "35.05",
        "--lon",
        "40.42",
        "--country",
        "SY",
        "--feature",
        "wadi",
    )
    assert code == 0
    assert overlay_path().exists()

    code, out, _ = run(capsys, "lookup", "Wadi al-Sawab")
    assert code == 0
    assert "user:wadi-al-sawab" in out.splitlines()[0]
    assert "35.05000,40.42000" in out
    first = load_index().candidates("Ouadi al-Sawab")[0]
    assert (first.place.id, first.match) == ("user:wadi-al-sawab", "normalized")


def test_alias_makes_a_new_spelling_find_an_existing_place(gazetteer_index, capsys):
    code, _, err = run(capsys, "lookup", "--no-fuzzy", "Qabr Fixturawi")
    assert code == 1 and "not found" in err
    code, out, _ = run(capsys, "add", "Qabr Fixturawi", "--alias-of", "gn:169179")
    assert code == 0, out
    code, out, _ = run(capsys, "lookup", "Qabr Fixturawi")
    assert code == 0
    assert out.startswith("gn:169179")
    place = load_index().get("gn:169179")
    assert ("und", "Qabr Fixturawi") in place.names


def test_info_shows_the_overlay_path(gazetteer_index, capsys):
    code, out, _ = run(capsys, "info")
    assert code == 0
    assert str(overlay_path()) in out


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["lookup", "x" * 10_000], "characters long"),
        (["lookup", "?!"], "no letters"),
        (["lookup", "Raq\x01qa"], "control characters"),
        (["add", "", "--lat", "1", "--lon", "1", "--country", "SY"], "empty"),
        (["add", "Nowhere", "--lat", "95", "--lon", "1", "--country", "SY"], "outside"),
        (["add", "Nowhere", "--lat", "nan", "--lon", "1", "--country", "SY"], "finite"),
        (["add", "Nowhere", "--lat", "35", "--lon", "40"], "--country"),
        (["add", "Bad\tname", "--lat", "35", "--lon", "40", "--country", "SY"], "control"),
        (["add", "Alias", "--alias-of", "gn:nope"], "no place with id"),
    ],
)
def test_bad_input_gets_one_clear_line_and_exit_2(gazetteer_index, capsys, argv, reason):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert reason in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert not overlay_path().exists()


def test_corrupt_overlay_is_reported_once_and_skipped(gazetteer_index, capsys):
    path = overlay_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xfe garbage \x00\x01 not a tsv")
    index = load_index()
    err = capsys.readouterr().err
    assert err.count("warning") == 1 and str(path) in err
    assert index.candidates("Idlib", limit=1)[0].place.country == "SY"


def test_overlay_with_one_bad_line_keeps_the_good_ones(gazetteer_index, capsys):
    code, _, _ = run(capsys, "add", "Fixtureville", "--lat", "35", "--lon", "40", "--country", "SY")
    assert code == 0
    with overlay_path().open("a", encoding="utf-8") as handle:
        handle.write("place\tuser:broken\tBroken\tund\tnot-a-number\t40\tvillage\tSY\t\n")
    index = load_index()
    assert "1 malformed line" in capsys.readouterr().err
    assert index.candidates("Fixtureville")[0].place.id == "user:fixtureville"


def test_build_from_a_geonames_dump_reports_malformed_lines(tmp_path):
    report = build(None, tmp_path, [FIXTURE])
    assert report.places == 3
    problems = "\n".join(report.problems)
    assert f"{FIXTURE}:3: expected 19 tab-separated columns, found 3" in problems
    assert f"{FIXTURE}:5: bad geonameid or coordinates" in problems
    index = GazetteerIndex(_base_tables(tmp_path))
    wadi = index.candidates("Wadi al-Sawab", limit=1)[0].place
    assert (wadi.id, wadi.feature, wadi.latitude, wadi.longitude) == (
        "gn:9000001",
        "wadi",
        35.1,
        40.3,
    )
    assert index.candidates("وادي الصواب", limit=1)[0].place.id == "gn:9000001"
    assert index.get("gn:9000003").feature == "camp"


def test_build_command_gives_clear_errors(tmp_path, capsys):
    code, _, err = run(capsys, "build", "--geonames", str(tmp_path / "missing.txt"))
    assert code == 2 and "no such file" in err
    code, out, err = run(capsys, "build", "--geonames", str(FIXTURE), "--out", str(tmp_path))
    assert code == 1
    assert "wrote 3 places" in out
    assert ":3: expected 19" in err
    assert "Traceback" not in err
