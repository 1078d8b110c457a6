"""Material for MkDocs reaches end of life in 2027; its successor Zensical reads mkdocs.yml.
The docs/ the generator writes must build with it too: pages, links and search.

Zensical ignores MkDocs hooks (and our plugin), so docs/ is generated first, as the README
says (`python -m generator build --no-site`, then `zensical build`). It is an optional extra
(`pip install -e '.[zensical]'`); CI installs it (.ci/run) and there this test must run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import Paths, build
from tests.conftest import REPO, make_project
from tests.sitecheck import broken_links

pytestmark = pytest.mark.site


def zensical() -> str | None:
    beside = Path(sys.executable).parent / "zensical"
    return str(beside) if beside.exists() else shutil.which("zensical")


def test_zensical_builds_the_generated_docs(tmp_path: Path) -> None:
    program = zensical()
    if program is None:
        if os.environ.get("DOSSIER_REQUIRE_ZENSICAL"):
            pytest.fail("Zensical is required here (DOSSIER_REQUIRE_ZENSICAL) but not installed")
        pytest.skip("Zensical is not installed: pip install -e '.[zensical]' to run this test")
    root = make_project(tmp_path / "project", REPO / "corpus")
    build(Paths(root), with_site=False)
    result = subprocess.run(
        [program, "build"], cwd=root, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"
    sources = sorted(p.stem for p in (root / "corpus" / "sources").glob("*.md"))
    for page in ["index.html", "timeline/index.html", "print/index.html", "tags/index.html"]:
        assert (site / page).is_file(), page
    for source in sources:
        assert (site / "sources" / source / "index.html").is_file(), source
    # Zensical reads every relative href in raw HTML as relative to the page's source file
    # and rewrites it; the pictures' links are relative to the built page, as MkDocs leaves
    # raw HTML alone. So inside pictures (and only there) links differ (README says so).
    assert [b for b in broken_links(site) if b.split(" -> ")[1] not in picture_links(site)] == []
    index = json.loads((site / "search.json").read_text("utf-8"))
    found = [i["location"] for i in index["items"] if "Idlib" in i.get("text", "")]
    assert any(location.startswith("sources/") for location in found)


def picture_links(site: Path) -> set[str]:
    """Every href inside an inline SVG picture of the built site."""
    found: set[str] = set()
    for page in site.rglob("*.html"):
        for svg in re.findall(r"<svg.*?</svg>", page.read_text("utf-8"), flags=re.S):
            found.update(re.findall(r'\shref="([^"]*)"', svg))
    return found
