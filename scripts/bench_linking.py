#!/usr/bin/env python3
"""How the time to link one paragraph grows with its length (a benchmark, not a test).

    .venv/bin/python scripts/bench_linking.py                  # 10 KB .. 5 MB
    .venv/bin/python scripts/bench_linking.py --sizes 10,100,1000 --limit 30

One paragraph of ordinary news sentences (names of the shipped corpus's actors, quotations,
dates, abbreviations such as "Mr." and "Gen.") is made at each size and given to each scan
the build and `add` run on a paragraph: sentence splitting, alias matching, quotations and
their speakers, dates, the whole link stage, event matching and candidate names (review),
and `add`'s body cleaning and format readers. For each scan it prints the seconds at each
size and the ratio of the last two (about the ratio of the sizes when the scan is linear,
its square when quadratic). A scan that takes longer than --limit seconds is not run at the
larger sizes (shown as "-").
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.intake.clean import clean_body  # noqa: E402
from generator.intake.ingest import parse_article  # noqa: E402
from generator.model import Source  # noqa: E402
from generator.pipeline import check  # noqa: E402
from generator.review.candidates import find_candidates  # noqa: E402
from generator.review.event_match import match_events  # noqa: E402
from generator.stages.analyse import analyse  # noqa: E402
from generator.stages.link import link_source, link_sources  # noqa: E402
from generator.text.dates import find_dates  # noqa: E402
from generator.text.folding import sentence_spans  # noqa: E402
from generator.text.matching import AliasMatcher, RoleIndex  # noqa: E402
from generator.text.quotes import Attributor, SpeakerState, find_quotations  # noqa: E402

SENTENCES = (
    "Putin met Erdogan in Moscow on 5 March 2020 to discuss the situation in Idlib.",
    "“We need to discuss the situation in Idlib,” the Russian leader said.",
    "Mr. Erdogan told reporters: “Turkey will defend its soldiers at any cost.”",
    "Gen. Akar arrived on Monday, and the talks lasted six hours.",
    "According to the Kremlin, “the two presidents agreed to keep working on a settlement.”",
    "Relations have been tense since Turkey downed a Russian jet in November 2015.",
    "The Syrian Observatory for Human Rights reported shelling near Saraqib last week.",
    "Officials in Ankara said 33 soldiers were killed in an air strike on February 27.",
)
PUBLISHED = dt.date(2020, 3, 6)


def paragraph(size: int) -> str:
    parts: list[str] = []
    length = 0
    index = 0
    while length < size:
        sentence = SENTENCES[index % len(SENTENCES)]
        parts.append(sentence)
        length += len(sentence) + 1
        index += 1
    return " ".join(parts)[:size].rsplit(" ", 1)[0] + "."


class Scans:
    """Each scan as a function of the paragraph's text, on the shipped corpus's actors."""

    def __init__(self, corpus_dir: Path) -> None:
        self.corpus_dir = corpus_dir
        self.base = check(corpus_dir)
        actors = self.base.actors
        self.matcher = AliasMatcher(actors.values())
        self.attributor = Attributor(actors, RoleIndex(actors.values()))

    def all(self) -> dict[str, Callable[[str], object]]:
        return {
            "text/folding.sentence_spans": sentence_spans,
            "text/matching.AliasMatcher.find": self.matcher.find,
            "text/quotes.find_quotations": find_quotations,
            "text/quotes.attribute_paragraph": self.attribute,
            "text/dates.find_dates": lambda text: find_dates(text, PUBLISHED),
            "stages/link.link_source": self.link,
            "review/event_match.match_events": self.events,
            "review/candidates.find_candidates": self.candidates,
            "intake/clean.clean_body": lambda text: clean_body([text]),
            "intake/ingest.parse_article (text)": self.read_text,
            "intake/ingest.parse_article (HTML)": self.read_html,
        }

    def source(self, text: str) -> Source:
        return Source("bench-2020-03-06-one", "One paragraph", "Bench", PUBLISHED, "en", (text,))

    def attribute(self, text: str) -> object:
        quotations = find_quotations(text)
        spans = sentence_spans(text, [(s, e) for s, e, _ in quotations])
        found = self.matcher.find(text)
        return self.attributor.attribute_paragraph(
            "bench", 0, text, spans, found, quotations, SpeakerState()
        )

    def link(self, text: str) -> object:
        return link_source(self.source(text), self.matcher, self.attributor)

    def corpus(self, text: str) -> object:
        source = self.source(text)
        base = self.base
        return type(base)(base.briefing, base.actors, base.events, {source.id: source})

    def events(self, text: str) -> float:
        """Only match_events is timed: linking and dates are timed on their own."""
        corpus = self.corpus(text)
        analysis = analyse(corpus, link_sources(corpus))  # type: ignore[arg-type]
        analysis.linked.dates("bench-2020-03-06-one")
        _ = analysis.links
        return timed(lambda _: match_events(analysis), text)

    def candidates(self, text: str) -> float:
        corpus = self.corpus(text)
        links = link_sources(corpus).links  # type: ignore[arg-type]
        return timed(lambda _: find_candidates(corpus, links), text)  # type: ignore[arg-type]

    def read_text(self, text: str) -> object:
        header = "title: One paragraph\noutlet: Bench\npublished: 2020-03-06\n\n"
        return parse_article(header + text + "\n", ".txt", "bench.txt")

    def read_html(self, text: str) -> object:
        page = f"<html><body><article><h1>One</h1><p>{text}</p></article></body></html>"
        return parse_article(page, ".html", "bench.html")


def timed(scan: Callable[[str], object], text: str) -> float:
    """Seconds the scan takes (or the seconds it measured itself, for the scans that need
    the linking done first)."""
    started = time.perf_counter()
    result = scan(text)
    elapsed = time.perf_counter() - started
    return result if isinstance(result, float) else elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000,5000", help="KB, comma-separated")
    parser.add_argument("--limit", type=float, default=20.0, help="seconds before giving up")
    parser.add_argument("--only", default="", help="run the scans whose name contains this")
    args = parser.parse_args()
    sizes = [int(s) * 1000 for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        scans = Scans(_corpus(Path(tmp)))
        texts = {size: paragraph(size) for size in sizes}
        header = "".join(f"{size // 1000:>9} KB" for size in sizes)
        print(f"{'scan (seconds)':<38}{header}   ratio of last two")
        for name, scan in scans.all().items():
            if args.only not in name:
                continue
            times: list[float] = []
            for size in sizes:
                if times and times[-1] > args.limit:
                    break
                times.append(timed(scan, texts[size]))
            cells = "".join(f"{t:>12.3f}" for t in times) + "           -" * (
                len(sizes) - len(times)
            )
            ratio = f"{times[-1] / times[-2]:.1f}x" if len(times) > 1 and times[-2] > 0 else ""
            print(f"{name:<38}{cells}   {ratio}", flush=True)
        steps = " ".join(f"{b / a:.0f}x" for a, b in itertools.pairwise(sizes))
        print(f"(the sizes grow by {steps}: a linear scan's time grows about as much)")


def _corpus(tmp: Path) -> Path:
    """The shipped corpus's actors, events and briefing, with no sources (events that cite
    a source are left out: the bench paragraph is the only source)."""
    import yaml

    target = tmp / "corpus"
    (target / "sources").mkdir(parents=True)
    (target / "actors.yml").write_text((ROOT / "corpus" / "actors.yml").read_text("utf-8"), "utf-8")
    (target / "briefing.yml").write_text(  # the shipped one references claims left out here
        "title: Bench\nscope: One paragraph.\nsummary: A paragraph of growing length.\n", "utf-8"
    )
    evidence = [{"source": "bench-2020-03-06-one", "text": "Putin met Erdogan"}]
    events = [
        {
            k: v
            for k, v in {**event, "evidence": [dict(e) for e in evidence]}.items()
            if k != "related"
        }
        for event in yaml.safe_load((ROOT / "corpus" / "events.yml").read_text("utf-8"))
    ]
    (target / "events.yml").write_text(yaml.safe_dump(events), "utf-8")
    (target / "sources" / "bench-2020-03-06-one.md").write_text(
        "---\nid: bench-2020-03-06-one\ntitle: One\noutlet: Bench\npublished: 2020-03-06\n"
        "language: en\n---\n" + paragraph(10_000) + "\n",
        "utf-8",
    )
    return target


if __name__ == "__main__":
    main()
