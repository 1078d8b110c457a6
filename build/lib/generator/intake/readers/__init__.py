"""One reader per input format, as Pelican has one per markup: each knows how to recognise its
format and how to read an article out of it. `generator.intake.ingest.parse_article` asks them
in order (`READERS`) and takes the first that accepts the file; plain text accepts anything.
"""

from __future__ import annotations

from generator.intake.readers.base import Reader
from generator.intake.readers.header import HeaderBlockReader
from generator.intake.readers.html import HtmlReader
from generator.intake.readers.markdown import MarkdownReader
from generator.intake.readers.plain import PlainTextReader

READERS: tuple[Reader, ...] = (
    HtmlReader(),
    MarkdownReader(),
    HeaderBlockReader(),
    PlainTextReader(),
)


def reader_for(text: str, lines: list[str], suffix: str) -> Reader:
    """The first reader that accepts the file (plain text, the last, accepts every file)."""
    return next(r for r in READERS if r.accepts(text, lines, suffix))


__all__ = [
    "READERS",
    "HeaderBlockReader",
    "HtmlReader",
    "MarkdownReader",
    "PlainTextReader",
    "Reader",
    "reader_for",
]
