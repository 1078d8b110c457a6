"""Which known event a dated sentence reports, or a candidate event where none fits.

A sentence reports a known event when its date falls within a day of the event's date
(within the month or year for events known only that precisely), it names at least one of
the event's participants, and it uses a word for the event's kind of action. A dated
sentence that names an actor and an action but fits no known event is a candidate.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from generator.model import Event
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


@dataclass
class _Sentence:
    """What match_events needs of one dated sentence, worked out once however many dates
    it holds (a scan per date would be quadratic in a long sentence with many dates)."""

    paragraph: int
    text: str
    named: set[str]
    kind: str | None
    fits: dict[str, bool]  # event kind -> its action words occur in the sentence

    def has_action(self, kind: str) -> bool:
        if kind not in self.fits:
            self.fits[kind] = bool(_ACTION[kind].search(self.text))
        return self.fits[kind]


def _dated_sentences(
    analysis: Analysis, source_id: str, actors_in: dict[tuple[str, int, int], set[str]]
) -> list[tuple[_Sentence, DateMention]]:
    """Each date of the source with its sentence, skipping sentences already cited as
    evidence and those that name no actor or no action."""
    corpus, links = analysis.corpus, analysis.links
    paragraphs = corpus.sources[source_id].paragraphs
    cited = [e.text for ev in corpus.events.values() for e in ev.evidence if e.source == source_id]
    sentences: dict[tuple[int, int], _Sentence | None] = {}
    found = []
    for paragraph, date in analysis.linked.dates(source_id):
        if date.first is None:
            continue
        spans = links.sentences[(source_id, paragraph)]
        index = bisect_right(spans, (date.start, len(paragraphs[paragraph]) + 1)) - 1
        if index < 0 or not spans[index][0] <= date.start < spans[index][1]:
            continue
        if (paragraph, index) not in sentences:
            start, end = spans[index]
            text = paragraphs[paragraph][start:end]
            named = actors_in.get((source_id, paragraph, index), set())
            fresh = not any(text in c or c in text for c in cited)
            kind = _kind_of(text) if fresh and named else None
            sentences[(paragraph, index)] = (
                _Sentence(paragraph, text, named, kind, {}) if kind is not None else None
            )
        sentence = sentences[(paragraph, index)]
        if sentence is not None:
            found.append((sentence, date))
    return found


def match_events(analysis: Analysis) -> tuple[list[EventLink], list[CandidateEvent]]:
    corpus, links = analysis.corpus, analysis.links
    actors_in: dict[tuple[str, int, int], set[str]] = {}
    for m in links.mentions:
        actors_in.setdefault((m.source, m.paragraph, m.sentence), set()).add(m.actor)
    participants = {e.id: {p.actor for p in e.participants} for e in corpus.events.values()}
    found_links: dict[tuple[str, str], EventLink] = {}
    candidates: list[CandidateEvent] = []
    for source_id in analysis.sources:
        for sentence, date in _dated_sentences(analysis, source_id, actors_in):
            assert date.first is not None and sentence.kind is not None
            matched = [
                event
                for event in corpus.events.values()
                if _precise_enough(event, date)
                and _date_fits(event, date)
                and sentence.named & participants[event.id]
                and sentence.has_action(event.kind)
            ]
            for event in matched:
                found_links.setdefault(
                    (event.id, source_id),
                    EventLink(event.id, source_id, sentence.paragraph, sentence.text),
                )
            if not matched and date.precision in ("day", "range"):
                people = sorted(a for a in sentence.named if corpus.actors[a].kind != "place")
                candidates.append(
                    CandidateEvent(
                        title=_title(sentence.text),
                        date=date.first.isoformat(),
                        date_precision="day" if date.first == date.last else "range",
                        kind=sentence.kind,
                        participants=tuple(people),
                        sources=(source_id,),
                        evidence=sentence.text,
                        paragraph=sentence.paragraph,
                    )
                )
    ordered = sorted(found_links.values(), key=lambda link: (link.event, link.source))
    return ordered, merge_candidates(candidates)


def merge_candidates(candidates: list[CandidateEvent]) -> list[CandidateEvent]:
    """One candidate per date and set of overlapping participants: the first sentence wins."""
    merged: list[CandidateEvent] = []
    by_date: dict[str, list[int]] = {}  # indexes in merged: only the same date can merge
    for candidate in sorted(candidates, key=lambda c: c.date):
        wanted = set(candidate.participants)
        same = next(
            (i for i in by_date.get(candidate.date, []) if set(merged[i].participants) & wanted),
            None,
        )
        if same is None:
            if wanted:  # with no participants it can take none in (nor be taken in)
                by_date.setdefault(candidate.date, []).append(len(merged))
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
