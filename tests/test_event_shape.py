"""New events read from their sentence (generator/review/event_shape.py): who takes part (the
actors of the clause of the event word, never a news outlet), a meeting only where two sides
meet, and a title that says who did what, where. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import cache

from generator.model import Actor, Corpus, Source
from generator.pipeline import check
from generator.review.event_match import CandidateEvent, match_events
from generator.review.event_shape import clause_of
from tests.conftest import REPO

NEW = "new-wire-story"


@cache
def _curated() -> Corpus:
    corpus = check(REPO / "corpus")
    extra = {  # as an analyst may have accepted them from earlier articles
        "afp": Actor("afp", "AFP", "media", ("AFP",), "A news agency."),
        "kim-jong-un": Actor("kim-jong-un", "Kim Jong-un", "person", ("Kim Jong-un",), "A leader."),
    }
    return replace(corpus, actors={**corpus.actors, **extra})


def _candidates(published: dt.date, *paragraphs: str) -> list[CandidateEvent]:
    from generator.stages.analyse import analyse
    from generator.stages.link import link_sources

    source = Source(NEW, "A wire story", "Wire", published, "en", tuple(paragraphs))
    corpus = replace(_curated(), sources={**_curated().sources, NEW: source})
    _, found = match_events(analyse(corpus, link_sources(corpus)))
    return [c for c in found if NEW in c.sources]


def test_a_clause_hung_on_the_main_one_is_cut_off() -> None:
    text = "Erdogan landed in Sochi on Monday, following talks with Kim Jong-un in Ankara."
    start, end = clause_of(text, text.index("landed"))
    assert text[start:end] == "Erdogan landed in Sochi on Monday"
    start, end = clause_of(text, text.index("talks"))
    assert text[start:end] == "following talks with Kim Jong-un in Ankara."


def test_a_news_agency_is_a_channel_never_a_participant() -> None:
    (found,) = _candidates(
        dt.date(2021, 6, 2),
        "Vladimir Putin met Recep Tayyip Erdogan in Sochi on Tuesday, according to AFP.",
    )
    assert "afp" not in found.participants
    assert found.title == "Vladimir Putin and Recep Tayyip Erdoğan meet in Sochi"


def test_a_person_in_a_clause_hung_on_an_arrival_is_no_side_of_a_meeting() -> None:
    # The shape of the QA finding: an arrival after a visit, amid news of someone else.
    found = _candidates(
        dt.date(2021, 6, 2),
        "Putin arrived in Turkey late on Tuesday after a short visit to Syria, following "
        "a statement by Kim Jong-un about missiles, AFP reported.",
    )
    assert [(c.kind, c.title) for c in found] == [("other", "Vladimir Putin arrives in Turkey")]
    assert set(found[0].participants) == {"putin"}  # Turkey is where, not who
    assert "kim-jong-un" not in found[0].participants and "afp" not in found[0].participants


def test_a_meeting_needs_two_sides_named_as_meeting() -> None:
    # One side alone at a summit is not a meeting of two sides; the statement is what is left.
    found = _candidates(
        dt.date(2021, 6, 2), "Erdogan attended a summit on Tuesday, his office said."
    )
    assert all(c.kind != "meeting" for c in found)


def test_a_visit_to_a_capital_is_two_sides_and_says_where() -> None:
    (found,) = _candidates(
        dt.date(2021, 6, 2), "Vladimir Putin paid a visit to Damascus on Tuesday."
    )
    assert (found.kind, found.title) == ("meeting", "Vladimir Putin visits Damascus")


def test_a_title_takes_the_verb_and_its_object() -> None:
    (found,) = _candidates(
        dt.date(2021, 6, 2),
        "The Russian and Turkish presidents on Tuesday jointly opened a nuclear power "
        "plant, which will supply a tenth of Turkey's power, Reuters reported.",
    )
    assert found.title == ("Vladimir Putin and Recep Tayyip Erdoğan open a nuclear power plant")
    assert "reuters" not in found.participants


def test_an_agreement_title_skips_the_date_and_keeps_what_was_agreed() -> None:
    (found,) = _candidates(
        dt.date(2021, 6, 2),
        "Erdogan said he and Putin agreed on May 30 to resume flights between the two countries.",
    )
    assert found.kind == "agreement"
    assert found.title.endswith("agree to resume flights between the two countries")


def test_a_statement_title_names_the_speaker_and_what_was_said() -> None:
    (found,) = _candidates(
        dt.date(2021, 6, 2),
        "Gas deliveries to Turkey will rise next year, Russian President Vladimir Putin "
        "said on Tuesday.",
    )
    assert found.title == "Vladimir Putin says gas deliveries to Turkey will rise next year"


def test_a_long_statement_is_titled_by_its_speaker_only() -> None:
    (found,) = _candidates(
        dt.date(2021, 6, 2),
        "Turkish President Recep Tayyip Erdogan on Tuesday said the talks on the pipeline, "
        "the power plant, the flights and the tourists had gone further than anyone in "
        "Ankara or in Moscow had expected them to go.",
    )
    assert found.title == "Recep Tayyip Erdoğan makes a statement"


def test_two_proposals_of_one_title_get_different_ids() -> None:
    from generator.review.report import _events

    found = _candidates(
        dt.date(2021, 6, 2),
        "Erdogan said on Tuesday that Turkey would buy more gas.",
        "Erdogan said on Tuesday that Turkey would build more roads in a year.",
    )
    items = _events(found, _curated())
    assert len({item["suggested_id"] for item in items}) == len(items)


def test_a_word_another_date_of_the_sentence_dates_is_not_the_new_event() -> None:
    # The downing is November 2015's, not Tuesday's: no strike of 2 June is proposed.
    found = _candidates(
        dt.date(2021, 6, 2),
        "Erdogan's note did not mention the downing of a Russian jet in November 2015, "
        "according to an official on Tuesday.",
    )
    assert all(c.kind != "strike" for c in found)


def test_an_opening_clause_does_not_set_the_place() -> None:
    (found,) = _candidates(
        dt.date(2021, 6, 2),
        "While fighting goes on in Idlib, Putin and Erdogan spoke by telephone on Tuesday.",
    )
    assert (found.kind, found.place) == ("phone-call", None)
    assert found.title == "Vladimir Putin and Recep Tayyip Erdoğan speak by phone"


def test_a_date_of_a_planned_meeting_is_no_new_event() -> None:
    found = _candidates(
        dt.date(2021, 6, 2),
        "The Kremlin gave no date, but officials have said Putin and Erdogan are due to "
        "meet on June 9.",
    )
    assert found == []


def test_a_sentence_naming_one_side_only_supports_a_meeting() -> None:
    summit = "A summit was held in Russia's resort of Sochi on Tuesday to discuss Syria."
    assert _candidates(dt.date(2021, 6, 2), summit) == []
    (joined,) = _candidates(
        dt.date(2021, 6, 2), summit, "Russia's Vladimir Putin met Recep Tayyip Erdogan on Tuesday."
    )
    assert joined.evidence.startswith("Russia's Vladimir Putin met") and joined.weak == ""
    assert joined.paragraph == 1 and joined.kind == "meeting"


def test_evidence_that_does_not_name_everyone_is_said_to_be_weak() -> None:
    # Two sentences of one day: the merged meeting takes the one that names both leaders,
    # and says so when none names every person taking part.
    (found,) = _candidates(
        dt.date(2021, 6, 2),
        "Erdogan met Hassan Rouhani in Ankara on Tuesday.",
        "Erdogan and Vladimir Putin also met on Tuesday.",
    )
    assert {"erdogan", "rouhani", "putin"} <= set(found.participants)
    assert found.weak.startswith("its evidence does not name")


def test_the_speaker_is_the_subject_of_the_reporting_word_not_the_first_named() -> None:
    (found,) = _candidates(
        dt.date(2021, 6, 2), "Putin will visit Ankara in the autumn, Erdogan said on Tuesday."
    )
    assert found.kind == "statement" and dict(found.roles) == {"erdogan": "speaker"}
    assert found.title == "Recep Tayyip Erdoğan says Putin will visit Ankara in the autumn"


def test_an_act_told_in_the_past_beside_a_dated_report_is_that_days() -> None:
    (found,) = _candidates(
        dt.date(2021, 6, 6),
        "Talks in Ankara will follow, Vladimir Putin told Emmanuel Macron during a phone "
        "call, the Kremlin said on Saturday.",
    )
    assert (found.kind, found.date, found.place) == ("phone-call", "2021-06-05", None)
    assert found.title == "Vladimir Putin and Emmanuel Macron speak by phone"


def test_an_act_done_before_a_dated_report_leaves_the_report() -> None:
    (found,) = _candidates(
        dt.date(2021, 6, 6),
        "Turkey has already started gas deliveries through the pipeline, the Kremlin said on "
        "Saturday.",
    )
    assert found.kind == "statement" and dict(found.roles) == {"kremlin": "speaker"}
    assert found.title == (
        "Kremlin says Turkey has already started gas deliveries through the pipeline"
    )


def test_a_hung_clause_without_its_own_doer_takes_the_main_clauses() -> None:
    (found,) = _candidates(
        dt.date(2021, 6, 2),
        "Turkish and Russian troops returned to base following a joint patrol in northern "
        "Syria on Tuesday.",
    )
    assert found.kind == "military-operation" and "syria" not in found.participants
    assert {"turkey"} <= set(found.participants) and found.title.endswith("in Syria")


def test_a_known_speakers_statement_about_a_known_event_is_proposed_beside_the_link() -> None:
    # The Putin–Macron call of 29 February 2020 is known; what Macron said of it that day is not.
    found = _candidates(
        dt.date(2020, 3, 1), "Emmanuel Macron said on Saturday that his call with Putin was frank."
    )
    assert [(c.kind, c.date, dict(c.roles)) for c in found] == [
        ("statement", "2020-02-29", {"macron": "speaker"})
    ]
    assert found[0].title == "Emmanuel Macron says his call with Putin was frank"


def test_an_unknown_speakers_statement_about_a_known_event_is_not_proposed() -> None:
    found = _candidates(
        dt.date(2020, 3, 1),
        "His office said on Saturday that the call of Putin and Macron was frank.",
    )
    assert found == []


def test_a_phrase_word_takes_its_titles_verb() -> None:
    (found,) = _candidates(
        dt.date(2021, 6, 2), "Turkish forces shot down a Syrian drone over Idlib on Tuesday."
    )
    assert found.title == "Turkish Armed Forces shoots down a Syrian drone over Idlib"


def test_titles_of_telling_signing_sanctioning_and_shelling() -> None:
    cases = {
        "Putin told reporters on Friday that Russia would not back down.": (
            "statement",
            "Vladimir Putin says Russia would not back down",
        ),
        "Turkey and Russia signed a memorandum on Idlib in Sochi on Monday.": (
            "agreement",
            "Turkey and Russia sign a memorandum on Idlib in Sochi",
        ),
        "Russia imposed sanctions on Turkish goods on Saturday.": (
            "sanctions",
            "Russia imposes sanctions on Turkey",
        ),
        "Syrian government forces shelled Turkish positions in Idlib on Thursday.": (
            "strike",
            "Syrian Arab Army shells Turkish positions in Idlib",
        ),
    }
    for sentence, want in cases.items():
        (found,) = _candidates(dt.date(2021, 6, 5), sentence)
        assert (found.kind, found.title) == want, sentence


def test_a_statement_is_not_set_where_what_it_tells_of_happened() -> None:
    (found,) = _candidates(
        dt.date(2021, 6, 5), "Erdogan said on Friday the talks that began in Moscow were useful."
    )
    assert found.place is None
    assert found.title == "Recep Tayyip Erdoğan says the talks that began in Moscow were useful"


def _dated(found: list[CandidateEvent]) -> list[tuple[str, str, tuple[str, ...]]]:
    return sorted((c.date, c.kind, c.participants) for c in found)


def test_two_dated_clauses_of_one_sentence_are_two_events() -> None:
    # "and Erdogan on Friday" has no verb of its own: it is the first clause's meeting.
    found = _candidates(
        dt.date(2021, 6, 5),
        "Emmanuel Macron met Vladimir Putin on Thursday and Recep Tayyip Erdogan on Friday.",
    )
    assert _dated(found) == [
        ("2021-06-03", "meeting", ("macron", "putin")),
        ("2021-06-04", "meeting", ("erdogan", "macron")),
    ]
    titles = {c.date: c.title for c in found}
    assert titles["2021-06-04"] == "Emmanuel Macron and Recep Tayyip Erdoğan meet"
    assert all(c.evidence.startswith("Emmanuel Macron met Vladimir Putin") for c in found)


def test_a_joined_clause_without_a_subject_takes_the_first_clauses() -> None:
    found = _candidates(
        dt.date(2021, 6, 5),
        "Emmanuel Macron called Vladimir Putin on Monday and then spoke to Recep "
        "Tayyip Erdogan by telephone on Wednesday, the Elysee said.",
    )
    assert _dated(found) == [
        ("2021-05-31", "phone-call", ("macron", "putin")),
        ("2021-06-02", "phone-call", ("erdogan", "macron")),
    ]


def test_a_closing_attribution_is_not_the_joined_clauses_event() -> None:
    found = _candidates(
        dt.date(2021, 6, 5),
        "Erdogan spoke by phone with Putin on Thursday and with Emmanuel Macron on Friday, "
        "his office said.",
    )
    assert _dated(found) == [
        ("2021-06-03", "phone-call", ("erdogan", "putin")),
        ("2021-06-04", "phone-call", ("erdogan", "macron")),
    ]


def test_a_joined_clause_with_its_own_subject_stands_alone() -> None:
    found = _candidates(
        dt.date(2021, 6, 5),
        "Putin hosted Erdogan in Sochi on Monday, and on Tuesday Hassan Rouhani met "
        "Emmanuel Macron in Paris.",
    )
    assert _dated(found) == [
        ("2021-05-31", "meeting", ("erdogan", "putin")),
        ("2021-06-01", "meeting", ("macron", "rouhani")),
    ]


def test_a_sentence_not_joined_at_its_dates_is_read_whole() -> None:
    # The join is not at either date: nothing says which clause each day belongs to.
    found = _candidates(
        dt.date(2021, 6, 5),
        "Putin, who met Macron and Erdogan, said on Friday that talks would resume on June 20.",
    )
    assert [c.kind for c in found] == ["statement"]


def test_listed_dates_are_one_event_over_the_days() -> None:
    found = _candidates(
        dt.date(2021, 6, 5), "Putin and Erdogan held talks in Sochi on June 1 and June 2."
    )
    assert _dated(found) == [("2021-06-01", "meeting", ("erdogan", "putin"))]


def test_a_titles_verb_agrees_with_its_subject_whatever_its_kind() -> None:
    # One actor (a person, an organisation, a state) takes the verb for one, two or more the
    # verb for several; a subject no known actor names is counted by its words.
    cases = {
        "NATO held an emergency meeting on Friday at Turkey's request.": "NATO meets",
        "NATO met Recep Tayyip Erdogan on Friday.": "NATO and Recep Tayyip Erdoğan meet",
        "NATO hosted Erdogan on Friday.": "NATO hosts Recep Tayyip Erdoğan",
        "NATO and the European Union imposed sanctions on Russia on Friday.": (
            "NATO and European Union impose sanctions on Russia"
        ),
        "Rebels shelled Turkish positions in Idlib on Friday.": (
            "Rebels shell Turkish positions in Idlib"
        ),
        "Turkish troops began an offensive in Idlib on Friday.": (
            "Turkish Armed Forces conducts a military operation in Idlib"
        ),
        # the body a person named belongs to is not a second subject
        "European Council President Charles Michel signed a deal with Turkey on Friday.": (
            "Charles Michel signs a deal"
        ),
    }
    for sentence, want in cases.items():
        (found,) = _candidates(dt.date(2021, 6, 5), sentence)
        assert found.title == want, sentence


def test_a_meeting_told_without_a_date_takes_the_day_of_the_joint_act_of_its_sides() -> None:
    # A story's lede names the meeting, a later paragraph dates what the two agreed at it.
    found = _candidates(
        dt.date(2021, 6, 3),
        "Vladimir Putin told reporters in Sochi after his meeting with Recep Tayyip Erdogan "
        "that relations were back on track.",
        "Erdogan said that he and Putin agreed on Wednesday to resume direct flights between "
        "the two countries.",
    )
    by_kind = {c.kind: c for c in found}
    assert set(by_kind) == {"agreement", "meeting"}
    meeting = by_kind["meeting"]
    assert (meeting.date, meeting.date_precision) == ("2021-06-02", "day")
    assert meeting.title == "Vladimir Putin and Recep Tayyip Erdoğan meet in Sochi"
    assert set(meeting.participants) == {"putin", "erdogan"}
    assert meeting.date_from.startswith("date from the same occasion: ")
    assert "(¶2)" in meeting.date_from
    assert by_kind["agreement"].date_from == ""  # its sentence states its date


def test_a_call_told_without_a_date_takes_the_day_of_its_tellers_statement() -> None:
    # "X said on Tuesday ...", then "X, who ..., said he had discussed ... in a phone call
    # with Y": the call is told of on the occasion of Tuesday's statement.
    found = _candidates(
        dt.date(2021, 6, 3),
        "Emmanuel Macron said on Tuesday that Europe must stand together against the blackmail.",
        "Mr Macron, who was speaking at a lunch in Lyon, said he had discussed the crisis in a "
        "phone call with Angela Merkel.",
    )
    (call,) = [c for c in found if c.kind == "phone-call"]
    assert call.date == "2021-06-01"
    assert call.title == "Emmanuel Macron and Angela Merkel speak by phone"
    assert "Emmanuel Macron says Europe must stand together" in call.date_from


def test_a_contact_told_without_a_date_and_no_occasion_of_its_sides_proposes_nothing() -> None:
    # Tuesday's statement is neither side's: the meeting has no day to take.
    found = _candidates(
        dt.date(2021, 6, 3),
        "Vladimir Putin met Recep Tayyip Erdogan in Sochi, the Kremlin said.",
        "Emmanuel Macron said on Tuesday that Europe must stand together against the blackmail.",
    )
    assert [c.kind for c in found] == ["statement"]


def test_a_contact_told_long_after_the_joint_act_is_not_given_its_day() -> None:
    # The meeting is told of from publication, four weeks after the agreement: it can be
    # any meeting of the two, not the one of 2 June.
    found = _candidates(
        dt.date(2021, 6, 30),
        "Putin and Erdogan agreed on June 2 to resume direct flights between the two countries.",
        "The first planes are due in July.",
        "Airlines welcomed the news.",
        "Tickets sold out within hours.",
        "Tour operators expect a busy summer.",
        "Vladimir Putin told reporters in Sochi after his meeting with Recep Tayyip Erdogan "
        "that relations were back on track.",
    )
    assert [c.kind for c in found] == ["agreement"]


def test_a_clause_hung_on_a_closing_attribution_is_done_by_the_one_who_said_it() -> None:
    # "..., Putin said, having agreed the plan at a summit with ...": the summit is Putin's
    # with the two others, not the refugees' or a state named in what was said.
    found = _candidates(
        dt.date(2021, 6, 3),
        "Putin, Rouhani and Erdogan signed a memorandum on Wednesday.",
        "Syrian refugees should be able to return home soon, Putin said, having agreed the plan "
        "at a summit with Hassan Rouhani and Recep Tayyip Erdogan.",
    )
    (summit,) = [c for c in found if c.kind == "meeting"]
    assert summit.date == "2021-06-02"
    assert set(summit.participants) == {"putin", "rouhani", "erdogan"}


def test_a_statement_title_leaves_out_the_purpose_hung_on_what_was_said() -> None:
    found = _candidates(
        dt.date(2021, 6, 3),
        "Recep Tayyip Erdogan said on Tuesday that the closure of the border crossing was a "
        "cynical decision designed to punish the refugees and their families for the failed "
        "talks.",
    )
    (statement,) = [c for c in found if c.kind == "statement"]
    assert statement.title == (
        "Recep Tayyip Erdoğan says the closure of the border crossing was a cynical decision"
    )
    # too few words before the purpose to say anything: who makes a statement, as before
    found = _candidates(
        dt.date(2021, 6, 3),
        "Recep Tayyip Erdogan said on Tuesday that the closure was designed to punish the "
        "refugees and their families for the failed talks of the summer in the capital.",
    )
    (statement,) = [c for c in found if c.kind == "statement"]
    assert statement.title == "Recep Tayyip Erdoğan makes a statement"


def test_a_place_after_a_head_and_of_is_where() -> None:
    (found,) = _candidates(
        dt.date(2021, 6, 3),
        "Vladimir Putin met Recep Tayyip Erdogan in the Black Sea resort of Sochi on Tuesday.",
    )
    assert found.title == "Vladimir Putin and Recep Tayyip Erdoğan meet in Sochi"
    assert found.place == "sochi"


def test_talks_hung_on_a_press_conference_were_held_where_it_was_given() -> None:
    found = _candidates(
        dt.date(2021, 6, 3),
        "Vladimir Putin told reporters in Sochi following his talks with Recep Tayyip Erdogan "
        "on Tuesday that the crisis was over.",
    )
    (talks,) = [c for c in found if c.kind == "meeting"]
    assert talks.title == "Vladimir Putin and Recep Tayyip Erdoğan hold talks in Sochi"
    assert talks.place == "sochi"
    # landing somewhere after talks says nothing of where the talks were
    found = _candidates(
        dt.date(2021, 6, 3),
        "Vladimir Putin landed in Sochi following his talks with Recep Tayyip Erdogan on Tuesday.",
    )
    (talks,) = [c for c in found if c.kind == "meeting"]
    assert talks.title == "Vladimir Putin and Recep Tayyip Erdoğan hold talks"
    assert talks.place is None


def test_who_tells_of_his_own_call_is_a_side_of_it_and_what_they_spoke_of_is_not() -> None:
    # "X said he had urged Y in a phone call to rein in Z": X and Y speak; Z is the topic.
    found = _candidates(
        dt.date(2021, 4, 7),
        "Emmanuel Macron said on Tuesday that Europe would not accept another disaster on its "
        "borders.",
        "Macron, who was speaking after a cabinet meeting in Paris, said he had urged Vladimir "
        "Putin in a phone call to rein in the Syrian army.",
    )
    (call,) = [c for c in found if c.kind == "phone-call"]
    assert call.title == "Emmanuel Macron and Vladimir Putin speak by phone"
    assert call.date == "2021-04-06"
    assert set(call.participants) == {"macron", "putin"}


def test_a_meeting_in_a_clause_describing_its_teller_is_not_of_the_storys_day() -> None:
    # "Putin, who met Erdogan in Ankara, said ...": background on Putin, of no known day;
    # neither his statement of Monday nor the two's agreement of Monday dates it.
    found = _candidates(
        dt.date(2021, 8, 10),
        "Russian President Vladimir Putin said on Monday that Russia would respond firmly to "
        "the attack on its consulate.",
        "Putin, who met Recep Tayyip Erdogan in Ankara, said Turkey shared his concern.",
    )
    assert [c.kind for c in found] == ["statement"]
    found = _candidates(
        dt.date(2021, 9, 14),
        "Vladimir Putin and Recep Tayyip Erdogan agreed on Monday to reopen the grain corridor.",
        "Putin, who met Erdogan in Ankara, said the corridor would open within a week.",
    )
    assert [c.kind for c in found] == ["agreement"]


def test_a_state_named_beside_the_people_a_host_receives_is_no_guest() -> None:
    """QA: "Recep Tayyip Erdoğan hosts Vladimir Putin, Hassan Rouhani and Syria in Ankara"
    of a summit on Syria."""
    (found,) = _candidates(
        dt.date(2021, 6, 2),
        "Turkish President Recep Tayyip Erdogan hosted Russian President Vladimir Putin and "
        "Iranian President Hassan Rouhani in Ankara on Wednesday for a summit on Syria.",
    )
    assert found.title == ("Recep Tayyip Erdoğan hosts Vladimir Putin and Hassan Rouhani in Ankara")
