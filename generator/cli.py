"""The command line: `python -m generator build|check|serve` (also installed as `dossier`)."""

from __future__ import annotations

import argparse
import gc
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.cache import Cache, using
from generator.errors import CorpusError, DossierError
from generator.pipeline import BuildResult, Paths, build, build_lock, check
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
        default=None,
        help="project folder holding mkdocs.yml, corpus/ and docs/ "
        "(default: this folder or the nearest one above it that holds them)",
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
        "review",
        help="proposals, each with a key for accept/reject: new names, events, links, dates",
    )
    review.add_argument("--json", action="store_true", help="print one JSON object instead")
    review.add_argument("--all", action="store_true", help="also the proposals rejected before")
    _review_commands(commands)
    serve = commands.add_parser("serve", help="regenerate, then serve with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    return parser


def _review_commands(commands: Any) -> None:
    accept = commands.add_parser("accept", help="take review proposals (by key) into the corpus")
    accept.add_argument("keys", nargs="*", help="keys from `review`")
    for flag, what in (
        ("--all-actors", "every open candidate actor with a kind guess (with --kind-from-guess)"),
        ("--all-events", "every open candidate event"),
        ("--all-links", "every open link of a source to a known event"),
        ("--kind-from-guess", "confirm that --all-actors takes each kind from the guess"),
    ):
        accept.add_argument(flag, action="store_true", help=what)
    for flag, what in (
        ("--kind", "actor or event kind instead of the guess"),
        ("--id", "id instead of the suggested one"),
        ("--affiliation", "actor: id of the actor it belongs to"),
        ("--description", "actor: one line instead of the proposed one"),
        ("--alias-of", "actor: add the name as an alias of this known actor instead"),
        ("--title", "event: title instead of the proposed one"),
        ("--date", "event: YYYY-MM-DD, YYYY-MM or YYYY instead of the proposed date"),
        ("--place", "event: id of an actor of kind place"),
    ):
        accept.add_argument(flag, metavar=flag.strip("-").upper().replace("-", "_"), help=what)
    accept.add_argument(
        "--participant", action="append", default=[], metavar="ACTOR[:ROLE]",
        help="event: a participant (repeat); replaces the proposed ones",
    )  # fmt: skip
    reject = commands.add_parser("reject", help="never propose these keys again")
    reject.add_argument("keys", nargs="+", help="keys from `review`")
    reject.add_argument("--reason", help="why, recorded in corpus/review.yml")
    undo = commands.add_parser("undo", help="take back a recorded accept or reject decision")
    undo.add_argument("keys", nargs="+", help="keys recorded in corpus/review.yml")
    set_cmd = commands.add_parser(
        "set", help="metadata a source file lacked: SOURCE_ID published DATE"
    )
    set_cmd.add_argument("source", help="source id")
    set_cmd.add_argument("field", choices=["published"], help="the field to set")
    set_cmd.add_argument("value", help="the value, e.g. 2017-05-03")
    rename = commands.add_parser(
        "rename", help="give a source a new id; its original, evidence and claims follow"
    )
    rename.add_argument("source", help="the source's id")
    rename.add_argument("new_id", help="its new id")


def review_command(args: argparse.Namespace, paths: Paths) -> int:
    """accept, reject, undo, set: validated as a whole, written atomically, or nothing."""
    with using(Cache(paths.cache)) as cache:  # what they link, the next build reuses
        _decide(args, paths, cache)
    return 0


def _decide(args: argparse.Namespace, paths: Paths, cache: Cache) -> None:
    from generator.review import accept as act

    session = act.open_session(paths.corpus)
    if args.command == "accept":
        options = act.Options(
            kind=args.kind, id=args.id, affiliation=args.affiliation, description=args.description,
            alias_of=args.alias_of, title=args.title, date=args.date, place=args.place,
            participants=tuple(args.participant),
        )  # fmt: skip
        wanted = list(args.keys)
        if args.all_actors and not args.kind_from_guess:
            raise DossierError("--all-actors takes each kind from the guess: add --kind-from-guess")
        for flag, section in (("all_actors", "actors"), ("all_events", "events"),
                              ("all_links", "event_links")):  # fmt: skip
            if getattr(args, flag):
                wanted += act.accept_all(session, section, options)
        if not wanted:
            raise DossierError("nothing to accept: give keys from `review` or an --all-… option")
        act.accept(session, list(dict.fromkeys(wanted)), options)
    elif args.command == "reject":
        act.reject(session, list(dict.fromkeys(args.keys)), args.reason)
    elif args.command == "undo":
        act.undo(session, list(dict.fromkeys(args.keys)))
    elif args.command == "rename":
        act.rename_source(session, args.source, args.new_id)
    else:
        act.set_published(session, args.source, args.value)
    written = session.changes.commit()
    cache.save()
    for line in session.done:
        print(f"dossier: {line}")
    print(f"dossier: wrote {', '.join('corpus/' + w for w in written)}")


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


def find_root(start: Path) -> Path:
    """The project folder: start, or the nearest folder above it with mkdocs.yml and corpus/
    (so `build` works from corpus/ or docs/ too); start itself when there is none."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "corpus").is_dir():
            return folder
    return start


class Stopped(KeyboardInterrupt):
    """SIGTERM, turned into an interrupt so that staging folders are cleaned up on the way out."""


def _stop(signum: int, frame: object) -> None:
    raise Stopped


def run() -> int:
    """The command as a process (`dossier`, `python -m generator`): one command, then exit.

    Without the cyclic garbage collector: the stages build millions of small objects that
    live until the end, which it would scan again and again for nothing (at 5,000 sources
    0.6 s of a 3.8 s build); the few cycles left are freed with the process."""
    gc.disable()
    return main()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = args.root.resolve() if args.root is not None else find_root(Path.cwd())
    paths = Paths(root)  # MkDocs reads the staging folders by full path
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
    try:
        return _run(args, paths)
    except CorpusError as exc:
        print(exc.report(), file=sys.stderr)
        print(f"dossier: {exc}; nothing was written", file=sys.stderr)
        return exc.exit_code
    except DossierError as exc:
        print(f"dossier: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(
            "dossier: interrupted; the last good site is intact (run the command again to finish)",
            file=sys.stderr,
        )
        return 130
    except OSError as exc:  # a full disk, a read-only folder: the user's to fix, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"dossier: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, paths: Paths) -> int:
    if args.command == "check":
        corpus = check(paths.corpus)
        print(
            f"dossier: corpus OK: {len(corpus.sources)} sources, {len(corpus.actors)} actors, "
            f"{len(corpus.events)} events"
        )
        return 0
    if args.command == "review":
        return _review(paths, args.json, args.all)
    if args.command in ("accept", "reject", "undo", "set", "rename"):
        with build_lock(paths):  # they edit the corpus a build may be reading
            return review_command(args, paths)
    if args.command == "add":
        return add_articles(args.paths, paths)
    if args.command == "serve":
        build(paths, with_site=False)
        return subprocess.call(
            # --dirty: MkDocs skips the pages the incremental plugin finds unchanged
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", args.dev_addr],
            cwd=paths.root,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    result = build(paths, with_site=not args.no_site, offline=args.offline)
    _summary(result, paths, args.offline)
    return 0


def _review(paths: Paths, as_json: bool, show_all: bool) -> int:
    from generator.review.report import build_review, format_review

    with build_lock(paths):  # it keeps what it links in the build's cache
        with using(Cache(paths.cache)) as cache:
            found = build_review(paths.corpus, show_all=show_all)
        cache.save()
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print(format_review(found), end="")
    return 0


def _summary(result: BuildResult, paths: Paths, offline: bool) -> None:
    print(
        f"dossier: {result.pages} pages in {display_path(paths.docs)}/ "
        f"({result.report.summary()}); generated in {result.generate_seconds:.2f} s"
    )
    if result.candidates is not None:
        print(candidates_line(result.candidates))
    if offline:
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
