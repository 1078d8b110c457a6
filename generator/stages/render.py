"""Stage 5, render: every page as Markdown text, from Jinja2 templates. No files are written."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined

from generator.cache import Cache, code_version, digest, source_key
from generator.model import (
    ACTOR_KINDS,
    Actor,
    Corpus,
    Event,
    FuzzyDate,
    Mention,
    Quote,
    Source,
    SourceMention,
)
from generator.pages import Pages
from generator.pictures.figures import (
    ego_picture,
    network_picture,
    recent_timeline_picture,
    relation_weights,
    timeline_picture,
)
from generator.stages.analyse import ActorProfile, Analysis, first_per_paragraph
from generator.stages.feeds import ATOM_FILE, ICS_FILE, atom_feed, icalendar
from generator.text.markdown_safe import md_text, md_url, plain_title, yaml_text

KIND_LABELS = {
    "person": "People",
    "state": "States",
    "organisation": "Organisations",
    "armed-group": "Armed groups",
    "media": "Media",
    "place": "Places",
}
DOSSIER_JSON = "dossier.json"
LATEST = 20  # sources and quotes on an actor page; the rest are on its archive page
RELATED = 15  # related actors listed on an actor page


@dataclass(frozen=True)
class Segment:
    """A run of paragraph text, linked to an actor or not."""

    text: str
    actor: str | None = None


def actor_path(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def archive_path(actor_id: str) -> str:
    return f"actors/{actor_id}/sources.md"


def archive_year_path(actor_id: str, year: int) -> str:
    return f"actors/{actor_id}/sources/{year or 'undated'}.md"


def event_path(event_id: str) -> str:
    return f"events/{event_id}.md"


def source_path(source_id: str) -> str:
    return f"sources/{source_id}.md"


@lru_cache(maxsize=65536)
def relative_url(page: str, target: str) -> str:
    """Link from one docs/ file to another (what posixpath.relpath gives, but fast)."""
    here = page.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def site_url(page_path: str) -> str:
    """The URL of a page relative to the site root, as MkDocs makes it (directory URLs)."""
    stem = page_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def make_environment(cache_folder: Path | None = None) -> Environment:
    """cache_folder: keep compiled templates there (compiling them costs more than a render)."""
    if cache_folder is not None:
        cache_folder.mkdir(parents=True, exist_ok=True)
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        bytecode_cache=FileSystemBytecodeCache(str(cache_folder)) if cache_folder else None,
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
    env.filters["count"] = "{:,}".format  # 1,001 sources
    env.globals["kind_labels"] = KIND_LABELS
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
        self.weights = relation_weights(analysis)
        self.code = code_version()
        # Not directory_urls: keyed pages link with .md paths, which MkDocs rewrites (the
        # pictures' links do depend on it, and an actor page's key holds its picture).
        self.shared = digest(
            tuple(self.corpus.actors.values()), tuple(self.corpus.events.values()), self.code
        )

    def render(self, template: str, path: str, **context: Any) -> str:
        def url(target: str) -> str:
            return relative_url(path, target)

        return self.env.get_template(template).render(
            corpus=self.corpus, analysis=self.analysis, url=url, page_path=path, **context
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
        picture = ego_picture(
            self.analysis, path, actor.id, self.weights, self.cache, self.directory_urls
        )
        shown, quoted = profile.sources[:LATEST], profile.quotes[:LATEST]
        cited = sorted({r.source for r in shown} | {q.source for q in quoted})
        key = digest(
            path,
            self.shared,
            (profile.mentions, len(profile.sources), len(profile.quotes), LATEST),
            (shown, quoted, [source_key(self.corpus.sources[s]) for s in cited]),
            (profile.events, profile.related[:RELATED]),
            picture,
        )
        context = {
            "actor": actor,
            "profile": profile,
            "latest": LATEST,
            "related": RELATED,
            "archive": archive_path(actor.id),
            "picture": picture,
        }
        self.pages.add_keyed(path, key, lambda: self.render("actor.md.j2", path, **context))

    def add_archive(
        self, actor: Actor, profile: ActorProfile, months_of: dict[str, tuple[int, int]]
    ) -> None:
        """An actor's sources and quotes: an index of years, and a page per year by month
        (so an arrival redraws one year, not the whole story). Keyed, and each month cached,
        as adding an article changes one month of the archives of the actors it names."""
        path = archive_path(actor.id)
        years: dict[int, list[tuple[str, list[SourceMention], list[Quote]]]] = {}
        for (year, _), month in zip(
            month_order(profile, months_of), by_month(profile, months_of), strict=True
        ):
            years.setdefault(year, []).append(month)
        shown = []
        for year, months in years.items():
            label = str(year) if year else "Date unknown"
            refs = sum(len(m[1]) for m in months)
            quotes = sum(len(m[2]) for m in months)
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
        months: list[tuple[str, list[SourceMention], list[Quote]]],
    ) -> str:
        path = archive_year_path(actor.id, year)
        keyed = [
            (name, self.month_key(path, refs, quotes), refs, quotes)
            for name, refs, quotes in months
        ]
        for _, key, _, _ in keyed:
            self.cache.keep("month", key)

        def draw() -> str:
            blocks = [
                (name, self.month(path, key, refs, quotes)) for name, key, refs, quotes in keyed
            ]
            return self.render(
                "actor_archive_year.md.j2",
                path,
                actor=actor,
                profile=profile,
                year_label=label,
                months=blocks,
                archive=archive_path(actor.id),
            )

        header = (actor.name, label, self.code)
        key = digest(path, header, [(name, key) for name, key, _, _ in keyed])
        self.pages.add_keyed(path, key, draw)
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
            self.add("event.md.j2", event_path(event.id), event=event, profile=profile)

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

    def add_overviews(self) -> None:
        """Home, timeline, network, indexes, print page, feeds and dossier.json."""
        analysis, cache, directory_urls = self.analysis, self.cache, self.directory_urls
        self.add(
            "home.md.j2",
            "index.md",
            picture=recent_timeline_picture(analysis, "index.md", cache, directory_urls),
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
            picture=network_picture(analysis, "network.md", self.weights, cache, directory_urls),
        )
        self.add("actors_index.md.j2", "actors/index.md", by_kind=actors_by_kind(analysis))
        self.add("events_index.md.j2", "events/index.md")
        self.add("claims.md.j2", "claims.md")
        self.add("tags.md.j2", "tags.md")
        self.add("print.md.j2", "print.md")
        self.add("sources_index.md.j2", "sources/index.md", by_outlet=sources_by_outlet(analysis))
        self.pages.add(ATOM_FILE, atom_feed(analysis))
        self.pages.add(ICS_FILE, icalendar(analysis, self.corpus.newest_published))
        self.pages.add(
            DOSSIER_JSON,
            # no indent: json's C encoder is used only without one (five times faster)
            json.dumps(export(analysis), ensure_ascii=False, sort_keys=True) + "\n",
        )


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


def sources_by_outlet(analysis: Analysis) -> list[tuple[str, list[Source]]]:
    groups: dict[str, list[Source]] = defaultdict(list)
    for source in analysis.corpus.sources.values():
        groups[source.outlet].append(source)
    return [
        (outlet, sorted(items, key=lambda s: s.sort_key, reverse=True))
        for outlet, items in sorted(groups.items(), key=lambda kv: kv[0].lower())
    ]


def export(analysis: Analysis) -> dict[str, Any]:
    """The machine-readable dossier (schema: schema/dossier.schema.json)."""
    corpus = analysis.corpus
    return {
        "title": corpus.briefing.title,
        "actors": [
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
            for a in corpus.actors.values()
        ],
        "events": [
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
            for e in (corpus.events[i] for i in analysis.chronology)
        ],
        "sources": [
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
            for s in corpus.sources.values()
        ],
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
