"""Which known event a dated sentence reports, or a candidate event where none fits.

A sentence reports a known event when its date falls within a day of the event's date
(within the month or year for events known only that precisely), it names at least one of
the event's participants, and it uses a word for the event's kind of action. A dated
sentence that names an actor and an action but fits no known event is a candidate.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from generator.model import Corpus, Event
from generator.stages.analyse import Analysis
from generator.text.dates import DateMention, month_end

ACTION_WORDS = {
    "meeting": r"met|meet|meeting|talks|summit|visit|hosted",
    "phone-call": r"phone|telephone|call|spoke|conversation",
    "strike": r"strike|airstrike|air strike|shelling|bombed|killed|shot down|downing|downed",
    "attack": r"attack|killed|shot|bombing",
    "agreement": r"agree|agreed|agreement|deal|memorandum|signed|ceasefire",
    "statement": r"said|stated|announced|statement|declared",
    "military-operation": r"operation|offensive|deployed",
    "sanctions": r"sanction|ban|banned|restrictions",
    "letter": r"letter|wrote",
    "other": r"inaugurat\w*|opened|launched|delivered|delivery|arrived|bought|purchase\w*",
}
_ACTION = {kind: re.compile(rf"\b(?:{words})\w*\b", re.I) for kind, words in ACTION_WORDS.items()}


@dataclass(frozen=True)
class EventLink:
    """A source sentence that reports a known event the curated evidence does not cite yet."""

    event: str
    source: str
    paragraph: int
    sentence: str
    refined: str | None = None  # the day the sentence gives an event known to the month/year
    cited: bool = False  # the evidence cites it already: only its refined date is news


@dataclass(frozen=True)
class CandidateEvent:
    title: str
    date: str
    date_precision: str
    kind: str
    participants: tuple[str, ...]
    sources: tuple[str, ...]
    evidence: str
    paragraph: int
    place: str | None = None  # an actor of kind place named in the evidence sentence
    evidence_source: str = ""  # the source the evidence sentence is from


def _date_fits(event: Event, date: DateMention) -> bool:
    if date.first is None or date.last is None:
        return False
    start = event.date.start
    if event.date.precision == "day":
        return date.first - dt.timedelta(days=1) <= start <= date.last + dt.timedelta(days=1)
    if event.date.precision == "month":  # the event's month and the date's span overlap
        return date.first <= month_end(start) and start <= date.last
    return date.first.year == start.year


def _precise_enough(event: Event, date: DateMention) -> bool:
    """A year ("last year") can only confirm an event known to the year; a month, or part of
    a year ("late 2015"), one known to the month (with its participants and kind of action)."""
    order = {"day": 0, "range": 0, "week": 0, "month": 1, "months": 1, "year": 2}
    return order[date.precision] <= order[event.date.precision]


def _kind_of(sentence: str) -> str | None:
    for kind, pattern in _ACTION.items():
        if pattern.search(sentence):
            return kind
    return None


def match_events(analysis: Analysis) -> tuple[list[EventLink], list[CandidateEvent]]:
    corpus, links = analysis.corpus, analysis.links
    cited: dict[tuple[str, str], list[str]] = {}
    for ev in corpus.events.values():
        for e in ev.evidence:
            cited.setdefault((e.source, e.text), []).append(ev.id)
    actors_in: dict[tuple[str, int, int], set[str]] = {}
    for m in links.mentions:
        actors_in.setdefault((m.source, m.paragraph, m.sentence), set()).add(m.actor)
    found_links: dict[tuple[str, str], EventLink] = {}
    candidates: list[CandidateEvent] = []
    for source_id in analysis.sources:
        paragraphs = corpus.sources[source_id].paragraphs
        for paragraph, date in analysis.linked.dates(source_id):
            if date.first is None:
                continue
            spans = links.sentences[(source_id, paragraph)]
            index = next((i for i, (s, e) in enumerate(spans) if s <= date.start < e), None)
            if index is None:
                continue
            start, end = spans[index]
            sentence = paragraphs[paragraph][start:end]
            citing = [
                event
                for (s, text), events in cited.items()
                if s == source_id and (sentence in text or text in sentence)
                for event in events
            ]
            if citing:
                _refine_cited(found_links, citing, corpus, date, source_id, paragraph, sentence)
                continue
            named = actors_in.get((source_id, paragraph, index), set())
            kind = _kind_of(sentence)
            if not named or kind is None:
                continue
            matched = [
                event
                for event in corpus.events.values()
                if _precise_enough(event, date)
                and _date_fits(event, date)
                and named & {p.actor for p in event.participants}
                and _ACTION[event.kind].search(sentence)
            ]
            for event in matched:
                refined = _refinement(event, date)
                found_links.setdefault(
                    (event.id, source_id),
                    EventLink(event.id, source_id, paragraph, sentence, refined),
                )
            if not matched and date.precision in ("day", "range"):
                candidates.append(
                    _candidate(corpus, named, date, kind, source_id, paragraph, sentence)
                )
    ordered = sorted(found_links.values(), key=lambda link: (link.event, link.source))
    return ordered, merge_candidates(candidates)


def _refine_cited(
    found: dict[tuple[str, str], EventLink],
    citing: list[str],
    corpus: Corpus,
    date: DateMention,
    source_id: str,
    paragraph: int,
    sentence: str,
) -> None:
    """A sentence already cited as evidence can still date its event more precisely."""
    for event_id in citing:
        event = corpus.events[event_id]
        refined = _refinement(event, date) if _date_fits(event, date) else None
        if refined is not None:
            link = EventLink(event_id, source_id, paragraph, sentence, refined, cited=True)
            found.setdefault((event_id, source_id), link)


def _refinement(event: Event, date: DateMention) -> str | None:
    """A day for an event the corpus knows only to the month or year ("the 2018 Sochi
    memorandum" dated 17 September by a new source)."""
    if event.date.precision == "day" or date.precision != "day" or date.first is None:
        return None
    return date.first.isoformat()


def _candidate(
    corpus: Corpus,
    named: set[str],
    date: DateMention,
    kind: str,
    source_id: str,
    paragraph: int,
    sentence: str,
) -> CandidateEvent:
    assert date.first is not None and date.last is not None
    people = sorted(a for a in named if corpus.actors[a].kind != "place")
    places = sorted(a for a in named if corpus.actors[a].kind == "place")
    return CandidateEvent(
        title=_title(sentence),
        date=date.first.isoformat(),
        date_precision="day" if date.first == date.last else "range",
        kind=kind,
        participants=tuple(people),
        sources=(source_id,),
        evidence=sentence,
        paragraph=paragraph,
        place=places[0] if places else None,
        evidence_source=source_id,
    )


def merge_candidates(candidates: list[CandidateEvent]) -> list[CandidateEvent]:
    """One candidate per date and set of overlapping participants: the first sentence wins."""
    merged: list[CandidateEvent] = []
    for candidate in sorted(candidates, key=lambda c: c.date):
        same = next(
            (
                i
                for i, m in enumerate(merged)
                if m.date == candidate.date and set(m.participants) & set(candidate.participants)
            ),
            None,
        )
        if same is None:
            merged.append(candidate)
            continue
        kept = merged[same]
        merged[same] = replace(
            kept,
            participants=tuple(sorted({*kept.participants, *candidate.participants})),
            sources=tuple(sorted({*kept.sources, *candidate.sources})),
        )
    return merged


def _title(sentence: str, words: int = 12) -> str:
    parts = sentence.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
