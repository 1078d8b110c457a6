"""What the corpus already holds, for `add` to tell an article it has (by its text, however
it is split into lines, or by its original file, byte for byte) from a new one.

Reading every source file for it took most of an `add` at 5,000 sources (0.9 s): what each
file gave is kept in .dossier-cache/ with the file's size, times and inode, and a file is read
again only when they changed, or when it was written so shortly before the last scan that a
change in the same clock tick would not show (as git treats its racily clean entries)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.safe_io import UnsafeFile, inside, read_bytes, write_atomic
from generator.stages.load import is_source_name
from generator.unchanged import settled

SCAN_FILE = "intake-scan.pickle"
SCAN_FORMAT = 3  # 2: body keys fold typography; 3: the change time in the stamp
RACY_NS = 2_000_000_000  # a file this close to the last scan is read again
_ORIGINAL = re.compile(r"^original:\s*['\"]?(.+?)['\"]?\s*$")


# Typography a copy keeps or loses: a page copied from a browser has “curly” quotes where
# its saved HTML or a wire's text file has "straight" ones; the same article either way.
_TYPOGRAPHY = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "–": "-", "—": "-", "‒": "-", "−": "-", "‐": "-", "‑": "-",
    "…": "...",
})  # fmt: skip


def body_key(text: str) -> str:
    """The same article text, however it is split into lines and paragraphs, and whichever
    quotes and dashes it is typed with."""
    return hashlib.sha256(" ".join(text.translate(_TYPOGRAPHY).split()).encode()).hexdigest()


@dataclass(frozen=True)
class Seen:
    """What one source file gave the scan, with its stamp (size, times, inode)."""

    stamp: tuple[int, int, int, int]  # size, modification and change times, inode
    body: str | None  # None: no front matter (the build reports it)
    originals: tuple[str, ...]


@dataclass
class Known:
    """Source id by body hash, and originals by file size (only an original of the same size
    can be the same file: no need to read the rest)."""

    bodies: dict[str, str] = field(default_factory=dict)
    originals: dict[int, list[tuple[Path, str]]] = field(default_factory=dict)

    @classmethod
    def scan(cls, corpus_dir: Path, cache_dir: Path | None = None) -> Known:
        known = cls()
        kept, scanned = _read_scan(cache_dir)
        seen: dict[str, Seen] = {}
        for name in _source_names(corpus_dir / "sources"):
            found = _seen(corpus_dir / "sources" / name, kept.get(name), scanned)
            if found is None:
                continue  # unreadable: the build reports it
            seen[name] = found
            ident = name[: -len(".md")]
            if found.body is not None:
                known.bodies[found.body] = ident
            for original in found.originals:
                known.add_original(corpus_dir, original, ident)
        if cache_dir is not None and seen != kept:
            _write_scan(cache_dir, seen)
        return known

    def add_original(self, corpus_dir: Path, relative: str, ident: str) -> None:
        """Only files inside corpus/originals count: the field is text anybody can edit.

        `originals/<name>` naming a file that is no link lies inside without resolving
        anything (resolving every path cost 1 s of `add` at 5,000 sources); any other
        path (a subfolder, '..', a link) is resolved."""
        original = corpus_dir / relative
        try:
            info = os.lstat(original)
        except OSError:
            return
        parts = Path(relative).parts
        plain = len(parts) == 2 and parts[0] == "originals" and parts[1] != ".."
        if not (plain and not stat.S_ISLNK(info.st_mode)) and not inside(
            original, corpus_dir / "originals"
        ):
            return
        self.originals.setdefault(info.st_size, []).append((original, ident))

    def same_original(self, raw: bytes) -> str | None:
        """The source whose original file is byte for byte this one, if any."""
        for original, ident in self.originals.get(len(raw), []):
            try:
                if read_bytes(original) == raw:
                    return ident
            except UnsafeFile:
                continue
        return None


def _source_names(folder: Path) -> list[str]:
    """The sources of the sources folder (as the build reads them), in name order."""
    try:
        return sorted(name for name in os.listdir(folder) if is_source_name(name))
    except OSError:
        return []


def _seen(path: Path, kept: Seen | None, scanned: int) -> Seen | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    # the change time too: an edit that puts the old modification time back moves it (where
    # change times are not kept, every file is read: see unchanged.settled)
    stamp = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    if kept is not None and kept.stamp == stamp and settled(info, scanned - RACY_NS):
        return kept
    try:
        lines = read_bytes(path).decode("utf-8").split("\n")
    except (UnsafeFile, UnicodeDecodeError):
        return None
    close = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if lines[0].strip() != "---" or close is None:
        return Seen(stamp, None, ())
    originals = tuple(match.group(1) for line in lines[1:close] if (match := _ORIGINAL.match(line)))
    return Seen(stamp, body_key("\n".join(lines[close + 1 :])), originals)


def _read_scan(cache_dir: Path | None) -> tuple[dict[str, Seen], int]:
    """The last scan's files and when it was made; nothing if there is none or it is unreadable
    (it is only a shortcut: the files are read instead)."""
    if cache_dir is None:
        return {}, 0
    try:
        with (cache_dir / SCAN_FILE).open("rb") as handle:
            version, scanned, seen = pickle.load(handle)
    except Exception:  # missing, damaged, or from another version: read the files instead
        return {}, 0
    if version != SCAN_FORMAT or not isinstance(seen, dict) or not isinstance(scanned, int):
        return {}, 0
    return seen, scanned


def _write_scan(cache_dir: Path, seen: dict[str, Seen]) -> None:
    data = pickle.dumps((SCAN_FORMAT, time.time_ns(), seen), protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(OSError):  # a read-only cache folder: the next `add` reads again
        write_atomic(cache_dir / SCAN_FILE, data)
