"""Write stage: only changed pages are written, stale ones removed, hand-written ones kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.write import MANIFEST, write_docs


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
