"""Which known event a sentence reports, or a candidate event where none fits.

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
  that stands for its state; "the two leaders", "our phone call" stand for the two people
  last named together; the doer of an attack, a strike or sanctions may be named by its state
  as the doer of the event word ("a Syrian offensive") or left unsaid by a passive
  ("soldiers were killed in an airstrike"), and a doer the event word names that is not the
  event's ("a Turkish offensive") rules the event out;
- the action: the sentence uses a word for the event's kind (text/data/event_actions.tsv).

A sentence without a date of its own speaks from its reference time (text/anchoring.py): the
last date stated in its paragraph or the few sentences before it, else publication (a clause
in the present always speaks from publication). Its tense places the event: told in the past,
a day's event lies within two weeks before that time, a month's event in that month or the
one before; in the present, at that time; an offensive or sanctions said to go on began within
six months before it (also when the sentence states its own date: "while the offensive
continues, they spoke on Friday"). The nearest fitting event of each kind is proposed (every
one for those that go on), never a statement (told apart by what was said), and the link says
where its date came from (data/event_anchoring.txt holds the kinds and roles).

Same-day events are told apart by their participants. A dated sentence that names an actor
and an action but fits no known event is a candidate. So is a call or a meeting of two people
that a sentence without a date tells of as done, where the source dates its occasion: a joint
act of the two ("he and Putin agreed on May 3" dates "Putin told a press conference following
his meeting with Erdogan"), or a statement of the one who tells of it ("Putin said on Monday
...", then "Mr Putin said he had agreed in a phone call with Erdogan"); its date says so.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from generator.model import Corpus, Event, Mention
from generator.review.conjuncts import View, views
from generator.review.event_shape import Sentence, Shape, reporting_subjects, shape, told_contact
from generator.stages.analyse import Analysis
from generator.text.actions import action_lexicon, acts_named
from generator.text.anchoring import (
    FUTURE,
    NONE,
    NOW,
    PAST,
    PERFECT,
    Anchors,
    Reference,
    agentless_passive,
    aspect,
)
from generator.text.dates import DateMention, month_end
from generator.text.folding import fold
from generator.text.matching import RoleIndex, state_demonyms

DATA = Path(__file__).resolve().parent / "data"
_MAX_SPAN = dt.timedelta(days=7)  # a week or a short range can still place a day's event
_YEAR = dt.timedelta(days=366)  # the furthest back an event of a sentence's year can begin
_ONGOING = dt.timedelta(days=183)  # how long before its reference time an ongoing event began
_PAST_DAYS = 14  # how long before its reference time an undated past event of a day lies
_PAIR_WINDOW = 5  # sentences back in which "the two leaders" finds the two last named


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
    date_from: str = ""  # the sentence states no date: where its date was inferred from


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
    # its date is read from a publication date only proposed (review/undated.py): how
    provisional: str = ""
    supporting: bool = False  # names one side of a meeting: only joins another sentence's
    weak: str = ""  # the principals its evidence sentence does not name, where some
    roles: tuple[tuple[str, str], ...] = ()  # roles its sentence shows (the speaker)
    # its sentence states no date: the new event of the same source its date is from
    date_from: str = ""


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
        return self.lift(found) if lift else found

    def lift(self, actors: set[str]) -> set[str]:
        """The actors and the states they stand for."""
        found = set(actors)
        for actor in actors:
            found |= self.stands_for.get(actor, set())
        return found

    def agents(self, sentence: str, offset: int, mentions: list[Mention], kind: str) -> set[str]:
        """The doers a word for an event of the kind names ("a Syrian offensive", "Turkey's
        operation", "the offensive of the Damascus regime", "a strike by Syrian forces"; not
        "the killing of soldiers", whose soldiers are its victims), with their states."""
        pattern = action_lexicon().get(kind)
        if pattern is None:
            return set()
        found: set[str] = set()
        starts = {m.start - offset: m.actor for m in mentions}
        ends = {m.end - offset: m.actor for m in mentions}
        for m in pattern.finditer(sentence):
            before = sentence[max(0, m.start() - 30) : m.start()]
            for word in re.findall(r"[\w'’-]+", before)[-2:]:  # "a Syrian (military) offensive"
                found.add(self.demonyms.get(fold(word).lower(), "") if word[:1].isupper() else "")
            possessive = re.search(r"['’]s\s+$", before)
            if possessive:
                found.add(ends.get(m.start() - len(possessive.group(0)), ""))
            by = re.match(r"\s+(of|by)\s+(?:the\s+)?", sentence[m.end() : m.end() + 12])
            if by and (by.group(1) == "by" or not m.group(0).lower().endswith("ing")):
                found.add(starts.get(m.end() + by.end(), ""))
        found.discard("")
        return self.lift(found)

    def subjects(self, sentence: str, offset: int, mentions: list[Mention], kind: str) -> set[str]:
        """Who does what a word for an event of the kind says, as its subject ("the Kremlin
        said", "Erdogan has repeatedly said", "said Erdogan"), with their states."""
        pattern = action_lexicon().get(kind)
        if pattern is None:
            return set()
        found: set[str] = set()
        for m in pattern.finditer(sentence):
            for mention in mentions:
                gap = (
                    sentence[mention.end - offset : m.start()]
                    if mention.end - offset <= m.start()
                    else sentence[m.end() : mention.start - offset]
                )
                if len(gap) < 30 and re.fullmatch(r"(?:\s+[a-z]+){0,2}\s+", gap):
                    found.add(mention.actor)
        return self.lift(found)

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


@cache
def anchoring_settings() -> dict[str, frozenset[str]]:
    """The groups of data/event_anchoring.txt: durative and dated-only kinds, agent roles,
    the words that speak of the two sides last named."""
    text = (DATA / "event_anchoring.txt").read_text(encoding="utf-8")
    found: dict[str, set[str]] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            group, *words = line.split()
            found.setdefault(group, set()).update(words)
    return {group: frozenset(words) for group, words in found.items()}


@cache
def _pair_words() -> re.Pattern[str]:
    settings = anchoring_settings()

    def alternatives(group: str) -> str:
        words = sorted(settings[group], key=len, reverse=True)
        return "|".join(r"[\s-]+".join(map(re.escape, w.split("-"))) for w in words)

    return re.compile(
        rf"\b(?:the\s+two|both(?:\s+the)?)\s+(?:{alternatives('group')})\b"
        rf"|\b(?:our|their)\s+(?:[\w-]+\s+){{0,3}}?(?:{alternatives('contact')})\b",
        re.I,
    )


def _speaks_of_pair(sentence: str) -> bool:
    """ "the two leaders", "both presidents", "our phone call", "their talks"."""
    return _pair_words().search(sentence) is not None


class _Pairs:
    """The people the last sentences named together, for "the two leaders" after them."""

    def __init__(self) -> None:
        self.number = 0
        self.named: tuple[int, set[str]] | None = None

    def last(self) -> set[str]:
        if self.named is None or self.number - self.named[0] > _PAIR_WINDOW:
            return set()
        return set(self.named[1])

    def add(self, persons: set[str]) -> None:
        if len(persons) >= 2:
            self.named = (self.number, persons)
        self.number += 1


@dataclass(frozen=True)
class _At:
    """A sentence of a source: where it is and its text."""

    source: str
    paragraph: int
    index: int
    sentence: str
    offset: int  # where the sentence starts in its paragraph


class _Scene:
    """Who a sentence names: with the states they stand for (named), as they are (who), and
    the doers its words for each kind of event name ("a Syrian offensive": Syria), with
    their states (read only when an event asks)."""

    def __init__(
        self,
        named: set[str],
        who: set[str],
        agents: Callable[[str, bool], set[str]] = lambda _kind, _subject: set(),
        stands_for: dict[str, set[str]] | None = None,
        pair: set[str] | None = None,
    ) -> None:
        self.named, self.who = named, who
        self.pair = pair or set()  # the two last named together, where it speaks of them
        self._agents = agents
        self._agents_of: dict[tuple[str, bool], set[str]] = {}
        self.stands_for = stands_for or {}

    def agents(self, kind: str, subject: bool = False) -> set[str]:
        """The doers the words for the kind name (subject: those who are their subject)."""
        if (kind, subject) not in self._agents_of:
            self._agents_of[(kind, subject)] = self._agents(kind, subject)
        return self._agents_of[(kind, subject)]

    def lifted(self, actors: set[str]) -> set[str]:
        return {s for a in actors for s in {a} | self.stands_for.get(a, set())}


def _names_principals(event: Event, scene: _Scene, sentence: str) -> bool:
    """Every principal is named, and a doer the event word names is the event's (not "a
    Turkish offensive" for Syria's). The doer of an attack, a strike or sanctions may be
    named by its state as the doer of the event word ("a Syrian airstrike"), or left unsaid
    by a passive ("soldiers were killed in an airstrike") when another principal is named."""
    need = principals(event)
    roles = {p.actor: (p.role or "").replace(" ", "-") for p in event.participants}
    settings = anchoring_settings()
    speakers = {a for a in need if roles.get(a) in settings["speaker"]}
    subjects = scene.agents(event.kind, subject=True) if speakers else set()
    if subjects and not subjects & scene.lifted(speakers):
        return False  # "the Kremlin said ..." is no statement of Erdogan's
    doers = {a for a in need if roles.get(a) in settings["agent"]}
    agents = scene.agents(event.kind) if doers else set()
    if agents and not agents & scene.lifted(doers):
        return False
    missing = need - scene.named
    said = bool(need - missing)
    for actor in missing:
        if actor not in doers:
            return False
        if ({actor} | scene.stands_for.get(actor, set())) & agents:
            said = True
            continue
        pattern = action_lexicon().get(event.kind)
        if pattern is None or not any(
            agentless_passive(sentence, m.start(), m.end()) for m in pattern.finditer(sentence)
        ):
            return False
    return said


def _fitting_reference(
    event: Event, reference: Reference, now: Reference | None, hows: list[str]
) -> Reference | None:
    """The reference time from which an event word of the event's kind, by its clause's
    tense (hows: one for each such word), puts the event where the event is (None: no word
    does). A clause in the present speaks of the time of writing, whatever date the
    sentences before it stated."""
    for how in hows:
        present = how in (NOW, PERFECT) and now is not None and not reference.own
        seen_from = now if present and now is not None else reference
        if how not in (FUTURE, NONE) and _within(event, seen_from, how):
            return seen_from
    return None


class _Aspects:
    """Kind of event -> the tense of each word for it in a sentence (read when asked)."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self._found: dict[str, list[str]] = {}

    def of(self, kind: str) -> list[str]:
        if kind not in self._found:
            pattern = action_lexicon().get(kind)
            matches = pattern.finditer(self.sentence) if pattern is not None else ()
            self._found[kind] = [aspect(self.sentence, m.start(), m.end()) for m in matches]
        return self._found[kind]


_When = tuple[dt.date, dt.date, str, bool]


def _when(reference: Reference) -> _When:
    return (reference.first, reference.last, reference.precision, reference.own)


def _may_fit(event: Event, reference: Reference, now: Reference | None) -> bool:
    """Whether some tense could place the event from the reference time or publication (a
    quick test before the sentence's tenses are read)."""
    seen = (reference, now) if now is not None and not reference.own else (reference,)
    return any(_within(event, r, how) for r in seen for how in (PAST, NOW))


def _within(event: Event, reference: Reference, how: str) -> bool:
    """An event that goes on (an offensive) began within six months before the reference time
    (when the sentence dates itself, only if it says the event is going on then); another
    lies, at its precision, at the reference time or, told in the past, shortly before it."""
    start = event.date.start
    if event.kind in anchoring_settings()["durative"]:
        if reference.own and how != NOW:
            return False
        return reference.first - _ONGOING <= start <= reference.last
    if reference.own or not _precise_enough(event, reference.date):
        return False
    return start <= reference.last and _event_end(event) >= _earliest(event, reference, how)


def _event_end(event: Event) -> dt.date:
    start, precision = event.date.start, event.date.precision
    if precision == "month":
        return month_end(start)
    return dt.date(start.year, 12, 31) if precision == "year" else start


def _earliest(event: Event, reference: Reference, how: str) -> dt.date:
    """The earliest an event may end to be the one a sentence speaks of: for a day, two
    weeks before the reference time if told in the past, else the day before; for a month,
    the reference's month or, told in the past, the one before; for a year, its year."""
    first, precision = reference.first, event.date.precision
    if precision == "day":
        return first - dt.timedelta(days=_PAST_DAYS if how in (PAST, PERFECT) else 1)
    if precision == "month":
        month = first.replace(day=1)
        past = how in (PAST, PERFECT)
        return (month - dt.timedelta(days=1)).replace(day=1) if past else month
    return dt.date(first.year, 1, 1)


def _reports(event: Event, date: DateMention, scene: _Scene, sentence: str) -> bool:
    """Date, principals and action all agree (see the module's docstring)."""
    if not (_precise_enough(event, date) and _date_fits(event, date)):
        return False
    if not _names_principals(event, scene, sentence):
        return False
    lexicon = action_lexicon()
    pattern = lexicon.get(event.kind)
    if pattern is not None and pattern.search(sentence):
        return event.kind not in _CATCH_ALL_KINDS or _same_action(event, sentence)
    # "Putin and Erdogan agreed on Friday ...": a joint act of both sides on the very day of
    # their call or meeting reports that contact.
    return (
        event.kind in _CONTACT_KINDS
        and event.date.precision == "day"
        and date.first == date.last == event.date.start
        and lexicon[_CONTACT].search(sentence) is not None
    )


# Kinds whose words name different acts (an arrival, a launch, a delivery): a sentence
# reports such an event only when it names one of the event's acts (data/other_acts.tsv).
_CATCH_ALL_KINDS = frozenset({"other"})


def _same_action(event: Event, sentence: str) -> bool:
    """Whether the sentence names the event's own act (any, when the event names none)."""
    known = acts_named(event.kind, " ".join([event.title, *(e.text for e in event.evidence)]))
    return not known or bool(known & acts_named(event.kind, sentence))


def _sentence_index(analysis: Analysis, source_id: str, paragraph: int, at: int) -> int:
    """The index of the sentence of a paragraph that holds offset `at` (-1: none)."""
    spans = analysis.links.sentences[(source_id, paragraph)]
    # spans are in order: the last that starts at or before `at` (a bisection, as a long
    # paragraph has thousands of sentences)
    index = bisect_right(spans, (at, math.inf)) - 1
    return index if index >= 0 and at < spans[index][1] else -1


def _citing(
    cited: dict[str, list[tuple[str, list[str]]]], source_id: str, sentence: str
) -> list[str]:
    """The events whose evidence from the source holds the sentence, or is held by it."""
    return [
        event
        for text, events in cited.get(source_id, [])
        if sentence in text or text in sentence
        for event in events
    ]


@dataclass(frozen=True)
class _Reading:
    """A date of a sentence, read in its clause: the clause (as a sentence), who it names,
    the date and the other dates at their places in it."""

    at: _At
    scene: _Scene
    date: DateMention
    mentions: list[Mention]
    others: list[int]


_DAYS = ("day", "range")  # the dates that can split a sentence into dated clauses


@dataclass
class _Found:
    """What matching has found so far: links (dated ones win over inferred) and candidates."""

    dated: dict[tuple[str, str], EventLink] = field(default_factory=dict)
    inferred: dict[tuple[str, str], EventLink] = field(default_factory=dict)
    candidates: list[CandidateEvent] = field(default_factory=list)

    def links(self) -> list[EventLink]:
        merged = {**self.inferred, **self.dated}
        return sorted(merged.values(), key=lambda link: (link.event, link.source))


def match_events(
    analysis: Analysis, matcher: Matcher | None = None, only: set[str] | None = None
) -> tuple[list[EventLink], list[CandidateEvent]]:
    """Links to known events and new events, of every source (or of those in `only`)."""
    matcher = matcher if matcher is not None else Matcher(analysis)
    found = _Found()
    for source_id in analysis.sources:
        if only is None or source_id in only:
            matcher.match_source(source_id, found)
    people = frozenset(a.id for a in analysis.corpus.actors.values() if a.kind == "person")
    return found.links(), merge_candidates(found.candidates, people)


class Matcher:
    """Event matching over one analysis: what every source's sentences report."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.corpus = corpus = analysis.corpus
        by_text: dict[tuple[str, str], list[str]] = {}
        for ev in corpus.events.values():
            for e in ev.evidence:
                by_text.setdefault((e.source, e.text), []).append(ev.id)
        # a source already cited for an event brings it no new link from its other sentences
        # (only a refined date is news): accepting one link must not uncover the next
        self.cited_pairs = {
            (event, source) for (source, _), ids in by_text.items() for event in ids
        }
        self.cited: dict[str, list[tuple[str, list[str]]]] = {}
        for (source, text), events in by_text.items():
            self.cited.setdefault(source, []).append((text, events))
        self.mentions: dict[tuple[str, int, int], list[Mention]] = {}
        for m in analysis.links.mentions:
            self.mentions.setdefault((m.source, m.paragraph, m.sentence), []).append(m)
        self.naming = _Naming(corpus)
        self.by_start = sorted(corpus.events.values(), key=lambda e: e.date.start)
        self.starts = [e.date.start for e in self.by_start]
        self._near: dict[tuple[_When, _When | None, dt.date | None], list[Event]] = {}
        self._read: dict[str, dict[tuple[int, int], tuple[_At, _Scene]]] = {}
        self._dates: dict[str, dict[tuple[int, int], list[DateMention]]] = {}

    def match_source(self, source_id: str, found: _Found) -> None:
        """Each sentence in order: by its own dates, or else from its reference time."""
        source = self.corpus.sources[source_id]
        spans = [
            self.analysis.links.sentences[(source_id, p)] for p in range(len(source.paragraphs))
        ]
        dates = self.analysis.linked.dates(source_id)
        anchors = Anchors(source.paragraphs, spans, dates, source.published)
        own: dict[tuple[int, int], list[DateMention]] = {}
        for paragraph, date in dates:
            if date.first is not None:
                index = _sentence_index(self.analysis, source_id, paragraph, date.start)
                if index >= 0:
                    own.setdefault((paragraph, index), []).append(date)
        pairs, first = _Pairs(), len(found.candidates)
        undated: list[tuple[_At, _Scene, Reference]] = []
        for paragraph, text in enumerate(source.paragraphs):
            for index, (start, end) in enumerate(spans[paragraph]):
                at = _At(source_id, paragraph, index, text[start:end], start)
                scene = self._scene(at, pairs)
                if _citing(self.cited, source_id, at.sentence):
                    self._refine(at, own.get((paragraph, index), []), found)
                    continue
                self._dated(at, scene, own.get((paragraph, index), []), found)
                # other events of the sentence, from its reference time
                if scene.named and not self._anchored(at, scene, anchors, found):
                    reference = anchors.reference(paragraph, index)
                    if reference is not None and (paragraph, index) not in own:
                        undated.append((at, scene, reference))
        self._told_contacts(undated, found.candidates[first:], found)

    def _sentences(self, source_id: str) -> dict[tuple[int, int], tuple[_At, _Scene]]:
        """Every sentence of a source with who it names, read in order (for "the two
        leaders"); kept for the source."""
        if source_id not in self._read:
            source = self.corpus.sources[source_id]
            pairs, read = _Pairs(), {}
            for paragraph, text in enumerate(source.paragraphs):
                for index, (start, end) in enumerate(
                    self.analysis.links.sentences[(source_id, paragraph)]
                ):
                    at = _At(source_id, paragraph, index, text[start:end], start)
                    read[(paragraph, index)] = (at, self._scene(at, pairs))
            self._read[source_id] = read
        return self._read[source_id]

    def unresolved_dates(self, source_id: str) -> list[tuple[int, int, DateMention]]:
        """(paragraph, sentence, date) of the dates that need the publication date to be
        read ("on Monday", "May 3"), in a source without one."""
        found = []
        for paragraph, date in self.analysis.linked.dates(source_id):
            if date.first is None and date.precision in ("day", "range", "week"):
                index = _sentence_index(self.analysis, source_id, paragraph, date.start)
                if index >= 0:
                    found.append((paragraph, index, date))
        return found

    def reported_events(self, source_id: str, paragraph: int, index: int) -> list[Event]:
        """The known events the sentence could report, whatever its date: their principals
        named and a word of their kind."""
        at, scene = self._sentences(source_id)[(paragraph, index)]
        if not scene.named:
            return []
        lexicon = action_lexicon()
        return [
            event
            for event in self.by_start
            if (pattern := lexicon.get(event.kind)) is not None
            and pattern.search(at.sentence)
            and _names_principals(event, scene, at.sentence)
        ]

    def reports(
        self, source_id: str, paragraph: int, index: int, event: Event, date: DateMention
    ) -> bool:
        """Whether the sentence, its date read as `date`, reports the event (the date read
        in its own clause, where the sentence joins two dated ones)."""
        at, scene = self._sentences(source_id)[(paragraph, index)]
        stated = self._dates_in(source_id).get((paragraph, index), [])
        dates = [date if d.start == date.start else d for d in stated]
        if not any(d is date for d in dates):
            return _reports(event, date, scene, at.sentence)
        readings = zip(self._readings(at, scene, dates), dates, strict=True)
        read = next(r for r, d in readings if d is date)
        return _reports(event, read.date, read.scene, read.at.sentence)

    def _dates_in(self, source_id: str) -> dict[tuple[int, int], list[DateMention]]:
        """(paragraph, sentence) -> the dates the sentence states, resolved or not; kept."""
        if source_id not in self._dates:
            found: dict[tuple[int, int], list[DateMention]] = defaultdict(list)
            for paragraph, date in self.analysis.linked.dates(source_id):
                index = _sentence_index(self.analysis, source_id, paragraph, date.start)
                if index >= 0:
                    found[(paragraph, index)].append(date)
            self._dates[source_id] = found
        return self._dates[source_id]

    def _scene(self, at: _At, pairs: _Pairs) -> _Scene:
        """Who the sentence names (with the last pair, for "the two leaders"), and who does
        what its event words say."""
        mentions = self.mentions.get((at.source, at.paragraph, at.index), [])
        pair = pairs.last() if _speaks_of_pair(at.sentence) else set()
        scene = self._scene_of(at, mentions, pair)
        pairs.add({a for a in scene.who if self.corpus.actors[a].kind == "person"})
        return scene

    def _scene_of(self, at: _At, mentions: list[Mention], pair: set[str]) -> _Scene:
        mentioned = {m.actor for m in mentions}
        if not mentioned and not pair:
            return _Scene(set(), set())
        who = self.naming.named(at.sentence, mentioned, lift=False) | pair
        return _Scene(
            self.naming.lift(who),
            who,
            lambda kind, subject: (self.naming.subjects if subject else self.naming.agents)(
                at.sentence, at.offset, mentions, kind
            ),
            self.naming.stands_for,
            pair,
        )

    def _readings(self, at: _At, scene: _Scene, dates: list[DateMention]) -> list[_Reading]:
        """Each date of the sentence with the clause it is read in (review/conjuncts.py):
        the whole sentence, or where it joins two dated clauses, the date's own."""
        mentions = self.mentions.get((at.source, at.paragraph, at.index), [])
        spans = [(d.start - at.offset, d.end - at.offset) for d in dates]
        days = [s for s, d in zip(spans, dates, strict=True) if d.precision in _DAYS]
        names = [(m.start - at.offset, m.end - at.offset) for m in mentions]
        found = []
        for date, view in zip(dates, views(at.sentence, spans, days, names), strict=True):
            if view.text == at.sentence:
                others = [d.start - at.offset for d in dates if d is not date]
                found.append(_Reading(at, scene, date, mentions, others))
                continue
            found.append(self._reading(at, scene, view, date, dates, mentions))
        return found

    def _reading(
        self,
        at: _At,
        scene: _Scene,
        view: View,
        date: DateMention,
        dates: list[DateMention],
        mentions: list[Mention],
    ) -> _Reading:
        """The date read in its clause made whole: the clause's text, the actors named in
        it (at their places in it) and its other dates."""

        def placed(start: int, end: int) -> tuple[int, int] | None:
            return view.place(start - at.offset, end - at.offset)

        held = [(m, where) for m in mentions if (where := placed(m.start, m.end)) is not None]
        moved = [replace(m, start=where[0], end=where[1]) for m, where in held]
        clause = _At(at.source, at.paragraph, at.index, view.text, 0)
        pair = scene.pair if _speaks_of_pair(view.text) else set()
        start, end = placed(date.start, date.end) or (0, 0)
        others = [where[0] for d in dates if d is not date and (where := placed(d.start, d.end))]
        return _Reading(
            clause, self._scene_of(clause, moved, pair), replace(date, start=start, end=end),
            moved, others,
        )  # fmt: skip

    def _refine(self, at: _At, dates: list[DateMention], found: _Found) -> None:
        citing = _citing(self.cited, at.source, at.sentence)
        for date in dates:
            _refine_cited(
                found.dated, citing, self.corpus, date, at.source, at.paragraph, at.sentence
            )

    def _dated(self, at: _At, scene: _Scene, dates: list[DateMention], found: _Found) -> bool:
        """Links by the sentence's own dates (and candidates where none fits), each date
        read in its own clause where the sentence joins two dated ones."""
        published = self.corpus.sources[at.source].published
        kind = _kind_of(at.sentence) if dates and scene.named else None
        if kind is None:
            return False
        linked = False
        for read in self._readings(at, scene, dates):
            date, text = read.date, read.at.sentence
            matched = [
                event
                for event in self.corpus.events.values()
                if (published is None or event.date.start <= published)
                and _reports(event, date, read.scene, text)
            ]
            for event in matched:
                refined = _refinement(event, date)
                if refined is None and (event.id, at.source) in self.cited_pairs:
                    continue  # nothing new: the source is cited for it already
                link = EventLink(event.id, at.source, at.paragraph, at.sentence, refined)
                found.dated.setdefault((event.id, at.source), link)
            linked = linked or bool(matched)
            if date.precision in ("day", "range"):
                shaped = self._sentence(read.at, read.scene, read.mentions)
                candidate = _candidate(shaped, date, read.at, read.others, at.sentence)
                if candidate is not None and _new_beside(candidate, matched):
                    found.candidates.append(candidate)
        return linked

    def _sentence(self, at: _At, scene: _Scene, mentions: list[Mention]) -> Sentence:
        """The sentence with the places in it of the actors it names, for a new event."""
        spans: dict[str, list[tuple[int, int]]] = {}
        for m in mentions:
            spans.setdefault(m.actor, []).append((m.start - at.offset, m.end - at.offset))
        naming = self.naming
        return Sentence(
            self.corpus, at.sentence, spans, scene.who, naming.stands_for, naming.demonyms_of
        )

    def _anchored(self, at: _At, scene: _Scene, anchors: Anchors, found: _Found) -> bool:
        """Links of a sentence without a date of its own, from its reference time: the events
        of its kinds that lie where its tense puts them (the nearest one of each kind; every
        one for events that go on for a while). Whether it reports any known event."""
        reference = anchors.reference(at.paragraph, at.index)
        if reference is None:
            return False
        now, published = anchors.publication, self.corpus.sources[at.source].published
        settings = anchoring_settings()
        hows = _Aspects(at.sentence)
        fits: dict[str, list[tuple[Event, Reference]]] = {}
        for event in self._around(reference, now, published):
            seen_from = _fitting_reference(event, reference, now, hows.of(event.kind))
            if seen_from is not None and _names_principals(event, scene, at.sentence):
                fits.setdefault(event.kind, []).append((event, seen_from))
        for kind, events in fits.items():
            if kind not in settings["durative"]:
                latest = max(e.date.start for e, _ in events)
                events = [(e, r) for e, r in events if e.date.start == latest]
            for event, seen_from in events:
                if (event.id, at.source) in self.cited_pairs:
                    continue  # nothing new: the source is cited for it already
                link = EventLink(
                    event.id,
                    at.source,
                    at.paragraph,
                    at.sentence,
                    date_from=seen_from.describe(),
                )
                found.inferred.setdefault((event.id, at.source), link)
        return bool(fits)

    def _told_contacts(
        self,
        undated: list[tuple[_At, _Scene, Reference]],
        dated: list[CandidateEvent],
        found: _Found,
    ) -> None:
        """A call or a meeting of two people that a sentence without a date tells of as done,
        and that is no known event, is of the day of the source's dated new event of the same
        occasion (see _occasion) where its tense allows that day from its reference time:
        "Erdogan said he and Putin agreed on May 3 ..." dates "Putin told a press conference
        following his meeting with Erdogan"; the date says where it came from."""
        days = [c for c in dated if c.date_precision == "day" and not c.supporting]
        for at, scene, reference in undated if days else ():
            mentions = self.mentions.get((at.source, at.paragraph, at.index), [])
            sentence = self._sentence(at, scene, mentions)
            told = told_contact(sentence)
            if told is None:
                continue
            contact, where = told
            people = {a for a in contact.participants if sentence.is_person(a)}
            occasion = _occasion(people, reporting_subjects(sentence, where), days)
            if occasion is None or not _told_from(dt.date.fromisoformat(occasion.date), reference):
                continue
            candidate = _from_shape(contact, occasion.date, "day", at, at.sentence)
            note = f"date from the same occasion: {occasion.title} (¶{occasion.paragraph + 1})"
            found.candidates.append(replace(candidate, date_from=note))

    def _around(
        self, reference: Reference, now: Reference | None, published: dt.date | None
    ) -> list[Event]:
        """The events some tense could place from the reference time or publication (at
        most a year before, and not after publication), but for kinds that need a date of
        their own. Many sentences share a reference time: found once for each."""
        key = (_when(reference), _when(now) if now else None, published)
        if key not in self._near:
            first = min(reference.first, now.first if now else reference.first)
            last = max(reference.last, now.last if now else reference.last)
            if published is not None:
                last = min(last, published)
            dated_only = anchoring_settings()["dated-only"]
            self._near[key] = [
                event
                for event in self.by_start[
                    bisect_left(self.starts, first - _YEAR) : bisect_right(self.starts, last)
                ]
                if event.kind not in dated_only and _may_fit(event, reference, now)
            ]
        return self._near[key]


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


def _new_beside(candidate: CandidateEvent, matched: list[Event]) -> bool:
    """Whether a new event stands beside the known events its sentence reports: where it
    reports none, always; else only a known speaker's statement of that day about them
    ("Putin said on Monday that the killing of the ambassador was a provocation")."""
    if not matched:
        return True
    return (
        candidate.kind == "statement"
        and bool(candidate.roles)
        and all(event.kind != "statement" for event in matched)
    )


def _candidate(
    sentence: Sentence, date: DateMention, at: _At, others: list[int], evidence: str
) -> CandidateEvent | None:
    """A new event the sentence (or the clause of its date, made whole) reports on its date
    (review/event_shape.py reads what it is, who takes part and its title), or None when it
    names no event with its sides; its evidence is the sentence."""
    assert date.first is not None and date.last is not None
    found = shape(sentence, max(0, date.start - at.offset), others)
    if found is None:
        return None
    precision = "day" if date.first == date.last else "range"
    return _from_shape(found, date.first.isoformat(), precision, at, evidence)


# the kinds of new event both sides of a call or a meeting take part in on its day
_JOINT_KINDS = frozenset({*_CONTACT_KINDS, "agreement"})


def _occasion(
    people: set[str], speakers: set[str], dated: list[CandidateEvent]
) -> CandidateEvent | None:
    """The dated new event of a source that a call or meeting of the people, told of without
    a date, belongs to: a joint act of them all ("he and Putin agreed on May 3"), or a
    statement of the one of them who tells of it ("Putin said on Monday ...", then "Putin
    said he had agreed in a phone call with Erdogan"); None where there is none, or they
    fall on different days."""
    same = [
        c
        for c in dated
        if (c.kind in _JOINT_KINDS and people <= set(c.participants))
        or (
            c.kind == "statement"
            and {a for a, role in c.roles if role == "speaker"} & speakers & people
        )
    ]
    return same[0] if same and len({c.date for c in same}) == 1 else None


def _told_from(day: dt.date, reference: Reference) -> bool:
    """Whether a sentence told in the past can speak of the day from its reference time:
    on it or within two weeks before it."""
    return reference.first - dt.timedelta(days=_PAST_DAYS) <= day <= reference.last


def _from_shape(found: Shape, date: str, precision: str, at: _At, evidence: str) -> CandidateEvent:
    return CandidateEvent(
        title=found.title,
        date=date,
        date_precision=precision,
        kind=found.kind,
        participants=tuple(sorted(found.participants)),
        sources=(at.source,),
        evidence=evidence,
        paragraph=at.paragraph,
        place=found.place,
        evidence_source=at.source,
        supporting=found.supporting,
        roles=found.roles,
    )


def merge_candidates(
    candidates: list[CandidateEvent], people: frozenset[str] = frozenset()
) -> list[CandidateEvent]:
    """One candidate per date, kind and set of overlapping participants. A sentence that only
    supports a meeting (one side named) joins one and proposes none. The evidence is the
    sentence that names most of the people taking part; the people it does not name are
    said (`weak`), so the analyst knows the evidence alone does not show them."""
    groups: list[list[CandidateEvent]] = []
    # (date, kind, participant) -> the first group with that participant: the first that
    # overlaps is found without scanning every candidate of the day
    first_with: dict[tuple[str, str, str], int] = {}
    for candidate in sorted(candidates, key=lambda c: (c.date, c.supporting)):
        day = (candidate.date, candidate.kind)
        same = min(
            (first_with[(*day, p)] for p in candidate.participants if (*day, p) in first_with),
            default=None,
        )
        if same is None:
            same = len(groups)
            groups.append([])
        for participant in candidate.participants:
            first_with.setdefault((*day, participant), same)
        groups[same].append(candidate)
    return [_merged(group, people) for group in groups if not group[0].supporting]


def _merged(group: list[CandidateEvent], people: frozenset[str]) -> CandidateEvent:
    everyone = {p for c in group for p in c.participants}
    persons = everyone & people
    best = max(
        (c for c in group if not c.supporting),
        key=lambda c: (len(persons & set(c.participants)), -group.index(c)),
    )
    missing = sorted(persons - set(best.participants))
    return replace(
        best,
        date=group[0].date,
        participants=tuple(sorted(everyone)),
        sources=tuple(sorted({s for c in group for s in c.sources})),
        # a source with its own publication date makes the date no longer provisional
        provisional=best.provisional if all(c.provisional for c in group) else "",
        # a sentence that states the date itself makes it no longer inferred
        date_from=best.date_from if all(c.date_from for c in group) else "",
        weak=f"its evidence does not name {', '.join(missing)}" if missing else "",
    )
