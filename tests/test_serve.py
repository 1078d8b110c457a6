"""`python -m generator serve`: the site `build` makes, rebuilt once per change, live reload.

The watcher is tested look by look (no thread, no timing); one test runs a real server on a
mini project: an arrival is built once and the open page told to reload, a broken corpus
leaves the last good site served, and Ctrl-C stops it cleanly.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from generator.cli import _check_address
from generator.site import serving
from generator.site.serving import Watcher, watched
from generator.stages.write import MANIFEST
from tests.conftest import REPO, port_just_closed, run_cli


class _Handler:
    """Stands for the server's handler: counts the changes it is told of."""

    def __init__(self) -> None:
        self.events: list[Any] = []

    def on_any_event(self, event: Any) -> None:
        self.events.append(event)


def _watching(folder: Path, outputs: tuple[Path, ...] = ()) -> tuple[Watcher, _Handler]:
    watcher, handler = Watcher(outputs), _Handler()
    watcher.schedule(handler, str(folder))
    return watcher, handler


def _renamed_in(path: Path, text: str) -> None:
    """Written as `add` and `build` write: a hidden temporary file renamed into place."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, "utf-8")
    os.replace(temporary, path)


def test_an_article_renamed_into_the_corpus_is_one_change_seen_at_the_next_look(
    tmp_path: Path,
) -> None:
    """The folders' times are looked at 20 times a second: an arrival (its source and its
    original, each renamed into place) starts one build, not one per file."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "originals").mkdir()
    watcher, handler = _watching(tmp_path)
    assert watcher.poll(every_file=False) == []
    _renamed_in(tmp_path / "originals" / "wire.txt", "Moscow, 5 March: the talks began.")
    _renamed_in(tmp_path / "sources" / "wire.md", "---\nid: wire\n---\nThe talks began.\n")
    changed = watcher.poll(every_file=False)
    assert changed == [
        str(tmp_path / "originals" / "wire.txt"),
        str(tmp_path / "sources" / "wire.md"),
    ]
    assert len(handler.events) == 1
    assert watcher.poll(every_file=True) == []  # seen once


def test_an_edit_in_place_is_seen_by_the_look_at_every_file(tmp_path: Path) -> None:
    """An editor that writes into the file leaves its folder's time alone: the look at every
    file (once a second) sees it."""
    source = tmp_path / "actors.yml"
    source.write_text("- id: putin\n", "utf-8")
    watcher, handler = _watching(tmp_path)
    with source.open("r+", encoding="utf-8") as file:  # same size, same folder time
        file.write("- id: pútin"[:10])
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    assert watcher.poll(every_file=False) == []
    assert watcher.poll(every_file=True) == [str(source)]
    assert len(handler.events) == 1


def test_hidden_temporary_and_backup_files_are_no_change(tmp_path: Path) -> None:
    watcher, handler = _watching(tmp_path)
    (tmp_path / ".events.yml.swp").write_text("swap", "utf-8")
    (tmp_path / ".wire.md.4f2a.tmp").write_text("half written", "utf-8")
    (tmp_path / "events.yml~").write_text("backup", "utf-8")
    (tmp_path / "#events.yml#").write_text("auto-saved", "utf-8")  # Emacs, every 300 keys
    assert watcher.poll(every_file=True) == []
    assert handler.events == []


def test_what_a_build_writes_starts_no_build_but_an_edit_meanwhile_does(tmp_path: Path) -> None:
    """history.yml is written by every build: taking it for a change would rebuild forever.
    An analyst's edit during the build is built once it is done."""
    history = tmp_path / "history.yml"
    history.write_text("[]\n", "utf-8")
    watcher, _ = _watching(tmp_path, outputs=(history,))
    with watcher.building():
        _renamed_in(history, "- built: 2020-03-06\n")
        _renamed_in(tmp_path / "claims.yml", "[]\n")
        assert watcher.poll(every_file=True) == [str(tmp_path / "claims.yml")]
    assert watcher.poll(every_file=True) == []  # history.yml as the build left it
    _renamed_in(history, "- edited: by hand\n")  # outside a build it is a change
    assert watcher.poll(every_file=True) == [str(history)]


def test_a_change_made_while_the_first_build_runs_is_seen_once_serving(tmp_path: Path) -> None:
    """serve watches from before its first build: an `add` meanwhile is not lost."""
    watcher = Watcher()
    watcher.prime([tmp_path])
    _renamed_in(tmp_path / "arrival.md", "---\nid: arrival\n---\n")
    handler = _Handler()
    watcher.schedule(handler, str(tmp_path))  # the server starts watching
    assert watcher.poll(every_file=False) == [str(tmp_path / "arrival.md")]


def _generated(docs: Path, *pages: str) -> None:
    """Pages written as a build writes them: listed in docs/'s manifest."""
    for page in pages:
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text("# generated\n", "utf-8")
    (docs / MANIFEST).write_text(json.dumps({page: None for page in pages}), "utf-8")


def test_a_hand_written_page_or_folder_new_in_docs_is_watched_from_then_on(
    tmp_path: Path,
) -> None:
    """A page written while serving (and added to nav), or a folder of pictures, is built
    and its later edits are too; the pages a build writes there are not watched."""
    docs = tmp_path / "docs"
    _generated(docs, "index.md", "actors/putin.md")
    (docs / "about.md").write_text("# About\n", "utf-8")
    watcher, handler = Watcher(docs=docs), _Handler()
    watcher.schedule(handler, str(docs / "about.md"))
    assert watcher.poll(every_file=True) == []

    methods = docs / "methods.md"
    _renamed_in(methods, "# Methods\n")
    assert watcher.poll(every_file=False) == [str(methods)]
    methods.write_text("# How this was made\n", "utf-8")
    assert watcher.poll(every_file=True) == [str(methods)]

    (docs / "img").mkdir()  # empty yet: the picture is copied in next
    assert watcher.poll(every_file=False) == []
    (docs / "img" / "map.svg").write_text("<svg/>", "utf-8")
    assert watcher.poll(every_file=True) == [str(docs / "img" / "map.svg")]

    with watcher.building():  # a build's new pages, listed once it is done
        _generated(docs, "index.md", "actors/putin.md", "timeline.md", "phases/2020.md")
    assert watcher.poll(every_file=True) == []
    assert len(handler.events) == 3


def test_a_folder_gone_while_a_new_entry_of_docs_is_looked_at_is_no_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The watcher's thread must not die of a folder removed mid-look (serve would build
    nothing more, silently): what is gone is not there."""
    docs = tmp_path / "docs"
    _generated(docs, "index.md")
    watcher, handler = Watcher(docs=docs), _Handler()
    watcher.schedule(handler, str(docs / "index.md"))
    (docs / "img" / "drafts").mkdir(parents=True)
    (docs / "img" / "map.svg").write_text("<svg/>", "utf-8")
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if str(path).endswith("drafts"):  # removed after its folder was listed
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert watcher.poll(every_file=True) == [str(docs / "img" / "map.svg")]


def test_serve_watches_the_inputs_not_the_generated_pages(mini_project: Path) -> None:
    assert run_cli("build", "--no-site", cwd=mini_project).returncode == 0
    docs = mini_project / "docs"
    paths = watched(mini_project, docs, mini_project / "mkdocs.yml", REPO / "generator" / "theme")
    names = {
        p.relative_to(mini_project).as_posix() for p in paths if p.is_relative_to(mini_project)
    }
    assert names == {
        "corpus",
        "mkdocs.yml",
        "docs/about.md",
        "docs/javascripts",
        "docs/stylesheets",
    }  # the theme of a linked generator/ is outside the project: not watched


def test_serve_may_listen_again_where_a_server_just_stopped() -> None:
    """`serve` stopped with a page open, then started again: its probe of the address must
    not take the old connections' TIME_WAIT for another server (the server itself sets
    SO_REUSEADDR and may listen there)."""
    _check_address(f"127.0.0.1:{port_just_closed()}")


def test_serve_watches_what_mkdocs_yml_says_to_watch_too(mini_project: Path) -> None:
    """mkdocs.yml's `watch:` (the page templates, generator/templates) is watched, as
    `mkdocs serve` watched it: an edited template is built and shown."""
    server = serving.make_server(mini_project, "127.0.0.1:8000", Watcher(), lambda: 0, print)
    try:
        assert str(mini_project / "generator" / "templates") in server._watched_paths
        assert str(mini_project / "corpus") in server._watched_paths
    finally:
        server.server_close()


def test_serve_says_an_ipv6_address_as_a_browser_takes_it(mini_project: Path) -> None:
    server = serving.make_server(mini_project, "[::1]:8123", Watcher(), lambda: 0, print)
    try:
        assert server.url == "http://[::1]:8123/"  # MkDocs said http://::1:8123/
    finally:
        server.server_close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str, timeout: float = 10) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except OSError as exc:
        return getattr(exc, "code", 0) or 0, b""


def _article(folder: Path) -> Path:
    path = folder / "wire-report.txt"
    path.write_text(
        "title: Putin and Erdogan speak by phone about Idlib\noutlet: Example Wire\n"
        "url: https://example.org/wire-report\npublished: 2020-03-07\n\n"
        "Vladimir Putin and Recep Tayyip Erdogan spoke by phone on Saturday about the "
        "ceasefire in Idlib, the Kremlin said.\n",
        "utf-8",
    )
    return path


def _wait_for(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


@pytest.mark.skipif(sys.platform == "win32", reason="stops the server with SIGINT")
def test_serve_builds_an_arrival_once_reloads_the_page_and_keeps_the_last_good_site(
    mini_project: Path, tmp_path: Path
) -> None:
    port = _free_port()
    address = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=mini_project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
    )  # fmt: skip
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(server.stdout or ()), daemon=True).start()
    try:
        _wait_for(lambda: _get(f"{address}/", 1)[0] == 200, 240, f"not serving: {lines}")
        home = _get(f"{address}/")[1].decode()
        epoch = int(re.search(r"livereload\((\d+), \d+\)", home)[1])  # type: ignore[index]
        assert "Serving on" in "".join(lines)

        added = run_cli("add", str(_article(tmp_path)), cwd=mini_project)
        assert added.returncode == 0, added.stderr
        source = re.search(r"added as (\S+)", added.stdout)[1]  # type: ignore[index]
        _, answer = _get(f"{address}/livereload/{epoch}/1", 120)  # the page's reload poll
        assert int(answer) > epoch
        status, page = _get(f"{address}/sources/{source}/")
        built = (mini_project / "site" / "sources" / source / "index.html").read_bytes()
        assert status == 200 and page.startswith(built[: built.rindex(b"</body>")])
        time.sleep(1.5)  # a second build would have begun
        assert "".join(lines).count("Detected file changes") == 1, "".join(lines)

        actors = mini_project / "corpus" / "actors.yml"
        actors.write_text(actors.read_text("utf-8") + "  - id: [broken\n", "utf-8")
        _wait_for(lambda: "last good one" in "".join(lines), 120, f"no failed build: {lines}")
        assert _get(f"{address}/sources/{source}/")[0] == 200
        assert "Traceback" not in "".join(lines)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        code = server.wait(timeout=60)
    assert code == 0 and "interrupted" not in "".join(lines)
    _wait_for(lambda: not _running_in(mini_project), 10, "a build process outlived serve")


def _running_in(folder: Path) -> list[str]:
    """The command lines of the processes that name folder (the warm build process does)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            line = entry.read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if str(folder) in line:
            found.append(line)
    return found


@pytest.mark.skipif(not hasattr(os, "fork"), reason="warm builds fork")
def test_warm_builds_fork_from_one_process_until_the_code_changes(
    mini_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each build is forked from one process that imported everything once; a failed build
    leaves it serving, and an edit of the generator's code starts a new one (the next
    build runs the new code)."""
    from generator.site import warm

    monkeypatch.setenv("PYTHONPATH", str(REPO))
    builds = warm.WarmBuilds(mini_project, "127.0.0.1:8000")
    try:
        assert builds.build() == 0
        first = builds.process
        assert first is not None and (mini_project / "site" / "index.html").is_file()
        assert run_cli("add", str(_article(tmp_path)), cwd=mini_project).returncode == 0
        assert builds.build() == 0 and builds.process is first

        events = mini_project / "corpus" / "events.yml"
        good = events.read_text("utf-8")
        events.write_text(good + "- id: [broken\n", "utf-8")
        assert builds.build() == 1 and builds.process is first  # said why on its stderr
        events.write_text(good, "utf-8")

        monkeypatch.setattr(warm, "code_stamp", lambda: (("edited.py", 1, 1),))
        assert builds.build() == 0 and builds.process is not first
        assert first.poll() == 0  # the old process ended when its input closed
    finally:
        builds.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="warm builds fork")
def test_a_server_stopped_by_a_signal_stops_its_warm_process(
    mini_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.site import warm

    monkeypatch.setenv("PYTHONPATH", str(REPO))
    builds = warm.WarmBuilds(mini_project, "127.0.0.1:8000")
    try:
        assert builds.build() == 0
        process = builds.process
        assert process is not None
        builds.stop()
        assert process.wait(timeout=30) == 0
    finally:
        builds.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="warm builds fork")
def test_a_warm_process_whose_server_died_during_a_build_ends_quietly(mini_project: Path) -> None:
    """serve killed (kill -9, out of memory) while a build runs: the build ends as it would,
    and its exit status has no reader; the terminal shows no traceback for it."""
    read, write = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.site.warm", str(mini_project), str(write)],
        cwd=mini_project, env={**os.environ, "PYTHONPATH": str(REPO)},
        stdin=subprocess.PIPE, stderr=subprocess.PIPE, pass_fds=(write,),
    )  # fmt: skip
    os.close(write)
    os.close(read)  # the server is gone: nobody reads the reply
    _, errors = process.communicate(b"build\n", timeout=240)
    assert "Traceback" not in errors.decode(), errors.decode()
    assert process.returncode == 0 and (mini_project / "site" / "index.html").is_file()
