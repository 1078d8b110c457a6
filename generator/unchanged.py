"""A build with nothing changed does nothing: the record of what the last build read and left.

After a build that succeeds, the record holds the stamp (size, modification and change
times, inode) of every file under corpus/ and docs/, the generator's `code_version()`, and
for a site build `site_inputs` (mkdocs.yml, versions, docs/, theme, the site folder). The
next build compares: if every stamp and the code are the same, docs/ (and site/) already
hold what it would make, and it stops there (at 5,000 sources: about 10,000 stat calls
instead of loading, linking and rendering everything).

Stamps can miss an edit made within one tick of the file system's clock of the stamped one
(same size): a corpus file changed shortly before a build began (RACY_NS) is compared by
content too, as git does; a file that changed while the build ran is not recorded at all.
On Windows, which has no change time, every corpus file is compared by content.
docs/ and site/ are trusted by their stamps, as generator.stages.write trusts docs/.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.cache import code_version
from generator.safe_io import UnsafeFile, read_bytes, write_atomic

RECORD_FILE = "last-build.pickle"
RACY_NS = 3_000_000_000  # clocks of some file systems tick once a second or two
# Whether st_ctime is the time of the last change, which nothing sets by hand: an edit that
# puts the size and modification time back (an editor that keeps times, `touch -d`, `cp -p`
# onto the file) still moves it. On Windows it is the creation time, and such an edit keeps
# every stamp: there no file is known by its stamp alone.
CHANGE_TIMES = os.name != "nt"


def settled(info: os.stat_result, before_ns: int) -> bool:
    """Whether a file's stamp tells its content: last changed before before_ns (a racy
    window back from when it is read), where change times are kept (CHANGE_TIMES)."""
    return CHANGE_TIMES and max(info.st_mtime_ns, info.st_ctime_ns) < before_ns


Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
Stamps = dict[str, Stamp]


def tree_stamps(top: Path) -> Stamps:
    """Every file under top (links not followed), by its path relative to top."""
    found: Stamps = {}
    folders = [("", str(top))]
    while folders:
        prefix, folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.append((name + "/", entry.path))
            else:
                info = entry.stat(follow_symlinks=False)
                found[name] = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    return found


@dataclass(frozen=True)
class Record:
    code: str
    corpus: Stamps
    contents: dict[str, str]  # corpus files changed just before the build: their hashes
    docs: Stamps
    site: str | None  # site_inputs as the build left the site; None: a build without site
    epoch: int
    pages: int
    directory_urls: bool = True  # mkdocs.yml's, which docs/ follows too (raw HTML links)


def _content(path: Path) -> str:
    """A hash of a regular file's bytes; "" for anything else (a link, a FIFO: opened, it
    would wait for a writer for ever), which its stamp stands for."""
    try:
        return hashlib.sha256(read_bytes(path, limit=1 << 40)).hexdigest()  # any size
    except UnsafeFile:
        return ""


def _read(folder: Path) -> Record | None:
    try:
        with (folder / RECORD_FILE).open("rb") as handle:
            record = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return None
    return record if isinstance(record, Record) else None


def unchanged_pages(
    cache_dir: Path,
    corpus: Path,
    docs: Path,
    site: Callable[[], str] | None,
    record: Record | None = None,
    directory_urls: bool = True,
) -> int | None:
    """The number of pages, if corpus/ and docs/ (and the site, by `site`: what makes its
    inputs now, given the recorded epoch) stand exactly as the last build left them,
    for the same use_directory_urls; else None. The site's inputs are made last: after an
    `add`, the corpus has changed, and they cost as much as the rest (docs/ stat'ed again)."""
    record = record or _read(cache_dir)
    if record is None or record.code != code_version():
        return None
    if record.directory_urls != directory_urls:
        return None
    if tree_stamps(corpus) != record.corpus or tree_stamps(docs) != record.docs:
        return None
    if any(_content(corpus / name) != hashed for name, hashed in record.contents.items()):
        return None
    if site is not None:
        now = site()
        if now == "" or record.site != now:  # "": no site folder
            return None
    return record.pages


def last_record(cache_dir: Path) -> Record | None:
    return _read(cache_dir)


def forget(cache_dir: Path) -> None:
    """A build begins: until it ends well, no record (an interrupted build proves nothing)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(cache_dir / RECORD_FILE)


def remember(
    cache_dir: Path,
    corpus: Path,
    before: Stamps,
    started_ns: int,
    outputs: tuple[Path, str | None, int],
    pages: int,
    written_by_build: frozenset[str] = frozenset(),
    directory_urls: bool = True,
) -> bool:
    """Record a build that succeeded. before: the corpus's stamps when it began (taken before
    anything was read); written_by_build: corpus files the build itself wrote (history).
    outputs: docs/, the site's inputs (None without site) and the epoch. False (nothing
    recorded) if the corpus changed while the build ran."""
    now = tree_stamps(corpus)
    moved = {n for n in before.keys() | now.keys() if before.get(n) != now.get(n)}
    if moved - written_by_build:
        return False
    docs, site, epoch = outputs
    recent = started_ns - RACY_NS
    everything = not CHANGE_TIMES  # then every corpus file is compared by content
    contents = {
        name: _content(corpus / name)
        for name, (_, mtime, ctime, _) in sorted(now.items())
        if everything or mtime >= recent or ctime >= recent or name in moved
    }
    docs_stamps = tree_stamps(docs)
    record = Record(code_version(), now, contents, docs_stamps, site, epoch, pages, directory_urls)
    cache_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(cache_dir / RECORD_FILE, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    return True
