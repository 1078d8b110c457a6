"""Write stage: only changed pages are written, stale ones removed, hand-written ones kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.pages import Pages
from generator.stages.write import MANIFEST, write_docs


def test_first_write_then_nothing_to_do(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n", "actors/a.md": "# A\n"}
    first = write_docs(pages, tmp_path)
    assert sorted(first.new) == ["actors/a.md", "index.md"]
    mtimes = {p: (tmp_path / p).stat().st_mtime_ns for p in pages}
    second = write_docs(pages, tmp_path)
    assert second.written == 0 and second.unchanged == 2 and not second.removed
    assert {p: (tmp_path / p).stat().st_mtime_ns for p in pages} == mtimes


def test_changed_and_stale_pages(tmp_path: Path) -> None:
    write_docs({"index.md": "# Home\n", "actors/a.md": "# A\n", "actors/b.md": "# B\n"}, tmp_path)
    report = write_docs({"index.md": "# Home v2\n", "actors/a.md": "# A\n"}, tmp_path)
    assert report.changed == ["index.md"]
    assert report.removed == ["actors/b.md"]
    assert not (tmp_path / "actors" / "b.md").exists()
    assert (tmp_path / "index.md").read_text() == "# Home v2\n"


def test_hand_written_pages_are_never_touched(tmp_path: Path) -> None:
    (tmp_path / "about.md").write_text("# Mine\n")
    write_docs({"index.md": "# Home\n"}, tmp_path)
    write_docs({}, tmp_path)  # everything generated is now stale
    assert (tmp_path / "about.md").read_text() == "# Mine\n"
    assert not (tmp_path / "index.md").exists()
    assert (tmp_path / MANIFEST).exists()


def test_a_hand_written_file_in_the_way_is_an_error_not_an_overwrite(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("# My own home page\n")
    with pytest.raises(BuildError, match="hand-written file"):
        write_docs({"index.md": "# Home\n", "timeline.md": "# T\n"}, tmp_path)
    assert (tmp_path / "index.md").read_text() == "# My own home page\n"
    assert not (tmp_path / "timeline.md").exists()


def _keyed(text: str, key: str, drawn: list[str]) -> Pages:
    def draw() -> str:
        drawn.append(key)
        return text

    pages = Pages()
    pages.add("index.md", "# Home\n")
    pages.add_keyed("sources/s.md", key, draw)
    return pages


def test_a_keyed_page_written_from_the_same_key_is_not_drawn_again(tmp_path: Path) -> None:
    drawn: list[str] = []
    write_docs(_keyed("# S\n", "k1", drawn), tmp_path)
    assert drawn == ["k1"]
    report = write_docs(_keyed("# S\n", "k1", drawn), tmp_path)
    assert drawn == ["k1"] and report.written == 0 and report.unchanged == 2


def test_a_keyed_page_is_redrawn_when_its_key_or_its_file_changes(tmp_path: Path) -> None:
    drawn: list[str] = []
    write_docs(_keyed("# S\n", "k1", drawn), tmp_path)
    report = write_docs(_keyed("# S v2\n", "k2", drawn), tmp_path)
    assert drawn == ["k1", "k2"] and report.changed == ["sources/s.md"]
    (tmp_path / "sources" / "s.md").write_text("# edited by hand, then regenerated\n")
    report = write_docs(_keyed("# S v2\n", "k2", drawn), tmp_path)
    assert report.changed == ["sources/s.md"]
    assert (tmp_path / "sources" / "s.md").read_text() == "# S v2\n"
    (tmp_path / "sources" / "s.md").unlink()
    report = write_docs(_keyed("# S v2\n", "k2", drawn), tmp_path)
    assert report.new == ["sources/s.md"]


def test_with_stamps_a_page_touched_since_the_last_write_is_redrawn(tmp_path: Path) -> None:
    drawn: list[str] = []
    stamps: dict[str, int] = {}
    write_docs(_keyed("# S\n", "k1", drawn), tmp_path, stamps)
    assert set(stamps) == {"sources/s.md"}
    # same size, other bytes: a hand edit, or a page an interrupted build left behind
    page = tmp_path / "sources" / "s.md"
    page.write_text("# X\n")
    os.utime(page, ns=(stamps["sources/s.md"] + 10**9, stamps["sources/s.md"] + 10**9))
    report = write_docs(_keyed("# S\n", "k1", drawn), tmp_path, stamps)
    assert drawn == ["k1", "k1"] and report.changed == ["sources/s.md"]
    assert page.read_text() == "# S\n"
    again = write_docs(_keyed("# S\n", "k1", drawn), tmp_path, stamps)
    assert drawn == ["k1", "k1"] and again.written == 0  # and then trusted again


def test_a_damaged_manifest_record_is_no_record(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text('{"index.md": ["abc"], "sources/s.md": ["k1", "x"]}')
    drawn: list[str] = []
    report = write_docs(_keyed("# S\n", "k1", drawn), tmp_path)
    assert drawn == ["k1"] and sorted(report.new) == ["index.md", "sources/s.md"]
