"""Stamps and digests shared by the incremental plugin and the publish stage (no MkDocs
import here: `check` and `review` never load MkDocs)."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Mapping
import sys
from pathlib import Path
from typing import Any

SITE_AS = "DOSSIER_SITE_AS"  # the folder a staged build stands for (names its record)
SERVED_AT = "DOSSIER_SERVED_AT"  # set by `serve` for its builds: the address (cli._summary)
VERSIONED = (
    "mkdocs",
    "mkdocs-material",
    "markdown",
    "pymdown-extensions",
    "jinja2",
    "pygments",
    "mkdocs-material-extensions",
)
Stamp = tuple[int, int, int]  # size, mtime_ns, inode


def stamp_of(path: str | Path) -> Stamp | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ino)


def edit_stamp(path: str | Path) -> tuple[int, int, int] | None:
    """Size, modification and change times: an edit in place that puts the old size and
    modification time back (an editor that keeps times, `touch -d`, `cp -p` onto the file)
    still moves the change time, which nothing sets by hand (on Windows st_ctime is the
    creation time: there such an edit goes unseen)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def stable(value: Any) -> Any:
    """value as plain data with no memory addresses in it, for hashing."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping):
        return sorted((str(k), stable(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return [stable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(repr(stable(v)) for v in value)
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
    return f"{type(value).__module__}.{type(value).__qualname__}"


def digest(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def versions() -> list[tuple[str, str]]:
    """The installed version of each package that draws pages, read off the names of the
    .dist-info folders on sys.path (what pip writes: `mkdocs_material-9.8.2.dist-info`):
    importlib.metadata took a twentieth of a second of every build, no-change ones included.
    A package not found that way is asked of importlib.metadata."""
    installed = _dist_info_versions()
    found = []
    for name in VERSIONED:
        version = installed.get(_normal(name)) or _metadata_version(name)
        if version:
            found.append((name, version))
    return found


def _normal(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def _dist_info_versions() -> dict[str, str]:
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in sorted(names):
            if entry.endswith(".dist-info") and "-" in entry:
                name, version = entry[: -len(".dist-info")].split("-", 1)
                found.setdefault(_normal(name), version)  # the first on sys.path wins
    return found


def _metadata_version(name: str) -> str | None:
    from importlib import metadata

    with contextlib.suppress(metadata.PackageNotFoundError):
        return metadata.version(name)
    return None
