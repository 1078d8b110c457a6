"""The rendered site: every generated file by path, some drawn only when asked for.

A source page is a function of its source file, the actors and the events; render gives it a
key (a hash of exactly those) and a way to draw it. write compares that key with the one it
recorded when it last wrote the file, and draws the page only if they differ. So a build
after one new article draws one source page, not a thousand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping


class Pages(Mapping[str, str]):
    """Path -> text, in sorted order; keyed pages are drawn on first access."""

    def __init__(self) -> None:
        self._text: dict[str, str] = {}
        self._draw: dict[str, Callable[[], str]] = {}
        self._keys: dict[str, str] = {}

    def add(self, path: str, text: str) -> None:
        self._text[path] = text

    def add_later(self, path: str, draw: Callable[[], str]) -> None:
        """A page with no key, drawn when its text is first asked for."""
        self._draw[path] = draw

    def add_keyed(self, path: str, key: str, draw: Callable[[], str]) -> None:
        self._keys[path] = key
        self._draw[path] = draw

    def key(self, path: str) -> str | None:
        """The hash of everything the page is drawn from, if it has one."""
        return self._keys.get(path)

    def __getitem__(self, path: str) -> str:
        if path not in self._text:
            self._text[path] = self._draw[path]()  # KeyError for an unknown path, as a dict
        return self._text[path]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._text.keys() | self._draw.keys()))

    def __len__(self) -> int:
        return len(self._text.keys() | self._draw.keys())
