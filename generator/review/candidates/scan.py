"""One pass over the sources: capitalised runs, cut into the names they hold.

A run is a stretch of capitalised words (with particles and connectors such as "of", "and",
"&" inside); it is cut where a known actor's mention sits, after a possessive ("Russia's
Vladimir Putin"), and at a connector between two names ("Chairman Alan Greenspan of the
Federal Reserve", "Armenia and Azerbaijan") but not inside one ("Bank of England").
Each piece loses its titles and stop words at the edges and becomes an Occurrence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Set
from dataclasses import dataclass
from functools import cached_property

from generator.model import Corpus, Links, Mention
from generator.review.candidates import kinds
from generator.review.candidates.describe import role_after, role_before
from generator.review.candidates.languages import Language, base, code_of, language
from generator.review.candidates.lexicon import gazetteer, key, month_abbreviations, union, words
from generator.text.folding import fold, lowercase_words, one_slip
from generator.text.gender import first_name_gender

Token = tuple[int, int, str]  # start, end, word as written

_TOKEN = re.compile(r"[@#]?[^\W_](?:\w|[-'’](?=\w)|\.(?=\w))*\.?")
_POSSESSIVE = re.compile(r"['’]s?$")
_CASE_ENDING = re.compile(r"['’][^\W\d_]{1,5}$")  # Turkish "Erdoğan'ın", "Türkiye'nin"
_ARTICLE_PREFIX = re.compile(r"(?:al|el|ad|as|ash|at|an|ar)-(?=[A-Z])")
_CAMEL = re.compile(r"[a-z][A-Z]")
_OPENERS = " \"“‘'([-–—:…"


@dataclass
class Occurrence:
    text: str
    source: str
    paragraph: int
    start: int
    kind: str | None
    initial: bool
    headline: bool
    context: str
    full_sentence: bool
    label: bool = False  # "Attendance: 12,000", "Source: ...": a label opening a sentence
    role: str = ""  # the title in front or the apposition after: "Turkish defence minister"
    lemma: str = ""  # what its variants are grouped by (the key; stems where names inflect)
    # False for a German capitalised word with nothing more to show it is a name: kept only
    # as a form of a name that has ("Trittmeier" after "Außenminister Jürgen Trittmeier")
    evidenced: bool = True


@dataclass(frozen=True)
class Sentence:
    source: str
    index: int
    paragraph: str
    start: int
    end: int
    headline: bool

    @cached_property
    def text(self) -> str:
        return self.paragraph[self.start : self.end]

    @cached_property
    def context(self) -> str:
        return self.text.strip()

    @cached_property
    def full(self) -> bool:
        return bool(re.search(r"[.!?][\"”’')\]]*$", self.text)) and not self.headline


def headline(paragraph: str) -> bool:
    """A heading or title-case run: most words capitalised, or short with no full stop."""
    every = re.findall(r"[^\W\d_][\w'’-]*", paragraph)
    found = [w for w in every if len(w) > 3]
    if not found:
        return True
    ratio = sum(1 for w in found if w[:1].isupper()) / len(found)
    if not re.search(r"[.!?\"”’:)]\s*$", paragraph):  # no full stop: a heading or a cut end
        return len(paragraph.split()) <= 10 or (len(found) >= 3 and ratio >= 0.6)
    if "," in paragraph and len(every) >= 8:
        return False  # a list of names ending like a sentence is prose
    # Ending like a sentence: a heading only if its short words are capitalised too.
    return len(found) >= 3 and sum(1 for w in every if w[:1].isupper()) / len(every) >= 0.8


def byline(paragraph: str) -> bool:
    return bool(re.match(r"^\s*(?:By|Reporting by|Written by|Editing by)\s", paragraph)) and (
        len(paragraph.split()) <= 15
    )


def handle(word: str) -> bool:
    """A social-media handle or tag, not a name: "@JosepBorrellF", "JosepBorrellF"."""
    camels = len(_CAMEL.findall(word))
    return word[:1] in "@#" or camels >= 2 or bool(re.search(r"[a-z][A-Z]$", word))


def name_word(word: str) -> bool:
    """Capitalised, and no lower-case compound ("US-brokered", "Turkish-operated")."""
    if not (word[:1].isupper() or _ARTICLE_PREFIX.match(word)):
        return False
    parts = re.split(r"[-‐‑]", word)
    return not (len(parts) > 1 and parts[-1][:1].islower() and not _ARTICLE_PREFIX.match(word))


class Scanner:
    def __init__(self, corpus: Corpus, links: Links, vocabulary: Set[str] | None = None) -> None:
        """vocabulary: the lower-case words of the whole corpus, when it is more than the
        sources scanned (see lowercase_words); by default, those of the sources scanned."""
        self.corpus = corpus
        self.links = links
        self.known_keys = {key(n) for a in corpus.actors.values() for n in a.all_names}
        self.known_initials = {
            "".join(w[0] for w in key(n).split())
            for a in corpus.actors.values()
            for n in a.all_names
            if len(n.split()) > 1
        }
        self.known_words = {w for k in self.known_keys for w in k.split()}
        self.lower_words: Set[str] = (
            vocabulary
            if vocabulary is not None
            else frozenset().union(
                *(lowercase_words(s.paragraphs) for s in corpus.sources.values())
            )
        )
        self.mentions: dict[tuple[str, int], list[Mention]] = {}
        for mention in links.mentions:
            self.mentions.setdefault((mention.source, mention.paragraph), []).append(mention)
        for found in self.mentions.values():
            found.sort(key=lambda m: m.start)
        self.mention_starts = {at: [m.start for m in found] for at, found in self.mentions.items()}
        self.occurrences: list[Occurrence] = []
        self.ambiguous: list[dict[str, str]] = []
        self.lang = base()
        self.stop: frozenset[str] = self.lang.stop  # of every language scanned
        self.unsupported: dict[str, str] = {}  # source id -> its language, which has no rules
        self.inflected: set[Language] = set()  # languages scanned whose names take endings
        self._known_lemmas: dict[str, frozenset[str]] = {}

    def common(self, word: str) -> bool:
        folded = fold(word)
        return folded in self.stop or folded in self.lower_words

    def scan(self) -> None:
        for source in self.corpus.sources.values():
            found = language(code_of(source.language))
            if found is None:
                self.unsupported[source.id] = source.language
                continue  # no rules for its language: say so, rather than propose junk
            self.lang = found
            self.stop = self.stop | found.stop
            if found.endings:
                self.inflected.add(found)
            for index, paragraph in enumerate(source.paragraphs):
                if byline(paragraph):
                    continue
                is_headline = headline(paragraph)
                spans = self.links.sentences.get((source.id, index)) or ((0, len(paragraph)),)
                for start, end in spans:
                    sentence = Sentence(source.id, index, paragraph, start, end, is_headline)
                    for run in runs(sentence, found):
                        self.take_run(sentence, run)

    def known(self, lemma: str, name: str) -> bool:
        """A known actor's name, in any of its forms where names inflect ("Путина")."""
        return key(name) in self.known_keys or any(
            lemma in self.known_lemmas(lang) for lang in self.inflected
        )

    def known_lemmas(self, lang: Language) -> frozenset[str]:
        if lang.code not in self._known_lemmas:
            self._known_lemmas[lang.code] = frozenset(lang.lemma(k) for k in self.known_keys)
        return self._known_lemmas[lang.code]

    def state_then_person(self, names: list[str]) -> bool:
        """Where names inflect, a state in the genitive before a person's name."""
        return (
            bool(self.lang.endings)
            and len(names) >= 3
            and self.lang.is_state(names[0])
            and kinds.personal(names[1:])
        )

    def mentions_near(self, sentence: Sentence, run: list[Token]) -> list[Mention]:
        """The known mentions that can touch the run: found by bisection, as a long paragraph
        holds thousands of them and a run only a few words."""
        at = (sentence.source, sentence.index)
        starts = self.mention_starts.get(at, [])
        first = max(bisect_left(starts, run[0][0]) - 1, 0)  # one that starts before may reach in
        return self.mentions.get(at, [])[first : bisect_left(starts, run[-1][1])]

    def take_run(self, sentence: Sentence, run: list[Token]) -> None:
        if fold(run[-1][2]) in words("thing_heads"):
            return  # "Countering America's Adversaries Through Sanctions Act": a law, no actor
        initial = _initial(sentence, run[0][0])
        pieces, touched = cut_at_mentions(run, self.mentions_near(sentence, run))
        touching = Touching(touched)
        for number, piece in enumerate(pieces):
            for part in split_at_connectors(piece):
                opens = initial and number == 0 and part[0] is piece[0]
                found = trim(part, opens, self.common, self.lang)
                if found:
                    self.record(sentence, found[0], found[1], touching)

    def record(
        self, sentence: Sentence, piece: list[Token], titled: bool, touching: Touching
    ) -> None:
        names = [w for _, _, w in piece]
        folded = [fold(w) for w in names]
        if (
            folded[-1] in words("thing_heads")
            or folded[0] in words("thing_starts")
            or (len(names) == 1 and folded[0] in words("noise_words"))
            or any(handle(w) for w in names)
        ):
            return
        single = len(names) == 1 and not kinds.is_acronym(names[0])
        lone = single and (folded[0] in words("titles") or kinds.demonym(names[0]))
        if lone and gazetteer().kind(names[0]) is None:
            return  # "Russian", "President", "Syrians"
        if single and folded[0] in self.lang.organisations:
            return  # "le Conseil de sécurité", "el Gobierno": a common noun, not a name
        paragraph = sentence.paragraph
        start, end = piece[0][0], piece[-1][1]
        before = paragraph[max(0, start - 60) : start]
        kind = kinds.kind_of(names, before, paragraph[end : end + 30], titled)
        if self.state_then_person(names):  # "Турции Кемаль Юртсевер": Turkey's, then a person
            self.record(sentence, piece[:1], False, touching)
            self.record(sentence, piece[1:], titled, touching)
            return
        if self.lang.is_state(" ".join(names)):
            kind = "state"  # "Türkei", "Russie", "Турции": the state in the source's language
        elif kind in (None, "person") and not titled and self.lang.institution(names):
            kind = "organisation"  # "Unión Europea", "Savunma Bakanlığı", not a person
        # German "Regierung", "Treffen": nouns, capitalised like every noun
        evidenced = not self.lang.capitalised_nouns or _evidenced(names, kind, titled)
        self.note_ambiguous(sentence, start, end, touching)
        if len(names) == 1 and self.first_name_spelt_otherwise(folded[0], end, touching):
            return  # "Wladimir" of "Wladimir Putin": no new person, Putin with his name
        initial = _initial(sentence, start)
        self.occurrences.append(
            Occurrence(
                paragraph[start:end],
                sentence.source,
                sentence.index,
                start,
                kind,
                initial,
                sentence.headline,
                sentence.context,
                sentence.full,
                _label(sentence, start, end),
                role_before(paragraph, start, end, sentence.start, self.lang)
                or role_after(paragraph, end, self.lang),
                self.lang.lemma(paragraph[start:end]),
                evidenced,
            )
        )

    def first_name_spelt_otherwise(self, word: str, end: int, touching: Touching) -> bool:
        """Whether `word`, right before a known person's mention, is that person's first
        name as another language spells it ("Wladimir Putin" in German): proposed, it
        became a person "Wladimir" described as "Präsident"."""
        for mention in touching.next_to(end, end):
            actor = self.corpus.actors.get(mention.actor)
            if mention.start >= end and actor is not None and actor.kind == "person":
                first = fold(actor.name.split()[0])
                if one_slip(word, first):
                    return True
        return False

    def note_ambiguous(self, sentence: Sentence, start: int, end: int, touching: Touching) -> None:
        """A one-word known alias right next to this name ("Michel" in "Michel Barnier")."""
        for mention in touching.next_to(start, end):
            if " " in mention.surface.strip():
                continue
            if abs(mention.end - start) <= 1 or abs(end - mention.start) <= 1:
                self.ambiguous.append(
                    {
                        "alias": mention.surface,
                        "actor": mention.actor,
                        "candidate": sentence.paragraph[
                            min(start, mention.start) : max(end, mention.end)
                        ],
                        "source": sentence.source,
                    }
                )


class Touching:
    """The known mentions a run touches, by where they start and end: a run of capitalised
    words can touch thousands, and each name in it asks only for those right next to it."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.starts: dict[int, list[int]] = {}
        self.ends: dict[int, list[int]] = {}
        for index, mention in enumerate(mentions):
            self.starts.setdefault(mention.start, []).append(index)
            self.ends.setdefault(mention.end, []).append(index)

    def next_to(self, start: int, end: int) -> list[Mention]:
        """Those ending within a character of start or starting within one of end, in order."""
        found = {i for p in (start - 1, start, start + 1) for i in self.ends.get(p, ())}
        found.update(i for p in (end - 1, end, end + 1) for i in self.starts.get(p, ()))
        return [self.mentions[i] for i in sorted(found)]


def _initial(sentence: Sentence, start: int) -> bool:
    """At the start of the sentence, or right after an opening quote or a colon."""
    # A few characters back are enough (and keep a long sentence linear).
    before = sentence.paragraph[max(sentence.start, start - 6) : start]
    at_start = start - sentence.start <= 6 and before.strip(_OPENERS) == ""
    return at_start or bool(re.search(r"[:“\"‘]\s*$", before))


def _label(sentence: Sentence, start: int, end: int) -> bool:
    """ "Attendance: 200", "Scorers - ...": a word opening a sentence, then a colon or dash."""
    opens = start - sentence.start <= 3 and sentence.paragraph[sentence.start : start].strip() == ""
    return opens and bool(re.match(r"\s?[:\-–—]", sentence.paragraph[end : end + 2]))


def _evidenced(names: list[str], kind: str | None, titled: bool) -> bool:
    """More than capitals says this is a name: a title in front, a known state or place, an
    institution's or medium's head word, an acronym, or a common first name in front."""
    if titled or (kind is not None and kind != "person"):
        return True
    return any(kinds.is_acronym(w) for w in names) or (
        len(names) >= 2 and first_name_gender(names[0]) is not None
    )


def runs(sentence: Sentence, lang: Language) -> list[list[Token]]:
    """The capitalised runs of a sentence, connectors inside kept, punctuation cutting."""
    paragraph, offset = sentence.paragraph, sentence.start
    found: list[list[Token]] = []
    run: list[Token] = []
    pending: list[Token] = []  # connectors waiting for a capitalised word

    def flush() -> None:
        if run:
            found.append(list(run))
        run.clear()
        pending.clear()

    for match in _TOKEN.finditer(sentence.text):
        s, word = match.start() + offset, match.group()
        previous = pending[-1] if pending else (run[-1] if run else None)
        gap = paragraph[previous[1] : s].strip(" ") if previous else ""
        if gap == "&" and run and not pending:
            pending.append((previous[1] + 1, previous[1] + 2, "&"))  # type: ignore[index]
        elif gap:
            flush()  # punctuation between: "Russia, Turkey" are two names
        initial = len(word) == 2 and word[0].isupper() and word[1] == "."
        if word.endswith(".") and word.count(".") == 1 and not initial:
            word = word[:-1]  # "AFP." at the end of a sentence; "U.S." and "P." keep dots
        bare = _POSSESSIVE.sub("", word)
        if lang.apostrophe_suffixes and bare == word:
            bare = _CASE_ENDING.sub("", word)
        if any(c.isdigit() for c in bare) or not bare:
            flush()
        elif name_word(bare) or bare[:1] in "@#":
            run.extend(pending)
            pending.clear()
            run.append((s, s + len(word), word if bare == word else bare + "'s"))
        elif run and fold(bare) in union("name_particles", "connectors"):
            pending.append((s, s + len(bare), bare))
        else:
            flush()
    flush()
    return found


def cut_at_mentions(
    run: list[Token], known: list[Mention]
) -> tuple[list[list[Token]], list[Mention]]:
    """Pieces of a run between known mentions and after possessives; the mentions touched."""
    pieces: list[list[Token]] = [[]]
    touching: list[Mention] = []
    taken: set[int] = set()
    # known is in text order, and so are the tokens: one pass over both, not a search of
    # every mention for every token (a long run of capitalised words among thousands of
    # known names was quadratic: 200,000 characters took 23 s)
    next_known = 0
    for token in run:
        while next_known < len(known) and known[next_known].end <= token[0]:
            next_known += 1  # ended before this token: it cannot touch any later one
        hit = None
        if next_known < len(known) and known[next_known].start < token[1]:
            hit = known[next_known]
        if hit is not None:
            if next_known not in taken:
                taken.add(next_known)
                touching.append(hit)
            if pieces[-1]:
                pieces.append([])
        elif token[2].endswith("'s"):
            bare = token[2][:-2]
            pieces[-1].append((token[0], token[0] + len(bare), bare))
            pieces.append([])  # "Russia's Vladimir Putin": two names
        else:
            pieces[-1].append(token)
    return [p for p in pieces if p], touching


def _joined(left: list[Token], right: list[Token], connector: str) -> bool:
    """Whether "left <connector> right" is one name ("Bank of England", "Procter & Gamble")."""
    names = [w for _, _, w in left]
    whole = " ".join([*names, connector, *(w for _, _, w in right)])
    if gazetteer().kind(whole) or connector == "&":
        return True
    stop = words("stop_words")
    folded = [f for f in (fold(w).rstrip(".") for w in names) if f not in stop] or ["the"]
    if connector == "and":
        # Inside an institution's name ("Organisation for Security and Cooperation"), not
        # between two names ("the European Commission and the Federal Reserve").
        heads = union("organisation_heads", "place_heads", "media_heads", "armed_group_words")
        fronts = union("organisation_heads", "organisation_fronts")
        return (
            folded[0] in fronts
            and folded[-1] not in heads
            and fold(right[0][2]) not in fronts  # "... and the Ministry of Defence"
            and not gazetteer().kind(names[-1])  # "the Bank of England and ..."
        )
    titles = words("titles")
    if all(w in titles or w.removesuffix("s") in titles for w in folded):
        return False  # "President of Russia", "Envoys of the Islamic Republic of Iran"
    institutional = union(
        "organisation_heads",
        "organisation_fronts",
        "institutional_words",
        "place_heads",
        "thing_heads",
        "armed_group_words",
    )
    if any(w in institutional for w in folded):
        return True  # "Ministry of Foreign Affairs", "Commission for Human Rights"
    if connector == "for":
        return True  # "Syrian Observatory for Human Rights": "for" sits inside names
    # "of": one name unless a person stands in front ("Alan Greenspan of the Federal Reserve").
    core = [w for w in folded if w not in words("titles")]
    return len(core) < 2 or (len(core) == len(folded) and not kinds.personal(names))


def split_at_connectors(piece: list[Token]) -> list[list[Token]]:
    """The piece cut at connectors ("of", "and", "for", "&") that sit between two names."""
    parts: list[list[Token]] = [[]]
    connector: list[Token] = []
    for token in piece:
        folded = fold(token[2])
        if folded in words("connectors") and parts[-1]:
            connector.append(token)
            continue
        if connector and parts[-1]:
            head = next((fold(t[2]) for t in connector if fold(t[2]) != "the"), "the")
            if head != "the" and _joined(parts[-1], [token], head):
                parts[-1].extend(connector)
            else:
                parts.append([])
            connector = []
        parts[-1].append(token)
    return [p for p in parts if p]


def trim(
    piece: list[Token], initial: bool, common: Callable[[str], bool], lang: Language
) -> tuple[list[Token], bool] | None:
    """The piece without edge particles, a sentence-initial common word, titles and stop
    words; and whether a title stood in front (the rest is then a person)."""
    edge = union("name_particles", "connectors")
    while piece and fold(piece[-1][2]) in edge:
        piece = piece[:-1]
    while piece and fold(piece[0][2]) in edge:
        piece = piece[1:]
    if not piece:
        return None
    whole = " ".join(w for _, _, w in piece)
    if gazetteer().kind(whole):
        return piece, False  # "New Zealand", "United States": as the world names them
    if initial and len(piece) > 1 and _common_opener(piece[0][2], common):
        piece = piece[1:]  # "Following Putin's visit": a sentence's first word, not the name's
    piece, titled = _cut_titles(piece, lang)
    stop = lang.stop
    while piece and (fold(piece[-1][2]) in stop or fold(piece[-1][2]) in edge):
        if _surname_of_a_month(piece):
            break
        piece = piece[:-1]
    while piece and fold(piece[0][2]) in stop and not _place_opens(piece):
        if _first_name_of_a_month(piece):
            break
        piece = piece[1:]
    return (piece, titled) if piece else None


def _surname_of_a_month(piece: list[Token]) -> bool:
    """A month's name after a first name is a surname: "Theresa May" was cut to "Theresa"."""
    last = piece[-1][2]
    return (
        len(piece) >= 2
        and last.isalpha()
        and fold(last) in words("calendar_words")
        and first_name_gender(piece[-2][2]) is not None
    )


def _first_name_of_a_month(piece: list[Token]) -> bool:
    """A month's abbreviation before a name, with no period, is a first name: the calendar
    reads "Jan" as January only before a period or a day, and "Jan Egeland" was "Egeland"."""
    first = piece[0][2]
    return len(piece) >= 2 and first.isalpha() and fold(first) in month_abbreviations()


def _common_opener(word: str, common: Callable[[str], bool]) -> bool:
    """A common word (written in lower case elsewhere) that opens no name ("Following"),
    unlike "United Nations", "State Department", "North Atlantic Treaty Organisation"."""
    name_words = union(
        "institutional_words", "organisation_fronts", "compass_words", "titles", "state_heads"
    )
    return common(word) and not kinds.is_acronym(word) and fold(word) not in name_words


def _place_opens(piece: list[Token]) -> bool:
    """The first words are a place the world knows ("New York Stock Exchange")."""
    return any(
        gazetteer().kind(" ".join(w for _, _, w in piece[:n])) for n in (2, 3) if n < len(piece)
    )


def _cut_titles(piece: list[Token], lang: Language) -> tuple[list[Token], bool]:
    """ "U.S. President Donald Trump" -> "Donald Trump", titled; "French President" -> none."""
    folded = [fold(w).rstrip(".") for _, _, w in piece]
    if any(w in words("organisation_heads") for w in folded) or lang.institution(
        [w for _, _, w in piece]
    ):
        return piece, False  # "Foreign Ministry", "Savunma Bakanlığı": the title is the name's
    titles = lang.titles
    cut = max((i for i, w in enumerate(folded[:-1]) if w in titles), default=-1)
    titled = cut >= 0
    piece = piece[cut + 1 :]
    while piece and fold(piece[-1][2]).rstrip(".") in titles:
        piece = piece[:-1]  # "French President" before a known name
    return piece, titled
