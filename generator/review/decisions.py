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
from generator.yamlio import LineList, parse_yaml

REVIEW_FILE = "review.yml"
HEADER = (
    "# Review decisions, written by `python -m generator accept` and `reject`;\n"
    "# `undo KEY` takes one back. A rejected proposal never comes back in `review`\n"
    "# (`review --all` shows it).\n"
)


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
    for index, item in enumerate(data or []):
        decision = _decision(item)
        if decision is None:
            line = data.item_lines[index] if isinstance(data, LineList) else 1
            raise DossierError(
                f"{Location(name, line)}: a decision needs key, decision and date "
                "(as the others in the file)"
            )
        decisions[decision.key] = decision
    return decisions


def _decision(item: Any) -> Decision | None:
    if not isinstance(item, dict) or not {"key", "decision", "date"} <= item.keys():
        return None
    date = item["date"]
    return Decision(
        key=str(item["key"]),
        decision=str(item["decision"]),
        date=date.isoformat() if isinstance(date, dt.date) else str(date),
        what=str(item.get("what") or ""),
        into=str(item.get("into") or ""),
        reason=str(item.get("reason") or ""),
    )
