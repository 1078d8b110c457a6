"""The gender a name, a title or a pronoun points to: "m", "f" or None (unknown).

First names come from data/first_names.txt (about 5,000 names from the US Census Bureau's
1990 lists, public domain), read once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from generator.text.speakers import titles


@cache
def _first_names() -> dict[str, str]:
    text = resources.files("generator.text").joinpath("data/first_names.txt").read_text("utf-8")
    pairs = (line.split() for line in text.splitlines() if line and not line.startswith("#"))
    return {name: gender for name, gender in pairs}


@cache
def first_name_gender(word: str) -> str | None:
    if len(word) < 2 or not word.isalpha():
        return None  # an initial ("G.") tells nothing
    return _first_names().get(word.lower())


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
