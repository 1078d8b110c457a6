"""sitemap.xml's list of pages, written in Python: byte for byte what the loop of
generator/theme/sitemap.xml writes (the template keeps the loop for Zensical, which ignores
hooks). Drawn through Jinja, the loop went over every page of the site on every build, an
arrival's too: 0.05 s at 5,000 sources. Used by generator.mkdocs_hooks' on_template_context.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape


def sitemap_urls(files: Iterable[Any]) -> Markup | None:
    """The <url> entries of the pages (MkDocs' files, each with its page), as the template's
    loop writes them; None where the loop would meet what this does not mimic (a file with
    no page, a link), which it is then left to."""
    parts = []
    for file in files:
        page = getattr(file, "page", None)
        if page is None or getattr(page, "is_link", False):
            return None
        canonical = page.canonical_url
        where = escape(canonical) if canonical else (escape(page.url) or "./")
        date = page.update_date
        lastmod = f"<lastmod>{date}</lastmod>" if date else ""
        parts.append(f"\n    \n    <url>\n         <loc>{where}</loc>\n         {lastmod}\n    </url>")
    return Markup("".join(parts))
