#!/usr/bin/env python3
"""Compare two versions of the generator on the same arrivals (not a test: it prints figures).

    git worktree add /tmp/before 7df7350
    .venv/bin/python scripts/compare_builds.py --sources 1000 --arrivals 11 \\
        before=/tmp/before/generator after=generator

The VM's speed varies by a fifth from hour to hour, so two benchmark runs an hour apart do not
compare two versions: this builds one project per version from the same synthetic corpus
(scripts/benchmark.py), then adds each article to every project in turn (alternating which
goes first) and times `build` after each `add`. Each project uses its version's generator and
mkdocs.yml (the folder beside it), and the hand-written docs/ of this checkout. It prints each
arrival and the medians of all but the first (the first after a full build is apart).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import benchmark  # noqa: E402


def project(root: Path, corpus: Path, generator: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copytree(corpus, root / "corpus")
    shutil.copy(generator.parent / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "about.md", root / "docs" / "about.md")
    for folder in ("stylesheets", "javascripts"):
        shutil.copytree(ROOT / "docs" / folder, root / "docs" / folder)
    (root / "generator").symlink_to(generator.resolve(), target_is_directory=True)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--arrivals", type=int, default=7)
    parser.add_argument("versions", nargs=2, metavar="NAME=GENERATOR_FOLDER")
    args = parser.parse_args()
    versions = [(n, Path(g)) for n, g in (v.split("=", 1) for v in args.versions)]
    python = sys.executable
    build = [python, "-m", "generator", "build"]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        benchmark.make_corpus(corpus, args.sources)
        print(f"synthetic corpus: {args.sources} sources; {benchmark.reference_line()}")
        roots = {}
        for name, generator in versions:
            roots[name] = project(Path(tmp) / name, corpus, generator)
            seconds, _ = benchmark.run(build, roots[name])
            print(f"{name}: full build {seconds:.1f} s", flush=True)
        incoming = Path(tmp) / "incoming"
        incoming.mkdir()
        times: dict[str, list[float]] = {name: [] for name, _ in versions}
        for number in range(args.arrivals):
            article = benchmark.arriving_article(incoming, number)
            order = versions if number % 2 == 0 else versions[::-1]
            for name, _ in order:
                benchmark.run([python, "-m", "generator", "add", str(article)], roots[name])
                times[name].append(benchmark.run(build, roots[name])[0])
            print(f"arrival {number}: " + "  ".join(f"{n} {t[-1]:.2f} s" for n, t in times.items()))
        for name, values in times.items():
            rest = values[1:] or values
            print(
                f"{name}: median {statistics.median(rest):.2f} s (min {min(rest):.2f}, max "
                f"{max(rest):.2f}; the first after the full build {values[0]:.2f} s)"
            )
        print(benchmark.reference_line())


if __name__ == "__main__":
    main()
