#!/usr/bin/env python3
"""Benchmark the generator on a synthetic corpus (not a test: it prints figures).

    .venv/bin/python scripts/benchmark.py               # 1,000 sources, generator only
    .venv/bin/python scripts/benchmark.py --sources 200 --site   # also time the MkDocs build

The synthetic corpus is the seed corpus (actors, events, briefing) plus N sources made by
cycling through the seed articles under new ids and dates. It reports: a full generate into
an empty docs/, a second generate with no change (files written must be 0), then several
arrivals: each a new article taken in with `add` (as an analyst would) and a regenerate
(files written: the new source page, the actors it names, their archives, the indexes).
Timings are wall-clock on this machine; the median of the arrivals is the figure to quote.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.intake.ingest import add_paths  # noqa: E402
from generator.pipeline import Paths, build, generate  # noqa: E402
from generator.stages.write import WriteReport  # noqa: E402


def make_corpus(target: Path, count: int) -> list[Path]:
    shutil.copytree(ROOT / "corpus", target)
    seeds = sorted((ROOT / "corpus" / "sources").glob("*.md"))
    made = []
    start = dt.date(2020, 1, 1)
    for number in range(count - len(seeds)):
        seed = seeds[number % len(seeds)]
        text = seed.read_text("utf-8")
        ident = f"synthetic-{number:05d}"
        published = start + dt.timedelta(days=number % 700)
        front, body = text.split("\n---\n", 1)
        lines = [
            line
            for line in front.splitlines()
            if not line.startswith(("id:", "published:", "title:"))
        ]
        front = "\n".join(lines).replace("---\n", "", 1).lstrip("-\n")
        path = target / "sources" / f"{ident}.md"
        path.write_text(
            f"---\nid: {ident}\ntitle: Synthetic article {number}\npublished: {published}\n"
            f"{front}\n---\n{body}",
            "utf-8",
        )
        made.append(path)
    return made


def timed(action):  # type: ignore[no-untyped-def]
    """The result, and the wall-clock seconds it took (CPU seconds in the global CPU list)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = action()
    CPU.append(time.process_time() - cpu)
    return result, time.perf_counter() - started


CPU: list[float] = []


def reference_seconds() -> float:
    """A fixed pure-Python loop: how fast this machine is right now (shared machines vary)."""
    started = time.process_time()
    total = 0
    for number in range(3_000_000):
        total += number
    return time.process_time() - started


def arriving_article(folder: Path, number: int) -> Path:
    """A new article as an analyst would drop it in: header block, then the text of a seed."""
    seeds = sorted((ROOT / "corpus" / "sources").glob("*.md"))
    body = seeds[number % len(seeds)].read_text("utf-8").split("\n---\n", 1)[1]
    published = dt.date(2021, 12, 1) + dt.timedelta(days=number)
    path = folder / f"arrival-{number}.txt"
    path.write_text(
        f"title: Arriving article {number}\noutlet: Benchmark Wire\n"
        f"url: https://example.org/arrival-{number}\npublished: {published}\n\n"
        f"Arrival {number}: Vladimir Putin and Recep Tayyip Erdogan spoke again.\n\n{body}",
        "utf-8",
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--arrivals", type=int, default=5, help="articles added one at a time")
    parser.add_argument("--site", action="store_true", help="also time the MkDocs build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        make_corpus(corpus, args.sources)
        docs = root / "docs"
        docs.mkdir()
        incoming = root / "incoming"
        incoming.mkdir()
        print(f"synthetic corpus: {args.sources} sources")
        print(f"machine reference (3M-step Python loop): {reference_seconds():.3f} s")

        def regenerate() -> WriteReport:
            """`build --no-site`: generate with the persistent cache, write docs/, and look
            for candidates in the new sources."""
            return build(Paths(root), with_site=False).report

        _, seconds = timed(lambda: dict(generate(corpus)[1]))  # draw every page
        print(f"full generate, no cache: {seconds:.2f} s")
        report, seconds = timed(regenerate)
        print(f"first regenerate (writes {report.written} files, fills the cache): {seconds:.2f} s")
        report, seconds = timed(regenerate)
        print(f"regenerate, no change: {seconds:.2f} s, files written: {report.written}")

        times: list[float] = []
        cpu_times: list[float] = []
        for number in range(args.arrivals):
            article = arriving_article(incoming, number)
            outcome, add_seconds = timed(lambda article=article: add_paths([article], corpus)[0])
            assert outcome.status == "added", outcome.message
            report, seconds = timed(regenerate)
            times.append(add_seconds + seconds)
            cpu_times.append(CPU[-1] + CPU[-2])
            print(
                f"add 1 article ({add_seconds:.2f} s) + regenerate ({seconds:.2f} s): "
                f"{add_seconds + seconds:.2f} s (CPU {cpu_times[-1]:.2f} s), files written: "
                f"{report.written} ({len(report.new)} new, {len(report.changed)} changed)"
            )
        print(
            f"add + regenerate over {len(times)} arrivals: median {statistics.median(times):.2f} s"
            f" (min {min(times):.2f}, max {max(times):.2f}); CPU median "
            f"{statistics.median(cpu_times):.2f} s"
        )
        print(f"machine reference (3M-step Python loop): {reference_seconds():.3f} s")
        if args.site:
            shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
            shutil.copy(ROOT / "docs" / "about.md", docs / "about.md")
            for folder in ("stylesheets", "javascripts"):
                shutil.copytree(ROOT / "docs" / folder, docs / folder)
            (root / "generator").symlink_to(ROOT / "generator")
            result, seconds = timed(lambda: build(Paths(root)))
            print(
                f"full build with site: {seconds:.2f} s (generator "
                f"{result.generate_seconds:.2f} s, MkDocs {result.site_seconds:.2f} s)"
            )


if __name__ == "__main__":
    main()
