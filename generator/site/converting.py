"""Some of the drawn pages' Markdown converted in a second process, while MkDocs converts the
others: after an arrival, converting the fifty pages it redraws was the largest share of the
site build, with the second core idle (the generator waits for the site).

The incremental plugin knows which pages it will draw once the nav is made (on_nav). It
forks a process then, which converts its share with MkDocs' own `Page.render`, in the order
MkDocs will ask for them, and hands each page over as soon as it is done: the HTML and what
the render leaves on the page (table of contents, title, anchors, links to anchors), the
paths it looked up (the plugin records them), and what it logged. MkDocs still reads each
page and runs every plugin event on it in this process; only the render of a page in the
share is taken from the other process (`on_pre_page` puts it in place), and only if it was
made from the very Markdown this process has (a digest says). What the other process logged
is logged here, in order, so warnings count for `--strict` as they would. A page that did
not come (the process failed, or its render raised) is converted here, as if there were no
second process; so is everything where processes cannot fork, or other threads run (`mkdocs
serve`).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.stages.aside import can_fork_here, ended_by_interrupt

# Linux lets a pipe hold a megabyte: the converting process runs ahead of the pages asked for
PIPE_SIZE = 1 << 20
FEWEST_SHARED = 2  # pages to convert aside below which a second process is not worth its start


@dataclass(frozen=True)
class Converted:
    """A page converted in the other process."""

    src_uri: str
    markdown: str  # digest of the Markdown it was made from
    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # by the src_uri of the page linked to
    looked: set[str]
    logged: list[tuple[str, int, str]]  # logger, level, message


# What converting a page costs, roughly, in bytes of raw HTML: a Markdown link costs as much
# as 600 of them (raw HTML is set aside whole, a link goes through the inline patterns and
# MkDocs' link checks). Measured on an arrival's pages at 1,000 sources: the home page and
# a month of What's new, full of Markdown links, took twice as long as a 40 KB raw table.
LINK_COST = 600


def conversion_cost(markdown: bytes) -> int:
    return len(markdown) + LINK_COST * markdown.count(b"](")


def share(files: Files, drawn: dict[str, int]) -> list[str]:
    """The pages the other process converts: of the pages to draw (src_uri: the cost of
    converting it), in MkDocs' order, each given to whichever process has less so far."""
    ours = theirs = 0
    shared = []
    for file in files.documentation_pages():
        cost = drawn.get(file.src_uri)
        if cost is None:
            continue
        if theirs <= ours:
            shared.append(file.src_uri)
            theirs += cost
        else:
            ours += cost
    return shared


def start(
    config: Any, files: Files, shared: list[str], lookups: dict[str, set[str]]
) -> Aside | None:
    """Fork the converting process; None where it cannot or need not be (see module doc).
    lookups: where the plugin records the paths each page looks up (by src_uri)."""
    if len(shared) < FEWEST_SHARED or not can_fork_here():
        return None
    reader, writer = os.pipe()
    with contextlib.suppress(OSError, ImportError, AttributeError):  # Linux only
        import fcntl

        fcntl.fcntl(writer, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    child = os.fork()
    if child == 0:  # pragma: no cover (a forked process: what it hands over is checked)
        os.close(reader)
        _convert(config, files, shared, lookups, writer)
    os.close(writer)
    return Aside(child, os.fdopen(reader, "rb"), frozenset(shared), files)


def _convert(
    config: Any, files: Files, shared: list[str], lookups: dict[str, set[str]], writer: int
) -> None:  # pragma: no cover (the forked process)
    ended_by_interrupt()  # Ctrl-C: the building process says it
    logged = _capture_log()
    code = 1
    try:
        with os.fdopen(writer, "wb") as out:
            for uri in shared:
                converted = _converted(config, files, files.src_uris[uri], lookups, logged)
                if converted is not None:
                    pickle.dump(converted, out, protocol=pickle.HIGHEST_PROTOCOL)
                    out.flush()
        code = 0
    finally:
        os._exit(code)


def _converted(
    config: Any,
    files: Files,
    file: File,
    lookups: dict[str, set[str]],
    logged: list[tuple[str, int, str]],
) -> Converted | None:  # pragma: no cover (the forked process)
    """The page read, passed through the plugins' Markdown events and rendered as MkDocs'
    _populate_page does; None if that raised (the building process meets it again)."""
    page = file.page if file.page is not None else Page(None, file, config)
    config._current_page = page
    del logged[:]
    try:
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(
            page.markdown, page=page, config=config, files=files
        )
        page.render(config, files)
    except Exception:
        return None
    finally:
        config._current_page = None
    links = page.links_to_anchors
    return Converted(
        file.src_uri,
        _digest(page.markdown or ""),
        page.content or "",
        page.toc,
        page._title_from_render,
        page.present_anchor_ids,
        None if links is None else {target.src_uri: dict(at) for target, at in links.items()},
        set(lookups.get(file.src_uri, ())),
        list(logged),
    )


def _capture_log() -> list[tuple[str, int, str]]:  # pragma: no cover (the forked process)
    """What MkDocs and its plugins log here, kept to be logged by the building process
    (and not printed here: it would be printed twice)."""
    logged: list[tuple[str, int, str]] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            logged.append((record.name, record.levelno, record.getMessage()))

    keep = Keep()
    for name in ("mkdocs", ""):  # MkDocs' own, and everyone else's (the root's)
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(keep)
    logging.getLogger("mkdocs").propagate = False  # kept once
    return logged


def _digest(markdown: str) -> str:
    return hashlib.sha256(markdown.encode("utf-8", "surrogatepass")).hexdigest()


class Aside:
    """The building process's end: pages handed over, read in MkDocs' order."""

    def __init__(self, child: int, reader: BinaryIO, shared: frozenset[str], files: Files) -> None:
        self.child: int | None = child
        self.reader = reader
        self.shared = shared
        self.files = files
        self.ahead: Converted | None = None  # read, for a page not asked for yet
        self.ended = False

    def install(self, page: Page, lookups: dict[str, set[str]]) -> None:
        """Have MkDocs take page's render from the other process (on_pre_page)."""
        if page.file.src_uri in self.shared:
            original: Callable[..., None] = page.render

            def render(config: Any, files: Files) -> None:
                del page.render  # the class's again
                if not self._take(page, lookups):
                    original(config, files)

            page.render = render  # type: ignore[method-assign]

    def _take(self, page: Page, lookups: dict[str, set[str]]) -> bool:
        converted = self._next(page.file.src_uri)
        if converted is None or converted.markdown != _digest(page.markdown or ""):
            return False
        for name, level, message in converted.logged:
            logging.getLogger(name).log(level, "%s", message)
        page.content = converted.content
        page.toc = converted.toc
        page._title_from_render = converted.title
        page.present_anchor_ids = converted.anchors
        links = converted.links
        page.links_to_anchors = (
            None
            if links is None
            else {
                self.files.src_uris[uri]: at
                for uri, at in links.items()
                if uri in self.files.src_uris
            }
        )
        lookups.setdefault(page.file.src_uri, set()).update(converted.looked)
        return True

    def _next(self, uri: str) -> Converted | None:
        """The page handed over for uri, if it comes next (pages come in MkDocs' order; one
        that did not come leaves the next one for later)."""
        if self.ahead is None and not self.ended:
            try:
                self.ahead = pickle.load(self.reader)
            except Exception:  # the end, or a process that failed half-way
                self.ended = True
        if self.ahead is not None and self.ahead.src_uri == uri:
            taken, self.ahead = self.ahead, None
            return taken
        return None

    def close(self) -> None:
        """Done with the other process: it has handed everything over (or failed)."""
        if self.child is None:
            return
        child, self.child = self.child, None
        self.reader.close()
        with contextlib.suppress(ChildProcessError):
            finished, _ = os.waitpid(child, os.WNOHANG)
            if finished == 0:  # still converting what nobody asked for (a failed build)
                os.kill(child, signal.SIGKILL)
                os.waitpid(child, 0)
