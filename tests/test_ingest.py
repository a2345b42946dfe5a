"""Reading articles: formats, encodings, metadata, language, and one error per bad input."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest

from events.ingest import read_articles

SAMPLE = Path(str(files("events").joinpath("sample")))
FR = "Des affrontements ont opposé les FDS à Daech près de Raqqa, selon l'Observatoire syrien."
EN = "Clashes broke out between the SDF and ISIS fighters near Raqqa on Tuesday, monitors said."


def test_sample_corpus_reads_with_its_sidecar_metadata():
    articles, errors = read_articles([SAMPLE])
    assert errors == []
    by_file = {Path(a.path).name: a for a in articles}
    assert len(by_file) == 5
    assert by_file["cf6bfb46e9628c8d.txt"].published == "2017-11-15"
    assert by_file["cfa563b15047df66.txt"].source == "Sputnik Afrique"
    assert by_file["cfa563b15047df66.txt"].title.startswith("Moscou dénonce")
    assert by_file["0e94f913e2e749a1.txt"].published is None  # no date given: none invented
    assert {a.lang for a in articles} == {"fr"}


def test_published_option_dates_only_articles_without_their_own(tmp_path):
    articles, _ = read_articles([SAMPLE], published="2021-01-01")
    dates = {Path(a.path).name: a.published for a in articles}
    assert dates["0e94f913e2e749a1.txt"] == "2021-01-01"
    assert dates["cf6bfb46e9628c8d.txt"] == "2017-11-15"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_text_in_other_encodings_is_converted(tmp_path, encoding):
    path = tmp_path / "article.txt"
    text = "Frappe aérienne à Alep : l'armée syrienne a bombardé le quartier, « ça suffit »."
    path.write_bytes(text.encode(encoding))
    (article,), errors = read_articles([path])
    assert errors == []
    assert article.text == text


def test_same_text_has_the_same_id_whatever_the_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\r\n" + FR.encode() + b"\r\n")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": FR}) + "\n", encoding="utf-8")
    articles, _ = read_articles([tmp_path / "a.txt", tmp_path / "b.jsonl"])
    assert articles[0].article_id == articles[1].article_id


def test_language_is_detected_or_taken_from_the_user(tmp_path):
    (tmp_path / "fr.txt").write_text(FR, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    detected, _ = read_articles([tmp_path / "fr.txt", tmp_path / "en.txt"])
    assert [a.lang for a in detected] == ["fr", "en"]
    forced, _ = read_articles([tmp_path / "en.txt"], lang="fr")
    assert forced[0].lang == "fr"


def test_html_gives_main_text_date_and_title_without_scripts(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Raqqa : combats</title>"
        '<meta property="article:published_time" content="2019-03-05T10:00:00+00:00">'
        "<script>var tracker = 'SCRIPT-PAYLOAD';</script></head><body>"
        "<nav>Accueil | Monde | Sport</nav><script>document.write('SCRIPT-PAYLOAD')</script>"
        f"<article><h1>Raqqa : combats</h1><p>{FR}</p><p>{FR.replace('Raqqa', 'Tabqa')}</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (article,), errors = read_articles([page])
    assert errors == []
    assert "SCRIPT-PAYLOAD" not in article.text
    assert "Daech" in article.text
    assert article.published == "2019-03-05"
    assert article.title == "Raqqa : combats"


def test_jsonl_and_csv_rows_carry_their_fields(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        json.dumps({"text": FR, "published": "2017-11-14", "source": "AFP", "url": "http://x/1"})
        + "\n\n" + json.dumps({"text": EN, "lang": "en", "title": "Clashes"}) + "\n",
        encoding="utf-8",
    )
    table = tmp_path / "rows.csv"
    table.write_text(f'Title;Text;Published\nUn;"{FR}";14/11/2017\n', encoding="utf-8")
    articles, errors = read_articles([rows, table])
    assert errors == []
    assert [(a.published, a.source, a.lang) for a in articles] == [
        ("2017-11-14", "AFP", "fr"), (None, None, "en"), ("2017-11-14", None, "fr"),
    ]
    assert articles[1].title == "Clashes" and articles[2].title == "Un"
    assert articles[0].path == f"{rows}:1"


def test_each_bad_input_is_one_error_naming_it_and_the_rest_is_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(FR, encoding="utf-8")
    binary = tmp_path / "image.bin"
    binary.write_bytes(bytes(range(256)) * 20)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    huge = tmp_path / "huge.txt"
    huge.write_text("a" * 6_000_000, encoding="utf-8")
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"text": EN}) + '\n{"text": broken\n'
                    + json.dumps({"text": FR, "published": "31/31/2020"}) + "\n", encoding="utf-8")
    no_text = tmp_path / "table.csv"
    no_text.write_text("title,body\nA,B\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"

    articles, errors = read_articles([good, binary, empty, huge, rows, no_text, missing])

    assert [a.text for a in articles] == [FR, EN]
    reasons = {error.where: error.reason for error in errors}
    assert set(reasons) == {
        str(binary), str(empty), str(huge), f"{rows}:2", f"{rows}:3", str(no_text), str(missing),
    }
    assert "binary" in reasons[str(binary)]
    assert "empty" in reasons[str(empty)]
    assert "million characters" in reasons[str(huge)]
    assert "invalid JSON" in reasons[f"{rows}:2"]
    assert "31/31/2020" in reasons[f"{rows}:3"]
    assert "no 'text' column" in reasons[str(no_text)]
    assert "no such file" in reasons[str(missing)]
    assert all("\n" not in str(error) for error in errors)


def test_folder_sidecar_problems_are_reported_per_file(tmp_path):
    (tmp_path / "a.txt").write_text(FR, encoding="utf-8")
    (tmp_path / "b.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")  # not an article format: ignored
    (tmp_path / "metadata.jsonl").write_text(
        json.dumps({"file": "a.txt", "published": "2017-02-30"}) + "\nnot json\n"
        + json.dumps({"file": "b.txt", "published": "2018-05-01", "source": "SOHR"}) + "\n",
        encoding="utf-8",
    )
    articles, errors = read_articles([tmp_path])
    assert [(Path(a.path).name, a.published, a.source) for a in articles] == [
        ("b.txt", "2018-05-01", "SOHR")
    ]
    assert sorted(e.where for e in errors) == [str(tmp_path / "a.txt"),
                                               f"{tmp_path / 'metadata.jsonl'}:2"]


def test_a_folder_without_articles_is_an_error(tmp_path):
    articles, errors = read_articles([tmp_path])
    assert articles == [] and "no article files" in errors[0].reason
