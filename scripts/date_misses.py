#!/usr/bin/env python3
"""List the dates benchmark's misses, one per line (not a test: it reads benchmark data).

    .venv/bin/python scripts/date_misses.py PATH/TO/dates.json [--all] [--spurious] [--timex]

For every gold calendar DATE our `find_dates` does not get exactly, it prints the document,
its creation date, the gold surface, ours (surface and value, or "-" where nothing overlaps),
the gold value and some context. The value is written the way the benchmark scorer's stock
adapter writes it (day, week, month or year), or with `--timex` as `DateMention.timex`. By
default the quarters, seasons and halves that the stock adapter cannot express are left out;
`--all` keeps them. `--spurious` also lists our dates that overlap no gold TIMEX3. The paragraph
split and the overlap rule are the scorer's (a block between blank lines; any overlap).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from dataclasses import replace
from pathlib import Path

from generator.dates import find_dates
from generator.text.dates import DateMention

_BLOCK = re.compile(r"(?:[^\n]|\n(?!\s*\n))+")
_CALENDAR = re.compile(r"^\d{4}(-\d\d(-\d\d)?|-W\d\d|-Q\d|-(SP|SU|FA|WI)|-H\d)?$")
_EXPRESSIBLE = re.compile(r"^\d{4}(-\d\d(-\d\d)?|-W\d\d)?$")

Found = tuple[int, int, str | None, str]


def stock_value(d: DateMention) -> str | None:
    """The value as the scorer's stock adapter writes it: our TimeML value without the
    quarter, season or half it cannot express (such a date counts as its year)."""
    return replace(d, period="").timex


def ours(text: str, published: dt.date, timex: bool) -> list[Found]:
    found: list[Found] = []
    for block in _BLOCK.finditer(text):
        for d in find_dates(block.group(0), published):
            value = d.timex if timex else stock_value(d)
            found.append((block.start() + d.start, block.start() + d.end, value, d.text))
    return found


def _context(text: str, start: int, end: int) -> str:
    snippet = text[max(0, start - 70) : start] + "[" + text[start:end] + "]" + text[end : end + 50]
    return " ".join(snippet.split())


def report(docs: list[dict[str, object]], keep_all: bool, spurious: bool, timex: bool) -> None:
    misses = total = 0
    for doc in docs:
        text, dct = str(doc["text"]), str(doc["dct"])[:10]
        found = ours(text, dt.date.fromisoformat(dct), timex)
        dates = doc["dates"]
        assert isinstance(dates, list)
        for start, end, surface, value in dates:
            if not _CALENDAR.match(value) or not (keep_all or _EXPRESSIBLE.match(value)):
                continue
            total += 1
            hit = [f for f in found if f[0] < end and start < f[1]]
            if any(f[2] == value for f in hit):
                continue
            misses += 1
            got = "; ".join(f"{f[3]!r}={f[2]}" for f in hit) or "-"
            print(f"{doc['id']}\t{dct}\t{surface!r}\tours {got}\tgold {value}")
            print(f"\t{_context(text, start, end)}")
        if spurious:
            other = doc["other_timexes"]
            assert isinstance(other, list)
            spans = [(d[0], d[1]) for d in dates] + [(o[0], o[1]) for o in other]
            for f in found:
                if not any(f[0] < e and s < f[1] for s, e in spans):
                    print(f"{doc['id']}\t{dct}\tSPURIOUS {f[3]!r}={f[2]}")
                    print(f"\t{_context(text, f[0], f[1])}")
    print(f"{misses} misses of {total} gold values", file=sys.stderr)


def main(argv: list[str]) -> int:
    flags = {a for a in argv if a.startswith("--")}
    paths = [a for a in argv if not a.startswith("--")]
    known = {"--all", "--spurious", "--timex"}
    if len(paths) != 1 or not Path(paths[0]).is_file() or flags - known:
        usage = f"usage: date_misses.py PATH/TO/dates.json {' '.join(sorted(known))}"
        print(usage, file=sys.stderr)
        return 1
    data = json.loads(Path(paths[0]).read_text(encoding="utf-8"))
    report(data["docs"], "--all" in flags, "--spurious" in flags, "--timex" in flags)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
