"""One reader per input format behind one interface; `parse_article` picks the reader."""

from __future__ import annotations

import pytest

import generator.ingest
from generator.intake.article import Article
from generator.intake.readers import (
    READERS,
    HeaderBlockReader,
    HtmlReader,
    MarkdownReader,
    PlainTextReader,
    Reader,
    reader_for,
)

BODY = (
    "The two presidents spoke by telephone for an hour about the corridor and the ceasefire, "
    "the presidential press office said in a statement."
)
FILES = {
    "HTML page": (
        "<!DOCTYPE html><html><head><title>Presidents speak by phone</title></head>"
        f"<body><article><p>{BODY}</p></article></body></html>",
        ".html",
    ),
    "Markdown": (f"---\ntitle: Presidents speak by phone\n---\n\n{BODY}\n", ".md"),
    "header-block text": (
        f"title: Presidents speak by phone\noutlet: Example Wire\n\n{BODY}\n",
        ".txt",
    ),
    "plain text": (f"Presidents speak by phone\n\n{BODY}\n", ".txt"),
}


def test_every_reader_has_the_common_interface_and_plain_text_comes_last() -> None:
    assert all(isinstance(reader, Reader) for reader in READERS)
    assert [type(r) for r in READERS] == [
        HtmlReader,
        MarkdownReader,
        HeaderBlockReader,
        PlainTextReader,
    ]
    assert len({reader.kind for reader in READERS}) == len(READERS)


@pytest.mark.parametrize("kind", sorted(FILES))
def test_each_format_goes_to_its_reader(kind: str) -> None:
    text, suffix = FILES[kind]
    lines = text.split("\n")
    reader = reader_for(text, lines, suffix)
    assert reader.kind == kind
    article, paragraphs = reader.read(text, lines, f"file{suffix}")
    assert isinstance(article, Article)
    assert article.title == "Presidents speak by phone"
    assert paragraphs[-1] == BODY


@pytest.mark.parametrize("kind", sorted(FILES))
def test_the_benchmark_import_path_still_reads_every_format(kind: str) -> None:
    text, suffix = FILES[kind]
    raw = text.encode("utf-8")
    article, found = generator.ingest.parse_article(generator.ingest.decode(raw), suffix, "f")
    assert found == kind
    assert article.paragraphs == [BODY]  # the headline is not repeated as the first paragraph
    assert issubclass(generator.ingest.IngestError, Exception)


def test_html_is_recognised_by_its_start_whatever_the_suffix() -> None:
    text, _suffix = FILES["HTML page"]
    assert reader_for(text, text.split("\n"), ".txt").kind == "HTML page"
    assert reader_for("<p>not a page</p>", ["<p>not a page</p>"], ".txt").kind == "plain text"


def test_markdown_links_are_read_in_linear_time() -> None:
    import time

    from generator.intake.readers.markdown import _markdown_to_text

    assert _markdown_to_text("See [the talks](https://x.example/a) and ![p](a.png).") == (
        "See the talks and ."
    )
    for hostile in ("[" * 40_000 + " text", "[a](" * 20_000, "![a](" * 20_000):
        started = time.process_time()
        _markdown_to_text(hostile)
        assert time.process_time() - started < 2  # was over a minute (backtracking)
