"""The orchestrator: load -> validate -> link -> analyse -> render -> write, in that order."""

from __future__ import annotations

import calendar
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator import unchanged
from generator.cache import Cache, Memo, current, fresh_run, using
from generator.collector import paused
from generator.stages.publish import (
    build_site,
    link_tree,
    recover_site,
    site_inputs,
    swap_in,
    write_zip,
)
from generator.stages.write import Stamps, WriteReport, plan_docs, write_docs
from generator.urls import directory_urls_of

# The stages are imported where they run: a build with nothing changed stops before them,
# and their imports were most of its time (0.9 of 1.9 s wall on a busy machine, importtime).
if TYPE_CHECKING:
    from generator.model import Corpus
    from generator.pages import Pages
    from generator.review.history import NewHistory
    from generator.review.report import NewCandidates
    from generator.stages.analyse import Analysis
    from generator.stages.early_site import EarlySite


@dataclass(frozen=True)
class Paths:
    root: Path

    @property
    def corpus(self) -> Path:
        return self.root / "corpus"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def cache(self) -> Path:
        return self.root / ".dossier-cache"

    @property
    def spare_site(self) -> Path:
        """The site before the last one, brought up to date and built into by the next
        build (beside site/, so that the two can be swapped in one rename)."""
        return self.site.with_name(f".{self.site.name}.spare")

    @property
    def offline_zip(self) -> Path:
        return self.root / "dossier-offline.zip"

    @property
    def lock(self) -> Path:
        return self.root / ".dossier-lock"


@dataclass(frozen=True)
class BuildResult:
    report: WriteReport
    pages: int
    generate_seconds: float
    site_seconds: float | None
    candidates: NewCandidates | None = None  # what sources new in this build bring
    site_current: bool = False  # site/ was already built from these very inputs: left alone


SCANNED_NEW_SOURCES = 50  # more new sources than this (a first build): see `review` instead
# The summary's scan is linear in the text but costly (about 5 s of CPU a megabyte, a third
# of the build of a 4.5 MB article): past this many characters of new text it is left to
# `review`, which the analyst runs anyway, and the build says so.
SCANNED_NEW_CHARACTERS = 500_000


def check(corpus_dir: Path) -> Corpus:
    from generator.stages.load import load_corpus
    from generator.stages.validate import validate

    fresh_run()  # outside a build's store, a new in-memory one (see generator.cache)
    return validate(load_corpus(corpus_dir))


def generate(
    corpus_dir: Path, checked: Corpus | None = None, directory_urls: bool = True
) -> tuple[Analysis, Pages]:
    """checked: the corpus as validated already, with its history (build validates it
    before recording the history). directory_urls: MkDocs' setting, which the links in raw
    HTML follow. The stages cache their work in the store in use: open one with
    `generator.cache.using` to keep it between runs."""
    from generator.review.history import with_history
    from generator.stages.analyse import analyse
    from generator.stages.link import link_sources
    from generator.stages.render import render_site

    with paused():
        corpus = checked or with_history(check(corpus_dir), corpus_dir)
        analysis = analyse(corpus, link_sources(corpus))
        return analysis, render_site(analysis, directory_urls)


def directory_urls(paths: Paths) -> bool:
    """MkDocs' use_directory_urls in the project's mkdocs.yml (true without one)."""
    try:
        return directory_urls_of(paths.config.read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return True


def build(paths: Paths, with_site: bool = True, offline: bool = False) -> BuildResult:
    """Regenerate docs/ and (optionally) site/; on any failure both stay as they were.

    offline: also make dossier-offline.zip, a copy of the site that works from file://.
    """
    with build_lock(paths), paused():  # writing draws pages too: see generate()
        recover_site(paths.root, paths.site)
        try:
            return _build(paths, with_site, offline)
        except BaseException:
            # An interrupt can land inside a staging folder's own cleanup: finish it, with
            # further interrupts held until it is done (the lock is still ours).
            with signals_held():
                recover_site(paths.root, paths.site)
            raise


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait (they are delivered at the end) where the system allows."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


WAITING = "dossier: another build is running in this project; waiting for it to finish"


@contextmanager
def build_lock(paths: Paths, waiting: str = WAITING) -> Iterator[None]:
    """One build at a time per project: a second one waits (saying so once on stderr).

    An advisory lock (flock) on .dossier-lock: the system releases it when the process
    ends, however it ends, so a killed build never leaves the project locked."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; builds there are not guarded
        yield
        return
    paths.root.mkdir(parents=True, exist_ok=True)
    with open(paths.lock, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(waiting, file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build(paths: Paths, with_site: bool, offline: bool) -> BuildResult:
    started = time.perf_counter()
    if not offline and (pages := _unchanged(paths, with_site)) is not None:
        seconds = time.perf_counter() - started
        report = WriteReport(unchanged=pages)
        return BuildResult(report, pages, seconds, 0.0 if with_site else None, None, with_site)
    # the site build's child process, if one was forked, is waited for last: once it has
    # reported the site, it writes its record while this process finishes
    with ExitStack() as children:
        early = _early_site(paths, with_site, children)  # forked first: MkDocs starts now
        unchanged.forget(paths.cache)
        started_ns, before = time.time_ns(), unchanged.tree_stamps(paths.corpus)
        cache = Cache(paths.cache)
        with using(cache):
            result, epoch = _build_stages(paths, with_site, offline, early)
            site = None
            if with_site and not result.site_current:  # as this build left it, just recorded
                site = SITE_INPUTS.get_or_make(str(paths.site), str)
            elif with_site:
                site = site_inputs(paths.config, paths.docs, paths.site, epoch)
        cache.save()
        from generator.review.history import HISTORY_FILE

        outputs, written = (paths.docs, site, epoch), frozenset({HISTORY_FILE})  # history's
        pages, urls = result.pages, directory_urls(paths)
        unchanged.remember(
            paths.cache, paths.corpus, before, started_ns, outputs, pages, written, urls
        )
    return result


def _unchanged(paths: Paths, with_site: bool) -> int | None:
    """The number of pages, if nothing changed since the last build (see generator.unchanged)."""
    record = unchanged.last_record(paths.cache)
    if record is None:
        return None

    def site() -> str:
        return site_inputs(paths.config, paths.docs, paths.site, record.epoch)

    return unchanged.unchanged_pages(
        paths.cache,
        paths.corpus,
        paths.docs,
        site if with_site else None,
        record,
        directory_urls(paths),
    )


# What each built site was built from (by its folder), and when write last left each keyed
# page of a docs/ folder (by the folder: see generator.stages.write).
SITE_INPUTS: Memo[str] = Memo("site", __name__)
WRITTEN: Memo[Stamps] = Memo("written", __name__)


def _early_site(paths: Paths, with_site: bool, children: ExitStack) -> EarlySite | None:
    """The site build forked ahead, where it can be; children: where it is waited for (or,
    on failure, stopped)."""
    from generator.stages.early_site import EarlySite, SitePlan, can_fork

    plan = SitePlan(paths.config, _staging(paths) / "docs", paths.spare_site, paths.site)
    if with_site:  # a first build forks too: MkDocs loads its configuration from this folder
        plan.docs_dir.mkdir(parents=True, exist_ok=True)
    if with_site and can_fork(plan):
        return children.enter_context(EarlySite(plan))
    return None


def _build_stages(
    paths: Paths, with_site: bool, offline: bool, early: EarlySite | None
) -> tuple[BuildResult, int]:
    """The build, and the epoch of its site. early: the site build forked ahead, if any."""
    from generator.review.decisions import read_decisions
    from generator.review.history import record as record_history
    from generator.review.history import save as save_history

    started = time.perf_counter()
    corpus, history = record_history(paths.corpus, check(paths.corpus))  # written if built
    analysis, pages = generate(paths.corpus, corpus, directory_urls(paths))
    generated = time.perf_counter()
    stamps = written_stamps(paths.docs)
    decided = set(read_decisions(paths.corpus))
    site_seconds = None
    site_current = False
    if with_site:
        site = _build_and_swap(paths, pages, analysis, stamps, early, decided, history)
        report, site_seconds, site_current, candidates = site
    else:
        save_history(paths.corpus, history)
        report = write_docs(pages, paths.docs, stamps)
        candidates = new_candidates(analysis, report, decided)
    keep_stamps(paths.docs, stamps)
    if offline:
        build_offline(paths, analysis, stamps)
    result = BuildResult(
        report, len(pages), generated - started, site_seconds, candidates, site_current
    )
    return result, corpus_epoch(analysis.corpus)


def _staging(paths: Paths) -> Path:
    return paths.cache / "stage"


def _build_and_swap(
    paths: Paths,
    pages: Pages,
    analysis: Analysis,
    stamps: Stamps,
    early: EarlySite | None,
    decided: set[str],
    history: NewHistory | None,
) -> tuple[WriteReport, float, bool, NewCandidates | None]:
    """Build the site from the new pages into the spare site folder, write docs/, swap the
    spare in. The spare (the site before, after the swap) and the staged docs stay for the
    next build, which brings them up to date by relinking only what differs (see
    publish.link_tree) instead of copying and deleting thousands of files.
    early: the site build started ahead in a child process, if any (it builds while this
    process looks for the new sources' candidates).
    decided: the keys of the proposals decided before. history: history.yml's new text,
    written once the site is built, before docs/ and site/ change (a failed build records
    nothing).
    Returns the write report, the seconds the site took, whether it was current, and the
    candidates in the new sources."""
    from generator.review.history import save as save_history

    paths.site.parent.mkdir(parents=True, exist_ok=True)
    built = time.perf_counter()
    staging_docs, staged = stage_docs(paths, pages, _staging(paths), stamps)
    epoch = corpus_epoch(analysis.corpus)
    if early is not None:
        early.start(epoch)  # it builds while this process checks whether it must
    recorded = SITE_INPUTS.get_or_make(str(paths.site), str)
    now = site_inputs(paths.config, staging_docs, paths.site, epoch)
    site_current = bool(now) and recorded == now  # "": no site folder
    spare = paths.spare_site
    if early is None and not site_current:
        build_site(paths.config, staging_docs, spare, epoch, previous=paths.site)
    candidates = _while_the_site_builds(analysis, staged, decided, site_current, history)
    plan = plan_docs(pages, paths.docs, stamps)  # what docs/ will change
    if early is not None:
        current().save()  # what the stages made (the build saves again at its end)
        if site_current:
            early.cancel()  # the spare folder is scratch: the next build prunes it
        else:
            early.finish()
    site_seconds = time.perf_counter() - built
    save_history(paths.corpus, history)
    report = plan.commit(twins=staging_docs)  # docs/ and the staged copy share the pages
    if not site_current:
        swap_in(spare, paths.site, delete_old=False)
        if not spare.exists():  # a first site: the next build starts from a copy of links
            link_tree(paths.site, spare)  # (else it links all the pages it reuses itself)
        # what this site was built from, as docs/ stands now: the next build with
        # nothing changed finds the same and leaves site/ alone
        built_from = site_inputs(paths.config, paths.docs, paths.site, epoch)
        SITE_INPUTS.put(str(paths.site), built_from)
    return report, site_seconds, site_current, candidates


def _while_the_site_builds(
    analysis: Analysis,
    staged: WriteReport,
    decided: set[str],
    site_current: bool,
    history: NewHistory | None,
) -> NewCandidates | None:
    """What this process does while a child builds the site: the candidates in the sources
    the staged docs/ have new; else the scan the next arrival needs, drawn ahead; and
    history.yml's text (written once the site is built)."""
    candidates = new_candidates(analysis, staged, decided)
    if candidates is None and not site_current:
        from generator.review.report import warm_scan

        warm_scan(analysis)
    if history is not None:
        history.text()
    return candidates


def new_candidates(
    analysis: Analysis, report: WriteReport, decided: set[str] | None = None
) -> NewCandidates | None:
    """Candidate actors and events in the sources whose pages this build wrote first."""
    from generator.urls import source_path

    pages = {source_path(s): s for s in analysis.corpus.sources}
    new = [pages[p] for p in report.new if p in pages]
    if not new or len(new) > SCANNED_NEW_SOURCES:
        return None
    from generator.review.report import NewCandidates, candidates_in  # review builds on this

    sources = analysis.corpus.sources
    length = sum(len(p) for s in new for p in sources[s].paragraphs)
    if length > SCANNED_NEW_CHARACTERS:
        return NewCandidates(tuple(sorted(new)), (), 0, too_long=length)
    return candidates_in(analysis, new, decided or set())


def written_stamps(docs: Path) -> Stamps:
    """When write last left each keyed page of this docs/ folder (see generator.stages.write)."""
    return dict(WRITTEN.get_or_make(str(docs.resolve()), dict))


def keep_stamps(docs: Path, stamps: Stamps) -> None:
    if stamps != written_stamps(docs):
        WRITTEN.put(str(docs.resolve()), stamps)


def build_offline(paths: Paths, analysis: Analysis, stamps: Stamps) -> None:
    """The site with page.html links and an inlined search index, zipped; docs/ untouched.
    Built into a spare folder beside the last offline build (kept for reuse), as the site."""
    from generator.stages.render import render_site

    pages = render_site(analysis, directory_urls=False)
    previous = paths.cache / "offline-site"  # the last offline build, for reuse
    spare = paths.cache / "offline-site.spare"
    staging_docs, _ = stage_docs(paths, pages, paths.cache / "stage-offline", stamps)
    epoch = corpus_epoch(analysis.corpus)
    build_site(paths.config, staging_docs, spare, epoch, offline=True, previous=previous)
    write_zip(spare, paths.offline_zip, top="dossier")
    swap_in(spare, previous, delete_old=False)


def stage_docs(
    paths: Paths, pages: Pages, staging: Path, stamps: Stamps
) -> tuple[Path, WriteReport]:
    """A copy of docs/ with the new pages in staging/docs; the real docs/ untouched.

    The copy is made of hard links (write replaces files by rename, never writes through
    them) and so keeps the files' times: the stamps of docs/ hold for it too (copied: the
    staging writes must not change the real ones)."""
    staging_docs = staging / "docs"
    if paths.docs.exists():
        link_tree(paths.docs, staging_docs)  # a staged copy from before: only what differs
    else:  # no docs/ yet: the build makes it (MkDocs names what a site needs in it)
        if staging_docs.exists():
            shutil.rmtree(staging_docs)
        staging_docs.mkdir(parents=True)
    return staging_docs, write_docs(pages, staging_docs, dict(stamps))


def corpus_epoch(corpus: Corpus) -> int:
    """A timestamp that depends only on the corpus: noon UTC on the newest publication date."""
    newest = corpus.newest_published
    if newest is None:
        return 0
    return calendar.timegm(newest.timetuple()) + 12 * 3600
