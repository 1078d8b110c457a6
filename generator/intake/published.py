"""Publication dates: read a stated one, refuse an implausible one, propose one for review.

Three levels of trust, kept apart on purpose:

- `parse_published` reads a date the file states as metadata (`published: 2020-03-05`);
  `plausible` refuses placeholders (0001-01-01, the Unix epoch) and dates before 1900 or
  after next year, whatever the format the date came in.
- `infer_published` reads a date the article text states in full ("Published 19 December
  2016", a dated wire dateline); ingest stores it and says so in `notes`.
- `propose_published` only *proposes* a date for an undated article, from the page address
  (/2017/05/03/) or a dateline without a year ("MOSCOW, February 25 —"). The proposal is never
  stored as fact: `add` reports it and the analyst accepts or corrects it in review.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.intake.article import UNKNOWN, Article, IngestError
from generator.intake.clean import normalise_line
from generator.text import calendar

EARLIEST = dt.date(1900, 1, 1)
# Dates that tools write when they have none: year 1, and day 0 of common clocks.
PLACEHOLDERS = frozenset({dt.date(1, 1, 1), dt.date(1900, 1, 1), dt.date(1970, 1, 1)})

_MONTHS = calendar.numbered("months")  # "sept" -> 9: the calendar owns month names
_MONTH = calendar.month_pattern()
_FULL_DATE = (
    rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
)
_PUBLISHED_LINE = re.compile(
    rf"^(?:Published|Posted|First published|Date published)(?:\s+on)?\s*:?\s*"
    rf"(?:[A-Z][a-z]+day,?\s+)?{_FULL_DATE}\b",
    re.IGNORECASE,
)
_AGENCIES = r"Reuters|AP|AFP|Sputnik|TASS|Xinhua|Anadolu|AA|dpa|UPI|IANS|PTI|ANI|Bloomberg"
_PLACE = r"(?P<place>[A-Z][A-Z.' -]+(?:,\s*[A-Z][A-Za-z.' -]+)?)"
_DASH = rf"\s*(?:\((?:{_AGENCIES})\)\s*)?[-–—]"
_DATELINE = re.compile(rf"^{_PLACE},\s*{_FULL_DATE}{_DASH}")
# A dateline with a day and month but no year: "MOSCOW, February 25 —", "ANKARA, 4 April (AA) -".
_DATELINE_NO_YEAR = re.compile(
    rf"^{_PLACE},\s*(?:(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})|(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})),?"
    rf"{_DASH}"
)
# A date in a page address: /2017/05/03/, /2017-05-03-, /20170503/; the year-month form
# (/2017/05/) gives only a year for a dateline's day and month.
_URL_DAY = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d\d)(?P<s>[/_.-]?)(?P<m>[01]\d)(?P=s)(?P<d>[0-3]\d)(?![\d])"
)
_URL_MONTH = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)(?:/|$)")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def latest(today: dt.date | None = None) -> dt.date:
    """The last plausible publication date: the end of next year (clocks and time zones differ,
    and an embargoed article may carry tomorrow's date)."""
    return dt.date((today or dt.date.today()).year + 1, 12, 31)


def implausible(date: dt.date, today: dt.date | None = None) -> str | None:
    """Why a date cannot be a publication date ("a placeholder", "before 1900", ...), or None."""
    if date in PLACEHOLDERS:
        return "a placeholder, not a date"
    if date < EARLIEST:
        return "before 1900"
    if date > latest(today):
        return f"after {latest(today).year}"
    return None


def plausible(date: dt.date | None, today: dt.date | None = None) -> dt.date | None:
    """The date if it can be a publication date, else None."""
    return date if date is not None and implausible(date, today) is None else None


def parse_published(value: str) -> dt.date | None:
    """YYYY-MM-DD (optionally followed by a time: 2020-03-05T10:00Z) -> date, else None."""
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:.+\-Z]*)?", value.strip())
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def stated_date(value: str, line: int, key: str) -> dt.date | None:
    """A `published:`/`date:` metadata value: None for empty or `unknown`; IngestError naming
    the line when it is no date or no plausible one (a placeholder like 0001-01-01)."""
    value = value.strip()
    if not value or value.lower() == UNKNOWN:
        return None
    date = parse_published(value) or _written_date(value)
    if date is None:
        raise IngestError(f":{line}: {key} '{value}' is not a date (YYYY-MM-DD or unknown)")
    if why := implausible(date):
        raise IngestError(
            f":{line}: {key} '{value}' is {why} (write the real date, or unknown if not known)"
        )
    return date


# A date as feeds and exports write it, whole and with no doubt about its order: "March 5,
# 2020", "5 March 2020", "Thu, 05 Mar 2020 10:00:00 +0000" (RSS), "2020/03/05". ("03/05/2020"
# stays refused: the 3rd of May or the 5th of March.)
_WRITTEN = re.compile(
    rf"(?:[A-Za-z]{{3,9}},?\s+)?{_FULL_DATE}(?:,?\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
    r"(?:\s*(?:[+-]\d{4}|[A-Z]{1,5}))?)?",
    re.IGNORECASE,
)
_YEAR_FIRST = re.compile(r"(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})")


def _written_date(value: str) -> dt.date | None:
    """A metadata date written out in full (see _WRITTEN), else None."""
    if found := _WRITTEN.fullmatch(value):
        return _match_date(found)
    if found := _YEAR_FIRST.fullmatch(value):
        return _make_date(found["y"], found["m"], found["d"])
    return None


def _make_date(year: str | int, month: str, day: str | int) -> dt.date | None:
    number = int(month) if month.isdigit() else _MONTHS.get(month.rstrip(".").lower())
    try:
        return plausible(dt.date(int(year), number or 0, int(day)))
    except (ValueError, TypeError):
        return None


def _match_date(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    if parts.get("iso"):
        return plausible(parse_published(parts["iso"]))
    if parts.get("d1"):
        return _make_date(parts["y1"], parts["m1"], parts["d1"])
    return _make_date(parts["y2"], parts["m2"], parts["d2"])


def infer_published(raw_lines: list[str], paragraphs: list[str]) -> tuple[dt.date, str] | None:
    """A publication date the text states in full, with a note saying where it came from.

    Only two shapes count: a "Published 19 December 2016" line, and a dated wire dateline
    ("MOSCOW, Dec 19, 2016 (Reuters) -") at the start of the article. A weekday ("on Monday")
    or a date without a year is not enough, and neither is a page-capture time stamp.
    """
    for line in raw_lines[:80]:
        text = normalise_line(line)
        match = _PUBLISHED_LINE.match(text)
        if match and (date := _match_date(match)):
            return date, f'Published date inferred from the page line "{match.group(0)}".'
    for paragraph in paragraphs[:2]:
        match = _DATELINE.match(paragraph)
        if match and (date := _match_date(match)):
            quoted = match.group(0).rstrip("-–— ")
            return date, f'Published date inferred from the dateline "{quoted}".'
    return None


def _url_day(url: str) -> tuple[dt.date, str] | None:
    for match in _URL_DAY.finditer(url):
        date = _make_date(match["y"], match["m"], match["d"])
        if date:
            return date, match.group(0)
    return None


def url_date(url: str) -> dt.date | None:
    """The day a page address names (/2017/05/03/), if any."""
    found = _url_day(url)
    return found[0] if found else None


def _dateline_year(url: str, paragraphs: list[str]) -> tuple[int, str] | None:
    """The year to complete a dateline with: the page address's, else the latest year the
    text mentions (a report rarely names a year after its own)."""
    if match := _URL_MONTH.search(url):
        return int(match["y"]), f"the year in the address ({match['y']})"
    last = latest().year
    years = [int(y) for p in paragraphs for y in _YEAR.findall(p) if int(y) <= last]
    if years:
        return max(years), f"the latest year the text mentions ({max(years)})"
    return None


def propose_published(article: Article) -> tuple[dt.date, str] | None:
    """A publication date to *propose* for an undated article, with the reason, or None.

    Pure: it reads `article.url` and `article.paragraphs` and changes nothing. Used by `add`
    to say "published unknown; the URL suggests 2017-05-03" and by review to offer the date
    to the analyst; never written as the source's `published:` without the analyst's say.
    An article that already has a date gets no proposal.
    """
    if article.published is not None:
        return None
    url = article.url or ""
    if found := _url_day(url):
        return found[0], f'the URL suggests {found[0].isoformat()} ("{found[1]}")'
    return _dateline_proposal(url, article.paragraphs)


def _dateline_proposal(url: str, paragraphs: list[str]) -> tuple[dt.date, str] | None:
    for paragraph in paragraphs[:2]:
        match = _DATELINE_NO_YEAR.match(paragraph)
        year = _dateline_year(url, paragraphs) if match else None
        if not match or not year:
            continue
        date = _make_date(year[0], match["m1"] or match["m2"], match["d1"] or match["d2"])
        if date:
            quoted = match.group(0).rstrip("-–— ")
            return date, f'the dateline "{quoted}" suggests {date.isoformat()}, with {year[1]}'
    return None
