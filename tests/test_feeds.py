"""Feeds stage: the Atom feed of sources and the iCalendar file of events."""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from generator.pipeline import check
from generator.stages.analyse import Analysis, analyse
from generator.stages.feeds import FEED_ENTRIES, atom_feed, icalendar
from generator.stages.link import link_sources
from tests.conftest import MINI_CORPUS

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    corpus = check(MINI_CORPUS)
    return analyse(corpus, link_sources(corpus))


def test_atom_feed_is_well_formed_and_lists_the_newest_source_first(analysis: Analysis) -> None:
    feed = ET.fromstring(atom_feed(analysis))
    entries = feed.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert ids == [
        "urn:dossier:source:alpha-2020-03-05-talks",
        "urn:dossier:source:beta-2020-02-21-call",
    ]
    assert (
        feed.findtext(f"{ATOM}updated") == "2020-03-05T12:00:00Z"
    )  # from the corpus, not the clock
    link = entries[0].find(f"{ATOM}link")
    assert link is not None and link.get("href") == "sources/alpha-2020-03-05-talks/"


def test_atom_feed_escapes_titles_and_keeps_only_the_newest(analysis: Analysis) -> None:
    corpus = analysis.corpus
    template = corpus.sources["alpha-2020-03-05-talks"]
    many = {
        f"s{i:03d}": dataclasses.replace(
            template,
            id=f"s{i:03d}",
            title=f"<b>Talks</b> & {i}",
            published=dt.date(2021, 1, 1) + dt.timedelta(days=i),
        )
        for i in range(FEED_ENTRIES + 10)
    }
    bigger = dataclasses.replace(corpus, sources={**corpus.sources, **many})
    feed = ET.fromstring(atom_feed(analyse(bigger, link_sources(bigger))))
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert len(titles) == FEED_ENTRIES
    assert titles[0] == f"<b>Talks</b> & {FEED_ENTRIES + 9}"  # text, parsed back: it was escaped


def test_icalendar_lines_are_crlf_and_folded_at_75_octets(analysis: Analysis) -> None:
    ics = icalendar(analysis, dt.date(2020, 3, 5))
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    lines = ics.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert "DTSTAMP:20200305T120000Z" in lines


def test_icalendar_spans_a_month_when_the_date_is_known_to_the_month(analysis: Analysis) -> None:
    ics = icalendar(analysis, None).replace("\r\n ", "")  # unfold
    jet = ics.split("UID:jet-downing@dossier")[1].split("END:VEVENT")[0]
    assert "DTSTART;VALUE=DATE:20151101" in jet
    assert "DTEND;VALUE=DATE:20151201" in jet
    assert "Date known to the month." in jet
    talks = ics.split("UID:moscow-talks@dossier")[1].split("END:VEVENT")[0]
    assert "DTEND;VALUE=DATE:20200306" in talks and "LOCATION:Moscow" in talks
