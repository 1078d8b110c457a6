"""From occurrences to candidates: group spellings, drop junk, fold variants into one name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.model import Corpus
from generator.review.candidates import kinds
from generator.review.candidates.describe import describe
from generator.review.candidates.lexicon import gazetteer, key, union, words
from generator.review.candidates.scan import Occurrence, Scanner
from generator.text.folding import fold, latin, slugify
from generator.text.matching import generic_alias

_COMMON_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ing", "ance", "ence", "ship", "ly")


@dataclass(frozen=True)
class CandidateActor:
    name: str
    kind: str
    aliases: tuple[str, ...]
    mentions: int
    sources: tuple[str, ...]
    context: str
    suggested_id: str
    role: str = ""  # a short neutral description from a title or apposition, or ""


@dataclass
class Group:
    name: str
    lemma: str  # what its spellings share: the key, stemmed where names inflect
    occurrences: list[Occurrence] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)

    @property
    def sources(self) -> set[str]:
        return {o.source for o in self.occurrences}

    def absorb(self, other: Group) -> None:
        self.occurrences.extend(other.occurrences)
        for variant in other.variants:
            if variant not in self.variants:
                self.variants.append(variant)


def junk(group: Group, scanner: Scanner) -> bool:
    occurrences = group.occurrences
    if all(o.headline for o in occurrences):
        return True  # headline-only
    if scanner.known(group.lemma, group.name):
        return True
    return len(group.name.split()) == 1 and _junk_word(group, scanner)


def _junk_word(group: Group, scanner: Scanner) -> bool:
    occurrences = group.occurrences
    folded = fold(group.name)
    found = {o.kind for o in occurrences if o.kind}
    letters = re.sub(r"[^a-z]", "", folded)
    if kinds.is_acronym(group.name) and letters in scanner.known_initials:
        return True  # "U.S." for United States
    stem = re.sub(r"s$", "", letters)
    if len(stem) >= 4 and any(w.startswith(stem) for w in scanner.known_words):
        return True  # "Turks", "Syrians": forms of known names
    if folded in union("stop_words", "calendar_words", "titles"):
        return True
    if all(o.label for o in occurrences) and not found:
        return True  # "Attendance:", "Scorers:": labels of a table or a list
    if folded in words("fragment_words") and "place" not in found and "state" not in found:
        return True  # "Affairs", "Change": left over from a cut name or a quoted exclamation
    if gazetteer().kind(group.name):
        return False
    if all(o.initial for o in occurrences) and (
        len(occurrences) == 1 or scanner.common(group.name)
    ):
        return True
    if not found and len(occurrences) == 1 and folded.endswith(_COMMON_SUFFIXES):
        return True
    return not found and scanner.common(group.name)


def kind_of(group: Group) -> str:
    votes: dict[str, int] = {}
    for occurrence in group.occurrences:
        if occurrence.kind:
            votes[occurrence.kind] = votes.get(occurrence.kind, 0) + 1
    if not votes:
        return "unknown"
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def group_occurrences(scanner: Scanner) -> list[Group]:
    groups: dict[str, Group] = {}
    for occurrence in scanner.occurrences:
        lemma = occurrence.lemma or key(occurrence.text)
        group = groups.setdefault(lemma, Group(occurrence.text, lemma))
        group.occurrences.append(occurrence)
        if occurrence.text not in group.variants:
            group.variants.append(occurrence.text)
    # Prefer the spelling seen most, then the first seen, as the name.
    for group in groups.values():
        counts = {v: sum(1 for o in group.occurrences if o.text == v) for v in group.variants}
        group.name = max(group.variants, key=lambda v: (counts[v], -group.variants.index(v)))
    return list(groups.values())


class _Hosts:
    """Longer names seen so far, indexed by their word suffixes and prefixes (linear time)."""

    def __init__(self) -> None:
        self.by_suffix: dict[str, list[Group]] = {}
        self.by_prefix: dict[str, list[Group]] = {}
        self.size: dict[int, int] = {}

    def add(self, group: Group) -> None:
        parts = group.lemma.split()
        self.size[id(group)] = len(parts)
        for i in range(1, len(parts)):
            self.by_suffix.setdefault(" ".join(parts[i:]), []).append(group)
            if i >= 2:
                self.by_prefix.setdefault(" ".join(parts[:i]), []).append(group)

    def find(self, group: Group) -> Group | None:
        """A longer name this one is a form of: its surname in the same sources ("Karlov"),
        or its first words when both are people ("Josep Borrell" in "Josep Borrell Fontelles")."""
        name = group.lemma
        for other in self.by_suffix.get(name, ()):
            if group.sources <= other.sources:
                return other
        if len(name.split()) >= 2 and kind_of(group) in ("person", "unknown"):
            for other in self.by_prefix.get(name, ()):
                if kind_of(other) == "person":
                    return other
        return None


def merge_variants(groups: list[Group]) -> list[Group]:
    by_words = sorted(groups, key=lambda g: (-len(g.name.split()), key(g.name)))
    merged: list[Group] = []
    hosts = _Hosts()
    for group in by_words:
        host = hosts.find(group)
        if host is None:
            merged.append(group)
            hosts.add(group)
        else:
            host.absorb(group)
    return merged


def _surname_kinds(groups: list[Group]) -> dict[str, str]:
    """A lone word that is a person's surname in another source is a person too ("Karlov")."""
    surnames = {
        key(g.name).split()[-1]
        for g in groups
        if len(g.name.split()) > 1 and kind_of(g) == "person"
    }
    return {key(g.name): "person" for g in groups if key(g.name) in surnames}


def candidate_actors(corpus: Corpus, scanner: Scanner) -> list[CandidateActor]:
    groups = merge_variants([g for g in group_occurrences(scanner) if not junk(g, scanner)])
    # a name only where one of its forms showed more than capitals (German nouns)
    groups = [g for g in groups if any(o.evidenced for o in g.occurrences)]
    guessed = _surname_kinds(groups)
    used_ids = set(corpus.actors)
    result: list[CandidateActor] = []
    for group in sorted(groups, key=lambda g: (-len(g.occurrences), g.name)):
        result.append(_candidate(group, scanner, used_ids, guessed.get(key(group.name))))
    result.sort(key=lambda c: (-c.mentions, c.name))
    return result


def _candidate(
    group: Group, scanner: Scanner, used_ids: set[str], guess: str | None
) -> CandidateActor:
    kind = kind_of(group)
    if kind == "unknown" and guess:
        kind = guess
    # A generic variant ("Defence Ministry" beside "Turkish Defence Ministry") would match
    # every state's ministry: not proposed as an alias (validate refuses it too).
    aliases = [group.name, *(v for v in group.variants if key(v) != key(group.name))]
    aliases = [a for a in aliases if a == group.name or not generic_alias(a)]
    if kind == "person" and len(group.name.split()) > 1:
        surname = group.name.split()[-1]
        if surname not in aliases and key(surname) not in scanner.known_keys:
            aliases.append(surname)
    occurrences = sorted(group.occurrences, key=lambda o: (o.source, o.paragraph, o.start))
    contexts = [o for o in occurrences if o.full_sentence] or occurrences
    ident = slugify(latin(group.name)) or "candidate"
    base, n = ident, 2
    while ident in used_ids:
        ident, n = f"{base}-{n}", n + 1
    used_ids.add(ident)
    return CandidateActor(
        name=group.name,
        kind=kind,
        aliases=tuple(_dedupe(aliases)),
        mentions=len(group.occurrences),
        sources=tuple(sorted(group.sources)),
        context=contexts[0].context,
        suggested_id=ident,
        role=describe(o.role for o in occurrences),
    )


def _dedupe(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


def ambiguous_mentions(scanner: Scanner, actors: list[CandidateActor]) -> list[dict[str, str]]:
    """Single-word known aliases that sit inside a longer unknown capitalised name.

    "Michel" (Charles Michel) in "Michel Barnier" is matched to the known actor by the link
    stage, but it is part of another name: worth a human look.
    """
    candidates = {key(c.name) for c in actors}
    found: dict[tuple[str, str, str, str], dict[str, str]] = {}
    for item in scanner.ambiguous:
        rest = key(item["candidate"]).replace(key(item["alias"]), "").strip()
        if not rest or not any(rest in c or c in rest for c in candidates):
            continue
        found[(item["source"], item["alias"], item["actor"], item["candidate"])] = item
    return [found[k] for k in sorted(found)]
