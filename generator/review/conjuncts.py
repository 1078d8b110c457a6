"""One sentence, two dated events: "Macron met Putin on Thursday and Erdoğan on Friday",
"X called Putin on Monday and spoke to Erdoğan on Wednesday".

Where a sentence joins clauses that each hold a date of a day (with a word of
data/event_clauses.tsv's `coordinator` group: "and", "then"), each date is read in its own
clause, made whole from the first one:

- a joined clause without a word for an event ("and Erdoğan on Friday") takes the first
  clause's subject and verb ("Macron met Erdoğan on Friday"), and its object too when it
  names no one of its own ("met Erdoğan on Monday and again on Friday");
- a joined clause whose event word has no subject of its own ("and spoke to Erdoğan on
  Wednesday", "and on Friday he met Erdoğan": the `carried` words) takes the first clause's;
- a joined clause with its own subject ("and Erdoğan met Rouhani on Friday") stands alone;
- the first clause ends where the join starts.

A join is read only where it stands right after the first date ("on Thursday and ...") or
right before the second ("..., and on Friday ..."), and not between listed dates ("met on
Monday and Tuesday": one event over the days); elsewhere ("Macron and Merkel met Putin on
Thursday, Erdoğan on Friday") the sentence is read whole, as before. The clause made
whole is a reading of the sentence, not its text: the evidence is still the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from generator.review.event_shape import clause_of, clause_words
from generator.text.actions import action_lexicon

Span = tuple[int, int]


@dataclass(frozen=True)
class View:
    """A clause made whole: its text, and the pieces of the sentence it is made of."""

    text: str
    pieces: tuple[tuple[int, int, int], ...]  # (start, end) in the sentence, start in text

    def place(self, start: int, end: int) -> Span | None:
        """Where the sentence's text[start:end] is in the view (None: not in it)."""
        for first, last, at in self.pieces:
            if first <= start and end <= last:
                return start - first + at, end - first + at
        return None


def whole(sentence: str) -> View:
    return View(sentence, ((0, len(sentence), 0),))


def _alternatives(group: str) -> str:
    phrases = sorted(clause_words()[group], key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    joins = _alternatives("coordinator")
    return {
        "after": re.compile(rf"^\s*,?\s*(?:{joins})\b\s*", re.I),  # "on Thursday and ..."
        "before": re.compile(rf",?\s+(?:{joins})\s*$", re.I),  # "..., and on Friday"
        "carried": re.compile(rf"\b(?:{_alternatives('carried')})\b", re.I),
    }


def views(
    sentence: str, dates: Sequence[Span], days: Sequence[Span], names: Sequence[Span]
) -> list[View]:
    """The clause each date (a span of the sentence) is read in; days: the dates of a day
    or a few days, the only ones that split a sentence; names: where actors are named."""
    clauses = _conjuncts(sentence, sorted(days))
    if len(clauses) < 2:
        return [whole(sentence)] * len(dates)
    made = _made_whole(sentence, clauses, sorted(dates), names)
    found = []
    for start, _ in dates:
        k = max(i for i, (s, _e) in enumerate(clauses) if s <= start or i == 0)
        found.append(made[k])
    return found


def _conjuncts(sentence: str, days: list[Span]) -> list[Span]:
    """The clauses of the sentence between the joins that stand at a date."""
    bounds: list[Span] = []  # (where a clause ends, where the next starts)
    ends = [*(start for start, _ in days[2:]), len(sentence)]
    for ((_, a_end), (b_start, b_end)), end in zip(pairwise(days), ends, strict=False):
        gap = sentence[a_end:b_start]
        if b_start <= a_end or _listed(sentence, gap, b_end, end):
            continue
        if after := _patterns()["after"].match(gap):
            bounds.append((a_end, a_end + after.end()))
        elif before := _patterns()["before"].search(gap):
            bounds.append((a_end + before.start(), b_start))
    starts = [0, *(b for _, b in bounds)]
    ends = [*(a for a, _ in bounds), len(sentence)]
    return list(zip(starts, ends, strict=True))


def _listed(sentence: str, gap: str, start: int, end: int) -> bool:
    """Dates listed ("on Monday and Tuesday", "on June 1 and June 2 in Sochi"): nothing but
    the join between them, and no word for an event after the second (as in "on Monday, and
    on Tuesday Rouhani met Macron"): one event over the days."""
    alone = not re.search(r"\w", _patterns()["after"].sub("", gap, count=1))
    return alone and not _event_words(sentence, start, end)


def _event_words(sentence: str, start: int, end: int) -> list[re.Match[str]]:
    found = [
        m
        for kind, pattern in action_lexicon().items()
        if kind != "contact"
        for m in pattern.finditer(sentence, start, end)
    ]
    return sorted(found, key=lambda m: m.start())


def _made_whole(
    sentence: str, clauses: list[Span], dates: list[Span], names: Sequence[Span]
) -> list[View]:
    """Each clause as a view: the first as it is, the joined ones made whole from it."""
    first_start, first_end = clauses[0]
    made = [_view(sentence, [clauses[0]])]
    last_date = max((d for d in dates if d[1] <= first_end), default=None)
    words = _event_words(sentence, first_start, first_end)
    if not words or last_date is None:
        return made + [_view(sentence, [c]) for c in clauses[1:]]
    verb = min(words, key=lambda m: abs(m.start() - last_date[0]))
    subject = _without(sentence, (clause_of(sentence, verb.start())[0], verb.start()), dates)
    for start, end in clauses[1:]:
        # its own event words are those of its clause, not of a clause hung on it or of a
        # closing attribution ("and with Macron on Saturday, his office said")
        own = _event_words(sentence, start, min(end, clause_of(sentence, start)[1]))
        if not own:  # "and Erdoğan on Friday": the first clause's subject and verb
            head = _head(sentence, clauses[0], verb, (start, end), dates, names)
            made.append(_view(sentence, [*head, (start, end)]))
        elif _own_subject(sentence, start, own[0].start(), dates):
            made.append(_view(sentence, [(start, end)]))
        else:  # "and spoke to Erdoğan on Wednesday": the first clause's subject
            made.append(_view(sentence, [*subject, (start, end)]))
    return made


def _head(
    sentence: str,
    first: Span,
    verb: re.Match[str],
    clause: Span,
    dates: list[Span],
    names: Sequence[Span],
) -> list[Span]:
    """The first clause's subject and verb for a joined clause without its own: up to the
    first actor named after the verb where the joined clause names one ("met with | Putin"),
    else the whole first clause ("met Erdoğan | again on Friday"); a word the joined clause
    starts with is not said twice ("spoke to Putin on Monday and to Erdoğan on Tuesday")."""
    start = clause_of(sentence, verb.start())[0]
    end = first[1]
    if any(clause[0] <= s and e <= clause[1] for s, e in names):
        objects = [s for s, _ in names if verb.end() <= s < first[1]]
        end = min(objects, default=end)
    pieces = _without(sentence, (start, end), dates)
    joined = sentence[clause[0] : clause[1]].split()
    if pieces and joined:
        s, e = pieces[-1]
        words = sentence[s:e].rstrip()
        if words.lower().endswith(" " + joined[0].lower()):
            pieces[-1] = (s, s + len(words) - len(joined[0]))
    return pieces


def _own_subject(sentence: str, start: int, word: int, dates: list[Span]) -> bool:
    """Whether the words before a joined clause's event word, but its dates and the carried
    words ("he", "then"), say who does it ("and Erdoğan met ...", not "and then met ...")."""
    before = "".join(sentence[s:e] for s, e in _without(sentence, (start, word), dates))
    return bool(re.search(r"\w", _patterns()["carried"].sub(" ", before)))


def _without(sentence: str, span: Span, holes: list[Span]) -> list[Span]:
    """The parts of the span outside the holes (the dates)."""
    pieces, at = [], span[0]
    for s, e in sorted(holes):
        if e <= at or s >= span[1]:
            continue
        if s > at:
            pieces.append((at, s))
        at = max(at, e)
    if at < span[1]:
        pieces.append((at, span[1]))
    return pieces


def _view(sentence: str, spans: list[Span]) -> View:
    """The spans' text, a space between them, without the commas and spaces at their ends."""
    text, pieces = "", []
    for s, e in spans:
        while s < e and sentence[s] in " ,;:":
            s += 1
        while e > s and sentence[e - 1] in " ,;:":
            e -= 1
        if s >= e:
            continue
        text += " " if text else ""
        pieces.append((s, e, len(text)))
        text += sentence[s:e]
    return View(text, tuple(pieces))
