"""A build that cannot write (a read-only or foreign docs/ or site/, a full disk) stops with
one line naming the folder and the fix, exit status 1, and the last good docs/ and site/
byte for byte as they were. The tests run as root, which chmod does not stop: the failure is
made at the moment the build writes, through the functions it writes with."""

from __future__ import annotations

import builtins
import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import cli
from generator.safe_io import stage, stage_link
from tests.conftest import MINI_CORPUS, REPO, make_project, snapshot

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("built") / "project", MINI_CORPUS)
    assert cli.main(["--root", str(root), "build"]) == 0
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built project whose corpus changed since, so that a build writes."""
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    briefing = root / "corpus" / "briefing.yml"
    text = briefing.read_text()
    briefing.write_text(text.replace("title:", "title: Changed", 1))
    monkeypatch.chdir(root)  # the message names folders as the user types them
    return root


def _fail(error: int, path: str) -> OSError:
    return OSError(error, os.strerror(error), path)


def _docs_rename_refused(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.replace

    def replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        if Path(target).parent.resolve() == (root / "docs").resolve():
            raise _fail(errno.EACCES, str(target))
        real(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def _docs_disk_full(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new file in docs/ refused, written or linked from the staged copy."""

    def refused(target: Path) -> None:
        if target.resolve().is_relative_to((root / "docs").resolve()):
            raise _fail(errno.ENOSPC, str(target))

    def failing(target: Path, data: bytes) -> Path:
        refused(target)
        return stage(target, data)

    def failing_link(target: Path, source: Path) -> Path:
        refused(target)
        return stage_link(target, source)

    monkeypatch.setattr("generator.stages.write.stage", failing)
    monkeypatch.setattr("generator.stages.write.stage_link", failing_link)


def _site_disk_full(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.open
    spare = (root / ".site.spare").resolve()

    def opening(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        writing = any(m in mode for m in "wax")
        if writing and isinstance(file, (str, Path)) and Path(file).resolve().is_relative_to(spare):
            raise _fail(errno.ENOSPC, str(file))
        return real(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", opening)


KEPT = "the last good docs/ and site/ are left as they were"
READ_ONLY = "Permission denied (make it writable: chmod -R u+w docs, or build as its owner"
FULL = "No space left on device (free some disk space: a build needs room for a second copy"
# how the line starts (the folder, then the file that failed) and how its hint starts
CASES: dict[str, tuple[Callable[[Path, pytest.MonkeyPatch], None], str, str]] = {
    "docs-read-only": (_docs_rename_refused, "docs/: cannot write docs/", READ_ONLY),
    "docs-disk-full": (_docs_disk_full, "docs/: cannot write docs/", FULL),
    "site-disk-full": (_site_disk_full, ".site.spare/: cannot write .site.spare/", FULL),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_build_that_cannot_write_says_where_and_keeps_the_last_site(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    spoil, head, hint = CASES[case]
    before = snapshot(project / "docs"), snapshot(project / "site")
    spoil(project, monkeypatch)
    status = cli.main(["--root", str(project), "build"])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1, err  # one line
    assert err.startswith(f"dossier: error: {head}"), err
    assert f": {hint}" in err, err
    assert err.rstrip().endswith(f"; {KEPT})"), err
    assert (snapshot(project / "docs"), snapshot(project / "site")) == before
    # nothing stays broken: the same build, once it can write, goes through
    assert cli.main(["--root", str(project), "build"]) == 0
    assert "Changed" in (project / "docs" / "index.md").read_text()


def test_a_slip_in_mkdocs_yml_is_one_line_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project / "mkdocs.yml"
    lines = config.read_text().splitlines()
    config.write_text("\n".join([*lines[:3], "  bad: [unclosed: value", *lines[3:]]) + "\n")
    before = snapshot(project / "docs"), snapshot(project / "site")
    assert cli.main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err  # PyYAML's report took four
    assert err.startswith("dossier: error: mkdocs.yml:4: YAML syntax error: "), err
    assert err.endswith("(check indentation, and quote text containing ': ' or '#')\n")
    assert (snapshot(project / "docs"), snapshot(project / "site")) == before


@pytest.mark.parametrize("where", ["docs", "docs/sources"])
def test_a_file_where_a_folder_must_be_is_named(
    project: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    blocking = project / where
    shutil.rmtree(blocking)
    blocking.write_text("a note kept here\n")
    before = snapshot(project / "docs"), snapshot(project / "site")
    assert cli.main(["--root", str(project), "build", "--no-site"]) == 1
    err = capsys.readouterr().err
    assert (
        err
        == f"dossier: error: {where}: a file where dossier needs a folder (move it away; {KEPT})\n"
    )
    assert (snapshot(project / "docs"), snapshot(project / "site")) == before
    assert blocking.read_text() == "a note kept here\n"


def test_a_docs_folder_deleted_whole_is_named_with_what_to_restore(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/ holds hand-written files besides the generated pages: deleted to start afresh, the
    build said 'cannot write .dossier-cache/stage/docs' (or, with docs/ but no stylesheets,
    built an unstyled site and said nothing)."""
    shutil.rmtree(project / "docs")
    before = snapshot(project / "site")
    assert cli.main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "docs/stylesheets/dossier.css, docs/stylesheets/pictures.css, docs/javascripts" in err
    assert "restore them (git checkout -- docs/stylesheets/dossier.css" in err, err
    assert not (project / "docs").exists()  # nothing half-written
    assert snapshot(project / "site") == before
    for folder in ("stylesheets", "javascripts"):
        shutil.copytree(REPO / "docs" / folder, project / "docs" / folder)
    shutil.copy(REPO / "docs" / "about.md", project / "docs" / "about.md")
    assert cli.main(["--root", str(project), "build"]) == 0
    assert (project / "site" / "stylesheets" / "dossier.css").exists()
