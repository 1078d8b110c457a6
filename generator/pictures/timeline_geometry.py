"""Where things go on the timeline: pure functions of dates and widths, no SVG.

Time runs left to right and stays proportional within each stretch of events; a gap longer
than about six months is cut out and drawn as a break of fixed width. Stretches share the
width by their length in days, but a busy stretch gets at least a fixed room per event, so
its marks and labels fit. Events sit in lanes by kind (diplomacy, military...), each lane
as many rows deep as its labels need: every mark is labelled.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator.text.calendar import next_month

# Lanes, top to bottom: (id, name, event kinds). A kind not listed goes to "other".
LANES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("diplomacy", "Diplomacy", ("meeting", "phone-call", "letter", "agreement")),
    ("statements", "Statements", ("statement",)),
    ("military", "Military", ("military-operation", "strike", "attack")),
    ("economy", "Economy", ("sanctions",)),
    ("other", "Other", ("other",)),
)
GAP_DAYS = 183  # a quiet stretch longer than this is cut out of the axis
ROOM_PER_EVENT = 40.0  # px a stretch gets at least for each of its events


def lane_of(kind: str) -> str:
    return next((lane for lane, _, kinds in LANES if kind in kinds), "other")


def month_start(d: datetime.date) -> datetime.date:
    return d.replace(day=1)


def span(start: datetime.date, precision: str) -> tuple[int, int]:
    """The time a date covers as ordinal days, end exclusive (a day, a month or a year)."""
    if precision == "year":
        return datetime.date(start.year, 1, 1).toordinal(), datetime.date(
            start.year + 1, 1, 1
        ).toordinal()
    if precision == "month":
        first = month_start(start)
        return first.toordinal(), next_month(first).toordinal()
    return start.toordinal(), start.toordinal() + 1


def stretches(spans: list[tuple[int, int]], gap_days: int = GAP_DAYS) -> list[tuple[int, int]]:
    """Runs of time with events, rounded out to whole months; long gaps between them cut."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1] + gap_days:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    result = []
    for a, b in merged:
        start = month_start(datetime.date.fromordinal(a))
        end = next_month(datetime.date.fromordinal(b - 1))
        result.append((start.toordinal(), end.toordinal()))
    return result


@dataclass(frozen=True)
class Scale:
    """x for a day: linear within each stretch, stretches side by side with breaks between."""

    stretches: tuple[tuple[int, int], ...]
    starts: tuple[float, ...]  # x where each stretch begins
    widths: tuple[float, ...]

    def stretch_of(self, day: float) -> int:
        found = 0
        for i, (a, _) in enumerate(self.stretches):
            if a <= day:
                found = i
        return found

    def x(self, day: float) -> float:
        i = self.stretch_of(day)
        a, b = self.stretches[i]
        day = min(max(day, a), b)
        return self.starts[i] + self.widths[i] * (day - a) / (b - a)

    def bounds(self, i: int) -> tuple[float, float]:
        return self.starts[i], self.starts[i] + self.widths[i]


def _framing(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that decide the stretches: a year-precision event frames its year only when
    nothing else happened in it (else its line crosses the cut gaps of that year)."""
    exact = [(a, b) for a, b in spans if b - a < 365]
    return exact + [
        (a, b) for a, b in spans if b - a >= 365 and not any(a <= x < b for x, _ in exact)
    ]


def make_scale(spans: list[tuple[int, int]], x0: float, x1: float, break_w: float = 76.0) -> Scale:
    parts = stretches(_framing(spans))
    events = [sum(1 for a, _ in spans if pa <= a < pb) for pa, pb in parts]
    usable = (x1 - x0) - break_w * (len(parts) - 1)
    total_days = sum(b - a for a, b in parts)
    # each stretch: its share of the days, raised to its events' minimum room
    want = [
        max(usable * (b - a) / total_days, ROOM_PER_EVENT * n)
        for (a, b), n in zip(parts, events, strict=True)
    ]
    factor = usable / sum(want)
    widths = [w * factor for w in want]
    starts, x = [], x0
    for w in widths:
        starts.append(x)
        x += w + break_w
    return Scale(tuple(parts), tuple(starts), tuple(widths))


def first_fit_rows(extents: list[tuple[float, float]], gap: float = 6.0) -> list[int]:
    """A row for each extent (in the given order): the first row where it overlaps nothing."""
    rows: list[list[tuple[float, float]]] = []
    chosen = []
    for x0, x1 in extents:
        row = next(
            (
                r
                for r, taken in enumerate(rows)
                if all(x1 + gap <= a or b + gap <= x0 for a, b in taken)
            ),
            len(rows),
        )
        if row == len(rows):
            rows.append([])
        rows[row].append((x0, x1))
        chosen.append(row)
    return chosen


def gap_text(start: int, end: int) -> str:
    """How long a cut-out gap is: "1 yr 8 mo"."""
    a = datetime.date.fromordinal(start)
    b = datetime.date.fromordinal(end)
    months = (b.year - a.year) * 12 + (b.month - a.month)
    years, rest = divmod(months, 12)
    parts = [f"{years} yr"] * bool(years) + [f"{rest} mo"] * bool(rest)
    return " ".join(parts) or f"{end - start} d"
