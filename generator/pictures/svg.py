"""The pictures' public names in one place: the timeline and the network, drawn at build
time as inline SVG (no JavaScript, no external assets; colours from CSS classes styled by
docs/stylesheets/pictures.css; deterministic, byte for byte).

Geometry is kept apart from drawing: timeline_geometry.py and network_layout.py place
things, timeline.py and network.py write the SVG, markup.py escapes what goes into it.
"""

from __future__ import annotations

from generator.model import ACTOR_KINDS, EVENT_KINDS  # the kinds have one owner: the model
from generator.pictures.network import Link, Node, relations_svg
from generator.pictures.network_layout import layout_ego, layout_network
from generator.pictures.timeline import Phase, TimelineItem, timeline_svg

__all__ = [
    "ACTOR_KINDS",
    "EVENT_KINDS",
    "Link",
    "Node",
    "Phase",
    "TimelineItem",
    "layout_ego",
    "layout_network",
    "relations_svg",
    "timeline_svg",
]
