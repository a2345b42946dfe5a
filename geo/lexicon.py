"""Load the word lists in geo/data (cue phrases, directions, demonyms, false friends) once."""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

from gazetteer import normalize_name

DATA_DIR = Path(__file__).parent / "data"
_NON_WORD = re.compile(r"[\W_]+")


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of one tab-separated file in geo/data, header as keys."""
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@cache
def directions(lang: str) -> dict[str, float]:
    """Direction word → compass bearing, longest words first so "nord-est" wins over "nord"."""
    rows = [r for r in read_table("directions.tsv") if r["lang"] == lang]
    rows.sort(key=lambda r: len(r["word"]), reverse=True)
    return {r["word"]: float(r["bearing"]) for r in rows}


@cache
def demonyms() -> dict[str, str]:
    """Lower-cased country adjective or name (any language) → ISO2, from the hand-written rows
    only: they tell a document's country focus and a place's country hint."""
    return {r["word"].casefold(): r["iso2"] for r in read_table("demonyms.tsv")
            if r["source"] == "eventmap"}


@cache
def country_surnames() -> frozenset[str]:
    """Lower-cased English country names that are also common surnames ("Andrew Jordan")."""
    return frozenset(r["word"].casefold() for r in read_table("country_surnames.tsv")
                     if r["lang"] == "en")


@cache
def place_references() -> dict[str, tuple[str, str, str]]:
    """Capitalised English words that refer to a country or continent without naming a place
    where something happens → (mention kind, "country" or "continent", ISO2 or continent name):
    adjectives ("Russian" → ("adjective", "country", "RU"), "European") and the abbreviation of
    a union of countries ("EU" → ("abbreviation", "continent", "Europe")), and adjectives of world
    regions ("Latin American" → ("adjective", "region", "Latin America")) and their names of
    several words ("Indian Ocean" → ("name", "region", "Indian Ocean")). Longest first, so
    "South African" wins over "African". French adjectives are lower case and not mentions."""
    table = {r["word"]: ("adjective", "country", r["iso2"]) for r in read_table("demonyms.tsv")
             if r["lang"] == "en" and r["form"] == "adjective"}
    for row in read_table("continents.tsv"):
        for kind, column in (("adjective", "adjectives"), ("abbreviation", "abbreviations")):
            words = [w for w in row[column].split("|") if w]
            table.update(dict.fromkeys(words, (kind, "continent", row["name"])))
    for row in read_table("world_regions.tsv"):
        words = [w for w in row["adjectives"].split("|") if w]
        table.update(dict.fromkeys(words, ("adjective", "region", row["name"])))
        # Names of several capitalised words ("Indian Ocean", "Middle East") name nothing else:
        # found as written, they are not left to a country adjective inside them ("Indian").
        written = [w for w in row["names"].split("|")
                   if " " in w and w[0].isupper() and w.split()[-1][0].isupper()]
        table.update(dict.fromkeys(written, ("name", "region", row["name"])))
    return dict(sorted(table.items(), key=lambda kv: -len(kv[0])))


@cache
def false_friends() -> frozenset[str]:
    """Normalised names that are never places (armed groups, media, organisations, 'État')."""
    keys = {normalize_name(r["name"]) for r in read_table("false_friends.tsv")}
    keys |= {r["name"].casefold() for r in read_table("false_friends.tsv")}
    return frozenset(k for k in keys if k)


@cache
def person_titles(lang: str) -> frozenset[str]:
    """Lower-cased titles written before a person's name ("M.", "général", "née"): the name
    right after one is that person, not a place of the same name ("M. Gard", "général Tranco")."""
    return frozenset(r["word"].casefold() for r in read_table("person_titles.tsv")
                     if r["lang"] == lang)


@cache
def address_forms(lang: str) -> frozenset[str]:
    """The person titles that are forms of address ("M.", "Mme", "sieur", "née"), lower-cased:
    after one, a particle and a name ("M. de Montigny") are still the person's surname, where
    after a rank of nobility ("le duc de Kent") the name is the land of the title."""
    return frozenset(r["word"].casefold() for r in read_table("person_titles.tsv")
                     if r["lang"] == lang and r["form"] == "address")


@cache
def gentile_suffixes(lang: str) -> tuple[str, ...]:
    """Endings of the nouns for a place's inhabitants ("Vaudois", "Kényane", "Jurassien"),
    longest first: French writes them capitalised, and NER takes them for places."""
    return tuple(sorted((r["suffix"] for r in read_table("gentile_suffixes.tsv")
                         if r["lang"] == lang), key=len, reverse=True))


@cache
def newspaper_openers(lang: str) -> frozenset[str]:
    """Lower-cased words that open a newspaper's title before "de" and the city it is
    published in ("Journal de Genève", "Gazette de Lausanne", "Feuille d'Avis de Neuchâtel")."""
    return frozenset(r["word"].casefold() for r in read_table("newspaper_openers.tsv")
                     if r["lang"] == lang)


@cache
def org_cues() -> frozenset[str]:
    """Nouns that make the following name an organisation ("le réseau al-Khabour")."""
    return frozenset(r["word"].casefold() for r in read_table("org_cues.tsv"))


def is_false_friend(name: str) -> bool:
    """True when a mention's text is a known non-place (checked raw and normalised)."""
    stripped = name.strip()
    table = false_friends()
    return stripped.casefold() in table or normalize_name(stripped) in table


@cache
def toponym_heads() -> frozenset[str]:
    """Lower-cased generic words that open Arabic place names ("tal", "deir", "wadi")."""
    return frozenset(r["word"].casefold() for r in read_table("toponym_heads.tsv"))


def _friend_pattern(name: str) -> str:
    """A false friend as a regex: all-caps names case-sensitively, either apostrophe."""
    escaped = re.escape(name) if name.isupper() else f"(?i:{re.escape(name)})"
    return escaped.replace("'", "['’]")


@cache
def false_friend_regex() -> re.Pattern[str]:
    """One regex finding false-friend names in running text (all-caps names case-sensitively).

    The names are grouped by their first letter (case folded), longest first in each group,
    and each group is tried only where the text has that letter: a word start then costs one
    test per letter rather than one per name. Names of different groups never match at the
    same place, so the matches are those of one plain alternation of all names."""
    names = sorted({r["name"] for r in read_table("false_friends.tsv")}, key=len, reverse=True)
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name[0].casefold().replace("’", "'"), []).append(name)
    parts = [f"(?=(?i:{re.escape(group[0][0])}))".replace("'", "['’]")
             + "(?:" + "|".join(map(_friend_pattern, group)) + ")" for group in groups.values()]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


@cache
def country_abbreviations() -> dict[str, str]:
    """Capital abbreviations that English writes for countries ("UAE", "UK", "DPRK") → ISO2,
    kept as names where other short capital codes are read as organisations."""
    return {r["abbreviation"]: r["iso2"] for r in read_table("country_abbreviations.tsv")}


@cache
def state_abbreviations() -> dict[str, tuple[str, str]]:
    """Postal and press abbreviations of US states and Canadian provinces ("NJ", "N.J.",
    "B.C.") → (ISO2 of the country, the state's name)."""
    rows = read_table("state_abbreviations.tsv")
    return {r["abbreviation"]: (r["iso2"], r["name"]) for r in rows}


def written_key(name: str) -> str:
    """A name as written, folded only for case, accents, punctuation, "St." and a leading "the"
    ("the Gulf" → "gulf"): unlike the gazetteer's key it keeps Arabic articles and vowels, so "Al
    Sahel" and "Maan" stay apart from "Sahel" and "Man"."""
    text = unicodedata.normalize("NFKD", name.casefold())
    words = _NON_WORD.sub(" ", "".join(ch for ch in text if not unicodedata.combining(ch))).split()
    words = ["saint" if w == "st" else w for w in words]  # "St. Croix" is "Saint Croix"
    return " ".join(words[1:] if len(words) > 1 and words[0] == "the" else words)


@cache
def country_names() -> dict[str, str]:
    """Other names of countries ("Republic of Armenia", "Holy See", "America"), by written_key,
    → ISO2."""
    return {written_key(r["name"]): r["iso2"] for r in read_table("country_names.tsv")}


@cache
def french_region_names() -> dict[str, str]:
    """French names of first-level regions the gazetteer does not hold ("Angleterre",
    "Bavière"), by written_key, → the gazetteer id of the region."""
    return {written_key(r["name"]): r["place_id"] for r in read_table("region_names_fr.tsv")}


@cache
def local_words(lang: str) -> frozenset[str]:
    """Words that end the name of a street or a building in English ("Royal Street", "Rogers
    Centre") or open it in French ("rue de Sèze", "place Fédérale"): something inside a town."""
    return frozenset(r["word"] for r in read_table("local_words.tsv") if r["lang"] == lang)


@cache
def feature_nouns(lang: str) -> frozenset[str]:
    """Lower-case French nouns that open the name of a natural or built feature ("vallée du
    Rhône", "canal de La Bassée", "col Oaprile"): with local_words, they make the capitalised
    name after them a place even when NER and the gazetteer miss it."""
    return frozenset(r["word"] for r in read_table("feature_nouns.tsv") if r["lang"] == lang)


@cache
def generic_words(lang: str) -> frozenset[str]:
    """Capitalised words that name a kind of thing, not a place, in ``lang`` ("Central",
    "University", "Street"): alone, or only with each other, they are no place name."""
    return frozenset(r["word"].casefold() for r in read_table("generic_words.tsv")
                     if r["lang"] == lang)


@cache
def no_place_words(lang: str) -> frozenset[str]:
    """Lower-case words that, alone or only with each other, name no place in ``lang``: kinds of
    things ("Central"), street and building words ("Street", "Centre") and directions."""
    return generic_words(lang) | {w.casefold() for w in local_words(lang)} | set(directions(lang))


@cache
def newspaper_words(lang: str) -> tuple[str, ...]:
    """Words that end a newspaper's title in ``lang`` ("Post", "Times", "Free Press"), longest
    first: a paper is named after the city it is published in ("The Washington Post")."""
    words = {r["word"] for r in read_table("newspaper_words.tsv") if r["lang"] == lang}
    return tuple(sorted(words, key=len, reverse=True))
