"""A build with nothing changed does nothing, and anything changed makes it a full build."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path
from types import FrameType

import pytest

from generator import pipeline, unchanged
from generator.errors import CorpusError
from generator.pipeline import Paths, build
from tests.conftest import MINI_CORPUS, CreatedAt, snapshot


@pytest.fixture
def project(tmp_path: Path) -> Paths:
    shutil.copytree(MINI_CORPUS, tmp_path / "corpus")
    (tmp_path / "docs").mkdir()
    build(Paths(tmp_path), with_site=False)
    return Paths(tmp_path)


def _stages_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the stages ran")

    monkeypatch.setattr(pipeline, "_build_stages", refuse)


def test_a_second_build_with_nothing_changed_runs_no_stage(
    project: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = snapshot(project.docs)
    _stages_forbidden(monkeypatch)
    result = build(project, with_site=False)
    assert result.report.written == 0 and result.report.unchanged == result.pages > 0
    assert snapshot(project.docs) == pages


def _rebuilt_as_fresh(project: Paths, tmp_path: Path) -> None:
    build(project, with_site=False)
    fresh = Paths(tmp_path / "fresh")
    shutil.copytree(project.corpus, fresh.corpus)
    fresh.docs.mkdir()
    build(fresh, with_site=False)
    assert snapshot(project.docs) == snapshot(fresh.docs)


def test_an_edit_that_keeps_size_and_time_is_seen(project: Paths, tmp_path: Path) -> None:
    source = project.corpus / "sources" / "beta-2020-02-21-call.md"
    info = source.stat()
    text = source.read_text("utf-8")
    source.write_text(text.replace("about İdlib.", "about Idlib!."), "utf-8")
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))  # the change time still moves
    assert source.stat().st_size == info.st_size
    _rebuilt_as_fresh(project, tmp_path / "other")
    assert "Idlib!" in (project.docs / "sources" / "beta-2020-02-21-call.md").read_text("utf-8")


def test_a_page_edited_by_hand_is_drawn_again(project: Paths) -> None:
    page = project.docs / "sources" / "beta-2020-02-21-call.md"
    drawn = page.read_bytes()
    page.write_bytes(b"edited by hand\n")
    build(project, with_site=False)
    assert page.read_bytes() == drawn


def test_a_file_changed_just_before_the_build_is_compared_by_content(project: Paths) -> None:
    """Stamps within one clock tick of an edit can miss it: such files carry their hash."""
    record = unchanged.last_record(project.cache)
    assert record is not None
    assert record.contents  # the corpus was copied moments before the build
    assert unchanged.unchanged_pages(project.cache, project.corpus, project.docs, None) == (
        record.pages
    )
    name = next(iter(record.contents))
    forged = unchanged.Record(
        record.code,
        record.corpus,
        {**record.contents, name: "0" * 64},  # as if the bytes had changed, stamps not
        record.docs,
        record.site,
        record.epoch,
        record.pages,
    )
    found = unchanged.unchanged_pages(project.cache, project.corpus, project.docs, None, forged)
    assert found is None


def test_a_changed_corpus_is_seen_before_the_site_is_looked_at(project: Paths) -> None:
    """After an `add`, the site's inputs (docs/ stat'ed again, mkdocs.yml, versions) are not
    made at all: the corpus alone says the build must run."""
    (project.corpus / "sources" / "beta-2020-02-21-call.md").write_text("changed\n", "utf-8")

    def site_inputs() -> str:
        raise AssertionError("the site's inputs were made")

    assert (
        unchanged.unchanged_pages(project.cache, project.corpus, project.docs, site_inputs) is None
    )


def test_a_site_folder_gone_is_never_current(project: Paths) -> None:
    record = unchanged.last_record(project.cache)
    assert record is not None
    recorded = unchanged.Record(
        *[getattr(record, f) for f in ("code", "corpus", "contents", "docs")],
        "",
        record.epoch,
        record.pages,
    )
    found = unchanged.unchanged_pages(
        project.cache, project.corpus, project.docs, lambda: "", recorded
    )
    assert found is None


def test_a_corpus_changed_while_the_build_ran_is_not_recorded(project: Paths) -> None:
    before = unchanged.tree_stamps(project.corpus)
    (project.corpus / "sources" / "late.md").write_text("---\nid: late\n---\n", "utf-8")
    outputs = (project.docs, None, 0)
    assert not unchanged.remember(project.cache, project.corpus, before, 0, outputs, 1)
    unchanged.forget(project.cache)
    assert unchanged.last_record(project.cache) is None


def test_a_failed_build_leaves_no_record(project: Paths) -> None:
    (project.corpus / "actors.yml").write_text("- id: [\n", "utf-8")
    with pytest.raises(CorpusError):
        build(project, with_site=False)
    assert unchanged.last_record(project.cache) is None


class _WindowsEntry:
    def __init__(self, entry: os.DirEntry[str], created: dict[str, int]) -> None:
        self._entry = entry
        self._created = created

    def __getattr__(self, attr: str) -> object:
        return getattr(self._entry, attr)

    def stat(self, *, follow_symlinks: bool = True) -> object:
        info = self._entry.stat(follow_symlinks=follow_symlinks)
        return CreatedAt(info, self._created.setdefault(self._entry.path, info.st_ctime_ns))


class _WindowsOs:
    """os as unchanged sees it on Windows (change time: the creation time); else this one."""

    name = "nt"

    def __init__(self) -> None:
        self.created: dict[str, int] = {}

    def __getattr__(self, attr: str) -> object:
        return getattr(os, attr)

    def scandir(self, folder: str) -> list[_WindowsEntry]:
        with os.scandir(folder) as entries:
            return [_WindowsEntry(entry, self.created) for entry in entries]


def test_where_the_change_time_is_the_creation_time_an_edit_that_keeps_the_times_is_seen(
    project: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows st_ctime does not move when a file is written: an editor that keeps the
    modification time (or `touch -d`, `cp -p` onto the file) leaves every stamp as it was."""
    monkeypatch.setattr(unchanged, "RACY_NS", 0)  # every file settled when recorded
    monkeypatch.setattr(unchanged, "os", _WindowsOs())
    monkeypatch.setattr(unchanged, "CHANGE_TIMES", False)  # what Windows has
    unchanged.forget(project.cache)
    build(project, with_site=False)  # recorded with Windows' stamps
    source = project.corpus / "sources" / "beta-2020-02-21-call.md"
    info = source.stat()
    text = source.read_text("utf-8")
    source.write_text(text.replace("about İdlib.", "about Idlib!."), "utf-8")
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert source.stat().st_size == info.st_size
    build(project, with_site=False)
    assert "Idlib!" in (project.docs / "sources" / "beta-2020-02-21-call.md").read_text("utf-8")


def test_a_fifo_in_the_corpus_made_just_before_the_build_is_not_read(project: Paths) -> None:
    """corpus/ is untrusted: a file changed just before the build is compared by content,
    and a FIFO's content would be waited for for ever."""
    os.mkfifo(project.corpus / "notes")

    def stop(number: int, frame: FrameType | None) -> None:
        raise RuntimeError("the build waited on the FIFO")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        build(project, with_site=False)
        result = build(project, with_site=False)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert result.report.written == 0
