"""Validate stage: every problem found at once, each with file, line and a fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import CorpusError
from generator.model import FuzzyDate
from generator.pipeline import check
from generator.stages.validate import parse_fuzzy_date
from tests.conftest import MINI_CORPUS


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(MINI_CORPUS, target)
    return target


def problems(corpus: Path) -> list[str]:
    with pytest.raises(CorpusError) as caught:
        check(corpus)
    return [str(p) for p in caught.value.problems]


def test_the_mini_corpus_is_valid() -> None:
    corpus = check(MINI_CORPUS)
    assert sorted(corpus.events) == ["jet-downing", "moscow-talks"]
    assert corpus.events["jet-downing"].date.precision == "month"


@pytest.mark.parametrize(
    ("text", "iso", "precision", "display"),
    [
        ("2020-03-05", "2020-03-05", "day", "5 March 2020"),
        ("2015-11", "2015-11", "month", "November 2015"),
        ("2018", "2018", "year", "2018"),
    ],
)
def test_dates_keep_their_precision(text: str, iso: str, precision: str, display: str) -> None:
    date = parse_fuzzy_date(text)
    assert (date.iso, date.precision, date.display) == (iso, precision, display)


def test_bad_dates_are_refused() -> None:
    for text in ["2020-02-30", "2020-13", "March 2020", "20-03-05"]:
        with pytest.raises(ValueError, match="bad date"):
            parse_fuzzy_date(text)


def test_fuzzy_dates_order_month_before_days_in_it() -> None:
    assert FuzzyDate(parse_fuzzy_date("2020-03").start, "month") < parse_fuzzy_date("2020-03-05")


def test_all_problems_are_reported_together(corpus: Path) -> None:
    events = (corpus / "events.yml").read_text()
    events = events.replace("actor: putin,", "actor: putn,").replace(
        "date: 2015-11", "date: 2015-13"
    )
    events = events.replace("kind: meeting", "kind: meting")
    (corpus / "events.yml").write_text(events)
    found = problems(corpus)
    assert len(found) == 3
    assert any("events.yml:3: event 'jet-downing': bad date '2015-13'" in p for p in found)
    assert any(
        "events.yml:14: event 'moscow-talks': unknown kind 'meting' (did you mean 'meeting'?)" in p
        for p in found
    )
    assert any("names actor 'putn': no such actor (did you mean 'putin'?)" in p for p in found)


def test_unknown_field_gets_a_suggestion(corpus: Path) -> None:
    actors = (
        (corpus / "actors.yml")
        .read_text()
        .replace("  roles: [Russian leader]", "  rols: [Russian leader]")
    )
    (corpus / "actors.yml").write_text(actors)
    expected = "actors.yml:5: actor 'putin': unknown field 'rols' (did you mean 'roles'?)"
    assert problems(corpus) == [f"{_shown(corpus)}/{expected}"]


def _shown(corpus: Path) -> str:
    from generator.stages.load import display_path

    return display_path(corpus)


def test_alias_shared_by_two_actors_is_refused(corpus: Path) -> None:
    actors = (
        (corpus / "actors.yml")
        .read_text()
        .replace("aliases: [Idleb, Idlib province]", "aliases: [Idleb, Moscow]")
    )
    (corpus / "actors.yml").write_text(actors)
    (found,) = problems(corpus)
    assert "alias 'Moscow' is already used by actor" in found or "alias 'Moscow'" in found


def test_duplicate_yaml_keys_are_reported(corpus: Path) -> None:
    actors = (
        (corpus / "actors.yml")
        .read_text()
        .replace(
            "  description: President of Russia.",
            "  description: President of Russia.\n  description: Again.",
        )
    )
    (corpus / "actors.yml").write_text(actors)
    (found,) = problems(corpus)
    assert "actors.yml:8: duplicate key 'description' (first given on line 7)" in found


def test_javascript_url_is_refused(corpus: Path) -> None:
    path = corpus / "sources" / "alpha-2020-03-05-talks.md"
    path.write_text(
        path.read_text().replace("https://example.org/alpha/talks", "javascript:alert(1)")
    )
    (found,) = problems(corpus)
    assert "alpha-2020-03-05-talks.md:6:" in found and "must be a web address" in found


def test_not_utf8_source_is_reported(corpus: Path) -> None:
    path = corpus / "sources" / "beta-2020-02-21-call.md"
    path.write_bytes(
        path.read_text().replace("Erdoğan", "Erd\u00f6gan").encode("latin-1", "replace")
    )
    found = problems(corpus)
    assert any("beta-2020-02-21-call.md" in p and "not valid UTF-8" in p for p in found)


def test_unknown_published_date_is_allowed(corpus: Path) -> None:
    path = corpus / "sources" / "beta-2020-02-21-call.md"
    path.write_text(path.read_text().replace("published: 2020-02-21", "published: unknown"))
    assert check(corpus).sources["beta-2020-02-21-call"].published is None


def test_cached_problems_name_the_file_as_this_run_sees_it(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.cache import Cache, using
    from tests.conftest import BAD_FIXTURES

    shutil.copytree(BAD_FIXTURES / "bad-source-metadata", corpus, dirs_exist_ok=True)
    cache = Cache()  # shared by two runs from different working directories
    monkeypatch.chdir(corpus.parent)
    with pytest.raises(CorpusError) as first, using(cache):
        check(corpus)
    assert "corpus/sources/alpha-2020-03-05-talks.md:2:" in first.value.report()
    monkeypatch.chdir(corpus)
    with pytest.raises(CorpusError) as second, using(cache):
        check(corpus)
    report = second.value.report()
    assert "sources/alpha-2020-03-05-talks.md:2:" in report and "corpus/sources" not in report


def test_a_source_refused_for_its_year_is_taken_once_the_year_is_allowed(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a source validates to is cached by its text, and the years allowed follow the
    clock (up to next year): after New Year a build with the cache takes a source dated the
    year after next, as a build without it does."""
    from generator.cache import Cache, using
    from generator.stages import validate

    year = validate.last_year() + 1
    source = corpus / "sources" / "beta-2020-02-21-call.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("published: 2020-02-21", f"published: {year}-01-02"), "utf-8")
    with using(Cache(tmp_path / "cache")) as cache, pytest.raises(CorpusError) as refused:
        check(corpus)
    cache.save()
    assert "the year must be between" in str(refused.value.problems[0])
    monkeypatch.setattr(validate, "last_year", lambda: year)  # a year later
    with using(Cache(tmp_path / "cache")):
        checked = check(corpus)
    published = checked.sources["beta-2020-02-21-call"].published
    assert published is not None and published.year == year
