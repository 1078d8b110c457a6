"""The timeline picture as inline SVG: lanes by kind of event on a broken, proportional axis.

Drawing only; where things go is generator.pictures.timeline_geometry. Day-precision events
are filled marks (circle, square or diamond by kind, so it reads in greyscale too); an event
known only to the month or year is a hollow mark at the middle of a thin whisker spanning
that month or year, never a solid bar that would claim it lasted so long. Contested events
carry a warning sign. Phases are shaded bands with their titles above the lanes. Every mark
is labelled and is a link at least 24 px tall (a transparent hit area behind mark and label).
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from generator.model import EVENT_KINDS, PRECISIONS
from generator.pictures.markup import (
    MONTHS,
    clean,
    esc,
    humanise,
    line,
    link_open,
    num,
    pic_id,
    shorten,
    svg_open,
    text,
    text_w,
)
from generator.pictures.timeline_geometry import (
    LANES,
    Scale,
    first_fit_rows,
    gap_text,
    lane_of,
    make_scale,
    span,
)
from generator.text.calendar import next_month

# Shape of a mark by event kind: a second channel besides colour.
EVENT_SHAPE: dict[str, str] = {
    "agreement": "square",
    "sanctions": "square",
    "military-operation": "diamond",
    "strike": "diamond",
    "attack": "diamond",
}
CONTESTED = "⚠"


@dataclass(frozen=True)
class TimelineItem:
    id: str
    title: str
    start: datetime.date
    precision: str  # "day" | "month" | "year"
    kind: str
    href: str
    contested: bool = False


@dataclass(frozen=True)
class Phase:
    title: str
    start: datetime.date
    end: datetime.date  # inclusive
    href: str = ""


@dataclass(frozen=True)
class Style:
    """Sizes in viewBox units; the picture is never drawn below 11/12 of them (CSS min-width),
    so 12-unit text stays at least 11 px on a phone, where the figure scrolls sideways."""

    width: float = 1100.0
    gutter: float = 104.0  # lane names
    font: float = 12.0
    row_h: float = 28.0  # also the height of each mark's link target (>= 24 px at 11/12)
    r: float = 6.0
    label_chars: int = 40


FULL = Style()
COMPACT = Style(width=820.0, label_chars=32)


@dataclass(frozen=True)
class Mark:
    item: TimelineItem
    kind: str
    lane: str
    cx: float
    whisker: tuple[float, float] | None  # the month or year an undated event lies in
    label: str
    anchor: str  # "start": label right of the mark; "end": left of it
    extent: tuple[float, float]
    row: int = 0


def _kind(kind: str) -> str:
    return kind if kind in EVENT_KINDS else "other"


def date_text(item: TimelineItem) -> str:
    d = item.start
    if item.precision == "year":
        return f"{d.year}"
    if item.precision == "month":
        return f"{MONTHS[d.month - 1]} {d.year}"
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _mark(item: TimelineItem, scale: Scale, style: Style) -> Mark:
    a, b = span(item.start, item.precision if item.precision in PRECISIONS else "day")
    kind = _kind(item.kind)
    whisker = None if b - a == 1 else (scale.x(a), scale.x(b))
    cx = scale.x(a + 0.5) if whisker is None else (whisker[0] + whisker[1]) / 2
    label = shorten(item.title, style.label_chars) + (f" {CONTESTED}" if item.contested else "")
    tw = text_w(label, style.font)
    lo, hi = whisker or (cx, cx)
    if cx + style.r + 4 + tw <= style.width - 4:
        extent, anchor = (min(cx - style.r, lo), max(cx + style.r + 4 + tw, hi)), "start"
    else:
        extent, anchor = (min(cx - style.r - 4 - tw, lo), max(cx + style.r, hi)), "end"
    return Mark(item, kind, lane_of(kind), cx, whisker, label, anchor, extent)


def _rows(marks: list[Mark]) -> tuple[list[Mark], dict[str, int]]:
    """Each mark with its row in its lane; rows per lane (lanes without marks left out)."""
    placed: list[Mark] = []
    depth: dict[str, int] = {}
    for lane, _, _ in LANES:
        mine = sorted((m for m in marks if m.lane == lane), key=lambda m: (m.extent[0], m.item.id))
        if not mine:
            continue
        rows = first_fit_rows([m.extent for m in mine])
        placed += [
            Mark(m.item, m.kind, m.lane, m.cx, m.whisker, m.label, m.anchor, m.extent, row)
            for m, row in zip(mine, rows, strict=True)
        ]
        depth[lane] = max(rows) + 1
    return placed, depth


def _shape(m: Mark, y: float, r: float) -> str:
    prec = "day" if m.whisker is None else m.item.precision
    cls = f"tl-mark k-{m.kind} p-{prec}" + (" tl-contested" if m.item.contested else "")
    shape = EVENT_SHAPE.get(m.kind, "circle")
    if shape == "square":
        h = r * 0.9
        return (
            f'<rect class="{cls}" x="{num(m.cx - h)}" y="{num(y - h)}" '
            f'width="{num(2 * h)}" height="{num(2 * h)}"/>'
        )
    if shape == "diamond":
        d = r + 0.5
        return (
            f'<polygon class="{cls}" points="{num(m.cx)},{num(y - d)} {num(m.cx + d)},{num(y)} '
            f'{num(m.cx)},{num(y + d)} {num(m.cx - d)},{num(y)}"/>'
        )
    return f'<circle class="{cls}" cx="{num(m.cx)}" cy="{num(y)}" r="{num(r)}"/>'


def _draw_mark(m: Mark, y: float, style: Style) -> list[str]:
    it = m.item
    hover = f"{date_text(it)} · {humanise(m.kind)} · {clean(it.title)}"
    if it.contested:
        hover += " · contested: the sources disagree"
    x0, x1 = m.extent
    out = [
        link_open(it.href, "tl-item", hover),
        f'<rect class="tl-hit" x="{num(x0)}" y="{num(y - style.row_h / 2)}" '
        f'width="{num(x1 - x0)}" height="{num(style.row_h)}"/>',
    ]
    if m.whisker:
        wa, wb = m.whisker
        out.append(
            f'<line class="tl-whisker k-{m.kind}" x1="{num(wa)}" y1="{num(y)}" '
            f'x2="{num(wb)}" y2="{num(y)}"/>'
        )
    out.append(_shape(m, y, style.r))
    tx = m.cx + style.r + 4 if m.anchor == "start" else m.cx - style.r - 4
    out.append(text("tl-label", tx, y + style.font * 0.35, esc(m.label), style.font, m.anchor))
    out.append("</a>")
    return out


def _months(scale: Scale, i: int, y: float, style: Style) -> list[str]:
    """Month ticks and names (initials where a month is narrow) and years, for one stretch."""
    a, b = scale.stretches[i]
    out: list[str] = []
    month = datetime.date.fromordinal(a)
    while month.toordinal() < b:
        xa, xb = scale.x(month.toordinal()), scale.x(min(next_month(month).toordinal(), b))
        first = month.month == 1 or month.toordinal() == a
        out.append(
            f'<line class="tl-tick{" tl-tick-year" if first else ""}" x1="{num(xa)}" '
            f'y1="{num(y)}" x2="{num(xa)}" y2="{num(y + (8 if first else 4))}"/>'
        )
        name = MONTHS[month.month - 1]
        if xb - xa < text_w(name, style.font) + 4:
            name = name[0] if xb - xa >= text_w("M", style.font) + 2 else ""
        if name:
            out.append(text("tl-month", (xa + xb) / 2, y + 18, name, style.font, "middle"))
        if first:
            out.append(text("tl-year", xa + 1, y + 36, str(month.year), style.font))
        month = next_month(month)
    return out


def _axis(scale: Scale, y: float, style: Style) -> list[str]:
    out = ['<g class="tl-axis">']
    for i in range(len(scale.stretches)):
        x0, x1 = scale.bounds(i)
        out.append(line("tl-axis-line", x0, y, x1, y))
        out += _months(scale, i, y, style)
        if i + 1 < len(scale.stretches):
            out += _break(scale, i, y, style)
    out.append("</g>")
    return out


def _break(scale: Scale, i: int, y: float, style: Style) -> list[str]:
    """The cut between two stretches: a // on the axis and how long the gap is."""
    gx0, gx1 = scale.bounds(i)[1], scale.bounds(i + 1)[0]
    mid = (gx0 + gx1) / 2
    skipped = gap_text(scale.stretches[i][1], scale.stretches[i + 1][0])
    out = [f'<g class="tl-break"><title>{esc(skipped)} without events, cut out</title>']
    for dx in (-3.0, 3.0):
        out.append(
            f'<line class="tl-break-mark" x1="{num(mid + dx - 3)}" y1="{num(y + 7)}" '
            f'x2="{num(mid + dx + 3)}" y2="{num(y - 7)}"/>'
        )
    out.append(text("tl-break-text", mid, y + 18, esc(skipped), style.font, "middle"))
    out.append("</g>")
    return out


def _phases(
    phases: list[Phase], scale: Scale, top: float, bottom: float, style: Style
) -> list[str]:
    """Shaded bands behind the lanes, titled above them (a link where the phase has a page)."""
    out = ['<g class="tl-phases">']
    for k, phase in enumerate(phases):
        a = phase.start.toordinal()
        b = phase.end.toordinal() + 1
        x0, x1 = scale.x(a), scale.x(b)
        if x1 - x0 < 2:
            continue
        out.append(
            f'<rect class="tl-phase tl-phase-{k % 2}" x="{num(x0)}" y="{num(top)}" '
            f'width="{num(x1 - x0)}" height="{num(bottom - top)}"/>'
        )
        chars = int((x1 - x0 - 6) / (style.font * 0.56 * 1.05))
        if chars >= 4:
            label = esc(shorten(phase.title, chars))
            out.append(text("tl-phase-title", x0 + 3, top + style.font + 2, label, style.font))
    out.append("</g>")
    return out


def _lanes(depth: dict[str, int], top: float, style: Style) -> tuple[list[str], dict[str, float]]:
    """Lane backgrounds and names; the y of each lane's first row."""
    out = ['<g class="tl-lanes">']
    first_row: dict[str, float] = {}
    y = top
    for lane, name, _ in LANES:
        if lane not in depth:
            continue
        h = depth[lane] * style.row_h
        out.append(line("tl-lane-rule", 0, y, style.width, y))
        out.append(text("tl-lane", 4, y + style.row_h / 2 + style.font * 0.35, name, style.font))
        first_row[lane] = y + style.row_h / 2
        y += h
    out.append("</g>")
    return out, first_row


def _legend(marks: list[Mark], style: Style) -> list[str]:
    """One line: how precision and contested events are drawn (lanes name the kinds)."""
    y = style.row_h / 2
    out = ['<g class="pic-legend">']
    out.append(f'<circle class="tl-key p-day" cx="{num(style.gutter + 6)}" cy="{num(y)}" r="6"/>')
    x = style.gutter + 16
    out.append(text("pic-legend-text", x, y + 4, "exact day", style.font))
    x += text_w("exact day", style.font) + 24
    if any(m.whisker for m in marks):
        out.append(line("tl-key-whisker", x, y, x + 34, y))
        out.append(f'<circle class="tl-key p-month" cx="{num(x + 17)}" cy="{num(y)}" r="6"/>')
        note = "known only to the month or year (the line spans it)"
        out.append(text("pic-legend-text", x + 40, y + 4, note, style.font))
        x += 40 + text_w(note, style.font) + 24
    if any(m.item.contested for m in marks):
        note = f"{CONTESTED} contested: the sources disagree"
        out.append(text("pic-legend-text", x, y + 4, esc(note), style.font))
    out.append("</g>")
    return out


def _description(items: list[TimelineItem], scale: Scale) -> str:
    first, last = items[0], max(items, key=lambda it: span(it.start, it.precision)[1])
    plural = "s" if len(items) != 1 else ""
    desc = f"{len(items)} event{plural} from {date_text(first)} to {date_text(last)}, by kind."
    breaks = len(scale.stretches) - 1
    if breaks:
        cut = f"{breaks} quiet gap{'s are' if breaks > 1 else ' is'} cut out"
        desc += f" Time is to scale within each stretch; {cut}."
    return desc


def timeline_svg(
    items: list[TimelineItem],
    *,
    compact: bool = False,
    label: str = "Timeline of events",
    phases: tuple[Phase, ...] = (),
) -> str:
    """An SVG timeline of ``items``: lanes by kind, time to scale with long gaps cut out,
    every mark labelled; ``compact`` is the narrower strip for the home page."""
    style = COMPACT if compact else FULL
    ordered = sorted(
        items, key=lambda it: (span(it.start, it.precision)[0], it.id, it.title, it.href)
    )
    pid = pic_id(
        "tl",
        [label, "c" if compact else "f"]
        + [f"{it.id}|{it.start.isoformat()}|{it.precision}|{it.contested}" for it in ordered]
        + [f"{p.title}|{p.start}|{p.end}" for p in phases],
    )
    if not ordered:
        out = svg_open("dossier-timeline", pid, style.width, 40.0, label, "No events.")
        out += [
            text("tl-empty", style.width / 2, 24, "No events to show.", style.font, "middle"),
            "</svg>",
        ]
        return "\n".join(out)
    spans = [span(it.start, it.precision) for it in ordered]
    scale = make_scale(spans, style.gutter, style.width - 12.0)
    marks, depth = _rows([_mark(it, scale, style) for it in ordered])
    shown_phases = [p for p in phases if p.end >= p.start]
    top = style.row_h + (style.row_h if shown_phases else 0.0)
    lanes, first_row = _lanes(depth, top, style)
    axis_y = top + sum(depth.values()) * style.row_h + 4
    height = axis_y + 44
    width_floor = math.ceil(style.width * 11 / 12) + 1
    extra = f' style="min-width:{width_floor}px"'
    cls = "dossier-timeline" + (" tl-compact" if compact else "")
    out = svg_open(cls, pid, style.width, height, label, _description(ordered, scale), extra)
    out += _legend(marks, style)
    out += _phases(shown_phases, scale, style.row_h, axis_y, style)
    out += lanes
    out += _axis(scale, axis_y, style)
    out.append('<g class="tl-marks">')
    for m in sorted(marks, key=lambda m: (m.lane, m.row, m.cx, m.item.id)):
        out += _draw_mark(m, first_row[m.lane] + m.row * style.row_h, style)
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
