"""generator.stages.early_site: the site build forked ahead of the generator gives the same
site as a build in one process, reports its failures as the build's, and leaves no process
behind whatever happens."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.errors import BuildError, CorpusError
from generator.pipeline import Paths, build
from generator.stages import early_site, publish
from tests.conftest import snapshot
from tests.test_incremental import add_source
from tests.test_site_incremental import _project

pytestmark = [
    pytest.mark.site,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork: builds run in one process"),
]


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _site_builds_forked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The builds that hand their site to a forked child from now on (the parent's pid each)."""
    forked: list[int] = []
    start = early_site.EarlySite.start

    def counted(self: early_site.EarlySite, epoch: int) -> None:
        forked.append(os.getpid())
        start(self, epoch)

    monkeypatch.setattr(early_site.EarlySite, "start", counted)
    return forked


@pytest.fixture
def built_twice(tmp_path: Path) -> Path:
    """A project built twice: the staged docs/ exist, so the next build forks."""
    root = _project(tmp_path)
    build(Paths(root))
    build(Paths(root))
    return root


def test_an_arrival_built_in_the_child_is_the_one_process_build(
    built_twice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forked = _site_builds_forked(monkeypatch)
    alone = tmp_path / "alone"
    shutil.copytree(built_twice, alone, symlinks=True)
    add_source(built_twice / "corpus")
    build(Paths(built_twice))
    assert forked, "the arrival was built in a forked child"

    monkeypatch.setattr(early_site, "can_fork", lambda plan: False)
    add_source(alone / "corpus")
    build(Paths(alone))
    assert snapshot(built_twice / "site") == snapshot(alone / "site")
    assert snapshot(built_twice / "docs") == snapshot(alone / "docs")
    assert _no_children_left()


@pytest.mark.parametrize("forked", [True, False], ids=["forked", "one-process"])
def test_a_warning_in_the_site_build_fails_it_and_keeps_site_docs_and_history(
    built_twice: Path, monkeypatch: pytest.MonkeyPatch, forked: bool
) -> None:
    """Nothing of a failed build is kept: not the pages, not the site, and not the entry
    history.yml would have recorded (it was written before MkDocs ran, so the next good build
    found nothing new)."""
    if not forked:
        monkeypatch.setattr(early_site, "can_fork", lambda plan: False)
    site, docs = snapshot(built_twice / "site"), snapshot(built_twice / "docs")
    history = (built_twice / "corpus" / "history.yml").read_bytes()
    (built_twice / "docs" / "notes.md").write_text("# Notes\n\nSee [this](missing.md).\n")
    add_source(built_twice / "corpus")
    with pytest.raises(BuildError, match=r"missing\.md"):
        build(Paths(built_twice))
    assert snapshot(built_twice / "site") == site
    docs["notes.md"] = (built_twice / "docs" / "notes.md").read_bytes()
    assert snapshot(built_twice / "docs") == docs  # the generated pages were not written
    assert (built_twice / "corpus" / "history.yml").read_bytes() == history
    assert _no_children_left()
    (built_twice / "docs" / "notes.md").unlink()
    build(Paths(built_twice))
    assert b"arrival" in (built_twice / "corpus" / "history.yml").read_bytes()


def test_an_unexpected_error_in_the_child_reaches_the_parent(
    built_twice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(config: object, site_dir: Path) -> None:
        raise ValueError("a bug in the site build")

    monkeypatch.setattr(publish, "run_build", broken)  # the child is a copy of this process
    add_source(built_twice / "corpus")
    with pytest.raises(RuntimeError, match="ValueError: a bug in the site build"):
        build(Paths(built_twice))
    assert _no_children_left()


def test_a_child_killed_before_its_order_is_said_as_such(
    built_twice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site build's child is gone (killed, out of memory) when the pages are staged:
    the build says how it ended, not 'Broken pipe'."""
    import signal

    start = early_site.EarlySite.start

    def killed_first(self: early_site.EarlySite, epoch: int) -> None:
        assert self.pid is not None
        os.kill(self.pid, signal.SIGKILL)
        os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOWAIT)  # dead, not yet reaped
        start(self, epoch)

    monkeypatch.setattr(early_site.EarlySite, "start", killed_first)
    add_source(built_twice / "corpus")
    with pytest.raises(BuildError, match=r"stopped unexpectedly \(exit status -9\)"):
        build(Paths(built_twice))
    assert _no_children_left()


def test_a_corpus_error_stops_the_child_it_started(built_twice: Path) -> None:
    actors = built_twice / "corpus" / "actors.yml"
    actors.write_text(actors.read_text("utf-8") + "\n- id: [broken\n", "utf-8")
    with pytest.raises(CorpusError):
        build(Paths(built_twice))
    assert _no_children_left()


def test_the_child_writes_its_record_after_reporting_and_the_next_build_uses_it(
    built_twice: Path,
) -> None:
    """The plugin's record is written by the child once the parent has its result; the
    build still waits for it, so the next arrival reuses the pages this one drew."""
    from tests.test_incremental import edit_source_text
    from tests.test_site_incremental import _inodes

    add_source(built_twice / "corpus")
    build(Paths(built_twice))
    before = _inodes(built_twice / "site")
    edit_source_text(built_twice / "corpus")
    build(Paths(built_twice))
    after = _inodes(built_twice / "site")
    kept = [page for page, inode in after.items() if before.get(page) == inode]
    assert len(kept) > len(after) / 2, "the last record was not there: every page redrawn"
    # drawn by the build before, so known only to the record that build's child wrote
    assert "sources/arrival/index.html" in kept
    assert _no_children_left()


def test_a_build_that_changes_no_page_stops_the_child_and_keeps_the_site(
    built_twice: Path, tmp_path: Path
) -> None:
    """A corpus file touched but not changed: the generator finds the site built from these
    very inputs, the forked build is stopped, and site/ is the very same files. The spare
    folder it left half-pruned does not show in the next build."""
    from tests.test_site_incremental import _fresh_site, _inodes

    before = _inodes(built_twice / "site")
    actors = built_twice / "corpus" / "actors.yml"
    actors.write_bytes(actors.read_bytes())  # a new time, the same bytes
    result = build(Paths(built_twice))
    assert result.site_current
    assert _inodes(built_twice / "site") == before
    assert _no_children_left()
    add_source(built_twice / "corpus")
    build(Paths(built_twice))
    assert snapshot(built_twice / "site") == _fresh_site(built_twice, tmp_path)


def test_a_first_build_leaves_the_scan_for_new_names_ready_for_the_next_arrival(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first build skips the scan for new names (too many new sources) and forks MkDocs
    too; while MkDocs builds, it draws the corpus vocabulary the scan reads, which the first
    arrival drew on its critical path before (1 s at 1,000 sources)."""
    from generator import pipeline
    from generator.stages import link

    root = _project(tmp_path)
    monkeypatch.setattr(pipeline, "SCANNED_NEW_SOURCES", 1)  # a first build of many sources
    forked = _site_builds_forked(monkeypatch)
    build(Paths(root))
    assert forked, "the first build forked its site build"
    assert not build(Paths(root)).candidates  # nothing new: nothing scanned
    words: list[tuple[str, ...]] = []
    real = link.lowercase_words

    def drawn(paragraphs: tuple[str, ...]) -> frozenset[str]:
        words.append(paragraphs)
        return real(paragraphs)

    monkeypatch.setattr(link, "lowercase_words", drawn)
    add_source(root / "corpus")
    result = build(Paths(root))
    assert result.candidates is not None  # the arrival was scanned
    assert len(words) == 1  # the arrival's words only
    assert _no_children_left()


def test_the_child_makes_the_docs_files_ahead_and_the_build_makes_only_new_ones(
    built_twice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs makes a File for every page on every build (a quarter of a second at 6,700
    pages); the child makes them while the generator works, and the build only those of
    pages staged since (the site is the one-process build's: the test above)."""
    from mkdocs.structure.files import File

    log = tmp_path / "made.log"  # written by the forked child
    made = File.__init__

    def logged(self: File, path: str, src_dir: str | None, *rest: object, **more: object) -> None:
        if src_dir is not None and Path(src_dir).parts[-2:] == ("stage", "docs"):
            with log.open("a", encoding="utf-8") as handle:
                handle.write(os.path.normpath(path) + "\n")
        made(self, path, src_dir, *rest, **more)  # type: ignore[arg-type]

    run_build = publish.run_build

    def marked(config: object, site_dir: Path) -> None:
        with log.open("a", encoding="utf-8") as handle:
            handle.write("BUILD\n")
        run_build(config, site_dir)

    monkeypatch.setattr(File, "__init__", logged)
    monkeypatch.setattr(publish, "run_build", marked)
    add_source(built_twice / "corpus")
    build(Paths(built_twice))
    ahead, built, during = log.read_text(encoding="utf-8").partition("BUILD\n")
    assert built and len(ahead.splitlines()) > 30  # every page of the site, ahead
    assert "index.md" in ahead.splitlines()
    assert not set(during.splitlines()) & set(ahead.splitlines())
