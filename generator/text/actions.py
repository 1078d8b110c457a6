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
def action_lexicon() -> dict[str, re.Pattern[str]]:
    """Kind of event -> the pattern of words that report it (data/event_actions.tsv)."""
    found: dict[str, re.Pattern[str]] = {}
    for line in (
        resources.files("generator.text")
        .joinpath("data/event_actions.tsv")
        .read_text("utf-8")
        .splitlines()
    ):
        if not line.strip() or line.startswith("#"):
            continue
        kind, words = line.split("\t")
        alternatives = "|".join(_word_pattern(w.strip()) for w in words.split("|") if w.strip())
        found[kind.strip()] = re.compile(rf"\b(?:{alternatives})\b", re.I)
    return found
