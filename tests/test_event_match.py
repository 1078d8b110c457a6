"""Links of a new source to known events: date at the event's precision, every principal
named, an action of the event's kind. Each test adds one source, written for the test, to
the project's curated corpus (its actors and events) and asks which known events it reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import cache

from generator.model import Corpus, Event, FuzzyDate, Participant, Source
from generator.pipeline import check
from generator.review.event_match import CandidateEvent, action_lexicon, match_events, principals
from tests.conftest import REPO

NEW = "new-wire-story"


@cache
def _curated() -> Corpus:
    return check(REPO / "corpus")


def _links(published: dt.date, *paragraphs: str) -> set[str]:
    from generator.stages.analyse import analyse
    from generator.stages.link import link_sources

    source = Source(NEW, "A wire story", "Wire", published, "en", tuple(paragraphs))
    corpus = replace(_curated(), sources={**_curated().sources, NEW: source})
    found, _ = match_events(analyse(corpus, link_sources(corpus)))
    return {link.event for link in found if link.source == NEW and not link.cited}


def test_a_call_on_friday_does_not_link_to_other_calls_of_the_next_day() -> None:
    # Saturday's Putin-Macron and Putin-Rouhani calls are a day off and name other sides.
    found = _links(
        dt.date(2020, 2, 29),
        "Vladimir Putin spoke by telephone with Recep Tayyip Erdogan on Friday about Idlib.",
    )
    assert found == {"putin-erdogan-call-2020-02-28"}


def test_a_call_needs_both_sides_named() -> None:
    found = _links(dt.date(2020, 2, 29), "Vladimir Putin held a phone call on Friday.")
    assert "putin-erdogan-call-2020-02-28" not in found


def test_a_press_conference_weeks_earlier_does_not_link_to_later_talks() -> None:
    found = _links(
        dt.date(2020, 3, 6),
        "At a press conference on February 25, Erdogan said he would meet Putin soon.",
    )
    assert "moscow-talks-2020-03-05" not in found


def test_a_meeting_announced_before_it_happened_is_not_reported() -> None:
    # Published on 29 February: the 5 March talks are only announced, not reported.
    found = _links(
        dt.date(2020, 2, 29),
        "Officials say Putin and Erdogan are due to meet in Moscow on March 5 or 6.",
    )
    assert "moscow-talks-2020-03-05" not in found


def test_joined_role_phrase_names_both_presidents() -> None:
    found = _links(
        dt.date(2020, 3, 5),
        "The Russian and Turkish presidents met in Moscow on Thursday for six hours.",
    )
    assert "moscow-talks-2020-03-05" in found


def test_demonyms_name_the_states_of_an_agreement_known_to_the_year() -> None:
    found = _links(
        dt.date(2020, 2, 21),
        "Ankara asked for the full application of the 2018 Turkish-Russian memorandum.",
    )
    assert found == {"sochi-memorandum-2018"}


def test_downing_is_an_attack_and_late_2015_holds_november() -> None:
    found = _links(
        dt.date(2017, 5, 4),
        "Ties between Russia and Turkey soured after Turkey shot down a Russian jet in late 2015.",
    )
    assert "russian-jet-downed-2015" in found


def test_a_date_outside_the_events_month_does_not_agree() -> None:
    found = _links(
        dt.date(2017, 5, 4),
        "Turkey shot down a Russian drone in January 2016, Russia said.",
    )
    assert "russian-jet-downed-2015" not in found


def test_both_sides_agreeing_on_the_day_of_their_call_report_it() -> None:
    found = _links(
        dt.date(2020, 2, 29),
        "Putin and Erdogan agreed on Friday to hold a meeting on the situation in Idlib.",
    )
    assert "putin-erdogan-call-2020-02-28" in found


def test_without_an_action_of_the_events_kind_there_is_no_link() -> None:
    found = _links(
        dt.date(2020, 2, 29),
        "Putin and Erdogan were both in their capitals on Friday, according to officials.",
    )
    assert "putin-erdogan-call-2020-02-28" not in found


def test_principals_leave_out_spokesmen_and_sources() -> None:
    event = Event(
        "e",
        "A call",
        _curated().events["putin-erdogan-call-2020-02-21"].date,
        "phone-call",
        (
            Participant("putin", "caller"),
            Participant("erdogan", "callee"),
            Participant("peskov", "source"),
        ),
        (),
    )
    assert principals(event) == {"putin", "erdogan"}
    unroled = replace(event, participants=(Participant("macron"), Participant("merkel")))
    assert principals(unroled) == {"macron", "merkel"}


def test_action_words_take_endings_but_not_other_words() -> None:
    meeting = action_lexicon()["meeting"]
    assert meeting.search("the leaders are meeting in Sochi")
    assert not meeting.search("a hundred metres from the border")
    assert action_lexicon()["other"].search("the inauguration of the pipeline")


def _candidates(published: dt.date, *paragraphs: str) -> list[CandidateEvent]:
    from generator.stages.analyse import analyse
    from generator.stages.link import link_sources

    source = Source(NEW, "A wire story", "Wire", published, "en", tuple(paragraphs))
    corpus = replace(_curated(), sources={**_curated().sources, NEW: source})
    _, found = match_events(analyse(corpus, link_sources(corpus)))
    return [c for c in found if NEW in c.sources]


def test_a_new_event_is_titled_who_did_what_where() -> None:
    (found,) = _candidates(
        dt.date(2017, 11, 23),
        "Vladimir Putin hosted the presidents of Turkey and Iran in Sochi on Wednesday.",
    )
    assert found.title == "Vladimir Putin hosts Recep Tayyip Erdoğan and Hassan Rouhani in Sochi"
    assert (found.date, found.date_precision, found.kind) == ("2017-11-22", "day", "meeting")
    assert {"putin", "erdogan", "rouhani"} <= set(found.participants)
    assert found.place == "sochi"


def test_a_place_only_mentioned_is_not_where_the_event_happened() -> None:
    (found,) = _candidates(
        dt.date(2017, 11, 23),
        "Vladimir Putin met Recep Tayyip Erdogan on Wednesday to discuss gas for Moscow.",
    )
    assert found.place is None


def test_two_kinds_of_event_on_one_day_stay_two_candidates() -> None:
    found = _candidates(
        dt.date(2017, 11, 23),
        "Vladimir Putin hosted Recep Tayyip Erdogan in Sochi on Wednesday.",
        "On Wednesday Russia and Turkey signed a memorandum on a gas pipeline.",
    )
    assert sorted(c.kind for c in found) == ["agreement", "meeting"]


def test_a_day_for_an_event_known_to_the_year_is_proposed_as_a_refinement() -> None:
    from generator.stages.analyse import analyse
    from generator.stages.link import link_sources

    text = "Russia and Turkey signed the Sochi memorandum on Idlib on 17 September 2018."
    source = Source(NEW, "A wire story", "Wire", dt.date(2018, 9, 18), "en", (text,))
    corpus = replace(_curated(), sources={**_curated().sources, NEW: source})
    found, _ = match_events(analyse(corpus, link_sources(corpus)))
    refined = {link.event: link.refined for link in found if link.source == NEW}
    assert refined == {"sochi-memorandum-2018": "2018-09-17"}


# ---- sentences without a date of their own: the reference time (text/anchoring.py)


def _inferred(published: dt.date | None, *paragraphs: str) -> dict[str, str]:
    """event -> where the link's date came from, for the new source's links."""
    from generator.stages.analyse import analyse
    from generator.stages.link import link_sources

    source = Source(NEW, "A wire story", "Wire", published, "en", tuple(paragraphs))
    corpus = replace(_curated(), sources={**_curated().sources, NEW: source})
    found, _ = match_events(analyse(corpus, link_sources(corpus)))
    return {link.event: link.date_from for link in found if link.source == NEW}


def test_an_undated_sentence_inherits_the_date_stated_before_it() -> None:
    found = _inferred(
        dt.date(2020, 3, 7),
        "Vladimir Putin and Recep Tayyip Erdogan held talks in the Kremlin on Thursday. "
        "Their meeting came a week after Turkish soldiers were killed in an air strike in Idlib.",
    )
    assert found["moscow-talks-2020-03-05"] == ""  # dated by its own "on Thursday"
    strike = found["idlib-airstrike-turkish-soldiers-2020"]
    assert strike == "date from context: 5 March 2020, stated in ¶1 («on Thursday»)"


def test_a_past_sentence_without_a_date_speaks_from_publication_and_takes_the_latest() -> None:
    # Two Putin-Erdogan calls lie in the two weeks before publication (21 and 28 February):
    # "the call" of a past sentence is the latest of them.
    found = _inferred(
        dt.date(2020, 3, 3),
        "As Putin had told Erdogan in a phone call, nobody knew where the Turkish troops were.",
    )
    assert set(found) == {"putin-erdogan-call-2020-02-28"}
    assert found["putin-erdogan-call-2020-02-28"] == "date from context: published 3 March 2020"


def test_our_phone_call_in_a_quotation_names_the_two_last_named() -> None:
    found = _inferred(
        dt.date(2020, 3, 5),
        "Vladimir Putin welcomed Recep Tayyip Erdogan to the Kremlin.",
        '"As I already said to you in our phone call, nobody knew where your soldiers were," '
        "the Russian president said.",
    )
    assert "putin-erdogan-call-2020-02-28" in found


def test_an_offensive_said_to_go_on_links_to_the_offensive_begun_months_before() -> None:
    found = _inferred(
        dt.date(2020, 2, 12),
        "The Syrian army is still advancing in Idlib, and the fighting drives families north.",
    )
    assert set(found) == {"idlib-offensive-2019"}


def test_an_offensive_named_by_its_state_links_and_a_different_doer_does_not() -> None:
    assert "idlib-offensive-2019" in _inferred(
        dt.date(2020, 2, 12), "A Syrian offensive has emptied whole towns of southern Idlib."
    )
    # The Syrian army is named, but as the target: the doer of this offensive is Turkey's,
    # so it is Turkey's operation of 1 March, not the Syrian offensive begun in December.
    found = _inferred(
        dt.date(2020, 3, 3), "A Turkish offensive has pushed Syrian troops out of two towns."
    )
    assert set(found) == {"operation-spring-shield-2020"}


def test_a_passive_leaves_the_doer_of_a_strike_unsaid() -> None:
    found = _inferred(
        dt.date(2020, 2, 29),
        "Ankara is in mourning after 33 Turkish soldiers were killed in an air strike in Idlib.",
    )
    assert "idlib-airstrike-turkish-soldiers-2020" in found


def test_an_inherited_date_that_disagrees_blocks_the_link() -> None:
    # The narrative is at 3 January; the known calls of late February are not that call.
    found = _inferred(
        dt.date(2020, 3, 3),
        "Putin and Erdogan talked on 3 January 2020 about gas supplies. "
        "During the phone call the two leaders also discussed Idlib.",
    )
    assert not any(event.startswith("putin-erdogan-call") for event in found)


def test_an_undated_past_sentence_long_after_the_event_does_not_link() -> None:
    found = _inferred(dt.date(2020, 6, 1), "Putin and Erdogan spoke by phone about Idlib.")
    assert found == {}


def test_a_clause_that_looks_ahead_reports_nothing() -> None:
    # Published the day after the talks: a meeting still to come is another one.
    found = _inferred(
        dt.date(2020, 3, 6), "Putin and Erdogan will hold more talks in Sochi, the Kremlin says."
    )
    assert "moscow-talks-2020-03-05" not in found


def test_a_date_that_cannot_be_read_is_not_replaced_by_an_older_one() -> None:
    # No publication date: "on Monday" cannot be resolved, and the sentence must not fall
    # back on "late 2015" from the sentence before.
    found = _inferred(
        None,
        "Ties soured after Turkey shot down a Russian jet in late 2015. "
        "Erdogan said on Monday that Russia had lifted its sanctions on Turkish goods.",
    )
    assert "russian-sanctions-on-turkey-2015" not in found


def test_a_statement_needs_a_date_of_its_own() -> None:
    # One speaker says many things in a month: an undated "said" is not a known statement.
    found = _inferred(
        dt.date(2020, 2, 27), "Erdogan said he had asked Putin to step aside in Syria."
    )
    assert "erdogan-asks-putin-to-step-aside-2020" not in found


def test_a_dated_sentence_also_reports_the_offensive_it_says_goes_on() -> None:
    found = _inferred(
        dt.date(2020, 2, 22),
        "While the Syrian army's offensive in Idlib continues, Putin and Erdogan spoke by "
        "phone on Friday.",
    )
    assert found["putin-erdogan-call-2020-02-21"] == ""
    assert found["idlib-offensive-2019"] == (
        "going on at 21 February 2020, the sentence's date («on Friday»)"
    )


def test_a_call_denied_or_made_a_habit_is_not_linked() -> None:
    assert _inferred(dt.date(2020, 3, 3), "Putin and Erdogan did not speak by phone.") == {}
    assert _inferred(dt.date(2020, 3, 6), "Putin and Erdogan have met many times.") == {}


def test_a_statement_is_its_speakers_not_the_reporting_subjects() -> None:
    # Dated in February, naming Erdogan and Putin, with "said": but the Kremlin is the one
    # who speaks, so this is no report of Erdogan's February statement.
    found = _inferred(
        dt.date(2020, 2, 22),
        "The Kremlin said on Friday that Putin and Erdogan had talked by phone.",
    )
    assert "erdogan-asks-putin-to-step-aside-2020" not in found
    assert "putin-erdogan-call-2020-02-21" in found
    # Through the Kremlin, Erdogan still asks: his statement, reported.
    found = _inferred(
        dt.date(2020, 2, 27),
        "The Kremlin said on Wednesday that Erdogan had asked Putin to step aside in Syria.",
    )
    assert "erdogan-asks-putin-to-step-aside-2020" in found


def _with_event(event: Event, published: dt.date, *paragraphs: str) -> tuple[set[str], list[str]]:
    """Links and new-event titles of a story, with one more known event in the corpus."""
    from generator.stages.analyse import analyse
    from generator.stages.link import link_sources

    source = Source(NEW, "A wire story", "Wire", published, "en", tuple(paragraphs))
    base = _curated()
    corpus = replace(
        base,
        events={**base.events, event.id: event},
        sources={**base.sources, NEW: source},
    )
    found, candidates = match_events(analyse(corpus, link_sources(corpus)))
    links = {link.event for link in found if link.source == NEW and not link.cited}
    return links, [c.title for c in candidates if NEW in c.sources]


def test_an_other_event_is_reported_only_by_its_own_act() -> None:
    # A known arrival of the day before: the launch of a pipeline is another act of kind
    # "other" (one word list holds arrivals, launches and deliveries), so it is a new event.
    arrival = Event(
        "putin-arrives-in-ankara-2021",
        "Putin arrives in Ankara",
        FuzzyDate(dt.date(2021, 5, 11), "day"),
        "other",
        (Participant("putin", "visitor"),),
        (),
    )
    story = "Vladimir Putin and Recep Tayyip Erdogan on Wednesday launched a new gas pipeline."
    links, titles = _with_event(arrival, dt.date(2021, 5, 13), story)
    assert "putin-arrives-in-ankara-2021" not in links
    assert any("launch" in title for title in titles), titles
    # the same act in other words still reports it
    links, _ = _with_event(
        arrival, dt.date(2021, 5, 13), "Vladimir Putin arrived in Ankara on Tuesday evening."
    )
    assert "putin-arrives-in-ankara-2021" in links


def test_a_known_call_links_only_to_the_clause_that_names_its_sides() -> None:
    # Read whole, Friday's clause also names Macron, whose call with Putin was a day later.
    found = _links(
        dt.date(2020, 3, 1),
        "Putin spoke by phone with Emmanuel Macron on Thursday and with Recep Tayyip Erdogan "
        "on Friday.",
    )
    assert found == {"putin-erdogan-call-2020-02-28"}
