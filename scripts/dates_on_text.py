#!/usr/bin/env python3
"""Every date `find_dates` reads in text with no gold, one a line, for before/after comparison.

    .venv/bin/python scripts/dates_on_text.py PATH... > dates.txt

Each PATH is a folder of article files (front matter lines "key: value", a blank line, then
the body; the seeds and dev articles) or a quotes benchmark JSON (PolNeAR article text, whose
ids begin with the publication date). A paragraph is a block between blank lines (one line in
the JSON). An article with no usable publication date is read as published on 2020-03-05, so
that its relative dates still resolve to something comparable. Diff two runs' output to see
what a change to the dates did to text that nobody tuned it on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from generator.dates import find_dates

_BLOCK = re.compile(r"(?:[^\n]|\n(?!\s*\n))+")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
FALLBACK = dt.date(2020, 3, 5)

Article = tuple[str, dt.date, list[str]]


def _day(text: str) -> dt.date:
    found = _ISO_DAY.search(text)
    try:
        return dt.date.fromisoformat(found.group(0)) if found else FALLBACK
    except ValueError:
        return FALLBACK


def _folder(path: Path) -> Iterator[Article]:
    for file in sorted(path.glob("*.txt")):
        head, _, body = file.read_text(encoding="utf-8").partition("\n\n")
        published = next((line for line in head.splitlines() if line.startswith("published:")), "")
        yield file.name, _day(published), [m.group(0) for m in _BLOCK.finditer(body)]


def _quotes_json(path: Path) -> Iterator[Article]:
    for article in json.loads(path.read_text(encoding="utf-8"))["articles"]:
        lines = [line for line in article["text"].split("\n") if line.strip()]
        yield article["id"], _day(article["id"]), lines


def main(argv: list[str]) -> int:
    if not argv or not all(Path(a).exists() for a in argv):
        print("usage: dates_on_text.py PATH... (article folders or a quotes JSON)", file=sys.stderr)
        return 1
    for arg in argv:
        path = Path(arg)
        articles = _folder(path) if path.is_dir() else _quotes_json(path)
        for name, published, paragraphs in articles:
            for number, paragraph in enumerate(paragraphs):
                for d in find_dates(paragraph, published):
                    context = " ".join(paragraph[max(0, d.start - 50) : d.end + 30].split())
                    print(
                        f"{name}\t{number}\t{d.start}\t{d.text!r}\t{d.timex}\t{d.precision}\t{context}"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
