"""An undated source's publication date, proposed from the known events it dates relatively
("Putin spoke to Erdogan on Friday" where the corpus knows that call), shown as inferred,
written only by `accept`; until then its new events take the proposed day as a provisional
publication date and say so. Sentences written for these tests; the known events are the
curated corpus's (the Putin–Erdoğan call of Friday 28 February 2020, the Moscow talks of
Thursday 5 March 2020)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from generator.model import Corpus, Source
from generator.pipeline import check
from generator.review.undated import EventReview, Proposal, review_events
from tests.conftest import REPO, make_project
from tests.test_accept import cli

NEW = "undated-wire-story"
TALKS = "Vladimir Putin and Recep Tayyip Erdogan held talks in Moscow on Thursday."
# Two Friday calls of Putin and Erdoğan are known (21 and 28 February 2020).
CALL = "Vladimir Putin spoke by telephone with Recep Tayyip Erdogan on Friday about Idlib."


@cache
def _curated() -> Corpus:
    return check(REPO / "corpus")


def _review(
    *paragraphs: str, url: str | None = None, published: dt.date | None = None
) -> EventReview:
    from generator.stages.analyse import analyse
    from generator.stages.link import link_sources

    source = Source(NEW, "A wire story", "Wire", published, "en", tuple(paragraphs), url=url)
    corpus = replace(_curated(), sources={**_curated().sources, NEW: source})
    return review_events(corpus, analyse(corpus, link_sources(corpus)))


def _proposal(*paragraphs: str, url: str | None = None) -> Proposal | None:
    return next((p for p in _review(*paragraphs, url=url).proposals if p.source == NEW), None)


def _why_not(*paragraphs: str) -> str:
    found = _review(*paragraphs)
    assert not [p for p in found.proposals if p.source == NEW]
    return found.undated.get(NEW, "")


def test_a_weekday_that_dates_a_known_meeting_dates_the_article() -> None:
    found = _proposal(TALKS)
    assert found is not None
    # "on Thursday" is 5 March from that day to the Wednesday after it
    assert (found.date, found.last) == (dt.date(2020, 3, 5), dt.date(2020, 3, 11))
    assert "moscow-talks-2020-03-05" in found.why and "inferred" in found.why


def test_yesterday_pins_the_day_after() -> None:
    # The Putin–Macron call of Saturday 29 February 2020 is the only one known.
    found = _proposal("Putin spoke by phone with Emmanuel Macron yesterday about Idlib.")
    assert found is not None
    assert (found.date, found.last) == (dt.date(2020, 3, 1), dt.date(2020, 3, 1))


def test_yesterday_after_any_of_several_known_meetings_dates_nothing() -> None:
    # Putin and Erdoğan met on 27 August 2019 and on 5 March 2020: "yesterday" may be either.
    assert _proposal("Putin and Erdogan met yesterday and talked for six hours.") is None


def test_a_weekday_that_fits_two_known_events_dates_nothing_alone() -> None:
    assert _why_not(CALL) == (
        "«on Friday» in ¶1 may be the day of putin-erdogan-call-2020-02-21 or "
        "putin-erdogan-call-2020-02-28"
    )


def test_another_sentence_tells_which_of_two_known_events() -> None:
    # "on Friday" alone may be either call; the talks of "last Thursday" leave only the later.
    found = _proposal(CALL, "The two leaders then met in Moscow on Thursday.")
    assert found is not None and found.date == dt.date(2020, 3, 5)
    assert "putin-erdogan-call-2020-02-28" in found.why


def test_two_relative_dates_that_disagree_propose_nothing() -> None:
    # "on Thursday" allows 5 to 11 March, "yesterday" for the call of 28 February only 29 February.
    why = _why_not(TALKS, "Putin spoke by telephone with Erdogan yesterday.")
    assert why.startswith("its dates of known events disagree: «on Thursday» in ¶1")


def test_a_sentence_that_names_other_sides_dates_nothing() -> None:
    # Friday 28 February's call was Erdoğan's; Macron's call was on the Saturday.
    why = _why_not("Vladimir Putin spoke by telephone with a governor on Friday.")
    assert why == "no known event dates its «on Friday»"


def test_an_event_known_only_to_the_month_dates_nothing() -> None:
    # Erdoğan's "step aside" remark is known to February 2020 only: "on Tuesday" cannot pin it.
    assert _proposal("Erdogan said on Tuesday that he asked Putin to step aside.") is None


def test_the_address_wins_and_the_events_confirm_it() -> None:
    found = _proposal(TALKS, url="https://example.org/2020/03/06/putin-erdogan-talks")
    assert found is not None and found.date == dt.date(2020, 3, 6)
    assert "agree" in found.why


def test_an_address_the_events_contradict_says_so() -> None:
    found = _proposal(TALKS, url="https://example.org/2020/04/20/putin-erdogan-talks")
    assert found is not None and found.date == dt.date(2020, 4, 20)
    assert "but" in found.why and "moscow-talks-2020-03-05" in found.why


def test_new_events_of_an_undated_source_take_the_proposed_day_and_say_so() -> None:
    found = _review(TALKS, "On Tuesday Erdogan paid a visit to Damascus, officials said.")
    links, candidates = found.links, found.candidates
    (visit,) = [c for c in candidates if NEW in c.sources]
    assert (visit.date, visit.title) == ("2020-03-03", "Recep Tayyip Erdoğan visits Damascus")
    assert "proposed" in visit.provisional and "2020-03-05" in visit.provisional
    (talks,) = [link for link in links if link.source == NEW]
    assert talks.event == "moscow-talks-2020-03-05" and "proposed" in talks.date_from


def test_a_dated_source_has_no_provisional_events() -> None:
    found = _review(
        TALKS, "On Tuesday Erdogan paid a visit to Damascus.", published=dt.date(2020, 3, 6)
    )
    assert not [p for p in found.proposals if p.source == NEW] and NEW not in found.undated
    assert all(not c.provisional for c in found.candidates)
    assert all(not x.date_from.startswith("date from the publication") for x in found.links)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DOSSIER_TODAY", "2026-11-29")
    root = make_project(tmp_path / "project", REPO / "corpus")
    article = tmp_path / "call.txt"
    article.write_text(
        "title: Putin and Erdogan hold talks\noutlet: Example Wire\npublished: unknown\n\n"
        f"{TALKS}\n\nOn Tuesday Erdogan paid a visit to Damascus, officials said.\n",
        encoding="utf-8",
    )
    other = tmp_path / "governor.txt"
    other.write_text(
        "title: Putin calls a governor\noutlet: Example Wire\npublished: unknown\n\n"
        "Vladimir Putin spoke by telephone with a governor on Friday.\n",
        encoding="utf-8",
    )
    code, _, err = cli(root, "add", str(article), str(other))
    assert code == 0, err
    return root


def test_review_shows_the_inferred_date_and_accept_writes_it(project: Path) -> None:
    code, out, err = cli(project, "review")
    assert code == 0, err
    assert "2020-03-05 («on Thursday» in ¶1 is the day of moscow-talks-2020-03-05" in out
    assert "(date from the publication date proposed for it, 2020-03-05; inferred)" in out
    assert "unknown published (no known event dates its «on Friday»)" in out
    code, out, err = cli(project, "review", "--json")
    found = json.loads(out)
    (item,) = found["published"]
    notes = [s.get("published_note") for s in found["sources_unknown_metadata"]]
    assert sorted(notes, key=str) == [None, "no known event dates its «on Friday»"]
    assert item["inferred"] is True and item["date"] == "2020-03-05"
    assert json.loads(cli(project, "review", "--json")[1])["published"] == [item]  # stable
    (visit,) = [e for e in found["events"] if e["source"] == item["source"]]
    assert visit["date"] == "2020-03-03" and "proposed" in visit["date_from"]
    source = project / "corpus" / "sources" / f"{item['source']}.md"
    assert "published: unknown" in source.read_text(encoding="utf-8")  # not stored yet

    code, _out, err = cli(project, "accept", item["key"])
    assert code == 0, err
    assert "published: 2020-03-05" in source.read_text(encoding="utf-8")
    after = json.loads(cli(project, "review", "--json")[1])
    assert after["published"] == []
    (visit,) = [e for e in after["events"] if e["source"] == item["source"]]
    assert visit["date"] == "2020-03-03" and visit["date_from"] == ""


def test_each_relative_date_is_read_in_its_own_clause() -> None:
    # Read whole, "on Friday" would be the known Putin–Erdoğan call of Friday 28 February and
    # "on Saturday" the Putin–Macron call of the 29th: but the sentence puts Macron on Friday.
    why = _why_not(
        "Vladimir Putin spoke by phone with Emmanuel Macron on Friday and with Recep Tayyip "
        "Erdogan on Saturday."
    )
    assert why.startswith("no known event dates its")
