"""Stage 4, analyse: aggregate links into what each page needs (counts, rankings, neighbours)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from generator.cache import Cache, digest
from generator.dates import DateMention, find_dates
from generator.model import Claim, Corpus, Event, EvidenceAnchor, Links, Mention, Quote, Source
from generator.numbers import NumberConflict, number_conflicts


@dataclass(frozen=True)
class SourceMention:
    """How one source speaks of one actor: how often, and the first sentence that names it."""

    source: str
    count: int
    paragraph: int
    context: str


@dataclass(frozen=True)
class ActorProfile:
    id: str
    mentions: int
    sources: tuple[SourceMention, ...]
    events: tuple[str, ...]
    related: tuple[tuple[str, int], ...]
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class EventProfile:
    id: str
    evidence: tuple[EvidenceAnchor, ...]
    sources: tuple[str, ...]
    before: str | None
    after: str | None


@dataclass(frozen=True)
class SourceProfile:
    id: str
    actors: tuple[tuple[str, int], ...]
    events: tuple[str, ...]
    quotes: tuple[Quote, ...]
    links: tuple[tuple[Mention, ...], ...]
    dates: tuple[tuple[int, DateMention], ...] = ()


@dataclass(frozen=True)
class Analysis:
    corpus: Corpus
    links: Links
    actors: dict[str, ActorProfile]
    events: dict[str, EventProfile]
    sources: dict[str, SourceProfile]
    chronology: tuple[str, ...]
    comentions: dict[tuple[str, str], int]
    claims_by_event: dict[str, tuple[Claim, ...]]
    conflicts: dict[str, tuple[NumberConflict, ...]]
    claim_paragraphs: dict[tuple[str, str], int]  # (source, text) -> paragraph


def analyse(corpus: Corpus, links: Links, cache: Cache | None = None) -> Analysis:
    chronology = tuple(e.id for e in sorted(corpus.events.values(), key=lambda e: e.sort_key))
    comentions = count_comentions(links.mentions)
    return Analysis(
        corpus=corpus,
        links=links,
        actors=_actor_profiles(corpus, links, chronology, comentions),
        events=_event_profiles(corpus, links, chronology),
        sources=_source_profiles(corpus, links, chronology, cache or Cache()),
        chronology=chronology,
        comentions=comentions,
        claims_by_event=_claims_by_event(corpus),
        conflicts=_conflicts(corpus, chronology),
        claim_paragraphs=_claim_paragraphs(corpus),
    )


def _claims_by_event(corpus: Corpus) -> dict[str, tuple[Claim, ...]]:
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for claim in corpus.claims.values():
        grouped[claim.event].append(claim)
    return {event: tuple(claims) for event, claims in sorted(grouped.items())}


def _conflicts(
    corpus: Corpus, chronology: tuple[str, ...]
) -> dict[str, tuple[NumberConflict, ...]]:
    found = {}
    for event_id in chronology:
        evidence = [(e.source, e.text) for e in corpus.events[event_id].evidence]
        conflicts = number_conflicts(event_id, evidence)
        if conflicts:
            found[event_id] = tuple(conflicts)
    return found


def _claim_paragraphs(corpus: Corpus) -> dict[tuple[str, str], int]:
    """The paragraph each claim stance quotes (validate has checked that it is there)."""
    located = {}
    for claim in corpus.claims.values():
        for stance in claim.stances:
            source = corpus.sources[stance.source]
            located[(stance.source, stance.text)] = source.paragraph_of(stance.text)
    return located


def count_comentions(mentions: tuple[Mention, ...]) -> dict[tuple[str, str], int]:
    """Pairs of actors named in the same sentence, counted once per sentence."""
    by_sentence: dict[tuple[str, int, int], set[str]] = defaultdict(set)
    for m in mentions:
        by_sentence[(m.source, m.paragraph, m.sentence)].add(m.actor)
    counts: Counter[tuple[str, str]] = Counter()
    for actors in by_sentence.values():
        counts.update(combinations(sorted(actors), 2))
    return dict(sorted(counts.items()))


def _event_actors(event: Event) -> set[str]:
    actors = {p.actor for p in event.participants}
    if event.place:
        actors.add(event.place)
    return actors


def _actor_profiles(
    corpus: Corpus,
    links: Links,
    chronology: tuple[str, ...],
    comentions: dict[tuple[str, str], int],
) -> dict[str, ActorProfile]:
    by_actor: dict[str, list[Mention]] = defaultdict(list)
    for m in links.mentions:
        by_actor[m.actor].append(m)
    related: dict[str, Counter[str]] = defaultdict(Counter)
    for (a, b), count in comentions.items():
        related[a][b] += count
        related[b][a] += count
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for q in links.quotes:
        if q.speaker:
            quotes[q.speaker].append(q)
    profiles = {}
    for actor_id in corpus.actors:
        mentions = by_actor.get(actor_id, [])
        profiles[actor_id] = ActorProfile(
            id=actor_id,
            mentions=len(mentions),
            sources=_source_mentions(corpus, links, mentions),
            events=tuple(e for e in chronology if actor_id in _event_actors(corpus.events[e])),
            related=tuple(
                sorted(
                    related[actor_id].items(),
                    key=lambda item: (-item[1], corpus.actors[item[0]].name),
                )
            ),
            quotes=tuple(quotes.get(actor_id, ())),
        )
    return profiles


def _source_mentions(
    corpus: Corpus, links: Links, mentions: list[Mention]
) -> tuple[SourceMention, ...]:
    first: dict[str, Mention] = {}
    counts: Counter[str] = Counter()
    for m in mentions:
        first.setdefault(m.source, m)
        counts[m.source] += 1
    result = []
    for source_id, m in first.items():
        text = corpus.sources[source_id].paragraphs[m.paragraph]
        start, end = links.sentences[(source_id, m.paragraph)][m.sentence]
        result.append(SourceMention(source_id, counts[source_id], m.paragraph, text[start:end]))
    return tuple(sorted(result, key=lambda r: tuple(reversed(corpus.sources[r.source].sort_key))))


def _event_profiles(
    corpus: Corpus, links: Links, chronology: tuple[str, ...]
) -> dict[str, EventProfile]:
    evidence: dict[str, list[EvidenceAnchor]] = defaultdict(list)
    for anchor in links.evidence:
        evidence[anchor.event].append(anchor)
    profiles = {}
    for position, event_id in enumerate(chronology):
        anchors = tuple(evidence[event_id])
        profiles[event_id] = EventProfile(
            id=event_id,
            evidence=anchors,
            sources=tuple(dict.fromkeys(a.source for a in anchors)),
            before=chronology[position - 1] if position > 0 else None,
            after=chronology[position + 1] if position + 1 < len(chronology) else None,
        )
    return dict(sorted(profiles.items()))


def _source_profiles(
    corpus: Corpus, links: Links, chronology: tuple[str, ...], cache: Cache
) -> dict[str, SourceProfile]:
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for m in links.mentions:
        mentions[m.source].append(m)
    events_by_source: dict[str, set[str]] = defaultdict(set)
    for anchor in links.evidence:
        events_by_source[anchor.source].add(anchor.event)
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for q in links.quotes:
        quotes[q.source].append(q)
    profiles = {}
    for source_id, source in corpus.sources.items():
        found = mentions.get(source_id, [])
        counts = Counter(m.actor for m in found)
        order = list(dict.fromkeys(m.actor for m in found))
        profiles[source_id] = SourceProfile(
            id=source_id,
            actors=tuple((a, counts[a]) for a in order),
            events=tuple(e for e in chronology if e in events_by_source[source_id]),
            quotes=tuple(quotes.get(source_id, ())),
            links=tuple(
                _first_per_paragraph([m for m in found if m.paragraph == i])
                for i in range(len(source.paragraphs))
            ),
            dates=cache.get_or_make(
                "dates",
                digest(source.paragraphs, source.published),
                lambda source=source: source_dates(source),  # type: ignore[misc]
            ),
        )
    return profiles


def source_dates(source: Source) -> tuple[tuple[int, DateMention], ...]:
    return tuple(
        (i, d)
        for i, text in enumerate(source.paragraphs)
        for d in find_dates(text, source.published)
    )


def _first_per_paragraph(mentions: list[Mention]) -> tuple[Mention, ...]:
    """Link each actor once per paragraph, so the text stays readable."""
    seen: set[str] = set()
    chosen = []
    for m in mentions:
        if m.actor not in seen:
            seen.add(m.actor)
            chosen.append(m)
    return tuple(chosen)
