"""Event pages and the claims page: key evidence, claim panels, numbers that differ."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Claim, Event, EvidenceAnchor, Stance
from generator.stages.analyse import EventProfile
from generator.stages.views.base import (
    DatedLink,
    Here,
    Link,
    Sections,
    dated_event,
    kind_words,
    published_label,
    sections,
)
from generator.text.numbers import NumberConflict
from generator.urls import source_path

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
