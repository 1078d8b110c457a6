"""Render stage helpers: briefing references, outlet profiles, key evidence, meta descriptions
and paragraph segments (the pages themselves are covered by the goldens)."""

from __future__ import annotations

import dataclasses

import pytest

from generator.model import Actor, Corpus, EvidenceAnchor, Mention
from generator.pipeline import check
from generator.stages.render import DESCRIPTION_CHARS, make_environment
from generator.stages.views.base import linked_text, outlet_text, plain_references
from generator.stages.views.events import key_evidence
from generator.stages.views.sources import paragraph_segments
from tests.conftest import MINI_CORPUS


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return check(MINI_CORPUS)


def test_references_become_links_and_prose_stays_text(corpus: Corpus) -> None:
    text = "When [[actor:putin|he]] and Erdogan met (*really*) see [[event:moscow-talks]]."
    out = linked_text(text, corpus, lambda target: f"/{target}")
    assert "[he](/actors/putin.md)" in out
    assert "[Putin and Erdoğan meet in Moscow](/events/moscow-talks.md)" in out
    assert "*really*" not in out  # the analyst's asterisks are text, not emphasis
    assert plain_references(text, corpus) == (
        "When he and Erdogan met (*really*) see Putin and Erdoğan meet in Moscow."
    )


def test_an_outlet_with_a_profile_says_who_owns_it() -> None:
    sputnik = Actor("sputnik", "Sputnik", "media", ("Sputnik News",), "", owner="state",
                    country="Russia")  # fmt: skip
    profiles = {"sputnik": sputnik, "sputnik news": sputnik}
    assert outlet_text("Sputnik News", profiles, lambda t: t) == (
        "[Sputnik News](actors/sputnik.md) (state media, Russia)"
    )
    assert outlet_text("The *Gazette*", profiles, lambda t: t) == r"The \*Gazette\*"


def test_key_evidence_puts_whole_sentences_first_one_per_source() -> None:
    def anchor(source: str, text: str) -> EvidenceAnchor:
        return EvidenceAnchor(event="talks", source=source, paragraph=0, text=text)

    anchors = (
        anchor("blog", "LIVE: Putin, Erdogan meet"),  # a headline, not a sentence
        anchor("blog", "Putin and Erdogan met for six hours."),
        anchor("blog", "They agreed on a ceasefire."),
        anchor("wire", "The two leaders met in Moscow."),
    )
    view = key_evidence(anchors)
    assert [a.text for a in view.key] == [
        "Putin and Erdogan met for six hours.",
        "The two leaders met in Moscow.",
    ]
    assert view.fragments == 1 and len(view.rest) == 2


def test_meta_descriptions_are_one_short_line_without_references(corpus: Corpus) -> None:
    env = make_environment()
    long = "See [[event:moscow-talks|the talks]]. " + "word " * 100 + '"quoted"\nline'
    # views resolve references to their words (Here.plain); the filter shortens and quotes
    plain = plain_references(long, corpus)
    out = env.from_string("{{ text|description }}").render(text=plain)
    value = out.strip('"')
    assert value.startswith("See the talks. word") and "\n" not in value
    assert len(value) <= DESCRIPTION_CHARS and value.endswith("…")
    assert '"' not in value


def test_paragraph_segments_link_each_mention_once(corpus: Corpus) -> None:
    source = dataclasses.replace(
        next(iter(corpus.sources.values())), paragraphs=("Putin met Erdogan.",)
    )
    mentions = [
        Mention("putin", source.id, 0, 0, 0, 5, "Putin"),
        Mention("erdogan", source.id, 0, 0, 10, 17, "Erdogan"),
    ]
    (segments,) = paragraph_segments(source, [mentions])
    assert [(s.text, s.actor) for s in segments] == [
        ("Putin", "putin"), (" met ", None), ("Erdogan", "erdogan"), (".", None),
    ]  # fmt: skip
