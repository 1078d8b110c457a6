#!/usr/bin/env python3
"""Benchmark the generator on a synthetic corpus (not a test: it prints figures).

    .venv/bin/python scripts/benchmark.py --sources 1000          # what the analyst waits for
    .venv/bin/python scripts/benchmark.py --generator-only        # the generator's share only

--serve adds a `python -m generator serve` session after the builds: how long it takes to
serve, and for each arrival the seconds from `add` returning to the open page being told to
reload (MkDocs' live-reload poll answering), with a check that the new source's page is served
and that each change made one build.

Default: end to end, as the analyst runs it (each step a fresh `python -m generator ...`
process): a full build into an empty project, a build with nothing changed, and arrivals
(`add` of one article, then `build`); interleaved with each, plain MkDocs + Material on a
site of prose pages of the same count and sizes (full build, rebuild, one page added and
rebuilt). Wall seconds (medians of the repeated steps) and each process's peak memory.
The machine is shared: the reference loop printed before and after says how busy it was.

--generator-only:

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
import hashlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
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


def reference_line() -> str:
    """The loop's CPU time (the processor's speed) and its wall time (how much of the
    processor this process got: on a busy shared machine, wall is a multiple of CPU)."""
    started = time.perf_counter()
    cpu = reference_seconds()
    wall = time.perf_counter() - started
    return f"machine reference (3M-step Python loop): CPU {cpu:.3f} s, wall {wall:.3f} s"


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


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one process, as a user would start it (its CPU
    seconds, user + system, are added to RUN_CPU: on a busy machine wall varies, CPU less)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    # as a user runs it: Python keeps the compiled modules (a shell that sets this variable
    # had every run compile the generator anew, about 0.15 s)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"benchmark: {' '.join(command)} failed:\n{error}")
    RUN_CPU.append(usage.ru_utime + usage.ru_stime)
    return seconds, usage.ru_maxrss / 1024


RUN_CPU: list[float] = []


def project(root: Path, sources: int) -> Path:
    make_corpus(root / "corpus", sources)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "about.md", root / "docs" / "about.md")
    for folder in ("stylesheets", "javascripts"):
        shutil.copytree(ROOT / "docs" / folder, root / "docs" / folder)
    (root / "generator").symlink_to(ROOT / "generator")
    return root


PROSE = (
    "The delegations met again in the afternoon and spoke about the ceasefire line, the "
    "patrols along the highway and the return of the displaced families to their towns. "
)
PLAIN_CONFIG = """site_name: Plain
theme:
  name: material
  font: false
plugins:
  - search
"""


def prose_page(size: int, title: str) -> str:
    """Plain prose of about size bytes: a title, paragraphs and a heading every few."""
    parts, length, number = [f"# {title}\n\n"], 0, 0
    while length < size:
        number += 1
        part = f"## Part {number}\n\n" if number % 8 == 0 else PROSE * 4 + "\n\n"
        parts.append(part)
        length += len(part)
    return "".join(parts)


def plain_site(dossier_docs: Path, plain: Path) -> None:
    """A plain MkDocs project with one prose page per page of the dossier, of the same size."""
    docs = plain / "docs"
    for page in sorted(dossier_docs.rglob("*.md")):
        target = docs / page.relative_to(dossier_docs)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(prose_page(page.stat().st_size, page.stem), "utf-8")
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG, "utf-8")


def docs_snapshot(docs: Path) -> dict[str, tuple[int, str]]:
    """Each Markdown page under docs/: its size and a hash of its bytes."""
    return {
        str(page.relative_to(docs)): (
            page.stat().st_size,
            hashlib.blake2b(page.read_bytes(), digest_size=16).hexdigest(),
        )
        for page in docs.rglob("*.md")
    }


CHANGED: list[tuple[int, int]] = []  # per arrival: Markdown pages written, their bytes


def changed_pages(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> str:
    """What an arrival wrote under docs/: pages new or changed, their bytes, the largest.
    (MkDocs converts each of them again: this is the site's share of an arrival.)"""
    changed = sorted(
        (path for path, found in after.items() if before.get(path) != found),
        key=lambda path: (-after[path][0], path),
    )
    size = sum(after[path][0] for path in changed)
    CHANGED.append((len(changed), size))
    largest = ", ".join(f"{path} {after[path][0] / 1024:.0f} KB" for path in changed[:6])
    return f"{len(changed)} pages, {size / 1024:.0f} KB of Markdown changed (largest: {largest})"


def changed_summary() -> str:
    pages = [c[0] for c in CHANGED]
    size = [c[1] / 1024 for c in CHANGED]
    return (
        f"Markdown changed per arrival: median {statistics.median(pages):.0f} pages "
        f"(min {min(pages)}, max {max(pages)}), median {statistics.median(size):.0f} KB "
        f"(min {min(size):.0f}, max {max(size):.0f})"
    )


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}"


def end_to_end(sources: int, arrivals: int, with_plain: bool, serving: bool = False) -> None:
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp) / "dossier", sources)
        plain, incoming = Path(tmp) / "plain", Path(tmp) / "incoming"
        incoming.mkdir()
        print(f"synthetic corpus: {sources} sources; {reference_line()}", flush=True)
        dossier = [python, "-m", "generator", "build"]
        mkdocs = [python, "-m", "mkdocs", "build", "-q"]
        rows: dict[str, list[tuple[float, float, float]]] = {}  # wall, MB, CPU

        def step(name: str, command: list[str], cwd: Path) -> None:
            seconds, memory = run(command, cwd)
            rows.setdefault(name, []).append((seconds, memory, RUN_CPU[-1]))
            print(
                f"  {name}: {seconds:.2f} s (CPU {RUN_CPU[-1]:.2f} s), peak {memory:.0f} MB",
                flush=True,
            )

        step("dossier full build", dossier, root)
        pages = sum(1 for _ in (root / "docs").rglob("*.md"))
        if with_plain:
            plain_site(root / "docs", plain)
            step("plain MkDocs full build", mkdocs, plain)
        for number in range(arrivals):
            step("dossier build, nothing changed", dossier, root)
            if with_plain:
                step("plain MkDocs build, nothing changed", mkdocs, plain)
            article = arriving_article(incoming, number)
            before = docs_snapshot(root / "docs")
            seconds, memory = run([python, "-m", "generator", "add", str(article)], root)
            add_cpu = RUN_CPU[-1]
            step("dossier build after add", dossier, root)
            print(f"    {changed_pages(before, docs_snapshot(root / 'docs'))}", flush=True)
            added = rows["dossier build after add"][-1]
            rows.setdefault("dossier add + build", []).append(
                (seconds + added[0], max(memory, added[1]), add_cpu + added[2])
            )
            if with_plain:
                size = (
                    (root / "docs" / "sources" / f"{_new_source(root, number)}.md").stat().st_size
                )
                (plain / "docs" / "sources" / f"arrival-{number}.md").write_text(
                    prose_page(size, f"arrival {number}"), "utf-8"
                )
                step("plain MkDocs add 1 page + build", mkdocs, plain)
        if serving:
            serve_session(root, incoming, arrivals, arrivals, rows)
        print(
            f"\n{sources} sources, {pages} pages in docs/; wall and CPU seconds (median of "
            f"{arrivals} where repeated), peak memory of the process"
        )
        print("| step | wall | CPU | peak memory |\n|---|---|---|---|")
        for name, values in rows.items():
            print(
                f"| {name} | {median([v[0] for v in values])} s | "
                f"{median([v[2] for v in values])} s | {max(v[1] for v in values):.0f} MB |"
            )
        print(changed_summary())
        print(reference_line())


def _get(url: str, timeout: float = 5) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except OSError as exc:
        return getattr(exc, "code", 0) or 0, ""


def _epoch(address: str) -> int:
    """The site version the live-reload script of a served page knows."""
    _, page = _get(f"{address}/")
    found = re.search(r"livereload\((\d+), \d+\)", page)
    return int(found[1]) if found else 0


def serve_session(
    root: Path,
    incoming: Path,
    first: int,
    count: int,
    rows: dict[str, list[tuple[float, float, float]]],
) -> None:
    """`generator serve` on a free port: seconds until it serves, then per arrival the seconds
    from `add` returning until the live-reload poll answers (the browser reloads then)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"http://127.0.0.1:{port}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    command = [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )  # fmt: skip
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(server.stderr or ()), daemon=True).start()
    try:
        while _get(f"{address}/", 1)[0] != 200:
            if server.poll() is not None or time.perf_counter() - started > 600:
                raise SystemExit(f"benchmark: serve did not start:\n{''.join(lines)}")
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        rows.setdefault("serve: session start", []).append((seconds, 0, 0))
        print(f"  serve: serving after {seconds:.2f} s", flush=True)
        for number in range(first, first + count):
            _served_arrival(root, incoming, number, address, lines, rows)
    finally:
        # SIGTERM, not Ctrl-C's SIGINT: a script started in the background by a shell (`&`)
        # has SIGINT ignored, and so has the server it starts, which then never stopped
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def _served_arrival(
    root: Path,
    incoming: Path,
    number: int,
    address: str,
    lines: list[str],
    rows: dict[str, list[tuple[float, float, float]]],
) -> None:
    epoch = _epoch(address)
    reloaded: list[float] = []

    def poll() -> None:
        while not reloaded:
            _, answer = _get(f"{address}/livereload/{epoch}/0", 120)
            if answer.strip().isdigit() and int(answer) > epoch:
                reloaded.append(time.perf_counter())

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    builds = sum("Detected file changes" in line for line in lines)
    add_seconds, _ = run(
        [sys.executable, "-m", "generator", "add", str(arriving_article(incoming, number))], root
    )
    added = time.perf_counter()
    watcher.join(300)
    seconds = reloaded[0] - added if reloaded else float("nan")
    time.sleep(2)  # a second build would have started by now
    made = sum("Detected file changes" in line for line in lines) - builds
    status, _ = _get(f"{address}/sources/{_new_source(root, number)}/")
    rows.setdefault("serve: add, then reload", []).append((seconds, 0, 0))
    rows.setdefault("serve: add + reload", []).append((add_seconds + seconds, 0, 0))
    print(
        f"  serve: arrival {number} reloaded {seconds:.2f} s after add returned "
        f"(add {add_seconds:.2f} s); builds: {made}; new page: HTTP {status}",
        flush=True,
    )


def _new_source(root: Path, number: int) -> str:
    found = sorted((root / "corpus" / "sources").glob(f"*arriving-article-{number}*.md"))
    return found[0].stem if found else "missing"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--arrivals", type=int, default=3, help="articles added one at a time")
    parser.add_argument("--generator-only", action="store_true", help="the generator's share")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain MkDocs runs")
    parser.add_argument("--serve", action="store_true", help="then a serve session's waits")
    args = parser.parse_args()
    if not args.generator_only:
        end_to_end(args.sources, args.arrivals, not args.no_plain, args.serve)
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        make_corpus(corpus, args.sources)
        docs = root / "docs"
        docs.mkdir()
        incoming = root / "incoming"
        incoming.mkdir()
        print(f"synthetic corpus: {args.sources} sources")
        print(reference_line())

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
            before = docs_snapshot(docs)
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
            print(f"  {changed_pages(before, docs_snapshot(docs))}")
        print(
            f"add + regenerate over {len(times)} arrivals: median {statistics.median(times):.2f} s"
            f" (min {min(times):.2f}, max {max(times):.2f}); CPU median "
            f"{statistics.median(cpu_times):.2f} s"
        )
        print(changed_summary())
        print(reference_line())


if __name__ == "__main__":
    main()
