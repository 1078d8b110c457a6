"""Stable keys for review proposals, and the ids and titles a proposal suggests.

A key names what a proposal would write, so it stays the same between runs while the
proposal does: a candidate actor by its name; a candidate event by its date and evidence
sentence (with its source); a link by its event, source and sentence. A short hash stands for the
sentence, so a key is short enough to type; when the sentence changes (its source was
edited), the key changes, and `accept` of the old key says so.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from generator.text.folding import slugify


def short_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:8]


def actor_key(name: str) -> str:
    """By the name's slug; a name with no Latin letters ("Путин") by a hash of it."""
    return f"actor:{slugify(name) or short_hash(name)}"


def unique(items: list[dict[str, Any]], what: str) -> list[dict[str, Any]]:
    """Two proposals never share a key: a second one gets a hash of its `what` appended."""
    seen: set[str] = set()
    for item in items:
        if item["key"] in seen:
            item["key"] = f"{item['key']}:{short_hash(str(item[what]))}"
        seen.add(item["key"])
    return items


def event_key(date: str, source: str, evidence: str) -> str:
    """By the evidence sentence and its source: another source reporting the same event
    later joins the proposal without changing its key."""
    return f"event:{date}:{short_hash(source, ' '.join(evidence.split()))}"


def link_key(event: str, source: str, sentence: str) -> str:
    return f"link:{event}:{short_hash(source, ' '.join(sentence.split()))}"


def date_key(event: str, date: str) -> str:
    return f"date:{event}:{date}"


def published_key(source: str, date: str) -> str:
    return f"published:{source}:{date}"


def ambiguous_key(item: Mapping[str, str]) -> str:
    return f"ambiguous:{slugify(item['alias'])}:{short_hash(item['candidate'], item['source'])}"


def stem(key: str) -> str:
    """What a key names, without the hash that pins its exact text."""
    kind, _, rest = key.partition(":")
    if kind in ("event", "link", "ambiguous"):
        return f"{kind}:{rest.rpartition(':')[0]}"
    if kind in ("date", "published"):
        return f"{kind}:{rest.rpartition(':')[0]}"
    return key


def event_id(
    title: str, date: str, taken: Iterable[str], names: Mapping[str, str] | None = None
) -> str:
    """The title's first words and the year, unique among the ids taken; a name in `names`
    (an actor's name -> its id) stands as its id, so that "Recep Tayyip Erdoğan and Vladimir
    Putin meet in Moscow" is erdogan-putin-meet-moscow, not recep-tayyip-erdogan-vladimir-putin."""
    for name in sorted(names or {}, key=len, reverse=True):
        title = title.replace(name, f" {(names or {})[name]} ")
    title = re.sub(r"['’]", "", re.sub(r"['’]s\b", "", title))  # "Syria's": syria
    words = [w for w in slugify(title).split("-") if w not in {"and", "a", "an", "the", "in"}]
    base = "-".join([*words[:5], date[:4]])
    used = set(taken)
    ident, n = base, 2
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    return ident


_ROLE_CUES = {  # kind: (cue in the sentence, role of who is named first, role of the others)
    "meeting": (re.compile(r"\bhost(?:s|ed|ing)?\b", re.I), "host", "visitor"),
    "phone-call": (re.compile(r"\b(?:call(?:s|ed)?|(?:tele)?phoned)\b", re.I), "caller", "callee"),
    "letter": (re.compile(r"\b(?:wrote|writes|sent)\b", re.I), "sender", "recipient"),
    "statement": (re.compile(r"."), "speaker", ""),
}


def proposed_roles() -> set[str]:
    """Every role a proposal can give."""
    return {role for _cue, *roles in _ROLE_CUES.values() for role in roles if role}


def guess_roles(kind: str, sentence: str, people: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Roles the sentence shows: who is named first hosts, calls, writes or speaks; the
    other people named are the visitors, callees or recipients. people: id -> names."""
    cue = _ROLE_CUES.get(kind)
    if cue is None or not people or not cue[0].search(sentence):
        return {}
    text = sentence.lower()
    found = {
        ident: min((text.find(n.lower()) for n in names if n.lower() in text), default=len(text))
        for ident, names in people.items()
    }
    first = min(found, key=lambda ident: (found[ident], ident))
    roles = {first: cue[1]}
    if cue[2]:
        roles.update({ident: cue[2] for ident in people if ident != first})
    return roles
