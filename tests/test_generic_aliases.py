"""Generic aliases ("Defence Ministry", "the president", "the army") name no one actor: every
state has one. Validation refuses them on an actor, with one line; proposals do not offer
them as aliases of a qualified name."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Actor
from generator.text.matching import AliasMatcher, generic_alias, short_form
from tests.conftest import REPO, make_project, snapshot
from tests.test_accept import cli, review


@pytest.mark.parametrize(
    "name",
    ["Defence Ministry", "Foreign Ministry", "the president", "the army", "Army",
     "Ministry of Foreign Affairs", "the Interior Ministry", "Prime Minister's Office"],
)  # fmt: skip
def test_generic(name: str) -> None:
    assert generic_alias(name)


@pytest.mark.parametrize(
    "name",
    ["Turkish Defence Ministry", "Russian President", "Kremlin", "Free Syrian Army",
     "Ministry of Foreign Affairs of Turkey", "State Department", "Bank of England", "Putin"],
)  # fmt: skip
def test_specific(name: str) -> None:
    assert not generic_alias(name)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DOSSIER_TODAY", "2026-11-29")
    return make_project(tmp_path / "project", REPO / "corpus")


def test_validation_refuses_a_generic_alias(project: Path) -> None:
    actors = project / "corpus" / "actors.yml"
    text = actors.read_text(encoding="utf-8")
    edited = text.replace(
        "aliases: [Turkish Armed Forces, Turkish Army,",
        "aliases: [Turkish Armed Forces, the army, Turkish Army,",
    )
    assert edited != text
    actors.write_text(edited, encoding="utf-8")
    line = edited[: edited.index("the army,")].count("\n") + 1
    code, _, err = cli(project, "check")
    assert code == 1
    assert f"actors.yml:{line}: actor 'turkish-armed-forces': alias 'the army' is generic" in err
    assert "say whose it is" in err and "dossier: 1 problem in the corpus" in err, err


ARTICLE = """---
id: wire-2026-11-21-ministry-statement
title: Ministry statement
outlet: Wire
published: 2026-11-21
language: en
---
The Azerbaijani Defence Ministry said on Saturday that its units had been put on alert.

A day later, the Defence Ministry added that the alert had been lifted.
"""


def test_a_generic_variant_is_not_proposed_as_an_alias(project: Path) -> None:
    path = project / "corpus" / "sources" / "wire-2026-11-21-ministry-statement.md"
    path.write_text(ARTICLE, encoding="utf-8")
    found = {a["name"]: a for a in review(project)["actors"]}
    ministry = found["Azerbaijani Defence Ministry"]
    assert ministry["aliases"] == ["Azerbaijani Defence Ministry"]
    assert ministry["mentions"] == 2  # the short form still counts as its mention
    before = snapshot(project / "corpus")
    code, _, err = cli(project, "accept", ministry["key"])
    assert code == 0, err
    assert snapshot(project / "corpus") != before
    assert cli(project, "check")[0] == 0


def _actor(ident: str, name: str, kind: str = "organisation") -> Actor:
    return Actor(ident, name, kind, (name,), description="")


MINISTRIES = [
    _actor("azerbaijani-defence-ministry", "Azerbaijani Defence Ministry"),
    _actor("armenian-defence-ministry", "Armenian Defence Ministry"),
    _actor("free-army", "Free Syrian Army", "armed-group"),
]


def _short(paragraphs: list[str]) -> list[tuple[str, str]]:
    """(text, actor) of the short forms found, paragraph by paragraph, as the link stage does."""
    matcher = AliasMatcher(MINISTRIES)
    seen: set[str] = set()
    found = []
    for text in paragraphs:
        named = matcher.find_named(text)
        found += [(text[s:e], a) for s, e, a in matcher.short_forms.find(text, named, seen)]
        seen.update(a for _, _, a in named)
    return found


def test_a_short_form_stands_for_the_one_ministry_the_source_named() -> None:
    assert short_form("Azerbaijani Defence Ministry") == "defence ministry"
    assert short_form("Defence Ministry") is None  # generic as a whole: no owner
    assert _short(
        [
            "The Azerbaijani Defence Ministry said its units were on alert.",
            "A Defence Ministry statement said the alert was lifted on Sunday.",
        ]
    ) == [("Defence Ministry", "azerbaijani-defence-ministry")]


@pytest.mark.parametrize(
    "paragraphs",
    [
        # never named before: whose ministry, the source does not say
        ["The Defence Ministry said its units were on alert."],
        # two ministries named: ambiguous
        ["The Azerbaijani Defence Ministry and the Armenian Defence Ministry traded claims.",
         "The Defence Ministry later denied it."],
        # part of another name, or another state's ministry
        ["The Azerbaijani Defence Ministry said so.",
         "Iran's Defence Ministry of the Islamic Republic disagreed, and the Georgian Defence "
         "Ministry too."],
        # plain words, not a name
        ["The Azerbaijani Defence Ministry said so.", "The defence ministry staff agreed."],
    ],
)  # fmt: skip
def test_a_short_form_is_left_alone_when_it_cannot_be_told(paragraphs: list[str]) -> None:
    assert _short(paragraphs) == []


BARE = """---
id: wire-2026-11-22-ministry-alert
title: Ministry alert
outlet: Wire
published: 2026-11-22
language: en
---
The Defence Ministry said on Sunday that Selim Durmaz would lead the talks in Baku.

Later the Defence Ministry said the alert was over, according to Selim Durmaz.
"""


def test_a_generic_candidate_is_flagged_and_never_accepted(project: Path) -> None:
    path = project / "corpus" / "sources" / "wire-2026-11-22-ministry-alert.md"
    path.write_text(BARE, encoding="utf-8")
    ministry = next(a for a in review(project)["actors"] if a["name"] == "Defence Ministry")
    code, text, _ = cli(project, "review")
    assert code == 0 and "(a generic name: every state has one" in text
    before = snapshot(project / "corpus")
    code, _, err = cli(project, "accept", ministry["key"])
    assert code == 1 and f"{ministry['key']}: a generic name (every state has one" in err
    assert len(err.strip().splitlines()) == 1 and snapshot(project / "corpus") == before
    code, out, err = cli(project, "accept", "--all-actors", "--kind-from-guess")
    assert code == 0, err
    assert f"skipped {ministry['key']}: a generic name" in out
    assert cli(project, "check")[0] == 0


@pytest.mark.parametrize(
    ("name", "short"),
    [("Government of Syria", "government"),
     ("Ministerio de Defensa de Turquía", "ministerio de defensa"),
     ("Presidency of the Republic of Turkey", "presidency"),
     ("Türk Silahlı Kuvvetleri", "silahli kuvvetleri"),
     ("Bank of England", None)],
)  # fmt: skip
def test_the_owner_may_come_after_the_generic_part(name: str, short: str | None) -> None:
    assert short_form(name) == short


@pytest.mark.parametrize(
    "name", ["Savunma Bakanlığı", "Verteidigungsministerium", "Министерство обороны",
             "Ministerio de Defensa", "Ministère des Affaires étrangères"],
)  # fmt: skip
def test_generic_in_the_other_languages(name: str) -> None:
    assert generic_alias(name)
