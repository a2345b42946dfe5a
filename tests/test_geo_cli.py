"""`eventmap geocode` and `eventmap geoparse`: output lines, order, exit codes, bad input."""

from __future__ import annotations

import io
import json

from events.cli import main


def test_geocode_json_gives_one_line_per_input_in_order(capsys):
    code = main(["geocode", "--json", "--country", "SY", "Raqqa", "", "Wadi al-Sawab", "Homs"])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    rows = [json.loads(line) for line in lines]
    assert [r["query"] for r in rows] == ["Raqqa", "", "Wadi al-Sawab", "Homs"]
    assert rows[0]["latitude"] and rows[0]["country"] == "SY" and rows[0]["candidates"]
    assert rows[1]["latitude"] is None and rows[1]["reason"]
    assert rows[2]["latitude"] is None
    assert code == 1  # partial success: two names had no match, each reported on stderr


def test_geocode_reads_names_from_stdin(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Alep\nDamas\n\x00junk\n"))
    main(["geocode", "--json", "--country", "SY"])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["query"] for r in rows] == ["Alep", "Damas", "\x00junk"]
    assert rows[0]["name"] and rows[2]["latitude"] is None


def test_geocode_text_output_names_the_place(capsys):
    assert main(["geocode", "--country", "SY", "campagne est de Raqqa"]) == 0
    out = capsys.readouterr().out
    assert "precision=2" in out and "Raqq" in out


def test_geoparse_prints_json_lines_with_offsets(tmp_path, capsys):
    text = "Des affrontements ont eu lieu près de Homs, puis à Deir Ezzor, selon l'OSDH."
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["geoparse", str(path), "--lang", "fr"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["text"] for r in rows} >= {"Homs", "Deir Ezzor"}
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]


def test_geoparse_missing_or_binary_file_is_one_clear_line(tmp_path, capsys):
    assert main(["geoparse", str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nope.txt" in err[0]
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 20 + b"\x00" * 100)
    assert main(["geoparse", str(junk)]) == 2
    assert "junk.bin" in capsys.readouterr().err
