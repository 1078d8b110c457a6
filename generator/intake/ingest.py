"""Take new articles into the corpus: detect the format, clean the body, write source + original.

Four input formats are understood: header-block text (`title:`/`outlet:`/`url:`/`published:`
lines, a blank line, the body), plain page text as saved from a browser, Markdown with YAML front
matter, and a saved HTML page. Each article becomes `sources/<id>.md` plus a verbatim copy in
`originals/`. Metadata the file does not give is written as `unknown`, never guessed; the one
exception is a publication date stated in full in the text itself ("Published 19 December
2016", a dated dateline), and then `notes` says so.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from generator.intake.admit import build_problems, sanitise
from generator.intake.clean import clean_body, is_chrome, normalise_line
from generator.safe_io import MAX_BYTES, UnsafeFile, inside, read_bytes, strip_controls
from generator.safe_io import write_atomic as _write_atomic
from generator.stages.validate import split_paragraphs
from generator.text.folding import fold, sentence_spans, slugify
from generator.yamlio import LineMap, parse_yaml

UNKNOWN = "unknown"
TITLE_WORDS = 6


@dataclass(frozen=True)
class AddOutcome:
    path: str  # the input file as given
    status: str  # "added" | "unchanged" (same article already in corpus) | "error"
    source_id: str | None
    message: str  # one line: for errors "<file>: <reason>", else what happened
    unknown: tuple[str, ...] = ()  # metadata fields marked unknown, e.g. ("published", "outlet")


class IngestError(Exception):
    """A file that cannot be taken in; the message is the reason (maybe with ':<line>: ')."""


@dataclass
class Article:
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- reading


def read_input(path: Path) -> tuple[bytes, str]:
    """The file's bytes and its text; IngestError with a one-line reason when it is no article.

    Read through generator.safe_io (no link followed, no FIFO or device, 5 MB at most); the
    text loses its stray control characters (the original keeps every byte)."""
    try:
        raw = read_bytes(path, MAX_BYTES)
    except UnsafeFile as exc:
        raise IngestError(str(exc)) from None
    if not raw.strip():
        raise IngestError("empty article: the file is empty")
    text = strip_controls(decode(raw))
    return raw, text.replace("\r\n", "\n").replace("\r", "\n")


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 if it plainly is text."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError("not UTF-8 text (broken UTF-16)") from None
    else:
        if b"\x00" in raw:
            raise IngestError("not an article: binary content (NUL bytes)")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                raise IngestError("not UTF-8 text") from None
            if not _looks_like_text(text):
                raise IngestError("not UTF-8 text") from None
    text = text.removeprefix("\ufeff")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise IngestError("not an article: binary content (control characters)")
    return text


def _looks_like_text(text: str) -> bool:
    if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
        return False
    visible = [c for c in text if not c.isspace()]
    letters = sum(1 for c in visible if c.isalpha())
    return bool(visible) and letters >= 0.6 * len(visible)


# --------------------------------------------------------------------------- dates

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_FULL_DATE = (
    rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
)
_PUBLISHED_LINE = re.compile(
    rf"^(?:Published|Posted|First published|Date published)(?:\s+on)?\s*:?\s*"
    rf"(?:[A-Z][a-z]+day,?\s+)?{_FULL_DATE}\b",
    re.IGNORECASE,
)
_AGENCIES = r"Reuters|AP|AFP|Sputnik|TASS|Xinhua|Anadolu|AA|dpa|UPI|IANS|PTI|ANI|Bloomberg"
_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z.' -]+(?:,\s*[A-Z][A-Za-z.' -]+)?),\s*{_FULL_DATE}\s*"
    rf"(?:\((?:{_AGENCIES})\)\s*)?[-–—]",
)


def _match_date(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    try:
        if parts.get("iso"):
            return dt.date.fromisoformat(parts["iso"])
        day, month, year = (parts["d1"], parts["m1"], parts["y1"])
        if not day:
            day, month, year = (parts["d2"], parts["m2"], parts["y2"])
        number = _MONTHS[month.rstrip(".").lower()]
        return dt.date(int(year), number, int(day))
    except (ValueError, KeyError, TypeError):
        return None


def parse_published(value: str) -> dt.date | None:
    """YYYY-MM-DD (optionally followed by a time: 2020-03-05T10:00Z) -> date, else None."""
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:.+\-Z]*)?", value.strip())
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def infer_published(raw_lines: list[str], paragraphs: list[str]) -> tuple[dt.date, str] | None:
    """A publication date the text states in full, with a note saying where it came from.

    Only two shapes count: a "Published 19 December 2016" line, and a dated wire dateline
    ("MOSCOW, Dec 19, 2016 (Reuters) -") at the start of the article. A weekday ("on Monday")
    or a date without a year is not enough, and neither is a page-capture time stamp.
    """
    for line in raw_lines[:80]:
        text = normalise_line(line)
        match = _PUBLISHED_LINE.match(text)
        if match and (date := _match_date(match)):
            return date, f'Published date inferred from the page line "{match.group(0)}".'
    for paragraph in paragraphs[:2]:
        match = _DATELINE.match(paragraph)
        if match and (date := _match_date(match)):
            quoted = match.group(0).rstrip("-–— ")
            return date, f'Published date inferred from the dateline "{quoted}".'
    return None


# --------------------------------------------------------------------------- formats

_HEADER_KEYS = {"title", "outlet", "url", "published", "date", "language"}
_HEADER_LINE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*)$")


def _bad_date(line: int, key: str, value: str) -> IngestError:
    return IngestError(f":{line}: {key} '{value}' is not a date (YYYY-MM-DD or unknown)")


def _date_value(value: str, line: int, key: str) -> dt.date | None:
    if not value.strip() or value.strip().lower() == UNKNOWN:
        return None
    date = parse_published(value)
    if date is None:
        raise _bad_date(line, key, value.strip())
    return date


def is_header_block(lines: list[str]) -> bool:
    first = next((line for line in lines if line.strip()), "")
    match = _HEADER_LINE.match(first.strip())
    return bool(match and match.group(1).lower() in _HEADER_KEYS - {"language"})


def parse_header_block(lines: list[str]) -> tuple[Article, list[str]]:
    article = Article()
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    while index < len(lines) and lines[index].strip():
        match = _HEADER_LINE.match(lines[index].strip())
        if not match:
            break  # the body starts without a blank line
        key, value = match.group(1).lower(), normalise_line(match.group(2))
        line_no = index + 1
        if key == "title":
            article.title = value or None
        elif key == "outlet":
            article.outlet = value if value and value.lower() != UNKNOWN else None
        elif key == "url":
            article.url = value if value and value.lower() != UNKNOWN else None
        elif key in ("published", "date"):
            article.published = _date_value(value, line_no, key)
        elif key == "language":
            article.language = value.lower() or None
        index += 1
    return article, clean_body(lines[index:])


def parse_markdown(lines: list[str], name: str) -> tuple[Article, list[str]]:
    article = Article()
    body = lines
    if lines and lines[0].strip() == "---":
        close = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if close is None:
            raise IngestError(":1: front matter is never closed (no second '---' line)")
        front, problems = parse_yaml("\n".join(lines[1:close]), name, first_line=2)
        if problems:
            first = problems[0]
            line = first.location.line if first.location else 1
            raise IngestError(f":{line}: {first.message}")
        if front is not None and not isinstance(front, LineMap):
            raise IngestError(":2: front matter must be a YAML mapping of fields")
        front = front or LineMap()
        _front_fields(article, front)
        body = lines[close + 1 :]
    blocks: list[str] = []
    for paragraph in split_paragraphs(body):
        text = _markdown_to_text(paragraph)
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*$", paragraph)
        if heading and article.title is None and not blocks and paragraph.startswith("# "):
            article.title = _markdown_to_text(heading.group(1))
            continue
        if text:
            blocks.extend([text, ""])
    return article, clean_body(blocks)


def _front_fields(article: Article, front: LineMap) -> None:
    def text(*keys: str) -> tuple[str | None, str, int]:
        for key in keys:
            value = front.get(key)
            if value is not None and not isinstance(value, (dict, list)):
                cleaned = normalise_line(str(value))
                return (cleaned or None), key, front.line_of(key)
        return None, keys[0], front.line

    article.title = text("title")[0]
    outlet = text("outlet", "source", "publisher", "site")[0]
    article.outlet = outlet if outlet and outlet.lower() != UNKNOWN else None
    url = text("url", "link", "canonical")[0]
    article.url = url if url and url.lower() != UNKNOWN else None
    language = text("language", "lang")[0]
    article.language = language.lower() if language else None
    value, key, line = text("published", "date")
    if value is not None:
        article.published = _date_value(value, line, key)


def _markdown_to_text(text: str) -> str:
    text = re.sub(r"<!--.*?-->", "", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links keep their words
    text = re.sub(r"^#{1,6}\s+|\s+#+$", "", text)
    text = re.sub(r"^>\s?", "", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return normalise_line(text)


def parse_plain(lines: list[str]) -> tuple[Article, list[str]]:
    """Page text as saved: the headline is the first line that is not chrome, if it reads as one."""
    article = Article()
    index = 0
    while index < len(lines):
        line = normalise_line(lines[index])
        if line and not is_chrome(line):
            break
        index += 1
    if index < len(lines):
        candidate = normalise_line(lines[index])
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if _headline_like(candidate) and not following:
            article.title = candidate
            return article, clean_body(lines[index + 1 :])
    return article, clean_body(lines)


def _headline_like(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 30 and len(line) <= 200 and not re.search(r"[.,;:]$", line)


class _PageParser(HTMLParser):
    SKIP = frozenset(
        ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
         "figure", "figcaption", "svg", "iframe", "select", "template", "menu", "dialog"]
    )  # fmt: skip
    BLOCKS = frozenset(["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "pre"])
    VOID = frozenset(
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"]
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.title_parts: list[str] = []
        self.h1: str | None = None
        self.times: list[tuple[str, bool]] = []
        self.json_ld: list[str] = []
        # (text, tag, parent serial, article serial or 0)
        self.blocks: list[tuple[str, str, int, int]] = []
        self._stack: list[tuple[str, int]] = []
        self._serial = 0
        self._block: list[str] | None = None
        self._block_tag = ""
        self._block_depth = 0
        self._in_title = False
        self._h1_parts: list[str] | None = None
        self._script: list[str] | None = None

    def _skipping(self) -> bool:
        return any(tag in self.SKIP for tag, _ in self._stack)

    def _article(self) -> int:
        return next((serial for tag, serial in self._stack if tag in ("article", "main")), 0)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop") or ""
            if key and "content" in values:
                self.meta.setdefault(key.lower(), values["content"].strip())
            return
        if tag == "link":
            if "canonical" in values.get("rel", "").lower().split() and values.get("href"):
                self.canonical = self.canonical or values["href"].strip()
            return
        if tag == "script" and "ld+json" in values.get("type", ""):
            self._script = []
        if tag == "time" and values.get("datetime"):
            self.times.append((values["datetime"], bool(self._article())))
        if tag == "br":
            if self._block is not None:
                self._block.append(" ")
            return
        if tag in self.VOID:
            return
        if tag == "title":
            self._in_title = True
        if tag == "h1" and self.h1 is None:
            self._h1_parts = []
        if tag in self.BLOCKS and self._block is None and not self._skipping():
            self._block = []
            self._block_tag = tag
            self._block_depth = len(self._stack)
        elif tag in self.BLOCKS and self._block is not None:
            self._block.append(" ")
        self._serial += 1
        self._stack.append((tag, self._serial))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.json_ld.append("".join(self._script))
            self._script = None
        if tag == "title":
            self._in_title = False
        if tag == "h1" and self._h1_parts is not None:
            self.h1 = normalise_line("".join(self._h1_parts)) or None
            self._h1_parts = None
        if not any(t == tag for t, _ in self._stack):
            return
        while self._stack:
            open_tag, _ = self._stack.pop()
            if self._block is not None and len(self._stack) == self._block_depth:
                self._finish_block()
            if open_tag == tag:
                break

    def _finish_block(self) -> None:
        assert self._block is not None
        text = normalise_line("".join(self._block))
        parent = self._stack[-1][1] if self._stack else 0
        if text:
            self.blocks.append((text, self._block_tag, parent, self._article()))
        self._block = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
            return
        if self._in_title:
            self.title_parts.append(data)
        if self._h1_parts is not None:
            self._h1_parts.append(data)
        if self._block is not None and not self._skipping():
            self._block.append(data)


def _walk_json(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _walk_json(value)
    elif isinstance(data, list):
        for item in data:
            yield from _walk_json(item)


def parse_html(text: str) -> tuple[Article, list[str]]:
    page = _PageParser()
    page.feed(text)
    page.close()
    article = Article()
    ld_date = ld_outlet = ld_title = None
    for chunk in page.json_ld:
        try:
            data = json.loads(chunk)
        except ValueError:
            continue
        for node in _walk_json(data):
            if ld_date is None and isinstance(node.get("datePublished"), str):
                ld_date = node["datePublished"]
            if ld_title is None and isinstance(node.get("headline"), str):
                ld_title = node["headline"]
            publisher = node.get("publisher")
            if ld_outlet is None and isinstance(publisher, dict):
                name = publisher.get("name")
                ld_outlet = name if isinstance(name, str) else None
    meta = page.meta
    article.outlet = normalise_line(meta.get("og:site_name") or ld_outlet or "") or None
    title = meta.get("og:title") or ld_title or "".join(page.title_parts) or page.h1 or ""
    title = normalise_line(title)
    outlet = article.outlet
    if outlet and title.lower().endswith(outlet.lower()) and title != outlet:
        title = re.sub(r"\s*[|\-–—:]\s*$", "", title[: -len(outlet)]).strip() or title
    article.title = title or None
    article.url = normalise_line(meta.get("og:url") or page.canonical or "") or None
    times = [t for t, inside in page.times if inside] or [t for t, _ in page.times]
    candidates: list[str | None] = [
        meta.get("article:published_time"),
        meta.get("datepublished"),
        ld_date,
        times[0] if times else None,
    ]
    for candidate in candidates:
        if candidate and (date := parse_published(candidate)):
            article.published = date
            break
    lines: list[str] = []
    for text_, _tag in _main_blocks(page.blocks):
        lines.extend([text_, ""])
    paragraphs = clean_body(lines)
    if paragraphs and article.title and fold(paragraphs[0]) == fold(article.title):
        paragraphs = paragraphs[1:]
    return article, paragraphs


def _main_blocks(blocks: list[tuple[str, str, int, int]]) -> list[tuple[str, str]]:
    """The article's blocks: inside <article>/<main> if any, else the parent with most <p> text."""
    blocks = [b for b in blocks if b[1] != "h1"]
    in_article: dict[int, int] = {}
    for text, tag, _parent, article in blocks:
        if article and tag == "p":
            in_article[article] = in_article.get(article, 0) + len(text)
    if in_article:
        best = max(in_article, key=lambda k: in_article[k])
        return [(t, tag) for t, tag, _p, a in blocks if a == best]
    by_parent: dict[int, int] = {}
    for text, tag, parent, _article in blocks:
        if tag == "p":
            by_parent[parent] = by_parent.get(parent, 0) + len(text)
    if not by_parent:
        return [(t, tag) for t, tag, _p, _a in blocks]
    best = max(by_parent, key=lambda k: by_parent[k])
    return [(t, tag) for t, tag, p, _a in blocks if p == best]


def parse_article(text: str, suffix: str, name: str) -> tuple[Article, str]:
    """The article in a file's text and the name of the format it was in."""
    lines = text.split("\n")
    head = text.lstrip()[:200].lower()
    if suffix in (".html", ".htm", ".xhtml") or head.startswith(("<!doctype html", "<html")):
        article, paragraphs = parse_html(text)
        kind = "HTML page"
    elif lines[0].strip() == "---" or suffix in (".md", ".markdown"):
        article, paragraphs = parse_markdown(lines, name)
        kind = "Markdown"
    elif is_header_block(lines):
        article, paragraphs = parse_header_block(lines)
        kind = "header-block text"
    else:
        article, paragraphs = parse_plain(lines)
        kind = "plain text"
    if paragraphs and article.title and fold(paragraphs[0]) == fold(article.title):
        paragraphs = paragraphs[1:]
    article.paragraphs = paragraphs
    return article, kind


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


def _slug_words(text: str) -> str:
    return slugify(re.sub(r"['’ʼ‘`]", "", text))


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
    outlet_slug = _slug_words(outlet) or _slug_words(article.outlet or "") or UNKNOWN
    date = article.published.isoformat() if article.published else "undated"
    title = "-".join(_slug_words(article.title or "").split("-")[:TITLE_WORDS]) or "untitled"
    outlet_slug = _cut(outlet_slug, MAX_OUTLET_SLUG) or UNKNOWN
    title = _cut(title, MAX_TITLE_SLUG) or "untitled"
    return f"{outlet_slug}-{date}-{title}"


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


def _body_key(text: str) -> str:
    """The same article text, however it is split into lines and paragraphs."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass
class _Index:
    """What the corpus already holds: source id by body hash, and originals by file size
    (only an original of the same size can be the same file: no need to read the rest)."""

    bodies: dict[str, str] = field(default_factory=dict)
    originals: dict[int, list[tuple[Path, str]]] = field(default_factory=dict)

    @classmethod
    def scan(cls, corpus_dir: Path) -> _Index:
        index = cls()
        for path in sorted((corpus_dir / "sources").glob("*.md")):
            try:
                lines = read_bytes(path).decode("utf-8").split("\n")
            except (UnsafeFile, UnicodeDecodeError):
                continue  # build reports it
            close = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
            if not lines or lines[0].strip() != "---" or close is None:
                continue
            index.bodies[_body_key("\n".join(lines[close + 1 :]))] = path.stem
            for line in lines[1:close]:
                match = re.match(r"^original:\s*['\"]?(.+?)['\"]?\s*$", line)
                if match:
                    index.add_original(corpus_dir, match.group(1), path.stem)
        return index

    def add_original(self, corpus_dir: Path, relative: str, ident: str) -> None:
        """Only files inside corpus/originals count: the field is text anybody can edit."""
        original = corpus_dir / relative
        if not inside(original, corpus_dir / "originals"):
            return
        try:
            size = os.lstat(original).st_size
        except OSError:
            return
        self.originals.setdefault(size, []).append((original, ident))

    def same_original(self, raw: bytes) -> str | None:
        """The source whose original file is byte for byte this one, if any."""
        for original, ident in self.originals.get(len(raw), []):
            try:
                if read_bytes(original) == raw:
                    return ident
            except UnsafeFile:
                continue
        return None


def _original_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,10}", suffix) else ".txt"


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


def _walk(folder: Path) -> Iterator[tuple[Path, str | None]]:
    found: list[tuple[Path, str | None]] = []
    for parent, folders, files in os.walk(folder, followlinks=False, onerror=_raise):
        base = Path(parent)
        folders[:] = [f for f in folders if not f.startswith(".")]
        for name in folders:
            if (base / name).is_symlink():  # listed by os.walk, never entered
                found.append((base / name, "a symbolic link to a folder: not followed"))
        for name in files:
            if not name.startswith(".") and not name.upper().startswith("README"):
                found.append((base / name, None))  # a link or FIFO is refused when read
    yield from sorted(found)


def _raise(error: OSError) -> None:
    raise error


def add_paths(paths: list[Path], corpus_dir: Path) -> list[AddOutcome]:
    """Ingest files or folders (recursively, sorted) into corpus_dir/sources and /originals.

    Each file gets one outcome, in order; a bad file is an "error" outcome and the rest go
    on. Nothing raises: an unexpected failure on one file is that file's error line."""
    try:
        (corpus_dir / "sources").mkdir(exist_ok=True)
        (corpus_dir / "originals").mkdir(exist_ok=True)
        index = _Index.scan(corpus_dir)
        expanded = list(_expand(paths))
    except OSError as exc:
        reason = f"cannot use the corpus folder {corpus_dir}: {exc.strerror or exc}"
        if not corpus_dir.is_dir():
            reason = f"no corpus folder at {corpus_dir}"
        return [AddOutcome(str(p), "error", None, f"{p}: {reason}") for p in paths]
    return [_outcome(path, problem, corpus_dir, index) for path, problem in expanded]


def _outcome(path: Path, problem: str | None, corpus_dir: Path, index: _Index) -> AddOutcome:
    name = str(path)
    if problem:
        return AddOutcome(name, "error", None, f"{name}: {problem}")
    try:
        return _add_one(path, corpus_dir, index)
    except IngestError as exc:
        reason = str(exc)
    except RecursionError:
        reason = "not an article: nested too deeply to read"
    except (ValueError, OSError, MemoryError) as exc:
        reason = f"cannot take this file in ({type(exc).__name__}: {str(exc)[:120]})"
    sep = "" if reason.startswith(":") else ": "
    return AddOutcome(name, "error", None, f"{name}{sep}{reason}")


def _add_one(path: Path, corpus_dir: Path, index: _Index) -> AddOutcome:
    name = str(path)
    raw, text = read_input(path)
    ident = index.same_original(raw)
    if ident is not None:
        return AddOutcome(name, "unchanged", ident, f"{name}: unchanged: already in the corpus "
                          f"as {ident} (same original file)")  # fmt: skip
    article, kind = parse_article(text, path.suffix.lower(), name)
    if not article.paragraphs:
        raise IngestError("empty article: no article text left after removing page chrome")
    body = _body_key("\n".join(article.paragraphs))
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
    ident = _write_source(path, raw, article, corpus_dir)
    index.bodies[body] = ident
    index.add_original(corpus_dir, f"originals/{ident}{_original_suffix(path)}", ident)
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
    if article.language is None:
        article.language = detect_language(article.paragraphs)
    remarks.extend(sanitise(article))
    if not article.paragraphs:
        raise IngestError("empty article: no article text left after removing page chrome")
    return remarks


def _write_source(path: Path, raw: bytes, article: Article, corpus_dir: Path) -> str:
    """Write the original and the source file; the source id. Refused (IngestError) when the
    id is taken or when `build` would refuse the file; nothing is left half-written."""
    ident = make_id(article)
    source_path = corpus_dir / "sources" / f"{ident}.md"
    original_path = corpus_dir / "originals" / f"{ident}{_original_suffix(path)}"
    if os.path.lexists(source_path):
        raise IngestError(f"id {ident} exists with different content; not overwritten")
    existing = _existing_original(original_path)
    if existing is not None and existing != raw:
        raise IngestError(
            f"id {ident} exists with different content (originals/{original_path.name}); "
            "not overwritten"
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
