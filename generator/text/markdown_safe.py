"""Untrusted text into Markdown that renders as exactly that text, never as markup."""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from urllib.parse import quote

from generator.safe_io import CONTROLS

# Characters Python-Markdown (with tables, attr_list, footnotes) treats as syntax and honours
# a backslash escape for. Angle brackets and ampersands become entities instead.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_{}[]|#"}}
)
_ODD_WHITESPACE = re.compile(r"\s{2,}|[\t\n\r\f\v]")
_WHITESPACE = re.compile(r"\s+")
_LIST_START = re.compile(r"^(\s*)(\d+)([.)])(\s)")
_BLOCK_STARTS = frozenset("!-+=?:~")  # Markdown punctuation that can open a block
_BACKSLASHED = frozenset("!-+")  # of those, the ones Python-Markdown honours a backslash for


def md_text(value: object) -> str:
    """Escape text so Markdown shows it verbatim: no HTML, links, emphasis, lists or attributes."""
    return _md_escaped(str(value))


@lru_cache(maxsize=1 << 16)  # titles and outlets are escaped again on every page naming them
def _md_escaped(text: str) -> str:
    if CONTROLS.search(text):  # never in a valid corpus; \x02 and \x03 are Markdown's own
        text = CONTROLS.sub("", text)  # placeholder marks, so none may pass
    if _ODD_WHITESPACE.search(text):  # runs of whitespace only; edges matter mid-paragraph
        text = _WHITESPACE.sub(" ", text)
    text = text.translate(_ESCAPES)
    first = text.lstrip()[:1]
    if first.isdigit():
        text = _LIST_START.sub(r"\1\2\\\3\4", text)
    elif first and first in _BLOCK_STARTS:
        # Block syntax opens a line: "!!! danger" (an admonition), "---" (a rule), "- x"
        # (a list), "=" or "-" under a line (a heading). Escaped (with a backslash, or as an
        # entity where Markdown takes no backslash), it shows as itself and opens nothing;
        # mid-line it is plain text anyway.
        at = len(text) - len(text.lstrip())
        mark = "\\" + first if first in _BACKSLASHED else f"&#{ord(first)};"
        text = f"{text[:at]}{mark}{text[at + 1 :]}"
    return text


def html_text(value: object) -> str:
    """Text between the tags of a raw HTML block (which Markdown passes through as it is;
    never an attribute value): &, < and > as entities, with the cleaning md_text does (no
    control characters: \x02 and \x03 are Markdown's placeholder marks; runs of whitespace
    as one space)."""
    return _html_escaped(str(value))


@lru_cache(maxsize=1 << 16)
def _html_escaped(text: str) -> str:
    if CONTROLS.search(text):
        text = CONTROLS.sub("", text)
    if _ODD_WHITESPACE.search(text):
        text = _WHITESPACE.sub(" ", text)
    return html.escape(text, quote=False)


def md_url(value: object) -> str:
    """A web address made safe inside Markdown link parentheses."""
    return quote(str(value), safe=":/?#=&%~+,;@!$'*")


def yaml_text(value: object) -> str:
    """Text as a YAML scalar for page front matter (JSON strings are valid YAML)."""
    return json.dumps(plain_title(value), ensure_ascii=False)


def plain_title(value: object) -> str:
    """A title for places that print it without escaping (the HTML <title>, the nav).

    Angle brackets and ampersands become look-alike characters, so no title can open a tag.
    """
    text = " ".join(str(value).split())
    return text.replace("&", "＆").replace("<", "‹").replace(">", "›")
