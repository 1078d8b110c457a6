"""Where a problem is: `file:line: what (hint)`, and `file: what (hint)` when the whole file is
to blame (a missing, empty, linked or unreadable file). Never `file:0:`: a line 0 sends the
reader to look for a line that does not exist."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.errors import Problem
from generator.model import WHOLE_FILE, Location
from generator.yamledit import EditError, editing, load
from tests.conftest import run_cli


def _empty(corpus: Path) -> None:
    (corpus / "actors.yml").write_text("")


def _missing(corpus: Path) -> None:
    (corpus / "events.yml").unlink()


def _linked(corpus: Path) -> None:
    outside = corpus.parent.parent / "elsewhere.md"
    outside.write_text("---\nid: x\n---\ntext\n")
    (corpus / "sources" / "stolen.md").symlink_to(outside)


def _mapping(corpus: Path) -> None:
    (corpus / "actors.yml").write_text("# the actors\n\nputin: Vladimir Putin\n")


def _sources_file(corpus: Path) -> None:
    for source in (corpus / "sources").iterdir():
        source.unlink()
    (corpus / "sources").rmdir()
    (corpus / "sources").write_text("not a folder\n")


def _decisions(corpus: Path) -> None:
    (corpus / "review.yml").write_text("# decisions\nkey: actor:x\n")


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "empty": (
        _empty,
        "corpus/actors.yml: the file is empty; it must give a list of actors "
        "(see corpus/README.md)",
    ),
    "missing": (_missing, "corpus/events.yml: missing file; create it (see corpus/README.md)"),
    "linked": (
        _linked,
        "corpus/sources/stolen.md: a symbolic link: not followed "
        "(copy the file it points to instead)",
    ),
    # not a whole-file problem: the mapping starts on line 3, after the comment
    "mapping": (_mapping, "corpus/actors.yml:3: expected a list of actors, each starting with"),
    "sources-file": (
        _sources_file,
        "corpus/sources: not a folder; the articles go in it as .md files",
    ),
    "decisions": (
        _decisions,
        "dossier: error: corpus/review.yml:2: the review decisions must be a list of "
        "key/decision/date",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_names_the_file_alone_or_its_real_line(mini_project: Path, case: str) -> None:
    spoil, expected = CASES[case]
    spoil(mini_project / "corpus")
    result = run_cli("check", cwd=mini_project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith(expected) for line in lines), lines
    assert ":0:" not in result.stderr
    assert "Traceback" not in result.stderr


def test_set_on_a_value_wrapped_over_lines_names_its_line_and_changes_nothing(
    mini_project: Path,
) -> None:
    source = mini_project / "corpus" / "sources" / "alpha-2020-03-05-talks.md"
    folded = "title: >-\n  Putin and Erdogan\n  meet in Moscow"
    text = source.read_text().replace("title: Putin and Erdogan meet in Moscow", folded)
    source.write_text(text)
    result = run_cli("set", "alpha-2020-03-05-talks", "title", "New", cwd=mini_project)
    assert result.returncode == 1
    assert result.stderr == (
        "dossier: error: corpus/sources/alpha-2020-03-05-talks.md:3: "
        "'title' is not a one-line value; edit it by hand\n"
    )
    assert source.read_text() == text


def test_set_on_a_plain_value_continued_on_the_next_line_is_refused(mini_project: Path) -> None:
    # a plain scalar may go on over an indented line; only its first line used to be replaced,
    # leaving the rest as broken YAML (caught by the check after, with a misleading message)
    source = mini_project / "corpus" / "sources" / "alpha-2020-03-05-talks.md"
    text = source.read_text().replace("outlet: Alpha News", "outlet: Alpha\n  News")
    source.write_text(text)
    result = run_cli("set", "alpha-2020-03-05-talks", "outlet", "Beta", cwd=mini_project)
    assert result.returncode == 1
    assert "alpha-2020-03-05-talks.md:4: 'outlet' is not a one-line value" in result.stderr
    assert source.read_text() == text


def test_a_whole_file_location_prints_the_file_alone() -> None:
    assert str(Location("corpus/actors.yml", WHOLE_FILE)) == "corpus/actors.yml"
    assert str(Location("corpus/actors.yml", 1)) == "corpus/actors.yml:1"
    assert str(Problem(Location("a.yml", WHOLE_FILE), "gone")) == "a.yml: gone"


def test_edit_errors_name_the_file_and_count_its_lines() -> None:
    with pytest.raises(EditError) as raised, editing("corpus/sources/x.md", first_line=2):
        raise EditError("'title' is not a one-line value", 2)
    assert str(raised.value) == "corpus/sources/x.md:3: 'title' is not a one-line value"
    with pytest.raises(EditError) as raised, editing("corpus/x.yml"):
        raise EditError("no such record")
    assert str(raised.value) == "corpus/x.yml: no such record"
    with pytest.raises(EditError, match=r"^corpus/s\.md:4: not valid YAML"):
        load("id: a\ntitle: [unclosed\nx: y\n", "corpus/s.md", first_line=2)
