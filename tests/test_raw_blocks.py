"""generator.site.raw_blocks: the generator's raw HTML blocks set aside without html.parser,
with exactly the HTML Python-Markdown makes of them and the anchor ids MkDocs sees."""

from __future__ import annotations

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.structure.pages import _RawHTMLPreprocessor

from generator.site.raw_blocks import RawBlocks, scan_block
from tests.conftest import MINI_CORPUS

EXTENSIONS = ["attr_list", "tables", "footnotes", "admonition", "toc"]  # as in mkdocs.yml

BOUNDED = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: CI never fails by chance
)


def convert(text: str, set_aside: bool) -> tuple[str, set[str]]:
    """The HTML of text and the ids MkDocs' anchor scan reports, as MkDocs converts a page."""
    extensions: list[object] = list(EXTENSIONS)
    if set_aside:
        extensions.append(RawBlocks())
    md = markdown.Markdown(extensions=extensions)
    scan = _RawHTMLPreprocessor()
    scan._register(md)
    return md.convert(text), set(scan.present_anchor_ids)


def test_a_balanced_block_gives_its_ids() -> None:
    block = '<p id="p1"><a class="x" href="#p1">¶1</a> Text &amp; more<br>and <b>bold</b></p>'
    assert scan_block(block) == {"p1"}
    assert scan_block('<div><a name="top"></a><span id="a&amp;b">x</span></div>') == {
        "top",
        "a&b",
    }


def test_what_is_not_one_closed_element_is_left_alone() -> None:
    assert scan_block("<p>open") is None
    assert scan_block("<p>one</p><p>two</p>") is None  # two elements: html_block's business
    assert scan_block("<p>a < b</p>") is None  # a stray <
    assert scan_block("<p>AT&T</p>") is None  # an & that is no character reference
    assert scan_block("<div><!-- note --></div>") is None
    assert scan_block("<div><script>x</script></div>") is None
    assert scan_block('<div markdown="1">*x*</div>') is None
    assert scan_block("<p><b>crossed</p></b>") is None
    assert scan_block("<hr>") is None


def test_blocks_are_set_aside_with_the_same_html_and_ids() -> None:
    text = (
        "# Title\n\nSome *Markdown* with [a link](x.md#p2).\n\n"
        '<p id="p1"><a href="#p1">¶1</a> First &amp; “quoted”.</p>\n\n'
        '<table>\n<tr><td id="c1">1</td></tr>\n</table>\n\n'
        '<div class="fig">\n<svg><title id="t">x</title><circle r="1"/></svg>\n</div>\n\n'
        "Closing words."
    )
    plain, plain_ids = convert(text, set_aside=False)
    fast, fast_ids = convert(text, set_aside=True)
    assert fast == plain
    assert fast_ids == plain_ids == {"p1", "c1", "t"}


def test_markdown_inside_details_and_comments_still_read_the_usual_way() -> None:
    text = (
        '<p id="a">set aside</p>\n\n'
        "<details><summary>More</summary>\n\n- [x](x.md)\n\n</details>\n\n"
        '<p id="b">after an open block: left to html_block</p>\n\n'
        "<!-- a comment\n\nacross a blank line -->\n\n"
        '<p id="c">end</p>'
    )
    assert convert(text, set_aside=True) == convert(text, set_aside=False)


def test_the_seed_pages_convert_the_same(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Every page the generator writes for the test corpus, both ways."""
    from generator.pipeline import generate

    _, pages = generate(MINI_CORPUS)
    assert len(pages) > 10
    for path in pages:
        if path.endswith(".md"):
            assert convert(pages[path], True) == convert(pages[path], False), path


_PIECES = st.sampled_from(
    [
        '<p id="p1">', "</p>", "<div>", "</div>", '<div class="a b">', "<table>", "</table>",
        "<tr><td>", "</td></tr>", "<br>", "<hr>", '<circle r="1"/>', '<a name="n">', "</a>",
        "<b>", "</b>", "<details>", "</details>", "<summary>s</summary>", "<!--", "-->",
        "&amp;", "&#60;", "&", "<", ">", "text", " ", "\n", "\n\n", "*em*", "[l](x.md)",
        "- item", "# Head", "    code", "| a |\n|---|\n| b |", '<span id="s&amp;t">',
        "</span>", "<script>", "</script>", "<p markdown=\"1\">", "<pre>", "</pre>",
    ]
)  # fmt: skip


@BOUNDED
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_text_converts_the_same_with_and_without(text: str) -> None:
    assert convert(text, set_aside=True) == convert(text, set_aside=False)


_BLOCKS = st.sampled_from(
    [
        '<p id="p1"><a href="#p1">¶1</a> Text &amp; “more”.</p>',
        '<table>\n<tr><td id="c">1</td></tr>\n</table>',
        '<div class="f">\n<svg><circle r="1"/><text>x</text></svg>\n</div>',
        '<nav class="t"><a href="#x">X</a> · <a href="#y">Y</a></nav>',
        "<ul>\n<li>one<br>two</li>\n</ul>",
        "<details><summary>S</summary>",
        "</details>",
        "<div>",
        "</div>",
        "<!-- c -->",
        "<!--",
        "-->",
        "Plain *Markdown* [link](x.md) paragraph.",
        "<b>inline</b> start of a paragraph",
        "- item\n- item <div>",
        "    <p>indented code</p>",
        "<p>one</p><p>two</p>",
        "<hr>",
    ]
)  # fmt: skip


@BOUNDED
@given(st.lists(_BLOCKS, max_size=12), st.sampled_from(["\n\n", "\n", "\n\n\n"]))
def test_documents_of_blocks_convert_the_same(blocks: list[str], gap: str) -> None:
    text = gap.join(blocks)
    assert convert(text, set_aside=True) == convert(text, set_aside=False)
