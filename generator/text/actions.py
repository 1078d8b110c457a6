"""Words that report each kind of event ("met", "phoned", "shot down"), from
data/event_actions.tsv: event matching reads them to tell what a sentence reports, and the
analysis to order events within a day ("Before meeting Erdoğan, Putin spoke to Michel")."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


def _word_pattern(word: str) -> str:
    """A lexicon word as a pattern: a stem ("inaugurat*") takes any ending, a word the
    usual ones (meet -> meets, meeting; announce -> announcing)."""
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    body = r"\s+".join(re.escape(part) for part in word.split())
    forms = body + r"(?:s|es|d|ed|ing|ings|ment|ments)?"
    if word.endswith("e") and " " not in word:
        forms += "|" + re.escape(word[:-1]) + "ing"
    return forms


@cache
def _lexicon() -> dict[str, tuple[str, ...]]:
    """Kind of event -> its words as written in data/event_actions.tsv."""
    found: dict[str, tuple[str, ...]] = {}
    for line in _lines():
        kind, words = line.split("\t")
        found[kind.strip()] = tuple(w.strip() for w in words.split("|") if w.strip())
    return found


@cache
def _action_words(kind: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each lexicon word of a kind with its own pattern."""
    return tuple(
        (word, re.compile(rf"\b(?:{_word_pattern(word)})\b", re.I))
        for word in _lexicon().get(kind, ())
    )


@cache
def _acts() -> dict[str, frozenset[str]]:
    """Word -> the acts it names, for the catch-all kind (data/other_acts.tsv)."""
    acts: dict[str, set[str]] = {}
    for line in _lines("other_acts.tsv"):
        act, _, words = line.partition("\t")
        for word in words.split("|"):
            acts.setdefault(word.strip(), set()).add(act.strip())
    return {word: frozenset(names) for word, names in acts.items()}


def acts_named(kind: str, text: str) -> frozenset[str]:
    """The acts the text names with the kind's lexicon words ("arrived" -> {acquisition,
    visit}); a word no act lists stands for itself."""
    acts = _acts()
    return frozenset(
        act
        for word, pattern in _action_words(kind)
        if pattern.search(text)
        for act in acts.get(word, frozenset({word}))
    )


def _lines(name: str = "event_actions.tsv") -> list[str]:
    text = resources.files("generator.text").joinpath(f"data/{name}").read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def action_lexicon() -> dict[str, re.Pattern[str]]:
    """Kind of event -> the pattern of words that report it (data/event_actions.tsv)."""
    return {
        kind: re.compile(rf"\b(?:{'|'.join(_word_pattern(w) for w in words)})\b", re.I)
        for kind, words in _lexicon().items()
    }
