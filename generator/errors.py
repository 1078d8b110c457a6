"""The library's exception family; the CLI turns these into one-line errors and exit codes."""

from __future__ import annotations

import errno
import os
import re
import shlex
from collections.abc import Iterable
from pathlib import Path

from generator.model import Location


class DossierError(Exception):
    """Base of every error the generator reports to a user."""

    exit_code = 1


class Problem:
    """One thing wrong with the corpus, at a file and line."""

    __slots__ = ("location", "message")

    def __init__(self, location: Location | None, message: str) -> None:
        self.location = location
        self.message = message

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message

    def sort_key(self) -> tuple[str, int, str]:
        loc = self.location
        return (loc.file if loc else "", loc.line if loc else 0, self.message)


class CorpusError(DossierError):
    """The corpus is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the corpus")

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class BuildError(DossierError):
    """Writing the docs or building the site failed; the previous output is left intact."""


# What to do about a folder the build cannot write in, by the error's cause ({folder}: as the
# user would type it). Other causes get the system's own words only.
_WRITE_FIXES = {
    errno.EACCES: "make it writable: chmod -R u+w {folder}, or build as its owner",
    errno.EPERM: "make it writable: chmod -R u+w {folder}, or build as its owner",
    errno.EROFS: "a read-only file system: build a copy of the project on a writable one",
    errno.ENOSPC: "free some disk space: a build needs room for a second copy of site/",
    errno.EDQUOT: "free some space within your disk quota",
    errno.EEXIST: "",  # a file where a folder must be: see _in_the_way
    errno.ENOTDIR: "",
}


LAST_GOOD_KEPT = "the last good docs/ and site/ are left as they were"


def is_write_error(exc: OSError) -> bool:
    """Whether the error is one the user fixes on the folder (rights, a read-only or full disk)."""
    return exc.errno in _WRITE_FIXES


def shown(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it
    (as stages.load.display_path, which cannot be imported here: it imports this module)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return str(path) if rel.startswith("..") else rel


def cannot_write(exc: OSError, folder: Path, kept: str = "") -> str:
    """One line for an OSError met writing in folder: `folder/: what (fix; kept)`."""
    if exc.errno in (errno.EEXIST, errno.ENOTDIR) and exc.filename:
        blocking = _in_the_way(Path(exc.filename))
        hint = "; ".join(h for h in ("move it away", kept) if h)
        return f"{shown(blocking)}: a file where dossier needs a folder ({hint})"
    name = shown(folder) + "/"
    what = (
        f"cannot write {shown(_target(Path(exc.filename)))}"
        if exc.filename
        else "cannot write in it"
    )
    fix = _WRITE_FIXES.get(exc.errno or 0, "")
    hint = "; ".join(h for h in (fix.format(folder=shlex.quote(shown(folder))), kept) if h)
    return f"{name}: {what}: {exc.strerror or exc}" + (f" ({hint})" if hint else "")


# The temporary a file is first written to (generator.safe_io.stage: `.NAME.xxxxxxxx.tmp`,
# NAME cut at 60 characters): the user knows the file by its own name
_TEMPORARY = re.compile(r"\.(.{1,59})\.[a-z0-9_]{8}\.tmp")


def _target(path: Path) -> Path:
    found = _TEMPORARY.fullmatch(path.name)
    return path.with_name(found.group(1)) if found else path


def _in_the_way(path: Path) -> Path:
    """The first of path and its folders that is there but no folder (else path)."""
    return next((p for p in (*reversed(path.parents), path) if p.exists() and not p.is_dir()), path)


def top_folder(path: Path, root: Path) -> Path:
    """The folder directly in root that path lies in (docs/, site/, the cache…); path's own
    folder when it lies outside root, root itself for a file in it."""
    try:
        parts = path.resolve().relative_to(root.resolve()).parts
    except ValueError:
        return path.parent
    return root / parts[0] if len(parts) > 1 else root


class WriteError(BuildError):
    """An OSError met writing a folder (read-only, not ours, a full disk): one line naming
    the folder, the cause and the fix. kept: what the failure left as it was."""

    def __init__(self, exc: OSError, folder: Path, kept: str = "") -> None:
        self.error, self.folder = exc, folder
        super().__init__(cannot_write(exc, folder, kept))
