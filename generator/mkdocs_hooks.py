"""MkDocs hook: `mkdocs build` and `mkdocs serve` regenerate docs/ from corpus/ first.

With `watch: [corpus]` in mkdocs.yml, `mkdocs serve` rebuilds when a corpus file changes.
The pages this hook writes into docs/ are not watched (see on_serve), so one change is one
rebuild; with `--dirty` the incremental plugin redraws only the pages that changed.
(`python -m generator serve` does not go through here: it runs `build` on each change, see
generator.site.serving.)
"""

from __future__ import annotations

import os
import posixpath
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.cache import Cache, using  # noqa: E402
from generator.collector import paused  # noqa: E402
from generator.errors import CorpusError  # noqa: E402
from generator.pipeline import (  # noqa: E402
    Paths,
    build_lock,
    generate,
    keep_stamps,
    written_stamps,
)
from generator.stages.publish import SKIP_HOOK  # noqa: E402
from generator.stages.write import write_docs  # noqa: E402


def on_config(config: Any, **kwargs: Any) -> Any:
    """Python-Markdown sets the generator's raw HTML blocks aside without parsing them
    (generator.site.raw_blocks: the same HTML, in a third of the time). The generated pages
    no nav lists are left out of it even where mkdocs.yml's not_in_nav predates their kind
    (sources/outlets/ came after many a project's mkdocs.yml: its build stopped on them)."""
    import pathspec

    from generator.site.raw_blocks import RawBlocks
    from generator.urls import NOT_IN_NAV

    config.markdown_extensions.append(RawBlocks())
    ours = pathspec.GitIgnoreSpec.from_lines(NOT_IN_NAV)
    config.not_in_nav = ours if config.not_in_nav is None else config.not_in_nav + ours
    return config


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    """The stylesheets and scripts mkdocs.yml names are part of the project, not generated:
    without them the site builds unstyled and MkDocs says nothing, so say it."""
    from mkdocs.exceptions import PluginError

    missing = [
        f"docs/{path}"
        for path in (
            str(getattr(i, "path", i)) for i in [*config.extra_css, *config.extra_javascript]
        )
        if "://" not in path and not path.startswith("/") and not files.get_file_from_path(path)
    ]
    if missing:
        raise PluginError(
            f"{', '.join(missing)}: missing (mkdocs.yml's extra_css and extra_javascript name "
            f"them); they are part of the project, not generated: restore them (git checkout "
            f"-- {' '.join(missing)})"
        )
    return files


def on_pre_build(config: Any, **kwargs: Any) -> None:
    if os.environ.get(SKIP_HOOK):
        return
    from mkdocs.exceptions import PluginError

    try:
        regenerate(config)
    except CorpusError as exc:
        raise PluginError(f"{exc}:\n{exc.report()}") from None


def regenerate(config: Any) -> None:
    root = Path(config.config_file_path).resolve().parent
    # the collector paused while docs/ are drawn and written too, not only generated
    with build_lock(Paths(root)), paused():  # not while `dossier build` writes the same docs/
        with using(Cache(root / ".dossier-cache")) as cache:
            _, pages = generate(root / "corpus", directory_urls=config.use_directory_urls)
            docs = Path(config.docs_dir)
            stamps = written_stamps(docs)
            report = write_docs(pages, docs, stamps)
            keep_stamps(docs, stamps)
        cache.save()
    if report.written or report.removed:
        print(f"dossier: regenerated docs ({report.summary()})", file=sys.stderr)


# A link to a page in raw HTML, which MkDocs passes through as it is: the generator writes
# the long lists of links as raw HTML (Markdown would parse them link by link), with .md
# paths relative to the page's file, as in Markdown links (and as Zensical reads them).
_PAGE_HREF = re.compile(r'href="([^":#?/][^":#?]*\.md|\.\./[^":#?]*\.md)(#[^"]*)?"')


def on_page_content(html: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    """The .md links left in the page (those of raw HTML) as the built pages' URLs, as
    MkDocs makes those of Markdown links (directory URLs or not)."""
    if '.md"' not in html and ".md#" not in html:
        return html
    folder = posixpath.dirname(page.file.src_uri)

    def built(match: re.Match[str]) -> str:
        target = files.get_file_from_path(posixpath.normpath(posixpath.join(folder, match[1])))
        if target is None:
            return match[0]  # left as written: tests/sitecheck.py reports it
        return f'href="{target.url_relative_to(page.file)}{match[2] or ""}"'

    return _PAGE_HREF.sub(built, html)


def on_template_context(context: Any, template_name: str, config: Any, **kwargs: Any) -> Any:
    """sitemap.xml's entries written in Python (generator.site.sitemap), not by the
    template's loop over every page."""
    if template_name == "sitemap.xml":
        from generator.site.sitemap import sitemap_urls

        urls = sitemap_urls(context.get("pages") or ())
        if urls is not None:
            context["dossier_sitemap"] = urls
    return context


def on_serve(server: Any, config: Any, builder: Any, **kwargs: Any) -> Any:
    """Watch what people edit in docs/, not what this hook generates there: otherwise the
    pages written during a rebuild start a second, needless one. The top-level entries of
    docs/ watched are those `python -m generator serve` watches (serving.hand_written)."""
    from generator.site.serving import hand_written

    docs = Path(config.docs_dir)
    server.unwatch(config.docs_dir)
    for entry in hand_written(docs, os.listdir(docs)):
        server.watch(str(entry))
    return server
