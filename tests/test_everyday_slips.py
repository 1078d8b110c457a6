"""What an analyst's ordinary day leaves in a project: an editor's lock file beside the
source being edited, a copy unzipped from a Mac, a deleted or renamed piece of the project.
Each is either harmless or one line naming the file and the fix, exit status 1, nothing
written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.pipeline import check
from tests.conftest import MINI_CORPUS


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(MINI_CORPUS, target)
    return target


def test_hidden_files_among_the_sources_are_not_sources(corpus: Path) -> None:
    """Emacs marks a file being edited with a dangling link `.#NAME`, a Mac's zip or copy
    leaves `._NAME` (binary resource data) beside each file: neither is an article, and a
    source id can hold no dot, so a hidden file can never be a source."""
    sources = corpus / "sources"
    first = sorted(sources.glob("*.md"))[0]
    os.symlink("analyst@laptop.4242:1700000000", sources / f".#{first.name}")
    (sources / f"._{first.name}").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    assert set(check(corpus).sources) == {p.stem for p in sources.glob("[!.]*.md")}
