"""The site build in a second process, started before the generator runs (where the system
can fork): the machine has two cores, and a build after one new article is short enough that
MkDocs' own start (imports, mkdocs.yml, the theme's 14,500 files listed, the last build's
record read) was a quarter of it.

The child process imports MkDocs and loads the configuration while the parent validates,
links, analyses and renders; it then waits for the order to build (the corpus epoch, which
the sitemap dates follow) and runs the very `build` that `publish.build_site` runs, in the
same folders, while the parent goes on with what does not need the site. The parent reads
one result: done, a BuildError's message, an OSError (a full disk, a read-only folder), or
an unexpected error's traceback. Once it has reported a built site, the child writes the
incremental plugin's record while the parent finishes. Nothing of the parent's (its caches,
its lock, its staged files) is touched by the child, which leaves with os._exit, running no
cleanup of the parent's.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import BuildError
from generator.stages import publish
from generator.stages.aside import ended_by_interrupt


@dataclass(frozen=True)
class SitePlan:
    config_file: Path
    docs_dir: Path  # the staged docs/ (it must exist when the child starts)
    site_dir: Path
    previous: Path | None


class EarlySite:
    """A site build forked ahead; `start` orders it, `finish` waits for its result, `close`
    for the child's end, `cancel` stops it. As a context manager: leaving it normally
    closes, leaving it on an error cancels."""

    def __init__(self, plan: SitePlan) -> None:
        self.plan = plan
        orders_out, orders_in = os.pipe()
        results_out, results_in = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(orders_in)
            os.close(results_out)
            _child(plan, orders_out, results_in)
        os.close(orders_out)
        os.close(results_in)
        self.pid: int | None = pid
        self._orders = orders_in
        self._results = results_out

    def start(self, epoch: int) -> None:
        """Build now, for this epoch. A child that is gone already (killed, out of memory)
        is said by `finish`, with how it ended, not as a broken pipe here."""
        with contextlib.suppress(BrokenPipeError), os.fdopen(self._orders, "wb") as orders:
            self._orders = -1  # closed with the file object
            pickle.dump(epoch, orders)

    def finish(self) -> None:
        """Wait for the build; raise what it raised. (The child may still write the
        plugin's record: `close` waits for that.)"""
        with os.fdopen(self._results, "rb") as results:
            self._results = -1
            data = results.read()
        if not data:
            status = self._reap()
            raise BuildError(f"the site build stopped unexpectedly (exit status {status})")
        kind, message = pickle.loads(data)
        if kind == "build-error":
            raise BuildError(message)
        if kind == "os-error":
            raise message
        if kind == "crash":
            raise RuntimeError(f"the site build failed:\n{message}")

    def cancel(self) -> None:
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        self.close()

    def close(self) -> None:
        """Wait for the child to end (after a finished build, it writes the record)."""
        # only the pipe ends still open: a number closed before may name another file now
        for fd in (self._orders, self._results):
            if fd >= 0:
                os.close(fd)
        self._orders = self._results = -1
        self._reap()

    def _reap(self) -> int:
        if self.pid is None:
            return 0
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return os.waitstatus_to_exitcode(status)

    def __enter__(self) -> EarlySite:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is None:
            self.close()
        else:
            self.cancel()


def can_fork(plan: SitePlan) -> bool:
    """Where a child can be forked and load the configuration before the docs are staged."""
    return hasattr(os, "fork") and plan.docs_dir.is_dir() and plan.config_file.is_file()


def _child(plan: SitePlan, orders_fd: int, results_fd: int) -> None:
    ended_by_interrupt()  # the parent handles Ctrl-C and kills this
    result: tuple[str, Any] = ("crash", "no result")
    after: list[Callable[[], None]] = []
    try:
        result = _build_when_ordered(plan, orders_fd, after)
    except OSError as exc:  # a full disk, a read-only folder: the parent says which
        result = ("os-error", OSError(exc.errno, exc.strerror, exc.filename))
    except BaseException:  # every other failure goes back to the parent, as text
        result = ("crash", traceback.format_exc())
    finally:
        try:
            with os.fdopen(results_fd, "wb") as results:
                pickle.dump(result, results)
            if result[0] == "done":
                for work in after:  # the parent goes on meanwhile
                    work()
        finally:
            os._exit(0)


def _build_when_ordered(
    plan: SitePlan, orders_fd: int, after: list[Callable[[], None]]
) -> tuple[str, str]:
    os.environ.update(publish.site_environment(plan.site_dir, plan.previous, offline=False))
    config: Any = None
    early: BuildError | None = None
    try:
        with publish.mkdocs_failures():
            config = publish.load_site_config(plan.config_file, plan.docs_dir, plan.site_dir)
            publish.warm(config)
    except BuildError as exc:
        early = exc  # told when the order comes: the parent may not need the site at all
    with os.fdopen(orders_fd, "rb") as orders:
        try:
            epoch = pickle.load(orders)
        except EOFError:
            epoch = None
    if epoch is None:
        return ("done", "")
    if early is not None:
        return ("build-error", str(early))
    os.environ.update(publish.epoch_environment(epoch))
    try:
        with publish.mkdocs_failures():
            publish.run_build(config, plan.site_dir)
    except BuildError as exc:
        return ("build-error", str(exc))
    after.extend(publish.deferred_work(config))
    return ("done", "")
