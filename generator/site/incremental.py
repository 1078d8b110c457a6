"""MkDocs plugin `dossier-incremental`: a build redraws only the pages whose inputs changed.

MkDocs' own `dirty` build (`build(config, dirty=True)`, `mkdocs serve --dirty`) skips
reading, converting, rendering and writing every file whose `File.is_modified()` is false,
but it decides that from file times and leaves the skipped pages out of the search index,
the tags and the link checks. This plugin makes that decision exact and puts back what the
rest of the build reads from a skipped page:

- A record of the last build of the same site (in `cache_dir`, one file per site folder,
  named by `$DOSSIER_SITE_AS` or `site_dir`) holds, per page, the key it was drawn from and
  the size, time and inode of the HTML it wrote. The key hashes the page's Markdown bytes,
  its URL, its neighbours in the nav and the whole nav (Material draws the nav into every
  page), on top of a site-wide key: the loaded configuration (every plugin's settings, the
  Markdown extensions, the theme's options, `mkdocs.yml` itself), the versions of MkDocs,
  Material, Python-Markdown, PyMdown, Jinja2 and Pygments, a theme `custom_dir`'s files, and
  the generator's code. Any change of the site-wide key redraws everything.
- A page is reused only if its key is unchanged, its HTML in the last site folder is the very
  file written then (size, time, inode), and no path it looked up then (a link's target,
  present or not) names a file added or removed since: MkDocs answers a lookup from the set
  of source paths alone, so with the same set every answer is the same, and with one file
  added only the pages that looked for it are drawn again. A tags listing page
  (`<!-- material/tags`) is always redrawn, since it shows every page's tags.
- For a reused page the record restores its front matter, title, anchor ids and links to
  anchors (so MkDocs still checks anchors in and out of it), its tags (for the tags index) and
  its search entries (merged in page order before the search plugin writes its index).
- Before MkDocs writes, the site folder is made to hold exactly the reused outputs, each the
  very file the last build wrote: a hard link to it in the last site folder (`$DOSSIER_SITE_AS`
  when generator.stages.publish builds into a spare folder, else the site folder itself),
  linked only where the folder does not hold that file already; every other file is deleted.
  So the result has exactly the files of a full build, a hard-linked file is never written
  through, and the last site is never walked (at 5,000 sources mirroring it first cost 1.7 s).
- The pages it draws use the second core, idle while the generator waits for the site: a
  share of them is converted from Markdown in a forked process (generator.site.converting),
  and their search entries are made by Material's indexing in another (_index_aside).
- The record is appended to (RecordChange), not written whole: 40 MB at 5,000 sources.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import logging
import os
import pickle
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from jinja2 import FileSystemBytecodeCache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.cache import code_version
from generator.collector import paused, set_aside, take_back
from generator.site import converting
from generator.site.keys import (
    SITE_AS,
    Stamp,
    digest,
    edit_stamp,
    stable,
    stamp_of,
    versions,
)

RECORD_FORMAT = 6  # 6: a full record, then what each later build changed (RecordChange)
# A record file is written afresh once what was appended to it reaches this share of the
# full copy: reading it then costs at most a quarter more than reading a fresh one.
APPENDED_SHARE = 4
TAGS_LISTING = b"<!-- material/tags"
UNKEYED = {"docs_dir", "site_dir", "config_file_path", "plugins", "watch", "dev_addr"}

DIRTY_WARNING = "A 'dirty' build is being performed"


class _QuietDirty(logging.Filter):
    """MkDocs warns on every dirty build because it decides by file times; with this plugin
    deciding instead the warning does not apply (and would fail --strict)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


_QUIET_DIRTY = _QuietDirty()


@dataclass
class PageRecord:
    key: str
    stamp: Stamp
    meta: dict[str, Any]
    title: str | None
    anchors: frozenset[str]
    anchor_links: dict[str, dict[str, str]]  # target src_uri -> {anchor: link as written}
    looked: frozenset[str]  # every path it looked up (normalized as MkDocs looks them up)
    search: str  # the page's search entries as the index writes them (JSON, comma-joined)
    # the Markdown file as last read (size, time, inode) and its digest: a file with the
    # same stamp is not read again (docs/ files are replaced by rename, never rewritten)
    source: Stamp | None = None
    markdown: str = ""


@dataclass
class StaticRecord:
    source: tuple[int, int, int]  # the file copied: size, modification and change times
    stamp: Stamp


@dataclass
class SiteRecord:
    site_key: str = ""
    pages: dict[str, PageRecord] = field(default_factory=dict)  # by dest_uri
    uris: frozenset[str] = frozenset()  # every file's src_uri (what lookups are answered from)
    static: dict[str, StaticRecord] = field(default_factory=dict)  # by dest_uri


@dataclass
class RecordChange:
    """What one build changed in the record it read, appended to the record's file: at 5,000
    sources the record is 40 MB, and pickling and writing it whole took 0.3 s of every
    build, for the fifty pages an arrival draws."""

    site_key: str
    pages: dict[str, PageRecord]  # drawn (new or changed), by dest_uri
    gone: frozenset[str]  # dest_uris no longer recorded
    uris_added: frozenset[str]
    uris_removed: frozenset[str]
    static: dict[str, StaticRecord]  # all of them (a few hundred theme files)


@dataclass(frozen=True)
class RecordFile:
    """The record's file as it was read: its stamp, and the bytes of its full copy and of
    the changes appended to it."""

    stamp: Stamp
    whole: int
    appended: int


@dataclass
class _Drawn:
    """What a page drawn in this build leaves for the record."""

    key: str
    source: Stamp | None = None
    markdown: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    title: str | None = None
    anchors: frozenset[str] = frozenset()
    anchor_links: dict[str, dict[str, str]] = field(default_factory=dict)
    search: str = ""


class IncrementalConfig(Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".dossier-cache/site")


def _folder_digest(folder: str | None) -> str:
    """The bytes of every file under a theme custom_dir (templates that draw every page)."""
    hashed = hashlib.sha256()
    if folder and os.path.isdir(folder):
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            hashed.update(path.relative_to(folder).as_posix().encode() + b"\0")
            hashed.update(path.read_bytes())
    return hashed.hexdigest()


def site_key(config: MkDocsConfig) -> str:
    """What every page depends on; a change redraws the whole site."""
    settings = {k: stable(v) for k, v in config.items() if k not in UNKEYED}
    plugins = [
        (name, stable(type(plugin)), stable(dict(getattr(plugin, "config", None) or {})))
        for name, plugin in config.plugins.items()
    ]
    config_bytes = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
    return digest(
        RECORD_FORMAT,
        settings,
        plugins,
        hashlib.sha256(config_bytes).hexdigest(),
        versions(),
        _folder_digest(config.theme.custom_dir),
        code_version(),
    )


def nav_key(nav: Navigation) -> str:
    """Titles and URLs of the whole nav; a page titled by its own Markdown counts by that."""

    def walk(items: list[Any]) -> list[Any]:
        drawn = []
        for item in items:
            title = item.title
            if isinstance(item, Page) and title is None:
                title = _bytes_digest(item.file.abs_src_path)
            url = getattr(item, "url", None)
            drawn.append((type(item).__name__, title, url, walk(item.children or [])))
        return drawn

    return digest(walk(nav.items), nav.homepage.url if nav.homepage else None)


def _bytes_digest(path: str | None) -> str:
    if path is None:
        return ""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def _neighbour(page: Page | None) -> tuple[str | None, str | None] | None:
    return None if page is None else (page.title, page.url)


class IncrementalPlugin(BasePlugin[IncrementalConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.record = SiteRecord()
        self.record_path: Path | None = None
        self.site_as = ""  # the last site folder (the folder itself, unless staged)
        self.added_or_removed: frozenset[str] = frozenset()  # src_uris, since the last build
        self.site_key = ""
        self.reused: dict[str, PageRecord] = {}  # by src_uri
        self.drawn: dict[str, _Drawn] = {}  # by src_uri
        self.lookups: dict[str, set[str]] = {}  # by src_uri: the paths it looked up
        self.kept_static: set[str] = set()  # dest_uri
        self.files: Files | None = None
        self.search_mark = 0
        self.search_aside: Callable[[], str] | None = None  # see _index_aside
        self.search_forked = False  # whether this build has decided where pages are indexed
        self.converting: converting.Aside | None = None  # see on_nav
        self.record_file: RecordFile | None = None  # where self.record was read from
        # (record path, what it held, its file) read ahead
        self.warmed: tuple[Path, Any, RecordFile | None] | None = None
        self.listed: tuple[str, Listing] | None = None  # (site folder, what it held) ahead
        self.deferred: list[Callable[[], None]] | None = None  # see warm
        self.set_aside = False  # objects left out of the collector's scans (see on_files)

    def warm(self, config: MkDocsConfig) -> None:
        """Read the last build's record and list the site folder ahead of the build (see
        generator.stages.early_site): on_config still checks the record against this
        build's site key; nothing writes in the site folder until this build prunes it."""
        if self.config.enabled:
            path = self._record_path(config)
            record, read_from = _read_record(path)
            self.warmed = (path, record, read_from)
            folder = os.path.normpath(config.site_dir)
            if isinstance(record, SiteRecord) and str(Path(folder).resolve()) != self.site_as:
                with contextlib.suppress(OSError):  # only a head start: the build redoes it
                    _mirror(record, folder, self.site_as, path.parent / "trash")
            self.listed = (folder, _listing(folder))
            # the record is written once the build has told the waiting process it is done
            # (it writes its 40 MB at 5,000 sources meanwhile): see generator.stages.early_site
            self.deferred = []

    # -- configuration and decisions ------------------------------------------------------

    @event_priority(-1000)  # after every other plugin has settled its configuration
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        logging.getLogger("mkdocs.commands.build").addFilter(_QUIET_DIRTY)  # once: a set
        self.record_path = self._record_path(config)
        self.site_key = site_key(config)
        warmed, self.warmed = self.warmed, None
        if warmed and warmed[0] == self.record_path and warmed[1] is not None:
            record, read_from = warmed[1], warmed[2]
        else:
            record, read_from = _read_record(self.record_path)
        valid = isinstance(record, SiteRecord) and record.site_key == self.site_key
        self.record = record if valid else SiteRecord()
        self.record_file = read_from if valid else None
        return None

    def _record_path(self, config: MkDocsConfig) -> Path:
        """The record of the site folder this build stands for: its own, or the one named by
        $DOSSIER_SITE_AS (a build staged in a spare folder)."""
        root = Path(config.config_file_path or ".").resolve().parent
        self.site_as = str(Path(os.environ.get(SITE_AS) or config.site_dir).resolve())
        name = hashlib.sha256(self.site_as.encode()).hexdigest()[:16]
        return root / self.config.cache_dir / f"site-{name}.pickle"

    @event_priority(-1000)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        # the record, and under serve the generator's work, are set aside from the
        # collector's scans until the build ends (see _save_record)
        self.set_aside = set_aside()
        self.files = files
        original = files.get_file_from_path

        def lookup(path: str) -> File | None:
            found = original(path)
            page = config._current_page
            if page is not None:
                self.lookups.setdefault(page.file.src_uri, set()).add(str(path))
            return found

        files.get_file_from_path = lookup  # type: ignore[method-assign]
        return files

    @event_priority(-1000)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return None
        navigation = nav_key(nav)
        # copied through a tuple: the difference keeps the table of all the files it was drawn
        # from, every page's isdisjoint below walked it (0.5 s at 5,000 sources for one entry),
        # and frozenset() of a frozenset is the same object, not a copy
        self.added_or_removed = frozenset(
            tuple(self.record.uris.symmetric_difference(files.src_uris))
        )
        for file in files:
            if file.is_documentation_page():
                reuse = self._decide_page(file, navigation)
            else:
                reuse = self._decide_static(file)
            file.is_modified = _answer(not reuse)  # type: ignore[method-assign]
        _list_pages_once(files)
        costs = {  # a tags listing (no digest) is left here: its plugin fills it in
            file.src_uri: converting.conversion_cost(_bytes(file.abs_src_path))
            for file in files.documentation_pages()
            if file.src_uri in self.drawn and self.drawn[file.src_uri].markdown
        }
        self.converting = converting.start(
            config, files, converting.share(files, costs), self.lookups
        )
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        if self.converting is not None:  # see generator.site.converting
            self.converting.install(page, self.lookups)
        return None

    def _last(self, file: File) -> str:
        """Where the last build wrote file's output."""
        return os.path.join(self.site_as, file.dest_uri)

    def _decide_page(self, file: File, navigation: str) -> bool:
        record = self.record.pages.get(file.dest_uri)
        source, markdown = _markdown_digest(file.abs_src_path, record)
        page = file.page
        key = digest(
            self.site_key,
            navigation,
            file.src_uri,
            file.dest_uri,
            file.url,
            markdown,
            _neighbour(page.previous_page if page else None),
            _neighbour(page.next_page if page else None),
        )
        self.drawn[file.src_uri] = _Drawn(key, source, markdown)
        if (
            record is None
            or record.key != key
            or not markdown  # a tags listing (or an unreadable file): always drawn
            or record.stamp != stamp_of(self._last(file))
            or not record.looked.isdisjoint(self.added_or_removed)
        ):
            return False
        if record.source != source:  # the same Markdown in another file (relinked)
            record = dataclasses.replace(record, source=source)
        self.reused[file.src_uri] = record
        del self.drawn[file.src_uri]
        return True

    def _decide_static(self, file: File) -> bool:
        record = self.record.static.get(file.dest_uri)
        if record is None or file.generated_by or file.abs_src_path is None:
            return False
        if record.source != edit_stamp(file.abs_src_path):
            return False
        if record.stamp != stamp_of(self._last(file)):
            return False
        self.kept_static.add(file.dest_uri)
        return True

    # -- putting back what a reused page gives the rest of the build ------------------------

    @event_priority(110)  # before the tags plugin (100) draws its listings
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self._converted()
        if not self.config.enabled:
            return None
        for file in files.documentation_pages():
            record = self.reused.get(file.src_uri)
            if record is not None and file.page is not None:
                _restore(file.page, record, files)
        _retag(config, files, set(self.reused))
        self._place_reused(config, files)
        if env.bytecode_cache is None and self.record_path is not None:
            # MkDocs compiles the theme's templates anew in every process; keep them compiled
            # (Jinja checks each template's source time before using the cached code)
            folder = self.record_path.parent / "jinja"
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return None

    def _place_reused(self, config: MkDocsConfig, files: Files) -> None:
        """The site folder made to hold exactly the reused outputs (see module doc)."""
        wanted: dict[str, tuple[str, int]] = {}  # path -> (the last build's file, its inode)
        for file in files:
            record: PageRecord | StaticRecord | None = self.reused.get(file.src_uri)
            if record is None and file.dest_uri in self.kept_static:
                record = self.record.static[file.dest_uri]
            if record is not None:
                wanted[os.path.normpath(file.abs_dest_path)] = (self._last(file), record.stamp[2])
        folder = os.path.normpath(config.site_dir)
        listed, self.listed = self.listed, None
        listing = listed[1] if listed is not None and listed[0] == folder else _listing(folder)
        _place(listing, wanted, copy=True)

    # -- what a drawn page leaves -------------------------------------------------------------

    @event_priority(-1000)
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        drawn = self.drawn.get(page.file.src_uri)
        if drawn is not None:
            drawn.meta = dict(page.meta)
            drawn.title = page._title_from_render
            drawn.anchors = frozenset(page.present_anchor_ids or ())
            drawn.anchor_links = {
                target.src_uri: dict(links)
                for target, links in (page.links_to_anchors or {}).items()
            }
        if self.config.enabled:
            # MkDocs converts every page before it draws any, holding all their Markdown
            # and HTML at once (the peak of a full build); the Markdown is not read again
            # (the title comes from the render or the meta now: see on_post_page)
            page.markdown = ""
        return None

    @event_priority(10)  # just before the search plugin indexes the page
    def _mark_search(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        index = _search_index(config)
        if index is not None and not self.search_forked and self.files is not None:
            # the first page drawn: every drawn page's HTML is final now (tags listings
            # included), and the second core is idle (the generator waits for the site)
            self.search_forked = True
            self.search_aside = _index_aside(index, self.files, set(self.drawn))
        self.search_mark = len(index.entries) if index is not None else 0
        return None

    @event_priority(-10)  # just after
    def _take_search(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        index = _search_index(config)
        drawn = self.drawn.get(page.file.src_uri)
        if index is not None and drawn is not None:
            drawn.search = ",".join(map(_entry_json, index.entries[self.search_mark :]))
            # the index is written from the serialized entries (_merge_search): the search
            # plugin's own copy of them is not read again
            del index.entries[self.search_mark :]
        return None

    on_page_context = CombinedEvent(_mark_search, _take_search)

    @event_priority(-1000)  # last: the page's HTML is drawn into `output`, about to be written
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Let go of the page's Markdown and HTML: MkDocs keeps every page's until the build
        ends, though nothing reads them once the page is written (its search entries, title,
        anchors and links are kept apart). Empty, not None, so that `page.title` takes the
        same branch as for a drawn page."""
        if self.config.enabled:
            page.markdown = ""
            page.content = ""
        return None

    @event_priority(50)  # before the search plugin writes its index
    def _merge_search(self, *, config: MkDocsConfig) -> None:
        index = _search_index(config)
        if not self.config.enabled or index is None or self.files is None:
            return
        if self.search_aside is not None:  # the drawn pages' entries, made aside
            for uri, part in json.loads(self.search_aside()).items():
                self.drawn[uri].search = part
            self.search_aside = None
        parts: list[str] = []
        for file in self.files.documentation_pages():
            reused = self.reused.get(file.src_uri)
            drawn = self.drawn.get(file.src_uri)
            part = reused.search if reused else drawn.search if drawn else ""
            if part:
                parts.append(part)
        # the index as the search plugin writes it, from each page's serialized entries
        # (json.dumps of the whole index was most of the site-wide work of a small build)
        index.generate_search_index = functools.partial(_search_json, index, ",".join(parts))

    @event_priority(-1000)  # last: every file is written
    def _save_record(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.files is None or self.record_path is None:
            return
        record = SiteRecord(self.site_key, uris=frozenset(self.files.src_uris))
        for file in self.files:
            if file.is_documentation_page():
                _record_page(record, file, self)
            else:
                _record_static(record, file, self.kept_static, self.record)
        change = _change(record, self.record, self.record_file, self.record_path)
        write = functools.partial(_write_record, record, change, self.record_path, self.site_as)
        if self.deferred is not None:
            self.deferred.append(write)  # see warm: once the build has reported
        else:
            write()

    @event_priority(-1000)
    def _take_back(self, *, config: MkDocsConfig) -> None:
        self._release()

    on_post_build = CombinedEvent(_merge_search, _save_record, _take_back)

    def on_build_error(self, *, error: Exception) -> None:
        self._converted()
        self._release()

    def _converted(self) -> None:
        """Every page is converted: the converting process is done (or stopped)."""
        if self.converting is not None:
            self.converting.close()
            self.converting = None

    def _release(self) -> None:
        """The collector scans again what on_files set aside (after the build, or after its
        error: a serve session goes on)."""
        if self.set_aside:
            self.set_aside = False
            take_back()


def _change(
    record: SiteRecord, previous: SiteRecord, read_from: RecordFile | None, path: Path | None
) -> RecordChange | None:
    """What this build changed in the record it read, if that can be appended to the file
    it was read from: the file is as it was read (no other build wrote it meanwhile), and
    what was appended to it is still small next to its full copy; else None (written whole).
    A reused page's record is the very object read, so a drawn one is any other."""
    if read_from is None or path is None or previous.site_key != record.site_key:
        return None
    if read_from.appended * APPENDED_SHARE >= read_from.whole or stamp_of(path) != read_from.stamp:
        return None
    pages = {uri: page for uri, page in record.pages.items() if previous.pages.get(uri) is not page}
    return RecordChange(
        record.site_key,
        pages,
        frozenset(previous.pages.keys() - record.pages.keys()),
        record.uris - previous.uris,
        previous.uris - record.uris,
        record.static,
    )


def _write_record(
    record: SiteRecord, change: RecordChange | None, path: Path, site_as: str
) -> None:
    """The record written whole (atomically), or its change appended: an append cut short
    leaves a damaged tail, which reading leaves out (the record is then the one before, and
    its stamps tell the next build that the pages drawn since must be drawn again)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if change is not None:
        with path.open("ab") as handle:
            pickle.dump(change, handle, protocol=pickle.HIGHEST_PROTOCOL)
    else:
        temporary = path.with_name(f".{path.name}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(record, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    path.with_suffix(".path").write_text(site_as, "utf-8")
    _forget_gone_sites(path.with_suffix(".path"))


def _read_record(path: Path) -> tuple[Any, RecordFile | None]:
    """The record, with the changes appended to it applied, and its file (None if the next
    record must be written whole: none, or a damaged tail)."""
    try:
        # hundreds of thousands of small objects, none in a cycle: with the collector on
        # (MkDocs builds with it on, see generator.collector) loading took 5 times as long
        with path.open("rb") as handle, paused():
            record = pickle.load(handle)
            whole = handle.tell()
            if not isinstance(record, SiteRecord):
                return record, None
            intact = _apply_changes(handle, record)
            stamp = stamp_of(path)
            end = handle.tell()
    except Exception:  # missing, damaged or of another version: the build draws every page
        return None, None
    return record, RecordFile(stamp, whole, end - whole) if intact and stamp else None


def _apply_changes(handle: Any, record: SiteRecord) -> bool:
    """Apply each change appended after the full copy; False at a damaged one (an append
    cut short), where reading stops."""
    while True:
        try:
            change = pickle.load(handle)
        except EOFError:
            return True
        except Exception:
            return False
        if not isinstance(change, RecordChange):
            return False
        record.site_key = change.site_key
        record.pages.update(change.pages)
        for uri in change.gone:
            record.pages.pop(uri, None)
        record.uris = (record.uris - change.uris_removed) | change.uris_added
        record.static = change.static


@dataclass
class Listing:
    """A folder's files (path -> inode) and folders (deepest first), as scandir gave them."""

    files: dict[str, int] = field(default_factory=dict)
    folders: list[str] = field(default_factory=list)


def _listing(folder: str) -> Listing:
    listing = Listing()

    def walk(path: str) -> None:
        try:
            entries = list(os.scandir(path))
        except (FileNotFoundError, NotADirectoryError):
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path)
                listing.folders.append(entry.path)
            else:
                listing.files[entry.path] = entry.inode()

    walk(folder)
    return listing


def _prune(listing: Listing, wanted: dict[str, tuple[str, int]]) -> set[str]:
    """Delete every file of a folder's listing but the wanted ones already in place (the
    same inode); return those. Folders left empty are removed (nothing else writes there
    meanwhile, nor since the listing: see IncrementalPlugin.warm)."""
    present: set[str] = set()
    for path, inode in listing.files.items():
        found = wanted.get(path)
        if found is not None and inode == found[1]:
            present.add(path)
        else:
            os.unlink(path)
    holding = {os.path.dirname(p) for p in present}
    # deepest first, a parent after its children; only a folder left empty is removed (a
    # failing rmdir per kept page cost 0.1 s at 1,000 sources)
    for folder in listing.folders:
        if folder in holding:
            holding.add(os.path.dirname(folder))
        else:
            os.rmdir(folder)
    return present


def _mirror(record: SiteRecord, folder: str, last: str, trash: Path) -> None:
    """Make the spare folder a copy of links to every output the last build recorded, ahead
    of the build (see IncrementalPlugin.warm: while the generator works). The spare holds the
    site before the last build; what this build then redraws is unlinked there, before
    anything is written, as any other file it does not reuse. The last site is not walked,
    only linked from. After a full build every file of the spare differs: unlinking 6,600
    pages and their folders one by one took longer than the generator's whole run at 5,000
    sources, so a spare mostly stale is moved into `trash` at once and deleted by a process
    of its own while a fresh one is linked."""
    wanted: dict[str, tuple[str, int]] = {}
    outputs: list[tuple[str, PageRecord | StaticRecord]] = [*record.pages.items()]
    for dest, output in [*outputs, *record.static.items()]:
        wanted[os.path.normpath(os.path.join(folder, dest))] = (
            os.path.join(last, dest),
            output.stamp[2],
        )
    listing = _listing(folder)
    current = sum(1 for p, inode in listing.files.items() if wanted.get(p, ("", -1))[1] == inode)
    if listing.files and current < len(listing.files) / 2:
        trash.mkdir(parents=True, exist_ok=True)
        os.replace(folder, trash / f"spare-{os.getpid()}-{time.time_ns()}")
        _delete_aside(trash)
        listing = Listing()
    _place(listing, wanted, copy=False)  # a file gone or no hard links: left to the build


def _place(listing: Listing, wanted: dict[str, tuple[str, int]], copy: bool) -> None:
    """A listed folder made to hold exactly the wanted files (path -> (the last build's file,
    its inode)): the others deleted, the missing ones hard-linked from the last build. Where
    a link cannot be made (a file system without hard links), the file is copied if `copy`
    (its record follows the copy), else left out."""
    present = _prune(listing, wanted)
    for path, (last, _) in wanted.items():
        if path not in present:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            try:
                os.link(last, path)
            except OSError:
                if copy:
                    shutil.copy2(last, path)


def _delete_aside(trash: Path) -> None:
    """Delete what lies in trash in a process of its own, not waited for: `rm` with no file
    of this process open (the parent reads this build's result until every copy of its pipe
    is closed), in a session of its own (Ctrl-C on the build does not stop it halfway: the
    next build's trash would take the rest anyway)."""
    import subprocess

    names = sorted(str(p) for p in trash.iterdir())
    if not names:
        return
    with contextlib.suppress(OSError):  # no `rm`: the next build's trash takes it along
        subprocess.Popen(  # noqa: S603
            ["rm", "-rf", "--", *names],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            start_new_session=True,
        )


def _forget_gone_sites(own: Path) -> None:
    """Drop the records of other site folders that are gone (`mkdocs serve` builds into a
    new temporary folder each session); this build's own site may not be in place yet."""
    for named in own.parent.glob("site-*.path"):
        if named == own:
            continue
        with contextlib.suppress(OSError):
            if not Path(named.read_text("utf-8")).exists():
                named.with_suffix(".pickle").unlink(missing_ok=True)
                named.unlink()


def _bytes(path: str | None) -> bytes:
    try:
        return Path(path or "").read_bytes()
    except OSError:  # MkDocs says so when it reads it
        return b""


def _markdown_digest(path: str | None, record: PageRecord | None) -> tuple[Stamp | None, str]:
    """The page's Markdown file stamp and digest ("" for a tags listing, which shows every
    page's tags, or a file that cannot be read): from the record when the stamp is the same."""
    source = stamp_of(path) if path else None
    if source is not None and record is not None and record.source == source:
        return source, record.markdown
    try:
        markdown = Path(path or "").read_bytes()
    except OSError:
        return None, ""
    if TAGS_LISTING in markdown:
        return source, ""
    return source, hashlib.sha256(markdown).hexdigest()


def _entry_json(entry: dict[str, Any]) -> str:
    return json.dumps(entry, separators=(",", ":"), default=str)


# An arrival draws about fifty pages; a first build draws them all, and their HTML would be
# held here until the end of the build (what on_post_page lets go of): indexed in place then.
ASIDE_PAGES = 1000


def _index_aside(index: Any, files: Files, drawn: set[str]) -> Callable[[], str] | None:
    """The search entries of the drawn pages, made by Material's own indexing in a process
    forked now (generator.stages.aside), while this one draws them: parsing each page's HTML
    again was a sixth of the site build after an arrival. The search plugin's indexing is
    switched off here for this build (it still strips its attributes from the HTML). Gives
    {src_uri: the page's entries as the index writes them}, as JSON; None (indexed in place,
    as before) for more than ASIDE_PAGES pages."""
    from generator.stages.aside import made_aside

    pages = [f.page for f in files.documentation_pages() if f.src_uri in drawn and f.page]
    if len(pages) > ASIDE_PAGES:
        return None
    contents = {page.file.src_uri: page.content for page in pages}  # the search plugin's view
    index_page = type(index).add_entry_from_context
    config = index.config

    def entries() -> str:
        made: dict[str, str] = {}
        for page in pages:
            own, drawn_html = type(index)(**config), page.content
            page.content = contents[page.file.src_uri]  # if made here: as it was then
            try:
                index_page(own, page)
            finally:
                page.content = drawn_html
            made[page.file.src_uri] = ",".join(map(_entry_json, own.entries))
        return json.dumps(made)

    aside = made_aside(entries)
    index.add_entry_from_context = lambda page: None
    return aside


def _search_json(index: Any, docs: str, previous: Any = None) -> str:
    """Material's SearchIndex.generate_search_index, byte for byte (json.dumps of
    {"config": ..., "docs": entries} with the same separators), from serialized entries."""
    config = {key: index.config[key] for key in ("lang", "separator", "pipeline", "fields")}
    return f'{{"config":{_entry_json(config)},"docs":[{docs}]}}'


def _list_pages_once(files: Files) -> None:
    """Files.documentation_pages listed once per inclusion level: MkDocs, its plugins and
    this one ask for it nine times a build, and each answer walked every file (0.1 s a build
    at 6,800 pages). Installed once the exclusions are settled (on_nav); a file appended or
    removed later lists them again. Each caller gets its own list."""
    listed: dict[Any, list[File]] = {}
    walk, append, remove = files.documentation_pages, files.append, files.remove

    def documentation_pages(**inclusion: Any) -> list[File]:
        key = tuple(inclusion.items())
        if key not in listed:
            listed[key] = list(walk(**inclusion))
        return list(listed[key])

    def changed(method: Callable[[File], None]) -> Callable[[File], None]:
        def change(file: File) -> None:
            listed.clear()
            method(file)

        return change

    files.documentation_pages = documentation_pages  # type: ignore[method-assign]
    files.append = changed(append)  # type: ignore[method-assign,assignment]
    files.remove = changed(remove)  # type: ignore[method-assign,assignment]


def _answer(value: bool) -> Callable[[], bool]:
    return lambda: value


def _find(files: Files, path: str) -> File | None:
    """files.get_file_from_path without its path parsing for a path already in normal form
    (what MkDocs' link processor passes): tens of thousands of calls per build."""
    found = files.src_uris.get(path)
    return found if found is not None else files.get_file_from_path(path)


def _restore(page: Page, record: PageRecord, files: Files) -> None:
    page.markdown = ""  # read (MkDocs' title logic needs it), never converted
    page.meta = dict(record.meta)
    page._title_from_render = record.title
    page.present_anchor_ids = set(record.anchors)
    links = {}
    for target, anchors in record.anchor_links.items():
        found = _find(files, target)
        if found is not None:
            links[found] = dict(anchors)
    page.links_to_anchors = links


def _plugin_with(config: MkDocsConfig, module: str) -> Any:
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith(module):
            return plugin
    return None


def _search_index(config: MkDocsConfig) -> Any:
    plugin = _plugin_with(config, "material.plugins.search")
    if plugin is None or not plugin.config.enabled:
        return None
    return getattr(plugin, "search_index", None)


def _retag(config: MkDocsConfig, files: Files, reused: set[str]) -> None:
    """Give the tags plugin the reused pages' tags, in the order a full build adds them."""
    plugin = _plugin_with(config, "material.plugins.tags")
    if plugin is None or not plugin.config.enabled or plugin.mappings is None:
        return
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    # a page without tags gets no mapping (Material's add returns at once), and its filter
    # decides nothing: the 6,700 source and list pages at 5,000 sources are passed by
    name = getattr(plugin.config, "tags_name_property", "tags")
    for page in pages:
        if page.meta.get(name) and page.file.src_uri in reused and plugin.filter(page.file):
            plugin.mappings.add(page, "")
    data = plugin.mappings.data
    plugin.mappings.data = {p.url: data[p.url] for p in pages if p.url in data}


def _record_page(record: SiteRecord, file: File, plugin: IncrementalPlugin) -> None:
    reused = plugin.reused.get(file.src_uri)
    if reused is not None:
        record.pages[file.dest_uri] = reused
        return
    drawn = plugin.drawn.get(file.src_uri)
    stamp = stamp_of(file.abs_dest_path)
    if drawn is None or stamp is None:
        return
    record.pages[file.dest_uri] = PageRecord(
        drawn.key,
        stamp,
        drawn.meta,
        drawn.title,
        drawn.anchors,
        drawn.anchor_links,
        _looked(plugin.lookups.get(file.src_uri, set()), drawn.anchor_links),
        drawn.search,
        drawn.source,
        drawn.markdown,
    )


def _looked(paths: set[str], anchor_targets: dict[str, dict[str, str]]) -> frozenset[str]:
    """The paths a page looked up, as MkDocs normalizes them to look them up (see
    Files.get_file_from_path), and the pages it links anchors in."""
    return frozenset({PurePath(p).as_posix() for p in paths} | anchor_targets.keys())


def _record_static(record: SiteRecord, file: File, kept: set[str], previous: SiteRecord) -> None:
    if file.dest_uri in kept:
        record.static[file.dest_uri] = previous.static[file.dest_uri]
        return
    if file.generated_by or file.abs_src_path is None:
        return
    source, stamp = edit_stamp(file.abs_src_path), stamp_of(file.abs_dest_path)
    if source is not None and stamp is not None:
        record.static[file.dest_uri] = StaticRecord(source, stamp)
