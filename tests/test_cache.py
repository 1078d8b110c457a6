"""The persistent cache saves time and never changes what is generated."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from generator.cache import NAMESPACES, Cache, Memo, code_version, current, using
from generator.pipeline import generate
from tests.conftest import MINI_CORPUS, REPO


def test_warm_cache_gives_the_same_pages_as_no_cache(tmp_path: Path) -> None:
    _, fresh = generate(REPO / "corpus")
    fresh = dict(fresh)
    cold = Cache(tmp_path / "cache")
    with using(cold):
        first = dict(generate(REPO / "corpus")[1])  # draw every page before saving
    cold.save()
    warm = Cache(tmp_path / "cache")
    assert warm.entries  # loaded from disk
    with using(warm):
        second = dict(generate(REPO / "corpus")[1])
    assert first == fresh and second == fresh
    assert not warm.dirty  # everything came from the cache


def test_a_changed_source_is_recomputed_not_served_stale(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI_CORPUS, corpus)
    cache = Cache(tmp_path / "cache")
    with using(cache):
        dict(generate(corpus)[1])
    cache.save()
    source = corpus / "sources" / "beta-2020-02-21-call.md"
    source.write_text(source.read_text().replace("about İdlib.", "about İdlib and Moscow."))
    with using(Cache(tmp_path / "cache")):
        cached = dict(generate(corpus)[1])
    fresh = dict(generate(corpus)[1])
    assert cached == fresh
    assert "[Moscow](../actors/moscow.md)" in cached["sources/beta-2020-02-21-call.md"]


def test_an_unreadable_cache_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "cache.pickle").write_bytes(b"not a pickle")
    with using(Cache(folder)):
        pages = dict(generate(MINI_CORPUS)[1])
    assert pages == dict(generate(MINI_CORPUS)[1])


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


def test_a_memo_uses_the_store_opened_around_it_and_only_that_one(tmp_path: Path) -> None:
    memo: Memo[int] = Memo("test-memo-store", __name__)
    try:
        store = Cache(tmp_path)
        with using(store):
            assert current() is store
            assert memo.get_or_make("k", lambda: 1) == 1
            assert memo.get_or_make("k", lambda: 2) == 1  # from the store
        assert current() is not store
        assert memo.get_or_make("k", lambda: 3) == 3  # outside: not that store
        store.save()
        with using(Cache(tmp_path)):
            assert memo.get_or_make("k", lambda: 4) == 1  # saved with the store
    finally:
        del NAMESPACES["test-memo-store"]


def test_a_namespace_has_one_owner() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        Memo("links", __name__)


def _calls_on_cache(tree: ast.AST) -> list[str]:
    """Names in a module that reach the store by hand: Cache, or get_or_make/keep/put
    called on anything but a module-level Memo (upper-case name)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "Cache":
            found.append(f"line {node.lineno}: Cache")
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("get_or_make", "keep")
            and not (isinstance(node.value, ast.Name) and node.value.id.isupper())
        ):
            found.append(f"line {node.lineno}: .{node.attr}")
    return found


def test_stages_never_hold_the_cache() -> None:
    """Stages, pictures and review reach the store only through their declared Memos: no
    Cache parameter passed from stage to stage, no namespace named as a loose string."""
    package = REPO / "generator"
    folders = ("stages", "pictures", "review", "text", "intake")
    offenders = {
        str(path.relative_to(package)): calls
        for folder in folders
        for path in sorted((package / folder).rglob("*.py"))
        if (calls := _calls_on_cache(ast.parse(path.read_text("utf-8"))))
    }
    assert offenders == {}
    import generator.stages.link
    import generator.stages.render  # noqa: F401 - their Memos are declared on import

    owners = set(NAMESPACES.values())
    assert {"generator.stages.link", "generator.stages.render", "generator.pipeline"} <= owners


def test_a_run_appends_what_it_adds_and_a_later_one_reads_it_all(tmp_path: Path) -> None:
    first = Cache(tmp_path)
    for number in range(20):
        first.get_or_make("links", f"k{number}", lambda number=number: "x" * 1000 + str(number))
    first.save()
    size = (tmp_path / "cache.pickle").stat().st_size
    second = Cache(tmp_path)
    for number in range(21):  # one more, the others kept
        second.get_or_make("links", f"k{number}", lambda: "remade")
    second.put("svg", "p", "<svg/>")
    second.save()
    grown = (tmp_path / "cache.pickle").stat().st_size
    assert size < grown < size + 1000  # appended, not written again
    third = Cache(tmp_path)
    assert third.get_or_make("links", "k3", lambda: "remade") == "x" * 1000 + "3"
    assert third.get_or_make("links", "k20", lambda: "new") == "remade"
    assert third.get_or_make("svg", "p", lambda: "") == "<svg/>"
    third.save()  # k0..k19 but k3 and k20 dropped: most of the file is dead, written afresh
    assert (tmp_path / "cache.pickle").stat().st_size < size
    fourth = Cache(tmp_path)
    assert set(fourth.entries) == {("links", "k3"), ("links", "k20"), ("svg", "p")}


def test_a_run_that_saves_twice_appends_only_what_came_between(tmp_path: Path) -> None:
    """A build saves while MkDocs draws the site, and again at its end."""
    first = Cache(tmp_path)
    for number in range(20):
        first.get_or_make("links", f"k{number}", lambda number=number: "x" * 1000 + str(number))
    first.save()
    run = Cache(tmp_path)
    for number in range(20):
        run.get_or_make("links", f"k{number}", lambda: "remade")
    run.put("svg", "early", "<svg/>")
    run.save()
    size = (tmp_path / "cache.pickle").stat().st_size
    run.put("site", "late", "digest")
    run.save()
    grown = (tmp_path / "cache.pickle").stat().st_size
    assert size < grown < size + 200  # the one new entry appended, nothing written again
    again = Cache(tmp_path)
    assert again.get_or_make("links", "k7", lambda: "remade") == "x" * 1000 + "7"
    assert again.get_or_make("svg", "early", lambda: "") == "<svg/>"
    assert again.get_or_make("site", "late", lambda: "") == "digest"


def test_a_later_save_in_a_run_keeps_everything_and_appends_what_was_made_since(
    tmp_path: Path,
) -> None:
    """The end-of-build save appends only what was made since the save during the site
    build; a namespace first looked at in between still drops what that run did not use."""
    first = Cache(tmp_path)
    for number in range(20):
        first.get_or_make("links", f"k{number}", lambda number=number: "x" * 1000 + str(number))
    first.put("pictures", "old", "<svg/>")
    first.save()
    run = Cache(tmp_path)
    run.get_or_make("links", "k1", lambda: "remade")
    run.save()  # k0..k19 but k1 dropped (links looked at); pictures kept: never looked at
    size = (tmp_path / "cache.pickle").stat().st_size
    run.put("links", "late", "made after the first save")
    run.get_or_make("links", "k2", lambda: "remade")  # dropped by the first save: made again
    run.save()
    assert size < (tmp_path / "cache.pickle").stat().st_size < size + 300
    assert set(Cache(tmp_path).entries) == {
        ("links", "k1"), ("links", "late"), ("links", "k2"), ("pictures", "old")
    }  # fmt: skip
    run.get_or_make("pictures", "new", lambda: "<svg>new</svg>")  # a namespace looked at now
    run.save()
    again = Cache(tmp_path)
    assert ("pictures", "old") not in again.entries
    assert again.get_or_make("pictures", "new", lambda: "") == "<svg>new</svg>"
    assert again.get_or_make("links", "late", lambda: "") == "made after the first save"


def test_a_damaged_tail_is_ignored_and_the_next_save_writes_afresh(tmp_path: Path) -> None:
    first = Cache(tmp_path)
    first.get_or_make("links", "a", lambda: "A" * 1000)
    first.save()
    second = Cache(tmp_path)
    second.get_or_make("links", "a", lambda: "")
    second.get_or_make("links", "b", lambda: "B")
    second.save()
    path = tmp_path / "cache.pickle"
    path.write_bytes(path.read_bytes()[:-3])  # an append cut short
    third = Cache(tmp_path)
    assert third.get_or_make("links", "a", lambda: "") == "A" * 1000
    assert third.get_or_make("links", "b", lambda: "remade") == "remade"
    third.save()
    assert Cache(tmp_path).get_or_make("links", "b", lambda: "") == "remade"
