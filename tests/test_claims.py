"""Contested claims and differing numbers."""

from __future__ import annotations

from generator.pipeline import check, generate
from generator.text.numbers import find_counts, number_conflicts
from tests.conftest import MINI_CORPUS, REPO


def test_counts_are_read_with_their_qualifiers() -> None:
    sentence = "Attacks killed up to 33 Turkish servicemen and over 300 Syrian soldiers."
    assert find_counts(sentence) == [
        ("Turkish soldiers", "up to 33"),
        ("Syrian soldiers", "over 300"),
    ]


def test_only_the_same_subject_counted_differently_is_flagged() -> None:
    evidence = [
        ("a", "at least 33 Turkish soldiers were killed"),
        ("b", "the deaths of over 30 Turkish troops"),
        ("b", "300 Syrian soldiers were neutralised"),
        ("c", "33 Turkish soldiers died"),
    ]
    (conflict,) = number_conflicts("strike", evidence)
    assert conflict.subject == "Turkish soldiers"
    assert [(f.text, f.source) for f in conflict.figures] == [
        ("at least 33", "a"),
        ("over 30", "b"),
        ("33", "c"),
    ]
    assert number_conflicts("strike", evidence[:1] + evidence[2:3]) == []


def test_the_seed_strike_is_flagged_with_every_figure() -> None:
    analysis, _ = generate(REPO / "corpus")
    (conflict,) = analysis.conflicts["idlib-airstrike-turkish-soldiers-2020"]
    assert {f.text for f in conflict.figures} == {"at least 33", "33", "over 30", "up to 33"}


def test_claims_are_validated_and_rendered_side_by_side() -> None:
    corpus = check(MINI_CORPUS)
    claim = corpus.claims["settlement-agreed"]
    assert [(s.stance, s.by) for s in claim.stances] == [("asserts", "kremlin"), ("reports", None)]
    _, pages = generate(MINI_CORPUS)
    event = pages["events/moscow-talks.md"]
    assert "| Asserts | Denies | Reports without endorsing |" in event
    assert "**[Kremlin](../actors/kremlin.md)**" in event
    assert "claim-settlement-agreed" in pages["claims.md"]


def test_seed_claims_name_who_says_what() -> None:
    _, pages = generate(REPO / "corpus")
    letter = pages["events/erdogan-letter-to-putin-2016.md"]
    assert "**[Kremlin](../actors/kremlin.md)** via [RT](../actors/rt.md)" in letter
    assert "via [Anadolu Agency](../actors/anadolu.md)" in letter
