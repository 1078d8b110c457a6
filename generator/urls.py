"""The site's URL scheme, in one place: where each kind of page lives under docs/ and how
one page links to another (Markdown links to .md paths, which MkDocs rewrites; raw HTML in the
pictures and the long lists, which it does not: built URLs, with or without MkDocs'
use_directory_urls; the site-root URLs of dossier.json and the feeds)."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from generator.text.folding import slugify

if TYPE_CHECKING:
    from generator.stages.analyse import PhaseProfile


# Where the generated pages no nav lists live (mkdocs.yml's not_in_nav): the hook adds any a
# project's mkdocs.yml lacks, as one written before a kind of page was added would
NOT_IN_NAV = (
    "/actors/*.md",
    "/actors/*/sources.md",
    "/actors/*/sources/*.md",
    "/actors/*/sources/*/*.md",
    "/events/*.md",
    "/sources/*.md",
    "/sources/months/*.md",
    "/sources/outlets/*/*.md",
    "/phases/*.md",
    "/print/*.md",
    "/whats-new/*.md",
)


def actor_path(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def archive_path(actor_id: str) -> str:
    return f"actors/{actor_id}/sources.md"


def archive_year_path(actor_id: str, year: int) -> str:
    return f"actors/{actor_id}/sources/{year or 'undated'}.md"


def archive_month_path(actor_id: str, year: int, month: int) -> str:
    """A month of an archive year too long for one page."""
    return f"actors/{actor_id}/sources/{year or 'undated'}/{month:02d}.md"


def sources_month_path(year: int, month: int) -> str:
    """A month of the sources index (year 0: the sources of unknown date)."""
    return f"sources/months/{year}-{month:02d}.md" if year else "sources/months/undated.md"


def sources_outlet_path(slug: str, year: int) -> str:
    """One year of one outlet's articles (year 0: those of unknown date); slug: see
    views.listings.outlet_slugs."""
    return f"sources/outlets/{slug}/{year or 'undated'}.md"


def print_sources_path(year: int, month: int = 0) -> str:
    """The printable list of the sources of one year (0: of unknown date), or of one month
    of a year too long for one page."""
    if month:
        return f"print/{year}-{month:02d}.md"
    return f"print/{year or 'undated'}.md"


def whats_new_month_path(year: int, month: int) -> str:
    """A month of What's new (every change recorded that month)."""
    return f"whats-new/{year}-{month:02d}.md"


def event_path(event_id: str) -> str:
    return f"events/{event_id}.md"


def source_path(source_id: str) -> str:
    return f"sources/{source_id}.md"


def phase_path(profile: PhaseProfile) -> str:
    """phases/<n>-<slug>.md: numbered, as two phases may share a title."""
    return f"phases/{profile.number}-{slugify(profile.phase.title) or 'phase'}.md"


@lru_cache(maxsize=65536)
def relative_url(page: str, target: str) -> str:
    """Link from one docs/ file to another (what posixpath.relpath gives, but fast)."""
    here = page.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def built_folder(page: str, directory_urls: bool = True) -> str:
    """The folder a page's built URL is in: what a relative built URL is resolved against
    (actors/putin.md is actors/putin/ with directory URLs, actors/putin.html without)."""
    if not directory_urls:
        return page.rpartition("/")[0]
    stem = page.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index")


def directory_urls_of(config_text: str) -> bool:
    """MkDocs' use_directory_urls as an mkdocs.yml sets it (true when it says nothing)."""
    found = re.search(r"^use_directory_urls:\s*['\"]?(\w+)", config_text, re.MULTILINE)
    return found is None or found.group(1).lower() not in {"false", "no", "off"}


def site_url(page_path: str) -> str:
    """The URL of a page relative to the site root, as MkDocs makes it (directory URLs)."""
    stem = page_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


@lru_cache(maxsize=65536)
def page_href(page: str, target: str, directory_urls: bool = True) -> str:
    """A link that works inside raw HTML, where MkDocs does not rewrite .md links (the
    pictures, and the long lists of links pages print as raw HTML: Markdown would parse
    them inline by inline).

    Both are docs/ paths; the result is relative to the page's built URL: page/ with
    directory URLs, page.html without (the offline bundle).
    """
    if not directory_urls:
        html = target.removesuffix(".md") + ".html"
        return posixpath.relpath(html, posixpath.dirname(page) or ".")

    def folder(path: str) -> str:
        stem = path.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index").rstrip("/")
        return stem

    here, there = folder(page), folder(target)
    return posixpath.relpath(there or ".", here or ".").removeprefix("./") + "/"
