"""Shared fixtures: the repository, the mini fixture corpus, and throwaway project folders."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MINI_CORPUS = REPO / "tests" / "fixtures" / "mini" / "corpus"
BAD_FIXTURES = REPO / "tests" / "fixtures" / "bad"


def make_project(root: Path, corpus: Path) -> Path:
    """A project folder like the repository's, with the given corpus and no generated pages."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(corpus, root / "corpus")
    (root / "docs").mkdir()
    shutil.copy(REPO / "docs" / "about.md", root / "docs" / "about.md")
    for folder in ("stylesheets", "javascripts"):  # hand-written assets
        shutil.copytree(REPO / "docs" / folder, root / "docs" / folder)
    # mkdocs.yml names its hook by a path relative to itself.
    (root / "generator").symlink_to(REPO / "generator", target_is_directory=True)
    return root


def run_cli(
    *args: str, cwd: Path = REPO, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path, with its bytes."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", MINI_CORPUS)


class CreatedAt:
    """A stat result as Windows gives it: st_ctime is when the file was created, and an edit
    leaves it as it was."""

    def __init__(self, info: os.stat_result, created_ns: int) -> None:
        self._info = info
        self.st_ctime_ns = created_ns

    def __getattr__(self, attr: str) -> object:
        return getattr(self._info, attr)


def port_just_closed() -> int:
    """A port a server stopped listening on a moment ago, with a connection it closed itself
    left waiting out TCP's TIME_WAIT (as after a server stopped with a browser on it): free
    for the next server, which sets SO_REUSEADDR as MkDocs' does."""
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = int(listener.getsockname()[1])
        with socket.create_connection(("127.0.0.1", port)) as browser:
            served, _ = listener.accept()
            served.close()  # the server's side closes first: it is the one left in TIME_WAIT
            browser.recv(1)
    return port
