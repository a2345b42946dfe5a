"""geoparse(): every place mention of a text, with character offsets and resolutions."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from gazetteer import load_index
from geo.inputs import clean_text
from geo.joint import place_inside
from geo.language import detect_language
from geo.lexicon import (
    country_abbreviations,
    country_names,
    place_references,
    state_abbreviations,
    written_key,
)
from geo.matcher import (
    EMBEDDED_POPULATION,
    embeddable_places,
    find_country_abbreviations,
    find_embedded,
    find_place_references,
    find_state_abbreviations,
    names_city,
)
from geo.model import NEAR, PRECISE, Context, PlaceMention, Resolution
from geo.nlp import MODELS, SPANS_KEY, new_pipeline
from geo.resolver import region_resolution, resolve
from geo.world_regions import world_region

REFERENCE_CONFIDENCE = 0.8


@lru_cache(maxsize=2)
def shared_pipeline(lang: str) -> Language:
    """One pipeline per language, loaded on first use and reused by geoparse()."""
    return new_pipeline(lang)


def detect_lang(text: str) -> str:
    """"fr" or "en" for a text: the pipeline's one language detector, French by default."""
    code = detect_language(text)
    return code if code in MODELS else "fr"


@lru_cache(maxsize=512)
def reference_resolution(word: str) -> Resolution:
    """The country, continent or world region a word refers to ("Russian" → Russia, "EU" →
    Europe, "Latin American" → Latin America), at the point that stands for the whole of it."""
    _, place_type, key = place_references()[word]
    if place_type in ("continent", "region"):
        region = world_region(key)
        if region is None:
            return Resolution(query=word, reason=f"refers to {key}: no such {place_type}")
        return replace(region, query=word, reason=f"refers to the {region.feature} {region.name}")
    countries = load_index().places_in(key, feature="country")
    if not countries:
        return Resolution(query=word, reason=f"refers to {key}: no country record")
    return region_resolution(countries[0], word, f"refers to {countries[0].name}",
                             REFERENCE_CONFIDENCE)


@lru_cache(maxsize=256)
def state_resolution(code: str) -> Resolution:
    """The US state or Canadian province an abbreviation stands for ("N.J." → New Jersey)."""
    iso2, name = state_abbreviations()[code]
    states = [c.place for c in load_index().candidates(name, limit=20, fuzzy=False)
              if c.place.feature == "governorate" and c.place.country == iso2]
    if not states:
        return Resolution(query=code, reason=f"abbreviation of {name}: no such region")
    state = max(states, key=lambda p: p.population)
    return region_resolution(state, code, f"abbreviation of {state.name}", REFERENCE_CONFIDENCE)


@lru_cache(maxsize=256)
def country_resolution(iso2: str, word: str) -> Resolution:
    """The country a word stands for ("DPRK" → North Korea, "Holy See" → Vatican)."""
    countries = load_index().places_in(iso2, feature="country")
    if not countries:
        return Resolution(query=word, reason=f"refers to {iso2}: no country record")
    return region_resolution(countries[0], word, f"refers to {countries[0].name}",
                             REFERENCE_CONFIDENCE)


def embedded_resolution(word: str, text: str, masthead: bool = False) -> Resolution:
    """The place an organisation is named after: a country or state abbreviation as such,
    else the place the resolver picks in the document's context when it is one of the
    countries, regions or large cities of that name, else the first of these by rank
    (country, then region, then the most populous city). In a newspaper's title
    or a dateline (``masthead``: "The Washington Post", "WASHINGTON (AP)") the most populous
    large city of the name wins over a region, whatever the context: a paper is named after the
    city it is published in, a dispatch after the city it is filed from."""
    if word in country_abbreviations():
        return country_resolution(country_abbreviations()[word], word)
    if word in state_abbreviations():
        return state_resolution(word)
    iso2 = country_names().get(written_key(word))
    if iso2 is not None:
        return country_resolution(iso2, word)
    allowed = embeddable_places(word)
    chosen = resolve(word, Context(text=text, lang="en"))
    if masthead and chosen.feature != "country":
        city = masthead_city(word)
        if city is not None:
            return city
    if chosen.place_id in allowed:
        return chosen
    index = load_index()
    places = [c.place for c in index.candidates(word, limit=20, fuzzy=False)
              if c.place.id in allowed]
    if not places:  # not a name an organisation takes from a place after all
        return chosen
    best = min(places, key=lambda p: (p.feature != "country", p.feature != "governorate",
                                      -p.population))
    if best.feature in ("country", "governorate"):
        return region_resolution(best, word, f"organisation named after {best.name}",
                                 REFERENCE_CONFIDENCE)
    return resolve(word, Context(countries=(best.country,), lang="en"))


@lru_cache(maxsize=256)
def masthead_city(word: str) -> Resolution | None:
    """The most populous city of at least 100,000 people filed under this name, where a
    newspaper named after it is published ("Washington" in "The Washington Post" is the
    capital, not the state), or None when no city that large has the name."""
    cities = [c.place for c in load_index().candidates(word, limit=20, fuzzy=False)
              if c.place.feature == "city" and c.place.population >= EMBEDDED_POPULATION]
    if not cities:
        return None
    city = max(cities, key=lambda p: p.population)
    chosen = resolve(word, Context(countries=(city.country,), lang="en"))
    return chosen if chosen.place_id == city.id else None


def mentions_of(doc: Doc, text: str | None = None) -> list[PlaceMention]:
    """The PlaceMentions of a Doc processed by the eventmap_places component: its place names,
    the words referring to a country or continent ("Russian", "EU"), the state
    abbreviations written after a place name ("Trenton, N.J."), the capital abbreviations of
    countries ("DPRK") and, in English, the places named inside an organisation's name
    ("University of Washington"), each only where nothing found before covers it, in text
    order. Only the place names are in ``doc.spans``, where events read their places.
    ``text`` is the Doc's text when the caller has it (doc.text is rebuilt from the tokens on
    each access)."""
    names = [PlaceMention(span.text, span.start_char, span.end_char, span._.resolution,
                          span._.relation) for span in doc.spans.get(SPANS_KEY, [])]
    lang = "en" if doc.lang_ == "en" else "fr"
    text = doc.text if text is None else text
    found = find_place_references(text, lang)
    # A region named in several words holds the shorter name found inside it ("Niger Delta").
    wider = [r for r in found if r.source == "name"]
    names = [m for m in names if not any(r.start <= m.start and m.end <= r.end
                                         and (r.start, r.end) != (m.start, m.end)
                                         for r in wider)]
    references = [
        PlaceMention(text[r.start : r.end], r.start, r.end,
                     reference_resolution(text[r.start : r.end]), kind=r.source)
        for r in found
        if not any(m.start < r.end and r.start < m.end for m in names)]
    states = [
        PlaceMention(text[r.start : r.end], r.start, r.end,
                     state_resolution(text[r.start : r.end]), kind=r.source)
        for r in find_state_abbreviations(text, lang, [(m.start, m.end) for m in names])
        if not any(m.start < r.end and r.start < m.end for m in names)]
    names = _in_written_states(text, names, states)
    taken = names + references + states
    countries = [
        PlaceMention(text[r.start : r.end], r.start, r.end,
                     country_resolution(country_abbreviations()[text[r.start : r.end]],
                                        text[r.start : r.end]), kind=r.source)
        for r in find_country_abbreviations(text, lang)
        if not any(m.start < r.end and r.start < m.end for m in taken)]
    taken += countries
    embedded = [
        PlaceMention(text[r.start : r.end], r.start, r.end,
                     embedded_resolution(text[r.start : r.end], text,
                                         masthead=names_city(text, r.start, r.end, lang)),
                     kind=r.source)
        for r in find_embedded(doc, text, lang)
        if not any(m.start < r.end and r.start < m.end for m in taken)]
    return sorted(taken + embedded, key=lambda m: m.start)


def _in_written_states(text: str, names: list[PlaceMention], states: list[PlaceMention]
                       ) -> list[PlaceMention]:
    """A place written the address way before a state or province abbreviation ("Parkland,
    Fla.", "Nelson, BC") lies in that state: a namesake elsewhere gives way to the place of
    that name inside it, there and wherever the text writes the name again alone."""
    index = load_index()
    moved: dict[str, Resolution] = {}
    for state in states:
        region = index.get(state.resolution.place_id) if state.resolution.resolved else None
        before = [m for m in names if m.end <= state.start
                  and text[m.end : state.start].strip() == ","]
        if region is None or not before:
            continue
        named = before[-1]
        place = index.get(named.resolution.place_id) if named.resolution.resolved else None
        if place is not None and region.id in (place.id, place.admin1_id, place.admin2_id):
            continue
        held = place_inside(named.text, region, state.resolution.iso3)
        if held is not None:
            moved[named.text] = held
    return [m if m.text not in moved else replace(m, resolution=replace(
        moved[m.text], query=m.text, geo_precision=max(moved[m.text].geo_precision or PRECISE,
                                                       NEAR if m.relation else PRECISE)))
            for m in names]


def geoparse(text: str, lang: str | None = None) -> list[PlaceMention]:
    """Find and resolve every place mention in a text ("fr", "en", or None to detect)."""
    cleaned, problem = clean_text(text)
    if problem:
        return []
    lang = lang if lang in MODELS else detect_lang(cleaned)
    return mentions_of(shared_pipeline(lang)(cleaned), cleaned)
