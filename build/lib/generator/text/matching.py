"""Finding known actors in text by any alias: case- and diacritics-insensitive, whole words."""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.model import Actor
from generator.text.folding import collapse_ws, fold


class AliasMatcher:
    """One compiled pattern for every alias; the longest alias wins at each position."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.by_alias: dict[str, str] = {}
        for actor in actors:
            for alias in actor.all_names:
                self.by_alias.setdefault(collapse_ws(fold(alias)), actor.id)
        alternatives = sorted(self.by_alias, key=lambda a: (-len(a), a))
        pattern = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alternatives)
        # (?!\w) lets possessives through (Turkey's) but never a longer word (Russian).
        self.pattern = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)") if alternatives else None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, actor id) for each alias occurrence, in text order."""
        if self.pattern is None:
            return []
        return [
            (m.start(), m.end(), self.by_alias[collapse_ws(m.group())])
            for m in self.pattern.finditer(fold(text))
        ]


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
