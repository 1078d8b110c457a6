"""Hostile files and folders: what `add` takes in, what `check`/`build` read, what `build`
deletes. Each case is one small payload; none may read or delete outside the project, hang,
raise, or let `add` write a source that `build` then refuses."""

from __future__ import annotations

import errno
import os
import shutil
import time
from pathlib import Path

import pytest

from generator.errors import BuildError, CorpusError
from generator.intake import ingest
from generator.intake.ingest import add_paths
from generator.pipeline import check
from generator.safe_io import stage
from generator.stages.publish import recover_site
from generator.stages.write import MANIFEST, write_docs
from tests.conftest import MINI_CORPUS

SECRET = "root:x:0:0:secret-line"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(MINI_CORPUS, target)
    return target


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the project that nothing may read into the corpus."""
    secret = tmp_path / "elsewhere" / "passwd"
    secret.parent.mkdir()
    secret.write_text(f"title: Secret\noutlet: Nobody\npublished: 2020-01-01\n\n{SECRET}\n")
    return secret


def header(title: str = "A title", body: str = "Putin met Erdogan in Moscow.", **extra: str) -> str:
    lines = [f"title: {title}", "outlet: Test Outlet", "published: 2020-03-05"]
    lines += [f"{key}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n\n" + body + "\n"


def add_one(corpus: Path, folder: Path, name: str, data: bytes | str) -> ingest.AddOutcome:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    outcomes = add_paths([path], corpus)
    assert len(outcomes) == 1
    return outcomes[0]


def corpus_text(corpus: Path) -> str:
    return "".join(p.read_text("utf-8") for p in sorted((corpus / "sources").glob("*.md")))


def assert_builds(corpus: Path) -> None:
    check(corpus)  # raises CorpusError with every problem if build would refuse it


# --------------------------------------------------------------------------- add: links, FIFOs


def test_add_does_not_follow_a_symlinked_file_in_a_folder(
    corpus: Path, tmp_path: Path, outside: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "x.txt").symlink_to(outside)
    (outcome,) = add_paths([inbox], corpus)
    assert outcome.status == "error" and "symbolic link" in outcome.message
    assert SECRET not in corpus_text(corpus)


def test_add_does_not_follow_a_symlink_given_by_name(
    corpus: Path, tmp_path: Path, outside: Path
) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(outside)
    (outcome,) = add_paths([link], corpus)
    assert outcome.status == "error" and "symbolic link" in outcome.message


def test_add_does_not_enter_a_symlinked_folder(corpus: Path, tmp_path: Path, outside: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "sub").symlink_to(outside.parent, target_is_directory=True)
    (inbox / "loop").symlink_to(inbox, target_is_directory=True)
    outcomes = add_paths([inbox], corpus)
    assert [o.status for o in outcomes] == ["error", "error"]
    assert all("symbolic link" in o.message for o in outcomes)
    assert SECRET not in corpus_text(corpus)


def test_add_refuses_a_fifo_without_waiting(corpus: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.mkfifo(inbox / "pipe.md")
    (inbox / "good.txt").write_text(header())
    started = time.monotonic()
    outcomes = {Path(o.path).name: o for o in add_paths([inbox], corpus)}
    assert time.monotonic() - started < 10
    assert outcomes["pipe.md"].status == "error"
    assert "not a regular file" in outcomes["pipe.md"].message
    assert outcomes["good.txt"].status == "added"


def test_add_refuses_a_file_over_the_size_limit(corpus: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    (outcome,) = add_paths([big], corpus)
    assert outcome.status == "error" and "5 MB limit" in outcome.message


# --------------------------------------------------------------------------- add: metadata

ADDED_AND_CLEANED = {
    "del-in-title": (header(title="Bad\x7fTitle here"), "\x7f"),
    "c1-in-title": (header(title="Bad\u0085 and \u009b title"), "\u009b"),
    "soh-in-title": (header(title="Bad \x01 title"), "\x01"),
    "bell-in-outlet": (
        "title: T\noutlet: Out\x07let\npublished: 2020-03-05\n\nBody text.\n",
        "\x07",
    ),
    "javascript-url": (header(url="javascript:alert(1)"), "javascript:"),
    "data-url": (header(url="data:text/html,<script>alert(1)</script>"), "data:"),
    "vbscript-url": (header(url="vbscript:msgbox(1)"), "vbscript:"),
    "colon-url": (header(url=":"), "url:"),
    "language-markup": (header(language="en<script>"), "<script>"),
}


@pytest.mark.parametrize("case", sorted(ADDED_AND_CLEANED))
def test_add_cleans_metadata_build_would_refuse(corpus: Path, tmp_path: Path, case: str) -> None:
    text, gone = ADDED_AND_CLEANED[case]
    outcome = add_one(corpus, tmp_path / "in", f"{case}.txt", text)
    assert outcome.status == "added", outcome.message
    assert gone not in (corpus / "sources" / f"{outcome.source_id}.md").read_text("utf-8")
    assert_builds(corpus)


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1850-06-01"])
def test_add_refuses_an_implausible_stated_date_naming_its_line(
    corpus: Path, tmp_path: Path, date: str
) -> None:
    # A date the file states outright is the analyst's to correct, not ours to drop.
    outcome = add_one(corpus, tmp_path / "in", "old.txt", header().replace("2020-03-05", date))
    assert outcome.status == "error"
    assert f"old.txt:3: published '{date}'" in outcome.message
    assert not list((corpus / "sources").glob("*old*"))
    assert_builds(corpus)


def test_add_gives_a_short_id_for_a_huge_title_word_and_outlet(
    corpus: Path, tmp_path: Path
) -> None:
    text = f"title: {'a' * 300} words\noutlet: {'b' * 400}\npublished: 2020-03-05\n\nBody text.\n"
    outcome = add_one(corpus, tmp_path / "in", "long.txt", text)
    assert outcome.status == "added", outcome.message
    assert outcome.source_id is not None and len(outcome.source_id) <= 120
    assert_builds(corpus)


def test_add_takes_empty_front_matter(corpus: Path, tmp_path: Path) -> None:
    outcome = add_one(corpus, tmp_path / "in", "empty.md", "---\n---\nA body sentence here.\n")
    assert outcome.status == "added", outcome.message
    assert_builds(corpus)


def test_add_takes_a_5000_digit_number(corpus: Path, tmp_path: Path) -> None:
    body = f"Officials in Ankara counted {'9' * 5000} shells on 5 March 2020."
    outcome = add_one(corpus, tmp_path / "in", "digits.txt", header(body=body))
    assert outcome.status == "added", outcome.message
    assert_builds(corpus)


def test_add_refuses_deep_json_ld_on_one_line(corpus: Path, tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    page = (
        f'<html><head><script type="application/ld+json">{deep}</script></head>'
        "<body><article><p>Putin met Erdogan in Moscow.</p></article></body></html>"
    )
    outcome = add_one(corpus, tmp_path / "in", "deep.html", page)
    assert outcome.status in ("added", "error")  # either way: one line, no RecursionError
    assert "\n" not in outcome.message
    if outcome.status == "added":
        assert_builds(corpus)


def test_add_refuses_an_alias_bomb_in_front_matter(corpus: Path, tmp_path: Path) -> None:
    rows = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    rows += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    text = "---\ntitle: Bomb\n" + "\n".join(rows) + "\n---\nBody text.\n"
    started = time.monotonic()
    outcome = add_one(corpus, tmp_path / "in", "bomb.md", text)
    assert time.monotonic() - started < 10
    assert outcome.status == "error" and "aliases" in outcome.message


def test_add_refuses_nul_bytes(corpus: Path, tmp_path: Path) -> None:
    outcome = add_one(corpus, tmp_path / "in", "nul.txt", header().encode() + b"\x00\x00rest")
    assert outcome.status == "error" and "binary" in outcome.message


@pytest.mark.parametrize(
    "body",
    ["[" * 200_000, "</b>" * 60_000, "*" * 200_000 + " x", "“" * 100_000, ". A" * 100_000],
    ids=["brackets", "closing-tags", "stars", "open-quotes", "sentences"],
)
def test_add_is_quick_on_pathological_paragraphs(corpus: Path, tmp_path: Path, body: str) -> None:
    started = time.monotonic()
    outcome = add_one(corpus, tmp_path / "in", "odd.txt", header(body=f"Putin said {body} today"))
    assert time.monotonic() - started < 30
    assert outcome.status == "added", outcome.message


def test_add_into_a_read_only_corpus_is_one_line_per_file(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(target: Path, data: bytes) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(target))

    monkeypatch.setattr(ingest, "_write_atomic", read_only)
    before = corpus_text(corpus)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text(header(title="One"))
    (inbox / "two.txt").write_text(header(title="Two", body="Erdogan spoke."))
    outcomes = add_paths([inbox], corpus)
    assert [o.status for o in outcomes] == ["error", "error"]
    assert all("Read-only file system" in o.message for o in outcomes)
    assert corpus_text(corpus) == before
    assert sorted(p.name for p in (corpus / "originals").iterdir()) == []


def test_one_bad_file_does_not_stop_the_others(corpus: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.md").write_text("---\n---\n---\nbody\n")
    (inbox / "b.txt").write_bytes(b"\x00" * 10)
    (inbox / "c.txt").write_text(header(title="Good one"))
    outcomes = add_paths([inbox], corpus)
    assert [o.status for o in outcomes][-1] == "added"
    assert len(outcomes) == 3


# --------------------------------------------------------------------------- check/build: reading


def problems_of(corpus: Path) -> str:
    with pytest.raises(CorpusError) as caught:
        check(corpus)
    return caught.value.report()


def write_source(corpus: Path, ident: str, front: str, body: str = "A body sentence.") -> Path:
    path = corpus / "sources" / f"{ident}.md"
    path.write_text(f"---\nid: {ident}\n{front}---\n{body}\n", "utf-8")
    return path


GOOD_FRONT = "title: T\noutlet: O\npublished: 2020-03-05\nlanguage: en\n"


@pytest.mark.parametrize("name", ["actors.yml", "events.yml", "briefing.yml"])
def test_an_empty_curated_file_is_reported(corpus: Path, name: str) -> None:
    (corpus / name).write_text("")
    assert f"{name}: the file is empty;" in problems_of(corpus)


def test_an_empty_claims_file_is_no_claims(corpus: Path) -> None:
    (corpus / "claims.yml").write_text("")
    assert check(corpus).claims == {}


@pytest.mark.parametrize("file", ["actors.yml", "events.yml"])
def test_an_id_clashing_with_an_index_page_is_refused(corpus: Path, file: str) -> None:
    path = corpus / file
    text = path.read_text("utf-8")
    first_id = text.split("id: ", 1)[1].split("\n", 1)[0]
    path.write_text(text.replace(f"id: {first_id}\n", "id: index\n", 1))
    assert "id 'index' is the name of a generated index page" in problems_of(corpus)


def test_a_source_named_index_is_refused(corpus: Path) -> None:
    write_source(corpus, "index", GOOD_FRONT)
    assert "source id 'index' is the name of a generated index page" in problems_of(corpus)


def test_an_overlong_id_is_refused(corpus: Path) -> None:
    write_source(corpus, "a" * 200, GOOD_FRONT)
    assert "characters long" in problems_of(corpus)


def test_an_alias_bomb_in_actors_is_refused_quickly(corpus: Path) -> None:
    rows = ["- &a0 {id: x, name: lol, kind: person, description: lol}"]
    rows += [f"- &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    (corpus / "actors.yml").write_text("\n".join(rows) + "\n")
    started = time.monotonic()
    assert "aliases (*name) are not allowed" in problems_of(corpus)
    assert time.monotonic() - started < 10


def test_an_alias_in_source_front_matter_is_refused(corpus: Path) -> None:
    write_source(
        corpus, "aliased", "title: &t T\noutlet: *t\npublished: 2020-03-05\nlanguage: en\n"
    )
    assert "aliases (*name) are not allowed" in problems_of(corpus)


def test_deeply_nested_yaml_is_a_syntax_error(corpus: Path) -> None:
    (corpus / "events.yml").write_text("- " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert "events.yml:1:" in problems_of(corpus)


def test_a_symlinked_source_is_not_read(corpus: Path, outside: Path) -> None:
    (corpus / "sources" / "stolen.md").symlink_to(outside)
    report = problems_of(corpus)
    assert "stolen.md: a symbolic link: not followed" in report
    assert SECRET not in report


def test_a_symlinked_curated_file_is_not_read(corpus: Path, outside: Path) -> None:
    (corpus / "actors.yml").unlink()
    (corpus / "actors.yml").symlink_to(outside)
    assert "actors.yml: a symbolic link" in problems_of(corpus)


def test_a_linked_sources_folder_outside_the_corpus_is_not_read(
    corpus: Path, outside: Path
) -> None:
    elsewhere = outside.parent / "sources"
    shutil.move(corpus / "sources", elsewhere)
    (corpus / "sources").symlink_to(elsewhere, target_is_directory=True)
    assert "lies outside the corpus folder" in problems_of(corpus)


def test_a_fifo_among_the_sources_is_refused_without_waiting(corpus: Path) -> None:
    os.mkfifo(corpus / "sources" / "pipe.md")
    started = time.monotonic()
    assert "pipe.md: not a regular file" in problems_of(corpus)
    assert time.monotonic() - started < 10


def test_an_oversized_source_is_refused(corpus: Path) -> None:
    with (corpus / "sources" / "huge.md").open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    assert "huge.md: not an article" in problems_of(corpus)


@pytest.mark.parametrize(
    ("where", "char"),
    [("body", "\x00"), ("title", "\x01"), ("title", "\x7f"), ("body", "\u0085"), ("body", "\x1b")],
    ids=["nul-body", "soh-title", "del-title", "c1-body", "escape-body"],
)
def test_control_characters_in_a_source_are_refused(corpus: Path, where: str, char: str) -> None:
    front = GOOD_FRONT.replace("title: T", f"title: T{char}") if where == "title" else GOOD_FRONT
    body = f"A body{char} sentence." if where == "body" else "A body sentence."
    write_source(corpus, "controlled", front, body)
    assert "controlled.md:" in problems_of(corpus)
    assert "control character" in problems_of(corpus)


def test_a_control_character_in_curated_yaml_is_refused(corpus: Path) -> None:
    path = corpus / "events.yml"
    path.write_text(path.read_text("utf-8").replace("title: ", "title: \u009b", 1))
    assert "events.yml:" in problems_of(corpus)


@pytest.mark.parametrize("year", ["0001", "1899", "9999"])
def test_a_publication_year_out_of_range_is_refused(corpus: Path, year: str) -> None:
    write_source(corpus, "odd-year", GOOD_FRONT.replace("2020", year))
    assert "the year must be between 1900" in problems_of(corpus)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "vbscript:x", ":"])
def test_a_source_url_that_is_not_http_is_refused(corpus: Path, url: str) -> None:
    write_source(corpus, "bad-url", GOOD_FRONT + f'url: "{url}"\n')
    assert "must be a web address" in problems_of(corpus)


def test_a_renamed_actor_points_at_actors_yml_once(corpus: Path) -> None:
    actors, events = corpus / "actors.yml", corpus / "events.yml"
    actors.write_text(actors.read_text("utf-8").replace("id: erdogan\n", "id: erdgan\n"))
    role = "    - {actor: russia, role: target}\n"
    events.write_text(events.read_text("utf-8").replace(role, role + "    - {actor: erdogan}\n"))
    report = problems_of(corpus)
    assert "actors.yml:" in report and "actor id 'erdgan' is named nowhere" in report
    assert "did you mean 'erdgan'" not in report
    assert len(report.splitlines()) == 1


def test_an_edited_evidence_sentence_shows_where_it_differs(corpus: Path) -> None:
    events = corpus / "events.yml"
    text = events.read_text("utf-8")
    assert "on Thursday." in text
    events.write_text(text.replace("on Thursday.", "on Friday.", 1))
    report = problems_of(corpus)
    assert "differs at character" in report
    assert 'the source has "Thursday.", the evidence "Friday."' in report


# --------------------------------------------------------------------------- write: manifest


@pytest.mark.parametrize(
    "entry",
    ["/{victim}", "../victim.txt", "sources/../../victim.txt", "..\\victim.txt", "", "."],
    ids=["absolute", "parent", "nested-parent", "backslash", "empty", "dot"],
)
def test_a_manifest_entry_cannot_delete_outside_docs(tmp_path: Path, entry: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    entry = entry.replace("{victim}", str(victim).lstrip("/"))
    (docs / MANIFEST).write_text(f'{{"{entry}": null, "old.md": null}}'.replace("\\", "\\\\"))
    (docs / "old.md").write_text("stale")
    report = write_docs({"index.md": "# Home\n"}, docs)
    assert victim.read_text() == "keep me"
    assert report.removed == ["old.md"]


def test_a_manifest_entry_through_a_linked_folder_is_not_deleted(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "victim.md").write_text("keep me")
    (docs / "linked").symlink_to(elsewhere, target_is_directory=True)
    (docs / MANIFEST).write_text('{"linked/victim.md": null}')
    write_docs({"index.md": "# Home\n"}, docs)
    assert (elsewhere / "victim.md").read_text() == "keep me"


@pytest.mark.parametrize("error", [errno.EROFS, errno.ENOSPC], ids=["read-only", "disk-full"])
def test_a_failed_write_leaves_docs_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int
) -> None:
    docs = tmp_path / "docs"
    write_docs({"index.md": "# Old\n", "sources/a.md": "old a\n"}, docs)
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    calls = []

    def failing(target: Path, data: bytes) -> Path:
        calls.append(target)
        if target.parent.name == "sources":
            raise OSError(error, os.strerror(error), str(target))
        return stage(target, data)

    monkeypatch.setattr("generator.stages.write.stage", failing)
    pages = {"index.md": "# New\n", "sources/a.md": "new a\n", "sources/b/c.md": "c\n"}
    with pytest.raises(BuildError, match="the last good docs/ and site/ are left as they were"):
        write_docs(pages, docs)
    assert calls
    assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == before


# --------------------------------------------------------------------------- site swap leftovers


def test_a_site_left_aside_by_a_killed_swap_is_put_back(tmp_path: Path) -> None:
    (tmp_path / ".site.old").mkdir()
    (tmp_path / ".site.old" / "index.html").write_text("last good")
    recover_site(tmp_path, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text() == "last good"
    assert not (tmp_path / ".site.old").exists()


def test_staging_leftovers_are_removed_and_the_cache_kept(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    for name in (".site.old", ".dossier-stage-abc123", ".dossier-k2j_x9q1", ".dossier-cache"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "file").write_text("x")
    recover_site(tmp_path, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dossier-cache", "site"]


# --------------------------------------------------------------------------- analyst YAML text

BLOCK_SYNTAX = ["!!! danger \"Boom\"", "---", "***", "# Title", "- item", "+ item", "1. item",
                "> quote", "=== tab", "??? note", ": definition", "~~~ fence", "| a | b |",
                "    code", "*[HTML]: abbr", "[^1]: note"]  # fmt: skip


@pytest.mark.parametrize("text", BLOCK_SYNTAX)
def test_block_syntax_at_the_start_of_analyst_text_is_shown_as_text(text: str) -> None:
    import markdown

    from generator.text.markdown_safe import md_text

    html = markdown.markdown(
        md_text(text), extensions=["attr_list", "tables", "footnotes", "admonition", "toc"]
    )
    assert html.startswith("<p>") and html.endswith("</p>") and html.count("<") == 2, html
