"""The command line: exit codes, one-line errors, and nothing written on bad input."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import BAD_FIXTURES, MINI_CORPUS, make_project, run_cli, snapshot

BAD_CASES = {
    "yaml-syntax": ["actors.yml:18: YAML syntax error", "check indentation"],
    "missing-field": ["events.yml:11: event 'moscow-talks': missing field 'date'"],
    "unknown-actor": [
        "events.yml:17: event 'moscow-talks' names actor 'putn': "
        "no such actor (did you mean 'putin'?)"
    ],
    "duplicate-id": ["actors.yml:37: duplicate actor id 'putin' (first used on line 1)"],
    "evidence-not-verbatim": [
        "events.yml:22: event 'moscow-talks': "
        "evidence is not in source 'alpha-2020-03-05-talks' verbatim",
        "the closest sentence in the source differs at character",
    ],
    "bad-date": ["events.yml:3: event 'jet-downing': bad date '2015-13'"],
    "empty-front-matter": [
        "beta-2020-02-21-call.md:2: the front matter is empty: "
        "give id, title, outlet, published and language"
    ],
    "bad-source-metadata": [
        "alpha-2020-03-05-talks.md:2: source 'alpha-2020-03-05-talks': missing field 'outlet'",
        "alpha-2020-03-05-talks.md:4: source 'alpha-2020-03-05-talks': "
        "published: bad date '5 March 2020'",
    ],
    "bad-claim": [
        "claims.yml:3: claim 'settlement-agreed' belongs to event 'moscow-talk': no such event "
        "(did you mean 'moscow-talks'?)",
        "claims.yml:6: claim 'settlement-agreed': unknown stance 'asserted' "
        "(did you mean 'asserts'?)",
    ],
    "empty-actors": ["corpus/actors.yml: the file is empty; it must give a list of actors"],
    "index-id": ["events.yml:1: event id 'index' is the name of a generated index page"],
    "alias-bomb": ["actors.yml:2: YAML: aliases (*name) are not allowed"],
    "control-character": ["events.yml:2: control character U+0001 in the text"],
    # a record already reported, or a file that cannot be read, is one problem: the briefing's
    # and other events' references to it are not reported again
    "referenced-bad-date": [
        "events.yml:3: event 'jet-downing': bad date '2015-13'",
        "1 problem in the corpus",
    ],
    "referenced-yaml-syntax": ["events.yml:15: YAML syntax error", "1 problem in the corpus"],
    "unknown-source": [
        "events.yml:9: event 'jet-downing' cites source 'beta-2020-02-22-call': no such source "
        "(did you mean 'beta-2020-02-21-call'?)"
    ],
}


@pytest.fixture(scope="module")
def built_mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("built") / "project", MINI_CORPUS)
    result = run_cli("--root", str(root), "build")
    assert result.returncode == 0, result.stderr
    # how to view it, with a command that works without the project's environment
    assert f"(view it: python3 -m http.server -d {root}/site, then open http" in result.stdout
    return root


def test_every_bad_fixture_is_covered() -> None:
    assert sorted(p.name for p in BAD_FIXTURES.iterdir() if p.is_dir()) == sorted(BAD_CASES)


@pytest.mark.site
@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_corpus_fails_with_located_messages_and_writes_nothing(
    case: str, built_mini: Path, tmp_path: Path
) -> None:
    root = tmp_path / "project"
    shutil.copytree(built_mini, root, symlinks=True)
    shutil.copytree(BAD_FIXTURES / case, root / "corpus", dirs_exist_ok=True)
    before = snapshot(root / "docs"), snapshot(root / "site")
    result = run_cli("--root", str(root), "build")
    assert result.returncode == 1
    for expected in BAD_CASES[case]:
        assert expected in result.stderr
    assert "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert (snapshot(root / "docs"), snapshot(root / "site")) == before


def test_check_validates_without_writing(mini_project: Path) -> None:
    result = run_cli("--root", str(mini_project), "check")
    assert result.returncode == 0
    assert "corpus OK: 2 sources, 7 actors, 2 events" in result.stdout
    assert not (mini_project / "docs" / "index.md").exists()


def test_check_reports_problems_with_exit_status_1(mini_project: Path) -> None:
    shutil.copytree(BAD_FIXTURES / "unknown-actor", mini_project / "corpus", dirs_exist_ok=True)
    result = run_cli("--root", str(mini_project), "check")
    assert result.returncode == 1
    assert "no such actor (did you mean 'putin'?)" in result.stderr


def test_build_without_site_then_again_writes_nothing(mini_project: Path) -> None:
    first = run_cli("--root", str(mini_project), "build", "--no-site")
    assert first.returncode == 0, first.stderr
    assert "31 new, 0 changed, 0 removed" in first.stdout
    assert "the 2 new sources" in first.stdout  # what they bring that the corpus lacks
    second = run_cli("--root", str(mini_project), "build", "--no-site")
    assert "0 new, 0 changed, 0 removed, 31 unchanged" in second.stdout
    assert "new source" not in second.stdout


def test_hand_written_page_in_the_way_is_a_one_line_error(mini_project: Path) -> None:
    (mini_project / "docs" / "timeline.md").write_text("# my timeline\n")
    result = run_cli("--root", str(mini_project), "build", "--no-site")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "hand-written file" in result.stderr
    assert (mini_project / "docs" / "timeline.md").read_text() == "# my timeline\n"


@pytest.mark.parametrize("command", ["check", "build", "review", "undo", "add"])
def test_missing_corpus_is_one_line_and_writes_nothing(tmp_path: Path, command: str) -> None:
    args = {"undo": ["undo", "actor:x"], "add": ["add", str(tmp_path)]}.get(command, [command])
    result = run_cli("--root", str(tmp_path), *args)
    assert result.returncode == 1
    assert result.stderr == (
        f"dossier: {tmp_path.resolve()}: no corpus/ folder here or above; run dossier in a "
        "project folder (one holding mkdocs.yml and corpus/) or give --root PROJECT_FOLDER\n"
    )
    assert list(tmp_path.iterdir()) == []  # not even the build lock


def test_root_that_is_missing_or_the_corpus_itself_says_so(mini_project: Path) -> None:
    missing = run_cli("--root", str(mini_project / "nowhere"), "check")
    assert missing.returncode == 1
    assert "nowhere: no such folder (give --root the folder holding" in missing.stderr
    a_file = run_cli("--root", str(mini_project / "mkdocs.yml"), "check")
    assert a_file.returncode == 1
    assert "mkdocs.yml: a file, not a folder (give --root the folder holding" in a_file.stderr
    inside = run_cli("--root", str(mini_project / "corpus"), "check")
    assert inside.returncode == 1
    assert inside.stderr.strip().endswith(
        f"this is the corpus folder itself (give --root {mini_project.resolve()})"
    )


def test_add_then_build_takes_in_new_articles(mini_project: Path, tmp_path: Path) -> None:
    from tests.conftest import REPO

    articles = REPO / "tests" / "fixtures" / "ingest" / "dev-articles"
    broken = tmp_path / "incoming"
    broken.mkdir()
    (broken / "empty.txt").write_text("")
    assert run_cli("--root", str(mini_project), "build", "--no-site").returncode == 0
    first = run_cli("--root", str(mini_project), "add", str(articles), str(broken))
    assert first.returncode == 1  # the empty file is refused ...
    assert "empty.txt: empty article" in first.stderr
    assert "6 added, 0 already there, 1 refused" in first.stdout  # ... the others go in
    again = run_cli("--root", str(mini_project), "add", str(articles))
    assert again.returncode == 0 and "0 added, 6 already there" in again.stdout
    built = run_cli("--root", str(mini_project), "build", "--no-site")
    assert built.returncode == 0, built.stderr
    brought = r"the 6 new sources bring \d+ new names \(.*\) and \d+ possible new events?;"
    assert re.search(brought, built.stdout), built.stdout
    docs = mini_project / "docs" / "sources"
    assert len(list(docs.glob("*.md"))) == 2 + 6 + 1  # + the index
    home = (mini_project / "docs" / "index.md").read_text("utf-8")
    recent = home[home.index("## Recently added") : home.index("## Latest sources")]
    assert recent.count("\n- **") == 6  # the six added articles, newest first


def test_review_lists_new_names_as_text_and_json(mini_project: Path) -> None:
    import json

    from tests.conftest import REPO

    articles = REPO / "tests" / "fixtures" / "ingest" / "dev-articles"
    assert run_cli("--root", str(mini_project), "add", str(articles)).returncode == 0
    text = run_cli("--root", str(mini_project), "review")
    assert text.returncode == 0 and "Andrei Karlov" in text.stdout
    data = json.loads(run_cli("--root", str(mini_project), "review", "--json").stdout)
    names = {a["name"] for a in data["actors"]}
    assert {"Andrei Karlov", "Sergei Lavrov"} <= names
    for actor in data["actors"]:
        assert {"name", "kind", "aliases", "mentions", "sources", "context"} <= actor.keys()
    assert isinstance(data["events"], list)


@pytest.mark.parametrize(
    ("sources", "names", "events", "expected"),
    [
        (1, 0, 1, "the 1 new source brings 1 possible new event;"),
        (2, 1, 0, "the 2 new sources bring 1 new name (N0);"),
        (1, 0, 0, "the 1 new source names no actor or event the dossier does not hold"),
        (3, 0, 0, "the 3 new sources name no actor or event the dossier does not hold"),
    ],
)
def test_build_summary_agrees_with_the_number_of_sources(
    sources: int, names: int, events: int, expected: str
) -> None:
    from generator.cli import candidates_line
    from generator.review.report import NewCandidates

    found = NewCandidates(
        tuple(f"s{i}" for i in range(sources)), tuple(f"N{i}" for i in range(names)), events
    )
    assert expected in candidates_line(found)


def test_a_build_leaves_a_very_long_new_source_to_review(
    mini_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary's scan costs about 5 s of CPU a megabyte (a third of the build of a 4.5 MB
    article): past its budget the build does not scan, and says where to look instead."""
    from generator import pipeline
    from generator.cli import candidates_line
    from generator.review import report

    article = tmp_path / "long.txt"
    body = "\n\n".join(f"Talks in Ankara went on for day {i}, officials said." for i in range(60))
    article.write_text(
        "title: Long talks\noutlet: Test Wire\npublished: 2020-03-06\n\n" + body + "\n", "utf-8"
    )
    pipeline.build(pipeline.Paths(mini_project), with_site=False)  # its own sources: not new
    assert run_cli("--root", str(mini_project), "add", str(article)).returncode == 0
    monkeypatch.setattr(pipeline, "SCANNED_NEW_CHARACTERS", 1_000)

    def scan(*args: object) -> None:
        raise AssertionError("the new source was scanned")

    monkeypatch.setattr(report, "candidates_in", scan)
    found = pipeline.build(pipeline.Paths(mini_project), with_site=False).candidates
    assert found is not None and found.too_long > 1_000
    line = candidates_line(found)
    assert (
        f"the 1 new source is too long to scan for new names and events in a build "
        f"({found.too_long:,} characters); see `python -m generator review`" in line
    )


def test_root_may_follow_the_command(mini_project: Path) -> None:
    result = run_cli("check", "--root", str(mini_project))
    assert result.returncode == 0, result.stderr
    assert "corpus OK: 2 sources" in result.stdout


def test_serve_on_a_busy_or_bad_address_is_one_line_before_any_build(mini_project: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        address = f"127.0.0.1:{busy.getsockname()[1]}"
        result = run_cli("--root", str(mini_project), "serve", "--dev-addr", address)
    assert result.returncode == 1
    assert result.stderr == (
        f"dossier: error: cannot serve at {address}: Address already in use "
        "(another server uses it? try --dev-addr 127.0.0.1:8001)\n"
    )
    assert not (mini_project / "docs" / "index.md").exists()  # nothing built first
    for bad in ("localhost", "localhost:8000", "127.0.0.1:70000"):
        result = run_cli("--root", str(mini_project), "serve", "--dev-addr", bad)
        assert result.returncode == 1
        assert (
            result.stderr
            == f"dossier: error: --dev-addr {bad}: give IP:PORT, e.g. 127.0.0.1:8000\n"
        )


def test_version_is_the_packages() -> None:
    from generator import __version__

    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout == f"dossier {__version__}\n"


def test_a_damaged_history_refuses_the_build_and_is_kept(mini_project: Path) -> None:
    # What's new lives in corpus/history.yml: a hand slip there must not wipe it out
    assert run_cli("--root", str(mini_project), "build", "--no-site").returncode == 0
    history = mini_project / "corpus" / "history.yml"
    damaged = history.read_text(encoding="utf-8") + "- [oops\n"
    history.write_text(damaged, encoding="utf-8")
    before = snapshot(mini_project / "docs")
    result = run_cli("--root", str(mini_project), "build", "--no-site")
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "history.yml:" in result.stderr and "delete the file to start it afresh" in result.stderr
    assert history.read_text(encoding="utf-8") == damaged
    assert snapshot(mini_project / "docs") == before
