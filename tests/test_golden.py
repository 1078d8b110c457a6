"""Rendered pages of the mini corpus, byte for byte (refresh: python -m tests.golden_pages)."""

from __future__ import annotations

import pytest

from tests.golden_pages import GOLDEN, rendered

PAGES = rendered()
EXPECTED = sorted(str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*") if p.is_file())


def test_the_same_pages_are_generated() -> None:
    assert sorted(PAGES) == EXPECTED, "page set changed; refresh with: python -m tests.golden_pages"


@pytest.mark.parametrize("path", EXPECTED)
def test_page_matches_golden(path: str) -> None:
    expected = (GOLDEN / path).read_bytes().decode("utf-8")  # keep CRLF (iCalendar)
    assert PAGES.get(path) == expected, f"{path} differs; if intended: python -m tests.golden_pages"
