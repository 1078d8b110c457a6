"""Reporting clauses: where, next to a quotation, the words that name its speaker are.

Works on word tokens of one sentence (a bounded window of text), so every search is linear in
the length of the text around the quotation. The words come from data files: reporting verbs
with their inflections, titles written before names, pronouns with their gender.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import NamedTuple

# A word keeps inner apostrophes (don't, O'Brien) and inner dots (G.K., U.S) but not a
# possessive 's, which is a token of its own; anything else is one punctuation token.
_TOKEN = re.compile(
    r"[’'][sS]\b|[^\W\d_][\w-]*(?:[’'](?![sS]\b)[\w-]+)*(?:\.[^\W\d_][\w-]*)*|\d[\w,.]*\w|\d|[^\w\s]"
)
QUOTE_MARKS = frozenset("“”\"‘’'`«»")
_DASHES = frozenset("—–―-")
_LEADING = frozenset(",—–―-")
_SENTENCE_END = frozenset(".!?…")


class Token(NamedTuple):
    """A word or punctuation mark and where it is (a tuple: thousands are made per text)."""

    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha() and not (len(self.text) == 2 and self.text[0] in "’'")

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


@dataclass(frozen=True)
class Phrase:
    """Where a speaker is named: a span of the paragraph, and how the clause names it."""

    start: int
    end: int
    how: str  # after, inverted, colon, embedded, according, channel, subject
    channel: tuple[int, int] | None = None  # "CNN quoted him": CNN's span


def _lines(name: str) -> list[list[str]]:
    text = files("generator.text").joinpath("data", name).read_text(encoding="utf-8")
    rows = [line.split("#", 1)[0].split() for line in text.splitlines()]
    return [row for row in rows if row]


def _words(group: str) -> frozenset[str]:
    return word_groups()[group]


@cache
def word_groups() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for row in _lines("clause_words.txt"):
        groups.setdefault(row[0], set()).update(row[1:])
    return {name: frozenset(words) for name, words in groups.items()}


@cache
def reporting_verbs() -> frozenset[str]:
    return frozenset(form for row in _lines("reporting_verbs.txt") for form in row)


@cache
def titles() -> dict[str, str | None]:
    """Title (lower case, no full stop) -> the gender it tells, or None."""
    return {row[0]: (row[1] if len(row) > 1 else None) for row in _lines("speaker_titles.txt")}


@cache
def pronouns() -> dict[str, str]:
    return {row[0]: row[1] for row in _lines("pronouns.txt")}


def tokenize(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def is_verb(token: Token) -> bool:
    return (
        token.text in reporting_verbs()
        or token.text in _words("channel")
        or token.lower == "according"
        or (token.text[1:].islower() and token.lower in ("said", "added", "says", "adds"))
    )


def is_title(token: Token) -> bool:
    return token.lower.rstrip(".") in titles()


def ends_sentence(tokens: list[Token], index: int) -> bool:
    """A full stop that is not the dot of a title or an initial (Rep. / G. / Mr.)."""
    token = tokens[index]
    if token.text not in _SENTENCE_END:
        return False
    if token.text != "." or index == 0:
        return True
    if index + 1 < len(tokens) and tokens[index + 1].text in "),;":
        return False  # "(D-Wis.) said": the dot of an abbreviation inside brackets
    before = tokens[index - 1]
    abbreviation = is_title(before) or (len(before.text) == 1 and before.text.isupper())
    return not (abbreviation or ("." in before.text and before.end == token.start))


def sentence_cut(tokens: list[Token]) -> list[Token]:
    """The tokens up to the end of the first sentence or the next quotation mark."""
    for index, token in enumerate(tokens):
        if token.text in QUOTE_MARKS or ends_sentence(tokens, index):
            return tokens[:index]
    return tokens


def sentence_tail(tokens: list[Token]) -> list[Token]:
    """The tokens after the last sentence end among them (a final full stop stays)."""
    for index in range(len(tokens) - 2, -1, -1):
        if ends_sentence(tokens, index):
            return tokens[index + 1 :]
    return tokens


def noun_phrase(tokens: list[Token], start: int, stop: int) -> tuple[int, int] | None:
    """The leading noun phrase of tokens[start:stop]: up to a preposition, a clause word,
    a bracket or a comma (keeping titles with their dots: "Rep. G.K. Butterfield")."""
    end = start
    while end < stop:
        token = tokens[end]
        if end > start and (
            (token.text == "." and not ends_sentence(tokens, end)) or token.lower in ("’s", "'s")
        ):
            end += 1  # "Rep. Jo Smith", "Erdogan's office"
            continue
        if (
            not token.is_word
            or token.lower in _words("preposition")
            or token.lower in _words("clause")
        ):
            break
        if end > start and token.text in reporting_verbs():
            break
        end += 1
    if end - start == 0 or end - start > 8:
        return None
    return start, end


def subject_before(tokens: list[Token], verb: int) -> tuple[int, int] | None:
    """The subject ending right before tokens[verb] ("Sergei Lavrov, Russia's foreign
    minister, said": Sergei Lavrov; "he also said": he). None after a clause word."""
    end = _skip_back(tokens, verb)
    if end > 0 and tokens[end - 1].text == ",":
        return _apposition(tokens, end - 1)
    return _plain_subject(tokens, end)


def _skip_back(tokens: list[Token], end: int) -> int:
    """end moved back over auxiliaries, adverbs and a bracketed aside: "(D-N.C.)"."""
    while end > 0:
        token = tokens[end - 1]
        if token.lower in _words("auxiliary") or _adverb(token):
            end -= 1
        elif token.text == ")":
            opening = next(
                (i for i in range(end - 2, max(-1, end - 14), -1) if tokens[i].text == "("), None
            )
            if opening is None:
                return end
            end = opening
        else:
            return end
    return end


def _plain_subject(tokens: list[Token], end: int) -> tuple[int, int] | None:
    start = end
    while start > 0 and _in_subject(tokens[start - 1]) and not ends_sentence(tokens, start - 1):
        start -= 1
        if end - start > 12:
            return None
    if start == end:
        return None
    return _head(tokens, start, end)


def _head(tokens: list[Token], start: int, end: int) -> tuple[int, int] | None:
    """ "Dan Smith at the Review" -> Dan Smith; a phrase that starts with a preposition or
    a lower-case word that is no determiner names no one ("supporters of Smith")."""
    for index in range(start, end):
        if tokens[index].lower in _words("preposition") and index > start:
            end = index
            break
    if end - start > 8:
        return None
    return start, end


def _apposition(tokens: list[Token], comma: int) -> tuple[int, int] | None:
    """NAME, APPOSITIVE[, APPOSITIVE], said: the name before the appositives, that is the
    furthest chunk back that opens like a name ("In Washington, Marc Morial, the head of
    the League, said": Marc Morial)."""
    best = None
    index = comma
    for _ in range(3):
        start = index - 1
        while start >= 0 and tokens[start].text != "," and index - start <= 16:
            if tokens[start].text in QUOTE_MARKS or ends_sentence(tokens, start):
                return best
            start -= 1
        if start + 1 < index and _opens_name(tokens[start + 1]):
            best = _plain_subject(tokens, _skip_back(tokens, index)) or best
        if start < 0 or tokens[start].text != ",":
            return best
        index = start
    return best


def _opens_name(token: Token) -> bool:
    if token.lower in pronouns():
        return True
    return token.capitalised and token.lower not in _words("preposition") | _words("clause")


def _in_subject(token: Token) -> bool:
    if token.text == "." or token.text in ("’s", "'s"):
        return True
    return token.is_word and token.lower not in _words("clause") and not is_verb(token)


def _adverb(token: Token) -> bool:
    return token.is_word and token.text.islower() and token.text.endswith("ly")


def after_quote(tokens: list[Token]) -> Phrase | None:
    """The reporting clause right after a quotation: tokens of the rest of its sentence."""
    index = 0
    while index < len(tokens) and not tokens[index].is_word:
        if tokens[index].text not in _LEADING:
            return None
        index += 1
    if index >= len(tokens):
        return None
    if is_verb(tokens[index]):
        return _inverted(tokens, index)
    for verb in range(index, min(len(tokens), index + 32)):
        if is_verb(tokens[verb]):
            return _clause(tokens, verb, "after")
    if index and tokens[index - 1].text in _DASHES:
        return _byline(tokens, index)
    return None


def _byline(tokens: list[Token], index: int) -> Phrase | None:
    """ "..." ― Jane Smith: a name alone after a dash signs the quotation."""
    span = noun_phrase(tokens, index, len(tokens))
    if span is None or span[1] < len(tokens) - 1:
        return None
    return _phrase(tokens, span, "signed")


def short_clause(tokens: list[Token]) -> bool:
    """A whole reporting clause in a few words: "Smith asked", "said Rep. Jo Smith (D-Ga.)",
    "Smith, a senator, said on Monday"; no auxiliary before its verb."""
    if tokens and tokens[0].text in _DASHES:
        return True  # a byline: "..." ― Jane Smith
    verbs = [i for i, token in enumerate(tokens[:20]) if is_verb(token)]
    if not verbs or verbs[0] > 8 or len(tokens) > verbs[0] + 10:
        return False
    verb = verbs[0]
    if verb + 1 < len(tokens) and tokens[verb + 1].lower == "that":
        return False  # "Russia insisted that ...": a new report, not this one's speaker
    return verb == 0 or tokens[verb - 1].lower not in _words("auxiliary")


def _inverted(tokens: list[Token], verb: int) -> Phrase | None:
    """ "...," said Rep. Jim Smith (D-S.C.) / "...," according to the ministry."""
    start = verb + 1
    if tokens[verb].lower == "according":
        if start >= len(tokens) or tokens[start].lower != "to":
            return None
        start += 1
        how = "according"
    else:
        how = "inverted"
    span = noun_phrase(tokens, start, len(tokens))
    return _phrase(tokens, span, how)


def _clause(tokens: list[Token], verb: int, how: str) -> Phrase | None:
    if tokens[verb].lower == "according":
        return _inverted(tokens, verb)
    if tokens[verb].lower in _words("channel"):
        return _channel(tokens, verb)
    if _bare_participle(tokens, verb):
        return None  # "Smith mocked it, saying": the subject is the sentence's
    if verb == 0 and tokens[verb].capitalised:
        return _inverted(tokens, verb)  # Said Ellis: "..."
    return _phrase(tokens, subject_before(tokens, verb), how)


def _channel(tokens: list[Token], verb: int) -> Phrase | None:
    """ "CNN quoted him as saying": the speaker is him, CNN the channel."""
    if any(t.lower in _words("passive") for t in tokens[_skip_back(tokens, verb) : verb]):
        return _passive_channel(tokens, verb)
    span = noun_phrase(tokens, verb + 1, len(tokens))
    if span is None:
        return None
    channel = subject_before(tokens, verb)
    via = (tokens[channel[0]].start, tokens[channel[1] - 1].end) if channel else None
    return Phrase(tokens[span[0]].start, tokens[span[1] - 1].end, "channel", via)


def _passive_channel(tokens: list[Token], verb: int) -> Phrase | None:
    """ "Peskov was quoted by TASS as saying", "he was cited as saying by CNN": the subject
    speaks, and the channel, if named, follows "by" (a few words on at most)."""
    speaker = subject_before(tokens, verb)
    if speaker is None:
        return None
    reach = range(verb + 1, min(len(tokens), verb + 6))
    by = next((i for i in reach if tokens[i].lower == "by"), None)
    channel = noun_phrase(tokens, by + 1, len(tokens)) if by is not None else None
    via = (tokens[channel[0]].start, tokens[channel[1] - 1].end) if channel else None
    return Phrase(tokens[speaker[0]].start, tokens[speaker[1] - 1].end, "channel", via)


def _phrase(tokens: list[Token], span: tuple[int, int] | None, how: str) -> Phrase | None:
    if span is None:
        return None
    return Phrase(tokens[span[0]].start, tokens[span[1] - 1].end, how)


def before_quote(tokens: list[Token]) -> Phrase | None:
    """The reporting clause before a quotation in its sentence ("Smith said: ...", "Smith
    says the plan is ...", "Smith mocked it, saying ...", "... and added: ...")."""
    verbs = [i for i, token in enumerate(tokens) if is_verb(token)]
    if not verbs:
        return None
    verb = verbs[-1]
    # 'Smith said: "..."' / 'Smith said, "..."' introduce a quotation; otherwise it is
    # embedded in the reported speech ('Smith says the plan is "a mistake"')
    how = "colon" if tokens[-1].text in (":", ",") else "embedded"
    found = _clause(tokens, verb, how)
    if found is not None or not _coordinated(tokens, verb):
        return found
    # "the source said ... and added:", "Smith mocked it, saying": the sentence's subject
    for earlier in reversed(verbs[:-1]):
        found = _clause(tokens, earlier, how)
        if found is not None:
            return found
    return _phrase(tokens, _sentence_subject(tokens), how)


def _bare_participle(tokens: list[Token], verb: int) -> bool:
    if not tokens[verb].lower.endswith("ing"):
        return False
    index = verb - 1
    while index >= 0 and _adverb(tokens[index]):
        index -= 1
    return index < 0 or tokens[index].lower not in _words("auxiliary")


def _coordinated(tokens: list[Token], verb: int) -> bool:
    index = verb - 1
    while index >= 0 and (tokens[index].lower in _words("auxiliary") or _adverb(tokens[index])):
        index -= 1
    return tokens[verb].lower.endswith("ing") or (
        index >= 0 and (tokens[index].lower in _words("coordinator") or tokens[index].text == ",")
    )


def _sentence_subject(tokens: list[Token]) -> tuple[int, int] | None:
    """The noun phrase a sentence opens with, if it looks like a name or a pronoun (after
    an opening phrase: "During the speech, Trump ...")."""
    start = 0
    if tokens and tokens[0].lower in _words("preposition") | _words("clause"):
        start = next((i + 1 for i, t in enumerate(tokens[:20]) if t.text == ","), len(tokens))
    while start < len(tokens) and not tokens[start].is_word:
        start += 1
    if start >= len(tokens):
        return None
    if tokens[start].lower in pronouns():
        return start, start + 1
    end = start
    while end < len(tokens) and (tokens[end].capitalised or tokens[end].text == "."):
        if tokens[end].text == "." and ends_sentence(tokens, end):
            break
        end += 1
    return (start, end) if end > start and end - start <= 6 else None


def preceding_sentence(tokens: list[Token]) -> Phrase | None:
    """A sentence that introduces the next one's quotation: "Smith disagreed." / "He
    added:" / "The ministry said in a statement:"."""
    words = [t for t in tokens if t.text not in _SENTENCE_END]
    if not words or words[-1].text not in (":", *reporting_verbs()):
        return None
    if words[-1].text == ":":
        return before_quote(words[:-1])
    return _clause(words, len(words) - 1, "preceding")


def sayer_phrases(text: str) -> list[Phrase]:
    """The subjects of the reporting verbs of a paragraph ("Smith said he ..."), in order."""
    tokens = tokenize(text, 0, len(text))
    found = []
    for index, token in enumerate(tokens):
        if token.text in reporting_verbs():
            phrase = _clause(tokens, index, "sayer")
            if phrase is None and index and tokens[index - 1].text in QUOTE_MARKS | {","}:
                phrase = _inverted(tokens, index)  # '"...," said Ryan Ellis'
            if phrase is not None and phrase.how in ("sayer", "inverted"):
                found.append(phrase)
    return found
