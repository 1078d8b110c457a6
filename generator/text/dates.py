"""Date expressions in article text, resolved against the article's publication date.

"on Thursday" is the most recent Thursday on or before publication; "March 5 or 6" is a
range; "in November 2015" is known to the month; "late 2015" to September–December; "last year" to
the year. A capture
timestamp is never taken for the publication date: only the front matter's `published` is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
# "late 2015": the months a part of a year is taken to cover
PARTS_OF_YEAR = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "end of": (10, 12)}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"  # noqa: E501
_PATTERNS = [
    ("month-day", re.compile(
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:\s*(?:or|and|-|–|to)\s*(?P<day2>\d{{1,2}}))?"
        r"(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d{2}))?\b")),
    ("day-month", re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?\b")),
    ("month-year", re.compile(rf"\b{_MONTH}\s+(?P<year>(?:19|20)\d{{2}})\b")),
    ("weekday", re.compile(
        r"\b(?P<which>last|this|next|on|late on|early on)?\s*"
        r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("relative-day", re.compile(r"\b(?P<word>yesterday|today|tonight|tomorrow)\b", re.I)),
    ("relative-week", re.compile(r"\b(?P<word>last week|earlier this week|this week)\b", re.I)),
    ("relative-year", re.compile(r"\b(?P<word>last year|this year|next year)\b", re.I)),
    ("part-year", re.compile(
        r"\b(?P<part>early|mid|late|end of)(?:\s+|-)(?P<year>(?:19|20)\d{2})\b", re.I)),
    ("year", re.compile(r"\b(?:in|since|of|by|until)\s+(?P<year>(?:19|20)\d{2})\b")),
]  # fmt: skip


@dataclass(frozen=True)
class DateMention:
    """A date expression and what it resolves to (None where it cannot be resolved)."""

    text: str
    start: int
    end: int
    first: dt.date | None
    last: dt.date | None
    precision: str  # day | range | week | month | months (part of a year: "late 2015") | year

    @property
    def display(self) -> str:
        if self.first is None or self.last is None:
            return "unresolved (publication date unknown)"
        if self.precision == "year":
            return str(self.first.year)
        if self.precision == "month":
            return self.first.strftime("%B %Y")
        if self.precision == "months":
            return f"{self.first:%B}–{self.last:%B %Y}"
        if self.first == self.last:
            return f"{self.first.day} {self.first:%B %Y}"
        return f"{self.first.isoformat()} to {self.last.isoformat()}"


def month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def _resolve(kind: str, match: re.Match[str], published: dt.date | None) -> DateMention | None:
    groups = match.groupdict()
    text = match.group(0).strip()
    start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
    year_text = groups.get("year")
    if kind in ("month-day", "day-month", "month-year"):
        month = MONTHS[groups["month"].lower().rstrip(".")]
        year = int(year_text) if year_text else (published.year if published else None)
        if year is None:
            return DateMention(text, start, match.end(), None, None, "day")
        try:
            if kind == "month-year":
                first = dt.date(year, month, 1)
                return DateMention(text, start, match.end(), first, month_end(first), "month")
            first = dt.date(year, month, int(groups["day"]))
            last = dt.date(year, month, int(groups["day2"])) if groups.get("day2") else first
        except ValueError:
            return None
        return DateMention(
            text, start, match.end(), first, last, "range" if last != first else "day"
        )
    if kind == "part-year":
        months = PARTS_OF_YEAR[groups["part"].lower()]
        first = dt.date(int(year_text or 0), months[0], 1)
        last = month_end(first.replace(month=months[1]))
        return DateMention(text, start, match.end(), first, last, "months")
    if kind == "year":
        first = dt.date(int(year_text or 0), 1, 1)
        return DateMention(text, start, match.end(), first, first.replace(month=12, day=31), "year")
    if published is None:
        return DateMention(text, start, match.end(), None, None, "day")
    if kind == "weekday":
        target = WEEKDAYS.index(groups["weekday"].lower())
        if (groups.get("which") or "").lower() == "next":
            delta = (target - published.weekday()) % 7 or 7
            day = published + dt.timedelta(days=delta)
        else:
            day = published - dt.timedelta(days=(published.weekday() - target) % 7)
        return DateMention(text, start, match.end(), day, day, "day")
    word = groups["word"].lower()
    if kind == "relative-day":
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
        day = published + dt.timedelta(days=offset)
        return DateMention(text, start, match.end(), day, day, "day")
    if kind == "relative-week":
        monday = published - dt.timedelta(days=published.weekday())
        if word == "last week":
            first = monday - dt.timedelta(days=7)
            return DateMention(
                text, start, match.end(), first, first + dt.timedelta(days=6), "week"
            )
        return DateMention(text, start, match.end(), monday, published, "week")
    year = published.year + {"last year": -1, "this year": 0, "next year": 1}[word]
    return DateMention(text, start, match.end(), dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression in text, longest first where two overlap, in text order."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:  # the patterns are ordered most specific first
        for match in pattern.finditer(text):
            if not match.group(0).strip() or any(
                s < match.end() and match.start() < e for s, e in taken
            ):
                continue
            mention = _resolve(kind, match, published)
            if mention is not None:
                found.append(mention)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)
