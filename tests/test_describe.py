"""A new actor's proposed description: the title or apposition the article gives the name,
short and neutral ("Turkish defence minister"), or empty with a hint; never an article's
sentence. `accept --description` still overrides it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.review.candidates.describe import describe, role_after, role_before
from tests.conftest import REPO, make_project
from tests.test_accept import cli, review


def _before(sentence: str, name: str) -> str:
    start = sentence.index(name)
    return role_before(sentence, start, start + len(name), 0)


def _after(sentence: str, name: str) -> str:
    return role_after(sentence, sentence.index(name) + len(name))


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        ("Turkish Defence Minister Hulusi Akar flew to Moscow.", "Hulusi Akar",
         "Turkish defence minister"),
        ("The talks were led by Turkey's defence minister Hulusi Akar.", "Hulusi Akar",
         "Turkey's defence minister"),
        ("Greeting Iranian commander Qasem Soleimani, he smiled.", "Qasem Soleimani",
         "Iranian commander"),
        ("Tehran mourned the slain Iranian general, Qasem Soleimani, on Friday.",
         "Qasem Soleimani", "Iranian general"),
        # no title: nothing, rather than the sentence's first words
        ("Following Hulusi Akar's visit, the talks resumed.", "Hulusi Akar", ""),
        ("Officials said Hulusi Akar would travel.", "Hulusi Akar", ""),
    ],
)  # fmt: skip
def test_a_title_in_front_describes(sentence: str, name: str, role: str) -> None:
    assert _before(sentence, name) == role


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        ("Hulusi Akar, Turkey's defence minister, said the strikes would go on.", "Hulusi Akar",
         "Turkey's defence minister"),
        ("Ali Shamkhani, the secretary of Iran's security council, was there.", "Ali Shamkhani",
         "Secretary of Iran's security council"),
        # another name after the comma, a relative clause, a long clause: no role
        ("He met Sergei Lavrov, Foreign Minister Mevlut Cavusoglu said.", "Sergei Lavrov", ""),
        ("He met Hulusi Akar, who said the minister would come.", "Hulusi Akar", ""),
        ("They met Hulusi Akar, and the minister of energy of the Russian Federation said so.",
         "Hulusi Akar", ""),
    ],
)  # fmt: skip
def test_an_apposition_with_a_title_describes(sentence: str, name: str, role: str) -> None:
    assert _after(sentence, name) == role


def test_the_role_given_most_often_wins() -> None:
    assert describe(["", "Iranian general", "Iranian commander", "Iranian commander"]) == (
        "Iranian commander"
    )
    assert describe(["", ""]) == ""


ARTICLE = """---
id: wire-2026-11-20-durmaz-visit
title: Turkish minister visits Moscow
outlet: Wire
published: 2026-11-20
language: en
---
Turkish Defence Minister Selim Durmaz arrived in Moscow on Friday for talks on Syria.

Selim Durmaz, Turkey's defence minister, said the talks had gone well \
and that Gennady Zorin would follow them up.

Gennady Zorin told the press on Friday that the talks would continue in Ankara next week.
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DOSSIER_TODAY", "2026-11-29")
    root = make_project(tmp_path / "project", REPO / "corpus")
    (root / "corpus" / "sources" / "wire-2026-11-20-durmaz-visit.md").write_text(ARTICLE)
    return root


def _actor(project: Path, ident: str) -> dict[str, str]:
    actors = yaml.safe_load((project / "corpus" / "actors.yml").read_text(encoding="utf-8"))
    found: dict[str, str] = next(a for a in actors if a["id"] == ident)
    return found


def test_accept_writes_the_title_or_an_empty_description_with_a_hint(project: Path) -> None:
    found = {a["name"]: a for a in review(project)["actors"]}
    durmaz, zorin = found["Selim Durmaz"], found["Gennady Zorin"]
    assert durmaz["description"] == "Turkish defence minister"
    assert zorin["description"] == "" and "write a few neutral words" in zorin["yaml"]
    code, out, err = cli(project, "accept", durmaz["key"], zorin["key"])
    assert code == 0, err
    assert "no description found: write one" in out
    assert _actor(project, durmaz["suggested_id"])["description"] == "Turkish defence minister"
    assert _actor(project, zorin["suggested_id"])["description"] == ""
    text = (project / "corpus" / "actors.yml").read_text(encoding="utf-8")
    assert 'description: ""  # write a few neutral words' in text
    assert cli(project, "check")[0] == 0  # an empty description is allowed, to fill in later


def test_accept_description_overrides(project: Path) -> None:
    durmaz = next(a for a in review(project)["actors"] if a["name"] == "Selim Durmaz")
    code, _, err = cli(project, "accept", durmaz["key"], "--description", "Minister since 2018.")
    assert code == 0, err
    assert _actor(project, durmaz["suggested_id"])["description"] == "Minister since 2018."
