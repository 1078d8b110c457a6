"""Header-block text: `title:`/`outlet:`/`url:`/`published:` lines, a blank line, the body."""

from __future__ import annotations

import re

from generator.intake.article import UNKNOWN, Article
from generator.intake.clean import clean_body, normalise_line
from generator.intake.published import stated_date
from generator.intake.readers.base import Reader

_HEADER_KEYS = {"title", "outlet", "url", "published", "date", "language"}
_HEADER_LINE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*)$")


def is_header_block(lines: list[str]) -> bool:
    first = next((line for line in lines if line.strip()), "")
    match = _HEADER_LINE.match(first.strip())
    return bool(match and match.group(1).lower() in _HEADER_KEYS - {"language"})


def _known(value: str) -> str | None:
    return value if value and value.lower() != UNKNOWN else None


def _set_field(article: Article, key: str, value: str, line_no: int) -> None:
    if key == "title":
        article.title = value or None
    elif key == "outlet":
        article.outlet = _known(value)
    elif key == "url":
        article.url = _known(value)
    elif key in ("published", "date"):
        article.published = stated_date(value, line_no, key)
    elif key == "language":
        article.language = value or None  # as written: given_language reads it


def parse_header_block(lines: list[str]) -> tuple[Article, list[str]]:
    article = Article()
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    while index < len(lines) and lines[index].strip():
        match = _HEADER_LINE.match(lines[index].strip())
        if not match:
            break  # the body starts without a blank line
        _set_field(article, match.group(1).lower(), normalise_line(match.group(2)), index + 1)
        index += 1
    return article, clean_body(lines[index:])


class HeaderBlockReader(Reader):
    kind = "header-block text"

    def accepts(self, text: str, lines: list[str], suffix: str) -> bool:
        return is_header_block(lines)

    def read(self, text: str, lines: list[str], name: str) -> tuple[Article, list[str]]:
        return parse_header_block(lines)
