"""Load stage: files become raw records with their locations; problems are collected, not raised."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import unchanged
from generator.cache import Cache, using
from generator.errors import CorpusError
from generator.model import Corpus
from generator.pipeline import check
from generator.safe_io import MAX_BYTES
from generator.stages import load
from generator.stages.load import load_corpus
from tests.conftest import MINI_CORPUS, CreatedAt


def copy_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI_CORPUS, corpus)
    return corpus


def messages(corpus: Path) -> list[str]:
    return [str(p) for p in load_corpus(corpus).problems]


def test_a_good_corpus_loads_without_problems() -> None:
    raw = load_corpus(MINI_CORPUS)
    assert raw.problems == []
    assert [s.stem for s in raw.sources] == ["alpha-2020-03-05-talks", "beta-2020-02-21-call"]
    alpha = raw.sources[0]
    assert alpha.front is not None and "id: alpha-2020-03-05-talks" in alpha.front
    assert alpha.body_first_line == 9  # file lines are kept for messages
    assert alpha.body[0].startswith("Putin and Erdogan met in Moscow")


def test_claims_are_optional_but_the_other_files_are_not(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    (corpus / "claims.yml").unlink()
    (corpus / "events.yml").unlink()
    found = messages(corpus)
    assert len(found) == 1
    assert "events.yml" in found[0] and "missing file" in found[0]


def test_a_source_without_front_matter_names_its_first_line(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    (corpus / "sources" / "gamma.md").write_text("Just text.\n", encoding="utf-8")
    (corpus / "sources" / "delta.md").write_text(
        "---\nid: delta\nno closing fence\n", encoding="utf-8"
    )
    found = messages(corpus)
    assert any("gamma.md:1" in m and "no front matter" in m for m in found)
    assert any("delta.md:1" in m and "never closed" in m for m in found)


def test_text_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    (corpus / "sources" / "latin.md").write_bytes(b"---\nid: latin\n---\nline\nErdo\xf0an\n")
    found = messages(corpus)
    assert any("latin.md:5" in m and "UTF-8" in m for m in found)


def test_windows_line_ends_and_a_byte_order_mark_are_normalised(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    alpha = corpus / "sources" / "alpha-2020-03-05-talks.md"
    alpha.write_bytes(b"\xef\xbb\xbf" + alpha.read_bytes().replace(b"\n", b"\r\n"))
    raw = load_corpus(corpus)
    assert raw.problems == []
    assert raw.sources[0].body[0].startswith("Putin and Erdogan met")
    assert not any("\r" in line for line in raw.sources[0].body)


# --- a source file known by its stamp is not read again (see load.STAMPED) ---


def _check_counting_reads(
    corpus: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Corpus | CorpusError, list[str]]:
    """check() with the persistent cache in cache_dir (saved after), and the source files
    it read."""
    read: list[str] = []
    real = load.read_bytes

    def counting(path: Path, limit: int = MAX_BYTES) -> bytes:
        if path.parent.name == "sources":
            read.append(path.name)
        return real(path, limit)

    monkeypatch.setattr(load, "read_bytes", counting)
    cache = Cache(cache_dir)
    with using(cache):
        try:
            result: Corpus | CorpusError = check(corpus)
        except CorpusError as exc:
            result = exc
    cache.save()
    return result, read


def test_a_settled_source_is_known_by_its_stamp_and_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = copy_corpus(tmp_path)
    monkeypatch.setattr(load, "RACY_NS", 0)  # the copies count as settled at once
    first, read_first = _check_counting_reads(corpus, tmp_path / "cache", monkeypatch)
    second, read_second = _check_counting_reads(corpus, tmp_path / "cache", monkeypatch)
    assert len(read_first) == 2 and read_second == []
    assert first == second == check(corpus)


def test_an_edit_that_keeps_the_size_and_the_time_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = copy_corpus(tmp_path)
    monkeypatch.setattr(load, "RACY_NS", 0)
    _check_counting_reads(corpus, tmp_path / "cache", monkeypatch)
    source = corpus / "sources" / "beta-2020-02-21-call.md"
    before = source.stat()
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("about İdlib.", "about Idlib!."), encoding="utf-8")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))  # as a careless tool might
    assert source.stat().st_size == before.st_size
    corpus_now, read = _check_counting_reads(corpus, tmp_path / "cache", monkeypatch)
    assert read == [source.name]
    assert isinstance(corpus_now, Corpus)
    assert any("about Idlib!." in p for p in corpus_now.sources["beta-2020-02-21-call"].paragraphs)


def test_a_source_written_just_before_the_build_is_read_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = copy_corpus(tmp_path)  # written now: within the racy window (seconds)
    _check_counting_reads(corpus, tmp_path / "cache", monkeypatch)
    _, read = _check_counting_reads(corpus, tmp_path / "cache", monkeypatch)
    assert len(read) == 2


def test_a_known_source_whose_validation_is_no_longer_cached_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = copy_corpus(tmp_path)
    monkeypatch.setattr(load, "RACY_NS", 0)
    _check_counting_reads(corpus, tmp_path / "cache", monkeypatch)
    cache = Cache(tmp_path / "cache")  # the validations are lost, the stamps kept
    cache.entries = {e: v for e, v in cache.entries.items() if e[0] != "source"}
    cache.on_disk, cache.dirty = 0, True
    cache.save()
    result, read = _check_counting_reads(corpus, tmp_path / "cache", monkeypatch)
    assert len(read) == 2
    assert result == check(corpus)


def test_a_known_source_that_failed_validation_is_reported_again_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = copy_corpus(tmp_path)
    sources = corpus / "sources"
    (sources / "beta-2020-02-21-call.md").rename(sources / "beta-renamed.md")  # by hand
    monkeypatch.setattr(load, "RACY_NS", 0)
    first, _ = _check_counting_reads(corpus, tmp_path / "cache", monkeypatch)
    second, _ = _check_counting_reads(corpus, tmp_path / "cache", monkeypatch)
    assert isinstance(first, CorpusError) and isinstance(second, CorpusError)
    # one problem, the renamed file; the events citing its id are not reported too
    assert [str(p) for p in second.problems] == [str(p) for p in first.problems]
    assert len(first.problems) == 1 and "beta-renamed.md" in str(first.problems[0])


class _WindowsOs:
    """os as load sees it on Windows: a file's st_ctime is when it was created (Python's
    os.lstat there), not when it last changed; the rest is this system's os."""

    name = "nt"

    def __init__(self) -> None:
        self.created: dict[str, int] = {}

    def __getattr__(self, attr: str) -> object:
        return getattr(os, attr)

    def lstat(self, path: Path) -> object:
        info = os.lstat(path)
        return CreatedAt(info, self.created.setdefault(str(path), info.st_ctime_ns))


def test_where_the_change_time_is_the_creation_time_an_edit_that_keeps_the_times_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows st_ctime does not move when a file is written: an editor that keeps the
    modification time (or `touch -d`, `cp -p` onto the file) leaves name, size, times and
    inode as they were, and the stamp would serve the text read before."""
    corpus = copy_corpus(tmp_path)
    monkeypatch.setattr(load, "RACY_NS", 0)
    monkeypatch.setattr(load, "os", _WindowsOs())
    monkeypatch.setattr(unchanged, "CHANGE_TIMES", False)  # what Windows has
    _check_counting_reads(corpus, tmp_path / "cache", monkeypatch)
    source = corpus / "sources" / "beta-2020-02-21-call.md"
    before = source.stat()
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("about İdlib.", "about Idlib!."), encoding="utf-8")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert source.stat().st_size == before.st_size and source.stat().st_ino == before.st_ino
    corpus_now, read = _check_counting_reads(corpus, tmp_path / "cache", monkeypatch)
    assert isinstance(corpus_now, Corpus)
    assert any("about Idlib!." in p for p in corpus_now.sources["beta-2020-02-21-call"].paragraphs)
    assert source.name in read
