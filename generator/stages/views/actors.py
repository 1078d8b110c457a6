"""Actor pages and their archives (an index of years, a page per year, a block per month)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Actor, Event, Quote, SourceMention
from generator.stages.analyse import ActorProfile
from generator.stages.views.base import (
    KIND_LABELS,
    DatedLink,
    Deferred,
    Here,
    Link,
    QuoteRow,
    Sections,
    dated_event,
    kind_words,
    published_label,
    quote_row,
    sections,
)
from generator.urls import archive_path


@dataclass(frozen=True, slots=True)
class Infobox:
    """A person's facts at a glance (each None when unknown)."""

    office: str | None
    state: Link | None
    first_event: DatedLink | None
    latest_event: DatedLink | None
    in_sources: str | None  # "3 sources, 2019-01-02 to 2019-03-04"


@dataclass(frozen=True, slots=True)
class ActorEventRow:
    event: DatedLink
    kind: str
    role: str | None  # None: the actor is the event's place, not a participant


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A source naming an actor: how often, and its first sentence that does."""

    source: Link
    outlet: str
    published: str
    count: int
    para: Link
    context: str


@dataclass(frozen=True)
class ActorPageView:
    name: str
    description: str  # the meta description, plain
    about: str  # the curator's description (may be empty)
    kind: str  # in words: "armed group"
    kind_label: str  # the tag: "Armed groups"
    affiliation: Link | None
    infobox: Infobox | None  # people only
    aliases: tuple[str, ...]  # other than the name
    roles: tuple[str, ...]
    affiliated: tuple[Link, ...]
    sections: Sections
    mentions: int
    source_total: int
    event_count: int
    picture: str | None
    events: tuple[ActorEventRow, ...]  # these and the lists below: built URLs (raw HTML)
    latest: int
    archive_href: str
    quote_total: int
    quotes: tuple[QuoteRow, ...]  # the latest
    related: tuple[tuple[Link, str, int], ...]  # (actor, kind, sentences together)
    sources: tuple[SourceRow, ...]  # the latest


@dataclass(frozen=True)
class ActorFacts:
    """What an actor page shows beyond the actor and its profile, found across the corpus."""

    state: str | None  # the state it belongs to
    affiliated: tuple[str, ...]  # actors affiliated with it
    published: tuple[str, str] | None  # its sources' first and last publication dates
    picture: str | None


def actor_view(
    here: Here, actor: Actor, profile: ActorProfile, facts: ActorFacts, latest: int, related: int
) -> ActorPageView:
    """An actor page: facts, events, the latest quotes and sources, the closest actors."""
    corpus = here.corpus
    kind = kind_words(actor.kind)
    html = here.html  # the tables and lists are raw HTML: built URLs
    events = tuple(
        ActorEventRow(
            dated_event(html, e),
            kind_words(corpus.events[e].kind),
            role_in(corpus.events[e], actor.id),
        )
        for e in profile.events
    )
    return ActorPageView(
        name=actor.name,
        description=here.plain(actor.description or f"{actor.name}: {kind} in the dossier"),
        about=actor.description,
        kind=kind,
        kind_label=KIND_LABELS[actor.kind],
        affiliation=here.actor(actor.affiliation) if actor.affiliation else None,
        infobox=infobox(here, actor, profile, facts) if actor.kind == "person" else None,
        aliases=tuple(a for a in actor.aliases if a != actor.name)
        if len(actor.aliases) > 1
        else (),
        roles=actor.roles,
        affiliated=tuple(here.actor(a) for a in facts.affiliated),
        sections=sections(
            ("events", "Events", profile.events),
            ("quotes", "Quotes", profile.quotes),
            ("related-actors", "Related actors", profile.related),
            ("sources", "Sources", profile.sources),
        ),
        mentions=profile.mentions,
        source_total=len(profile.sources),
        event_count=len(profile.events),
        picture=facts.picture,
        events=events,
        latest=latest,
        archive_href=here.url(archive_path(actor.id)),
        quote_total=len(profile.quotes),
        quotes=tuple(quote_row(html, q) for q in profile.quotes[:latest]),
        related=tuple(
            (html.actor(other), kind_words(corpus.actors[other].kind), count)
            for other, count in profile.related[:related]
        ),
        sources=tuple(source_row(html, ref) for ref in profile.sources[:latest]),
    )


def role_in(event: Event, actor_id: str) -> str | None:
    """An actor's role in an event ("participant" if none is said); None if it is only
    the event's place."""
    return next((p.role or "participant" for p in event.participants if p.actor == actor_id), None)


def infobox(here: Here, actor: Actor, profile: ActorProfile, facts: ActorFacts) -> Infobox:
    first = dated_event(here, profile.events[0]) if profile.events else None
    last = profile.events[-1] if profile.events else None
    in_sources = None
    if facts.published:
        count, (start, end) = len(profile.sources), facts.published
        span = start if start == end else f"{start} to {end}"
        in_sources = f"{count} source{'s' if count != 1 else ''}, {span}"
    return Infobox(
        office=actor.roles[0] if actor.roles else None,
        state=here.actor(facts.state) if facts.state else None,
        first_event=first,
        latest_event=dated_event(here, last) if last and last != profile.events[0] else None,
        in_sources=in_sources,
    )


def source_row(here: Here, ref: SourceMention) -> SourceRow:
    source = here.corpus.sources[ref.source]
    return SourceRow(
        here.source(source.id),
        source.outlet,
        published_label(source),
        ref.count,
        here.para(source.id, ref.paragraph),
        ref.context,
    )


# ---- actor archives: an index of years, a page per year, a block per month ----


@dataclass(frozen=True, slots=True)
class YearEntry:
    label: str  # "2019", or "Date unknown"
    href: str


@dataclass(frozen=True)
class ArchiveView:
    """An actor's archive: its years, newest first (no counts: see render.add_archive)."""

    name: str
    description: str
    actor_href: str
    years: tuple[YearEntry, ...]


@dataclass(frozen=True)
class MonthView:
    """A month of an actor's archive: the sources naming it, then its quotations (raw HTML:
    its links are built URLs)."""

    sources: tuple[SourceRow, ...]
    quotes: tuple[QuoteRow, ...]


@dataclass(frozen=True)
class ArchiveMonth:
    """One month of an actor's archive: number (0: date unknown), label, what it holds."""

    number: int
    label: str
    refs: list[SourceMention]
    quotes: list[Quote]


@dataclass(frozen=True)
class ArchiveMonthView:
    """The page of one month of an actor's archive (a year too long for one page)."""

    actor: str
    label: str
    sources: int
    quotes: int
    year_href: str
    actor_href: str
    block: Deferred[str]  # the month's rows and quotations as Markdown


@dataclass(frozen=True)
class ArchiveYearView:
    name: str
    year_label: str
    counted: str | None  # "3 sources, 1 quotation"; None: a page per month, which counts
    archive_href: str
    actor_href: str
    months: tuple[tuple[str, Deferred[str]], ...]  # (label, the month's block as Markdown)


def month_view(here: Here, refs: list[SourceMention], quotes: list[Quote]) -> MonthView:
    return MonthView(
        tuple(source_row(here, ref) for ref in refs), tuple(quote_row(here, q) for q in quotes)
    )
