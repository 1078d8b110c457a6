"""The review of new names: candidates from the six dev articles, and how good they are."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.intake.ingest import add_paths
from generator.model import Actor, Briefing, Corpus, Links, Source
from generator.pipeline import check
from generator.review.candidates import find_ambiguous_mentions, find_candidate_actors
from generator.review.report import build_review, format_review, proposals
from generator.stages.link import link_corpus
from generator.text.folding import collapse_ws, fold

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "tests" / "fixtures" / "ingest" / "dev-articles"
ANNOTATION = REPO / "tests" / "fixtures" / "review" / "dev-names.yml"


def _key(name: str) -> str:
    return collapse_ws(fold(name))


@pytest.fixture(scope="module")
def dev_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    corpus = tmp_path_factory.mktemp("review") / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    outcomes = add_paths([DEV], corpus)
    assert all(o.status == "added" for o in outcomes), [o.message for o in outcomes]
    ids = {Path(o.path).stem: o.source_id for o in outcomes if o.source_id}
    return corpus, ids


@pytest.fixture(scope="module")
def review(dev_corpus: tuple[Path, dict[str, str]]) -> dict[str, Any]:
    return build_review(dev_corpus[0])


def _by_name(review: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["name"]: a for a in review["actors"]}


def test_new_people_are_proposed_with_surname_aliases(review: dict[str, Any]) -> None:
    actors = _by_name(review)
    assert "Karlov" in actors["Andrei Karlov"]["aliases"]
    assert actors["Andrei Karlov"]["kind"] == "person"
    assert "Lavrov" in actors["Sergei Lavrov"]["aliases"]
    assert actors["Sergei Lavrov"]["suggested_id"] == "sergei-lavrov"
    # Zarif is not named in any of the six dev articles (checked by hand), so not asserted.


def test_known_actors_are_never_proposed(
    review: dict[str, Any], dev_corpus: tuple[Path, dict[str, str]]
) -> None:
    corpus = check(dev_corpus[0])
    known = {_key(n) for actor in corpus.actors.values() for n in actor.all_names}
    for actor in review["actors"]:
        assert not {_key(a) for a in actor["aliases"]} & known, actor
    assert not any("rouhani" in _key(a["name"]) for a in review["actors"])


def test_candidate_fields(review: dict[str, Any]) -> None:
    for actor in review["actors"]:
        assert actor["mentions"] >= 1 and actor["sources"]
        assert actor["context"]
        block = yaml.safe_load(actor["yaml"])
        assert block[0]["id"] == actor["suggested_id"]
        assert block[0]["aliases"] == actor["aliases"]
        assert block[0]["description"] == actor["description"]
        assert actor["description"] != " ".join(actor["context"].split())  # never the sentence
        assert len(actor["description"].split()) <= 7
        assert actor["key"] == "actor:" + actor["suggested_id"] or actor["key"].startswith("actor:")
    order = [(-a["mentions"], a["name"]) for a in review["actors"]]
    assert order == sorted(order)


def test_undated_sources_are_listed(
    review: dict[str, Any], dev_corpus: tuple[Path, dict[str, str]]
) -> None:
    ids = dev_corpus[1]
    unknown = {item["id"]: item["fields"] for item in review["sources_unknown_metadata"]}
    assert unknown[ids["01-karlov-killing-provocation"]] == ["published"]
    assert unknown[ids["02-sochi-sanctions-normal-partner"]] == ["published"]
    assert ids["03-sochi-trilateral-dialogue-congress"] not in unknown


def test_review_is_json_and_deterministic(
    review: dict[str, Any], dev_corpus: tuple[Path, dict[str, str]]
) -> None:
    assert json.loads(json.dumps(review, ensure_ascii=False)) == review
    assert build_review(dev_corpus[0]) == review
    assert set(review) == {
        "actors",
        "events",
        "event_links",
        "dates",
        "published",
        "sources_unknown_metadata",
        "ambiguous",
        "names_not_proposed",
    }


def test_format_review(review: dict[str, Any]) -> None:
    text = format_review(review)
    assert f"New names ({len(review['actors'])}):" in text
    assert "actor:andrei-karlov  Andrei Karlov (person?, 1 mention in 1 source)" in text
    assert "      description: Russian ambassador\n" in text  # what accept will write
    assert "python -m generator accept KEY" in text
    for actor in review["actors"]:  # every sentence in full, never cut
        assert f"«{actor['context']}»" in text
    assert "Sources with unknown metadata (2):" in text
    assert text == format_review(review)


def test_a_link_dated_from_context_is_shown_as_inferred() -> None:
    # The live blog's undated "the presidents have met in Moscow" is dated by its
    # publication, and the analyst is told so: shown on a corpus that does not cite it yet.
    corpus = check(REPO / "corpus")
    blog = next(s for s in corpus.sources if s.startswith("sputnik-"))
    events = {
        ident: replace(event, evidence=kept)
        for ident, event in corpus.events.items()
        if (kept := tuple(e for e in event.evidence if e.source != blog))
    }
    found = proposals(replace(corpus, events=events, claims={}))
    inferred = [link for link in found["event_links"] if link["date_from"]]
    assert any(link["source"] == blog for link in inferred)
    empty = {k: [] for k in (*found, "sources_unknown_metadata")}
    text = format_review({**empty, "event_links": inferred})
    for link in inferred:
        assert link["date_from"].startswith(("date from context:", "going on at"))
        assert f"({link['date_from']}; inferred)" in text


def test_a_source_cited_for_an_event_gets_no_second_link_to_it(review: dict[str, Any]) -> None:
    # accepting one link must not uncover another sentence of the same source for the event
    corpus = check(REPO / "corpus")
    cited = {(e.source, ev.id) for ev in corpus.events.values() for e in ev.evidence}
    assert not [link for link in review["event_links"] if (link["source"], link["event"]) in cited]


def test_recall_and_junk_on_dev_articles(
    review: dict[str, Any], dev_corpus: tuple[Path, dict[str, str]]
) -> None:
    """Measured against a hand annotation of the new names in each dev article."""
    annotation = yaml.safe_load(ANNOTATION.read_text(encoding="utf-8"))
    ids = dev_corpus[1]
    found_total = wanted_total = junk_total = proposed_total = 0
    junk_names: set[str] = set()
    proposed_names: set[str] = set()
    lines = []
    for article, names in sorted(annotation.items()):
        source = ids[article]
        entries = [{_key(n) for n in ([e] if isinstance(e, str) else e)} for e in names]
        candidates = [a for a in review["actors"] if source in a["sources"]]
        keys = [{_key(n) for n in (a["name"], *a["aliases"])} for a in candidates]
        found = sum(1 for entry in entries if any(entry & k for k in keys))
        junk = [
            a["name"]
            for a, k in zip(candidates, keys, strict=True)
            if not any(entry & k for entry in entries)
        ]
        found_total += found
        wanted_total += len(entries)
        junk_total += len(junk)
        proposed_total += len(candidates)
        junk_names.update(junk)
        proposed_names.update(a["name"] for a in candidates)
        lines.append(
            f"{article}: recall {found}/{len(entries)} = {found / len(entries):.2f}, "
            f"junk {len(junk)}/{len(candidates)}"
            + (f" = {len(junk) / len(candidates):.2f}" if candidates else "")
            + (f" {sorted(junk)}" if junk else "")
        )
    recall = found_total / wanted_total
    junk_rate = len(junk_names) / len(proposed_names)
    lines.append(
        f"total: recall {found_total}/{wanted_total} = {recall:.2f}; junk "
        f"{len(junk_names)}/{len(proposed_names)} distinct candidates = {junk_rate:.2f} "
        f"(per article {junk_total}/{proposed_total})"
    )
    print("\n" + "\n".join(lines))
    assert recall >= 0.7
    assert junk_rate <= 0.35


def _tiny_corpus(*paragraphs: str) -> tuple[Corpus, Links]:
    michel = Actor("charles-michel", "Charles Michel", "person", ("Michel",), "EU.")
    source = Source("s1", "T", "Outlet", None, "en", paragraphs)
    corpus = Corpus(Briefing("B", "S", ()), {"charles-michel": michel}, {}, {"s1": source})
    return corpus, link_corpus(corpus)


def test_surname_joins_full_name_and_ambiguity() -> None:
    corpus, links = _tiny_corpus(
        "The talks were led by Foreign Minister Marta Kowalska in Gdansk on Monday.",
        "Later Kowalska said Michel Barnier had agreed. Michel Barnier left at noon.",
    )
    found = {c.name: c for c in find_candidate_actors(corpus, links)}
    assert found["Marta Kowalska"].aliases == ("Marta Kowalska", "Kowalska")
    assert found["Marta Kowalska"].mentions == 2
    assert found["Marta Kowalska"].kind == "person"
    assert found["Gdansk"].kind == "place"
    assert "Monday" not in found and "Later" not in found
    ambiguous = find_ambiguous_mentions(corpus, links)
    assert {"alias": "Michel", "actor": "charles-michel", "candidate": "Michel Barnier",
            "source": "s1"} in ambiguous  # fmt: skip


def test_dev_articles_link_known_events_and_propose_new_ones(tmp_path: Path) -> None:
    from generator.review.report import build_review

    corpus = tmp_path / "events-corpus"
    shutil.copytree(REPO / "corpus", corpus)
    add_paths([REPO / "tests" / "fixtures" / "ingest" / "dev-articles"], corpus)
    review = build_review(corpus)
    linked = {(link["event"], link["source"][:15]) for link in review["event_links"]}
    assert ("s400-delivery-2019", "chat-news-today") in linked  # the first S-400 delivery
    by_date = {(event["date"], event["kind"]): event for event in review["events"]}
    sochi = by_date["2017-11-22", "meeting"]  # the Sochi trilateral summit: not in the corpus
    assert {"putin", "turkey", "iran"} <= set(sochi["participants"])
    assert sochi["kind"] == "meeting" and sochi["date_precision"] == "day"
    assert "2020-01-08" in {date for date, _ in by_date}  # the TurkStream inauguration
    for event in review["events"]:
        assert {"title", "date", "date_precision", "participants", "sources", "evidence"} <= set(
            event
        )


def test_the_build_summary_names_what_new_sources_bring(
    review: dict[str, Any], dev_corpus: tuple[Path, dict[str, str]]
) -> None:
    from generator.review.report import candidates_in
    from generator.stages.analyse import analyse
    from generator.stages.link import link_sources

    corpus = check(dev_corpus[0])
    analysis = analyse(corpus, link_sources(corpus))
    found = candidates_in(analysis, sorted(dev_corpus[1].values()))
    # the same names and events as the full review finds in those sources
    in_dev = {
        a["name"] for a in review["actors"] if set(a["sources"]) & set(dev_corpus[1].values())
    }
    assert set(found.names) == in_dev and "Andrei Karlov" in found.names
    assert found.events == len(review["events"])
    seeds_only = candidates_in(analysis, ["rfi-2020-02-21-idleb-phone-call"])
    assert seeds_only.names == () and seeds_only.events == 0


def test_roles_from_the_sentence() -> None:
    from generator.review.keys import guess_roles

    people = {"kowalska": ("Marta Kowalska", "Kowalska"), "berg": ("Jon Berg", "Berg")}
    hosted = "Kowalska hosted Jon Berg in Gdansk on Monday for talks on fishing rights."
    assert guess_roles("meeting", hosted, people) == {"kowalska": "host", "berg": "visitor"}
    called = "Jon Berg called Marta Kowalska on Tuesday about the quota."
    assert guess_roles("phone-call", called, people) == {"berg": "caller", "kowalska": "callee"}
    assert guess_roles("meeting", "Berg and Kowalska met on Monday.", people) == {}
    assert guess_roles("strike", called, people) == {}


def test_keys_are_unique_and_never_empty() -> None:
    from generator.review.keys import actor_key, unique

    assert actor_key("Путин") != "actor:" and actor_key("Путин") != actor_key("Медведев")
    items = [{"key": "actor:x", "name": "X"}, {"key": "actor:x", "name": "X."}]
    assert len({i["key"] for i in unique(items, "name")}) == 2


def test_a_new_event_dated_from_its_occasion_is_shown_as_inferred() -> None:
    # A call told without a date takes the day of its teller's statement; read from a
    # publication date only proposed, it says both where its date came from.
    from generator.review.event_match import CandidateEvent
    from generator.review.report import _events

    corpus = check(REPO / "corpus")
    call = CandidateEvent(
        title="Emmanuel Macron and Vladimir Putin speak by phone",
        date="2021-04-06",
        date_precision="day",
        kind="phone-call",
        participants=("macron", "putin"),
        sources=("alarabiya-2020-02-29-putin-macron-call",),
        evidence="Macron said he had urged Putin in a phone call to act.",
        paragraph=1,
        date_from="date from the same occasion: Emmanuel Macron makes a statement (¶1)",
        provisional="date from the publication date proposed for it, 2021-04-07",
    )
    (shown,) = _events([call], corpus)
    assert shown["date_from"] == f"{call.date_from}; {call.provisional}"
    empty = {k: [] for k in (*proposals(corpus), "sources_unknown_metadata")}
    assert f"({shown['date_from']}; inferred)" in format_review({**empty, "events": [shown]})
