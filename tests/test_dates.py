"""Date expressions resolved against the publication date."""

from __future__ import annotations

import datetime as dt
import time

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


# Failure modes seen on news text no rule was written against; each sentence is our own.
FRIDAY_12_JUNE_2020 = dt.date(2020, 6, 12)
WEDNESDAY_13_JANUARY_2021 = dt.date(2021, 1, 13)
TUESDAY_3_NOVEMBER_2020 = dt.date(2020, 11, 3)


def values(text: str, published: dt.date | None) -> list[tuple[str, str, str]]:
    return [
        (d.text, d.precision, d.first.isoformat() if d.first else "-")
        for d in find_dates(text, published)
    ]


def test_a_weekday_in_a_future_clause_looks_ahead() -> None:
    text = "The two presidents will meet on Saturday in Sochi, the Kremlin said on Friday."
    assert values(text, FRIDAY_12_JUNE_2020) == [
        ("on Saturday", "day", "2020-06-13"),
        ("on Friday", "day", "2020-06-12"),
    ]


def test_a_weekday_in_a_past_clause_looks_back() -> None:
    text = "The foreign ministers met on Saturday and said on Sunday they had agreed a ceasefire."
    assert values(text, FRIDAY_12_JUNE_2020) == [
        ("on Saturday", "day", "2020-06-06"),
        ("on Sunday", "day", "2020-06-07"),
    ]


def test_last_weekday_on_that_weekday_is_a_week_back() -> None:
    text = "Shares fell last Wednesday after the central bank raised rates."
    assert values(text, WEDNESDAY_13_JANUARY_2021) == [("last Wednesday", "day", "2021-01-06")]


def test_month_and_day_without_a_year_take_the_nearest_year() -> None:
    text = "The talks collapsed on Nov. 25, and a new round is due to open Feb. 3."
    assert values(text, WEDNESDAY_13_JANUARY_2021) == [
        ("Nov. 25", "day", "2020-11-25"),
        ("Feb. 3", "day", "2021-02-03"),
    ]


def test_a_dividend_payable_in_january_is_next_january() -> None:
    text = "The quarterly dividend is payable Jan. 4 to holders of record Dec. 15."
    assert values(text, TUESDAY_3_NOVEMBER_2020) == [
        ("Jan. 4", "day", "2021-01-04"),
        ("Dec. 15", "day", "2020-12-15"),
    ]


def test_abbreviated_months_with_periods() -> None:
    text = "Its fiscal year ended Sept. 30; the board meets again in Sept. next year, not in Dec."
    assert values(text, TUESDAY_3_NOVEMBER_2020) == [
        ("Sept. 30", "day", "2020-09-30"),
        ("Sept. next year", "month", "2021-09-01"),
        ("in Dec.", "month", "2020-12-01"),  # a month ahead, with no tense to say otherwise
    ]


def test_months_and_years_counted_from_publication() -> None:
    text = (
        "Exports fell last month and will recover next year, two weeks after the strike began "
        "and three months ago the mine closed; five years ago it employed 4,000, 10 days ago "
        "fewer than 900. Talks continue this week."
    )
    assert values(text, TUESDAY_3_NOVEMBER_2020) == [
        ("last month", "month", "2020-10-01"),
        ("next year", "year", "2021-01-01"),
        ("three months ago", "month", "2020-08-01"),
        ("five years ago", "year", "2015-01-01"),
        ("10 days ago", "day", "2020-10-24"),
        ("this week", "week", "2020-11-02"),
    ]


def test_a_year_earlier_is_the_year_before() -> None:
    text = "Profit rose to $12 million from $9 million a year earlier."
    assert values(text, TUESDAY_3_NOVEMBER_2020) == [("a year earlier", "year", "2019-01-01")]


def test_last_month_in_january_is_december_of_the_year_before() -> None:
    # "last month" had not been read at all; in January it must also cross the new year.
    text = "Factory orders fell sharply last month, the statistics office said."
    assert values(text, WEDNESDAY_13_JANUARY_2021) == [("last month", "month", "2020-12-01")]


def test_a_year_ago_alone_is_the_year_before_publication() -> None:
    # "a year ago" with no period named before it: no finer than the year, which is all it says.
    text = "Turnout was far higher than a year ago, when the vote was held in driving rain."
    (found,) = find_dates(text, WEDNESDAY_13_JANUARY_2021)
    assert (found.text, found.precision, found.timex) == ("a year ago", "year", "2020")


def test_quarters_are_spans_of_three_months() -> None:
    text = "Third-quarter profit doubled, and the company expects the fourth quarter to be weaker."
    found = find_dates(text, TUESDAY_3_NOVEMBER_2020)
    assert [(d.text, d.precision, d.display) for d in found] == [
        ("Third-quarter", "months", "July–September 2020"),
        ("fourth quarter", "months", "October–December 2020"),
    ]
    january = find_dates("Sales in the fourth quarter were flat.", WEDNESDAY_13_JANUARY_2021)
    assert [d.display for d in january] == ["October–December 2020"]


def test_seasons_with_a_cue_are_spans_of_months() -> None:
    text = "The dam cracked last summer and repairs will start this spring; summer jobs are scarce."
    found = find_dates(text, WEDNESDAY_13_JANUARY_2021)
    assert [(d.text, d.display) for d in found] == [
        ("last summer", "June–August 2020"),
        ("this spring", "March–May 2021"),
    ]


def test_bare_months_and_years() -> None:
    text = "The plant opened in 1998 and was sold in March; since 2005 it has changed hands twice."
    assert values(text, TUESDAY_3_NOVEMBER_2020) == [
        ("1998", "year", "1998-01-01"),
        ("in March", "month", "2020-03-01"),
        ("2005", "year", "2005-01-01"),
    ]


def test_may_and_march_as_words_are_no_months() -> None:
    text = "Officials may march to the square; Theresa May said the May vote in May was final."
    assert values(text, TUESDAY_3_NOVEMBER_2020) == [("in May", "month", "2020-05-01")]


def test_no_date_inside_a_name() -> None:
    text = (
        "He told Russia Today and the Today show, as USA Today reported, that the Sunday Times "
        "was wrong. Today, he flies to Ankara."
    )
    assert values(text, TUESDAY_3_NOVEMBER_2020) == [("Today", "day", "2020-11-03")]


def test_a_named_day_is_no_weekday() -> None:
    # "the Good Friday Agreement" was the Friday nearest publication.
    text = (
        "The Good Friday Agreement of 1998 was recalled at the rally, as was Bloody Sunday; "
        "the two sides meet again on Friday."
    )
    assert values(text, TUESDAY_3_NOVEMBER_2020) == [
        ("1998", "year", "1998-01-01"),
        ("on Friday", "day", "2020-11-06"),
    ]


def test_a_month_that_recurs_is_no_date() -> None:
    # "every January" was January of this year, as if it happened once.
    text = "Talks resume every January and each July, and the next round opens in December."
    assert values(text, TUESDAY_3_NOVEMBER_2020) == [("in December", "month", "2020-12-01")]


def test_numbers_that_are_not_years() -> None:
    text = "The rover Orion 1980 landed at 1930 GMT after a 2,000-mile trip costing $1999."
    assert values(text, TUESDAY_3_NOVEMBER_2020) == []
    text = "Some 1900 troops and more than 2000 police were deployed after the 2019 election."
    assert values(text, TUESDAY_3_NOVEMBER_2020) == [("2019", "year", "2019-01-01")]


def test_years_in_words_as_read_on_air() -> None:
    text = "In nineteen ninety-six the first bomb went off; by the year two thousand, three more."
    assert [d.first.year for d in find_dates(text, TUESDAY_3_NOVEMBER_2020) if d.first] == [
        1996,
        2000,
    ]


def test_a_megabyte_paragraph_is_scanned_in_linear_time() -> None:
    sentence = (
        "The ministers will meet on Saturday, officials said on March 5, 2020, a year after the "
        "third quarter of 1999 ended and 1,200 troops crossed the border near the river. "
    )
    paragraph = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000]
    started = time.process_time()
    found = find_dates(paragraph, THURSDAY_5_MARCH_2020)
    assert len(found) > 15_000
    assert time.process_time() - started < 8  # about 2 s on a laptop; linear, never quadratic


def test_a_weekday_before_a_full_date_is_part_of_it() -> None:
    text = "The leaders met in Zhukovsky on Tuesday, Aug. 27, 2019, at an air show."
    assert values(text, None) == [("Tuesday, Aug. 27, 2019", "day", "2019-08-27")]


def test_relative_dates_without_a_publication_date_keep_their_precision() -> None:
    found = find_dates("Troops crossed the border last week, months after last year's deal.", None)
    assert [(d.text, d.precision, d.display) for d in found] == [
        ("last week", "week", "unresolved (publication date unknown)"),
        ("last year", "year", "unresolved (publication date unknown)"),
    ]


def test_a_deadline_looks_ahead_unless_the_clause_says_otherwise() -> None:
    text = "The talks must conclude by May. The offer stands until Friday."
    assert values(text, THURSDAY_5_MARCH_2020) == [
        ("by May", "month", "2020-05-01"),
        ("Friday", "day", "2020-03-06"),
    ]
    text = "By then most members had filed their reports by Wednesday."
    assert values(text, THURSDAY_5_MARCH_2020) == [("Wednesday", "day", "2020-03-04")]


def test_an_adjective_is_no_tense() -> None:
    text = "Shares slid after lower-than-expected earnings came out Wednesday."
    assert values(text, THURSDAY_5_MARCH_2020) == [("Wednesday", "day", "2020-03-04")]


def test_anaphoric_dates_count_from_the_last_date_named() -> None:
    text = (
        "On May 22, 1995, she was promoted to colonel; the following year she took command, "
        "and the next day after her return, on Friday, Oct. 3, 1997, she resigned."
    )
    assert values(text, THURSDAY_5_MARCH_2020) == [
        ("May 22, 1995", "day", "1995-05-22"),
        ("the following year", "year", "1996-01-01"),
        ("Friday, Oct. 3, 1997", "day", "1997-10-03"),
    ]
    text = "No reference here: the previous Friday was calm, and over the next year it will grow."
    assert values(text, THURSDAY_5_MARCH_2020) == []


def test_n_units_later_count_on_from_the_date_named_before() -> None:
    # "three weeks later" was not read at all; it follows the story's date, not publication.
    text = (
        "The ceasefire was agreed on 25 November and collapsed three weeks later; the mine "
        "had opened in 2009 and two years later it was sold, 10 days later the strike began."
    )
    assert values(text, WEDNESDAY_13_JANUARY_2021) == [
        ("25 November", "day", "2020-11-25"),
        ("three weeks later", "week", "2020-12-14"),
        ("2009", "year", "2009-01-01"),
        ("two years later", "year", "2011-01-01"),
    ]  # "10 days later" is unread: "two years later" names no day to count from


def test_n_units_later_with_nothing_named_before_is_unread() -> None:
    # Not from publication: the story tells what followed a day it names elsewhere.
    assert values("Two days later the troops withdrew.", WEDNESDAY_13_JANUARY_2021) == []
    assert values("It failed in March. Two days later it closed.", WEDNESDAY_13_JANUARY_2021) == [
        ("in March", "month", "2020-03-01")
    ]


def test_contractions_carry_tense() -> None:
    assert values("They’ll sign the deal on Saturday.", FRIDAY_12_JUNE_2020) == [
        ("on Saturday", "day", "2020-06-13")
    ]
    assert values("He won’t resign before Monday.", FRIDAY_12_JUNE_2020) == [
        ("Monday", "day", "2020-06-15")
    ]
    assert values("The home side won on Saturday.", FRIDAY_12_JUNE_2020) == [
        ("on Saturday", "day", "2020-06-06")
    ]


def test_dates_outside_the_calendar_are_no_dates() -> None:
    text = "It began 999 years ago and ends 999 days from now."
    assert values(text, dt.date(120, 1, 1)) == [("999 days from now", "day", "0122-09-26")]
    # a placeholder publication date resolves nothing
    assert values(text, dt.date(1, 1, 1)) == [
        ("999 years ago", "year", "-"),
        ("999 days from now", "day", "-"),
    ]


def test_a_regular_past_just_before_a_date_looks_back() -> None:
    # 31 January 2021 is nearer than 31 January 2020, but the year "closed" on it
    text = "The company's fiscal year closed Jan. 31 with a loss."
    assert values(text, dt.date(2020, 8, 30)) == [("Jan. 31", "day", "2020-01-31")]
    text = "Investors will study the figures the company released Wednesday."
    assert values(text, dt.date(2021, 3, 1)) == [("Wednesday", "day", "2021-02-24")]
    text = "The index hit the peak it had set on Aug. 7, and is expected in September to fall."
    assert values(text, dt.date(2021, 2, 8)) == [
        ("Aug. 7", "day", "2020-08-07"),
        ("in September", "month", "2021-09-01"),
    ]
    # a participle after an auxiliary is no past: "to be published" looks ahead
    text = "Rules to be published in early December will settle the matter."
    assert values(text, dt.date(2021, 10, 28)) == [("early December", "month", "2021-12-01")]


def test_a_deadline_set_in_the_past_still_looks_ahead() -> None:
    text = "The regulator gave the bidders until mid-December to reply."
    assert values(text, dt.date(2021, 10, 28)) == [("mid-December", "month", "2021-12-01")]
    text = "Sales held up through August, the chain said."
    assert values(text, dt.date(2021, 10, 28)) == [("through August", "month", "2021-08-01")]


def timexes(text: str, published: dt.date | None) -> list[tuple[str, str | None]]:
    return [(d.text, d.timex) for d in find_dates(text, published)]


def test_each_date_has_its_timeml_value() -> None:
    text = (
        "On March 5 the board met; last week it voted, in May it will report, and "
        "second-quarter sales, this summer's harvest and the first half of 2019 matter less "
        "than in 2018."
    )
    assert timexes(text, TUESDAY_3_NOVEMBER_2020) == [
        ("March 5", "2020-03-05"),
        ("last week", "2020-W44"),
        ("in May", "2021-05"),
        ("second-quarter", "2020-Q2"),
        ("this summer", "2020-SU"),
        ("first half of 2019", "2019-H1"),
        ("2018", "2018"),
    ]
    assert timexes("They met on Monday.", None) == [("on Monday", None)]


def test_a_year_earlier_after_a_quarter_is_that_quarter_a_year_back() -> None:
    text = "Second-quarter profit rose to $8 million from $6 million a year earlier."
    assert timexes(text, TUESDAY_3_NOVEMBER_2020) == [
        ("Second-quarter", "2020-Q2"),
        ("a year earlier", "2019-Q2"),
    ]
    text = "Sales in the winter of 2019 beat the year-ago season and those of two years ago."
    assert timexes(text, TUESDAY_3_NOVEMBER_2020) == [
        ("the winter of 2019", "2019-WI"),
        ("year-ago", "2018-WI"),  # the season a year back
        ("two years ago", "2017-WI"),  # counted from the season, not from the year-ago one
    ]
    # after a year or a day there is no period to count back: the year before publication
    text = "In 2019 it earned $3 million, against $2 million a year earlier."
    assert timexes(text, TUESDAY_3_NOVEMBER_2020)[1] == ("a year earlier", "2019")


def test_the_quarter_is_the_one_named_or_the_last_one_ended() -> None:
    text = "In the latest quarter revenue grew, though costs during the quarter rose too."
    assert timexes(text, TUESDAY_3_NOVEMBER_2020) == [
        ("the latest quarter", "2020-Q3"),
        ("the quarter", "2020-Q3"),
    ]
    text = "First-quarter orders fell; for the quarter a year ago they had doubled."
    assert timexes(text, TUESDAY_3_NOVEMBER_2020) == [
        ("First-quarter", "2020-Q1"),
        ("the quarter", "2020-Q1"),
        ("a year ago", "2019-Q1"),
    ]
    # a quarter of something is no period, nor is a quarter-point move
    assert timexes("A quarter of the staff left after the quarter-point cut.", None) == []


def test_the_year_ago_quarter_is_a_quarter() -> None:
    text = "In the year-earlier third quarter it lost money; in the year-ago quarter too."
    assert timexes(text, TUESDAY_3_NOVEMBER_2020) == [
        ("year-earlier third quarter", "2019-Q3"),
        ("year-ago quarter", "2019-Q3"),  # the last quarter ended, a year back
    ]
    text = "Second-quarter sales fell. In the latest period and the year-ago quarter, costs rose."
    assert timexes(text, TUESDAY_3_NOVEMBER_2020) == [
        ("Second-quarter", "2020-Q2"),
        ("the latest period", "2020-Q2"),
        ("year-ago quarter", "2019-Q2"),
    ]
    text = "Sales over the summer beat those of the year-ago quarter."
    assert timexes(text, TUESDAY_3_NOVEMBER_2020)[1] == ("year-ago quarter", "2019-Q3")


def test_the_summer_is_the_one_just_past_unless_the_clause_looks_ahead() -> None:
    assert timexes("Over the summer, rivals cut prices.", TUESDAY_3_NOVEMBER_2020) == [
        ("the summer", "2020-SU")
    ]
    assert timexes("Delays will run well into the summer.", TUESDAY_3_NOVEMBER_2020) == [
        ("the summer", "2021-SU")
    ]
    assert timexes("Output has fallen since the early spring.", dt.date(2021, 2, 1)) == [
        ("the early spring", "2020-SP")
    ]
    # the fall as a decline, or of a city, is no season; a quarter of a city is no quarter
    text = "After the fall of the old regime, the fall in prices hit the quarter of the poor."
    assert timexes(text, TUESDAY_3_NOVEMBER_2020) == []


def test_a_past_verb_right_before_a_day_puts_it_behind_publication() -> None:
    # 31 October is four days ahead, but a quarter that "ended" on it is last year's
    text = "For the quarter ended Oct. 31, the retailer lost money."
    assert values(text, dt.date(2021, 10, 27)) == [
        ("the quarter", "months", "2020-08-01"),  # the three months to that day
        ("Oct. 31", "day", "2020-10-31"),
    ]
    assert timexes("In the quarter ended Sept. 30 sales rose.", dt.date(2021, 10, 27)) == [
        ("the quarter", "2021-Q3"),
        ("Sept. 30", "2021-09-30"),
    ]
    # a passive or a perfect is no such past: the payment and the deadline are ahead
    text = "The dividend will be paid Nov. 30; the board has set Dec. 1 as the deadline."
    assert values(text, dt.date(2021, 10, 27)) == [
        ("Nov. 30", "day", "2021-11-30"),
        ("Dec. 1", "day", "2021-12-01"),
    ]


def test_would_looks_ahead_and_a_participle_is_no_past() -> None:
    text = "The bonus shares would be issued on an unannounced date in March."
    assert values(text, dt.date(2021, 10, 27)) == [("in March", "month", "2022-03-01")]
    text = "The summit is held in March; it was held in June."
    assert values(text, dt.date(2021, 10, 27)) == [
        ("in March", "month", "2021-03-01"),  # no tense cue: news recounts
        ("in June", "month", "2021-06-01"),
    ]


def test_the_past_year_is_the_twelve_months_to_publication() -> None:
    text = "Attacks on clinics have doubled over the past year, the ministry said."
    assert resolved(text, THURSDAY_5_MARCH_2020) == [
        ("the past year", "months", "March 2019–March 2020")
    ]
    assert timexes("Sales grew in the last year.", THURSDAY_5_MARCH_2020) == [
        ("the last year", "2019")
    ]
    # "the last year of the war" is a year of the war, not the twelve months to publication
    assert resolved("In the last year of the war the city starved.", THURSDAY_5_MARCH_2020) == []


def test_in_n_units_counts_ahead_only_when_the_clause_looks_ahead() -> None:
    text = "The bonds will be repaid in five years and the plant will reopen in two weeks."
    assert values(text, THURSDAY_5_MARCH_2020) == [
        ("in five years", "year", "2025-01-01"),
        ("in two weeks", "week", "2020-03-16"),
    ]
    # a span looked back over, not a date ahead
    for text in (
        "Prices rose in five years of drought.",
        "The plant will close for the first time in five years.",
        "The index will open at its highest in two months.",
        "Analysts expect the economy to post its weakest growth in five years.",
        "It will be the biggest drop in output in a decade, the first cut in two years.",
    ):
        assert values(text, THURSDAY_5_MARCH_2020) == [], text


def test_until_then_is_the_date_named_last() -> None:
    text = "The offer expires on March 20. Until then, holders may convert their shares."
    assert values(text, THURSDAY_5_MARCH_2020) == [
        ("March 20", "day", "2020-03-20"),
        ("Until then", "day", "2020-03-20"),
    ]
    assert timexes(
        "Talks resume in April; by then the fund will be empty.", THURSDAY_5_MARCH_2020
    ) == [
        ("in April", "2020-04"),
        ("by then", "2020-04"),
    ]
    assert values("By then it was too late.", THURSDAY_5_MARCH_2020) == []


def test_later_in_the_day_is_the_day_named_before_it() -> None:
    text = "The ministers met on Tuesday; later in the day the president flew to Sochi."
    assert values(text, THURSDAY_5_MARCH_2020) == [
        ("on Tuesday", "day", "2020-03-03"),
        ("later in the day", "day", "2020-03-03"),
    ]
    # with no day named, the day of the story may not be publication's: left unread
    assert values("Earlier in the day, the envoy landed.", THURSDAY_5_MARCH_2020) == []
    assert values("In March they met; later in the day, they ate.", THURSDAY_5_MARCH_2020) == [
        ("In March", "month", "2020-03-01")
    ]


def test_today_is_the_nth_day_is_publication() -> None:
    assert values("Today is the third day of the strike.", THURSDAY_5_MARCH_2020) == [
        ("Today is the third day", "day", "2020-03-05")
    ]
    assert values("It's the 12th straight day of protests.", THURSDAY_5_MARCH_2020) == [
        ("It's the 12th straight day", "day", "2020-03-05")
    ]
    assert values("She was the third person that day to", THURSDAY_5_MARCH_2020) == []


def test_since_year_end_is_the_last_day_of_last_year() -> None:
    text = "The index is up 12% since year-end and should reach 3,000 by the end of the year."
    assert resolved(text, THURSDAY_5_MARCH_2020) == [
        ("year-end", "day", "31 December 2019"),
        ("the end of the year", "months", "October–December 2020"),
    ]


def test_a_month_after_this_year_is_in_this_year() -> None:
    text = "Sales this year through November were flat; last year in December they fell."
    assert values(text, dt.date(2020, 10, 20)) == [
        ("this year", "year", "2020-01-01"),
        ("through November", "month", "2020-11-01"),
        ("last year", "year", "2019-01-01"),
        ("in December", "month", "2019-12-01"),
    ]


def test_n_days_before_an_event_is_not_counted_from_publication() -> None:
    text = "He spoke two days before the summit; the talks had begun a week before."
    assert values(text, THURSDAY_5_MARCH_2020) == [("a week before", "week", "2020-02-24")]


def test_the_day_in_apposition_to_a_date_is_that_date() -> None:
    text = "Shares fell on Oct. 12, the day before the vote, and again in January, the month after."
    assert values(text, THURSDAY_5_MARCH_2020) == [
        ("Oct. 12", "day", "2019-10-12"),
        ("the day", "day", "2019-10-12"),
        ("in January", "month", "2020-01-01"),
        ("the month", "month", "2020-01-01"),
    ]
    # not after a date of another precision, nor away from one
    assert values("In 2019, the day of the vote came.", THURSDAY_5_MARCH_2020) == [
        ("2019", "year", "2019-01-01")
    ]
    assert values("He left, the day was over.", THURSDAY_5_MARCH_2020) == []


def test_this_year_as_last_is_last_year() -> None:
    text = "The dividend will be twice as high this year as last, and sales this month than last."
    assert values(text, THURSDAY_5_MARCH_2020) == [
        ("this year", "year", "2020-01-01"),
        ("as last", "year", "2019-01-01"),
        ("this month", "month", "2020-03-01"),
        ("than last", "month", "2020-02-01"),
    ]
    assert values("He came in as last seen, than last time.", THURSDAY_5_MARCH_2020) == []


def test_a_past_verb_governing_a_near_month_puts_it_behind() -> None:
    october = dt.date(2020, 10, 20)
    text = "The insurer switched from a fiscal year to a calendar year in December."
    assert values(text, october) == [("in December", "month", "2019-12-01")]
    # a condition, an infinitive, a perfect or an adjective leaves the month ahead
    for text in (
        "The party endorsed him for the seat if voters elect him in December.",
        "Traders placed orders to open the books for December.",
        "She has emerged as the front-runner in December.",
        "The rally is planned for an unspecified day in December.",
    ):
        assert values(text, october)[-1][2] == "2020-12-01", text


def test_a_weekday_in_the_present_of_a_schedule_looks_ahead() -> None:
    # the futurate present and progressive of news: a verb governing the date with no future
    # written still puts it ahead; a base form after "to" or "did" takes its governor's tense
    friday = FRIDAY_12_JUNE_2020
    assert values("The two finance ministers meet again Tuesday in Brussels.", friday) == [
        ("Tuesday", "day", "2020-06-16")
    ]
    assert values("The court's new term opens on Monday.", friday) == [
        ("on Monday", "day", "2020-06-15")
    ]
    assert values("Union leaders are holding a ballot on Wednesday.", friday) == [
        ("on Wednesday", "day", "2020-06-17")
    ]
    # the present of "to be" with the date: a thing set for that day
    assert values("The runoff is on Sunday.", friday) == [("on Sunday", "day", "2020-06-14")]
    assert values("Monday is the last day to register.", friday) == [
        ("Monday", "day", "2020-06-15")
    ]
    for text in (
        "The sides did not meet on Tuesday, their aides said.",
        "The merger was put on hold on Tuesday.",
        "The mill let go 300 workers on Tuesday.",
        "The blast on Tuesday is the worst in a decade.",
        "The club failed to meet Tuesday's deadline for the payment.",
        "Bond yields are rising again after falling on Tuesday.",
        "Gas prices we are seeing now fell on Tuesday.",
    ):
        assert values(text, friday) == [(values(text, friday)[0][0], "day", "2020-06-09")], text


def test_a_promise_to_act_looks_ahead_and_an_overtaken_plan_looks_back() -> None:
    october = dt.date(2020, 10, 20)
    text = "The brewer agreed to sell its bottling arm for $40 million in February."
    assert values(text, october) == [("in February", "month", "2021-02-01")]
    # "agreed to a merger" is the agreement itself, done in the past
    text = "The brewer agreed to a merger with its rival in February."
    assert values(text, october) == [("in February", "month", "2020-02-01")]
    # a plan in the past perfect was overtaken: its day is behind publication
    text = "The strike had been due to start on Wednesday, but the union called it off."
    assert values(text, FRIDAY_12_JUNE_2020) == [("on Wednesday", "day", "2020-06-10")]


def test_the_end_of_the_month_is_known_to_the_month() -> None:
    text = "The army aims to have 5,000 engineers on the border by the end of the month."
    assert values(text, FRIDAY_12_JUNE_2020) == [("the end of the month", "month", "2020-06-01")]
    # the month of the date named before it; "this week" is publication's
    text = "Exports fell on April 3 and recovered by the end of the month."
    assert values(text, FRIDAY_12_JUNE_2020) == [
        ("April 3", "day", "2020-04-03"),
        ("the end of the month", "month", "2020-04-01"),
    ]
    text = "Ballots go out at the start of this week."
    assert values(text, FRIDAY_12_JUNE_2020) == [("the start of this week", "week", "2020-06-08")]
    assert values("at the end of the month-long fast", FRIDAY_12_JUNE_2020) == []


def test_today_as_an_age_is_no_day() -> None:
    friday = FRIDAY_12_JUNE_2020
    for text in (
        "Privacy is hard to keep in today's world of cameras.",
        "Most of today's laptop computers have no optical drive.",
        "She wants to train the engineers of tomorrow.",
    ):
        assert values(text, friday) == [], text
    text = "Today's markets were calm, and as of tomorrow the old rules lapse."
    assert values(text, friday) == [
        ("Today", "day", "2020-06-12"),
        ("tomorrow", "day", "2020-06-13"),
    ]
    text = "The papers covered tomorrow's vote by the end of today."
    assert [d[2] for d in values(text, friday)] == ["2020-06-13", "2020-06-12"]


def test_a_part_of_a_decade_is_no_part_of_its_first_year() -> None:
    text = "Fares rose in the late 1990s and fell by the mid-2000s; in late 1999 they peaked."
    assert values(text, FRIDAY_12_JUNE_2020) == [("late 1999", "months", "1999-09-01")]
