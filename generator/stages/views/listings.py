"""The pages that list the whole corpus, split so that one arrival redraws kilobytes.

The sources index is an index of months with a page per month (`sources/months/`) and of
outlets with a page per outlet and year (`sources/outlets/`), and the
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
from generator.text.folding import latin, slugify
from generator.urls import (
    print_sources_path,
    relative_url,
    source_path,
    sources_month_path,
    sources_outlet_path,
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
    years: tuple[MonthLink, ...] = ()  # its pages, newest first, from the sources index


@dataclass(frozen=True)
class SourcesIndexView:
    total: int
    outlets: tuple[OutletCount, ...]  # by name
    years: tuple[SourcesYear, ...]  # newest first, "Date unknown" last


@dataclass(frozen=True)
class SourcesMonthView:
    """A page of the sources index: a month, or a year of one outlet."""

    label: str  # "March 2020", "Al Arabiya, 2020"
    rows: tuple[SourceRow, ...]  # newest first
    newer: MonthLink | None
    older: MonthLink | None
    index_href: str
    scope: str  # what the articles listed have in common: "published in March 2020"


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


def _row(analysis: Analysis, source: Source, here: str) -> SourceRow:
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
    analysis: Analysis,
) -> tuple[SourcesIndexView, list[tuple[str, SourcesMonthView]]]:
    """The index (years with their months, outlets with their years) and the page of each
    month and of each outlet's year, by path (its table of sources is raw HTML, its links
    .md paths that the hook makes the built URLs)."""
    grouped = sources_by_month(analysis)
    links = [
        MonthLink(_month_label(*key), sources_month_path(*key), len(items))
        for key, items in grouped
    ]
    pages = _pages(analysis, links, [items for _, items in grouped], "published in {}")
    years: dict[int, list[MonthLink]] = defaultdict(list)
    for (year, _), link in zip((key for key, _ in grouped), links, strict=True):
        label = link.label.split(" ")[0] if year else UNKNOWN
        years[year].append(_from(SOURCES_INDEX, MonthLink(label, link.page, link.count)))
    outlets, outlet_pages = _outlets(analysis, grouped)
    index = SourcesIndexView(
        total=len(analysis.corpus.sources),
        outlets=outlets,
        years=tuple(
            SourcesYear(str(year) if year else UNKNOWN, sum(m.count for m in months), tuple(months))
            for year, months in years.items()
        ),
    )
    return index, pages + outlet_pages


def _pages(
    analysis: Analysis, links: list[MonthLink], lists: list[list[Source]], scope: str
) -> list[tuple[str, SourcesMonthView]]:
    """A page for each list of sources (newest first), linked to the next and previous."""
    pages = []
    for number, items in enumerate(lists):
        here = links[number].page
        newer = _from(here, links[number - 1]) if number else None
        older = _from(here, links[number + 1]) if number + 1 < len(links) else None
        rows = tuple(_row(analysis, s, here) for s in items)
        index_href = relative_url(here, SOURCES_INDEX)
        label = links[number].label
        view = SourcesMonthView(label, rows, newer, older, index_href, scope.format(label))
        pages.append((here, view))
    return pages


def outlet_slugs(names: set[str]) -> dict[str, str]:
    """Each outlet's folder name: its name in Latin letters, lower case, hyphens; two
    outlets of the same folder name (RFI and Rfi) told apart by -2, -3 in name order."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(names, key=_name_order):
        base = slugify(latin(name))[:60].strip("-") or "outlet"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        slugs[name] = slug
    return slugs


def _outlets(
    analysis: Analysis, grouped: list[tuple[tuple[int, int], list[Source]]]
) -> tuple[tuple[OutletCount, ...], list[tuple[str, SourcesMonthView]]]:
    """The outlets of the index, by name, each with its years; a page per outlet and year
    (an arrival redraws its outlet's year, not every article of the outlet). grouped: the
    sources by month, newest first (sources_by_month)."""
    by_outlet: dict[str, dict[int, list[Source]]] = defaultdict(dict)
    for (year, _), items in grouped:
        for source in items:  # years newest first, undated last, as the months
            by_outlet[source.outlet].setdefault(year, []).append(source)
    slugs = outlet_slugs(set(by_outlet))
    counts, pages = [], []
    for name in sorted(by_outlet, key=_name_order):
        years = by_outlet[name]
        links = [
            MonthLink(
                f"{name}, {year}" if year else f"{name}, {UNKNOWN.lower()}",
                sources_outlet_path(slugs[name], year),
                len(items),
            )
            for year, items in years.items()
        ]
        pages += _pages(analysis, links, list(years.values()), "from {}")
        shown = tuple(
            _from(SOURCES_INDEX, MonthLink(str(year) if year else UNKNOWN, link.page, link.count))
            for year, link in zip(years, links, strict=True)
        )
        counts.append(OutletCount(name, sum(link.count for link in links), shown))
    return tuple(counts), pages


def _name_order(name: str) -> tuple[str, str]:
    """Case aside, then case: the same order on every machine."""
    return (name.lower(), name)


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
