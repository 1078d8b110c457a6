"""Stage 6, write: put rendered pages into docs/, touching only what changed.

A manifest (docs/.dossier-manifest.json; MkDocs ignores dot files) lists the generated files,
so stale ones can be removed while hand-written pages are never touched.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import BuildError

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


def read_manifest(docs_dir: Path) -> set[str]:
    try:
        return set(json.loads((docs_dir / MANIFEST).read_text("utf-8")))
    except (OSError, ValueError):
        return set()


def find_conflicts(pages: dict[str, str], docs_dir: Path) -> list[str]:
    """Generated paths that would overwrite a hand-written file."""
    generated = read_manifest(docs_dir)
    conflicts = []
    for path, content in pages.items():
        target = docs_dir / path
        in_the_way = path not in generated and target.exists()
        if in_the_way and (not target.is_file() or target.read_bytes() != content.encode("utf-8")):
            conflicts.append(path)
    return conflicts


def write_docs(pages: dict[str, str], docs_dir: Path) -> WriteReport:
    conflicts = find_conflicts(pages, docs_dir)
    if conflicts:
        listed = ", ".join(str(docs_dir / c) for c in conflicts[:5])
        raise BuildError(
            f"{listed}{' …' if len(conflicts) > 5 else ''}: a hand-written file stands where "
            "dossier generates a page; rename or move it"
        )
    previous = read_manifest(docs_dir)
    report = WriteReport()
    for path, content in pages.items():
        target = docs_dir / path
        data = content.encode("utf-8")
        if target.is_file():
            if target.read_bytes() == data:
                report.unchanged += 1
                continue
            report.changed.append(path)
        else:
            report.new.append(path)
        write_atomic(target, data)
    for path in sorted(previous - pages.keys()):
        target = docs_dir / path
        if target.is_file():
            target.unlink()
            report.removed.append(path)
            _remove_empty_parents(target.parent, docs_dir)
    manifest = (json.dumps(sorted(pages), indent=1) + "\n").encode("utf-8")
    manifest_path = docs_dir / MANIFEST
    if not manifest_path.is_file() or manifest_path.read_bytes() != manifest:
        write_atomic(manifest_path, manifest)
    return report


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
