"""What a new event is, read from the sentence that reports it: its kind, who takes part, and
a title that says who did what, where.

- The participants are the actors named in the clause of the word that reports the event:
  in "Putin arrived in Turkey on Tuesday after a visit to Syria, following the killing of
  Soleimani by the United States", Putin arrived (Turkey is where); Soleimani and the United
  States belong to a clause hung on it ("following ...", "after ...", "which ...", "according
  to ..."). A hung clause that names no doer of its own has the main clause's ("troops
  returned following a joint patrol"), or its speaker's where the main clause reports speech
  ("Putin told a news conference in the Kremlin after his talks with Erdogan": Putin, not the
  Kremlin; a meeting there is held where he spoke, when it says no place itself); a state
  named as where ("in northern Syria", "in the Black Sea resort of Sochi") is none. Who
  tells of his own act ("Macron said he had urged Putin in a phone call") takes part in it.
- A news outlet is a channel ("according to AFP", "Reuters reported"), never a participant:
  an actor of kind media, or one named where a report is credited.
- What the event is about ("hosted Erdoğan to discuss Syria") is its topic, not a side.
- A meeting or a call needs two sides named in the clause of its word (two people, or a
  person and another state or its place: "Putin visited Damascus"); where they are not,
  the sentence is read for its next kind of event, and without one it proposes none.
- The title takes its verb from the word that reports the event (data/event_titles.tsv):
  "Vladimir Putin hosts Recep Tayyip Erdoğan and Hassan Rouhani for talks on Syria",
  "Recep Tayyip Erdoğan and Vladimir Putin launch the TurkStream pipeline", "Vladimir Putin
  arrives in Turkey"; a statement says who says what when that is short (without a purpose
  hung on it: "... was a provocation", not "... aimed at spoiling ties"). The verb agrees
  with who does it, whatever kind of actor: one takes the verb for one ("NATO meets"), two
  or more the verb for several ("Russia and Turkey meet"); a subject no known actor names is
  counted by its words ("Rebels shell"). A word the file does not list takes its kind's
  plain verb (the file's "kind:" rows).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from generator.model import Corpus
from generator.text.actions import action_lexicon
from generator.text.anchoring import FUTURE, PAST, PERFECT, aspect
from generator.text.speakers import reporting_verbs

DATA = Path(__file__).resolve().parent / "data"
_CONTACT_KINDS = ("meeting", "phone-call")


@cache
def clause_words() -> dict[str, list[str]]:
    """The groups of data/event_clauses.tsv: group -> words and phrases."""
    found: dict[str, list[str]] = {}
    for raw in (DATA / "event_clauses.tsv").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            group, phrase = raw.split("\t")
            found.setdefault(group, []).append(phrase.strip())
    return found


def _alternatives(group: str) -> str:
    phrases = sorted(clause_words()[group], key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The patterns built from the word groups."""
    return {
        # where a clause hung on the main one starts: the boundary word belongs to it
        "boundary": re.compile(
            r"\s*[;:]\s*|\s*[—–]\s*|\s-{1,2}\s|,\s+(?=[a-z]+ing\b)"
            rf"|,?\s+(?=(?:{_alternatives('hung')})\b)",
            re.I,
        ),
        "opening": re.compile(rf"^(?:{_alternatives('opening')})\b[^,]{{1,200}}(,\s*)", re.I),
        "topic": re.compile(rf"\b(?:{_alternatives('topic')})\b", re.I),
        "credited-before": re.compile(rf"\b(?:{_alternatives('credited-before')})\s+$", re.I),
        "credited-after": re.compile(
            rf"^\W{{0,2}}\s*(?:{_alternatives('credited-after')})\b", re.I
        ),
        "manner": re.compile(rf"^\s*(?:{_alternatives('manner')})\s+", re.I),
        "purpose": re.compile(rf"\s(?:{_alternatives('purpose')})\b", re.I),
        # what comes before a place named as where something is: "in", "at", "in northeast",
        # "in the Black Sea resort of"
        "where": re.compile(
            r"\b(?:in|at|near|inside|across)\s+(?:the\s+)?"
            rf"(?:(?:[\w-]+\s+){{0,3}}(?:{_alternatives('where-of')})\s+of\s+|(?:[a-z-]+\s+)?)$"
        ),
        "object-end": re.compile(rf"[,;:.!?—–(]|\s-\s|\b(?:{_alternatives('object-end')})\b", re.I),
    }


_DATE_WORDS = re.compile(
    r"^\s*(?:(?:late|early)\s+)?(?:on|last|this)\s+(?:\w+day|\w+\s+\d{1,2}(?:st|nd|rd|th)?|"
    r"\d{1,2}\s+\w+)\s*",
    re.I,
)
# how far back from a place's name the words that set something there may start
_WHERE_SPAN = 50
# a date after an act's object ("shot down a drone on Tuesday"): where the object ends
_DATED = re.compile(r"\s(?:(?:late|early)\s+)?on\s+(?:[A-Z][a-z]+day|[A-Z][a-z]+\.?\s+\d)")
_MAX_OBJECT_WORDS = 8
_MAX_SAID_WORDS = 14
_MIN_GIST_WORDS = 5  # fewer words before a purpose phrase say nothing ("the move aimed at")


@dataclass(frozen=True)
class Shape:
    """A new event as its sentence shows it."""

    kind: str
    participants: tuple[str, ...]  # in the order the sentence names them
    title: str
    place: str | None = None  # where the clause sets it ("met in Sochi")
    supporting: bool = False  # names one side of a meeting: joins one, proposes none
    roles: tuple[tuple[str, str], ...] = ()  # what the sentence shows: who speaks


@dataclass(frozen=True)
class _Verb:
    one: str
    several: str
    follows: str  # "-", "object", "place" or "guests"


@cache
def _title_rows() -> list[tuple[str, _Verb]]:
    """The rows of data/event_titles.tsv: a word (or "kind:" and a kind) and its verb."""
    found = []
    for raw in (DATA / "event_titles.tsv").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            word, one, several, follows = raw.split("\t")
            found.append((word, _Verb(one, several, follows.strip())))
    return found


def _kind_verb(kind: str) -> _Verb:
    """The plain verb of a kind of event ("holds a meeting", "meet")."""
    verbs = {word: verb for word, verb in _title_rows() if word.startswith("kind:")}
    return verbs.get(f"kind:{kind}", verbs["kind:other"])


@cache
def _title_verbs() -> list[tuple[re.Pattern[str], _Verb]]:
    found = []
    for word, verb in _title_rows():
        if word.startswith("kind:"):
            continue
        stem = re.escape(word.rstrip("*"))
        pattern = rf"{stem}\w*" if word.endswith("*") else rf"{stem}(?:s|es|d|ed|ing|ings)?"
        found.append((re.compile(rf"(?:{pattern})$", re.I), verb))
    return found


def _verb_for(word: str) -> _Verb | None:
    """The title's verb for the word or phrase that reports the event ("shot down")."""
    text = " ".join(word.split())
    return next((verb for pattern, verb in _title_verbs() if pattern.fullmatch(text)), None)


@cache
def _attribution() -> re.Pattern[str]:
    """A closing attribution, a clause of its own: "..., Turkish officials said"."""
    verbs = "|".join(sorted(map(re.escape, reporting_verbs()), key=len, reverse=True))
    return re.compile(rf",\s+(?=(?:[\w'’.-]+\s+){{0,5}}(?:{verbs})\b[^,]{{0,30}}$)")


def _cuts(sentence: str) -> list[tuple[int, int]]:
    found = [m.span() for m in _patterns()["boundary"].finditer(sentence)]
    found += [m.span() for m in _attribution().finditer(sentence)]
    found += [m.span(1) for m in _patterns()["opening"].finditer(sentence)]
    return sorted(found)


def clause_of(sentence: str, at: int) -> tuple[int, int]:
    """The span of the clause that holds offset `at`."""
    start, end = 0, len(sentence)
    for cut_start, cut_end in _cuts(sentence):
        if cut_end <= at:
            start = cut_end
        elif cut_start >= at:
            end = cut_start
            break
    return start, end


class Sentence:
    """A sentence, the actors it names (id -> spans in the sentence) and the corpus."""

    def __init__(
        self,
        corpus: Corpus,
        text: str,
        spans: Mapping[str, list[tuple[int, int]]],
        named: Iterable[str],
        stands_for: Mapping[str, set[str]],
        demonyms_of: Mapping[str, list[str]] | None = None,
    ) -> None:
        self.corpus, self.text, self.spans = corpus, text, spans
        self.named = set(named) | set(spans)
        self.stands_for = stands_for
        self.demonyms_of = demonyms_of or {}

    def _at(self, actor: str) -> list[tuple[int, int]]:
        """Where the sentence names an actor: its mentions; for one named through a role
        ("the Russian and Turkish presidents"), where its state is named or its demonym."""
        if actor in self.spans:
            return self.spans[actor]
        found = []
        own = {actor} if actor in self.demonyms_of else set()  # "Turkish troops": Turkey
        for state in sorted(self.stands_for.get(actor, set()) | own):
            found += self.spans.get(state, [])
            for word in self.demonyms_of.get(state, []):
                pattern = rf"\b{re.escape(word)}\b"
                found += [m.span() for m in re.finditer(pattern, self.text, re.I)]
        return sorted(found)

    def _credited(self, start: int, end: int) -> bool:
        """A report is credited to the actor here ("according to AFP", "Reuters reported")."""
        return bool(
            _patterns()["credited-before"].search(self.text[max(0, start - 20) : start])
            or _patterns()["credited-after"].match(self.text[end : end + 20])
        )

    def _channel(self, actor: str) -> bool:
        if self.corpus.actors[actor].kind == "media":
            return True
        spans = self.spans.get(actor, [])
        return bool(spans) and all(self._credited(s, e) for s, e in spans)

    def in_clause(self, start: int, end: int) -> list[str]:
        """The actors named in text[start:end], in order, but channels; an actor named only
        through a role ("the presidents of Turkey and Iran") goes with the state it leads."""
        placed = {}
        for actor in self.named:
            inside = [s for s, e in self._at(actor) if start <= s and e <= end]
            if inside:
                placed[actor] = min(inside)
        return [a for a in sorted(placed, key=lambda a: (placed[a], a)) if not self._channel(a)]

    def topics(self, start: int, end: int) -> set[str]:
        """The actors named after "to discuss", "about" ... in the clause: what it is about."""
        cue = _patterns()["topic"].search(self.text, start, end)
        return set(self.in_clause(cue.end(), end)) if cue else set()

    def states(self, actor: str) -> set[str]:
        """The states an actor stands for: a leader's, a capital's ("Damascus": Syria)."""
        found = set(self.stands_for.get(actor, set()))
        own = self.corpus.actors[actor].stands_for
        if own and own in self.corpus.actors and self.corpus.actors[own].kind == "state":
            found.add(own)
        return found

    def located(self, actor: str) -> bool:
        """A state named only as where something is ("a patrol in northeast Syria")."""
        spans = self.spans.get(actor, [])
        return (
            self.corpus.actors[actor].kind == "state"
            and bool(spans)
            and all(_where_before(self.text, s) for s, _ in spans)
        )

    def is_person(self, actor: str) -> bool:
        return self.corpus.actors[actor].kind == "person"

    def side(self, actor: str) -> str:
        states = sorted(self.states(actor))
        return states[0] if states else actor


def shape(sentence: Sentence, date_at: int, other_dates: Sequence[int] = ()) -> Shape | None:
    """The event the sentence reports on its date (at offset date_at), or None: the event
    word of the main clause nearest the date first ("Erdogan on Tuesday said the talks had
    gone well" is a statement; "he said they agreed on May 3 to ..." an agreement), then
    the words of the clauses hung on it. The clause that holds the date comes first: in
    "X killed Y on Monday, officials said" the killing, in "..., officials said on Monday"
    the statement; but in "Putin told Macron in a phone call, the Kremlin said on Saturday"
    the call, told in the past beside a report of that day, is that day's too."""
    dated = clause_of(sentence.text, date_at)
    tag = _attribution().search(sentence.text)
    reported = tag is not None and date_at >= tag.end()
    words = []
    for order, (kind, pattern) in enumerate(action_lexicon().items()):
        if kind == "contact":
            continue
        for match in pattern.finditer(sentence.text):
            near = abs(match.start() - date_at)
            if any(abs(match.start() - other) < near for other in other_dates):
                continue  # another date of the sentence dates this word ("the downing in
                # November 2015" in a sentence of Tuesday's)
            clause = clause_of(sentence.text, match.start())
            told = reported and clause[1] <= dated[0] and _told(sentence.text, match)
            away = (clause != dated and not told, clause[0] > 0, near)
            words.append((away, order, kind, match))
    support = None
    ranked = sorted(words, key=lambda w: w[:2])
    if ranked and aspect(sentence.text, ranked[0][-1].start(), ranked[0][-1].end()) == FUTURE:
        return None  # the date is of a planned event ("are due to meet on March 5")
    for away, _, kind, match in ranked:
        found = _shape_at(sentence, kind, match)
        if found is not None and (not found.supporting or not away[0]):
            return found  # a meeting with one side, in the clause of the date, is its event
        support = support or found
    return support


# an event after which something is done is done: "told reporters after his meeting with"
_AFTER_IT = re.compile(r"\b(?:after|following)\s+(?:(?:his|her|their|its|the|a)\s+)?$", re.I)


def told_contact(sentence: Sentence) -> tuple[Shape, int] | None:
    """A call or a meeting a sentence without a date tells of as done, between two people
    named in the clause of its word ("said he had agreed in a phone call with Erdogan",
    "told a press conference following his meeting with Erdogan"), and where its word is;
    None where there is none (one side, a plan, a state "called on" to act)."""
    lexicon = action_lexicon()
    for kind in _CONTACT_KINDS:
        for match in lexicon[kind].finditer(sentence.text):
            told = aspect(sentence.text, match.start(), match.end()) in (PAST, PERFECT)
            if not told and not _AFTER_IT.search(sentence.text, 0, match.start()):
                continue
            if _describes(sentence.text, match.start()):
                continue
            found = _shape_at(sentence, kind, match, _teller(sentence, match.start()))
            if found is None:
                continue
            people = [a for a in found.participants if sentence.is_person(a)]
            if len(people) >= 2:
                # the sides are the people and their states; the others named are what they
                # spoke of ("urged Putin in a phone call to rein in the Syrian army")
                states = {state for a in people for state in sentence.states(a)}
                sides = [a for a in found.participants if a in people or a in states]
                return replace(found, participants=tuple(sides)), match.start()
    return None


def _describes(text: str, at: int) -> bool:
    """Whether offset `at` lies in a relative clause that describes someone ("Putin, who met
    Erdogan in Ankara, said ..."): what he once did, not what the story tells."""
    return any(m.start() < at < m.end() for m in _DESCRIBING.finditer(text))


_DESCRIBING = re.compile(r",\s+(?:who|whose)\b[^,]{1,160}(?:,|$)")
# what was said starts with the speaker himself: "said (on Tuesday) (that) he had ..."
_SELF = re.compile(r"^\s*(?:on\s+\w+day\s+)?(?:that\s+)?(?:he|she)\b", re.I)


def _teller(sentence: Sentence, at: int) -> str | None:
    """The person who tells of what he did himself, before offset `at` ("Macron, who was
    speaking in Paris, said he had urged Putin in a phone call ..."): a side of it."""
    for match in action_lexicon()["statement"].finditer(sentence.text, 0, at):
        said = _SELF.match(sentence.text[match.end() :])
        if said is not None and match.end() + said.end() <= at:
            speaker = speaker_of(sentence, match)
            if speaker is not None and sentence.is_person(speaker):
                return speaker
    return None


def reporting_subjects(sentence: Sentence, at: int) -> set[str]:
    """The known actors who say what the sentence tells at offset `at`: the subjects of the
    reporting words before it ("Mr Putin ... said he had agreed in a phone call"; not "Putin,
    who met Erdogan, said")."""
    pattern = action_lexicon()["statement"]
    found = (speaker_of(sentence, match) for match in pattern.finditer(sentence.text, 0, at))
    return {actor for actor in found if actor}


def _told(text: str, match: re.Match[str]) -> bool:
    """Whether the event word is told in the simple past ("told", "spoke", "during a call
    he made"), not as done before ("has started deliveries")."""
    start, _ = clause_of(text, match.start())
    done_before = re.search(r"\b(?:has|have|had)\b", text[start : match.start()], re.I)
    return not done_before and aspect(text, match.start(), match.end()) == PAST


def _shape_at(
    sentence: Sentence, kind: str, match: re.Match[str], teller: str | None = None
) -> Shape | None:
    """The event the word at `match` reports (teller: a person who tells of it as his own
    act, a side of it whether or not its clause names him)."""
    start, end = clause_of(sentence.text, match.start())
    if kind == "statement":  # what was said is the rest of the sentence ("..., X said")
        start, end = 0, len(sentence.text)
    topics = sentence.topics(start, end)
    actors = [a for a in sentence.in_clause(start, end) if a not in topics]
    kinds = {a: sentence.corpus.actors[a].kind for a in actors}
    doers = [a for a in actors if kinds[a] != "place" and not sentence.located(a)]
    hung = start > 0 and not sentence.in_clause(start, match.start())
    if hung:
        # "vehicles of both armies return following a joint patrol": a hung clause that
        # names no doer before its event word has the main clause's
        main = _main_doers(sentence, start)
        doers = [*main, *(a for a in doers if a not in main)]
        actors = [*main, *(a for a in actors if a not in main)]
        kinds = {a: sentence.corpus.actors[a].kind for a in actors}
    if teller is not None and teller not in doers:
        doers, actors = [teller, *doers], [teller, *actors]
        kinds[teller] = "person"
    if not doers and kind in _CONTACT_KINDS:
        # "a summit was held in Russia's resort of Sochi": the states where it was held
        # find the meeting this sentence can only support
        doers = [a for a in actors if kinds[a] == "state"]
    if not doers:
        return None
    sides = {sentence.side(a) for a in actors if kinds[a] != "place" or sentence.states(a)}
    title = _title(sentence, kind, match, doers, topics, end)
    # a statement is made where its reporting word says ("said in Ankara"), not where what
    # it tells of happened
    near = min(end, match.end() + 25) if kind == "statement" else end
    place = _set_in(sentence, match.start(), near)
    if place is None and hung and " in " not in title:
        place = _spoken_in(sentence, kind, match, start)
        title += f" in {sentence.corpus.actors[place].name}" if place else ""
    # a meeting or a call needs two sides named as meeting; with one, the sentence can only
    # support one that another sentence names ("the summit was held in Sochi on 22 November")
    alone = kind in _CONTACT_KINDS and len(sides) < 2
    speaker = speaker_of(sentence, match) if kind == "statement" else None
    roles = ((speaker, "speaker"),) if speaker in doers else ()
    title = title[:1].upper() + title[1:]
    return Shape(kind, tuple(doers), title, place, supporting=alone, roles=roles)


def _spoken_in(sentence: Sentence, kind: str, match: re.Match[str], start: int) -> str | None:
    """Where the main clause's speaker spoke, for a meeting or a call in a clause hung on it
    that sets none itself: a press conference is given where the talks it follows were held
    ("Putin told a press conference in Sochi following his meeting with Erdogan")."""
    verb = _verb_for(match.group(0))
    if kind not in _CONTACT_KINDS or (verb is not None and verb.follows != "-"):
        return None
    for said in action_lexicon()["statement"].finditer(sentence.text, 0, start):
        if clause_of(sentence.text, said.start())[0] == 0:
            return _set_in(sentence, said.start(), start)
    return None


def _main_doers(sentence: Sentence, start: int) -> list[str]:
    """The doers of the main clause, for a hung clause at `start` that names none; where the
    main clause, or the clause right before, is a reporting word's ("Putin told a news
    conference in the Kremlin after his talks with ...", "..., Putin said, having agreed the
    move at a summit with ..."), the one who said it: neither what was said nor where is a
    doer of the hung clause."""
    main = clause_of(sentence.text, 0)
    for match in action_lexicon()["statement"].finditer(sentence.text, 0, start):
        adjacent = not sentence.text[match.end() : start].strip(" ,")
        if adjacent or match.end() <= main[1]:
            speaker = speaker_of(sentence, match)
            if speaker is not None:
                return [speaker]
    return _doers(sentence, *main)


def _doers(sentence: Sentence, start: int, end: int) -> list[str]:
    """The actors text[start:end] names as doing something: not places, nor where it is."""
    return [
        a
        for a in sentence.in_clause(start, end)
        if sentence.corpus.actors[a].kind != "place" and not sentence.located(a)
    ]


def _titled(sentence: Sentence, kind: str, match: re.Match[str], end: int) -> re.Match[str]:
    """The word of the event's kind in its clause that a title can say as a verb ("signed"
    rather than "memorandum" in "signed a memorandum"); else the word itself."""
    start, _ = clause_of(sentence.text, match.start())
    pattern = action_lexicon()[kind]
    for other in pattern.finditer(sentence.text, start, end):
        if _verb_for(other.group(0)) is not None:
            return other
    return match


def _specific(sentence: Sentence, actors: list[str]) -> list[str]:
    """The actors without the states others of them stand for ("Turkish forces" names the
    Turkish Armed Forces and, through them, Turkey: the title says the forces), nor the
    body a person named belongs to ("Gazprom's chief Alexei Miller": Alexei Miller)."""
    covered = {state for a in actors for state in sentence.states(a)}
    for actor in actors:
        known = sentence.corpus.actors[actor]
        if known.kind == "person" and known.affiliation:
            covered.add(known.affiliation)
    return [a for a in actors if a not in covered] or actors


def _names(sentence: Sentence, actors: Iterable[str]) -> list[str]:
    return [sentence.corpus.actors[a].name for a in actors]


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _title(
    sentence: Sentence, kind: str, match: re.Match[str], doers: list[str], topics: set[str],
    end: int,
) -> str:  # fmt: skip
    """Who did what, where; the verb agrees with who: one actor does ("NATO meets", "Turkish
    Armed Forces shoots down"), two or more do ("Russia and Turkey meet")."""
    if kind == "statement":
        return _statement_title(sentence, match)
    match = _titled(sentence, kind, match, end)
    where = _where(sentence, match.start(), end)
    verb = _verb_for(match.group(0))
    if verb is None:  # the kind's plain verb
        return _done(_names(sentence, _specific(sentence, doers)), _kind_verb(kind), where)
    if verb.follows == "guests" and (hosting := _hosting(sentence, match, doers)):
        hosts, guests = hosting
        what = f"{_done(_names(sentence, hosts), verb)} {_join(_names(sentence, guests))}"
        what += f" in {where}" if where else ""
        return what + (f" for talks on {_join(_names(sentence, sorted(topics)))}" if topics else "")
    # meeting and calling take both sides as their subject (the people, where two are named:
    # the states in what they said are no side); other acts who is named before the word
    people = [a for a in doers if sentence.corpus.actors[a].kind == "person"]
    sides = people if len(people) >= 2 else doers
    subject = _subject(sentence, match.start(), doers) if verb.follows != "-" else sides
    if isinstance(subject, str):
        chosen, what = [], f"{subject} {verb.several if _several(subject) else verb.one}"
    else:
        chosen = _specific(sentence, subject or doers)
        what = _done(_names(sentence, chosen), verb)
    places = _places_after(sentence, match.end(), end)
    if verb.follows == "place" and places:
        return f"{what} {sentence.corpus.actors[places[0]].name}"
    if verb.follows == "target" and (aimed := [a for a in places if a not in chosen]):
        return f"{what} on {sentence.corpus.actors[aimed[0]].name}"
    if verb.follows == "object" and (words := _object(sentence.text, match.end(), end)):
        what += f" {words}"
    return what + (f" in {where}" if where else "")


def _done(names: list[str], verb: _Verb, where: str | None = None) -> str:
    """The names and the verb in the form that agrees with them; no name: unnamed parties."""
    who = _join(names) if names else "Unnamed parties"
    return f"{who} {verb.one if len(names) == 1 else verb.several}" + (
        f" in {where}" if where else ""
    )


def _hosting(
    sentence: Sentence, match: re.Match[str], doers: list[str]
) -> tuple[list[str], list[str]] | None:
    """Who hosts whom: the doers named before the word ("Russia's Vladimir Putin hosted"),
    else the first person named; the guests are the others (None: no guest named)."""
    specific = _specific(sentence, doers)
    subject = _subject(sentence, match.start(), doers)
    named_first = isinstance(subject, list) and subject != doers
    people = [a for a in specific if sentence.corpus.actors[a].kind == "person"]
    hosts = [a for a in specific if a in subject] if named_first else people[:1]
    guests = [a for a in specific if a not in hosts]
    if any(sentence.corpus.actors[a].kind == "person" for a in guests):
        # people received are the guests; a state beside them is what they met about ("for
        # a summit on Syria"), never a guest in "hosts Putin, Rouhani and Syria"
        guests = [a for a in guests if sentence.corpus.actors[a].kind != "state"]
    return (hosts, guests) if hosts and guests else None


def _several(words: str) -> bool:
    """Whether a subject no known actor names is several: joined ("Turkish and Syrian
    troops"), counted ("both sides": data/event_clauses.tsv), or a plural noun ("rebels");
    not "a gunman"."""
    if re.search(r"\band\b|&|,", words):
        return True
    said = [w for w in words.split() if w.lower() != "the"]
    if not said:
        return False
    several = {w.lower() for w in clause_words()["several"]}
    last = said[-1] if len(said) > 1 else said[-1][:1].lower() + said[-1][1:]
    return said[0].lower() in several or bool(re.fullmatch(r"[a-z]+[^aiosu']s", last))


def _subject(sentence: Sentence, at: int, doers: list[str]) -> list[str] | str:
    """Who does what the word at offset `at` says: the doers named before it in its clause
    ("the presidents of Turkey and Russia launched"); where none is, the words before it
    when they are few ("A gunman killed"), else every doer."""
    start, _ = clause_of(sentence.text, at)
    before = [a for a in sentence.in_clause(start, at) if a in doers]
    if before or start > 0:  # a hung clause's doers are the main clause's
        return before or doers
    words = _DATE_WORDS.sub("", sentence.text[start:at]).split()
    words = [w for w in words if not re.fullmatch(r"on|\w+day|formally|officially", w, re.I)]
    if 0 < len(words) <= 3:
        return " ".join(words)
    return doers


def _places_after(sentence: Sentence, start: int, end: int) -> list[str]:
    """Places and states named after the event word in its clause ("a visit to Syria")."""
    kinds = ("place", "state")
    return [a for a in sentence.in_clause(start, end) if sentence.corpus.actors[a].kind in kinds]


def _where(sentence: Sentence, start: int, end: int) -> str | None:
    """The name of the place (or state: "a patrol in Syria") the clause sets its event in."""
    place = _set_in(sentence, start, end, ("place", "state"))
    return sentence.corpus.actors[place].name if place else None


def _set_in(
    sentence: Sentence, start: int, end: int, kinds: tuple[str, ...] = ("place",)
) -> str | None:
    """The place the clause sets its event in ("met in Sochi", "at the Kremlin"), named
    between the commas around the event word (not "talks in Moscow" of another part)."""
    clause_start, _ = clause_of(sentence.text, start)
    clause_start = max(clause_start, sentence.text.rfind(",", 0, start) + 1)
    comma = sentence.text.find(",", start)
    end = min(end, comma) if comma >= 0 else end
    for actor in sentence.in_clause(clause_start, end):
        if sentence.corpus.actors[actor].kind not in kinds:
            continue
        for s, e in sentence.spans.get(actor, []):
            owner = re.match(r"['’]s\b", sentence.text[e : e + 2])  # "at Turkey's request"
            where = _where_before(sentence.text, s)
            if clause_start <= s < end and where and not owner:
                return actor
    return None


def _where_before(text: str, at: int) -> bool:
    """Whether the words before offset `at` set something there ("met in", "at the
    Kremlin", "in the Black Sea resort of")."""
    return _patterns()["where"].search(text[max(0, at - _WHERE_SPAN) : at]) is not None


def _object(text: str, start: int, end: int) -> str:
    """The words a reporting word takes ("launched the TurkStream pipeline, which ..."):
    after a date ("agreed on May 3 to lift ..."), up to where its phrase ends."""
    rest = _DATE_WORDS.sub("", _patterns()["manner"].sub("", text[start:end]))
    rest = _DATE_WORDS.sub("", rest)
    found = (_patterns()["object-end"].search(rest, 1), _DATED.search(rest))
    stop = min((m.start() for m in found if m is not None), default=len(rest))
    words = rest[:stop].split()
    return " ".join(words) if 0 < len(words) <= _MAX_OBJECT_WORDS else ""


def _statement_title(sentence: Sentence, match: re.Match[str]) -> str:
    """ "Recep Tayyip Erdoğan says Syria's integrity depends on ...": who is the subject of
    the reporting word, and what was said when it is short; else who makes a statement."""
    region, said = _said(sentence, match)
    speaker = _speaker(sentence, *region)
    if not speaker:
        return _done([], _kind_verb("statement"))
    said = _gist(said)
    if said and len(said.split()) <= _MAX_SAID_WORDS:
        return f"{speaker} says {said if _named_first(sentence, said) else _lower(said)}"
    return _done([speaker], _kind_verb("statement"))


def _gist(said: str) -> str:
    """What was said without the purpose hung on its end, where it is too long for a title
    ("the killing was a provocation | aimed at spoiling ties and ..."): the words before a
    purpose phrase (data/event_clauses.tsv), when they are enough to say something."""
    if len(said.split()) <= _MAX_SAID_WORDS:
        return said
    purpose = _patterns()["purpose"].search(said)
    if purpose is None or len(said[: purpose.start()].split()) < _MIN_GIST_WORDS:
        return said
    return said[: purpose.start()].rstrip(" ,")


def _said(sentence: Sentence, match: re.Match[str]) -> tuple[tuple[int, int], str]:
    """Where the speaker of a reporting word is named, and what was said."""
    text = sentence.text
    before = text[: match.start()].rstrip()
    comma = before.rfind(",")
    relative = _RELATIVE.search(before)
    if relative:  # "Mr Putin, who knew the envoy, said he had ...": the subject is before it
        subject = before.rfind(",", 0, relative.start()) + 1
        region = (subject, relative.start())
        said = _SAID_START.sub("", text[match.end() :], count=1)
    elif comma >= 0 and len(before[comma + 1 :].split()) <= 5:  # "..., Bulgartransgaz said"
        region, said = (comma + 1, len(before)), before[:comma]
    else:  # "Erdogan on Wednesday said (that) ...", "Putin told reporters that ..."
        told = match.group(0).lower() in ("told", "tell", "tells", "telling")
        start = (_TOLD_START if told else _SAID_START).sub("", text[match.end() :], count=1)
        region, said = (0, len(before)), start
    return region, said.strip().rstrip(" .")


def speaker_of(sentence: Sentence, match: re.Match[str]) -> str | None:
    """The known actor a reporting word has as its subject, if any."""
    named = _speakers(sentence, *_said(sentence, match)[0])
    return named[0] if named else None


def _speakers(sentence: Sentence, start: int, end: int) -> list[str]:
    named = sentence.in_clause(start, end)
    kinds = {a: sentence.corpus.actors[a].kind for a in named}
    people = [a for a in named if kinds[a] == "person"]
    return people or [a for a in named if kinds[a] != "place"]


# a relative clause between a reporting word and its subject: "X, who knew the envoy, said"
_RELATIVE = re.compile(r",\s+(?:who|whose)\b[^,]{1,120},$")
# where what was said starts: after "on Friday" and "that"; after telling whom ("told
# reporters on Friday that ...")
_SAID_START = re.compile(r"^\s*(?:on\s+\w+day\s+)?(?:that\s+)?", re.I)
_TOLD_START = re.compile(r"^\s*(?:[\w'’-]+\s+){0,6}?that\s+", re.I)


def _speaker(sentence: Sentence, start: int, end: int) -> str:
    """Who the words text[start:end] name as the speaker: a known person, else another known
    actor, else the words themselves when they are a short name ("gas operator Bulgartransgaz")."""
    named = _speakers(sentence, start, end)
    if named:
        return sentence.corpus.actors[named[0]].name
    words = _DATE_WORDS.sub("", sentence.text[start:end]).split()
    words = [w for w in words if not re.fullmatch(r"on|\w+day", w, re.I)]
    if 0 < len(words) <= 4 and any(w[:1].isupper() for w in words):
        return " ".join(words)
    return ""


def _named_first(sentence: Sentence, said: str) -> bool:
    """Whether what was said starts with a name: a known actor's, or a word written with a
    capital inside the sentence too ("Bulgartransgaz"), not only at its start ("Gas")."""
    at = sentence.text.find(said)
    if any(s == at for spans in sentence.spans.values() for s, _ in spans):
        return True
    first = said.split()[0]
    return first.isupper() or first in sentence.text[at + len(first) :]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]
