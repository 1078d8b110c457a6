"""What the name rules know per language of a source (front matter `language:`).

English is the base (the word lists in data/). Each other language the rules support has a
data file, data/language_<code>.txt, with sections: its function words ([stop]), the titles
that stand in front of a person's name ([titles]), the words that make a name an institution
([organisations]: "Ministerio", "Bakanlığı", the end of "Verteidigungsministerium") and its
rules ([rules]): `capitalised_nouns` (German: a capitalised word is no evidence of a name),
`apostrophe_suffixes` (Turkish: "Erdoğan'ın" is Erdoğan) and `inflected` (Russian: "Путина"
is a form of Путин, by the [endings]). State names in the language come from pycountry's
translations. A source in a language with no file gets no proposals: review says so instead
of proposing junk.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache, cached_property

import pycountry

from generator.model import Corpus
from generator.review.candidates.lexicon import DATA, key, union
from generator.text.folding import fold

BASE = "en"
UNKNOWN = "unknown"  # no language stated: read as the base, as before


@dataclass(frozen=True)
class Language:
    code: str
    stop: frozenset[str]  # the base's stop words and the language's own, folded
    titles: frozenset[str]
    states: frozenset[str]  # folded state names in the language ("turkei", "russie")
    capitalised_nouns: bool = False
    apostrophe_suffixes: bool = False
    endings: tuple[str, ...] = ()  # case endings, longest first, when names inflect
    organisations: frozenset[str] = frozenset()  # "ministerio", "bakanlığı", "ministerium"

    def lemma(self, text: str) -> str:
        """The form a name's variants are grouped by: its key, each word without its case
        ending where names inflect ("Кемаля Юртсевера" and "Кемаль Юртсевер" alike)."""
        words = key(text).split()
        if not self.endings:
            return " ".join(words)
        return " ".join(self._stem(w) for w in words)

    def _stem(self, word: str) -> str:
        for ending in self.endings:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                return word[: -len(ending)]
        return word

    @cached_property
    def state_lemmas(self) -> frozenset[str]:
        return frozenset(self.lemma(s) for s in self.states)

    def institution(self, names: list[str]) -> bool:
        """A word of the name says it is an institution ("Ministerio de Defensa", "Savunma
        Bakanlığı"), or ends a compound that does ("Bundesministerium der Verteidigung"). One
        word alone is a common noun ("Ministerium", "Nachrichtenagentur"), or generic
        ("Verteidigungsministerium": every state has one)."""
        folded = [fold(w) for w in names]
        return len(folded) > 1 and any(
            w == head or (w.endswith(head) and len(w) > len(head) + 2)
            for w in folded
            for head in self.organisations
        )

    def is_state(self, name: str) -> bool:
        """A state's name in the language, in any of its cases ("Турции" for Турция)."""
        return key(name) in self.states or (
            bool(self.endings) and self.lemma(name) in self.state_lemmas
        )


def code_of(language: str) -> str:
    """ "de", "DE", "de-AT", "German" -> "de"; "" or "unknown" -> the base."""
    wanted = language.strip().lower().replace("_", "-").split("-")[0]
    if not wanted or wanted == UNKNOWN:
        return BASE
    if len(wanted) == 2:
        return wanted
    try:
        found = pycountry.languages.lookup(wanted)
    except LookupError:
        return wanted
    return str(getattr(found, "alpha_2", wanted))


def supported() -> tuple[str, ...]:
    return (BASE, *sorted(p.stem.removeprefix("language_") for p in DATA.glob("language_*.txt")))


@cache
def base() -> Language:
    return Language(BASE, union("stop_words", "calendar_words"), union("titles"), frozenset())


@cache
def language(code: str) -> Language | None:
    """The rules for a language code; None when there are none (not supported)."""
    if code == BASE:
        return base()
    path = DATA / f"language_{code}.txt"
    if not path.is_file():
        return None
    sections = _sections(path.read_text(encoding="utf-8"))
    rules = sections.get("rules", set())
    return Language(
        code,
        union("stop_words", "calendar_words") | sections.get("stop", set()),
        union("titles") | sections.get("titles", set()),
        _state_names(code),
        capitalised_nouns="capitalised_nouns" in rules,
        apostrophe_suffixes="apostrophe_suffixes" in rules,
        endings=tuple(sorted(sections.get("endings", ()), key=lambda e: (-len(e), e)))
        if "inflected" in rules
        else (),
        organisations=frozenset(sections.get("organisations", ())),
    )


def _sections(text: str) -> dict[str, set[str]]:
    """ "[name]" lines open a section; every other line is one word (folded), "#" a comment."""
    sections: dict[str, set[str]] = {}
    current = sections.setdefault("", set())
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word.startswith("[") and word.endswith("]"):
            current = sections.setdefault(word[1:-1], set())
        elif word:
            current.add(fold(word))
    return sections


def _state_names(code: str) -> frozenset[str]:
    """The states' names in the language, from pycountry's translations ("Türkei")."""
    try:
        names = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code])
    except OSError:
        return frozenset()
    found: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                found.add(key(names.gettext(value).split(",")[0]))
    return frozenset(found)


def unsupported(corpus: Corpus) -> dict[str, str]:
    """Sources whose language the name rules do not know: source id -> language as given."""
    return {
        source.id: source.language
        for source in corpus.sources.values()
        if language(code_of(source.language)) is None
    }
