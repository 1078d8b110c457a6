"""The pages that list the whole corpus, split so that one arrival redraws kilobytes.

The sources index is an index of months with a page per month (`sources/months/`), and the
printable dossier keeps the curated story (briefing, phases, timeline, events, claims,
actors) on `print.md` with its list of sources on one printable page per year (`print/`).
Each page gets a frozen view computed here, its links already relative to the page that
shows them: the templates do no lookups of their own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import partial

from generator.model import Source
from generator.stages.analyse import Analysis
from generator.stages.views.base import Link, linked_text
from generator.text.calendar import MONTH_NAMES
from generator.urls import (
    print_sources_path,
    relative_url,
    source_path,
    sources_month_path,
)

SOURCES_INDEX = "sources/index.md"
PRINT = "print.md"
UNKNOWN = "Date unknown"


def published_text(source: Source) -> str:
    return source.published.isoformat() if source.published else "date unknown"


def _year_month(source: Source) -> tuple[int, int]:
    """(year, month) of publication; (0, 0) when unknown (listed last)."""
    return (source.published.year, source.published.month) if source.published else (0, 0)


def _month_label(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1]} {year}" if year else UNKNOWN


# -- the sources index: a page per month -------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    """One line of a month of the sources index."""

    published: str
    title: str
    href: str  # the source's page, from the month's page (raw HTML: see Here.url)
    outlet: str
    language: str
    translated_from: str | None
    actors: int
    events: int


@dataclass(frozen=True)
class MonthLink:
    label: str
    page: str
    count: int
    href: str = ""  # the page, from the page that shows the link


def _from(here: str, link: MonthLink) -> MonthLink:
    return replace(link, href=relative_url(here, link.page))


@dataclass(frozen=True)
class SourcesYear:
    label: str
    count: int
    months: tuple[MonthLink, ...]  # newest first


@dataclass(frozen=True)
class OutletCount:
    name: str
    count: int


@dataclass(frozen=True)
class SourcesIndexView:
    total: int
    outlets: tuple[OutletCount, ...]  # by name
    years: tuple[SourcesYear, ...]  # newest first, "Date unknown" last


@dataclass(frozen=True)
class SourcesMonthView:
    label: str
    rows: tuple[SourceRow, ...]  # newest first
    newer: MonthLink | None
    older: MonthLink | None
    index_href: str


def _month_order(key: tuple[int, int]) -> tuple[bool, int, int]:
    """Newest first, undated last."""
    return (key == (0, 0), -key[0], -key[1])


def sources_by_month(analysis: Analysis) -> list[tuple[tuple[int, int], list[Source]]]:
    months: dict[tuple[int, int], list[Source]] = defaultdict(list)
    for source in analysis.corpus.sources.values():
        months[_year_month(source)].append(source)
    return [
        (key, sorted(months[key], key=lambda s: s.sort_key, reverse=True))
        for key in sorted(months, key=_month_order)
    ]


def _row(analysis: Analysis, source: Source, here: str, directory_urls: bool) -> SourceRow:
    profile = analysis.sources[source.id]
    return SourceRow(
        published_text(source),
        source.title,
        relative_url(here, source_path(source.id)),  # raw HTML: see Here.url
        source.outlet,
        source.language,
        source.translated_from,
        len(profile.actors),
        len(profile.events),
    )


def sources_pages(
    analysis: Analysis, directory_urls: bool = True
) -> tuple[SourcesIndexView, list[tuple[str, SourcesMonthView]]]:
    """The index (years, each with its months) and each month's page, by path (its table
    of sources is raw HTML: built URLs, by directory_urls as MkDocs' setting)."""
    grouped = sources_by_month(analysis)
    links = [
        MonthLink(_month_label(*key), sources_month_path(*key), len(items))
        for key, items in grouped
    ]
    pages = []
    for number, (_, items) in enumerate(grouped):
        here = links[number].page
        newer = _from(here, links[number - 1]) if number else None
        older = _from(here, links[number + 1]) if number + 1 < len(links) else None
        rows = tuple(_row(analysis, s, here, directory_urls) for s in items)
        index_href = relative_url(here, SOURCES_INDEX)
        pages.append((here, SourcesMonthView(links[number].label, rows, newer, older, index_href)))
    years: dict[int, list[MonthLink]] = defaultdict(list)
    for (year, _), link in zip((key for key, _ in grouped), links, strict=True):
        label = link.label.split(" ")[0] if year else UNKNOWN
        years[year].append(_from(SOURCES_INDEX, MonthLink(label, link.page, link.count)))
    outlets = Counter(s.outlet for s in analysis.corpus.sources.values())
    index = SourcesIndexView(
        total=len(analysis.corpus.sources),
        outlets=tuple(OutletCount(n, c) for n, c in sorted(outlets.items(), key=_by_name)),
        years=tuple(
            SourcesYear(str(year) if year else UNKNOWN, sum(m.count for m in months), tuple(months))
            for year, months in years.items()
        ),
    )
    return index, pages


def _by_name(item: tuple[str, int]) -> tuple[str, str]:
    return (item[0].lower(), item[0])


# -- the printable dossier: the story on one page, the sources by year -----------------------


@dataclass(frozen=True)
class PrintSource:
    id: str
    title: str
    outlet: str
    published: str
    language: str
    translated_from: str | None
    url: str | None


@dataclass(frozen=True)
class PrintYear:
    label: str
    page: str
    sources: tuple[PrintSource, ...]  # oldest first
    home_href: str  # the printable dossier, from this page


def _print_year(source: Source) -> int:
    return source.published.year if source.published else 0


PRINT_PAGE_ROWS = 400  # sources on a printable page: a longer year has a page per month


def long_years(analysis: Analysis) -> frozenset[int]:
    """The years of more than PRINT_PAGE_ROWS sources, printed by month (so an arrival
    redraws a month's list, not a year's)."""
    counts = Counter(_print_year(s) for s in analysis.corpus.sources.values())
    return frozenset(year for year, count in counts.items() if year and count > PRINT_PAGE_ROWS)


def _print_page(source: Source, long: frozenset[int]) -> tuple[int, int]:
    """(year, month) of the printable page listing a source (month 0: the whole year)."""
    year = _print_year(source)
    return (year, source.published.month) if source.published and year in long else (year, 0)


def print_years(analysis: Analysis) -> list[PrintYear]:
    """The printable pages of sources, by year of publication (by month in a long year),
    oldest first (undated first, as before)."""
    long = long_years(analysis)
    pages: dict[tuple[int, int], list[PrintSource]] = defaultdict(list)
    for s in sorted(analysis.corpus.sources.values(), key=lambda s: s.sort_key):
        pages[_print_page(s, long)].append(
            PrintSource(
                s.id, s.title, s.outlet, published_text(s), s.language, s.translated_from, s.url
            )
        )
    return [
        PrintYear(
            _month_label(year, month) if month else str(year) if year else UNKNOWN,
            page := print_sources_path(year, month),
            tuple(items),
            relative_url(page, PRINT),
        )
        for (year, month), items in sorted(pages.items())
    ]


def print_anchor(source: Source, long: frozenset[int]) -> str:
    """Where a source is listed among the printable pages: page and anchor."""
    return f"{print_sources_path(*_print_page(source, long))}#source-{source.id}"


@dataclass(frozen=True)
class PrintEvidence:
    text: str
    outlet: str
    paragraph: int  # 1-based
    href: str  # the source in the printable list (page#anchor), from the print page


@dataclass(frozen=True)
class PrintParticipant:
    id: str
    name: str
    role: str | None


@dataclass(frozen=True)
class PrintEvent:
    id: str
    title: str
    date: str
    kind: str
    contested: bool
    place: str | None
    participants: tuple[PrintParticipant, ...]
    summary: str | None
    evidence: tuple[PrintEvidence, ...]


@dataclass(frozen=True)
class PrintPhase:
    title: str
    start: str
    end: str
    summary_md: str  # linked Markdown
    events: tuple[tuple[str, str], ...]  # (event id, title)


@dataclass(frozen=True)
class PrintStance:
    stance: str
    by: str | None
    outlet: str
    text: str


@dataclass(frozen=True)
class PrintClaim:
    claim: str
    event_id: str
    event_title: str
    stances: tuple[PrintStance, ...]


@dataclass(frozen=True)
class PrintActor:
    """An actor in the printable dossier's list (no mention counts: they change with every
    arrival, and the actors index and each actor's page show them)."""

    id: str
    name: str
    description: str


@dataclass(frozen=True)
class PrintView:
    title: str
    scope: str
    summary_md: tuple[str, ...]  # linked Markdown, a paragraph each
    phases: tuple[PrintPhase, ...]
    events: tuple[PrintEvent, ...]  # in chronological order
    claims: tuple[PrintClaim, ...]
    actors: tuple[tuple[str, tuple[PrintActor, ...]], ...]  # (kind label, actors)
    # each printable page of sources (which says how many it lists): the page stays the
    # same when an article arrives, unless it opens a year (or a month of a long year)
    years: tuple[Link, ...]


def print_events(analysis: Analysis) -> tuple[PrintEvent, ...]:
    corpus = analysis.corpus
    long = long_years(analysis)
    events = []
    for event_id in analysis.chronology:
        e = corpus.events[event_id]
        evidence = tuple(
            PrintEvidence(
                a.text,
                corpus.sources[a.source].outlet,
                a.paragraph + 1,
                relative_url(PRINT, print_anchor(corpus.sources[a.source], long)),
            )
            for a in analysis.events[e.id].evidence
        )
        events.append(
            PrintEvent(
                e.id,
                e.title,
                e.date.display,
                e.kind.replace("-", " "),
                e.id in analysis.claims_by_event or e.id in analysis.conflicts,
                corpus.actors[e.place].name if e.place else None,
                tuple(
                    PrintParticipant(p.actor, corpus.actors[p.actor].name, p.role)
                    for p in e.participants
                ),
                e.summary,
                evidence,
            )
        )
    return tuple(events)


def print_view(
    analysis: Analysis, kind_labels: dict[str, str], years: list[PrintYear]
) -> PrintView:
    corpus = analysis.corpus
    briefing = corpus.briefing
    url = partial(relative_url, PRINT)
    phases = tuple(
        PrintPhase(
            p.phase.title,
            p.phase.start.isoformat(),
            p.phase.end.isoformat(),
            linked_text(p.phase.summary, corpus, url) if p.phase.summary else "",
            tuple((e, corpus.events[e].title) for e in p.events),
        )
        for p in analysis.phases
    )
    claims = tuple(
        PrintClaim(
            c.claim,
            c.event,
            corpus.events[c.event].title,
            tuple(
                PrintStance(
                    st.stance,
                    corpus.actors[st.by].name if st.by else None,
                    corpus.sources[st.source].outlet,
                    st.text,
                )
                for st in c.stances
            ),
        )
        for c in corpus.claims.values()
    )
    actors = []
    for kind, label in kind_labels.items():
        members = tuple(
            PrintActor(a.id, a.name, a.description)
            for a in corpus.actors.values()
            if a.kind == kind
        )
        if members:
            actors.append((label, members))
    return PrintView(
        title=briefing.title,
        scope=briefing.scope,
        summary_md=tuple(linked_text(p, corpus, url) for p in briefing.summary),
        phases=phases if briefing.phases else (),
        events=print_events(analysis),
        claims=claims,
        actors=tuple(actors),
        years=tuple(Link(y.label, relative_url(PRINT, y.page)) for y in years),
    )
