"""Name proposals follow the source's language (front matter `language:`): its function
words, its titles, its states' names; German nouns are not names for being capitalised;
Turkish case endings after an apostrophe are not part of a name; a language the rules do not
know gets no proposals and a line in review saying so. The articles are in
tests/fixtures/languages/, written for these tests."""

from __future__ import annotations

import re
import shutil
from typing import Any

import pytest

from generator.review.candidates.languages import code_of, supported
from tests.conftest import REPO, make_project
from tests.test_accept import cli, review

ARTICLES = REPO / "tests" / "fixtures" / "languages"


@pytest.fixture(scope="module")
def proposals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = make_project(tmp_path_factory.mktemp("languages") / "project", REPO / "corpus")
    for article in sorted(ARTICLES.glob("*.md")):
        if article.name == "README.md":
            continue
        ident = re.search(r"(?m)^id: (\S+)$", article.read_text(encoding="utf-8"))
        assert ident is not None
        shutil.copy(article, root / "corpus" / "sources" / f"{ident.group(1)}.md")
    found = review(root)
    code, text, err = cli(root, "review")
    assert code == 0, err
    return {"json": found, "text": text}


def _names(proposals: dict[str, Any], prefix: str) -> dict[str, str]:
    return {
        a["name"]: a["kind"]
        for a in proposals["json"]["actors"]
        if any(s.startswith(prefix) for s in a["sources"])
    }


def test_german_nouns_are_not_names(proposals: dict[str, Any]) -> None:
    names = _names(proposals, "zeitung-")
    assert names["Jürgen Trittmeier"] == "person"  # a title in front: "Der Außenminister"
    trittmeier = next(a for a in proposals["json"]["actors"] if a["name"] == "Jürgen Trittmeier")
    assert trittmeier["mentions"] == 2  # "kündigte Trittmeier ... an": the same man's surname
    assert names["Türkei"] == "state" and names["Deutschland"] == "state"  # in German
    nouns = {"Regierung", "Gespräche", "Treffen", "Sprecher", "Ministeriums", "Lage",
             "Zusammenarbeit", "Energieversorgung", "Beobachter", "Einigung", "Reise",
             "Transparenz", "Nachrichtenagentur", "Der", "Die", "Nach", "Auch"}  # fmt: skip
    assert not nouns & set(names), names
    assert not any(n.split()[0] in ("Der", "Die", "Außenminister") for n in names)


def test_french_articles_and_titles_are_cut(proposals: dict[str, Any]) -> None:
    names = _names(proposals, "journal-")
    assert names["Henri Delacourt"] == "person" and names["Paul Verlaine"] == "person"
    assert names["Russie"] == "state"
    assert not any(n.split()[0] in ("Le", "La", "Les", "Selon", "Président") for n in names)


def test_turkish_case_endings_are_not_part_of_names(proposals: dict[str, Any]) -> None:
    names = _names(proposals, "gazete-")
    assert names["Kemal Yurtsever"] == "person"
    assert names["Ayşe Demirtaş"] == "person"
    assert not any("'" in n or "’" in n for n in names), names
    assert not {"Pazartesi", "Rus", "Bu", "Dışişleri Bakanı Kemal Yurtsever"} & set(names)


def test_russian_function_words_are_not_names(proposals: dict[str, Any]) -> None:
    names = _names(proposals, "gazeta-")
    assert not {"В", "По", "Это", "Однако"} & {n.split()[0] for n in names}, names


def test_russian_forms_of_a_name_are_one_name(proposals: dict[str, Any]) -> None:
    found = {
        a["name"]: a
        for a in proposals["json"]["actors"]
        if any(s.startswith("gazeta-") for s in a["sources"])
    }
    # "министр иностранных дел Турции Кемаль Юртсевер": Turkey (genitive), then the person
    assert found["Турции"]["kind"] == "state"
    person = found["Кемаль Юртсевер"]
    assert person["kind"] == "person" and person["mentions"] == 2
    assert "Юртсевера" in person["aliases"]  # "По словам Юртсевера": the same man
    assert "Юртсевера" not in found


def test_spanish_articles_and_titles_are_cut(proposals: dict[str, Any]) -> None:
    names = _names(proposals, "diario-")
    assert names["Ramón Castellanos"] == "person"
    assert not any(n.split()[0] in ("El", "La", "Según", "Además") for n in names), names


def test_an_unknown_language_is_named_not_guessed(proposals: dict[str, Any]) -> None:
    assert _names(proposals, "giornale-") == {}
    assert proposals["json"]["names_not_proposed"] == [
        {"source": "giornale-2026-11-20-visita", "language": "it"}
    ]
    assert (
        "Names not proposed for giornale-2026-11-20-visita: no name rules for language 'it'"
        in proposals["text"]
    )


def test_language_codes() -> None:
    assert code_of("DE") == code_of("de-AT") == code_of("German") == "de"
    assert code_of("") == code_of("unknown") == "en"
    assert {"en", "de", "fr", "tr", "ru", "es"} <= set(supported())


def test_descriptions_come_from_the_language_s_titles(proposals: dict[str, Any]) -> None:
    described = {a["name"]: a["description"] for a in proposals["json"]["actors"]}
    assert described["Jürgen Trittmeier"] == "Außenminister"  # German keeps nouns capitalised
    assert described["Paul Verlaine"] == "Ministre"
    assert described["Ramón Castellanos"] == "Presidente"


def test_institutions_in_the_language(proposals: dict[str, Any]) -> None:
    spanish, turkish = _names(proposals, "diario-"), _names(proposals, "gazete-")
    assert spanish["Unión Europea"] == "organisation"  # not a person for its two capitals
    assert spanish["Ministerio de Defensa de Turquía"] == "organisation"
    assert turkish["Savunma Bakanlığı"] == "organisation"  # not "Bakanlığı", a titled person
    # one word alone is a common noun, or generic (every state has a defence ministry)
    assert not {"Gobierno", "Ministerio"} & set(spanish)
    assert not {"Conseil"} & set(_names(proposals, "journal-"))
    german = set(_names(proposals, "zeitung-"))
    assert not {"Verteidigungsministerium", "Ministerium", "Nachrichtenagentur"} & german
