"""The site built on top of the last one (unchanged pages reused by the incremental plugin)
is byte-identical to a site built from nothing, and whatever can change every page
(a theme template, mkdocs.yml, a plugin setting, the generator's code) redraws every page.

A page reused from the last build is the very same file (hard-linked from the old site into
the staging one), so the inode tells whether a page was reused or drawn again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import BuildResult, Paths, build
from generator.stages import publish
from tests.conftest import REPO, make_project, snapshot
from tests.test_incremental import _corpus, add_source

pytestmark = pytest.mark.site


def _inodes(site: Path) -> dict[str, int]:
    return {
        p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*.html") if p.is_file()
    }


def _project(tmp_path: Path, name: str = "project") -> Path:
    root = make_project(tmp_path / name, _corpus(tmp_path / f"{name}-corpus"))
    shutil.rmtree(tmp_path / f"{name}-corpus")
    return root


def _fresh_site(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """The site a first build of the same project (corpus, mkdocs.yml, docs/) gives."""
    fresh = tmp_path / "fresh"
    shutil.copytree(root, fresh, symlinks=True, ignore=shutil.ignore_patterns(".dossier-cache"))
    shutil.rmtree(fresh / "site")
    build(Paths(fresh))
    return snapshot(fresh / "site")


def _redrawn(root: Path, before: dict[str, int]) -> set[str]:
    after = _inodes(root / "site")
    return {page for page, inode in after.items() if before.get(page) != inode}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project built once; each test works on its own copy."""
    tmp = tmp_path_factory.mktemp("built")
    root = _project(tmp)
    build(Paths(root))
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    # the copy is another site folder: give it its own record, as a real project has
    _rebase_records(root)
    return root


def _rebase_records(root: Path) -> None:
    """A copied project has no record of its own site yet: build once to make one."""
    build(Paths(root))


def test_arrival_redraws_only_what_changed_and_equals_a_full_build(
    project: Path, tmp_path: Path
) -> None:
    before = _inodes(project / "site")
    add_source(project / "corpus")
    result = build(Paths(project))
    assert "sources/arrival.md" in result.report.new
    redrawn = _redrawn(project, before)
    assert "sources/arrival/index.html" in redrawn
    assert "actors/putin/index.html" in redrawn
    # most pages are reused as they were (the mini corpus is small, so is the share)
    assert len(redrawn) < len(before) / 2, sorted(redrawn)
    assert "events/moscow-talks/index.html" not in redrawn
    assert snapshot(project / "site") == _fresh_site(project, tmp_path)


def _drawn_from(record: Any) -> dict[str, tuple[Any, ...]]:
    """A record's pages without the stamps of their files (inodes and times differ)."""
    return {
        uri: (page.key, page.meta, page.title, page.anchors, page.anchor_links, page.looked,
              page.search, page.markdown)
        for uri, page in record.pages.items()
    }  # fmt: skip


def test_an_arrival_appends_its_change_to_the_record_which_reads_as_a_full_builds(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record (40 MB at 5,000 sources) is not written whole for fifty pages: what the
    build changed is appended, and reading applies it. Read back, it holds what the record
    of a first build of the same project holds, after an arrival and after a removal."""
    import generator.site.incremental as incremental

    # an arrival redraws a good share of the mini corpus: append however much was appended
    monkeypatch.setattr(incremental, "APPENDED_SHARE", 0)
    path = _record_path(project)
    whole = path.stat().st_size
    add_source(project / "corpus")
    build(Paths(project))
    (project / "corpus" / "sources" / "copy-05.md").unlink()
    build(Paths(project))
    record, read_from = incremental._read_record(path)
    assert read_from is not None and read_from.appended > 0
    assert read_from.whole == whole  # the full copy is the one written before
    _fresh_site(project, tmp_path)
    fresh, _ = incremental._read_record(_record_path(tmp_path / "fresh"))
    assert _drawn_from(record) == _drawn_from(fresh)
    assert record.uris == fresh.uris and record.static.keys() == fresh.static.keys()


def test_a_record_cut_short_in_an_append_reads_as_the_one_before(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An append interrupted (a full disk, a kill): the damaged tail is left out, the next
    build writes the record whole, and the site still equals a full build."""
    import generator.site.incremental as incremental

    monkeypatch.setattr(incremental, "APPENDED_SHARE", 0)
    path = _record_path(project)
    before, _ = incremental._read_record(path)
    whole = path.stat().st_size
    add_source(project / "corpus")
    build(Paths(project))
    with path.open("r+b") as handle:  # the change appended, cut in the middle
        handle.truncate(whole + (path.stat().st_size - whole) // 2)
    record, read_from = incremental._read_record(path)
    assert read_from is None and _drawn_from(record) == _drawn_from(before)
    source = project / "corpus" / "sources" / "copy-06.md"
    source.write_text(source.read_text("utf-8") + "\nIdlib was quiet.\n", "utf-8")
    build(Paths(project))
    assert incremental._read_record(path)[1] == incremental.RecordFile(
        incremental.stamp_of(path), path.stat().st_size, 0
    )  # written whole
    assert snapshot(project / "site") == _fresh_site(project, tmp_path)


def _markdown_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Markdown files the plugin reads (not known by their stamp) in the builds that
    follow, all in this process (a forked site build would read them out of sight)."""
    import generator.site.incremental as incremental
    from generator.stages import early_site

    monkeypatch.setattr(early_site, "can_fork", lambda plan: False)
    read: list[str] = []
    digest = incremental._markdown_digest

    def counted(path: str | None, record: object) -> object:
        found = digest(path, record)  # type: ignore[arg-type]
        if record is None or getattr(record, "source", None) != found[0]:
            read.append(str(path))
        return found

    monkeypatch.setattr(incremental, "_markdown_digest", counted)
    return read


def test_an_arrival_reads_only_the_markdown_that_changed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plugin keys a page by its Markdown's digest, kept with the file's stamp: after
    two builds, the next one reads only the pages written since (not every page)."""
    read = _markdown_reads(monkeypatch)
    add_source(project / "corpus")
    build(Paths(project))  # the staged copies of the pages written are now docs/'s own
    for number in ("06", "07"):
        read.clear()
        source = project / "corpus" / "sources" / f"copy-{number}.md"
        source.write_text(source.read_text("utf-8") + "\nIdlib was quiet.\n", "utf-8")
        build(Paths(project))
        assert any(r.endswith(f"sources/copy-{number}.md") for r in read)
    # the arrival's page, written two builds ago, is not read again
    assert not any(r.endswith("sources/arrival.md") for r in read), sorted(read)
    pages = sum(1 for _ in (project / "docs").rglob("*.md"))
    assert len(read) < pages / 2, sorted(read)


def test_removal_and_edit_leave_no_stale_file(project: Path, tmp_path: Path) -> None:
    (project / "corpus" / "sources" / "copy-05.md").unlink()
    source = project / "corpus" / "sources" / "copy-06.md"
    source.write_text(source.read_text("utf-8") + "\nIdlib was quiet that week.\n", "utf-8")
    build(Paths(project))
    site = snapshot(project / "site")
    assert "sources/copy-05/index.html" not in site
    assert site == _fresh_site(project, tmp_path)


def test_a_build_with_nothing_changed_leaves_the_site_alone(project: Path) -> None:
    folder = (project / "site").stat().st_ino
    before = snapshot(project / "site")
    result: BuildResult = build(Paths(project))
    assert result.site_current
    assert result.report.written == 0
    assert (project / "site").stat().st_ino == folder
    assert snapshot(project / "site") == before


def test_a_hand_edit_of_docs_is_built(project: Path) -> None:
    about = project / "docs" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nA line the analyst added.\n", "utf-8")
    result = build(Paths(project))
    assert not result.site_current
    assert "A line the analyst added." in (project / "site" / "about" / "index.html").read_text()


def _everything_redrawn(project: Path, tmp_path: Path) -> None:
    before = _inodes(project / "site")
    result = build(Paths(project))
    assert not result.site_current
    assert _redrawn(project, before) == set(_inodes(project / "site"))
    assert snapshot(project / "site") == _fresh_site(project, tmp_path)


def _edit_config(project: Path, old: str, new: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), "utf-8")


def test_a_theme_template_change_redraws_every_page(project: Path, tmp_path: Path) -> None:
    # the project's own copy of the theme overrides, so that the test can edit one
    overrides = project / "overrides"
    shutil.copytree(REPO / "generator" / "theme", overrides)
    _edit_config(project, "  custom_dir: generator/theme\n", "  custom_dir: overrides\n")
    build(Paths(project))
    main = overrides / "main.html"
    main.write_text(
        main.read_text("utf-8") + "{% block footer %}<p>Briefing only</p>{% endblock %}\n",
        "utf-8",
    )
    _everything_redrawn(project, tmp_path)
    assert "Briefing only" in (project / "site" / "sources" / "copy-01" / "index.html").read_text()


def test_a_mkdocs_yml_change_redraws_every_page(project: Path, tmp_path: Path) -> None:
    _edit_config(
        project, "site_description:", 'copyright: "Prepared for the desk"\nsite_description:'
    )
    _everything_redrawn(project, tmp_path)


def test_a_plugin_setting_redraws_every_page(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same mkdocs.yml bytes, another setting (read from the environment)."""
    _edit_config(
        project,
        "      export: false\n",
        "      export: false\n      tags_slugify_format: !ENV [TAG_FORMAT, 'tag:{slug}']\n",
    )
    build(Paths(project))
    monkeypatch.setenv("TAG_FORMAT", "topic-{slug}")
    _everything_redrawn(project, tmp_path)


def test_a_change_of_the_generator_code_redraws_every_page(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.site.incremental as incremental
    import generator.stages.publish as publish

    monkeypatch.setattr(incremental, "code_version", lambda: "another generator")
    monkeypatch.setattr(publish, "code_version", lambda: "another generator")
    _everything_redrawn(project, tmp_path)


def test_a_new_version_of_the_theme_or_a_plugin_redraws_every_page(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Material (or MkDocs, Python-Markdown, ...) upgraded in place: the same mkdocs.yml and
    pages, other templates and converters."""
    import generator.site.incremental as incremental
    import generator.stages.publish as publish
    from generator.site.keys import versions

    installed = versions()
    assert ("mkdocs-material", _version("mkdocs-material")) in installed
    upgraded = [(n, f"{v}.post1" if n == "mkdocs-material" else v) for n, v in installed]
    monkeypatch.setattr(incremental, "versions", lambda: upgraded)
    monkeypatch.setattr(publish, "versions", lambda: upgraded)
    _everything_redrawn(project, tmp_path)


def _version(name: str) -> str:
    from importlib import metadata

    return metadata.version(name)


def test_the_plugin_switched_off_draws_everything_the_same(project: Path, tmp_path: Path) -> None:
    with_plugin = snapshot(project / "site")
    _edit_config(
        project, "  - dossier-incremental\n", "  - dossier-incremental:\n      enabled: false\n"
    )
    _everything_redrawn(project, tmp_path)
    # MkDocs and its plugins alone give the very same bytes (the plugin writes the search
    # index from each page's serialized entries)
    assert snapshot(project / "site") == with_plugin


def test_offline_bundle_after_an_arrival_equals_a_full_build(project: Path, tmp_path: Path) -> None:
    build(Paths(project), offline=True)
    add_source(project / "corpus")
    build(Paths(project), offline=True)
    fresh = tmp_path / "fresh-offline"
    shutil.copytree(project, fresh, symlinks=True, ignore=shutil.ignore_patterns(".dossier-cache"))
    (fresh / "dossier-offline.zip").unlink()
    build(Paths(fresh), offline=True)
    assert (project / "dossier-offline.zip").read_bytes() == (
        fresh / "dossier-offline.zip"
    ).read_bytes()


class _Server:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)

    def unwatch(self, path: str) -> None:
        self.watched.remove(path)


def test_serve_watches_hand_written_docs_not_generated_pages(project: Path) -> None:
    """The pages the hook writes during a rebuild must not start another one."""
    from types import SimpleNamespace

    from generator.mkdocs_hooks import on_serve

    docs = project / "docs"
    server = _Server()
    server.watched.append(str(docs))
    on_serve(server, config=SimpleNamespace(docs_dir=str(docs)), builder=None)
    watched = {Path(p).relative_to(docs).as_posix() for p in server.watched}
    assert {"about.md", "stylesheets", "javascripts"} <= watched
    assert not watched & {"sources", "actors", "events", "index.md", "print.md", "."}


def test_after_a_first_build_an_arrival_reads_only_the_markdown_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/ and the staged copy the site was built from share their files (hard links), so
    the next staging keeps them and the plugin does not read every page again."""
    root = _project(tmp_path)
    build(Paths(root))  # the first build
    staged = root / ".dossier-cache" / "stage" / "docs"
    assert (staged / "index.md").stat().st_ino == (root / "docs" / "index.md").stat().st_ino
    read = _markdown_reads(monkeypatch)
    add_source(root / "corpus")
    build(Paths(root))
    pages = sum(1 for _ in (root / "docs").rglob("*.md"))
    assert any(r.endswith("sources/arrival.md") for r in read)
    assert len(read) < pages / 2, sorted(read)


def _record_path(project: Path) -> Path:
    import hashlib

    site = str((project / "site").resolve())
    name = hashlib.sha256(site.encode()).hexdigest()[:16]  # as the plugin names its record
    return project / ".dossier-cache" / "site" / f"site-{name}.pickle"


def _site_record(project: Path) -> Any:
    import generator.site.incremental as incremental

    record, _ = incremental._read_record(_record_path(project))
    assert isinstance(record, incremental.SiteRecord)
    return record


def _assert_mirrored(project: Path, spare: Path, record: Any) -> None:
    outputs = {**record.pages, **record.static}
    for dest, output in outputs.items():
        inode = (project / "site" / dest).stat().st_ino
        assert (spare / dest).stat().st_ino == output.stamp[2] == inode
    mirrored = {p.relative_to(spare).as_posix() for p in spare.rglob("*") if p.is_file()}
    assert mirrored == set(outputs)


def test_the_spare_folder_is_mirrored_from_the_record_before_a_forked_build(
    project: Path, tmp_path: Path
) -> None:
    """The forked site build (generator.stages.early_site) first makes the spare folder (the
    site before the last build) a copy of links to what the last build wrote, while the
    generator works; the build then only unlinks there what it redraws. A spare that is
    mostly current is pruned in place; the last site is only linked from, never changed."""
    import generator.site.incremental as incremental

    record = _site_record(project)
    spare = tmp_path / "spare"
    publish.link_tree(project / "site", spare)
    (spare / "actors" / "putin" / "index.html").unlink()
    (spare / "actors" / "putin" / "index.html").write_text("a page of an older build")
    (spare / "gone" / "deeper").mkdir(parents=True)
    (spare / "gone" / "deeper" / "old.html").write_text("a page since removed")
    folder = spare.stat().st_ino
    before = snapshot(project / "site")
    incremental._mirror(record, str(spare), str((project / "site").resolve()), tmp_path / "trash")
    assert snapshot(project / "site") == before
    assert not (spare / "gone").exists()
    _assert_mirrored(project, spare, record)
    assert spare.stat().st_ino == folder  # pruned in place
    assert not (tmp_path / "trash").exists()


def test_a_spare_folder_left_by_a_full_build_is_set_aside_whole(
    project: Path, tmp_path: Path
) -> None:
    """After a full build every file of the spare differs from the site: unlinking them one by
    one took longer than the generator's run at 5,000 sources. The spare is moved into the
    trash at once, linked afresh, and the trash emptied by a process of its own."""
    import generator.site.incremental as incremental

    record = _site_record(project)
    spare = tmp_path / "spare"
    for page in ("index.html", "actors/putin/index.html", "events/index.html"):
        (spare / page).parent.mkdir(parents=True, exist_ok=True)
        (spare / page).write_text("a page of an older build")
    trash = tmp_path / "trash"
    incremental._mirror(record, str(spare), str((project / "site").resolve()), trash)
    _assert_mirrored(project, spare, record)
    deadline = time.monotonic() + 30
    while any(trash.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(trash.iterdir())  # emptied in the background
    # the `rm` is a child of whoever mirrors (in a build, the forked site build, which ends
    # soon after): reap it here, or a later test counting this process's children finds it
    with contextlib.suppress(ChildProcessError):
        while True:
            os.waitpid(-1, 0)


def test_the_files_added_or_removed_are_held_in_a_table_their_size(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page asks whether a path it looked up was added or removed since the last
    build. Drawn from the sets of all the site's files, that set kept their table (and
    frozenset() of a frozenset is no copy): each of 6,600 pages walked it, 0.5 s at 5,000."""
    import sys

    import generator.site.incremental as incremental
    from generator.stages import early_site

    monkeypatch.setattr(early_site, "can_fork", lambda plan: False)  # seen in this process
    seen: list[frozenset[str]] = []
    on_nav = incremental.IncrementalPlugin.on_nav

    def spy(self: incremental.IncrementalPlugin, nav: object, **kwargs: object) -> object:
        result = on_nav(self, nav, **kwargs)  # type: ignore[arg-type]
        seen.append(self.added_or_removed)
        return result

    spy.mkdocs_priority = on_nav.mkdocs_priority  # type: ignore[attr-defined]
    monkeypatch.setattr(incremental.IncrementalPlugin, "on_nav", spy)
    add_source(project / "corpus")
    build(Paths(project))
    (changed,) = seen
    assert changed == {"sources/arrival.md"}
    assert sys.getsizeof(changed) == sys.getsizeof(frozenset(tuple(changed)))


@pytest.mark.parametrize("fails", [False, True], ids=["built", "failed"])
def test_a_serve_rebuild_sets_what_is_alive_aside_from_the_collector_and_takes_it_back(
    project: Path, monkeypatch: pytest.MonkeyPatch, fails: bool
) -> None:
    """`mkdocs serve` rebuilds in one process with the collector on: what is alive when the
    build begins (the plugin's record, the generator's work) is left out of its scans while
    MkDocs draws, and scanned again after, whether the build succeeds or fails (a session
    goes on after a failed build; a set-aside never taken back would never be collected)."""
    import gc

    from mkdocs.commands.build import build as mkdocs_build

    from generator.site import incremental

    if fails:  # a page whose template is missing: MkDocs stops while drawing
        page = project / "docs" / "about.md"
        page.write_text("---\ntemplate: missing.html\n---\n" + page.read_text("utf-8"), "utf-8")
    during: list[int] = []
    on_nav = incremental.IncrementalPlugin.on_nav

    def counting(self: Any, nav: Any, **kwargs: Any) -> Any:
        during.append(gc.get_freeze_count())
        return on_nav(self, nav, **kwargs)

    monkeypatch.setattr(incremental.IncrementalPlugin, "on_nav", counting)
    monkeypatch.setenv(publish.SKIP_HOOK, "1")
    site = project / "served"
    config = publish.load_site_config(project / "mkdocs.yml", project / "docs", site)
    assert gc.get_freeze_count() == 0
    with pytest.raises(Exception, match=r"missing\.html") if fails else contextlib.nullcontext():
        mkdocs_build(config, dirty=True)
    assert during and during[0] > 0  # set aside while MkDocs drew
    assert gc.get_freeze_count() == 0  # and taken back


def test_a_stylesheet_edited_with_its_time_kept_is_published(project: Path) -> None:
    """An editor that keeps times (or `cp -p` onto the file) puts the old size and
    modification time back: the change time still tells the site the file changed."""
    sheet = next((project / "docs" / "stylesheets").glob("*.css"))
    before = sheet.stat()
    text = sheet.read_text("utf-8")
    edited = "/*x*/" + text[5:]  # the same size
    assert edited != text and len(edited.encode()) == len(text.encode())
    with sheet.open("r+", encoding="utf-8") as handle:  # in place: the same inode
        handle.write(edited)
    os.utime(sheet, ns=(before.st_atime_ns, before.st_mtime_ns))
    build(Paths(project))
    published = project / "site" / "stylesheets" / sheet.name
    assert published.read_text("utf-8") == edited


def test_the_pages_listed_once_follow_files_appended_or_removed(tmp_path: Path) -> None:
    """MkDocs asks for the documentation pages nine times a build: the plugin lists them once
    per inclusion level, and again after a file is added or removed."""
    from mkdocs.structure.files import File, Files, InclusionLevel

    import generator.site.incremental as incremental

    def made(name: str) -> File:
        file = File(name, str(tmp_path / "docs"), str(tmp_path / "site"), True)
        file.inclusion = InclusionLevel.NOT_IN_NAV if "draft" not in name else InclusionLevel.DRAFT
        return file

    files = Files([made("a.md"), made("b.md"), made("style.css"), made("draft.md")])
    incremental._list_pages_once(files)
    names = lambda pages: [f.src_uri for f in pages]  # noqa: E731
    assert names(files.documentation_pages()) == ["a.md", "b.md"]
    every = files.documentation_pages(inclusion=InclusionLevel.all)
    assert names(every) == ["a.md", "b.md", "draft.md"]
    every.clear()  # a caller's list is its own
    assert len(files.documentation_pages(inclusion=InclusionLevel.all)) == 3
    files.append(made("c.md"))
    files.remove(files.src_uris["a.md"])
    assert names(files.documentation_pages()) == ["b.md", "c.md"]


def test_an_arrivals_pages_are_indexed_for_search_in_another_process(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Material's indexing of the drawn pages runs in a forked process while this one draws
    them; the search index is the one a full build writes."""
    from material.plugins.search.plugin import SearchIndex

    from generator.stages import early_site

    monkeypatch.setattr(early_site, "can_fork", lambda plan: False)  # the site built here
    indexed_here: list[str] = []
    index_page = SearchIndex.add_entry_from_context

    def counted(self: Any, page: Any) -> None:
        indexed_here.append(page.file.src_uri)
        index_page(self, page)

    monkeypatch.setattr(SearchIndex, "add_entry_from_context", counted)
    add_source(project / "corpus")
    build(Paths(project))
    assert indexed_here == []
    index = "search/search_index.json"
    assert snapshot(project / "site")[index] == _fresh_site(project, tmp_path)[index]


@pytest.mark.parametrize("site_url", ["", "https://example.org/briefing/"])
def test_the_sitemap_written_in_python_is_the_templates_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site_url: str
) -> None:
    """The hook writes sitemap.xml's entries itself (the template's loop drew every page on
    every build); the template's own loop, which Zensical runs, gives the same bytes."""
    import generator.site.sitemap as sitemap

    monkeypatch.setenv("SITE_URL", site_url)
    root = _project(tmp_path)
    build(Paths(root))
    written = (root / "site" / "sitemap.xml").read_bytes()
    assert written.count(b"<url>") > 20 and (site_url.encode() or b"<loc>./</loc>") in written
    monkeypatch.setattr(sitemap, "sitemap_urls", lambda files: None)  # the template's loop
    other = _project(tmp_path, "other")
    build(Paths(other))
    assert (other / "site" / "sitemap.xml").read_bytes() == written


def _renders_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages MkDocs' Page.render converts in this process (the site built here)."""
    from mkdocs.structure.pages import Page

    from generator.stages import early_site

    monkeypatch.setattr(early_site, "can_fork", lambda plan: False)
    rendered: list[str] = []
    render = Page.render

    def counted(self: Any, config: Any, files: Any) -> None:
        rendered.append(self.file.src_uri)
        render(self, config, files)

    monkeypatch.setattr(Page, "render", counted)
    return rendered


def test_an_arrivals_pages_are_converted_in_two_processes_as_one_would(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A share of the pages an arrival redraws is converted from Markdown in a forked
    process while this one converts the rest; the site is the one a full build makes."""
    rendered = _renders_here(monkeypatch)
    before = _inodes(project / "site")
    add_source(project / "corpus")
    build(Paths(project))
    drawn = {p.removesuffix("index.html") for p in _redrawn(project, before)}
    assert 0 < len(rendered) < len(drawn) - 2, (sorted(rendered), sorted(drawn))
    assert snapshot(project / "site") == _fresh_site(project, tmp_path)


def test_a_warning_in_a_page_converted_aside_still_stops_a_strict_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the converting process logs is logged by the building one: a broken link in a
    page converted there counts for `strict: true` as it does here."""
    from generator.errors import BuildError
    from generator.site import converting

    rendered = _renders_here(monkeypatch)
    share = converting.share

    def with_extra(files: Any, drawn: dict[str, int]) -> list[str]:  # in MkDocs' order
        shared = {*share(files, drawn), "extra.md"}
        return [f.src_uri for f in files.documentation_pages() if f.src_uri in shared]

    monkeypatch.setattr(converting, "share", with_extra)
    (project / "docs" / "extra.md").write_text("# Extra\n\nSee [the notes](notes.md).\n", "utf-8")
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml")
        .read_text("utf-8")
        .replace("not_in_nav: |", "not_in_nav: |\n  /extra.md"),
        "utf-8",
    )
    with pytest.raises(BuildError) as raised:
        build(Paths(project))
    assert "extra.md" not in rendered  # converted aside, and its warning counted here
    assert "contains a link 'notes.md'" in str(raised.value)  # the warning, said once


def test_pages_the_converting_process_never_hands_over_are_converted_here(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The converting process dies at once: every page is converted here, the same."""
    from generator.site import converting

    rendered = _renders_here(monkeypatch)
    monkeypatch.setattr(converting, "_convert", lambda *args: os._exit(1))
    before = _inodes(project / "site")
    add_source(project / "corpus")
    build(Paths(project))
    drawn = {p.removesuffix("index.html") for p in _redrawn(project, before)}
    assert len(rendered) >= len(drawn) - 2  # all of them here (a listing may be drawn apart)
    assert snapshot(project / "site") == _fresh_site(project, tmp_path)
