"""review.history: What's new's record of each build, read back cheaply and never altered
by the build that reads it."""

from __future__ import annotations

import os
import shutil
import signal
from dataclasses import replace
from pathlib import Path
from types import FrameType

import pytest

from generator.cache import Cache, using
from generator.pipeline import check
from generator.review import history
from tests.conftest import MINI_CORPUS


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(MINI_CORPUS, folder)
    checked = check(folder)
    history.save(folder, history.record(folder, checked)[1])  # a first build's history
    return folder


def test_history_is_parsed_once_per_text_and_again_when_it_changes(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[Path] = []
    parse = history._parse_history
    monkeypatch.setattr(history, "_parse_history", lambda p, raw: parsed.append(p) or parse(p, raw))
    for _ in range(2):  # two builds, each with the project's store
        cache = Cache(tmp_path / "cache")
        with using(cache):
            entries, state = history.read_history(corpus)
        cache.save()
    assert len(parsed) == 1 and entries and state["sources"]
    path = corpus / history.HISTORY_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("date: '", "date: '1"), "utf-8")
    with using(Cache(tmp_path / "cache")), pytest.raises(history.DossierError, match="YYYY-MM-DD"):
        history.read_history(corpus)  # the edited text is read, and its slip reported


def test_recording_a_change_leaves_the_history_as_read_in_the_same_run(corpus: Path) -> None:
    with using(Cache()):
        before = history.read_history(corpus)
        checked = check(corpus)
        fewer = replace(checked, sources=dict(list(checked.sources.items())[1:]))
        _, new = history.record(corpus, fewer)  # merged into the same day's entry
        assert new is not None and b"- source alpha-2020-03-05-talks" in new.text()
        assert history.read_history(corpus) == before


def test_a_history_that_is_a_fifo_is_reported_not_waited_on(corpus: Path) -> None:
    """corpus/ is untrusted: a FIFO named history.yml would wait for a writer for ever."""
    path = corpus / history.HISTORY_FILE
    path.unlink()
    os.mkfifo(path)

    def stop(number: int, frame: FrameType | None) -> None:
        raise RuntimeError("read_history waited on the FIFO")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(5)
    try:
        with using(Cache()), pytest.raises(history.DossierError, match=r"history\.yml:1: .*FIFO"):
            history.read_history(corpus)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_history_that_links_out_of_the_corpus_is_reported_not_read(
    corpus: Path, tmp_path: Path
) -> None:
    """Nothing outside the project is read: not another dossier's history, through a link."""
    path = corpus / history.HISTORY_FILE
    elsewhere = tmp_path / "another-dossier-history.yml"
    elsewhere.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(elsewhere)
    with using(Cache()), pytest.raises(history.DossierError, match=r"history\.yml:1: .*link"):
        history.read_history(corpus)
