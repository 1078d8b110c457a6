"""The analyst's review decisions, kept in corpus/review.yml (in git like the rest).

A rejected proposal never comes back in `review`; an accepted one is recorded with what it
became. Each decision carries the day it was made: the corpus's own history, which the
"What's new" page is dated by.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import DossierError
from generator.model import Location
from generator.safe_io import RECORD_MAX_BYTES, UnsafeFile, read_bytes
from generator.stages.load import display_path
from generator.stages.validate import did_you_mean
from generator.yamlio import LineList, LineMap, parse_yaml

REVIEW_FILE = "review.yml"
HEADER = (
    "# Review decisions, written by `python -m generator accept` and `reject`;\n"
    "# `undo KEY` takes one back. A rejected proposal never comes back in `review`\n"
    "# (`review --all` shows it).\n"
)

FIELDS = ("key", "decision", "date", "what", "into", "reason")
CHOICES = ("accepted", "rejected")
# the first word of every key review gives (generator/review/keys.py)
KINDS = ("actor", "event", "link", "date", "published", "ambiguous")


@dataclass(frozen=True)
class Decision:
    key: str
    decision: str  # accepted | rejected
    date: str
    what: str = ""
    into: str = ""  # what an accepted proposal became, e.g. "actor andrei-karlov"
    reason: str = ""

    def as_dict(self) -> dict[str, str]:
        found = {"decision": self.decision, "date": self.date}
        found.update({k: v for k, v in (("into", self.into), ("reason", self.reason)) if v})
        return found


def read_decisions(corpus_dir: Path) -> dict[str, Decision]:
    path = corpus_dir / REVIEW_FILE
    if not os.path.lexists(path):
        return {}
    name = display_path(path)
    try:  # through safe_io: no link (out of the corpus), FIFO (it would wait) or device
        text = read_bytes(path, RECORD_MAX_BYTES).decode("utf-8")
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # as written on Windows
        data, problems = parse_yaml(text, name)
    except (UnsafeFile, UnicodeDecodeError) as exc:
        raise DossierError(f"{name}: cannot read the review decisions ({exc})") from None
    if problems:  # one line at its place, like every corpus file
        raise DossierError(str(problems[0]))
    if data is not None and not isinstance(data, list):
        where = Location(name, getattr(data, "line", 1))  # where the mapping or text starts
        raise DossierError(f"{where}: the review decisions must be a list of key/decision/date")
    decisions: dict[str, Decision] = {}
    lines: dict[str, int] = {}
    for index, item in enumerate(data or []):
        line = data.item_lines[index] if isinstance(data, LineList) else 1
        decision = _decision(item, Location(name, line))
        if decision.key in decisions:  # the later one would win in silence
            raise DossierError(
                f"{Location(name, line)}: '{decision.key}' is decided twice "
                f"(first on line {lines[decision.key]}; keep one of the two)"
            )
        decisions[decision.key], lines[decision.key] = decision, line
    return decisions


def _decision(item: Any, where: Location) -> Decision:
    """One decision, as `accept` and `reject` write it; a slip made by hand is refused at
    its line: a misspelt 'rejected' or field was read as no rejection, a date as no day."""
    if not isinstance(item, dict) or not {"key", "decision", "date"} <= item.keys():
        raise DossierError(
            f"{where}: a decision needs key, decision and date (as the others in the file)"
        )
    for field in item:
        if field not in FIELDS:
            hint = did_you_mean(str(field), FIELDS) or f" (the fields are {', '.join(FIELDS)})"
            raise DossierError(
                f"{_at(item, field, where)}: unknown field '{field}' in a decision{hint}"
            )
    kind = str(item["key"]).partition(":")[0]
    _check_value(kind, KINDS, "key kind", _at(item, "key", where))
    _check_value(str(item["decision"]), CHOICES, "decision", _at(item, "decision", where))
    date = str(item["date"])
    if not _is_day(date):
        raise DossierError(
            f"{_at(item, 'date', where)}: decision date '{date}' is no day (write YYYY-MM-DD)"
        )
    if dt.date.fromisoformat(date) > dt.date.today() + dt.timedelta(days=1):
        # What's new is dated by the decisions: its newest entry would carry this day
        raise DossierError(f"{_at(item, 'date', where)}: decision date '{date}' is in the future")
    return Decision(
        key=str(item["key"]),
        decision=str(item["decision"]),
        date=date,
        what=str(item.get("what") or ""),
        into=str(item.get("into") or ""),
        reason=str(item.get("reason") or ""),
    )


def _at(item: dict[str, Any], field: str, where: Location) -> Location:
    """The line of one field of a decision (the decision's own where it is unknown)."""
    line = item.line_of(field) if isinstance(item, LineMap) else where.line
    return Location(where.file, line)


def _check_value(value: str, allowed: tuple[str, ...], field: str, where: Location) -> None:
    if value not in allowed:
        hint = did_you_mean(value, allowed)
        raise DossierError(f"{where}: {field} '{value}' is not one of {', '.join(allowed)}{hint}")


def _is_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10  # fromisoformat also takes 20261130
