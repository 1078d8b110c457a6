"""What every reader returns: the article's metadata and paragraphs, and the error it raises."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

UNKNOWN = "unknown"


class IngestError(Exception):
    """A file that cannot be taken in; the message is the reason (maybe with ':<line>: ')."""


@dataclass
class Article:
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
