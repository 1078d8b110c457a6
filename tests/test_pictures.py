"""Tests for generator.pictures: the inline SVG timeline and the relations network."""

from __future__ import annotations

import datetime
import itertools
import math
import re
import xml.etree.ElementTree as ET

import pytest

from generator.pictures.svg import (
    EVENT_KINDS,
    Link,
    Node,
    Phase,
    TimelineItem,
    relations_svg,
    timeline_svg,
)

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"  # marks link with href and xlink:href

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
    assert root.get("role") == "group"  # not img: its links must stay in the a11y tree
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox", ""))
    children = [tag(c) for c in root]
    assert children[:2] == ["title", "desc"]
    assert (root[1].text or "").strip()
    # every link has a hover title as its first child
    for a in links(root):
        assert a.get(XLINK_HREF) and a.get("href") == a.get(XLINK_HREF)
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


def relations(n: int) -> tuple[list[Node], list[Link]]:
    kinds = ["person", "state", "organisation", "armed-group", "media"]
    nodes = [
        Node(
            f"a{i:02d}",
            f"Actor {i} of the network",
            kinds[i % 5],
            1 + 12 // (i + 1),
            f"../actors/a{i:02d}/",
        )
        for i in range(n)
    ]
    links = [
        Link(
            f"a{i:02d}",
            f"a{j:02d}",
            "hostile" if (i + j) % 3 == 0 else "cooperative",
            (("met", 1 + i % 3),),
        )
        for i, j in itertools.combinations(range(n), 2)
        if (i * 31 + j * 17) % 7 == 0 or j == i + 1
    ]
    return nodes, links


# ------------------------------------------------------------------ timeline


@pytest.mark.parametrize("compact", [False, True])
def test_timeline_well_formed_and_linked(compact: bool) -> None:
    items = uneven_items()
    svg = timeline_svg(items, compact=compact)
    root = check_common(svg)
    hrefs = [a.get("href") for a in find_class(root, "tl-item")]
    assert sorted(hrefs) == sorted(it.href for it in items)
    assert root[0].text == "Timeline of events"
    assert coord_precision_ok(svg)


@pytest.mark.parametrize("compact", [False, True])
def test_timeline_every_mark_labelled_and_a_big_enough_target(compact: bool) -> None:
    root = parse(timeline_svg(uneven_items(), compact=compact))
    floor = float(re.search(r"min-width:(\d+)px", root.get("style", "")).group(1))  # type: ignore[union-attr]
    scale = floor / float(root.get("viewBox", "").split()[2])
    for a in find_class(root, "tl-item"):
        assert len([el for el in a if "tl-mark" in classes(el)]) == 1
        labels = [el for el in a if "tl-label" in classes(el)]
        assert len(labels) == 1 and (labels[0].text or "").strip()
        hit = next(el for el in a if "tl-hit" in classes(el))
        assert float(hit.get("height", "0")) * scale >= 24
    for el in root.iter():
        if tag(el) == "text":
            assert float(el.get("font-size", "0")) >= 12  # >= 11 px at the floor width
            assert float(el.get("font-size", "0")) * scale >= 11


def test_timeline_labels_and_marks_do_not_overlap() -> None:
    root = parse(timeline_svg(uneven_items()))
    labels = [text_box(el) for el in find_class(root, "tl-label")]
    marks = [bbox(el) for el in find_class(root, "tl-mark")]
    for a, b in itertools.combinations(labels, 2):
        assert not overlaps(a, b), (a, b)
    for a, b in itertools.combinations(marks, 2):
        assert not overlaps(a, b), (a, b)


def test_timeline_long_gaps_cut_and_marked() -> None:
    root = parse(timeline_svg(uneven_items()))
    texts = [el.text for b in find_class(root, "tl-break") for el in b.iter() if tag(el) == "text"]
    # mid-2016 to 2018 and 2018 to August 2019 are cut (2019's year-only event does not
    # hold the axis open: other 2019 events frame it)
    assert texts == ["1 yr 6 mo", "7 mo"]


def test_timeline_no_break_without_long_gap() -> None:
    items = [
        TimelineItem(f"x{i}", "t", D(2020, 1 + i, 3), "day", "meeting", f"../events/x{i}/")
        for i in range(5)
    ]
    root = parse(timeline_svg(items))
    assert find_class(root, "tl-break") == []


def test_timeline_time_is_proportional_within_a_stretch() -> None:
    items = [
        TimelineItem(
            f"x{i}", "t", D(2020, 1, 1) + datetime.timedelta(days=d), "day", "meeting", f"e{i}/"
        )
        for i, d in enumerate((0, 10, 20, 50))
    ]
    root = parse(timeline_svg(items))
    xs = {}
    for a in find_class(root, "tl-item"):
        x0, _, x1, _ = bbox(next(el for el in a if "tl-mark" in classes(el)))
        xs[a.get("href")] = (x0 + x1) / 2
    step = xs["e1/"] - xs["e0/"]
    assert math.isclose(xs["e2/"] - xs["e1/"], step, abs_tol=0.2)
    assert math.isclose(xs["e3/"] - xs["e2/"], 3 * step, abs_tol=0.3)


def test_timeline_lanes_by_kind() -> None:
    items = [
        TimelineItem("m", "Talks", D(2020, 3, 5), "day", "meeting", "m/"),
        TimelineItem("s", "Strike", D(2020, 3, 5), "day", "strike", "s/"),
    ]
    root = parse(timeline_svg(items))
    assert [el.text for el in find_class(root, "tl-lane")] == ["Diplomacy", "Military"]
    ys = {
        a.get("href"): bbox(next(el for el in a if "tl-mark" in classes(el)))[1]
        for a in find_class(root, "tl-item")
    }
    assert ys["m/"] < ys["s/"]


def test_timeline_precision_is_honest() -> None:
    """A month-precision event is a hollow mark on a line spanning the month, not a bar."""
    items = [
        TimelineItem("d", "Day", D(2020, 3, 5), "day", "meeting", "../events/d/"),
        TimelineItem("m", "Month", D(2020, 1, 1), "month", "meeting", "../events/m/"),
        TimelineItem("y", "Year", D(2019, 1, 1), "year", "meeting", "../events/y/"),
    ]
    root = parse(timeline_svg(items))
    by_href = {a.get("href"): a for a in find_class(root, "tl-item")}
    mark = lambda a: next(el for el in a if "tl-mark" in classes(el))  # noqa: E731
    assert tag(mark(by_href["../events/d/"])) == "circle"
    assert not [el for el in by_href["../events/d/"] if "tl-whisker" in classes(el)]
    month = mark(by_href["../events/m/"])
    assert tag(month) == "circle" and "p-month" in classes(month)

    def width(a: ET.Element) -> float:
        whisker = next(el for el in a if "tl-whisker" in classes(el))
        return abs(float(whisker.get("x2", "0")) - float(whisker.get("x1", "0")))

    assert width(by_href["../events/y/"]) > width(by_href["../events/m/"]) > 0
    legend = " ".join(
        el.text or "" for el in find_class(root, "pic-legend")[0].iter() if tag(el) == "text"
    )
    assert "exact day" in legend and "month or year" in legend


def test_timeline_contested_and_phases() -> None:
    items = [
        TimelineItem("a", "Disputed strike", D(2020, 2, 27), "day", "strike", "a/", contested=True),
        TimelineItem("b", "Talks", D(2020, 3, 5), "day", "meeting", "b/"),
    ]
    phase = Phase("Escalation in Idlib", D(2020, 2, 1), D(2020, 3, 5))
    root = parse(timeline_svg(items, phases=(phase,)))
    contested = find_class(root, "tl-contested")
    assert len(contested) == 1
    labels = [el.text or "" for el in find_class(root, "tl-label")]
    assert any(t.startswith("Disputed strike") and t.endswith("⚠") for t in labels)
    assert len(find_class(root, "tl-phase")) == 1
    assert any("Escalation" in (el.text or "") for el in find_class(root, "tl-phase-title"))


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
    svg = timeline_svg(items, label=hostile, phases=(Phase(hostile, D(2020, 1, 1), D(2020, 2, 5)),))
    root = check_common(svg)
    assert "<script" not in svg
    assert not any(tag(el) == "script" for el in root.iter())
    assert not any(k.startswith("on") for el in root.iter() for k in el.attrib)
    assert root[0].text == hostile
    assert f"../events/{hostile}/" in {a.get("href") for a in links(root)}
    assert any(hostile in (a[0].text or "") for a in links(root))


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


def circles(root: ET.Element) -> dict[str, tuple[float, float, float]]:
    found = {}
    for a in find_class(root, "nw-item"):
        c = next(el for el in a if tag(el) == "circle")
        found[a.get("href") or ""] = tuple(float(c.get(k, "0")) for k in ("cx", "cy", "r"))
    return found  # type: ignore[return-value]


def test_network_well_formed_every_node_named_and_linked() -> None:
    nodes, links_ = relations(14)
    svg = relations_svg(nodes, links_)
    root = check_common(svg)
    items = find_class(root, "nw-item")
    assert sorted(a.get("href") for a in items) == sorted(nd.href for nd in nodes)
    for a in items:  # a name in the picture, not only on hover
        assert [el.text for el in a if "nw-label" in classes(el)]
    assert coord_precision_ok(svg)


def test_network_hostile_and_cooperative_told_apart() -> None:
    nodes, _ = relations(3)
    links_ = [
        Link("a00", "a01", "cooperative", (("met", 2),)),
        Link("a00", "a01", "hostile", (("struck", 1),)),
        Link("a01", "a02", "hostile", (("sanctioned", 1),)),
    ]
    root = parse(relations_svg(nodes, links_))
    edges = [el for el in root.iter() if tag(el) == "line" and "nw-edge" in classes(el) and len(el)]
    tones = sorted(
        next(c for c in classes(el) if c in {"nw-cooperative", "nw-hostile"}) for el in edges
    )
    assert tones == ["nw-cooperative", "nw-hostile", "nw-hostile"]
    titles = " | ".join(el[0].text or "" for el in edges)
    assert "met 2×" in titles and "struck" in titles and "sanctioned" in titles


def test_network_nodes_do_not_overlap_are_tappable_and_inside() -> None:
    nodes, links_ = relations(16)
    root = parse(relations_svg(nodes, links_))
    size = float(root.get("viewBox", "").split()[2])
    found = list(circles(root).values())
    for (x1, y1, r1), (x2, y2, r2) in itertools.combinations(found, 2):
        assert math.hypot(x1 - x2, y1 - y2) >= r1 + r2
    for x, y, r in found:
        assert r >= 12  # a 24 px target
        assert r <= x <= size - r and r <= y <= size - r


def test_network_focus_centred() -> None:
    nodes, links_ = relations(8)
    svg = relations_svg(nodes, links_, focus="a03", size=480)
    root = check_common(svg)
    x, y, _ = circles(root)["../actors/a03/"]
    assert (x, y) == (240, 240)
    assert len(find_class(root, "nw-focus")) == 1


@pytest.mark.parametrize("hostile", HOSTILE)
def test_network_escapes_hostile_text(hostile: str) -> None:
    nodes = [
        Node("h", hostile, "person", 2, f"../actors/{hostile}/"),
        Node("k", "K", "state", 1, "k/"),
    ]
    svg = relations_svg(nodes, [Link("h", "k", "hostile", ((hostile, 1),))], label=hostile)
    root = check_common(svg)
    assert "<script" not in svg
    assert not any(k.startswith("on") for el in root.iter() for k in el.attrib)


def test_network_deterministic_and_order_independent() -> None:
    nodes, links_ = relations(12)
    a = relations_svg(nodes, links_)
    assert a == relations_svg(list(reversed(nodes)), list(reversed(links_)))


def test_network_ignores_dangling_and_self_links() -> None:
    nodes, _ = relations(3)
    links_ = [
        Link("a00", "zz", "hostile", (("x", 1),)),
        Link("a01", "a01", "cooperative", (("y", 1),)),
    ]
    root = check_common(relations_svg(nodes, links_))
    assert not [el for el in root.iter() if tag(el) == "line" and len(el)]


def test_network_empty_and_single() -> None:
    check_common(relations_svg([], []))
    root = check_common(relations_svg([Node("s", "Solo", "state", 1, "../actors/s/")], []))
    assert len(find_class(root, "nw-item")) == 1
