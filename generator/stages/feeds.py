"""Feeds beside the site: an Atom feed of sources and an iCalendar file of events.

Both are deterministic: every timestamp comes from the corpus, never from the clock.
"""

from __future__ import annotations

import datetime as dt

from generator.model import Corpus, Event
from generator.stages.analyse import Analysis
from generator.text.calendar import next_month
from generator.urls import site_url, source_path, whats_new_month_path


# xml.sax.saxutils' escape and quoteattr, to the byte: importing it brings urllib.request
# and ssl along, a seventieth of a second of every build's start.
def escape(data: str) -> str:
    return data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(data: str) -> str:
    data = escape(data).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"{}"'.format(data.replace('"', "&quot;"))


ATOM_FILE = "feed.xml"
ICS_FILE = "events.ics"
WHATS_NEW_FILE = "whats-new.xml"
FEED_ENTRIES = 50  # feed readers want what is new, not the whole archive


def _stamp(day: dt.date | None) -> str:
    return f"{(day or dt.date(1970, 1, 1)).isoformat()}T12:00:00Z"


def atom_feed(analysis: Analysis) -> str:
    """The newest sources; links are relative to the feed, which sits at the site root."""
    corpus = analysis.corpus
    sources = sorted(corpus.sources.values(), key=lambda s: s.sort_key, reverse=True)
    sources = sources[:FEED_ENTRIES]
    entries = []
    for source in sources:
        actors = ", ".join(corpus.actors[a].name for a, _ in analysis.sources[source.id].actors)
        summary = f"{source.outlet}, {source.published or 'date unknown'}. Names: {actors}"
        entries.append(
            [
                f"    <title>{escape(source.title)}</title>",
                f"    <id>urn:dossier:source:{source.id}</id>",
                f"    <updated>{_stamp(source.published)}</updated>",
                f'    <link rel="alternate" href={quoteattr(site_url(source_path(source.id)))}/>',
                f"    <author><name>{escape(source.outlet)}</name></author>",
                f"    <summary>{escape(summary)}</summary>",
            ]
        )
    newest = sources[0].published if sources else None
    return _atom(f"{corpus.briefing.title} — sources", "sources", newest, "sources/", entries)


def whats_new_feed(corpus: Corpus) -> str:
    """One entry per day the corpus changed (corpus.history), newest first."""
    history = corpus.history[:FEED_ENTRIES]
    entries = []
    for entry in history:
        summary = entry.summary()
        month = site_url(whats_new_month_path(entry.date.year, entry.date.month))
        entries.append(
            [
                f"    <title>What's new on {entry.date.isoformat()}</title>",
                f"    <id>urn:dossier:whats-new:{entry.date.isoformat()}</id>",
                f"    <updated>{_stamp(entry.date)}</updated>",
                # every entry is on its month's page (What's new shows only the newest)
                f'    <link rel="alternate" href={quoteattr(f"{month}#{entry.anchor}")}/>',
                f"    <summary>{escape(summary[:1].upper() + summary[1:])}.</summary>",
            ]
        )
    newest = history[0].date if history else None
    title = f"{corpus.briefing.title} — what's new"
    return _atom(title, "whats-new", newest, "whats-new/", entries)


def _atom(
    title: str, feed_id: str, updated: dt.date | None, page: str, entries: list[list[str]]
) -> str:
    """An Atom feed around its entries' lines (the one writer of the feed's frame)."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(title)}</title>",
        f"  <id>urn:dossier:{feed_id}</id>",
        f"  <updated>{_stamp(updated)}</updated>",
        f'  <link rel="alternate" href="{page}"/>',
    ]
    for entry in entries:
        lines += ["  <entry>", *entry, "  </entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545: lines longer than 75 octets continue on lines starting with a space."""
    out: list[str] = []
    current = ""
    for char in line:
        if len((current + char).encode("utf-8")) > (75 if not out else 74):
            out.append(current)
            current = ""
        current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def _event_span(event: Event) -> tuple[dt.date, dt.date]:
    """All-day span: the day, the whole month or the whole year, as precise as known."""
    start = event.date.start
    if event.date.precision == "day":
        return start, start + dt.timedelta(days=1)
    if event.date.precision == "month":
        return start, next_month(start)
    return start, start.replace(year=start.year + 1)


def icalendar(analysis: Analysis, epoch: dt.date | None) -> str:
    corpus = analysis.corpus
    stamp = (epoch or dt.date(1970, 1, 1)).strftime("%Y%m%dT120000Z")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//dossier//briefing events//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_ics_text(corpus.briefing.title)}",
    ]
    for event_id in analysis.chronology:
        event = corpus.events[event_id]
        start, end = _event_span(event)
        who = ", ".join(corpus.actors[p.actor].name for p in event.participants)
        precision = event.date.precision
        known = "" if precision == "day" else f" Date known to the {precision}."
        description = f"{event.summary or event.title}{known} Participants: {who}."
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.id}@dossier",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            f"SUMMARY:{_ics_text(event.title)}",
            f"DESCRIPTION:{_ics_text(description)}",
            f"CATEGORIES:{_ics_text(event.kind)}",
        ]
        if event.place:
            lines.append(f"LOCATION:{_ics_text(corpus.actors[event.place].name)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))
