"""Load stage: files become raw records with their locations; problems are collected, not raised."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.stages.load import load_corpus
from tests.conftest import MINI_CORPUS


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
