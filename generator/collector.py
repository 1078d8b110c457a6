"""When Python's cyclic garbage collector runs during a build: the one owner of that policy.

The stages build millions of small objects that live until the end, which the collector
would scan again and again for nothing (at 5,000 sources one collection of the middle
generation took 0.46 s of a 3.8 s build): it is paused while they run, and a one-shot
process (generator.cli.run) never turns it on. MkDocs, on the contrary, leaves cycles on every
page (Python-Markdown's trees): without the collector a full build at 5,000 sources peaked at
2.7 GB, so it runs while MkDocs builds, with what the stages built frozen out of its scans.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection while the stages run; what cycles they leave (about 200,000
    objects, Jinja2's and YAML's) are collected after the build (`serve` runs many)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def collecting() -> Iterator[None]:
    """Cyclic collection on (even inside `paused`, or in a process that turned it off), the
    objects alive now frozen: the collector scans only what is made from here on."""
    enabled = gc.isenabled()
    gc.freeze()
    gc.enable()
    try:
        yield
    finally:
        if not enabled:
            gc.disable()
        gc.unfreeze()


def set_aside() -> bool:
    """Leave every object alive now out of the collector's scans, until take_back; False
    (nothing done) where a build has set them aside already (see collecting). For the site
    builds `mkdocs serve` runs one after another in one process, with the collector on: the
    plugin's record and the generator's cache, scanned again at every collection, took three
    of a rebuild's eight seconds at 5,000 sources."""
    if gc.get_freeze_count():
        return False
    gc.freeze()
    return True


def take_back() -> None:
    """Scan again what set_aside left out (what of it has become garbage is collected)."""
    gc.unfreeze()
