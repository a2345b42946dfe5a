"""`eventmap ingest`, `extract` and `export` as a user runs them (keyword extraction)."""

from __future__ import annotations

import json

import pytest

from events import store
from events.cli import main

RAQQA = "De violents affrontements ont opposé les FDS à Daech près de Raqqa. Le bilan est lourd."
ALEP = "Des affrontements ont opposé l'armée syrienne aux rebelles à Alep."


@pytest.fixture(autouse=True)
def keyword_extraction(monkeypatch, keyword_extractor):
    """The CLI's extraction replaced by the keyword extractor (no model loading)."""
    monkeypatch.setattr("events.pipeline.default_extractor", lambda: keyword_extractor)


@pytest.fixture
def bad_batch(tmp_path):
    """One good article per format next to every kind of bad input of the issue."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(RAQQA, encoding="utf-8")
    (folder / "rows.jsonl").write_text(
        json.dumps({"text": ALEP, "published": "2017-11-14"}) + "\n{oops\n"
        + json.dumps({"text": RAQQA + " Encore.", "published": "31/31/2020"}) + "\n",
        encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "no_text.csv").write_text("title,body\nA,B\n", encoding="utf-8")
    (folder / "one_line.txt").write_text("x" * 6_000_000, encoding="utf-8")
    (folder / "page.html").write_text(
        "<html><head><script>alert('x')</script></head><body><script>steal()</script>"
        "</body></html>", encoding="utf-8")
    return [str(folder), str(tmp_path / "missing.txt")]


def test_ingest_reports_each_bad_input_once_and_reruns_change_nothing(tmp_path, bad_batch,
                                                                       capsys):
    db = str(tmp_path / "events.sqlite")
    code = main(["ingest", *bad_batch, "--db", db, "--published", "2017-11-15"])
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert code == 1
    assert "Traceback" not in err
    assert len(lines) == 8
    for name in ("binary.txt", "empty.txt", "rows.jsonl:2", "rows.jsonl:3", "no_text.csv",
                 "one_line.txt", "page.html", "missing.txt"):
        assert sum(name in line for line in lines) == 1, name
    assert "2 articles read: 2 new" in out
    with store.open(db) as st:
        before = st.events_frame()
    assert sorted(before.location) == ["Alep", "Raqqa"]

    assert main(["ingest", *bad_batch, "--db", db]) == 1
    out, _ = capsys.readouterr()
    assert "2 already stored" in out
    with store.open(db) as st:
        assert st.events_frame().equals(before)


def test_ingest_of_nothing_readable_exits_2(tmp_path, capsys):
    assert main(["ingest", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "s")]) == 2
    assert "nope.txt: no such file or folder" in capsys.readouterr().err


def test_a_bad_date_option_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["ingest", str(tmp_path), "--published", "31/31/2020"])
    assert stop.value.code == 2
    assert "31/31/2020" in capsys.readouterr().err


def test_extract_prints_json_lines(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(RAQQA, encoding="utf-8")
    assert main(["extract", str(article), "--published", "2017-11-14"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    event = json.loads(line)
    assert (event["location"], event["actor1"], event["event_date"]) == ("Raqqa", "SDF",
                                                                          "2017-11-14")


@pytest.fixture
def db(tmp_path):
    """A store with a Raqqa clash (2017), an Aleppo clash (2018) and an unplaced event."""
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [{"text": RAQQA, "published": "2017-11-14"}, {"text": ALEP, "published": "2018-03-01"},
            {"text": "Des affrontements dans un village.", "published": "2018-03-02"}]
    (folder / "rows.jsonl").write_text("\n".join(map(json.dumps, rows)), encoding="utf-8")
    path = str(tmp_path / "events.sqlite")
    assert main(["ingest", str(folder), "--db", path]) == 0
    return path


def test_export_geojson_to_stdout_with_filters(db, capsys):
    capsys.readouterr()
    assert main(["export", "--format", "geojson", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert {f["properties"]["location"] for f in json.loads(out)["features"]} == {"Raqqa", "Alep"}
    assert "1 events without coordinates left out" in err

    assert main(["export", "--format", "geojson", "--db", db, "--since", "2018-01-01",
                 "--bbox", "36,35,38,37"]) == 0
    features = json.loads(capsys.readouterr().out)["features"]
    assert [f["properties"]["location"] for f in features] == ["Alep"]
    assert main(["export", "--format", "geojson", "--db", db, "--actor", "SDF"]) == 0
    features = json.loads(capsys.readouterr().out)["features"]
    assert [f["properties"]["location"] for f in features] == ["Raqqa"]


def test_export_csv_and_gpkg_files(db, tmp_path, capsys):
    out_csv = tmp_path / "out.csv"
    assert main(["export", "--format", "csv", "-o", str(out_csv), "--db", db,
                 "--type", "Battles"]) == 0
    assert out_csv.read_text(encoding="utf-8").startswith("event_id_cnty,event_date,year")
    assert main(["export", "--format", "gpkg", "--db", db]) == 2
    assert "give -o FILE" in capsys.readouterr().err
    assert main(["export", "--format", "gpkg", "-o", str(tmp_path / "o.gpkg"), "--db", db]) == 0


def test_export_without_a_store_or_with_a_bad_box_fails_clearly(tmp_path, capsys):
    assert main(["export", "--format", "csv", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "no store at" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["export", "--format", "csv", "--bbox", "1,2,3"])
    assert stop.value.code == 2
