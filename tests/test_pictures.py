"""Tests for generator.pictures.svg: inline SVG timeline and actor network."""

from __future__ import annotations

import datetime
import itertools
import math
import re
import xml.etree.ElementTree as ET

import pytest

from generator.pictures.svg import (
    EVENT_KINDS,
    Edge,
    Node,
    TimelineItem,
    network_svg,
    timeline_svg,
)

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"  # marks link with xlink:href

NS = "{http://www.w3.org/2000/svg}"
D = datetime.date
HOSTILE = ["<script>alert(1)</script>", '" onmouseover="x', "a & b > c ' d"]


# ------------------------------------------------------------------ helpers


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def tag(el: ET.Element) -> str:
    return el.tag.removeprefix(NS)


def classes(el: ET.Element) -> set[str]:
    return set(el.get("class", "").split())


def find_class(root: ET.Element, cls: str) -> list[ET.Element]:
    return [el for el in root.iter() if cls in classes(el)]


def links(root: ET.Element) -> list[ET.Element]:
    return [el for el in root.iter() if tag(el) == "a"]


def bbox(el: ET.Element) -> tuple[float, float, float, float]:
    t = tag(el)
    if t == "circle":
        cx, cy, r = (float(el.get(k, "0")) for k in ("cx", "cy", "r"))
        return cx - r, cy - r, cx + r, cy + r
    if t == "rect":
        x, y, w, h = (float(el.get(k, "0")) for k in ("x", "y", "width", "height"))
        return x, y, x + w, y + h
    if t == "polygon":
        pts = [tuple(map(float, p.split(","))) for p in el.get("points", "").split()]
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        return min(xs), min(ys), max(xs), max(ys)
    raise AssertionError(f"unexpected mark element {t}")


def text_box(el: ET.Element) -> tuple[float, float, float, float]:
    """Estimated box of a <text>, with the generator's own glyph-width estimate."""
    size = float(el.get("font-size", "11"))
    width = len(el.text or "") * size * 0.56
    x, y = float(el.get("x", "0")), float(el.get("y", "0"))
    anchor = el.get("text-anchor", "start")
    x0 = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return x0, y - size * 0.8, x0 + width, y + size * 0.25


def overlaps(a: tuple[float, ...], b: tuple[float, ...], tol: float = 0.05) -> bool:
    return not (
        a[2] <= b[0] + tol or b[2] <= a[0] + tol or a[3] <= b[1] + tol or b[3] <= a[1] + tol
    )


def check_common(svg: str) -> ET.Element:
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    assert "\n\n" not in svg
    assert all(line.strip() for line in svg.splitlines()), "blank line in output"
    root = parse(svg)
    assert tag(root) == "svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox", ""))
    children = [tag(c) for c in root]
    assert children[:2] == ["title", "desc"]
    assert (root[1].text or "").strip()
    # every link has a hover title as its first child
    for a in links(root):
        assert a.get(XLINK_HREF)
        assert tag(a[0]) == "title" and (a[0].text or "").strip()
    return root


def coord_precision_ok(svg: str) -> bool:
    return not re.search(r'(?:x|y|cx|cy|r|width|height|x1|x2|y1|y2)="-?\d+\.\d\d', svg)


# ------------------------------------------------------------------ fixtures


def uneven_items() -> list[TimelineItem]:
    """The real shape of the data: 2015–16, a long gap, a dense Feb–Mar 2020."""
    spec: list[tuple[D, str]] = []
    spec += [(D(2015, 11, d), "day") for d in (3, 9, 15, 21)] + [(D(2015, 11, 1), "month")]
    spec += [(D(2015, 12, d), "day") for d in (4, 12, 28)]
    spec += [(D(2016, 1, 1), "month")]
    spec += [(D(2016, 6, d), "day") for d in (2, 9, 17, 25)]
    spec += [(D(2018, 1, 1), "year"), (D(2019, 8, 27), "day"), (D(2019, 10, 1), "month")]
    spec += [(D(2019, 11, 1), "day"), (D(2019, 12, 1), "month"), (D(2019, 1, 1), "year")]
    spec += [(D(2020, 2, d), "day") for d in (20, 20, 21, 22, 23, 24, 25, 26, 27, 27, 28, 29)]
    spec += [(D(2020, 3, 1), "day"), (D(2020, 3, 4), "day")] + [(D(2020, 3, 5), "day")] * 4
    return [
        TimelineItem(
            id=f"e{i:02d}",
            title=f"Event number {i} with a fairly long descriptive title",
            start=d,
            precision=p,
            kind=EVENT_KINDS[i % len(EVENT_KINDS)],
            href=f"../events/e{i:02d}/",
        )
        for i, (d, p) in enumerate(spec)
    ]


def network(n: int) -> tuple[list[Node], list[Edge]]:
    kinds = ["person", "state", "organisation", "armed-group", "media", "place"]
    nodes = [
        Node(
            id=f"a{i:03d}",
            label=f"Actor {i} of the network",
            kind=kinds[i % len(kinds)],
            weight=max(1, 200 // (i + 1)),
            href=f"../actors/a{i:03d}/",
        )
        for i in range(n)
    ]
    edges = [
        Edge(f"a{i:03d}", f"a{j:03d}", 1 + (i * 7 + j * 3) % 9)
        for i, j in itertools.combinations(range(n), 2)
        if (i * 31 + j * 17) % 23 == 0 or j == i + 1
    ]
    return nodes, edges


def ego(n: int = 12) -> tuple[list[Node], list[Edge]]:
    nodes, _ = network(n)
    centre = nodes[5].id
    edges = [Edge(centre, nd.id, 1 + i % 4) for i, nd in enumerate(nodes) if nd.id != centre]
    edges += [Edge(nodes[1].id, nodes[2].id, 2)]
    return nodes, edges


# ------------------------------------------------------------------ timeline


@pytest.mark.parametrize("compact", [False, True])
def test_timeline_well_formed_and_linked(compact: bool) -> None:
    items = uneven_items()
    svg = timeline_svg(items, compact=compact)
    root = check_common(svg)
    hrefs = [a.get(XLINK_HREF) for a in find_class(root, "tl-item")]
    assert sorted(hrefs) == sorted(it.href for it in items)
    assert root[0].text == "Timeline of events"
    assert coord_precision_ok(svg)


def test_timeline_every_item_one_mark_inside_its_link() -> None:
    items = uneven_items()
    root = parse(timeline_svg(items))
    for a in find_class(root, "tl-item"):
        marks = [el for el in a if "tl-mark" in classes(el)]
        assert len(marks) == 1


def test_timeline_break_marker_for_long_gap() -> None:
    root = parse(timeline_svg(uneven_items()))
    breaks = find_class(root, "tl-break")
    assert len(breaks) == 1
    texts = [el.text for el in breaks[0].iter() if tag(el) == "text"]
    assert texts == ["1 yr 6 mo"]  # July 2016 to December 2017 is skipped
    assert len(find_class(root, "tl-break-mark")) == 2  # the "//"


def test_timeline_no_break_without_long_gap() -> None:
    items = [
        TimelineItem(f"x{i}", "t", D(2020, 1 + i, 3), "day", "meeting", f"../events/x{i}/")
        for i in range(5)
    ]
    root = parse(timeline_svg(items))
    assert find_class(root, "tl-break") == []


@pytest.mark.parametrize("compact", [False, True])
def test_timeline_marks_do_not_overlap(compact: bool) -> None:
    root = parse(timeline_svg(uneven_items(), compact=compact))
    boxes = [bbox(el) for el in find_class(root, "tl-mark")]
    assert len(boxes) == len(uneven_items())
    for a, b in itertools.combinations(boxes, 2):
        assert not overlaps(a, b), (a, b)


@pytest.mark.parametrize("compact", [False, True])
def test_timeline_labels_do_not_overlap_marks_or_each_other(compact: bool) -> None:
    root = parse(timeline_svg(uneven_items(), compact=compact))
    labels = [text_box(el) for el in find_class(root, "tl-label")]
    marks = [bbox(el) for el in find_class(root, "tl-mark")]
    assert labels, "some marks should be labelled"
    assert len(labels) < len(marks), "dense data cannot label everything"
    for a, b in itertools.combinations(labels, 2):
        assert not overlaps(a, b), (a, b)
    for lab in labels:
        for m in marks:
            assert not overlaps(lab, m), (lab, m)


def test_timeline_compact_has_fewer_labels_and_is_shorter() -> None:
    full = parse(timeline_svg(uneven_items()))
    compact = parse(timeline_svg(uneven_items(), compact=True))
    assert len(find_class(compact, "tl-label")) < len(find_class(full, "tl-label"))
    height = lambda r: float(r.get("viewBox", "").split()[3])  # noqa: E731
    assert height(compact) < height(full)
    assert "tl-compact" in classes(compact)


def test_timeline_is_a_time_axis() -> None:
    """Within a segment, later events are never to the left of earlier ones."""
    items = [it for it in uneven_items() if it.precision == "day"]
    root = parse(timeline_svg(items))
    xs = {}
    for a in find_class(root, "tl-item"):
        mark = next(el for el in a if "tl-mark" in classes(el))
        x0, _, x1, _ = bbox(mark)
        xs[a.get(XLINK_HREF)] = (x0 + x1) / 2
    ordered = sorted(items, key=lambda it: it.start)
    for earlier, later in itertools.pairwise(ordered):
        if earlier.start < later.start:
            assert xs[earlier.href] < xs[later.href]
        else:
            assert math.isclose(xs[earlier.href], xs[later.href])


def test_timeline_precision_shapes() -> None:
    items = [
        TimelineItem("d", "Day", D(2020, 3, 5), "day", "meeting", "../events/d/"),
        TimelineItem("m", "Month", D(2020, 1, 1), "month", "meeting", "../events/m/"),
        TimelineItem("y", "Year", D(2019, 1, 1), "year", "meeting", "../events/y/"),
    ]
    root = parse(timeline_svg(items))
    by_href = {
        a.get(XLINK_HREF): next(el for el in a if "tl-mark" in classes(el))
        for a in find_class(root, "tl-item")
    }
    assert tag(by_href["../events/d/"]) == "circle"
    assert {"p-month", "k-meeting"} <= classes(by_href["../events/m/"])
    assert "p-year" in classes(by_href["../events/y/"])
    year_w = float(by_href["../events/y/"].get("width", "0"))
    month_w = float(by_href["../events/m/"].get("width", "0"))
    assert year_w > month_w > 0
    legend = find_class(root, "pic-legend")[0]
    assert {"Meeting", "exact day", "month", "year"} <= {
        el.text for el in legend.iter() if tag(el) == "text"
    }


def test_timeline_kind_classes_and_unknown_kind() -> None:
    items = [
        TimelineItem("a", "A", D(2020, 1, 1), "day", "strike", "../events/a/"),
        TimelineItem("b", "B", D(2020, 1, 9), "day", "not-a-kind x", "../events/b/"),
    ]
    svg = timeline_svg(items)
    root = parse(svg)
    kinds = {c for el in find_class(root, "tl-mark") for c in classes(el) if c.startswith("k-")}
    assert kinds == {"k-strike", "k-other"}
    assert "not-a-kind" not in svg


@pytest.mark.parametrize("hostile", HOSTILE)
def test_timeline_escapes_hostile_text(hostile: str) -> None:
    items = [
        TimelineItem("h", hostile, D(2020, 2, 1), "day", "attack", f"../events/{hostile}/"),
        TimelineItem("k", "ok", D(2020, 2, 9), "day", "attack", "../events/k/"),
    ]
    svg = timeline_svg(items, label=hostile)
    root = check_common(svg)
    assert "<script" not in svg
    assert not any(tag(el) == "script" for el in root.iter())
    assert not any(k.startswith("on") for el in root.iter() for k in el.attrib)
    assert root[0].text == hostile
    hrefs = {a.get(XLINK_HREF) for a in links(root)}
    assert f"../events/{hostile}/" in hrefs  # the attribute survived intact
    titles = [a[0].text or "" for a in links(root)]
    assert any(hostile in t for t in titles)


def test_timeline_multiline_title_and_script_url() -> None:
    items = [
        TimelineItem("n", "two\n\nlines\r\n here", D(2020, 2, 1), "day", "meeting", "x/"),
        TimelineItem("j", "js", D(2020, 2, 3), "day", "meeting", " javascript:alert(1)"),
    ]
    svg = timeline_svg(items)
    check_common(svg)
    assert "two lines here" in svg
    assert "javascript:" not in svg


def test_timeline_deterministic() -> None:
    items = uneven_items()
    assert timeline_svg(items) == timeline_svg(list(reversed(items)))
    assert timeline_svg(items, compact=True) == timeline_svg(items, compact=True)


def test_timeline_empty_and_single() -> None:
    check_common(timeline_svg([]))
    one = [TimelineItem("o", "Only", D(2020, 3, 5), "day", "letter", "../events/o/")]
    root = check_common(timeline_svg(one))
    assert len(find_class(root, "tl-item")) == 1
    assert len(find_class(root, "tl-label")) == 1


# ------------------------------------------------------------------ network


def test_network_well_formed_and_linked() -> None:
    nodes, edges = network(70)
    svg = network_svg(nodes, edges)
    root = check_common(svg)
    node_links = {
        a.get(XLINK_HREF) for a in links(root) if any("nw-node" in classes(el) for el in a)
    }
    assert node_links == {nd.href for nd in nodes}
    assert len(find_class(root, "nw-node")) == 70
    assert len(find_class(root, "nw-edge")) == len({(e.a, e.b) for e in edges})
    assert root[0].text == "Actor network"
    assert coord_precision_ok(svg)


def test_network_labels_some_not_all_and_no_collisions() -> None:
    nodes, edges = network(70)
    root = parse(network_svg(nodes, edges))
    labels = find_class(root, "nw-label")
    assert 0 < len(labels) < len(nodes)
    boxes = [text_box(el) for el in labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not overlaps(a, b), (a, b)
    circles = [
        tuple(float(el.get(k, "0")) for k in ("cx", "cy", "r"))
        for el in find_class(root, "nw-node")
    ]
    for x0, y0, x1, y1 in boxes:
        for cx, cy, r in circles:
            # distance from the circle's centre to the label box
            dx = max(x0 - cx, 0.0, cx - x1)
            dy = max(y0 - cy, 0.0, cy - y1)
            assert math.hypot(dx, dy) >= r - 0.2, ((x0, y0, x1, y1), (cx, cy, r))
    # the heaviest node is labelled
    assert any((el.text or "").startswith("Actor 0 ") for el in labels)


def test_network_nodes_do_not_overlap_and_stay_inside() -> None:
    nodes, edges = network(70)
    root = parse(network_svg(nodes, edges))
    size = 900.0
    boxes = []
    for el in find_class(root, "nw-node"):
        cx, cy, r = (float(el.get(k, "0")) for k in ("cx", "cy", "r"))
        assert r <= cx <= size - r and r <= cy <= size - r
        boxes.append((cx, cy, r))
    for (x1, y1, r1), (x2, y2, r2) in itertools.combinations(boxes, 2):
        assert math.hypot(x1 - x2, y1 - y2) >= r1 + r2 - 0.2


def test_network_area_proportional_to_weight() -> None:
    nodes = [
        Node("big", "Big", "state", 100, "../actors/big/"),
        Node("mid", "Mid", "person", 25, "../actors/mid/"),
    ]
    root = parse(network_svg(nodes, [Edge("big", "mid", 3)]))
    r = {
        a.get(XLINK_HREF): float(next(el for el in a if tag(el) == "circle").get("r", "0"))
        for a in links(root)
        if any(tag(el) == "circle" for el in a)
    }
    assert math.isclose((r["../actors/big/"] / r["../actors/mid/"]) ** 2, 4.0, rel_tol=0.05)


def test_network_edge_width_by_weight() -> None:
    nodes, _ = network(3)
    edges = [Edge("a000", "a001", 1), Edge("a001", "a002", 10)]
    root = parse(network_svg(nodes, edges))
    widths = sorted(float(el.get("stroke-width", "0")) for el in find_class(root, "nw-edge"))
    assert widths[0] < widths[1]


def test_network_focus_centred_and_highlighted() -> None:
    nodes, edges = ego()
    centre = nodes[5].id
    svg = network_svg(nodes, edges, focus=centre, label="Ego")
    root = check_common(svg)
    focus = find_class(root, "nw-focus")
    assert len(focus) == 1
    size = float(root.get("viewBox", "").split()[2])
    assert size == 360  # ego pictures are small by default
    assert float(focus[0].get("cx", "0")) == size / 2
    assert float(focus[0].get("cy", "0")) == size / 2
    assert "nw-ego" in classes(root)
    assert find_class(root, "nw-label-focus"), "the focus actor is always labelled"
    assert len(find_class(root, "nw-edge-focus")) == len(nodes) - 1
    # an explicit size is respected
    root2 = parse(network_svg(nodes, edges, focus=centre, size=500))
    assert root2.get("viewBox", "").split()[2] == "500"
    f2 = find_class(root2, "nw-focus")[0]
    assert (f2.get("cx"), f2.get("cy")) == ("250", "250")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_network_escapes_hostile_text(hostile: str) -> None:
    nodes = [
        Node("h", hostile, "person", 10, f"../actors/{hostile}/"),
        Node("k", "Calm", "media", 3, "../actors/k/"),
    ]
    svg = network_svg(nodes, [Edge("h", "k", 2)], label=hostile)
    root = check_common(svg)
    assert "<script" not in svg
    assert not any(tag(el) == "script" for el in root.iter())
    assert not any(k.startswith("on") for el in root.iter() for k in el.attrib)
    assert f"../actors/{hostile}/" in {a.get(XLINK_HREF) for a in links(root)}
    assert any(hostile in (a[0].text or "") for a in links(root))


def test_network_deterministic_and_order_independent() -> None:
    nodes, edges = network(40)
    a = network_svg(nodes, edges)
    assert a == network_svg(nodes, edges)
    assert a == network_svg(list(reversed(nodes)), list(reversed(edges)))


def test_network_ignores_dangling_and_self_edges() -> None:
    nodes, _ = network(3)
    edges = [Edge("a000", "a000", 5), Edge("a000", "ghost", 5), Edge("a001", "a002", 1)]
    root = check_common(network_svg(nodes, edges))
    assert len(find_class(root, "nw-edge")) == 1


def test_network_empty_and_single() -> None:
    check_common(network_svg([], []))
    root = check_common(network_svg([Node("s", "Solo", "place", 1, "../actors/s/")], []))
    assert len(find_class(root, "nw-node")) == 1


def test_legend_present() -> None:
    nodes, edges = network(12)
    root = parse(network_svg(nodes, edges))
    texts = {el.text for el in find_class(root, "pic-legend")[0].iter() if tag(el) == "text"}
    assert {"Person", "State", "Organisation", "Armed group", "Media", "Place"} <= texts
