"""The command line: `python -m generator build|check|serve` (also installed as `dossier`)."""

from __future__ import annotations

import argparse
import errno
import gc
import itertools
import json
import os
import re
import shlex
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn
from urllib.parse import urlsplit

from generator import __version__
from generator.cache import Cache, using
from generator.errors import (
    LAST_GOOD_KEPT,
    CorpusError,
    DossierError,
    WriteError,
    is_write_error,
    top_folder,
)
from generator.pipeline import BuildResult, Paths, build, build_lock, check
from generator.site.keys import SERVED_AT
from generator.stages.load import display_path

if TYPE_CHECKING:
    from generator.review.report import NewCandidates


class _Parser(argparse.ArgumentParser):
    """argparse's, but a slip on the command line (`add` with no path, `buidl`) is one line
    and status 1 like every other mistake, not the usage and status 2."""

    given: tuple[str, ...] = ()  # the command line, for a hint about what was meant

    def error(self, message: str) -> NoReturn:
        command = self.prog.replace("dossier", "python -m generator", 1)
        self.exit(
            1, f"dossier: error: {message} ({_dashed(self.given) or f'see `{command} --help`'})\n"
        )


def _dashed(given: tuple[str, ...]) -> str:
    """A file whose name starts with '-' reads as an option: `add -notes.txt` said only
    that the command wants paths. Where one was given, how to name it."""
    for word in given:
        if word.startswith("-") and word not in ("-", "--") and os.path.lexists(word):
            return f"{word} is a file whose name starts with '-': give it as ./{word}"
    return ""


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dossier", description="Build a cross-linked briefing site from a corpus of articles."
    )
    root_help = (
        "project folder holding mkdocs.yml, corpus/ and docs/ "
        "(default: this folder or the nearest one above it that holds them)"
    )
    parser.add_argument("--root", type=Path, default=None, help=root_help)
    parser.add_argument("--version", action="version", version=f"dossier {__version__}")
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
    add.add_argument(
        "paths", nargs="+", help="article files or folders of them; - reads one piped in"
    )
    review = commands.add_parser(
        "review",
        help="proposals, each with a key for accept/reject: new names, events, links, dates",
    )
    review.add_argument("--json", action="store_true", help="print one JSON object instead")
    review.add_argument("--all", action="store_true", help="also the proposals rejected before")
    review.add_argument(
        "--source", action="append", default=[], metavar="SOURCE_ID",
        help="only what this source brings (repeat for several)",
    )  # fmt: skip
    _review_commands(commands)
    serve = commands.add_parser(
        "serve", help="build, then serve site/ and build again on each change (live reload)"
    )
    serve.add_argument(
        "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: %(default)s)"
    )
    for command in commands.choices.values():  # `dossier build --root X` works too
        command.add_argument("--root", type=Path, default=argparse.SUPPRESS, help=root_help)
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
    set_cmd = commands.add_parser("set", help="fix a source's front matter: SOURCE_ID FIELD VALUE")
    set_cmd.add_argument("source", help="source id")
    set_cmd.add_argument(
        "field", help="published, title, outlet, language, translated_from, url or notes"
    )
    set_cmd.add_argument("value", help='the value, e.g. 2017-05-03, "Reuters", de')
    rename = commands.add_parser(
        "rename", help="give a source a new id; its original, evidence and claims follow"
    )
    rename.add_argument("source", help="the source's id")
    rename.add_argument("new_id", help="its new id")


def review_command(args: argparse.Namespace, paths: Paths) -> int:
    """accept, reject, undo, set: validated as a whole, written atomically, or nothing."""
    with using(Cache(paths.cache)) as cache:  # what they link, the next build reuses
        return _decide(args, paths, cache)


def _decide(args: argparse.Namespace, paths: Paths, cache: Cache) -> int:
    from generator.review import accept as act

    if any(not key.strip() for key in getattr(args, "keys", ())):  # `accept "$KEY"`, unset
        raise DossierError('"": an empty key; run `python -m generator review` for the keys')
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
        bulk = args.all_actors or args.all_events or args.all_links
        if not wanted and bulk:  # asked for every open one, and none is open: nothing to do
            for line in [*session.done, "nothing to accept: no open proposal of that kind"]:
                print(f"dossier: {line}")
            return 0
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
        from generator.review.metadata import set_field

        set_field(session, args.source, args.field, args.value)
    written = session.changes.commit()
    cache.save()
    for line in session.done:
        print(f"dossier: {line}")
    print(f"dossier: wrote {', '.join('corpus/' + w for w in written)}")
    return 0


WEB_ADDRESS = re.compile(r"(?i)https?://")
FILE_ADDRESS = re.compile(r"(?i)file://")  # a saved page's address, copied from a browser
WEB_HINT = (
    "a web address; `add` takes files: save the page, or paste its text into a .txt file, "
    "and add that"
)


PIPE_HINT = "pipe an article into it (pbpaste | python -m generator add -), or give its file"


def _given_files(given: list[str], paths: Paths) -> tuple[list[Path], list[tuple[str, str]]]:
    """The paths to take in, and (argument, why) for each refused before anything is read
    (`-`, the article piped in, is no path: `_piped` reads it)."""
    files: list[Path] = []
    refused: list[tuple[str, str]] = []
    for argument in given:
        if argument == "-":
            continue
        if WEB_ADDRESS.match(argument):
            refused.append((argument, WEB_HINT))
            continue
        name = argument
        if FILE_ADDRESS.match(argument):
            from urllib.request import url2pathname  # imports ssl: only for a file:// address

            name = url2pathname(urlsplit(argument).path)
        if not name.strip():  # `add "$FOLDER"` with FOLDER unset would walk the project
            refused.append(('""', "an empty path; give article files or folders of them"))
        elif why := _part_of_project(Path(name), paths):
            refused.append((argument, why))
        else:
            files.append(Path(name))
    return files, refused


def _part_of_project(path: Path, paths: Paths) -> str | None:
    """Why a path is no place to take articles from: the project's own folders (their YAML,
    pages and HTML would go in as articles), or a folder holding the project."""
    if path.is_symlink():
        return None  # refused by add_paths: a link is never followed
    where, root = path.resolve(), paths.root.resolve()
    if where == root or where in root.parents:
        return (
            "holds this dossier project (its corpus/, docs/ and site/ are no new articles); "
            "give the folder of the new articles"
        )
    for own in (paths.corpus, paths.docs, paths.site, paths.cache, paths.spare_site):
        if where.is_relative_to(own.resolve()):
            return (
                f"inside the project's {own.name}/ (made or kept by dossier); "
                "give new articles from outside it"
            )
    return None


def add_articles(given: list[str], paths: Paths) -> int:
    """Ingest each file; a bad one is reported on one line and the others still go in."""
    from generator.intake.ingest import AddOutcome, add_each

    files, refused = _given_files(given, paths)
    piped, why = _piped(given)
    if why:
        refused.append(("-", why))
    outcomes: list[AddOutcome] = []
    wanted = files or piped is not None
    added = add_each(files, paths.corpus, paths.cache, piped) if wanted else iter(())
    errors = (AddOutcome(g, "error", None, f"{g}: {why}") for g, why in refused)
    for outcome in itertools.chain(added, errors):  # each said as it goes in (or is refused)
        outcomes.append(outcome)
        stream = sys.stderr if outcome.status == "error" else sys.stdout
        if outcome.status != "skipped":
            print(f"dossier: {one_line(outcome.message)}", file=stream, flush=True)
    if not outcomes:
        where = ", ".join(str(f) for f in files)
        print(f"dossier: {where}: no files in it; give article files or folders of them",
              file=sys.stderr)  # fmt: skip
        return 1
    if skipped := [Path(o.path) for o in outcomes if o.status == "skipped"]:
        kinds = sorted({p.suffix.lower() or p.name for p in skipped})
        print(
            f"dossier: skipped {len(skipped)} part{'s' if len(skipped) != 1 else ''} of web pages "
            f"in the folders ({', '.join(kinds[:6])}{', …' if len(kinds) > 6 else ''}): no articles"
        )
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in ("added", "unchanged", "error")}
    # with nothing added there is nothing for a build to show: no call to run one
    then = "; run `python -m generator build` to regenerate the site" if counts["added"] else ""
    print(
        f"dossier: {counts['added']} added, {counts['unchanged']} already there, "
        f"{counts['error']} refused{then}"
    )
    return 1 if counts["error"] else 0


def _piped(given: list[str]) -> tuple[BinaryIO | None, str]:
    """Standard input, when `-` asks for the article piped in; or why it cannot be read:
    a terminal would wait for typing that `add` never asked for."""
    if "-" not in given:
        return None, ""
    if given.count("-") > 1:
        return None, "given more than once; one article can be piped in"
    stream = sys.stdin
    if stream is None or stream.isatty():
        return None, f"standard input is the terminal, no article is piped in; {PIPE_HINT}"
    return stream.buffer, ""


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def one_line(message: str) -> str:
    """The message with control characters (a line break in a file's name) escaped: one line
    per file, whatever the file is called."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], message)


def candidates_line(found: NewCandidates) -> str:
    count = len(found.sources)
    one = count == 1
    what = f"the {count} new source{'' if one else 's'}"
    if found.too_long:
        return (
            f"dossier: {what} {'is' if one else 'are'} too long to scan for new names and "
            f"events in a build ({found.too_long:,} characters); "
            "see `python -m generator review`"
        )
    if not found.names and not found.events:
        verb = "names" if one else "name"
        return f"dossier: {what} {verb} no actor or event the dossier does not hold"
    names = ", ".join(found.names[:5]) + (", …" if len(found.names) > 5 else "")
    parts = []
    if found.names:
        parts.append(f"{len(found.names)} new name{'s' if len(found.names) != 1 else ''} ({names})")
    if found.events:
        parts.append(f"{found.events} possible new event{'s' if found.events != 1 else ''}")
    return (
        f"dossier: {what} {'brings' if one else 'bring'} {' and '.join(parts)}; "
        "see `python -m generator review` to accept them"
    )


def find_root(start: Path) -> Path:
    """The project folder: start, or the nearest folder above it with mkdocs.yml and corpus/
    (so `build` works from corpus/ or docs/ too); failing that, the nearest with docs/ and a
    dossier's corpus/ (events.yml in it: a project whose mkdocs.yml was deleted, which the
    build then names); start itself when none."""
    start = start.resolve()
    folders = (start, *start.parents)
    for folder in folders:
        if (folder / "mkdocs.yml").is_file() and (folder / "corpus").is_dir():
            return folder
    for folder in folders:
        if (folder / "corpus" / "events.yml").is_file() and (folder / "docs").is_dir():
            return folder
    return start


def _no_project(root: Path) -> str:
    """Why root is no project folder, and what to do: one line, before anything is written."""
    if not root.is_dir():
        what = "a file, not a folder" if root.exists() else "no such folder"
        return f"{what} (give --root the folder holding mkdocs.yml and corpus/)"
    if root.name == "corpus" and (root.parent / "mkdocs.yml").is_file():
        return f"this is the corpus folder itself (give --root {root.parent})"
    project = find_root(root)  # --root docs, --root corpus/sources: a folder of a project
    if project != root.resolve() and (project / "corpus").is_dir():
        return f"a folder inside the project {project} (give --root {project})"
    return (
        "no corpus/ folder here or above; run dossier in a project folder "
        "(one holding mkdocs.yml and corpus/) or give --root PROJECT_FOLDER"
    )


class Stopped(KeyboardInterrupt):
    """SIGTERM, turned into an interrupt so that staging folders are cleaned up on the way out."""


def _stop(signum: int, frame: object) -> None:
    raise Stopped


def run() -> int:
    """The command as a process (`dossier`, `python -m generator`): one command, then exit.

    Without the cyclic garbage collector but while MkDocs builds (see generator.collector);
    the few cycles left are freed with the process."""
    gc.disable()
    _writable_names()
    code = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return code  # a profiler or coverage writes its report at the normal exit
    # One command, then exit: without freeing, one by one, the millions of objects a build
    # made (a tenth of a second and more at 1,000 sources); the system takes the memory back.
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader quit before the last of it (`review | head`)
        code = code or READER_GONE
    sys.stderr.flush()
    os._exit(code)


def _utf8(stream: Any) -> bool:
    return str(getattr(stream, "encoding", "") or "").lower().replace("-", "") == "utf8"


def _writable_names() -> None:
    """Names and quotations in any script print on an output that cannot show them (a
    Windows `review > out.txt` in cp1252, an ASCII terminal) as \\u escapes, not as a
    UnicodeEncodeError traceback after the work is done."""
    for stream in (sys.stdout, sys.stderr):
        if not _utf8(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


# The status of a command whose output's reader quit early, as of any Unix tool killed by
# SIGPIPE (`git log | head`: 128 + 13)
READER_GONE = 141


def _reader_gone() -> bool:
    """Whether standard output is a pipe whose reader has quit (`review --json | head`), not
    some other pipe of the build that broke."""
    import select

    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(event & select.POLLERR for _, event in poller.poll(0))
    except (AttributeError, OSError, ValueError):  # no poll (Windows), no real stdout
        return False


def main(argv: list[str] | None = None) -> int:
    _Parser.given = tuple(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(argv)
    root = args.root.resolve() if args.root is not None else find_root(Path.cwd())
    if not (root / "corpus").is_dir():
        print(f"dossier: {root}: {_no_project(root)}", file=sys.stderr)
        return 1
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
        print(f"dossier: interrupted; {_INTERRUPTED.get(args.command, RUN_AGAIN)}", file=sys.stderr)
        return 130
    except OSError as exc:  # a full disk, a read-only folder: the user's to fix, no traceback
        if isinstance(exc, BrokenPipeError) and _reader_gone():
            # nobody reads the rest: say nothing, and write nothing more at exit either
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return READER_GONE
        print(f"dossier: error: {_os_error(exc, paths)}", file=sys.stderr)
        return 1


RUN_AGAIN = "run the command again to finish"
_INTERRUPTED = {  # what an interrupted command leaves, by command
    "build": f"the last good site is intact ({RUN_AGAIN})",
    "serve": f"the last good site is intact ({RUN_AGAIN})",
    "add": "the articles taken in so far stay in the corpus (add them again: those are skipped)",
}


def _os_error(exc: OSError, paths: Paths) -> str:
    """One line: the folder of the project that could not be written and what to do."""
    if not exc.filename:
        return exc.strerror or str(exc)
    if not is_write_error(exc):
        return f"{display_path(Path(exc.filename))}: {exc.strerror or exc}"
    folder = top_folder(Path(exc.filename), paths.root)
    # MkDocs writes the new site into the spare before docs/ is written or site/ swapped
    spare = folder == paths.spare_site
    kept = f"it is where the new site is built, beside site/; {LAST_GOOD_KEPT}" if spare else ""
    return str(WriteError(exc, folder, kept))


def _run(args: argparse.Namespace, paths: Paths) -> int:
    if args.command == "check":
        from generator.review.decisions import read_decisions
        from generator.review.history import read_history

        corpus = check(paths.corpus)
        read_decisions(paths.corpus)  # `build` reads them too: a slip there is a check problem
        read_history(paths.corpus)
        print(
            f"dossier: corpus OK: {len(corpus.sources)} sources, {len(corpus.actors)} actors, "
            f"{len(corpus.events)} events"
        )
        return 0
    if args.command == "review":
        return _review(paths, args.json, args.all, tuple(args.source))
    if args.command in ("accept", "reject", "undo", "set", "rename"):
        with build_lock(paths):  # they edit the corpus a build may be reading
            return review_command(args, paths)
    if args.command == "add":
        return add_articles(args.paths, paths)
    if args.command == "serve":
        return _serve(args.dev_addr, paths)
    if not args.no_site:
        _check_site_folder(paths)
    if not args.no_site or args.offline:  # the offline bundle is a site build too
        _check_site_config(paths)
    result = build(paths, with_site=not args.no_site, offline=args.offline)
    _summary(result, paths, args.offline)
    return 0


def _check_site_folder(paths: Paths) -> None:
    """DossierError if site/ is a symbolic link (to a web server's folder, say): each build
    swaps a new site/ folder in, so the link became the spare and the web server showed the
    build before the last one, forever behind. A spare left a link by such a swap is one too."""
    for folder in (paths.site, paths.spare_site):
        if folder.is_symlink():
            target = os.readlink(folder)
            raise DossierError(
                f"{display_path(folder)}: a symbolic link (to {target}); each build swaps a "
                f"new {paths.site.name}/ folder in, which leaves a link showing an older build: "
                f"remove the link (rm {shlex.quote(display_path(folder))}), then publish a copy "
                f"of {paths.site.name}/ after each build (rsync -a --delete "
                f"{paths.site.name}/ {shlex.quote(target.rstrip('/'))}/)"
            )


# `docs_dir: docs` or `site_dir: 'site/'  # comment`: the folder a line of mkdocs.yml sets
_FOLDER_SETTING = re.compile(r"(docs_dir|site_dir):\s*['\"]?(.*?)['\"]?\s*(?:#.*)?$")


def _check_site_config(paths: Paths) -> None:
    """DossierError unless mkdocs.yml is there and names the folders dossier builds in: the
    pages are written to docs/ and the site built into site/ whatever it says, while
    `mkdocs serve` and `gh-deploy` follow it (a silent `site_dir: public` published nothing)."""
    name = display_path(paths.config)
    try:
        text = paths.config.read_text("utf-8")
    except FileNotFoundError:
        if (paths.root / "mkdocs.yaml").is_file():  # MkDocs' other name: dossier reads .yml
            near = display_path(paths.root / "mkdocs.yaml")
            raise DossierError(
                f"{near}: not read: dossier reads mkdocs.yml only; rename it "
                f"(mv {shlex.quote(near)} {shlex.quote(name)})"
            ) from None
        raise DossierError(
            f"{name}: missing (it holds the site's settings and names the hook); restore it "
            f"(git checkout -- {shlex.quote(name)}), or regenerate docs/ alone with "
            "`python -m generator build --no-site`"
        ) from None
    except (OSError, UnicodeDecodeError):
        return  # MkDocs reports it, at its line
    for number, line in enumerate(text.splitlines(), 1):
        found = _FOLDER_SETTING.match(line)
        if found is None:
            continue
        key, value = found.groups()
        wanted = paths.docs if key == "docs_dir" else paths.site
        if not value or (paths.root / value).resolve() != wanted.resolve():
            what = (
                "writes the pages to docs/"
                if key == "docs_dir"
                else "builds the site into site/ (publish from it or a copy of it)"
            )
            raise DossierError(
                f"{name}:{number}: {key} '{value}': dossier {what}; write `{key}: {wanted.name}`"
            )


def _serve(address: str, paths: Paths) -> int:
    """Build, then serve site/ and build again on each change (generator.site.serving)."""
    from generator.review.history import HISTORY_FILE
    from generator.site import serving

    _check_site_folder(paths)
    _check_site_config(paths)  # before the build, not after it from MkDocs
    _check_address(address)  # before the build, not after it in a traceback
    # history.yml: what a build writes among what is watched
    watcher = serving.Watcher([paths.corpus / HISTORY_FILE], docs=paths.docs)
    watcher.prime(serving.watched(paths.root, paths.docs, paths.config, None))
    builds = serving.builds(paths.root, address)

    def terminated(signum: int, frame: Any) -> None:
        builds.stop()  # stopped by a supervisor: the build under way was not told
        raise KeyboardInterrupt  # then as by Ctrl-C

    signal.signal(signal.SIGTERM, terminated)
    try:
        with watcher.building():  # what changes meanwhile is built once it is done
            code = builds.build()
        if code != 0:  # its one line said why; there may be no site to serve
            return code
        serving.show_server_lines()
        server = serving.make_server(paths.root, address, watcher, builds.build, _say)
        try:
            server.serve()
        finally:
            server.shutdown()
    except KeyboardInterrupt:  # Ctrl-C is how a server is stopped: no error, no "interrupted"
        pass
    finally:
        builds.close()
    return 0


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _check_address(address: str) -> None:
    """DossierError unless `mkdocs serve` can listen at HOST:PORT."""
    import ipaddress
    import socket

    host, _, port = address.rpartition(":")
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        ip = None
    if ip is None or not port.isdigit() or not 0 < int(port) < 65536:
        raise DossierError(f"--dev-addr {address}: give IP:PORT, e.g. 127.0.0.1:8000")
    with socket.socket(socket.AF_INET6 if ip.version == 6 else socket.AF_INET) as probe:
        if os.name != "nt":  # as the server will: the last session's connections are no bar
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((str(ip), int(port)))
        except OSError as exc:
            hint = "another server uses it? " if exc.errno == errno.EADDRINUSE else ""
            raise DossierError(
                f"cannot serve at {address}: {exc.strerror or exc} "
                f"({hint}try --dev-addr 127.0.0.1:8001)"
            ) from None


def _review(paths: Paths, as_json: bool, show_all: bool, sources: tuple[str, ...] = ()) -> int:
    from generator.review.report import build_review, format_review

    try:
        with build_lock(paths):  # it keeps what it links in the build's cache
            with using(Cache(paths.cache)) as cache:
                found = build_review(paths.corpus, show_all=show_all, sources=sources)
            cache.save()
    except OSError as exc:  # a project this user may only read (a colleague's, a share)
        if not is_write_error(exc):
            raise
        found = build_review(paths.corpus, show_all, sources)  # reading it needs no lock
    if as_json:
        # \u escapes where the output cannot hold the text itself: the same JSON either way
        as_is = _utf8(sys.stdout)
        print(json.dumps(found, ensure_ascii=not as_is, indent=2, sort_keys=True))
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
    elif result.site_seconds is not None and os.environ.get(SERVED_AT):  # under serve
        print(
            f"dossier: site built in {result.site_seconds:.2f} s → {display_path(paths.site)}/, "
            f"served at http://{os.environ[SERVED_AT]}/"
        )
    elif result.site_seconds is not None:
        print(
            f"dossier: site built in {result.site_seconds:.2f} s → {display_path(paths.site)}/ "
            f"(view it: python3 -m http.server -d {shlex.quote(display_path(paths.site))}, "
            "then open http://127.0.0.1:8000/)"
        )
