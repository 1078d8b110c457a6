"""Stage 6, write: put rendered pages into docs/, touching only what changed.

A manifest (docs/.dossier-manifest.json; MkDocs ignores dot files) lists the generated files,
so stale ones can be removed while hand-written pages are never touched. For a keyed page
(see generator.pages) it also records the key and the size written: when both still match,
the page is known to be unchanged without drawing it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import BuildError
from generator.pages import Pages

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


def read_manifest(docs_dir: Path) -> dict[str, Record]:
    try:
        data = json.loads((docs_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(data, list):  # the first format: paths only
        return {str(path): None for path in data}
    if not isinstance(data, dict):
        return {}
    return {
        str(path): (str(record[0]), int(record[1])) if isinstance(record, list) else None
        for path, record in data.items()
    }


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


def write_docs(pages: Mapping[str, str], docs_dir: Path) -> WriteReport:
    previous = read_manifest(docs_dir)
    conflicts = find_conflicts(pages, docs_dir, set(previous))
    if conflicts:
        listed = ", ".join(str(docs_dir / c) for c in conflicts[:5])
        raise BuildError(
            f"{listed}{' …' if len(conflicts) > 5 else ''}: a hand-written file stands where "
            "dossier generates a page; rename or move it"
        )
    report = WriteReport()
    records: dict[str, Record] = {}
    for path in pages:
        target = docs_dir / path
        key = pages.key(path) if isinstance(pages, Pages) else None
        if key is not None and _still_written(target, key, previous.get(path)):
            records[path] = previous[path]
            report.unchanged += 1
            continue
        data = pages[path].encode("utf-8")
        records[path] = (key, len(data)) if key is not None else None
        if target.is_file():
            if target.read_bytes() == data:
                report.unchanged += 1
                continue
            report.changed.append(path)
        else:
            report.new.append(path)
        write_atomic(target, data)
    for path in sorted(previous.keys() - records.keys()):
        target = docs_dir / path
        if target.is_file():
            target.unlink()
            report.removed.append(path)
            _remove_empty_parents(target.parent, docs_dir)
    manifest = (json.dumps(records, indent=0, sort_keys=True) + "\n").encode("utf-8")
    manifest_path = docs_dir / MANIFEST
    if not manifest_path.is_file() or manifest_path.read_bytes() != manifest:
        write_atomic(manifest_path, manifest)
    return report


def _still_written(target: Path, key: str, record: Record) -> bool:
    """The file holds what this key draws: it was written from the same key, same size."""
    if record is None or record[0] != key:
        return False
    try:
        return target.stat().st_size == record[1]
    except OSError:
        return False


def write_atomic(target: Path, data: bytes) -> None:
    """Write through a temporary file and rename, so no reader sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
