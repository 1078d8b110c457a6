"""What a new user types that is no article: an empty argument (a shell variable left unset),
the project folder itself or one of its own folders, a file:// address copied from the
browser, a file name with a line break, an empty key. Each is one line and exit status 1,
and nothing of the project goes into the corpus as an article."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli, snapshot

HOLDS = (
    "holds this dossier project (its corpus/, docs/ and site/ are no new articles); "
    "give the folder of the new articles"
)


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("", '"": an empty path; give article files or folders of them'),
        ("   ", '"": an empty path; give article files or folders of them'),
        (".", f".: {HOLDS}"),
        ("..", f"..: {HOLDS}"),
        (
            "corpus",
            "corpus: inside the project's corpus/ (made or kept by dossier); "
            "give new articles from outside it",
        ),
        (
            "corpus/actors.yml",
            "corpus/actors.yml: inside the project's corpus/ (made or kept by dossier); "
            "give new articles from outside it",
        ),
        (
            "docs",
            "docs: inside the project's docs/ (made or kept by dossier); "
            "give new articles from outside it",
        ),
    ],
)
def test_add_refuses_the_project_itself_and_empty_paths(
    mini_project: Path, argument: str, message: str
) -> None:
    before = snapshot(mini_project / "corpus")
    result = run_cli("add", argument, cwd=mini_project)
    assert result.returncode == 1
    assert result.stderr == f"dossier: {message}\n"
    assert "0 added, 0 already there, 1 refused" in result.stdout
    assert snapshot(mini_project / "corpus") == before


def test_add_takes_a_file_address_as_its_path(mini_project: Path, tmp_path: Path) -> None:
    article = tmp_path / "saved page.txt"
    article.write_text(
        "Talks in Ankara\n\nVladimir Putin met Recep Tayyip Erdogan in Ankara on Tuesday. "
        "The two leaders spoke for three hours about the ceasefire.\n"
    )
    address = article.as_uri()  # file:///…/saved%20page.txt
    result = run_cli("add", address, cwd=mini_project)
    assert result.returncode == 0, result.stderr
    assert f"dossier: {article}: added as " in result.stdout


def test_a_line_break_in_a_file_name_stays_on_one_line(mini_project: Path, tmp_path: Path) -> None:
    article = tmp_path / "two\nlines.txt"
    article.write_bytes(b"\x00\x01binary")
    result = run_cli("add", str(article), cwd=mini_project)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"dossier: {tmp_path}/two\\nlines.txt: not an article")


@pytest.mark.parametrize("command", ["accept", "reject", "undo"])
def test_an_empty_key_says_so(mini_project: Path, command: str) -> None:
    before = snapshot(mini_project / "corpus")
    result = run_cli(command, "", cwd=mini_project)
    assert result.returncode == 1
    assert result.stderr == (
        'dossier: error: "": an empty key; run `python -m generator review` for the keys\n'
    )
    assert snapshot(mini_project / "corpus") == before


SAVE_UTF8 = "save the file as UTF-8 (in most editors: Save as, Encoding: UTF-8)"
RUSSIAN = "Путин встретился с Эрдоганом в Москве во вторник. Переговоры длились шесть часов."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (  # read as Windows-1252, every accent would be garbled (cafÃ©)
            "stray.txt",
            "Talks\n\nErdoğan and Putin met at a café in Moscow – for six hours.\n".encode()
            + b"It was \xe9t\xe9.\n",
            f"stray.txt:4: not valid UTF-8 (a stray byte in UTF-8 text); {SAVE_UTF8}",
        ),
        (  # read as Windows-1252, Cyrillic turns into accented Latin nonsense
            "cyrillic.txt",
            f"Заголовок\n\n{RUSSIAN}\n".encode("cp1251"),
            "cyrillic.txt: not UTF-8 text, and not Western European (another code page: "
            f"Cyrillic, Greek…?); {SAVE_UTF8}",
        ),
        (
            "link.txt",
            b"https://www.example.com/news/2020/03/05/story.html\n",
            "link.txt: not an article: only a web address; `add` does not fetch pages: "
            "save the page, or paste its text into a .txt file, and add that",
        ),
    ],
)
def test_a_file_that_would_go_in_garbled_or_empty_is_refused(
    mini_project: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    before = snapshot(mini_project / "corpus")
    result = run_cli("add", str(tmp_path / name), cwd=mini_project)
    assert result.returncode == 1
    assert result.stderr == f"dossier: {tmp_path}/{message}\n"
    assert snapshot(mini_project / "corpus") == before


def test_windows_1252_with_a_chance_utf8_pair_still_goes_in(
    mini_project: Path, tmp_path: Path
) -> None:
    # ß then ’ is the bytes of a UTF-8 character; the many lone umlauts say Windows-1252
    text = (
        "Grüße aus Köln\n\nDer ‘Gruß’ des Präsidenten an Erdogan blieb aus; die Gespräche "
        "über Idlib dauerten sechs Stunden länger.\n"
    )
    (tmp_path / "german.txt").write_bytes(text.encode("cp1252"))
    result = run_cli("add", str(tmp_path / "german.txt"), cwd=mini_project)
    assert result.returncode == 0, result.stderr
    source = mini_project / "corpus" / "sources" / "unknown-gruse-aus-koln.md"
    assert "Der ‘Gruß’ des Präsidenten" in source.read_text("utf-8")


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (
            "a" * 300,
            "source id 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…' is 300 characters long; "
            "keep it under 150",
        ),
        ("index", "source id 'index' is the name of a generated index page; choose another"),
        ("Bad Id", "source id 'Bad Id': use lowercase letters, digits and hyphens"),
    ],
)
def test_rename_to_an_impossible_id_says_why(mini_project: Path, new: str, message: str) -> None:
    # a 300-character id was a file name too long for the disk, met while writing
    before = snapshot(mini_project / "corpus")
    result = run_cli("rename", "alpha-2020-03-05-talks", new, cwd=mini_project)
    assert result.returncode == 1
    assert result.stderr == f"dossier: error: {message}\n"
    assert snapshot(mini_project / "corpus") == before
