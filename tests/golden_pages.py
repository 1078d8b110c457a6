"""Golden pages: the mini corpus rendered, kept under tests/golden/.

Refresh after an intended change to the output:  python -m tests.golden_pages
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.pipeline import generate
from tests.conftest import MINI_CORPUS

GOLDEN = Path(__file__).resolve().parent / "golden"


def rendered() -> dict[str, str]:
    _, pages = generate(MINI_CORPUS)
    return pages


def refresh() -> None:
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for path, content in rendered().items():
        target = GOLDEN / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8"))
    print(f"refreshed {GOLDEN}")


if __name__ == "__main__":
    refresh()
