"""The calendar's words: month and weekday names, seasons, number words and tense cues, read
once from data/calendar.txt (one owner for them; the date grammar in dates.py builds on it)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip


@cache
def sections() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each [section] of calendar.txt as its lines split into words (a name shield keeps its
    line whole, since its words are matched together)."""
    text = resources.files("generator.text").joinpath("data/calendar.txt").read_text("utf-8")
    found: dict[str, list[tuple[str, ...]]] = {}
    current: list[tuple[str, ...]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = found.setdefault(line[1:-1], [])
        else:
            current.append(tuple(line.split()))
    return {name: tuple(lines) for name, lines in found.items()}


def words(section: str) -> tuple[str, ...]:
    """A section whose lines are single words or phrases, each as one string."""
    return tuple(" ".join(line) for line in sections()[section])


def numbered(section: str) -> dict[str, int]:
    """word -> number, for sections written "number word word..." or "word number"."""
    table: dict[str, int] = {}
    for line in sections()[section]:
        if line[0].isdigit():
            table.update((word, int(line[0])) for word in line[1:])
        else:
            table[" ".join(line[:-1])] = int(line[-1])
    return table


def spans(section: str) -> dict[str, tuple[int, int]]:
    """word -> (first month, last month), for sections written "word first last"."""
    return {" ".join(line[:-2]): (int(line[-2]), int(line[-1])) for line in sections()[section]}


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after day's."""
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def month_end(day: dt.date) -> dt.date:
    return next_month(day) - dt.timedelta(days=1)


@cache
def month_pattern() -> str:
    """A regular expression for a month as written in a date line: "January", "Jan.", "Sept"."""
    names = sorted({w.capitalize() for w in numbered("months")}, key=len, reverse=True)
    return "(?:" + "|".join(names) + r")\.?"
