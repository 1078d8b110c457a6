"""What an analyst's ordinary day leaves in a project: an editor's lock file beside the
source being edited, a copy unzipped from a Mac, a deleted or renamed piece of the project.
Each is either harmless or one line naming the file and the fix, exit status 1, nothing
written."""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import cli
from generator.errors import CorpusError
from generator.pipeline import check
from tests.conftest import MINI_CORPUS, REPO, run_cli, snapshot


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


DROPPED = "`python -m generator add FILE`"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "talks.txt",
            "Talks in Ankara\n\nPutin met Erdogan in Ankara.\n",
            "corpus/sources/talks.txt: not read: the sources are the .md files `add` writes; "
            f"move the article out of corpus/ and take it in with {DROPPED} (or delete it)",
        ),
        (
            "Talks.MD",
            "Talks in Ankara\n\nPutin met Erdogan in Ankara.\n",
            "corpus/sources/Talks.MD: not read: the sources are the .md files `add` writes; "
            f"move the article out of corpus/ and take it in with {DROPPED} (or delete it)",
        ),
        (
            "talks.md",
            "Talks in Ankara\n\nPutin met Erdogan in Ankara.\n",
            "corpus/sources/talks.md:1: no front matter: the file must start with a '---' "
            "line, then YAML metadata (id, title, outlet, published, language), then '---' "
            "(an article saved here by hand? move it out of corpus/ and take it in with "
            f"{DROPPED})",
        ),
        (
            "talks.md",
            "\n",
            "corpus/sources/talks.md: the file is empty; restore the source (git checkout -- "
            f"corpus/sources/talks.md) or delete it (new articles go in with {DROPPED})",
        ),
    ],
)
def test_an_article_saved_straight_into_the_sources_says_to_add_it(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: str, message: str
) -> None:
    """Before, a .txt or .MD there was skipped in silence: the article never reached the site."""
    (corpus / "sources" / name).write_text(data)
    (corpus / "sources" / "talks.md~").write_text(data)  # an editor's backup: no article
    monkeypatch.chdir(corpus.parent)
    with pytest.raises(CorpusError) as caught:
        check(corpus)
    assert caught.value.report() == message


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("[[evnt:moscow-talks|the Moscow talks]]", "[[evnt:moscow-talks"),
        ("[[event:moscow-talks|the Moscow talks]", "[[event:moscow-talks"),
    ],
)
def test_a_slip_in_a_briefing_reference_is_said_not_printed(
    corpus: Path, written: str, shown: str
) -> None:
    """It passed `check` and the home page printed the brackets as they stood."""
    briefing = corpus / "briefing.yml"
    text = briefing.read_text("utf-8")
    briefing.write_text(text.replace("talk about Idlib.", f"talk about Idlib at {written}."))
    line = text.split("\n").index("  Russia and Turkey talk about Idlib.") + 1
    with pytest.raises(CorpusError) as caught:
        check(corpus)
    assert caught.value.report() == (
        f"{briefing}:{line}: briefing: '{shown}' starts no reference; write [[event:ID]], "
        "[[actor:ID]] or [[claim:ID]] (or [[event:ID|other words]])"
    )


def test_a_new_dossier_needs_no_sources_folder_yet(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "briefing.yml").write_text("title: New\nscope: A start.\nsummary: Nothing yet.\n")
    (corpus / "actors.yml").write_text("[]\n")
    (corpus / "events.yml").write_text("[]\n")
    assert check(corpus).sources == {}


def test_a_deleted_sources_folder_is_one_problem_not_one_per_citation(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(corpus / "sources")
    monkeypatch.chdir(corpus.parent)
    with pytest.raises(CorpusError) as caught:
        check(corpus)
    assert caught.value.report() == (
        "corpus/sources: missing folder: the articles that events and claims cite; restore it "
        "(git checkout -- corpus/sources), or create it and `add` the articles again"
    )


# --------------------------------------------------------------------------- mkdocs.yml


def test_a_deleted_mkdocs_yml_is_named_before_anything_is_built(mini_project: Path) -> None:
    (mini_project / "mkdocs.yml").unlink()
    offline = ["build", "--no-site", "--offline"]  # the offline bundle is a site build too
    for args, cwd in [
        (["build"], mini_project),
        (["build"], mini_project / "corpus"),
        (offline, mini_project),
    ]:
        result = run_cli(*args, cwd=cwd)
        assert result.returncode == 1
        name = "mkdocs.yml" if cwd == mini_project else f"{mini_project.resolve()}/mkdocs.yml"
        assert result.stderr == (
            f"dossier: error: {name}: missing (it holds the site's settings and names the "
            f"hook); restore it (git checkout -- {name}), or regenerate docs/ alone with "
            "`python -m generator build --no-site`\n"
        )
    serve = run_cli("serve", "--dev-addr", "127.0.0.1:8000", cwd=mini_project)
    assert serve.returncode == 1 and "mkdocs.yml: missing" in serve.stderr
    assert sorted(p.name for p in (mini_project / "docs").iterdir()) == [
        "about.md",
        "javascripts",
        "stylesheets",
    ]  # not even a build for `serve` to show: it would fail after it
    assert not (mini_project / "site").exists()


def test_a_site_dir_of_ones_own_is_refused_at_its_line(mini_project: Path) -> None:
    config = mini_project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_dir: site\n", "site_dir: public\n"))
    line = config.read_text().splitlines().index("site_dir: public") + 1
    result = run_cli("build", cwd=mini_project)
    assert result.returncode == 1
    assert result.stderr == (
        f"dossier: error: mkdocs.yml:{line}: site_dir 'public': dossier builds the site into "
        "site/ (publish from it or a copy of it); write `site_dir: site`\n"
    )
    assert not (mini_project / "site").exists() and not (mini_project / "public").exists()


@pytest.mark.site
def test_docs_and_the_nav_disagreeing_on_a_hand_written_page_says_which_and_what_to_do(
    mini_project: Path,
) -> None:
    """MkDocs said 'A reference to 'about.md' is included in the 'nav' configuration, which
    is not found in the documentation files': neither the file to restore nor how."""
    assert run_cli("build", cwd=mini_project).returncode == 0
    site = snapshot(mini_project / "site")
    about = mini_project / "docs" / "about.md"
    kept = about.read_bytes()
    about.unlink()
    (mini_project / "docs" / "field-notes.md").write_text("# Field notes\n\nMet a source.\n")
    result = run_cli("build", cwd=mini_project)
    assert result.returncode == 1
    assert result.stderr == (
        "dossier: error: mkdocs build failed: docs/field-notes.md: a page that mkdocs.yml's "
        "nav does not list; add a line to nav (e.g. `- Field notes: field-notes.md`), or move "
        "it out of docs/; docs/about.md: missing, and mkdocs.yml's nav names it; restore it "
        "(git checkout -- docs/about.md) or take its line out of nav\n"
    )
    assert snapshot(mini_project / "site") == site
    about.write_bytes(kept)
    (mini_project / "docs" / "field-notes.md").unlink()
    assert run_cli("build", cwd=mini_project).returncode == 0


def test_a_history_entry_with_a_slip_in_its_date_stops_the_build_instead_of_vanishing(
    mini_project: Path,
) -> None:
    """The entry was dropped in silence and the file written without it: lost for good."""
    assert run_cli("build", "--no-site", cwd=mini_project).returncode == 0
    history = mini_project / "corpus" / "history.yml"
    lines = history.read_text("utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("- date: "))
    lines[first] = "- date: 2020-3-5"  # the month and day without their zeros
    history.write_text("\n".join(lines), "utf-8")
    damaged = history.read_bytes()
    for command in ("check", "build"):  # check reads what build reads
        result = run_cli(command, cwd=mini_project)
        assert result.returncode == 1
        assert result.stderr == (
            f"dossier: error: corpus/history.yml:{first + 1}: an entry of What's new dated "
            "'2020-3-5'; write its date as YYYY-MM-DD (git diff shows what changed), or delete "
            "the file to start it afresh\n"
        )
    assert history.read_bytes() == damaged


@pytest.mark.parametrize("unbuffered", ["", "1"])  # written at exit, or as printed
@pytest.mark.parametrize("args", [["check"], ["review", "--json"]])
def test_a_reader_that_quits_early_is_no_error(
    mini_project: Path, args: list[str], unbuffered: str
) -> None:
    """`review --json | head`, or `less` left at the first page: the reader's end of the pipe
    is closed. It printed 'dossier: error: Broken pipe' (status 1), or a traceback when the
    output was written at exit; a Unix tool stops quietly, status 141 (SIGPIPE)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "generator", *args],
            cwd=mini_project,
            env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": unbuffered},
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr) == (141, "")


def test_an_accept_that_cannot_write_its_decision_changes_no_file(
    mini_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """events.yml was written, then review.yml refused (a full disk, a read-only file): the
    event stood in the corpus with no decision recorded. Made at the moment of the write,
    since the tests run as root, which chmod does not stop."""
    monkeypatch.chdir(mini_project)
    assert cli.main(["review", "--json"]) == 0
    key = json.loads(capsys.readouterr().out)["events"][0]["key"]
    before = snapshot(mini_project / "corpus")
    real = tempfile.mkstemp

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if str(kwargs.get("prefix", "")).startswith(".review.yml."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "corpus/review.yml")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    assert cli.main(["accept", key]) == 1
    assert capsys.readouterr().err.startswith(
        "dossier: error: corpus/: cannot write corpus/review.yml: No space left on device"
    )
    assert snapshot(mini_project / "corpus") == before


@pytest.mark.parametrize("folder", ["docs", "corpus/sources"])
def test_root_given_a_folder_of_the_project_names_the_project(
    mini_project: Path, folder: str
) -> None:
    """It said 'no corpus/ folder here or above' of a folder whose project is just above."""
    result = run_cli("--root", str(mini_project / folder), "check")
    assert result.returncode == 1
    project = mini_project.resolve()
    assert result.stderr == (
        f"dossier: {project / folder}: a folder inside the project {project} "
        f"(give --root {project})\n"
    )


HELP = "(see `python -m generator --help`)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["add"],
            "the following arguments are required: paths (see `python -m generator add --help`)",
        ),
        (
            ["buidl"],
            "argument command: invalid choice: 'buidl' (choose from 'build', 'check', 'add', "
            f"'review', 'accept', 'reject', 'undo', 'set', 'rename', 'serve') {HELP}",
        ),
    ],
)
def test_a_slip_on_the_command_line_is_one_line_and_status_1(
    mini_project: Path, args: list[str], message: str
) -> None:
    """argparse printed its usage, then the error, with status 2."""
    result = run_cli(*args, cwd=mini_project)
    assert (result.returncode, result.stderr) == (1, f"dossier: error: {message}\n")


@pytest.mark.site
def test_a_site_folder_linked_to_a_web_server_folder_is_refused_before_the_build(
    mini_project: Path, tmp_path: Path
) -> None:
    """`ln -s /var/www/dossier site`: the build swapped a new site/ folder in and the link
    became the spare, so the web server showed the build before the last one."""
    assert run_cli("build", cwd=mini_project).returncode == 0
    www = tmp_path / "www"
    (mini_project / "site").rename(www)
    (mini_project / "site").symlink_to(www, target_is_directory=True)
    served = snapshot(www)
    briefing = mini_project / "corpus" / "briefing.yml"
    briefing.write_text(briefing.read_text().replace("title: ", "title: New ", 1))
    result = run_cli("build", cwd=mini_project)
    assert result.returncode == 1
    assert result.stderr == (
        f"dossier: error: site: a symbolic link (to {www}); each build swaps a new site/ folder "
        "in, which leaves a link showing an older build: remove the link (rm site), then "
        f"publish a copy of site/ after each build (rsync -a --delete site/ {www}/)\n"
    )
    assert (mini_project / "site").is_symlink() and snapshot(www) == served


def test_an_interrupted_add_says_what_went_in_and_what_stays(
    mini_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C during `add` of a folder said nothing of the files already in (each was said at
    the end), then 'the last good site is intact': add makes no site."""
    from generator.intake.ingest import AddOutcome

    def interrupted(*args: Any) -> Any:
        yield AddOutcome("a.txt", "added", "a-1", "a.txt: added as a-1 (plain text)")
        raise KeyboardInterrupt

    monkeypatch.setattr("generator.intake.ingest.add_each", interrupted)
    monkeypatch.chdir(mini_project)
    assert cli.main(["add", str(REPO / "tests" / "fixtures" / "mini")]) == 130
    said = capsys.readouterr()
    assert said.out == "dossier: a.txt: added as a-1 (plain text)\n"
    assert said.err == (
        "dossier: interrupted; the articles taken in so far stay in the corpus (add them again: "
        "those are skipped)\n"
    )


def test_a_name_or_title_in_cyrillic_gets_a_readable_id(corpus: Path, tmp_path: Path) -> None:
    """Every name in Cyrillic was proposed as the actor 'candidate' ('candidate-2', ...), and
    a Russian title made a source id of two hashes."""
    from generator.intake.ingest import add_paths
    from generator.review.report import build_review

    article = tmp_path / "tass.txt"
    article.write_text(
        "title: Путин и Эрдоган обсудили Идлиб\noutlet: ТАСС\npublished: 2020-03-05\n"
        "language: ru\n\nВладимир Путин и Реджеп Тайип Эрдоган провели переговоры в Кремле.\n",
        "utf-8",
    )
    [outcome] = add_paths([article], corpus)
    assert outcome.source_id == "tass-2020-03-05-putin-i-erdogan-obsudili-idlib"
    proposed = {a["name"]: a["suggested_id"] for a in build_review(corpus)["actors"]}
    assert proposed["Владимир Путин"] == "vladimir-putin"
    assert proposed["Реджеп Тайип Эрдоган"] == "redzhep-tayip-erdogan"


@pytest.mark.parametrize(
    ("wanted", "near"), [("actors.yml", "actors.yaml"), ("claims.yml", "Claims.yml")]
)
def test_a_corpus_file_under_a_near_name_is_named_with_the_rename(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, wanted: str, near: str
) -> None:
    """actors.yaml was 'missing file; create it' beside the file; a claims.yaml was skipped
    in silence (claims are optional) and every reference to a claim failed instead."""
    (corpus / wanted).rename(corpus / near)
    monkeypatch.chdir(corpus.parent)
    with pytest.raises(CorpusError) as caught:
        check(corpus)
    assert caught.value.report() == (
        f"corpus/{near}: not read: dossier reads {wanted} only; rename it "
        f"(mv corpus/{near} corpus/{wanted})"
    )


def test_mkdocs_yaml_is_named_with_the_rename(mini_project: Path) -> None:
    (mini_project / "mkdocs.yml").rename(mini_project / "mkdocs.yaml")
    result = run_cli("build", cwd=mini_project)
    assert (result.returncode, result.stderr) == (
        1,
        "dossier: error: mkdocs.yaml: not read: dossier reads mkdocs.yml only; rename it "
        "(mv mkdocs.yaml mkdocs.yml)\n",
    )


def test_a_source_file_renamed_by_hand_is_one_problem_with_the_way_back(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mv` of a cited source: a 'no such source (did you mean the new name?)' at each
    citation, which invited editing every one of them, besides the mismatch."""
    cited = "alpha-2020-03-05-talks"
    assert (corpus / "sources" / f"{cited}.md").exists()
    (corpus / "sources" / f"{cited}.md").rename(corpus / "sources" / "talks.md")
    monkeypatch.chdir(corpus.parent)
    with pytest.raises(CorpusError) as caught:
        check(corpus)
    assert caught.value.report() == (
        f"corpus/sources/talks.md:2: source id '{cited}' does not match the file name "
        f"'talks.md'; renamed by hand? name it {cited}.md again (a new id: `python -m "
        f"generator rename {cited} NEW_ID` changes its evidence and claims too); a copy? "
        "delete it"
    )


@pytest.mark.site
def test_a_deleted_page_list_names_the_pages_in_docs_and_why(mini_project: Path) -> None:
    """docs/.dossier-manifest.json deleted, then a change: the pages of the last build stood
    'hand-written' at '/…/.dossier-cache/stage/docs/…', a folder the analyst never made."""
    assert run_cli("build", cwd=mini_project).returncode == 0
    (mini_project / "docs" / ".dossier-manifest.json").unlink()
    briefing = mini_project / "corpus" / "briefing.yml"
    briefing.write_text(briefing.read_text().replace("title: ", "title: New ", 1))
    result = run_cli("build", cwd=mini_project)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("dossier: error: docs/dossier.json, docs/events.ics")
    assert result.stderr.endswith(
        "a hand-written file stands where dossier generates a page; rename or move it (if "
        "docs/.dossier-manifest.json, the list of the pages dossier wrote, was deleted: "
        "restore it, or delete these pages)\n"
    )


def test_stopping_serve_with_ctrl_c_is_no_error(
    mini_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C is how the server stops; it said 'interrupted; the last good site is intact
    (run the command again to finish)' and exit status 130."""
    from generator.site import serving

    class Served(serving.NewProcessBuilds):
        def build(self) -> int:
            raise KeyboardInterrupt  # the analyst is done reading

    monkeypatch.setattr(serving, "builds", Served)
    monkeypatch.chdir(mini_project)
    with socket.socket() as probe:  # a port free on this machine
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert cli.main(["serve", "--dev-addr", f"127.0.0.1:{port}"]) == 0
    assert "interrupted" not in capsys.readouterr().err


def test_accept_into_a_list_written_indented_keeps_its_column() -> None:
    """`  - id: x` is valid YAML and `check` took it; the record `accept` added went at
    column 0, and the file could no longer be read ('did not find expected <document
    start>' at a line past its end)."""
    from generator.yamledit import append_record, render_record

    text = "# actors\n  - id: putin\n    name: Vladimir Putin\n    aliases: [Putin]\n"
    record = render_record(
        [("id", "black-sea"), ("name", "Black Sea"), ("aliases", "\n  - A\n  - B")]
    )
    assert yaml.safe_load(append_record(text, record)) == [
        {"id": "putin", "name": "Vladimir Putin", "aliases": ["Putin"]},
        {"id": "black-sea", "name": "Black Sea", "aliases": ["A", "B"]},
    ]


def test_a_file_that_cannot_be_written_is_named_not_its_temporary(tmp_path: Path) -> None:
    """A read-only history.yml: 'cannot write corpus/.history.yml.t8n__ehe.tmp', the name
    of a temporary file the analyst never sees."""
    from generator.errors import cannot_write

    corpus = tmp_path / "corpus"
    failed = OSError(
        errno.EPERM, os.strerror(errno.EPERM), str(corpus / ".history.yml.t8n__ehe.tmp")
    )
    assert cannot_write(failed, corpus).startswith(
        f"{corpus}/: cannot write {corpus}/history.yml: Operation not permitted"
    )


def test_review_of_a_project_one_may_only_read(
    mini_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A colleague's dossier on a read-only share: review, which writes nothing of the
    corpus, stopped at 'cannot write .dossier-lock'. (Made at the lock, since the tests run
    as root, which a read-only folder does not stop.)"""

    def read_only(*args: Any) -> Any:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(mini_project / ".dossier-lock"))

    monkeypatch.setattr(cli, "build_lock", read_only)
    monkeypatch.chdir(mini_project)
    assert cli.main(["review"]) == 0
    assert capsys.readouterr().out.startswith("New names (0):")


def test_an_edit_into_a_flow_list_says_how_to_make_it_editable() -> None:
    """It said "'evidence' is a [flow] list here" and nothing of what to do."""
    from generator.yamledit import EditError, append_block_items, load

    text = "- id: talks\n  evidence: [{source: a, text: One.}]\n"
    with pytest.raises(EditError) as caught:
        append_block_items(text, load(text, "events.yml")[0], "evidence", [["source: b"]])
    assert str(caught.value).endswith(
        "'evidence' is a [flow] list here; write it one item a line (a '- ' line each under "
        "'evidence:', as in the other records), then run the command again"
    )


@pytest.mark.parametrize("args", [["review"], ["review", "--json"]])
def test_names_on_an_output_that_cannot_show_them_are_escapes_not_a_traceback(
    mini_project: Path, args: list[str]
) -> None:
    """`review > out.txt` on Windows writes cp1252, which has no 'ğ': a UnicodeEncodeError
    traceback after the work was done."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=mini_project,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "cp1252"},
        capture_output=True,
        timeout=300,
    )
    assert (result.returncode, result.stderr) == (0, b"")
    assert b"Recep Tayyip Erdo\\u011fan" in result.stdout
    if "--json" in args:  # still JSON, with the same names
        names = [e["title"] for e in json.loads(result.stdout)["events"]]
        assert any("Erdoğan" in name for name in names)


MAIL = """Return-Path: <desk@wire.example>
From: Wire Desk <desk@wire.example>
Subject: Fwd: Putin and Erdogan meet in Moscow
Date: Thu, 5 Mar 2020 10:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Vladimir Putin met Recep Tayyip Erdogan in Moscow on Thursday=2E
--b1--
"""


def test_a_saved_e_mail_is_refused_and_a_memo_still_goes_in(corpus: Path, tmp_path: Path) -> None:
    """A saved newsletter went in with its headers as the title ('From: Wire Desk ...
    Subject: ...') and its MIME parts as the article's text."""
    from generator.intake.ingest import add_paths

    mail, memo = tmp_path / "newsletter.eml", tmp_path / "memo.txt"
    mail.write_text(MAIL)
    memo.write_text(
        "From: Ministry of Foreign Affairs\nDate: 5 March 2020\nSubject: Talks in Moscow\n\n"
        "Vladimir Putin met Recep Tayyip Erdogan in Moscow on Thursday.\n"
    )
    refused, added = add_paths([mail, memo], corpus)
    assert (refused.status, added.status) == ("error", "added")
    assert refused.message == (
        f"{mail}: not an article: an e-mail message (headers, MIME parts); give the article "
        "as text (.txt, .md) or as its saved web page (.html)"
    )


def test_a_slip_in_a_source_id_is_fixed_in_the_id_not_by_renaming_the_file(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`id: alpha-2020-03-05-talk` in alpha-2020-03-05-talks.md: the message said to rename
    the file after the slip, which would have made the slip the source's name."""
    source = corpus / "sources" / "alpha-2020-03-05-talks.md"
    text = source.read_text("utf-8")
    source.write_text(text.replace("id: alpha-2020-03-05-talks", "id: alpha-2020-03-05-talk"))
    monkeypatch.chdir(corpus.parent)
    with pytest.raises(CorpusError) as caught:
        check(corpus)
    assert caught.value.report() == (
        "corpus/sources/alpha-2020-03-05-talks.md:2: source id 'alpha-2020-03-05-talk' does "
        "not match the file name 'alpha-2020-03-05-talks.md'; a slip in the id? write "
        "`id: alpha-2020-03-05-talks`"
    )


def test_a_citation_of_a_deleted_source_says_how_to_restore_it(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A source file deleted by mistake: each citation said 'no such source' and no more."""
    (corpus / "sources" / "beta-2020-02-21-call.md").unlink()
    monkeypatch.chdir(corpus.parent)
    with pytest.raises(CorpusError) as caught:
        check(corpus)
    hint = (
        "no such source (its file deleted? restore it: git checkout -- "
        "corpus/sources/beta-2020-02-21-call.md; else delete this citation, or add the "
        "article again with `python -m generator add FILE`)"
    )
    lines = caught.value.report().splitlines()
    assert lines and all(line.endswith(hint) for line in lines), lines
    assert any(line.startswith("corpus/events.yml:9:") for line in lines)


def test_a_mkdocs_yml_from_before_the_outlet_pages_still_builds(mini_project: Path) -> None:
    """A project's mkdocs.yml is its own: one written before sources/outlets/ existed lacks
    their not_in_nav line, and every build stopped on 'pages that mkdocs.yml's nav does not
    list'. The hook leaves the generated pages out of the nav itself."""
    config = mini_project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  /sources/outlets/*/*.md\n" in text
    config.write_text(text.replace("  /sources/outlets/*/*.md\n", ""), "utf-8")
    result = run_cli("build", cwd=mini_project)
    assert result.returncode == 0, result.stderr
    assert (mini_project / "site" / "sources" / "outlets").is_dir()
