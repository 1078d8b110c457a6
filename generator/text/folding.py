"""Text helpers shared by the stages: folding for matching, sentences, whitespace."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from generator.text import calendar

_APOSTROPHES = "’‘ʼ´`′"
_HYPHENS = "‐‑‒–—"
_SPECIAL = {"ı": "i", "ø": "o", "đ": "d", "ł": "l", "æ": "a", "œ": "o", "ß": "s"}


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character folded for matching: lower case, no diacritics, plain apostrophe/hyphen.

    Always exactly one character, so offsets in folded text are offsets in the original.
    """
    if char in _APOSTROPHES:
        return "'"
    if char in _HYPHENS:
        return "-"
    lowered = char.lower()
    if lowered in _SPECIAL:
        return _SPECIAL[lowered]
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)) or char
    base = base.lower()
    return base[0] if base else char


class _FoldTable(dict[int, str]):
    """str.translate table that folds each character the first time it is seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Folded text, one character for one, so offsets stay valid (see fold_char)."""
    return text.translate(_FOLD_TABLE)


def collapse_ws(text: str) -> str:
    return " ".join(text.split())


def _abbreviation_sections() -> dict[str, frozenset[str]]:
    """data/abbreviations.txt: [section] -> its words (lower case, no full stop)."""
    sections: dict[str, set[str]] = {}
    current: set[str] = set()
    for raw in (
        (Path(__file__).parent / "data" / "abbreviations.txt").read_text("utf-8").splitlines()
    ):
        line = raw.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        elif line:
            current.add(line)
    return {name: frozenset(words) for name, words in sections.items()}


_SECTIONS = _abbreviation_sections()
# titles, firms' and people's suffixes, and the months' short forms ("Sept. 30")
_ABBREVIATIONS = _SECTIONS["always"] | {
    short for line in calendar.sections()["months"] for short in line[2:]
}
_BEFORE_A_NUMBER = _SECTIONS["before_a_number"]  # "No. 10", but "she said no. Then"
# A sentence ends at . ! ? or … (maybe followed by closing quotes or brackets), then space,
# then something that can start a sentence: a letter not in lower case (a capital in any
# script: "İstanbul", "Переговоры"; or one of a script without case), a digit or a '*'.
# Only A-Z and À-Þ were capitals here, so a Russian text was one sentence.
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?([^\W_]|\*))")


def sentence_spans(
    text: str, protected: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """Split a paragraph into sentences; never split inside a protected span (a quotation).

    Linear in the text: a boundary looks up the protected spans by bisection and the word
    before its full stop by stepping back over that word only."""
    ordered = sorted(protected or [])
    starts = [s for s, _ in ordered]
    reach = list(accumulate((e for _, e in ordered), max))  # furthest end of the first k
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(1).islower():
            continue  # "e.g. the talks", "... and so on. and": no new sentence
        end = match.end()
        cut = match.start()
        before = bisect_left(starts, cut) - 1  # the protected spans starting before cut
        if before >= 0 and end < reach[before]:
            continue  # a full stop inside a quotation does not end the surrounding sentence
        if text[cut] == "." and _abbreviation(text, start, cut, match.group(1)):
            continue
        spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, _rstrip_end(text, s, e)) for s, e in spans]


def _abbreviation(text: str, start: int, cut: int, following: str) -> bool:
    """The ASCII word just before the full stop at cut (not before start) is an
    abbreviation or a single capital (an initial); following starts the next words."""
    first = cut
    while first > start and text[first - 1] in _ASCII_LETTERS:
        first -= 1
    token = text[first:cut]
    if not token:
        return False
    lowered = token.lower()
    if lowered in _BEFORE_A_NUMBER:
        return following.isdigit()
    return lowered in _ABBREVIATIONS or (len(token) == 1 and token.isupper())


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def slugify(text: str) -> str:
    folded = fold(text)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


@lru_cache(maxsize=1)
def _latin_letters() -> dict[int, str]:
    path = Path(__file__).resolve().parent / "data" / "transliteration.tsv"
    table: dict[int, str] = {}
    for line in path.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            letter, _, latin = line.partition("\t")
            table[ord(letter)] = latin
            table[ord(letter.upper())] = latin.capitalize()
    return table


def latin(text: str) -> str:
    """Cyrillic letters in Latin (data/transliteration.tsv), for an id: slugify keeps only
    Latin letters, so a name in Cyrillic had none (the actor "candidate")."""
    return text.translate(_latin_letters())


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*")


def lowercase_words(paragraphs: tuple[str, ...]) -> frozenset[str]:
    """The words a text writes in lower case (folded): a capitalised word that the corpus
    also writes in lower case is a common word, not a name."""
    return frozenset(fold(w) for p in paragraphs for w in _LOWER_WORD.findall(p))


def one_slip(typed: str, known: str) -> bool:
    """Whether `typed` is `known` with one letter left out, added, changed, or two letters
    swapped: the slips of a hand at a keyboard, or another language's spelling of a name
    ("Wladimir" of "Vladimir")."""
    if typed == known or abs(len(typed) - len(known)) > 1 or min(len(typed), len(known)) < 3:
        return False
    if len(typed) == len(known):
        wrong = [i for i, (a, b) in enumerate(zip(typed, known, strict=True)) if a != b]
        swapped = len(wrong) == 2 and wrong[1] == wrong[0] + 1
        return len(wrong) == 1 or (swapped and typed[wrong[0]] == known[wrong[1]]
                                   and typed[wrong[1]] == known[wrong[0]])  # fmt: skip
    short, long = sorted((typed, known), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
