"""Source pages: a source's facts, events, quotations and actors; its linked text and
dates deferred under its link key."""

from __future__ import annotations

from dataclasses import dataclass

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
class SourceText:
    """A source's text, each mention linked once per paragraph, and its dates."""

    sections: Sections
    paragraphs: tuple[tuple[Run, ...], ...]
    dates: tuple[DateRow, ...]


@dataclass(frozen=True)
class SourcePageView:
    title: str
    description: str
    outlet: str
    outlet_md: str
    published: str
    published_known: bool
    language: str
    translated_from: str | None
    url: str | None
    notes: str | None
    actor_count: int
    event_count: int
    events: tuple[DatedLink, ...]
    quotes: tuple[SpeakerQuote, ...]
    actors: tuple[tuple[Link, int], ...]
    text: Deferred[SourceText]


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
    """A source page: its facts, events, quotations and actors; its linked text and dates
    deferred (keyed by the source's link key: its file and the actors)."""
    analysis = here.analysis
    profile = analysis.sources[source.id]
    published = published_label(source)
    first = source.paragraphs[0] if source.paragraphs else ""
    quotes = tuple(
        SpeakerQuote(
            here.actor(q.speaker) if q.speaker else None,
            q.speaker_name,
            q.text,
            here.para(source.id, q.paragraph),
        )
        for q in profile.quotes
    )

    def text() -> SourceText:
        mentions = analysis.linked.source_links(source.id).mentions
        dates = tuple(
            DateRow(d.text, d.display, here.para(source.id, index))
            for index, d in analysis.linked.dates(source.id)
        )
        paragraphs = tuple(
            tuple(Run(s.text, here.url(actor_path(s.actor)) if s.actor else None) for s in runs)
            for runs in paragraph_segments(source, first_per_paragraph(source, mentions))
        )
        contents = sections(
            ("text", "Text", True),
            ("events-in-this-source", "Events", profile.events),
            ("dates-in-this-text", "Dates", dates),
            ("quotes", "Quotes", profile.quotes),
            ("actors", "Actors", profile.actors),
        )
        return SourceText(contents, paragraphs, dates)

    return SourcePageView(
        title=source.title,
        description=here.plain(f"{source.outlet}, {published}: {source.title}. {first}"),
        outlet=source.outlet,
        outlet_md=here.outlet(source.outlet),
        published=published,
        published_known=source.published is not None,
        language=source.language,
        translated_from=source.translated_from,
        url=source.url,
        notes=source.notes,
        actor_count=len(profile.actors),
        event_count=len(profile.events),
        events=tuple(dated_event(here, e) for e in profile.events),
        quotes=quotes,
        actors=tuple((here.actor(a), n) for a, n in profile.actors),
        text=Deferred(analysis.linked.keys[source.id], text),
    )
