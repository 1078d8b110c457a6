"""Stamps and digests shared by the incremental plugin and the publish stage (no MkDocs
import here: `check` and `review` never load MkDocs)."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

SITE_AS = "DOSSIER_SITE_AS"  # the folder a staged build stands for (names its record)
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
    found = []
    for name in VERSIONED:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found.append((name, metadata.version(name)))
    return found
