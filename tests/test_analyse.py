"""Analyse stage: co-mentions, chronology, neighbours and per-source summaries."""

from __future__ import annotations

import pytest

from generator.pipeline import check
from generator.stages.analyse import Analysis, analyse, first_per_paragraph
from generator.stages.link import link_sources
from tests.conftest import MINI_CORPUS


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    corpus = check(MINI_CORPUS)
    return analyse(corpus, link_sources(corpus))


def test_comentions_count_sentences_not_mentions(analysis: Analysis) -> None:
    # Putin and Erdogan share sentences in both sources.
    assert analysis.comentions[("erdogan", "putin")] == 3
    assert ("moscow", "turkey") not in analysis.comentions  # different sentences


def test_related_actors_are_ranked_by_comentions(analysis: Analysis) -> None:
    related = dict(analysis.actors["putin"].related)
    assert next(iter(related)) == "erdogan"


def test_chronology_and_neighbours(analysis: Analysis) -> None:
    assert analysis.chronology == ("jet-downing", "moscow-talks")
    assert analysis.events["moscow-talks"].before == "jet-downing"
    assert analysis.events["jet-downing"].after == "moscow-talks"
    assert analysis.events["jet-downing"].before is None


def test_actor_profile_lists_events_sources_and_quotes(analysis: Analysis) -> None:
    putin = analysis.actors["putin"]
    assert putin.events == ("moscow-talks",)
    assert [s.source for s in putin.sources] == ["alpha-2020-03-05-talks", "beta-2020-02-21-call"]
    assert putin.sources[0].context == "Putin and Erdogan met in Moscow on Thursday."
    assert [q.text[:7] for q in putin.quotes] == ["We need"]
    moscow = analysis.actors["moscow"]
    assert moscow.events == ("moscow-talks",)  # as the place


def test_source_links_each_actor_once_per_paragraph(analysis: Analysis) -> None:
    source = analysis.corpus.sources["alpha-2020-03-05-talks"]
    links = first_per_paragraph(source, analysis.linked.source_links(source.id).mentions)
    # paragraph 3 names Erdogan and Putin once each
    assert [m.actor for m in links[2]] == ["erdogan", "putin"]
    for paragraph in links:
        actors = [m.actor for m in paragraph]
        assert len(actors) == len(set(actors))


def test_phase_profiles_gather_events_actors_claims_and_sources(analysis: Analysis) -> None:
    import dataclasses
    import datetime as dt

    from generator.model import Phase
    from generator.stages.analyse import phase_profiles

    phases = (
        Phase("Rupture", dt.date(2015, 11, 1), dt.date(2016, 6, 30)),
        Phase("Idlib", dt.date(2020, 1, 1), dt.date(2020, 3, 31), "The crisis."),
    )
    corpus = dataclasses.replace(
        analysis.corpus, briefing=dataclasses.replace(analysis.corpus.briefing, phases=phases)
    )
    rupture, idlib = phase_profiles(corpus, analysis.chronology)
    assert (rupture.number, rupture.events, rupture.sources) == (1, ("jet-downing",), ())
    assert dict(rupture.actors) == {"turkey": 1, "russia": 1}
    assert idlib.events == ("moscow-talks",)
    assert idlib.sources == ("alpha-2020-03-05-talks", "beta-2020-02-21-call")  # newest first
    claimed = {c.id for c in corpus.claims.values() if c.event == "moscow-talks"}
    assert set(idlib.claims) == claimed


def test_events_of_one_day_keep_the_order_their_words_give(analysis: Analysis) -> None:
    import dataclasses
    import datetime as dt

    from generator.model import FuzzyDate
    from generator.stages.analyse import chronological

    talks = analysis.corpus.events["moscow-talks"]
    day = FuzzyDate(dt.date(2020, 3, 5), "day")

    def event(ident: str, kind: str, summary: str) -> object:
        return dataclasses.replace(talks, id=ident, kind=kind, date=day, summary=summary)

    events = {
        "z-call": event("z-call", "phone-call", "Before meeting Erdogan, Putin phoned Michel."),
        "b-talks": event("b-talks", "meeting", "The two presidents talked for six hours."),
        "a-statement": event("a-statement", "statement", "After the talks, Putin spoke."),
        "d-letter": event("d-letter", "letter", "Erdogan wrote to him the same day."),
    }
    corpus = dataclasses.replace(analysis.corpus, events=events, claims={})
    order = chronological(corpus)
    assert order.index("z-call") < order.index("b-talks") < order.index("a-statement")  # not by id
    # a cue that contradicts the ones before it is left out, not obeyed in a loop
    events["b-talks"] = event("b-talks", "meeting", "The talks came after the call.")
    events["z-call"] = event("z-call", "phone-call", "The call came after the talks.")
    corpus = dataclasses.replace(analysis.corpus, events=events, claims={})
    assert set(chronological(corpus)) == set(events)
