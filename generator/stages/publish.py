"""Build the static site with MkDocs into a staging folder, then swap it in whole."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import hashlib
import logging
import os
import re
import shutil
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from generator.cache import code_version
from generator.collector import collecting
from generator.errors import BuildError, shown
from generator.site.keys import SITE_AS, stamp_of, versions

SKIP_HOOK = "DOSSIER_SKIP_HOOK"
OFFLINE_SHIM = "javascripts/iframe-worker/shim.js"
INCREMENTAL = "dossier-incremental"  # the plugin that reuses unchanged pages (generator.site)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def link_tree(source: Path, target: Path) -> None:
    """target as a copy of source made of hard links (copies where links cannot be made).

    Safe because nothing writes through them: the incremental plugin deletes every file it
    does not reuse before MkDocs writes, and generator.stages.write replaces files by rename.
    A target that exists already is brought to the same state by mirror()."""
    target.mkdir(parents=True, exist_ok=True)
    _mirror(str(source), str(target))


def _mirror(source: str, target: str) -> None:
    """Make the folder target hold what source holds, touching only what differs: an entry
    is kept when it is the very file (same inode, as the directory listing gives it), linked
    anew when it differs, deleted when source has no such entry."""
    wanted = {e.name: e for e in os.scandir(source)}
    for entry in os.scandir(target):
        other = wanted.get(entry.name)
        is_dir = entry.is_dir(follow_symlinks=False)
        same_kind = other is not None and other.is_dir(follow_symlinks=False) == is_dir
        if other is not None and same_kind and (is_dir or other.inode() == entry.inode()):
            if is_dir:
                _mirror(other.path, entry.path)
            del wanted[entry.name]
            continue
        if is_dir:
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
    for name, entry in wanted.items():
        path = os.path.join(target, name)
        if entry.is_dir(follow_symlinks=False):
            os.mkdir(path)
            _mirror(entry.path, path)
            continue
        try:
            os.link(entry.path, path, follow_symlinks=False)
        except OSError:
            shutil.copy2(entry.path, path, follow_symlinks=False)


def build_site(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    epoch: int,
    offline: bool = False,
    previous: Path | None = None,
) -> None:
    """Run `mkdocs build --strict` on docs_dir into site_dir; raise BuildError on any warning.

    offline: the variant that works from file:// (page.html URLs, search index as a script).
    previous: the last site built for the same place; with the incremental plugin on, its
    unchanged pages are reused (hard-linked into site_dir, which may hold an older site: the
    plugin deletes what it does not reuse) instead of drawn again.
    """
    env = {**site_environment(site_dir, previous, offline), **epoch_environment(epoch)}
    with _environment(**env), mkdocs_failures():
        run_build(load_site_config(config_file, docs_dir, site_dir, offline), site_dir)


def site_environment(site_dir: Path, previous: Path | None, offline: bool) -> dict[str, str]:
    """The variables a site build runs with (mkdocs.yml and the plugin read them)."""
    env = {SKIP_HOOK: "1", "NO_MKDOCS_2_WARNING": "1"}  # Material's end-of-life banner
    env[SITE_AS] = str((previous or site_dir).resolve())
    if offline:
        env["DOSSIER_OFFLINE"] = "true"  # mkdocs.yml switches Material's offline plugin on
    return env


def epoch_environment(epoch: int) -> dict[str, str]:
    if "SOURCE_DATE_EPOCH" in os.environ:
        return {}
    return {"SOURCE_DATE_EPOCH": str(epoch)}  # sitemap dates follow the corpus, not the clock


@contextlib.contextmanager
def mkdocs_failures() -> Iterator[None]:
    """MkDocs' errors and warnings (all of them: the build is strict) as one BuildError."""
    from mkdocs.exceptions import Abort, MkDocsException

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        yield
    except (Abort, MkDocsException) as exc:
        raise BuildError(_mkdocs_failure(exc, collector.messages)) from None
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        raise BuildError(
            "mkdocs build warned: " + "; ".join(map(_in_own_words, collector.messages))
        )


def load_site_config(
    config_file: Path, docs_dir: Path, site_dir: Path, offline: bool = False
) -> Any:
    from mkdocs.config import load_config

    overrides: dict[str, Any] = {"use_directory_urls": False} if offline else {}
    config = load_config(
        str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True, **overrides
    )
    if offline:
        # Material's offline plugin would fetch this shim from unpkg.com; a copy
        # (iframe-worker 1.0.4, MIT) ships in docs/ so the bundle loads nothing remote.
        config.extra["polyfills"] = [OFFLINE_SHIM]
    return config


# Plugins whose on_config reads the configuration alone (never docs/): with only these,
# a build's plugin configuration is done ahead too (see warm)
CONFIG_ONLY_PLUGINS = frozenset(
    {"material/search", "material/tags", "material/offline", INCREMENTAL, "search", "tags"}
)
OWN_HOOKS = "generator/mkdocs_hooks.py"


def warm(config: Any) -> None:
    """Do ahead what a build of config does first and needs no docs for (generator.stages.
    early_site runs this before the docs are staged): list and sort out the theme's files,
    which MkDocs walks on every build (14,500 of Material's), read the last build's record
    and look at the site folder it will prune, configure the plugins, and make the docs'
    files as they stand (see _files_ahead)."""
    from mkdocs.structure.files import Files

    make_env = config.theme.get_env
    names = make_env().loader.list_templates()
    kept: list[str] = []

    def sorting_env() -> Any:  # MkDocs' own filter, run once over every name
        env = make_env()
        env.list_templates = functools.partial(_filtered, names, kept)
        return env

    Files([]).add_files_from_theme(sorting_env(), config)

    def listed_env() -> Any:  # the build's: the same filter over the names it kept
        env = make_env()
        env.list_templates = functools.partial(_filtered, list(kept), [])
        return env

    config.theme.get_env = listed_env
    incremental = config.plugins.get(INCREMENTAL)
    if incremental is not None and hasattr(incremental, "warm"):
        incremental.warm(config)
    if all(name in CONFIG_ONLY_PLUGINS or name.endswith(OWN_HOOKS) for name in config.plugins):
        configured = config.plugins.on_config(config)
        config.plugins.on_config = lambda config: configured  # build() runs it again
        _files_ahead(configured)  # which files are excluded is configured now


def _files_ahead(config: Any) -> None:
    """MkDocs' File of every file in docs/ made ahead, with where it goes and whether it is
    excluded: MkDocs' walk makes them anew on every build (a quarter of a second at 6,700
    pages). The build still walks the folder itself (the generator stages pages meanwhile:
    what is new, changed or gone is seen as it is then), and takes each File made here by
    its path; a File holds no content, only its path and where it goes."""
    from mkdocs.commands import build
    from mkdocs.structure import files

    commands: Any = build  # two of MkDocs' module globals are set for the one build
    structure: Any = files
    made_by = structure.File
    docs, site = config["docs_dir"], config["site_dir"]
    where = (docs, site, config["use_directory_urls"])
    made: dict[str, Any] = {}
    for folder, _, names in os.walk(docs, followlinks=True):
        relative = os.path.relpath(folder, docs)
        for name in names:
            path = os.path.join(relative, name)  # as MkDocs' get_files names it
            file = made[path] = made_by(path, *where)
            for worked_out in ("dest_uri", "url", "abs_src_path", "abs_dest_path", "name"):
                getattr(file, worked_out)  # cached on the File
    structure.set_exclusions(made.values(), config)

    def made_ahead(path: str, *given: Any, **more: Any) -> Any:
        if given == where and not more and path in made:
            return made.pop(path)
        return made_by(path, *given, **more)

    walk = commands.get_files

    def get_files(config: Any) -> Any:  # the build's walk, once
        structure.File = made_ahead
        try:
            return walk(config)
        finally:
            structure.File = made_by
            commands.get_files = walk

    commands.get_files = get_files


def deferred_work(config: Any) -> list[Callable[[], None]]:
    """What a build warmed ahead left to do once it has reported (the plugin's record)."""
    incremental = config.plugins.get(INCREMENTAL)
    return list(getattr(incremental, "deferred", None) or [])


def _filtered(
    names: list[str], kept: list[str], extensions: Any = None, filter_func: Any = None
) -> list[str]:
    """jinja2.Environment.list_templates over names listed before (kept: what passed)."""
    if extensions is not None:
        names = [n for n in names if "." in n and n.rsplit(".", 1)[1] in extensions]
    passed = [n for n in names if filter_func is None or filter_func(n)]
    kept.extend(passed)
    return passed


def run_build(config: Any, site_dir: Path) -> None:
    from mkdocs.commands.build import build

    incremental = config.plugins.get(INCREMENTAL)
    dirty = incremental is not None and bool(incremental.config.enabled)
    if dirty:
        # the plugin puts the reused pages of `previous` in place (hard links) and
        # deletes every other file: nothing to copy or walk here
        site_dir.mkdir(parents=True, exist_ok=True)
    elif site_dir.exists():
        shutil.rmtree(site_dir)  # a full build starts from an empty folder
    with collecting():
        build(config, dirty=dirty)


def _mkdocs_failure(exc: Exception, messages: list[str]) -> str:
    """One line: a YAML slip in mkdocs.yml at its file and line (MkDocs quotes PyYAML's
    four-line report), else what MkDocs said, its line breaks folded."""
    import yaml

    cause = exc.__context__
    if isinstance(cause, yaml.MarkedYAMLError):
        mark = cause.problem_mark or cause.context_mark
        if mark is not None and not mark.name.startswith("<"):
            return (
                f"{shown(Path(mark.name))}:{mark.line + 1}: YAML syntax error: "
                f"{cause.problem or cause.context} "
                "(check indentation, and quote text containing ': ' or '#')"
            )
    details = "; ".join(map(_in_own_words, messages)) or str(exc)
    return "mkdocs build failed: " + " ".join(details.split())


# MkDocs' words when docs/ and mkdocs.yml's nav disagree on a hand-written page: it names
# neither the file to restore nor the line to write
_UNLISTED = re.compile(
    r'The following pages exist in the docs directory, but are not included in the "nav" '
    r"configuration:((?:\n  - .+)+)"
)
_NOT_FOUND = re.compile(
    r"A reference to '(.+)' is included in the 'nav' configuration, which is not found "
    r"in the documentation files\."
)


def _in_own_words(message: str) -> str:
    """A message of MkDocs about docs/ and the nav as file: what is wrong (what to do)."""
    unlisted = _UNLISTED.fullmatch(message)
    if unlisted is not None:
        pages = unlisted.group(1).strip("\n").removeprefix("  - ").split("\n  - ")
        one = len(pages) == 1
        title = pages[0].rpartition("/")[2].removesuffix(".md").replace("-", " ").capitalize()
        return (
            f"{', '.join('docs/' + page for page in pages)}: "
            f"{'a page' if one else 'pages'} that mkdocs.yml's nav does not list; add "
            f"{'a line' if one else 'lines'} to nav (e.g. `- {title}: {pages[0]}`), or move "
            f"{'it' if one else 'them'} out of docs/"
        )
    missing = _NOT_FOUND.fullmatch(message)
    if missing is not None:
        page = missing.group(1)
        return (
            f"docs/{page}: missing, and mkdocs.yml's nav names it; restore it "
            f"(git checkout -- docs/{page}) or take its line out of nav"
        )
    return message


def site_inputs(config_file: Path, docs_dir: Path, site_dir: Path, epoch: int) -> str:
    """A digest of everything a site build reads that the generator does not key itself:
    mkdocs.yml and the variables it reads (`!ENV`), the versions of MkDocs and its plugins,
    the generator's code, every file of docs_dir and of a theme custom_dir (path, size, times,
    inode) and the site folder itself (a missing or replaced folder never matches)."""
    site = stamp_of(site_dir)
    if site is None:
        return ""
    text = config_file.read_bytes()
    names = sorted(set(re.findall(rb"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)", text)))
    hashed = hashlib.sha256(text)
    variables = [(n, os.environ.get(n.decode())) for n in names]
    seen = (variables, os.environ.get("SOURCE_DATE_EPOCH"), epoch, versions(), code_version())
    hashed.update(repr((seen, site)).encode())
    # a theme's custom_dir holds templates that draw every page
    themes = re.findall(rb"^\s*custom_dir:\s*['\"]?([^'\"\s#]+)", text, re.MULTILINE)
    for folder in [docs_dir, *(config_file.parent / t.decode() for t in themes)]:
        hashed.update(_tree_stamps(folder))
    return hashed.hexdigest()


def _tree_stamps(top: Path) -> bytes:
    """(path, size, modification and change times, inode) of every file under top, in a
    fixed order (scandir: no separate listing and path arithmetic per file, which cost 0.2 s
    a build at 1,000). The change time: an edit that put the size and modification time
    back (an editor that keeps times) still moves it."""
    stamps: list[tuple[str, int, int, int, int]] = []
    folders = [("", str(top))]
    while folders:
        prefix, folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except (FileNotFoundError, NotADirectoryError):
            continue
        below = []
        for entry in entries:
            if entry.is_dir():  # a link to a folder is not walked (as os.walk does)
                if not entry.is_symlink():
                    below.append((f"{prefix}{entry.name}/", entry.path))
            else:
                found = entry.stat()  # the change time: an edit that kept the others
                stamps.append(
                    (
                        prefix + entry.name,
                        found.st_size,
                        found.st_mtime_ns,
                        found.st_ctime_ns,
                        found.st_ino,
                    )
                )
        folders.extend(reversed(below))
    return repr(stamps).encode()


def swap_in(new_site: Path, site_dir: Path, delete_old: bool = True) -> None:
    """Put new_site in the place of site_dir, with no moment without a whole site there.

    On Linux one system call exchanges the two folders (renameat2 RENAME_EXCHANGE); the old
    site is then deleted from where the new one was (or left there: delete_old=False, for a
    caller that discards the staging folder holding it). Elsewhere, the old site is renamed
    aside first and the new one renamed in: a kill between the two renames leaves the old
    site at .site.old, which recover_site() puts back at the next start."""
    if site_dir.exists() and _exchange(new_site, site_dir):
        if delete_old:
            shutil.rmtree(new_site, ignore_errors=True)
        return
    old = _aside(site_dir)
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(new_site, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def _aside(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.old")


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False where the system cannot (then nothing changed)."""
    if sys.platform != "linux":
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False  # a C library without renameat2 (glibc before 2.28, musl before 1.2.?)
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return bool(done == 0)


# Staging folders of interrupted runs: ".dossier-stage-*" (and ".dossier-" plus the eight
# characters tempfile chose, from before they had that prefix).
STAGING_PREFIX = ".dossier-stage-"
_OLD_STAGING = re.compile(r"\.dossier-[a-z0-9_]{8}")


def recover_site(root: Path, site_dir: Path) -> list[str]:
    """What an interrupted or killed build left behind, cleaned up (call with the build lock
    held): the old site put back if the new one never arrived, staging folders deleted.
    Returns the names removed or restored."""
    done: list[str] = []
    old = _aside(site_dir)
    if old.is_dir() and not old.is_symlink():
        if not site_dir.exists():
            os.replace(old, site_dir)
            done.append(f"{site_dir.name} (restored)")
        else:
            shutil.rmtree(old, ignore_errors=True)
            done.append(old.name)
    for folder in (root, site_dir.parent):
        for child in sorted(folder.iterdir()) if folder.is_dir() else []:
            name = child.name
            stale = name.startswith(STAGING_PREFIX) or _OLD_STAGING.fullmatch(name)
            if stale and child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
                done.append(name)
    return sorted(set(done))


ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same site gives the same zip


def write_zip(folder: Path, target: Path, top: str) -> None:
    """Zip folder as top/..., deterministically, and put it in place with one rename."""
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", ZIP_TIME)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
