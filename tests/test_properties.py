"""Property-based tests (hypothesis) of three promises, each bounded in time for CI:
`add` never raises; `add` never writes a source that `build` refuses; no text field of the
corpus yields markup on a page."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.intake.ingest import add_paths
from generator.pipeline import check
from generator.safe_io import strip_controls
from generator.text.markdown_safe import html_text, md_text
from tests.conftest import MINI_CORPUS

BOUNDED = settings(
    max_examples=40,
    deadline=None,  # a slow example is a finding for bench_linking, not a flaky failure
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: CI never fails by chance
)

# Text rich in what parsers trip over: markup, quotes, controls, odd spaces and digits.
_HOSTILE = st.sampled_from(
    [
        "<", ">", "&", "[", "]", "(", ")", "{", "}", "*", "_", "`", "#", "!", "-", "+", "=",
        "|", ":", "~", "?", "\\", '"', "'", "“", "”", "«", "\n", "\r", "\t", "\x00", "\x01",
        "\x7f", "\u0085", "\u009b", "\u2028", "\ufeff", " ", "---", "!!! danger ", "javascript:",
        "{{ x }}", "{% raw %}", "<script>", "9999-12-31", "0001-01-01", "&#60;", "    ",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(_HOSTILE, st.text(max_size=8)), max_size=30).map("".join)


def fresh_corpus() -> Path:
    root = Path(tempfile.mkdtemp(prefix="dossier-prop-"))
    shutil.copytree(MINI_CORPUS, root / "corpus")
    (root / "in").mkdir()
    return root


@st.composite
def article_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """An article in one of the formats add reads, with hostile metadata and body."""
    kind = draw(st.sampled_from(["txt", "md", "html", "raw"]))
    title, outlet, url, body = draw(TEXT), draw(TEXT), draw(TEXT), draw(TEXT)
    published = draw(st.one_of(TEXT, st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(str)))
    if kind == "txt":
        text = f"title: {title}\noutlet: {outlet}\nurl: {url}\npublished: {published}\n\n{body}"
    elif kind == "md":
        text = f"---\ntitle: {title}\nurl: {url}\ndate: {published}\n---\n# {outlet}\n\n{body}"
    elif kind == "html":
        text = (
            f"<html><head><title>{title}</title><meta property='og:url' content='{url}'>"
            f"</head><body><article><p>{body}</p></article></body></html>"
        )
    else:
        return "raw.txt", draw(st.binary(max_size=300))
    return f"article.{kind}", text.encode("utf-8", "surrogatepass")


@BOUNDED
@given(article_files())
def test_add_never_raises_and_never_writes_what_build_refuses(file: tuple[str, bytes]) -> None:
    name, data = file
    root = fresh_corpus()
    try:
        (root / "in" / name).write_bytes(data)
        outcomes = add_paths([root / "in" / name], root / "corpus")  # must not raise
        assert len(outcomes) == 1
        assert "\n" not in outcomes[0].message
        if outcomes[0].status == "added":
            check(root / "corpus")  # raises CorpusError if build would refuse what add wrote
    finally:
        shutil.rmtree(root)


SITE_EXTENSIONS = ["attr_list", "tables", "footnotes", "admonition", "toc"]  # as mkdocs.yml


def rendered(text: str) -> str:
    return markdown.markdown(md_text(text), extensions=SITE_EXTENSIONS)


@BOUNDED
@given(TEXT)
def test_no_text_field_yields_markup(text: str) -> None:
    """What the templates do with every corpus text field: md_text, then Markdown. At most
    one paragraph comes out, and no other element, attribute or entity the text did not
    spell."""
    html = rendered(text)
    tags = set(re.findall(r"<\s*([a-zA-Z][\w-]*)", html))
    assert tags <= {"p"}, (text, html)
    assert "<p " not in html, html  # no attribute (attr_list) on the paragraph


@BOUNDED
@given(TEXT)
def test_text_shows_as_written(text: str) -> None:
    import html as entities

    shown = entities.unescape(re.sub(r"</?p>", "", rendered(text)))
    written = " ".join(strip_controls(text).split())  # the corpus refuses them anyway
    assert " ".join(shown.split()) == written, (text, shown)


def rendered_raw(text: str) -> str:
    """What the templates do with text in a raw HTML block (a linked list, a source's
    paragraphs): html_text between tags, the block between Markdown paragraphs."""
    escaped = html_text(text)
    block = f'<p id="p1"><a class="x" href="../a/">{escaped}</a> {escaped}</p>'
    return markdown.markdown(f"Before.\n\n{block}\n\nAfter.", extensions=SITE_EXTENSIONS)


@BOUNDED
@given(TEXT)
def test_no_text_in_raw_html_yields_markup(text: str) -> None:
    """Markdown passes the block through as it is: its own tags and nothing else, the text
    shown as written."""
    import html as entities

    html = rendered_raw(text)
    assert re.findall(r"<\s*/?\s*([a-zA-Z][\w-]*)", html) == [
        "p",
        "p",
        "p",
        "a",
        "a",
        "p",
        "p",
        "p",
    ], html
    assert html.count("<p ") == 1 and html.count("<a ") == 1, html
    block = html[html.index('<p id="p1">') : html.index("<p>After.")]
    shown = entities.unescape(re.sub(r"<[^>]*>", "", block))
    written = " ".join(strip_controls(text).split())
    assert " ".join(shown.split()) == " ".join(f"{written} {written}".split()), (text, shown)
