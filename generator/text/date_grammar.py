"""The date grammar: one regular expression per kind of date expression, built from the
calendar's words (calendar.py). Every pattern is a sequence of bounded pieces with no nested
repetition, so each scan is linear in the text's length."""

from __future__ import annotations

import re

from generator.text import calendar


def _either(words: list[str] | tuple[str, ...]) -> str:
    """An alternation, longest first so "sept" wins over "sep"; spaces match any run of them."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _cased(words: list[str]) -> str:
    """Title-case or upper-case forms only: "May" and "MAY" are months, "may" is not."""
    return _either([f(w) for w in words for f in (str.title, str.upper)])


_LINES = calendar.sections()["months"]
FULL_MONTHS = [line[1] for line in _LINES]
ABBREVIATIONS = [word for line in _LINES for word in line[2:]]
AMBIGUOUS_MONTHS = set(calendar.words("ambiguous_months"))
CARDINALS = calendar.numbered("cardinals")
ORDINALS = calendar.numbered("ordinals")

_UNITS = _either([w for w, n in CARDINALS.items() if 1 <= n <= 9 and w not in ("a", "an")])
_TEENS = _either([w for w, n in CARDINALS.items() if 10 <= n <= 19])
_TENS = _either([w for w, n in CARDINALS.items() if n >= 20])
# "nineteen ninety-six", "nineteen hundred", "the year two thousand (and) one"
SPELLED_YEAR = (
    rf"(?i:nineteen[\s-]+(?:hundred|(?:{_TENS})(?:[\s-]+(?:{_UNITS}))?|{_TEENS})"
    rf"|(?<=year\s)two\s+thousand(?:\s+(?:and\s+)?(?:{_UNITS}))?)(?![\w-])"
)
DIGIT_YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d,.]?\d)"
YEAR = rf"(?:{DIGIT_YEAR}|{SPELLED_YEAR})"
MONTH_FULL = _cased(FULL_MONTHS)
MONTH_ABBR = _cased(ABBREVIATIONS)
# before a day number an abbreviation needs no period ("Sept 30"); alone it does ("in Sept.")
MONTH_DAYED = rf"(?:{MONTH_FULL}|(?:{MONTH_ABBR})\.?)"
MONTH_ALONE = rf"(?:{MONTH_FULL}|(?:{MONTH_ABBR})\.)"
ORDINAL_WORDS = _either([*ORDINALS, "twenty-first", "twenty-second", "twenty-third"])
DAY = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?(?![\d,.]?\d)|(?i:{ORDINAL_WORDS})\b)"
WEEKDAY = _cased([line[1] for line in calendar.sections()["weekdays"]])
# "Tuesday, Aug. 27, 2019" is one date: the weekday adds nothing to the day
ON_WEEKDAY = rf"(?:(?:{WEEKDAY}),?\s+)?"
NUMBER = rf"(?:\d{{1,3}}|(?i:(?:{_TENS})[\s-]+(?:{_UNITS})|{_either(list(CARDINALS))}))"
SEASON = _either(list(calendar.spans("seasons")))
PART_OF_MONTH = _either(calendar.words("parts_of_month"))
PART_OF_YEAR = _either(list(calendar.spans("parts_of_year")))
QUARTER_ORD = "first|second|third|fourth|1st|2nd|3rd|4th"
_REL = r"(?i:this|last|next)"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("month-day", rf"\b{ON_WEEKDAY}(?P<month>{MONTH_DAYED})\s+(?P<day>{DAY})"
                      rf"(?:\s*(?:or|and|-|–|to)\s*(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,.]?\d))?"
                      rf"(?:,?\s+(?P<year>{YEAR}))?"),
        ("day-month", rf"\b{ON_WEEKDAY}(?P<day>{DAY})(?:\s+of)?\s+(?P<month>{MONTH_DAYED})\b"
                      rf"(?:,?\s+(?P<year>{YEAR}))?"),
        ("month-year", rf"\b(?P<month>{MONTH_ALONE})(?:,?\s+|\s+of\s+)(?P<year>{YEAR})"),
        ("month-rel-year", rf"\b(?P<month>{MONTH_ALONE})\s+(?P<rel>{_REL})\s+year\b"),
        ("part-month", rf"\b(?P<part>(?i:{PART_OF_MONTH}))(?:\s+|-)(?P<month>{MONTH_ALONE})"
                       rf"(?:,?\s+(?P<year>{YEAR}))?"),
        ("month", rf"\b(?:(?P<which>(?i:this\s+past|this\s+coming|last|next|this|in|by|since|"
                  rf"until|till|through|during|for|from|of|to|before|after|early|late))\s+)?"
                  rf"(?P<month>{MONTH_ALONE})(?!\s*\d)(?!\w)"),
        ("weekday", rf"\b(?:(?P<which>(?i:this\s+coming|this\s+past|the\s+previous|the\s+following"
                    rf"|last|this|next|on|late\s+on|early\s+on|every|each))\s+)?"
                    rf"(?P<weekday>{WEEKDAY})(?!s\b)\b"),
        ("anaphor", r"\b(?P<which>(?i:the\s+following|the\s+next|the\s+previous|the\s+preceding"
                    rf"|that|the\s+same))\s+(?P<unit>(?i:day|week|month|year)|{WEEKDAY})\b"),
        ("quarter-ref", r"\b(?P<ref>(?i:the\s+latest|the\s+most\s+recent|the\s+same|that|the))"
                        r"\s+quarter\b(?!-|\s+of\b)|\b(?P<ref2>(?i:the\s+latest))\s+(?i:period)\b"),
        ("relative-day", r"\b(?P<word>(?i:yesterday|today|tonight|tomorrow))\b"),
        ("relative-unit", r"\b(?P<which>(?i:earlier\s+this|later\s+this|early\s+this|late\s+this|"
                          r"this\s+past|this\s+coming|the\s+current|the\s+coming|the\s+full|"
                          r"last|this|next))\s+(?P<unit>(?i:week|month|year|quarter|weekend|"
                          rf"{SEASON}))\b(?!-)"),
        ("ago", rf"\b(?P<n>{NUMBER})\s+(?P<unit>(?i:day|week|month|year))s?(?:\s+or\s+so)?"
                r"\s+(?P<dir>(?i:ago|earlier|before|from\s+now|hence))\b"),
        ("later", rf"\b(?P<n>{NUMBER})\s+(?P<unit>(?i:day|week|month|year))s?"
                  r"\s+(?P<later>(?i:later|afterwards?))\b"),
        ("quarter", rf"\b(?:(?P<rel>{_REL})\s+year's\s+|(?P<year>{DIGIT_YEAR})\s+)?"
                    rf"(?P<ord>(?i:{QUARTER_ORD}))[\s-]+(?i:quarter)\b"
                    rf"(?:\s+of\s+(?P<year2>{YEAR}))?"),
        ("half", rf"\b(?P<ord>(?i:first|second|last|latter))\s+half\s+of\s+(?P<year>{YEAR})"),
        ("season", rf"\b(?:(?P<which>(?i:this\s+past|this\s+coming|this|last|next"
                   rf"|the(?:\s+early|\s+late)?))\s+)?"
                   rf"(?P<season>(?i:{SEASON}))(?:\s+of\s+(?P<year>{YEAR})|\s+(?P<year2>{DIGIT_YEAR}))?\b"),
        ("year-end", r"\b(?:(?i:the\s+)?(?i:end)\s+of\s+(?:the|this)\s+year"
                     r"|(?i:year)(?:-|\s+|'s\s+)end)\b"),
        ("part-year", rf"\b(?P<part>(?i:{PART_OF_YEAR}))(?:\s+|-)(?P<year>{DIGIT_YEAR})"
                      r"(?!['’]?s\b)"),  # not "the late 1970s", a decade
        ("fiscal", rf"\b(?i:fiscal)(?:\s+(?i:year))?\s+(?P<year>{YEAR})"),
        ("this-year", r"\b(?i:the\s+current(?:\s+fiscal)?\s+year|the\s+full\s+year|"
                      r"(?:for|of|during|through|(?:earlier|later)\s+in)\s+the\s+(?:fiscal\s+)?year\b"
                      r"(?!-|\s+(?:\d|two|nineteen|before|after|earlier|later|ago|that|when|in\s+which)))\b"),
        ("past-year", r"\b(?i:the\s+(?:past|last))\s+(?i:year)\b"
                      r"(?!-|'|\s+(?:of|in\s+which|before)\b)"),
        ("in-days", rf"\b(?i:in)\s+(?P<n>{NUMBER})\s+(?P<unit>(?i:day|week|month|year))s?\b(?!-)"),
        ("in-the-day", r"\b(?P<in_the_day>(?i:later|earlier|early|late)\s+in\s+the\s+day)\b"),
        ("part-of-unit", r"\b(?:(?i:the)\s+)?(?i:end|beginning|start|middle)\s+of\s+"
                         r"(?P<part_det>(?i:the|this))\s+(?P<part_unit>(?i:month|week))\b(?!-|'|\s+of\b)"),
        ("then", r"\b(?i:until|till|by)\s+(?P<then>then)\b"),
        ("apposition", r"(?<=, )the\s+(?P<apposed>day|week|month|year)\b(?!s|-)"),
        ("ellipsis", r"\b(?:than|as)\s+(?P<elided>last)\b(?![ \t]+[A-Za-z]|-)"),
        ("nth-day", rf"\b(?P<subject>(?i:today|it|this))\s*(?:\s(?i:is)|['’]s)\s+(?i:the)\s+"
                    rf"(?:(?i:{ORDINAL_WORDS})|\d{{1,3}}(?:st|nd|rd|th))\s+"
                    r"(?:(?i:straight|consecutive|full)\s+)?(?i:day)\b(?!s)"),
        ("year-ago", rf"\b(?i:year)-(?i:ago|earlier)(?:\s+(?:(?P<ord>(?i:{QUARTER_ORD}))[\s-]+)?"
                     r"(?P<quarter>(?i:quarter)))?\b"),
        ("year", rf"(?<![\w$#£€¥./:-])(?P<year>{YEAR})(?!s\b|'s\b|\s?%|-\d|\w)"),
    )
)  # fmt: skip


_DIGITS = tuple("0123456789")
_MONTH_STEMS = tuple(line[1][:3] for line in _LINES)
_UNIT_WORDS = ("day", "week", "month", "year")
# A pattern can only match where one of its words (lower-cased) or a digit occurs: a stretch
# of text holding none of them is not scanned with it.
NEEDLES: dict[str, tuple[str, ...]] = {
    "month-day": _MONTH_STEMS,
    "day-month": _MONTH_STEMS,
    "month-year": _MONTH_STEMS,
    "month-rel-year": _MONTH_STEMS,
    "part-month": _MONTH_STEMS,
    "month": _MONTH_STEMS,
    "weekday": ("day",),
    "anaphor": _UNIT_WORDS,
    "quarter-ref": ("quarter", "period"),
    "relative-day": ("day", "tonight", "tomorrow"),
    "relative-unit": (*_UNIT_WORDS, "quarter", *calendar.spans("seasons")),
    "ago": ("ago", "earlier", "before", "now", "hence"),
    "later": ("later", "afterward"),
    "quarter": ("quarter",),
    "half": ("half",),
    "season": tuple(calendar.spans("seasons")),
    "year-end": ("end",),
    "part-year": _DIGITS,
    "fiscal": ("fiscal",),
    "this-year": ("year",),
    "year-ago": ("year-",),
    "past-year": ("year",),
    "in-days": _UNIT_WORDS,
    "in-the-day": ("day",),
    "part-of-unit": ("month", "week"),
    "then": ("then",),
    "apposition": _UNIT_WORDS,
    "ellipsis": ("last",),
    "nth-day": ("day",),
    "year": (*_DIGITS, "nineteen", "thousand"),
}


def name_shields() -> re.Pattern[str]:
    """The names that hold date words ("Russia Today"), matched as written."""
    return re.compile(rf"\b(?:{_either(calendar.words('name_shields'))})\b")


# Every date expression holds one of these words or a digit; scanning the patterns only near
# them keeps ordinary prose cheap (one pass for the anchors, then short windows).
ANCHOR = re.compile(
    r"\d|\b(?i:"
    + _either(
        [*FULL_MONTHS, *ABBREVIATIONS, *(line[1] for line in calendar.sections()["weekdays"]),
         "today", "tonight", "tomorrow", "yesterday", "day", "week", "weekend", "month", "year",
         "quarter", "period", "half", "ago", "fiscal", "nineteen", "thousand", "then", "last",
         *calendar.spans("seasons")]
    )
    + r")s?\b"
)  # fmt: skip
# how far a date expression reaches before and after its anchor word
REACH_BEFORE, REACH_AFTER = 48, 64


def windows(text: str) -> list[tuple[int, int]]:
    """Disjoint stretches of text around the anchors, each cut at a space so that no word
    is split. Anchors inside a stretch are skipped, not visited one by one."""
    found: list[tuple[int, int]] = []
    anchor = ANCHOR.search(text)
    while anchor is not None:
        start = max(0, anchor.start() - REACH_BEFORE)
        if found and start <= found[-1][1]:
            start = found.pop()[0]
        else:
            space = text.rfind(" ", 0, start + 1)
            start = space + 1 if space >= 0 else 0
        space = text.find(" ", min(len(text), anchor.end() + REACH_AFTER))
        end = len(text) if space < 0 else space
        found.append((start, end))
        # an anchor before end - REACH_AFTER could not reach past end
        anchor = ANCHOR.search(text, max(anchor.end(), end - REACH_AFTER))
    return found
