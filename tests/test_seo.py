"""What search engines and feed readers see in the built site: a description per page, the
feed linked from every head, a sitemap with or without SITE_URL, canonical links with it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.pipeline import Paths, build
from tests.conftest import REPO, make_project

pytestmark = pytest.mark.site
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site_url: str) -> Path:
    monkeypatch.setenv("SITE_URL", site_url)
    root = make_project(tmp_path / "p", REPO / "corpus")
    build(Paths(root))
    return root / "site"


def _pages(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): p.read_text("utf-8")
        for p in sorted(site.rglob("index.html"))
        if "assets" not in p.parts
    }


def test_without_site_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path, monkeypatch, "")
    pages = _pages(site)
    descriptions = {}
    for path, html in pages.items():
        assert re.search(
            r'<link rel="alternate" type="application/atom\+xml"[^>]*feed\.xml"', html
        ), path
        assert 'rel="canonical"' not in html  # no address to be canonical about
        found = re.search(r'<meta name="description" content="([^"]+)"', html)
        assert found, path
        descriptions[path] = found.group(1)
    repeated = len(descriptions) - len(set(descriptions.values()))
    assert repeated == 0, "every page has a description of its own"
    locs = [el.text for el in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert "timeline/" in locs and "actors/putin/" in locs
    assert len(locs) >= len(pages) - 1  # 404 aside


def test_with_site_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path, monkeypatch, "https://example.org/dossier/")
    html = (site / "actors" / "putin" / "index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://example.org/dossier/actors/putin/">' in html
    locs = [el.text for el in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert "https://example.org/dossier/timeline/" in locs
    assert all((loc or "").startswith("https://example.org/dossier/") for loc in locs)
