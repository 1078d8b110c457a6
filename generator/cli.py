"""The command line: `python -m generator build|check|serve` (also installed as `dossier`)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cache import Cache
from generator.errors import CorpusError, DossierError
from generator.pipeline import Paths, build, check
from generator.stages.load import display_path

if TYPE_CHECKING:
    from generator.review.report import NewCandidates


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dossier", description="Build a cross-linked briefing site from a corpus of articles."
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        help="project folder holding mkdocs.yml, corpus/ and docs/ (default: here)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="regenerate docs/ and build site/")
    build_cmd.add_argument(
        "--no-site", action="store_true", help="regenerate docs/ only, skip the MkDocs build"
    )
    build_cmd.add_argument(
        "--offline",
        action="store_true",
        help="also make dossier-offline.zip: the site for reading from a folder (file://)",
    )
    commands.add_parser("check", help="validate the corpus; write nothing")
    add = commands.add_parser(
        "add", help="take new articles (files or folders) into corpus/sources and corpus/originals"
    )
    add.add_argument("paths", nargs="+", type=Path, help="article files or folders of them")
    review = commands.add_parser(
        "review", help="what the analyst should look at: candidate actors, unknown metadata"
    )
    review.add_argument("--json", action="store_true", help="print one JSON object instead")
    serve = commands.add_parser("serve", help="regenerate, then serve with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    return parser


def add_articles(files: list[Path], paths: Paths) -> int:
    """Ingest each file; a bad one is reported on one line and the others still go in."""
    from generator.intake.ingest import add_paths

    outcomes = add_paths(files, paths.corpus)
    for outcome in outcomes:
        stream = sys.stderr if outcome.status == "error" else sys.stdout
        print(f"dossier: {outcome.message}", file=stream)
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in ("added", "unchanged", "error")}
    print(
        f"dossier: {counts['added']} added, {counts['unchanged']} already there, "
        f"{counts['error']} refused; run `python -m generator build` to regenerate the site"
    )
    return 1 if counts["error"] else 0


def candidates_line(found: NewCandidates) -> str:
    count = len(found.sources)
    what = f"the {count} new source{'s' if count != 1 else ''}"
    if not found.names and not found.events:
        return f"dossier: {what} name no actor or event the dossier does not hold"
    names = ", ".join(found.names[:5]) + (", …" if len(found.names) > 5 else "")
    parts = []
    if found.names:
        parts.append(f"{len(found.names)} new name{'s' if len(found.names) != 1 else ''} ({names})")
    if found.events:
        parts.append(f"{found.events} possible new event{'s' if found.events != 1 else ''}")
    return (
        f"dossier: {what} bring {' and '.join(parts)}; "
        "see `python -m generator review` to accept them"
    )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    paths = Paths(args.root.resolve())  # MkDocs reads the staging folders by full path
    try:
        if args.command == "check":
            corpus = check(paths.corpus)
            print(
                f"dossier: corpus OK: {len(corpus.sources)} sources, {len(corpus.actors)} actors, "
                f"{len(corpus.events)} events"
            )
            return 0
        if args.command == "review":
            from generator.review.report import build_review, format_review

            cache = Cache(paths.cache)
            found = build_review(paths.corpus, cache)
            cache.save()
            if args.json:
                print(json.dumps(found, ensure_ascii=False, indent=2, sort_keys=True))
            else:
                print(format_review(found))
            return 0
        if args.command == "add":
            return add_articles(args.paths, paths)
        if args.command == "serve":
            build(paths, with_site=False)
            return subprocess.call(
                # --dirty: MkDocs skips the pages the incremental plugin finds unchanged
                [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", args.dev_addr],
                cwd=paths.root,
                env={**os.environ},
            )
        result = build(paths, with_site=not args.no_site, offline=args.offline)
    except CorpusError as exc:
        print(exc.report(), file=sys.stderr)
        print(f"dossier: {exc}; nothing was written", file=sys.stderr)
        return exc.exit_code
    except DossierError as exc:
        print(f"dossier: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    print(
        f"dossier: {result.pages} pages in {display_path(paths.docs)}/ "
        f"({result.report.summary()}); generated in {result.generate_seconds:.2f} s"
    )
    if result.candidates is not None:
        print(candidates_line(result.candidates))
    if args.offline:
        print(
            f"dossier: offline bundle → {display_path(paths.offline_zip)} "
            "(unzip it and open dossier/index.html)"
        )
    if result.site_current:
        print(f"dossier: {display_path(paths.site)}/ already built from these pages; left as it is")
    elif result.site_seconds is not None:
        print(
            f"dossier: site built in {result.site_seconds:.2f} s → {display_path(paths.site)}/ "
            "(view it: mkdocs serve, then open http://127.0.0.1:8000/)"
        )
    return 0
