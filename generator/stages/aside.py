"""Work done aside: a text made in a forked process while the build goes on.

dossier.json holds the whole dossier (9 MB at 5,000 sources) and is made anew by every build
that changes anything: 0.3–0.5 s of exporting and encoding on the way to the site, with the
second core idle (the forked site build waits for the pages). Forked once the analysis is
done, a child makes it while this process draws the pages, and hands it over when it is
written. The child writes into an unnamed temporary file (created, opened and deleted here):
it never waits for a reader, and nothing is left behind if the text is never asked for.

Where processes cannot fork (Windows), or other threads run (`mkdocs serve`, whose hook
regenerates docs/), the text is made when it is asked for.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
import weakref
from collections.abc import Callable


def made_aside(make: Callable[[], str]) -> Callable[[], str]:
    """A function giving make()'s text, made in a child forked now. If the child fails, the
    text is made here when asked for (and its error, if any, is raised here)."""
    if not can_fork_here():
        return make
    handle, name = tempfile.mkstemp(prefix="dossier-aside-")
    os.unlink(name)  # open here and in the child; gone from the folder already
    child = os.fork()
    if child == 0:  # pragma: no cover (a forked process: its result is checked)
        _make_into(make, handle)
    return _Aside(child, handle, make)


def can_fork_here() -> bool:
    """Whether this process may fork a child to work beside it: only where the system forks,
    and from a process of one thread (a child forked beside another thread, mkdocs serve's
    server and watcher, could find a lock held for ever: the import lock, logging's)."""
    return hasattr(os, "fork") and threading.active_count() == 1


class _Aside:
    """The text the child makes, read once when first asked for. A thread waits for the
    child, so it is not left a zombie until then (a test that counts children, a text never
    asked for)."""

    def __init__(self, child: int, handle: int, make: Callable[[], str]) -> None:
        self.handle, self.make = handle, make
        self.text: str | None = None
        self.status: list[int] = []  # the child's exit status, once it has ended
        self.waiter = threading.Thread(target=_wait_for, args=(child, self.status), daemon=True)
        self.waiter.start()
        self.open = [True]  # shared with the finalizer, which must not hold self
        weakref.finalize(self, _close, handle, self.open)  # never asked for: closed anyway

    def __call__(self) -> str:
        if self.text is None:
            self.waiter.join()
            text = _read(self.handle) if self.status == [0] else None
            _close(self.handle, self.open)
            self.text = self.make() if text is None else text  # its error is raised here
        return self.text


def _wait_for(child: int, status: list[int]) -> None:
    try:
        _, ended = os.waitpid(child, 0)
        status.append(os.waitstatus_to_exitcode(ended))
    except ChildProcessError:  # waited for by someone else: its text is made here
        status.append(-1)


def _close(handle: int, open_: list[bool]) -> None:
    if open_[0]:
        open_[0] = False
        os.close(handle)


def ended_by_interrupt() -> None:
    """In a forked child: Ctrl-C (sent to the whole group) ends it at once, with no error of
    its own, and the parent says the build was interrupted; unless the parent ignores Ctrl-C
    (started in the background, or under nohup), in which case so does the child (it ended
    and left the parent to report an error that did not happen)."""
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.SIG_DFL)


def _make_into(make: Callable[[], str], handle: int) -> None:  # pragma: no cover (the child)
    ended_by_interrupt()
    code = 1
    try:
        data = make().encode("utf-8")
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
        code = 0
    finally:
        os._exit(code)


def _read(handle: int) -> str:
    os.lseek(handle, 0, os.SEEK_SET)
    parts = []
    while chunk := os.read(handle, 1 << 20):
        parts.append(chunk)
    return b"".join(parts).decode("utf-8")
