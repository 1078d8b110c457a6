"""Names the corpus does not know yet: capitalised runs in the sources, sorted out by rules.

No model and no dictionary: title cues ("President X", "X Ministry", "in X") give the kind,
known aliases (the link stage's mentions) are skipped, surname-only mentions join the full
name, and headline runs, sentence-initial common words and stop words are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from dataclasses import dataclass, field

from generator.model import Corpus, Links, Mention
from generator.text.folding import collapse_ws, fold, lowercase_words, slugify

# ----------------------------------------------------------------------------- word lists

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "there",
        "then",
        "than",
        "but",
        "however",
        "and",
        "or",
        "nor",
        "so",
        "yet",
        "if",
        "in",
        "on",
        "at",
        "of",
        "by",
        "for",
        "from",
        "to",
        "with",
        "without",
        "into",
        "onto",
        "over",
        "under",
        "after",
        "before",
        "during",
        "since",
        "until",
        "while",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "why",
        "how",
        "he",
        "she",
        "it",
        "we",
        "they",
        "i",
        "you",
        "his",
        "her",
        "its",
        "our",
        "their",
        "my",
        "your",
        "him",
        "them",
        "us",
        "me",
        "all",
        "any",
        "some",
        "such",
        "both",
        "each",
        "every",
        "no",
        "not",
        "also",
        "as",
        "although",
        "though",
        "because",
        "despite",
        "following",
        "speaking",
        "according",
        "meanwhile",
        "now",
        "today",
        "later",
        "earlier",
        "still",
        "instead",
        "thus",
        "hence",
        "indeed",
        "only",
        "even",
        "once",
        "again",
        "already",
        "soon",
        "yesterday",
        "tomorrow",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "here",
        "one",
        "two",
        "three",
        "first",
        "second",
        "last",
        "next",
        "new",
        "recommended",
        "related",
        "read",
        "more",
        "share",
        "follow",
        "watch",
        "listen",
        "advertisement",
        "photo",
        "video",
        "update",
        "updated",
        "breaking",
        "live",
        "exclusive",
        "opinion",
        "analysis",
        "editorial",
        "comment",
    ]
)
_MONTHS_DAYS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
# Titles: stripped from the front of a run; the rest is then a person.
_TITLES = frozenset(
    [
        "president",
        "presidents",
        "vice",
        "deputy",
        "prime",
        "minister",
        "ministers",
        "foreign",
        "defence",
        "defense",
        "interior",
        "finance",
        "economy",
        "energy",
        "trade",
        "justice",
        "ambassador",
        "envoy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "general",
        "gen",
        "lt",
        "col",
        "colonel",
        "major",
        "admiral",
        "marshal",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "emir",
        "chancellor",
        "secretary",
        "senator",
        "sen",
        "rep",
        "governor",
        "gov",
        "mayor",
        "chairman",
        "chairwoman",
        "chair",
        "commander",
        "chief",
        "premier",
        "leader",
        "leaders",
        "pope",
        "patriarch",
        "ayatollah",
        "imam",
        "judge",
        "director",
        "ceo",
        "adviser",
        "advisor",
        "counsellor",
        "counselor",
        "correspondent",
        "state",
        "former",
        "acting",
        "first",
    ]
)
# Lower-case words just before a name that say it is a person (with up to two words between).
_PERSON_CUES = re.compile(
    r"\b(?:president|minister|ambassador|envoy|spokes(?:man|woman|person)|leader|general|"
    r"commander|chief|head|counterpart|secretary|correspondent|reporter|journalist|"
    r"analyst|adviser|advisor|aide|chairman|director|mayor|governor|senator|premier|"
    r"chancellor|king|prince|colonel|officer|official|lawyer|gunman|citizen)s?"
    r"(?:\s+(?!of\b|in\b|and\b)[a-z][\w-]*){0,2}[\s,]*$"
)
_ORG_CUES = re.compile(r"\b(?:operator|company|firm|group|agency|giant|producer|maker)\s*$")
_PLACE_PREPOSITIONS = frozenset(
    ["in", "at", "near", "from", "via", "across", "into", "toward", "towards", "inside"]
)
_PLACE_CUES = re.compile(
    r"\b(?:village|town|city|province|region|district|capital|port|resort|island|"
    r"county|municipality)\s+of\s*$"
)
_PLACE_AFTER = re.compile(
    r"^\s+(?:province|region|district|village|town|city|area|border|county|governorate)\b"
)

_ORG_HEADS = frozenset(
    [
        "ministry",
        "agency",
        "party",
        "council",
        "organization",
        "organisation",
        "corporation",
        "corp",
        "company",
        "news",
        "committee",
        "commission",
        "bank",
        "union",
        "institute",
        "university",
        "association",
        "authority",
        "office",
        "service",
        "services",
        "directorate",
        "parliament",
        "assembly",
        "court",
        "foundation",
        "fund",
        "group",
        "federation",
        "league",
        "alliance",
        "movement",
        "coalition",
        "bureau",
        "department",
        "inc",
        "ltd",
        "airlines",
        "holding",
        "network",
        "television",
        "radio",
        "times",
        "post",
        "press",
        "channel",
    ]
)
_ORG_FRONT = frozenset(["ministry", "department", "office", "council", "bank", "university"])
_ARMED_WORDS = frozenset(
    [
        "islamic",
        "jihad",
        "front",
        "brigade",
        "brigades",
        "army",
        "forces",
        "militia",
        "mujahideen",
        "battalion",
        "battalions",
        "units",
        "guard",
        "guards",
    ]
)
_PLACE_HEADS = frozenset(
    [
        "sea",
        "ocean",
        "river",
        "base",
        "airport",
        "province",
        "region",
        "mountains",
        "mountain",
        "gulf",
        "strait",
        "straits",
        "island",
        "islands",
        "valley",
        "lake",
        "bay",
        "east",
        "west",
        "north",
        "south",
        "square",
        "street",
        "avenue",
        "peninsula",
        "desert",
        "canal",
        "border",
        "city",
        "county",
        "district",
    ]
)
_MEDIA_WORDS = frozenset(["news", "times", "post", "press", "television", "tv", "radio", "agency"])
_AGENCIES = frozenset(
    [
        "reuters",
        "ap",
        "afp",
        "tass",
        "ria",
        "xinhua",
        "dpa",
        "upi",
        "bloomberg",
        "sputnik",
        "interfax",
        "efe",
        "ansa",
        "irna",
    ]
)
_COUNTRIES = frozenset(
    [
        "afghanistan",
        "albania",
        "algeria",
        "andorra",
        "angola",
        "argentina",
        "armenia",
        "australia",
        "austria",
        "azerbaijan",
        "bahrain",
        "bangladesh",
        "belarus",
        "belgium",
        "bolivia",
        "bosnia",
        "brazil",
        "bulgaria",
        "cambodia",
        "cameroon",
        "canada",
        "chad",
        "chile",
        "china",
        "colombia",
        "congo",
        "croatia",
        "cuba",
        "cyprus",
        "czechia",
        "denmark",
        "djibouti",
        "ecuador",
        "egypt",
        "eritrea",
        "estonia",
        "ethiopia",
        "finland",
        "france",
        "georgia",
        "germany",
        "ghana",
        "greece",
        "hungary",
        "iceland",
        "india",
        "indonesia",
        "iran",
        "iraq",
        "ireland",
        "israel",
        "italy",
        "japan",
        "jordan",
        "kazakhstan",
        "kenya",
        "kosovo",
        "kuwait",
        "kyrgyzstan",
        "laos",
        "latvia",
        "lebanon",
        "libya",
        "lithuania",
        "luxembourg",
        "malaysia",
        "mali",
        "malta",
        "mexico",
        "moldova",
        "monaco",
        "mongolia",
        "montenegro",
        "morocco",
        "myanmar",
        "nepal",
        "netherlands",
        "nicaragua",
        "niger",
        "nigeria",
        "norway",
        "oman",
        "pakistan",
        "palestine",
        "panama",
        "paraguay",
        "peru",
        "philippines",
        "poland",
        "portugal",
        "qatar",
        "romania",
        "russia",
        "rwanda",
        "serbia",
        "singapore",
        "slovakia",
        "slovenia",
        "somalia",
        "spain",
        "sudan",
        "sweden",
        "switzerland",
        "syria",
        "taiwan",
        "tajikistan",
        "tanzania",
        "thailand",
        "tunisia",
        "turkey",
        "turkmenistan",
        "uganda",
        "ukraine",
        "uruguay",
        "uzbekistan",
        "venezuela",
        "vietnam",
        "yemen",
        "zambia",
        "zimbabwe",
    ]
)
_PARTICLES = frozenset(
    [
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "abu",
        "de",
        "da",
        "di",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "du",
        "le",
        "la",
    ]
)
_COMMON_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ing", "ance", "ence", "ship", "ly")
_DEMONYM = re.compile(r"(?:ian|ean|ish|ese|ic|ern)s?$")
_DEMONYMS = frozenset(
    [
        "french",
        "dutch",
        "greek",
        "thai",
        "swiss",
        "iraqi",
        "israeli",
        "saudi",
        "kuwaiti",
        "qatari",
        "emirati",
        "pakistani",
        "afghan",
        "yemeni",
        "omani",
        "bahraini",
        "bangladeshi",
        "somali",
        "nepali",
        "kazakh",
        "uzbek",
        "tajik",
    ]
)
# The last word of a name for a thing, law, meeting or operation, not an actor.
_THING_HEADS = frozenset(
    [
        "act",
        "law",
        "bill",
        "treaty",
        "agreement",
        "accord",
        "memorandum",
        "resolution",
        "summit",
        "conference",
        "forum",
        "show",
        "exhibition",
        "festival",
        "games",
        "cup",
        "award",
        "prize",
        "doctrine",
        "plan",
        "initiative",
        "process",
        "talks",
        "pipeline",
        "declaration",
        "protocol",
        "convention",
        "format",
        "operation",
    ]
)
_THING_STARTS = frozenset(["operation", "resolution", "article", "chapter"])
# Words that make a multi-word name institutional rather than personal.
_INSTITUTIONAL = frozenset(
    [
        "international",
        "national",
        "united",
        "federal",
        "central",
        "democratic",
        "republic",
        "republican",
        "people's",
        "popular",
        "supreme",
        "high",
        "higher",
        "royal",
        "general",
        "joint",
        "world",
        "global",
        "new",
    ]
)
_NOISE = frozenset(
    ["gmt", "utc", "est", "edt", "cet", "bst", "am", "pm", "north", "south", "east", "west"]
)

_TOKEN = re.compile(r"[^\W_](?:\w|[-'’](?=\w)|\.(?=\w))*\.?")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class CandidateActor:
    name: str
    kind: str
    aliases: tuple[str, ...]
    mentions: int
    sources: tuple[str, ...]
    context: str
    suggested_id: str


@dataclass
class _Occurrence:
    text: str
    source: str
    paragraph: int
    start: int
    kind: str | None
    initial: bool
    headline: bool
    context: str
    full_sentence: bool


@dataclass
class _Group:
    name: str
    occurrences: list[_Occurrence] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)


def _key(text: str) -> str:
    return collapse_ws(re.sub(r"[^\w\s]", "", fold(text).replace("-", " ")))


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _looks_name(word: str) -> bool:
    """Title case like a given name or surname: "Sergei", "al-Assad", "O'Neill"."""
    core = re.sub(r"^(?:al|el|ad|as|ash|at|an|ar)-", "", word)
    return core[:1].isupper() and (core[1:].islower() or not re.search(r"[A-Z]", core[1:2]))


def _headline(paragraph: str) -> bool:
    """A heading or title-case run: most words capitalised, or short with no full stop."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", paragraph) if len(w) > 3]
    if not words:
        return True
    caps = sum(1 for w in words if _is_cap(w))
    ratio = caps / len(words)
    if not re.search(r"[.!?\"”’:)]\s*$", paragraph):  # no full stop: a heading or a cut end
        return len(paragraph.split()) <= 10 or (len(words) >= 3 and ratio >= 0.6)
    return len(words) >= 3 and ratio >= 0.8


def _byline(paragraph: str) -> bool:
    return bool(re.match(r"^\s*(?:By|Reporting by|Written by|Editing by)\s", paragraph)) and (
        len(paragraph.split()) <= 15
    )


class _Scanner:
    def __init__(self, corpus: Corpus, links: Links, vocabulary: Set[str] | None = None) -> None:
        """vocabulary: the lower-case words of the whole corpus, when it is more than the
        sources scanned (see lowercase_words); by default, those of the sources scanned."""
        self.corpus = corpus
        self.links = links
        self.known_keys = {_key(n) for a in corpus.actors.values() for n in a.all_names}
        self.known_initials = {
            "".join(w[0] for w in _key(n).split())
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
        self.occurrences: list[_Occurrence] = []
        self.ambiguous: list[dict[str, str]] = []

    def common(self, word: str) -> bool:
        folded = fold(word)
        return folded in _STOP or folded in self.lower_words or folded in _MONTHS_DAYS

    def scan(self) -> None:
        for source in self.corpus.sources.values():
            for index, paragraph in enumerate(source.paragraphs):
                if _byline(paragraph):
                    continue
                headline = _headline(paragraph)
                spans = self.links.sentences.get((source.id, index)) or ((0, len(paragraph)),)
                known = self.mentions.get((source.id, index), [])
                for start, end in spans:
                    self.scan_sentence(source.id, index, paragraph, start, end, known, headline)

    def scan_sentence(
        self,
        source: str,
        index: int,
        paragraph: str,
        start: int,
        end: int,
        known: list[Mention],
        headline: bool,
    ) -> None:
        sentence = paragraph[start:end]
        full = bool(re.search(r"[.!?][\"”’')\]]*$", sentence)) and not headline
        tokens = [
            (m.start() + start, m.end() + start, m.group()) for m in _TOKEN.finditer(sentence)
        ]
        run: list[tuple[int, int, str]] = []
        pending: list[tuple[int, int, str]] = []  # particles waiting for a capitalised word

        def flush() -> None:
            if run:
                self.take_run(source, index, paragraph, list(run), known, headline, full, sentence)
            run.clear()
            pending.clear()

        for s, e, word in tokens:
            previous = pending[-1] if pending else (run[-1] if run else None)
            if previous is not None and paragraph[previous[1] : s].strip(" "):
                flush()  # punctuation between: "Russia, Turkey" are two names
            if word.endswith(".") and word.count(".") == 1:
                word = word[:-1]  # "AFP." at the end of a sentence; "U.S." keeps its dots
            bare = _POSSESSIVE.sub("", word)
            possessive = bare != word
            e = s + len(word)
            if any(c.isdigit() for c in bare) or not bare:
                flush()
                continue
            lowered = fold(bare)
            if _is_cap(bare) or re.match(r"(?:al|el|ad|as|ash|at|an|ar)-(?=[A-Z])", bare):
                run.extend(pending)
                pending.clear()
                run.append((s, e, bare + "'s" if possessive else bare))
            elif (run and (lowered in _PARTICLES or lowered == "of")) or (
                run and lowered == "the" and pending and fold(pending[-1][2]) == "of"
            ):
                pending.append((s, e, bare))
            else:
                flush()
        flush()

    def take_run(
        self,
        source: str,
        index: int,
        paragraph: str,
        run: list[tuple[int, int, str]],
        known: list[Mention],
        headline: bool,
        full: bool,
        sentence: str,
    ) -> None:
        if fold(run[-1][2]) in _THING_HEADS:
            return  # "Countering America's Adversaries Through Sanctions Act": a law, no actor
        sentence_start = paragraph.find(sentence)
        initial = paragraph[sentence_start : run[0][0]].strip(" \"“‘'([-–—") == ""
        # Cut the run where it overlaps a known mention; remember what sat next to one.
        pieces: list[list[tuple[int, int, str]]] = [[]]
        touching: list[Mention] = []
        for token in run:
            hit = next((m for m in known if m.start < token[1] and token[0] < m.end), None)
            if hit is not None:
                if hit not in touching:
                    touching.append(hit)
                if pieces[-1]:
                    pieces.append([])
            elif token[2].endswith("'s"):
                bare = token[2][:-2]
                pieces[-1].append((token[0], token[0] + len(bare), bare))
                pieces.append([])  # "Russia's Vladimir Putin": two names
            else:
                pieces[-1].append(token)
        for piece in pieces:
            self.take_piece(source, index, paragraph, piece, initial and piece is pieces[0],
                            headline, full, sentence, touching)  # fmt: skip

    def take_piece(
        self,
        source: str,
        index: int,
        paragraph: str,
        piece: list[tuple[int, int, str]],
        initial: bool,
        headline: bool,
        full: bool,
        sentence: str,
        touching: list[Mention],
    ) -> None:
        while piece and fold(piece[-1][2]) in _PARTICLES | {"of", "the"}:
            piece = piece[:-1]
        while piece and fold(piece[0][2]) in _PARTICLES | {"of", "the"}:
            piece = piece[1:]
        if not piece:
            return
        kind: str | None = None
        # A sentence-initial common word ("Following the summit") is no name.
        if initial and self.common(piece[0][2]) and not _is_acronym(piece[0][2]):
            piece = piece[1:]
            initial = False
        # Titles in front ("U.S. President Donald Trump"): the rest is a person.
        titled = False
        folded_piece = [fold(w).rstrip(".") for _, _, w in piece]
        if not any(w in _ORG_HEADS for w in folded_piece):
            cut = max((i for i, w in enumerate(folded_piece[:-1]) if w in _TITLES), default=-1)
            if cut >= 0:
                piece, titled = piece[cut + 1 :], True
            while piece and fold(piece[-1][2]).rstrip(".") in _TITLES:
                piece = piece[:-1]  # "French President" before a known name
        # Stop words and weekdays at the edges.
        while piece and fold(piece[-1][2]) in _STOP | _MONTHS_DAYS | _PARTICLES | {"of"}:
            piece = piece[:-1]
        while piece and fold(piece[0][2]) in _STOP | _MONTHS_DAYS:
            piece = piece[1:]
        if not piece:
            return
        words = [w for _, _, w in piece]
        folded = [fold(w) for w in words]
        start, end = piece[0][0], piece[-1][1]
        text = paragraph[start:end]
        if (
            folded[-1] in _THING_HEADS
            or folded[0] in _THING_STARTS
            or (len(words) == 1 and folded[0] in _NOISE)
        ):
            return
        demonym_or_title = (
            folded[0] in _TITLES or folded[0] in _DEMONYMS or bool(_DEMONYM.search(folded[0]))
        )
        single = len(words) == 1 and not _is_acronym(words[0])
        if single and demonym_or_title and folded[0] not in _COUNTRIES:
            return  # "Russian", "President", "Syrians"
        before = paragraph[max(0, start - 60) : start]
        after = paragraph[end : end + 30]
        last = folded[-1]
        if len(words) == 1 and folded[0] in _COUNTRIES:
            kind = "state"
        elif (titled and not any(w in _ORG_HEADS for w in folded)) or (
            _PERSON_CUES.search(fold(before)) and all(_looks_name(w) for w in words)
        ):
            kind = "person"
        elif (folded[0] in _AGENCIES and len(words) == 1) or (
            last in _MEDIA_WORDS and len(words) > 1
        ):
            kind = "media"
        elif any(w in _ARMED_WORDS for w in folded) and len(words) > 1:
            kind = "armed-group"
        elif (
            last in _ORG_HEADS
            or (folded[0] in _ORG_FRONT and len(words) > 1)
            or _ORG_CUES.search(fold(before))
        ):
            kind = "organisation"
        elif (
            (last in _PLACE_HEADS and len(words) > 1)
            or _PLACE_AFTER.match(after)
            or _PLACE_CUES.search(fold(before))
        ):
            kind = "place"
        elif len(words) == 1 and folded[0] in _COUNTRIES:
            kind = "state"
        elif len(words) == 1 and _is_acronym(words[0]):
            kind = "organisation"
        elif len(words) == 1:
            prev = re.search(r"(\w+)\s+$", before)
            if prev and prev.group(1) in _PLACE_PREPOSITIONS:
                kind = "place"
        if kind is None and 2 <= len(words) <= 4:
            looks_personal = all(_looks_name(w) for w in words)
            if looks_personal and not any(w in _STOP | _INSTITUTIONAL for w in folded):
                kind = "person"
        for mention in touching:
            if (" " not in mention.surface.strip() and abs(mention.end - start) <= 1) or (
                abs(end - mention.start) <= 1 and " " not in mention.surface.strip()
            ):
                self.ambiguous.append(
                    {
                        "alias": mention.surface,
                        "actor": mention.actor,
                        "candidate": paragraph[min(start, mention.start) : max(end, mention.end)],
                        "source": source,
                    }
                )
        context = sentence.strip()
        self.occurrences.append(
            _Occurrence(text, source, index, start, kind, initial, headline, context, full)
        )


def _junk(group: _Group, scanner: _Scanner) -> bool:
    occurrences = group.occurrences
    if all(o.headline for o in occurrences):
        return True  # headline-only
    words = group.name.split()
    folded = fold(group.name)
    kinds = {o.kind for o in occurrences if o.kind}
    if _key(group.name) in scanner.known_keys:
        return True
    letters = re.sub(r"[^a-z]", "", folded)
    if len(words) == 1 and _is_acronym(group.name) and letters in scanner.known_initials:
        return True  # "U.S." for United States
    if len(words) == 1:
        stem = re.sub(r"s$", "", re.sub(r"[^a-z]", "", folded))
        if len(stem) >= 4 and any(w.startswith(stem) for w in scanner.known_words):
            return True  # "Turks", "Syrians": forms of known names
        if folded in _STOP | _MONTHS_DAYS | _TITLES:
            return True
        if all(o.initial for o in occurrences) and (
            len(occurrences) == 1 or scanner.common(group.name)
        ):
            return True
        if not kinds and len(occurrences) == 1 and folded.endswith(_COMMON_SUFFIXES):
            return True
        if not kinds and scanner.common(group.name):
            return True
    return False


def _kind(group: _Group) -> str:
    votes: dict[str, int] = {}
    for occurrence in group.occurrences:
        if occurrence.kind:
            votes[occurrence.kind] = votes.get(occurrence.kind, 0) + 1
    if not votes:
        return "unknown"
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _scan(corpus: Corpus, links: Links, vocabulary: Set[str] | None = None) -> _Scanner:
    scanner = _Scanner(corpus, links, vocabulary)
    scanner.scan()
    return scanner


def _group(scanner: _Scanner) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for occurrence in scanner.occurrences:
        key = _key(occurrence.text)
        group = groups.setdefault(key, _Group(occurrence.text))
        group.occurrences.append(occurrence)
        if occurrence.text not in group.variants:
            group.variants.append(occurrence.text)
    # Prefer the spelling seen most, then the first seen, as the name.
    for group in groups.values():
        counts = {v: sum(1 for o in group.occurrences if o.text == v) for v in group.variants}
        group.name = max(group.variants, key=lambda v: (counts[v], -group.variants.index(v)))
    return list(groups.values())


def _merge_variants(groups: list[_Group]) -> list[_Group]:
    """A shorter name that ends a longer one in the same source joins it ("Karlov")."""
    by_words = sorted(groups, key=lambda g: (-len(g.name.split()), _key(g.name)))
    merged: list[_Group] = []
    for group in by_words:
        key = _key(group.name)
        sources = {o.source for o in group.occurrences}
        host = next(
            (
                m
                for m in merged
                if len(m.name.split()) > len(group.name.split())
                and (" " + _key(m.name)).endswith(" " + key)
                and sources <= {o.source for o in m.occurrences}
            ),
            None,
        )
        if host is None:
            merged.append(group)
            continue
        host.occurrences.extend(group.occurrences)
        for variant in group.variants:
            if variant not in host.variants:
                host.variants.append(variant)
    return merged


def find_candidates(
    corpus: Corpus, links: Links, vocabulary: Set[str] | None = None
) -> tuple[list[CandidateActor], list[dict[str, str]]]:
    """Candidate actors and ambiguous mentions, from one scan of the sources."""
    scanner = _scan(corpus, links, vocabulary)
    actors = _candidate_actors(corpus, scanner)
    return actors, _ambiguous_mentions(scanner, actors)


def find_candidate_actors(corpus: Corpus, links: Links) -> list[CandidateActor]:
    return find_candidates(corpus, links)[0]


def find_ambiguous_mentions(corpus: Corpus, links: Links) -> list[dict[str, str]]:
    return find_candidates(corpus, links)[1]


def _candidate_actors(corpus: Corpus, scanner: _Scanner) -> list[CandidateActor]:
    groups = [g for g in _group(scanner) if not _junk(g, scanner)]
    groups = _merge_variants(groups)
    used_ids = set(corpus.actors)
    result: list[CandidateActor] = []
    for group in sorted(groups, key=lambda g: (-len(g.occurrences), g.name)):
        kind = _kind(group)
        aliases = [group.name, *(v for v in group.variants if _key(v) != _key(group.name))]
        if kind == "person" and len(group.name.split()) > 1:
            surname = group.name.split()[-1]
            if surname not in aliases and _key(surname) not in scanner.known_keys:
                aliases.append(surname)
        occurrences = sorted(group.occurrences, key=lambda o: (o.source, o.paragraph, o.start))
        contexts = [o for o in occurrences if o.full_sentence] or occurrences
        ident = slugify(group.name) or "candidate"
        base, n = ident, 2
        while ident in used_ids:
            ident, n = f"{base}-{n}", n + 1
        used_ids.add(ident)
        result.append(
            CandidateActor(
                name=group.name,
                kind=kind,
                aliases=tuple(_dedupe(aliases)),
                mentions=len(group.occurrences),
                sources=tuple(sorted({o.source for o in group.occurrences})),
                context=contexts[0].context,
                suggested_id=ident,
            )
        )
    result.sort(key=lambda c: (-c.mentions, c.name))
    return result


def _dedupe(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def _ambiguous_mentions(scanner: _Scanner, actors: list[CandidateActor]) -> list[dict[str, str]]:
    """Single-word known aliases that sit inside a longer unknown capitalised name.

    "Michel" (Charles Michel) in "Michel Barnier" is matched to the known actor by the link
    stage, but it is part of another name: worth a human look.
    """
    candidates = {_key(c.name) for c in actors}
    found: dict[tuple[str, str, str, str], dict[str, str]] = {}
    for item in scanner.ambiguous:
        rest = _key(item["candidate"]).replace(_key(item["alias"]), "").strip()
        if not rest or not any(rest in c or c in rest for c in candidates):
            continue
        found[(item["source"], item["alias"], item["actor"], item["candidate"])] = item
    return [found[k] for k in sorted(found)]
