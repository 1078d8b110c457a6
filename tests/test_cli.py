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
    "empty-actors": ["actors.yml:1: the file is empty: it must give a list of actors"],
    "index-id": ["events.yml:1: event id 'index' is the name of a generated index page"],
    "alias-bomb": ["actors.yml:2: YAML: aliases (*name) are not allowed"],
    "control-character": ["events.yml:2: control character U+0001 in the text"],
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
    assert "28 new, 0 changed, 0 removed" in first.stdout
    assert "the 2 new sources" in first.stdout  # what they bring that the corpus lacks
    second = run_cli("--root", str(mini_project), "build", "--no-site")
    assert "0 new, 0 changed, 0 removed, 28 unchanged" in second.stdout
    assert "new source" not in second.stdout


def test_hand_written_page_in_the_way_is_a_one_line_error(mini_project: Path) -> None:
    (mini_project / "docs" / "timeline.md").write_text("# my timeline\n")
    result = run_cli("--root", str(mini_project), "build", "--no-site")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "hand-written file" in result.stderr
    assert (mini_project / "docs" / "timeline.md").read_text() == "# my timeline\n"


def test_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("--root", str(tmp_path), "check")
    assert result.returncode == 1
    assert "no corpus folder here" in result.stderr


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
