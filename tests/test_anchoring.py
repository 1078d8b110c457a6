"""The time a sentence speaks from (text/anchoring.py): tense and aspect of the clause around
an event word, and the reference time a sentence without a date of its own inherits."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.text.anchoring import (
    FUTURE,
    NONE,
    NOW,
    PAST,
    PERFECT,
    Anchors,
    agentless_passive,
    aspect,
    is_narrative,
)
from generator.text.dates import find_dates
from generator.text.folding import sentence_spans


def _aspect(text: str, word: str) -> str:
    at = text.index(word)
    return aspect(text, at, at + len(word))


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("The two ministers met in Ankara to prepare the visit.", "met", PAST),
        ("Since troops were killed in the shelling, the border is closed.", "shelling", PAST),
        ("Government forces have recently clashed with the rebels.", "clashed", PERFECT),
        ("The rebels have for weeks been clashing with the army.", "clashing", NOW),
        ("The army is advancing on the town from the south.", "advancing", NOW),
        ("The siege of the city continues, aid workers say.", "siege", NOW),
        ("Trade ministers hold talks in Baku", "talks", NOW),  # a headline's present
        ("The leaders will meet in Geneva.", "meet", FUTURE),
        ("Both sides said they need to reach an agreement soon.", "agreement", FUTURE),
        ("The envoys agreed to meet again in the spring.", "meet", FUTURE),
        ("As you know from our phone call last week, I am worried.", "phone call", PAST),
    ],
)
def test_the_clause_around_an_event_word_says_when_it_lies(
    text: str, word: str, expected: str
) -> None:
    assert _aspect(text, word) == expected


def test_a_passive_without_by_leaves_the_doer_unsaid() -> None:
    text = "Four medics were killed in a raid near the clinic."
    at = text.index("killed")
    assert agentless_passive(text, at, at + len("killed"))
    text = "Four medics were killed by a drone near the clinic."
    assert not agentless_passive(text, at, at + len("killed"))
    text = "A drone killed four medics near the clinic."
    at = text.index("killed")
    assert not agentless_passive(text, at, at + len("killed"))


def _anchors(published: dt.date | None, *paragraphs: str) -> Anchors:
    spans = [sentence_spans(p) for p in paragraphs]
    dates = [(i, d) for i, p in enumerate(paragraphs) for d in find_dates(p, published)]
    return Anchors(paragraphs, spans, dates, published)


def test_a_sentence_inherits_the_date_stated_before_it_in_its_paragraph() -> None:
    anchors = _anchors(
        dt.date(2021, 6, 12),
        "The mayors met on Thursday in Lyon. They signed a water treaty. Talks went on late.",
    )
    for index in (1, 2):
        reference = anchors.reference(0, index)
        assert reference is not None and not reference.own
        assert (reference.first, reference.paragraph) == (dt.date(2021, 6, 10), 0)
        assert reference.describe() == (
            "date from context: 10 June 2021, stated in ¶1 («on Thursday»)"
        )
    own = anchors.reference(0, 0)
    assert own is not None and own.own


def test_beyond_the_window_a_sentence_speaks_from_publication() -> None:
    anchors = _anchors(
        dt.date(2021, 6, 12),
        "The mayors met on Thursday in Lyon.",
        "One.",
        "Two.",
        "Three.",
        "The treaty was signed.",
    )
    near = anchors.reference(3, 0)
    assert near is not None and near.first == dt.date(2021, 6, 10)
    far = anchors.reference(4, 0)
    assert far is not None and far.paragraph == -1 and far.first == dt.date(2021, 6, 12)
    assert far.describe() == "date from context: published 12 June 2021"


def test_dates_on_things_and_announcements_are_no_reference_time() -> None:
    published = dt.date(2021, 6, 12)
    text = "They praised the 2019 accord and will meet on 30 June. The talks were long."
    dates = find_dates(text, published)
    assert not any(is_narrative(text, d, published) for d in dates)
    reference = _anchors(published, text).reference(0, 1)
    assert reference is not None and reference.paragraph == -1  # publication


def test_a_date_that_cannot_be_read_leaves_the_sentences_after_it_without_one() -> None:
    anchors = _anchors(
        None, "The plant closed in March 2019. It reopened on Monday. Staff returned."
    )
    assert anchors.reference(0, 1) is None
    assert anchors.reference(0, 2) is None
    first = anchors.reference(0, 0)
    assert first is not None and first.first == dt.date(2019, 3, 1)


def test_agreeing_to_do_something_concludes_no_agreement() -> None:
    assert _aspect("The envoys agree to talk it over in May", "agree") == FUTURE
    assert _aspect("The envoys agreed to a truce in the valley.", "agreed") == PAST


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The mayors did not meet in Lyon, their offices said.", "meet"),
        ("The mayors haven't met since the flood.", "met"),
        ("The two mayors have met many times over the years.", "met"),
        ("The mayors never signed the water treaty.", "signed"),
    ],
)
def test_a_denied_or_habitual_event_is_no_event(text: str, word: str) -> None:
    assert _aspect(text, word) == NONE
