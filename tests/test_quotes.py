"""Quotation speakers: one test per way a reporting clause names (or hides) its speaker.

The sentences are written for these tests; they imitate news prose, they are not taken from
any article."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from generator.errors import CorpusError
from generator.model import Actor, Quote, Source
from generator.pipeline import check
from generator.stages.link import link_source
from generator.text.matching import AliasMatcher, RoleIndex
from generator.text.quotes import Attributor, find_quotations, scan_quotations
from tests.conftest import MINI_CORPUS


def actor(ident: str, name: str, *aliases: str, kind: str = "person") -> Actor:
    return Actor(ident, name, kind, (name, *aliases), description="")


KNOWN = {
    a.id: a
    for a in [
        actor("putin", "Vladimir Putin", "Putin"),
        actor("erdogan", "Recep Tayyip Erdoğan", "Erdogan", "Erdoğan"),
        actor("lavrov", "Sergei Lavrov", "Lavrov"),
        actor("zakharova", "Maria Zakharova", "Zakharova"),
        actor("peskov", "Dmitry Peskov", "Peskov"),
        actor("russia", "Russia", kind="state"),
        actor("kremlin", "Kremlin", kind="organisation"),
        actor("cnn", "CNN", kind="media"),
    ]
}


def quotes(*paragraphs: str, known: dict[str, Actor] | None = None) -> list[Quote]:
    actors = KNOWN if known is None else known
    source = Source("s", "t", "o", None, "en", paragraphs)
    attributor = Attributor(actors, RoleIndex(actors.values()))
    return list(link_source(source, AliasMatcher(actors.values()), attributor).quotes)


def speakers(*paragraphs: str, known: dict[str, Actor] | None = None) -> list[str | None]:
    return [q.speaker_name for q in quotes(*paragraphs, known=known)]


@pytest.mark.parametrize("verb", ["quipped", "insisted", "warned", "tweeted", "argued", "noted"])
def test_any_reporting_verb_of_the_lexicon_names_the_speaker(verb: str) -> None:
    text = f"“Nobody will be able to say we did not try hard enough,” Putin {verb}."
    assert speakers(text) == ["Vladimir Putin"]


def test_speaker_in_apposition_is_the_name_not_the_country() -> None:
    text = (
        "“We expect our partners to keep the promises they made in March,” Sergei Lavrov, "
        "Russia's foreign minister, said on Tuesday."
    )
    (quote,) = quotes(text)
    assert quote.speaker == "lavrov"


def test_titles_are_dropped_from_a_speaker_the_corpus_does_not_know() -> None:
    got = speakers(
        "“This hearing is a waste of everyone's time and money,” said Rep. Jerry Nadler "
        "(D-N.Y.), who sits on the panel.",
        "“The committee has every right to ask these questions today,” Sen. Jo Smith said.",
        "Maine Green Party Chairwoman Ida Berg called the ruling “a good day for every voter "
        "in the state.”",
        "“We will see what the voters think of it in November,” Mr. King added.",
        known={},
    )
    assert got == ["Jerry Nadler", "Jo Smith", "Ida Berg", "King"]


def test_abbreviated_military_and_police_ranks_are_titles_too() -> None:
    # "said Brig. Gen. Kay Moss" gave the speaker "Brig", like "Rep" for "Rep. Jerry Nadler".
    got = speakers(
        "“Nobody has left the base since Friday,” said Brig. Gen. Kay Moss, the commander.",
        "“The road stays shut until the bridge is checked,” said Supt. Ian Hall.",
        "“We found nothing in the boot of the car,” Det. Insp. Ruth Cole told reporters.",
        known={},
    )
    assert got == ["Kay Moss", "Ian Hall", "Ruth Cole"]


def test_media_quoting_someone_is_a_channel_not_the_speaker() -> None:
    got = quotes(
        "Erdogan spoke to journalists on the plane back from Baku.",
        "“We will not take a single step back in the north of the country,” CNN quoted "
        "him as saying.",
    )
    assert [(q.speaker, q.rule, q.via) for q in got] == [("erdogan", "channel/pronoun", "CNN")]


def test_someone_quoted_by_a_channel_in_the_passive_is_the_speaker() -> None:
    # "Peskov was quoted by Interfax as saying" left the quotation unattributed.
    got = quotes(
        "“No date for the next round has been set by either side,” Peskov was quoted as "
        "saying by Interfax.",
        "Lavrov was quoted by CNN as saying: “We are ready to talk whenever Ankara is.”",
    )
    assert [(q.speaker, q.rule, q.via) for q in got] == [
        ("peskov", "channel/name", "Interfax"),
        ("lavrov", "channel/name", "CNN"),
    ]


def test_a_wire_quoting_someone_in_doubled_marks_gives_the_person() -> None:
    text = "''Our soldiers will stay where they are for now,'' Kremlin quoted President Erdoğan."
    (quote,) = quotes(text)
    assert (quote.speaker, quote.rule, quote.via) == ("erdogan", "channel/name", "Kremlin")


def test_a_bracketed_party_and_state_does_not_end_the_sentence() -> None:
    got = speakers(
        "“We have waited long enough for the answers we were promised,” Rep. Ann Lowe "
        "(D-Md.) said on Friday.",
        known={},
    )
    assert got == ["Ann Lowe"]


def test_a_quotation_standing_alone_after_a_report_is_the_reporters() -> None:
    got = speakers(
        "“It is too early,” said Peskov, the Kremlin spokesman. “The presidents have not "
        "spoken about a date and will not do so this week.”"
    )
    assert got == ["Dmitry Peskov"]  # the first quotation is too short to count


def test_told_reporters_names_the_subject_and_an_unnamed_official_stays_unattributed() -> None:
    got = speakers(
        "“The two leaders spoke for more than an hour,” Peskov told reporters.",
        "“Nothing has been agreed on the border yet,” a senior official told reporters.",
    )
    assert got == ["Dmitry Peskov", None]


def test_added_after_a_clause_keeps_the_sentence_subject() -> None:
    text = (
        "Peskov said the talks had been long and added: “Both sides know what is at stake "
        "in the coming weeks.”"
    )
    assert speakers(text) == ["Dmitry Peskov"]


def test_institutions_speak() -> None:
    assert speakers("“The meeting will take place in Sochi next week,” the Kremlin said.") == [
        "Kremlin"
    ]
    unknown = speakers("“The ministry has received no such request,” the Foreign Office said.")
    assert unknown == ["Foreign Office"]


def test_she_is_the_last_woman_who_spoke_not_the_last_man_named() -> None:
    got = speakers(
        "Maria Zakharova said on Thursday that the ministry would answer in writing.",
        "She added that Putin had been told about the letter before the call.",
        "“We do not comment on letters that have not reached us yet,” she said.",
    )
    assert got == ["Maria Zakharova"]


def test_gender_from_the_actor_list_wins_over_the_first_name() -> None:
    known = {
        "sam": Actor("sam", "Sam Reyes", "person", ("Sam Reyes", "Reyes"), "", gender="female"),
        "ali": Actor("ali", "Ali Demir", "person", ("Ali Demir", "Demir"), "", gender="male"),
    }
    got = speakers(
        "Reyes said the vote would be held in May. Demir said it was too soon.",
        "“The date was agreed by everyone at the table in March,” she said.",
        known=known,
    )
    assert got == ["Sam Reyes"]


def test_gender_from_titles_and_first_names_for_unknown_speakers() -> None:
    got = speakers(
        "Mrs. Okafor, the council's treasurer, said the budget had to be cut.",
        "Mr. Hale disagreed with her on the timing of the cuts.",
        "“We can wait until the spring before we decide anything at all,” he said.",
        "“Waiting is a decision too, and a costly one for the town,” she said.",
        known={},
    )
    assert got == ["Hale", "Okafor"]


def test_single_and_doubled_quotation_marks() -> None:
    got = quotes(
        "‘We don’t intend to leave the table before an agreement,’ Erdogan said.",
        "''There is no alternative to dialogue between our countries,'' Putin said.",
    )
    assert [(q.speaker, q.text) for q in got] == [
        ("erdogan", "We don’t intend to leave the table before an agreement"),
        ("putin", "There is no alternative to dialogue between our countries"),
    ]


def test_apostrophes_do_not_open_or_close_single_quoted_quotations() -> None:
    text = "The minister’s aides said it wasn’t over, and ‘we won’t give up on this at all’."
    assert [body for _, _, body in find_quotations(text)] == ["we won’t give up on this at all"]


def test_a_quotation_over_two_paragraphs_keeps_its_speaker() -> None:
    first = (
        "“The sanctions have not worked,” Lavrov said. “They have only made the people of "
        "both countries poorer, and everyone can see it"
    )
    second = "“Nobody in Europe believes otherwise any more in private conversations.”"
    got = quotes(first, second)
    assert [(q.paragraph, q.speaker) for q in got] == [
        (0, "lavrov"),
        (0, "lavrov"),
        (1, "lavrov"),
    ]
    assert got[1].end == len(first)  # the open quotation runs to the paragraph's end


def test_an_unclosed_quotation_alone_is_not_a_quotation() -> None:
    closed, still_open = scan_quotations("He said “this is a typo that never closes at all")
    assert closed == [] and still_open == 8
    assert quotes("He said “this is a typo that never closes at all", "The next paragraph.") == []


def test_unattributable_quotations_stay_unattributed() -> None:
    got = speakers(
        "In Moscow, “the talks will go on for many more hours tonight.”",
        "Officials said the plan was “not realistic in the current circumstances.”",
        "The report called the deal “a step towards a lasting peace in the region.”",
    )
    assert got == [None, None, None]


def test_a_long_paragraph_is_read_in_linear_time() -> None:
    paragraph = (
        "“The talks were useful and we will meet again,” said Rep. Jo Smith (D-Ga.), "
        "a senator, adding: “more of the same words here today” and then "
    ) * 8000
    assert len(paragraph) > 1_000_000
    started = time.process_time()
    found = quotes(paragraph[:1_000_000], known={})
    assert time.process_time() - started < 8
    assert len(found) > 10_000


def test_actors_yml_may_tell_a_gender_and_a_wrong_one_is_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI_CORPUS, corpus)
    actors = corpus / "actors.yml"
    original = actors.read_text()
    actors.write_text(
        original.replace("  roles: [Russian leader]", "  gender: male\n  roles: [Russian leader]")
    )
    assert check(corpus).actors["putin"].gender == "male"
    actors.write_text(
        original.replace("  roles: [Russian leader]", "  gender: man\n  roles: [Russian leader]")
    )
    with pytest.raises(CorpusError) as caught:
        check(corpus)
    (problem,) = [str(p) for p in caught.value.problems]
    assert problem.endswith("actors.yml:5: actor 'putin': gender must be female or male, not 'man'")
