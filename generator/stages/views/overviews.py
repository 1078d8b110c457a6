"""The overview pages: phases, the actors and events indexes, the timeline, the network,
the home page and What's new."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from generator.model import ACTOR_KINDS, FuzzyDate, HistoryEntry, Source
from generator.review.history import summary_note
from generator.stages.analyse import Analysis, PhaseProfile
from generator.stages.views.base import (
    KIND_LABELS,
    DatedLink,
    Here,
    Link,
    dated_event,
    day_label,
    kind_words,
    phase_dates,
    published_label,
)
from generator.text.calendar import MONTH_NAMES
from generator.urls import phase_path, whats_new_month_path


@dataclass(frozen=True, slots=True)
class PhaseEvent:
    event: DatedLink
    contested: bool
    summary: str | None


@dataclass(frozen=True)
class PhasePageView:
    title: str
    description: str
    number: int
    total: int  # phases in the briefing
    dates: str
    event_count: int
    source_total: int
    summary_md: str | None  # the analyst's summary, its references linked
    events: tuple[PhaseEvent, ...]
    actors: tuple[tuple[Link, int], ...]  # who took part most, with their events
    claims: tuple[Link, ...]
    latest: int
    sources: tuple[Link, ...]  # the newest
    sources_href: str
    previous: Link | None
    following: Link | None


def phase_view(here: Here, index: int, latest: int) -> PhasePageView:
    """A phase page: its events, who took part, its contested claims, its newest sources,
    and links to the phases before and after it."""
    phases = here.analysis.phases
    profile, phase = phases[index], phases[index].phase
    dates = phase_dates(phase)

    def neighbour(at: int) -> Link | None:
        if not 0 <= at < len(phases):
            return None
        return Link(phases[at].phase.title, here.url(phase_path(phases[at])))

    return PhasePageView(
        title=phase.title,
        description=here.plain(
            f"Phase {profile.number} of the briefing, {dates}: {phase.summary or phase.title}"
        ),
        number=profile.number,
        total=len(phases),
        dates=dates,
        event_count=len(profile.events),
        source_total=len(profile.sources),
        summary_md=here.linked(phase.summary) if phase.summary else None,
        events=tuple(
            PhaseEvent(dated_event(here, e), here.contested(e), here.corpus.events[e].summary)
            for e in profile.events
        ),
        actors=tuple((here.actor(a), count) for a, count in profile.actors[:12]),
        claims=tuple(
            Link(here.corpus.claims[c].claim, f"{here.url('claims.md')}#claim-{c}")
            for c in profile.claims
        ),
        latest=latest,
        sources=tuple(here.source(s) for s in profile.sources[:latest]),
        sources_href=here.url("sources/index.md"),
        previous=neighbour(index - 1),
        following=neighbour(index + 1),
    )


# ---- indexes: actors, events, the timeline, the network ----


@dataclass(frozen=True, slots=True)
class ActorRow:
    actor: Link
    description: str
    mentions: int
    events: int


@dataclass(frozen=True)
class ActorsIndexView:
    count: int
    description: str
    groups: tuple[tuple[str, tuple[ActorRow, ...]], ...]  # (kind label, most mentioned first)


def actors_index_view(here: Here) -> ActorsIndexView:
    analysis, actors = here.analysis, here.corpus.actors
    groups = []
    for kind in ACTOR_KINDS:
        members = sorted(
            (a for a in actors.values() if a.kind == kind),
            key=lambda a: (-analysis.actors[a.id].mentions, a.name),
        )
        rows = tuple(
            ActorRow(
                here.actor(a.id),
                a.description,
                analysis.actors[a.id].mentions,
                len(analysis.actors[a.id].events),
            )
            for a in members
        )
        if rows:
            groups.append((KIND_LABELS[kind], rows))
    return ActorsIndexView(
        count=len(actors),
        description=here.plain(
            f"The {len(actors)} people, states, organisations, armed groups, media and places"
            " of the dossier, by kind"
        ),
        groups=tuple(groups),
    )


@dataclass(frozen=True, slots=True)
class EventRow:
    event: DatedLink
    contested: bool  # its link's href + "#contested" is where the page says how
    kind: str
    place: Link | None
    sources: int


def event_row(here: Here, event_id: str) -> EventRow:
    event = here.corpus.events[event_id]
    return EventRow(
        dated_event(here, event_id),
        here.contested(event_id),
        kind_words(event.kind),
        here.actor(event.place) if event.place else None,
        len(here.analysis.events[event_id].sources),
    )


@dataclass(frozen=True)
class EventsIndexView:
    count: int
    description: str
    timeline_href: str
    events: tuple[EventRow, ...]  # in chronological order


def events_index_view(here: Here) -> EventsIndexView:
    count = len(here.corpus.events)
    return EventsIndexView(
        count=count,
        description=here.plain(
            f"The {count} dated events of the dossier, oldest first, with their kind, place"
            " and sources"
        ),
        timeline_href=here.url("timeline.md"),
        events=tuple(event_row(here, e) for e in here.analysis.chronology),
    )


@dataclass(frozen=True)
class TimelineView:
    description: str
    picture: str
    # by year, then by month ("" for events known only to the year)
    years: tuple[tuple[int, tuple[tuple[str, tuple[EventRow, ...]], ...]], ...]


def timeline_view(here: Here, picture: str) -> TimelineView:
    years: dict[int, dict[str, list[EventRow]]] = defaultdict(lambda: defaultdict(list))
    for event_id in here.analysis.chronology:
        date = here.corpus.events[event_id].date
        month = "" if date.precision == "year" else date.MONTHS[date.start.month - 1]
        years[date.start.year][month].append(event_row(here, event_id))
    return TimelineView(
        description=here.plain(
            "Every event of the dossier on a time line, oldest first: " + here.corpus.briefing.title
        ),
        picture=picture,
        years=tuple(
            (year, tuple((month, tuple(rows)) for month, rows in months.items()))
            for year, months in sorted(years.items())
        ),
    )


@dataclass(frozen=True, slots=True)
class RelationRow:
    a: Link
    b: Link
    words: str  # what they did, by tone: "met (2×), struck (hostile)"
    events: tuple[Link, ...]


@dataclass(frozen=True)
class NetworkView:
    picture: str
    everyone: str  # the picture with every actor
    relations: tuple[RelationRow, ...]


# ---- the home page ----


@dataclass(frozen=True, slots=True)
class SourceLine:
    """'[Title](…) — Outlet, 2019-01-02'."""

    source: Link
    outlet: str
    published: str


def source_line(here: Here, source: Source) -> SourceLine:
    return SourceLine(here.source(source.id), source.outlet, published_label(source))


@dataclass(frozen=True, slots=True)
class Question:
    question_md: str
    answers_md: tuple[str, ...]  # each a linked reference


@dataclass(frozen=True)
class HomePhase:
    link: Link
    dates: str
    summary_md: str | None
    events: tuple[tuple[DatedLink, bool], ...]  # (event, contested)


@dataclass(frozen=True, slots=True)
class Figures:
    sources: int
    outlets: int
    actors: int
    events: int
    quotes: int
    attributed: int  # quotes with a speaker
    span: str | None  # the events' first and last dates: "2016 – 5 March 2020"
    published: str | None  # the sources' first and last publication days


@dataclass(frozen=True, slots=True)
class Hrefs:
    """The home page's links to the other overviews and the feeds."""

    sources: str
    actors: str
    events: str
    timeline: str
    whats_new: str
    whats_new_feed: str
    feed: str
    calendar: str
    data: str


@dataclass(frozen=True, slots=True)
class SummaryNoteView:
    """The analyst's summary predates some sources: its date, how many came after."""

    since: str
    newer: int


@dataclass(frozen=True, slots=True)
class LatestChange:
    date: str
    summary: str  # "6 sources added, 2 actors added"


@dataclass(frozen=True)
class HomeView:
    title: str
    description: str
    scope_md: str | None
    figures: Figures
    summary_note: SummaryNoteView | None
    summary_md: tuple[str, ...]
    questions: tuple[Question, ...]
    phases: tuple[HomePhase, ...]
    latest_change: LatestChange | None
    picture: str
    latest_events: tuple[tuple[DatedLink, str], ...]  # (event, kind), newest first
    top_actors: tuple[tuple[Link, str, int, int], ...]  # (actor, kind, mentions, sources)
    recently_added: tuple[tuple[str, SourceLine], ...]  # (added, source)
    latest_sources: tuple[SourceLine, ...]
    hrefs: Hrefs


def home_view(here: Here, picture: str, latest: int = 8) -> HomeView:
    analysis, corpus = here.analysis, here.corpus
    briefing = corpus.briefing
    sources = sorted(corpus.sources.values(), key=lambda s: s.sort_key, reverse=True)
    added = sorted((s for s in sources if s.added), key=lambda s: (s.added, s.id), reverse=True)
    top = sorted(
        (p for p in analysis.actors.values() if p.mentions),
        key=lambda p: (-p.mentions, corpus.actors[p.id].name),
    )[:12]
    note = summary_note(corpus)
    change = corpus.history[0] if corpus.history else None
    return HomeView(
        title=briefing.title,
        description=here.plain(briefing.scope or briefing.title),
        scope_md=here.linked(briefing.scope) if briefing.scope else None,
        figures=home_figures(analysis),
        summary_note=SummaryNoteView(day_label(note.since), note.newer) if note else None,
        summary_md=tuple(here.linked(p) for p in briefing.summary),
        questions=tuple(
            Question(here.linked(q), tuple(here.linked(f"[[{ref}]]") for ref in answers))
            for q, answers in zip(
                briefing.key_questions,
                briefing.answers + ((),) * len(briefing.key_questions),
                strict=False,
            )
        ),
        phases=tuple(home_phase(here, profile) for profile in analysis.phases),
        latest_change=LatestChange(day_label(change.date), change.summary()) if change else None,
        picture=picture,
        latest_events=tuple(
            (dated_event(here, e), kind_words(corpus.events[e].kind))
            for e in reversed(analysis.chronology[-latest:])
        ),
        top_actors=tuple(
            (here.actor(p.id), kind_words(corpus.actors[p.id].kind), p.mentions, len(p.sources))
            for p in top
        ),
        recently_added=tuple((str(s.added), source_line(here, s)) for s in added[:latest]),
        latest_sources=tuple(source_line(here, s) for s in sources[:latest]),
        hrefs=Hrefs(*(here.url(target) for target in HOME_LINKS)),
    )


HOME_LINKS = ("sources/index.md", "actors/index.md", "events/index.md", "timeline.md",
              "whats-new.md", "whats-new.xml", "feed.xml", "events.ics",
              "dossier.json")  # fmt: skip


def home_figures(analysis: Analysis) -> Figures:
    corpus = analysis.corpus
    dates = [corpus.events[e].date for e in analysis.chronology]
    published = [FuzzyDate(s.published, "day") for s in corpus.sources.values() if s.published]
    return Figures(
        sources=len(corpus.sources),
        outlets=len({s.outlet for s in corpus.sources.values()}),
        actors=len(corpus.actors),
        events=len(corpus.events),
        quotes=len(analysis.linked.quotes),
        attributed=sum(1 for q in analysis.linked.quotes if q.speaker),
        span=f"{dates[0].display} – {dates[-1].display}" if dates else None,
        published=f"{min(published).display} – {max(published).display}" if published else None,
    )


def home_phase(here: Here, profile: PhaseProfile) -> HomePhase:
    phase = profile.phase
    return HomePhase(
        link=Link(phase.title, here.url(phase_path(profile))),
        dates=phase_dates(phase),
        summary_md=here.linked(phase.summary) if phase.summary else None,
        events=tuple((dated_event(here, e), here.contested(e)) for e in profile.events),
    )


# ---- what's new ----


@dataclass(frozen=True, slots=True)
class ChangedItem:
    """A record named in a change: a link to its page, a claim's words, or an id since
    removed."""

    link: Link | None
    text: str
    gone: bool = False


@dataclass(frozen=True)
class ChangeView:
    label: str  # "Sources added"
    items: tuple[ChangedItem, ...]  # on What's new, the first few: see `total`
    total: int  # how many the entry names (more than items: the rest on the month's page)


@dataclass(frozen=True, slots=True)
class FirstRecord:
    sources: int
    actors: int
    events: int
    claims: int


@dataclass(frozen=True)
class EntryView:
    """One build that changed the corpus."""

    date: str
    first: FirstRecord | None  # the first entry: the corpus as first recorded
    changes: tuple[ChangeView, ...]
    removed: tuple[str, ...]  # cut short as the changes are
    removed_total: int
    decisions: int
    briefing_changed: bool
    month: Link  # the page of its month, where it is shown in full


@dataclass(frozen=True)
class HistoryYear:
    label: str
    months: tuple[Link, ...]  # newest first


@dataclass(frozen=True)
class WhatsNewView:
    """The newest changes, each list cut short, and a page per month of the history: an
    arrival redraws this page and its month's, never the months before."""

    feed_href: str
    entries: tuple[EntryView, ...]  # the newest, newest first
    shown: int  # items shown of each kind of change before "and n more"
    years: tuple[HistoryYear, ...]  # newest first


@dataclass(frozen=True)
class WhatsNewMonthView:
    label: str  # "November 2026"
    whats_new_href: str
    older: Link | None  # the month of history before it (fixed once this one exists)
    entries: tuple[EntryView, ...]  # every change of the month, in full, newest first


WHATS_NEW = "whats-new.md"
RECENT_ENTRIES = 5  # entries What's new shows; the others are on their months' pages
RECENT_ITEMS = 12  # records of each kind an entry shows there; the rest on its month's page


def _month_of(entry: HistoryEntry) -> tuple[int, int]:
    return (entry.date.year, entry.date.month)


def _month_label(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1]} {year}"


def history_months(history: tuple[HistoryEntry, ...]) -> list[tuple[int, int]]:
    """The months the history has entries in, newest first (entries are newest first)."""
    return list(dict.fromkeys(_month_of(e) for e in history))


def whats_new_view(here: Here) -> WhatsNewView:
    history = here.corpus.history
    years: dict[int, list[Link]] = {}
    for year, month in history_months(history):
        link = Link(MONTH_NAMES[month - 1], here.url(whats_new_month_path(year, month)))
        years.setdefault(year, []).append(link)
    return WhatsNewView(
        here.url("whats-new.xml"),
        tuple(entry_view(here, e, RECENT_ITEMS) for e in history[:RECENT_ENTRIES]),
        RECENT_ITEMS,
        tuple(HistoryYear(str(year), tuple(months)) for year, months in years.items()),
    )


def whats_new_months(
    analysis: Analysis, here_of: Callable[[str], Here]
) -> list[tuple[str, WhatsNewMonthView]]:
    """Each month of the history's page, by path, newest first."""
    history = analysis.corpus.history
    months = history_months(history)
    pages = []
    for number, (year, month) in enumerate(months):
        path = whats_new_month_path(year, month)
        here = here_of(path)
        before = months[number + 1] if number + 1 < len(months) else None
        older = (
            Link(_month_label(*before), here.url(whats_new_month_path(*before))) if before else None
        )
        entries = tuple(entry_view(here, e) for e in history if _month_of(e) == (year, month))
        view = WhatsNewMonthView(_month_label(year, month), here.url(WHATS_NEW), older, entries)
        pages.append((path, view))
    return pages


def entry_view(here: Here, entry: HistoryEntry, shown: int | None = None) -> EntryView:
    """An entry of the history; shown: the records of each kind to show (None: all)."""
    first = FirstRecord(len(entry.sources_added), len(entry.actors_added),
                        len(entry.events_added), len(entry.claims_added))  # fmt: skip
    month = _month_of(entry)
    return EntryView(
        date=day_label(entry.date),
        first=first if entry.first else None,
        changes=tuple(
            ChangeView(label, tuple(changed_item(here, kind, i) for i in ids[:shown]), len(ids))
            for label, kind, ids in entry.changes()
        ),
        removed=entry.removed[:shown],
        removed_total=len(entry.removed),
        decisions=entry.decisions,
        briefing_changed=entry.briefing_changed,
        month=Link(_month_label(*month), here.url(whats_new_month_path(*month))),
    )


def changed_item(here: Here, kind: str, ident: str) -> ChangedItem:
    corpus = here.corpus
    if kind == "sources" and ident in corpus.sources:
        return ChangedItem(here.source(ident), "")
    if kind == "actors" and ident in corpus.actors:
        return ChangedItem(here.actor(ident), "")
    if kind == "events" and ident in corpus.events:
        return ChangedItem(here.event(ident), "")
    if kind == "claims" and ident in corpus.claims:
        return ChangedItem(None, corpus.claims[ident].claim)
    return ChangedItem(None, ident, gone=True)
