"""Pick the place a name refers to, given the gazetteer's candidates and the document around it.

Ranking blends: how well the name matched (exact, folded, fuzzy similarity, and whether it is
written letter for letter as one of the place's names), the feature type (a town over a hill of
the same name), population, support from other records (duplicates, the subdistrict a village
gives its name to), the document's country focus, admin hints (the candidate's governorate named
elsewhere in the text or resolved nearby) and distance to the other places of the document. A
country focus given for a name alone is kept to. Facility and unit names are placed at the place
they are named after (precision 2). A weak best score, or a fuzzy match outside the country
focus, gives an explicit "no good match" rather than a dot in the wrong place.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise
from math import log10

from gazetteer import Candidate, Place, load_index, normalize_name
from geo import regions
from geo.distance import destination, haversine_km
from geo.inputs import clean_name
from geo.lexicon import (
    country_names,
    french_region_names,
    no_place_words,
    place_references,
    read_table,
    written_key,
)
from geo.matcher import ARTICLES
from geo.model import NEAR, PRECISE, REGION, Context, Resolution
from geo.relations import Relation, split_query
from geo.us_counties import us_county
from geo.world_regions import world_region

MATCH_QUALITY = {"exact": 1.0, "normalized": 0.9}
POPULATION_WEIGHT = 0.25
ORDER_PRIOR = 0.1  # weight of the gazetteer's own ranking (tier, match kind, feature, source)
MIN_FUZZY_SIMILARITY = 0.75
FOCUS_MIN_FUZZY_SIMILARITY = 0.65  # inside a stated country focus, a near spelling is usually it
CLOSENESS_WEIGHT = 0.2  # spelling closeness of the query to the place's own names
SAME_LETTERS_BONUS = 0.15  # the query is, letter for letter, one of the place's own names
SAME_LETTERS_MIN_CHARS = 4
MAIN_NAME_BONUS = 0.05  # ... and it is the place's main name, not one of its other names
RECORD_WEIGHT = 0.03  # per other matching record of the same place (several sources = notable)
RECORD_KM = 10
SEAT_WEIGHT = 0.1  # a village that names the subdistrict or district around it is its seat
SEAT_KM = 20  # ... whose point (the region's centre) lies within this
AGREEMENT_WEIGHT = 0.25  # "A/B": a candidate of A lying where a candidate of B lies
SHORT_MIN_FUZZY_SIMILARITY = 0.7  # a short name, in a given focus, only a near spelling
MIN_SCORE = 0.55
MIN_FUZZY_CHARS = 5
FOREIGN_MIN_POPULATION = 100_000  # outside the focus countries, only well-known places are taken
FOREIGN_MIN_CLOSENESS = 0.75  # ... and only when written nearly as one of their names
MAIN_NAME_CLOSENESS = 0.9  # a foreign city beats an in-focus namesake only under its main name
FACILITY_NAME_CLOSENESS = 0.9  # the gazetteer holds the facility itself ("Qamishli Airport")
PROMINENT_POPULATION = 1_000_000  # a world city: "Moscow" in an American story is still Moscow
PROMINENCE_BONUS = 0.35  # ... and a country or world city named as such outweighs an inferred focus
PROMINENT_FEATURES = frozenset({"country", "city", "town", "village"})
RUNNER_UPS = 5
CONFIDENCE_COUNTRY_NAME = 0.85
LOCAL_NEARBY = 0.15  # a nearby bonus this large: within 100 km of a place the text names
LOCAL_KM = 100
WIDE_REGION_KM = 250  # this far from its region's point, a place lies in too wide a region
REGION_NAMED_FOR_TOWN = 0.15  # a region below the town of its name inside it
ALIAS_OF_CITY_PENALTY = 0.2  # ... and below a place whose own name it is
OTHER_NAME_PENALTY = 0.1  # a town under another's main name, which is not its own
# Confidence, calibrated on the share of right answers (benchmarks/eval_geo_toponyms.py).
TIE_MARGIN = 0.1  # rivals scoring within this of the pick are as likely as not the place meant
TIE_FLOOR = 0.3  # the part of the confidence that tied rivals cannot take away
CONFIDENCE_NAMESAKE_ABROAD = 0.6  # fuzzy pick while the exact name is a place abroad: 24 % right
CONFIDENCE_SMALL_ABROAD = 0.5  # a small place outside the focus that the text does not place
LOOKUP_LIMIT = 12
FACILITY = frozenset({"facility"})  # kinds of words in facility_words.tsv
PLACE_WORDS = frozenset({"facility", "place"})
REGION_FEATURES = frozenset({"governorate", "district", "subdistrict", "region", "country"})
ADMIN1_FEATURES = frozenset({"governorate", "region"})


@lru_cache(maxsize=1)
def _feature_table() -> dict[str, tuple[float, int]]:
    return {r["feature"]: (float(r["weight"]), int(r["precision"]))
            for r in read_table("feature_weights.tsv")}


@lru_cache(maxsize=1)
def _iso3() -> dict[str, str]:
    return {r["iso2"]: r["iso3"] for r in read_table("countries.tsv")}


@lru_cache(maxsize=200_000)
def _lookup(name: str, countries: tuple[str, ...], strict: bool) -> tuple[Candidate, ...]:
    """Gazetteer candidates for a name: in the focus countries first, then worldwide; the
    (slower) fuzzy search only when no exact or folded match is plausible (inside the focus,
    when it is ``strict``)."""
    index = load_index()
    found: dict[str, Candidate] = {}
    for fuzzy in (False, True):
        if countries:
            for cand in index.candidates(name, limit=LOOKUP_LIMIT, fuzzy=fuzzy,
                                         countries=countries):
                found.setdefault(cand.place.id, cand)
        for cand in index.candidates(name, limit=LOOKUP_LIMIT, fuzzy=fuzzy):
            found.setdefault(cand.place.id, cand)
        plausible = [c for c in found.values() if not strict or c.place.country in countries]
        if _plausible_exact(tuple(plausible), countries, name):
            break
    return tuple(found.values())


@lru_cache(maxsize=64)
def _text_keys(text: str) -> frozenset[str]:
    """Folded words and word pairs of a document, to see which admin names it mentions."""
    words = [normalize_name(w) for w in text.split()[:5000]]
    words = [w for w in words if w]
    return frozenset(words) | frozenset(f"{a} {b}" for a, b in pairwise(words))


@lru_cache(maxsize=4096)
def _admin_keys(admin_id: str) -> frozenset[str]:
    """Folded names of an admin region (its governorate names in every language)."""
    place = load_index().get(admin_id)
    if place is None:
        return frozenset()
    names = {place.name, *(name for _, name in place.names)}
    return frozenset(k for k in map(normalize_name, names) if k)


@lru_cache(maxsize=65536)
def _admin2_of(place_id: str | None) -> str | None:
    place = load_index().get(place_id) if place_id else None
    return place.admin2_id if place else None


def _same_family(a: Place, b: Place) -> bool:
    """True when two candidates are one referent at two levels (Raqqa city and governorate)."""
    return a.id in (b.admin1_id, b.admin2_id) or b.id in (a.admin1_id, a.admin2_id) or (
        haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= 25)


@dataclasses.dataclass
class _Scored:
    cand: Candidate
    score: float
    notes: list[str]
    same_letters: bool = False
    main_name: bool = False  # written as the place's main name (see MAIN_NAME_BONUS)
    local: bool = False  # written as its name, and its governorate named or a place near
    other_name: bool = False  # known by quite another name than the one written


def _name_quality(cand: Candidate) -> float:
    if cand.match in MATCH_QUALITY:
        return MATCH_QUALITY[cand.match]
    return max(0.0, cand.similarity) * 0.85


_NON_LETTERS = re.compile(r"[^a-z ]+")
_WORDS = re.compile(r"[A-Z][a-z]+")
_POSSESSIVE = re.compile(r"\s*['’]s?$")


@lru_cache(maxsize=200_000)
def _fold(text: str) -> str:
    """Latin letters of a name without accents or transliteration marks ("Ma`arrat" → "maarrat"),
    "St." written out ("St. Petersburg" → "saint petersburg")."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("-", " "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join("saint" if w == "st" else w for w in _NON_LETTERS.sub("", text).split())


@lru_cache(maxsize=200_000)
def _closeness(query: str, place: Place) -> float:
    """Letter-level similarity of the written name to the place's nearest name: the gazetteer's
    folding makes "Abu Hammam" and "Abu Hamamah" equal matches of "Abu Hamam"; this does not."""
    folded = _fold(query)
    best = 0.0
    for name in {place.name, *(n for _, n in place.names)}:
        other = _fold(name)
        if other:
            best = max(best, SequenceMatcher(None, folded, other).ratio())
    return best


def written_closeness(query: str, place_id: str) -> float:
    """How closely the text writes one of the place's names, letter by letter (1 when exactly,
    case, accents and punctuation aside; "Mungall" for Mongala 0.71), with or without a kind word
    after it ("city", "village")."""
    place = load_index().get(place_id)
    if place is None:
        return 0.0
    core = facility_core(query, PLACE_WORDS)  # "Jarabulus city" writes Jarabulus as named
    written = [w for w in (query, core) if w]
    best = max(_closeness(w, place) for w in written)
    if best >= 1.0:
        return best
    # "Yarmouk" writes "al-Yarmūk" and "Yarmouk Camp" as named: the article and the kind word
    # are not letters of the name itself.
    bare = _bare_names(place)
    for folded in {_without_article(_fold(w)) for w in written}:
        best = max([best, *(SequenceMatcher(None, folded, b).ratio() for b in bare)])
    return best


def _without_article(folded: str) -> str:
    words = folded.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0] in ARTICLES else folded


@lru_cache(maxsize=50_000)
def _bare_names(place: Place) -> tuple[str, ...]:
    """The place's names folded, without a leading article or a kind word ("al-Yarmūk" →
    "yarmuk", "Yarmouk Camp" → "yarmouk")."""
    names = {place.name, *(n for _, n in place.names)}
    bare = {_without_article(_fold(facility_core(n, PLACE_WORDS) or n)) for n in names}
    return tuple(b for b in bare if b)


def _score(cand: Candidate, order: int, query: str, ctx: Context, relation: Relation | None,
           hint: str | None) -> _Scored:
    place = cand.place
    notes = [f"{cand.match} match" if cand.match != "fuzzy" else f"fuzzy {cand.similarity:.2f}"]
    weight, _ = _feature_table().get(place.feature, (0.5, PRECISE))
    score = 0.5 * _name_quality(cand) + 0.2 * weight + ORDER_PRIOR / (1 + order)
    closeness = _closeness(query, place)
    score += CLOSENESS_WEIGHT * closeness
    # A very short word equals some code or abbreviation among a place's aliases by chance.
    same_letters = (closeness == 1.0
                    and len(_fold(query).replace(" ", "")) >= SAME_LETTERS_MIN_CHARS)
    score += SAME_LETTERS_BONUS * same_letters
    # Of settlements spelt alike, the one whose main name is written is the one the writer's
    # reference lists under it; the others hold it among their variants. Not a region: its
    # name is its own, and "New York" is still the city (New York City) more than the state.
    main_name = (same_letters and place.feature not in REGION_FEATURES
                 and _fold(query) == _fold(place.name))
    score += MAIN_NAME_BONUS * main_name
    score += POPULATION_WEIGHT * min(1.0, log10(max(place.population, 0) + 1) / 7)
    notes.append(place.feature)
    if _prominent(cand, closeness, ctx):
        score += PROMINENCE_BONUS
        notes.append("prominent")
    focus = ctx.countries + ((hint,) if hint else ())
    if place.country in focus:
        score += 0.3
        notes.append(f"in {place.country}")
    wants_region = relation is not None and relation.wants_region
    if place.feature in REGION_FEATURES and place.feature != "country" and wants_region:
        score += 0.3
        notes.append("region asked")
    elif place.feature in REGION_FEATURES and place.feature != "country":
        # "Homs" alone is the city; the governorate only when the text asks for a province
        # (see _prefer_towns_to_their_regions for a governorate named after no town).
        score -= REGION_NAMED_FOR_TOWN
    elif place.feature == "country" and cand.match != "fuzzy":
        score += 0.3
    local = False
    if (ctx.text and place.admin1_id and _admin_keys(place.admin1_id) & _text_keys(ctx.text)
            and not _in_wide_region(place)):
        score += 0.1
        notes.append(f"{place.admin1} named in text")
        local = True
    nearby = _nearby_bonus(place, ctx.nearby, notes)
    return _Scored(cand, score + nearby, notes, same_letters, main_name,
                   same_letters and (local or nearby >= LOCAL_NEARBY))


def _prominent(cand: Candidate, closeness: float, ctx: Context) -> bool:
    """A country or a city of a million people written under its own name: inside a document
    whose focus is only inferred, that is what a reader takes it for, not a small namesake in
    the focus country ("China", "Moscow", "Damascus" in a story from Texas)."""
    place = cand.place
    return (not _strict(ctx) and cand.match != "fuzzy" and closeness >= MAIN_NAME_CLOSENESS
            and place.feature in PROMINENT_FEATURES
            and (place.feature == "country" or place.population >= PROMINENT_POPULATION))


def _prefer_towns_to_their_regions(scored: list[_Scored], query: str, in_document: bool
                                   ) -> None:
    """A first-level region that no town inside it is named after ("Florida", "Ontario"; "Iowa
    City" is not "Iowa") is what its name alone means, more than a smaller town elsewhere
    that bears it: it gets back what regions lose to the town of their name ("Homs" the city,
    not the governorate)."""
    towns = [s for s in scored if s.cand.place.feature not in REGION_FEATURES]
    if any(s.same_letters and _is_capital(s.cand.place) for s in towns):
        return  # a national capital ("Washington") is what its name means
    for item in scored:
        region = item.cand.place
        if region.feature in ADMIN1_FEATURES and "region asked" not in item.notes and not any(
                (_same_family(region, town.cand.place)
                 and (town.same_letters or not _longer_name(query, town)))
                or town.cand.place.population > region.population for town in towns):
            item.score += REGION_NAMED_FOR_TOWN
            item.notes.append("named after no town inside it")
            if in_document and region.population >= PROMINENT_POPULATION and not any(
                    _same_family(region, town.cand.place) for town in towns):
                # "England", "Ontario": as well known as a world city, not a village of that
                # name in the document's country (but "Hasakah" is still Al-Hasakah the city)
                item.score += PROMINENCE_BONUS
                item.notes.append("prominent")


def _longer_name(query: str, item: _Scored) -> bool:
    """True when the place's own name holds the written words and more ("Iowa City" for
    "Iowa"): another name, which the gazetteer's folding matched (unless the place is also
    known by the name written: "New York" for New York City)."""
    return set(_fold(query).split()) < set(_fold(item.cand.place.name).split())


def _main_names_first(scored: list[_Scored], query: str) -> None:
    """A world city is prominent under its own (English) name, not under an old or foreign one
    that another place bears as its own ("Salisbury" is the English town, not Harare): the
    bonus is taken back, and more, when another candidate's main name is the name written;
    and a town known by quite another name is ranked a little lower."""
    written = _fold(query)
    if not any(_fold(s.cand.place.name) == written for s in scored):
        return
    for item in scored:
        if "prominent" in item.notes and _fold(item.cand.place.name) != written:
            item.score -= PROMINENCE_BONUS + ALIAS_OF_CITY_PENALTY
            item.notes.remove("prominent")
            item.notes.append("a city's other name")
        elif (item.cand.place.feature not in REGION_FEATURES and written not in _fold(
                item.cand.place.name) and SequenceMatcher(None, written, _fold(
                item.cand.place.name)).ratio() < FOREIGN_MIN_CLOSENESS):
            # "Washington", an old name of South River; not "Duma", a spelling of Douma
            item.score -= OTHER_NAME_PENALTY
            item.other_name = True
            item.notes.append("known by another name")


def _share_region_spelling(scored: list[_Scored]) -> None:
    """A region bears its chief town's name ("Raqqa" governorate, "Ar Raqqah" city): a spelling
    that fits the region letter for letter fits the town inside it as well."""
    regions = [s.cand.place for s in scored
               if s.same_letters and s.cand.place.feature in REGION_FEATURES]
    for item in scored:
        place = item.cand.place
        if (not item.same_letters and place.feature not in REGION_FEATURES
                and any(_same_family(region, place) for region in regions)):
            item.same_letters = True
            item.score += SAME_LETTERS_BONUS


def _in_wide_region(place: Place) -> bool:
    """A first-level region narrows the namesakes as much as its size: a place far from its
    region's point ("Portland", 400 km from the middle of Texas) lies in a region too wide to
    tell it from a namesake in the next one, so naming the region is weak evidence."""
    region = load_index().get(place.admin1_id) if place.admin1_id else None
    return region is not None and _pair_km(place.latitude, place.longitude, region.latitude,
                                           region.longitude) >= WIDE_REGION_KM


def _nearby_bonus(place: Place, nearby: tuple[Resolution, ...], notes: list[str]) -> float:
    best = 0.0
    for other in nearby:
        if not other.resolved:
            continue
        if other.place_id == place.id:
            bonus, why = 0.25, f"also written {other.query!r}"
        elif other.place_id == place.admin2_id:
            bonus, why = 0.25, f"inside {other.name}"
        elif other.place_id == place.admin1_id:
            bonus, why = (0.1 if _in_wide_region(place) else 0.25), f"inside {other.name}"
        elif place.admin2_id and _admin2_of(other.place_id) == place.admin2_id:
            bonus, why = 0.2, f"same district as {other.name}"
        else:
            km = _pair_km(place.latitude, place.longitude, other.latitude, other.longitude)
            if km > 300:
                continue
            bonus = 0.25 if km < 30 else 0.15 if km < 100 else 0.05
            why = f"{km:.0f} km from {other.name}"
        if bonus > best:
            best, best_why = bonus, why
    if best:
        notes.append(best_why)
    return best


def _level(item: _Scored) -> float:
    """The score without the spelling bonus and the other-name penalty, which order namesakes
    but are no evidence that the word is a place at all (confidence is read from this)."""
    return (item.score - SAME_LETTERS_BONUS * item.same_letters
            - MAIN_NAME_BONUS * item.main_name + OTHER_NAME_PENALTY * item.other_name)


def _confidence(best: _Scored, rivals: list[_Scored], namesake_abroad: bool) -> float:
    """Chance that the pick is right: how well the name matched and how clearly it beat the
    best rival elsewhere, shared with the namesakes in the same country that it barely beat
    (across countries, population and focus already decide; inside one, several tied villages
    are a lottery). A near spelling is trusted less when the name is written exactly so outside
    the focus."""
    quality = _name_quality(best.cand)
    level = _level(best)
    conf = min(1.0, 0.35 + 0.45 * quality + 0.3 * max(0.0, level - 1.0))
    if best.cand.match == "fuzzy" and namesake_abroad:
        conf *= CONFIDENCE_NAMESAKE_ABROAD
    if rivals:
        conf *= 0.6 + 0.4 * min(1.0, max(0.0, level - max(map(_level, rivals))) / 0.25)
    ties = sum(1 for r in rivals if _level(r) >= level - TIE_MARGIN
               and r.cand.place.country == best.cand.place.country)
    conf *= TIE_FLOOR + (1 - TIE_FLOOR) / (1 + ties)
    return round(max(0.0, min(1.0, conf)), 3)


def _candidate_dict(item: _Scored) -> dict:
    p = item.cand.place
    return {"place_id": p.id, "name": p.name, "latitude": p.latitude, "longitude": p.longitude,
            "country": p.country, "feature": p.feature, "score": round(item.score, 3)}


def admin_region(place: Place) -> Place | None:
    """The first-level region (governorate, state) a place stands for or lies in; None for a
    country or a place filed under none."""
    if place.feature in ADMIN1_FEATURES:
        return place
    return load_index().get(place.admin1_id) if place.admin1_id else None


@lru_cache(maxsize=1)
def _country_points() -> dict[str, tuple[float, float]]:
    return {r["iso2"]: (float(r["latitude"]), float(r["longitude"]))
            for r in read_table("country_points.tsv")}


def _point(place: Place, precision: int) -> tuple[float, float]:
    if place.feature == "country" and place.country in _country_points():
        return _country_points()[place.country]  # inside the country, not at its capital
    if precision == REGION and place.feature in REGION_FEATURES:
        return regions.representative_point(place.id) or (place.latitude, place.longitude)
    return place.latitude, place.longitude


def region_resolution(region: Place, query: str, reason: str, confidence: float) -> Resolution:
    """A Resolution to an admin region itself (precision 3), at its representative point."""
    lat, lon = _point(region, REGION)
    return Resolution(
        query=query, place_id=region.id, name=region.name, latitude=round(lat, 6),
        longitude=round(lon, 6), admin1=region.admin1 or None, admin2=region.admin2 or None,
        country=region.country or None, iso3=_iso3().get(region.country), feature=region.feature,
        geo_precision=REGION, confidence=confidence, reason=reason,
    )


def _build(query: str, best: _Scored, runner_ups: list[_Scored], conf: float,
           relation: Relation | None) -> Resolution:
    place = best.cand.place
    _, precision = _feature_table().get(place.feature, (0.5, PRECISE))
    reason = "; ".join(best.notes)
    if relation is not None:
        if relation.wants_region:  # the region around a town, or the region itself
            place = place if place.feature in REGION_FEATURES else admin_region(place) or place
            precision = REGION
        else:
            precision = max(precision, NEAR)
        reason = f"{relation.label} {place.name}; {reason}"
    lat, lon = _point(place, precision)
    if relation is not None and relation.km and relation.bearing is not None:
        lat, lon = destination(lat, lon, relation.bearing, relation.km)
    return Resolution(
        query=query, place_id=place.id, name=place.name, latitude=round(lat, 6),
        longitude=round(lon, 6), admin1=place.admin1 or None, admin2=place.admin2 or None,
        country=place.country or None, iso3=_iso3().get(place.country), feature=place.feature,
        geo_precision=precision, confidence=conf,
        candidates=[_candidate_dict(s) for s in runner_ups], reason=reason,
    )


def _admissible(cand: Candidate, focus: tuple[str, ...], query: str) -> bool:
    """Inside the focus countries any place will do; outside them only a country or a
    well-known place written (nearly) as one of its names (a small foreign namesake, or a
    foreign city that merely folds alike, "Karama" for Calama, is the wrong-country answer)."""
    place = cand.place
    return (not focus or place.country in focus or place.feature == "country"
            or ((place.population >= FOREIGN_MIN_POPULATION or _is_capital(place))
                and cand.match != "fuzzy" and _closeness(query, place) >= FOREIGN_MIN_CLOSENESS))


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    return frozenset((r["iso2"], _fold(r["capital"])) for r in read_table("countries.tsv")
                     if r["capital"])


def _is_capital(place: Place) -> bool:
    """A national capital is known abroad whatever its size ("Port of Spain", "Valletta")."""
    return place.feature in PROMINENT_FEATURES and (place.country, _fold(place.name)) in _capitals()


def _foreign_alias(cand: Candidate, focus: tuple[str, ...], query: str) -> bool:
    """A foreign city matched through one of its many alternate spellings ("Karama" is a
    Japanese-style spelling of Calama, "Kum" an old one of Qom): when the focus country has a
    place of that name, the foreign city counts only if the name is its main one. A foreign
    country counts only if the name is (nearly) one of its names, not a key that folds alike
    ("Al Sayeh" is not Slovenia)."""
    place = cand.place
    if place.country in focus:
        return False
    if place.feature == "country":
        return _closeness(query, place) < FOREIGN_MIN_CLOSENESS
    return SequenceMatcher(None, _fold(query), _fold(place.name)).ratio() < MAIN_NAME_CLOSENESS


@lru_cache(maxsize=4)  # one set a language
def _folded_no_place_words(lang: str) -> frozenset[str]:
    """The words that name no place, folded as ``_fold`` folds a name."""
    return frozenset(_fold(w) for w in no_place_words(lang))


def _loose_folding(cand: Candidate, query: str, lang: str) -> bool:
    """True for a folded match that is no reading of the name written: a country under a
    key that merely folds alike ("West Surrey" is not Syria, "Surie"; countries are written
    close to one of their names), or a place whose matched name keeps only the written words
    that name no place, a street word or a direction ("Press Street" is not the town of
    Street, "St. North" not Sao Tome, "ST")."""
    if cand.match != "normalized":
        return False
    if cand.place.feature == "country" and _closeness(query, cand.place) < FOREIGN_MIN_CLOSENESS:
        return True
    kept = set(_fold(cand.matched).split())
    return bool(kept) and kept <= _folded_no_place_words(lang) and bool(
        set(_fold(query).split()) - kept)


def _plausible_exact(cands: tuple[Candidate, ...], focus: tuple[str, ...], query: str) -> bool:
    return any(c.match != "fuzzy" and _admissible(c, focus, query) for c in cands)


def _too_short(name: str) -> bool:
    """Too short for a near spelling to mean anything: fewer than MIN_FUZZY_CHARS letters in
    the gazetteer key, unless the written name is longer (the key drops "Al", doubled vowels)."""
    return (len(normalize_name(name).replace(" ", "")) < MIN_FUZZY_CHARS
            and len(_fold(name).replace(" ", "")) <= MIN_FUZZY_CHARS + 1)


def _placed_by_text(cand: Candidate, query: str, ctx: Context) -> bool:
    """True when the text confirms a place written exactly under its own name: it names the
    place's governorate (state, county of England) or a place resolved within 100 km."""
    place = cand.place
    if cand.match == "fuzzy" or _closeness(query, place) < 1.0:
        return False
    if ctx.text and place.admin1_id and (_admin_keys(place.admin1_id) - {normalize_name(query)}
                                         ) & _text_keys(ctx.text):
        return True  # the region's name written apart from the place's own ("Hampshire")
    return any(other.resolved and other.place_id != place.id and _pair_km(
        place.latitude, place.longitude, other.latitude, other.longitude) < LOCAL_KM
        for other in ctx.nearby)


def _usable(name: str, cands: tuple[Candidate, ...], focus: tuple[str, ...],
            strict: bool, ctx: Context) -> list[Candidate]:
    """The candidates worth ranking. With a ``strict`` focus (given by the caller for a name
    alone), a place inside it, even a near spelling, beats any place abroad, and a short name
    may be a near spelling; inside a document the focus is only inferred, and both are not,
    and a small place abroad counts when the text confirms it (``_placed_by_text``)."""
    written = tuple(c for c in cands if not strict and c.match == "exact"
                    and _closeness(name, c.place) == 1.0)
    cands = tuple(c for c in cands if (_admissible(c, focus, name)
                                       or (not strict and _placed_by_text(c, name, ctx)))
                  and not _loose_folding(c, name, ctx.lang or "en"))
    if written and all(c.match == "fuzzy" for c in cands):
        # Inside a document, a name written letter for letter as a place's own name abroad
        # ("Samos") is that place, not a near spelling of one in the focus (Samsun).
        cands = written
    if strict:
        inside = _matches(name, tuple(c for c in cands if c.place.country in focus), focus,
                          True)
        if inside:
            return inside
        cands = tuple(c for c in cands if not _foreign_alias(c, focus, name))
    return _matches(name, cands, focus, strict)


def _matches(name: str, cands: tuple[Candidate, ...], focus: tuple[str, ...],
             short_near: bool) -> list[Candidate]:
    """Exact and folded matches first; fuzzy ones only when there is none, from a lower
    similarity inside a country focus (where the gazetteer holds most villages under some
    spelling), and for very short names only when ``short_near`` and from a higher one."""
    exact = [c for c in cands if c.match != "fuzzy"]
    if exact or (_too_short(name) and not short_near):
        return exact
    floor = (SHORT_MIN_FUZZY_SIMILARITY if _too_short(name) else
             FOCUS_MIN_FUZZY_SIMILARITY if focus else MIN_FUZZY_SIMILARITY)
    # Country names are well known and spelt right: "Siraw" is not a misspelt "Syria".
    return [c for c in cands if c.match == "fuzzy" and c.similarity >= floor
            and c.place.feature != "country"]


def _match_rank(cand: Candidate, part: str) -> tuple[float, float]:
    """How well one spelling of a name matches a place: the match kind, then the letters (a
    place that "Abu Naytal (Farraj)" finds whole is ranked as "Farraj" finds it)."""
    return _name_quality(cand), _closeness(part, cand.place)


def _alternatives(name: str) -> list[str]:
    """The name and, for "Kobane/Ayn al Arab" or "Qurt Qulaq (Kurtkulak)", each of its spellings."""
    parts = [p.strip() for p in re.split(r"[/()]", name) if p.strip()]
    return [name, *(p for p in parts if p != name)] if len(parts) > 1 else [name]


# The distances between one name's candidates come back each time the name is ranked again
# (every mention of it, every resolution pass): computed once, in a cache of about 10 MB.
_pair_km = lru_cache(maxsize=65_536)(haversine_km)


def _support(scored: list[_Scored], parts_of: dict[str, set[int]]) -> None:
    """Reward candidates that other matching records confirm: several gazetteer records of one
    place, or a village that gives its name to the subdistrict around it (a notable place);
    and, for a name written two ways, both spellings landing together."""
    for item in scored:
        place = item.cand.place
        near: list[Candidate] = []
        seat = False  # an exact record of a region lies within SEAT_KM
        for other in scored:
            there = other.cand.place
            if there.id == place.id:
                continue
            km = _pair_km(place.latitude, place.longitude, there.latitude, there.longitude)
            if km <= RECORD_KM:
                near.append(other.cand)
            seat = seat or (km <= SEAT_KM and other.cand.match != "fuzzy"
                            and there.feature in REGION_FEATURES)
        records = sum(1 for c in near if c.match != "fuzzy")
        if place.feature not in REGION_FEATURES:  # a region's point is arbitrary
            if records:
                item.score += RECORD_WEIGHT * min(records, 3)
                item.notes.append(f"{records} nearby records")
            if seat:
                item.score += SEAT_WEIGHT
                item.notes.append("seat of the region of that name")
        spellings = parts_of[place.id].union(*(parts_of[c.place.id] for c in near)) - {0}
        if len(spellings) > 1:  # index 0 is the whole name, which finds either part
            item.score += AGREEMENT_WEIGHT
            item.notes.append("both spellings agree")


def _strict(context: Context) -> bool:
    """A name alone with countries given by the caller (geocode --country): the focus is an
    instruction. Inside a document it is inferred, and a foreign place may still be meant."""
    return bool(context.countries) and not context.text


@lru_cache(maxsize=64)
def _countries_named(text: str) -> tuple[str, ...]:
    """Countries whose English adjective a text writes ("Iranian forces"), most written first."""
    table = place_references()
    votes = Counter(table[w][2] for w in _WORDS.findall(text)
                    if w in table and table[w][1] == "country")
    return tuple(c for c, _ in votes.most_common(3))


def _document_countries(context: Context, hint: str | None) -> tuple[str, ...]:
    """The countries a document is about, most telling first: its focus, the country the words
    around the name give, the country of most places resolved nearby, then the countries its
    adjectives name."""
    around = Counter(r.country for r in context.nearby if r.resolved and r.country)
    named = _countries_named(context.text) if context.text else ()
    return tuple(dict.fromkeys(c for c in (*context.countries, hint,
                                           *(c for c, _ in around.most_common(2)), *named) if c))


def rank(name: str, context: Context, relation: Relation | None = None,
         hint: str | None = None, near_spellings: bool = True) -> Resolution:
    """Resolve a cleaned name; ``relation`` and ``hint`` come from the text around it;
    ``near_spellings=False`` takes exact and folded matches only. A continent, world region,
    ocean or sea ("Middle East", "Atlantic"), another name of a country ("Holy See") or a US
    county ("Orange County") is what such a name means, unless the text places a namesake town
    locally (its governorate named, a place it names nearby)."""
    region = (world_region(name, _document_countries(context, hint)) or _country_named(name)
              or us_county(name, context) or _french_region_named(name, context))
    found, local = _rank_places(name, context, relation, hint, near_spellings)
    if region is not None and not (found.resolved and local):
        return region
    bare = _POSSESSIVE.sub("", name)
    if bare == name or not bare or (found.resolved and _written_as(bare, found)):
        return found
    # "Orange County’s residents", "South Korea's" (not Guri-si, a near spelling of the
    # possessive): the name without its possessive, unless the place is written so with it
    # ("St. Peter's").
    plain = rank(bare, context, relation, hint, near_spellings)
    if found.resolved and not (plain.resolved and _written_as(bare, plain)):
        return found
    return dataclasses.replace(plain, query=name)


def _written_as(name: str, res: Resolution) -> bool:
    """True when ``name`` writes one of the resolved place's names, letter by letter, or the
    place is a region or sea its own table names."""
    place = load_index().get(res.place_id) if res.place_id else None
    return place is None or _closeness(name, place) >= FACILITY_NAME_CLOSENESS


def _country_named(name: str) -> Resolution | None:
    """The country a name means when the gazetteer does not file the country under it (a long
    form, an official or older name: "Republic of Armenia", "Holy See"), else None."""
    iso2 = country_names().get(written_key(name))
    if iso2 is None or any(c.match != "fuzzy" and c.place.feature == "country"
                           and c.place.country == iso2
                           for c in _lookup(name, (), False)):
        return None
    countries = load_index().places_in(iso2, feature="country")
    if not countries:
        return None
    return region_resolution(countries[0], name, f"another name of {countries[0].name}",
                             CONFIDENCE_COUNTRY_NAME)


def _french_region_named(name: str, context: Context) -> Resolution | None:
    """The first-level region a French exonym means when the gazetteer does not hold the name
    ("Angleterre", "Bavière"), in a text not known to be English; else None."""
    place_id = french_region_names().get(written_key(name)) if context.lang != "en" else None
    region = load_index().get(place_id) if place_id else None
    if region is None:
        return None
    return region_resolution(region, name, f"French name of {region.name}",
                             CONFIDENCE_COUNTRY_NAME)


def _rank_places(name: str, context: Context, relation: Relation | None, hint: str | None,
                 near_spellings: bool) -> tuple[Resolution, bool]:
    """The gazetteer's answer for a name, and whether the text places it locally."""
    focus = tuple(c for c in (*context.countries, hint) if c)
    strict = _strict(context)
    groups = [(part, _lookup(part, tuple(context.countries), strict))
              for part in _alternatives(name)]
    cands = [c for _, found in groups for c in found]
    if not cands:
        return Resolution(query=name, reason="no gazetteer entry for this name"), False
    parts_of: dict[str, set[int]] = {}
    spelling: dict[str, tuple[Candidate, int]] = {}  # each place's best match, by which part
    for i, (part, found) in enumerate(groups):
        for cand in _usable(part, found, focus, strict, context):
            parts_of.setdefault(cand.place.id, set()).add(i)
            kept = spelling.get(cand.place.id)
            if kept is None or _match_rank(cand, part) > _match_rank(kept[0], groups[kept[1]][0]):
                spelling[cand.place.id] = (cand, i)
    usable = [cand for cand, _ in spelling.values()]
    if not near_spellings or any(c.match != "fuzzy" for c in usable):
        usable = [c for c in usable if c.match != "fuzzy"]
    written = [c.place for c in usable if c.match == "exact" and _closeness(name, c.place) == 1]
    if written:
        # Written letter for letter as some place's name, the name is not a loose folding of
        # another's ("New York" is not York), unless that is the same place at another level
        # (Hassaké governorate, Al-Hasakah city)
        usable = [c for c in usable if c.match == "exact"
                  or _closeness(name, c.place) >= FOREIGN_MIN_CLOSENESS
                  or any(_same_family(c.place, place) for place in written)]
    if strict and any(c.place.country in focus for c in usable):
        usable = [c for c in usable if not _foreign_alias(c, focus, name)]
    if not usable:
        if not any(_admissible(c, focus, name) for c in cands):
            return Resolution(query=name, reason="no good match: outside the country focus "
                                                 f"{', '.join(focus)} only small places or "
                                                 "look-alikes "
                                                 f"(first {cands[0].place.name}, "
                                                 f"{cands[0].place.country})"), False
        if _too_short(name) and not strict:
            return Resolution(query=name, reason="no good match: no exact match, and the name "
                                                 "is too short to trust a near spelling"), False
        admissible = [c for c in cands if _admissible(c, focus, name)
                      and not _loose_folding(c, name, context.lang or "en")]
        if not admissible:
            return Resolution(query=name, reason="no good match: only a look-alike country or a "
                                                 "name reduced to its street word or direction"
                              ), False
        closest = max(admissible, key=lambda c: c.similarity)
        return Resolution(query=name, reason=f"no good match: closest name {closest.matched!r} "
                                             f"is only {closest.similarity:.2f} similar"), False
    scored = [_score(c, i, groups[spelling[c.place.id][1]][0], context, relation, hint)
              for i, c in enumerate(usable)]
    _prefer_towns_to_their_regions(scored, name, not strict)
    if context.lang != "fr":  # French writes world cities under French names ("Londres")
        _main_names_first(scored, name)
    _share_region_spelling(scored)
    _support(scored, parts_of)
    scored.sort(key=lambda s: s.score, reverse=True)
    best = scored[0]
    rivals = [s for s in scored[1:] if not _same_family(s.cand.place, best.cand.place)]
    runner_ups = scored[1 : 1 + RUNNER_UPS]
    if best.score < MIN_SCORE:
        return Resolution(query=name, candidates=[_candidate_dict(s) for s in scored[:RUNNER_UPS]],
                          reason=f"no good match: best candidate {best.cand.place.name} "
                                 f"scores {best.score:.2f} < {MIN_SCORE}"), False
    abroad = any(c.match != "fuzzy" and not _admissible(c, focus, name) for c in cands)
    conf = _confidence(best, rivals, abroad)
    if not _admissible(best.cand, focus, name) and not _placed_by_text(best.cand, name, context):
        conf = round(conf * CONFIDENCE_SMALL_ABROAD, 3)  # only its letters speak for it
    return _build(name, best, runner_ups, conf, relation), best.local


@lru_cache(maxsize=2)
def _facility_edges(kinds: frozenset[str]) -> re.Pattern[str]:
    """A word of these kinds (facility_words.tsv), a number or an ordinal ("113th", "17e",
    "II") at either end of a name, with the "of"/"de" that ties a leading word to the place
    ("Prison of Adra")."""
    words = sorted({r["word"] for r in read_table("facility_words.tsv") if r["kind"] in kinds},
                   key=len, reverse=True)
    word = "|".join(re.escape(w) for w in words)
    number = r"\d+(?:st|nd|rd|th|e|er|ère|ème)?|(?-i:[IVX]{2,4})"
    edge = rf"(?:{word}|{number})"
    return re.compile(rf"^(?:{edge}(?:\s+(?:of|de|du|des)\b|\s+d['’]|\s*-\s*|\s+|$))+"
                      rf"|(?:(?:\s+|\s*-\s*){edge})+$", re.IGNORECASE)


def facility_core(name: str, kinds: frozenset[str] = FACILITY) -> str | None:
    """The place name inside a facility or unit name ("Abu al-Duhur Military Airbase" → "Abu
    al-Duhur", "113th Air Defense Brigade" → ""), or None when the name has no such words;
    with ``kinds`` including "place", also inside "X village", "Tall Y hill"."""
    stripped = name
    while True:
        shorter = _facility_edges(kinds).sub("", stripped).strip(" ,-")
        if shorter == stripped:
            break
        stripped = shorter
    if stripped == name.strip():
        return None
    return stripped if len(stripped.replace(" ", "")) >= 3 else ""


def _facility_resolution(name: str, context: Context, relation: Relation | None) -> Resolution:
    """A facility or unit is placed at the place it is named after, with precision 2, and only
    on an exact or folded match of that place name: a near spelling of a village anchors a base
    or a gas field nowhere in particular (on the UCDP names, 1 right in 17). The facility itself
    wins when the gazetteer holds it under that name ("Qamishli Airport")."""
    whole = rank(name, context, relation, near_spellings=False)
    place = load_index().get(whole.place_id) if whole.place_id else None
    if place is not None and _closeness(name, place) >= FACILITY_NAME_CLOSENESS:
        return whole  # not the town the gazetteer's folding leaves once it drops "Airport"
    cores = [c for c in (facility_core(p) for p in _alternatives(name)) if c is not None]
    for core in dict.fromkeys(c for c in cores if c):
        part = rank(core, context, relation, near_spellings=False)
        if part.resolved:
            precision = max(part.geo_precision or PRECISE, NEAR)
            return dataclasses.replace(part, geo_precision=precision,
                                       reason=f"read as {core!r}; {part.reason}")
    if not any(cores):
        return Resolution(query=name, reason="no good match: a unit or facility name with no "
                                             "place name in it")
    return Resolution(query=name, reason="no good match: the place a facility or unit is named "
                                         f"after ({', '.join(c for c in cores if c)}) has no "
                                         "exact match")


def _resolve_with_variants(name: str, context: Context) -> Resolution:
    core, relation = split_query(name, context.lang)
    core = core or name
    if any(facility_core(part) is not None for part in _alternatives(core)):
        return _facility_resolution(core, context, relation)
    res = rank(core, context, relation)
    if res.resolved:
        return res
    # "X village", "Tall Y hill", "Z farm": the kind word is not part of the gazetteer's name.
    for part in _alternatives(core):
        stripped = facility_core(part, PLACE_WORDS)
        if stripped:
            alt = rank(stripped, context, relation)
            if alt.resolved:
                precision = max(alt.geo_precision or PRECISE, NEAR)
                return dataclasses.replace(alt, geo_precision=precision,
                                           reason=f"read as {stripped!r}; {alt.reason}")
    return res


def considered(name: str, context: Context | None = None) -> list[Place]:
    """Every gazetteer place the resolver weighs for a name (each of its spellings, and the name
    without facility or place words), admissible or not: the ceiling of the ranking, for
    evaluations that separate ranking errors from gazetteer coverage."""
    context = context or Context()
    cleaned, problem = clean_name(name)
    if problem:
        return []
    core = split_query(cleaned, context.lang)[0] or cleaned
    names = _alternatives(core)
    names += [s for s in (facility_core(p, PLACE_WORDS) for p in names) if s]
    places: dict[str, Place] = {}
    for part in names:
        for cand in _lookup(part, tuple(context.countries), _strict(context)):
            places.setdefault(cand.place.id, cand.place)
    return list(places.values())


@lru_cache(maxsize=100_000)
def _resolve_plain(name: str, countries: tuple[str, ...], lang: str | None) -> Resolution:
    return _resolve_with_variants(name, Context(countries=countries, lang=lang))


def resolve(name: str, context: Context | None = None) -> Resolution:
    """Resolve one place name (optionally with a relative phrase) in its context; never raises."""
    cleaned, problem = clean_name(name)
    query = name if isinstance(name, str) and len(name) <= 1000 else str(name)[:1000]
    if problem:
        return Resolution(query=query, reason=problem)
    context = context or Context()
    try:
        if not context.text and not context.nearby:
            res = _resolve_plain(cleaned, tuple(context.countries), context.lang)
            return dataclasses.replace(res, query=query, candidates=list(res.candidates))
        return dataclasses.replace(_resolve_with_variants(cleaned, context), query=query)
    except Exception as exc:  # the contract: a reason, never an exception
        return Resolution(query=query, reason=f"internal error: {type(exc).__name__}: {exc}")
