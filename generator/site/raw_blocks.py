"""A Markdown extension that sets aside the generator's raw HTML blocks without parsing them.

The generator writes long lists, tables, figures and article text as raw HTML (Markdown
would parse them link by link). Python-Markdown then parses every page with `html.parser`
to find those blocks, and MkDocs parses it once more for the ids links may point at: at
1,000 sources that was 70 % of converting the pages an arrival redraws.

A raw block the generator writes is a run of lines after a blank line that opens with a
block-level tag at the start of a line and closes it exactly where the run ends, with
quoted attributes and no comment, script or style in it. Such a block is what
Python-Markdown's own `html_block` step would set aside, byte for byte; this step finds
it with one regular expression per tag instead, stores it the same way, and hands MkDocs
the ids in it. Anything else (a block that does not close where it ends, a comment, text
with a stray `<` or `&`) is left to the usual steps, and so is everything after it, since
an open block may run on across blank lines.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown import Extension, Markdown  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]

# a start or end tag with quoted (or bare) attribute values, as html.parser reads them
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)"
    r"((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)"
    r"\s*(/?)>"
)
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
# html.parser treats these as void (Python-Markdown keeps them on its stack, then pops them
# with their parent: the block ends at the same place either way)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_RAW_TEXT = frozenset({"script", "style", "textarea", "xmp", "plaintext"})
_MARKDOWN_INSIDE = re.compile(r"\smarkdown\s*=", re.IGNORECASE)


def scan_block(block: str) -> set[str] | None:
    """The ids and `<a name>`s of block if it is one balanced element that closes where the
    block ends (see the module doc), else None."""
    stack: list[str] = []
    ids: set[str] = set()
    position = 0
    for tag in _TAG.finditer(block):
        if tag.start() != position and not _plain_text(block[position : tag.start()]):
            return None
        closing, name, attributes, self_closing = tag.groups()
        name = name.lower()
        position = tag.end()
        if closing:
            if not stack or stack.pop() != name:
                return None
            if not stack:
                return ids if position == len(block) else None
        elif name in _RAW_TEXT or (attributes and not _attributes(name, attributes, ids)):
            return None
        elif not self_closing and name not in _VOID:
            stack.append(name)
        if not stack:  # a first tag with no end (<hr>, <br/>): not one element
            return None
    return None


def _plain_text(text: str) -> bool:
    """Text between tags that html.parser reads as it stands: no stray `<`, and no `&`
    but in a complete character reference."""
    if "<" in text:
        return False
    if "&" not in text:
        return True
    return all(_ENTITY.match(text, i) for i in range(len(text)) if text[i] == "&")


def _attributes(tag: str, text: str, ids: set[str]) -> bool:
    """Collect the anchor ids of one tag's attributes; False for one this step leaves alone."""
    if _MARKDOWN_INSIDE.search(text):
        return False  # md_in_html: Markdown inside the block
    if "id" not in text.lower() and "name" not in text.lower():
        return True
    for attribute in _ATTRIBUTE.finditer(text):
        key = attribute[1].lower()
        if key == "id" or (key == "name" and tag == "a"):
            value = next((v for v in attribute.groups()[1:] if v is not None), None)
            if value is not None:
                ids.add(html.unescape(value))
    return True


class _SetAside(Preprocessor):  # type: ignore[misc]
    """Before `html_block` (20) and MkDocs' anchor scan (21)."""

    def __init__(self, md: Markdown, ids: set[str]) -> None:
        super().__init__(md)
        self.ids = ids

    def run(self, lines: list[str]) -> list[str]:
        self.ids.clear()
        out: list[str] = []
        start = 0
        count = len(lines)
        while start < count:
            if lines[start].strip() == "":
                out.append(lines[start])
                start += 1
                continue
            stop = start
            while stop < count and lines[stop].strip() != "":
                stop += 1
            run = lines[start:stop]
            # html_block keeps the line end when a blank line and another line follow
            if not self._set_aside(run, out, stop + 1 < count):
                if self._may_open_block(run):
                    out.extend(lines[start:])  # the rest as the usual steps read it
                    return out
                out.extend(run)
            start = stop
        return out

    def _set_aside(self, run: list[str], out: list[str], blank_follows: bool) -> bool:
        first = run[0]
        if not first.startswith("<") or first.startswith(("</", "<!", "<?")):
            return False
        tag = _TAG.match(first)
        if tag is None or tag[1] or not self.md.is_block_level(tag[2].lower()):
            return False
        block = "\n".join(run)
        ids = scan_block(block)
        if ids is None:
            return False
        self.ids |= ids
        out.append(self.md.htmlStash.store(block + "\n" if blank_follows else block))
        return True

    def _may_open_block(self, run: list[str]) -> bool:
        """A run left to the usual steps that might open raw HTML running past its end."""
        text = "\n".join(run)
        if "<!--" in text:
            return True
        for tag in _LINE_TAG.finditer(text):
            name = tag[1].lower()
            if name in ("!", "?") or self.md.is_block_level(name):
                return True
        return False


_LINE_TAG = re.compile(r"^ {0,3}<(!|\?|[a-zA-Z][a-zA-Z0-9:-]*)", re.MULTILINE)


class _HandIds(Preprocessor):  # type: ignore[misc]
    """After MkDocs' anchor scan (21): the ids of the blocks set aside, which it no longer
    sees, so that links to them still validate."""

    def __init__(self, md: Markdown, ids: set[str]) -> None:
        super().__init__(md)
        self.ids = ids

    def run(self, lines: list[str]) -> list[str]:
        if self.ids and "mkdocs_raw_html" in self.md.preprocessors:
            scan: Any = self.md.preprocessors["mkdocs_raw_html"]
            scan.present_anchor_ids = set(scan.present_anchor_ids) | self.ids
        return lines


class RawBlocks(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        ids: set[str] = set()
        md.preprocessors.register(_SetAside(md, ids), "dossier_raw_blocks", 22)
        md.preprocessors.register(_HandIds(md, ids), "dossier_raw_ids", 20.5)


def makeExtension(**kwargs: Any) -> RawBlocks:  # noqa: N802 (Python-Markdown's entry point)
    return RawBlocks(**kwargs)
