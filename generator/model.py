"""The frozen model: what the corpus says, keyed by stable ids.

Source locations ride along on each object but stay out of equality, so two loads of the
same corpus compare equal wherever the files live.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.text.calendar import MONTH_NAMES

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


WHOLE_FILE = 0  # the line of a problem that concerns the file, not one line in it


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int  # from 1; WHOLE_FILE when no line is to blame

    def __str__(self) -> str:
        # `file:line` is the house form; a whole-file problem names the file alone, since a
        # line 0 reads as a real place to look (and editors jump to line 1 for it anyway).
        return f"{self.file}:{self.line}" if self.line > WHOLE_FILE else self.file


NOWHERE = Location("<unknown>", WHOLE_FILE)


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
    gender: str | None = None  # "female" or "male": whom "she"/"he" may stand for
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

    MONTHS = MONTH_NAMES

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


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class HistoryEntry:
    """What one build found changed in the corpus (corpus/history.yml), by corpus date."""

    date: dt.date
    sources_added: tuple[str, ...] = ()
    actors_added: tuple[str, ...] = ()
    actors_changed: tuple[str, ...] = ()
    events_added: tuple[str, ...] = ()
    events_changed: tuple[str, ...] = ()
    claims_added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()  # "actor x", "source y"...
    decisions: int = 0  # review decisions recorded since the build before
    briefing_changed: bool = False
    first: bool = False  # the first build recorded: the corpus as it then was

    def changes(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """(label, kind of record, ids) for each kind of change recorded."""
        found = (
            ("Sources added", "sources", self.sources_added),
            ("Actors added", "actors", self.actors_added),
            ("Actors changed", "actors", self.actors_changed),
            ("Events added", "events", self.events_added),
            ("Events changed", "events", self.events_changed),
            ("Contested claims added", "claims", self.claims_added),
        )
        return tuple(item for item in found if item[2])

    def summary(self) -> str:
        """One line: "6 sources added, 2 actors added, 8 review decisions"."""
        if self.first:
            return "the dossier as first recorded"
        parts = [
            f"{_counted(len(ids), label.lower().rsplit(' ', 1)[0][:-1])} {label.rsplit(' ', 1)[1]}"
            for label, _, ids in self.changes()
        ]
        parts += [f"{len(self.removed)} removed"] if self.removed else []
        parts += [_counted(self.decisions, "review decision")] if self.decisions else []
        parts += ["the summary rewritten"] if self.briefing_changed else []
        return ", ".join(parts) or "records changed"

    @property
    def anchor(self) -> str:
        """The heading's id on the What's new page ("29 November 2026")."""
        return f"{self.date.day}-{self.date:%B}-{self.date.year}".lower()


@dataclass(frozen=True)
class Corpus:
    """Everything curated, validated and keyed by id (dicts are in id order)."""

    briefing: Briefing
    actors: dict[str, Actor]
    events: dict[str, Event]
    sources: dict[str, Source]
    claims: dict[str, Claim] = field(default_factory=dict)
    history: tuple[HistoryEntry, ...] = ()  # newest first; read by the build, not validated

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
    via: str | None = None  # who passed the words on: "CNN quoted him as saying" -> CNN


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
