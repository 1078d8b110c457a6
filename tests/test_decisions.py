"""review.decisions: corpus/review.yml is read as a corpus file (untrusted, like the rest)."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path
from types import FrameType

import pytest

from generator.errors import DossierError
from generator.review.decisions import REVIEW_FILE, read_decisions
from tests.conftest import MINI_CORPUS


def test_review_decisions_that_are_a_fifo_are_reported_not_waited_on(tmp_path: Path) -> None:
    """Every build reads review.yml: a FIFO by that name would wait for a writer for ever."""
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI_CORPUS, corpus)
    os.mkfifo(corpus / REVIEW_FILE)

    def stop(number: int, frame: FrameType | None) -> None:
        raise RuntimeError("read_decisions waited on the FIFO")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(5)
    try:
        with pytest.raises(DossierError, match=r"review\.yml: .*FIFO"):
            read_decisions(corpus)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_review_decisions_that_link_out_of_the_corpus_are_reported_not_read(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI_CORPUS, corpus)
    elsewhere = tmp_path / "another-dossier-review.yml"
    elsewhere.write_text("- key: x\n  decision: rejected\n  date: '2020-01-01'\n", "utf-8")
    (corpus / REVIEW_FILE).symlink_to(elsewhere)
    with pytest.raises(DossierError, match=r"review\.yml: .*link"):
        read_decisions(corpus)
