#!/usr/bin/env python3
"""Score the dates benchmark with the dates' own TimeML values (not a test: it prints figures).

    .venv/bin/python scripts/score_dates_timex.py PATH/TO/score.py [score.py options]

The benchmark scorer's stock `make_dates` adapter writes every date at day, week, month or year
precision, so a quarter, a season or a half ("1989-Q3", "1998-SU", "1990-H1") can never be
exact. `DateMention.timex` gives each date's TimeML value, these included. This script loads the
scorer named on the command line, swaps in an adapter that returns `timex`, and runs the
scorer's own `main` with the remaining arguments (e.g. `--project . dates`); everything below
the adapter, the scoring itself, is the scorer's.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

Found = tuple[int, int, str | None, str]


def make_dates() -> Callable[[str, dt.date], list[Found]]:
    """find(text, published) -> [(start, end, TimeML value or None, surface)]."""
    from generator.dates import find_dates

    def find(text: str, published: dt.date) -> list[Found]:
        return [(d.start, d.end, d.timex, d.text) for d in find_dates(text, published)]

    return find


def main(argv: list[str]) -> int:
    if not argv or not Path(argv[0]).is_file():
        print("usage: score_dates_timex.py PATH/TO/score.py [score.py options]", file=sys.stderr)
        return 1
    spec = importlib.util.spec_from_file_location("benchmark_score", argv[0])
    if spec is None or spec.loader is None:
        print(f"{argv[0]}: not a Python file (give the benchmark's score.py)", file=sys.stderr)
        return 1
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    score.ADAPTERS["dates"] = make_dates
    kit = ["--kit", str(Path(argv[0]).resolve().parent)] if "--kit" not in argv else []
    return int(score.main([*kit, *argv[1:]]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
