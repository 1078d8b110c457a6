"""The interface every format reader has."""

from __future__ import annotations

from abc import ABC, abstractmethod

from generator.intake.article import Article


class Reader(ABC):
    """Reads one input format. `read` returns the article's metadata and its paragraphs, each
    one string, chrome already cut; it raises IngestError (with ':<line>: ' when a line is at
    fault) for a file of its format that is broken."""

    kind: str = ""  # how `add` names the format in its one-line message

    @abstractmethod
    def accepts(self, text: str, lines: list[str], suffix: str) -> bool:
        """Whether the file (its text, its lines, its lower-case suffix) is in this format."""

    @abstractmethod
    def read(self, text: str, lines: list[str], name: str) -> tuple[Article, list[str]]:
        """The article and its paragraphs; `name` is the file name for messages."""
