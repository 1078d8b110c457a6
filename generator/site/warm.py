"""Builds for `serve`, forked from a process that has imported the generator and MkDocs already.

A `python -m generator build` spends about 0.45 s starting Python and importing the generator's
stages, MkDocs and its plugins before it does any work (this 2-core VM), on the path of every
change `serve` shows. Here one process (`python -m generator.site.warm ROOT REPLY_FD`) imports
all of that once, and for each build it is asked for, forks: the child runs the `build` command
exactly as `python -m generator build --root ROOT` would (the same code, a fresh copy of a
process that has run nothing yet), and the exit status goes back on the reply pipe.

The generator's own files are stamped when the process starts: after an edit of the code (or a
word list read at import) the next build starts a new process first. Where processes cannot
fork (Windows), serve runs each build as a new process (generator.site.serving.run_build).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import signal
import subprocess
import sys
from pathlib import Path

from generator.site.keys import SERVED_AT

PACKAGE = Path(__file__).resolve().parent.parent
# what a build imports, in the order it does: the command, the stages, the review of new
# names, then in the site build's process MkDocs, its theme and plugins
PRELOADED = (
    "generator.cli",
    "generator.stages.validate",
    "generator.stages.link",
    "generator.stages.analyse",
    "generator.stages.render",
    "generator.stages.early_site",
    "generator.review.report",
    "generator.review.history",
    "mkdocs.config.defaults",
    "mkdocs.commands.build",
    "material.plugins.search.plugin",
    "material.plugins.tags.plugin",
    "generator.site.incremental",
    "generator.site.raw_blocks",
)


def code_stamp() -> tuple[tuple[str, int, int], ...]:
    """Every file of the generator package (code, word lists, templates): name, size, time."""
    stamps = []
    for folder, subfolders, files in os.walk(PACKAGE):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                found = os.stat(path)
            except OSError:
                continue
            stamps.append((path, found.st_size, found.st_mtime_ns))
    return tuple(stamps)


class WarmBuilds:
    """The server side: start the warm process, ask it for builds, stop it."""

    def __init__(self, root: Path, address: str) -> None:
        self.root, self.address = root, address
        self.process: subprocess.Popen[bytes] | None = None
        self.replies: int = -1
        self.stamp: tuple[tuple[str, int, int], ...] = ()

    def start(self) -> None:
        read, write = os.pipe()
        self.stamp = code_stamp()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator.site.warm", str(self.root), str(write)],
            cwd=self.root,
            env={**os.environ, SERVED_AT: self.address},
            stdin=subprocess.PIPE,
            pass_fds=(write,),
        )
        os.close(write)
        self.replies = read

    def build(self) -> int:
        """The exit status of one `build` (its lines go to this terminal)."""
        if self.process is None or self.process.poll() is not None or code_stamp() != self.stamp:
            self.close()  # a new process for the new code (or after the last one died)
            self.start()
        assert self.process is not None and self.process.stdin is not None
        try:
            self.process.stdin.write(b"build\n")
            self.process.stdin.flush()
            reply = _read_line(self.replies)
        except BrokenPipeError:
            reply = b""
        except KeyboardInterrupt:  # the build had Ctrl-C too (or see stop): let it stop cleanly
            _read_line(self.replies)
            raise
        if not reply.strip().lstrip(b"-").isdigit():
            self.close()
            return 1  # the warm process died (killed, out of memory): said on its stderr
        return int(reply)

    def stop(self) -> None:
        """The build under way stops cleanly, and then the warm process ends."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()

    def close(self) -> None:
        if self.process is None:
            return
        if self.process.stdin is not None:
            self.process.stdin.close()  # the warm process ends when its input does
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.replies)
        self.process = None


def _read_line(fd: int) -> bytes:
    line = b""
    while not line.endswith(b"\n"):
        chunk = os.read(fd, 64)
        if not chunk:
            break
        line += chunk
    return line


def serve_builds(root: str, reply: int) -> None:
    """The warm process: import, then one forked build per line read. SIGTERM (the server
    stopped by a signal its build did not get) is passed to the build under way, and the
    process ends once that build has."""
    gc.disable()  # as `python -m generator` runs (see generator.cli.run)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's and the server's
    under_way = {"child": 0, "stopping": 0}

    def stop(signum: int, frame: object) -> None:
        under_way["stopping"] = 1
        if not under_way["child"]:
            os._exit(0)
        with contextlib.suppress(ProcessLookupError):  # ended meanwhile
            os.kill(under_way["child"], signal.SIGTERM)  # this process ends once it has

    signal.signal(signal.SIGTERM, stop)
    for name in PRELOADED:
        importlib.import_module(name)
    for _ in sys.stdin.buffer:
        sys.stdout.flush()
        sys.stderr.flush()
        child = os.fork()
        if child == 0:  # pragma: no cover (a forked process: its exit status is checked)
            os.close(reply)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            _build(root)
        under_way["child"] = child
        _, status = os.waitpid(child, 0)
        under_way["child"] = 0  # before the reply: the server may stop this process next
        try:
            os.write(reply, f"{os.waitstatus_to_exitcode(status)}\n".encode())
        except BrokenPipeError:  # the server died during the build (kill -9): none to tell
            os._exit(0)
        if under_way["stopping"]:
            os._exit(0)


def _build(root: str) -> None:  # pragma: no cover (runs in the forked process)
    from generator import cli

    sys.argv = ["generator", "build", "--root", root]
    try:
        code = cli.run()  # exits the process itself, after flushing its output
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # a crash is reported as by `python -m generator build`
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    serve_builds(sys.argv[1], int(sys.argv[2]))
