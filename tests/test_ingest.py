"""Taking new articles into the corpus: formats, cleaning, ids, idempotence and bad input."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from generator.intake import ingest
from generator.intake.clean import clean_body
from generator.intake.ingest import AddOutcome, add_paths, parse_article
from generator.pipeline import check
from generator.safe_io import MAX_BYTES, UnsafeFile
from generator.stages.validate import split_paragraphs
from tests.conftest import run_cli, snapshot

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "ingest"
DEV = FIXTURES / "dev-articles"
FORMATS = FIXTURES / "formats"
CHROME = re.compile(
    r"share this|read more|you might also like|listen live|get short url|copyright|"
    r"community standards|newsletter|download the app|let us know|^find us$|text by:|"
    r"new messages|on the same subject|^\W*\d{1,2}:\d{2}\b|photo/|follow .*live feed",
    re.IGNORECASE,
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", target)
    return target


def parse(path: Path) -> ingest.Article:
    article, _kind = parse_article(path.read_text(encoding="utf-8"), path.suffix, path.name)
    return article


def front_and_body(path: Path) -> tuple[dict[str, str], list[str]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    close = lines.index("---", 1)
    front = dict(line.split(": ", 1) for line in lines[1:close])
    return front, list(split_paragraphs(lines[close + 1 :]))


def by_name(outcomes: list[AddOutcome]) -> dict[str, AddOutcome]:
    return {Path(o.path).name: o for o in outcomes}


# ----------------------------------------------------------------------------- formats


def test_header_block_text() -> None:
    article = parse(DEV / "06-turkstream-inauguration.txt")
    assert article.title == (
        "Putin, Erdoğan officially inaugurate TurkStream pipeline at İstanbul ceremony"
    )
    assert article.outlet == "Turkish Minute"
    assert str(article.published) == "2020-01-08"
    assert article.url and article.url.startswith("https://turkishminute.com/2020/01/08/")
    assert article.paragraphs[0].startswith("The presidents of Turkey and Russia on Wednesday")
    assert all("\n" not in p for p in article.paragraphs)


def test_header_block_lines_without_blank_lines_are_paragraphs() -> None:
    article = parse(DEV / "05-s400-first-delivery.txt")
    assert len(article.paragraphs) == 4
    assert article.paragraphs[1].startswith("A Defence Ministry statement said")


def test_plain_text_page_as_saved() -> None:
    article = parse(REPO / "corpus" / "originals" / "000_0f81b2fb86aa1b67.txt")
    assert article.title == (
        "Erdogan and Putin meet in Moscow for talks on military conflict in Syria"
    )
    assert article.outlet is None and article.published is None and article.url is None
    assert article.paragraphs[1].startswith("The Turkish and Russian presidents met face to face")
    assert not any(CHROME.search(p) for p in article.paragraphs)


def test_plain_text_joins_wrapped_lines_and_cuts_the_related_tail() -> None:
    article = parse(FORMATS / "plain-page.txt")
    assert article.title == "Putin condemns killing of ambassador in Ankara"
    assert article.paragraphs == [
        "Russian President Vladimir Putin said the killing of the ambassador in Ankara was a "
        "provocation aimed at spoiling relations between Russia and Turkey.",
        "The ambassador was shot while speaking at an art gallery, officials said.",
    ]


def test_markdown_with_front_matter() -> None:
    article = parse(FORMATS / "note.md")
    assert article.title == "Putin and Erdogan open TurkStream"
    assert article.outlet == "Example Wire"
    assert str(article.published) == "2020-01-08"
    assert article.url == "https://wire.example/turkstream"
    assert article.paragraphs == [
        "The presidents of Turkey and Russia on Wednesday launched the TurkStream pipeline in "
        "Istanbul, a project that carries Russian gas across the Black Sea.",
        "The ceremony was attended by the leaders of Serbia and Bulgaria.",
        "What comes next",
        "Gas deliveries to southern Europe have already started, the operator said.",
    ]


def test_saved_html_page() -> None:
    article = parse(FORMATS / "page.html")
    assert article.title == "Leaders meet in Ankara for Syria summit"
    assert article.outlet == "Example Gazette"
    assert str(article.published) == "2018-04-04"  # article:published_time comes first
    assert article.url == "https://gazette.example/world/ankara-summit"
    assert article.paragraphs == [
        "The presidents of Turkey, Russia and Iran met in Ankara on Wednesday for a summit on "
        "Syria.",
        "They discussed the de-escalation zones & the Astana process, officials said. "
        "The talks lasted three hours.",
        "A joint statement",
        "“We agreed to continue our cooperation,” the leaders said in a joint statement.",
    ]


def test_html_without_article_element_takes_the_largest_paragraph_block() -> None:
    page = (
        "<html><head><title>Talks end</title></head><body>"
        "<div id='menu'><p>Home</p><p>About us and our many wonderful products</p></div>"
        "<div id='story'><p>The talks in Sochi ended late on Tuesday after six hours.</p>"
        "<p>Both sides said they were satisfied with the result of the meeting.</p></div>"
        '<script type=\'application/ld+json\'>{"@graph": [{"datePublished": "2017-05-03",'
        ' "publisher": {"name": "Example Daily"}}]}</script></body></html>'
    )
    article, kind = parse_article(page, ".html", "x.html")
    assert kind == "HTML page"
    assert article.title == "Talks end"
    assert article.outlet == "Example Daily"
    assert str(article.published) == "2017-05-03"
    assert article.paragraphs[0].startswith("The talks in Sochi")
    assert len(article.paragraphs) == 2


# ----------------------------------------------------------------------------- cleaning


def test_clean_body_keeps_the_hand_cleaned_seed_text_and_cuts_chrome() -> None:
    corpus = REPO / "corpus"
    wanted = kept = 0
    for source in sorted((corpus / "sources").glob("*.md")):
        front, paragraphs = front_and_body(source)
        original = corpus / front["original"].strip()
        cleaned = clean_body(original.read_text(encoding="utf-8").split("\n"))
        wanted += len(paragraphs)
        kept += sum(p in cleaned for p in paragraphs)
        leftovers = [p for p in cleaned if CHROME.search(p)]
        assert not leftovers, f"{original.name}: chrome left: {leftovers}"
    assert wanted > 50
    assert kept / wanted >= 0.95, f"kept {kept} of {wanted} hand-cleaned paragraphs"


@pytest.mark.parametrize(
    "line",
    [
        "Share this articleComments",
        "18:21 GMT16 January 2021",
        "• 17:25",
        "Listen Live",
        "Get short URL",
        "Read also: Two Turkish soldiers killed in air strikes in Idleb",
        "AP Photo/RIA-Novosti, Alexei Nikolsky, Pool",
        "Copyright© Mikhail Klimentyev/Sputnik",
        "war in Syria, Recep Tayyip Erdogan, Vladimir Putin, Idlib, Syria, Russia, Turkey",
        "Please let us know if you're having issues with commenting.",
        "RECOMMENDED",
    ],
)
def test_chrome_lines_are_cut(line: str) -> None:
    assert clean_body(["The talks went on for six hours.", "", line]) == [
        "The talks went on for six hours."
    ]


def test_credits_are_cut_from_the_end_of_a_sentence_but_the_sentence_stays() -> None:
    assert clean_body(
        [
            "“The world's eyes are on us,\" Erdogan told Putin.Associated PressPavel Golovkin",
            "",
            "Here, during a meeting in Sochi in October 2019. Alexey DRUZHININ / SPUTNIK / AFP",
        ]
    ) == [
        "“The world's eyes are on us,\" Erdogan told Putin.",
        "Here, during a meeting in Sochi in October 2019.",
    ]


def test_related_tail_is_kept_when_real_article_text_follows_it() -> None:
    lines = [
        "First paragraph of the story.",
        "",
        "Read more:",
        "",
        "The talks lasted for more than six hours and ended with a joint statement on a ceasefire.",
    ]
    assert clean_body(lines)[-1].startswith("The talks lasted")


# ----------------------------------------------------------------------------- adding


def test_six_dev_articles_go_in_and_pass_check(corpus: Path) -> None:
    before = len(check(corpus).sources)
    outcomes = add_paths([DEV], corpus)
    assert [o.status for o in outcomes] == ["added"] * 6  # README.md in the folder is skipped
    result = check(corpus)
    assert len(result.sources) == before + 6
    for outcome in outcomes:
        assert outcome.source_id and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", outcome.source_id)
        source = result.sources[outcome.source_id]
        assert (
            source.original
            and (corpus / source.original).read_bytes() == Path(outcome.path).read_bytes()
        )
        assert source.language == "en"
    ids = {Path(o.path).name: o.source_id for o in outcomes}
    assert ids["03-sochi-trilateral-dialogue-congress.txt"] == (
        "sol-2017-11-22-russia-iran-turkey-leaders-agree-on"
    )
    trt = result.sources[ids["04-ankara-trilateral-summit.txt"] or ""]
    assert not any("RECOMMENDED" in p for p in trt.paragraphs)

    again = add_paths([DEV], corpus)
    assert [o.status for o in again] == ["unchanged"] * 6
    assert all("already in the corpus" in o.message for o in again)
    assert [o.source_id for o in again] == [o.source_id for o in outcomes]


def test_unknown_dates_stay_unknown_and_are_reported(corpus: Path) -> None:
    files = [
        DEV / "01-karlov-killing-provocation.txt",
        DEV / "02-sochi-sanctions-normal-partner.txt",
    ]
    outcomes = by_name(add_paths(files, corpus))
    for outcome in outcomes.values():
        assert outcome.status == "added"
        assert outcome.unknown == ("published",)
        assert "unknown: published" in outcome.message
        assert outcome.source_id and "undated" not in outcome.source_id  # ids outlive gaps
        front, _body = front_and_body(corpus / "sources" / f"{outcome.source_id}.md")
        assert front["published"] == "unknown"
    check(corpus)


def test_missing_outlet_is_written_as_unknown(corpus: Path, tmp_path: Path) -> None:
    page = tmp_path / "capture.txt"
    shutil.copy(FORMATS / "plain-page.txt", page)
    outcome = add_paths([page], corpus)[0]
    assert outcome.status == "added"
    assert outcome.unknown == ("outlet",)
    front, _body = front_and_body(corpus / "sources" / f"{outcome.source_id}.md")
    assert front["outlet"] == "unknown"
    assert front["published"] == "2016-12-19"  # "Published 19 December 2016" on the page
    assert "Published 19 December 2016" in front["notes"]
    assert outcome.source_id == "unknown-2016-12-19-putin-condemns-killing-of-ambassador-in"
    assert outcome.path == str(page)
    check(corpus)


def test_dated_dateline_fills_an_unknown_date(corpus: Path) -> None:
    outcome = add_paths([FORMATS / "dateline.txt"], corpus)[0]
    assert outcome.status == "added" and outcome.unknown == ()
    front, _body = front_and_body(corpus / "sources" / f"{outcome.source_id}.md")
    assert front["published"] == "2016-12-19"
    assert "dateline" in front["notes"]


def test_all_four_formats_are_added(corpus: Path) -> None:
    files = [FORMATS / n for n in ("note.md", "page.html", "plain-page.txt")]
    files.append(DEV / "06-turkstream-inauguration.txt")
    outcomes = add_paths(files, corpus)
    assert [o.status for o in outcomes] == ["added"] * 4
    assert (corpus / "originals" / f"{outcomes[1].source_id}.html").exists()
    assert (corpus / "originals" / f"{outcomes[0].source_id}.md").exists()
    check(corpus)


def test_seed_originals_are_recognised_as_already_there(corpus: Path) -> None:
    outcomes = add_paths([REPO / "corpus" / "originals"], corpus)
    assert len(outcomes) == 5
    assert all(o.status == "unchanged" for o in outcomes)


def test_same_text_in_another_file_is_unchanged(corpus: Path, tmp_path: Path) -> None:
    original = DEV / "03-sochi-trilateral-dialogue-congress.txt"
    copy = tmp_path / "copy.txt"
    copy.write_text(original.read_text(encoding="utf-8") + "\n\nShare this article\n")
    first, second = add_paths([original, copy], corpus)
    assert first.status == "added"
    assert second.status == "unchanged" and second.source_id == first.source_id


def test_different_article_with_an_existing_id_is_an_error(corpus: Path, tmp_path: Path) -> None:
    first = add_paths([DEV / "04-ankara-trilateral-summit.txt"], corpus)[0]
    written = (corpus / "sources" / f"{first.source_id}.md").read_bytes()
    other = tmp_path / "other.txt"
    other.write_text(
        "title: Erdogan urges all actors in Syria to distance themselves from terror groups\n"
        "outlet: TRT World\npublished: 2018-04-04\n\nA different text under the same headline.\n"
    )
    outcome = add_paths([other], corpus)[0]
    assert outcome.status == "error"
    assert outcome.message == (
        f"{other}: id {first.source_id} exists with different content; not overwritten "
        "(another article has this outlet, date and first title words: change this one's title)"
    )
    assert (corpus / "sources" / f"{first.source_id}.md").read_bytes() == written
    assert not list((corpus / "originals").glob("*other*"))


# ----------------------------------------------------------------------------- bad input


def test_bad_inputs_are_reported_and_good_files_still_go_in(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a-binary.txt").write_bytes(b"PK\x03\x04\x00\x00 binary zip data")
    with (inbox / "b-huge.log").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: never read into memory
    (inbox / "c-latin.txt").write_bytes(bytes([0x81, 0x8D, 0x41, 0x9D, 0x90]) * 20)
    shutil.copy(FORMATS / "bad-date.txt", inbox / "d-bad-date.txt")
    shutil.copy(FORMATS / "chrome-only.txt", inbox / "e-chrome-only.txt")
    shutil.copy(DEV / "05-s400-first-delivery.txt", inbox / "f-good.txt")
    (inbox / "g-locked.txt").write_text("title: x\noutlet: y\npublished: unknown\n\nText.\n")
    (inbox / "h-empty.txt").write_bytes(b"")

    real = ingest.read_bytes

    def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
        if path.name == "g-locked.txt":
            raise UnsafeFile("cannot read file: Permission denied")
        return real(path, limit)

    monkeypatch.setattr(ingest, "read_bytes", read_bytes)
    outcomes = by_name(add_paths([inbox, tmp_path / "missing.txt"], corpus))
    expected = {
        "a-binary.txt": "not an article: binary content",
        "b-huge.log": "larger than the 5 MB limit",
        "c-latin.txt": "not UTF-8 text",
        "d-bad-date.txt": ":4: published '2020-13-45' is not a date (YYYY-MM-DD or unknown)",
        "e-chrome-only.txt": "empty article",
        "g-locked.txt": "cannot read file: Permission denied",
        "h-empty.txt": "empty article",
        "missing.txt": "no such file or folder",
    }
    for name, reason in expected.items():
        outcome = outcomes[name]
        assert outcome.status == "error", name
        assert outcome.message.startswith(outcome.path), outcome.message
        assert reason in outcome.message, outcome.message
        assert "\n" not in outcome.message
    assert outcomes["d-bad-date.txt"].message == (
        f"{inbox / 'd-bad-date.txt'}:4: published '2020-13-45' is not a date "
        "(YYYY-MM-DD or unknown)"
    )
    assert outcomes["f-good.txt"].status == "added"
    originals = {p.name for p in (corpus / "originals").iterdir()}
    assert originals == {p.name for p in (REPO / "corpus" / "originals").iterdir()} | {
        f"{outcomes['f-good.txt'].source_id}.txt"
    }
    check(corpus)


def test_other_encodings_are_decoded(corpus: Path, tmp_path: Path) -> None:
    text = (
        "title: Café talks in Ankara\noutlet: Example Wire\npublished: 2019-01-02\n\n"
        "The leaders met at a café in Ankara on Wednesday and didn’t agree on anything.\n"
    )
    latin = tmp_path / "latin.txt"
    latin.write_bytes(text.encode("cp1252"))
    wide = tmp_path / "wide.txt"
    wide.write_bytes(text.replace("café", "tea house").replace("Café", "Tea").encode("utf-16"))
    outcomes = add_paths([latin, wide], corpus)
    assert [o.status for o in outcomes] == ["added", "added"]
    _front, body = front_and_body(corpus / "sources" / f"{outcomes[0].source_id}.md")
    assert body == [
        "The leaders met at a café in Ankara on Wednesday and didn’t agree on anything."
    ]
    check(corpus)


def test_failed_source_write_removes_the_original(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ingest._write_atomic

    def failing(path: Path, data: bytes) -> None:
        if path.suffix == ".md":
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(ingest, "_write_atomic", failing)
    before = {p.name for p in (corpus / "originals").iterdir()}
    outcome = add_paths([DEV / "06-turkstream-inauguration.txt"], corpus)[0]
    assert outcome.status == "error"
    assert "No space left on device" in outcome.message
    assert {p.name for p in (corpus / "originals").iterdir()} == before
    check(corpus)


def test_language_other_than_english_is_detected(corpus: Path, tmp_path: Path) -> None:
    french = tmp_path / "fr.txt"
    french.write_text(
        "title: Entretien téléphonique entre Poutine et Erdogan\noutlet: RFI\n"
        "published: 2020-02-21\n\n"
        "Les présidents turc et russe se sont entretenus vendredi par téléphone sur la situation "
        "dans la province d'Idleb, où les forces du régime continuent leur offensive. "
        "Le président turc a demandé à son homologue de freiner le régime syrien et de respecter "
        "les accords qui ont été signés en 2018 pour la région.\n"
    )
    outcome = add_paths([french], corpus)[0]
    front, _body = front_and_body(corpus / "sources" / f"{outcome.source_id}.md")
    assert front["language"] == "fr"


AS_TEXT = "give the article as text (.txt, .md) or as its saved web page (.html)"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", f"(a PDF document); {AS_TEXT}"),
        ("story.docx", b"PK\x03\x04\x14\x00\x06\x00", "(a ZIP archive: a .docx or .odt document?)"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "(a JPEG image)"),
        ("notes.rtf", b"{\\rtf1\\ansi Putin met Erdogan.}", "(an RTF document)"),
        ("odd.txt", bytes([0x81, 0x8D, 0x41, 0x9D, 0x90]) * 20, f"(nor Windows-1252); {AS_TEXT}"),
        ("no-article.html", None, "(save the article's own page, or paste its text into a .txt"),
        ("header-only.txt", None, "empty article: no article text left"),
    ],
)
def test_a_file_that_is_no_article_says_what_to_give_instead(
    mini_project: Path, tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is None:
        shutil.copy(FORMATS / name, path)
    else:
        path.write_bytes(content)
    before = snapshot(mini_project / "corpus")
    result = run_cli("--root", str(mini_project), "add", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith(f"dossier: {path}: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert snapshot(mini_project / "corpus") == before


def test_a_saved_web_page_folder_gives_its_article_and_skips_the_page_parts(
    mini_project: Path, tmp_path: Path
) -> None:
    download = tmp_path / "download"
    (download / "article_files").mkdir(parents=True)
    shutil.copy(FORMATS / "page.html", download / "article.html")
    (download / "article_files" / "style.css").write_text("body { color: red }\n")
    (download / "article_files" / "app.js").write_text("function f() { return 1; }\n")
    (download / "article_files" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (download / "stray.js").write_text("window.dataLayer = [];\n")  # not in a _files folder
    result = run_cli("--root", str(mini_project), "add", str(download))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "article.html: added as" in result.stdout
    assert "skipped 2 parts of web pages in the folders (.js, article_files): no articles" in (
        result.stdout
    )
    assert "1 added, 0 already there, 0 refused" in result.stdout
    given = run_cli("--root", str(mini_project), "add", str(download / "stray.js"))
    assert given.returncode == 0  # a file given by name is read: here, as plain text


def test_an_empty_folder_is_one_line_and_exit_1(mini_project: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_cli("--root", str(mini_project), "add", str(tmp_path / "empty"))
    assert result.returncode == 1
    assert result.stderr == (
        f"dossier: {tmp_path / 'empty'}: no files in it; give article files or folders of them\n"
    )


def test_a_web_address_is_refused_with_what_to_do_and_the_files_still_go_in(
    mini_project: Path,
) -> None:
    address = "https://www.example.com/news/2020/03/05/story.html"
    result = run_cli("--root", str(mini_project), "add", address, str(FORMATS / "dateline.txt"))
    assert result.returncode == 1
    assert result.stderr == (
        f"dossier: {address}: a web address; `add` takes files: save the page, "
        "or paste its text into a .txt file, and add that\n"
    )
    assert "1 added, 0 already there, 1 refused" in result.stdout


def test_titles_and_outlets_in_other_scripts_give_distinct_ids(
    corpus: Path, tmp_path: Path
) -> None:
    russian = tmp_path / "ru.txt"
    russian.write_text(
        "title: Переговоры в Москве\noutlet: Вести\nurl: https://www.vesti.example/a\n"
        "published: 2020-03-05\n\nЛидеры провели переговоры в Москве.\n",
        encoding="utf-8",
    )
    chinese = tmp_path / "zh.txt"
    chinese.write_text(
        "title: 莫斯科会谈\noutlet: 某通讯社\npublished: 2020-03-05\n\n"
        "两国领导人在莫斯科举行会谈。\n",
        encoding="utf-8",
    )
    first, second = add_paths([russian, chinese], corpus)
    assert (first.status, second.status) == ("added", "added"), (first.message, second.message)
    assert first.source_id is not None and second.source_id is not None
    # Cyrillic in Latin letters (generator/text/data/transliteration.tsv); other scripts hashed
    assert first.source_id == "vesti-2020-03-05-peregovory-v-moskve"
    assert re.fullmatch(r"h[0-9a-f]{8}-2020-03-05-h[0-9a-f]{8}", second.source_id)
    check(corpus)


def test_add_reads_again_only_the_sources_changed_since_its_last_scan(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What each source gave the scan for duplicates is kept with its stamp: reading every
    source was most of an `add` at 5,000 sources."""
    from generator.intake import known

    cache = tmp_path / "cache"
    first = add_paths([DEV / "03-sochi-trilateral-dialogue-congress.txt"], corpus, cache)[0]
    assert first.status == "added"
    # the scan is old enough to trust now (files written just before it are read again)
    monkeypatch.setattr(known, "RACY_NS", -(10**12))
    read: list[str] = []
    real = known.read_bytes

    def counted(path: Path, *args: object) -> bytes:
        if Path(path).parent.name == "sources":  # not the originals compared byte for byte
            read.append(Path(path).name)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(known, "read_bytes", counted)
    second = add_paths([DEV / "04-ankara-trilateral-summit.txt"], corpus, cache)[0]
    assert read == [f"{first.source_id}.md"]  # new since the last scan; the seeds are kept
    read.clear()
    again = add_paths([DEV / "03-sochi-trilateral-dialogue-congress.txt"], corpus, cache)[0]
    assert again.status == "unchanged" and again.source_id == first.source_id
    assert read == [f"{second.source_id}.md"]


def test_a_source_edited_twice_within_a_clock_tick_of_the_scan_is_read_again(
    corpus: Path, tmp_path: Path
) -> None:
    """A second edit that keeps the file's size and time (within the same tick of the file
    system's clock) is not missed: a file written that close to the last scan is not trusted
    to its stamp, as git treats its racily clean entries."""
    from generator.intake.known import Known, body_key

    cache = tmp_path / "cache"
    source = sorted((corpus / "sources").glob("*.md"))[0]
    head, body = source.read_text("utf-8").split("\n---\n", 1)
    source.write_text(f"{head}\n---\n{body}\nIdlib was quiet.\n", "utf-8")
    Known.scan(corpus, cache)  # keeps the file with the stamp it has now, just written
    info = source.stat()
    edited = body + "\nIdlib was tense.\n"
    source.write_text(f"{head}\n---\n{edited}", "utf-8")  # the same size
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))  # and the same time
    assert (source.stat().st_size, source.stat().st_ino) == (info.st_size, info.st_ino)
    known = Known.scan(corpus, cache)
    assert known.bodies.get(body_key(edited)) == source.stem


def test_a_settled_source_edited_with_its_time_kept_is_read_again(
    corpus: Path, tmp_path: Path
) -> None:
    """An edit that keeps the size and puts the old modification time back (`touch -d`,
    `cp -p` onto the file, an editor that keeps times) still moves the change time: the
    scan must not keep what the file gave before."""
    from generator.intake.known import Known, body_key

    cache = tmp_path / "cache"
    source = sorted((corpus / "sources").glob("*.md"))[0]
    day_ago = source.stat().st_mtime_ns - 86_400 * 10**9
    os.utime(source, ns=(day_ago, day_ago))  # written long before the scan
    Known.scan(corpus, cache)
    head, body = source.read_text("utf-8").split("\n---\n", 1)
    edited = body.replace("a", "e", 1)
    assert edited != body
    source.write_text(f"{head}\n---\n{edited}", "utf-8")
    os.utime(source, ns=(day_ago, day_ago))
    known = Known.scan(corpus, cache)
    assert known.bodies.get(body_key(edited)) == source.stem
