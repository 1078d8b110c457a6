"""The URL scheme (generator/urls.py): where pages live and how one page links to another."""

from __future__ import annotations

import posixpath

import pytest

from generator.urls import (
    actor_path,
    archive_year_path,
    event_path,
    page_href,
    relative_url,
    site_url,
    source_path,
)


def test_each_kind_of_page_has_its_folder() -> None:
    assert actor_path("putin") == "actors/putin.md"
    assert event_path("moscow-talks") == "events/moscow-talks.md"
    assert source_path("rfi-2020-02-21-x") == "sources/rfi-2020-02-21-x.md"
    assert archive_year_path("putin", 2020) == "actors/putin/sources/2020.md"
    assert archive_year_path("putin", 0) == "actors/putin/sources/undated.md"


@pytest.mark.parametrize(
    ("page", "target"),
    [
        ("index.md", "actors/putin.md"),
        ("actors/putin.md", "actors/erdogan.md"),
        ("actors/putin/sources/2020.md", "sources/a.md"),
        ("sources/a.md", "index.md"),
        ("phases/1-rupture.md", "events/index.md"),
    ],
)
def test_relative_url_is_what_relpath_gives(page: str, target: str) -> None:
    expected = posixpath.relpath(target, posixpath.dirname(page) or ".")
    assert relative_url(page, target) == expected


def test_site_url_follows_mkdocs_directory_urls() -> None:
    assert site_url("index.md") == ""
    assert site_url("actors/putin.md") == "actors/putin/"
    assert site_url("events/index.md") == "events/"


def test_picture_links_are_relative_to_the_built_page() -> None:
    # raw HTML is not rewritten by MkDocs: the link must already be the built page's
    assert page_href("actors/turkey.md", "actors/russia.md") == "../russia/"
    assert page_href("index.md", "events/moscow-talks.md") == "events/moscow-talks/"
    assert page_href("timeline.md", "events/a.md") == "../events/a/"
    # the offline bundle has page.html addresses, relative to the page's folder
    assert page_href("actors/turkey.md", "actors/russia.md", directory_urls=False) == "russia.html"
