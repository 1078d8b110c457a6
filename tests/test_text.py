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


def test_military_and_police_titles_do_not_end_a_sentence() -> None:
    # "Adm.", "Brig." and "Supt." ended the sentence, leaving the name to start the next one.
    text = "The order came from Brig. Gen. Kay Moss and Adm. Jo Park. Supt. Ian Hall read it out."
    assert sentences(text) == [
        "The order came from Brig. Gen. Kay Moss and Adm. Jo Park.",
        "Supt. Ian Hall read it out.",
    ]


def test_no_with_a_full_stop_is_an_abbreviation_only_before_a_number() -> None:
    # "said no." ran on into the next sentence, as if it were "No. 10".
    text = "Asked if she would resign, the mayor said no. She left at No. 10 Park Lane. It rained."
    assert sentences(text) == [
        "Asked if she would resign, the mayor said no.",
        "She left at No. 10 Park Lane.",
        "It rained.",
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
