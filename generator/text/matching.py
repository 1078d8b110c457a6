"""Finding known actors in text by any alias: case- and diacritics-insensitive, whole words.

Besides the aliases in actors.yml, two kinds of phrase stand for a known actor:
- "<demonym> military/army/troops..." for the one armed group of a known state ("the Turkish
  military" -> Turkish Armed Forces), always;
- "<demonym> president/leader/side..." for the state itself ("Iranian President Hassan
  Rouhani" also names Iran), when the matcher is asked for such implied mentions.
Demonyms come from data/demonyms.tsv; a demonym belongs to a known state whose name or alias
is the state the file names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from generator.model import Actor
from generator.text.folding import collapse_ws, fold

_DATA = Path(__file__).resolve().parent / "data"


@cache
def demonyms() -> dict[str, str]:
    """Folded demonym -> the state's name ("iranian" -> "Iran")."""
    found: dict[str, str] = {}
    for line in (_DATA / "demonyms.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            demonym, state = line.split("\t")
            found[demonym.strip()] = state.strip()
    return found


@cache
def _phrases(name: str) -> tuple[str, ...]:
    text = (_DATA / f"{name}.txt").read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(line for line in lines if line)


def generic_alias(name: str) -> bool:
    """ "Defence Ministry", "the president", "Ministry of Foreign Affairs": every state has
    one, so as an alias it would match them all (data/generic_alias_words.txt)."""
    fillers = _word_set("generic_alias_fillers")
    found = [w for w in re.findall(r"[^\W\d_]+", fold(name)) if w not in fillers]
    return bool(found) and all(w in _word_set("generic_alias_words") for w in found)


@cache
def _word_set(name: str) -> frozenset[str]:
    return frozenset(_phrases(name))


def _key(text: str) -> str:
    return collapse_ws(fold(text))


def state_demonyms(actors: Iterable[Actor]) -> dict[str, str]:
    """Folded demonym -> id of the known state it belongs to ("turkish" -> "turkey")."""
    states = {_key(n): a.id for a in actors if a.kind == "state" for n in a.all_names}
    return {d: states[_key(s)] for d, s in demonyms().items() if _key(s) in states}


def armed_force_aliases(actors: Iterable[Actor]) -> dict[str, str]:
    """ "turkish military" -> turkish-armed-forces: the one armed group of a known state."""
    actors = list(actors)
    armed: dict[str, list[str]] = {}
    for actor in actors:
        if actor.kind == "armed-group" and actor.affiliation:
            armed.setdefault(actor.affiliation, []).append(actor.id)
    found: dict[str, str] = {}
    for demonym, state in state_demonyms(actors).items():
        if len(armed.get(state, ())) == 1:
            for word in _phrases("armed_forces"):
                found[f"{demonym} {word}"] = armed[state][0]
    return found


def _alternation(phrases: Iterable[str]) -> str:
    ordered = sorted(set(phrases), key=lambda a: (-len(a), a))
    return "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in ordered)


_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "your"})


class AliasMatcher:
    """One compiled pattern for every alias; the longest alias wins at each position.

    implied: also report the state a demonym stands for before an office ("Iranian
    President"), as (start, end of the demonym, state id).
    """

    def __init__(self, actors: Iterable[Actor], implied: bool = False) -> None:
        actors = list(actors)
        self.by_alias: dict[str, str] = {}
        for actor in actors:
            for alias in actor.all_names:
                self.by_alias.setdefault(_key(alias), actor.id)
        for phrase, actor_id in armed_force_aliases(actors).items():
            self.by_alias.setdefault(phrase, actor_id)  # an alias in actors.yml wins
        pattern = _alternation(self.by_alias)
        # (?!\w) lets possessives through (Turkey's) but never a longer word (Russian).
        self.pattern = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)") if self.by_alias else None
        self.short_forms = ShortForms(actors)
        self.states = state_demonyms(actors) if implied else {}
        self.implied: re.Pattern[str] | None = None
        if self.states:
            offices = _alternation(_phrases("state_offices"))
            demonym = _alternation(self.states)
            self.implied = re.compile(rf"(?<!\w)({demonym})\s+(?:{offices})(?!\w)")

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, actor id) for each alias occurrence (and, if asked for, each implied
        state), in text order."""
        return self.with_implied(text, self.find_named(text))

    def find_named(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, actor id) for each alias occurrence, in text order."""
        if self.pattern is None:
            return []
        return [
            (m.start(), m.end(), self.by_alias[collapse_ws(m.group())])
            for m in self.pattern.finditer(fold(text))
        ]

    def with_implied(
        self, text: str, named: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """The named mentions plus the states implied by a demonym before an office."""
        if self.implied is None:
            return named
        return sorted(named + self._implied(fold(text), named))

    def _implied(
        self, folded: str, found: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """Demonyms before an office, where no alias already covers the demonym."""
        assert self.implied is not None
        # found is in text order and its spans do not overlap (one pattern's matches): the
        # one that could cover a demonym is the last to start before it ends, found by
        # bisection (a look at every span for each demonym was quadratic: 400,000
        # characters of "Turkish President ..." took 12 s)
        starts = [s for s, _, _ in found]
        extra: list[tuple[int, int, str]] = []
        for match in self.implied.finditer(folded):
            start, end = match.span(1)
            # "Iranian President Hassan Rouhani" is a title naming the state; "the Russian
            # leader" and "his Turkish counterpart" are descriptions of a person instead.
            before = folded[max(0, start - 8) : start].split()
            if before and before[-1] in _DETERMINERS:
                continue
            before_end = bisect_left(starts, end) - 1
            if before_end < 0 or found[before_end][1] <= start:
                extra.append((start, end, self.states[match.group(1)]))
        return extra


def short_form(alias: str) -> str | None:
    """The generic part of a qualified name ("Turkish Defence Ministry" -> "defence
    ministry", "Government of Syria" -> "government"), folded; None when the name has none
    or is generic as a whole."""
    words = _key(alias).split()
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if generic_alias(tail) and not generic_alias(head):
            return tail
    # the owner after a filler: "Government of Syria", "Ministerio de Defensa de Turquía"
    for cut in range(len(words) - 1, 0, -1):
        head, rest = " ".join(words[:cut]), words[cut:]
        fillers = _word_set("generic_alias_fillers")
        joins = rest[0] in fillers and words[cut - 1] not in fillers
        if joins and generic_alias(head) and not generic_alias(" ".join(rest)):
            return head
    return None


class ShortForms:
    """A qualified name's generic short form ("the Defence Ministry" after "Turkish Defence
    Ministry") stands for it where the source has named that actor before, and no other
    known actor with the same short form; written as a name (capitalised), as "the army" and
    "a military conflict" are plain words. A generic alias in actors.yml would match every
    state's ministry; resolved like this, it matches only the one the source is about."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.owners: dict[str, set[str]] = {}
        for actor in actors:
            for alias in actor.all_names:
                short = short_form(alias)
                if short is not None:
                    self.owners.setdefault(short, set()).add(actor.id)
        pattern = _alternation(self.owners)
        self.pattern = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)") if self.owners else None

    def find(
        self, text: str, named: list[tuple[int, int, str]], seen: set[str]
    ) -> list[tuple[int, int, str]]:
        """(start, end, actor id) of the short forms in text that stand for one actor named
        before: in an earlier paragraph (seen) or earlier in this one (named)."""
        if self.pattern is None:
            return []
        found: list[tuple[int, int, str]] = []
        for match in self.pattern.finditer(fold(text)):
            start, end = match.span()
            if not text[start].isupper():
                continue  # "their forces", "a military conflict": words, not a name's form
            if any(s < end and start < e for s, e, _ in named) or _inside_name(text, start, end):
                continue
            earlier = seen | {a for s, _, a in named if s < start}
            owners = self.owners[collapse_ws(match.group())] & earlier
            if len(owners) == 1:
                found.append((start, end, next(iter(owners))))
        return found


def _inside_name(text: str, start: int, end: int) -> bool:
    """Part of a longer name: "Free Syrian Army", "the Defence Ministry of Iran"."""
    previous = re.search(r"(\S+)\s+$", text[max(0, start - 40) : start])
    if previous is not None:
        word = previous.group(1)
        if word[:1].isupper() and word.lower() not in _DETERMINERS and word[-1].isalnum():
            return True
    return bool(re.match(r"\s+of\s+(?:the\s+)?[A-Z]", text[end : end + 30]))


class RoleIndex:
    """Role phrases ("the Russian leader") that stand for exactly one actor."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        owners: dict[str, set[str]] = {}
        for actor in actors:
            for role in actor.roles:
                owners.setdefault(collapse_ws(fold(role)), set()).add(actor.id)
        self.by_role = {role: ids.pop() for role, ids in owners.items() if len(ids) == 1}

    def resolve(self, phrase: str) -> str | None:
        key = collapse_ws(fold(phrase))
        key = re.sub(r"^(the|a|an|his|her|its|their)\s+", "", key)
        return self.by_role.get(key)
