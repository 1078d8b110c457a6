"""Spotting where sources give different numbers for the same thing in one event.

"at least 33 Turkish soldiers", "up to 33 Turkish servicemen" and "over 30 Turkish troops"
count the same thing (Turkish soldiers) three ways; the dossier should say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUALIFIER = r"at least|up to|over|more than|nearly|almost|about|around|some|fewer than|less than"
_NOUNS = {
    "soldiers": "soldiers", "troops": "soldiers", "servicemen": "soldiers",
    "personnel": "soldiers", "people": "people", "civilians": "civilians",
    "militants": "militants", "fighters": "fighters", "members": "members",
    "refugees": "refugees", "migrants": "migrants", "Syrians": "Syrians",
}  # fmt: skip
_COUNT = re.compile(
    rf"(?:\b(?P<qualifier>{_QUALIFIER})\s+)?\b(?P<number>\d[\d,]*)\s+"
    rf"(?P<modifiers>(?:[A-Z][\w-]*\s+){{0,2}})(?P<noun>{'|'.join(_NOUNS)})\b"
)


@dataclass(frozen=True)
class Figure:
    """One way a source states a number: 'at least 33'."""

    text: str
    source: str
    sentence: str


@dataclass(frozen=True)
class NumberConflict:
    event: str
    subject: str  # what is counted, e.g. "Turkish soldiers"
    figures: tuple[Figure, ...]


def find_counts(sentence: str) -> list[tuple[str, str]]:
    """(subject, figure) for each count in a sentence: ('Turkish soldiers', 'up to 33')."""
    found = []
    for match in _COUNT.finditer(sentence):
        number = match.group("number").replace(",", "")
        qualifier = match.group("qualifier")
        figure = f"{qualifier} {number}" if qualifier else number
        modifiers = " ".join(match.group("modifiers").split())
        subject = f"{modifiers} {_NOUNS[match.group('noun')]}".strip()
        found.append((subject, figure))
    return found


def number_conflicts(event: str, evidence: list[tuple[str, str]]) -> list[NumberConflict]:
    """Subjects counted in more than one way across an event's (source, sentence) evidence."""
    by_subject: dict[str, list[Figure]] = {}
    for source, sentence in evidence:
        for subject, figure in find_counts(sentence):
            by_subject.setdefault(subject, []).append(Figure(figure, source, sentence))
    conflicts = []
    for subject, figures in sorted(by_subject.items()):
        distinct = {f.text for f in figures}
        if len(distinct) > 1:
            unique = {(f.text, f.source): f for f in figures}
            conflicts.append(NumberConflict(event, subject, tuple(unique.values())))
    return conflicts
