"""`python -m generator serve`: the site `build` makes, served with live reload.

Each change to what the site is made of (corpus/, mkdocs.yml, the hand-written files of docs/,
the theme's overrides, what mkdocs.yml's `watch:` names) runs the `build` command in a process
of its own, forked from one that has imported everything already (generator.site.warm): the
command the analyst runs, so a change is served as fast as `build` makes it or faster (its
caches, its forked site build and the incremental plugin included), each page served is byte
for byte the page `build` publishes, and a change to the generator's code is picked up by the
next build. MkDocs' LiveReloadServer serves site/ and tells the open pages to reload once a
build has finished; a build that fails leaves the last good site served.

The watching is dossier's own (Watcher). MkDocs' polling observer walks every watched tree twice
a second, and with the atomic writes of `add` and `build` (temporary files renamed into place)
it missed changes in a trial; here the folders' times are looked at 20 times a second, which
sees an arrival within 50 ms (a file renamed in changes its folder's time), every file once a
second, which sees an edit in place, and hidden and temporary files are not changes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from generator.site.keys import SERVED_AT

# A file's stamp: its size and modification time. Not its change time nor its inode: each
# build stages docs/ anew as hard links to the same files, which changes those of the
# hand-written ones (a build would start the next). A folder's: the same of the folder.
Stamp = tuple[int, int]

FOLDER_EVERY = 0.05  # seconds between looks at the watched folders' times
FILES_EVERY = 1.0  # seconds between looks at every watched file
SETTLE = 0.02  # seconds from a change seen to a second look (`add` writes two files)


def ignored(name: str) -> bool:
    """Hidden files (.git, `.name.tmp` of an atomic write in progress, an editor's `.swp`),
    backups (`name~`) and Emacs' auto-saves (`#name#`, written every 300 keystrokes while a
    file is edited) are no change to the site."""
    return name.startswith(".") or name.endswith("~") or name[:1] == name[-1:] == "#"


def _stamp(status: os.stat_result) -> Stamp:
    return (status.st_size, status.st_mtime_ns)


def scan(paths: Iterable[Path]) -> tuple[dict[str, Stamp], dict[str, Stamp]]:
    """(files, folders): the stamp of every file watched and of every folder holding them.
    A file gone between listing and stat is not there (an atomic write's temporary file)."""
    files: dict[str, Stamp] = {}
    folders: dict[str, Stamp] = {}
    pending = []
    for path in paths:
        with contextlib.suppress(OSError):
            status = path.stat()
            if stat.S_ISDIR(status.st_mode):
                folders[str(path)] = _stamp(status)
                pending.append(str(path))
            else:
                files[str(path)] = _stamp(status)
    while pending:
        folder = pending.pop()
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                if ignored(entry.name):
                    continue
                with contextlib.suppress(OSError):
                    if entry.is_dir(follow_symlinks=False):
                        folders[entry.path] = _stamp(entry.stat(follow_symlinks=False))
                        pending.append(entry.path)
                    else:
                        files[entry.path] = _stamp(entry.stat())
    return files, folders


def _folder_stamps(folders: Iterable[str]) -> dict[str, Stamp]:
    stamps = {}
    for folder in folders:
        with contextlib.suppress(OSError):
            stamps[folder] = _stamp(os.stat(folder))
    return stamps


class Watcher:
    """What MkDocs' LiveReloadServer watches with (it calls schedule, unschedule, start, stop
    and join, as on a watchdog observer): tells each handler when a watched file is added,
    changed or removed. Files the build itself writes (`outputs`, history.yml) are no change
    while a build runs (see `building`), or a build would start the next one. A hand-written
    page or folder new in `docs` is watched from then on (see `_discover`)."""

    def __init__(self, outputs: Iterable[Path] = (), docs: Path | None = None) -> None:
        self.outputs = {str(path) for path in outputs}
        self.docs = docs
        self.entries = _entries(docs)  # docs/'s names at the last look: a new one is looked at
        self.paths: list[str] = []  # the files and folders watched
        self.handlers: dict[str, Any] = {}
        self.lock = threading.Lock()
        self.files: dict[str, Stamp] = {}
        self.folders: dict[str, Stamp] = {}
        self.builds = 0  # builds running (see building)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="dossier-watcher", daemon=True)

    def prime(self, paths: Iterable[Path]) -> None:
        """Watch these too, from what they hold now: a change made after this call (during
        the first build, say) is seen by the first look once started."""
        with self.lock:
            new = [os.path.abspath(p) for p in paths if os.path.abspath(p) not in self.paths]
            files, folders = scan(Path(path) for path in new)
            self.paths.extend(new)
            self.files.update(files)
            self.folders.update(folders)

    # -- the observer's interface, as LiveReloadServer uses it ------------------------------

    def schedule(self, handler: Any, path: str, recursive: bool = True) -> str:
        self.prime([Path(path)])  # what is there now is no change, unless primed before
        with self.lock:
            self.handlers[path] = handler
        return path

    def unschedule(self, watch: str) -> None:
        with self.lock:
            self.handlers.pop(watch, None)
            self.paths = [path for path in self.paths if path != watch]

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()

    def join(self, timeout: float | None = None) -> None:
        if self.thread.is_alive():
            self.thread.join(timeout)

    # -- watching ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def building(self) -> Iterator[None]:
        """While a build runs and once it has ended, what it wrote is taken as it is."""
        with self.lock:
            self.builds += 1
        try:
            yield
        finally:
            with self.lock:
                self.builds -= 1
                now, _ = scan(Path(path) for path in self.outputs if self._watches(path))
                for path in self.outputs:
                    self.files.pop(path, None)
                self.files.update(now)

    def _watches(self, path: str) -> bool:
        return any(path == root or path.startswith(root + os.sep) for root in self.paths)

    def _discover(self) -> None:
        """Watch the hand-written entries new in docs/ (lock held): a page the analyst writes
        while serving, a folder of pictures. Not while a build runs: the pages it writes
        there are known as its own once its manifest lists them."""
        if self.docs is None or self.builds:
            return
        entries = _entries(self.docs)
        new = entries - self.entries
        self.entries = entries
        if not new:  # the usual look: no manifest to read
            return
        for entry in hand_written(self.docs, new):
            if str(entry) not in self.paths:
                self.paths.append(str(entry))  # its files, unknown so far, are a change

    def _look(self) -> list[str]:
        """The watched files changed since the last look (lock held)."""
        self._discover()
        files, folders = scan(Path(path) for path in self.paths)
        if self.docs is not None:  # a new entry there changes its time
            folders.update(_folder_stamps([str(self.docs)]))
        changed = sorted(
            path
            for path in files.keys() | self.files.keys()
            if files.get(path) != self.files.get(path)
            and not (self.builds and path in self.outputs)
        )
        if self.builds:  # an output's new stamp waits for the build's end (see building)
            files.update({p: s for p, s in self.files.items() if p in self.outputs})
            for path in self.outputs - self.files.keys():
                files.pop(path, None)
        self.files, self.folders = files, folders
        return changed

    def poll(self, every_file: bool) -> list[str]:
        """One look: at every file, or at the folders only (and every file if one changed)."""
        with self.lock:
            if not every_file and _folder_stamps(self.folders) == self.folders:
                return []
            changed = self._look()
        if changed:  # files written one after the other are one change, not two builds
            time.sleep(SETTLE)
            with self.lock:
                changed = sorted({*changed, *self._look()})
        with self.lock:
            handlers = list(self.handlers.values())
        if changed:
            from watchdog.events import FileModifiedEvent

            for handler in handlers:
                handler.on_any_event(FileModifiedEvent(changed[0]))
        return changed

    def _run(self) -> None:
        last_full = time.monotonic()
        while not self.stopped.wait(FOLDER_EVERY):
            every_file = time.monotonic() - last_full >= FILES_EVERY
            if every_file:
                last_full = time.monotonic()
            self.poll(every_file)


def _entries(folder: Path | None) -> set[str]:
    if folder is None:
        return set()
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


def _files(entry: Path) -> list[Path]:
    """The files of entry (itself if a file). os.walk, not rglob: a folder removed meanwhile
    is not there, where rglob raised and stopped the watcher's thread (no build after)."""
    if not entry.is_dir():
        return [entry] if entry.exists() else []
    return [Path(folder, name) for folder, _, names in os.walk(entry) for name in names]


def hand_written(docs: Path, names: Iterable[str]) -> list[Path]:
    """The entries of docs/ among names that hold a hand-written file, or no file yet where
    dossier writes none (a folder a picture is about to be copied to): the pages dossier
    writes there are its output, not its input."""
    from generator.stages.write import read_manifest

    generated = set(read_manifest(docs))
    tops = {path.split("/", 1)[0] for path in generated}
    found = []
    for name in sorted(names):
        entry = docs / name
        if ignored(name):
            continue
        relative = {p.relative_to(docs).as_posix() for p in _files(entry)}
        if not relative <= generated or not (relative or name in tops):
            found.append(entry)
    return found


def watched(root: Path, docs: Path, config_file: Path, theme: Path | None) -> list[Path]:
    """What the site is made of: corpus/, mkdocs.yml, the theme's overrides when they are in
    the project, and each hand-written top-level entry of docs/ (see hand_written)."""
    paths = [root / "corpus", config_file]
    if theme is not None and theme.resolve().is_relative_to(root.resolve()):
        paths.append(theme)
    return paths + hand_written(docs, _entries(docs))


class Builds(Protocol):
    """How serve runs the `build` command: build() gives its exit status (its lines go to this
    terminal); stop() asks a build under way to stop cleanly (as Ctrl-C does, for a server
    stopped by a signal the build did not get); close() when serving ends."""

    def build(self) -> int: ...

    def stop(self) -> None: ...

    def close(self) -> None: ...


class NewProcessBuilds:
    """`python -m generator build` for the project at root, a new process each time (where
    processes cannot fork). Ctrl-C reaches it too: it is left to stop cleanly."""

    def __init__(self, root: Path, address: str) -> None:
        self.root, self.address = root, address
        self.process: subprocess.Popen[bytes] | None = None

    def build(self) -> int:
        command = [sys.executable, "-m", "generator", "build", "--root", str(self.root)]
        env = {**os.environ, SERVED_AT: self.address}
        self.process = subprocess.Popen(command, cwd=self.root, env=env)
        try:
            return self.process.wait()
        except KeyboardInterrupt:
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
            raise

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # the build stops cleanly on SIGTERM (generator.cli)

    def close(self) -> None:
        self.stop()


def builds(root: Path, address: str) -> Builds:
    """Forked from a process with everything imported (generator.site.warm) where processes
    fork, else a new process each time."""
    if not hasattr(os, "fork"):
        return NewProcessBuilds(root, address)
    from generator.site.warm import WarmBuilds

    return WarmBuilds(root, address)


def make_server(
    root: Path,
    address: str,
    watcher: Watcher,
    build: Callable[[], int],
    log: Callable[[str], None],
) -> Any:
    """A LiveReloadServer for site/ at address (HOST:PORT), watching what the site is made of
    with watcher and rebuilding it with build (not started: call serve())."""
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer
    from urllib.parse import urlsplit

    config = load_config(str(root / "mkdocs.yml"))
    site = Path(config.site_dir)

    def rebuild() -> None:
        with watcher.building():
            code = build()
        if code != 0:  # its one line said what to fix; the last good site stays served
            log("dossier: the site served is the last good one; saving the fix builds again")

    # the site's path under its address, as the pages link to it (MkDocs serve does the same)
    mount = urlsplit(config.site_url or "/").path
    host, _, port = address.rpartition(":")
    server = LiveReloadServer(rebuild, host.strip("[]"), int(port), str(site), mount_path=mount)
    server.url = f"http://{address}{server.mount_path}"  # "Serving on": [::1] in brackets
    server.build_delay = 0  # the watcher waits for writes to settle (SETTLE)
    server.observer = watcher  # type: ignore[assignment]  # in MkDocs' polling one's place
    server.error_handler = lambda code: _error_page(site, code)
    theme = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    # and what mkdocs.yml's `watch:` names (the page templates), as `mkdocs serve` watches it
    for path in [*watched(root, Path(config.docs_dir), root / "mkdocs.yml", theme), *config.watch]:
        server.watch(str(path))
    return server


def _error_page(site: Path, code: int) -> bytes | None:
    """The site's own 404 page for a page not found (as MkDocs serve shows it)."""
    if code != 404:
        return None
    with contextlib.suppress(OSError):
        return (site / "404.html").read_bytes()
    return None


def show_server_lines() -> None:
    """MkDocs' server says what it does (serving, changes seen, browsers reloaded) as
    `mkdocs serve` prints it."""
    logger = logging.getLogger("mkdocs.livereload")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("INFO    -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
