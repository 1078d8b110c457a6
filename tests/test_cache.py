"""The persistent cache saves time and never changes what is generated."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.cache import Cache, code_version
from generator.pipeline import generate
from tests.conftest import MINI_CORPUS, REPO


def test_warm_cache_gives_the_same_pages_as_no_cache(tmp_path: Path) -> None:
    _, fresh = generate(REPO / "corpus")
    cold = Cache(tmp_path / "cache")
    _, first = generate(REPO / "corpus", cold)
    first = dict(first)  # draw every page (as writing does) before the cache is saved
    cold.save()
    warm = Cache(tmp_path / "cache")
    assert warm.entries  # loaded from disk
    _, second = generate(REPO / "corpus", warm)
    assert first == fresh and second == fresh
    assert not warm.dirty  # everything came from the cache


def test_a_changed_source_is_recomputed_not_served_stale(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI_CORPUS, corpus)
    cache = Cache(tmp_path / "cache")
    generate(corpus, cache)
    cache.save()
    source = corpus / "sources" / "beta-2020-02-21-call.md"
    source.write_text(source.read_text().replace("about İdlib.", "about İdlib and Moscow."))
    _, cached = generate(corpus, Cache(tmp_path / "cache"))
    _, fresh = generate(corpus)
    assert cached == fresh
    assert "[Moscow](../actors/moscow.md)" in cached["sources/beta-2020-02-21-call.md"]


def test_an_unreadable_cache_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "cache.pickle").write_bytes(b"not a pickle")
    _, pages = generate(MINI_CORPUS, Cache(folder))
    assert pages == generate(MINI_CORPUS)[1]


def test_an_edited_template_changes_the_code_version_in_the_same_process(
    tmp_path: Path,
) -> None:
    package = tmp_path / "generator"
    shutil.copytree(REPO / "generator", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_version(package)
    template = package / "templates" / "actor.md.j2"
    template.write_text(template.read_text("utf-8").replace("## Quotes", "## Quotations"))
    assert code_version(package) != before  # `mkdocs serve` redraws keyed pages after an edit


def test_a_run_that_never_looks_at_a_namespace_keeps_it(tmp_path: Path) -> None:
    first = Cache(tmp_path)
    first.get_or_make("svg", "picture", lambda: "<svg/>")
    first.get_or_make("links", "a", lambda: 1)
    first.get_or_make("links", "b", lambda: 2)
    first.save()
    review = Cache(tmp_path)  # like `review`: links, but no pictures
    review.get_or_make("links", "a", lambda: 0)
    review.save()
    later = Cache(tmp_path)
    assert later.get_or_make("svg", "picture", lambda: "redrawn") == "<svg/>"
    assert later.get_or_make("links", "b", lambda: 3) == 3  # unused in a namespace used: gone
