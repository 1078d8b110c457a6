"""From new articles to curated facts: add, review, accept, reject, set, build (issue 10)."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.conftest import REPO, make_project, snapshot

DEV = REPO / "tests" / "fixtures" / "ingest" / "dev-articles"
COMMENT = "# The analyst's own note: this line must survive every edit byte for byte.\n"


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--root", str(root), *args])
    return code, out.getvalue(), err.getvalue()


def review(root: Path, *extra: str) -> dict[str, Any]:
    code, out, err = cli(root, "review", "--json", *extra)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DOSSIER_TODAY", "2026-11-29")
    root = make_project(tmp_path / "project", REPO / "corpus")
    for name in ("actors.yml", "events.yml"):  # a hand-written comment in each edited file
        path = root / "corpus" / name
        path.write_text(COMMENT + path.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = cli(root, "add", str(DEV))
    assert code == 0, err
    for source in (root / "corpus" / "sources").glob("*.md"):  # `add` dates by the clock
        text = source.read_text(encoding="utf-8")
        added = re.sub(r"(?m)^added: .*$", "added: 2026-11-28", text)
        source.write_text(added, encoding="utf-8")
    return root


def _key(items: list[dict[str, Any]], **match: str) -> str:
    found = [i for i in items if all(str(i.get(k, "")).startswith(v) for k, v in match.items())]
    assert found, match
    key: str = found[0]["key"]
    return key


def test_the_whole_loop(project: Path) -> None:
    first = review(project)
    for section in ("actors", "events", "event_links", "dates", "published", "ambiguous"):
        assert all(item["key"] for item in first[section])
    assert review(project) == first  # keys are stable between runs
    karlov = _key(first["actors"], name="Andrei Karlov")
    lavrov = _key(first["actors"], name="Sergei Lavrov")
    washington = _key(first["actors"], name="Washington")
    junk = _key(first["actors"], name="Middle East")
    sochi = _key(first["events"], date="2017-11-22")
    link = _key(first["event_links"], event="s400-delivery-2019", source="chat-news-today")
    refined = _key(first["dates"], event="s400-delivery-2019", date="2019-07-12")
    undated = next(s["id"] for s in first["sources_unknown_metadata"] if "irish" in s["id"])
    assert "undated" not in undated

    assert cli(project, "accept", karlov, lavrov)[0] == 0
    assert cli(project, "accept", washington, "--alias-of", "united-states")[0] == 0
    code, _out, err = cli(
        project, "accept", sochi, "--title", "Putin hosts Erdoğan and Rouhani in Sochi",
        "--participant", "putin:host", "--participant", "erdogan:visitor",
        "--participant", "rouhani:visitor",
    )  # fmt: skip
    assert code == 0, err
    assert cli(project, "accept", link, refined)[0] == 0
    assert cli(project, "set", undated, "published", "2016-12-19")[0] == 0
    code, _out, err = cli(project, "reject", junk, "--reason", "a region, not an actor")
    assert code == 0, err

    corpus = project / "corpus"
    for name in ("actors.yml", "events.yml"):
        assert (corpus / name).read_text(encoding="utf-8").startswith(COMMENT)
    assert "aliases: [United States, U.S., Washington]" in (corpus / "actors.yml").read_text()
    decisions = (corpus / "review.yml").read_text(encoding="utf-8")
    assert "decision: rejected" in decisions and "a region" in decisions

    second = review(project)
    decided = {karlov, lavrov, washington, junk, sochi, link}
    for section in ("actors", "events", "event_links"):
        assert not decided & {item["key"] for item in second[section]}
    assert undated not in {s["id"] for s in second["sources_unknown_metadata"]}
    shown = review(project, "--all")
    rejected = [a for a in shown["actors"] if a["key"] == junk]
    assert rejected and rejected[0]["decision"]["decision"] == "rejected"

    code, _out, err = cli(project, "build", "--no-site")
    assert code == 0, err
    docs = project / "docs"
    assert "Andrei Karlov" in (docs / "actors" / "andrei-karlov.md").read_text(encoding="utf-8")
    event = next((docs / "events").glob("putin-hosts-erdogan-rouhani-sochi-2017*.md"))
    assert "hosted the presidents of Turkey and Iran" in event.read_text(encoding="utf-8")
    s400 = (docs / "events" / "s400-delivery-2019.md").read_text(encoding="utf-8")
    assert "first shipment of a Russian missile defence system" in s400
    assert "12 July 2019" in s400  # the refined date


def test_undo_brings_a_rejected_proposal_back(project: Path) -> None:
    key = _key(review(project)["actors"], name="Middle East")
    before = (project / "corpus" / "review.yml").exists()
    assert cli(project, "reject", key)[0] == 0
    assert key not in {a["key"] for a in review(project)["actors"]}
    assert cli(project, "undo", key)[0] == 0
    assert key in {a["key"] for a in review(project)["actors"]}
    assert before is False


def test_bulk_accept_takes_every_guessed_actor(project: Path) -> None:
    first = review(project)
    guessed = [a for a in first["actors"] if a["kind"] != "unknown"]
    code, out, err = cli(project, "accept", "--all-actors", "--kind-from-guess")
    assert code == 0, err
    assert out.count("accepted actor:") == len(guessed)
    assert "skipped" in out  # names without a kind guess wait for --kind
    assert all(a["kind"] == "unknown" for a in review(project)["actors"])
    assert cli(project, "check")[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("accept", "actor:no-such-name"), "no such proposal"),
        (("accept", "actor:andrei-karlov", "--id", "putin"), "exists already"),
        (("accept", "actor:andrei-karlov", "--kind", "wizard"), "is not one of"),
        (("accept", "actor:andrei-karlov", "--kind", "persn"), "(did you mean 'person'?)"),
        (
            ("accept", "actor:andrei-karlov", "--affiliation", "rusia"),
            "--affiliation 'rusia': no such actor (did you mean 'russia'?)",
        ),
        (
            ("accept", "actor:washington", "--alias-of", "united-state"),
            "no such actor (did you mean 'united-states'?)",
        ),
        (
            ("accept", "event:2017-11-22:4e5ae8b1", "--kind", "meting"),
            "(did you mean 'meeting'?)",
        ),
        (
            ("accept", "event:2017-11-22:4e5ae8b1", "--participant", "erdgan:visitor"),
            "--participant 'erdgan': no such actor (did you mean 'erdogan'?)",
        ),
        (("accept", "event:2017-11-22:00000000"), "has changed since"),
        (("accept", "actor:andrei-karlov", "--affiliation", "atlantis"), "no such actor"),
        (("reject", "link:nothing:12345678"), "no such proposal"),
        (("set", "no-such-source", "published", "2017-05-03"), "no such source (see corpus/"),
        (
            ("rename", "radio-farda-putin-erdogan-hail-return-to-normall", "farda"),
            "no such source (did you mean 'radio-farda-putin-erdogan-hail-return-to-normal'?)",
        ),
        (("undo", "actor:andrei-karlov"), "no decision recorded"),
        # an option the proposal does not take is refused, not silently ignored
        (
            ("accept", "actor:andrei-karlov", "--title", "Karlov"),
            "actor:andrei-karlov: --title is for events, and this key is a candidate actor",
        ),
        (
            ("accept", "date:s400-delivery-2019:2019-07-12", "--kind", "meeting"),
            "--kind is for actors and events, and this key is a refined date",
        ),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    project: Path, args: tuple[str, ...], message: str
) -> None:
    before = snapshot(project / "corpus")
    code, _out, err = cli(project, *args)
    assert code == 1
    assert message in err and len(err.strip().splitlines()) == 1, err
    assert snapshot(project / "corpus") == before


def test_a_key_whose_source_changed_is_refused(project: Path) -> None:
    event = next(e for e in review(project)["events"] if e["date"] == "2017-11-22")
    path = project / "corpus" / "sources" / f"{event['source']}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("launching a major", "launching a big"), encoding="utf-8")
    before = snapshot(project / "corpus")
    code, _, err = cli(project, "accept", event["key"])
    assert code == 1 and "has changed since" in err and len(err.strip().splitlines()) == 1
    assert snapshot(project / "corpus") == before


def test_bad_dates_and_clashes_change_nothing(project: Path) -> None:
    source = next(s["id"] for s in review(project)["sources_unknown_metadata"])
    before = snapshot(project / "corpus")
    for value in ("2017-13-01", "2017-05", "yesterday", "2999-01-01"):
        code, _, err = cli(project, "set", source, "published", value)
        assert code == 1 and len(err.strip().splitlines()) == 1, err
    karlov = _key(review(project)["actors"], name="Andrei Karlov")
    assert cli(project, "accept", karlov)[0] == 0
    code, _, err = cli(project, "accept", karlov)
    assert code == 1 and "already accepted" in err
    after = snapshot(project / "corpus")
    assert {k for k in after if after[k] != before.get(k)} == {"actors.yml", "review.yml"}


def test_a_placeholder_stops_check_and_build(project: Path) -> None:
    actors = project / "corpus" / "actors.yml"
    text = actors.read_text(encoding="utf-8")
    record = '\n- id: x\n  name: X\n  kind: person\n  description: "TODO: one line"\n'
    actors.write_text(text + record)
    code, _, err = cli(project, "check")
    assert code == 1
    line = len(text.split("\n")) + 4
    assert f"corpus/actors.yml:{line}: 'description' is a placeholder" in err
    before = snapshot(project / "docs")
    assert cli(project, "build", "--no-site")[0] == 1
    assert snapshot(project / "docs") == before


def test_whats_new_records_each_changing_build_once(project: Path) -> None:
    history = project / "corpus" / "history.yml"
    assert cli(project, "build", "--no-site")[0] == 0
    first = history.read_bytes()
    assert cli(project, "build", "--no-site")[0] == 0
    assert history.read_bytes() == first  # no corpus change, nothing recorded
    karlov = _key(review(project)["actors"], name="Andrei Karlov")
    assert cli(project, "accept", karlov)[0] == 0
    assert cli(project, "build", "--no-site")[0] == 0
    text = history.read_text(encoding="utf-8")
    # dated by the decision recorded in review.yml (DOSSIER_TODAY), never the machine clock
    assert text.count("- date: '2026-11-29'") == 1 and "- andrei-karlov" in text
    assert text.index("- date: '2026-11-29'") < text.index("- date: '2026-11-28'")
    page = (project / "docs" / "whats-new.md").read_text(encoding="utf-8")
    assert page.index("## 29 November") < page.index("## 28 November") < page.index("## 5 March")
    assert "[Andrei Karlov](actors/andrei-karlov.md)" in page
    home = (project / "docs" / "index.md").read_text(encoding="utf-8")
    assert "## What's new" in home and "1 actor added" in home
    assert "*Drawn from 11 sources from 11 outlets" in home
    assert "This summary predates newer sources" in home
    feed = (project / "docs" / "whats-new.xml").read_text(encoding="utf-8")
    assert "urn:dossier:whats-new:2026-11-29" in feed


def test_rename_keeps_evidence_original_and_history_pointing_right(project: Path) -> None:
    first = review(project)
    link = _key(first["event_links"], event="russian-jet-downed-2015", source="radio-farda")
    old = next(s["id"] for s in first["sources_unknown_metadata"] if s["id"].startswith("radio"))
    assert cli(project, "accept", link)[0] == 0
    assert cli(project, "build", "--no-site")[0] == 0
    new = old.replace("radio-farda-", "radio-farda-2017-05-03-")
    code, _out, err = cli(project, "rename", old, new)
    assert code == 0, err
    corpus = project / "corpus"
    assert f"source: {new}" in (corpus / "events.yml").read_text(encoding="utf-8")
    assert not (corpus / "sources" / f"{old}.md").exists()
    assert f"id: {new}\n" in (corpus / "sources" / f"{new}.md").read_text(encoding="utf-8")
    assert (corpus / "originals" / f"{new}.txt").exists()
    assert not (corpus / "originals" / f"{old}.txt").exists()
    assert old not in (corpus / "history.yml").read_text(encoding="utf-8")
    assert cli(project, "build", "--no-site")[0] == 0
    history = (corpus / "history.yml").read_text(encoding="utf-8")
    assert old not in history and "removed" not in history  # a rename is no new source
    code, _, err = cli(project, "rename", new, "sol-2017-11-22-russia-iran-turkey-leaders-agree-on")
    assert code == 1 and "exists already" in err


def test_rename_keeps_the_decisions_on_the_sources_proposals(project: Path) -> None:
    first = review(project)
    event = next(e for e in first["events"] if e["date"] == "2017-11-22")
    link = _key(first["event_links"], event="russian-jet-downed-2015", source="radio-farda")
    assert cli(project, "reject", event["key"], link, "--reason", "not for this dossier")[0] == 0
    comment = "# kept by hand\n"
    review_file = project / "corpus" / "review.yml"
    review_file.write_text(comment + review_file.read_text(encoding="utf-8"), encoding="utf-8")
    link_source = next(k["source"] for k in first["event_links"] if k["key"] == link)
    for old, new in ((event["source"], "sol-summit"), (link_source, "farda")):
        code, out, err = cli(project, "rename", old, new)
        assert code == 0, err
        assert "1 review decision)" in out
    after = review(project)
    assert [e for e in after["events"] if e["evidence"] == event["evidence"]] == []
    assert [k for k in after["event_links"] if k["source"] == "farda"] == []
    everything = review(project, "--all")
    items = everything["events"] + everything["event_links"]
    rejected = {i["key"] for i in items if i.get("decision")}
    assert len(rejected) == 2 and not rejected & {event["key"], link}  # under their new keys
    assert review_file.read_text(encoding="utf-8").startswith(comment)


def test_set_over_a_known_date_says_what_it_replaces(project: Path) -> None:
    source = next(s for s in review(project)["events"] if s["date"] == "2017-11-22")["source"]
    code, out, err = cli(project, "set", source, "published", "2017-11-23")
    assert code == 0, err
    assert out.startswith(f"dossier: set {source} published 2017-11-23 in corpus/sources/")
    assert "(was 2017-11-22)" in out


def test_a_file_with_windows_line_ends_keeps_them(project: Path) -> None:
    events = project / "corpus" / "events.yml"
    before = events.read_bytes().replace(b"\n", b"\r\n")
    events.write_bytes(before)
    sochi = next(e["key"] for e in review(project)["events"] if e["date"] == "2017-11-22")
    code, _, err = cli(project, "accept", sochi, "--title", "Leaders meet in Sochi")
    assert code == 0, err
    after = events.read_bytes()
    assert after.startswith(before)  # the lines it had, byte for byte
    assert b"\n" not in after.replace(b"\r\n", b"")  # and the new ones end the same way
    assert b"title: Leaders meet in Sochi\r\n" in after


@pytest.mark.parametrize(
    ("appended", "message"),
    [
        ("- key: [broken\n", "review.yml:{last}: YAML syntax error: did not find expected"),
        ("- key: actor:x\n  decision: rejected\n", "review.yml:{first}: a decision needs key,"),
        # slips made by hand, read before as no rejection, no day, or the later of two
        (
            "- key: actor:x\n  decision: rejcted\n  date: 2026-01-02\n",
            "review.yml:{second}: decision 'rejcted' is not one of accepted, rejected "
            "(did you mean 'rejected'?)",
        ),
        (
            "- key: actor:x\n  decision: rejected\n  date: 2026-13-02\n",
            "review.yml:{third}: decision date '2026-13-02' is no day (write YYYY-MM-DD)",
        ),
        (
            "- key: actor:x\n  decision: rejected\n  date: 2999-01-02\n",
            "review.yml:{third}: decision date '2999-01-02' is in the future",
        ),
        (
            "- key: actr:x\n  decision: rejected\n  date: 2026-01-02\n",
            "review.yml:{first}: key kind 'actr' is not one of actor, event, link, date, "
            "published, ambiguous (did you mean 'actor'?)",
        ),
        (
            "- key: actor:x\n  decision: rejected\n  date: 2026-01-02\n  reson: no\n",
            "review.yml:{fourth}: unknown field 'reson' in a decision (did you mean 'reason'?)",
        ),
        (
            "- key: actor:andrei-karlov\n  decision: accepted\n  date: 2026-01-02\n",
            "review.yml:{first}: 'actor:andrei-karlov' is decided twice (first on line 5; "
            "keep one of the two)",
        ),
    ],
)
def test_a_hand_broken_review_file_is_one_line_at_its_place(
    project: Path, appended: str, message: str
) -> None:
    karlov = _key(review(project)["actors"], name="Andrei Karlov")
    assert cli(project, "reject", karlov)[0] == 0
    path = project / "corpus" / "review.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + appended, encoding="utf-8")
    first, last = text.count("\n") + 1, text.count("\n") + 2
    before = snapshot(project / "corpus")
    for command in (("check",), ("review",), ("accept", "actor:x"), ("build", "--no-site")):
        code, _, err = cli(project, *command)
        assert code == 1, command
        at = {"second": first + 1, "third": first + 2, "fourth": first + 3}
        assert message.format(first=first, last=last, **at) in err, err
        assert len(err.strip().splitlines()) == 1, err
    assert snapshot(project / "corpus") == before


def test_a_bulk_accept_with_nothing_open_is_no_error(project: Path) -> None:
    assert cli(project, "accept", "--all-links")[0] == 0
    before = snapshot(project / "corpus")
    code, out, err = cli(project, "accept", "--all-links")
    assert (code, err) == (0, "")
    assert out == "dossier: nothing to accept: no open proposal of that kind\n"
    assert snapshot(project / "corpus") == before
    code, _, err = cli(project, "accept")  # no key and no --all-…: a mistake
    assert code == 1 and "give keys from `review`" in err
