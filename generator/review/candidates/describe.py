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
from generator.review.candidates.languages import Language, base
from generator.review.candidates.lexicon import gazetteer
from generator.text.folding import fold

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# ", Iran's foreign minister," / ", a senior commander of the Revolutionary Guards,"
_APPOSITION = re.compile(r",\s+([^,.;:()\"“”]{3,80}?)\s*(?:,|\.|$)")
MAX_WORDS = 7
_AFTER_TITLE = frozenset({"of", "to", "for", "at", "in"})  # "minister of ...", "envoy to ..."


def _title(word: str, lang: Language) -> bool:
    return fold(word).rstrip(".") in lang.titles


def _possessive(word: str) -> bool:
    return bool(re.search(r"['’]s?$", word))


def role_before(
    paragraph: str, start: int, end: int, sentence_start: int, lang: Language | None = None
) -> str:
    """The title run right in front of a name ("Turkish Defence Minister"), or "", also when
    commas set the name off ("the Russian ambassador, Andrei Karlov, was")."""
    lang = lang or base()
    before = paragraph[max(sentence_start, start - 80) : start]
    if before.endswith(", ") and paragraph[end : end + 1] == ",":
        before = before[:-2] + " "
    taken: list[str] = []
    edge = len(before)
    for match in reversed(list(_WORD.finditer(before))):
        word = match.group()
        if before[match.end() : edge].strip():
            break  # punctuation between: another clause
        if not (_title(word, lang) or (taken and _owner(word, lang))):
            break  # "said", "the", "Meeting": not part of a title
        taken.insert(0, word)
        edge = match.start()
    while taken and not _title(taken[-1], lang):
        taken.pop()
    return _tidy(taken, lang)


def _owner(word: str, lang: Language) -> bool:
    """Whose title it is: "Turkey's", "Turkish", "U.S.", "Iran", "Türkei"."""
    return (
        _possessive(word)
        or _acronym(word)
        or kinds.demonym(word)
        or gazetteer().kind(word) == "state"
        or lang.is_state(word)
    )


def role_after(paragraph: str, end: int, lang: Language | None = None) -> str:
    """An apposition right after a name that holds a title (", Iran's foreign minister,")."""
    lang = lang or base()
    found = _APPOSITION.match(paragraph, end)
    if found is None:
        return ""
    phrase = found.group(1).split()
    # "the", "le", "der" before the title or its owner; not "who", "and" before anything else
    while len(phrase) > 1 and fold(phrase[0]) in lang.stop and not _possessive(phrase[0]):
        if not (_title(phrase[1], lang) or _owner(phrase[1], lang)):
            return ""  # ", who was minister", ", and the general"
        phrase = phrase[1:]
    if not phrase or len(phrase) > MAX_WORDS or not any(_title(w, lang) for w in phrase):
        return ""
    last = max(i for i, w in enumerate(phrase) if _title(w, lang))
    follows = _AFTER_TITLE | (lang.stop - base().stop)  # "ministre des ...", "Minister der ..."
    if last + 1 < len(phrase) and fold(phrase[last + 1]) not in follows:
        return ""  # ", Foreign Minister Mevlut Cavusoglu said": another name, not a role
    return _tidy(phrase, lang)


def _tidy(phrase: list[str], lang: Language) -> str:
    """Titles in lower case (common nouns in a description, except where every noun is
    capitalised); names as written."""
    if not phrase or len(phrase) > MAX_WORDS or all(not _title(w, lang) for w in phrase):
        return ""
    lower = not lang.capitalised_nouns
    text = " ".join(
        w.lower() if lower and _title(w, lang) and not _acronym(w) else w for w in phrase
    )
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
