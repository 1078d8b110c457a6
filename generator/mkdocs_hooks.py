"""MkDocs hook: `mkdocs build` and `mkdocs serve` regenerate docs/ from corpus/ first.

Under `mkdocs serve`, a change in corpus/ (or the templates, both under `watch:` in
mkdocs.yml) regenerates docs/ straight away, and that change of docs/ makes MkDocs rebuild,
once: the rebuild's own regeneration then finds nothing to write. (Left to MkDocs, a corpus
change rebuilds, the rebuild writes docs/, and the written pages make it rebuild again.)
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.cache import Cache  # noqa: E402
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
    with build_lock(Paths(root)):  # not while `dossier build` writes the same docs/
        cache = Cache(root / ".dossier-cache")
        _, pages = generate(root / "corpus", cache)
        docs = Path(config.docs_dir)
        stamps = written_stamps(cache, docs)
        report = write_docs(pages, docs, stamps)
        keep_stamps(cache, docs, stamps)
        cache.save()
    if report.written or report.removed:
        print(f"dossier: regenerated docs ({report.summary()})", file=sys.stderr)


def on_serve(server: Any, config: Any, builder: Any, **kwargs: Any) -> Any:
    """Watch corpus/ and the templates ourselves: regenerate docs/ on a change (see above)."""
    if os.environ.get(SKIP_HOOK):
        return server
    from watchdog.events import FileSystemEvent, FileSystemEventHandler

    pending: list[threading.Timer] = []

    def regenerate_soon() -> None:  # editors save in bursts: wait for quiet
        for timer in pending:
            timer.cancel()
        pending[:] = [threading.Timer(0.3, _regenerate_reporting, (config,))]
        pending[0].start()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("created", "modified", "deleted", "moved"):
                regenerate_soon()

    root = Path(config.config_file_path).resolve().parent
    ours = (str(root / "corpus"), str(ROOT / "generator"))
    mine = [p for p in config.watch if str(Path(p).resolve()).startswith(ours)]
    config.watch[:] = [p for p in config.watch if p not in mine]  # MkDocs watches the rest
    for path in mine:  # (it adds config.watch after this hook, so they are not watched yet)
        server.observer.schedule(Handler(), path, recursive=True)
    return server


def _regenerate_reporting(config: Any) -> None:
    try:
        regenerate(config)
    except CorpusError as exc:
        report = f"{exc.report()}\ndossier: {exc}; the site shows the last good corpus"
        print(report, file=sys.stderr)
    except Exception as exc:  # a thread's exception would only print a traceback
        print(f"dossier: error: {exc}", file=sys.stderr)
