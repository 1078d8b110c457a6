"""The time a sentence speaks of when it gives no date of its own: its reference time.

News narrates from a reference time: "The presidents met on Thursday. It was their first
meeting since 33 soldiers were killed in an airstrike." The second sentence has no date; it
speaks from Thursday, and its airstrike lies before it. A sentence without a date of its own
inherits the last date the text stated in the same paragraph or within the few sentences
before it; failing one, the publication date. Dates that put a time on a thing rather than
on the narrative ("the 2018 memorandum", "since November 2015") and dates after publication
(announcements) are no reference time.

The tense and aspect of the clause around an event word then say where the event lies from
the reference time: before it ("were killed", "had met"), at it ("continues", "is
advancing", a headline's "holds talks"), or after it ("will meet"). The word lists are in
data/aspect.txt. Dates themselves come from text.dates.find_dates, used as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from generator.text.dates import DateMention

__all__ = [
    "FUTURE",
    "NONE",
    "NOW",
    "PAST",
    "PERFECT",
    "Anchors",
    "Reference",
    "agentless_passive",
    "aspect",
    "is_narrative",
]

WINDOW = 3  # sentences back (across paragraphs) in which a stated date still holds
PAST, PERFECT, NOW, FUTURE = "past", "perfect", "now", "future"
NONE = "none"  # no single event took place: "did not speak", "have met many times"
_WORD = re.compile(r"[A-Za-z]+n't|[A-Za-z]+|'[A-Za-z]+")
# quotation marks are no break: a name in quotes ("Operation Spring Shield") is part of its
# clause, and a quotation's own clauses end at its commas and full stops
_BREAK = re.compile(r"[.;:!?\n()]|,\s|\s[—–]\s")


@cache
def _groups() -> dict[str, frozenset[str]]:
    text = resources.files("generator.text").joinpath("data/aspect.txt").read_text("utf-8")
    found: dict[str, set[str]] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            group, *words = line.split()
            found.setdefault(group, set()).update(words)
    return {group: frozenset(words) for group, words in found.items()}


@dataclass(frozen=True)
class Reference:
    """The time a sentence speaks from: its own date, one stated before it, or publication."""

    date: DateMention
    paragraph: int  # the paragraph that states it; -1 for the publication date
    own: bool = False  # the sentence states it itself

    @property
    def first(self) -> dt.date:
        assert self.date.first is not None
        return self.date.first

    @property
    def last(self) -> dt.date:
        assert self.date.last is not None
        return self.date.last

    @property
    def precision(self) -> str:
        return self.date.precision

    def describe(self) -> str:
        """How the analyst sees an inferred date: where it comes from."""
        if self.paragraph < 0:
            return f"date from context: published {self.date.display}"
        if self.own:  # the sentence's own date, for an event going on then
            return f"going on at {self.date.display}, the sentence's date («{self.date.text}»)"
        where = f"stated in ¶{self.paragraph + 1} («{self.date.text}»)"
        return f"date from context: {self.date.display}, {where}"


def _attributive(text: str, date: DateMention) -> bool:
    before = _WORD.findall(text[max(0, date.start - 12) : date.start].replace("’", "'"))
    return bool(before) and before[-1].lower() in _groups()["attributive"]


def is_narrative(text: str, date: DateMention, published: dt.date | None) -> bool:
    """Whether a date sets the time the narrative is at: resolved, not after publication,
    and not put on a thing ("the 2018 memorandum") or the start of a span ("since 2015")."""
    if date.first is None or date.last is None or _attributive(text, date):
        return False
    return published is None or date.first <= published


class Anchors:
    """The reference time of every sentence of one source: its own date; else the last date
    stated in its paragraph or in the `window` sentences before it; else publication. A
    date that cannot be resolved (no publication date to count "on Friday" from) leaves the
    sentences it governs with no reference time."""

    def __init__(
        self,
        paragraphs: Sequence[str],
        spans: Sequence[Sequence[tuple[int, int]]],
        dates: Iterable[tuple[int, DateMention]],
        published: dt.date | None,
        window: int = WINDOW,
    ) -> None:
        self.publication: Reference | None = None
        if published is not None and 100 <= published.year <= 9000:
            day = DateMention("", 0, 0, published, published, "day")
            self.publication = Reference(day, -1)
        own = _stated(paragraphs, spans, dates, published)
        self._references: dict[tuple[int, int], Reference | None] = {}
        last: tuple[int, int, Reference | None] | None = None  # sentence number, ¶, date
        number = 0
        for paragraph, sentences in enumerate(spans):
            for index in range(len(sentences)):
                key = (paragraph, index)
                if key in own:
                    stated = own[key]
                    self._references[key] = _said(stated, paragraph, own=True)
                    last = (number, paragraph, _said(stated, paragraph, own=False))
                elif last is not None and (last[1] == paragraph or number - last[0] <= window):
                    self._references[key] = last[2]
                else:
                    self._references[key] = self.publication
                number += 1

    def reference(self, paragraph: int, index: int) -> Reference | None:
        """The time sentence `index` of `paragraph` speaks from (None: no date to go by)."""
        return self._references.get((paragraph, index), self.publication)


def _said(date: DateMention | None, paragraph: int, own: bool) -> Reference | None:
    return None if date is None else Reference(date, paragraph, own)


def _stated(
    paragraphs: Sequence[str],
    spans: Sequence[Sequence[tuple[int, int]]],
    dates: Iterable[tuple[int, DateMention]],
    published: dt.date | None,
) -> dict[tuple[int, int], DateMention | None]:
    """The last date each sentence states as its time (None: one it states, unresolved)."""
    own: dict[tuple[int, int], DateMention | None] = {}  # None: stated, unresolved
    starts: dict[int, list[int]] = {}
    for paragraph, date in dates:
        text = paragraphs[paragraph]
        if paragraph not in starts:
            starts[paragraph] = [s for s, _ in spans[paragraph]]
        index = bisect_right(starts[paragraph], date.start) - 1
        if index < 0 or _attributive(text, date):
            continue
        if date.first is None:
            own[(paragraph, index)] = None
        elif is_narrative(text, date, published):
            own[(paragraph, index)] = date
    return own


def _clause_words(text: str, start: int, end: int) -> tuple[list[str], str, list[str]]:
    """The words of the clause before an event word, the word, and the words after it."""
    groups = _groups()
    before = text[max(0, start - 120) : start]
    cut = list(_BREAK.finditer(before))
    if cut:
        before = before[cut[-1].end() :]
    words_before = [w for w in _WORD.findall(before.replace("’", "'"))]
    for i in range(len(words_before) - 1, -1, -1):
        if words_before[i].lower() in groups["boundary"]:
            words_before = words_before[i + 1 :]
            break
    after = text[end : end + 100]
    stop = _BREAK.search(after)
    if stop:
        after = after[: stop.start()]
    words_after: list[str] = []
    for word in _WORD.findall(after.replace("’", "'")):
        if word.lower() in groups["boundary"]:
            break
        words_after.append(word)
    return words_before, text[start:end], words_after


def _is_past_form(word: str) -> bool:
    lowered = word.lower()
    if lowered in _groups()["past"]:
        return True
    return lowered.endswith("ed") and len(lowered) > 3 and not word[:1].isupper()


def _cue(words: list[str], j: int) -> str | None:
    """What word j of a clause says of its time, if anything."""
    groups = _groups()
    word = words[j].lower()
    following = [w.lower() for w in words[j + 1 : j + 5]]
    if word in groups["future"] or word in groups["unreal"]:
        return FUTURE
    if word in groups["now"]:
        return NOW
    if word in groups["progressive"] and following and following[0].endswith("ing"):
        return NOW
    if word in groups["perfect"]:
        if "been" in following:
            after_been = following[following.index("been") + 1 :]
            if after_been and after_been[0].endswith("ing"):
                return NOW  # "has in recent months been clashing"
        return PERFECT
    if _is_past_form(words[j]):
        return PAST
    return None


def aspect(text: str, start: int, end: int) -> str:
    """Where the event word at text[start:end] lies from the time its clause speaks from:
    PAST, PERFECT (done before the time of writing: "have clashed"), NOW or FUTURE, by the
    cue nearest the word (the word's own form first: "met", "killed"; a clause with no cue
    speaks of now, as a headline's "Putin holds talks"); NONE where the clause denies the
    event or makes it a habit ("did not speak", "have met many times")."""
    before, word, after = _clause_words(text, start, end)
    if any(w.lower() in _groups()["none"] or w.lower().endswith("n't") for w in before + after):
        return NONE
    if _promise(word, after):
        return FUTURE
    words = [*before, word, *after]
    at = len(before)
    perfect = next(
        (j for j in range(at - 1, max(-1, at - 5), -1) if words[j].lower() in _groups()["perfect"]),
        None,
    )
    if perfect is not None:  # "has pushed", "have recently clashed", "has been clashing"
        return (_cue(words, perfect) or PERFECT) if word.lower().endswith("ing") else PERFECT
    # "to" counts only just before the word ("agreed to meet", not "a summit to discuss")
    order = [
        j
        for j in sorted(range(len(words)), key=lambda j: (abs(j - at), j > at))
        if words[j].lower() != "to" or j == at - 1
    ]
    for j in order:
        found = _cue(words, j)
        if found is not None:
            return found
    return NOW


def _promise(word: str, after: list[str]) -> bool:
    """ "agreed to meet", "pledged to withdraw" (not "agreed to a truce")."""
    return (
        word.lower() in _groups()["promise"]
        and len(after) >= 2
        and after[0].lower() == "to"
        and after[1].lower() not in _groups()["attributive"]
    )


def agentless_passive(text: str, start: int, end: int) -> bool:
    """Whether the event word at text[start:end] is a passive that leaves its doer unsaid
    ("33 soldiers were killed in an airstrike", not "... killed by a strike of X")."""
    groups = _groups()
    before, word, after = _clause_words(text, start, end)
    if not _is_past_form(word.split()[0]) and not word.lower().endswith(("en", "wn")):
        return False
    near = [w.lower() for w in before[-2:]]
    if not any(w in groups["be"] for w in near):
        return False
    return "by" not in (w.lower() for w in after[:6])
