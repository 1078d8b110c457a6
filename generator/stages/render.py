"""Stage 5, render: every page as Markdown text, from Jinja2 templates. No files are written."""

from __future__ import annotations

import json
from collections import defaultdict
from functools import partial
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

from generator.cache import Memo, code_version, current, digest
from generator.model import Actor, Corpus, FuzzyDate, Quote, SourceMention
from generator.pages import Pages
from generator.pictures.figures import (
    ego_picture,
    network_picture,
    recent_timeline_picture,
    relation_links,
    timeline_picture,
)
from generator.stages.analyse import ActorProfile, Analysis
from generator.stages.aside import made_aside
from generator.stages.feeds import (
    ATOM_FILE,
    ICS_FILE,
    WHATS_NEW_FILE,
    atom_feed,
    icalendar,
    whats_new_feed,
)
from generator.stages.views.actors import (
    ActorFacts,
    ArchiveMonth,
    ArchiveMonthView,
    ArchiveView,
    ArchiveYearView,
    YearEntry,
    actor_view,
    month_view,
)
from generator.stages.views.base import (
    KIND_LABELS,
    Deferred,
    Here,
    Link,
    outlet_profiles,
    page_key,
)
from generator.stages.views.events import claims_view, event_view, key_evidence
from generator.stages.views.listings import (
    PRINT,
    SOURCES_INDEX,
    print_view,
    print_years,
    sources_pages,
)
from generator.stages.views.overviews import (
    WHATS_NEW,
    NetworkView,
    RelationRow,
    actors_index_view,
    events_index_view,
    home_view,
    phase_view,
    timeline_view,
    whats_new_months,
    whats_new_view,
)
from generator.stages.views.sources import source_view
from generator.text.markdown_safe import html_text, md_text, md_url, plain_title, yaml_text
from generator.urls import (
    actor_path,
    archive_month_path,
    archive_path,
    archive_year_path,
    event_path,
    phase_path,
    site_url,
    source_path,
)

DOSSIER_JSON = "dossier.json"
# A longer year of an actor's archive has a page per month. (60 made an arrival redraw
# kilobytes instead of a year page of up to 40 KB, but added 800 pages at 1,000 sources,
# and every build pays MkDocs for each page: no faster after an arrival, a full build 20 %
# slower.)
ARCHIVE_YEAR_ROWS = 150
LATEST = 20  # sources and quotes on an actor page; the rest are on its archive page
RELATED = 15  # related actors listed on an actor page


DESCRIPTION_CHARS = 160  # what search engines show of a meta description


@pass_context
def meta_description(context: Context, value: object) -> str:
    """A page's meta description as a YAML scalar: one line, cut at a word near 160
    characters, briefing references as their words. Material prints it in a double-quoted
    attribute, so no straight quote. (A view's description has its references resolved.)"""
    text = str(value)
    text = " ".join(text.split()).replace('"', "”")
    if len(text) > DESCRIPTION_CHARS:
        cut = text[: DESCRIPTION_CHARS - 1]
        text = (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(" ,;:.") + "…"
    return yaml_text(text)


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
    env.filters["html"] = html_text  # in raw HTML blocks
    env.filters["mdurl"] = md_url
    env.filters["yaml"] = yaml_text
    env.filters["plain"] = plain_title
    env.filters["description"] = meta_description
    env.filters["count"] = "{:,}".format  # 1,001 sources
    return env


def render_site(analysis: Analysis, directory_urls: bool = True) -> Pages:
    """Every generated file under docs/, by path, in a stable order (keyed pages are drawn
    only when their text is asked for: see generator.pages).

    directory_urls=False is for the offline bundle (page.html links in the pictures).
    """
    site = _SiteRenderer(analysis, directory_urls)
    # made aside while the pages are drawn (generator.stages.aside): it needs the analysis only
    site.pages.add_later(DOSSIER_JSON, made_aside(partial(dossier_json, analysis)))
    site.add_actor_pages()
    site.add_event_pages()
    site.add_phase_pages()
    site.add_source_pages()
    site.add_overviews()
    return site.pages


# A month of an actor's archive, by its sources' link keys (see _SiteRenderer.month_key).
MONTHS: Memo[str] = Memo("month", __name__)


class _SiteRenderer:
    """Fills the templates into Pages, each from its view-model (stages/views/). A keyed
    page's key is its view's digest and the generator's code; write draws it only when the
    key has changed."""

    def __init__(self, analysis: Analysis, directory_urls: bool) -> None:
        self.analysis = analysis
        self.corpus = analysis.corpus
        self.directory_urls = directory_urls
        folder = current().folder  # compiled templates are kept beside the cache
        self.env = make_environment(folder / "templates" if folder else None)
        self.pages = Pages()
        self.outlets = outlet_profiles(self.corpus)
        self.links: dict[tuple[str, str], Link] = {}  # shared by the views' Here
        self.code = code_version()
        # directory_urls needs no place in the keys of their own: the pictures and the raw
        # HTML blocks link with built URLs, which depend on it, and a view holds them.

    def here(self, path: str) -> Here:
        """What view builders resolve names and links with, from the page at path."""
        return Here(self.analysis, path, self.outlets, self.links, self.directory_urls)

    def draw(self, template: str, view: object) -> str:
        """A page from its view-model: the view is all the template gets."""
        return self.env.get_template(template).render(view=view)

    def add_view(self, template: str, path: str, view: object) -> None:
        self.pages.add(path, self.draw(template, view))

    def add_keyed_view(self, template: str, path: str, view: object) -> None:
        """A keyed page whose key is its view's digest: it cannot show what its key misses."""
        self.pages.add_keyed(
            path, page_key(self.code, (path, view)), lambda: self.draw(template, view)
        )

    def add_actor_pages(self) -> None:
        months_of = publication_months(self.corpus)
        affiliated: dict[str, list[str]] = defaultdict(list)
        for member in self.corpus.actors.values():
            if member.affiliation:
                affiliated[member.affiliation].append(member.id)
        for actor in self.corpus.actors.values():
            profile = self.analysis.actors[actor.id]
            self.add_actor_page(actor, profile, tuple(affiliated[actor.id]))
            if len(profile.sources) > LATEST or len(profile.quotes) > LATEST:
                self.add_archive(actor, profile, months_of)

    def add_actor_page(
        self, actor: Actor, profile: ActorProfile, affiliated: tuple[str, ...]
    ) -> None:
        """Keyed by its view: the newest sources and quotes, counts, events, the closest
        related actors and the picture."""
        path = actor_path(actor.id)
        picture = ego_picture(self.analysis, path, actor.id, self.directory_urls)
        published = _published_range(self.corpus, profile)
        facts = ActorFacts(state_of(self.corpus, actor.id), affiliated, published, picture)
        view = actor_view(self.here(path), actor, profile, facts, LATEST, RELATED)
        self.add_keyed_view("actor.md.j2", path, view)

    def add_archive(
        self, actor: Actor, profile: ActorProfile, months_of: dict[str, tuple[int, int]]
    ) -> None:
        """An actor's sources and quotes: an index of years, and a page per year by month
        (so an arrival redraws one year, not the whole story); a year of more than
        ARCHIVE_YEAR_ROWS rows has a page per month instead. Keyed, and each month cached,
        as adding an article changes one month of the archives of the actors it names."""
        path = archive_path(actor.id)
        years: dict[int, list[ArchiveMonth]] = {}
        for (year, number), label, refs, quotes in by_month(profile, months_of):
            years.setdefault(year, []).append(ArchiveMonth(number, label, refs, quotes))
        here = self.here(path)
        shown = []
        for year, months in years.items():
            label = str(year) if year else "Date unknown"
            year_page = self.add_archive_year(actor, year, label, months)
            shown.append(YearEntry(label, here.url(year_page)))
        # No counts here: they change with every arrival (the actor page has the totals,
        # each year or month page its own), so an arrival leaves this page as it is.
        view = ArchiveView(
            name=actor.name,
            description=here.plain(
                f"Every source naming {actor.name}, with its quotations, by month"
            ),
            actor_href=here.url(actor_path(actor.id)),
            years=tuple(shown),
        )
        self.add_keyed_view("actor_archive.md.j2", path, view)

    def add_archive_year(
        self, actor: Actor, year: int, label: str, months: list[ArchiveMonth]
    ) -> str:
        """A year of an actor's archive; each month's block is cached under the link keys
        of its sources (what its rows are drawn from) and stands for that key in the view.
        A year too long for one page links to a page per month instead."""
        path = archive_year_path(actor.id, year)
        here = self.here(path)
        rows = sum(len(m.refs) + len(m.quotes) for m in months)
        by_page = len(months) > 1 and rows > ARCHIVE_YEAR_ROWS
        blocks: list[tuple[str, Deferred[str]]] = []
        for month in months:
            if by_page:  # a link without counts: the month's page has them
                page = self.add_archive_month(actor, year, month, path)
                line = f"[The sources and quotations of {month.label}]({here.url(page)})\n"
                blocks.append((month.label, Deferred(line, partial(str, line))))
                continue
            key = self.month_key(path, month.refs, month.quotes)
            MONTHS.keep(key)
            make = partial(self.month, here, key, month.refs, month.quotes)
            blocks.append((month.label, Deferred(key, make)))
        refs, quotes = sum(len(m.refs) for m in months), sum(len(m.quotes) for m in months)
        view = ArchiveYearView(
            name=actor.name,
            year_label=label,
            counted=None
            if by_page
            else f"{_plural(refs, 'source')}, {_plural(quotes, 'quotation')}",
            archive_href=here.url(archive_path(actor.id)),
            actor_href=here.url(actor_path(actor.id)),
            months=tuple(blocks),
        )
        self.add_keyed_view("actor_archive_year.md.j2", path, view)
        return path

    def add_archive_month(
        self, actor: Actor, year: int, month: ArchiveMonth, year_page: str
    ) -> str:
        """One month of an actor's archive on its own page (a year too long for one)."""
        path = archive_month_path(actor.id, year, month.number)
        here = self.here(path)
        key = self.month_key(path, month.refs, month.quotes)
        MONTHS.keep(key)
        view = ArchiveMonthView(
            actor=actor.name,
            label=month.label,
            sources=len(month.refs),
            quotes=len(month.quotes),
            year_href=here.url(year_page),
            actor_href=here.url(actor_path(actor.id)),
            block=Deferred(key, partial(self.month, here, key, month.refs, month.quotes)),
        )
        self.add_keyed_view("actor_archive_month.md.j2", path, view)
        return path

    def month_key(self, path: str, refs: list[SourceMention], quotes: list[Quote]) -> str:
        """What a month of an archive shows is a function of its sources' texts and the
        actors: what their link keys hash."""
        sources = sorted({r.source for r in refs} | {q.source for q in quotes})
        keys = [self.analysis.linked.keys[s] for s in sources]
        return digest(path, self.directory_urls, keys)  # its links are built URLs

    def month(self, here: Here, key: str, refs: list[SourceMention], quotes: list[Quote]) -> str:
        return MONTHS.get_or_make(
            key,
            lambda: self.draw("_actor_month.md.j2", month_view(here.html, refs, quotes)),
        )

    def add_event_pages(self) -> None:
        for event in self.corpus.events.values():
            profile = self.analysis.events[event.id]
            path = event_path(event.id)
            view = event_view(self.here(path), event, profile, key_evidence(profile.evidence))
            self.add_view("event.md.j2", path, view)

    def add_source_pages(self) -> None:
        """Keyed by their views: the events each attests, and its body by the source's link
        key (its file and the actors); a source page shows nothing of other sources."""
        for source in self.corpus.sources.values():
            path = source_path(source.id)
            self.add_keyed_view("source.md.j2", path, source_view(self.here(path), source))

    def add_phase_pages(self) -> None:
        """A page per phase of the briefing, linked to the phases before and after it."""
        for index, profile in enumerate(self.analysis.phases):
            path = phase_path(profile)
            # LATEST: a phase page must not grow with the corpus
            self.add_view("phase.md.j2", path, phase_view(self.here(path), index, LATEST))

    def add_overviews(self) -> None:
        """Home, timeline, network, indexes, print page and feeds (dossier.json: render_site)."""
        # Keyed by their views: a build that changes nothing they show (an arrival, for the
        # timeline and the network) does not draw them or read their files again.
        analysis, directory_urls = self.analysis, self.directory_urls
        picture = recent_timeline_picture(analysis, "index.md", directory_urls)
        self.add_keyed_view("home.md.j2", "index.md", home_view(self.here("index.md"), picture))
        picture = timeline_picture(analysis, "timeline.md", directory_urls)
        self.add_keyed_view(
            "timeline.md.j2", "timeline.md", timeline_view(self.here("timeline.md"), picture)
        )
        self.add_keyed_view("network.md.j2", "network.md", self.network_view())
        self.add_keyed_view(
            "actors_index.md.j2", "actors/index.md", actors_index_view(self.here("actors/index.md"))
        )
        self.add_keyed_view(
            "events_index.md.j2", "events/index.md", events_index_view(self.here("events/index.md"))
        )
        self.add_keyed_view("claims.md.j2", "claims.md", claims_view(self.here("claims.md")))
        self.add_keyed_view("tags.md.j2", "tags.md", None)  # static: Material fills it
        self.add_listings()
        self.add_whats_new()
        self.pages.add(ATOM_FILE, atom_feed(analysis))
        self.pages.add(ICS_FILE, icalendar(analysis, self.corpus.newest_published))

    def network_view(self) -> NetworkView:
        here, analysis = self.here("network.md"), self.analysis
        picture = network_picture(analysis, "network.md", self.directory_urls)
        everyone = network_picture(analysis, "network.md", self.directory_urls, everyone=True)
        rows = tuple(
            RelationRow(
                here.actor(a), here.actor(b), ", ".join(words), tuple(here.event(e) for e in events)
            )
            for a, b, words, events in relation_rows(analysis)
        )
        return NetworkView(picture, everyone, rows)

    def add_listings(self) -> None:
        """The sources index (a page per month) and the printable dossier (its sources on
        a page per year): keyed by their views, so an arrival redraws one month and one year."""
        index, months = sources_pages(self.analysis)
        self.add_keyed_view("sources_index.md.j2", SOURCES_INDEX, index)
        for path, month in months:
            self.add_keyed_view("sources_month.md.j2", path, month)
        years = print_years(self.analysis)
        self.add_keyed_view("print.md.j2", PRINT, print_view(self.analysis, KIND_LABELS, years))
        for year in years:
            self.add_keyed_view("print_sources.md.j2", year.page, year)

    def add_whats_new(self) -> None:
        """The digest of each build that changed the corpus (corpus/history.yml): the newest
        on What's new, every one on its month's page (keyed: the months before the newest
        are not drawn again)."""
        self.add_keyed_view("whats_new.md.j2", WHATS_NEW, whats_new_view(self.here(WHATS_NEW)))
        for path, month in whats_new_months(self.analysis, self.here):
            self.add_keyed_view("whats_new_month.md.j2", path, month)
        self.pages.add(WHATS_NEW_FILE, whats_new_feed(self.corpus))


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


def publication_months(corpus: Corpus) -> dict[str, tuple[int, int]]:
    """(year, month) each source was published in; (0, 0) when unknown."""
    return {
        s.id: (s.published.year, s.published.month) if s.published else (0, 0)
        for s in corpus.sources.values()
    }


def by_month(
    profile: ActorProfile, months: dict[str, tuple[int, int]]
) -> list[tuple[tuple[int, int], str, list[SourceMention], list[Quote]]]:
    """An actor's sources and quotes grouped by month of publication, newest month first:
    (year, month) (0, 0 for undated), its label, its sources, its quotes."""
    month = months.__getitem__
    refs: dict[tuple[int, int], list[SourceMention]] = defaultdict(list)
    for ref in profile.sources:
        refs[month(ref.source)].append(ref)
    quotes: dict[tuple[int, int], list[Quote]] = defaultdict(list)
    for q in profile.quotes:
        quotes[month(q.source)].append(q)
    return [
        (
            (year, number),
            f"{FuzzyDate.MONTHS[number - 1]} {year}" if year else "Date unknown",
            refs.get((year, number), []),
            quotes.get((year, number), []),
        )
        for year, number in sorted(refs.keys() | quotes.keys(), reverse=True)
    ]


def _published_range(corpus: Corpus, profile: ActorProfile) -> tuple[str, str] | None:
    """The first and the last publication dates of an actor's sources. They come newest
    first, the undated last (ActorProfile): the ends are read, not all 4,000 of Putin's."""
    if not profile.sources:
        return None
    sources = corpus.sources
    dated = (sources[r.source].published for r in reversed(profile.sources))
    first = next((day for day in dated if day is not None), None)
    last = sources[profile.sources[0].source].published
    return None if first is None or last is None else (first.isoformat(), last.isoformat())


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def dossier_json(analysis: Analysis) -> str:
    # no indent: json's C encoder is used only without one (five times faster)
    return json.dumps(export(analysis), ensure_ascii=False, sort_keys=True) + "\n"


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
