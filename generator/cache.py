"""A persistent cache of per-source work, so that adding one article redoes little.

Entries are keyed by a hash of exactly what produced them (a source's text and metadata,
the actors, the events...) plus a hash of the generator's own code and templates, so a stale
entry can never be used: a changed input is a different key. Results with and without the
cache are identical (tested); the cache only saves time. Delete .dossier-cache/ at will.

Stages never hold the cache. Each kind of cached work is declared once, next to the code
that makes it, as a `Memo` (a namespace of the store): `LINKS = Memo("links")`, then
`LINKS.get_or_make(key, make)`. The run's store is opened by the orchestrator
(`with using(Cache(folder)):`, then `save()`); outside one (tests, scripts), each run
(`fresh_run()`, called by `check` and `generate`) gets a new in-memory store that lives
until the next run, so that pages drawn lazily after `generate` returns still find it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, Generic, TypeVar

T = TypeVar("T")
CACHE_FILE = "cache.pickle"


PACKAGE = Path(__file__).resolve().parent


def code_version(package: Path = PACKAGE) -> str:
    """A hash of the generator's code and templates, and of the Python and Jinja2 that run
    them: any change starts a fresh cache and new page keys. Checked on every call (a serve
    session reloads edited templates), hashed again only when a file's size or time moved."""
    files = sorted(
        [*package.glob("**/*.py"), *package.glob("templates/*.j2"), *package.glob("**/data/*")]
    )  # data/: word lists the rules read (demonyms change which mentions link finds)
    stamps = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    return _code_hash(tuple(files), stamps)


@lru_cache(maxsize=4)
def _code_hash(files: tuple[Path, ...], stamps: tuple[tuple[str, int, int], ...]) -> str:
    hashed = hashlib.sha256(f"{sys.version_info[:3]} jinja2 ".encode())
    hashed.update(_jinja_stamp())
    for path in files:
        hashed.update(path.name.encode())
        hashed.update(path.read_bytes())
    return hashed.hexdigest()


def _jinja_stamp() -> bytes:
    """Jinja2's __init__.py, which holds its __version__: without importing Jinja2 (a fifth
    of a build's start) or importlib.metadata (a thirtieth of a second)."""
    spec = importlib.util.find_spec("jinja2")
    if spec is None or spec.origin is None:
        return b""
    try:
        return Path(spec.origin).read_bytes()
    except OSError:
        return b""


def digest(*parts: object) -> str:
    """A stable key for values whose repr is deterministic (frozen dataclasses, tuples, str)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def source_key(source: Any) -> str:
    """A key for everything a Source holds: its file's hash, when it came from a file."""
    return str(source.file_digest or digest(source))


class Cache:
    """Namespaced key -> value store, loaded once and saved once per run.

    Values are kept pickled one by one and unpickled only when asked for: a build that
    touches one new article should not pay for decoding the other thousand. The file is a
    full copy followed by what later runs added and dropped: a run appends its few new
    entries instead of writing every entry again (86 MB at 5,000 sources), and writes a
    fresh full copy when the appended part has grown as large as what is still in use.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.entries: dict[tuple[str, str], bytes] = {}
        self.values: dict[tuple[str, str], Any] = {}
        self.used: set[tuple[str, str]] = set()
        self.touched: set[str] = set()  # namespaces this run looked at
        self.dirty = False
        self.on_disk = 0  # bytes of a file this run may append to; 0: write a full copy
        self.fresh: set[tuple[str, str]] = set()  # made or put since the last save
        self.saved_touched: frozenset[str] | None = None  # by the last save of this run
        if folder is not None:
            self._load(folder / CACHE_FILE)

    def _load(self, path: Path) -> None:
        try:
            with path.open("rb") as handle:
                version, entries = pickle.load(handle)
                if version != code_version() or not isinstance(entries, dict):
                    return
                self.entries = entries
                whole = self._load_appended(handle, entries)
                self.on_disk = handle.tell() if whole else 0
        except Exception:  # no cache, or an unreadable one (damaged, another version): afresh
            return

    @staticmethod
    def _load_appended(handle: BinaryIO, entries: dict[tuple[str, str], bytes]) -> bool:
        """Apply what later runs appended; False if the file ends in a damaged part (an
        interrupted run): what came before it is used, and the next save writes afresh."""
        while True:
            try:
                added, dropped = pickle.load(handle)
            except EOFError:
                return True
            except (pickle.UnpicklingError, ValueError, TypeError, AttributeError):
                return False
            entries.update(added)
            for entry in dropped:
                entries.pop(entry, None)

    def get_or_make(self, namespace: str, key: str, make: Callable[[], T]) -> T:
        entry = (namespace, key)
        found, value = self._lookup(entry)
        if found:
            return value  # type: ignore[no-any-return]
        value = make()
        self.values[entry] = value
        self.used.add(entry)
        self.fresh.add(entry)
        self.dirty = True
        return value

    def get(self, namespace: str, key: str) -> Any:
        """The entry's value, kept for later runs; None if there is none (or it is damaged)."""
        return self._lookup((namespace, key))[1]

    def _lookup(self, entry: tuple[str, str]) -> tuple[bool, Any]:
        """Whether the entry is there (decoded once), and its value; if so, it is kept."""
        self.touched.add(entry[0])
        if entry in self.values:
            self.used.add(entry)
            return True, self.values[entry]
        if entry in self.entries:
            try:
                value = pickle.loads(self.entries[entry])
            except Exception:  # a damaged entry is remade, never trusted
                del self.entries[entry]
            else:
                self.values[entry] = value
                self.used.add(entry)
                return True, value
        return False, None

    def keep(self, namespace: str, key: str) -> None:
        """Keep an entry, if there is one, for later runs without decoding it."""
        entry = (namespace, key)
        self.touched.add(namespace)
        if entry in self.entries or entry in self.values:
            self.used.add(entry)

    def put(self, namespace: str, key: str, value: Any) -> None:
        entry = (namespace, key)
        self.used.add(entry)
        self.touched.add(namespace)
        self.entries.pop(entry, None)
        self.values[entry] = value
        self.fresh.add(entry)
        self.dirty = True

    def save(self) -> None:
        """Write what this run used, if anything is new. Entries of a namespace the run used
        and not these ones are dropped; namespaces it never looked at (review draws no
        pictures) are kept whole."""
        if self.folder is None or self._append_fresh(self.folder / CACHE_FILE):
            return
        kept_entries = self.used | {e for e in self.entries if e[0] not in self.touched}
        if not self.dirty and kept_entries >= self.entries.keys():
            return
        added = {
            entry: pickle.dumps(self.values[entry], protocol=pickle.HIGHEST_PROTOCOL)
            for entry in sorted(kept_entries - self.entries.keys())
        }
        dropped = sorted(self.entries.keys() - kept_entries)
        kept = sum(len(self.entries[e]) for e in kept_entries if e in self.entries)
        appended = pickle.dumps((added, dropped), protocol=pickle.HIGHEST_PROTOCOL)
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / CACHE_FILE
        if self.on_disk and self.on_disk + len(appended) < 2 * (kept + len(appended)):
            with path.open("ab") as handle:
                if handle.tell() == self.on_disk:  # the file this run read, unchanged
                    handle.write(appended)
                    self._saved({**self.entries, **added}, dropped, handle.tell())
                    return
        whole = {entry: self.entries.get(entry) or added[entry] for entry in sorted(kept_entries)}
        temporary = self.folder / f".{CACHE_FILE}.tmp"
        with temporary.open("wb") as handle:
            pickle.dump((code_version(), whole), handle, protocol=pickle.HIGHEST_PROTOCOL)
            size = handle.tell()
        os.replace(temporary, path)
        self._saved(whole, [], size)

    def _append_fresh(self, path: Path) -> bool:
        """A later save of the same run (a build saves while MkDocs draws the site, and at
        its end): if the run has looked at no other namespace since, nothing is dropped, and
        what was made since is appended (sorting out every entry again took 0.1 s at 5,000
        sources). False: a full save decides."""
        touched = self.saved_touched
        if touched is None or not self.on_disk or not self.touched <= touched:
            return False
        if not self.fresh:
            return True
        added = {
            entry: pickle.dumps(self.values[entry], protocol=pickle.HIGHEST_PROTOCOL)
            for entry in sorted(self.fresh)
        }
        with path.open("ab") as handle:
            if handle.tell() != self.on_disk:  # not the file this run wrote
                return False
            handle.write(pickle.dumps((added, []), protocol=pickle.HIGHEST_PROTOCOL))
            self.entries.update(added)
            self.on_disk = handle.tell()
        self.fresh.clear()
        self.dirty = False
        return True

    def _saved(self, entries: dict[tuple[str, str], bytes], dropped: list[Any], size: int) -> None:
        """What the file holds now: a later save (a build saves once while MkDocs draws the
        site, and again at its end) appends only what came after."""
        for entry in dropped:
            entries.pop(entry, None)
        self.entries = entries
        self.on_disk = size
        self.dirty = False
        self.fresh.clear()
        self.saved_touched = frozenset(self.touched)


_active: ContextVar[Cache | None] = ContextVar("dossier_cache", default=None)
_fallback = Cache()  # outside `using`: the latest run's in-memory store (see fresh_run)


@contextmanager
def using(cache: Cache) -> Iterator[Cache]:
    """Make cache the store of every Memo for the duration (the caller saves it)."""
    token = _active.set(cache)
    try:
        yield cache
    finally:
        _active.reset(token)


def current() -> Cache:
    """The store in use: the one opened by `using`, else the latest run's in-memory one."""
    return _active.get() or _fallback


def fresh_run() -> None:
    """A new run begins: outside `using`, forget the previous run's in-memory store (a
    persistent store, opened by the orchestrator, is kept)."""
    global _fallback
    if _active.get() is None:
        _fallback = Cache()


NAMESPACES: dict[str, str] = {}  # namespace -> the module that declared it


class Memo(Generic[T]):
    """One namespace of the store, declared once (a second declaration is an error: one
    owner per kind of cached work). Keys must hash exactly what the value is made from."""

    def __init__(self, namespace: str, owner: str) -> None:
        if namespace in NAMESPACES:
            raise ValueError(f"cache namespace '{namespace}' declared twice")
        NAMESPACES[namespace] = owner
        self.namespace = namespace

    def get_or_make(self, key: str, make: Callable[[], T]) -> T:
        return current().get_or_make(self.namespace, key, make)

    def get(self, key: str) -> T | None:
        """The entry's value, if there is one (nothing is made)."""
        return current().get(self.namespace, key)  # type: ignore[no-any-return]

    def keep(self, key: str) -> None:
        """Keep the entry for later runs without decoding it."""
        current().keep(self.namespace, key)

    def put(self, key: str, value: T) -> None:
        current().put(self.namespace, key, value)
