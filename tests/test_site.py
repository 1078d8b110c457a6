"""The full site from the seed corpus: pages, links both ways, export, search, determinism."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from generator.pipeline import Paths, build
from tests.conftest import REPO, make_project, run_cli, snapshot
from tests.sitecheck import broken_links, external_loads, unconverted_markdown

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("seed") / "project", REPO / "corpus")
    build(Paths(root))
    return root


@pytest.fixture(scope="module")
def export(project: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((project / "site" / "dossier.json").read_text("utf-8"))


def test_every_actor_event_and_source_has_a_page(project: Path, export: dict) -> None:  # type: ignore[type-arg]
    site = project / "site"
    assert 40 <= len(export["actors"]) <= 60
    assert len(export["events"]) >= 15 and len(export["sources"]) == 5
    for kind in ("actors", "events", "sources"):
        for item in export[kind]:
            assert item["url"] == f"{kind}/{item['id']}/"
            assert (site / kind / item["id"] / "index.html").is_file(), item["id"]


def test_dossier_json_matches_its_schema(export: dict) -> None:  # type: ignore[type-arg]
    schema = json.loads((REPO / "schema" / "dossier.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(export, schema)


def test_dossier_json_is_consistent(export: dict) -> None:  # type: ignore[type-arg]
    actors = {a["id"] for a in export["actors"]}
    sources = {s["id"] for s in export["sources"]}
    for event in export["events"]:
        assert {p["actor"] for p in event["participants"]} <= actors
        assert set(event["sources"]) <= sources
    for quote in export["quotes"]:
        assert quote["speaker"] is None or quote["speaker"] in actors


def test_every_internal_link_resolves(project: Path) -> None:
    assert broken_links(project / "site") == []


def test_no_page_shows_markdown_as_typed(project: Path) -> None:
    """Markdown written inside a raw HTML block stays text: [title](events/x.md) on screen."""
    assert unconverted_markdown(project / "site") == []


def test_the_site_loads_nothing_from_other_hosts(project: Path) -> None:
    assert external_loads(project / "site") == []


def test_events_and_sources_link_both_ways(project: Path) -> None:
    site = project / "site"
    event = (site / "events" / "moscow-talks-2020-03-05" / "index.html").read_text("utf-8")
    source_id = "euronews-2020-03-05-erdogan-putin-moscow-talks"
    assert f'href="../../sources/{source_id}/#p' in event
    source = (site / "sources" / source_id / "index.html").read_text("utf-8")
    assert 'href="../../events/moscow-talks-2020-03-05/"' in source
    assert 'id="p2"' in source
    assert 'href="../../actors/putin/"' in source


def test_actor_page_has_events_quotes_related_and_sources(project: Path) -> None:
    page = (project / "site" / "actors" / "putin" / "index.html").read_text("utf-8")
    for heading in ("Events", "Quotes", "Related actors", "Sources"):
        assert f">{heading}<" in page
    assert "Recep Tayyip Erdoğan" in page
    assert "That is why we need to discuss everything" in page  # "..., he noted"


def test_search_finds_actors_by_alias(project: Path) -> None:
    index = json.loads((project / "site" / "search" / "search_index.json").read_text("utf-8"))
    idlib = [d for d in index["docs"] if d["location"] == "actors/idlib/"]
    assert idlib and "Idleb" in " ".join(d["text"] for d in idlib)


def test_a_second_build_writes_nothing(project: Path) -> None:
    result = build(Paths(project))
    assert result.report.written == 0 and not result.report.removed


def test_builds_are_byte_identical_across_folders_and_hash_seeds(
    project: Path, tmp_path: Path
) -> None:
    other = make_project(tmp_path / "elsewhere", REPO / "corpus")
    result = run_cli("--root", str(other), "build", env={"PYTHONHASHSEED": "12345"})
    assert result.returncode == 0, result.stderr
    assert snapshot(other / "docs") == snapshot(project / "docs")
    assert snapshot(other / "site") == snapshot(project / "site")


def test_stale_pages_go_and_hand_written_pages_stay(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", REPO / "corpus")
    build(Paths(root))
    events = root / "corpus" / "events.yml"
    text = events.read_text("utf-8")
    start = text.index("- id: s400-delivery-2019")
    end = text.index("\n- id:", start + 1)
    events.write_text(text[:start] + text[end + 1 :], "utf-8")
    result = build(Paths(root))
    assert "events/s400-delivery-2019.md" in result.report.removed
    assert not (root / "site" / "events" / "s400-delivery-2019").exists()
    assert (root / "docs" / "about.md").is_file()


def test_a_failed_site_build_keeps_the_previous_site(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", REPO / "corpus")
    build(Paths(root))
    before = snapshot(root / "site"), snapshot(root / "docs")
    (root / "docs" / "about.md").write_text("[broken](nowhere.md)\n")
    result = run_cli("--root", str(root), "build")
    assert result.returncode == 1 and "mkdocs build" in result.stderr
    assert snapshot(root / "site") == before[0]
    shutil.rmtree(root / "site")


def test_offline_bundle_is_a_self_contained_zip_of_html_pages(tmp_path: Path) -> None:
    import zipfile

    root = make_project(tmp_path / "p", REPO / "corpus")
    build(Paths(root), offline=True)
    bundle = root / "dossier-offline.zip"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(tmp_path / "unzipped")
    site = tmp_path / "unzipped" / "dossier"
    assert (site / "index.html").is_file() and (site / "actors" / "idlib.html").is_file()
    assert (site / "search" / "search_index.js").is_file()  # search without a server
    assert broken_links(site) == []
    assert external_loads(site) == []
    timeline = (site / "timeline.html").read_text("utf-8")
    assert 'href="events/moscow-talks-2020-03-05.html"' in timeline  # the SVG marks
    first = bundle.read_bytes()
    build(Paths(root), offline=True)
    assert bundle.read_bytes() == first  # deterministic


def test_raw_html_lists_follow_mkdocs_use_directory_urls(tmp_path: Path) -> None:
    """The long lists printed as raw HTML link with .md paths, which the hook makes built
    URLs as MkDocs makes those of Markdown links: page.html with `use_directory_urls:
    false`, page/ with true."""
    root = make_project(tmp_path / "p", REPO / "tests" / "fixtures" / "mini" / "corpus")
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "use_directory_urls: true" in text
    config.write_text(text.replace("use_directory_urls: true", "use_directory_urls: false"))
    build(Paths(root))
    assert broken_links(root / "site") == []
    page = (root / "docs" / "actors" / "putin.md").read_text("utf-8")
    assert '<a href="../sources/alpha-2020-03-05-talks.md#p2">¶2</a>' in page
    actor = (root / "site" / "actors" / "putin.html").read_text("utf-8")
    assert '<a href="../sources/alpha-2020-03-05-talks.html#p2">¶2</a>' in actor
    assert ".md" not in actor.replace("index.md", "")  # every page link rewritten
    config.write_text(text)
    build(Paths(root))
    assert broken_links(root / "site") == []
    actor = (root / "site" / "actors" / "putin" / "index.html").read_text("utf-8")
    assert '<a href="../../sources/alpha-2020-03-05-talks/#p2">¶2</a>' in actor
