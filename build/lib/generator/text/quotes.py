"""Direct quotations and who said them, by explicit rules; no rule, no speaker.

The rules, tried in order for each quotation:
  after      "...", Putin said / "...," the Russian leader said / "...", he noted
  inverted   "...," said Putin
  colon      Putin said: "..." / Erdogan told Putin: "..." / The statement read: "..."
  according  According to RT, "..."  (or "...", according to RT)
  continued  a quotation opening the sentence right after an attributed one
  preceding  Anadolu Agency disagreed. "..."
A speaker phrase resolves to an actor by alias, by role ("the Russian leader"), by pronoun
(he/she: the last person quoted in the source) or, for "the statement", to the last
institution reported as saying something.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model import Actor, Quote
from generator.text.folding import fold
from generator.text.matching import RoleIndex

MIN_QUOTE_WORDS = 5  # shorter quoted bits are scare quotes or names ("step aside")

_VERBS = (
    r"said|says|told|tells|noted|notes|added|adds|stressed|stated|states|insisted|warned|"
    r"explained|declared|wrote|writes|continued|asked|replied|responded|recalled|underlined|"
    r"emphasi[sz]ed|announced|argued|claimed|urged|vowed|quipped|remarked"
)
_QUOTATION = re.compile(r"(?:“|\")(?P<body>[^“”\"]*?)(?:”|\"|'')")
_AFTER = re.compile(rf"^[\s,]*(?P<who>[^.,;:!?\"“”]{{1,80}}?)\s+(?:{_VERBS})\b")
_INVERTED = re.compile(rf"^[\s,]*(?:{_VERBS})\s+(?P<who>[^.,;:!?\"“”]{{1,60}})")
_COLON = re.compile(r"(?P<clause>[^.;!?“”\"]*?)\s*(?P<mark>[:,])\s*$")
_VERB_IN_CLAUSE = re.compile(rf"^(?P<who>.*?)\s+(?:{_VERBS})\b")
_ACCORDING_BEFORE = re.compile(r"\b[Aa]ccording to (?P<who>[^,“”\"]{1,80}),")
_ACCORDING_AFTER = re.compile(r"^[\s,]*according to (?P<who>[^.,;“”\"]{1,80})")
_PRECEDING = re.compile(
    r"^(?P<who>[^,.;:“”\"]{1,60}?)\s+(?:disagreed|responded|replied|said|added|countered|"
    r"insisted|explained|objected|agreed)\s*[.:]$"
)
_SAYER_VERB = re.compile(r"\s(?:said|says|stated|announced)\b")
_CLAUSE_START = re.compile(r"[,.;:“”\"]")
_STATEMENT = re.compile(
    r"^(?:the|a|an|its|that|this)?\s*(?:[\w-]+\s+)?(?:statement|press release)$"
)
_PRONOUNS = {"he", "she"}
_NOT_NAMES = {"The", "A", "An", "It", "They", "This", "That", "We", "I", "You", "Officials"}


def find_quotations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of each quotation long enough to be a direct quote."""
    found = []
    for match in _QUOTATION.finditer(text):
        body = match.group("body").strip()
        if len(body.split()) >= MIN_QUOTE_WORDS:
            found.append((match.start(), match.end(), body.rstrip(",")))
    return found


@dataclass
class SpeakerState:
    """What a reader remembers while reading one source from the top."""

    last_person: str | None = None
    last_institution: str | None = None
    closing_speaker: str | None = None  # who the previous paragraph's last quotation is by
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Attributor:
    actors: dict[str, Actor]
    roles: RoleIndex

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
        quotes: list[Quote] = []
        for start, end, body in quotations:
            sent_start, sent_end = _sentence_around(sentences, start)
            speaker, name, rule = self._attribute(
                text, start, end, sent_start, sent_end, sentences, mentions, quotes, state
            )
            if speaker and self.actors[speaker].kind == "person":
                state.last_person = speaker
            quotes.append(Quote(source, index, start, end, body, speaker, name, rule))
        self._remember_sayers(text, mentions, state)
        ends_with_quote = bool(quotations) and len(text) - quotations[-1][1] < 80
        state.closing_speaker = quotes[-1].speaker if quotes and ends_with_quote else None
        return quotes

    def _attribute(
        self,
        text: str,
        start: int,
        end: int,
        sent_start: int,
        sent_end: int,
        sentences: list[tuple[int, int]],
        mentions: list[tuple[int, int, str]],
        earlier: list[Quote],
        state: SpeakerState,
    ) -> tuple[str | None, str | None, str | None]:
        after = text[end:sent_end]
        before = text[sent_start:start]
        candidates: list[tuple[str, re.Match[str] | None, int]] = [
            ("after", _AFTER.match(after), end),
            ("inverted", _INVERTED.match(after), end),
        ]
        colon = _COLON.search(before)
        if colon and colon.group("clause").strip():
            clause = colon.group("clause")
            verb = _VERB_IN_CLAUSE.match(clause)
            offset = sent_start + colon.start("clause")
            # 'Erdogan said, "..."' needs the verb; after a bare comma ("In Moscow,") no one speaks
            if verb or colon.group("mark") == ":":
                candidates.append(("colon", verb or colon, offset))
        candidates.append(("according", _ACCORDING_BEFORE.search(before), sent_start))
        candidates.append(("according", _ACCORDING_AFTER.match(after), end))
        for rule, match, offset in candidates:
            if match is None:
                continue
            group = "who" if "who" in match.groupdict() else "clause"
            who = match.group(group)
            span = (offset + match.start(group), offset + match.end(group))
            speaker, name, how = self._resolve(who, span, mentions, state)
            if speaker or name:
                return speaker, name, f"{rule}/{how}"
        if not before.strip():
            return self._continued_or_preceding(text, start, sentences, earlier, mentions, state)
        return None, None, None

    def _continued_or_preceding(
        self,
        text: str,
        start: int,
        sentences: list[tuple[int, int]],
        earlier: list[Quote],
        mentions: list[tuple[int, int, str]],
        state: SpeakerState,
    ) -> tuple[str | None, str | None, str | None]:
        previous = [s for s in sentences if s[1] <= start]
        if not previous:
            # a paragraph that opens with a quotation carries on the previous paragraph's
            if not earlier and state.closing_speaker:
                return (*self._named(state.closing_speaker), "continued")
            return None, None, None
        prev_start, prev_end = previous[-1]
        if earlier and earlier[-1].speaker and earlier[-1].start >= prev_start:
            return earlier[-1].speaker, earlier[-1].speaker_name, "continued"
        match = _PRECEDING.match(text[prev_start:prev_end])
        if match:
            span = (prev_start + match.start("who"), prev_start + match.end("who"))
            speaker, name, how = self._resolve(match.group("who"), span, mentions, state)
            if speaker or name:
                return speaker, name, f"preceding/{how}"
        return None, None, None

    def _resolve(
        self,
        who: str,
        span: tuple[int, int],
        mentions: list[tuple[int, int, str]],
        state: SpeakerState,
    ) -> tuple[str | None, str | None, str]:
        """(actor id, name, how) for a speaker phrase; (None, None, ...) if it names no one."""
        phrase = " ".join(who.split())
        key = fold(phrase)
        if key in _PRONOUNS:
            return (*self._named(state.last_person), "pronoun")
        named = [actor for s, e, actor in mentions if span[0] <= s and e <= span[1]]
        if named:
            return (*self._named(named[0]), "name")
        by_role = self.roles.resolve(phrase)
        if by_role:
            return (*self._named(by_role), "role")
        if _STATEMENT.match(key):
            return (*self._named(state.last_institution), "statement")
        # A capitalised phrase names someone the corpus does not know yet: keep the name.
        words = phrase.split()
        if words and words[0][0].isupper() and len(words) <= 4 and words[0] not in _NOT_NAMES:
            return None, phrase, "unknown-name"
        return None, None, "none"

    def _named(self, actor: str | None) -> tuple[str | None, str | None]:
        return (actor, self.actors[actor].name) if actor else (None, None)

    def _remember_sayers(
        self, text: str, mentions: list[tuple[int, int, str]], state: SpeakerState
    ) -> None:
        for verb in _SAYER_VERB.finditer(text):
            end = verb.start()
            breaks = [m.end() for m in _CLAUSE_START.finditer(text, max(0, end - 60), end)]
            start = breaks[-1] if breaks else max(0, end - 60)
            inside = [actor for s, e, actor in mentions if start <= s and e <= end]
            institutions = [a for a in inside if self.actors[a].kind != "person"]
            if institutions:
                state.last_institution = institutions[-1]
            people = [a for a in inside if self.actors[a].kind == "person"]
            if people:  # "Erdogan said ..." makes him the "he" of a later quotation
                state.last_person = people[-1]


def _sentence_around(sentences: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for start, end in sentences:
        if start <= position < end:
            return start, end
    return sentences[-1] if sentences else (0, position)
