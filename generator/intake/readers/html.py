"""A saved HTML page: body and site name from trafilatura, date from htmldate, headline ours.

trafilatura finds the article in pages the project's own block parser missed (a page inside a
<form>, an article of bare <div>s): body F1 0.890 -> 0.976 on the article-extraction dev pages,
no empty body. htmldate reads the publication date from the markup only (meta tags, JSON-LD,
<time>, ...), not from the address: a date in the URL is only *proposed* (see published.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

from generator.intake.article import Article
from generator.intake.clean import clean_body, is_chrome, normalise_line
from generator.intake.published import EARLIEST, latest, parse_published, plausible, url_date
from generator.intake.readers.base import Reader
from generator.intake.readers.html_page import PageMeta, read_page
from generator.intake.readers.outlets import choose_outlet, cut_site_name

# Both libraries log a warning for every page they find nothing in; a user's `add` says so in
# its own words. A NullHandler keeps Python's last-resort handler from printing them.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


def _extract(text: str) -> tuple[list[str], str | None]:
    """trafilatura's paragraphs of the article and its site name. Comments are not the article;
    favour precision: on the dev pages it costs 0.004 of recall and gains 0.024 of precision."""
    import trafilatura  # a tenth of a second to import: only when a page is read

    try:
        doc = trafilatura.bare_extraction(
            text, with_metadata=True, favor_precision=True, include_comments=False
        )
    except Exception:  # a library failing on a hostile page: read it our own way
        return [], None
    if doc is None or isinstance(doc, dict) or doc.body is None:
        return [], None
    paragraphs = [p for p in _blocks(doc.body) if p and not is_chrome(p)]
    return paragraphs, doc.sitename


# trafilatura's output tree: <p>, <head>, <list><item>, <table><row><cell>, <quote>, <code>;
# a line break (<lb/>) inside a paragraph is not a new paragraph.
_CONTAINERS = frozenset({"list", "table", "quote", "div", "body"})


def _blocks(element: Any) -> Iterator[str]:
    """Each paragraph-like element's text, one string, in document order."""
    for child in element:
        if not isinstance(child.tag, str):
            continue  # a comment or processing instruction
        if child.tag in _CONTAINERS and any(isinstance(c.tag, str) for c in child):
            yield normalise_line(child.text or "")
            yield from _blocks(child)
        elif child.tag == "row":  # a table row is one line, its cells apart
            yield normalise_line(" ".join(_text(cell) for cell in child))
        else:
            yield _text(child)
        yield normalise_line(child.tail or "")


def _text(element: Any) -> str:
    return normalise_line(" ".join(_inline(element).split()))


def _inline(element: Any) -> str:
    """An element's text with its inline children; a line break (<lb/>) reads as a space."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(" " if child.tag == "lb" else _inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _published(text: str, page: PageMeta) -> dt.date | None:
    """The publication date the markup states: its explicit metadata (article:published_time,
    JSON-LD datePublished, ...) first; when that is only placeholders (0001-01-01) the page has
    no date, and none is guessed. Else what htmldate reads from the markup; htmldate can take a
    date off an image path, so its date is dropped when the page's address dates the article
    otherwise (more than two days apart): unknown, and the address's date proposed, rather than
    a wrong date stated."""
    stated = [date for value in page.dates if (date := parse_published(value))]
    if stated:  # all placeholders (0001-01-01) when none is plausible: the page has no date
        return next((date for date in stated if plausible(date)), None)
    import htmldate

    try:
        found = htmldate.find_date(
            text,
            extensive_search=False,
            original_date=True,
            url="",  # not the canonical address: a URL date is a proposal, not a fact
            min_date=EARLIEST.isoformat(),
            max_date=latest().isoformat(),
        )
    except Exception:  # a library failing on a hostile page: no date, no crash
        return None
    date = plausible(parse_published(found or ""))
    address = url_date(page.url or "")
    if date and address and abs((date - address).days) > 2:
        return None
    return date


def parse_html(text: str) -> tuple[Article, list[str]]:
    page = read_page(text)
    paragraphs, traf_site = _extract(text)
    if not paragraphs:  # trafilatura found no article: take our own parser's blocks
        paragraphs = clean_body(line for block in page.blocks for line in (block, ""))
    site_names = [*page.site_names, traf_site]
    article = Article(
        title=cut_site_name(page.title, site_names, page.url) if page.title else None,
        outlet=choose_outlet(site_names, page.url),
        url=page.url,
        published=_published(text, page),
    )
    return article, paragraphs


class HtmlReader(Reader):
    kind = "HTML page"

    def accepts(self, text: str, lines: list[str], suffix: str) -> bool:
        head = text.lstrip()[:200].lower()
        return suffix in (".html", ".htm", ".xhtml") or head.startswith(("<!doctype html", "<html"))

    def read(self, text: str, lines: list[str], name: str) -> tuple[Article, list[str]]:
        return parse_html(text)
