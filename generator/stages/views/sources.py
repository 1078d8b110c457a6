"""Source pages: a source's facts, events, quotations and actors; its linked text and
dates deferred under its link key."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from generator.model import Mention, Source
from generator.stages.analyse import first_per_paragraph
from generator.stages.views.base import (
    DatedLink,
    Deferred,
    Here,
    Link,
    Sections,
    dated_event,
    published_label,
    sections,
)
from generator.urls import actor_path


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of paragraph text, linked to an actor or not."""

    text: str
    actor: str | None = None


@dataclass(frozen=True, slots=True)
class Run:
    """A run of paragraph text as a page prints it: linked (href) or not."""

    text: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class DateRow:
    text: str
    means: str
    where: Link


@dataclass(frozen=True, slots=True)
class SpeakerQuote:
    """A quotation on its source's page: who said it (a link, a name not in the dossier, or
    neither) and its paragraph."""

    speaker: Link | None
    speaker_name: str | None
    text: str
    where: Link


@dataclass(frozen=True)
class SourceBody:
    """All of a source page that comes from the source's file and the actors (what its link
    key hashes): its facts, its text with each mention linked once per paragraph, its dates,
    quotations and actors."""

    title: str
    outlet: str
    outlet_md: str
    published: str
    published_known: bool
    language: str
    translated_from: str | None
    url: str | None
    notes: str | None
    actor_count: int
    sections: Sections
    paragraphs: tuple[tuple[Run, ...], ...]  # built URLs (raw HTML)
    dates: tuple[DateRow, ...]
    quotes: tuple[SpeakerQuote, ...]
    actors: tuple[tuple[Link, int], ...]


@dataclass(frozen=True)
class SourcePageView:
    """A source page: the events it attests (from the curated events, not its file), its
    meta description, and its body, deferred under the source's link key. So a thousand
    source pages cost a thousand small views per build, not a thousand texts."""

    description: str  # resolves briefing references, which may name events and claims
    events: tuple[DatedLink, ...]
    body: Deferred[SourceBody]


def paragraph_segments(source: Source, links: list[list[Mention]]) -> list[list[Segment]]:
    result = []
    for text, mentions in zip(source.paragraphs, links, strict=True):
        segments: list[Segment] = []
        position = 0
        for m in mentions:
            if m.start > position:
                segments.append(Segment(text[position : m.start]))
            segments.append(Segment(text[m.start : m.end], m.actor))
            position = m.end
        if position < len(text):
            segments.append(Segment(text[position:]))
        result.append(segments)
    return result


def source_view(here: Here, source: Source) -> SourcePageView:
    analysis = here.analysis
    events = tuple(dated_event(here, e) for e in analysis.sources[source.id].events)
    first = source.paragraphs[0] if source.paragraphs else ""
    described = f"{source.outlet}, {published_label(source)}: {source.title}. {first}"
    return SourcePageView(
        description=here.plain(described),
        events=events,
        body=Deferred(
            # the text's links are built URLs (raw HTML), which follow MkDocs' setting
            f"{analysis.linked.keys[source.id]}:{'dir' if here.directory_urls else 'html'}",
            partial(source_body, here, source, bool(events)),
        ),
    )


def source_body(here: Here, source: Source, with_events: bool) -> SourceBody:
    """Reads only the source, its links and the actors (all under its link key) and, from
    the view, whether it attests events."""
    analysis = here.analysis
    profile = analysis.sources[source.id]  # its actors and quotes: from its links
    mentions = analysis.linked.source_links(source.id).mentions
    html = here.html  # the text is printed as raw HTML: built URLs
    dates = tuple(
        DateRow(d.text, d.display, here.para(source.id, index))
        for index, d in analysis.linked.dates(source.id)
    )
    paragraphs = tuple(
        tuple(Run(s.text, html.url(actor_path(s.actor)) if s.actor else None) for s in runs)
        for runs in paragraph_segments(source, first_per_paragraph(source, mentions))
    )
    quotes = tuple(
        SpeakerQuote(
            here.actor(q.speaker) if q.speaker else None,
            q.speaker_name,
            q.text,
            here.para(source.id, q.paragraph),
        )
        for q in profile.quotes
    )
    return SourceBody(
        title=source.title,
        outlet=source.outlet,
        outlet_md=here.outlet(source.outlet),
        published=published_label(source),
        published_known=source.published is not None,
        language=source.language,
        translated_from=source.translated_from,
        url=source.url,
        notes=source.notes,
        actor_count=len(profile.actors),
        sections=sections(
            ("text", "Text", True),
            ("events-in-this-source", "Events", with_events),
            ("dates-in-this-text", "Dates", dates),
            ("quotes", "Quotes", profile.quotes),
            ("actors", "Actors", profile.actors),
        ),
        paragraphs=paragraphs,
        dates=dates,
        quotes=quotes,
        actors=tuple((here.actor(a), n) for a, n in profile.actors),
    )
