"""Stage 5, render: every page as Markdown text, from Jinja2 templates. No files are written."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    pass_context,
)
from jinja2.runtime import Context

from generator.cache import Cache, code_version, digest, source_key
from generator.model import (
    ACTOR_KINDS,
    Actor,
    Corpus,
    Event,
    EvidenceAnchor,
    FuzzyDate,
    Mention,
    Phase,
    Quote,
    Source,
    SourceMention,
)
from generator.pages import Pages
from generator.pictures.figures import (
    ego_picture,
    network_picture,
    recent_timeline_picture,
    relation_links,
    timeline_picture,
)
from generator.review.history import summary_note
from generator.stages.analyse import ActorProfile, Analysis, first_per_paragraph
from generator.stages.feeds import (
    ATOM_FILE,
    ICS_FILE,
    WHATS_NEW_FILE,
    atom_feed,
    icalendar,
    whats_new_feed,
)
from generator.stages.listings import (
    PRINT,
    SOURCES_INDEX,
    print_view,
    print_years,
    sources_pages,
)
from generator.stages.validate import REFERENCE
from generator.text.calendar import MONTH_NAMES
from generator.text.folding import fold
from generator.text.markdown_safe import md_text, md_url, plain_title, yaml_text
from generator.urls import (
    actor_path,
    archive_month_path,
    archive_path,
    archive_year_path,
    event_path,
    phase_path,
    relative_url,
    site_url,
    source_path,
)

KIND_LABELS = {
    "person": "People",
    "state": "States",
    "organisation": "Organisations",
    "armed-group": "Armed groups",
    "media": "Media",
    "place": "Places",
}
DOSSIER_JSON = "dossier.json"
WHATS_NEW = "whats-new.md"
LATEST = 20  # sources and quotes on an actor page; the rest are on its archive page
# rows (sources and quotations) of an archive year drawn on one page; a longer year has a
# page per month, so an arrival redraws kilobytes, not a year of a busy actor's sources
ARCHIVE_YEAR_ROWS = 150
RELATED = 15  # related actors listed on an actor page


@dataclass(frozen=True)
class ArchiveMonth:
    """One month of an actor's archive: number (0: date unknown), label, what it holds."""

    number: int
    label: str
    refs: list[SourceMention]
    quotes: list[Quote]


@dataclass(frozen=True)
class ArchiveMonthView:
    """What the page of one month of an actor's archive shows around the month's block."""

    actor: str
    label: str
    sources: int
    quotes: int
    year_page: str
    actor_page: str


@dataclass(frozen=True)
class Segment:
    """A run of paragraph text, linked to an actor or not."""

    text: str
    actor: str | None = None


def phase_dates(phase: Phase) -> str:
    """'27 June 2016 – 30 November 2019' (month names from the calendar, their one owner)."""
    return " – ".join(
        f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}" for day in (phase.start, phase.end)
    )


DESCRIPTION_CHARS = 160  # what search engines show of a meta description


@pass_context
def meta_description(context: Context, value: object) -> str:
    """A page's meta description as a YAML scalar: one line, cut at a word near 160
    characters, briefing references as their words. Material prints it in a double-quoted
    attribute, so no straight quote."""
    text = " ".join(plain_references(str(value), context["corpus"]).split()).replace('"', "”")
    if len(text) > DESCRIPTION_CHARS:
        cut = text[: DESCRIPTION_CHARS - 1]
        text = (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(" ,;:.") + "…"
    return yaml_text(text)


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


OWNER_WORDS = {"state": "state media", "public": "public broadcaster", "private": "private"}


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


def make_environment(cache_folder: Path | None = None) -> Environment:
    """cache_folder: keep compiled templates there (compiling them costs more than a render)."""
    if cache_folder is not None:
        cache_folder.mkdir(parents=True, exist_ok=True)
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        # Compiled templates depend on the filters too (a filter that takes the context compiles
        # to another call): the file names carry the code version, so new code recompiles.
        bytecode_cache=(
            FileSystemBytecodeCache(str(cache_folder), f"__jinja2_{code_version()[:16]}_%s.cache")
            if cache_folder
            else None
        ),
        autoescape=False,  # the output is Markdown; untrusted text goes through |md
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_text
    env.filters["mdurl"] = md_url
    env.filters["yaml"] = yaml_text
    env.filters["plain"] = plain_title
    env.filters["description"] = meta_description
    env.filters["count"] = "{:,}".format  # 1,001 sources
    env.globals["kind_labels"] = KIND_LABELS
    for owner in (actor_path, event_path, source_path, phase_path):  # generator.urls
        env.globals[owner.__name__] = owner
    env.globals["phase_dates"] = phase_dates
    return env


def render_site(
    analysis: Analysis, directory_urls: bool = True, cache: Cache | None = None
) -> Pages:
    """Every generated file under docs/, by path, in a stable order (keyed pages are drawn
    only when their text is asked for: see generator.pages).

    directory_urls=False is for the offline bundle (page.html links in the pictures).
    """
    site = _SiteRenderer(analysis, directory_urls, cache or Cache())
    site.add_actor_pages()
    site.add_event_pages()
    site.add_phase_pages()
    site.add_source_pages()
    site.add_overviews()
    return site.pages


class _SiteRenderer:
    """Fills the templates into Pages. Keyed pages depend on the actors, the events and the
    generator's code (all in `shared`) plus what each key adds; write draws them only when
    the key has changed."""

    def __init__(self, analysis: Analysis, directory_urls: bool, cache: Cache) -> None:
        self.analysis = analysis
        self.corpus = analysis.corpus
        self.directory_urls = directory_urls
        self.cache = cache
        self.env = make_environment(cache.folder / "templates" if cache.folder else None)
        self.pages = Pages()
        self.outlets = outlet_profiles(self.corpus)
        self.code = code_version()
        # Not directory_urls: keyed pages link with .md paths, which MkDocs rewrites (the
        # pictures' links do depend on it, and an actor page's key holds its picture).
        self.shared = digest(
            tuple(self.corpus.actors.values()), tuple(self.corpus.events.values()), self.code
        )

    def render(self, template: str, path: str, **context: Any) -> str:
        def url(target: str) -> str:
            return relative_url(path, target)

        def linked(text: str) -> str:
            return linked_text(text, self.corpus, url)

        def outlet(name: str) -> str:
            return outlet_text(name, self.outlets, url)

        return self.env.get_template(template).render(
            corpus=self.corpus,
            analysis=self.analysis,
            url=url,
            linked=linked,
            outlet=outlet,
            page_path=path,
            **context,
        )

    def add(self, template: str, path: str, **context: Any) -> None:
        self.pages.add(path, self.render(template, path, **context))

    def add_actor_pages(self) -> None:
        months_of = publication_months(self.corpus)
        for actor in self.corpus.actors.values():
            profile = self.analysis.actors[actor.id]
            self.add_actor_page(actor, profile)
            if len(profile.sources) > LATEST or len(profile.quotes) > LATEST:
                self.add_archive(actor, profile, months_of)

    def add_actor_page(self, actor: Actor, profile: ActorProfile) -> None:
        """Keyed by what the page shows: the newest sources and quotes (and their sources'
        files), counts, events, the closest related actors and the picture."""
        path = actor_path(actor.id)
        picture = ego_picture(self.analysis, path, actor.id, self.cache, self.directory_urls)
        shown, quoted = profile.sources[:LATEST], profile.quotes[:LATEST]
        dates = sorted(d for r in profile.sources if (d := self.corpus.sources[r.source].published))
        published = (dates[0].isoformat(), dates[-1].isoformat()) if dates else None
        cited = sorted({r.source for r in shown} | {q.source for q in quoted})
        key = digest(
            path,
            self.shared,
            (profile.mentions, len(profile.sources), len(profile.quotes), LATEST),
            (shown, quoted, [source_key(self.corpus.sources[s]) for s in cited]),
            (profile.events, profile.related[:RELATED]),
            picture,
            published,
        )
        context = {
            "actor": actor,
            "profile": profile,
            "latest": LATEST,
            "related": RELATED,
            "archive": archive_path(actor.id),
            "picture": picture,
            "state": state_of(self.corpus, actor.id),
            "published": published,
        }
        self.pages.add_keyed(path, key, lambda: self.render("actor.md.j2", path, **context))

    def add_archive(
        self, actor: Actor, profile: ActorProfile, months_of: dict[str, tuple[int, int]]
    ) -> None:
        """An actor's sources and quotes: an index of years, and a page per year by month
        (so an arrival redraws one year, not the whole story); a year of more than
        ARCHIVE_YEAR_ROWS rows has a page per month instead. Keyed, and each month cached,
        as adding an article changes one month of the archives of the actors it names."""
        path = archive_path(actor.id)
        years: dict[int, list[ArchiveMonth]] = {}
        for (year, number), month in zip(
            month_order(profile, months_of), by_month(profile, months_of), strict=True
        ):
            years.setdefault(year, []).append(ArchiveMonth(number, *month))
        shown = []
        for year, months in years.items():
            label = str(year) if year else "Date unknown"
            refs = sum(len(m.refs) for m in months)
            quotes = sum(len(m.quotes) for m in months)
            year_page = self.add_archive_year(actor, profile, year, label, months)
            counted = f"{_plural(refs, 'source')}, {_plural(quotes, 'quotation')}"
            link = f"[{counted}]({relative_url(path, year_page)})\n"
            shown.append((label, link))
        header = (actor.name, len(profile.sources), len(profile.quotes), self.code)
        self.pages.add_keyed(
            path,
            digest(path, header, shown),
            lambda: self.render(
                "actor_archive.md.j2", path, actor=actor, profile=profile, months=shown
            ),
        )

    def add_archive_year(
        self,
        actor: Actor,
        profile: ActorProfile,
        year: int,
        label: str,
        months: list[ArchiveMonth],
    ) -> str:
        path = archive_year_path(actor.id, year)
        rows = sum(len(m.refs) + len(m.quotes) for m in months)
        if len(months) > 1 and rows > ARCHIVE_YEAR_ROWS:
            shown = [(m, self.add_archive_month(actor, profile, year, m, path)) for m in months]
            return self.add_archive_year_page(actor, profile, path, label, shown)
        keyed = [(m.label, self.month_key(path, m.refs, m.quotes), m) for m in months]
        for _, key, _ in keyed:
            self.cache.keep("month", key)

        def blocks() -> list[tuple[str, str]]:
            return [(name, self.month(path, key, m.refs, m.quotes)) for name, key, m in keyed]

        header = (actor.name, label, self.code)
        key = digest(path, header, [(name, key) for name, key, _ in keyed])
        self.pages.add_keyed(path, key, lambda: self.draw_archive_year(actor, profile, path,
                                                                     label, blocks()))  # fmt: skip
        return path

    def add_archive_year_page(
        self,
        actor: Actor,
        profile: ActorProfile,
        path: str,
        label: str,
        shown: list[tuple[ArchiveMonth, str]],
    ) -> str:
        """A year split by month: a line per month linking to its page."""
        links = []
        for month, month_page in shown:
            counted = (
                f"{_plural(len(month.refs), 'source')}, {_plural(len(month.quotes), 'quotation')}"
            )
            links.append((month.label, f"[{counted}]({relative_url(path, month_page)})\n"))
        key = digest(path, (actor.name, label, self.code, "by month"), links)
        self.pages.add_keyed(
            path, key, lambda: self.draw_archive_year(actor, profile, path, label, links)
        )
        return path

    def draw_archive_year(
        self,
        actor: Actor,
        profile: ActorProfile,
        path: str,
        label: str,
        blocks: list[tuple[str, str]],
    ) -> str:
        return self.render(
            "actor_archive_year.md.j2",
            path,
            actor=actor,
            profile=profile,
            year_label=label,
            months=blocks,
            archive=archive_path(actor.id),
        )

    def add_archive_month(
        self, actor: Actor, profile: ActorProfile, year: int, month: ArchiveMonth, year_page: str
    ) -> str:
        """One month of an actor's archive on its own page (a year too long for one)."""
        path = archive_month_path(actor.id, year, month.number)
        key = self.month_key(path, month.refs, month.quotes)
        self.cache.keep("month", key)
        view = ArchiveMonthView(
            actor=actor.name,
            label=month.label,
            sources=len(month.refs),
            quotes=len(month.quotes),
            year_page=year_page,
            actor_page=actor_path(actor.id),
        )

        def draw() -> str:
            block = self.month(path, key, month.refs, month.quotes)
            return self.render("actor_archive_month.md.j2", path, view=view, block=block)

        self.pages.add_keyed(path, digest(path, key, view, self.code), draw)
        return path

    def month_key(self, path: str, refs: list[SourceMention], quotes: list[Quote]) -> str:
        """What a month of an archive shows is a function of its sources' texts and the
        actors: what their link keys hash."""
        sources = sorted({r.source for r in refs} | {q.source for q in quotes})
        return digest(path, [self.analysis.linked.keys[s] for s in sources])

    def month(self, path: str, key: str, refs: list[SourceMention], quotes: list[Quote]) -> str:
        return self.cache.get_or_make(
            "month",
            key,
            lambda: self.render("_actor_month.md.j2", path, refs=refs, quotes=quotes),
        )

    def add_event_pages(self) -> None:
        for event in self.corpus.events.values():
            profile = self.analysis.events[event.id]
            self.add(
                "event.md.j2",
                event_path(event.id),
                event=event,
                profile=profile,
                evidence=key_evidence(profile.evidence),
            )

    def add_source_pages(self) -> None:
        """Keyed by the source's file (a source page shows nothing of other sources)."""
        for source in self.corpus.sources.values():
            path = source_path(source.id)
            self.pages.add_keyed(
                path,
                digest(path, source_key(source), self.shared),
                lambda source=source, path=path: self.source_page(source, path),  # type: ignore[misc]
            )

    def source_page(self, source: Source, path: str) -> str:
        mentions = self.analysis.linked.source_links(source.id).mentions
        return self.render(
            "source.md.j2",
            path,
            source=source,
            profile=self.analysis.sources[source.id],
            dates=self.analysis.linked.dates(source.id),
            paragraphs=paragraph_segments(source, first_per_paragraph(source, mentions)),
        )

    def add_phase_pages(self) -> None:
        """A page per phase of the briefing, linked to the phases before and after it."""
        phases = self.analysis.phases
        for index, profile in enumerate(phases):
            self.add(
                "phase.md.j2",
                phase_path(profile),
                profile=profile,
                latest=LATEST,  # a phase page must not grow with the corpus
                previous=phases[index - 1] if index else None,
                following=phases[index + 1] if index + 1 < len(phases) else None,
            )

    def add_overviews(self) -> None:
        """Home, timeline, network, indexes, print page, feeds and dossier.json."""
        analysis, cache, directory_urls = self.analysis, self.cache, self.directory_urls
        self.add(
            "home.md.j2",
            "index.md",
            picture=recent_timeline_picture(analysis, "index.md", cache, directory_urls),
            months=FuzzyDate.MONTHS,
            **home_context(analysis),
        )
        self.add(
            "timeline.md.j2",
            "timeline.md",
            timeline=timeline_groups(analysis),
            picture=timeline_picture(analysis, "timeline.md", cache, directory_urls),
        )
        self.add(
            "network.md.j2",
            "network.md",
            picture=network_picture(analysis, "network.md", cache, directory_urls),
            everyone=network_picture(analysis, "network.md", cache, directory_urls, everyone=True),
            relations=relation_rows(analysis),
        )
        self.add("actors_index.md.j2", "actors/index.md", by_kind=actors_by_kind(analysis))
        self.add("events_index.md.j2", "events/index.md")
        self.add("claims.md.j2", "claims.md")
        self.add("tags.md.j2", "tags.md")
        self.add_listings()
        self.add_whats_new()
        self.pages.add(ATOM_FILE, atom_feed(analysis))
        self.pages.add(ICS_FILE, icalendar(analysis, self.corpus.newest_published))
        self.pages.add(
            DOSSIER_JSON,
            # no indent: json's C encoder is used only without one (five times faster)
            json.dumps(export(analysis), ensure_ascii=False, sort_keys=True) + "\n",
        )

    def add_listings(self) -> None:
        """The sources index (a page per month) and the printable dossier (its sources on
        a page per year): keyed by their views, so an arrival redraws one month and one year."""
        index, months = sources_pages(self.analysis)
        self.add("sources_index.md.j2", SOURCES_INDEX, view=index)
        for path, month in months:
            self.add_view("sources_month.md.j2", path, month, index=SOURCES_INDEX)
        years = print_years(self.analysis)
        self.add("print.md.j2", PRINT, view=print_view(self.analysis, KIND_LABELS, years))
        for year in years:
            self.add_view("print_sources.md.j2", year.page, year, home=PRINT)

    def add_view(self, template: str, path: str, view: Any, **context: str) -> None:
        """A page drawn from one frozen view (and plain strings): keyed by them."""
        key = digest(path, template, view, context, self.code)
        self.pages.add_keyed(
            path,
            key,
            lambda: self.render(template, path, view=view, year=view, **context),
        )

    def add_whats_new(self) -> None:
        """The digest of each build that changed the corpus (corpus/history.yml)."""
        corpus = self.corpus
        records = {"sources": corpus.sources, "actors": corpus.actors, "events": corpus.events,
                   "claims": corpus.claims}  # fmt: skip
        self.add("whats_new.md.j2", WHATS_NEW, entries=corpus.history, records=records,
                 months=FuzzyDate.MONTHS)  # fmt: skip
        self.pages.add(WHATS_NEW_FILE, whats_new_feed(corpus))


def relation_rows(analysis: Analysis) -> list[tuple[str, str, list[str], list[str]]]:
    """The network as a list: each pair, what they did (by tone) and the events."""
    by_pair: dict[tuple[str, str], list[str]] = defaultdict(list)
    events: dict[tuple[str, str], list[str]] = defaultdict(list)
    for link in relation_links(analysis):
        words = [f"{verb} ({n}×)" if n > 1 else verb for verb, n in link.verbs]
        by_pair[(link.a, link.b)] += [
            f"{w} ({link.tone})" if link.tone == "hostile" else w for w in words
        ]
    for r in analysis.relations:
        if r.event not in events[(r.a, r.b)]:
            events[(r.a, r.b)].append(r.event)
    ranked = sorted(by_pair, key=lambda pair: (-len(events[pair]), pair))
    return [(a, b, by_pair[(a, b)], events[(a, b)]) for a, b in ranked]


def state_of(corpus: Corpus, actor_id: str) -> str | None:
    """The state an actor belongs to, through affiliations and stands_for (None if none)."""
    seen = set()
    current: str | None = actor_id
    while current is not None and current not in seen:
        seen.add(current)
        actor = corpus.actors[current]
        if actor.kind == "state" and current != actor_id:
            return current
        current = actor.stands_for or actor.affiliation
    return None


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


def publication_months(corpus: Corpus) -> dict[str, tuple[int, int]]:
    """(year, month) each source was published in; (0, 0) when unknown."""
    return {
        s.id: (s.published.year, s.published.month) if s.published else (0, 0)
        for s in corpus.sources.values()
    }


def by_month(
    profile: ActorProfile, months: dict[str, tuple[int, int]]
) -> list[tuple[str, list[SourceMention], list[Quote]]]:
    """An actor's sources and quotes grouped by month of publication, newest month first."""
    month = months.__getitem__
    refs: dict[tuple[int, int], list[SourceMention]] = defaultdict(list)
    for ref in profile.sources:
        refs[month(ref.source)].append(ref)
    quotes: dict[tuple[int, int], list[Quote]] = defaultdict(list)
    for q in profile.quotes:
        quotes[month(q.source)].append(q)
    return [
        (
            f"{FuzzyDate.MONTHS[number - 1]} {year}" if year else "Date unknown",
            refs.get((year, number), []),
            quotes.get((year, number), []),
        )
        for year, number in sorted(refs.keys() | quotes.keys(), reverse=True)
    ]


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def month_order(profile: ActorProfile, months: dict[str, tuple[int, int]]) -> list[tuple[int, int]]:
    """The (year, month) of each group by_month gives, in the same order."""
    found = {months[r.source] for r in profile.sources} | {months[q.source] for q in profile.quotes}
    return sorted(found, reverse=True)


def home_context(analysis: Analysis, latest: int = 8) -> dict[str, Any]:
    corpus = analysis.corpus
    sources = sorted(corpus.sources.values(), key=lambda s: s.sort_key, reverse=True)
    top_actors = sorted(
        (p for p in analysis.actors.values() if p.mentions),
        key=lambda p: (-p.mentions, corpus.actors[p.id].name),
    )
    dates = [corpus.events[e].date for e in analysis.chronology]
    published = [FuzzyDate(s.published, "day") for s in sources if s.published]
    return {
        "latest_events": list(reversed(analysis.chronology[-latest:])),
        "latest_sources": sources[:latest],
        "recently_added": sorted(
            (s for s in corpus.sources.values() if s.added),
            key=lambda s: (s.added or dt.date.min, s.id),
            reverse=True,
        )[:latest],
        "top_actors": top_actors[:12],
        "figures": {
            "sources": len(corpus.sources),
            "outlets": len({s.outlet for s in corpus.sources.values()}),
            "actors": len(corpus.actors),
            "events": len(corpus.events),
            "quotes": len(analysis.linked.quotes),
            "attributed": sum(1 for q in analysis.linked.quotes if q.speaker),
            "mentions": analysis.linked.mention_count,
        },
        "span": (dates[0], dates[-1]) if dates else None,
        "published": (min(published), max(published)) if published else None,
        "latest_change": corpus.history[0] if corpus.history else None,
        "summary_note": summary_note(corpus),
    }


def timeline_groups(analysis: Analysis) -> list[tuple[int, list[tuple[str, list[Event]]]]]:
    """Events by year, then by month ("" for events known only to the year)."""
    years: dict[int, dict[str, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for event_id in analysis.chronology:
        event = analysis.corpus.events[event_id]
        month = (
            "" if event.date.precision == "year" else event.date.MONTHS[event.date.start.month - 1]
        )
        years[event.date.start.year][month].append(event)
    return [(year, list(months.items())) for year, months in sorted(years.items())]


def actors_by_kind(analysis: Analysis) -> list[tuple[str, list[Actor]]]:
    groups = []
    for kind in ACTOR_KINDS:
        members = sorted(
            (a for a in analysis.corpus.actors.values() if a.kind == kind),
            key=lambda a: (-analysis.actors[a.id].mentions, a.name),
        )
        if members:
            groups.append((kind, members))
    return groups


def export(analysis: Analysis) -> dict[str, Any]:
    """The machine-readable dossier (schema: schema/dossier.schema.json)."""
    return {
        "title": analysis.corpus.briefing.title,
        "actors": _export_actors(analysis),
        "events": _export_events(analysis),
        "sources": _export_sources(analysis),
        "quotes": [
            {
                "speaker": q.speaker,
                "speaker_name": q.speaker_name,
                "text": q.text,
                "source": q.source,
                "paragraph": q.paragraph + 1,
                "rule": q.rule,
            }
            for q in analysis.linked.quotes
        ],
    }


def _export_actors(analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "aliases": list(a.aliases),
            "affiliation": a.affiliation,
            "description": a.description,
            "url": site_url(actor_path(a.id)),
            "mentions": analysis.actors[a.id].mentions,
            "sources": sorted(ref.source for ref in analysis.actors[a.id].sources),
            "events": list(analysis.actors[a.id].events),
        }
        for a in analysis.corpus.actors.values()
    ]


def _export_events(analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {
            "id": e.id,
            "title": e.title,
            "date": e.date.iso,
            "date_precision": e.date.precision,
            "kind": e.kind,
            "place": e.place,
            "participants": [{"actor": p.actor, "role": p.role} for p in e.participants],
            "sources": list(analysis.events[e.id].sources),
            "evidence": [
                {"source": a.source, "paragraph": a.paragraph + 1, "text": a.text}
                for a in analysis.events[e.id].evidence
            ],
            "url": site_url(event_path(e.id)),
        }
        for e in (analysis.corpus.events[i] for i in analysis.chronology)
    ]


def _export_sources(analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "title": s.title,
            "outlet": s.outlet,
            "published": s.published.isoformat() if s.published else None,
            "url_original": s.url,
            "language": s.language,
            "translated_from": s.translated_from,
            "url": site_url(source_path(s.id)),
            "actors": sorted(a for a, _ in analysis.sources[s.id].actors),
            "events": list(analysis.sources[s.id].events),
        }
        for s in analysis.corpus.sources.values()
    ]
