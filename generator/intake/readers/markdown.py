"""Markdown with optional YAML front matter (`title`, `outlet`, `published`, ...)."""

from __future__ import annotations

import re

from generator.intake.article import UNKNOWN, Article, IngestError
from generator.intake.clean import clean_body, normalise_line
from generator.intake.published import stated_date
from generator.intake.readers.base import Reader
from generator.stages.validate import split_paragraphs
from generator.yamlio import LineMap, parse_yaml


def _front_matter(lines: list[str], name: str) -> tuple[LineMap | None, int]:
    """The front matter mapping (None when the file has none) and where the body starts."""
    if not lines or lines[0].strip() != "---":
        return None, 0
    close = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if close is None:
        raise IngestError(":1: front matter is never closed (no second '---' line)")
    front, problems = parse_yaml("\n".join(lines[1:close]), name, first_line=2)
    if problems:
        first = problems[0]
        line = first.location.line if first.location else 1
        raise IngestError(f":{line}: {first.message}")
    if front is not None and not isinstance(front, LineMap):
        raise IngestError(":2: front matter must be a YAML mapping of fields")
    return front or LineMap(), close + 1


def parse_markdown(lines: list[str], name: str) -> tuple[Article, list[str]]:
    article = Article()
    front, start = _front_matter(lines, name)
    if front is not None:
        _front_fields(article, front)
    blocks: list[str] = []
    for paragraph in split_paragraphs(_items_apart(lines[start:])):
        text = _markdown_to_text(paragraph)
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*$", paragraph)
        if heading and article.title is None and not blocks and paragraph.startswith("# "):
            article.title = _markdown_to_text(heading.group(1))
            continue
        if text:
            blocks.extend([text, ""])
    return article, clean_body(blocks)


# A bulleted list item's first line: "- ", "* ", "+ " (not "1. ": in German "15. März"
# opens a line of a wrapped paragraph as well as a numbered item).
_ITEM = re.compile(r"^\s{0,3}[-*+]\s+\S")


def _items_apart(lines: list[str]) -> list[str]:
    """The body with each list item a paragraph of its own: joined as one paragraph, a list
    read "- a ceasefire; - a corridor; - patrols"."""
    apart: list[str] = []
    for line in lines:
        if _ITEM.match(line) and apart and apart[-1].strip():
            apart.append("")
        apart.append(line)
    return apart


def _front_fields(article: Article, front: LineMap) -> None:
    def text(*keys: str) -> tuple[str | None, str, int]:
        for key in keys:
            value = front.get(key)
            if value is not None and not isinstance(value, (dict, list)):
                cleaned = normalise_line(str(value))
                return (cleaned or None), key, front.line_of(key)
        return None, keys[0], front.line

    article.title = text("title")[0]
    outlet = text("outlet", "source", "publisher", "site")[0]
    article.outlet = outlet if outlet and outlet.lower() != UNKNOWN else None
    url = text("url", "link", "canonical")[0]
    article.url = url if url and url.lower() != UNKNOWN else None
    language = text("language", "lang")[0]
    article.language = language or None  # as written: given_language reads it
    value, key, line = text("published", "date")
    if value is not None:
        article.published = stated_date(value, line, key)


def _markdown_to_text(text: str) -> str:
    text = re.sub(r"<!--.*?-->", "", text)
    text = re.sub(r"!\[[^\[\]]*\]\([^()]*\)", "", text)  # images
    text = re.sub(r"\[([^\[\]]+)\]\([^()]*\)", r"\1", text)  # links keep their words
    text = re.sub(r"^#{1,6}\s+|\s+#+$", "", text)
    text = re.sub(r"^>\s?", "", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])", r"\2", text)  # *emphasis*
    text = re.sub(r"^[-*+]\s+", "", text)  # a bulleted list item's marker
    text = re.sub(r"\[\^([^\]\s]+)\]:?", r"[\1]", text)  # footnotes: [^1] as [1]
    return normalise_line(text)


class MarkdownReader(Reader):
    kind = "Markdown"

    def accepts(self, text: str, lines: list[str], suffix: str) -> bool:
        return lines[0].strip() == "---" or suffix in (".md", ".markdown")

    def read(self, text: str, lines: list[str], name: str) -> tuple[Article, list[str]]:
        return parse_markdown(lines, name)
