"""Feeds and publishing: Atom feed of sources, iCalendar of events, the Pages workflow."""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from generator.pipeline import generate
from generator.stages.publish import link_tree
from tests.conftest import MINI_CORPUS, REPO

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return generate(MINI_CORPUS)[1]


def test_atom_feed_lists_sources_newest_first(pages: dict[str, str]) -> None:
    feed = ET.fromstring(pages["feed.xml"].encode("utf-8"))
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2020-03-05T12:00:00Z",
        "2020-02-21T12:00:00Z",
    ]
    link = entries[0].find(f"{ATOM}link")
    assert link is not None and link.get("href") == "sources/alpha-2020-03-05-talks/"
    assert feed.findtext(f"{ATOM}updated") == "2020-03-05T12:00:00Z"


def test_icalendar_has_an_all_day_event_per_event_spanning_its_precision(
    pages: dict[str, str],
) -> None:
    ics = pages["events.ics"]
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    lines = ics.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded = ics.replace("\r\n ", "")
    assert unfolded.count("BEGIN:VEVENT") == 2
    # November 2015, known to the month: the whole month
    assert "DTSTART;VALUE=DATE:20151101\r\nDTEND;VALUE=DATE:20151201" in unfolded
    assert "DTSTART;VALUE=DATE:20200305\r\nDTEND;VALUE=DATE:20200306" in unfolded
    assert "LOCATION:Moscow" in unfolded


def test_home_page_links_the_feeds(pages: dict[str, str]) -> None:
    assert "(feed.xml)" in pages["index.md"] and "(events.ics)" in pages["index.md"]


def test_pages_workflow_uses_the_official_actions_and_the_readme_command() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text())
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    used = {s["uses"].split("@")[0] for s in steps if "uses" in s}
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= used
    assert any(s.get("run") == "python3 dev.py build" for s in steps)
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_printable_page_holds_the_whole_dossier_with_internal_links(
    pages: dict[str, str],
) -> None:
    page = pages["print.md"]
    for anchor in ("{ #event-moscow-talks }", "{ #actor-putin }"):
        assert anchor in page
    # the sources are listed on a printable page per year (an arrival redraws one year)
    assert '<strong id="source-beta-2020-02-21-call">' in pages["print/2020.md"]
    assert "](print/2020.md#source-" in page and "[2020](print/2020.md)." in page
    assert "](../print.md)" in pages["print/2020.md"]
    assert "*The 2 sources of [the printable dossier]" in pages["print/2020.md"]
    assert "](#event-jet-downing)" in page and "](#actor-erdogan)" in page
    assert "Relations have been tense since Turkey downed a Russian jet" in page
    assert " mentions)" not in page  # no count an arrival changes: those are on the indexes


def test_a_long_year_of_sources_prints_by_month(monkeypatch: pytest.MonkeyPatch) -> None:
    """A year of more sources than a printable page holds has a page per month (an arrival
    redraws a month's list), and the evidence links of the print page follow."""
    monkeypatch.setattr("generator.stages.views.listings.PRINT_PAGE_ROWS", 1)
    pages = generate(MINI_CORPUS)[1]
    assert "print/2020.md" not in pages
    february, march = pages["print/2020-02.md"], pages["print/2020-03.md"]
    assert '<strong id="source-beta-2020-02-21-call">' in february
    assert "source-beta-2020-02-21-call" not in march and "published in March 2020" in march
    page = pages["print.md"]
    assert "[February 2020](print/2020-02.md) · [March 2020](print/2020-03.md)." in page
    assert "](print/2020-03.md#source-alpha-2020-03-05-talks)" in page


def _tree(top: Path) -> list[tuple[str, int]]:
    return sorted(
        (p.relative_to(top).as_posix(), p.stat().st_ino if p.is_file() else 0)
        for p in top.rglob("*")
    )


def test_link_tree_brings_a_stale_copy_to_the_same_files(tmp_path: Path) -> None:
    """The staged docs and the spare site are kept between builds and brought up to date
    by relinking only what differs: the result is the same files (inodes) as the source."""
    source, copy = tmp_path / "source", tmp_path / "copy"
    (source / "a" / "b").mkdir(parents=True)
    (source / "page.md").write_text("1")
    (source / "a" / "kept.md").write_text("2")
    (source / "a" / "b" / "deep.md").write_text("3")
    link_tree(source, copy)
    assert _tree(copy) == _tree(source)
    kept = (copy / "a" / "kept.md").stat().st_ino
    (copy / "extra.md").write_text("left by a failed build")
    (copy / "a" / "gone").mkdir()
    (copy / "a" / "gone" / "x.md").write_text("x")
    os.replace(source / "page.md", tmp_path / "old.md")
    (source / "page.md").write_text("new")  # a new file (inode) under the same name
    shutil.rmtree(source / "a" / "b")
    (source / "a" / "b").write_text("a file where a folder was")
    (source / "new").mkdir()
    (source / "new" / "n.md").write_text("n")
    link_tree(source, copy)
    assert _tree(copy) == _tree(source)
    assert (copy / "a" / "kept.md").stat().st_ino == kept


def test_the_versions_that_key_the_site_are_those_pip_installed() -> None:
    """Read off the .dist-info folder names (a twentieth of a second faster than
    importlib.metadata per build): a new release of any of them must redraw every page."""
    from importlib import metadata

    from generator.site.keys import VERSIONED, versions

    assert versions() == [(name, metadata.version(name)) for name in VERSIONED]
