"""The library's exception family; the CLI turns these into one-line errors and exit codes."""

from __future__ import annotations

from collections.abc import Iterable

from generator.model import Location


class DossierError(Exception):
    """Base of every error the generator reports to a user."""

    exit_code = 1


class Problem:
    """One thing wrong with the corpus, at a file and line."""

    __slots__ = ("location", "message")

    def __init__(self, location: Location | None, message: str) -> None:
        self.location = location
        self.message = message

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message

    def sort_key(self) -> tuple[str, int, str]:
        loc = self.location
        return (loc.file if loc else "", loc.line if loc else 0, self.message)


class CorpusError(DossierError):
    """The corpus is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the corpus")

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class BuildError(DossierError):
    """Writing the docs or building the site failed; the previous output is left intact."""
