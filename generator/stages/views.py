"""View-models: everything a page template prints, resolved in Python.

A template receives one frozen dataclass (`view`) and only loops and prints: titles, outlets,
dates and links are already looked up here, hrefs are already relative to the page. So a
keyed page's key is the digest of its view (see `page_key`): nothing a template can read
escapes the key. A part of a view that is costly to build (a source's linked text, a month of
an actor's archive) is `Deferred`: it stands in the key for the cache key of everything it is
built from, and is built only when the page is drawn.

Strings named `*_md` are Markdown already (escaped here); every other string is untrusted text
that templates pass through `|md`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, NamedTuple, TypeVar

from generator.cache import digest
from generator.model import (
    ACTOR_KINDS,
    Actor,
    Claim,
    Corpus,
    Event,
    EvidenceAnchor,
    FuzzyDate,
    HistoryEntry,
    Mention,
    Phase,
    Quote,
    Source,
    SourceMention,
    Stance,
)
from generator.review.history import summary_note
from generator.stages.analyse import (
    ActorProfile,
    Analysis,
    EventProfile,
    PhaseProfile,
    first_per_paragraph,
)
from generator.stages.validate import REFERENCE
from generator.text.calendar import MONTH_NAMES
from generator.text.folding import fold
from generator.text.markdown_safe import md_text
from generator.text.numbers import NumberConflict
from generator.urls import (
    actor_path,
    archive_path,
    event_path,
    phase_path,
    relative_url,
    source_path,
)

T = TypeVar("T")

KIND_LABELS = {
    "person": "People",
    "state": "States",
    "organisation": "Organisations",
    "armed-group": "Armed groups",
    "media": "Media",
    "place": "Places",
}
OWNER_WORDS = {"state": "state media", "public": "public broadcaster", "private": "private"}
Sections = tuple[tuple[str, str], ...]  # (anchor, label) of an in-page table of contents


class Link(NamedTuple):
    """A link as a page prints it: untrusted words (through |md) and a relative href.
    (A named tuple: views hold thousands, and a page key hashes their repr.)"""

    label: str
    href: str


Link.__repr__ = tuple.__repr__  # type: ignore[method-assign]  # in C: keys hash thousands


@dataclass(frozen=True)
class Deferred(Generic[T]):
    """Part of a view built only when the page is drawn. `key` hashes everything `make`
    reads beyond the view's other fields (a cache key): the view's digest holds the key,
    not the value."""

    key: str
    make: Callable[[], T] = field(repr=False, compare=False)

    @cached_property
    def value(self) -> T:
        return self.make()


def page_key(code: str, view: object) -> str:
    """A keyed page's key: the generator's code (templates included) and its view."""
    return digest(code, view)


def kind_words(kind: str) -> str:
    """An actor or event kind as words: 'armed-group' -> 'armed group'."""
    return kind.replace("-", " ")


def published_label(source: Source) -> str:
    return source.published.isoformat() if source.published else "date unknown"


def day_label(day: dt.date) -> str:
    """'27 June 2016' (month names from the calendar, their one owner)."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def phase_dates(phase: Phase) -> str:
    """'27 June 2016 – 30 November 2019'."""
    return " – ".join(day_label(day) for day in (phase.start, phase.end))


def plain_references(text: str, corpus: Corpus) -> str:
    """Briefing prose as plain text: each [[kind:id|words]] reference as its words (or the
    name of what it references)."""

    def words(match: re.Match[str]) -> str:
        kind, ident, said = match.group(1), match.group(2).strip(), match.group(3)
        if said:
            return said.strip()
        if kind == "event":
            return corpus.events[ident].title
        return corpus.actors[ident].name if kind == "actor" else corpus.claims[ident].claim

    return REFERENCE.sub(words, text)


def linked_text(text: str, corpus: Corpus, url: Callable[[str], str]) -> str:
    """Briefing prose as Markdown: the text escaped, each [[kind:id|words]] reference a link
    (to the event, the actor, or the claim on the claims page; validate checked they exist)."""
    out, position = [], 0
    for match in REFERENCE.finditer(text):
        kind, ident, words = match.group(1), match.group(2).strip(), match.group(3)
        out.append(md_text(text[position : match.start()]))
        if kind == "event":
            name, target = corpus.events[ident].title, url(event_path(ident))
        elif kind == "actor":
            name, target = corpus.actors[ident].name, url(actor_path(ident))
        else:
            name, target = corpus.claims[ident].claim, url("claims.md") + f"#claim-{ident}"
        out.append(f"[{md_text(words.strip() if words else name)}]({target})")
        position = match.end()
    out.append(md_text(text[position:]))
    return "".join(out)


def outlet_profiles(corpus: Corpus) -> dict[str, Actor]:
    """Media actors by each of their names, folded: how a source's outlet finds its profile."""
    return {
        fold(name): actor
        for actor in corpus.actors.values()
        if actor.kind == "media"
        for name in actor.all_names
    }


def outlet_text(name: str, profiles: dict[str, Actor], url: Callable[[str], str]) -> str:
    """An outlet's name with its profile where the dossier has one: "Sputnik (state media,
    Russia)", linked to its page."""
    actor = profiles.get(fold(name))
    if actor is None:
        return md_text(name)
    facts = [OWNER_WORDS[actor.owner]] if actor.owner else []
    facts += [actor.country] if actor.country else []
    detail = f" ({md_text(', '.join(facts))})" if facts else ""
    return f"[{md_text(name)}]({url(actor_path(actor.id))}){detail}"


def sections(*candidates: tuple[str, str, object]) -> Sections:
    """The in-page contents: each (anchor, label) whose section has something to show."""
    return tuple((anchor, label) for anchor, label, shown in candidates if shown)


class Here:
    """Links and lookups from one page: what every view builder resolves names with."""

    def __init__(
        self,
        analysis: Analysis,
        path: str,
        outlets: dict[str, Actor],
        shared: dict[tuple[str, str], Link] | None = None,
    ) -> None:
        self.analysis = analysis
        self.corpus = analysis.corpus
        self.path = path
        self.outlets = outlets
        # Links to pages, by the folder they are seen from: pages of one folder (a thousand
        # source pages) share them. Links are immutable, so sharing changes no output.
        self.folder = path.rpartition("/")[0]
        self.links = {} if shared is None else shared

    def url(self, target: str) -> str:
        return relative_url(self.path, target)

    def _link(self, label: str, target: str) -> Link:
        found = self.links.get((self.folder, target))
        if found is None or found.label != label:
            found = self.links[(self.folder, target)] = Link(label, self.url(target))
        return found

    def actor(self, actor_id: str) -> Link:
        return self._link(self.corpus.actors[actor_id].name, actor_path(actor_id))

    def event(self, event_id: str) -> Link:
        return self._link(self.corpus.events[event_id].title, event_path(event_id))

    def source(self, source_id: str) -> Link:
        return self._link(self.corpus.sources[source_id].title, source_path(source_id))

    def para(self, source_id: str, index: int) -> Link:
        """¶n of a source, linked to its paragraph."""
        return Link(f"¶{index + 1}", f"{self.url(source_path(source_id))}#p{index + 1}")

    def linked(self, text: str) -> str:
        """Briefing prose as Markdown, its references links (escaped: a `*_md` value)."""
        return linked_text(text, self.corpus, self.url)

    def outlet(self, name: str) -> str:
        """An outlet with its profile, as Markdown (a `*_md` value)."""
        return outlet_text(name, self.outlets, self.url)

    def plain(self, text: str) -> str:
        return plain_references(text, self.corpus)

    def contested(self, event_id: str) -> bool:
        return event_id in self.analysis.claims_by_event or event_id in self.analysis.conflicts


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A quotation with where it was found."""

    text: str
    source: Link
    para: Link


def quote_row(here: Here, quote: Quote) -> QuoteRow:
    return QuoteRow(quote.text, here.source(quote.source), here.para(quote.source, quote.paragraph))


@dataclass(frozen=True, slots=True)
class DatedLink:
    """An event (or another dated thing) as a link with its date's words."""

    date: str
    link: Link


def dated_event(here: Here, event_id: str) -> DatedLink:
    return DatedLink(here.corpus.events[event_id].date.display, here.event(event_id))


# ---- source pages ----


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of paragraph text, linked to an actor or not."""

    text: str
    actor: str | None = None


@dataclass(frozen=True, slots=True)
class Run:
    """A run of paragraph text as a page prints it: linked (href) or not."""

    text: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class DateRow:
    text: str
    means: str
    where: Link


@dataclass(frozen=True, slots=True)
class SpeakerQuote:
    """A quotation on its source's page: who said it (a link, a name not in the dossier, or
    neither) and its paragraph."""

    speaker: Link | None
    speaker_name: str | None
    text: str
    where: Link


@dataclass(frozen=True)
class SourceText:
    """A source's text, each mention linked once per paragraph, and its dates."""

    sections: Sections
    paragraphs: tuple[tuple[Run, ...], ...]
    dates: tuple[DateRow, ...]


@dataclass(frozen=True)
class SourcePageView:
    title: str
    description: str
    outlet: str
    outlet_md: str
    published: str
    published_known: bool
    language: str
    translated_from: str | None
    url: str | None
    notes: str | None
    actor_count: int
    event_count: int
    events: tuple[DatedLink, ...]
    quotes: tuple[SpeakerQuote, ...]
    actors: tuple[tuple[Link, int], ...]
    text: Deferred[SourceText]


def paragraph_segments(source: Source, links: list[list[Mention]]) -> list[list[Segment]]:
    result = []
    for text, mentions in zip(source.paragraphs, links, strict=True):
        segments: list[Segment] = []
        position = 0
        for m in mentions:
            if m.start > position:
                segments.append(Segment(text[position : m.start]))
            segments.append(Segment(text[m.start : m.end], m.actor))
            position = m.end
        if position < len(text):
            segments.append(Segment(text[position:]))
        result.append(segments)
    return result


def source_view(here: Here, source: Source) -> SourcePageView:
    """A source page: its facts, events, quotations and actors; its linked text and dates
    deferred (keyed by the source's link key: its file and the actors)."""
    analysis = here.analysis
    profile = analysis.sources[source.id]
    published = published_label(source)
    first = source.paragraphs[0] if source.paragraphs else ""
    quotes = tuple(
        SpeakerQuote(
            here.actor(q.speaker) if q.speaker else None,
            q.speaker_name,
            q.text,
            here.para(source.id, q.paragraph),
        )
        for q in profile.quotes
    )

    def text() -> SourceText:
        mentions = analysis.linked.source_links(source.id).mentions
        dates = tuple(
            DateRow(d.text, d.display, here.para(source.id, index))
            for index, d in analysis.linked.dates(source.id)
        )
        paragraphs = tuple(
            tuple(Run(s.text, here.url(actor_path(s.actor)) if s.actor else None) for s in runs)
            for runs in paragraph_segments(source, first_per_paragraph(source, mentions))
        )
        contents = sections(
            ("text", "Text", True),
            ("events-in-this-source", "Events", profile.events),
            ("dates-in-this-text", "Dates", dates),
            ("quotes", "Quotes", profile.quotes),
            ("actors", "Actors", profile.actors),
        )
        return SourceText(contents, paragraphs, dates)

    return SourcePageView(
        title=source.title,
        description=here.plain(f"{source.outlet}, {published}: {source.title}. {first}"),
        outlet=source.outlet,
        outlet_md=here.outlet(source.outlet),
        published=published,
        published_known=source.published is not None,
        language=source.language,
        translated_from=source.translated_from,
        url=source.url,
        notes=source.notes,
        actor_count=len(profile.actors),
        event_count=len(profile.events),
        events=tuple(dated_event(here, e) for e in profile.events),
        quotes=quotes,
        actors=tuple((here.actor(a), n) for a, n in profile.actors),
        text=Deferred(analysis.linked.keys[source.id], text),
    )


# ---- actor pages ----


@dataclass(frozen=True, slots=True)
class Infobox:
    """A person's facts at a glance (each None when unknown)."""

    office: str | None
    state: Link | None
    first_event: DatedLink | None
    latest_event: DatedLink | None
    in_sources: str | None  # "3 sources, 2019-01-02 to 2019-03-04"


@dataclass(frozen=True, slots=True)
class ActorEventRow:
    event: DatedLink
    kind: str
    role: str | None  # None: the actor is the event's place, not a participant


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A source naming an actor: how often, and its first sentence that does."""

    source: Link
    outlet: str
    published: str
    count: int
    para: Link
    context: str


@dataclass(frozen=True)
class ActorPageView:
    name: str
    description: str  # the meta description, plain
    about: str  # the curator's description (may be empty)
    kind: str  # in words: "armed group"
    kind_label: str  # the tag: "Armed groups"
    affiliation: Link | None
    infobox: Infobox | None  # people only
    aliases: tuple[str, ...]  # other than the name
    roles: tuple[str, ...]
    affiliated: tuple[Link, ...]
    sections: Sections
    mentions: int
    source_total: int
    event_count: int
    picture: str | None
    events: tuple[ActorEventRow, ...]
    latest: int
    archive_href: str
    quote_total: int
    quotes: tuple[QuoteRow, ...]  # the latest
    related: tuple[tuple[Link, str, int], ...]  # (actor, kind, sentences together)
    sources: tuple[SourceRow, ...]  # the latest


@dataclass(frozen=True)
class ActorFacts:
    """What an actor page shows beyond the actor and its profile, found across the corpus."""

    state: str | None  # the state it belongs to
    affiliated: tuple[str, ...]  # actors affiliated with it
    published: tuple[str, str] | None  # its sources' first and last publication dates
    picture: str | None


def actor_view(
    here: Here, actor: Actor, profile: ActorProfile, facts: ActorFacts, latest: int, related: int
) -> ActorPageView:
    """An actor page: facts, events, the latest quotes and sources, the closest actors."""
    corpus = here.corpus
    kind = kind_words(actor.kind)
    events = tuple(
        ActorEventRow(
            dated_event(here, e),
            kind_words(corpus.events[e].kind),
            role_in(corpus.events[e], actor.id),
        )
        for e in profile.events
    )
    return ActorPageView(
        name=actor.name,
        description=here.plain(actor.description or f"{actor.name}: {kind} in the dossier"),
        about=actor.description,
        kind=kind,
        kind_label=KIND_LABELS[actor.kind],
        affiliation=here.actor(actor.affiliation) if actor.affiliation else None,
        infobox=infobox(here, actor, profile, facts) if actor.kind == "person" else None,
        aliases=tuple(a for a in actor.aliases if a != actor.name)
        if len(actor.aliases) > 1
        else (),
        roles=actor.roles,
        affiliated=tuple(here.actor(a) for a in facts.affiliated),
        sections=sections(
            ("events", "Events", profile.events),
            ("quotes", "Quotes", profile.quotes),
            ("related-actors", "Related actors", profile.related),
            ("sources", "Sources", profile.sources),
        ),
        mentions=profile.mentions,
        source_total=len(profile.sources),
        event_count=len(profile.events),
        picture=facts.picture,
        events=events,
        latest=latest,
        archive_href=here.url(archive_path(actor.id)),
        quote_total=len(profile.quotes),
        quotes=tuple(quote_row(here, q) for q in profile.quotes[:latest]),
        related=tuple(
            (here.actor(other), kind_words(corpus.actors[other].kind), count)
            for other, count in profile.related[:related]
        ),
        sources=tuple(source_row(here, ref) for ref in profile.sources[:latest]),
    )


def role_in(event: Event, actor_id: str) -> str | None:
    """An actor's role in an event ("participant" if none is said); None if it is only
    the event's place."""
    return next((p.role or "participant" for p in event.participants if p.actor == actor_id), None)


def infobox(here: Here, actor: Actor, profile: ActorProfile, facts: ActorFacts) -> Infobox:
    first = dated_event(here, profile.events[0]) if profile.events else None
    last = profile.events[-1] if profile.events else None
    in_sources = None
    if facts.published:
        count, (start, end) = len(profile.sources), facts.published
        span = start if start == end else f"{start} to {end}"
        in_sources = f"{count} source{'s' if count != 1 else ''}, {span}"
    return Infobox(
        office=actor.roles[0] if actor.roles else None,
        state=here.actor(facts.state) if facts.state else None,
        first_event=first,
        latest_event=dated_event(here, last) if last and last != profile.events[0] else None,
        in_sources=in_sources,
    )


def source_row(here: Here, ref: SourceMention) -> SourceRow:
    source = here.corpus.sources[ref.source]
    return SourceRow(
        here.source(source.id),
        source.outlet,
        published_label(source),
        ref.count,
        here.para(source.id, ref.paragraph),
        ref.context,
    )


# ---- actor archives: an index of years, a page per year, a block per month ----


@dataclass(frozen=True, slots=True)
class YearEntry:
    label: str  # "2019", or "Date unknown"
    counted: str  # "3 sources, 1 quotation"
    href: str


@dataclass(frozen=True)
class ArchiveView:
    name: str
    description: str
    actor_href: str
    source_total: int
    quote_total: int
    years: tuple[YearEntry, ...]


@dataclass(frozen=True)
class MonthView:
    """A month of an actor's archive: the sources naming it, then its quotations."""

    sources: tuple[SourceRow, ...]
    quotes: tuple[QuoteRow, ...]


@dataclass(frozen=True)
class ArchiveYearView:
    name: str
    year_label: str
    archive_href: str
    actor_href: str
    months: tuple[tuple[str, Deferred[str]], ...]  # (label, the month's block as Markdown)


def month_view(here: Here, refs: list[SourceMention], quotes: list[Quote]) -> MonthView:
    return MonthView(
        tuple(source_row(here, ref) for ref in refs), tuple(quote_row(here, q) for q in quotes)
    )


# ---- key evidence ----


KEY_EVIDENCE = 3
_SENTENCE_END = (".", "!", "?", '"', "'", "”", "’", ")")


@dataclass(frozen=True)
class EvidenceView:
    key: tuple[EvidenceAnchor, ...]
    rest: tuple[EvidenceAnchor, ...]
    fragment_set: frozenset[EvidenceAnchor]

    @property
    def fragments(self) -> int:
        return len(self.fragment_set)


def is_fragment(text: str) -> bool:
    """A live blog's headline or a photo caption: no sentence-ending punctuation."""
    return not text.rstrip().endswith(_SENTENCE_END)


def key_evidence(anchors: tuple[EvidenceAnchor, ...]) -> EvidenceView:
    """The first whole sentence the curator cites from each source, up to three; the rest
    (headlines and captions among them) after."""
    fragments = frozenset(a for a in anchors if is_fragment(a.text))
    key: list[EvidenceAnchor] = []
    for anchor in anchors:
        if anchor not in fragments and all(k.source != anchor.source for k in key):
            key.append(anchor)
        if len(key) == KEY_EVIDENCE:
            break
    rest = tuple(a for a in anchors if a not in key)
    return EvidenceView(tuple(key), rest, fragments)


# ---- claims (on the claims page and on their events' pages) ----


@dataclass(frozen=True, slots=True)
class StanceView:
    """One source's stance on a claim: who says it (or the outlet), where, and the words."""

    by: Link | None
    via: Link | None
    outlet_md: str
    published: str
    paragraph: int  # 1-based
    href: str  # the source page
    text: str


@dataclass(frozen=True)
class ClaimPanel:
    id: str
    claim: str
    asserts: tuple[StanceView, ...]
    denies: tuple[StanceView, ...]
    reports: tuple[StanceView, ...]


@dataclass(frozen=True, slots=True)
class FigureRow:
    text: str
    source: Link
    sentence: str


@dataclass(frozen=True)
class ConflictView:
    """Numbers that differ: what is counted, and each source's figure."""

    subject: str
    figures: tuple[FigureRow, ...]


def claim_panel(here: Here, claim: Claim) -> ClaimPanel:
    def stances(kind: str) -> tuple[StanceView, ...]:
        return tuple(stance_view(here, s) for s in claim.stances if s.stance == kind)

    return ClaimPanel(claim.id, claim.claim, stances("asserts"), stances("denies"),
                      stances("reports"))  # fmt: skip


def stance_view(here: Here, stance: Stance) -> StanceView:
    source = here.corpus.sources[stance.source]
    return StanceView(
        by=here.actor(stance.by) if stance.by else None,
        via=here.actor(stance.via) if stance.via else None,
        outlet_md=here.outlet(source.outlet),
        published=published_label(source),
        paragraph=here.analysis.claim_paragraphs[(stance.source, stance.text)] + 1,
        href=here.url(source_path(source.id)),
        text=stance.text,
    )


def conflict_view(here: Here, conflict: NumberConflict) -> ConflictView:
    return ConflictView(
        conflict.subject,
        tuple(FigureRow(f.text, here.source(f.source), f.sentence) for f in conflict.figures),
    )


@dataclass(frozen=True)
class ClaimsView:
    """The claims page: contested claims by event, then numbers that differ by event."""

    claims: tuple[tuple[DatedLink, tuple[ClaimPanel, ...]], ...]
    conflicts: tuple[tuple[Link, tuple[ConflictView, ...]], ...]


def claims_view(here: Here) -> ClaimsView:
    analysis = here.analysis
    return ClaimsView(
        claims=tuple(
            (dated_event(here, event_id), tuple(claim_panel(here, c) for c in contested))
            for event_id, contested in analysis.claims_by_event.items()
        ),
        conflicts=tuple(
            (here.event(event_id), tuple(conflict_view(here, c) for c in counts))
            for event_id, counts in analysis.conflicts.items()
        ),
    )


# ---- event pages ----


@dataclass(frozen=True, slots=True)
class Cite:
    """Where a sentence is from: '[Outlet, 2019-01-02, ¶3](href#p3)'."""

    outlet: str
    published: str
    paragraph: int  # 1-based
    href: str  # the source page


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    text: str
    cite: Cite
    fragment: bool  # a headline or a caption, not a sentence


@dataclass(frozen=True)
class EventPageView:
    title: str
    description: str
    kind: str  # in words
    date: str
    precision: str | None  # None when known to the day
    place: Link | None
    summary: str | None
    sections: Sections
    participants: tuple[tuple[Link, str | None], ...]  # (actor, role)
    claims_href: str
    claims: tuple[ClaimPanel, ...]
    conflicts: tuple[ConflictView, ...]
    key_evidence: tuple[EvidenceRow, ...]  # whole sentences first, one per source
    more_evidence: tuple[EvidenceRow, ...]
    fragments: int
    sources: tuple[tuple[Link, str], ...]  # (source, outlet)
    related: tuple[DatedLink, ...]
    before: DatedLink | None
    after: DatedLink | None
    timeline_href: str


def evidence_row(here: Here, anchor: EvidenceAnchor, fragment: bool) -> EvidenceRow:
    source = here.corpus.sources[anchor.source]
    cite = Cite(source.outlet, published_label(source), anchor.paragraph + 1,
                here.url(source_path(source.id)))  # fmt: skip
    return EvidenceRow(anchor.text, cite, fragment)


def event_view(
    here: Here, event: Event, profile: EventProfile, evidence: EvidenceView
) -> EventPageView:
    analysis = here.analysis
    contested = analysis.claims_by_event.get(event.id, ())
    counts = analysis.conflicts.get(event.id, ())
    fragments = evidence.fragment_set
    return EventPageView(
        title=event.title,
        description=here.plain(f"{event.date.display}: {event.summary or event.title}"),
        kind=kind_words(event.kind),
        date=event.date.display,
        precision=None if event.date.precision == "day" else event.date.precision,
        place=here.actor(event.place) if event.place else None,
        summary=event.summary,
        sections=sections(
            ("participants", "Participants", event.participants),
            ("contested", "Contested", contested or counts),
            ("what-the-sources-say", "What the sources say", profile.sources),
            ("related-events", "Related events", event.related),
            ("before-and-after", "Before and after", True),
        ),
        participants=tuple((here.actor(p.actor), p.role) for p in event.participants),
        claims_href=here.url("claims.md"),
        claims=tuple(claim_panel(here, c) for c in contested),
        conflicts=tuple(conflict_view(here, c) for c in counts),
        key_evidence=tuple(evidence_row(here, a, a in fragments) for a in evidence.key),
        more_evidence=tuple(evidence_row(here, a, a in fragments) for a in evidence.rest),
        fragments=evidence.fragments,
        sources=tuple((here.source(s), here.corpus.sources[s].outlet) for s in profile.sources),
        related=tuple(dated_event(here, e) for e in event.related),
        before=dated_event(here, profile.before) if profile.before else None,
        after=dated_event(here, profile.after) if profile.after else None,
        timeline_href=here.url("timeline.md"),
    )


# ---- phase pages ----


@dataclass(frozen=True, slots=True)
class PhaseEvent:
    event: DatedLink
    contested: bool
    summary: str | None


@dataclass(frozen=True)
class PhasePageView:
    title: str
    description: str
    number: int
    total: int  # phases in the briefing
    dates: str
    event_count: int
    source_total: int
    summary_md: str | None  # the analyst's summary, its references linked
    events: tuple[PhaseEvent, ...]
    actors: tuple[tuple[Link, int], ...]  # who took part most, with their events
    claims: tuple[Link, ...]
    latest: int
    sources: tuple[Link, ...]  # the newest
    sources_href: str
    previous: Link | None
    following: Link | None


def phase_view(here: Here, index: int, latest: int) -> PhasePageView:
    """A phase page: its events, who took part, its contested claims, its newest sources,
    and links to the phases before and after it."""
    phases = here.analysis.phases
    profile, phase = phases[index], phases[index].phase
    dates = phase_dates(phase)

    def neighbour(at: int) -> Link | None:
        if not 0 <= at < len(phases):
            return None
        return Link(phases[at].phase.title, here.url(phase_path(phases[at])))

    return PhasePageView(
        title=phase.title,
        description=here.plain(
            f"Phase {profile.number} of the briefing, {dates}: {phase.summary or phase.title}"
        ),
        number=profile.number,
        total=len(phases),
        dates=dates,
        event_count=len(profile.events),
        source_total=len(profile.sources),
        summary_md=here.linked(phase.summary) if phase.summary else None,
        events=tuple(
            PhaseEvent(dated_event(here, e), here.contested(e), here.corpus.events[e].summary)
            for e in profile.events
        ),
        actors=tuple((here.actor(a), count) for a, count in profile.actors[:12]),
        claims=tuple(
            Link(here.corpus.claims[c].claim, f"{here.url('claims.md')}#claim-{c}")
            for c in profile.claims
        ),
        latest=latest,
        sources=tuple(here.source(s) for s in profile.sources[:latest]),
        sources_href=here.url("sources/index.md"),
        previous=neighbour(index - 1),
        following=neighbour(index + 1),
    )


# ---- indexes: actors, events, the timeline, the network ----


@dataclass(frozen=True, slots=True)
class ActorRow:
    actor: Link
    description: str
    mentions: int
    events: int


@dataclass(frozen=True)
class ActorsIndexView:
    count: int
    description: str
    groups: tuple[tuple[str, tuple[ActorRow, ...]], ...]  # (kind label, most mentioned first)


def actors_index_view(here: Here) -> ActorsIndexView:
    analysis, actors = here.analysis, here.corpus.actors
    groups = []
    for kind in ACTOR_KINDS:
        members = sorted(
            (a for a in actors.values() if a.kind == kind),
            key=lambda a: (-analysis.actors[a.id].mentions, a.name),
        )
        rows = tuple(
            ActorRow(
                here.actor(a.id),
                a.description,
                analysis.actors[a.id].mentions,
                len(analysis.actors[a.id].events),
            )
            for a in members
        )
        if rows:
            groups.append((KIND_LABELS[kind], rows))
    return ActorsIndexView(
        count=len(actors),
        description=here.plain(
            f"The {len(actors)} people, states, organisations, armed groups, media and places"
            " of the dossier, by kind"
        ),
        groups=tuple(groups),
    )


@dataclass(frozen=True, slots=True)
class EventRow:
    event: DatedLink
    contested: bool  # its link's href + "#contested" is where the page says how
    kind: str
    place: Link | None
    sources: int


def event_row(here: Here, event_id: str) -> EventRow:
    event = here.corpus.events[event_id]
    return EventRow(
        dated_event(here, event_id),
        here.contested(event_id),
        kind_words(event.kind),
        here.actor(event.place) if event.place else None,
        len(here.analysis.events[event_id].sources),
    )


@dataclass(frozen=True)
class EventsIndexView:
    count: int
    description: str
    timeline_href: str
    events: tuple[EventRow, ...]  # in chronological order


def events_index_view(here: Here) -> EventsIndexView:
    count = len(here.corpus.events)
    return EventsIndexView(
        count=count,
        description=here.plain(
            f"The {count} dated events of the dossier, oldest first, with their kind, place"
            " and sources"
        ),
        timeline_href=here.url("timeline.md"),
        events=tuple(event_row(here, e) for e in here.analysis.chronology),
    )


@dataclass(frozen=True)
class TimelineView:
    description: str
    picture: str
    # by year, then by month ("" for events known only to the year)
    years: tuple[tuple[int, tuple[tuple[str, tuple[EventRow, ...]], ...]], ...]


def timeline_view(here: Here, picture: str) -> TimelineView:
    years: dict[int, dict[str, list[EventRow]]] = defaultdict(lambda: defaultdict(list))
    for event_id in here.analysis.chronology:
        date = here.corpus.events[event_id].date
        month = "" if date.precision == "year" else date.MONTHS[date.start.month - 1]
        years[date.start.year][month].append(event_row(here, event_id))
    return TimelineView(
        description=here.plain(
            "Every event of the dossier on a time line, oldest first: " + here.corpus.briefing.title
        ),
        picture=picture,
        years=tuple(
            (year, tuple((month, tuple(rows)) for month, rows in months.items()))
            for year, months in sorted(years.items())
        ),
    )


@dataclass(frozen=True, slots=True)
class RelationRow:
    a: Link
    b: Link
    words: str  # what they did, by tone: "met (2×), struck (hostile)"
    events: tuple[Link, ...]


@dataclass(frozen=True)
class NetworkView:
    picture: str
    everyone: str  # the picture with every actor
    relations: tuple[RelationRow, ...]


# ---- the home page ----


@dataclass(frozen=True, slots=True)
class SourceLine:
    """'[Title](…) — Outlet, 2019-01-02'."""

    source: Link
    outlet: str
    published: str


def source_line(here: Here, source: Source) -> SourceLine:
    return SourceLine(here.source(source.id), source.outlet, published_label(source))


@dataclass(frozen=True, slots=True)
class Question:
    question_md: str
    answers_md: tuple[str, ...]  # each a linked reference


@dataclass(frozen=True)
class HomePhase:
    link: Link
    dates: str
    summary_md: str | None
    events: tuple[tuple[DatedLink, bool], ...]  # (event, contested)


@dataclass(frozen=True, slots=True)
class Figures:
    sources: int
    outlets: int
    actors: int
    events: int
    quotes: int
    attributed: int  # quotes with a speaker
    span: str | None  # the events' first and last dates: "2016 – 5 March 2020"
    published: str | None  # the sources' first and last publication days


@dataclass(frozen=True, slots=True)
class Hrefs:
    """The home page's links to the other overviews and the feeds."""

    sources: str
    actors: str
    events: str
    timeline: str
    whats_new: str
    whats_new_feed: str
    feed: str
    calendar: str
    data: str


@dataclass(frozen=True, slots=True)
class SummaryNoteView:
    """The analyst's summary predates some sources: its date, how many came after."""

    since: str
    newer: int


@dataclass(frozen=True, slots=True)
class LatestChange:
    date: str
    summary: str  # "6 sources added, 2 actors added"


@dataclass(frozen=True)
class HomeView:
    title: str
    description: str
    scope_md: str | None
    figures: Figures
    summary_note: SummaryNoteView | None
    summary_md: tuple[str, ...]
    questions: tuple[Question, ...]
    phases: tuple[HomePhase, ...]
    latest_change: LatestChange | None
    picture: str
    latest_events: tuple[tuple[DatedLink, str], ...]  # (event, kind), newest first
    top_actors: tuple[tuple[Link, str, int, int], ...]  # (actor, kind, mentions, sources)
    recently_added: tuple[tuple[str, SourceLine], ...]  # (added, source)
    latest_sources: tuple[SourceLine, ...]
    hrefs: Hrefs


def home_view(here: Here, picture: str, latest: int = 8) -> HomeView:
    analysis, corpus = here.analysis, here.corpus
    briefing = corpus.briefing
    sources = sorted(corpus.sources.values(), key=lambda s: s.sort_key, reverse=True)
    added = sorted((s for s in sources if s.added), key=lambda s: (s.added, s.id), reverse=True)
    top = sorted(
        (p for p in analysis.actors.values() if p.mentions),
        key=lambda p: (-p.mentions, corpus.actors[p.id].name),
    )[:12]
    note = summary_note(corpus)
    change = corpus.history[0] if corpus.history else None
    return HomeView(
        title=briefing.title,
        description=here.plain(briefing.scope or briefing.title),
        scope_md=here.linked(briefing.scope) if briefing.scope else None,
        figures=home_figures(analysis),
        summary_note=SummaryNoteView(day_label(note.since), note.newer) if note else None,
        summary_md=tuple(here.linked(p) for p in briefing.summary),
        questions=tuple(
            Question(here.linked(q), tuple(here.linked(f"[[{ref}]]") for ref in answers))
            for q, answers in zip(
                briefing.key_questions,
                briefing.answers + ((),) * len(briefing.key_questions),
                strict=False,
            )
        ),
        phases=tuple(home_phase(here, profile) for profile in analysis.phases),
        latest_change=LatestChange(day_label(change.date), change.summary()) if change else None,
        picture=picture,
        latest_events=tuple(
            (dated_event(here, e), kind_words(corpus.events[e].kind))
            for e in reversed(analysis.chronology[-latest:])
        ),
        top_actors=tuple(
            (here.actor(p.id), kind_words(corpus.actors[p.id].kind), p.mentions, len(p.sources))
            for p in top
        ),
        recently_added=tuple((str(s.added), source_line(here, s)) for s in added[:latest]),
        latest_sources=tuple(source_line(here, s) for s in sources[:latest]),
        hrefs=Hrefs(*(here.url(target) for target in HOME_LINKS)),
    )


HOME_LINKS = ("sources/index.md", "actors/index.md", "events/index.md", "timeline.md",
              "whats-new.md", "whats-new.xml", "feed.xml", "events.ics",
              "dossier.json")  # fmt: skip


def home_figures(analysis: Analysis) -> Figures:
    corpus = analysis.corpus
    dates = [corpus.events[e].date for e in analysis.chronology]
    published = [FuzzyDate(s.published, "day") for s in corpus.sources.values() if s.published]
    return Figures(
        sources=len(corpus.sources),
        outlets=len({s.outlet for s in corpus.sources.values()}),
        actors=len(corpus.actors),
        events=len(corpus.events),
        quotes=len(analysis.linked.quotes),
        attributed=sum(1 for q in analysis.linked.quotes if q.speaker),
        span=f"{dates[0].display} – {dates[-1].display}" if dates else None,
        published=f"{min(published).display} – {max(published).display}" if published else None,
    )


def home_phase(here: Here, profile: PhaseProfile) -> HomePhase:
    phase = profile.phase
    return HomePhase(
        link=Link(phase.title, here.url(phase_path(profile))),
        dates=phase_dates(phase),
        summary_md=here.linked(phase.summary) if phase.summary else None,
        events=tuple((dated_event(here, e), here.contested(e)) for e in profile.events),
    )


# ---- what's new ----


@dataclass(frozen=True, slots=True)
class ChangedItem:
    """A record named in a change: a link to its page, a claim's words, or an id since
    removed."""

    link: Link | None
    text: str
    gone: bool = False


@dataclass(frozen=True)
class ChangeView:
    label: str  # "Sources added"
    items: tuple[ChangedItem, ...]


@dataclass(frozen=True, slots=True)
class FirstRecord:
    sources: int
    actors: int
    events: int
    claims: int


@dataclass(frozen=True)
class EntryView:
    """One build that changed the corpus."""

    date: str
    first: FirstRecord | None  # the first entry: the corpus as first recorded
    changes: tuple[ChangeView, ...]
    removed: tuple[str, ...]
    decisions: int
    briefing_changed: bool


@dataclass(frozen=True)
class WhatsNewView:
    feed_href: str
    entries: tuple[EntryView, ...]  # newest first


def whats_new_view(here: Here) -> WhatsNewView:
    return WhatsNewView(
        here.url("whats-new.xml"), tuple(entry_view(here, e) for e in here.corpus.history)
    )


def entry_view(here: Here, entry: HistoryEntry) -> EntryView:
    first = FirstRecord(len(entry.sources_added), len(entry.actors_added),
                        len(entry.events_added), len(entry.claims_added))  # fmt: skip
    return EntryView(
        date=day_label(entry.date),
        first=first if entry.first else None,
        changes=tuple(
            ChangeView(label, tuple(changed_item(here, kind, i) for i in ids))
            for label, kind, ids in entry.changes()
        ),
        removed=entry.removed,
        decisions=entry.decisions,
        briefing_changed=entry.briefing_changed,
    )


def changed_item(here: Here, kind: str, ident: str) -> ChangedItem:
    corpus = here.corpus
    if kind == "sources" and ident in corpus.sources:
        return ChangedItem(here.source(ident), "")
    if kind == "actors" and ident in corpus.actors:
        return ChangedItem(here.actor(ident), "")
    if kind == "events" and ident in corpus.events:
        return ChangedItem(here.event(ident), "")
    if kind == "claims" and ident in corpus.claims:
        return ChangedItem(None, corpus.claims[ident].claim)
    return ChangedItem(None, ident, gone=True)
