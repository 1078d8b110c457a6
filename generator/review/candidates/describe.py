"""A short, neutral description for a new name: the title in front of it or its apposition.

"Turkish Defence Minister Hulusi Akar" -> "Turkish defence minister"; "Hulusi Akar, Turkey's
defence minister, said" -> "Turkey's defence minister". Only words that say what someone is
(a title or office from data/titles.txt, with the state, demonym or body it belongs to) make
a description; anything else leaves it empty for the analyst to write. Never a sentence: an
article's sentence is the source's claim, not the dossier's description of the actor.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from generator.review.candidates import kinds
from generator.review.candidates.lexicon import gazetteer, words
from generator.text.folding import fold

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# ", Iran's foreign minister," / ", a senior commander of the Revolutionary Guards,"
_APPOSITION = re.compile(r",\s+((?:the|a|an)\s+)?([^,.;:()\"“”]{3,80}?)\s*(?:,|\.|$)")
MAX_WORDS = 7
_AFTER_TITLE = frozenset({"of", "to", "for", "at", "in"})  # "minister of ...", "envoy to ..."


def _title(word: str) -> bool:
    return fold(word).rstrip(".") in words("titles")


def _possessive(word: str) -> bool:
    return bool(re.search(r"['’]s?$", word))


def role_before(paragraph: str, start: int, end: int, sentence_start: int) -> str:
    """The title run right in front of a name ("Turkish Defence Minister"), or "", also when
    commas set the name off ("the Russian ambassador, Andrei Karlov, was")."""
    before = paragraph[max(sentence_start, start - 80) : start]
    if before.endswith(", ") and paragraph[end : end + 1] == ",":
        before = before[:-2] + " "
    taken: list[str] = []
    edge = len(before)
    for match in reversed(list(_WORD.finditer(before))):
        word = match.group()
        if before[match.end() : edge].strip():
            break  # punctuation between: another clause
        if not (_title(word) or (taken and _owner(word))):
            break  # "said", "the", "Meeting": not part of a title
        taken.insert(0, word)
        edge = match.start()
    while taken and not _title(taken[-1]):
        taken.pop()
    return _tidy(taken)


def _owner(word: str) -> bool:
    """Whose title it is: "Turkey's", "Turkish", "U.S.", "Iran"."""
    return (
        _possessive(word)
        or _acronym(word)
        or kinds.demonym(word)
        or gazetteer().kind(word) == "state"
    )


def role_after(paragraph: str, end: int) -> str:
    """An apposition right after a name that holds a title (", Iran's foreign minister,")."""
    found = _APPOSITION.match(paragraph, end)
    if found is None:
        return ""
    phrase = found.group(2).split()
    if not phrase or len(phrase) > MAX_WORDS or not any(_title(w) for w in phrase):
        return ""
    if fold(phrase[0]) in words("stop_words") and not _possessive(phrase[0]):
        return ""  # ", who was minister", ", and the general"
    last = max(i for i, w in enumerate(phrase) if _title(w))
    if last + 1 < len(phrase) and fold(phrase[last + 1]) not in _AFTER_TITLE:
        return ""  # ", Foreign Minister Mevlut Cavusoglu said": another name, not a role
    return _tidy(phrase)


def _tidy(phrase: list[str]) -> str:
    """Titles in lower case (they are common nouns in a description); names as written."""
    if not phrase or len(phrase) > MAX_WORDS or all(not _title(w) for w in phrase):
        return ""
    text = " ".join(w.lower() if _title(w) and not _acronym(w) else w for w in phrase)
    return text[:1].upper() + text[1:]


def _acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isupper()


def describe(roles: Iterable[str]) -> str:
    """The role given most often (the first of equals); "" when none was found."""
    given = [r for r in roles if r]
    if not given:
        return ""
    counted = Counter(given)
    order = list(dict.fromkeys(given))
    return max(order, key=lambda r: (counted[r], -order.index(r)))
