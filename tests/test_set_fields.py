"""`set SOURCE_ID FIELD VALUE` for the front matter a user fixes after `add`: title, outlet,
language, translated_from, url and notes besides published. Each is checked with one line and
exit 1 (nothing written), or written in place with the rest of the file byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO, make_project, snapshot
from tests.test_accept import cli

SOURCE = "rfi-2020-02-21-idleb-phone-call"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DOSSIER_TODAY", "2026-11-29")
    return make_project(tmp_path / "project", REPO / "corpus")


def _front(project: Path) -> list[str]:
    text = (project / "corpus" / "sources" / f"{SOURCE}.md").read_text(encoding="utf-8")
    return text.split("---\n")[1].splitlines()


@pytest.mark.parametrize(
    ("field", "value", "line"),
    [
        ("outlet", "Radio France Internationale", "outlet: Radio France Internationale"),
        ("title", "Erdoğan: Putin call on Idlib", 'title: "Erdoğan: Putin call on Idlib"'),
        ("language", "French", "language: fr"),
        ("language", "DE", "language: de"),
        ("url", "https://rfi.fr/en/idlib", 'url: "https://rfi.fr/en/idlib"'),
        ("translated_from", "tr", "translated_from: tr"),
    ],
)
def test_a_field_is_set_in_place(project: Path, field: str, value: str, line: str) -> None:
    path = project / "corpus" / "sources" / f"{SOURCE}.md"
    before = path.read_text(encoding="utf-8")
    code, out, err = cli(project, "set", SOURCE, field, value)
    assert code == 0, err
    assert out.startswith(f"dossier: set {SOURCE} {field} ")
    front = _front(project)
    assert line in front
    assert sum(1 for f in front if f.startswith(f"{field}:")) == 1  # replaced, not doubled
    # only that line changed (or one was added), the body untouched
    after = path.read_text(encoding="utf-8")
    assert after.split("---\n", 2)[2] == before.split("---\n", 2)[2]
    assert len(after.splitlines()) - len(before.splitlines()) in (0, 1)
    assert cli(project, "check")[0] == 0


def test_the_replaced_value_is_named(project: Path) -> None:
    code, out, _ = cli(project, "set", SOURCE, "outlet", "RFI English")
    assert code == 0 and "(was " in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("language", "Klingonese"), "language 'Klingonese': not a language; give its two-letter"),
        (("url", "www.rfi.fr/page"), "url 'www.rfi.fr/page': give a web address starting with"),
        (("url", "https://a b"), "give a web address"),
        (("title", "   "), "title: empty; give the text"),
        (("outlet", "x" * 400), "outlet: 400 characters; keep it under"),
        (("outlett", "RFI"), "set: no field 'outlett' to set (did you mean 'outlet'?)"),
        (("author", "Jane Doe"), "set: no field 'author' to set (one of published, title"),
        (("published", "2017-13-01"), "published"),
    ],
)
def test_bad_values_are_one_line_and_change_nothing(
    project: Path, args: tuple[str, str], message: str
) -> None:
    before = snapshot(project / "corpus")
    code, out, err = cli(project, "set", SOURCE, *args)
    assert code == 1, out
    assert message in err and len(err.strip().splitlines()) == 1, err
    assert snapshot(project / "corpus") == before


def test_an_unknown_source_is_refused(project: Path) -> None:
    code, _, err = cli(project, "set", "rfi-2020-02-21-idleb", "outlet", "RFI")
    assert code == 1 and "no such source (did you mean" in err
    assert len(err.strip().splitlines()) == 1
