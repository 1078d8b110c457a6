"""Build the static site with MkDocs into a staging folder, then swap it in whole."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from generator.errors import BuildError

SKIP_HOOK = "DOSSIER_SKIP_HOOK"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build_site(config_file: Path, docs_dir: Path, site_dir: Path, epoch: int) -> None:
    """Run `mkdocs build --strict` on docs_dir into site_dir; raise BuildError on any warning."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    env = {SKIP_HOOK: "1", "NO_MKDOCS_2_WARNING": "1"}  # Material's end-of-life banner
    if "SOURCE_DATE_EPOCH" not in os.environ:
        env["SOURCE_DATE_EPOCH"] = str(epoch)  # sitemap dates follow the corpus, not the clock
    try:
        with _environment(**env):
            config = load_config(
                str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True
            )
            build(config)
    except (Abort, MkDocsException) as exc:
        details = "; ".join(collector.messages) or str(exc)
        raise BuildError(f"mkdocs build failed: {details}") from None
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        raise BuildError("mkdocs build warned: " + "; ".join(collector.messages))


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Replace site_dir by new_site with two renames; the old site is deleted only after."""
    old = site_dir.with_name(f".{site_dir.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(new_site, site_dir)
    if old.exists():
        shutil.rmtree(old)
