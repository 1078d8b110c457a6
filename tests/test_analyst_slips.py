"""A demanding analyst's months with one briefing: articles piped in from the clipboard,
review.yml edited by hand, a build stopped half-way. Each slip is either harmless or one
line naming the file and the fix, exit status 1, nothing written (see also
tests/test_everyday_slips.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, snapshot

ARTICLE = (
    "title: Ministers meet in Sochi\n"
    "outlet: Test Wire\n"
    "published: 2020-02-02\n"
    "\n"
    "The foreign ministers met in Sochi on Sunday to talk about the ceasefire.\n"
)


def _dossier(project: Path, *args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        timeout=300,
    )
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def test_an_article_piped_into_add_dash_goes_in_as_a_file_of_it_would(
    mini_project: Path,
) -> None:
    """`pbpaste | dossier add -` said '-: no such file or folder'."""
    code, out, err = _dossier(mini_project, "add", "-", stdin=ARTICLE.encode())
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        "dossier: standard input: added as test-wire-2020-02-02-ministers-meet-in-sochi "
        "(header-block text)"
    )
    sources = mini_project / "corpus"
    original = sources / "originals" / "test-wire-2020-02-02-ministers-meet-in-sochi.txt"
    assert original.read_text(encoding="utf-8") == ARTICLE  # kept as received
    before = snapshot(sources)
    code, out, _ = _dossier(mini_project, "add", "-", stdin=ARTICLE.encode())
    assert code == 0 and "standard input: unchanged: already in the corpus as" in out
    assert snapshot(sources) == before
    page = b"<!doctype html><html><head><title>Talks</title></head><body><article>"
    page += b"<h1>Talks in Ankara</h1><p>" + b"The two ministers met in Ankara. " * 20
    page += b"</p></article></body></html>"
    code, out, err = _dossier(mini_project, "add", "-", stdin=page)
    assert code == 0, err
    assert "(HTML page)" in out.splitlines()[0]
    assert len([p for p in (sources / "originals").glob("*.html")]) == 1  # known by its format


def test_add_dash_with_nothing_piped_in_is_one_line(mini_project: Path) -> None:
    before = snapshot(mini_project / "corpus")
    code, _, err = _dossier(mini_project, "add", "-", stdin=b"")
    assert (code, err) == (1, "dossier: standard input: empty article: nothing was piped in\n")
    code, _, err = _dossier(mini_project, "add", "-", "-", stdin=ARTICLE.encode())
    assert (code, err) == (1, "dossier: -: given more than once; one article can be piped in\n")
    assert snapshot(mini_project / "corpus") == before


def test_add_dash_from_a_terminal_says_to_pipe_instead_of_waiting(mini_project: Path) -> None:
    """A terminal on standard input would wait, silent, for typing `add` never asked for."""
    leader, follower = os.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "generator", "add", "-"],
            cwd=mini_project,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdin=follower,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 1
    assert result.stderr == (
        "dossier: -: standard input is the terminal, no article is piped in; pipe an article "
        "into it (pbpaste | python -m generator add -), or give its file\n"
    )


TURKISH = (
    "title: Erdoğan ile Putin Soçi'de görüştü\noutlet: Deneme Haber\npublished: 2020-03-05\n\n"
    "Cumhurbaşkanı Recep Tayyip Erdoğan ile Rusya Devlet Başkanı Vladimir Putin, perşembe günü "
    "İdlib'deki ateşkesi görüştü. Görüşme altı saat sürdü ve iki lider yeni bir mutabakat "
    "metni üzerinde anlaştı.\n"
)


def test_an_article_saved_in_the_turkish_code_page_keeps_its_letters(
    mini_project: Path, tmp_path: Path
) -> None:
    """Windows-1254 was read as Windows-1252: 'Erdoðan görüþtü' went in, id 'erdo-an'."""
    (tmp_path / "haber.txt").write_bytes(TURKISH.encode("cp1254"))
    code, out, err = _dossier(mini_project, "add", str(tmp_path / "haber.txt"))
    assert (code, err) == (0, "")
    ident = "deneme-haber-2020-03-05-erdogan-ile-putin-socide-gorustu"
    assert (
        out.splitlines()[0]
        == f"dossier: {tmp_path}/haber.txt: added as {ident} (header-block text)"
    )
    text = (mini_project / "corpus" / "sources" / f"{ident}.md").read_text(encoding="utf-8")
    assert "Cumhurbaşkanı Recep Tayyip Erdoğan" in text and "İdlib'deki ateşkesi" in text


def test_icelandic_in_windows_1252_stays_icelandic(mini_project: Path, tmp_path: Path) -> None:
    """The Turkish reading is for ð þ ý without the á í ó ú æ Icelandic writes beside them."""
    icelandic = (
        "Fundur í Reykjavík\n\nÞeir ræddu við blaðamenn á fundinum í gær og það var kalt úti.\n"
    )
    (tmp_path / "frett.txt").write_bytes(icelandic.encode("cp1252"))
    code, out, err = _dossier(mini_project, "add", str(tmp_path / "frett.txt"))
    assert (code, err) == (0, "")
    ident = out.split("added as ")[1].split()[0]
    text = (mini_project / "corpus" / "sources" / f"{ident}.md").read_text(encoding="utf-8")
    assert "Þeir ræddu við blaðamenn" in text


def test_utf16_without_a_byte_order_mark_is_text_not_binary(
    mini_project: Path, tmp_path: Path
) -> None:
    """Some tools save UTF-16 without a BOM: it was 'binary content (NUL bytes)'."""
    article = ARTICLE.replace("Ministers meet", "Envoys meet").replace("foreign", "two")
    folder = tmp_path / "saved"
    folder.mkdir()
    for codec in ("utf-16-le", "utf-16-be"):
        (folder / f"{codec}.txt").write_bytes(article.replace("Sochi", codec).encode(codec))
    code, out, err = _dossier(mini_project, "add", str(folder))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1].startswith("dossier: 2 added, 0 already there, 0 refused")
    sources = mini_project / "corpus" / "sources"
    text = (sources / "test-wire-2020-02-02-envoys-meet-in-utf-16-be.md").read_text("utf-8")
    assert "The two ministers met in utf-16-be on Sunday" in text
    (tmp_path / "noise.bin.txt").write_bytes(bytes(range(256)) * 8)  # NULs on both sides
    code, _, err = _dossier(mini_project, "add", str(tmp_path / "noise.bin.txt"))
    assert (code, err.splitlines()[0]) == (
        1,
        f"dossier: {tmp_path}/noise.bin.txt: not an article: binary content (NUL bytes); "
        "give the article as text (.txt, .md) or as its saved web page (.html)",
    )


def test_an_add_that_adds_nothing_does_not_ask_for_a_build(mini_project: Path) -> None:
    """'0 added, 1 already there, 0 refused; run `python -m generator build` to regenerate
    the site': a build would show nothing new."""
    assert _dossier(mini_project, "add", "-", stdin=ARTICLE.encode())[0] == 0
    code, out, err = _dossier(mini_project, "add", "-", stdin=ARTICLE.encode())
    assert (code, err, out.splitlines()[-1]) == (
        0,
        "",
        "dossier: 0 added, 1 already there, 0 refused",
    )


def test_a_tag_in_a_title_is_no_word_of_the_id(mini_project: Path) -> None:
    """'Putin <b>agrees</b>' made the id '...-putin-b-agrees-b'; the title keeps its text."""
    article = ARTICLE.replace(
        "Ministers meet in Sochi", 'Putin <b>agrees</b> to <a href="x">talks</a>'
    )
    code, out, err = _dossier(mini_project, "add", "-", stdin=article.encode())
    assert (code, err) == (0, "")
    ident = "test-wire-2020-02-02-putin-agrees-to-talks"
    assert out.splitlines()[0] == f"dossier: standard input: added as {ident} (header-block text)"
    text = (mini_project / "corpus" / "sources" / f"{ident}.md").read_text(encoding="utf-8")
    assert 'title: "Putin <b>agrees</b> to <a href=\\"x\\">talks</a>"' in text


def test_review_says_how_to_fill_what_a_source_lacks(mini_project: Path) -> None:
    """'unknown published' was listed with no way to act on it: `set` was not named."""
    undated = ARTICLE.replace("published: 2020-02-02\n", "").replace("Test Wire", "Other Wire")
    assert _dossier(mini_project, "add", "-", stdin=undated.encode())[0] == 0
    code, out, err = _dossier(mini_project, "review")
    assert (code, err) == (0, "")
    assert "  other-wire-ministers-meet-in-sochi: unknown published" in out
    assert out.splitlines()[-1] == (
        "Fill in what a source lacks: python -m generator set SOURCE_ID published YYYY-MM-DD "
        "(or: outlet NAME)"
    )
    assert (
        _dossier(
            mini_project, "set", "other-wire-ministers-meet-in-sochi", "published", "2020-02-02"
        )[0]
        == 0
    )
    assert "Fill in what a source lacks" not in _dossier(mini_project, "review")[1]


def test_a_date_set_by_mistake_can_be_taken_back_to_unknown(mini_project: Path) -> None:
    """`set X published unknown` said "bad date 'unknown'": only a hand edit undid a slip."""
    assert _dossier(mini_project, "add", "-", stdin=ARTICLE.encode())[0] == 0
    ident = "test-wire-2020-02-02-ministers-meet-in-sochi"
    code, out, err = _dossier(mini_project, "set", ident, "published", "unknown")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        f"dossier: set {ident} published unknown in corpus/sources/{ident}.md (was 2020-02-02)"
    )
    text = (mini_project / "corpus" / "sources" / f"{ident}.md").read_text(encoding="utf-8")
    assert "\npublished: unknown\n" in text
    assert _dossier(mini_project, "check")[0] == 0


def test_a_role_a_letter_from_a_known_one_is_refused_as_a_slip(mini_project: Path) -> None:
    """`--participant putin:hots` went into events.yml and onto the event page as typed."""
    import json

    code, out, _ = _dossier(mini_project, "review", "--json")
    event = json.loads(out)["events"][0]
    actor = event["participants"][0]
    before = snapshot(mini_project / "corpus")
    code, _, err = _dossier(mini_project, "accept", event["key"], "--participant", f"{actor}:hots")
    assert (code, err) == (
        1,
        "dossier: error: --participant role 'hots': did you mean 'host'? (a role the dossier "
        "uses; a new role is fine, but this one is a slip from it)\n",
    )
    assert snapshot(mini_project / "corpus") == before
    code, _, err = _dossier(
        mini_project, "accept", event["key"], "--participant", f"{actor}:mediator"
    )
    assert (code, err) == (0, "")  # a new role is no slip


def _slipped(key: str) -> str:
    """The key with its last two letters swapped, as a hand at a keyboard does."""
    return key[:-2] + key[-1] + key[-2] if key[-1] != key[-2] else key[:-1]


def test_a_mistyped_key_is_answered_with_the_key_meant(mini_project: Path) -> None:
    """A slip in an event's hash said 'this proposal has changed since (its source was
    edited)', sending the analyst to look for an edit nobody made; a slip in a name, or in
    a key to undo, gave no hint at all."""
    import json

    named = ARTICLE.replace(
        "The foreign ministers", "Foreign Minister Sergei Lavrov and his guests"
    )
    assert _dossier(mini_project, "add", "-", stdin=named.encode())[0] == 0
    proposals = json.loads(_dossier(mini_project, "review", "--json")[1])
    event, actor = proposals["events"][0]["key"], proposals["actors"][0]["key"]
    before = snapshot(mini_project / "corpus")
    for key in (event, actor):
        code, _, err = _dossier(mini_project, "reject", _slipped(key))
        assert (code, err) == (
            1,
            f"dossier: error: {_slipped(key)}: no such proposal (did you mean '{key}'?)\n",
        )
    assert snapshot(mini_project / "corpus") == before
    assert _dossier(mini_project, "reject", actor)[0] == 0
    code, _, err = _dossier(mini_project, "undo", _slipped(actor))
    assert (code, err) == (
        1,
        f"dossier: error: {_slipped(actor)}: no decision recorded for this key in "
        f"corpus/review.yml (did you mean '{actor}'?)\n",
    )


GERMAN = (
    "---\ntitle: Treffen in Moskau\noutlet: Testzeitung\npublished: 2020-03-05\n"
    "language: {language}\n---\n\n"
    "Der russische Präsident und der türkische Präsident haben sich am Donnerstag in Moskau "
    "getroffen. Die Gespräche dauerten sechs Stunden, und es wurde eine Waffenruhe vereinbart, "
    "die ab Mitternacht gelten soll, sagte der Sprecher des Kremls nach dem Treffen.\n"
)


def test_a_language_the_file_names_in_words_is_kept_as_its_code(
    mini_project: Path, tmp_path: Path
) -> None:
    """`language: German` went in as `en` (English name rules for a German text), `deu` as
    `deu` (no name rules: review proposed nothing), and nothing was said."""
    folder = tmp_path / "saved"
    folder.mkdir()
    for n, language in enumerate(("German", "deu", "de-AT", "Klingonisch")):
        text = GERMAN.format(language=language).replace("Moskau", f"Moskau {n}")
        (folder / f"{n}.md").write_text(text, encoding="utf-8")
    code, out, err = _dossier(mini_project, "add", str(folder))
    assert (code, err) == (0, "")
    assert (
        f"dossier: {folder}/3.md: added as testzeitung-2020-03-05-treffen-in-moskau-3 (Markdown); "
        "language 'Klingonisch' unknown: read from the text" in out.splitlines()
    )
    sources = mini_project / "corpus" / "sources"
    for n in range(4):
        text = (sources / f"testzeitung-2020-03-05-treffen-in-moskau-{n}.md").read_text("utf-8")
        assert "\nlanguage: de\n" in text, n


def test_review_says_what_an_ambiguous_mention_asks_of_the_analyst(mini_project: Path) -> None:
    """The section listed '"Putin" (putin) inside "Anna Putin"' and left the analyst to
    guess what accepting or rejecting such a key would do (nothing is written either way)."""
    named = ARTICLE.replace("The foreign ministers", "Ministers and the lawyer Anna Putin")
    assert _dossier(mini_project, "add", "-", stdin=named.encode())[0] == 0
    code, out, err = _dossier(mini_project, "review")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    at = lines.index("Ambiguous mentions (1):")
    assert lines[at + 1] == (
        "  (a known one-word name inside a longer name, linked to the known actor: where the "
        "longer name is someone else, accept it as a new actor; accept or reject the key to "
        "mark it seen)"
    )
    assert lines[at + 2].startswith("  ambiguous:putin:") and '"Anna Putin"' in lines[at + 2]


def test_moving_an_event_in_its_file_is_no_change_on_whats_new(mini_project: Path) -> None:
    """An accept that added evidence lines to one event listed every event below it as
    changed: an event's evidence kept its line in events.yml in the record's hash."""
    assert _dossier(mini_project, "build", "--no-site")[0] == 0
    history = mini_project / "corpus" / "history.yml"
    before = history.read_bytes()
    events = mini_project / "corpus" / "events.yml"
    events.write_text("# events of the mini dossier\n\n" + events.read_text("utf-8"), "utf-8")
    code, _, err = _dossier(mini_project, "build", "--no-site")
    assert (code, err) == (0, "")
    assert history.read_bytes() == before


def test_a_history_recorded_by_an_older_version_lists_no_false_changes(
    mini_project: Path,
) -> None:
    """Its hashes were made with the places in the files: read as they are, every event
    with evidence would have been listed as changed once."""
    import yaml

    assert _dossier(mini_project, "build", "--no-site")[0] == 0
    history = mini_project / "corpus" / "history.yml"
    data = yaml.safe_load(history.read_text("utf-8"))
    entries = len(data["entries"])
    del data["state"]["fingerprints"]
    data["state"]["events"] = {k: "0" * 12 for k in data["state"]["events"]}  # made otherwise
    history.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    code, _, err = _dossier(mini_project, "build", "--no-site")
    assert (code, err) == (0, "")
    after = yaml.safe_load(history.read_text("utf-8"))
    assert len(after["entries"]) == entries  # no entry of false changes
    assert after["state"]["fingerprints"] == 2  # and read this version's way from now on
    assert "0" * 12 not in after["state"]["events"].values()


def test_a_proposed_event_id_says_who_by_their_ids_not_their_first_names(
    mini_project: Path,
) -> None:
    """'Recep Tayyip Erdoğan and Vladimir Putin meet in Moscow' was proposed as
    recep-tayyip-erdogan-vladimir-putin-2020: five words of names, no act, no place, for
    the event's address on the site for good."""
    import json

    article = ARTICLE.replace(
        "The foreign ministers met in Sochi on Sunday to talk about the ceasefire.",
        "Recep Tayyip Erdogan met Vladimir Putin in Moscow on Sunday to talk about Idlib.",
    )
    assert _dossier(mini_project, "add", "-", stdin=article.encode())[0] == 0
    events = json.loads(_dossier(mini_project, "review", "--json")[1])["events"]
    (event,) = [e for e in events if e["date"] == "2020-02-02"]
    assert event["title"] == "Recep Tayyip Erdoğan and Vladimir Putin meet in Moscow"
    assert event["suggested_id"] == "erdogan-putin-meet-moscow-2020"
    code, out, err = _dossier(
        mini_project, "accept", event["key"], "--title", "Erdoğan's talks with Vladimir Putin"
    )
    assert (code, err) == (0, "")
    assert "new event erdogan-talks-with-putin-2020 in corpus/events.yml" in out


RUSSIAN_PAGE = """<!DOCTYPE html><html lang="ru"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>Переговоры в Москве</title>
<meta property="og:site_name" content="Тестовые новости">
<meta property="article:published_time" content="2020-03-05T10:00:00Z"></head>
<body><article><h1>Переговоры в Москве</h1>
<p>Президент России и президент Турции встретились в четверг в Москве. Переговоры
продолжались шесть часов и закончились соглашением о прекращении огня.</p>
</article></body></html>"""


def test_a_saved_page_in_the_code_page_it_declares_goes_in(
    mini_project: Path, tmp_path: Path
) -> None:
    """A browser saves a page as it came: a Russian site's in windows-1251, which was
    refused with advice to save it as UTF-8 in an editor, though the page says its code."""
    page = tmp_path / "peregovory.html"
    page.write_bytes(RUSSIAN_PAGE.format(charset="windows-1251").encode("cp1251"))
    code, out, err = _dossier(mini_project, "add", str(page))
    assert (code, err) == (0, "")
    ident = "testovye-novosti-2020-03-05-peregovory-v-moskve"
    assert out.splitlines()[0] == f"dossier: {page}: added as {ident} (HTML page)"
    text = (mini_project / "corpus" / "sources" / f"{ident}.md").read_text("utf-8")
    assert "Президент России и президент Турции встретились" in text
    lying = tmp_path / "lying.html"  # declares a code page its bytes are not in
    lying.write_bytes(RUSSIAN_PAGE.format(charset="us-ascii").encode("cp1251"))
    code, _, err = _dossier(mini_project, "add", str(lying))
    assert code == 1 and err.startswith(f"dossier: {lying}: not UTF-8 text, and not Western")


def test_a_file_named_with_a_leading_dash_is_answered_with_how_to_give_it(
    mini_project: Path, tmp_path: Path
) -> None:
    """`add -notes.txt` said only 'the following arguments are required: paths'."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "-notes.txt").write_text(ARTICLE, encoding="utf-8")
    run = [sys.executable, "-m", "generator", "--root", str(mini_project), "add", "-notes.txt"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(run, cwd=inbox, env=env, capture_output=True, text=True, timeout=300)
    assert (result.returncode, result.stderr) == (
        1,
        "dossier: error: the following arguments are required: paths (-notes.txt is a file "
        "whose name starts with '-': give it as ./-notes.txt)\n",
    )
    run[-1] = "./-notes.txt"
    result = subprocess.run(run, cwd=inbox, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "added as test-wire-2020-02-02" in result.stdout


def test_sentences_in_any_script_start_at_their_capital() -> None:
    """Only A-Z and À-Þ started a sentence: a Russian or Greek paragraph was one sentence,
    a Turkish one ran on over "İstanbul" (what is named together, quotations and events
    are read by sentence)."""
    from generator.text.folding import sentence_spans

    for text in (
        "Президент России прибыл в Москву. Переговоры продолжались шесть часов.",
        "Ο πρόεδρος έφτασε στην Αθήνα. Οι συνομιλίες κράτησαν έξι ώρες.",
        "The talks ended late. İstanbul was chosen for the next round.",
    ):
        first, second = (text[a:b] for a, b in sentence_spans(text))
        assert first + " " + second == text
    assert len(sentence_spans("The talks went on, e.g. on trade. and more.")) == 1


def test_a_word_opening_a_russian_sentence_is_no_new_name(mini_project: Path) -> None:
    """'Переговоры' ("Talks") opening the second sentence was proposed as a new actor: the
    paragraph was one sentence, so it stood mid-sentence, capitalised like a name."""
    import json

    article = (
        "title: Встреча в Москве\noutlet: Тестовые новости\npublished: 2020-03-05\n"
        "language: ru\n\nПрезидент России и президент Турции встретились в четверг в Москве. "
        "Переговоры продолжались шесть часов и закончились соглашением.\n"
    )
    assert _dossier(mini_project, "add", "-", stdin=article.encode())[0] == 0
    names = [a["name"] for a in json.loads(_dossier(mini_project, "review", "--json")[1])["actors"]]
    assert "Переговоры" not in names


SINGLE_FILE_PAGE = (
    "From: <Saved by Blink>\r\n"
    "Snapshot-Content-Location: https://news.example.org/2020/03/05/talks\r\n"
    "Subject: Talks in Sochi\r\n"
    "MIME-Version: 1.0\r\n"
    'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----B--x----"\r\n'
    "\r\n\r\n------B--x----\r\n"
    "Content-Type: text/html\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    '<!DOCTYPE html><html><head><meta charset=3D"utf-8"><title>Talks in Sochi</title>'
    '<meta property=3D"og:site_name" content=3D"Example News"></head><body><article>'
    "<h1>Talks in Sochi</h1><p>The two foreign ministers met in Sochi on Thursday and talk=\r\n"
    "ed for six hours about the ceasefire in Idlib.</p></article></body></html>\r\n"
    "------B--x------\r\n"
)


def test_a_page_saved_as_a_single_file_goes_in_as_its_page(
    mini_project: Path, tmp_path: Path
) -> None:
    """Chrome's 'Webpage, Single File' (.mhtml) was refused as 'an e-mail message', with
    advice to give a saved web page; a Safari .webarchive got 'binary content (NUL bytes)'."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "talks.mhtml").write_bytes(SINGLE_FILE_PAGE.encode("ascii"))
    (inbox / "talks.webarchive").write_bytes(b"bplist00\xd1\x01\x02_\x10\x0fWebMainResource\x00")
    code, out, err = _dossier(mini_project, "add", str(inbox))
    assert code == 1
    assert out.splitlines()[0] == (
        f"dossier: {inbox}/talks.mhtml: added as example-news-talks-in-sochi (HTML page); "
        "unknown: published"
    )
    assert err == (
        f"dossier: {inbox}/talks.webarchive: not an article: binary content (a Safari web "
        "archive: in Safari, save the page as Page Source); give the article as text (.txt, "
        ".md) or as its saved web page (.html)\n"
    )
    corpus = mini_project / "corpus"
    text = (corpus / "sources" / "example-news-talks-in-sochi.md").read_text("utf-8")
    assert "met in Sochi on Thursday and talked for six hours" in text
    assert (corpus / "originals" / "example-news-talks-in-sochi.mhtml").read_bytes() == (
        SINGLE_FILE_PAGE.encode("ascii")
    )


def test_an_option_given_empty_is_a_slip_but_an_empty_description_is_none(
    mini_project: Path,
) -> None:
    """`--title "$TITLE"` with TITLE unset took the proposed title in silence; and a wrong
    proposed description ("Präsident") could not be declined: "" gave it all the same."""
    import json

    named = ARTICLE.replace("The foreign ministers", "Foreign Minister Sergei Lavrov and others")
    assert _dossier(mini_project, "add", "-", stdin=named.encode())[0] == 0
    proposals = json.loads(_dossier(mini_project, "review", "--json")[1])
    (lavrov,) = [a for a in proposals["actors"] if a["name"] == "Sergei Lavrov"]
    assert lavrov["description"]  # proposed from his title
    before = snapshot(mini_project / "corpus")
    for flag in ("--title", "--kind", "--id"):
        code, _, err = _dossier(mini_project, "accept", lavrov["key"], flag, " ")
        assert (code, err) == (
            1,
            f"dossier: error: {flag}: empty; give it, or leave it out for the proposal's\n",
        )
    assert snapshot(mini_project / "corpus") == before
    code, _, err = _dossier(
        mini_project, "accept", lavrov["key"], "--kind", "person", "--description", ""
    )
    assert (code, err) == (0, "")
    actors = (mini_project / "corpus" / "actors.yml").read_text("utf-8")
    assert actors.split("id: sergei-lavrov", 1)[1].split("\n- ", 1)[0].count('description: ""') == 1


def test_a_known_persons_first_name_spelt_otherwise_is_no_new_person(mini_project: Path) -> None:
    """German 'Wladimir Putin' proposed a person 'Wladimir', described as 'Präsident'."""
    import json

    german = GERMAN.format(language="de").replace(
        "Der russische Präsident und", "Der russische Präsident Wladimir Putin und"
    )
    assert _dossier(mini_project, "add", "-", stdin=german.encode())[0] == 0
    names = [a["name"] for a in json.loads(_dossier(mini_project, "review", "--json")[1])["actors"]]
    assert "Wladimir" not in names


def test_a_markdown_list_and_emphasis_read_as_text(mini_project: Path) -> None:
    """A bulleted list went in as one paragraph "- a ceasefire; - a corridor; - patrols",
    *emphasis* kept its asterisks and a footnote its caret ("[^1]: ...")."""
    article = (
        "---\ntitle: What the deal says\noutlet: List Wire\npublished: 2020-03-06\n---\n\n"
        "The deal has three parts:\n\n"
        "- a ceasefire from midnight;\n- a corridor along the *M4* highway;\n"
        "- joint patrols from 15 March.[^1]\n\n"
        "[^1]: As the _Kremlin_ put it.\n"
    )
    assert _dossier(mini_project, "add", "-", stdin=article.encode())[0] == 0
    text = (
        mini_project / "corpus" / "sources" / "list-wire-2020-03-06-what-the-deal-says.md"
    ).read_text("utf-8")
    body = text.split("\n---\n", 1)[1]
    assert body.split("\n\n") == [
        "The deal has three parts:",
        "a ceasefire from midnight;",
        "a corridor along the M4 highway;",
        "joint patrols from 15 March.[1]",
        "[1] As the Kremlin put it.\n",
    ]


def test_the_same_article_with_curly_quotes_is_already_there(mini_project: Path) -> None:
    """Copied from the browser (“curly” quotes, an en dash) after the wire's text file
    ("straight" ones, a hyphen), the same article went in twice."""
    wire = ARTICLE.replace("the ceasefire.", 'the ceasefire - "a first step," one said.')
    copied = wire.replace(" - ", " – ").replace('"a first step,"', "“a first step,”")
    copied = copied.replace("outlet: Test Wire", "outlet: Test Wire Online")
    assert _dossier(mini_project, "add", "-", stdin=wire.encode())[0] == 0
    code, out, err = _dossier(mini_project, "add", "-", stdin=copied.encode())
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        "dossier: standard input: unchanged: already in the corpus as "
        "test-wire-2020-02-02-ministers-meet-in-sochi (same article text)"
    )


def test_review_of_the_days_sources_only(mini_project: Path) -> None:
    """After months, review listed every open proposal of every source; the day's two
    articles could not be reviewed on their own."""
    import json

    today = ARTICLE.replace("The foreign ministers", "Foreign Minister Sergei Lavrov and others")
    older = ARTICLE.replace("Test Wire", "Old Wire").replace(
        "The foreign ministers", "The envoy Jan Kowalski and others"
    )
    assert _dossier(mini_project, "add", "-", stdin=older.encode())[0] == 0
    assert _dossier(mini_project, "add", "-", stdin=today.encode())[0] == 0
    ident = "test-wire-2020-02-02-ministers-meet-in-sochi"
    code, out, err = _dossier(mini_project, "review", "--json", "--source", ident)
    assert (code, err) == (0, "")
    found = json.loads(out)
    names = [a["name"] for a in found["actors"]]
    assert "Sergei Lavrov" in names and not any("Kowalski" in n for n in names)
    assert all(ident in a["sources"] for a in found["actors"])
    everything = json.loads(_dossier(mini_project, "review", "--json")[1])
    assert any("Kowalski" in a["name"] for a in everything["actors"])
    code, _, err = _dossier(mini_project, "review", "--source", "test-wire-2020")
    assert (code, err) == (
        1,
        f"dossier: error: --source 'test-wire-2020': no such source (did you mean '{ident}'?)\n",
    )


def test_a_name_that_is_also_a_month_keeps_it(mini_project: Path) -> None:
    """'Theresa May' was proposed as 'Theresa' and 'Jan Egeland' as 'Egeland': the month
    was cut from the name as if it were a date. 'in London Monday' still loses its day."""
    import json

    article = ARTICLE.replace(
        "The foreign ministers met in Sochi on Sunday to talk about the ceasefire.",
        "Prime Minister Theresa May met the envoy Jan Egeland in London Monday to talk about "
        "the ceasefire.",
    )
    assert _dossier(mini_project, "add", "-", stdin=article.encode())[0] == 0
    names = {a["name"] for a in json.loads(_dossier(mini_project, "review", "--json")[1])["actors"]}
    assert {"Theresa May", "Jan Egeland", "London"} <= names
    assert not names & {"Theresa", "Egeland", "London Monday"}


def test_a_date_written_out_in_full_in_front_matter_is_read(
    mini_project: Path, tmp_path: Path
) -> None:
    """'March 5, 2020', '5 March 2020', RSS's 'Thu, 05 Mar 2020 10:00:00 +0000' and
    '2020/03/05' were 'not a date'; '03/05/2020' still is (which day is it?)."""
    inbox = tmp_path / "exported"
    inbox.mkdir()
    forms = ("March 5, 2020", "5 March 2020", "Thu, 05 Mar 2020 10:00:00 +0000", "2020/03/05")
    for n, written in enumerate(forms):
        text = (
            f'---\ntitle: Export {n}\noutlet: Feed Wire\npublished: "{written}"\n---\n\n'
            f"Export {n}: the ministers met in Sochi on Thursday to talk about the ceasefire.\n"
        )
        (inbox / f"{n}.md").write_text(text, encoding="utf-8")
    code, out, err = _dossier(mini_project, "add", str(inbox))
    assert (code, err) == (0, "")
    for n in range(len(forms)):
        assert f"added as feed-wire-2020-03-05-export-{n} (Markdown)" in out
    ambiguous = tmp_path / "ambiguous.md"
    ambiguous.write_text(
        '---\ntitle: Which day\noutlet: Feed Wire\npublished: "03/05/2020"\n---\n\nText.\n',
        encoding="utf-8",
    )
    code, _, err = _dossier(mini_project, "add", str(ambiguous))
    assert (code, err) == (
        1,
        f"dossier: {ambiguous}:4: published '03/05/2020' is not a date (YYYY-MM-DD or unknown)\n",
    )
