"""Stage 6, write: put rendered pages into docs/, touching only what changed.

A manifest (docs/.dossier-manifest.json; MkDocs ignores dot files) lists the generated files,
so stale ones can be removed while hand-written pages are never touched. For a keyed page
(see generator.pages) it also records the key and the size written; with the file's
modification time as write last left it (kept by the caller: the build keeps it in
.dossier-cache/), a page whose key, size and time all still match is known to be unchanged
without drawing it. A page edited by hand, or left half-done by an interrupted build, has
another time, so it is drawn and compared again.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import LAST_GOOD_KEPT, BuildError, WriteError
from generator.pages import Pages
from generator.safe_io import inside, stage, stage_link

MANIFEST = ".dossier-manifest.json"


@dataclass
class WriteReport:
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def written(self) -> int:
        return len(self.new) + len(self.changed)

    def summary(self) -> str:
        return (
            f"{len(self.new)} new, {len(self.changed)} changed, {len(self.removed)} removed, "
            f"{self.unchanged} unchanged"
        )


Record = tuple[str, int] | None  # (key, size) of a keyed page as last written
Stamps = dict[str, int]  # keyed page -> st_mtime_ns of its file as write last left it


# What a generated page's path looks like: folders and a file name of plain characters, no
# '..', no leading '/' or dot. The manifest is a file anybody can edit; only such paths in
# it are ever removed, so no entry can reach outside docs/ (or a hidden file inside it).
_PAGE_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")


def page_path(path: object) -> str | None:
    """path when it can be a generated page's path inside docs/, else None."""
    if not isinstance(path, str) or not _PAGE_PATH.fullmatch(path):
        return None
    if any(part in (".", "..") or part.startswith("..") for part in path.split("/")):
        return None
    return path


def read_manifest(docs_dir: Path) -> dict[str, Record]:
    try:
        data = json.loads((docs_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    if isinstance(data, list):  # the first format: paths only
        return {path: None for path in data if page_path(path)}
    if not isinstance(data, dict):
        return {}
    return {path: _record(record) for path, record in data.items() if page_path(path)}


def _record(value: Any) -> Record:
    """A (key, size) record; anything else (a damaged manifest) is no record at all."""
    if isinstance(value, list) and len(value) == 2:
        key, size = value
        if isinstance(key, str) and isinstance(size, int):
            return (key, size)
    return None


def find_conflicts(pages: Mapping[str, str], docs_dir: Path, generated: set[str]) -> list[str]:
    """Generated paths that would overwrite a hand-written file."""
    conflicts = []
    for path in pages:
        target = docs_dir / path
        if path in generated or not target.exists():
            continue
        if not target.is_file() or target.read_bytes() != pages[path].encode("utf-8"):
            conflicts.append(path)
    return conflicts


def write_docs(
    pages: Mapping[str, str], docs_dir: Path, stamps: Stamps | None = None
) -> WriteReport:
    """stamps: updated in place. Without it, a keyed page's key and size are trusted alone
    (for a folder nobody edits by hand, such as a fresh copy).

    Every changed page is first written to a temporary file beside its target; only when all
    of them are written are they renamed into place, so a full disk or a read-only folder
    leaves docs/ as it was."""
    return plan_docs(pages, docs_dir, stamps).commit()


@dataclass
class DocsPlan:
    """What writing pages into docs_dir will change, found without writing anything (the
    build finds it while MkDocs draws the site, and commits it once the site is built)."""

    docs_dir: Path
    stamps: Stamps | None
    previous: dict[str, Record]
    records: dict[str, Record]
    changed: dict[str, bytes]
    report: WriteReport

    def commit(self, twins: Path | None = None) -> WriteReport:
        """twins: see _put_in_place."""
        docs_dir, stamps, records, changed = self.docs_dir, self.stamps, self.records, self.changed
        _put_in_place(changed, docs_dir, twins)
        if stamps is not None:
            for path in records:
                if records[path] is not None and (path in changed or path not in stamps):
                    stamps[path] = (docs_dir / path).stat().st_mtime_ns
            for path in stamps.keys() - records.keys():
                del stamps[path]
        for path in sorted(self.previous.keys() - records.keys()):
            target = docs_dir / path
            if target.is_file() and inside(target, docs_dir):
                target.unlink()
                self.report.removed.append(path)
                _remove_empty_parents(target.parent, docs_dir)
        return self.report


def plan_docs(pages: Mapping[str, str], docs_dir: Path, stamps: Stamps | None = None) -> DocsPlan:
    """What write_docs(pages, docs_dir, stamps) would write; raises BuildError for a page
    that would overwrite a hand-written file."""
    previous = read_manifest(docs_dir)
    conflicts = find_conflicts(pages, docs_dir, set(previous))
    if conflicts:
        # docs/…, not the staged copy the site is built from (.dossier-cache/stage/docs)
        listed = ", ".join(f"docs/{c}" for c in conflicts[:5])
        raise BuildError(
            f"{listed}{' …' if len(conflicts) > 5 else ''}: a hand-written file stands where "
            f"dossier generates a page; rename or move it (if docs/{MANIFEST}, the list of "
            "the pages dossier wrote, was deleted: restore it, or delete these pages)"
        )
    report = WriteReport()
    records: dict[str, Record] = {}
    changed: dict[str, bytes] = {}
    for path in pages:
        target = docs_dir / path
        key = pages.key(path) if isinstance(pages, Pages) else None
        stamp = None if stamps is None else stamps.get(path, -1)
        if key is not None and _still_written(target, key, previous.get(path), stamp):
            records[path] = previous[path]
            report.unchanged += 1
            continue
        data = pages[path].encode("utf-8")
        records[path] = (key, len(data)) if key is not None else None
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
        else:
            (report.changed if target.is_file() else report.new).append(path)
            changed[path] = data
    manifest = (json.dumps(records, indent=0, sort_keys=True) + "\n").encode("utf-8")
    manifest_path = docs_dir / MANIFEST
    if not manifest_path.is_file() or manifest_path.read_bytes() != manifest:
        changed[MANIFEST] = manifest
    return DocsPlan(docs_dir, stamps, previous, records, changed, report)


def _put_in_place(files: dict[str, bytes], docs_dir: Path, twins: Path | None = None) -> None:
    """Write every file to a temporary beside it, then rename them all; on OSError remove
    the temporaries and the folders made for them and raise BuildError. twins: a folder
    that may hold the very same files (the staged docs/ the site was built from): those
    are hard-linked, so both folders share them and the next staging keeps them."""
    made: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            target = docs_dir / path
            _make_folders(target.parent, docs_dir, made)
            if not inside(target.parent, docs_dir):
                raise BuildError(f"{target.parent}: a link out of docs/; remove it")
            twin = _twin(twins / path, data) if twins is not None else None
            staged.append((stage_link(target, twin) if twin else stage(target, data), target))
        for temporary, target in staged:
            os.replace(temporary, target)
    except BaseException as exc:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)  # the ones not renamed yet
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty
        if not isinstance(exc, OSError):
            raise
        raise WriteError(exc, docs_dir, LAST_GOOD_KEPT) from None


def _twin(path: Path, data: bytes) -> Path | None:
    """path, if it is a plain file holding exactly data."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size != len(data):
            return None
        return path if path.read_bytes() == data else None
    except OSError:
        return None


def _make_folders(folder: Path, docs_dir: Path, made: list[Path]) -> None:
    missing = []
    while not folder.is_dir() and folder != docs_dir.parent:
        missing.append(folder)
        folder = folder.parent
    for parent in reversed(missing):
        parent.mkdir()
        made.append(parent)


def _still_written(target: Path, key: str, record: Record, stamp: int | None) -> bool:
    """The file holds what this key draws: written from the same key, same size (and, with
    a stamp, not touched since)."""
    if record is None or record[0] != key:
        return False
    try:
        found = target.stat()
    except OSError:
        return False
    return found.st_size == record[1] and (stamp is None or found.st_mtime_ns == stamp)


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
