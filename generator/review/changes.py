"""A set of edits to corpus files, validated together and written only if the whole corpus
still checks: a failed accept, reject or set leaves every file as it was."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator.errors import CorpusError, DossierError
from generator.safe_io import stage
from generator.stages.load import display_path, load_corpus
from generator.stages.validate import validate


class Changes:
    def __init__(self, corpus_dir: Path) -> None:
        self.corpus = corpus_dir
        self.texts: dict[str, str] = {}  # path inside the corpus -> new text
        self.removed: set[str] = set()
        self.binary: dict[str, bytes] = {}  # files kept byte for byte under a new name
        self.crlf: set[str] = set()  # files with Windows line ends (CRLF): written back so

    def text(self, rel: str) -> str:
        if rel in self.texts:
            return self.texts[rel]
        path = self.corpus / rel
        if not path.exists() or rel in self.removed:
            return ""
        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DossierError(f"{display_path(path)}: cannot read ({exc})") from None
        if b"\r\n" in raw:
            self.crlf.add(rel)
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def put(self, rel: str, text: str) -> None:
        self.texts[rel] = text
        self.removed.discard(rel)

    def move(self, old: str, new: str, text: str | None = None) -> None:
        """A file renamed (with new text, if given)."""
        if (self.corpus / new).exists() or new in self.texts:
            raise DossierError(f"{display_path(self.corpus / new)} exists already")
        self.put(new, self.text(old) if text is None else text)
        if old in self.crlf:
            self.crlf.add(new)
        self.texts.pop(old, None)
        self.removed.add(old)

    def move_bytes(self, old: str, new: str) -> None:
        """A file kept byte for byte under a new name (an original article)."""
        if (self.corpus / new).exists():
            raise DossierError(f"{display_path(self.corpus / new)} exists already")
        self.binary[new] = (self.corpus / old).read_bytes()
        self.removed.add(old)

    def problems(self) -> str | None:
        """The first problem the changed corpus would have, named by its real file, or None."""
        # beside the corpus, so unchanged files can be hard links (same file system)
        with tempfile.TemporaryDirectory(prefix=".dossier-check-", dir=self.corpus.parent) as tmp:
            overlay = Path(tmp) / "corpus"
            self._overlay(overlay)
            try:
                validate(load_corpus(overlay))
            except CorpusError as exc:
                first = exc.problems[0]
                more = len(exc.problems) - 1
                line = str(first).replace(display_path(overlay), display_path(self.corpus))
                line = line.replace(str(overlay), display_path(self.corpus))
                return line + (
                    f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
                )
        return None

    def _overlay(self, overlay: Path) -> None:
        """The corpus as it would be: hard links to unchanged files (the corpus reader never
        follows a symbolic link), copies of changed ones."""
        changed = set(self.texts) | self.removed | set(self.binary)
        folders = {Path(rel).parts[0] for rel in changed if len(Path(rel).parts) > 1}
        overlay.mkdir()
        for entry in sorted(self.corpus.iterdir()):
            if entry.name in folders and entry.is_dir():
                (overlay / entry.name).mkdir()
                for child in sorted(entry.iterdir()):
                    rel = f"{entry.name}/{child.name}"
                    if rel not in changed:
                        _same_file(child, overlay / rel)
            elif entry.name not in changed:
                _same_file(entry, overlay / entry.name)
        for rel, text in self.texts.items():
            (overlay / rel).parent.mkdir(parents=True, exist_ok=True)
            (overlay / rel).write_text(text, encoding="utf-8")

    def commit(self) -> list[str]:
        """Validate, then write every file beside its place before any takes it (a full disk
        or a read-only file met half way left an actor in actors.yml and no decision in
        review.yml); the files written, sorted."""
        problem = self.problems()
        if problem is not None:
            raise DossierError(f"{problem}; nothing was changed")
        writes = dict(self.binary)
        for rel, text in sorted(self.texts.items()):
            data = (text.replace("\n", "\r\n") if rel in self.crlf else text).encode("utf-8")
            path = self.corpus / rel
            if not path.exists() or path.read_bytes() != data:
                writes[rel] = data
        staged: dict[Path, Path] = {}
        try:
            for rel, data in sorted(writes.items()):
                (self.corpus / rel).parent.mkdir(parents=True, exist_ok=True)
                staged[self.corpus / rel] = stage(self.corpus / rel, data)
            for target, temporary in staged.items():
                os.replace(temporary, target)
        finally:  # what was not moved in place (nothing, when all went well)
            for temporary in staged.values():
                temporary.unlink(missing_ok=True)
        for rel in sorted(self.removed):
            (self.corpus / rel).unlink(missing_ok=True)
        return sorted({*self.texts, *self.binary}) + [
            f"{r} (removed)" for r in sorted(self.removed)
        ]


def _same_file(original: Path, twin: Path) -> None:
    """twin holds what original holds: hard links where they can be, else copies."""
    if original.is_symlink():
        return  # the corpus reader would refuse it anyway; leave it out of the check
    if original.is_dir():
        shutil.copytree(original, twin, symlinks=True, copy_function=_link_or_copy)
    else:
        _link_or_copy(original, twin)


def _link_or_copy(original: str | Path, twin: str | Path) -> None:
    try:
        os.link(original, twin)
    except OSError:
        shutil.copy2(original, twin)
