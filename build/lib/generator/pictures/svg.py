"""Pictures drawn at build time as inline SVG: an event timeline and an actor network.

Both functions return one ``<svg>`` element as a string, ready to be pasted into a
Markdown page inside a raw-HTML ``<div>`` block:

* no JavaScript and no external assets, so the pictures work on GitHub Pages, from a
  local folder (``file://``) and on paper;
* colours come from CSS classes (``k-<kind>``, ``tl-*``, ``nw-*``) styled by
  ``docs/stylesheets/pictures.css``, which defines a palette with light defaults and
  overrides for Material's dark scheme ("slate") and for print;
* every mark is wrapped in ``<a xlink:href="...">`` with a ``<title>`` for hover text
  (xlink:href, not href: Material's instant navigation assigns ``el.href`` on every
  ``[href]`` element, which throws on SVG links, where ``href`` is read-only);
* all text and attribute values are XML-escaped, whitespace is collapsed and the
  output never contains a blank line (a blank line would end the raw-HTML block);
* deterministic: the same input gives byte-identical output (sorted iteration, no
  randomness, coordinates rounded to one decimal).
"""

from __future__ import annotations

import datetime
import hashlib
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "ACTOR_KINDS",
    "EVENT_KINDS",
    "Edge",
    "Node",
    "TimelineItem",
    "network_svg",
    "timeline_svg",
]

EVENT_KINDS: tuple[str, ...] = (
    "meeting",
    "phone-call",
    "letter",
    "statement",
    "agreement",
    "sanctions",
    "military-operation",
    "strike",
    "attack",
    "other",
)
ACTOR_KINDS: tuple[str, ...] = (
    "person",
    "state",
    "organisation",
    "armed-group",
    "media",
    "place",
)
PRECISIONS: tuple[str, ...] = ("day", "month", "year")

# Shape of a day-precision mark, by event kind: a second channel besides colour, so
# that the picture still reads in greyscale print or for colour-blind readers.
_EVENT_SHAPE: dict[str, str] = {
    "meeting": "circle",
    "phone-call": "circle",
    "letter": "circle",
    "statement": "circle",
    "other": "circle",
    "agreement": "square",
    "sanctions": "square",
    "military-operation": "diamond",
    "strike": "diamond",
    "attack": "diamond",
}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CHAR_W = 0.56  # average glyph advance of the UI sans-serif, as a fraction of font size


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class TimelineItem:
    id: str
    title: str
    start: datetime.date
    precision: str  # "day" | "month" | "year"
    kind: str
    href: str


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    kind: str  # person | state | organisation | armed-group | media | place
    weight: int  # mention count (node area)
    href: str


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    weight: int  # co-mentions + shared events (stroke width)


_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_WS = re.compile(r"\s+")
_BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)


def _clean(text: str) -> str:
    """Drop characters XML cannot hold and collapse all whitespace (no newlines)."""
    return _cleaned(str(text))


@lru_cache(maxsize=4096)  # the same names recur in every picture, in titles and labels
def _cleaned(text: str) -> str:
    return _WS.sub(" ", _INVALID_XML.sub("", text)).strip()


@lru_cache(maxsize=4096)
def _esc(text: str) -> str:
    """Escape for element text and for double- or single-quoted attribute values."""
    return (
        _clean(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _href(url: str) -> str:
    """An escaped link target; script-capable schemes are neutralised."""
    url = _clean(url)
    if _BAD_SCHEME.match(url.replace("\t", "")):
        return "#"
    return _esc(url) or "#"


def _n(x: float) -> str:
    """A coordinate rounded to one decimal, without a trailing ``.0``."""
    s = f"{x:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


def _kind(kind: str, known: tuple[str, ...]) -> str:
    return kind if kind in known else "other"


def _shorten(text: str, limit: int) -> str:
    text = _clean(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rstrip()
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space].rstrip(" ,;:-–—")
    return cut + "…"


def _text_w(text: str, size: float) -> float:
    return len(text) * size * _CHAR_W


def _pic_id(prefix: str, parts: Iterable[str]) -> str:
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()[:10]
    return f"{prefix}-{h}"


def _text(cls: str, x: float, y: float, content: str, size: float, anchor: str = "start") -> str:
    """A ``<text>`` element; ``content`` must already be escaped."""
    a = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text class="{cls}" font-size="{_n(size)}" x="{_n(x)}" y="{_n(y)}"{a}>{content}</text>'


def _humanise(kind: str) -> str:
    return kind.replace("-", " ").capitalize()


def _svg_open(
    cls: str, pid: str, width: float, height: float, label: str, desc: str, extra: str = ""
) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'class="dossier-pic {cls}" role="img" '
        f'aria-labelledby="{pid}-t {pid}-d" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="100%" preserveAspectRatio="xMidYMin meet"{extra}>',
        f'<title id="{pid}-t">{_esc(label)}</title>',
        f'<desc id="{pid}-d">{_esc(desc)}</desc>',
    ]


@dataclass
class _Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def hits(self, other: _Box, pad: float = 0.0) -> bool:
        return not (
            self.x1 + pad <= other.x0
            or other.x1 + pad <= self.x0
            or self.y1 + pad <= other.y0
            or other.y1 + pad <= self.y0
        )


# --------------------------------------------------------------------------- timeline


def _month_start(d: datetime.date) -> datetime.date:
    return d.replace(day=1)


def _next_month(d: datetime.date) -> datetime.date:
    return datetime.date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def _span(item: TimelineItem) -> tuple[int, int]:
    """The item's time span as ordinal days, end exclusive."""
    d = item.start
    if item.precision == "year":
        return datetime.date(d.year, 1, 1).toordinal(), datetime.date(d.year + 1, 1, 1).toordinal()
    if item.precision == "month":
        m = _month_start(d)
        return m.toordinal(), _next_month(m).toordinal()
    return d.toordinal(), d.toordinal() + 1


def _date_text(item: TimelineItem) -> str:
    d = item.start
    if item.precision == "year":
        return f"{d.year}"
    if item.precision == "month":
        return f"{_MONTHS[d.month - 1]} {d.year}"
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _gap_text(start: int, end: int) -> str:
    a = datetime.date.fromordinal(start)
    b = datetime.date.fromordinal(end)
    months = (b.year - a.year) * 12 + (b.month - a.month)
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} yr")
    if rest:
        parts.append(f"{rest} mo")
    return " ".join(parts) or f"{end - start} d"


class _Axis:
    """A broken, density-aware time axis.

    Items are grouped into segments; a gap longer than ``gap_days`` between segments
    is cut out and drawn as a break of fixed width. Inside the segments the scale is
    piecewise linear day by day: every day gets a share of the width for the time it
    covers, and every event adds a share spread over the days it covers, so dense
    weeks are stretched and empty months are squeezed (alternate month bands and the
    ticks show the varying scale).
    """

    def __init__(
        self,
        spans: list[tuple[int, int]],
        x0: float,
        x1: float,
        *,
        gap_days: int = 183,
        break_w: float = 44.0,
        time_share: float = 0.25,
    ) -> None:
        ordered = sorted(spans)
        clusters: list[list[int]] = []
        for a, b in ordered:
            if clusters and a <= clusters[-1][1] + gap_days:
                clusters[-1][1] = max(clusters[-1][1], b)
            else:
                clusters.append([a, b])
        # Round each segment out to whole months.
        self.segments: list[tuple[int, int]] = []
        for a, b in clusters:
            start = _month_start(datetime.date.fromordinal(a))
            end = _next_month(datetime.date.fromordinal(b - 1))
            self.segments.append((start.toordinal(), end.toordinal()))
        n_breaks = len(self.segments) - 1
        self.break_w = break_w
        usable = (x1 - x0) - n_breaks * break_w
        total_days = sum(b - a for a, b in self.segments)
        per_day = [0.0] * total_days
        offsets: list[int] = []
        acc = 0
        for a, b in self.segments:
            offsets.append(acc)
            acc += b - a
        base = time_share / total_days
        ev_share = (1.0 - time_share) / max(1, len(spans))
        kernel = (1.0, 2.0, 3.0, 2.0, 1.0)
        for a, b in sorted(spans):
            seg = self._segment_of(a)
            sa, sb = self.segments[seg]
            off = offsets[seg]
            if b - a == 1:
                cells = [(a + k - 2, w) for k, w in enumerate(kernel) if sa <= a + k - 2 < sb]
            else:
                cells = [(d, 1.0) for d in range(max(a, sa), min(b, sb))]
            total = sum(w for _, w in cells)
            for d, w in cells:
                per_day[off + d - sa] += ev_share * w / total
        for i in range(total_days):
            per_day[i] += base
        scale = usable / sum(per_day)
        # Cumulative x at the start of every day of every segment (plus segment end).
        self._starts: list[list[float]] = []
        x = x0
        for s, (a, b) in enumerate(self.segments):
            if s:
                x += break_w
            xs = [x]
            for d in range(b - a):
                x += per_day[offsets[s] + d] * scale
                xs.append(x)
            self._starts.append(xs)
        self.x0 = x0
        self.x1 = x1

    def _segment_of(self, day: int) -> int:
        found = 0
        for i, (a, _b) in enumerate(self.segments):
            if a <= day:
                found = i
        return found

    def x(self, day: float) -> float:
        """x of a (fractional) ordinal day; clamped into its segment."""
        seg = self._segment_of(math.floor(day))
        a, b = self.segments[seg]
        xs = self._starts[seg]
        day = min(max(day, a), b)
        i = min(int(day - a), b - a - 1)
        frac = day - a - i
        return xs[i] + (xs[i + 1] - xs[i]) * frac

    def seg_x(self, seg: int) -> tuple[float, float]:
        return self._starts[seg][0], self._starts[seg][-1]

    def day_w(self, day: int) -> float:
        return self.x(day + 1) - self.x(day) if day + 1 <= self._seg_end(day) else 0.0

    def _seg_end(self, day: int) -> int:
        return self.segments[self._segment_of(day)][1]


@dataclass
class _Mark:
    item: TimelineItem
    kind: str
    shape: str  # circle | square | diamond | bar
    cx: float
    x0: float  # extent of the mark itself
    x1: float
    lane: int = 0
    label: str = ""
    label_side: str = ""  # "" | "r" | "l"
    lx0: float = 0.0  # extent of mark plus label
    lx1: float = 0.0


def timeline_svg(
    items: list[TimelineItem], *, compact: bool = False, label: str = "Timeline of events"
) -> str:
    """An SVG timeline of ``items`` on a broken, density-aware time axis.

    Gaps longer than about six months are cut out and shown as a ``//`` break with the
    skipped span; within the remaining stretches dense weeks get more room than empty
    months, and marks that would still collide are stacked in lanes. Day-precision
    events are dots (circle, square or diamond by kind), month-precision events are
    short bars spanning their month and year-precision events are lighter long bars.
    Titles are drawn next to marks only where they fit; every mark has a hover title.
    ``compact`` gives a short, wide strip with fewer labels (for the home page).
    """
    width = 800.0
    pad_x = 14.0
    r = 4.0 if compact else 5.0
    lane_h = 15.0 if compact else 20.0
    font = 11.0 if compact else 11.5
    label_lanes = 1 if compact else 6
    label_chars = 24 if compact else 30
    bar_h = 7.0 if compact else 8.0
    year_h = 4.0 if compact else 5.0
    gap = 3.0

    ordered = sorted(
        items,
        key=lambda it: (
            _span(it)[0],
            PRECISIONS.index(it.precision) if it.precision in PRECISIONS else 0,
            it.id,
            it.title,
            it.href,
        ),
    )
    pid = _pic_id(
        "tl",
        [label, "c" if compact else "f"]
        + [f"{it.id}|{it.start.isoformat()}|{it.precision}" for it in ordered],
    )
    if not ordered:
        height = 40.0
        out = _svg_open("dossier-timeline", pid, width, height, label, "No events.")
        out.append(_text("tl-empty", width / 2, 24, "No events to show.", 12, "middle"))
        out.append("</svg>")
        return "\n".join(out)

    spans = [_span(it if it.precision in PRECISIONS else _as_day(it)) for it in ordered]
    axis = _Axis(spans, pad_x, width - pad_x)

    # ---- marks and their extents
    marks: list[_Mark] = []
    for it, (a, b) in zip(ordered, spans, strict=True):
        kind = _kind(it.kind, EVENT_KINDS)
        if b - a == 1:
            cx = axis.x(a + 0.5)
            marks.append(_Mark(it, kind, _EVENT_SHAPE[kind], cx, cx - r, cx + r))
        else:
            xa, xb = axis.x(a), axis.x(b)
            if xb - xa < 2 * r:
                mid = (xa + xb) / 2
                xa, xb = mid - r, mid + r
            marks.append(_Mark(it, kind, "bar", (xa + xb) / 2, xa + 0.5, xb - 0.5))

    # ---- lanes: first fit, preferring a lane where the short title fits too
    lanes: list[list[tuple[float, float]]] = []

    def fits(lane: int, x0: float, x1: float) -> bool:
        if lane >= len(lanes):
            return True
        return all(x1 + gap <= a or b + gap <= x0 for a, b in lanes[lane])

    def label_options(m: _Mark) -> list[tuple[str, float, float, str]]:
        text = _shorten(m.item.title, label_chars)
        if not text:
            return []
        tw = _text_w(text, font)
        opts = []
        if m.x1 + 4 + tw <= width - 2:
            opts.append(("r", m.x0, m.x1 + 4 + tw, text))
        if m.x0 - 4 - tw >= 2:
            opts.append(("l", m.x0 - 4 - tw, m.x1, text))
        return opts

    order = sorted(range(len(marks)), key=lambda i: (marks[i].x0, i))
    for i in order:
        m = marks[i]
        placed = False
        for lane in range(label_lanes):
            for side, lx0, lx1, text in label_options(m):
                if fits(lane, lx0, lx1):
                    m.lane, m.label, m.label_side, m.lx0, m.lx1 = lane, text, side, lx0, lx1
                    placed = True
                    break
            if placed:
                break
        if not placed:
            lane = 0
            while not fits(lane, m.x0, m.x1):
                lane += 1
            m.lane, m.lx0, m.lx1 = lane, m.x0, m.x1
        while len(lanes) <= m.lane:
            lanes.append([])
        lanes[m.lane].append((m.lx0, m.lx1))

    n_lanes = len(lanes)

    # ---- vertical layout
    legend, legend_h = _timeline_legend(marks, width, pad_x, r, bar_h, year_h)
    top = legend_h + (4.0 if compact else 8.0)
    axis_y = top + n_lanes * lane_h + 6.0
    day_row = axis_y + 12.0
    show_days = not compact
    month_row = axis_y + (26.0 if show_days else 14.0)
    year_row = month_row + (13.0 if compact else 16.0)
    height = year_row + (6.0 if compact else 8.0)

    def lane_y(lane: int) -> float:
        return axis_y - 6.0 - lane_h / 2 - lane * lane_h

    first = ordered[0]
    breaks = len(axis.segments) - 1
    desc = (
        f"{len(ordered)} event{'s' if len(ordered) != 1 else ''} from {_date_text(first)} "
        f"to {_date_text(max(ordered, key=lambda it: _span(it)[1]))}."
    )
    if breaks:
        desc += (
            f" The time axis is broken {breaks} time{'s' if breaks != 1 else ''} to skip "
            "empty stretches, and busy weeks are drawn wider than quiet months."
        )
    else:
        desc += " Busy weeks are drawn wider than quiet months."
    out = _svg_open(
        "dossier-timeline" + (" tl-compact" if compact else ""), pid, width, height, label, desc
    )

    # ---- month bands (show the varying scale) and the axis
    out.append('<g class="tl-axis">')
    for s, (a, b) in enumerate(axis.segments):
        m0 = datetime.date.fromordinal(a)
        while m0.toordinal() < b:
            m1 = _next_month(m0)
            xa, xb = axis.x(m0.toordinal()), axis.x(min(m1.toordinal(), b))
            # Shade every other month, where months are wide enough for it to help
            # (narrow months would only make a bar code; their ticks remain).
            if m0.month % 2 and xb - xa >= 12.0:
                out.append(
                    f'<rect class="tl-band" x="{_n(xa)}" y="{_n(top)}" width="{_n(xb - xa)}" '
                    f'height="{_n(axis_y - top)}"/>'
                )
            m0 = m1
        sx0, sx1 = axis.seg_x(s)
        out.append(
            f'<line class="tl-axis-line" x1="{_n(sx0)}" y1="{_n(axis_y)}" x2="{_n(sx1)}" '
            f'y2="{_n(axis_y)}"/>'
        )
    # ticks and tick labels
    last_day_label = -1e9
    for s, (a, b) in enumerate(axis.segments):
        m0 = datetime.date.fromordinal(a)
        last_year_x = -1e9
        while m0.toordinal() < b:
            m1 = _next_month(m0)
            xa, xb = axis.x(m0.toordinal()), axis.x(min(m1.toordinal(), b))
            is_year = m0.month == 1 or m0.toordinal() == a
            tick = 7.0 if is_year else 4.0
            out.append(
                f'<line class="tl-tick{" tl-tick-year" if is_year else ""}" x1="{_n(xa)}" '
                f'y1="{_n(axis_y)}" x2="{_n(xa)}" y2="{_n(axis_y + tick)}"/>'
            )
            mw = xb - xa
            name = _MONTHS[m0.month - 1]
            if mw >= _text_w(name, 10) + 4:
                out.append(_text("tl-month", (xa + xb) / 2, month_row, name, 10, "middle"))
            elif mw >= _text_w(name[0], 10) + 3:
                out.append(_text("tl-month", (xa + xb) / 2, month_row, name[0], 10, "middle"))
            if is_year and xa - last_year_x >= 40 and xa + 30 <= width:
                out.append(_text("tl-year", xa + 1, year_row, str(m0.year), 11.5))
                last_year_x = xa
            # day ticks where a day is wide enough to matter
            if show_days:
                for d in range(m0.toordinal(), min(m1.toordinal(), b)):
                    dw = axis.day_w(d)
                    if dw < 5.0:
                        continue
                    dx = axis.x(d)
                    if d != m0.toordinal():
                        out.append(
                            f'<line class="tl-tick tl-tick-day" x1="{_n(dx)}" y1="{_n(axis_y)}" '
                            f'x2="{_n(dx)}" y2="{_n(axis_y + 2.5)}"/>'
                        )
                    day = datetime.date.fromordinal(d).day
                    cx = dx + dw / 2
                    want = dw >= 16.0 or day == 1 or day % 5 == 0
                    if want and cx - last_day_label >= 18.0:
                        out.append(
                            f'<text class="tl-day" font-size="8.5" x="{_n(cx)}" y="{_n(day_row)}" '
                            f'text-anchor="middle">{day}</text>'
                        )
                        last_day_label = cx
            m0 = m1
        # closing tick at the segment end
        sx1 = axis.seg_x(s)[1]
        out.append(
            f'<line class="tl-tick" x1="{_n(sx1)}" y1="{_n(axis_y)}" x2="{_n(sx1)}" '
            f'y2="{_n(axis_y + 4)}"/>'
        )
    # breaks: "//" across the axis and the skipped span
    for s in range(breaks):
        gx0 = axis.seg_x(s)[1]
        gx1 = axis.seg_x(s + 1)[0]
        mid = (gx0 + gx1) / 2
        skipped = _gap_text(axis.segments[s][1], axis.segments[s + 1][0])
        out.append(f'<g class="tl-break"><title>{_esc(skipped)} without events</title>')
        out.append(
            f'<line class="tl-break-dash" x1="{_n(gx0)}" y1="{_n(axis_y)}" x2="{_n(gx1)}" '
            f'y2="{_n(axis_y)}"/>'
        )
        for dx in (-3.0, 3.0):
            out.append(
                f'<line class="tl-break-mark" x1="{_n(mid + dx - 3)}" y1="{_n(axis_y + 6)}" '
                f'x2="{_n(mid + dx + 3)}" y2="{_n(axis_y - 6)}"/>'
            )
        out.append(
            f'<text class="tl-break-text" font-size="9" x="{_n(mid)}" y="{_n(month_row)}" '
            f'text-anchor="middle">{_esc(skipped)}</text>'
        )
        out.append("</g>")
    out.append("</g>")

    # ---- marks
    out.append('<g class="tl-marks">')
    for m in sorted(marks, key=lambda m: (m.lane, m.x0, m.item.id)):
        it = m.item
        y = lane_y(m.lane)
        prec = "day" if m.shape != "bar" else it.precision
        cls = f"tl-mark k-{m.kind} p-{prec}"
        hover = f"{_date_text(it)} · {_humanise(m.kind)} · {_clean(it.title)}"
        out.append(f'<a class="tl-item" xlink:href="{_href(it.href)}"><title>{_esc(hover)}</title>')
        if m.shape == "circle":
            out.append(f'<circle class="{cls}" cx="{_n(m.cx)}" cy="{_n(y)}" r="{_n(r)}"/>')
        elif m.shape == "square":
            half = r * 0.9
            out.append(
                f'<rect class="{cls}" x="{_n(m.cx - half)}" y="{_n(y - half)}" '
                f'width="{_n(2 * half)}" height="{_n(2 * half)}"/>'
            )
        elif m.shape == "diamond":
            pts = (
                f"{_n(m.cx)},{_n(y - r - 0.5)} {_n(m.cx + r + 0.5)},{_n(y)} "
                f"{_n(m.cx)},{_n(y + r + 0.5)} {_n(m.cx - r - 0.5)},{_n(y)}"
            )
            out.append(f'<polygon class="{cls}" points="{pts}"/>')
        else:
            h = year_h if prec == "year" else bar_h
            out.append(
                f'<rect class="{cls}" x="{_n(m.x0)}" y="{_n(y - h / 2)}" '
                f'width="{_n(m.x1 - m.x0)}" height="{_n(h)}" rx="{_n(h / 2)}"/>'
            )
        if m.label:
            if m.label_side == "r":
                tx, anchor = m.x1 + 4, "start"
            else:
                tx, anchor = m.x0 - 4, "end"
            out.append(_text("tl-label", tx, y + font * 0.35, _esc(m.label), font, anchor))
        out.append("</a>")
    out.append("</g>")

    # ---- legend: kinds present, then precision key
    out.extend(legend)
    out.append("</svg>")
    return "\n".join(out)


def _as_day(it: TimelineItem) -> TimelineItem:
    return TimelineItem(it.id, it.title, it.start, "day", it.kind, it.href)


def _timeline_legend(
    marks: list[_Mark],
    width: float,
    pad_x: float,
    r: float,
    bar_h: float,
    year_h: float,
) -> tuple[list[str], float]:
    """Legend rows (kinds present, then the precision key) and their total height."""
    fs = 10.5
    row_h = 16.0
    present = {m.kind for m in marks}
    precs = {("day" if m.shape != "bar" else m.item.precision) for m in marks}
    # (kind or precision, is_precision, swatch width, text)
    entries: list[tuple[str, bool, float, str]] = [
        (k, False, 2 * r, _humanise(k)) for k in EVENT_KINDS if k in present
    ]
    keys = [p for p in PRECISIONS if p in precs]
    if len(keys) > 1 or (keys and keys[0] != "day"):
        widths = {"day": 2 * r, "month": 14.0, "year": 22.0}
        names = {"day": "exact day", "month": "month", "year": "year"}
        entries += [(p, True, widths[p], names[p]) for p in keys]
    rows: list[list[tuple[float, tuple[str, bool, float, str]]]] = [[]]
    x = pad_x
    for i, entry in enumerate(entries):
        gap_before = 14.0 if entry[1] and (i == 0 or not entries[i - 1][1]) else 0.0
        w = entry[2] + 4 + _text_w(entry[3], fs) + 12
        if rows[-1] and x + gap_before + w > width - pad_x:
            rows.append([])
            x = pad_x
            gap_before = 0.0
        rows[-1].append((x + gap_before, entry))
        x += gap_before + w
    out = ['<g class="pic-legend">']
    y = 2 + row_h / 2
    for row in rows:
        for ex, (key, is_prec, sw, text) in row:
            if not is_prec:
                out.append(_legend_shape(_EVENT_SHAPE[key], key, ex + r, y, r))
            elif key == "day":
                out.append(
                    f'<circle class="tl-key p-day" cx="{_n(ex + r)}" cy="{_n(y)}" r="{_n(r)}"/>'
                )
            else:
                h = year_h if key == "year" else bar_h
                out.append(
                    f'<rect class="tl-key p-{key}" x="{_n(ex)}" y="{_n(y - h / 2)}" '
                    f'width="{_n(sw)}" height="{_n(h)}" rx="{_n(h / 2)}"/>'
                )
            out.append(_text("pic-legend-text", ex + sw + 4, y + fs * 0.35, _esc(text), fs))
        y += row_h
    out.append("</g>")
    return out, 4 + row_h * len(rows)


def _legend_shape(shape: str, kind: str, cx: float, cy: float, r: float) -> str:
    cls = f"pic-swatch k-{kind}"
    if shape == "square":
        s = r * 0.9
        return (
            f'<rect class="{cls}" x="{_n(cx - s)}" y="{_n(cy - s)}" width="{_n(2 * s)}" '
            f'height="{_n(2 * s)}"/>'
        )
    if shape == "diamond":
        return (
            f'<polygon class="{cls}" points="{_n(cx)},{_n(cy - r)} {_n(cx + r)},{_n(cy)} '
            f'{_n(cx)},{_n(cy + r)} {_n(cx - r)},{_n(cy)}"/>'
        )
    return f'<circle class="{cls}" cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}"/>'


# --------------------------------------------------------------------------- network

_DEFAULT_SIZE = 900
_FOCUS_SIZE = 360
_GOLDEN = math.pi * (3.0 - math.sqrt(5.0))


Layout = Callable[
    [tuple[float, ...], tuple[tuple[int, int, float], ...], int | None], list[list[float]]
]


def _quantise(value: float, steps: int = 16) -> float:
    """Layout inputs in coarse steps: a few more mentions must not move every node."""
    return round(value * steps) / steps


def layout_network(
    mass: tuple[float, ...],
    edges: tuple[tuple[int, int, float], ...],
    pinned: int | None,
) -> list[list[float]]:
    """A force-directed layout with a fixed schedule, from a deterministic spiral start.

    Fruchterman–Reingold forces, with repulsion scaled by node "mass" (heavier, larger
    nodes push harder, as in ForceAtlas2) and a gravity towards the centre that keeps
    loosely connected nodes from drifting to the edge. Nodes are expected in sorted
    order (heaviest first), so the heaviest start in the middle of the spiral.
    Edge weights are strengths in 0..1; callers pass quantised inputs so that the same
    picture shape can be reused (and cached) while counts grow.
    """
    n = len(mass)
    pos = []
    for i in range(n):
        rad = math.sqrt((i + 0.5) / n) * 0.5
        ang = i * _GOLDEN
        pos.append([rad * math.cos(ang), rad * math.sin(ang)])
    if pinned is not None:
        pos[pinned] = [0.0, 0.0]
    if n == 1:
        return pos
    k = math.sqrt(1.0 / n)
    k2 = k * k
    # 150 cooling steps: a 53-actor layout looks as good as with 300 (compared by eye)
    iterations = 150 if n <= 100 else max(60, 15000 // n)
    gravity = 1.2
    xs = [p[0] for p in pos]
    ys = [p[1] for p in pos]
    pushes = [k2 * m for m in mass]
    pulls = [(i, j, (0.3 + 0.7 * w) / k) for i, j, w in edges]
    for it in range(iterations):
        temp = 0.08 * (1.0 - it / iterations) + 0.001
        fx = [0.0] * n
        fy = [0.0] * n
        for i in range(n):
            xi, yi, push = xs[i], ys[i], pushes[i]
            sx = sy = 0.0
            for j in range(i + 1, n):
                dx = xi - xs[j]
                dy = yi - ys[j]
                d2 = dx * dx + dy * dy
                if d2 < 1e-12:
                    dx, dy, d2 = 1e-6 * (j - i), 1e-6, 1e-12 * ((j - i) ** 2 + 1)
                f = push * mass[j] / d2
                sx += dx * f
                sy += dy * f
                fx[j] -= dx * f
                fy[j] -= dy * f
            fx[i] += sx
            fy[i] += sy
        for i, j, strength in pulls:
            dx = xs[i] - xs[j]
            dy = ys[i] - ys[j]
            f = math.sqrt(dx * dx + dy * dy) * strength
            fx[i] -= dx * f
            fy[i] -= dy * f
            fx[j] += dx * f
            fy[j] += dy * f
        for i in range(n):
            if i == pinned:
                continue
            g = gravity * mass[i] / k
            dx = fx[i] - xs[i] * g
            dy = fy[i] - ys[i] * g
            d = math.sqrt(dx * dx + dy * dy)
            if d > 0:
                step = min(d, temp)
                xs[i] += dx / d * step
                ys[i] += dy / d * step
    return [[x, y] for x, y in zip(xs, ys, strict=True)]


def layout_ego(
    mass: tuple[float, ...],
    edges: tuple[tuple[int, int, float], ...],
    pinned: int | None,
) -> list[list[float]]:
    """A radial layout for an ego network: the focus (node 0) in the centre, its neighbours
    on a ring, the more strongly linked ones nearer, neighbours linked to each other side
    by side. Cheap and stable, so every actor page can redraw its picture on each build.
    """
    n = len(mass)
    pos = [[0.0, 0.0] for _ in range(n)]
    if n == 1:
        return pos
    strength: dict[tuple[int, int], float] = {}
    for i, j, w in edges:
        strength[(i, j)] = strength[(j, i)] = w
    to_focus = {j: strength.get((0, j), 0.0) for j in range(1, n)}
    # Greedy ring order: start from the strongest tie; next, the neighbour most linked
    # to the one just placed (then the one most linked to the focus).
    ring = [min(to_focus, key=lambda j: (-to_focus[j], j))]
    left = set(to_focus) - set(ring)
    while left:
        last = ring[-1]
        ring.append(min(left, key=lambda j: (-strength.get((last, j), 0.0), -to_focus[j], j)))
        left.discard(ring[-1])
    for k, j in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * k / len(ring)
        distance = 0.5 - 0.2 * to_focus[j]
        pos[j] = [distance * math.cos(angle), distance * math.sin(angle)]
    return pos


STEPS = 16


def in_steps(nodes: list[Node]) -> list[Node]:
    """Node weights as steps of the heaviest (1..16). An ego picture shows proportions, not
    counts, so it stays the same while counts creep up (and so does the actor page)."""
    heaviest = max((nd.weight for nd in nodes), default=1) or 1
    return [
        Node(nd.id, nd.label, nd.kind, max(1, round(STEPS * nd.weight / heaviest)), nd.href)
        for nd in nodes
    ]


def edges_in_steps(edges: list[Edge]) -> list[Edge]:
    heaviest = max((e.weight for e in edges), default=1) or 1
    return [Edge(e.a, e.b, max(1, round(STEPS * e.weight / heaviest))) for e in edges]


def _laid_out(
    layout: Layout,
    ids: list[str],
    mass: list[float],
    edges: list[tuple[int, int, float]],
    pinned: int | None,
) -> list[list[float]]:
    """Positions from the layout, given inputs that stay the same while counts creep up:
    masses and strengths quantised, nodes ordered by quantised mass and then by id (so two
    actors of nearly equal weight trading places does not change the input)."""
    quantised = [_quantise(m) for m in mass]
    order = sorted(range(len(ids)), key=lambda i: (i != pinned, -quantised[i], ids[i]))
    rank = {node: position for position, node in enumerate(order)}
    strongest = max((w for _, _, w in edges), default=1.0)
    links = []
    for i, j, w in edges:
        a, b = sorted((rank[i], rank[j]))
        links.append((a, b, _quantise(math.sqrt(w / strongest))))
    positions = layout(
        tuple(quantised[i] for i in order),
        tuple(sorted(links)),
        None if pinned is None else rank[pinned],
    )
    return [positions[rank[i]] for i in range(len(ids))]


def network_svg(
    nodes: list[Node],
    edges: list[Edge],
    *,
    focus: str | None = None,
    label: str = "Actor network",
    size: int = 900,
    layout: Layout | None = None,
) -> str:
    """An SVG network of actors: node area ∝ mentions, edge width by weight.

    The layout is a force-directed one with a fixed number of iterations from a
    spiral start in sorted order (heaviest first), followed by overlap removal, so it
    is deterministic. Only nodes whose label fits without touching another label or
    node get a visible label (heaviest first); every node has a hover title.
    With ``focus`` (an ego network: the caller passes the focus actor and its
    neighbours) the focus node is pinned to the centre and highlighted; if ``size`` is
    left at its default the picture is drawn small (360) and laid out radially (layout_ego),
    with weights in sixteen steps of the heaviest and no counts in its hover titles.
    With ``layout``, a caller can reuse layouts (it must return what layout_network or
    layout_ego does for the same inputs).
    """
    if focus is not None and size == _DEFAULT_SIZE:
        size = _FOCUS_SIZE
    counts = focus is None
    if not counts:
        nodes, edges = in_steps(nodes), edges_in_steps(edges)
    size_f = float(max(120, size))
    by_id: dict[str, Node] = {}
    for nd in sorted(nodes, key=lambda x: (x.id, -x.weight, x.label, x.kind, x.href)):
        by_id.setdefault(nd.id, nd)
    if focus is not None and focus not in by_id:
        focus = None
    order = sorted(by_id.values(), key=lambda x: (x.id != focus, -x.weight, x.id))
    index = {nd.id: i for i, nd in enumerate(order)}
    n = len(order)

    merged: dict[tuple[int, int], int] = {}
    for e in edges:
        if e.a not in index or e.b not in index or e.a == e.b:
            continue
        i, j = sorted((index[e.a], index[e.b]))
        merged[(i, j)] = merged.get((i, j), 0) + max(0, int(e.weight))
    edge_list = sorted((i, j, float(max(1, w))) for (i, j), w in merged.items())

    font = max(11.0, round(size_f * 0.0145, 1))
    pid = _pic_id(
        "nw",
        [label, str(size), focus or ""]
        + [f"{nd.id}|{nd.weight}" for nd in order]
        + [f"{i}|{j}|{w}" for i, j, w in edge_list],
    )

    # ---- legend geometry (below the plot)
    present = [k for k in ACTOR_KINDS if any(_kind(nd.kind, ACTOR_KINDS) == k for nd in order)]
    if any(nd.kind not in ACTOR_KINDS for nd in order):
        present.append("other")
    leg_fs = font
    leg_rows: list[list[tuple[str, float]]] = [[]]
    lx = 10.0
    for kind in present:
        w = 14.0 + _text_w(_humanise(kind), leg_fs) + 12.0
        if lx + w > size_f - 10 and leg_rows[-1]:
            leg_rows.append([])
            lx = 10.0
        leg_rows[-1].append((kind, lx))
        lx += w
    row_h = leg_fs * 1.6
    note = "Circle area: mentions · line width: co-mentions and shared events"
    note_fits = _text_w(note, leg_fs * 0.9) <= size_f - 20
    if not note_fits:
        note = "Area: mentions · width: links"
    legend_h = row_h * (len(leg_rows) + 1) + 6
    height = size_f + legend_h

    if n == 0:
        out = _svg_open("dossier-network", pid, size_f, 60.0, label, "No actors.")
        out.append(
            f'<text class="nw-empty" font-size="12" x="{_n(size_f / 2)}" y="34" '
            'text-anchor="middle">No actors to show.</text>'
        )
        out.append("</svg>")
        return "\n".join(out)

    # ---- node sizes: area proportional to weight
    wmax = max(max(nd.weight for nd in order), 1)
    r_max = size_f * (0.045 if focus is None else 0.06)
    r_min = max(2.5, size_f * 0.004)
    radius = [max(r_min, r_max * math.sqrt(max(nd.weight, 0) / wmax)) for nd in order]

    pinned = 0 if focus is not None else None
    mass = [1.0 + 2.0 * rr / r_max for rr in radius]
    if layout is None:
        layout = layout_network if pinned is None else layout_ego
    pos = _laid_out(layout, [nd.id for nd in order], mass, edge_list, pinned)

    # ---- fit into the square, keeping room for labels at the edges
    margin = r_max + 6.0
    cx = cy = size_f / 2
    if pinned is not None:
        ext = max((max(abs(p[0]), abs(p[1])) for p in pos), default=0.0)
        scale = (size_f / 2 - margin) / ext if ext > 0 else 1.0
        pts = [[cx + p[0] * scale, cy + p[1] * scale] for p in pos]
    else:
        xs = [p[0] for p in pos]
        ys = [p[1] for p in pos]
        w = max(xs) - min(xs)
        h = max(ys) - min(ys)
        ext = max(w, h)
        scale = (size_f - 2 * margin) / ext if ext > 0 else 1.0
        mx = (max(xs) + min(xs)) / 2
        my = (max(ys) + min(ys)) / 2
        pts = [[cx + (p[0] - mx) * scale, cy + (p[1] - my) * scale] for p in pos]

    # ---- overlap removal in picture space
    pad = 3.0
    for _ in range(80):
        moved = False
        for i in range(n):
            for j in range(i + 1, n):
                dx = pts[j][0] - pts[i][0]
                dy = pts[j][1] - pts[i][1]
                need = radius[i] + radius[j] + pad
                d2 = dx * dx + dy * dy
                if d2 >= need * need:
                    continue
                d = math.sqrt(d2)
                if d < 1e-6:
                    ang = (i * 7 + j * 13) * _GOLDEN
                    dx, dy, d = math.cos(ang), math.sin(ang), 1.0
                    push = need
                else:
                    push = need - d
                ux, uy = dx / d, dy / d
                if i == pinned:
                    pts[j][0] += ux * push
                    pts[j][1] += uy * push
                elif j == pinned:
                    pts[i][0] -= ux * push
                    pts[i][1] -= uy * push
                else:
                    pts[i][0] -= ux * push / 2
                    pts[i][1] -= uy * push / 2
                    pts[j][0] += ux * push / 2
                    pts[j][1] += uy * push / 2
                moved = True
        for i in range(n):
            if i == pinned:
                pts[i] = [cx, cy]
                continue
            pts[i][0] = min(max(pts[i][0], radius[i] + 2), size_f - radius[i] - 2)
            pts[i][1] = min(max(pts[i][1], radius[i] + 2), size_f - radius[i] - 2)
        if not moved:
            break
    pts = [[round(p[0], 1), round(p[1], 1)] for p in pts]

    # ---- labels: heaviest first, four candidate positions, bounding-box collisions
    node_boxes = [
        _Box(p[0] - rr, p[1] - rr, p[0] + rr, p[1] + rr) for p, rr in zip(pts, radius, strict=True)
    ]
    max_labels = n if n <= 24 else max(24, (n * 2) // 5)
    label_boxes: list[_Box] = []
    labels: dict[int, tuple[str, float, float, str, float]] = {}
    for i in sorted(range(n), key=lambda i: (i != pinned, -order[i].weight, order[i].id)):
        if len(labels) >= max_labels:
            break
        text = _shorten(order[i].label, 22)
        if not text:
            continue
        fs = font * (1.15 if i == pinned else 1.0)
        tw = _text_w(text, fs)
        th = fs * 1.05
        x, y = pts[i]
        rr = radius[i]
        d = rr + 3
        dd = rr * 0.72 + 2
        corners = [  # top-left corner of the label box, and the text anchor
            (x + d, y - th / 2, "start"),
            (x - d - tw, y - th / 2, "end"),
            (x - tw / 2, y - d - th, "middle"),
            (x - tw / 2, y + d - 1, "middle"),
            (x + dd, y - dd - th, "start"),
            (x + dd, y + dd, "start"),
            (x - dd - tw, y - dd - th, "end"),
            (x - dd - tw, y + dd, "end"),
        ]
        options = []
        for bx, by, anchor in corners:
            tx = bx if anchor == "start" else bx + tw if anchor == "end" else bx + tw / 2
            options.append((tx, by + fs * 0.8, anchor, _Box(bx, by, bx + tw, by + th)))
        for tx, ty, anchor, box in options:
            if box.x0 < 2 or box.x1 > size_f - 2 or box.y0 < 2 or box.y1 > size_f - 2:
                continue
            if any(box.hits(b, 2.0) for b in label_boxes):
                continue
            if any(box.hits(b, 1.0) for k, b in enumerate(node_boxes) if k != i):
                continue
            label_boxes.append(box)
            labels[i] = (text, tx, ty, anchor, fs)
            break

    top = sorted(range(n), key=lambda i: (-order[i].weight, order[i].id))[:3]
    desc = (
        f"{n} actor{'s' if n != 1 else ''} and {len(edge_list)} "
        f"link{'s' if len(edge_list) != 1 else ''}"
    )
    if focus is not None:
        desc += f", centred on {_clean(order[0].label)}"
    desc += ". Most mentioned: " + ", ".join(_clean(order[i].label) for i in top) + "."
    cls = "dossier-network" + (" nw-ego" if focus is not None else "")
    extra = f' style="max-width:{_n(size_f)}px"' if focus is not None else ""
    out = _svg_open(cls, pid, size_f, height, label, desc, extra)

    # ---- edges: light to heavy, so heavy ones are on top
    if edge_list:
        ew_max = max(w for _, _, w in edge_list)
        ew_min = min(w for _, _, w in edge_list)
        out.append('<g class="nw-edges">')
        for i, j, w in sorted(edge_list, key=lambda e: (e[2], e[0], e[1])):
            t = 0.0 if ew_max == ew_min else (w - ew_min) / (ew_max - ew_min)
            sw = (0.8 + 4.2 * t) * size_f / _DEFAULT_SIZE * (1.6 if focus is not None else 1.0)
            sw = max(0.6, sw)
            ecls = "nw-edge" + (" nw-edge-focus" if pinned in (i, j) else "")
            hover = f"{_clean(order[i].label)} – {_clean(order[j].label)}"
            hover += f": {int(w)}" if counts else ""
            out.append(
                f'<line class="{ecls}" x1="{_n(pts[i][0])}" y1="{_n(pts[i][1])}" '
                f'x2="{_n(pts[j][0])}" y2="{_n(pts[j][1])}" stroke-width="{_n(sw)}">'
                f"<title>{_esc(hover)}</title></line>"
            )
        out.append("</g>")

    # ---- nodes (heaviest drawn last, on top), then labels on top of everything
    out.append('<g class="nw-nodes">')
    for i in sorted(range(n), key=lambda i: (order[i].weight, order[i].id), reverse=False):
        nd = order[i]
        kind = _kind(nd.kind, ACTOR_KINDS)
        ncls = f"nw-node k-{kind}" + (" nw-focus" if i == pinned else "")
        hover = f"{_clean(nd.label)} · {_humanise(kind)}"
        hover += f" · {nd.weight} mention{'s' if nd.weight != 1 else ''}" if counts else ""
        out.append(f'<a class="nw-item" xlink:href="{_href(nd.href)}"><title>{_esc(hover)}</title>')
        out.append(
            f'<circle class="{ncls}" cx="{_n(pts[i][0])}" cy="{_n(pts[i][1])}" '
            f'r="{_n(radius[i])}"/>'
        )
        out.append("</a>")
    out.append("</g>")
    if labels:
        out.append('<g class="nw-labels">')
        for i in sorted(labels, key=lambda i: order[i].id):
            text, tx, ty, anchor, lfs = labels[i]
            nd = order[i]
            lcls = "nw-label" + (" nw-label-focus" if i == pinned else "")
            out.append(
                f'<a class="nw-item" xlink:href="{_href(nd.href)}"><title>{_esc(_clean(nd.label))}'
                f'</title><text class="{lcls}" font-size="{_n(lfs)}" x="{_n(tx)}" y="{_n(ty)}" '
                f'text-anchor="{anchor}">{_esc(text)}</text></a>'
            )
        out.append("</g>")

    # ---- legend
    out.append('<g class="pic-legend">')
    ly = size_f + 6 + row_h / 2
    for row in leg_rows:
        for kind, x in row:
            out.append(
                f'<circle class="pic-swatch k-{kind}" cx="{_n(x + 5)}" cy="{_n(ly)}" r="5"/>'
            )
            out.append(
                f'<text class="pic-legend-text" font-size="{_n(leg_fs)}" '
                f'x="{_n(x + 14)}" '
                f'y="{_n(ly + leg_fs * 0.35)}">{_esc(_humanise(kind))}</text>'
            )
        ly += row_h
    out.append(_text("pic-legend-note", 10, ly + leg_fs * 0.3, _esc(note), leg_fs * 0.9))
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
