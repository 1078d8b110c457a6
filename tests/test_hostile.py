"""Article text is untrusted: markup inside it must come out as visible text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.pipeline import Paths, build
from tests.conftest import MINI_CORPUS, make_project
from tests.sitecheck import parse

pytestmark = pytest.mark.site

HOSTILE_LINES = [
    "<script>alert('body')</script> Putin spoke.",
    '<img src=x onerror="alert(1)"> Erdogan answered.',
    '[Click here](javascript:alert(1)) and <a href="javascript:alert(2)">this</a>.',
    "{{ 7 * 7 }} and {% raw %}jinja{% endraw %} stay text.",
    "**not bold** _not italic_ `not code` {: #injected .evil }",
    "# Not a heading",
    "- not a list item",
    "<!-- not a comment --> &amp; stays &amp;",
    "[^1] is no footnote, *[HTML]: no abbreviation",
]
HOSTILE_SOURCE = (
    """---
id: hostile-2020-03-06-test
title: "<script>alert('title')</script> Hostile & <b>bold</b>"
outlet: "<i>Evil</i> Outlet"
published: 2020-03-06
language: en
notes: "<svg onload=alert(3)>"
---
"""
    + "\n\n".join(HOSTILE_LINES)
    + "\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("hostile") / "project", MINI_CORPUS)
    (root / "corpus" / "sources" / "hostile-2020-03-06-test.md").write_text(HOSTILE_SOURCE)
    build(Paths(root))
    return root / "site"


def page_text(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def test_no_markup_from_the_article_reaches_the_page(site: Path) -> None:
    page = page_text(site, "sources/hostile-2020-03-06-test")
    article = page[page.index("<h1") : page.index("</article>")]
    for forbidden in (
        "<script>alert",
        "<img src=x",
        "<b>bold",
        "<strong>not bold",
        "<em>not italic",
        "<code>not code",
        'id="injected"',
        "<h1>Not a heading",
        "<li>not a list",
        "<!-- not a comment",
        "<i>Evil",
        "<svg",
        'class="footnote',
    ):
        assert forbidden not in article, forbidden
    assert not any(
        url.startswith("javascript:")
        for _, _, url in parse(site / "sources" / "hostile-2020-03-06-test" / "index.html").links
    )


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return "".join(parser.parts)


def test_the_text_is_shown_verbatim(site: Path) -> None:
    page = visible_text(page_text(site, "sources/hostile-2020-03-06-test"))
    for visible in (
        "<script>alert('body')</script> Putin spoke.",
        "{{ 7 * 7 }}",
        "{% raw %}jinja{% endraw %}",
        "**not bold** _not italic_ `not code`",
        "{: #injected .evil }",
        "# Not a heading",
        "- not a list item",
        "<!-- not a comment --> &amp; stays &amp;",
        "[Click here](javascript:alert(1))",
    ):
        assert visible in page, visible


def test_hostile_titles_cannot_open_tags_anywhere(site: Path) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert "<script>alert('title')" not in text, page
        assert "<b>bold</b>" not in text, page


def test_actor_links_still_work_inside_hostile_text(site: Path) -> None:
    page = page_text(site, "sources/hostile-2020-03-06-test")
    assert 'href="../../actors/putin/"' in page


def test_the_printable_list_of_sources_shows_hostile_titles_as_text(site: Path) -> None:
    """print/<year>.md lists the sources as raw HTML escaped by the generator."""
    page = page_text(site, "print/2020")
    assert 'id="source-hostile-2020-03-06-test"' in page
    assert "<script>alert('title')</script> Hostile & <b>bold</b>" in visible_text(page)
    assert "<i>Evil</i> Outlet" in visible_text(page)
