"""The place of one event mention, chosen among the geocoded place spans of its sentence.

The place is where the event happens, not every place named: a speaker ("Moscou dénonce",
"selon une source à Damas") is never the event's place; a resolved place beats an unresolved one,
a place in the trigger's clause beats one elsewhere in the sentence, a specific place (village,
town) beats a region or a country, a place in the document's country (the country most of its
places and actors belong to) beats a namesake abroad ("Mountain" near Zabadani), a place
resolved outside the governorate written after it loses to that governorate, the start of an
organisation's name ("Al-Ba'ath Party") is no place, and a relative phrase ("près de", "campagne
est de") lowers the precision to ACLED's 2 (near) or 3 (region).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice

from spacy.tokens import Doc, Span

from events.extraction.lexicons import actors, json_data
from events.extraction.segments import segments
from events.model import GEO_EXACT, GEO_NEAR, GEO_REGION
from geo.joint import resolve_in_country
from geo.world_regions import is_world_region

PLACES_KEY = "places"
ACTORS_KEY = "actors"
COUNTRY_FEATURES = frozenset({"country", "pays"})
LOCAL_FEATURES = frozenset(
    {
        "village",
        "town",
        "locality",
        "neighbourhood",
        "neighborhood",
        "camp",
        "suburb",
        "hamlet",
        "quarter",
        "populated place",
    }
)
CITY_FEATURES = frozenset({"city", "capital"})
LEAD_SEGMENTS = 5
MAX_LIST_GAP = 4  # tokens between two listed places: ", Houla and"
LIST_JOINERS = frozenset({",", "and", "et", "the", "la", "le", "les", "l'", "l’", "al-"})
ANCESTOR_DEPTH = 4
LOOKAHEAD_SENTENCES = 3
FUNCTION_POS = frozenset({"ADP", "DET", "PRON", "AUX", "CCONJ", "SCONJ"})
FOREIGN_PENALTY = 2.0
HIERARCHY_PENALTY = 4.0  # below the written governorate itself
MAX_HIERARCHY_GAP = 3  # tokens between a place and its container: "farm, Raqqa governorate"
CONTAINER_MARKERS = frozenset({",", "in", "à", "en", "dans"})
REGION_FEATURES = frozenset({"governorate", "province", "region", "district", "state"})
MAX_NAME_TAIL = 3  # capitalised words after a place that can end an organisation's name
REFOCUSED_KEY = "eventmap_places_refocused"
CONFIDENT_PLACE = 0.7  # the geocoder's confident answers are not moved to another country
MIN_COUNTRY_EVIDENCE = 0.5  # votes needed to look for an unresolved name in a country


@dataclass(frozen=True)
class Place:
    """The chosen place span with its resolution and the precision the sentence gives it."""

    span: Span
    precision: int | None


@lru_cache(maxsize=1)
def _speech() -> tuple[frozenset[str], tuple[str, ...]]:
    cues = json_data("event_refinements.json")
    return frozenset(cues["reporting_markers"]), tuple(cues["speech_verb_prefixes"])


def is_speaker(span: Span) -> bool:
    """True for a place that speaks or sources a statement rather than hosting an event."""
    markers, verbs = _speech()
    root = span.root
    if root.dep_.startswith("nsubj") and root.head.lower_.startswith(verbs):
        return True
    node = root
    for _ in range(ANCESTOR_DEPTH):
        if any(child.lower_ in markers for child in node.children):
            return True
        if node.head is node:
            break
        node = node.head
    return False


@lru_cache(maxsize=1)
def _organisation_heads() -> frozenset[str]:
    return frozenset(json_data("event_refinements.json")["organisation_heads"])


def _starts_organisation(span: Span) -> bool:
    """True for a place name that begins a capitalised organisation name ("Al-Ba'ath Party",
    "Arab National Guard"): the organisation is named, not the place."""
    heads = _organisation_heads()
    for token in span.doc[span.end : min(span.end + MAX_NAME_TAIL, span.sent.end)]:
        if not token.is_title:
            return False
        if token.lower_ in heads:
            return True
    return False


def _plausible(span: Span, actor_spans: list[Span]) -> bool:
    """Not a speaker, not an actor ("la Russie" acting) nor the start of an organisation's name,
    not a lone function or common word."""
    if len(span) == 1 and span[0].pos_ in FUNCTION_POS:
        return False  # "Selon", "Elles", "La"
    if any(a.start < span.end and span.start < a.end for a in actor_spans):
        return False
    return not is_speaker(span) and not _starts_organisation(span)


def is_broad(place: Place | None) -> bool:
    """True when no place, an unresolved one, or only a country or something larger (a
    continent, world region, ocean or sea) is known."""
    if place is None or place.precision is None:
        return True
    return _is_country_or_larger(place.span)


def _precision(span: Span) -> int | None:
    resolution = span._.resolution
    if resolution is None or not resolution.resolved:
        return None
    precision = resolution.geo_precision or GEO_EXACT
    if span._.relation and precision < GEO_NEAR:
        precision = GEO_NEAR
    return precision


def _specificity(span: Span) -> float:
    """Village or town beats city beats region beats country (feature names from the gazetteer)."""
    feature = (span._.resolution.feature or "").lower()
    if _is_country_or_larger(span):
        return -2.0
    if feature in LOCAL_FEATURES:
        return 1.5
    if feature in CITY_FEATURES:
        return 0.5
    return 0.0


def _score(span: Span, trigger: Span, zone: tuple[int, int]) -> float:
    resolution = span._.resolution
    score = 0.0
    if resolution is not None and resolution.resolved:
        score += 4 + resolution.confidence + _specificity(span)
    if trigger.end <= span.start < zone[1]:
        score += 2.5  # "raids on Nawa and an explosion in Tasil": a place follows its trigger
    elif zone[0] <= span.start < trigger.start:
        score += 1
    precision = _precision(span)
    if precision is not None and precision < GEO_REGION:
        score += 0.5 * (GEO_REGION - precision)  # the place itself, then "near", then a region
    distance = min(abs(span.start - trigger.end), abs(trigger.start - span.end))
    return score - 0.02 * distance


def _name(span: Span) -> str | None:
    resolution = span._.resolution
    return resolution.name.casefold() if resolution is not None and resolution.name else None


def _containers(spans: list[Span]) -> set[str]:
    """Admin names that hold another candidate ("Tal Tamar à Hassaka": Hassaka holds Tal Tamar),
    so the contained, more specific place wins."""
    names: set[str] = set()
    for span in spans:
        resolution = span._.resolution
        if resolution is not None and resolution.resolved:
            names |= {a.casefold() for a in (resolution.admin1, resolution.admin2) if a}
            names.discard(_name(span))
    return names


def _against_hierarchy(span: Span, spans: list[Span]) -> bool:
    """True for a place outside the container written right after it: another governorate
    ("Tishreen farm, Raqqa governorate" resolved to a Tishrin of Deir ez-Zor) or another country
    ("Bab al-Neirab neighborhood, Aleppo" resolved in Spain). The text's hierarchy wins."""
    resolution = span._.resolution
    if resolution is None or not resolution.resolved:
        return False
    for container in spans:
        gap = container.start - span.end
        if not 0 < gap <= MAX_HIERARCHY_GAP or _country(container) is None:
            continue
        if span.doc[container.start - 1].lower_ not in CONTAINER_MARKERS:
            continue  # "northeast of Aleppo" places it beside Aleppo, not in it
        if _country(container) != resolution.country:
            return True
        if _is_region(container) and resolution.admin1:
            held = {a.casefold() for a in (resolution.admin1, resolution.admin2) if a}
            return _name(container) not in held
        return False
    return False


def _is_region(span: Span) -> bool:
    resolution = span._.resolution
    return (
        resolution is not None
        and resolution.resolved
        and (resolution.feature or "").lower() in REGION_FEATURES
    )


def _country(span: Span) -> str | None:
    resolution = span._.resolution
    return resolution.country if resolution is not None and resolution.resolved else None


def _actor_countries(doc: Doc) -> Counter[str]:
    """One vote per lexicon actor of the document for the actor's country."""
    lexicon = actors()
    votes: Counter[str] = Counter()
    for span in doc.spans.get(ACTORS_KEY, []):
        actor = lexicon.get(span.label_)
        if actor is not None and actor.country:
            votes[actor.country] += 1
    return votes


def _document_countries(doc: Doc) -> Counter[str]:
    """Votes for the document's country: its lexicon actors and its resolved places."""
    votes = _actor_countries(doc)
    for span in doc.spans.get(PLACES_KEY, []):
        if (country := _country(span)) and not _starts_organisation(span):
            votes[country] += 1
    return votes


def _foreign(span: Span, votes: Counter[str]) -> bool:
    """True for a place outside the country most of the document points to."""
    country = _country(span)
    if country is None or not votes:
        return False
    (top, count), *_ = votes.most_common(1)
    return country != top and votes[country] < count


def _refocus(doc: Doc) -> None:
    """Resolve again, inside the document's country, the places the geocoder left unresolved
    or placed abroad without confidence. The geocoder sees only place names; the actors
    ("regime forces", "YPG", "SDF") often say the country a headline never names, and a
    village name read alone goes to a namesake abroad ("Hajin" in Turkey, "Ariha" for
    Jericho). The evidence is the document's actors (one vote each) and its other
    sub-national places (their confidence); a country named ("Russian warplanes") locates
    nothing. A place moves when that evidence points elsewhere more strongly than its own
    answer holds it; tied countries are all tried and the surest answer kept. Confident
    answers stay: foreign forces acting in a country do not move its villages abroad."""
    if doc.user_data.get(REFOCUSED_KEY):
        return
    doc.user_data[REFOCUSED_KEY] = True
    votes = _actor_countries(doc)
    for span in doc.spans[PLACES_KEY]:
        if (country := _country(span)) and not (
            _starts_organisation(span) or _is_country_or_larger(span)
        ):
            votes[country] += span._.resolution.confidence
    text = doc.text
    for span in doc.spans[PLACES_KEY]:
        resolution = span._.resolution
        if resolution is None or span._.relation == "border" or _is_country_or_larger(span):
            continue
        if resolution.resolved and resolution.confidence >= CONFIDENT_PLACE:
            continue
        own = _country(span)
        others = {c: n for c, n in votes.items() if c != own}
        if not others:
            continue
        top = max(others.values())
        if top <= votes[own] if own else top < MIN_COUNTRY_EVIDENCE:
            continue
        answers = [
            resolve_in_country(text, span.start_char, span.end_char, doc.lang_, country)
            for country, n in others.items()
            if n == top
        ]
        answers = [a for a in answers if a.resolved and a.country in others]
        if answers:
            best = max(answers, key=lambda a: a.confidence)
            span._.resolution = replace(best, query=resolution.query)


def _is_country_or_larger(span: Span) -> bool:
    resolution = span._.resolution
    feature = (resolution.feature or "").lower()
    return feature in COUNTRY_FEATURES or is_world_region(resolution)


def choose(
    sentence: Span, trigger: Span, zone: tuple[int, int], actor_spans: list[Span]
) -> Place | None:
    """The best place for the trigger among its sentence's place spans, or None."""
    doc = sentence.doc
    if PLACES_KEY not in doc.spans:
        return None
    _refocus(doc)
    spans = [
        s
        for s in doc.spans[PLACES_KEY]
        if sentence.start <= s.start < sentence.end and _plausible(s, actor_spans)
    ]
    if not spans:
        return None
    containers = _containers(spans)
    votes = _document_countries(doc)
    best = max(
        spans,
        key=lambda s: (
            _score(s, trigger, zone)
            - 2.0 * (_name(s) in containers)
            - FOREIGN_PENALTY * _foreign(s, votes)
            - HIERARCHY_PENALTY * _against_hierarchy(s, spans)
        ),
    )
    return Place(best, _precision(best))


def coordinated(place: Place, zone_end: int, actor_spans: list[Span]) -> list[Place]:
    """Resolved places listed with the chosen one ("strikes on Rastan, Houla and Talbiseh"): ACLED
    codes one event per location, so each gets its own event."""
    doc = place.span.doc
    found: list[Place] = []
    previous = place.span
    if previous.start > 0 and doc[previous.start - 1].lower_ in ("entre", "between"):
        return found  # "entre Homs et Deir Ezzor" is one stretch of land, not two places
    for span in sorted(doc.spans.get(PLACES_KEY, []), key=lambda s: s.start):
        if span.start < previous.end or span.start >= zone_end:
            continue
        between = doc[previous.end : span.start]
        listed = all(t.lower_ in LIST_JOINERS or t.is_title for t in between)
        if not between or len(between) > MAX_LIST_GAP or not listed:
            break
        candidate = Place(span, _precision(span))
        if (candidate.precision or GEO_REGION) >= GEO_REGION or not _plausible(span, actor_spans):
            break
        if span._.relation or _name(span) in _containers([previous]):
            break  # "Darayya, Damascus countryside": the container, not a second place
        found.append(candidate)
        previous = span
    return found


def follow_up(sentence: Span, country: str | None, actor_spans: list[Span]) -> Place | None:
    """A resolved sub-national place in the next few sentences, for an event of the article's lead
    whose sentence names only a country ("En Syrie, ... offensive ..." then "Le camp visé, situé à
    la lisière de la province d'Idlib"). Later in an article a country stays a country."""
    doc = sentence.doc
    if PLACES_KEY not in doc.spans:
        return None
    lead = list(islice(segments(doc), LEAD_SEGMENTS))
    if not any(sentence.start == s.start for s in lead):
        return None
    for later in islice(segments(doc, sentence.end), LOOKAHEAD_SENTENCES):
        for span in doc.spans[PLACES_KEY]:
            if not later.start <= span.start < later.end or not _plausible(span, actor_spans):
                continue
            candidate = Place(span, _precision(span))
            if is_broad(candidate):
                continue
            if country and span._.resolution.country not in (None, country):
                continue
            return candidate
    return None
