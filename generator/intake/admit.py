"""What `add` writes is what `build` accepts: metadata made safe, then the file checked as
build will check it, before anything is written.

An article's metadata comes from whatever the file says. Control characters are removed,
overlong fields are cut, a web address that is not http(s) is dropped and a publication year
outside 1900 to next year is treated as unknown; each change is said in `notes` and on the
`add` line. Then the source file `add` is about to write is read back through the same load
and validate code the build runs: if the build would refuse it, `add` refuses it instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.errors import Problem
from generator.safe_io import first_control, strip_controls
from generator.stages.validate import FIRST_YEAR, UNKNOWN, last_year, year_allowed
from generator.text.language_codes import two_letter

if TYPE_CHECKING:
    from generator.intake.ingest import Article

MAX_TITLE = 300  # characters; a headline is rarely a tenth of this
MAX_OUTLET = 120
MAX_URL = 2000
URL = re.compile(r"https?://[^\s]+")


def clean_text(value: str | None, limit: int) -> str | None:
    """No control characters, one space between words, at most `limit` characters."""
    if value is None:
        return None
    text = " ".join(strip_controls(value).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text or None


def sanitise(article: Article) -> list[str]:
    """Make the article's metadata safe to write; what was changed, for the `add` line."""
    remarks: list[str] = []
    title = clean_text(article.title, MAX_TITLE)
    if article.title and title != " ".join(article.title.split()):
        remarks.append("title cleaned (control characters or length)")
    article.title = title
    article.outlet = clean_text(article.outlet, MAX_OUTLET)
    url = clean_text(article.url, MAX_URL)
    if url is not None and not URL.fullmatch(url):
        article.notes.append("The file's address is not a web address (http or https); dropped.")
        remarks.append("url dropped: not http(s)")
        url = None
    article.url = url
    if article.published is not None and not year_allowed(article.published):
        year = article.published.year
        article.notes.append(f"The file's publication year {year:04d} is impossible; unknown.")
        remarks.append(f"published year {year:04d} outside {FIRST_YEAR}–{last_year()}: unknown")
        article.published = None
    paragraphs = (" ".join(strip_controls(p).split()) for p in article.paragraphs)
    article.paragraphs = [p for p in paragraphs if p]
    article.notes = [n for n in (clean_text(n, 1000) for n in article.notes) if n]
    return remarks


def given_language(article: Article) -> list[str]:
    """The language the file states, as its two-letter code ("German", "deu", "de-AT": de);
    one it does not name is dropped, for the text to tell, and said. It was dropped in
    silence, so that a German article said `language: German` and went in as English."""
    if article.language is None:
        return []
    stated = " ".join(strip_controls(article.language).split())
    article.language = two_letter(stated) if stated.lower() != UNKNOWN else None
    if article.language is None and stated and stated.lower() != UNKNOWN:
        article.notes.append("The file names no known language; it is read from the text.")
        return [f"language '{stated[:40]}' unknown: read from the text"]
    return []


def build_problems(text: str, name: str, stem: str) -> list[Problem]:
    """What the build would say about this source file's text (nothing: it would accept it)."""
    from generator.stages.load import split_source  # the build's own reading of the file
    from generator.stages.validate import validate_source

    control = first_control(text)
    if control is not None:
        return [Problem(None, f"control character {control[1]} on line {control[0]}")]
    raw, problems = split_source(text, name, stem)
    if problems:
        return problems
    return validate_source(raw)[1]
