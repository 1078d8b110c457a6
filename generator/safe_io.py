"""The one place that reads corpus and article files, and the one place that writes files.

Reading never follows a symbolic link, never opens a FIFO, socket or device (which could
block forever or read something outside the project), and never takes more than a size
limit. Writing goes through a temporary file in the target's folder and one rename, so a
reader (or an interrupted run) sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

MAX_BYTES = 5 * 1024 * 1024  # an article, or a corpus file: the documented limit
# review.yml and history.yml, which dossier writes and which grow with the corpus (history.yml:
# about 0.6 MB at 5,000 sources, estimated): far above what they reach
RECORD_MAX_BYTES = 64 * 1024 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO opened for reading must not wait for a writer

# C0 controls other than tab, newline, carriage return and form feed; DEL; C1 controls.
# They are invisible, break XML (the feed) and mean a file is not plain text.
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class UnsafeFile(Exception):
    """A file that is not read (or written); the message is one line saying why."""


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file that is not a symbolic link, at most `limit` of them."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise UnsafeFile(f"cannot read file: {exc.strerror or exc}") from None
    _check_kind(info)
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafeFile(_LINK) from None
        raise UnsafeFile(f"cannot read file: {exc.strerror or exc}") from None
    try:
        opened = os.fstat(fd)  # the file actually opened, if it changed since lstat
        _check_kind(opened)
        if opened.st_size > limit:
            raise UnsafeFile(_too_large(opened.st_size, limit))
        data = _read_at_most(fd, limit + 1)
    except OSError as exc:
        raise UnsafeFile(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise UnsafeFile(_too_large(len(data), limit))
    return data


def read_stream(stream: BinaryIO, limit: int = MAX_BYTES) -> bytes:
    """At most `limit` bytes of a stream (an article piped into `add -`), which has no size
    to look at first: one byte more is read to know that it is larger."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UnsafeFile(f"not an article: more than the {limit / 1024 / 1024:.0f} MB limit")
    return data


_LINK = "a symbolic link: not followed (copy the file it points to instead)"


def _check_kind(info: os.stat_result) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeFile(_LINK)
    if stat.S_ISDIR(info.st_mode):
        raise UnsafeFile("a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFile("not a regular file (a FIFO, socket or device): not read")


def _too_large(size: int, limit: int) -> str:
    return (
        f"not an article: {size / 1024 / 1024:.1f} MB is larger than the "
        f"{limit / 1024 / 1024:.0f} MB limit"
    )


def _read_at_most(fd: int, count: int) -> bytes:
    chunks: list[bytes] = []
    left = count
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def inside(path: Path, folder: Path) -> bool:
    """path, with every link resolved, lies within folder (also resolved)."""
    try:
        resolved = path.resolve()
        base = folder.resolve()
    except (OSError, RuntimeError):
        return False
    return resolved == base or base in resolved.parents


def first_control(text: str) -> tuple[int, str] | None:
    """(line, character) of the first control character in text, if any."""
    match = CONTROLS.search(text)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1, f"U+{ord(match.group()):04X}"


def strip_controls(text: str) -> str:
    return CONTROLS.sub("", text)


def write_atomic(target: Path, data: bytes) -> None:
    """Write data to target through a temporary file in the same folder and one rename.

    OSError (disk full, read-only folder) leaves target as it was and no temporary behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = stage(target, data)
    try:
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def stage_link(target: Path, source: Path) -> Path:
    """A new hard link to source beside target (its folder must exist), for a later
    os.replace; on OSError nothing is left behind."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name[:60]}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        temporary.unlink()  # the name is ours while the build lock is held
        os.link(source, temporary, follow_symlinks=False)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def stage(target: Path, data: bytes) -> Path:
    """data in a new temporary file beside target (its folder must exist), for a later
    os.replace; on OSError nothing is left behind."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name[:60]}.", suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary
