#!/usr/bin/env python3
"""Benchmark the generator on a synthetic corpus (not a test: it prints figures).

    .venv/bin/python scripts/benchmark.py               # 1,000 sources, generator only
    .venv/bin/python scripts/benchmark.py --sources 200 --site   # also time the MkDocs build

The synthetic corpus is the seed corpus (actors, events, briefing) plus N sources made by
cycling through the seed articles under new ids and dates. It reports: a full generate into
an empty docs/, a second generate with no change (files written must be 0), and adding one
article then regenerating (files written: the new source page, the actors it names, indexes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.cache import Cache  # noqa: E402
from generator.pipeline import Paths, build, generate  # noqa: E402
from generator.write import WriteReport, write_docs  # noqa: E402


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
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--site", action="store_true", help="also time the MkDocs build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        made = make_corpus(corpus, args.sources)
        docs = root / "docs"
        docs.mkdir()
        held_back = made[-1].read_text("utf-8")
        made[-1].unlink()  # the article that will "arrive" later
        print(f"synthetic corpus: {args.sources - 1} sources (+1 to add)")

        def regenerate() -> WriteReport:
            """What `build` does before MkDocs: generate with the persistent cache, write."""
            cache = Cache(root / ".dossier-cache")
            _, pages = generate(corpus, cache)
            report = write_docs(pages, docs)
            cache.save()
            return report

        _, seconds = timed(lambda: generate(corpus))
        print(f"full generate, no cache: {seconds:.2f} s")
        report, seconds = timed(regenerate)
        print(f"first regenerate (writes {report.written} files, fills the cache): {seconds:.2f} s")
        report, seconds = timed(regenerate)
        print(f"regenerate, no change: {seconds:.2f} s, files written: {report.written}")

        made[-1].write_text(held_back, "utf-8")
        report, seconds = timed(regenerate)
        print(
            f"add 1 article + regenerate: {seconds:.2f} s, files written: "
            f"{report.written} ({len(report.new)} new, {len(report.changed)} changed)"
        )

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
