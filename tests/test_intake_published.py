"""Publication dates: implausible ones refused in every format; undated articles get a proposal."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.intake.article import Article, IngestError
from generator.intake.ingest import add_paths, parse_article
from generator.intake.published import implausible, latest, propose_published

REPO = Path(__file__).resolve().parent.parent
BODY = (
    "The two presidents spoke by telephone for an hour about the corridor and the ceasefire, "
    "the presidential press office said in a statement.\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", target)
    return target


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("0001-01-01", "placeholder"),
        ("1970-01-01", "placeholder"),
        ("1899-12-31", "before 1900"),
        (f"{dt.date.today().year + 2}-01-01", "after"),
    ],
)
def test_header_block_refuses_an_implausible_published_date(value: str, why: str) -> None:
    text = f"title: Presidents speak by phone\noutlet: Example Wire\npublished: {value}\n\n{BODY}"
    with pytest.raises(IngestError, match=rf"^:3: published '{value}' is .*{why}.*unknown"):
        parse_article(text, ".txt", "call.txt")


def test_front_matter_refuses_a_placeholder_date_naming_its_line() -> None:
    text = f"---\ntitle: Presidents speak by phone\ndate: 0001-01-01\n---\n\n{BODY}"
    with pytest.raises(IngestError, match=r"^:3: date '0001-01-01' is a placeholder"):
        parse_article(text, ".md", "call.md")


def test_a_plausible_date_and_next_year_are_accepted() -> None:
    next_year = dt.date.today().year + 1
    for value in ("1991-12-26", f"{next_year}-12-31"):
        text = f"title: Presidents speak by phone\npublished: {value}\n\n{BODY}"
        article, _kind = parse_article(text, ".txt", "call.txt")
        assert article.published == dt.date.fromisoformat(value)
    assert latest(dt.date(2026, 6, 1)) == dt.date(2027, 12, 31)
    assert implausible(dt.date(2028, 1, 1), dt.date(2026, 6, 1)) == "after 2027"


def test_a_full_dateline_with_an_impossible_year_is_not_taken_as_the_date(corpus: Path) -> None:
    path = corpus.parent / "old.txt"
    path.write_text(f"MOSCOW, Dec 19, 1066 (Reuters) - {BODY}", encoding="utf-8")
    outcome = add_paths([path], corpus)[0]
    assert outcome.status == "added"
    assert "published" in outcome.unknown


def undated(url: str | None, *paragraphs: str) -> Article:
    return Article(title="Presidents speak by phone", url=url, paragraphs=list(paragraphs))


def test_the_url_proposes_a_date_for_an_undated_article() -> None:
    article = undated("https://wire.example/world/2017/05/03/presidents-speak/", BODY)
    proposal = propose_published(article)
    assert proposal is not None
    assert proposal[0] == dt.date(2017, 5, 3)
    assert proposal[1].startswith("the URL suggests 2017-05-03")
    assert article.published is None  # proposed, not stored


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://wire.example/news/2019-11-18-talks-end", dt.date(2019, 11, 18)),
        ("https://wire.example/news/20191118/talks-end", dt.date(2019, 11, 18)),
        ("https://wire.example/story/1234567890123/talks-end", None),  # an id, not a date
        ("https://wire.example/2019/13/45/talks-end", None),  # no such day
    ],
)
def test_url_date_shapes(url: str, expected: dt.date | None) -> None:
    proposal = propose_published(undated(url, BODY))
    assert (proposal[0] if proposal else None) == expected


def test_a_dateline_without_a_year_takes_the_year_of_the_address() -> None:
    article = undated(
        "https://wire.example/world/2017/02/presidents-speak",
        f"MOSCOW, February 25 — {BODY}",
    )
    proposal = propose_published(article)
    assert proposal is not None
    assert proposal[0] == dt.date(2017, 2, 25)
    assert 'dateline "MOSCOW, February 25"' in proposal[1]


def test_a_dateline_without_a_year_or_address_takes_the_latest_year_mentioned() -> None:
    article = undated(
        None,
        f"ANKARA, 4 April (AA) - {BODY}",
        "The pipeline, agreed in 2016, is due to open in 2018.",
    )
    proposal = propose_published(article)
    assert proposal is not None and proposal[0] == dt.date(2018, 4, 4)
    assert "latest year the text mentions" in proposal[1]


def test_no_proposal_without_evidence_or_for_a_dated_article() -> None:
    assert propose_published(undated("https://wire.example/world/talks", BODY)) is None
    assert propose_published(undated(None, f"MOSCOW (Reuters) - {BODY}")) is None
    dated = undated("https://wire.example/2017/05/03/x", BODY)
    dated.published = dt.date(2017, 5, 3)
    assert propose_published(dated) is None


def test_add_reports_the_proposal_and_leaves_the_date_unknown(corpus: Path) -> None:
    path = corpus.parent / "call.txt"
    path.write_text(
        "title: Presidents speak by phone\noutlet: Example Wire\n"
        f"url: https://wire.example/world/2017/05/03/call\n\n{BODY}",
        encoding="utf-8",
    )
    outcome = add_paths([path], corpus)[0]
    assert outcome.status == "added"
    assert outcome.unknown == ("published",)
    assert "unknown: published; the URL suggests 2017-05-03" in outcome.message
    source = (corpus / "sources" / f"{outcome.source_id}.md").read_text(encoding="utf-8")
    assert "published: unknown" in source
