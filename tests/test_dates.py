"""Date expressions resolved against the publication date."""

from __future__ import annotations

import datetime as dt

from generator.text.dates import find_dates

THURSDAY_5_MARCH_2020 = dt.date(2020, 3, 5)
SATURDAY_29_FEB_2020 = dt.date(2020, 2, 29)


def resolved(text: str, published: dt.date | None) -> list[tuple[str, str, str]]:
    return [(d.text, d.precision, d.display) for d in find_dates(text, published)]


def test_weekday_is_the_most_recent_on_or_before_publication() -> None:
    assert resolved("They met on Thursday.", THURSDAY_5_MARCH_2020) == [
        ("on Thursday", "day", "5 March 2020")
    ]
    assert resolved("They agreed on Friday.", SATURDAY_29_FEB_2020) == [
        ("on Friday", "day", "28 February 2020")
    ]


def test_month_day_alternatives_are_a_range() -> None:
    assert resolved("due to meet on March 5 or 6", SATURDAY_29_FEB_2020) == [
        ("March 5 or 6", "range", "2020-03-05 to 2020-03-06")
    ]


def test_month_and_year_has_month_precision() -> None:
    assert resolved("since the downing in November 2015", THURSDAY_5_MARCH_2020) == [
        ("November 2015", "month", "November 2015")
    ]


def test_relative_expressions() -> None:
    found = resolved("Last year it happened; last week too.", THURSDAY_5_MARCH_2020)
    assert found == [
        ("Last year", "year", "2019"),
        ("last week", "week", "2020-02-24 to 2020-03-01"),
    ]


def test_full_dates_and_unknown_publication() -> None:
    assert resolved("a meeting in Moscow, Russia March 5, 2020", None) == [
        ("March 5, 2020", "day", "5 March 2020")
    ]
    assert resolved("They met on Monday.", None) == [
        ("on Monday", "day", "unresolved (publication date unknown)")
    ]


def test_part_of_a_year_is_a_span_of_months() -> None:
    found = find_dates("strained since a jet was shot down in late 2015, and in mid-2016", None)
    assert [(d.text, d.precision, d.display) for d in found] == [
        ("late 2015", "months", "September–December 2015"),
        ("mid-2016", "months", "May–August 2016"),
    ]
