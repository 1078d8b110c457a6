"""Page text as saved from a browser: the headline is the first line that is not chrome."""

from __future__ import annotations

import re

from generator.intake.article import Article
from generator.intake.clean import clean_body, is_chrome, normalise_line
from generator.intake.readers.base import Reader


def parse_plain(lines: list[str]) -> tuple[Article, list[str]]:
    """Page text as saved: the headline is the first line that is not chrome, if it reads as one."""
    article = Article()
    index = 0
    while index < len(lines):
        line = normalise_line(lines[index])
        if line and not is_chrome(line):
            break
        index += 1
    if index < len(lines):
        candidate = normalise_line(lines[index])
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if _headline_like(candidate) and not following:
            article.title = candidate
            return article, clean_body(lines[index + 1 :])
    return article, clean_body(lines)


def _headline_like(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 30 and len(line) <= 200 and not re.search(r"[.,;:]$", line)


class PlainTextReader(Reader):
    kind = "plain text"

    def accepts(self, text: str, lines: list[str], suffix: str) -> bool:
        return True  # the fallback: any text is page text

    def read(self, text: str, lines: list[str], name: str) -> tuple[Article, list[str]]:
        return parse_plain(lines)
