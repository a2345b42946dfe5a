"""Resolve all place mentions of one document together.

First each mention is resolved with the document's country focus (from demonyms and country
names in the text); then again with the confident first-pass places as neighbours, so that
"Tal Tamar, à Hassaké" and a document full of Syrian places pull ambiguous names to Syria.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import replace

from gazetteer import Candidate, Place, load_index, normalize_name
from geo import regions
from geo.distance import bearing, haversine_km
from geo.lexicon import (
    country_abbreviations,
    country_surnames,
    demonyms,
    directions,
    generic_words,
    local_words,
    no_place_words,
    state_abbreviations,
)
from geo.matcher import ARTICLES as ARABIC_ARTICLES
from geo.matcher import Found, contracted_name, find_state_abbreviations
from geo.model import NEAR, PRECISE, REGION, Context, Resolution
from geo.relations import (
    Holder,
    Relation,
    after,
    before,
    country_hint,
    destined,
    holder_link,
    targeted,
)
from geo.resolver import (
    ADMIN1_FEATURES,
    admin_region,
    rank,
    region_resolution,
    written_closeness,
)
from geo.world_regions import is_world_region

CONFIDENT = 0.7
NAMED_SOURCES = frozenset({"ner", "both", "cued"})  # mentions NER or a place cue found
WRITTEN_AS_NAMED = 0.9  # letter-level closeness of a mention to a place's name that lets it vote
LOCAL_TOWNS = frozenset({"city", "town", "village"})
NAMED_AFTER_MIN_CONFIDENCE = 0.5
LOCAL_SHARE = 0.6  # a street's or building's confidence, as a share of its town's
GAZETTEER_ONLY_MIN_CONFIDENCE = 0.55
ENGLISH_GAZETTEER_MIN_POPULATION = 5_000
ANCHOR_KM = 150
_WORD = re.compile(r"[^\W\d_]+")
_NAME_BEFORE = re.compile(r"(?<![\w’'])[A-Z][a-z]+[ \t]+$")
_SENTENCE_END = re.compile(r"(?:^|[.!?:\n][\"”’)]*)[ \t]*$")
_LEADING_FUNCTION_WORD = re.compile(r"^(?:the|in|at|on|from)\s+", re.IGNORECASE)
HOLDER_REGION_FEATURES = frozenset({"governorate", "region", "district", "subdistrict"})
HOLDER_WINDOW = 90  # characters looked at before a container for the name it holds
INSIDE_LOOKUP = 60  # candidates read countrywide before keeping those of the governorate
INSIDE_MIN_SIMILARITY = 0.7
MIN_LENGTH_RATIO = 0.75
INSIDE_CONFIDENCE = 0.85
INSIDE_SAME_PLACE_KM = 10
SIDE_TOLERANCE = 67.5  # degrees either side of the direction written ("southern countryside")
HELD_MIN_CONFIDENCE = 0.5  # below it, a mention already inside is looked up there again
_GLUED_ARTICLE = re.compile(rf"(?<![\w’'`-])(?:{'|'.join(ARABIC_ARTICLES)})-$", re.IGNORECASE)
# Any Arabic article before a hyphen ("as-Sukhnah"); before a space only "al"/"el", since "as
# Utah", "at GM" and "an Iraqi" are English.
_ARTICLE = (rf"(?:(?:{'|'.join(sorted(ARABIC_ARTICLES, key=len, reverse=True))})-|"
            r"(?:[Aa]l|[Ee]l) )?")
_NAME_WORD = r"[A-ZÀ-Ý](?:[\w`-]|[’'](?!s\b))*"  # "Ma’adan", not the possessive of "GM’s"
_NAME_RUN = re.compile(rf"(?<![\w’'`-]){_ARTICLE}{_NAME_WORD}"
                       rf"(?:[ \t]{_ARTICLE}{_NAME_WORD}){{0,3}}")
_LISTED_BEFORE = re.compile(rf"(?P<name>{_NAME_RUN.pattern})(?:\s*,\s*(?:and\s+)?|\s+and\s+)$")
MAX_LISTED = 3  # names listed before a contained one that share its container
_POSSESSIVE_BEFORE = re.compile(r"\w[’']s\s+$")
# "Rastan city", "al-Dumayr city’s"; not "the English city of Salisbury" (an adjective).
_PLACE_NOUN_AFTER = re.compile(r"[’'`]?(?:s)?\s+(?:village|town|city|camp|area|neighbou?rhood)"
                               r"(?!\w)(?!\s+of\b)")


def document_focus(text: str, lang: str = "fr") -> tuple[str, ...]:
    """Countries the text is about: those whose names or adjectives recur (at most two). A
    country adjective in a compound ("Turkish-backed factions", "US-led coalition") names
    who backs or leads an actor, not where things happen, and does not count; nor, in English,
    does a word in lower case ("turkey" the bird; French writes its adjectives so)."""
    table = demonyms()
    votes: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = match.group(0)
        if lang == "en" and not word[0].isupper():
            continue
        country = table.get(word.casefold())
        if country is not None and not text.startswith("-", match.end()) and (
                lang != "en" or not _surname(text, match)):
            votes[country] += 1
    return _leading(votes)


def _leading(votes: Counter[str]) -> tuple[str, ...]:
    """The most voted country and the runner-up when it has at least a third of its votes."""
    if not votes:
        return ()
    top = votes.most_common(1)[0][1]
    return tuple(c for c, n in votes.most_common(2) if n * 3 >= top)


def _surname(text: str, match: re.Match[str]) -> bool:
    """True when an English country name that is also a surname (country_surnames.tsv) follows
    a capitalised word inside a sentence ("Andrew Jordan"): a person's name, not the country
    ("Northern Jordan" is the country)."""
    if match.group(0).casefold() not in country_surnames():
        return False
    before = _NAME_BEFORE.search(text, max(0, match.start() - 40), match.start())
    return (before is not None and before.group(0).split()[0].casefold() not in directions("en")
            and not _SENTENCE_END.search(text, max(0, before.start() - 5), before.start()))


def _border(text: str, countries: tuple[str, ...], focus: tuple[str, ...]) -> Resolution:
    pair = countries if len(countries) == 2 else (
        (focus[0], countries[0]) if focus and focus[0] != countries[0] else countries)
    point = regions.border_point(*pair) if len(pair) == 2 else None
    label = "–".join(pair) + " border"
    if point is None:
        places = load_index().places_in(pair[0], feature="country")
        if not places:
            return Resolution(query=text, reason=f"{label}: no shipped boundary or country point")
        point = (places[0].latitude, places[0].longitude)
    return Resolution(query=text, name=label, latitude=round(point[0], 6),
                      longitude=round(point[1], 6), country=pair[0], feature="region",
                      geo_precision=REGION, confidence=0.8,
                      reason=f"border phrase; point on the {label}")


def _qualifiers(text: str, item: Found, lang: str) -> tuple[Relation | None, str | None]:
    relation = before(text, item.start, lang) or after(text, item.start, item.end, lang)
    hint = (relation.country_hint if relation else None) or country_hint(text, item.start)
    return relation, hint


def resolve_in_country(text: str, start: int, end: int, lang: str, country: str) -> Resolution:
    """Resolve the mention text[start:end] again with ``country`` as the document's focus, its
    relative phrase and the rest of the text as before. For a caller that learns the country
    from evidence the geocoder does not see (an events extractor's actors: "regime forces",
    "YPG" say Syria where a headline names no country)."""
    relation, hint = _qualifiers(text, Found(start, end, "ner"), lang)
    try:
        return rank(text[start:end], Context(text=text, countries=(country,), lang=lang),
                    relation, hint)
    except Exception as exc:  # the contract: a reason, never an exception
        return Resolution(query=text[start:end],
                          reason=f"internal error: {type(exc).__name__}: {exc}")


def _letter_code(name: str) -> bool:
    """An undotted capital code of at most three letters ("BA", "CNN", "TV"): in English news
    these are organisations, media or units far more often than the airport or ISO codes
    the gazetteer files under them. Dotted abbreviations ("U.S.", "D.C.") and the country
    abbreviations of country_abbreviations.tsv ("UAE") are names."""
    core = _LEADING_FUNCTION_WORD.sub("", name).strip()
    letters = "".join(_WORD.findall(core))
    return ("." not in core and core.isupper() and len(letters) <= 3
            and letters not in country_abbreviations())


def _named_as_written(name: str) -> bool:
    """True when the mention writes some place's own name: every word of a gazetteer name
    (exact or folded match) appears in it, and a capital code only as capitals. This rejects
    common words that reach a place only through a longer or respelled name ("Mountain" →
    Mountain Ash, "Daily" → Dailly, "President" → Presidente) or a code ("Jae" → JAE, Jaén).
    A mention opening with an Arabic article matches a name opening with any spelling of it
    ("al-Dumayr" writes Ad Dumayr); one without an article does not match a name with one
    ("Riad" is not Al-Riad)."""
    article = _folded_words(name) != _folded_words(name, drop_article=True)
    words = _folded_words(name, drop_article=article)
    for cand in load_index().candidates(name, limit=50, fuzzy=False):
        if cand.matched.isupper() and len(cand.matched) <= 4 and cand.matched not in name:
            continue
        if any(_folded_words(n, drop_article=article) <= words
               for n in (cand.matched, cand.place.name)):
            return True
    return False


def _folded_words(text: str, drop_article: bool = False) -> set[str]:
    """Lower-cased words without accents ("Karnātaka" and "Karnataka" agree), optionally
    without a leading Arabic article ("Ad Dumayr" → {"dumayr"})."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = _WORD.findall(bare.casefold())
    if drop_article and len(words) > 1 and words[0] in ARABIC_ARTICLES:
        words = words[1:]
    return set(words)


def _with_article(text: str, start: int) -> str:
    """The Arabic article glued before a mention that starts after it ("al-" of "al-Qaryatayn"
    when the mention is "Qaryatayn"), or ""."""
    match = _GLUED_ARTICLE.search(text, max(0, start - 5), start)
    return match.group(0) if match else ""


def _used_as_common_word(name: str, text: str) -> bool:
    """True when the document also writes the mention in lower case as a word of its own
    ("the War … after the war"): the capital is then a title or sentence style, not a name."""
    lower = name.casefold()
    return lower != name and lower in text and re.search(  # a plain search rules most out
        rf"(?<!\w){re.escape(lower)}(?!\w)", text) is not None


def _written_as_name(name: str, text: str, lang: str) -> bool:
    """False for an English mention that is more likely a word than a place name: a short
    capital code, a word that reaches a place only through a longer name, or a word the text
    also writes in lower case (see the three tests below)."""
    return lang != "en" or not (_letter_code(name) or not _named_as_written(name)
                                or _used_as_common_word(name, text))


def _worth_keeping(name: str, text: str, res: Resolution, lang: str, focus: tuple[str, ...],
                   anchors: list[Resolution], framed: bool) -> bool:
    """A name found only by the gazetteer matcher is kept when confidently resolved; in English
    (capitalised common words and acronyms abound) only when the text writes the place's own
    name, not as a short capital code nor as a word it also uses in lower case, and the place
    is notable, lies in the document's focus country, lies near a place the document names
    with confidence, or is ``framed`` as a place by the words around it ("al-Qaryatayn" after
    "in the vicinity of", "Hutah village", "shells target Marea")."""
    if not res.resolved or res.confidence < GAZETTEER_ONLY_MIN_CONFIDENCE:
        return False
    if not _written_as_name(name, text, lang):
        return False
    if lang == "en" and all(w.casefold() in generic_words(lang) for w in name.split()):
        return False  # "University" of "the University of Alberta" is no place
    if lang != "en" or framed or res.feature in ("country", "governorate") or (
            res.country in focus) or is_world_region(res):
        return True
    if any(a.place_id != res.place_id and haversine_km(
            a.latitude, a.longitude, res.latitude, res.longitude) <= ANCHOR_KM for a in anchors):
        return True
    place = load_index().get(res.place_id) if res.place_id else None
    return place is not None and place.population >= ENGLISH_GAZETTEER_MIN_POPULATION


def _regional(place: Place, relation: Relation | None) -> bool:
    """True when a mention names an area rather than a point: a region, "X countryside"."""
    return place.feature in HOLDER_REGION_FEATURES or (
        relation is not None and (relation.wants_region or "countryside" in relation.label))


def _agrees(place: Place, side: tuple[Place, float] | None) -> bool:
    """True when a place lies on the side of the container the text says ("the southern
    countryside of Aleppo": south of Aleppo, within 67.5 degrees)."""
    if side is None:
        return False
    anchor, written = side
    turn = abs(bearing(anchor.latitude, anchor.longitude, place.latitude, place.longitude)
               - written) % 360
    return min(turn, 360 - turn) <= SIDE_TOLERANCE


def _same_length(key: str, other: str) -> bool:
    """True when a near spelling is about as long as the name: a respelling ("Kuljibrin" for
    "Kaljibrin"), not a longer name that contains it ("Leisure Village" for "Village")."""
    size = len(normalize_name(other))
    return min(len(key), size) >= MIN_LENGTH_RATIO * max(len(key), size)


def _inside(name: str, region: Place, side: tuple[Place, float] | None = None
            ) -> tuple[Place, float] | None:
    """The place named ``name`` inside ``region``, with a confidence, or None. Inside one
    governorate a near spelling ("Kaljibrin" for Kuljibrin) is usually the place meant, so
    fuzzy matches count from a lower similarity than countrywide; among namesakes the one on
    the ``side`` the text gives (container place, bearing) wins; several equally good places
    far apart share the confidence."""
    written = normalize_name(name)
    held = [c for c in load_index().candidates(name, limit=INSIDE_LOOKUP, countries=(
            region.country,)) if region.id in (c.place.admin1_id, c.place.admin2_id)
            and c.place.id != region.id
            and (c.match != "fuzzy" or (c.similarity >= INSIDE_MIN_SIMILARITY
                                        and _same_length(written, c.matched)))]
    if not held:
        return None

    def key(cand: Candidate) -> tuple:
        return (cand.match != "fuzzy", cand.similarity,
                cand.place.feature not in HOLDER_REGION_FEATURES,
                normalize_name(cand.place.name) == written, _agrees(cand.place, side),
                cand.place.population)

    best = max(held, key=key)
    rivals = sum(1 for c in held if key(c)[:5] == key(best)[:5] and haversine_km(
        c.place.latitude, c.place.longitude, best.place.latitude, best.place.longitude)
        > INSIDE_SAME_PLACE_KM)
    return best.place, round(INSIDE_CONFIDENCE * best.similarity / (1 + rivals), 3)


def place_inside(name: str, region: Place, iso3: str | None) -> Resolution | None:
    """The place named ``name`` inside ``region`` (a state or province the text writes right
    after it, "Parkland, Fla."), or None when the region holds no place of that name."""
    held = _inside(name, region)
    if held is None:
        return None
    return _held_resolution(held[0], name, region, held[1], None, iso3)


def _held_by(resolution: Resolution, region: Place) -> bool:
    """True when a mention's own answer already lies in the region its container names, and
    is a confident one."""
    place = load_index().get(resolution.place_id) if resolution.place_id else None
    return (place is not None and place.id != region.id
            and region.id in (place.admin1_id, place.admin2_id)
            and resolution.confidence >= HELD_MIN_CONFIDENCE)


def _held_resolution(place: Place, query: str, region: Place, confidence: float,
                     relation: Relation | None, iso3: str | None) -> Resolution:
    precision = REGION if place.feature in HOLDER_REGION_FEATURES else PRECISE
    if relation is not None and precision == PRECISE:
        precision = NEAR
    return Resolution(query=query, place_id=place.id, name=place.name,
                      latitude=place.latitude, longitude=place.longitude,
                      admin1=place.admin1 or None, admin2=place.admin2 or None,
                      country=place.country, iso3=iso3, feature=place.feature,
                      geo_precision=precision, confidence=confidence,
                      reason=f"in {region.name} as the text says (written before it)")


def _name_before(text: str, end: int, lang: str) -> tuple[int, int, Holder] | None:
    """The capitalised name whose container the place at ``end`` is: (start, end, link)."""
    window_start = max(0, end - HOLDER_WINDOW)
    for match in reversed(list(_NAME_RUN.finditer(text, window_start, end))):
        link = holder_link(text[match.end() : end], lang)
        if link is not None:
            lead = _LEADING_FUNCTION_WORD.match(match.group(0))  # "The Pittsburgh, Pennsylvania"
            start = match.start() + (lead.end() if lead else 0)
            return (start, match.end(), link) if start < match.end() else None
    return None


def _plausible_new_name(text: str, start: int, end: int) -> bool:
    """A capitalised run the matcher did not report is taken for a name only when it does not
    open its line or sentence (where any word is capitalised) nor follow a possessive, and is
    no country adjective."""
    before = text[max(0, start - 3) : start]
    if start == 0 or "\n" in before or before.rstrip().endswith((".", "!", "?", ":")):
        return False
    if _POSSESSIVE_BEFORE.search(text, max(0, start - 4), start):
        return False  # the tail of "Eva's Village", "St George’s Chapel"
    name = text[start:end]
    return name.casefold() not in demonyms() and not _used_as_common_word(name, text)


def _apply_holders(text: str, found: list[Found], final: list[Resolution],
                   quals: list[tuple[Relation | None, str | None]], lang: str) -> set[int]:
    """"Zammar village in the southern countryside of Aleppo", "Tall al-Jayer village, Al
    Hasakah governorate", "Tal Tamar, à Hassaké": a name followed by the place it lies in is
    looked for inside that place's governorate first, and so are the names listed with it
    ("Ratlah and Al Aekershi villages, Raqqa governorate"). A mention resolved elsewhere moves
    there when the governorate holds a place of that name; a name the matcher missed is added
    when it does; a container written plainly that names both a city and its governorate
    ("Hassaka") becomes the governorate (precision 3). Changes the lists in place and returns
    the indexes of the mentions placed by their container."""
    index = load_index()
    placed: set[int] = set()

    def place(start: int, end: int, limit: int, region: Place, holder: Place,
              side: tuple[Place, float] | None, iso3: str | None) -> tuple[int | None, int]:
        """Place text[start:end] (before mention ``limit``) inside ``region``: the index of
        its mention, or None, and how many mentions were inserted before ``limit``."""
        nonlocal placed
        i = next((k for k in range(limit) if found[k].start < end and start < found[k].end),
                 None)
        if i is not None and (final[i].feature or "") in ADMIN1_FEATURES | {"country"}:
            return None, 0  # "Utah, Colorado": a region listed before another is not inside it
        if i is not None and found[i].start <= start and end <= found[i].end:
            start, end = found[i].start, found[i].end  # "St George’s Chapel", not "Chapel"
        whole = i is not None and (found[i].start, found[i].end) == (start, end)
        if whole and _held_by(final[i], region):
            final[i] = replace(final[i], confidence=max(final[i].confidence, CONFIDENT),
                               reason=f"{final[i].reason}; in {region.name} as the text says")
            return i, 0
        # The whole written name is looked up: "Mazra’at Yarub" is not the Mazra’at the
        # matcher found inside it.
        if not whole and not _plausible_new_name(text, start, end):
            return None, 0
        held = _inside(text[start:end].strip("’'` "), region, side)
        if held is None or held[0].id == holder.id:
            return None, 0
        relation = _qualifiers(text, Found(start, end, "contained"), lang)[0]
        resolution = _held_resolution(held[0], text[start:end], region, held[1], relation, iso3)
        if i is not None:
            found[i], final[i], quals[i] = Found(start, end, "contained"), resolution, (
                relation, None)
            return i, 0
        at = next((k for k in range(limit) if found[k].start > start), limit)
        found.insert(at, Found(start, end, "contained"))
        final.insert(at, resolution)
        quals.insert(at, (relation, None))
        placed = {k + 1 if k >= at else k for k in placed}
        return at, 1

    j = -1
    while (j := j + 1) < len(found):
        outer = final[j]
        holder = index.get(outer.place_id) if outer.resolved and outer.place_id else None
        region = admin_region(holder) if holder is not None else None
        spot = _name_before(text, found[j].start, lang) if region is not None else None
        if spot is None:
            continue
        start, end, link = spot
        if link.comma_only and not _regional(holder, quals[j][0]):
            continue
        written_side = quals[j][0].bearing if quals[j][0] else None
        side = (holder, written_side) if written_side is not None else None
        i, added = place(start, end, j, region, holder, side, outer.iso3)
        if i is None:
            continue
        j += added
        placed.add(i)
        for _ in range(MAX_LISTED):  # "Ratlah and Al Aekershi villages, Raqqa governorate"
            listed = _LISTED_BEFORE.search(text, max(0, found[i].start - HOLDER_WINDOW),
                                           found[i].start)
            if listed is None:
                break
            k, added = place(listed.start("name"), listed.end("name"), i, region, holder,
                             side, outer.iso3)
            if k is None:
                break
            i, j = i + added, j + added
            placed.add(k)
            i = k
        if quals[j][0] is None and holder.id != region.id and (
                normalize_name(holder.name) == normalize_name(region.name)):
            # "Tal Tamar à Hassaka": the governorate, not the city that shares its name
            final[j] = region_resolution(region, outer.query, f"governorate holding the "
                                         f"{text[start:end]} written before it",
                                         outer.confidence)
    return placed


def _framing(text: str, start: int, end: int, lang: str) -> str | None:
    """How the words around a name frame it as a place: "noun" (a place noun after it: "Rastan
    city", "Houla area"), "relation" (a relative phrase before it: "in the vicinity of
    al-Qaryatayn"), "target" (an attack on it: "raids on Anadan", "shelling targets
    Maskanah"), "destination" (where someone travels: "travelling to Cirencester"), or None."""
    if _PLACE_NOUN_AFTER.match(text, end) is not None:
        return "noun"
    framing = "relation" if before(text, start, lang) is not None else (
        "target" if targeted(text, start, lang) else (
            "destination" if destined(text, start, lang) else None))
    return framing if framing and _plausible_new_name(text, start, end) else None


def _overlaps(found: list[Found], starts: list[int], start: int, end: int) -> bool:
    """True when text[start:end] overlaps one of ``found`` (sorted, disjoint; ``starts`` are
    their start offsets)."""
    at = bisect_left(starts, end) - 1
    while at >= 0 and found[at].end > start:
        if found[at].start < end:
            return True
        at -= 1
    return False


def _with_framed_names(text: str, found: list[Found], lang: str) -> list[Found]:
    """English names framed as places (see _framed) that the matcher left out or took for a
    person's name (NER often tags an unknown Arabic name as a person or a nationality), as
    mentions of source "framed", kept later only on the gazetteer-only terms."""
    if lang != "en":
        return found
    out = [Found(f.start, f.end, "framed") if f.source == "person"
           and _framing(text, f.start, f.end, lang) else f for f in found]
    starts = [f.start for f in found]  # the matcher's mentions: in text order, not overlapping
    for match in _NAME_RUN.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in "’'`":
            end -= 1
        if _overlaps(found, starts, start, end):
            continue
        if _framing(text, start, end, lang) and text[start:end].casefold() not in demonyms():
            out.append(Found(start, end, "framed"))
    return sorted(out, key=lambda f: f.start)


def resolve_document(text: str, found: list[Found], lang: str
                     ) -> list[tuple[Found, Resolution, str | None]]:
    """(candidate, resolution, relation label) for each kept mention, in text order."""
    focus = document_focus(text, lang)
    found = _with_framed_names(text, found, lang)
    quals = [_qualifiers(text, f, lang) for f in found]
    names = [text[f.start : f.end] for f in found]

    def run(context: Context, nearby: dict[str, Resolution]) -> list[Resolution]:
        cache: dict[tuple, Resolution] = {}
        out = []
        for item, name, (relation, hint) in zip(found, names, quals, strict=True):
            if item.source == "border":
                out.append(_border(name, item.countries, context.countries))
                continue
            if item.source == "local":  # a street or site: placed below in its town, if any
                out.append(Resolution(query=name, reason="a street, building or site the "
                                                         "gazetteer does not hold"))
                continue
            query = contracted_name(text, item.start, name, lang) or name
            key = (query, relation, hint)
            if key not in cache:
                others = tuple(r for n, r in nearby.items() if n != name)
                try:
                    ctx = replace(context, nearby=others)
                    cache[key] = (_street_or_building(query, ctx, relation, hint)
                                  if _local_head(name, lang) else
                                  rank(query, ctx, relation, hint))
                except Exception as exc:  # one bad mention must not lose the whole document
                    cache[key] = Resolution(query=name, reason=f"internal error: "
                                                               f"{type(exc).__name__}: {exc}")
            out.append(cache[key])
        return out

    first = run(Context(text=text, countries=focus, lang=lang), {})
    sources: dict[str, set[str]] = {}
    for name, item in zip(names, found, strict=True):
        sources.setdefault(name, set()).add(item.source)
    confident = {n: r for n, r, f in zip(names, first, found, strict=True)
                 if r.resolved and r.confidence >= CONFIDENT
                 and f.source not in ("border", "person")}
    # The focus a document does not state is read, in English, from the regions it names,
    # else it is the country of most of its confident places that NER or a cue found (a
    # capitalised word the gazetteer alone matched, "Long" or "TV", is no evidence of the
    # country a story is about). The regions are not read in French: measured on the HIPE
    # papers, they moved a kept mention and placed none better.
    named = [r for n, r in confident.items() if sources[n] & NAMED_SOURCES
             and _written_as_named(r)]
    if not focus and lang == "en":
        focus = _regional_focus(text, found, first)
    if not focus and named:
        countries = Counter(r.country for r in named if r.country)
        country, count = countries.most_common(1)[0] if countries else (None, 0)
        if country and count * 2 >= len(named):
            focus = (country,)
    final = run(Context(text=text, countries=focus, lang=lang), confident)
    found, quals = list(found), list(quals)
    placed = _apply_holders(text, found, final, quals, lang)
    names = [text[f.start : f.end] for f in found]
    placed |= _as_first_placed(names, final, quals, placed)
    anchors = [r for r, f in zip(final, found, strict=True) if r.resolved
               and r.confidence >= CONFIDENT and f.source in NAMED_SOURCES
               and r.feature != "country" and not is_world_region(r)]
    kept = []
    for at, (item, name, res, (relation, _)) in enumerate(
            zip(found, names, final, quals, strict=True)):
        if at in placed:
            kept.append((item, replace(res, query=name), relation.label if relation else None))
            continue
        if item.source == "person" and not (res.feature in ("country", "governorate")
                                            and _folded_words(res.name or "") <= _folded_words(
                                                name)):
            continue  # a region named as such, not a person's name pulled to a region nearby
        article = _with_article(text, item.start)
        framed = lang == "en" and _framing(text, item.start - len(article), item.end,
                                           lang) is not None
        if item.source in ("gazetteer", "head", "person", "framed") and not _worth_keeping(
                article + name, text, res, lang, focus, anchors, framed):
            continue
        if not res.resolved:
            res = (_inside_named_town(name, item.start, lang, found, final, anchors)
                   or _named_after_place(name, Context(text=text, countries=focus, lang=lang,
                                                       nearby=tuple(confident.values())))
                   or res)
        label = "border" if item.source == "border" else (relation.label if relation else None)
        kept.append((item, replace(res, query=name), label))
    return kept


def _regional_focus(text: str, found: list[Found], first: list[Resolution]
                    ) -> tuple[str, ...]:
    """The countries whose first-level regions an English story names, by mentions: each confident
    first-pass region found by NER or a cue and written as named ("Alberta", "New Jersey"), and
    each state abbreviation written the address or press way ("Trenton, N.J.", "Calif."). A
    region places a story more surely than a town, which often has namesakes abroad, so it is
    read before the places ("Hinton" in a story about Alberta). When the story names countries,
    only their regions vote ("Virginia" in a story naming Ireland is a village there); an
    abbreviation is no namesake and always does."""
    votes: Counter[str] = Counter()
    countries: set[str] = set()
    for item, res in zip(found, first, strict=True):
        if not (res.resolved and res.confidence >= CONFIDENT and res.country
                and item.source in NAMED_SOURCES and _written_as_named(res)):
            continue
        if res.feature == "country":
            countries.add(res.country)
        elif res.feature in ADMIN1_FEATURES and not is_world_region(res):
            votes[res.country] += 1
    if countries:
        votes = Counter({c: n for c, n in votes.items() if c in countries})
    states = state_abbreviations()
    for code in find_state_abbreviations(text, "en", [(f.start, f.end) for f in found]):
        votes[states[text[code.start : code.end]][0]] += 1
    return _leading(votes)


def _written_as_named(res: Resolution) -> bool:
    """True when the text writes the first-pass answer nearly as one of its names: only then
    does it tell the country a document is about. A name the gazetteer's folding stretched
    to a place ("Mungall" to Mongala, "CISOs" to Çeşme, "Small" to Smala) is most often a
    person, an acronym or a word, and says nothing of the country."""
    return (res.place_id is not None
            and written_closeness(res.query, res.place_id) >= WRITTEN_AS_NAMED)


def _as_first_placed(names: list[str], final: list[Resolution],
                     quals: list[tuple[Relation | None, str | None]], placed: set[int]
                     ) -> set[int]:
    """A name the text placed inside its container once ("Parkland, Florida") means that
    place wherever the same text writes it again alone, not a namesake elsewhere (one sense
    per discourse). Changes ``final`` in place; returns the indexes it changed."""
    held = {names[i]: final[i] for i in sorted(placed)
            if final[i].resolved and quals[i][0] is None}
    changed = set()
    for k, name in enumerate(names):
        first = held.get(name)
        if (k not in placed and first is not None and quals[k][0] is None
                and final[k].place_id != first.place_id):
            final[k] = replace(first, reason=f"{first.reason}; where the text placed {name}")
            changed.add(k)
    return changed


def _named_after_place(name: str, context: Context) -> Resolution | None:
    """An organisation, building or event named after the place its name opens with
    ("Honolulu Police Department", "Nenagh Municipal District", "New York Auto Show"), or
    else ends with ("Nazi Germany", "British Embassy Tokyo"), is placed near that place
    (precision 2) when those words are exactly a place's name, as written (not "Press" of
    "Press Street" folded to Presa, Iraq)."""
    words = name.split()
    parts = [" ".join(words[:size]) for size in range(len(words) - 1, 0, -1)]
    parts += [" ".join(words[-size:]) for size in range(len(words) - 1, 0, -1)]
    generic = no_place_words(context.lang or "en")
    for head in parts:
        if not head[:1].isupper() or all(w.casefold() in generic for w in head.split()):
            continue  # "Street" of "Press Street", "Central" of "Central Mental Hospital"
        res = rank(head, context, near_spellings=False)
        if (res.resolved and res.confidence >= NAMED_AFTER_MIN_CONFIDENCE
                and not _stretched(head, res)):
            return replace(res, geo_precision=max(res.geo_precision or PRECISE, NEAR),
                           candidates=[], reason=f"named after {head}; {res.reason}")
    return None


def _local_head(name: str, lang: str) -> str | None:
    """The street or building word of a name ("Street" of "Royal Street", "rue" of "rue de
    Sèze"), or None when the name is not one."""
    words = name.split()
    head = words[0] if lang == "fr" else words[-1]
    return head if len(words) >= 2 and head in local_words(lang) else None


def _stretched(name: str, res: Resolution) -> bool:
    """True when the gazetteer place a name resolved to is not written so in the text, only
    reached by folding its letters ("Press" → Presa); a region, sea or county placed by its
    own table is named as written."""
    return (res.place_id is not None and load_index().get(res.place_id) is not None
            and written_closeness(name, res.place_id) < WRITTEN_AS_NAMED)


def _street_or_building(name: str, context: Context, relation: Relation | None,
                        hint: str | None) -> Resolution:
    """A street or building is placed where the gazetteer holds it under the name written
    ("Washington Square", "Barclays Center"), and nowhere else: the rest of its name honours a
    person or a far-off place ("Collins Avenue", "Trump Tower") and a near spelling of it is a
    village anywhere ("Press Street" → Presa, Iraq). Left unresolved, it is placed later in
    the town the text names or the place it is named after."""
    res = rank(name, context, relation, hint, near_spellings=False)
    if not _stretched(name, res):
        return res
    return Resolution(query=name, candidates=res.candidates,
                      reason=f"a street or building the gazetteer does not hold (closest: "
                             f"{res.name}, {res.country})")


def _inside_named_town(name: str, start: int, lang: str, found: list[Found],
                       final: list[Resolution], anchors: list[Resolution]) -> Resolution | None:
    """A street or building the gazetteer does not hold ("Frenchmen Street", "Rogers Centre")
    lies in the town the text names: the last confidently resolved town or city written
    before it (else the first after it), placed there with precision 2 (near) and a lower
    confidence."""
    if _local_head(name, lang) is None:  # "rue de Sèze", "Royal Street"
        return None
    towns = [(f.start, r) for f, r in zip(found, final, strict=True)
             if any(r is a for a in anchors) and r.feature in LOCAL_TOWNS]
    if not towns:
        return None
    before = [r for at, r in towns if at < start]
    town = before[-1] if before else towns[0][1]
    return replace(town, geo_precision=NEAR, confidence=round(town.confidence * LOCAL_SHARE, 3),
                   candidates=[], reason=f"in {town.name}, the town the text names")
