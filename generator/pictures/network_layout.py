"""Where the network's actors go: force-directed and radial layouts, overlap removal and
label placement. Pure functions of numbers, no SVG; deterministic (fixed schedules, a
spiral start in sorted order, no randomness).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from generator.pictures.markup import Box

GOLDEN = math.pi * (3.0 - math.sqrt(5.0))


Layout = Callable[
    [tuple[float, ...], tuple[tuple[int, int, float], ...], int | None], list[list[float]]
]


def quantise(value: float, steps: int = 16) -> float:
    """Layout inputs in coarse steps: a few more mentions must not move every node."""
    return round(value * steps) / steps


def _repulsion(
    xs: list[float], ys: list[float], pushes: list[float], mass: tuple[float, ...]
) -> tuple[list[float], list[float]]:
    """Every pair pushes apart, by the pusher's strength times the other's mass."""
    n = len(xs)
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
    return fx, fy


def _attraction(
    xs: list[float],
    ys: list[float],
    pulls: list[tuple[int, int, float]],
    fx: list[float],
    fy: list[float],
) -> None:
    """Linked nodes pull together, in proportion to their distance and the link's strength."""
    for i, j, strength in pulls:
        dx = xs[i] - xs[j]
        dy = ys[i] - ys[j]
        f = math.sqrt(dx * dx + dy * dy) * strength
        fx[i] -= dx * f
        fy[i] -= dy * f
        fx[j] += dx * f
        fy[j] += dy * f


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
        ang = i * GOLDEN
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
        fx, fy = _repulsion(xs, ys, pushes, mass)
        _attraction(xs, ys, pulls, fx, fy)
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


def laid_out(
    layout: Layout,
    ids: list[str],
    mass: list[float],
    edges: list[tuple[int, int, float]],
    pinned: int | None,
) -> list[list[float]]:
    """Positions from the layout, given inputs that stay the same while counts creep up:
    masses and strengths quantised, nodes ordered by quantised mass and then by id (so two
    actors of nearly equal weight trading places does not change the input)."""
    quantised = [quantise(m) for m in mass]
    order = sorted(range(len(ids)), key=lambda i: (i != pinned, -quantised[i], ids[i]))
    rank = {node: position for position, node in enumerate(order)}
    strongest = max((w for _, _, w in edges), default=1.0)
    links = []
    for i, j, w in edges:
        a, b = sorted((rank[i], rank[j]))
        links.append((a, b, quantise(math.sqrt(w / strongest))))
    positions = layout(
        tuple(quantised[i] for i in order),
        tuple(sorted(links)),
        None if pinned is None else rank[pinned],
    )
    return [positions[rank[i]] for i in range(len(ids))]


def fit(
    pos: list[list[float]], size: float, margin: float, pinned: int | None
) -> list[list[float]]:
    """Layout coordinates scaled into a size x size square, margin kept free at the edges."""
    c = size / 2
    if pinned is not None:
        ext = max((max(abs(p[0]), abs(p[1])) for p in pos), default=0.0)
        scale = (c - margin) / ext if ext > 0 else 1.0
        return [[c + p[0] * scale, c + p[1] * scale] for p in pos]
    xs, ys = [p[0] for p in pos], [p[1] for p in pos]
    ext = max(max(xs) - min(xs), max(ys) - min(ys))
    scale = (size - 2 * margin) / ext if ext > 0 else 1.0
    mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return [[c + (p[0] - mx) * scale, c + (p[1] - my) * scale] for p in pos]


def _push_apart(
    pts: list[list[float]], radius: list[float], pinned: int | None, pad: float
) -> bool:
    """One pass pushing overlapping circles apart (a pinned one stays); whether any moved."""
    moved = False
    for i in range(len(pts)):
        for j in range(i + 1, len(pts)):
            dx, dy = pts[j][0] - pts[i][0], pts[j][1] - pts[i][1]
            need = radius[i] + radius[j] + pad
            d2 = dx * dx + dy * dy
            if d2 >= need * need:
                continue
            d = math.sqrt(d2)
            if d < 1e-6:
                ang = (i * 7 + j * 13) * GOLDEN
                dx, dy, d, push = math.cos(ang), math.sin(ang), 1.0, need
            else:
                push = need - d
            ux, uy = dx / d * push, dy / d * push
            share_i = 0.0 if i == pinned else 1.0 if j == pinned else 0.5
            pts[i][0] -= ux * share_i
            pts[i][1] -= uy * share_i
            pts[j][0] += ux * (1.0 - share_i)
            pts[j][1] += uy * (1.0 - share_i)
            moved = True
    return moved


def separate(
    pts: list[list[float]], radius: list[float], size: float, pinned: int | None, pad: float = 3.0
) -> list[list[float]]:
    """Circles pushed apart until none overlap (or 80 passes), kept inside the square."""
    for _ in range(80):
        moved = _push_apart(pts, radius, pinned, pad)
        for i, p in enumerate(pts):
            if i == pinned:
                pts[i] = [size / 2, size / 2]
                continue
            p[0] = min(max(p[0], radius[i] + 2), size - radius[i] - 2)
            p[1] = min(max(p[1], radius[i] + 2), size - radius[i] - 2)
        if not moved:
            break
    return [[round(p[0], 1), round(p[1], 1)] for p in pts]


def label_spots(
    x: float, y: float, r: float, tw: float, th: float
) -> list[tuple[float, float, str, Box]]:
    """Candidate label positions around a circle: (text x, baseline y, anchor, box)."""
    d, dd = r + 3, r * 0.72 + 2
    corners = [  # top-left corner of the label box, and the text anchor
        (x - tw / 2, y + d - 1, "middle"),
        (x + d, y - th / 2, "start"),
        (x - d - tw, y - th / 2, "end"),
        (x - tw / 2, y - d - th, "middle"),
        (x + dd, y + dd, "start"),
        (x - dd - tw, y + dd, "end"),
        (x + dd, y - dd - th, "start"),
        (x - dd - tw, y - dd - th, "end"),
    ]
    spots = []
    for bx, by, anchor in corners:
        tx = bx if anchor == "start" else bx + tw if anchor == "end" else bx + tw / 2
        spots.append((tx, by + th * 0.78, anchor, Box(bx, by, bx + tw, by + th)))
    return spots


def place_label(
    spots: list[tuple[float, float, str, Box]], taken: list[Box], size: float
) -> tuple[float, float, str, Box]:
    """The first spot inside the picture touching no taken box; else the first inside it
    (every node keeps its name: a slight overlap beats a nameless circle)."""
    inside = [
        s
        for s in spots
        if s[3].x0 >= 2 and s[3].x1 <= size - 2 and s[3].y0 >= 2 and s[3].y1 <= size - 2
    ]
    free = [s for s in inside if not any(s[3].hits(b, 2.0) for b in taken)]
    return (free or inside or spots)[0]
