"""An incremental build gives exactly what a build from scratch gives.

Pages drawn only when their key changes (source pages, actor archives) and cached pieces
(links, summaries, months, pictures) must never leave a stale page behind: after each kind
of corpus change, docs/ built on top of the previous build, with the cache, must be
byte-identical to docs/ built from nothing.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.pipeline import Paths, build
from generator.safe_io import stage
from tests.conftest import MINI_CORPUS, snapshot

COPIES = 24  # more than an actor page lists, so actors get archive pages by month


def _corpus(target: Path) -> Path:
    shutil.copytree(MINI_CORPUS, target)
    text = (target / "sources" / "beta-2020-02-21-call.md").read_text("utf-8")
    for number in range(COPIES):
        ident = f"copy-{number:02d}"
        published = f"2019-{1 + number % 6:02d}-{1 + number:02d}"
        copy = text.replace("id: beta-2020-02-21-call", f"id: {ident}")
        copy = copy.replace("published: 2020-02-21", f"published: {published}")
        copy = copy.replace("Poutine and Erdoğan speak", f"Call number {number},")
        (target / "sources" / f"{ident}.md").write_text(copy, "utf-8")
    return target


def _build(root: Path) -> None:
    """`build --no-site` in a project folder: corpus/, docs/ and .dossier-cache/."""
    (root / "docs").mkdir(exist_ok=True)
    build(Paths(root), with_site=False)


def _fresh(corpus: Path, root: Path) -> dict[str, bytes]:
    shutil.copytree(corpus, root / "corpus")
    _build(root)
    return snapshot(root / "docs")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def add_source(corpus: Path) -> None:
    text = (corpus / "sources" / "copy-03.md").read_text("utf-8")
    text = text.replace("id: copy-03", "id: arrival").replace("2019-04-04", "2019-04-28")
    text += "\nMoscow said the Kremlin would answer Turkey.\n"
    (corpus / "sources" / "arrival.md").write_text(text, "utf-8")


def retitle_source(corpus: Path) -> None:
    _edit(corpus / "sources" / "copy-07.md", "Call number 7,", "A new headline for call 7,")


def retitle_source_same_length(corpus: Path) -> None:
    _edit(corpus / "sources" / "copy-07.md", "Call number 7,", "Call number 8,")


def edit_source_text(corpus: Path) -> None:
    _edit(corpus / "sources" / "copy-11.md", "about İdlib.", "about İdlib and Moscow.")


def remove_source(corpus: Path) -> None:
    (corpus / "sources" / "copy-05.md").unlink()


def rename_actor(corpus: Path) -> None:
    _edit(corpus / "actors.yml", "name: Moscow", "name: Moskva")


def retitle_event(corpus: Path) -> None:
    _edit(corpus / "events.yml", "title: Putin and Erdoğan meet in Moscow", "title: Moscow summit")


@pytest.mark.parametrize(
    "change",
    [add_source, retitle_source, edit_source_text, remove_source, rename_actor, retitle_event],
    ids=lambda change: change.__name__,
)
def test_incremental_build_equals_build_from_scratch(
    tmp_path: Path, change: Callable[[Path], None]
) -> None:
    root = tmp_path / "project"
    corpus, docs = _corpus(root / "corpus"), root / "docs"
    _build(root)
    assert (docs / "actors" / "putin" / "sources.md").is_file()  # archives are exercised
    change(corpus)
    _build(root)
    assert snapshot(docs) == _fresh(corpus, tmp_path / "fresh")


@pytest.mark.parametrize(
    "change", [add_source, remove_source, rename_actor], ids=lambda c: c.__name__
)
def test_archive_years_split_by_month_stay_exact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], None]
) -> None:
    """A year of an archive too long for one page has a page per month; an arrival
    redraws its month, and the result still equals a build from scratch."""
    monkeypatch.setattr("generator.stages.render.ARCHIVE_YEAR_ROWS", 5)
    root = tmp_path / "project"
    corpus, docs = _corpus(root / "corpus"), root / "docs"
    _build(root)
    year = (docs / "actors" / "putin" / "sources" / "2019.md").read_text("utf-8")
    month = docs / "actors" / "putin" / "sources" / "2019" / "04.md"
    assert "](2019/04.md)" in year and month.is_file()
    assert "](../2019.md)" in month.read_text("utf-8")
    change(corpus)
    _build(root)
    assert snapshot(docs) == _fresh(corpus, tmp_path / "fresh")


def test_a_build_interrupted_while_writing_leaves_no_stale_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "project"
    corpus = _corpus(root / "corpus")
    _build(root)
    retitle_source_same_length(corpus)  # same page sizes: only the stamps tell

    def fail_on_the_index(target: Path, data: bytes) -> Path:
        if target.parent.name == "months" and target.parent.parent.name == "sources":
            raise KeyboardInterrupt
        return stage(target, data)

    monkeypatch.setattr("generator.stages.write.stage", fail_on_the_index)
    with pytest.raises(KeyboardInterrupt):
        _build(root)
    monkeypatch.undo()
    _edit(corpus / "sources" / "copy-07.md", "Call number 8,", "Call number 7,")
    _build(root)  # back to the corpus the manifest describes
    assert snapshot(root / "docs") == _fresh(corpus, tmp_path / "fresh")


def _arrive(corpus: Path, ident: str, added: str) -> None:
    """A copy of a source under a new id, added to the dossier on the given day."""
    text = (corpus / "sources" / "copy-03.md").read_text("utf-8")
    text = text.replace("id: copy-03", f"id: {ident}\nadded: {added}")
    (corpus / "sources" / f"{ident}.md").write_text(text, "utf-8")


def _changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def test_an_arrival_changes_only_the_pages_it_concerns(tmp_path: Path) -> None:
    """An arrival rewrites kilobytes: its page, the pages of the actors it names (and their
    archive's year), its month of the sources index, its year of the printable list, the
    home page and the indexes that count, What's new and its month's page; never the
    printable dossier, the months of What's new before, an archive's index of years, or
    pages it changes nothing on."""
    root = tmp_path / "project"
    corpus, docs = _corpus(root / "corpus"), root / "docs"
    _build(root)
    _arrive(corpus, "first-arrival", "2026-10-30")  # a month of history after the first
    _build(root)
    before = snapshot(docs)
    _arrive(corpus, "second-arrival", "2026-11-29")
    _build(root)
    changed = _changed(before, snapshot(docs))
    named = {"erdogan", "idlib", "kremlin", "putin", "turkey"}  # what the copied article names
    assert changed == {
        ".dossier-manifest.json",
        "dossier.json",
        "feed.xml",
        "whats-new.xml",
        "index.md",
        "actors/index.md",
        "sources/index.md",
        "sources/second-arrival.md",
        "sources/months/2019-04.md",
        "sources/outlets/beta-radio/2019.md",  # its outlet's year, not every year of it
        "print/2019.md",
        "whats-new.md",
        "whats-new/2026-11.md",
        *(f"actors/{a}.md" for a in named),
        *(f"actors/{a}/sources/2019.md" for a in named),  # the archives' index of years: not
    }
    assert "whats-new/2026-10.md" in before and "whats-new/2020-03.md" in before
