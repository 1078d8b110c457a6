"""SVG text helpers shared by the pictures: escaping, numbers, text boxes, the opening tag.

Every string that reaches the SVG goes through here: text and attribute values are
XML-escaped, characters XML cannot hold are dropped, whitespace is collapsed (a blank line
would end the raw-HTML block the picture sits in) and link targets with script-capable
schemes are neutralised.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from generator.text.calendar import MONTH_NAMES

CHAR_W = 0.56  # average glyph advance of the UI sans-serif, as a fraction of font size
MONTHS = tuple(name[:3] for name in MONTH_NAMES)  # "Jan": the calendar owns month names

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_WS = re.compile(r"\s+")
_BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)


def clean(text: str) -> str:
    """Drop characters XML cannot hold and collapse all whitespace (no newlines)."""
    return _cleaned(str(text))


@lru_cache(maxsize=4096)  # the same names recur in every picture, in titles and labels
def _cleaned(text: str) -> str:
    return _WS.sub(" ", _INVALID_XML.sub("", text)).strip()


@lru_cache(maxsize=4096)
def esc(text: str) -> str:
    """Escape for element text and for double- or single-quoted attribute values."""
    return (
        clean(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def href(url: str) -> str:
    """An escaped link target; script-capable schemes are neutralised."""
    url = clean(url)
    if _BAD_SCHEME.match(url.replace("\t", "")):
        return "#"
    return esc(url) or "#"


def link_open(url: str, cls: str, title: str) -> str:
    """An SVG link with both href (SVG 2) and xlink:href (older renderers), hover title first."""
    target = href(url)
    return f'<a class="{cls}" href="{target}" xlink:href="{target}"><title>{esc(title)}</title>'


def num(x: float) -> str:
    """A coordinate rounded to one decimal, without a trailing ``.0``."""
    s = f"{x:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


def shorten(text: str, limit: int) -> str:
    """At most limit characters, cut at a word where that loses little, with an ellipsis."""
    text = clean(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rstrip()
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space].rstrip(" ,;:-–—")
    return cut + "…"


def text_w(text: str, size: float) -> float:
    return len(text) * size * CHAR_W


def pic_id(prefix: str, parts: Iterable[str]) -> str:
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()[:10]
    return f"{prefix}-{h}"


def text(cls: str, x: float, y: float, content: str, size: float, anchor: str = "start") -> str:
    """A ``<text>`` element; ``content`` must already be escaped."""
    a = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return (
        f'<text class="{cls}" font-size="{num(size)}" x="{num(x)}" y="{num(y)}"{a}>{content}</text>'
    )


def humanise(kind: str) -> str:
    return kind.replace("-", " ").capitalize()


def svg_open(
    cls: str, pid: str, width: float, height: float, label: str, desc: str, extra: str = ""
) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'class="dossier-pic {cls}" role="group" '
        f'aria-labelledby="{pid}-t {pid}-d" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="100%" preserveAspectRatio="xMidYMin meet"{extra}>',
        f'<title id="{pid}-t">{esc(label)}</title>',
        f'<desc id="{pid}-d">{esc(desc)}</desc>',
    ]


@dataclass
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def hits(self, other: Box, pad: float = 0.0) -> bool:
        return not (
            self.x1 + pad <= other.x0
            or other.x1 + pad <= self.x0
            or self.y1 + pad <= other.y0
            or other.y1 + pad <= self.y0
        )


def line(cls: str, x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line class="{cls}" x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}"/>'
