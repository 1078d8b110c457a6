"""Stage 4, analyse: aggregate links into what each page needs (counts, rankings, neighbours)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import groupby

from generator.model import (
    Claim,
    Corpus,
    Event,
    EvidenceAnchor,
    Links,
    Mention,
    Phase,
    Quote,
    Source,
    SourceMention,
)
from generator.stages.link import LinkedCorpus
from generator.text.actions import action_lexicon
from generator.text.numbers import NumberConflict, number_conflicts


@dataclass(frozen=True)
class ActorProfile:
    id: str
    mentions: int
    sources: tuple[SourceMention, ...]  # newest first (Source.sort_key), the undated last
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


# ---- h-site: relations between actors, from the events (begin) ----

# What taking part in an event of each kind says about a pair of participants:
# (verb, tone). Statements are hostile only where a participant is cast as accuser/attacker.
RELATION_OF_KIND: dict[str, tuple[str, str]] = {
    "meeting": ("met", "cooperative"),
    "phone-call": ("spoke by phone", "cooperative"),
    "letter": ("wrote", "cooperative"),
    "agreement": ("agreed", "cooperative"),
    "sanctions": ("sanctioned", "hostile"),
    "strike": ("struck", "hostile"),
    "attack": ("attacked", "hostile"),
    "military-operation": ("fought", "hostile"),
    "statement": ("addressed", "neutral"),
    "other": ("dealt with", "neutral"),
}


@dataclass(frozen=True)
class Relation:
    """Two actors (folded into what they stand for, a < b) in one event, and what it was."""

    a: str
    b: str
    verb: str
    tone: str  # cooperative | hostile | neutral
    event: str


def folded(corpus: Corpus, actor_id: str) -> str:
    return corpus.actors[actor_id].stands_for or actor_id


def event_relations(corpus: Corpus, chronology: tuple[str, ...]) -> tuple[Relation, ...]:
    """Every pair of participants of every event, places left out (they are not parties)."""
    found = []
    for event_id in chronology:
        event = corpus.events[event_id]
        verb, tone = RELATION_OF_KIND.get(event.kind, RELATION_OF_KIND["other"])
        if event.kind == "statement" and any(p.role == "accuser" for p in event.participants):
            verb, tone = "accused", "hostile"
        parties = sorted(
            {
                folded(corpus, p.actor)
                for p in event.participants
                if corpus.actors[folded(corpus, p.actor)].kind != "place"
            }
        )
        for i, a in enumerate(parties):
            found += [Relation(a, b, verb, tone, event_id) for b in parties[i + 1 :]]
    return tuple(found)


# ---- h-site: relations (end) ----


@dataclass(frozen=True)
class PhaseProfile:
    """What a phase page shows: the phase's events in order, who took part in them most,
    the contested claims about them and the sources published within its dates."""

    number: int  # 1-based, in the briefing's order
    phase: Phase
    events: tuple[str, ...]
    actors: tuple[tuple[str, int], ...]  # (actor id, events taken part in), most first
    claims: tuple[str, ...]
    sources: tuple[str, ...]  # newest first


@dataclass(frozen=True)
class Analysis:
    corpus: Corpus
    linked: LinkedCorpus
    actors: dict[str, ActorProfile]
    events: dict[str, EventProfile]
    sources: dict[str, SourceProfile]
    chronology: tuple[str, ...]
    comentions: dict[tuple[str, str], int]
    claims_by_event: dict[str, tuple[Claim, ...]]
    conflicts: dict[str, tuple[NumberConflict, ...]]
    claim_paragraphs: dict[tuple[str, str], int]  # (source, text) -> paragraph
    relations: tuple[Relation, ...] = ()  # h-site: typed relations drawn from the events
    phases: tuple[PhaseProfile, ...] = ()  # the briefing's phases, each with its events

    @property
    def links(self) -> Links:
        """Every mention of every source: for review, never needed by the build."""
        return self.linked.links


def analyse(corpus: Corpus, linked: LinkedCorpus) -> Analysis:
    chronology = chronological(corpus)
    comentions = count_comentions(linked)
    return Analysis(
        corpus=corpus,
        linked=linked,
        actors=_actor_profiles(corpus, linked, chronology, comentions),
        events=_event_profiles(linked, chronology),
        sources=_source_profiles(corpus, linked, chronology),
        chronology=chronology,
        comentions=comentions,
        claims_by_event=_claims_by_event(corpus),
        conflicts=_conflicts(corpus, chronology),
        claim_paragraphs=_claim_paragraphs(corpus),
        relations=event_relations(corpus, chronology),
        phases=phase_profiles(corpus, chronology),
    )


def phase_profiles(corpus: Corpus, chronology: tuple[str, ...]) -> tuple[PhaseProfile, ...]:
    """An event belongs to the phase its date starts in; a source to the phase it was
    published in."""
    profiles = []
    newest_first = sorted(corpus.sources.values(), key=lambda s: s.sort_key, reverse=True)
    for number, phase in enumerate(corpus.briefing.phases, start=1):
        events = tuple(
            e for e in chronology if phase.start <= corpus.events[e].date.start <= phase.end
        )
        taking_part = Counter(p.actor for e in events for p in corpus.events[e].participants)
        inside = set(events)
        profiles.append(
            PhaseProfile(
                number=number,
                phase=phase,
                events=events,
                actors=tuple(sorted(taking_part.items(), key=lambda a: (-a[1], a[0]))),
                claims=tuple(c.id for c in corpus.claims.values() if c.event in inside),
                sources=tuple(
                    s.id
                    for s in newest_first
                    if s.published and phase.start <= s.published <= phase.end
                ),
            )
        )
    return tuple(profiles)


# "Before meeting Erdoğan, Putin spoke to Michel": a word that places an event before or after
# another, followed (within a few words) by a word for that other event's kind.
_ORDER_CUE = re.compile(
    r"\b(before|ahead of|prior to|after|following)\b\W+((?:\w+\W+){0,5})", re.IGNORECASE
)


def chronological(corpus: Corpus) -> tuple[str, ...]:
    """Event ids oldest first. Events of the same day keep the order their own words give
    ("before the leaders met", "after the talks"), else the order of their ids."""
    ordered = sorted(corpus.events.values(), key=lambda e: e.sort_key)
    result: list[str] = []
    for _, group in groupby(ordered, key=lambda e: (e.date.start, e.date.precision)):
        events = list(group)
        result += _within_day(events) if len(events) > 1 else [events[0].id]
    return tuple(result)


def _within_day(events: list[Event]) -> list[str]:
    """A stable topological order of one day's events by the before/after cues in their
    summaries and evidence; a cue that would make a cycle is ignored."""
    kinds = action_lexicon()
    after: dict[str, set[str]] = {e.id: set() for e in events}  # id -> ids that come first
    for event in events:
        texts = [event.summary or "", *(e.text for e in event.evidence)]
        for match in (m for text in texts for m in _ORDER_CUE.finditer(text)):
            words = match.group(2)
            for other in events:
                pattern = kinds.get(other.kind)
                if other is event or pattern is None or not pattern.search(words):
                    continue
                first, then = (
                    (event, other) if match.group(1).lower() in _BEFORE else (other, event)
                )
                if then.id in _reachable(after, first.id):
                    continue  # it already comes first: the cue would make a cycle
                after[then.id].add(first.id)
    return _topological([e.id for e in events], after)


_BEFORE = frozenset({"before", "ahead of", "prior to"})


def _reachable(after: dict[str, set[str]], start: str) -> set[str]:
    """Every event known to come before start (following `after` links)."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        for earlier in after[stack.pop()]:
            if earlier not in seen:
                seen.add(earlier)
                stack.append(earlier)
    return seen


def _topological(ids: list[str], after: dict[str, set[str]]) -> list[str]:
    placed: list[str] = []
    while len(placed) < len(ids):
        ready = next(i for i in ids if i not in placed and after[i] <= set(placed))
        placed.append(ready)
    return placed


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


def count_comentions(linked: LinkedCorpus) -> dict[tuple[str, str], int]:
    """Pairs of actors named in the same sentence, counted once per sentence."""
    counts: Counter[tuple[str, str]] = Counter()
    for summary in linked.summaries.values():
        counts.update(summary.pairs)  # counted in C: a thousand sources add up fast
    return dict(sorted(counts.items()))


def _event_actors(event: Event) -> set[str]:
    actors = {p.actor for p in event.participants}
    if event.place:
        actors.add(event.place)
    return actors


def _actor_profiles(
    corpus: Corpus,
    linked: LinkedCorpus,
    chronology: tuple[str, ...],
    comentions: dict[tuple[str, str], int],
) -> dict[str, ActorProfile]:
    uses: dict[str, list[SourceMention]] = defaultdict(list)
    quotes: dict[str, list[Quote]] = defaultdict(list)
    newest_first = sorted(corpus.sources.values(), key=lambda s: s.sort_key, reverse=True)
    for source in newest_first:
        summary = linked.summaries[source.id]
        for use in summary.actors:
            uses[use.actor].append(use)
        for q in summary.quotes:
            if q.speaker:
                quotes[q.speaker].append(q)
    related: dict[str, Counter[str]] = defaultdict(Counter)
    for (a, b), count in comentions.items():
        related[a][b] += count
        related[b][a] += count
    profiles = {}
    for actor_id in corpus.actors:
        sources = uses.get(actor_id, [])
        profiles[actor_id] = ActorProfile(
            id=actor_id,
            mentions=sum(s.count for s in sources),
            sources=tuple(sources),
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


def _event_profiles(linked: LinkedCorpus, chronology: tuple[str, ...]) -> dict[str, EventProfile]:
    evidence: dict[str, list[EvidenceAnchor]] = defaultdict(list)
    for anchor in linked.evidence:
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
    corpus: Corpus, linked: LinkedCorpus, chronology: tuple[str, ...]
) -> dict[str, SourceProfile]:
    events_by_source: dict[str, set[str]] = defaultdict(set)
    for anchor in linked.evidence:
        events_by_source[anchor.source].add(anchor.event)
    profiles = {}
    for source_id in corpus.sources:
        summary = linked.summaries[source_id]
        cited = events_by_source.get(source_id)
        profiles[source_id] = SourceProfile(
            id=source_id,
            actors=tuple((use.actor, use.count) for use in summary.actors),
            events=tuple(e for e in chronology if e in cited) if cited else (),
            quotes=summary.quotes,
        )
    return profiles


def first_per_paragraph(source: Source, mentions: tuple[Mention, ...]) -> list[list[Mention]]:
    """Link each actor once per paragraph, so the text stays readable."""
    chosen: list[list[Mention]] = [[] for _ in source.paragraphs]
    seen: set[tuple[int, str]] = set()
    for m in mentions:
        if (m.paragraph, m.actor) not in seen:
            seen.add((m.paragraph, m.actor))
            chosen[m.paragraph].append(m)
    return chosen
