"""Leave-one-out on the curated corpus: links of a new source to known events.

    .venv/bin/python scripts/measure_events.py [CORPUS_FOLDER]

For each source of the corpus (the seeds): a copy of the corpus without that source's
evidence (events left with no evidence go too, and claims), then the source added back as if
new. The links it should get are the events that survive and that the curated corpus cites
it for; the links review proposes are compared with them. Prints recall and precision per
source and in total, with the misses, the wrong links, and the links whose sentence gives no
date of its own (with where their date came from).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from generator.model import Corpus
from generator.review.event_match import match_events
from generator.review.report import check
from generator.stages.analyse import analyse
from generator.stages.link import link_sources

REPO = Path(__file__).resolve().parent.parent


def without(corpus: Corpus, source: str) -> Corpus:
    events = {}
    for ident, event in corpus.events.items():
        evidence = tuple(e for e in event.evidence if e.source != source)
        if evidence:
            events[ident] = replace(event, evidence=evidence)
    return replace(corpus, events=events, claims={})


def measure(corpus: Corpus, out: TextIO | None = None) -> tuple[int, int, int]:
    """(found, missed, wrong) over every source left out in turn; the details go to out."""
    tp = fn = fp = 0
    for source in corpus.sources:
        reduced = without(corpus, source)
        wanted = {
            e.id for e in corpus.events.values() if e.id in reduced.events
            and any(ev.source == source for ev in e.evidence)
        }  # fmt: skip
        links, _ = match_events(analyse(reduced, link_sources(reduced)))
        by_event = {link.event: link for link in links if link.source == source}
        found = set(by_event)
        hit = wanted & found
        tp, fn, fp = tp + len(hit), fn + len(wanted - found), fp + len(found - wanted)
        lines = [f"{source}: {len(hit)}/{len(wanted)} found, {len(found - wanted)} wrong"]
        lines += [f"    missed {event}" for event in sorted(wanted - found)]
        lines += [
            f"    wrong  {event}: {by_event[event].sentence[:160]!r}"
            for event in sorted(found - wanted)
        ]
        lines += [  # no date of its own: say where it came from
            f"    {event} ({by_event[event].date_from})"
            for event in sorted(found)
            if by_event[event].date_from
        ]
        if out is not None:
            print("\n".join(lines), file=out)
    return tp, fn, fp


def main(argv: list[str]) -> int:
    corpus = check(Path(argv[0]) if argv else REPO / "corpus")
    tp, fn, fp = measure(corpus, sys.stdout)
    recall = tp / (tp + fn) if tp + fn else 1.0
    precision = tp / (tp + fp) if tp + fp else 1.0
    print(f"TOTAL: recall {tp}/{tp + fn} = {recall:.2f}, ", end="")
    print(f"precision {tp}/{tp + fp} = {precision:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
