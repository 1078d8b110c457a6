"""The data behind each picture (analysis in, SVG out via timeline.py and network.py)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from generator.cache import Memo, digest
from generator.pictures.network import Link, Node, relations_svg
from generator.pictures.network_layout import Layout, layout_ego, layout_network
from generator.pictures.timeline import Phase, TimelineItem, timeline_svg
from generator.stages.analyse import Analysis, folded
from generator.urls import actor_path, event_path, page_href

PRINCIPAL = 16  # actors on the network page by default (the rest: "all actors" below it)
EGO_NEIGHBOURS = 12


# Pictures by what they are drawn from; layouts by their (quantised) inputs.
PICTURES: Memo[str] = Memo("svg", __name__)
LAYOUTS: Memo[list[list[float]]] = Memo("layout", __name__)


def _drawn(draw: Callable[..., str], *args: Any, **kwargs: Any) -> str:
    """A picture, from the cache when the same data was drawn before (layouts are slow)."""
    key = digest(draw.__name__, args, sorted(kwargs.items()))
    return PICTURES.get_or_make(key, lambda: draw(*args, **kwargs))


def _cached_layout(ego: bool) -> Layout:
    """Layouts from the cache: their (quantised) inputs change less than the pictures."""
    chosen = layout_ego if ego else layout_network

    def layout(
        mass: tuple[float, ...], edges: tuple[tuple[int, int, float], ...], pinned: int | None
    ) -> list[list[float]]:
        return LAYOUTS.get_or_make(
            digest(chosen.__name__, mass, edges, pinned),
            lambda: chosen(mass, edges, pinned),
        )

    return layout


def _drawn_network(nodes: list[Node], links: list[Link], **kwargs: Any) -> str:
    key = digest("relations_svg", nodes, links, sorted(kwargs.items()))
    layout = _cached_layout(kwargs.get("focus") is not None)
    return PICTURES.get_or_make(key, lambda: relations_svg(nodes, links, layout=layout, **kwargs))


RECENT_EVENTS = 12


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
            href=page_href(page, event_path(event.id), directory_urls),
            contested=event.id in analysis.claims_by_event or event.id in analysis.conflicts,
        )
        for event in (analysis.corpus.events[e] for e in event_ids)
    ]


def phases(analysis: Analysis) -> tuple[Phase, ...]:
    """The briefing's phases, where it has them."""
    return tuple(
        Phase(p.title, p.start, p.end) for p in getattr(analysis.corpus.briefing, "phases", ())
    )


def timeline_picture(analysis: Analysis, page: str, directory_urls: bool = True) -> str:
    items = timeline_items(analysis, page, analysis.chronology, directory_urls)
    return _drawn(timeline_svg, items, phases=phases(analysis))


def recent_timeline_picture(analysis: Analysis, page: str, directory_urls: bool = True) -> str:
    recent = analysis.chronology[-RECENT_EVENTS:]
    items = timeline_items(analysis, page, recent, directory_urls)
    return _drawn(timeline_svg, items, compact=True, label="Most recent events")


def relation_links(analysis: Analysis) -> list[Link]:
    """The event relations by pair and tone, with how many events of each verb."""
    verbs: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for r in analysis.relations:
        verbs[(r.a, r.b, r.tone)][r.verb] += 1
    return [
        Link(a, b, tone, tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))))
        for (a, b, tone), counts in sorted(verbs.items())
    ]


def event_counts(analysis: Analysis) -> Counter[str]:
    """How many events each (folded) actor takes part in with someone else."""
    events: dict[str, set[str]] = defaultdict(set)
    for r in analysis.relations:
        events[r.a].add(r.event)
        events[r.b].add(r.event)
    return Counter({actor: len(ids) for actor, ids in events.items()})


def _nodes(
    analysis: Analysis, page: str, weights: Counter[str], ids: list[str], directory_urls: bool
) -> list[Node]:
    return [
        Node(
            id=actor_id,
            label=analysis.corpus.actors[actor_id].name,
            kind=analysis.corpus.actors[actor_id].kind,
            weight=weights[actor_id],
            href=page_href(page, actor_path(actor_id), directory_urls),
        )
        for actor_id in ids
    ]


def principal_actors(analysis: Analysis, everyone: bool = False) -> list[str]:
    """Actors in at least two events with others, the most involved first (all: any)."""
    weights = event_counts(analysis)
    ranked = sorted(weights, key=lambda a: (-weights[a], a))
    if everyone:
        return sorted(ranked)
    return sorted(a for a in ranked[:PRINCIPAL] if weights[a] >= 2)


def network_picture(
    analysis: Analysis,
    page: str,
    directory_urls: bool = True,
    everyone: bool = False,
) -> str:
    ids = principal_actors(analysis, everyone)
    nodes = _nodes(analysis, page, event_counts(analysis), ids, directory_urls)
    label = "Who dealt with whom: " + ("all actors" if everyone else "the principal actors")
    size = 900.0 if everyone else 640.0
    return _drawn_network(nodes, relation_links(analysis), label=label, size=size)


def ego_picture(
    analysis: Analysis,
    page: str,
    actor_id: str,
    directory_urls: bool = True,
) -> str | None:
    """An actor's own relations; None where it has none (a metonym's count for what it
    stands for, so the Kremlin's page draws nothing and Russia's draws them)."""
    if folded(analysis.corpus, actor_id) != actor_id:
        return None
    links = [ln for ln in relation_links(analysis) if actor_id in (ln.a, ln.b)]
    if not links:
        return None
    share: Counter[str] = Counter()
    for ln in links:
        share[ln.b if ln.a == actor_id else ln.a] += ln.count
    chosen = sorted(share, key=lambda a: (-share[a], a))[:EGO_NEIGHBOURS]
    ids = sorted({actor_id, *chosen})
    name = analysis.corpus.actors[actor_id].name
    nodes = _nodes(analysis, page, event_counts(analysis), ids, directory_urls)
    return _drawn_network(
        nodes, links, focus=actor_id, label=f"{name}: who they dealt with", size=480.0
    )
