"""A publication date for an undated source, from what it says of events the corpus knows.

"Putin said on Monday that the killing of the ambassador was a provocation": where the
corpus knows the killing (Monday 19 December 2016), the article's "on Monday" can only be
that Monday, so the article is from that day or the six after it. For each sentence of an
undated source that reports a known event (its principals named, a word of its kind) with
a date that needs the publication date to be read ("on Monday", "yesterday", "last week",
"May 3"), every day from the event to two weeks after it is tried as the publication date;
the days on which the sentence's date agrees with the event's (event_match's own test) are
the window that sentence allows. The windows of all such sentences must overlap; the
earliest day they share is proposed, with the window and the sentences as its reasons.

An address or a dateline says more than this: where intake proposes a date from them
(intake/published.py), that is the proposal, and the events only confirm it or not.

The proposal is never stored as fact: `review` shows it as inferred, `accept` writes it.
Until then, the source's new events and links are read with the proposed day as a
provisional publication date, each marked as inferred from it (`provisional`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from generator.model import Corpus, Event
from generator.review.event_match import (
    CandidateEvent,
    EventLink,
    Matcher,
    match_events,
    merge_candidates,
)
from generator.review.published import propose_published
from generator.stages.analyse import Analysis, analyse
from generator.stages.link import link_sources
from generator.text.dates import DateMention, find_dates

_AFTER = 14  # the days after a known event an article that dates it relatively may be from


@dataclass(frozen=True)
class Proposal:
    """A publication date proposed for an undated source, and why."""

    source: str
    date: dt.date
    why: str
    last: dt.date | None = None  # the last day the events allow, where they set a window

    @property
    def note(self) -> str:
        """What an inferred event or link of the source says of its date."""
        return f"date from the publication date proposed for it, {self.date.isoformat()}"


@dataclass(frozen=True)
class _Anchor:
    """One date expression of a sentence that can date known events: the publication days
    each event it may report allows."""

    paragraph: int
    text: str  # the date expression
    allows: dict[str, tuple[dt.date, ...]]  # event id -> days

    def days(self) -> set[dt.date]:
        return {day for days in self.allows.values() for day in days}


def _allowed(event: Event, check: _Check, paragraph: str, date: DateMention) -> tuple[dt.date, ...]:
    """The publication days from which the date expression agrees with the event."""
    days = []
    for offset in range(_AFTER + 1):
        day = event.date.start + dt.timedelta(days=offset)
        read = next((d for d in find_dates(paragraph, day) if d.start == date.start), None)
        if read is None or read.first is None or read.last is None:
            continue
        # the very day (matching allows a day either side, for a neighbouring event; a
        # publication date read from it must not)
        if read.first <= event.date.start <= read.last and check(event, read):
            days.append(day)
    return tuple(days)


class _Check:
    """Whether a sentence, its date read from a given publication day, reports the event."""

    def __init__(self, matcher: Matcher, source: str, paragraph: int, index: int) -> None:
        self.matcher, self.at = matcher, (source, paragraph, index)

    def __call__(self, event: Event, date: DateMention) -> bool:
        return self.matcher.reports(*self.at, event, date)


def _anchors(matcher: Matcher, source_id: str) -> list[_Anchor]:
    """The date expressions of an undated source that date known events relatively."""
    found = []
    source = matcher.corpus.sources[source_id]
    for paragraph, index, date in matcher.unresolved_dates(source_id):
        check = _Check(matcher, source_id, paragraph, index)
        text = source.paragraphs[paragraph]
        allows = {}
        for event in matcher.reported_events(source_id, paragraph, index):
            if event.date.precision != "day":
                continue  # only an event known to the day pins "on Monday" to a day
            if days := _allowed(event, check, text, date):
                allows[event.id] = days
        if allows:
            found.append(_Anchor(paragraph, date.text, allows))
    return found


def from_events(matcher: Matcher, source_id: str) -> Proposal | str:
    """The earliest day every relative date of known events allows; else why there is none:
    no such date, two of them disagree, or one can be either of two known events ("on
    Friday" where two Friday calls are known) and nothing else tells which."""
    anchors = _anchors(matcher, source_id)
    if not anchors:
        said = sorted({f"«{d.text}»" for _, _, d in matcher.unresolved_dates(source_id)})
        return f"no known event dates its {', '.join(said)}" if said else ""
    shared = set.intersection(*(a.days() for a in anchors))
    if not shared:
        return "its dates of known events disagree: " + "; ".join(
            f"«{a.text}» in ¶{a.paragraph + 1} ({', '.join(sorted(a.allows))})" for a in anchors
        )
    reasons = []
    for anchor in anchors:
        events = sorted(e for e, days in anchor.allows.items() if shared & set(days))
        where = f"«{anchor.text}» in ¶{anchor.paragraph + 1}"
        if len(events) != 1:
            return f"{where} may be the day of {' or '.join(events)}"
        known = matcher.corpus.events[events[0]].date.start.isoformat()
        reasons.append(f"{where} is the day of {events[0]} ({known})")
    first, last = min(shared), max(shared)
    window = f"between {first.isoformat()} and {last.isoformat()}" if last > first else "then"
    return Proposal(source_id, first, f"{'; '.join(reasons)}: published {window}; inferred", last)


def propose(matcher: Matcher, source_id: str) -> Proposal | str:
    """The address's or dateline's date where there is one, else the known events'; for an
    undated source without either, why not ("" when its text has no relative date)."""
    source = matcher.corpus.sources[source_id]
    if source.published is not None:
        return ""
    events = from_events(matcher, source_id)
    stated = propose_published(source)
    if stated is None:
        return events
    date = dt.date.fromisoformat(stated[0])
    why = stated[1]
    if isinstance(events, Proposal):
        agrees = events.date <= date <= (events.last or events.date)
        why += "; the known events it dates agree" if agrees else f"; but {events.why}"
    return Proposal(source_id, date, why)


@dataclass(frozen=True)
class EventReview:
    """What review proposes about events and publication dates."""

    links: list[EventLink]
    candidates: list[CandidateEvent]
    proposals: list[Proposal]  # publication dates for undated sources
    undated: dict[str, str]  # an undated source without a proposal -> why not


def review_events(corpus: Corpus, analysis: Analysis) -> EventReview:
    """Links to known events, new events and publication dates proposed for undated sources.
    The events and links of an undated source with a proposed date are read a second time
    with that date as a provisional publication date, and say so."""
    matcher = Matcher(analysis)
    found = {sid: propose(matcher, sid) for sid in corpus.sources}
    proposals = [p for p in found.values() if isinstance(p, Proposal)]
    undated = {sid: why for sid, why in found.items() if isinstance(why, str) and why}
    links, candidates = _with_proposals(corpus, analysis, matcher, proposals)
    return EventReview(links, candidates, proposals, undated)


def _with_proposals(
    corpus: Corpus, analysis: Analysis, matcher: Matcher, proposals: list[Proposal]
) -> tuple[list[EventLink], list[CandidateEvent]]:
    links, candidates = match_events(analysis, matcher)
    if not proposals:
        return links, candidates
    by_source = {p.source: p for p in proposals}
    sources = {
        # without its file's hash, the cache keys it by all it holds, the date included
        p.source: replace(corpus.sources[p.source], published=p.date, file_digest="")
        for p in proposals
    }
    # only these sources are read again (claims quote the others)
    provisional = replace(corpus, sources=sources, claims={})
    more_links, more = match_events(analyse(provisional, link_sources(provisional)))
    links = [x for x in links if x.source not in by_source] + [
        replace(x, date_from=by_source[x.source].note) for x in more_links
    ]
    more = [replace(c, provisional=by_source[c.sources[0]].note) for c in more]
    kept = [c for c in candidates if not set(c.sources) & set(by_source)]
    people = frozenset(a.id for a in corpus.actors.values() if a.kind == "person")
    merged = merge_candidates(kept + more, people)
    return sorted(links, key=lambda x: (x.event, x.source)), merged
