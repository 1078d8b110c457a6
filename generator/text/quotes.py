"""Direct quotations and who said them, by explicit rules; no rule, no speaker.

Quotations are found in one pass over the paragraph: “...”, "...", ‘...’, ''...'', ``...''
and «...»; one still open at the end of a paragraph goes on when the next paragraph opens
with a quotation mark. Their speakers come from the reporting clause around them
(generator.text.speakers), tried in order:
  after      "...", Putin said / "...," the Russian leader said / "...", he noted
  inverted   "...," said Rep. Jim Smith / "...," according to RT
  channel    "...," CNN quoted him as saying  (speaker: him, via CNN)
  before     Putin said: "..." / Smith says the plan is "a mistake" / ... and added: "..."
  continued  a quotation opening a sentence after an attributed one, or a paragraph after a
             paragraph that ended inside or with one
  preceding  Anadolu Agency disagreed. "..."
A speaker phrase resolves to an actor by alias, by role ("the Russian leader"), by pronoun
(he/she: the last person named before it whose gender agrees), to a name the corpus does
not know (titles dropped: "Rep. Jerry Nadler" is Jerry Nadler) or, for "the statement", to
the last institution reported as saying something.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from generator.model import Actor, Quote
from generator.text.folding import fold
from generator.text.gender import name_gender
from generator.text.matching import RoleIndex
from generator.text.speakers import (
    QUOTE_MARKS,
    Phrase,
    Token,
    after_quote,
    before_quote,
    is_title,
    preceding_sentence,
    pronouns,
    reporting_verbs,
    sayer_phrases,
    sentence_cut,
    sentence_tail,
    short_clause,
    tokenize,
)

MIN_QUOTE_WORDS = 5  # shorter quoted bits are scare quotes or names ("step aside")
WINDOW = 240  # how far around a quotation its reporting clause may be, in characters
HISTORY = 40  # how many people back a pronoun may look
SALIENCE = 10  # how many people back a pronoun prefers one who said something

_MARKS = re.compile(r"“|”|\"|''|``|‘|’|«|»")
_CLOSERS = {"“": "”\"''", '"': "\"”''", "''": "''”\"", "``": "''”\"", "‘": "’", "«": "»"}
_OPENING = re.compile(r"\s*(?:“|\"|''|``|‘|«)")
_SAYER_VERB = re.compile(r"\s(?:said|says|stated|announced)\b")
_CLAUSE_START = re.compile(r"[,.;:“”\"]")
_STATEMENT = re.compile(
    r"^(?:the|a|an|its|that|this)?\s*(?:[\w-]+\s+)?(?:statement|press release)$"
)

_GENDER_WORDS = {"female": "f", "male": "m"}  # as actors.yml writes them

Found = tuple[str | None, str | None, str | None]  # actor id, speaker name, rule
Span = tuple[int, int]


def scan_quotations(text: str) -> tuple[list[tuple[int, int, str]], int | None]:
    """(start, end, inner text) of each closed quotation long enough to be a direct quote,
    and where a quotation still open at the end of the text starts (None if none is)."""
    found: list[tuple[int, int, str]] = []
    opened: tuple[int, str] | None = None
    for match in _MARKS.finditer(text):
        mark = match.group()
        if opened and mark in _CLOSERS[opened[1]] and _closes(text, match):
            _keep(found, text, opened[0], match.end(), match.start())
            opened = None
        elif mark in _CLOSERS and _opens(text, match, opened):
            opened = (match.start(), mark)
    if opened and len(text[opened[0] :].split()) >= MIN_QUOTE_WORDS:
        return found, opened[0]
    return found, None


def find_quotations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of each closed quotation long enough to be a direct quote."""
    return scan_quotations(text)[0]


def _keep(found: list[tuple[int, int, str]], text: str, start: int, end: int, inner: int) -> None:
    opener = 2 if text.startswith(("''", "``"), start) else 1
    body = text[start + opener : inner].strip()
    if len(body.split()) >= MIN_QUOTE_WORDS:
        found.append((start, end, body.rstrip(",")))


def _closes(text: str, match: re.Match[str]) -> bool:
    # ’ inside a word is an apostrophe (don’t), not the end of a ‘quotation’
    return match.group() != "’" or not text[match.end() : match.end() + 1].isalpha()


def _opens(text: str, match: re.Match[str], opened: tuple[int, str] | None) -> bool:
    """An opening mark starts a quotation, except ‘ inside a double quotation (a quotation
    within it) or inside a word."""
    if match.group() != "‘":
        return True
    nested = opened is not None and opened[1] != "‘"
    return not nested and (match.start() == 0 or not text[match.start() - 1].isalnum())


def open_quotation(text: str, start: int) -> tuple[int, int, str]:
    """(start, end, inner text) of a quotation still open at the end of a paragraph."""
    opener = 2 if text.startswith(("''", "``"), start) else 1
    return start, len(text), text[start + opener :].strip()


def opens_with_quotation(text: str) -> bool:
    return _OPENING.match(text) is not None


@dataclass
class SpeakerState:
    """What a reader remembers while reading one source from the top."""

    last_institution: str | None = None
    closing_speaker: str | None = None  # who the previous paragraph's last quotation is by
    closing_name: str | None = None
    # people named so far, most recent last: (actor id or None, name, gender, said something)
    people: list[tuple[str | None, str, str | None, bool, int]] = field(default_factory=list)
    paragraph: int = 0  # how many paragraphs have been read
    genders: dict[str, str] = field(default_factory=dict)  # actor id -> told by a title
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class _Paragraph:
    """One paragraph being read: its text, sentences, mentions and quotations."""

    text: str
    sentences: list[Span]
    mentions: list[tuple[int, int, str]]
    quotations: list[tuple[int, int, str]]
    starts: list[int] = field(default_factory=list)
    mention_starts: list[int] = field(default_factory=list)
    quote_starts: list[int] = field(default_factory=list)
    sayers: list[Phrase] = field(default_factory=list)  # subjects of reporting verbs
    sayer_starts: list[int] = field(default_factory=list)
    first: int = 0
    fed: int = 0  # mentions already added to the people a pronoun can point to
    fed_sayers: int = 0

    def __post_init__(self) -> None:
        self.starts = [s for s, _ in self.sentences]
        self.mention_starts = [s for s, _, _ in self.mentions]
        self.quote_starts = [s for s, _, _ in self.quotations]
        self.sayers = [p for p in sayer_phrases(self.text) if not self.quoted(p.start)]
        self.sayer_starts = [p.start for p in self.sayers]
        self.first = len(self.text) - len(self.text.lstrip())  # where its first word starts

    def quoted(self, position: int) -> bool:
        index = bisect_right(self.quote_starts, position) - 1
        return index >= 0 and position < self.quotations[index][1]

    def sentence(self, position: int) -> Span:
        index = bisect_right(self.starts, position) - 1
        if index < 0:
            return (0, self.sentences[0][1]) if self.sentences else (0, len(self.text))
        return self.sentences[index]

    def previous_sentence(self, position: int) -> Span | None:
        index = bisect_right(self.starts, position) - 2
        return self.sentences[index] if index >= 0 else None

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        first = bisect_left(self.mention_starts, start)
        last = bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[first:last] if m[1] <= end]


@dataclass
class Attributor:
    actors: dict[str, Actor]
    roles: RoleIndex
    _genders: dict[str, str | None] = field(default_factory=dict, repr=False)

    def attribute_paragraph(
        self,
        source: str,
        index: int,
        text: str,
        sentences: list[tuple[int, int]],
        mentions: list[tuple[int, int, str]],
        quotations: list[tuple[int, int, str]],
        state: SpeakerState,
    ) -> list[Quote]:
        para = _Paragraph(text, sentences, mentions, quotations)
        quotes: list[Quote] = []
        for number, (start, end, body) in enumerate(quotations):
            speaker, name, rule = self._attribute(para, number, quotes, state)
            if name and rule and not rule.startswith("continued"):
                self._remember(state, speaker, name, said=True)
            via = self._via(para, number) if rule and rule.startswith("channel/") else None
            quotes.append(Quote(source, index, start, end, body, speaker, name, rule, via))
        self._feed(para, len(text), state)
        self._remember_institutions(text, mentions, state)
        ends_with_quote = bool(quotations) and len(text) - quotations[-1][1] < 80
        closing = quotes[-1] if quotes and ends_with_quote else None
        state.closing_speaker = closing.speaker if closing else None
        state.closing_name = closing.speaker_name if closing else None
        state.paragraph += 1
        return quotes

    def _attribute(
        self, para: _Paragraph, number: int, earlier: list[Quote], state: SpeakerState
    ) -> Found:
        start = para.quotations[number][0]
        sent_start = para.sentence(start)[0]
        before_from = max(sent_start, para.quotations[number - 1][1] if number else 0)
        before = _sentence_tokens(para.text, max(before_from, start - WINDOW), start)
        after, closed = self._after(para, number)
        rules = [after, before_quote(before)]
        if closed and before and before[-1].text in (":", ","):
            rules.reverse()  # 'Smith said: "It is over." Jones added that ...'
        for phrase in rules:
            found = self._from_phrase(para, phrase, state)
            if found[2]:
                return found
        if (
            before
            and before[-1].text == ":"
            and not any(t.text in reporting_verbs() for t in before)
        ):
            found = self._introduced(para, before)
            if found[2]:
                return found
        if any(rules):
            return None, None, None  # '"...," an official said': someone, but not named
        if not para.text[before_from:start].strip():
            return self._continued_or_preceding(para, start, earlier, state)
        if earlier and earlier[-1].speaker_name and earlier[-1].start >= sent_start:
            # '"...," and that "..."': no new speaker in between, the same one goes on
            return earlier[-1].speaker, earlier[-1].speaker_name, "continued"
        return None, None, None

    def _after(self, para: _Paragraph, number: int) -> tuple[Phrase | None, bool]:
        """The reporting clause after a quotation, and whether the quotation ends a sentence.
        Not cut at that sentence's end: '"Why?" Smith asked.' goes on after the "?"."""
        start, end, _ = para.quotations[number]
        following = number + 1 < len(para.quotations)
        stop = min(para.quotations[number + 1][0] if following else len(para.text), end + WINDOW)
        raw = tokenize(para.text, end, stop)
        tail = sentence_cut(raw)
        closed = para.text[start:end].rstrip("”\"'’»` ")[-1:] in ".!?…"
        # after a quotation that ends its sentence, only a short clause is its attribution
        # ('"Why?" Smith asked.'), not the next sentence ('"..." Smith had said in May that',
        # '"..." Jones said it was "wrong"')
        whole = len(tail) == len(raw) or raw[len(tail)].text not in QUOTE_MARKS
        short = short_clause(tail) and whole
        return (after_quote(tail) if not closed or short else None), closed

    def _introduced(self, para: _Paragraph, before: list[Token]) -> Found:
        """'The statement from the Turkish government read: "..."': with no reporting verb
        to go by, the first actor named in the clause that a colon ends."""
        inside = para.mentions_in(before[0].start, before[-1].start)
        if not inside:
            return None, None, None
        return (*self._named(inside[0][2]), "colon/name")

    def _via(self, para: _Paragraph, number: int) -> str | None:
        """The channel of a quotation attributed by "X quoted him as saying": X's name."""
        after = self._after(para, number)[0]
        start = para.quotations[number][0]
        before = _sentence_tokens(para.text, max(0, start - WINDOW), start)
        for phrase in (after, before_quote(before)):
            if phrase is not None and phrase.channel is not None:
                named = para.mentions_in(*phrase.channel)
                if named:
                    return self.actors[named[0][2]].name
                return _proper_name(tokenize(para.text, *phrase.channel))
        return None

    def _from_phrase(self, para: _Paragraph, phrase: Phrase | None, state: SpeakerState) -> Found:
        if phrase is None:
            return None, None, None
        speaker, name, how = self._resolve(para, phrase, state)
        if speaker or name:
            return speaker, name, f"{phrase.how}/{how}"
        return None, None, None

    def _continued_or_preceding(
        self, para: _Paragraph, start: int, earlier: list[Quote], state: SpeakerState
    ) -> Found:
        previous = para.previous_sentence(start)
        if previous is None or para.sentence(start)[0] <= para.first:
            # a paragraph that opens with a quotation carries on the previous paragraph's
            if not earlier and (state.closing_speaker or state.closing_name):
                return state.closing_speaker, state.closing_name, "continued"
            return None, None, None
        prev_start, prev_end = previous
        if earlier and earlier[-1].speaker_name:
            return earlier[-1].speaker, earlier[-1].speaker_name, "continued"
        tokens = sentence_tail(tokenize(para.text, prev_start, prev_end))
        found = self._from_phrase(para, preceding_sentence(tokens), state)
        if found[2]:
            return found
        # a quotation on its own after a sentence that reports someone's words is theirs:
        # '"It is hard," said Ryan Ellis, a consultant. "Any cut ..."'
        last = bisect_left(para.sayer_starts, prev_end) - 1
        if last < 0 or para.sayers[last].start < prev_start:
            return None, None, None
        speaker, name, how = self._from_phrase(para, para.sayers[last], state)
        return speaker, name, how and how.replace(para.sayers[last].how, "preceding", 1)

    def _resolve(
        self, para: _Paragraph, phrase: Phrase, state: SpeakerState
    ) -> tuple[str | None, str | None, str]:
        """(actor id, name, how) for a speaker phrase; (None, None, ...) if it names no one."""
        self._feed(para, phrase.start, state)
        words = para.text[phrase.start : phrase.end]
        key = fold(" ".join(words.split()))
        gender = pronouns().get(key)
        if gender:
            return (*self._pronoun(gender, state), "pronoun")
        named = self._named_in(para, phrase)
        if named:
            return (*self._named(named), "name")
        by_role = self.roles.resolve(words)
        if by_role:
            return (*self._named(by_role), "role")
        if _STATEMENT.match(key):
            return (*self._named(state.last_institution), "statement")
        name = _proper_name(tokenize(para.text, phrase.start, phrase.end))
        if name:
            return None, name, "unknown-name"
        return None, None, "none"

    def _named_in(self, para: _Paragraph, phrase: Phrase) -> str | None:
        """The actor a phrase names: a person first ("NBC's Dante Chinni"), never one
        only named as an owner ("Russia's foreign minister")."""
        inside = [
            actor
            for s, e, actor in para.mentions_in(phrase.start, phrase.end)
            if not para.text.startswith(("'s", "’s"), e)
        ]
        people = [a for a in inside if self.actors[a].kind == "person"]
        chosen = people or inside
        return chosen[-1] if chosen else None

    def _pronoun(self, gender: str, state: SpeakerState) -> tuple[str | None, str | None]:
        if gender == "-":
            return None, None
        recent = state.people[-HISTORY:]
        agreeing = [p for p in recent if p[2] in (None, gender)]
        # someone named earlier in the same paragraph first, and in both the paragraph and
        # the text before it, who has been reporting speech is the likelier "he said" than
        # who was only named
        here = [p for p in agreeing if p[4] == state.paragraph]
        sayers = [p for p in agreeing[-SALIENCE:] if p[3]]
        chosen = [p for p in here if p[3]] or here or sayers or agreeing
        if not chosen:
            return None, None
        actor, name, known, _, _ = chosen[-1]
        if known is None:  # "he said" tells the gender of whom it points to
            state.people[:] = [
                (a, n, gender if (a, n) == (actor, name) else k, s, i)
                for a, n, k, s, i in state.people
            ]
        return actor, name

    def _named(self, actor: str | None) -> tuple[str | None, str | None]:
        return (actor, self.actors[actor].name) if actor else (None, None)

    def _remember(
        self,
        state: SpeakerState,
        actor: str | None,
        name: str,
        said: bool = False,
        hint: str | None = None,
    ) -> None:
        """hint: the words that named them ("Mrs. Okafor" tells what "Okafor" does not)."""
        if actor and self.actors[actor].kind != "person":
            return  # "the Kremlin said" makes no one a "he" or "she"
        gender = self._gender(actor, state) if actor else name_gender(hint or name)
        if gender is None:  # what an earlier "she said" told of them
            known = [p[2] for p in state.people if p[:2] == (actor, name) and p[2]]
            gender = known[-1] if known else None
        state.people.append((actor, name, gender, said, state.paragraph))
        del state.people[: -HISTORY * 2]  # keeps the list short on a long text

    def _gender(self, actor: str, state: SpeakerState) -> str | None:
        told = state.genders.get(actor) or _GENDER_WORDS.get(self.actors[actor].gender or "")
        if told:
            return told  # actors.yml or a title in this text says it
        if actor not in self._genders:
            self._genders[actor] = name_gender(self.actors[actor].name)
        return self._genders[actor]

    def _feed(self, para: _Paragraph, position: int, state: SpeakerState) -> None:
        """Add the people named before position (outside quotations) to those a pronoun can
        point to; a title before a name (Mrs. Smith) tells the gender."""
        while para.fed_sayers < len(para.sayers) and para.sayers[para.fed_sayers].start < position:
            phrase = para.sayers[para.fed_sayers]
            para.fed_sayers += 1
            self._feed_mentions(para, phrase.start, state)
            speaker, name, _ = self._resolve(para, phrase, state)
            if name:
                words = para.text[phrase.start : phrase.end]
                self._remember(state, speaker, name, said=True, hint=words)
        self._feed_mentions(para, position, state)

    def _feed_mentions(self, para: _Paragraph, position: int, state: SpeakerState) -> None:
        while para.fed < len(para.mentions) and para.mentions[para.fed][0] < position:
            start, _, actor = para.mentions[para.fed]
            para.fed += 1
            if self.actors[actor].kind != "person" or para.quoted(start):
                continue
            title = tokenize(para.text, max(0, start - 6), start)
            if title and is_title(title[-1]) and (told := name_gender(title[-1].text)):
                state.genders[actor] = told
            self._remember(state, actor, self.actors[actor].name)

    def _remember_institutions(
        self, text: str, mentions: list[tuple[int, int, str]], state: SpeakerState
    ) -> None:
        starts = [s for s, _, _ in mentions]
        for verb in _SAYER_VERB.finditer(text):
            end = verb.start()
            breaks = [m.end() for m in _CLAUSE_START.finditer(text, max(0, end - 60), end)]
            start = breaks[-1] if breaks else max(0, end - 60)
            first, last = bisect_left(starts, start), bisect_left(starts, end)
            inside = [actor for s, e, actor in mentions[first:last] if e <= end]
            institutions = [a for a in inside if self.actors[a].kind != "person"]
            if institutions:  # "the statement" of a later quotation is theirs
                state.last_institution = institutions[-1]


def _sentence_tokens(text: str, start: int, end: int) -> list[Token]:
    """Tokens of the sentence part between start and end: from its last sentence end on."""
    return sentence_tail(tokenize(text, start, end))


def _proper_name(tokens: list[Token]) -> str | None:
    """The name a speaker phrase ends with, without what comes up to its last title or a
    leading "The": "Rep. G.K. Butterfield" -> G.K. Butterfield; "Ohio Democratic Party
    Chairman Jo Pepper" -> Jo Pepper; "Mr. King" -> King; "the Kremlin" -> Kremlin; "the
    senior official" -> None."""
    end = len(tokens)
    while end > 0 and tokens[end - 1].text in ("’s", "'s", "."):
        end -= 1
    start = end
    while start > 0 and (tokens[start - 1].capitalised or tokens[start - 1].text == "."):
        start -= 1
    titled = [i for i in range(start, end - 1) if is_title(tokens[i])]
    if titled:
        start = titled[-1] + 1
    while start < end and tokens[start].text in (".", "The", "A", "An"):
        start += 1
    while start < end - 1 and (tokens[start].text == "." or is_title(tokens[start])):
        start += 1  # "Mr. King" is King, "President Lee" Lee
    if start >= end or end - start > 5 or not tokens[end - 1].capitalised:
        return None
    if any(t.lower in pronouns() for t in tokens[start:end]):
        return None
    return _join(tokens[start:end])


def _join(tokens: list[Token]) -> str:
    out = ""
    for previous, token in zip([None, *tokens], tokens, strict=False):
        glued = previous is not None and previous.end == token.start
        out += token.text if glued or not out else " " + token.text
    return out
