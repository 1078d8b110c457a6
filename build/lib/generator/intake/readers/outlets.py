"""The outlet of a saved page: the site name its metadata gives, unless that names no outlet.

Candidates come in order of trust (og:site_name, the JSON-LD publisher, trafilatura's site
name); a candidate is cut to its first segment ("LinkNaija | Nigeria's news platform" ->
"LinkNaija"), and refused when it is a handle ("@politifact") or a word that names no outlet
(data/site_name_junk.txt: "Hosted", "Home", "WordPress"). When none is left, the page's host
names the outlet: from data/outlet_hosts.txt (hosted.ap.org -> Associated Press), else the
host itself (vortexcannon.org), which the page does state.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from generator.intake.clean import normalise_line

_SEGMENTS = re.compile(r"\s+[|•·–—-]\s+|\s+:\s+")


def _data_lines(name: str) -> list[str]:
    text = resources.files("generator.intake").joinpath("data", name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def _junk() -> frozenset[str]:
    return frozenset(line.casefold() for line in _data_lines("site_name_junk.txt"))


@cache
def _hosts() -> dict[str, str]:
    return dict(line.split("\t", 1) for line in _data_lines("outlet_hosts.txt"))


def site_name(value: str | None) -> str | None:
    """A site name as an outlet: its first segment, or None when it names no outlet."""
    name = _SEGMENTS.split(normalise_line(value or ""), maxsplit=1)[0].strip()
    if not name or name.startswith("@") or len(name) > 80 or name.casefold() in _junk():
        return None
    return name


def _letters(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())


def _better_written(name: str, others: list[str]) -> str:
    """ "TheHill" or "detroitnews" -> "The Hill", "The Detroit News" when another candidate is
    the same name written in words."""
    if " " in name:
        return name
    key = _letters(name)
    for other in others:
        if " " in other and _letters(other).endswith(key):
            return other
    return name


def _host(url: str | None) -> str:
    try:
        return (urlsplit(url or "").hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def _brand(host: str) -> str:
    """The label that names the site: "vortexcannon" in vortexcannon.org, "express" in
    express.co.uk."""
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in ("co", "com", "org", "net", "ac", "gov", "or", "ne"):
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else ""


_TAIL_SEGMENT = re.compile(r"\s+[|•·–—:/-]\s+([^|•·–—:/]{1,80})$")


def cut_site_name(title: str, names: list[str | None], url: str | None) -> str:
    """ "Headline | Site" -> "Headline": a site name, or a segment naming the host
    ("... – Vortex Cannon Entertainment" on vortexcannon.org), cut off the title's end; only
    behind a separator, so "New CEO at Experience" keeps its last word."""
    match = _TAIL_SEGMENT.search(title)
    if not match:
        return title
    tail = _letters(match.group(1))
    brand = _brand(_host(url))
    known = {_letters(name) for name in names if name}
    words = match.group(1).split()
    name_like = all(w[0].isupper() and not any(c.isdigit() for c in w) for w in words)
    if tail in known or (name_like and len(brand) >= 4 and tail.startswith(brand)):
        return title[: match.start()].strip() or title
    return title


def host_outlet(url: str | None) -> str | None:
    """The outlet a page address names: a known news host's name, else the host itself."""
    host = _host(url)
    if not host or "." not in host:
        return None
    labels = host.split(".")
    for start in range(len(labels) - 1):
        if name := _hosts().get(".".join(labels[start:])):
            return name
    return host


def choose_outlet(candidates: list[str | None], url: str | None) -> str | None:
    """The outlet: the first usable site name (in the candidates' order), else the host's."""
    names = [name for value in candidates if (name := site_name(value))]
    if names:
        return _better_written(names[0], names[1:])
    return host_outlet(url)
