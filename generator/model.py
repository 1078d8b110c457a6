"""The frozen model: what the corpus says, keyed by stable ids.

Source locations ride along on each object but stay out of equality, so two loads of the
same corpus compare equal wherever the files live.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ACTOR_KINDS = ("person", "state", "organisation", "armed-group", "media", "place")
EVENT_KINDS = (
    "meeting",
    "phone-call",
    "strike",
    "attack",
    "agreement",
    "statement",
    "military-operation",
    "sanctions",
    "letter",
    "other",
)
PRECISIONS = ("day", "month", "year")
STANCES = ("asserts", "denies", "reports")
OWNERS = ("state", "public", "private")  # of a media outlet


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


NOWHERE = Location("<unknown>", 0)


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    description: str
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    loc: Location = field(default=NOWHERE, compare=False, repr=False)
    # The actor this one is a metonym or an organ of (the Kremlin, Moscow-as-government for
    # Russia): it keeps its own page, but counts as that actor in the network picture.
    stands_for: str | None = None
    # Media only: who owns the outlet ("state", "public" or "private") and its country.
    owner: str | None = None
    country: str | None = None

    @property
    def all_names(self) -> tuple[str, ...]:
        """The canonical name first, then every alias not equal to it."""
        return (self.name, *(a for a in self.aliases if a != self.name))


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A date known to a given precision: 2020-03-05 (day), 2020-03 (month) or 2020 (year)."""

    start: dt.date
    precision: str

    MONTHS = (
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    )  # fmt: skip

    @property
    def iso(self) -> str:
        if self.precision == "year":
            return f"{self.start.year:04d}"
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()

    @property
    def display(self) -> str:
        month = self.MONTHS[self.start.month - 1]
        if self.precision == "year":
            return str(self.start.year)
        if self.precision == "month":
            return f"{month} {self.start.year}"
        return f"{self.start.day} {month} {self.start.year}"


@dataclass(frozen=True)
class Participant:
    actor: str
    role: str | None = None


@dataclass(frozen=True)
class Evidence:
    source: str
    text: str
    loc: Location = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    date: FuzzyDate
    kind: str
    participants: tuple[Participant, ...]
    evidence: tuple[Evidence, ...]
    place: str | None = None
    summary: str | None = None
    loc: Location = field(default=NOWHERE, compare=False, repr=False)
    related: tuple[str, ...] = ()  # other events it leads to, answers or belongs with

    @property
    def sort_key(self) -> tuple[dt.date, int, str]:
        return (self.date.start, PRECISIONS.index(self.date.precision), self.id)


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    outlet: str
    published: dt.date | None
    language: str
    paragraphs: tuple[str, ...]
    url: str | None = None
    translated_from: str | None = None
    original: str | None = None
    notes: str | None = None
    added: dt.date | None = None  # when `add` took it in
    loc: Location = field(default=NOWHERE, compare=False, repr=False)
    # a hash of the file it came from, which determines every field: a cheap cache key
    file_digest: str = field(default="", compare=False, repr=False)

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        return (self.published or dt.date.min, self.id)

    def paragraph_of(self, text: str) -> int:
        """The first paragraph holding text verbatim (validate checks that one does)."""
        return next(i for i, paragraph in enumerate(self.paragraphs) if text in paragraph)


@dataclass(frozen=True)
class Phase:
    """A stretch of the story as the analyst tells it: title, dates (inclusive), summary."""

    title: str
    start: dt.date
    end: dt.date
    summary: str = ""


@dataclass(frozen=True)
class Briefing:
    title: str
    scope: str
    summary: tuple[str, ...]
    key_questions: tuple[str, ...] = ()
    # Prose may hold references such as [[event:moscow-talks]] or [[actor:putin|the
    # Russian president]] (validated; rendered as links). answers[i]: the "event:..." and
    # "claim:..." references that answer key_questions[i].
    answers: tuple[tuple[str, ...], ...] = ()
    phases: tuple[Phase, ...] = ()


@dataclass(frozen=True)
class Stance:
    """What one source says about a claim, who says it, and the sentence that shows it."""

    source: str
    stance: str
    text: str
    by: str | None = None
    via: str | None = None
    loc: Location = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Claim:
    """Something the sources disagree about, tied to the event it belongs to."""

    id: str
    claim: str
    event: str
    stances: tuple[Stance, ...]
    loc: Location = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Corpus:
    """Everything curated, validated and keyed by id (dicts are in id order)."""

    briefing: Briefing
    actors: dict[str, Actor]
    events: dict[str, Event]
    sources: dict[str, Source]
    claims: dict[str, Claim] = field(default_factory=dict)

    @property
    def newest_published(self) -> dt.date | None:
        return max((s.published for s in self.sources.values() if s.published), default=None)


@dataclass(frozen=True)
class Mention:
    """One occurrence of a known actor in a source paragraph."""

    actor: str
    source: str
    paragraph: int
    sentence: int
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class SourceMention:
    """How one source names one actor: how often, and the first sentence that does."""

    actor: str
    source: str
    count: int
    paragraph: int
    context: str


@dataclass(frozen=True)
class Quote:
    """A direct quotation, with its speaker where a rule can tell it."""

    source: str
    paragraph: int
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_name: str | None
    rule: str | None


@dataclass(frozen=True)
class EvidenceAnchor:
    """Where an event's evidence sentence sits: which paragraph of which source."""

    event: str
    source: str
    paragraph: int
    text: str


@dataclass(frozen=True)
class Links:
    """What the link stage found in the text."""

    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    evidence: tuple[EvidenceAnchor, ...]
    sentences: dict[tuple[str, int], tuple[tuple[int, int], ...]]
