"""Date expressions in article text, resolved against the article's publication date.

The grammar (date_grammar.py) finds the expressions; this module says what they mean. "on
Thursday" is the most recent Thursday on or before publication, unless its clause looks ahead
("will meet on Thursday", or in the present of a schedule: "the two meet on Thursday", "the
summit is on Thursday"); "Nov. 25" without a year is the Nov. 25 nearest publication, or the
one its clause's tense points to; "March 5 or 6" is a range; "in November 2015" is known to the
month; "late 2015" and "the third quarter" to a span of months; "last year" to the year. A date
word inside a name ("Russia Today", the "Today" show) is no date. A capture timestamp is never
taken for the publication date: only the front matter's `published` is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise

from generator.text import calendar
from generator.text.calendar import month_end
from generator.text.date_grammar import (
    AMBIGUOUS_MONTHS,
    CARDINALS,
    NEEDLES,
    ORDINALS,
    PATTERNS,
    windows,
)
from generator.text.date_grammar import name_shields as _name_shields

__all__ = ["DateMention", "find_dates", "month_end"]

MONTHS = calendar.numbered("months")
WEEKDAYS = {line[1]: int(line[0]) for line in calendar.sections()["weekdays"]}
SEASONS = calendar.spans("seasons")
SEASON_PREPOSITIONS = frozenset(calendar.words("season_prepositions"))
SEASON_CODES = {line[0]: line[1] for line in calendar.sections()["season_codes"]}
PARTS_OF_YEAR = calendar.spans("parts_of_year")
FUTURE_CUES = frozenset(calendar.words("future_cues"))
PAST_CUES = frozenset(calendar.words("past_cues"))
PASSIVE_AUXILIARIES = frozenset(calendar.words("passive_auxiliaries"))
PERFECT_OR_PASSIVE = PASSIVE_AUXILIARIES | frozenset(calendar.words("perfect_auxiliaries"))
DEADLINE_WORDS = frozenset(calendar.words("deadline_words"))
QUANTITY_WORDS = frozenset(calendar.words("quantity_words"))
DETERMINERS = frozenset(calendar.words("determiners"))
NOT_COUNTED_FROM_NOW = frozenset(calendar.words("not_counted_from_now"))


def _word_set(section: str) -> frozenset[str]:
    """A section written several words a line, as one set of words."""
    return frozenset(word for line in calendar.sections()[section] for word in line)


FUTURATE_VERBS = _word_set("futurate_verbs")
VERB_GOVERNORS = _word_set("verb_governors")
PRESENT_BE = _word_set("present_be")
PROMISE_VERBS = _word_set("promise_verbs")
PAST_PERFECT = _word_set("past_perfect")
SUBORDINATORS = _word_set("subordinators")
GENERIC_HEADS = _word_set("generic_heads")
DAY_PARTS = _word_set("day_parts")
SHIELDS = _name_shields()
_BARE_YEAR = dict(PATTERNS)["year"]
# a day-month within this many days of publication is that one, whatever the tense says
NEAR_DAYS = 120
# a month named alone, with no tense cue, is the one ahead only if it is this near
NEAR_MONTHS_AHEAD = 2
# "they'll" is two words, "they" and "'ll"; "won't" is one (not the past of "win")
_WORD = re.compile(r"[a-z]+n't|[a-z]+|'[a-z]+")
# where a clause starts or ends, for reading its tense
_CLAUSE_BREAK = re.compile(r'[.;:!?\n"“”()]|,\s|\bthat\b|\bwhen\b|\bwhile\b|\bbut\b')
_SPLIT = re.compile(r"[\s-]+")
_NAME_NEXT = re.compile(r" [A-Z][a-z]")
_FISCAL_BEFORE = re.compile(r"(?i)fiscal[\s-]+$")
_CAPITALISED_BEFORE = re.compile(r"([A-Z][\w&-]*)\s$")
_AT_BEFORE = re.compile(r"(?i)\bat\s$")
_CLOCK_AFTER = re.compile(r"\s*(?:GMT|UTC|[AP]\.?M\b|hours)")
_SENTENCE_START = re.compile(r'(?:^|[.!?:;"“”(\n]|--|—|_)\s*$')
_YEAR_NAMED_BEFORE = re.compile(r"(?i)\b(this|last|next)\s+year\s+$")


@dataclass(frozen=True)
class DateMention:
    """A date expression and what it resolves to (None where it cannot be resolved)."""

    text: str
    start: int
    end: int
    first: dt.date | None
    last: dt.date | None
    precision: str  # day | range | week | month | months ("late 2015", a quarter) | year
    # a named period the months make up: "Q3" (a quarter), "SU" (a season), "H1" (a half)
    period: str = ""

    @property
    def timex(self) -> str | None:
        """The value in TimeML calendar form: "2020-03-05", "2020-W10", "2020-03", "2020-Q3",
        "2020-SU", "2020-H1", "2020"; None where the date is unresolved."""
        if self.first is None:
            return None
        if self.precision in ("day", "range"):
            return self.first.isoformat()
        if self.precision == "week":
            year, week, _ = self.first.isocalendar()
            return f"{year}-W{week:02d}"
        if self.precision == "month":
            return f"{self.first:%Y-%m}"
        if self.period:
            return f"{self.first.year}-{self.period}"
        return str(self.first.year)

    @property
    def display(self) -> str:
        if self.first is None or self.last is None:
            return "unresolved (publication date unknown)"
        if self.precision == "year":
            return str(self.first.year)
        if self.precision == "month":
            return self.first.strftime("%B %Y")
        if self.precision == "months" and self.first.year != self.last.year:
            return f"{self.first:%B %Y}–{self.last:%B %Y}"
        if self.precision == "months":
            return f"{self.first:%B}–{self.last:%B %Y}"
        if self.first == self.last:
            return f"{self.first.day} {self.first:%B %Y}"
        return f"{self.first.isoformat()} to {self.last.isoformat()}"


@dataclass(frozen=True)
class _Found:
    """One match of the grammar, with the paragraph it is in."""

    text: str
    match: re.Match[str]
    published: dt.date | None

    def group(self, name: str) -> str:
        return (self.match.groupdict().get(name) or "").lower()

    def mention(
        self, first: dt.date | None, last: dt.date | None, precision: str, period: str = ""
    ) -> DateMention:
        match = self.match
        span = (match.group(0), match.start(), match.end())
        return DateMention(*span, first, last, precision, period)

    def unresolved(self, precision: str = "day") -> DateMention:
        return self.mention(None, None, precision)


# --------------------------------------------------------------------------- tense


def _clause(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """The words of the clause before the date and after it (each side at most ~100
    characters, so reading tense stays linear in the text's length)."""
    before = text[max(0, start - 100) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    before_words = _WORD.findall(before.lower().replace("’", "'"))
    after = text[end : end + 80]
    if len(before_words) <= 1 and after.startswith(", "):
        after = after[2:]  # "In January, the firm sold...": the date belongs to the next clause
    cut = _CLAUSE_BREAK.search(after)
    if cut:
        after = after[: cut.start()]
    return before_words, _WORD.findall(after.lower().replace("’", "'"))


def _cue(words: list[str], i: int) -> int:
    """+1 if words[i] makes its clause look ahead, -1 back, 0 neither. A cue that looks ahead
    in the past perfect looks back: the plan was overtaken ("had been due to expire Friday")."""
    cue = _tense_cue(words, i)
    if cue > 0 and PAST_PERFECT.intersection(words[max(0, i - 2) : i]):
        return -1
    return cue


def _tense_cue(words: list[str], i: int) -> int:
    """What words[i] alone says of its clause's time: a two-word cue with a neighbour
    ("expected to", "set to") first, then the word alone; a past form after an auxiliary is a
    participle ("will be paid", "is held") and says nothing; then the forms of the present
    that tell of a thing scheduled ahead (_scheduled)."""
    word = words[i]
    previous = words[i - 1] if i > 0 else ""
    following = words[i + 1] if i + 1 < len(words) else ""
    for phrase in (f"{word} {following}", f"{previous} {word}"):
        if phrase in FUTURE_CUES:
            return 1
        if phrase in PAST_CUES:
            return -1
    if word in FUTURE_CUES:
        return 1
    if word in PAST_CUES and (previous not in PASSIVE_AUXILIARIES or word in PASSIVE_AUXILIARIES):
        return -1
    return 0


def _scheduled(before: list[str], i: int) -> bool:
    """before[i], a word of the clause before the date, puts the date ahead of publication
    though no future is written: a futurate present ("the two leaders meet Monday", not
    "plans to meet" or "did not meet", where the word before says the tense), a present
    progressive ("are meeting on Friday"), or a promise to act ("agreed to buy the unit in
    February", not "agreed to a truce"), or the present of "to be" right before the date
    ("the summit is on Thursday", "the deadline is Friday"). Only a verb governing the date
    counts: none across a subordinating word ("are trading lower after falling Monday"), and
    no noun after a determiner or a preposition ("put on hold Monday", "the meet")."""
    if SUBORDINATORS.intersection(before[i + 1 :]):
        return False
    word = before[i]
    previous = before[i - 1] if i > 0 else ""
    following = before[i + 1 : i + 3]
    if word in FUTURATE_VERBS:
        return previous not in VERB_GOVERNORS and previous not in DETERMINERS
    if word in PRESENT_BE:
        return following in ([], ["on"], ["in"]) or _is_ing_form(following[0])
    if word in PROMISE_VERBS and len(following) == 2 and following[0] == "to":
        return following[1] not in DETERMINERS and not following[1].isdigit()
    return False


def _is_ing_form(word: str) -> bool:
    """A verb in -ing ("meeting", "holding"), not "nothing", "something", "king"."""
    return len(word) > 5 and word.endswith("ing") and not word.endswith("thing")


def _regular_past(words: list[str], i: int) -> bool:
    """words[i] is a regular past tense ("the quarter ended", "they agreed"): a form in -ed
    not after an auxiliary ("is expected", "to be published": participles)."""
    word = words[i]
    if len(word) <= 4 or not word.endswith("ed") or word.endswith("eed"):
        return False
    return i == 0 or words[i - 1] not in PASSIVE_AUXILIARIES


def _next_to_the_date(before: list[str], i: int) -> bool:
    """A regular past form reads as the date's tense only right before it ("closed Friday",
    "ended on May 5"); further off an -ed word is as often an adjective or a participle
    ("an unspecified date in January", "markets untouched")."""
    gap = before[i + 1 :]
    return not gap or (len(gap) == 1 and gap[0] in ("on", "in"))


def direction(text: str, start: int, end: int) -> int:
    """+1 if the date's clause looks ahead ("will meet on Saturday"), -1 if it looks back
    ("met on Saturday"), 0 if it says neither. The cue nearest the date decides ("said it
    will meet on Friday" looks ahead, "in May, it announced plans" back; a regular past
    counts only just before the date, "closed Wednesday"); failing any, a deadline word
    just before the date ("until Friday") looks ahead."""
    before, after = _clause(text, start, end)
    nearest_first = sorted(
        [(len(before) - 1 - i, before, i) for i in range(len(before))]
        + [(i, after, i) for i in range(len(after))],
        key=lambda c: c[0],
    )
    for _distance, words, i in nearest_first:
        cue = _cue(words, i)
        if cue:
            return cue
        if words is before and _next_to_the_date(before, i) and _regular_past(words, i):
            return -1
        if words is before and _scheduled(before, i):
            return 1
        if not before and i == 0 and words[0] in PRESENT_BE:
            return 1  # the date as the subject: "Friday is the deadline"
    return 1 if before and before[-1] in DEADLINE_WORDS else 0


def _pick(candidates: list[dt.date], published: dt.date, way: int) -> dt.date | None:
    """The candidate on the side of publication the tense points to, nearest it; the nearest
    of all when the tense says nothing."""
    if way > 0:
        ahead = [c for c in candidates if c >= published]
        return min(ahead) if ahead else None
    if way < 0:
        behind = [c for c in candidates if c <= published]
        return max(behind) if behind else None
    return min(candidates, key=lambda c: (abs((c - published).days), c > published))


def _in_a_name(found: _Found) -> bool:
    """A relative date word written with capitals inside a sentence is part of a name
    ("VOA Today", "ABC's This Week"); at a sentence's start it is a date ("Today, ...")."""
    words = found.match.group(0).split()
    if not all(w[:1].isupper() for w in words):
        return False
    start = found.match.start()
    return not _SENTENCE_START.search(found.text[max(0, start - 4) : start])


# --------------------------------------------------------------------------- calendar days


def _month(found: _Found) -> int:
    return MONTHS[found.group("month").rstrip(".")]


def _year(text: str) -> int:
    """1998, or a year in words: "nineteen ninety-six", "two thousand and one"."""
    if text.isdigit():
        return int(text)
    words = [w for w in _SPLIT.split(text.lower()) if w != "and"]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(CARDINALS[w] for w in words[2:])
    if words[1:] == ["hundred"]:
        return CARDINALS[words[0]] * 100
    return CARDINALS[words[0]] * 100 + sum(CARDINALS[w] for w in words[1:])


def _day(text: str) -> int:
    digits = text.rstrip("stndrh")
    if digits.isdigit():
        return int(digits)
    if text.startswith("twenty-"):
        return 20 + ORDINALS[text[7:]]
    return ORDINALS[text]


def _month_day(found: _Found) -> DateMention | None:
    month, day_text = _month(found), found.group("day")
    day, day2 = _day(day_text), found.group("day2")
    year_text = found.group("year")
    if year_text:
        years = [_year(year_text)]
    elif found.published is None:
        return found.unresolved()
    else:
        years = [found.published.year + k for k in (-1, 0, 1)]
    try:
        candidates = [dt.date(y, month, day) for y in years if _valid(y, month, day)]
        if not candidates:
            return None
        first = candidates[0] if len(candidates) == 1 else _nearest_day(found, candidates)
        last = first.replace(day=int(day2)) if day2 else first
    except ValueError:
        return None
    if first is None or last < first:
        return None
    return found.mention(first, last, "range" if last != first else "day")


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= day <= month_end(dt.date(year, month, 1)).day


def _nearest_day(found: _Found, candidates: list[dt.date]) -> dt.date:
    assert found.published is not None
    nearest = _pick(candidates, found.published, 0)
    assert nearest is not None
    if nearest > found.published and _past_verb_just_before(found):
        return _pick(candidates, found.published, -1) or nearest  # "the year ended Jan. 31"
    if abs((nearest - found.published).days) <= NEAR_DAYS:
        return nearest
    way = direction(found.text, found.match.start(), found.match.end())
    return _pick(candidates, found.published, way) or nearest


_LOOKS_PAST_THE_VERB = frozenset({"if", "unless", "once"})


def _past_verb_governs(found: _Found) -> bool:
    """The clause's verb before the date is a regular past ("the firm changed to a calendar
    year in December"), not an adjective after a determiner ("an unspecified date in
    January"), nor a perfect ("has emerged ... in November"); a condition or an infinitive
    between them looks past it ("... if they win in November", "... orders to start the
    trading day for November")."""
    before, _after = _clause(found.text, found.match.start(), found.match.end())
    for i in range(len(before) - 1, -1, -1):
        word, following = before[i], before[i + 1] if i + 1 < len(before) else ""
        if word in _LOOKS_PAST_THE_VERB or (word == "to" and following not in DETERMINERS):
            return False
        if _regular_past(before, i):
            return i == 0 or before[i - 1] not in DETERMINERS | PERFECT_OR_PASSIVE
    return False


def _past_verb_just_before(found: _Found) -> bool:
    """A past tense or "since" right before the date ("ended Jan. 31", "set on Aug. 6",
    "since January 1"): the date is behind publication, however near the next one is."""
    before, _after = _clause(found.text, found.match.start(), found.match.end())
    if before and before[-1] == "on":
        before = before[:-1]
    if not before or (len(before) > 1 and before[-2] in PERFECT_OR_PASSIVE):
        return False  # "will be paid Dec. 14", "has set Nov. 10 as the deadline"
    return before[-1] in PAST_CUES or _regular_past(before, len(before) - 1)


# "every Friday", "each July": what recurs is no date
_HABIT = ("every", "each")


def _weekday(found: _Found) -> DateMention | None:
    which = " ".join(found.group("which").split())
    if which in (*_HABIT, "the previous", "the following"):
        return None  # a habit, or a day counted from another date
    if found.published is None:
        return found.unresolved()
    target, today = WEEKDAYS[found.group("weekday")], found.published
    ahead = (target - today.weekday()) % 7
    if which in ("next", "this coming"):
        offset = ahead or 7
    elif which in ("last", "this past"):
        offset = ahead - 7
    elif which == "this" or direction(found.text, found.match.start(), found.match.end()) > 0:
        offset = ahead
    else:
        offset = -((today.weekday() - target) % 7)
    day = today + dt.timedelta(days=offset)
    return found.mention(day, day, "day")


# --------------------------------------------------------------------------- months


def _month_of(found: _Found, month: int, which: str) -> dt.date | None:
    """The first day of the month meant by a month name without a year, seen from publication."""
    published = found.published
    assert published is not None
    this = dt.date(published.year, month, 1)
    candidates = [this.replace(year=published.year + k) for k in (-2, -1, 0, 1)]
    current = published.replace(day=1)
    if which in ("last", "this past"):
        # "last February" in March is a year back: the month just past is "last month"
        return max(c for c in candidates if c < _add_months(current, -1))
    if which in ("next", "this coming"):
        return min(c for c in candidates if c > current)
    if which == "this":
        return this
    if this == current:
        return this
    ahead = min(c for c in candidates if c > current)
    near = (ahead.year - current.year) * 12 + ahead.month - current.month <= NEAR_MONTHS_AHEAD
    if which in DEADLINE_WORDS and near:
        return ahead  # a deadline outlives the act that set it: "gave them until November"
    way = -1 if which == "since" else direction(found.text, found.match.start(), found.match.end())
    if which in DEADLINE_WORDS and way == 0:
        way = 1  # "by May", "through January"
    if way == 0 and near and _past_verb_governs(found):
        way = -1  # "the firm changed to a calendar year in December", said in October
    if way == 0:  # news mostly recounts: the month past, unless the next one is close
        return ahead if near else max(c for c in candidates if c < current)
    return _pick(candidates, current, way)


def _bare_month(found: _Found) -> DateMention | None:
    which = " ".join(found.group("which").split())
    name = found.group("month").rstrip(".")
    if name in AMBIGUOUS_MONTHS and which in ("", "to", "from", "of", "for", "before", "after"):
        return None  # "may", "to March": a cue must say it is the month
    if not which and _followed_by_name(found):
        return None  # "August Wilson"
    if not which and _word_before(found) in _HABIT:
        return None  # "every July": a habit, no one month
    if found.published is None:
        return found.unresolved("month")
    start = found.match.start()
    named = _YEAR_NAMED_BEFORE.search(found.text[max(0, start - 24) : start])
    if named:  # "sales this year through August", "last year in March": that year's month
        year = found.published.year + _STEP.get(named.group(1).lower(), 0)
        first: dt.date | None = dt.date(year, _month(found), 1)
    else:
        first = _month_of(found, _month(found), which)
    return found.mention(first, month_end(first), "month") if first else None


_PART_CUES = DEADLINE_WORDS | {"since"}


def _word_before(found: _Found) -> str:
    """The word just before the match, lower-cased ("until" in "until mid-November")."""
    start = found.match.start()
    words = _WORD.findall(found.text[max(0, start - 12) : start].lower())
    return words[-1] if words else ""


def _followed_by_name(found: _Found) -> bool:
    rest = found.text[found.match.end() : found.match.end() + 3]
    return bool(_NAME_NEXT.match(rest))


def _month_year(found: _Found) -> DateMention | None:
    rel = found.group("rel")
    if rel:
        if found.published is None:
            return found.unresolved("month")
        year = found.published.year + {"last": -1, "this": 0, "next": 1}[rel]
    else:
        year = _year(found.group("year"))
    first = dt.date(year, _month(found), 1)
    return found.mention(first, month_end(first), "month")


def _part_month(found: _Found) -> DateMention | None:
    """A part of a month ("early March", "the middle of October"): known to the month."""
    year_text = found.group("year")
    if year_text:
        first: dt.date | None = dt.date(_year(year_text), _month(found), 1)
    elif found.published is None:
        return found.unresolved("month")
    else:
        before = _word_before(found)  # "until mid-November", "since early May"
        first = _month_of(found, _month(found), before if before in _PART_CUES else "")
    return found.mention(first, month_end(first), "month") if first else None


# --------------------------------------------------------------------------- relative


def _relative_day(found: _Found) -> DateMention | None:
    if _in_a_name(found) or _an_age(found):
        return None
    if found.published is None:
        return found.unresolved()
    offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[found.group("word")]
    day = found.published + dt.timedelta(days=offset)
    return found.mention(day, day, "day")


_POSSESSIVE_AFTER = re.compile(r"['’]s\s")


def _an_age(found: _Found) -> bool:
    """ "in today's world", "today's personal computers", "the people of tomorrow": the
    present (the future, the past) as an age, no day. "Today's editions", "tomorrow's vote"
    and "as of today" are days."""
    start, end = found.match.start(), found.match.end()
    possessive = _POSSESSIVE_AFTER.match(found.text, end)
    if possessive:
        after = _WORD.findall(found.text[possessive.end() : possessive.end() + 32].lower())
        return bool(GENERIC_HEADS.intersection(after[:2]))
    before = _WORD.findall(found.text[max(0, start - 24) : start].lower())
    return len(before) >= 2 and before[-1] == "of" and before[-2] not in DAY_PARTS


_UNIT_PRECISION = {
    "day": "day",
    "week": "week",
    "weekend": "range",
    "month": "month",
    "year": "year",
}
_STEP = {"last": -1, "this past": -1, "next": 1, "this coming": 1, "the coming": 1}


def _relative_unit(found: _Found) -> DateMention | None:
    if _in_a_name(found):
        return None
    which = " ".join(found.group("which").split())
    unit, step = found.group("unit"), _STEP.get(which, 0)
    if which == "last" and _word_before(found) == "the":
        return None  # "the last week of June", "in the last year of the war": not last week's
    if found.published is None:
        return found.unresolved(_UNIT_PRECISION.get(unit, "months"))
    if which == "the full" and unit != "year":
        return None
    if unit in SEASONS:
        return _season_of(found, unit, which)
    handler = _UNITS[unit]
    return handler(found, found.published, step)


def _week(found: _Found, published: dt.date, step: int) -> DateMention:
    monday = published - dt.timedelta(days=published.weekday())
    first = monday + dt.timedelta(days=7 * step)
    return found.mention(first, first + dt.timedelta(days=6), "week")


def _weekend(found: _Found, published: dt.date, step: int) -> DateMention:
    saturday = published + dt.timedelta(days=(5 - published.weekday()) % 7)
    if step < 0 or (step == 0 and published.weekday() == 0):
        saturday -= dt.timedelta(days=7)
    elif step > 0 and published.weekday() >= 5:
        saturday += dt.timedelta(days=7)
    return found.mention(saturday, saturday + dt.timedelta(days=1), "range")


def _month_step(found: _Found, published: dt.date, step: int) -> DateMention:
    first = _add_months(published.replace(day=1), step)
    return found.mention(first, month_end(first), "month")


def _quarter_step(found: _Found, published: dt.date, step: int) -> DateMention:
    quarter_start = published.replace(month=(published.month - 1) // 3 * 3 + 1, day=1)
    first = _add_months(quarter_start, 3 * step)
    return found.mention(first, month_end(_add_months(first, 2)), "months", _quarter_name(first))


def _quarter_name(first: dt.date) -> str:
    return f"Q{(first.month - 1) // 3 + 1}"


def _year_step(found: _Found, published: dt.date, step: int) -> DateMention:
    year = published.year + step
    return found.mention(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


_UNITS: dict[str, Callable[[_Found, dt.date, int], DateMention]] = {
    "week": _week,
    "weekend": _weekend,
    "month": _month_step,
    "quarter": _quarter_step,
    "year": _year_step,
}


def _add_months(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return first.replace(year=index // 12, month=index % 12 + 1)


def _count(found: _Found) -> int:
    """ "3", "three", "twenty-one", "a" -> the number."""
    words = _SPLIT.split(found.group("n"))
    return int(words[0]) if words[0].isdigit() else sum(CARDINALS[w] for w in words)


def _counted(found: _Found, published: dt.date, count: int) -> DateMention:
    """The day, week, month or year count units away from publication."""
    unit = found.group("unit")
    if unit == "day":
        day = published + dt.timedelta(days=count)
        return found.mention(day, day, "day")
    if unit == "week":
        return _week(found, published + dt.timedelta(days=7 * count), 0)
    if unit == "month":
        return _month_step(found, published, count)
    return _year_step(found, published, count)


_NOUN_AFTER = re.compile(r"\s+[\w$£€]")


def _ago(found: _Found) -> DateMention | None:
    if found.group("dir") == "before" and _NOUN_AFTER.match(found.text, found.match.end()):
        return None  # "a day before the summit": counted from the summit, not publication
    if found.published is None:
        return found.unresolved(_UNIT_PRECISION[found.group("unit")])
    sign = 1 if found.group("dir").split()[0] in ("from", "hence") else -1
    return _counted(found, found.published, sign * _count(found))


def _in_units(found: _Found) -> DateMention | None:
    """ "will be repaid in five years": counted ahead from publication, only when the clause
    looks ahead; otherwise "in five years" is a span ("the first time in five years")."""
    start = found.match.start()
    if _a_span_looked_over(_WORD.findall(found.text[max(0, start - 40) : start].lower())):
        return None
    if direction(found.text, start, found.match.end()) <= 0:
        return None
    if found.published is None:
        return found.unresolved(_UNIT_PRECISION[found.group("unit")])
    return _counted(found, found.published, _count(found))


def _a_span_looked_over(before: list[str]) -> bool:
    """ "the first time in five years", "its weakest growth in two years": a superlative or an
    ordinal after a determiner in the words just before "in" (or "time" right before it)."""
    if before and before[-1] in NOT_COUNTED_FROM_NOW:
        return True
    near = before[-4:]
    return any(
        word in DETERMINERS and (after in NOT_COUNTED_FROM_NOW or after.endswith("est"))
        for word, after in pairwise(near)
    )


def _past_year(found: _Found) -> DateMention | None:
    """ "over the past year": the twelve months up to publication."""
    if found.published is None:
        return found.unresolved("months")
    first = _add_months(found.published.replace(day=1), -12)
    return found.mention(first, found.published, "months")


def _nth_day(found: _Found) -> DateMention | None:
    """ "Today is the eighth day of the strike", "it's the second day of talks": said in the
    present of the day it is written, publication."""
    if found.published is None:
        return found.unresolved()
    return found.mention(found.published, found.published, "day")


# --------------------------------------------------------------------------- spans of months


def _months(
    found: _Found, year: int, first_month: int, last_month: int, period: str = ""
) -> DateMention:
    first = dt.date(year, first_month, 1)
    last_year = year + 1 if last_month < first_month else year
    return found.mention(first, month_end(dt.date(last_year, last_month, 1)), "months", period)


def _quarter(found: _Found) -> DateMention | None:
    if _FISCAL_BEFORE.search(found.text[max(0, found.match.start() - 8) : found.match.start()]):
        return None  # a fiscal quarter's months depend on the company's year
    number = _quarter_number(found.group("ord"))
    year = _explicit_year(found)
    if year is None:
        if found.published is None:
            return found.unresolved("months")
        year = _nearest_quarter_year(found.published, number)
    return _months(found, year, 3 * number - 2, 3 * number, f"Q{number}")


def _quarter_number(ordinal: str) -> int:
    """ "third" or "3rd" -> 3."""
    return int(ordinal[0]) if ordinal[0].isdigit() else ORDINALS[ordinal]


def _explicit_year(found: _Found) -> int | None:
    rel = found.group("rel")
    if rel and found.published is not None:
        return found.published.year + {"last": -1, "this": 0, "next": 1}[rel]
    text = found.group("year") or found.group("year2")
    return _year(text) if text else None


def _nearest_quarter_year(published: dt.date, number: int) -> int:
    """The quarter nearest publication: "the fourth quarter" in a January article is the
    one just ended."""
    current = (published.month - 1) // 3 + 1
    return published.year - 1 if number - current > 1 else published.year


def _half(found: _Found) -> DateMention:
    months = (1, 6) if found.group("ord") == "first" else (7, 12)
    return _months(found, _year(found.group("year")), *months, f"H{1 + (months[0] > 1)}")


def _season(found: _Found) -> DateMention | None:
    which = " ".join(found.group("which").split())
    year = _explicit_year(found)
    season = found.group("season")
    if year is not None and (not which or which.startswith("the")):
        return _months(found, year, *SEASONS[season], SEASON_CODES[season])
    if not which:
        return None  # "summer" alone is not one summer
    if found.published is None:
        return found.unresolved("months")
    if which.startswith("the"):
        return _the_season(found, season) if _a_time_of_year(found) else None
    return _season_of(found, season, which)


def _a_time_of_year(found: _Found) -> bool:
    """ "the summer" is a season after a preposition of time ("over the summer", "into the
    early spring"), not as a thing ("the fall in prices", "after the fall of the wall")."""
    after = found.text[found.match.end() : found.match.end() + 4]
    return _word_before(found) in SEASON_PREPOSITIONS and not re.match(r"\s+(?:of|in)\b", after)


def _the_season(found: _Found, season: str) -> DateMention | None:
    """ "the summer": the one under way or just past, unless the clause looks ahead (then the
    one under way or next); one not yet begun when the clause looks back is last year's."""
    this = _season_of(found, season, "this")
    if this is None or this.first is None or this.last is None or found.published is None:
        return this
    way = direction(found.text, found.match.start(), found.match.end())
    if way > 0 and this.last < found.published:
        return _season_of(found, season, "next")
    if way <= 0 and this.first > found.published:
        return _season_of(found, season, "last")
    return this


def _season_of(found: _Found, season: str, which: str) -> DateMention | None:
    assert found.published is not None
    first_month, last_month = SEASONS[season]
    published, step = found.published, _STEP.get(which, 0)
    # this winter, in January, began last December
    year = published.year - (published.month < first_month == 12)
    start = dt.date(year, first_month, 1)
    ended = published > month_end(dt.date(year + (last_month < first_month), last_month, 1))
    if step < 0:
        year = year if ended else year - 1
    elif step > 0:
        year = year + 1 if published >= start else year
    return _months(found, year, first_month, last_month, SEASON_CODES[season])


def _year_end(found: _Found) -> DateMention | None:
    """ "year-end": the last months of this year; after "since", the day the last year ended
    ("up 5% since year-end": from 31 December, never one still ahead)."""
    since = _word_before(found) == "since"
    if found.published is None:
        return found.unresolved("day" if since else "months")
    if since:
        year = found.published.year - (found.published < dt.date(found.published.year, 12, 31))
        day = dt.date(year, 12, 31)
        return found.mention(day, day, "day")
    return _months(found, found.published.year, *PARTS_OF_YEAR["end of"])


def _part_year(found: _Found) -> DateMention:
    return _months(found, _year(found.group("year")), *PARTS_OF_YEAR[found.group("part")])


def _this_year(found: _Found) -> DateMention | None:
    if found.published is None:
        return found.unresolved("year")
    return _year_step(found, found.published, 0)


def _year_ago(found: _Found) -> DateMention | None:
    """The year before publication's ("year-earlier results"); with a quarter, that quarter a
    year back ("the year-ago third quarter"), or, unnamed, the last one ended a year back
    ("the year-ago quarter")."""
    quarter = found.group("quarter")
    if found.published is None:
        return found.unresolved("months" if quarter else "year")
    if not quarter:
        return _year_step(found, found.published, -1)
    if not found.group("ord"):
        return _quarter_step(found, found.published, -5)
    number = _quarter_number(found.group("ord"))
    year = _nearest_quarter_year(found.published, number) - 1
    return _months(found, year, 3 * number - 2, 3 * number, f"Q{number}")


def _after_a_name(found: _Found) -> bool:
    """A number after a capitalised word inside a sentence ("Orion 1980", "Vision 2020")
    is part of a name (a possessive, "Anheuser's 1989 results", is not)."""
    before = found.text[max(0, found.match.start() - 40) : found.match.start()]
    word = _CAPITALISED_BEFORE.search(before)
    if word is None:
        return False
    return not _SENTENCE_START.search(before[: word.start()])


def _after_a_quantity(before: str) -> bool:
    """A count, not a year: "some 1900 troops", "more than 2000 people"."""
    words = _WORD.findall(before.lower())
    return bool(words) and words[-1] in QUANTITY_WORDS


def _whole_year(found: _Found) -> DateMention | None:
    before = found.text[max(0, found.match.start() - 16) : found.match.start()]
    after = found.text[found.match.end() : found.match.end() + 6]
    if _AT_BEFORE.search(before) or _CLOCK_AFTER.match(after):
        return None  # a time of day: "at 1930 GMT"
    if found.match.re is _BARE_YEAR and (_after_a_name(found) or _after_a_quantity(before)):
        return None
    year = _year(found.group("year"))
    return found.mention(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


_RESOLVERS: dict[str, Callable[[_Found], DateMention | None]] = {
    "month-day": _month_day,
    "day-month": _month_day,
    "month-year": _month_year,
    "month-rel-year": _month_year,
    "part-month": _part_month,
    "month": _bare_month,
    "weekday": _weekday,
    "relative-day": _relative_day,
    "relative-unit": _relative_unit,
    "ago": _ago,
    "quarter": _quarter,
    "half": _half,
    "season": _season,
    "year-end": _year_end,
    "part-year": _part_year,
    "fiscal": _whole_year,
    "this-year": _this_year,
    "year-ago": _year_ago,
    "past-year": _past_year,
    "in-days": _in_units,
    "nth-day": _nth_day,
    "year": _whole_year,
}


# --------------------------------------------------------------------------- anaphora

_PENDING = (
    "anaphor",
    "later",
    "quarter-ref",
    "in-the-day",
    "part-of-unit",
    "then",
    "apposition",
    "ellipsis",
)
_ENDED_AFTER = re.compile(r"\s+(?:ended|ending|that\s+ended)\s+")
_ANAPHORS = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1}
_COARSENESS = {"day": 0, "range": 0, "week": 1, "month": 2, "months": 3, "year": 4}
_DURATION_BEFORE = re.compile(r"(?i)\b(?:in|over|within|during|for)\s+$")


def _anaphor(found: _Found, reference: DateMention | None) -> DateMention | None:
    """ "the following year", "that day", "the previous Friday": counted from the date the
    paragraph named last, never from publication ("over the next year" is a duration)."""
    if reference is None or reference.first is None:
        return None
    start = found.match.start()
    if _DURATION_BEFORE.search(found.text[max(0, start - 8) : start]):
        return None
    step = _ANAPHORS.get(" ".join(found.group("which").split()), 0)
    unit, anchor = found.group("unit"), reference.first
    if unit in WEEKDAYS:
        return _weekday_from(found, anchor, WEEKDAYS[unit], step)
    if _COARSENESS[reference.precision] > _COARSENESS[unit]:
        return None  # "the next day" after "in March"
    if unit == "day":
        day = anchor + dt.timedelta(days=step)
        return found.mention(day, day, "day")
    if unit == "week":
        return _week(found, anchor + dt.timedelta(days=7 * step), 0)
    return (_month_step if unit == "month" else _year_step)(found, anchor, step)


def _later(found: _Found, reference: DateMention | None) -> DateMention | None:
    """ "three weeks later", "a year afterwards": counted on from the date the paragraph named
    last, never from publication (a story tells what followed an earlier day); nothing when
    that date is coarser than the unit ("two days later" after "in March")."""
    if reference is None or reference.first is None:
        return None
    if _COARSENESS[reference.precision] > _COARSENESS[found.group("unit")]:
        return None
    return _counted(found, reference.first, _count(found))


def _weekday_from(found: _Found, anchor: dt.date, target: int, step: int) -> DateMention | None:
    if step == 0:
        return None
    if step > 0:
        day = anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or 7)
    else:
        day = anchor - dt.timedelta(days=(anchor.weekday() - target) % 7 or 7)
    return found.mention(day, day, "day")


def _quarter_ref(
    found: _Found, reference: DateMention | None, by_start: dict[int, DateMention]
) -> DateMention | None:
    """ "the quarter", "the latest quarter": the quarter the paragraph named last; with none
    named, the last quarter ended before publication (the one results are reported for).
    "The quarter ended Oct. 31" is the three months to that day."""
    ended = _ENDED_AFTER.match(found.text, found.match.end())
    closing = by_start.get(ended.end()) if ended else None
    if closing is not None and closing.first is not None:
        first = _add_months(closing.first.replace(day=1), -2)
        period = _quarter_name(first) if first.month % 3 == 1 else ""
        return found.mention(first, month_end(closing.first), "months", period)
    if reference is not None and reference.period.startswith("Q"):
        return found.mention(reference.first, reference.last, "months", reference.period)
    if found.published is None:
        return found.unresolved("months")
    return _quarter_step(found, found.published, -1)


def _pending(
    found: _Found,
    last: DateMention | None,
    period: DateMention | None,
    by_start: dict[int, DateMention],
) -> DateMention | None:
    """An anaphoric date, from the last date named before it (a quarter from the last period)."""
    if found.group("ref") or found.group("ref2"):
        return _quarter_ref(found, period, by_start)
    if found.group("then"):
        return _then(found, last)
    if found.group("in_the_day"):
        return _in_the_day(found, last)
    if found.group("part_unit"):
        return _part_of_unit(found, last)
    if found.group("apposed"):
        return _apposed(found, last)
    if found.group("elided"):
        return _elided(found, last)
    if found.group("later"):
        return _later(found, last)
    return _anaphor(found, last)


def _then(found: _Found, reference: DateMention | None) -> DateMention | None:
    """ "until then", "by then": the date the paragraph named last, as precise as it was."""
    if reference is None or reference.first is None:
        return None
    return found.mention(reference.first, reference.last, reference.precision, reference.period)


def _in_the_day(found: _Found, reference: DateMention | None) -> DateMention | None:
    """ "later in the day": the day the paragraph named last. With none named it is not
    publication's by default: a report often tells of the day before it ("Trump spoke
    Wednesday ... earlier in the day" in Thursday's paper), so it stays unread."""
    if reference is None or reference.first is None or reference.precision not in ("day", "range"):
        return None
    return found.mention(reference.first, reference.first, "day")


def _part_of_unit(found: _Found, reference: DateMention | None) -> DateMention | None:
    """ "by the end of the month", "at the start of this week": known to the month (the week),
    not to a day. "The month" is that of the date the paragraph named last, when that date
    lies within one month ("sales rose on Oct. 3 and should peak by the end of the month");
    otherwise, and for "this month", publication's."""
    unit = found.group("part_unit")
    step = _month_step if unit == "month" else _week
    fine_enough = reference is not None and _COARSENESS[reference.precision] <= _COARSENESS[unit]
    if found.group("part_det") == "the" and fine_enough:
        assert reference is not None
        if reference.first is not None:
            return step(found, reference.first, 0)
    if found.published is None:
        return found.unresolved(unit)
    return step(found, found.published, 0)


_UNIT_OF = {"day": "day", "range": "day", "week": "week", "month": "month", "year": "year"}


def _apposed(found: _Found, reference: DateMention | None) -> DateMention | None:
    """ "On Oct. 12, the day before the crash": "the day" right after a date and a comma
    names that date again (a unit of its own precision only)."""
    if reference is None or reference.first is None or reference.end != found.match.start() - 2:
        return None
    if _UNIT_OF.get(reference.precision) != found.group("apposed"):
        return None
    return found.mention(reference.first, reference.last, reference.precision)


def _elided(found: _Found, reference: DateMention | None) -> DateMention | None:
    """ "twice as high this year as last": the unit of the "this ..." date before it, one back."""
    if (
        reference is None
        or reference.first is None
        or not reference.text.lower().startswith("this ")
    ):
        return None
    unit, anchor = _UNIT_OF.get(reference.precision), reference.first
    if unit == "year":
        return _year_step(found, anchor, -1)
    if unit == "month":
        return _month_step(found, anchor, -1)
    if unit == "week":
        return _week(found, anchor, -1)
    return None


def _year_back(mention: DateMention, reference: DateMention | None, years: int) -> DateMention:
    """ "Profit in the third quarter rose from a year earlier": after a named period (a quarter,
    a season, a half) "a year earlier" and "the year-ago" mean that period a year back."""
    if reference is None or reference.first is None or reference.last is None:
        return mention
    if not reference.period or (mention.period[:1] == "Q" != reference.period[:1]):
        return mention  # no period named, or "the year-ago quarter" after a season
    first = reference.first.replace(year=reference.first.year - years)
    last = month_end(reference.last.replace(year=reference.last.year - years, day=1))
    return replace(mention, first=first, last=last, precision="months", period=reference.period)


def _resolve_anaphora(
    found: list[DateMention], pending: list[_Found], year_back: dict[int, int]
) -> list[DateMention]:
    """Anaphoric dates, in text order, each from the last date before it."""
    items = sorted(
        [*((d.start, d, None) for d in found), *((f.match.start(), None, f) for f in pending)],
        key=lambda item: item[0],
    )
    by_start = {d.start: d for d in found}
    resolved: list[DateMention] = []
    last: DateMention | None = None
    period: DateMention | None = None  # the last period named, not itself counted back
    for _start, mention, anaphor in items:
        if anaphor is not None:
            mention = _pending(anaphor, last, period, by_start)
        elif mention is not None and year_back.get(mention.start):
            mention = _year_back(mention, period, year_back[mention.start])
        if mention is None:
            continue
        resolved.append(mention)
        if mention.first is None:
            continue
        last = mention
        if mention.start not in year_back or anaphor is not None:
            period = mention
    return resolved


def _resolve(kind: str, found: _Found) -> DateMention | None:
    try:
        return _RESOLVERS[kind](found)
    except (ValueError, OverflowError):
        return None  # "999 years ago" in a year-100 text: outside the calendar, no date


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression in text, in text order; where two overlap, the longer one (then
    the more specific kind) wins. Names holding date words are skipped."""
    if published is not None and not 100 <= published.year <= 9000:
        published = None  # a placeholder date (0001-01-01) resolves nothing
    candidates = [
        (-(m.end() - m.start()), rank, m.start(), kind, m)
        for start, end, lowered in ((s, e, text[s:e].lower()) for s, e in windows(text))
        for rank, (kind, pattern) in enumerate(PATTERNS)
        if any(needle in lowered for needle in NEEDLES[kind])
        for m in pattern.finditer(text, start, end)
    ]
    taken = bytearray(len(text) + 1)
    for shield in SHIELDS.finditer(text):
        taken[shield.start() : shield.end()] = b"\x01" * (shield.end() - shield.start())
    found: list[DateMention] = []
    pending: list[_Found] = []
    year_back: dict[int, int] = {}
    for _length, _rank, start, kind, match in sorted(candidates, key=lambda c: c[:3]):
        if taken.find(1, start, match.end()) != -1:
            continue
        if kind in _PENDING:
            pending.append(_Found(text, match, published))
            taken[start : match.end()] = b"\x01" * (match.end() - start)
            continue
        mention = _resolve(kind, _Found(text, match, published))
        if mention is not None:
            found.append(mention)
            taken[start : match.end()] = b"\x01" * (match.end() - start)
            years = _years_back(kind, match, mention, published)
            if years is not None:
                year_back[start] = years
    return _resolve_anaphora(found, pending, year_back)


def _years_back(
    kind: str, match: re.Match[str], mention: DateMention, published: dt.date | None
) -> int | None:
    """How many years back a "year-ago" or "N years earlier/ago" counts from the period named
    before it: 0 for "the year-ago third quarter", which names its own; None for dates that
    count nothing back (only these can be the period a later one counts from)."""
    if kind == "year-ago":
        return 0 if match.group("ord") else 1
    if kind == "ago" and mention.precision == "year" and mention.first and published:
        return published.year - mention.first.year
    return None
