"""Which known event a dated sentence reports, or a candidate event where none fits.

A sentence reports a known event when three things agree:

- the date: the sentence's date falls on the event's day (a day either side, since a
  sentence often dates a neighbouring event: "agreed on Friday, after Thursday's strike"),
  within its month or its year for events known only that precisely; a week or a range
  ("March 5 or 6") must contain the event's day; an event dated after the source was
  published is one it can only announce, not report;
- the participants: every principal of the event is named in the sentence (for a call or
  a meeting, both sides; a spokesman or a source is not a principal), by name, by a role
  phrase ("the Russian leader", "the Turkish and Russian presidents"), through a demonym or
  capital for a state ("Russian-Turkish", "Moscow"), or through a leader or armed force
  that stands for its state;
- the action: the sentence uses a word for the event's kind (text/data/event_actions.tsv).

Same-day events are told apart by their participants. A dated sentence that names an actor
and an action but fits no known event is a candidate.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from generator.model import Corpus, Event
from generator.review.keys import event_title
from generator.stages.analyse import Analysis
from generator.text.actions import action_lexicon
from generator.text.dates import DateMention, month_end
from generator.text.folding import fold
from generator.text.matching import RoleIndex, state_demonyms

DATA = Path(__file__).resolve().parent / "data"
_MAX_SPAN = dt.timedelta(days=7)  # a week or a short range can still place a day's event


@cache
def secondary_roles() -> frozenset[str]:
    """Participant roles that are not principals of an event (data/event_secondary_roles.txt)."""
    text = (DATA / "event_secondary_roles.txt").read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(line for line in lines if line)


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
    """Whether the sentence's date agrees with the event's at the event's precision."""
    if date.first is None or date.last is None:
        return False
    start = event.date.start
    if event.date.precision == "day":
        if date.first == date.last:  # a day either side: the sentence may date a neighbour
            return abs((date.first - start).days) <= 1
        return date.last - date.first <= _MAX_SPAN and date.first <= start <= date.last
    if event.date.precision == "month":  # the date lies within the event's month, or a
        # part of a year ("late 2015") holds the whole month
        within = start <= date.first and date.last <= month_end(start)
        holds = date.precision == "months" and date.first <= start <= month_end(start) <= date.last
        return within or holds
    return date.first.year == start.year == date.last.year


def _precise_enough(event: Event, date: DateMention) -> bool:
    """A year ("last year") can only confirm an event known to the year; a month, or part of
    a year ("late 2015"), one known to the month (with its participants and kind of action)."""
    order = {"day": 0, "range": 0, "week": 0, "month": 1, "months": 1, "year": 2}
    return order[date.precision] <= order[event.date.precision]


_CONTACT = "contact"  # the lexicon's line of joint acts, not a kind of event
_CONTACT_KINDS = ("meeting", "phone-call")


def _kind_of(sentence: str) -> str | None:
    for kind, pattern in action_lexicon().items():
        if kind != _CONTACT and pattern.search(sentence):
            return kind
    return None


def principals(event: Event) -> frozenset[str]:
    """The participants a report of the event must name: those with a role that is not
    secondary (caller and callee, host and visitor, signatories); where none has a role,
    every participant without one."""
    secondary = secondary_roles()
    roled = {p.actor for p in event.participants if p.role and p.role not in secondary}
    if roled:
        return frozenset(roled)
    return frozenset(p.actor for p in event.participants if not p.role)


class _Naming:
    """Which actors a sentence names, beyond the link stage's mentions: role phrases with
    joined demonyms ("the Turkish and Russian presidents"), demonyms and capitals for their
    states, and the state a leader or armed force stands for."""

    def __init__(self, corpus: Corpus) -> None:
        actors = list(corpus.actors.values())
        self.roles = RoleIndex(actors)
        self.demonyms = state_demonyms(actors)
        self.stands_for: dict[str, set[str]] = {}
        for actor in actors:
            parent = corpus.actors.get(actor.affiliation or "")
            is_capital = any("capital" in fold(r) for r in actor.roles)
            if parent and parent.kind == "state" and (actor.kind != "place" or is_capital):
                self.stands_for.setdefault(actor.id, set()).add(parent.id)
        words = sorted(self.demonyms, key=len, reverse=True)
        self._demonym = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.I)
        self._joined = re.compile(
            r"\b(\w+)\s+and\s+(\w+)\s+(presidents|leaders|counterparts|heads of state)\b", re.I
        )
        # "the presidents of Turkey and Iran": a state's name -> its demonyms
        self.state_names = {
            fold(n).lower(): a.id for a in actors if a.kind == "state" for n in a.all_names
        }
        self.demonyms_of: dict[str, list[str]] = {}
        for demonym, state in self.demonyms.items():
            self.demonyms_of.setdefault(state, []).append(demonym)
        self._of_states = re.compile(
            r"\b(presidents|leaders|heads of state) of ((?:[\w' -]{1,40}?, ){0,6}"
            r"[\w' -]{1,40}? and [\w' -]{1,40})",
            re.I,
        )

    def named(self, sentence: str, mentioned: set[str], lift: bool = True) -> set[str]:
        """The actors the sentence names; with lift, also the states that the named leaders,
        armed forces and capitals stand for."""
        found = set(mentioned)
        folded = fold(sentence)
        if self.demonyms:
            found |= {self.demonyms[m.group(1).lower()] for m in self._demonym.finditer(folded)}
        found |= self._role_holders(folded)
        if lift:
            for actor in list(found):
                found |= self.stands_for.get(actor, set())
        return found

    def _state_at_start(self, text: str) -> str:
        """The known state a list item starts with ("turkey entrusted the" -> turkey)."""
        return _longest_prefix(text.lower().split(), self.state_names)

    def _role_holders(self, folded: str) -> set[str]:
        """ "the Turkish and Russian presidents", "the presidents of Turkey and Iran"."""
        pairs: list[tuple[list[str], str]] = []
        for m in self._joined.finditer(folded):
            pairs.append(([m.group(1), m.group(2)], m.group(3)))
        for m in self._of_states.finditer(folded):
            names = re.split(r",\s*|\s+and\s+", m.group(2))
            states = [self._state_at_start(n) for n in names]
            demonyms = [d for st in states for d in self.demonyms_of.get(st, [])]
            pairs.append((demonyms, m.group(1)))
        found: set[str] = set()
        for demonyms, plural in pairs:
            head = _SINGULAR.get(plural.lower(), plural.lower())
            for demonym in demonyms:
                actor = self.roles.resolve(f"{demonym} {head}")
                if actor:
                    found.add(actor)
        return found


def _longest_prefix(words: list[str], known: dict[str, str]) -> str:
    for k in range(min(len(words), 6), 0, -1):
        found = known.get(" ".join(words[:k]))
        if found:
            return found
    return ""


_SINGULAR = {"presidents": "president", "leaders": "leader", "counterparts": "counterpart"}
_SINGULAR["heads of state"] = "head of state"


def _reports(event: Event, date: DateMention, named: set[str], sentence: str) -> bool:
    """Date, principals and action all agree (see the module's docstring)."""
    if not (_precise_enough(event, date) and _date_fits(event, date)):
        return False
    if not principals(event) <= named:
        return False
    lexicon = action_lexicon()
    pattern = lexicon.get(event.kind)
    if pattern is not None and pattern.search(sentence):
        return True
    # "Putin and Erdogan agreed on Friday ...": a joint act of both sides on the very day of
    # their call or meeting reports that contact.
    return (
        event.kind in _CONTACT_KINDS
        and event.date.precision == "day"
        and date.first == date.last == event.date.start
        and lexicon[_CONTACT].search(sentence) is not None
    )


def _sentence_at(analysis: Analysis, source_id: str, paragraph: int, at: int) -> tuple[int, str]:
    """The index and text of the sentence of a paragraph that holds offset `at`."""
    spans = analysis.links.sentences[(source_id, paragraph)]
    # spans are in order: the last that starts at or before `at` (a bisection, as a long
    # paragraph has thousands of sentences)
    index = bisect_right(spans, (at, math.inf)) - 1
    if index < 0 or not at < spans[index][1]:
        return -1, ""
    start, end = spans[index]
    return index, analysis.corpus.sources[source_id].paragraphs[paragraph][start:end]


def _citing(cited: dict[tuple[str, str], list[str]], source_id: str, sentence: str) -> list[str]:
    return [
        event
        for (s, text), events in cited.items()
        if s == source_id and (sentence in text or text in sentence)
        for event in events
    ]


def match_events(analysis: Analysis) -> tuple[list[EventLink], list[CandidateEvent]]:
    corpus, links = analysis.corpus, analysis.links
    cited: dict[tuple[str, str], list[str]] = {}
    for ev in corpus.events.values():
        for e in ev.evidence:
            cited.setdefault((e.source, e.text), []).append(ev.id)
    actors_in: dict[tuple[str, int, int], set[str]] = {}
    for m in links.mentions:
        actors_in.setdefault((m.source, m.paragraph, m.sentence), set()).add(m.actor)
    naming = _Naming(corpus)
    found_links: dict[tuple[str, str], EventLink] = {}
    candidates: list[CandidateEvent] = []
    for source_id in analysis.sources:
        published = corpus.sources[source_id].published
        for paragraph, date in analysis.linked.dates(source_id):
            if date.first is None:
                continue
            index, sentence = _sentence_at(analysis, source_id, paragraph, date.start)
            if index < 0:
                continue
            citing = _citing(cited, source_id, sentence)
            if citing:
                _refine_cited(found_links, citing, corpus, date, source_id, paragraph, sentence)
                continue
            mentioned = actors_in.get((source_id, paragraph, index), set())
            kind = _kind_of(sentence)
            if not mentioned or kind is None:
                continue
            named = naming.named(sentence, mentioned)
            matched = [
                event
                for event in corpus.events.values()
                if (published is None or event.date.start <= published)
                and _reports(event, date, named, sentence)
            ]
            for event in matched:
                refined = _refinement(event, date)
                found_links.setdefault(
                    (event.id, source_id),
                    EventLink(event.id, source_id, paragraph, sentence, refined),
                )
            if not matched and date.precision in ("day", "range"):
                who = naming.named(sentence, mentioned, lift=False)
                candidates.append(
                    _candidate(corpus, who, date, kind, source_id, paragraph, sentence)
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
    places = _places(corpus, named, sentence)
    return CandidateEvent(
        title=event_title(
            [corpus.actors[a].name for a in people],
            [corpus.actors[a].kind for a in people],
            kind,
            corpus.actors[places[0]].name if places else None,
        ),
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


def _places(corpus: Corpus, named: set[str], sentence: str) -> list[str]:
    """The places the sentence sets its event in ("met in Sochi", "at the Kremlin"), not
    the ones it only names ("a visit to Syria", "gas for Europe")."""
    found = []
    for ident in sorted(named):
        actor = corpus.actors[ident]
        if actor.kind != "place":
            continue
        names = "|".join(re.escape(n) for n in sorted(actor.all_names, key=len, reverse=True))
        if names and re.search(rf"\b(?:in|at)\s+(?:the\s+)?(?:{names})\b", sentence):
            found.append(ident)
    return found


def merge_candidates(candidates: list[CandidateEvent]) -> list[CandidateEvent]:
    """One candidate per date and set of overlapping participants: the first sentence wins."""
    merged: list[CandidateEvent] = []
    # (date, kind, participant) -> the first merged candidate with that participant: the
    # first that overlaps is found without scanning every candidate of the day
    first_with: dict[tuple[str, str, str], int] = {}
    for candidate in sorted(candidates, key=lambda c: c.date):
        day = (candidate.date, candidate.kind)
        same = min(
            (first_with[(*day, p)] for p in candidate.participants if (*day, p) in first_with),
            default=None,
        )
        if same is None:
            for participant in candidate.participants:
                first_with.setdefault((*day, participant), len(merged))
            merged.append(candidate)
            continue
        for participant in candidate.participants:
            first_with.setdefault((*day, participant), same)
        kept = merged[same]
        merged[same] = replace(
            kept,
            participants=tuple(sorted({*kept.participants, *candidate.participants})),
            sources=tuple(sorted({*kept.sources, *candidate.sources})),
        )
    return merged
