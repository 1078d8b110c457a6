"""The network picture as inline SVG: actors linked by what they did to or with each other.

Drawing only; positions come from generator.pictures.network_layout. A line joins two actors
that took part in the same events, solid for cooperative relations (met, spoke by phone,
agreed), dashed for hostile ones (attacked, struck, sanctioned, accused), dotted for the
rest; a pair with both kinds gets both lines side by side. Every circle is named in the
picture (no hover needed) and is a link at least 24 px across.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from generator.model import ACTOR_KINDS
from generator.pictures.markup import (
    Box,
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
from generator.pictures.network_layout import (
    Layout,
    fit,
    label_spots,
    laid_out,
    layout_ego,
    layout_network,
    place_label,
    separate,
)

TONES = ("cooperative", "hostile", "neutral")
FONT = 12.0


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    kind: str  # person | state | organisation | armed-group | media | place
    weight: int  # events taken part in (circle area)
    href: str


@dataclass(frozen=True, order=True)
class Link:
    """What two actors did with each other: verb -> number of events, and the tone."""

    a: str
    b: str
    tone: str
    verbs: tuple[tuple[str, int], ...]

    @property
    def count(self) -> int:
        return sum(n for _, n in self.verbs)


def _kind(kind: str) -> str:
    return kind if kind in ACTOR_KINDS else "other"


def _radii(nodes: list[Node], focus: bool) -> list[float]:
    """Area by weight, never under 12 (a 24 px target at scale 1)."""
    heaviest = max((nd.weight for nd in nodes), default=1) or 1
    top = 26.0 if focus else 24.0
    return [max(12.0, top * math.sqrt(max(nd.weight, 0) / heaviest)) for nd in nodes]


def _pairs(nodes: list[Node], links: list[Link]) -> list[tuple[int, int, float]]:
    index = {nd.id: i for i, nd in enumerate(nodes)}
    strength: Counter[tuple[int, int]] = Counter()
    for ln in links:
        if ln.a in index and ln.b in index and ln.a != ln.b:
            i, j = sorted((index[ln.a], index[ln.b]))
            strength[(i, j)] += ln.count
    return sorted((i, j, float(w)) for (i, j), w in strength.items())


def _positions(
    nodes: list[Node],
    links: list[Link],
    radius: list[float],
    size: float,
    pinned: int | None,
    layout: Layout | None,
) -> list[list[float]]:
    mass = [1.0 + 2.0 * r / max(radius) for r in radius]
    chosen = layout or (layout_network if pinned is None else layout_ego)
    pos = laid_out(chosen, [nd.id for nd in nodes], mass, _pairs(nodes, links), pinned)
    pts = fit(pos, size, max(radius) + 40.0, pinned)
    return separate(pts, radius, size, pinned, pad=FONT * 1.6)


def _edges(nodes: list[Node], links: list[Link], pts: list[list[float]]) -> list[str]:
    """Lines, light to heavy; a pair with several tones gets parallel lines."""
    index = {nd.id: i for i, nd in enumerate(nodes)}
    tones_of: dict[tuple[str, str], list[str]] = {}
    for ln in links:
        tones_of.setdefault((ln.a, ln.b), []).append(ln.tone)
    heaviest = max((ln.count for ln in links), default=1)
    out = ['<g class="nw-edges">']
    for ln in sorted(links, key=lambda ln: (ln.count, ln.a, ln.b, ln.tone)):
        if ln.a not in index or ln.b not in index:
            continue
        (x1, y1), (x2, y2) = pts[index[ln.a]], pts[index[ln.b]]
        tones = sorted(tones_of[(ln.a, ln.b)], key=TONES.index)
        offset = (tones.index(ln.tone) - (len(tones) - 1) / 2) * 4.0
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        ox, oy = -(y2 - y1) / length * offset, (x2 - x1) / length * offset
        width = 1.5 + 3.5 * ln.count / heaviest
        what = ", ".join(f"{verb} {n}×" if n > 1 else verb for verb, n in ln.verbs)
        hover = f"{clean(nodes[index[ln.a]].label)} – {clean(nodes[index[ln.b]].label)}: {what}"
        out.append(
            line(f"nw-edge nw-{ln.tone}", x1 + ox, y1 + oy, x2 + ox, y2 + oy).replace(
                "/>", f' stroke-width="{num(width)}"><title>{esc(hover)}</title></line>'
            )
        )
    out.append("</g>")
    return out


def _nodes(
    nodes: list[Node],
    pts: list[list[float]],
    radius: list[float],
    pinned: int | None,
    size: float,
) -> list[str]:
    """Each actor: a link holding its circle and its name, placed clear of the others."""
    taken = [Box(p[0] - r, p[1] - r, p[0] + r, p[1] + r) for p, r in zip(pts, radius, strict=True)]
    out = ['<g class="nw-nodes">']
    order = sorted(range(len(nodes)), key=lambda i: (i != pinned, -nodes[i].weight, nodes[i].id))
    for i in order:
        nd, (x, y), r = nodes[i], pts[i], radius[i]
        name = shorten(nd.label, 24)
        size_f = FONT * (1.1 if i == pinned else 1.0)
        others = [b for k, b in enumerate(taken) if k != i]
        tx, ty, anchor, box = place_label(
            label_spots(x, y, r, text_w(name, size_f), size_f * 1.1), others, size
        )
        taken.append(box)
        kind = _kind(nd.kind)
        cls = f"nw-node k-{kind}" + (" nw-focus" if i == pinned else "")
        lcls = "nw-label" + (" nw-label-focus" if i == pinned else "")
        out += [
            link_open(nd.href, "nw-item", f"{clean(nd.label)} · {humanise(kind)}"),
            f'<circle class="{cls}" cx="{num(x)}" cy="{num(y)}" r="{num(r)}"/>',
            text(lcls, tx, ty, esc(name), size_f, anchor),
            "</a>",
        ]
    out.append("</g>")
    return out


def _legend(nodes: list[Node], links: list[Link], y: float, size: float) -> tuple[list[str], float]:
    """Line styles present, then actor kinds present, wrapped to the width."""
    entries = [("tone", t) for t in TONES if any(ln.tone == t for ln in links)]
    entries += [
        ("kind", k) for k in (*ACTOR_KINDS, "other") if any(_kind(n.kind) == k for n in nodes)
    ]
    out, x, row = ['<g class="pic-legend">'], 8.0, 0
    for what, key in entries:
        name = humanise(key)
        w = 34 + text_w(name, FONT) + 16
        if x + w > size - 8:
            x, row = 8.0, row + 1
        cy = y + row * 24 + 12
        if what == "tone":
            out.append(
                line(f"nw-edge nw-{key}", x, cy, x + 26, cy).replace("/>", ' stroke-width="3"/>')
            )
        else:
            out.append(
                f'<circle class="pic-swatch k-{key}" cx="{num(x + 13)}" cy="{num(cy)}" r="7"/>'
            )
        out.append(text("pic-legend-text", x + 32, cy + 4, esc(name), FONT))
        x += w
    out.append("</g>")
    return out, (row + 1) * 24 + 8


def relations_svg(
    nodes: list[Node],
    links: list[Link],
    *,
    focus: str | None = None,
    label: str = "Who dealt with whom",
    size: float = 640.0,
    layout: Layout | None = None,
) -> str:
    """An SVG network of ``nodes`` joined by typed ``links``; with ``focus`` the actor
    is pinned to the centre (an actor page's picture of its own relations)."""
    unique = {nd.id: nd for nd in sorted(nodes, key=lambda n: (n.id, n.label, n.kind, n.href))}
    order = sorted(unique.values(), key=lambda nd: (nd.id != focus, -nd.weight, nd.id))
    pinned = 0 if focus in unique else None
    ids = set(unique)
    links = sorted(ln for ln in links if ln.a in ids and ln.b in ids and ln.a != ln.b)
    pid = pic_id(
        "nw",
        [label, str(size), focus or ""]
        + [f"{n.id}|{n.weight}" for n in order]
        + [f"{ln.a}|{ln.b}|{ln.tone}|{ln.verbs}" for ln in links],
    )
    if not order:
        out = svg_open("dossier-network", pid, size, 60.0, label, "No actors.")
        out += [text("nw-empty", size / 2, 34, "No actors to show.", FONT, "middle"), "</svg>"]
        return "\n".join(out)
    radius = _radii(order, pinned is not None)
    pts = _positions(order, links, radius, size, pinned, layout)
    legend, legend_h = _legend(order, links, size, size)
    hostile = sum(1 for ln in links if ln.tone == "hostile")
    desc = (
        f"{len(order)} actors and {len(links)} relations drawn from shared events "
        f"({hostile} hostile). The same relations are listed in the table that follows."
    )
    extra = f' style="min-width:{math.ceil(size * 11 / 12) + 1}px;max-width:{num(size * 1.5)}px"'
    cls = "dossier-network" + (" nw-ego" if pinned is not None else "")
    out = svg_open(cls, pid, size, size + legend_h, label, desc, extra)
    out += _edges(order, links, pts)
    out += _nodes(order, pts, radius, pinned, size)
    out += legend
    out.append("</svg>")
    return "\n".join(out)
