"""The parts every view is made of: links, deferred parts, page keys, and `Here`, which
resolves names and links from one page."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, NamedTuple, TypeVar

from generator.cache import digest
from generator.model import Actor, Corpus, Phase, Quote, Source
from generator.stages.analyse import Analysis
from generator.stages.validate import REFERENCE
from generator.text.calendar import MONTH_NAMES
from generator.text.folding import fold
from generator.text.markdown_safe import md_text
from generator.urls import (
    actor_path,
    built_folder,
    event_path,
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
    """Links and lookups from one page: what every view builder resolves names with.

    Its links are Markdown links to .md paths (MkDocs rewrites and checks them); `html`
    is the same page for blocks printed as raw HTML (see `url`)."""

    def __init__(
        self,
        analysis: Analysis,
        path: str,
        outlets: dict[str, Actor],
        shared: dict[tuple[str, str], Link] | None = None,
        directory_urls: bool = True,
        built: bool = False,
    ) -> None:
        self.analysis = analysis
        self.corpus = analysis.corpus
        self.path = path
        self.outlets = outlets
        self.directory_urls = directory_urls
        self.is_built = built
        # Links to pages, by the folder they are seen from: pages of one folder (a thousand
        # source pages) share them. Links are immutable, so sharing changes no output.
        self.folder = (
            "\0" + built_folder(path, directory_urls) if built else path.rpartition("/")[0]
        )
        self.links = {} if shared is None else shared

    def url(self, target: str) -> str:
        # Raw HTML links too are .md paths relative to the page's file: the MkDocs hook
        # (mkdocs_hooks.on_page_content) makes them built URLs, and Zensical, which reads a
        # raw href as relative to the page's file, does so itself. (A built URL written
        # here would be right for MkDocs only.)
        return relative_url(self.path, target)

    @cached_property
    def html(self) -> Here:
        """The same page, for raw HTML blocks (which Markdown passes through as they are:
        no inline parsing; their .md links are made built URLs by the hook)."""
        return Here(
            self.analysis, self.path, self.outlets, self.links, self.directory_urls, built=True
        )

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
