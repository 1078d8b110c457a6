"""MkDocs hook: `mkdocs build` and `mkdocs serve` regenerate docs/ from corpus/ first.

With `watch: [corpus]` in mkdocs.yml, `mkdocs serve` rebuilds when a corpus file changes;
pages are written only when their bytes change, so the rebuild does not loop.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.cache import Cache  # noqa: E402
from generator.errors import CorpusError  # noqa: E402
from generator.pipeline import generate, keep_stamps, written_stamps  # noqa: E402
from generator.stages.publish import SKIP_HOOK  # noqa: E402
from generator.stages.write import write_docs  # noqa: E402


def on_pre_build(config: Any, **kwargs: Any) -> None:
    if os.environ.get(SKIP_HOOK):
        return
    from mkdocs.exceptions import PluginError

    root = Path(config.config_file_path).resolve().parent
    cache = Cache(root / ".dossier-cache")
    try:
        _, pages = generate(root / "corpus", cache)
    except CorpusError as exc:
        raise PluginError(f"{exc}:\n{exc.report()}") from None
    docs = Path(config.docs_dir)
    stamps = written_stamps(cache, docs)
    report = write_docs(pages, docs, stamps)
    keep_stamps(cache, docs, stamps)
    cache.save()
    if report.written or report.removed:
        print(f"dossier: regenerated docs ({report.summary()})", file=sys.stderr)
