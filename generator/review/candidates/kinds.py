"""What kind of actor a capitalised run names, from its words, the gazetteer and its context."""

from __future__ import annotations

import re

from generator.review.candidates.lexicon import gazetteer, union, words
from generator.text.folding import fold
from generator.text.matching import demonyms

# Lower-case words just before a name that say it is a person (with up to two words between).
_PERSON_CUES = re.compile(
    r"\b(?:president|minister|ambassador|envoy|spokes(?:man|woman|person)|leader|general|"
    r"commander|chief|head|counterpart|secretary|correspondent|reporter|journalist|"
    r"analyst|adviser|advisor|aide|chairman|director|mayor|governor|senator|premier|"
    r"chancellor|king|prince|colonel|officer|official|lawyer|gunman|citizen)s?"
    r"(?:\s+(?!of\b|in\b|and\b)[a-z][\w-]*){0,2}[\s,]*$"
)
_ORG_CUES = re.compile(r"\b(?:operator|company|firm|group|agency|giant|producer|maker)\s*$")
_PLACE_CUES = re.compile(
    r"\b(?:village|town|city|province|region|district|capital|port|resort|island|"
    r"county|municipality)\s+of\s*$"
)
_PLACE_AFTER = re.compile(
    r"^\s+(?:province|region|district|village|town|city|area|border|county|governorate)\b"
)
_ARTICLE_NAME = re.compile(r"^(?:al|el|ad|as|ash|at|an|ar)-")
_DEMONYM = re.compile(r"(?:ian|ean|ish|ese|ic|ern)s?$")


def is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def looks_name(word: str) -> bool:
    """Title case like a given name or surname: "Sergei", "al-Assad", "O'Neill"."""
    core = _ARTICLE_NAME.sub("", word)
    return core[:1].isupper() and (core[1:].islower() or not re.search(r"[A-Z]", core[1:2]))


def demonym(word: str) -> bool:
    """ "Russian", "Syrians", "Kurdish": an adjective or people, not a name on its own."""
    folded = fold(word)
    known = demonyms()
    return folded in known or folded.removesuffix("s") in known or bool(_DEMONYM.search(folded))


def by_heads(names: list[str]) -> str | None:
    """The kind the first or last word of a name says: "X News", "Free X Army", "X Ministry"."""
    folded = [fold(w).rstrip(".") for w in names]
    several = len(names) > 1
    # The head of "National Bank of Romania" is "Bank": the word before "of" or "for".
    cut = next((i for i, w in enumerate(folded) if w in ("of", "for")), len(folded))
    last = folded[cut - 1] if cut > 0 else folded[-1]
    if "&" in folded:
        return "organisation"  # "Standard & Poor", "Harlow & Finch": a firm
    if several and len(names) <= 3 and folded[0] in words("compass_words"):
        return "place"  # "West Bank", "East Coast"
    if (folded[0] in words("news_agencies") and not several) or (
        several and last in words("media_heads")
    ):
        return "media"
    if several and last in words("state_heads"):
        return "state"  # "Republic of Ireland", "Chechen Republic"
    if several and any(w in words("armed_group_words") for w in folded):
        return "armed-group"
    if several and ("for" in folded or folded[0] in demonyms()):
        return "organisation"  # "Centre for Strategic Studies", "Syrian Observatory"
    if (
        last in words("organisation_heads")
        or folded[-1] in words("organisation_heads")
        or (several and folded[0] in words("organisation_fronts"))
    ):
        return "organisation"
    if several and last in words("place_heads"):
        return "place"
    return None


def by_shape(names: list[str]) -> str | None:
    """Weaker signs: named after a place ("Los Angeles Dodgers", "Dynamo Moscow"), an acronym."""
    gazetteer_ = gazetteer()
    if len(names) > 1 and (
        any(gazetteer_.named_after(" ".join(names[:i])) for i in range(1, len(names)))
        or (len(names) == 2 and gazetteer_.named_after(names[-1]))
    ):
        return "organisation"
    if len(names) == 1 and is_acronym(names[0]):
        return "organisation"
    return None


def by_context(names: list[str], before: str, after: str) -> str | None:
    """The kind the words around a name say: "the firm X", "in X", "X province"."""
    folded_before = fold(before)
    if _ORG_CUES.search(folded_before):
        return "organisation"
    if _PLACE_AFTER.match(after) or _PLACE_CUES.search(folded_before):
        return "place"
    if len(names) == 1:
        previous = re.search(r"(\w+)\s+$", before)
        if previous and previous.group(1) in words("place_prepositions"):
            return "place"
    return None


def personal(names: list[str]) -> bool:
    """Two to five title-case words, none institutional or a stop word, particles inside:
    "Hakan Fidan", "Joost van der Westhuizen"."""
    folded = [fold(w) for w in names]
    inner = [w for w, f in zip(names, folded, strict=True) if f not in words("name_particles")]
    return (
        2 <= len(names) <= 5
        and len(inner) >= 2
        and looks_name(names[0])
        and looks_name(names[-1])
        and all(looks_name(w) for w in inner)
        and not any(w in union("stop_words", "institutional_words") for w in folded)
    )


def kind_of(names: list[str], before: str, after: str, titled: bool) -> str | None:
    """person, state, place, organisation, media, armed-group, or None when nothing tells."""
    if titled:
        return "person"
    found = gazetteer().kind(" ".join(names)) or by_heads(names)
    if found:
        return found
    if _PERSON_CUES.search(fold(before)) and all(looks_name(w) for w in names):
        return "person"
    found = by_shape(names) or by_context(names, before, after)
    if found:
        return found
    return "person" if personal(names) else None
