"""Reading a built site: every internal link and anchor, and every load from another host."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: set[str] = set()
        self.text: list[str] = []  # the text shown, outside <code>, <pre>, <script>, <style>
        self._hidden = 0

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        for name, value in attrs:
            if value is None:
                continue
            if name in {"id", "name"}:
                self.ids.add(value)
            if name in {"href", "src", "xlink:href"} or (tag == "object" and name == "data"):
                self.links.append((tag, name, value))


_HIDDEN = {"code", "pre", "script", "style", "textarea"}
# Markdown a reader would see as it was typed: a link [text](page.md) or a list dash
# before one, left unconverted (Markdown inside a raw HTML block is not converted)
_UNCONVERTED = re.compile(r"\]\([^)\s]*\.md(?:#[^)\s]*)?\)|^- \[", re.MULTILINE)


def unconverted_markdown(site: Path) -> list[str]:
    """Pages that show Markdown link syntax as text, as 'page: the text around it'."""
    found = []
    for page in sorted(site.rglob("*.html")):
        text = "".join(parse(page).text)
        match = _UNCONVERTED.search(text)
        if match:
            found.append(
                f"{page.relative_to(site)}: {text[max(0, match.start() - 60) : match.end()]!r}"
            )
    return found


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def _target(site: Path, page: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path)
    if path.startswith("/"):  # root-absolute (Material's 404 page): from the site root
        target = (site / path.lstrip("/")).resolve()
    else:
        target = (page.parent / path).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site: Path) -> list[str]:
    """Every relative link whose file or #anchor does not exist, as 'page -> url'."""
    pages = {p: parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for _tag, _attr, url in parsed.links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "data:")):
                continue
            target = _target(site, page, url)
            if not target.exists() or site.resolve() not in target.parents:
                broken.append(f"{page.relative_to(site)} -> {url}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)} -> {url} (no such anchor)")
    return broken


def external_loads(site: Path) -> list[str]:
    """Resources (scripts, styles, images, fonts, frames) that would come from another host."""
    loads = []
    for page in site.rglob("*.html"):
        for tag, attr, url in parse(page).links:
            is_load = attr == "src" or (tag == "link" and attr == "href") or tag == "object"
            if is_load and (urlsplit(url).scheme in {"http", "https"} or url.startswith("//")):
                loads.append(f"{page.relative_to(site)}: <{tag} {attr}={url}>")
    for css in site.rglob("*.css"):
        text = css.read_text("utf-8", errors="replace")
        for marker in ("@import url(http", "url(http", "url(//"):
            if marker in text:
                loads.append(f"{css.relative_to(site)}: {marker}")
    return loads
