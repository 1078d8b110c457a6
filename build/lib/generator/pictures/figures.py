"""The data behind each picture, drawn by generator.pictures.svg (analysis in, SVG out)."""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable
from itertools import combinations
from typing import Any

from generator.cache import Cache, digest
from generator.pictures.svg import (
    Edge,
    Layout,
    Node,
    TimelineItem,
    edges_in_steps,
    in_steps,
    layout_network,
    network_svg,
    timeline_svg,
)
from generator.stages.analyse import Analysis

EGO_NEIGHBOURS = 12


def _drawn(cache: Cache, draw: Callable[..., str], *args: Any, **kwargs: Any) -> str:
    """A picture, from the cache when the same data was drawn before (layouts are slow)."""
    key = digest(draw.__name__, args, sorted(kwargs.items()))
    return cache.get_or_make("svg", key, lambda: draw(*args, **kwargs))


def _cached_layout(cache: Cache) -> Layout:
    """Full-network layouts from the cache: their (quantised) inputs change less than counts."""

    def layout(
        mass: tuple[float, ...], edges: tuple[tuple[int, int, float], ...], pinned: int | None
    ) -> list[list[float]]:
        return cache.get_or_make(
            "layout",
            digest(mass, edges, pinned),
            lambda: layout_network(mass, edges, pinned),
        )

    return layout


def _drawn_network(cache: Cache, *args: Any, **kwargs: Any) -> str:
    key = digest("network_svg", args, sorted(kwargs.items()))
    layout = _cached_layout(cache) if kwargs.get("focus") is None else None
    return cache.get_or_make("svg", key, lambda: network_svg(*args, layout=layout, **kwargs))


RECENT_EVENTS = 12


def page_href(page: str, target: str, directory_urls: bool = True) -> str:
    """A link that works inside raw HTML, where MkDocs does not rewrite .md links.

    Both are docs/ paths; the result is relative to the page's built URL: page/ with
    directory URLs, page.html without (the offline bundle).
    """
    if not directory_urls:
        html = target.removesuffix(".md") + ".html"
        return posixpath.relpath(html, posixpath.dirname(page) or ".")

    def folder(path: str) -> str:
        stem = path.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index").rstrip("/")
        return stem

    here, there = folder(page), folder(target)
    return posixpath.relpath(there or ".", here or ".").removeprefix("./") + "/"


def timeline_items(
    analysis: Analysis, page: str, event_ids: tuple[str, ...], directory_urls: bool = True
) -> list[TimelineItem]:
    return [
        TimelineItem(
            id=event.id,
            title=event.title,
            start=event.date.start,
            precision=event.date.precision,
            kind=event.kind,
            href=page_href(page, f"events/{event.id}.md", directory_urls),
        )
        for event in (analysis.corpus.events[e] for e in event_ids)
    ]


def timeline_picture(
    analysis: Analysis, page: str, cache: Cache, directory_urls: bool = True
) -> str:
    items = timeline_items(analysis, page, analysis.chronology, directory_urls)
    return _drawn(cache, timeline_svg, items)


def recent_timeline_picture(
    analysis: Analysis, page: str, cache: Cache, directory_urls: bool = True
) -> str:
    recent = analysis.chronology[-RECENT_EVENTS:]
    items = timeline_items(analysis, page, recent, directory_urls)
    return _drawn(cache, timeline_svg, items, compact=True, label="Most recent events")


def relation_weights(analysis: Analysis) -> Counter[tuple[str, str]]:
    """Co-mentions plus shared events, for each pair of actors."""
    weights: Counter[tuple[str, str]] = Counter(analysis.comentions)
    for event in analysis.corpus.events.values():
        actors = {p.actor for p in event.participants}
        weights.update(combinations(sorted(actors), 2))
    return weights


def _nodes(
    analysis: Analysis, page: str, ids: list[str], directory_urls: bool = True
) -> list[Node]:
    return [
        Node(
            id=actor_id,
            label=analysis.corpus.actors[actor_id].name,
            kind=analysis.corpus.actors[actor_id].kind,
            weight=max(analysis.actors[actor_id].mentions, 1),
            href=page_href(page, f"actors/{actor_id}.md", directory_urls),
        )
        for actor_id in ids
    ]


def network_picture(
    analysis: Analysis,
    page: str,
    weights: Counter[tuple[str, str]],
    cache: Cache,
    directory_urls: bool = True,
) -> str:
    ids = sorted(
        a for a, p in analysis.actors.items() if p.mentions or any(a in pair for pair in weights)
    )
    edges = [Edge(a, b, w) for (a, b), w in sorted(weights.items()) if a in ids and b in ids]
    nodes = _nodes(analysis, page, ids, directory_urls)
    return _drawn_network(cache, nodes, edges, label="Actor network")


def ego_picture(
    analysis: Analysis,
    page: str,
    actor_id: str,
    weights: Counter[tuple[str, str]],
    cache: Cache,
    directory_urls: bool = True,
) -> str | None:
    neighbours = Counter(
        {(b if a == actor_id else a): w for (a, b), w in weights.items() if actor_id in (a, b)}
    )
    if not neighbours:
        return None
    chosen = [n for n, _ in sorted(neighbours.items(), key=lambda kv: (-kv[1], kv[0]))]
    ids = sorted({actor_id, *chosen[:EGO_NEIGHBOURS]})
    edges = [Edge(a, b, w) for (a, b), w in sorted(weights.items()) if a in ids and b in ids]
    name = analysis.corpus.actors[actor_id].name
    # drawn from weights in steps (see network_svg): cached by them too
    return _drawn_network(
        cache,
        in_steps(_nodes(analysis, page, ids, directory_urls)),
        edges_in_steps(edges),
        focus=actor_id,
        label=f"{name} and related actors",
    )
