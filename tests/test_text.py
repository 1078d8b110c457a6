"""Text helpers: folding for matching, sentence splitting, Markdown escaping."""

from generator.text.folding import fold, sentence_spans
from generator.text.markdown_safe import md_text, plain_title


def sentences(text: str, protected: list[tuple[int, int]] | None = None) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, protected)]


def test_fold_removes_case_and_diacritics_and_keeps_length() -> None:
    for original, folded in [
        ("Erdoğan", "erdogan"),
        ("İdlib", "idlib"),
        ("Çavuşoğlu", "cavusoglu"),
        ("Turkey’s", "turkey's"),
        ("Hürriyet", "hurriyet"),
    ]:
        assert fold(original) == folded
        assert len(fold(original)) == len(original)


def test_sentences_split_on_full_stops_but_not_abbreviations() -> None:
    text = "Mr. Putin met Erdogan on Aug. 27. The U.S. objected. Talks went on!"
    assert sentences(text) == [
        "Mr. Putin met Erdogan on Aug. 27.",
        "The U.S. objected.",
        "Talks went on!",
    ]


def test_sentences_do_not_split_inside_a_protected_quotation() -> None:
    text = '"We talked. We agreed," Putin said. Then he left.'
    quote_end = text.index(",") + 2
    assert sentences(text, [(0, quote_end)]) == [
        '"We talked. We agreed," Putin said.',
        "Then he left.",
    ]


def test_sentence_ends_at_a_quotation_closing_with_a_full_stop() -> None:
    text = "Anadolu disagreed. “The letter had no apology.” Erdogan had said so."
    start = text.index("“")
    end = text.index("”") + 1
    assert sentences(text, [(start, end)])[1] == "“The letter had no apology.”"


def test_md_text_neutralises_markup() -> None:
    hostile = "<script>alert(1)</script> [x](javascript:alert(1)) **b** {: #id } {{ jinja }} `c`"
    escaped = md_text(hostile)
    assert "<" not in escaped and ">" not in escaped
    assert "\\[x\\]" in escaped
    assert "\\*\\*b\\*\\*" in escaped
    assert "\\{: #id \\}" in escaped.replace("\\#", "#")
    assert "\\`c\\`" in escaped


def test_md_text_escapes_block_syntax_at_line_start() -> None:
    assert md_text("# Heading") == "\\# Heading"
    assert md_text("- item") == "\\- item"
    assert md_text("1. item") == "1\\. item"


def test_md_text_keeps_spaces_at_segment_edges() -> None:
    assert md_text(" and ") == " and "


def test_plain_title_cannot_open_a_tag() -> None:
    assert "<" not in plain_title("<img src=x onerror=alert(1)>")
