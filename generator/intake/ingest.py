"""Take new articles into the corpus: detect the format, clean the body, write source + original.

Four input formats are understood, each by its reader in `generator.intake.readers`:
header-block text (`title:`/`outlet:`/`url:`/`published:` lines, a blank line, the body), plain
page text as saved from a browser, Markdown with YAML front matter, and a saved HTML page. This
module picks the reader and does the rest: decoding, language, ids, files. Each article becomes
`sources/<id>.md` plus a verbatim copy in `originals/`. Metadata the file does not give is
written as `unknown`, never guessed; the one exception is a publication date stated in full in
the text itself ("Published 19 December 2016", a dated dateline), and then `notes` says so. A
date the article only suggests (its address, a dateline without a year) is reported by `add` as
a proposal, never stored.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from generator.intake import single_file
from generator.intake.admit import build_problems, given_language, sanitise
from generator.intake.article import UNKNOWN as UNKNOWN
from generator.intake.article import Article as Article
from generator.intake.article import IngestError as IngestError
from generator.intake.known import Known, body_key
from generator.intake.published import infer_published, propose_published
from generator.intake.readers import reader_for
from generator.safe_io import MAX_BYTES, UnsafeFile, read_bytes, read_stream, strip_controls
from generator.safe_io import write_atomic as _write_atomic
from generator.text.folding import fold, latin, sentence_spans, slugify

TITLE_WORDS = 6


@dataclass(frozen=True)
class AddOutcome:
    path: str  # the input file as given
    status: str  # "added" | "unchanged" (same article already in corpus) | "error" | "skipped"
    source_id: str | None
    message: str  # one line: for errors "<file>: <reason>", else what happened
    unknown: tuple[str, ...] = ()  # metadata fields marked unknown, e.g. ("published", "outlet")


# --------------------------------------------------------------------------- reading


# what to do about a file that is no article, said on its one line
_AS_TEXT = "give the article as text (.txt, .md) or as its saved web page (.html)"
_NOT_TEXT = f"not UTF-8 text (nor Windows-1252); {_AS_TEXT}"
_SAVE_UTF8 = "save the file as UTF-8 (in most editors: Save as, Encoding: UTF-8)"
_NO_BODY = (
    "empty article: no article text left after removing page chrome "
    "(save the article's own page, or paste its text into a .txt file)"
)
# A paragraph that is web addresses and nothing else: a link kept in place of the article.
_ONLY_ADDRESSES = re.compile(r"\s*(?:<?(?:https?://|www\.)\S+?>?\s*)+")
_ONLY_ADDRESS = (
    "not an article: only a web address; `add` does not fetch pages: save the page, "
    "or paste its text into a .txt file, and add that"
)
_CLASH = " (another article has this outlet, date and first title words: change this one's title)"
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive: a .docx or .odt document?",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"{\\rtf": "an RTF document",
    b"\xd0\xcf\x11\xe0": "an old Office document (.doc)",
    b"bplist": "a Safari web archive: in Safari, save the page as Page Source",
}
_NOT_TEXT_MAGIC = tuple(_MAGIC)


# A saved e-mail (.eml): its headers, then MIME parts (boundaries, base64, quoted-printable)
# would be taken in as the article's text; a memo's "From:/Date:/Subject:" lines alone are
# no e-mail, the headers only a mail system writes are.
_HEADER = re.compile(r"([A-Za-z][A-Za-z0-9-]*):[ \t]")
_MAIL_ONLY = {"mime-version", "received", "return-path", "message-id", "content-type",
              "content-transfer-encoding", "dkim-signature", "x-mailer"}  # fmt: skip


def _mail_headers(text: str) -> bool:
    """Whether text opens with an e-mail's header block."""
    names = set()
    for line in text.lstrip("\n").split("\n", 40)[:40]:
        if not line.strip():
            break
        found = _HEADER.match(line)
        if found is not None:
            names.add(found.group(1).lower())
        elif not line[:1].isspace():  # a header continues on indented lines
            return False
    return "from" in names and bool(names & _MAIL_ONLY)


def _binary_kind(raw: bytes) -> str:
    return next((what for magic, what in _MAGIC.items() if raw.startswith(magic)), "NUL bytes")


def read_input(path: Path) -> tuple[bytes, str]:
    """The file's bytes and its text; IngestError with a one-line reason when it is no article.

    Read through generator.safe_io (no link followed, no FIFO or device, 5 MB at most)."""
    try:
        raw = read_bytes(path, MAX_BYTES)
    except UnsafeFile as exc:
        raise IngestError(str(exc)) from None
    return raw, text_of(raw, path.suffix.lower())


def text_of(raw: bytes, suffix: str) -> str:
    """The article text in a file's bytes; it loses its stray control characters (the
    original keeps every byte)."""
    if not raw.strip():
        raise IngestError("empty article: the file is empty")
    try:
        page = single_file.page_in(raw, suffix)
    except single_file.NoPage as exc:
        raise IngestError(str(exc)) from None
    text = strip_controls(decode(raw) if page is None else page)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if page is None and (suffix == ".eml" or _mail_headers(text)):
        raise IngestError(f"not an article: an e-mail message (headers, MIME parts); {_AS_TEXT}")
    return text


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (with a BOM, or plainly without), else
    Windows-1252 (or its Turkish twin, 1254) if it plainly is text."""
    wide = _utf16_codec(raw)
    if wide:
        try:
            text = raw.decode(wide)
        except UnicodeDecodeError:
            raise IngestError(f"not UTF-8 text (broken UTF-16); {_AS_TEXT}") from None
    else:
        if b"\x00" in raw or raw.startswith(_NOT_TEXT_MAGIC):
            raise IngestError(f"not an article: binary content ({_binary_kind(raw)}); {_AS_TEXT}")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = _declared(raw) or _windows_1252(raw, exc)
    text = text.removeprefix("\ufeff")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise IngestError(f"not an article: binary content (control characters); {_AS_TEXT}")
    return text


# A saved web page says its code page near its top: <meta charset="windows-1251">, or
# <meta http-equiv="Content-Type" content="text/html; charset=koi8-r">, or an XML declaration.
_DECLARED = re.compile(rb"""(?i)(?:charset|encoding)\s*=\s*["']?\s*([a-z0-9][a-z0-9_.:-]*)""")


def _declared(raw: bytes) -> str | None:
    """The text of a page not in UTF-8 by the code page it declares (a browser saves a page
    as it came: a Russian site's in windows-1251); None when it declares none, or one its
    bytes are not in. It was refused, with advice to save it as UTF-8 in an editor."""
    head = raw[:4096]
    if b"<" not in head:
        return None
    found = _DECLARED.search(head)
    if found is None:
        return None
    try:  # a name Python knows for no code page (base64, zlib) is a LookupError too
        return raw.decode(found.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


# Of the characters of text in UTF-16 without a BOM, the share in the Latin range: each is
# two bytes of which one is NUL, always the same one. Binary data has NULs on both sides.
_UTF16_LATIN_SHARE = 0.3


def _utf16_codec(raw: bytes) -> str | None:
    """The codec of UTF-16 text: told by its BOM, or without one (as some tools save it) by
    its NUL bytes, all in the high half of each character; else None."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(raw) % 2 or b"\x00" not in raw or raw.startswith(_NOT_TEXT_MAGIC):
        return None
    even, odd, half = raw[0::2].count(0), raw[1::2].count(0), len(raw) // 2
    if even == 0 and odd > _UTF16_LATIN_SHARE * half:
        return "utf-16-le"
    if odd == 0 and even > _UTF16_LATIN_SHARE * half:
        return "utf-16-be"
    return None


# A well-formed UTF-8 sequence of two to four bytes (one non-ASCII character).
_UTF8_CHARACTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_LATIN_LETTERS = re.compile("[\u00c0-\u00ff]")
# Of the letters, the share accented in real Western text stays far below this (French and
# Portuguese run at a few per cent); Cyrillic or Greek bytes read as Windows-1252 are nearly
# all accented Latin letters.
ACCENTED_SHARE = 0.3


def _windows_1252(raw: bytes, error: UnicodeDecodeError) -> str:
    """The text of a file that is not UTF-8, if it is plainly Windows-1252; else IngestError:
    at the first bad byte's line when the rest is UTF-8 (one stray byte makes the whole file
    fail, and reading it as Windows-1252 would garble every accent), or for another code page
    (Cyrillic, Greek…), which Windows-1252 would turn into accented nonsense."""
    try:
        text = _turkish_or_western(raw.decode("cp1252"), raw)
    except UnicodeDecodeError:
        raise IngestError(_NOT_TEXT) from None
    if _mostly_utf8(raw):
        line = raw[: error.start].count(b"\n") + 1
        raise IngestError(f":{line}: not valid UTF-8 (a stray byte in UTF-8 text); {_SAVE_UTF8}")
    letters = sum(1 for c in text if c.isalpha())
    if len(_LATIN_LETTERS.findall(text)) > ACCENTED_SHARE * letters:
        raise IngestError(
            f"not UTF-8 text, and not Western European (another code page: Cyrillic, Greek…?); "
            f"{_SAVE_UTF8}"
        )
    if not _looks_like_text(text):
        raise IngestError(_NOT_TEXT) from None
    return text


# Windows-1254 (Turkish) is Windows-1252 but for six letters: where Turkish has ğ ı ş Ğ İ Ş,
# Windows-1252 has Icelandic ð ý þ Ð Ý Þ. Icelandic writes them beside á í ó ú and æ, which
# Turkish never uses; read as Windows-1252, a Turkish file came in as "Erdoðan görüþtü".
_TURKISH_IN_1252 = frozenset("ðýþÐÝÞ")
_ICELANDIC_ONLY = frozenset("áíóúæÁÍÓÚÆ")


def _turkish_or_western(text: str, raw: bytes) -> str:
    """The text of a Windows-1252 reading, or of the Turkish code page if it is that."""
    turkish = sum(1 for c in text if c in _TURKISH_IN_1252)
    if turkish == 0 or turkish <= sum(1 for c in text if c in _ICELANDIC_ONLY):
        return text
    return raw.decode("cp1254")


def _mostly_utf8(raw: bytes) -> bool:
    """More of the non-ASCII bytes form UTF-8 characters than not. Windows-1252 text makes one
    by chance at most now and then (ß before ’), among many lone accented bytes."""
    sequences = _UTF8_CHARACTER.findall(raw)
    in_sequences = sum(len(q) for q in sequences)
    stray = sum(1 for byte in raw if byte >= 0x80) - in_sequences
    return len(sequences) >= stray


def _looks_like_text(text: str) -> bool:
    if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
        return False
    visible = [c for c in text if not c.isspace()]
    letters = sum(1 for c in visible if c.isalpha())
    return bool(visible) and letters >= 0.6 * len(visible)


def parse_article(text: str, suffix: str, name: str) -> tuple[Article, str]:
    """The article in a file's text and the name of the format it was in."""
    lines = text.split("\n")
    reader = reader_for(text, lines, suffix)
    article, paragraphs = reader.read(text, lines, name)
    if paragraphs and article.title and fold(paragraphs[0]) == fold(article.title):
        paragraphs = paragraphs[1:]
    article.paragraphs = paragraphs
    return article, reader.kind


# --------------------------------------------------------------------------- language

_STOPWORDS = {
    "en": "the and of to in is that for on with was as by at from it his said has have are were "
    "be this which he not but an its they after who",
    "fr": "le la les des et du un une est que dans pour sur au aux par qui avec pas ce se sont "
    "été il elle ont leur cette",
    "de": "der die das und ist nicht mit den von zu ein eine sich auf für im dem des auch es "
    "wurde sind wird nach",
    "es": "el la los las y de que en un una por con para es del se al lo como su fue más pero",
    "it": "il la le di che e un una per con non del della sono è nel alla anche gli dei",
    "pt": "o a os as de que e um uma para com não do da em no na por se dos das foi",
    "tr": "ve bir bu da de ile için olarak olan çok daha gibi ama ki ne sonra kadar",
    "nl": "de het een en van is dat op te in met voor niet zijn door werd ook",
}
_STOPSETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}


def detect_language(paragraphs: list[str]) -> str:
    """'en' unless the text is clearly in another language (script or stopwords)."""
    text = " ".join(paragraphs)[:20000]
    letters = [c for c in text if c.isalpha()]
    if letters:
        for code, low, high in (("ru", 0x0400, 0x04FF), ("ar", 0x0600, 0x06FF),
                                ("el", 0x0370, 0x03FF), ("zh", 0x4E00, 0x9FFF)):  # fmt: skip
            if sum(1 for c in letters if low <= ord(c) <= high) > 0.5 * len(letters):
                return code
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 20:
        return "en"
    shares = {lang: sum(w in stop for w in words) / len(words) for lang, stop in _STOPSETS.items()}
    best = max(shares, key=lambda k: shares[k])
    if best != "en" and shares[best] >= 0.15 and shares[best] > 2 * shares["en"]:
        return best
    return "en"


# --------------------------------------------------------------------------- ids and files


# A tag written into a title ("Putin <b>agrees</b>"): shown as text on the site, it is no
# word of the id ("putin-b-agrees-b").
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def _slug_words(text: str) -> str:
    return slugify(latin(re.sub(r"['’ʼ‘`]", "", _TAG.sub(" ", text))))


MAX_OUTLET_SLUG = 40  # characters: the id is a file name, and short ids read better
MAX_TITLE_SLUG = 60


def _cut(slug: str, limit: int) -> str:
    """A slug cut to at most limit characters, at a hyphen where there is one."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")


def make_id(article: Article) -> str:
    outlet = re.sub(r"\([^)]*\)", "", article.outlet or "")
    outlet_slug = _slug_words(outlet) or _slug_words(article.outlet or "")
    outlet_slug = outlet_slug or _unlatin(article.outlet, UNKNOWN, _slug_words(_host(article.url)))
    title = "-".join(_slug_words(article.title or "").split("-")[:TITLE_WORDS])
    title = title or _unlatin(article.title, "untitled")
    outlet_slug = _cut(outlet_slug, MAX_OUTLET_SLUG) or UNKNOWN
    title = _cut(title, MAX_TITLE_SLUG) or "untitled"
    if article.published is None:  # no word such as "undated" in an id: it outlives the gap
        return f"{outlet_slug}-{title}"
    return f"{outlet_slug}-{article.published.isoformat()}-{title}"


def _unlatin(name: str | None, missing: str, instead: str = "") -> str:
    """The id part for a name with no Latin letters ("РИА Новости"): `instead` (for an
    outlet, its web host), else a short hash of the name, so that two such articles of a day
    get two ids, not one "unknown-…-untitled" that refuses the second; `missing` when there
    is no name at all."""
    if not name or not name.strip():
        return missing
    return instead or "h" + _digest(name)


def _digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def _host(url: str | None) -> str:
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:  # a malformed address ("http://[::1")
        return ""
    return host.removeprefix("www.")


def _title_from_text(paragraphs: list[str]) -> str:
    first = paragraphs[0]
    spans = sentence_spans(first)
    sentence = first[spans[0][0] : spans[0][1]] if spans else first
    words = sentence.split()
    return sentence if len(words) <= 20 else " ".join(words[:15]) + " …"


def _quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_source(ident: str, article: Article, original: str, added: dt.date | None = None) -> str:
    lines = [
        "---",
        f"id: {ident}",
        f"title: {_quote(article.title or ident)}",
        f"outlet: {_quote(article.outlet) if article.outlet else UNKNOWN}",
        f"published: {article.published.isoformat() if article.published else UNKNOWN}",
    ]
    if article.url:
        lines.append(f"url: {_quote(article.url)}")
    lines.append(f"language: {article.language or 'en'}")
    lines.append(f"original: {original}")
    if added:  # when the article came into the dossier: the home page lists the newest
        lines.append(f"added: {added.isoformat()}")
    if article.notes:
        lines.append(f"notes: {_quote(' '.join(article.notes))}")
    lines.append("---")
    return "\n".join(lines) + "\n" + "\n\n".join(article.paragraphs) + "\n"


def _original_suffix(suffix: str, kind: str) -> str:
    """The original's file ending: its own, or for a piped article (no name) its format's."""
    if re.fullmatch(r"\.[a-z0-9]{1,10}", suffix):
        return suffix
    return {"HTML page": ".html", "Markdown": ".md"}.get(kind, ".txt")


def _expand(paths: list[Path]) -> Iterator[tuple[Path, str | None]]:
    """Each input file, folders walked recursively in sorted order (hidden files and READMEs
    skipped), with an error reason for a path that is not there or is a link. Links are never
    followed: an unpacked download could point anywhere."""
    for path in paths:
        if path.is_symlink():
            yield path, "a symbolic link: not followed (give the file or folder itself)"
        elif path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path, None
        else:
            yield path, "no such file or folder"


SKIPPED = "skipped"  # the reason of a page asset met in a folder: not an article, no error


@cache
def page_assets() -> frozenset[str]:
    text = resources.files("generator.intake").joinpath("data", "page_assets.txt")
    lines = text.read_text("utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip()[:1] == ".")


def _walk(folder: Path) -> Iterator[tuple[Path, str | None]]:
    found: list[tuple[Path, str | None]] = []
    for parent, folders, files in os.walk(folder, followlinks=False, onerror=_raise):
        base = Path(parent)
        pages = {Path(n).stem for n in files if Path(n).suffix.lower() in (".html", ".htm")}
        assets = [f for f in folders if f.endswith("_files") and f[: -len("_files")] in pages]
        found.extend((base / name, SKIPPED) for name in assets)  # a saved page's parts
        folders[:] = [f for f in folders if not f.startswith(".") and f not in assets]
        for name in folders:
            if (base / name).is_symlink():  # listed by os.walk, never entered
                found.append((base / name, "a symbolic link to a folder: not followed"))
        for name in files:
            if not name.startswith(".") and not name.upper().startswith("README"):
                asset = Path(name).suffix.lower() in page_assets()
                found.append((base / name, SKIPPED if asset else None))  # links, FIFOs: refused
    yield from sorted(found)


def _raise(error: OSError) -> None:
    raise error


def add_paths(
    paths: list[Path], corpus_dir: Path, cache_dir: Path | None = None
) -> list[AddOutcome]:
    """Ingest files or folders (recursively, sorted) into corpus_dir/sources and /originals.

    Each file gets one outcome, in order; a bad file is an "error" outcome and the rest go
    on. Nothing raises: an unexpected failure on one file is that file's error line."""
    return list(add_each(paths, corpus_dir, cache_dir))


PIPED = "standard input"  # the name `add -` gives the article piped into it


def add_each(
    paths: list[Path],
    corpus_dir: Path,
    cache_dir: Path | None = None,
    piped: BinaryIO | None = None,
) -> Iterator[AddOutcome]:
    """add_paths file by file: each outcome as soon as its file is in or refused (`add`
    says so as it goes, so an interrupted one has said what went in); then the article
    piped in, if any (`pbpaste | dossier add -`), taken in as a file of it would be."""
    names = [str(p) for p in paths] + ([PIPED] if piped is not None else [])
    try:
        (corpus_dir / "sources").mkdir(exist_ok=True)
        (corpus_dir / "originals").mkdir(exist_ok=True)
        index = Known.scan(corpus_dir, cache_dir)
        expanded = list(_expand(paths))
    except OSError as exc:
        reason = f"cannot use the corpus folder {corpus_dir}: {exc.strerror or exc}"
        if not corpus_dir.is_dir():
            reason = f"no corpus folder at {corpus_dir}"
        yield from (AddOutcome(n, "error", None, f"{n}: {reason}") for n in names)
        return
    for path, problem in expanded:
        yield _outcome(path, problem, corpus_dir, index)
    if piped is not None:
        yield _guarded(PIPED, lambda: _add_piped(piped, corpus_dir, index))


def _outcome(path: Path, problem: str | None, corpus_dir: Path, index: Known) -> AddOutcome:
    name = str(path)
    if problem == SKIPPED:
        return AddOutcome(name, SKIPPED, None, f"{name}: skipped: part of a web page, no article")
    if problem:
        return AddOutcome(name, "error", None, f"{name}: {problem}")
    return _guarded(name, lambda: _add_one(path, corpus_dir, index))


def _guarded(name: str, attempt: Callable[[], AddOutcome]) -> AddOutcome:
    """What taking one article in came to; a failure is its one line, never a traceback."""
    try:
        return attempt()
    except IngestError as exc:
        reason = str(exc)
    except RecursionError:
        reason = "not an article: nested too deeply to read"
    except (ValueError, OSError, MemoryError) as exc:
        reason = f"cannot take this file in ({type(exc).__name__}: {str(exc)[:120]})"
    sep = "" if reason.startswith(":") else ": "
    return AddOutcome(name, "error", None, f"{name}{sep}{reason}")


def _add_piped(stream: BinaryIO, corpus_dir: Path, index: Known) -> AddOutcome:
    try:
        raw = read_stream(stream, MAX_BYTES)
    except UnsafeFile as exc:
        raise IngestError(str(exc)) from None
    if not raw.strip():
        raise IngestError("empty article: nothing was piped in")
    return _add_read(PIPED, "", raw, text_of(raw, ""), corpus_dir, index)


def _add_one(path: Path, corpus_dir: Path, index: Known) -> AddOutcome:
    raw, text = read_input(path)
    return _add_read(str(path), path.suffix.lower(), raw, text, corpus_dir, index)


def _add_read(
    name: str, suffix: str, raw: bytes, text: str, corpus_dir: Path, index: Known
) -> AddOutcome:
    """Take in an article read from `name` (its file ending `suffix`, "" if none)."""
    ident = index.same_original(raw)
    if ident is not None:
        return AddOutcome(name, "unchanged", ident, f"{name}: unchanged: already in the corpus "
                          f"as {ident} (same original file)")  # fmt: skip
    read_as = ".html" if suffix in single_file.SUFFIXES else suffix  # its HTML is the page
    article, kind = parse_article(text, read_as, name)
    if not article.paragraphs:
        raise IngestError(_NO_BODY)
    if all(_ONLY_ADDRESSES.fullmatch(p) for p in article.paragraphs):
        raise IngestError(_ONLY_ADDRESS)
    body = body_key("\n".join(article.paragraphs))
    if body in index.bodies:
        ident = index.bodies[body]
        return AddOutcome(name, "unchanged", ident, f"{name}: unchanged: already in the corpus "
                          f"as {ident} (same article text)")  # fmt: skip
    remarks = _complete(article, text)
    unknown = tuple(
        key
        for key, value in (("published", article.published), ("outlet", article.outlet))
        if value is None
    )
    ending = _original_suffix(suffix, kind)
    ident = _write_source(ending, raw, article, corpus_dir)
    index.bodies[body] = ident
    index.add_original(corpus_dir, f"originals/{ident}{ending}", ident)
    message = f"{name}: added as {ident} ({kind})"
    if unknown:
        remarks.insert(0, "unknown: " + ", ".join(unknown))
    if remarks:
        message += "; " + "; ".join(remarks)
    return AddOutcome(name, "added", ident, message, unknown)


def _complete(article: Article, text: str) -> list[str]:
    """Fill in what the text gives (title, date, language), then make it all safe to write;
    what was done, for the `add` line."""
    remarks: list[str] = []
    if article.title is None:
        article.title = _title_from_text(article.paragraphs)
        article.notes.append("The file has no headline; the title is the article's first words.")
        remarks.append("title taken from the first sentence")
    if article.published is None:
        inferred = infer_published(text.split("\n"), article.paragraphs)
        if inferred:
            article.published, note = inferred
            article.notes.append(note)
            remarks.append(f"published {article.published.isoformat()} inferred from the text")
    if proposal := propose_published(article):  # said, not stored: the analyst decides
        remarks.insert(0, proposal[1])
    remarks.extend(given_language(article))
    if article.language is None:
        article.language = detect_language(article.paragraphs)
    remarks.extend(sanitise(article))
    if not article.paragraphs:
        raise IngestError(_NO_BODY)
    return remarks


def _write_source(ending: str, raw: bytes, article: Article, corpus_dir: Path) -> str:
    """Write the original and the source file; the source id. Refused (IngestError) when the
    id is taken or when `build` would refuse the file; nothing is left half-written."""
    ident = make_id(article)
    source_path = corpus_dir / "sources" / f"{ident}.md"
    original_path = corpus_dir / "originals" / f"{ident}{ending}"
    if os.path.lexists(source_path):
        raise IngestError(f"id {ident} exists with different content; not overwritten{_CLASH}")
    existing = _existing_original(original_path)
    if existing is not None and existing != raw:
        raise IngestError(
            f"id {ident} exists with different content (originals/{original_path.name}); "
            f"not overwritten{_CLASH}"
        )
    source_text = render_source(ident, article, f"originals/{original_path.name}", dt.date.today())
    problems = build_problems(source_text, f"sources/{ident}.md", ident)
    if problems:
        raise IngestError(f"not added: the build would refuse it: {problems[0].message}")
    try:
        if existing is None:
            _write_atomic(original_path, raw)
        _write_atomic(source_path, source_text.encode("utf-8"))
    except OSError as exc:
        if existing is None:
            with contextlib.suppress(OSError):
                original_path.unlink(missing_ok=True)
        raise IngestError(f"cannot write to the corpus: {exc.strerror or exc}") from None
    return ident


def _existing_original(path: Path) -> bytes | None:
    if not os.path.lexists(path):
        return None
    try:
        return read_bytes(path)
    except UnsafeFile as exc:
        raise IngestError(f"originals/{path.name}: {exc}") from None
