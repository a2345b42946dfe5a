"""The fast paths of place finding give the answers of the plain ones: the regex prechecks
(geo.regex_gates) never hide a border phrase, a relative phrase or a country word, and
geoparsing a batch with nlp.pipe finds what geoparsing each text alone finds."""

from __future__ import annotations

import re

from geo.matcher import _reference_regex, find_place_references
from geo.parse import geoparse, mentions_of, shared_pipeline
from geo.regex_gates import any_of_at_end, required_literal
from geo.relations import _cues, before, borders


def _as_tuples(mentions) -> list[tuple]:
    return [(m.text, m.start, m.end, m.kind, m.relation, m.resolution.place_id,
             m.resolution.confidence) for m in mentions]


def test_border_phrases_are_found_in_any_case_and_only_where_written():
    text = "Shelling hit villages on the Syrian-Turkish border and near the BORDER WITH IRAQ."
    found = {text[start:end]: countries for start, end, countries in borders(text, "en")}
    assert found == {"Syrian-Turkish border": ("SY", "TR"), "the BORDER WITH IRAQ": ("IQ",)}
    assert borders("Shelling hit villages on the Syrian-Turkish frontier.", "en") == []
    assert [c for _, _, c in borders("Combats à la frontière syro-turque.", "fr")] == [
        ("SY", "TR")]


def test_a_required_word_is_searched_with_the_patterns_own_case_rules():
    gate = required_literal(re.compile(r"(?:the\s+)?border\s+with\s+Iraq", re.IGNORECASE))
    assert gate is not None and gate.search("the Border with") is not None
    assert required_literal(re.compile(r"north|south")) is None  # no word every match holds


def test_relative_phrases_before_a_name_are_still_found():
    text = "Fighting 50 km north of Raqqa, in the countryside of Idlib and near Aleppo."
    labels = {name: before(text, text.index(name), "en") for name in ("Raqqa", "Idlib",
                                                                        "Aleppo")}
    assert labels["Raqqa"].km == 50 and labels["Raqqa"].label == "50 km north of"
    assert labels["Idlib"].label == "countryside"
    assert labels["Aleppo"].label == "near"
    assert before("Officials said Aleppo", len("Officials said "), "en") is None


def test_one_scan_for_all_cues_agrees_with_each_cue():
    windows = ["troops moved 12 km to the south-west of ", "the outskirts of the town of ",
               "officials said that ", "NEAR\n", "a la périphérie de ", "à l'est de la ville de ",
               "", "of ", "Province of "]
    for lang in ("en", "fr"):
        cues = [c for c in _cues(lang) if c.side == "before"]
        bodies = [c.regex.pattern[len("(?:^|\\W)("):-len(")$")] for c in cues]
        gate = any_of_at_end(bodies, re.IGNORECASE)
        for window in windows:
            assert (gate.search(window) is not None) == any(
                c.regex.search(window) for c in cues), (lang, window)


def test_country_words_are_found_as_the_full_regex_finds_them():
    text = ("Russian and South African troops met EU envoys; Russians and Africans cheered. "
            "A Europeanist, an AfricanX and a (European) flag.")
    assert [(f.start, f.end) for f in find_place_references(text, "en")] == [
        m.span() for m in _reference_regex().finditer(text)]
    assert [text[f.start:f.end] for f in find_place_references(text, "en")] == [
        "Russian", "South African", "EU", "European"]


def test_a_batch_through_nlp_pipe_finds_what_each_text_finds_alone():
    texts = ["Police said the convoy was hit near Aleppo.\nOfficials in Homs confirmed it.",
             "Paris sent aid; Washington did not. Royal Street in New Orleans was closed.",
             "Georgia voted. Reading is a town in Berkshire, England."]
    alone = [_as_tuples(geoparse(text, "en")) for text in texts]
    batch = [_as_tuples(mentions_of(doc)) for doc in shared_pipeline("en").pipe(texts)]
    assert batch == alone
    assert any(name == "Homs" for name, *_ in alone[0])


def test_false_friends_are_found_in_any_case_and_with_either_apostrophe():
    from geo.lexicon import false_friend_regex

    text = "ISIS and l’État islamique attacked; DAESH claimed it; isis is a goddess; Daesh."
    found = [m.group(0) for m in false_friend_regex().finditer(text)]
    assert found == ["ISIS", "l’État islamique", "DAESH", "Daesh"]
