"""The gender a name, a title or a pronoun points to: "m", "f" or None (unknown).

First names come from gender-guesser's dictionary (about 40,000 given names from many
countries, shipped inside the package, read once per process).
"""

from __future__ import annotations

from functools import cache
from typing import Protocol

from generator.text.speakers import titles

_GUESSES = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}


class _Detector(Protocol):
    def get_gender(self, name: str, country: str | None = None) -> str: ...


@cache
def _detector() -> _Detector:
    from gender_guesser.detector import Detector  # type: ignore[import-untyped]

    detector: _Detector = Detector(case_sensitive=False)
    return detector


@cache
def first_name_gender(word: str) -> str | None:
    if len(word) < 2 or not word.isalpha():
        return None  # an initial ("G.") tells nothing
    return _GUESSES.get(_detector().get_gender(word))


@cache
def name_gender(name: str) -> str | None:
    """Gender of a full name: from a title before it (Mrs. Smith) or its first name; a
    name of one word is a surname, which tells nothing ("Hale" is a first name too)."""
    words = name.replace(".", " ").split()[:4]
    for index, word in enumerate(words):
        key = word.lower()
        if key in titles():
            told = titles()[key]
        elif index + 1 < len(words):
            told = first_name_gender(word)  # "Democrat Hillary Clinton": the first that tells
        else:
            told = None
        if told:
            return told
    return None
