"""Stage 1, load: read the corpus files into raw records, remembering where each came from.

Nothing here judges the content; syntax problems are collected for validate to report.
A source's front matter is kept as text: validate parses it, and only when the file has
changed since the last build (it caches what each file's text validates to). A source file
that has not changed since it was last read (by its stamp, see STAMPED) is not read again.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.cache import Memo
from generator.errors import Problem
from generator.model import WHOLE_FILE, Location
from generator.safe_io import UnsafeFile, first_control, inside, read_bytes
from generator.unchanged import RACY_NS, settled
from generator.yamlio import parse_yaml

FRONT_MATTER_FENCE = "---"


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


@dataclass
class RawFile:
    """A YAML file's parsed data (None if unreadable) and its display name."""

    name: str
    data: Any


@dataclass
class RawSource:
    name: str
    stem: str
    front: str | None  # the front matter's text; None if the file has none (reported)
    front_line: int
    body: list[str]
    body_first_line: int
    digest: str = ""  # of the file's bytes
    # unread: the file is the one last read with this digest (by its stamp); validate takes
    # what it validated to from the cache, or reads it (path) if that is gone
    path: Path | None = None
    unread: bool = False


@dataclass
class RawCorpus:
    root: Path
    briefing: RawFile
    actors: RawFile
    events: RawFile
    sources: list[RawSource]
    claims: RawFile
    problems: list[Problem] = field(default_factory=list)


def load_corpus(root: Path) -> RawCorpus:
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(Problem(None, f"{display_path(root)}: no corpus folder here"))
    briefing = _load_yaml(root, "briefing.yml", problems, "a title and a summary")
    actors = _load_yaml(root, "actors.yml", problems, "a list of actors")
    events = _load_yaml(root, "events.yml", problems, "a list of events")
    claims_path = root / "claims.yml"  # optional: a dossier may have no contested claims
    claims = (
        _load_yaml(root, "claims.yml", problems, None)
        if os.path.lexists(claims_path) or _near_name(root, "claims.yml")
        else RawFile("", [])
    )
    for kept in ("review.yml", "history.yml"):  # read by review and build, optional too
        near = None if os.path.lexists(root / kept) else _near_name(root, kept)
        if near is not None:
            problems.append(Problem(Location(near, WHOLE_FILE), _rename(near, kept)))
    folder = display_path(root / "sources")
    if os.path.lexists(root / "sources") and not (root / "sources").is_dir():
        where = Location(folder, WHOLE_FILE)
        problems.append(Problem(where, "not a folder; the articles go in it as .md files"))
    # Every source lies in one folder: whether it leads out of the corpus (through a link)
    # is asked once, not once per file (resolving a path costs more than reading the file).
    sources_inside = inside(root / "sources", root)
    settled_ns = time.time_ns() - RACY_NS
    sources = [
        _load_source(path, os.path.join(folder, path.name), problems, sources_inside, settled_ns)
        for path in _markdown_files(root / "sources", problems)
    ]
    return RawCorpus(root, briefing, actors, events, sources, claims, problems)


# An article saved straight into corpus/sources/ (not through `add`) is refused, not skipped
# in silence: the analyst would look for it on the site. Other files (an editor's `x.md~`
# backup) are no articles and are left alone.
_ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".markdown", ".md")


def is_source_name(name: str) -> bool:
    """Whether a file of corpus/sources is a source: a .md file, not hidden (no id holds a
    dot: an editor's lock file `.#x.md`, a dangling link, or a Mac's `._x.md` is none)."""
    return name.endswith(".md") and name[0] != "."


def _markdown_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The folder's .md files in name order (sorted as names: sorting 5,000 Paths compared
    their parts 55,000 times, a tenth of a second); see is_source_name."""
    try:
        found = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    names = sorted(n for n in found if is_source_name(n))
    for name in sorted(found):
        if name[0] != "." and not name.endswith(".md") and name.lower().endswith(_ARTICLE_SUFFIXES):
            where = Location(os.path.join(display_path(folder), name), WHOLE_FILE)
            problems.append(Problem(where, _DROPPED_ARTICLE))
    return [folder / name for name in names]


_DROPPED_ARTICLE = (
    "not read: the sources are the .md files `add` writes; move the article out of corpus/ "
    "and take it in with `python -m generator add FILE` (or delete it)"
)


def read_text(
    path: Path,
    problems: list[Problem],
    name: str | None = None,
    root: Path | None = None,
    parent_inside: bool | None = None,
) -> tuple[str, str] | None:
    """The file's text, normalised, and a hash of its bytes; None if unreadable (reported).

    Read through generator.safe_io: no symbolic link, FIFO or device, nothing over the size
    limit, nothing outside root (the corpus folder) when given; no control characters.
    parent_inside: whether the file's folder lies inside root, when the caller knows."""
    name = name or display_path(path)
    try:
        if parent_inside is None and root is not None:
            parent_inside = inside(path.parent, root)
        if parent_inside is False:
            raise UnsafeFile("lies outside the corpus folder (through a linked folder): not read")
        raw = read_bytes(path)
    except UnsafeFile as exc:
        problems.append(Problem(Location(name, WHOLE_FILE), f"{exc}"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(Location(name, line), "not valid UTF-8 text; save the file as UTF-8")
        )
        return None
    normalised = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    control = first_control(normalised)
    if control is not None:
        problems.append(
            Problem(
                Location(name, control[0]),
                f"control character {control[1]} in the text; delete it "
                "(only tabs and line breaks are allowed)",
            )
        )
        return None
    return normalised, hashlib.sha256(raw).hexdigest()


def _load_yaml(root: Path, file: str, problems: list[Problem], holds: str | None) -> RawFile:
    """holds: what the file must give (an empty file is reported); None: it may be empty."""
    path = root / file
    name = display_path(path)
    if not os.path.lexists(path):
        near = _near_name(root, file)
        if near is not None:
            problems.append(Problem(Location(near, WHOLE_FILE), _rename(near, file)))
        else:
            problems.append(
                Problem(
                    Location(name, WHOLE_FILE), "missing file; create it (see corpus/README.md)"
                )
            )
        return RawFile(name, None)
    read = read_text(path, problems, name, root)
    if read is None:
        return RawFile(name, None)
    data, found = parse_yaml(read[0], name)
    problems.extend(found)
    if data is None and not found:
        if holds is None:
            return RawFile(name, [])
        message = f"the file is empty; it must give {holds} (see corpus/README.md)"
        problems.append(Problem(Location(name, WHOLE_FILE), message))
    return RawFile(name, data)


def _near_name(root: Path, file: str) -> str | None:
    """The corpus file under a near name (actors.yaml, Actors.yml), which is not read."""
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return None
    stem = file.removesuffix(".yml")
    near = (n for n in names if n != file and n.lower() in (f"{stem}.yml", f"{stem}.yaml"))
    return next((display_path(root / n) for n in near), None)


def _rename(near: str, file: str) -> str:
    wanted = os.path.join(os.path.dirname(near), file)
    return f"not read: dossier reads {file} only; rename it (mv {near} {wanted})"


# What a source file held when it was last read, by its stamp: its name, size, modification
# and change times, inode and device. A file with the stamp of one read before is that file,
# as git trusts its index, unless it changed within RACY_NS of the reading (a second edit in
# the same tick of the file system's clock keeps the size and the time): such a file is read
# every time until it has settled; on Windows, which has no change time, every time. At
# 5,000 sources reading and checking every file was a tenth of an arrival's build.
STAMPED: Memo[str] = Memo("stamped", __name__)


def _load_source(
    path: Path, name: str, problems: list[Problem], parent_inside: bool, settled_ns: int
) -> RawSource:
    stamp = _settled_stamp(path, settled_ns) if parent_inside else None
    known = STAMPED.get(stamp) if stamp is not None else None
    if known is not None:
        return RawSource(name, path.stem, None, 1, [], 1, known, path, unread=True)
    return load_source(path, name, problems, parent_inside, stamp)


def _settled_stamp(path: Path, settled_ns: int) -> str | None:
    """The stamp of a regular file last changed before settled_ns; None for any other
    (and for every file where change times are not kept: see unchanged.settled)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or not settled(info, settled_ns):
        return None
    return (
        f"{path.name}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:"
        f"{info.st_ino}:{info.st_dev}"
    )


def load_source(
    path: Path,
    name: str,
    problems: list[Problem],
    parent_inside: bool,
    stamp: str | None = None,
) -> RawSource:
    """A source file read; stamp: the file's settled stamp, under which it is known if it
    reads without a problem (see STAMPED)."""
    read = read_text(path, problems, name, None, parent_inside)
    if read is None:
        return RawSource(name, path.stem, None, 1, [], 1)
    source, found = split_source(read[0], name, path.stem, read[1])
    problems.extend(found)
    if stamp is not None and not found:
        STAMPED.put(stamp, read[1])
    return source


def split_source(
    text: str, name: str, stem: str, file_digest: str = ""
) -> tuple[RawSource, list[Problem]]:
    """A source file's text into its front matter and body (what `add` writes, read back)."""
    lines = text.split("\n")
    if not text.strip():
        problem = Problem(
            Location(name, WHOLE_FILE),
            f"the file is empty; restore the source (git checkout -- {name}) or delete it "
            "(new articles go in with `python -m generator add FILE`)",
        )
        return RawSource(name, stem, None, 1, lines, 1), [problem]
    if lines[0].strip() != FRONT_MATTER_FENCE:
        problem = Problem(
            Location(name, 1),
            "no front matter: the file must start with a '---' line, then YAML "
            "metadata (id, title, outlet, published, language), then '---' (an article "
            "saved here by hand? move it out of corpus/ and take it in with "
            "`python -m generator add FILE`)",
        )
        return RawSource(name, stem, None, 1, lines, 1), [problem]
    close = next((i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER_FENCE), 0)
    if not close:
        problem = Problem(
            Location(name, 1), "front matter is never closed: add a '---' line after it"
        )
        return RawSource(name, stem, None, 1, [], 1), [problem]
    front = "\n".join(lines[1:close])
    return RawSource(name, stem, front, 2, lines[close + 1 :], close + 2, file_digest), []
