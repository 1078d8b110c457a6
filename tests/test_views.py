"""View-models: templates get only a typed view and only loop and print; a keyed page's key
is its view's digest; each page kind's view holds what its page shows, resolved."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2 import Environment, meta, nodes

import generator.stages.render as render
from generator.model import Corpus, HistoryEntry, Phase
from generator.pipeline import check
from generator.stages.analyse import Analysis, analyse
from generator.stages.link import link_sources
from generator.stages.render import make_environment, render_site
from generator.stages.views.actors import ActorFacts, actor_view, month_view
from generator.stages.views.base import Deferred, Here, Link, outlet_profiles, page_key
from generator.stages.views.events import claims_view, event_view, key_evidence
from generator.stages.views.listings import outlet_slugs, sources_pages
from generator.stages.views.overviews import (
    RECENT_ENTRIES,
    RECENT_ITEMS,
    actors_index_view,
    events_index_view,
    home_view,
    phase_view,
    timeline_view,
    whats_new_months,
    whats_new_view,
)
from generator.stages.views.sources import source_view
from tests.conftest import MINI_CORPUS

TEMPLATES = Path(render.__file__).parent.parent / "templates"
VIEW_TEMPLATES = sorted(p.name for p in TEMPLATES.glob("*.j2"))  # every one: no exceptions
# Presentation only: escaping, number and word formatting.
FILTERS = {"md", "html", "mdurl", "yaml", "description", "count", "length", "join", "capitalize"}
FILTERS |= {"e"}


def analysed(corpus: Corpus) -> Analysis:
    return analyse(corpus, link_sources(corpus))


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analysed(check(MINI_CORPUS))


@pytest.fixture(scope="module")
def phased(analysis: Analysis) -> Analysis:
    """The mini corpus with a phase in its briefing, and a history of two months."""
    corpus = analysis.corpus
    phase = Phase("The talks", dt.date(2020, 3, 1), dt.date(2020, 3, 31), "See [[actor:putin]].")
    briefing = dataclasses.replace(corpus.briefing, phases=(phase,))
    history = (
        HistoryEntry(dt.date(2026, 11, 29), sources_added=tuple(corpus.sources)),
        HistoryEntry(dt.date(2026, 10, 2), actors_added=("putin",), first=True),
    )
    return analysed(dataclasses.replace(corpus, briefing=briefing, history=history))


def here(analysis: Analysis, path: str) -> Here:
    return Here(analysis, path, outlet_profiles(analysis.corpus))


# ---- the template rules ----


def test_the_rules_see_every_template() -> None:
    assert "source.md.j2" in VIEW_TEMPLATES and "_view.j2" in VIEW_TEMPLATES


def lookups(ast: nodes.Template) -> Iterator[str]:
    """What a template computes or looks up instead of printing its view."""
    macros = {m.name for m in ast.find_all(nodes.Macro)}
    aliases = {i.target for i in ast.find_all(nodes.Import)}
    for node in ast.find_all((nodes.Getitem, nodes.Call, nodes.Filter, nodes.Compare)):
        if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
            yield f"line {node.lineno}: a lookup by a computed key"
        elif isinstance(node, nodes.Call):
            callee = node.node
            macro = isinstance(callee, nodes.Name) and callee.name in macros
            imported = (
                isinstance(callee, nodes.Getattr)
                and isinstance(callee.node, nodes.Name)
                and callee.node.name in aliases
            )
            if not (macro or imported):
                yield f"line {node.lineno}: a call that is not a macro"
        elif isinstance(node, nodes.Filter) and node.name not in FILTERS:
            yield f"line {node.lineno}: filter {node.name}"
        elif isinstance(node, nodes.Compare) and any(op.op in ("in", "notin") for op in node.ops):
            yield f"line {node.lineno}: a membership test"


@pytest.mark.parametrize("name", VIEW_TEMPLATES)
def test_templates_read_only_their_view_and_only_print_it(name: str) -> None:
    env = make_environment()
    assert env.loader is not None
    source = env.loader.get_source(env, name)[0]
    ast = env.parse(source)
    assert meta.find_undeclared_variables(ast) <= {"view"}, name
    assert list(lookups(ast)) == [], name


def test_the_rules_catch_a_lookup() -> None:
    env = Environment()
    found = list(
        lookups(env.parse("{{ corpus.sources[ref.source].title }}{{ xs|selectattr('a') }}"))
    )
    assert len(found) == 2
    found = list(lookups(env.parse("{{ a.index(b) }}{% if x in y %}{% endif %}")))
    assert len(found) == 2


def test_each_view_template_renders_from_its_view_alone(
    phased: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page drawn from a view is drawn again, identically, by an environment that has
    nothing but the filters (StrictUndefined: a name not in the view fails)."""
    drawn: list[tuple[str, object, str]] = []
    draw = render._SiteRenderer.draw

    def recording(self: render._SiteRenderer, template: str, view: object) -> str:
        text = draw(self, template, view)
        drawn.append((template, view, text))
        return text

    monkeypatch.setattr(render._SiteRenderer, "draw", recording)
    monkeypatch.setattr(render, "LATEST", 1)  # archives for the mini corpus too
    monkeypatch.setattr(render, "ARCHIVE_YEAR_ROWS", 0)  # and a page per month
    pages = render_site(phased)
    assert all(pages[path] is not None for path in pages)
    bare = make_environment()
    assert not set(bare.globals) - {"range", "dict", "lipsum", "cycler", "joiner", "namespace"}
    templates = {template for template, _, _ in drawn}
    assert {"actor_archive.md.j2", "actor_archive_year.md.j2", "_actor_month.md.j2"} <= templates
    assert templates == set(VIEW_TEMPLATES) - {"_view.j2", "_claims.j2", "_whats_new.j2"}
    for template, view, text in drawn:
        assert bare.get_template(template).render(view=view) == text


# ---- page keys ----


def test_a_keyed_page_key_is_its_view_digest(analysis: Analysis) -> None:
    pages = render_site(analysis)
    source = next(iter(analysis.corpus.sources.values()))
    path = f"sources/{source.id}.md"
    view = source_view(here(analysis, path), source)
    assert pages.key(path) == page_key(render.code_version(), (path, view))


def test_a_deferred_part_is_in_the_key_by_its_key_only() -> None:
    made: list[int] = []

    def make() -> str:
        made.append(1)
        return "text"

    part = Deferred("k1", make)
    assert repr(part) == "Deferred(key='k1')" and not made
    assert part.value == "text" and part.value == "text" and made == [1]
    assert page_key("code", part) == page_key("code", Deferred("k1", lambda: "other"))
    assert page_key("code", part) != page_key("code", Deferred("k2", make))


def test_source_page_keys_change_with_what_they_show_only(analysis: Analysis) -> None:
    """The talks' source page and Putin's page show the talks, not the jet downing."""
    corpus = analysis.corpus
    before = render_site(analysis)
    for event_id, changes in (("jet-downing", False), ("moscow-talks", True)):
        event = dataclasses.replace(corpus.events[event_id], title="Retitled")
        changed = dataclasses.replace(corpus, events={**corpus.events, event_id: event})
        after = render_site(analysed(changed))
        for path in ("sources/alpha-2020-03-05-talks.md", "actors/putin.md"):
            assert (before.key(path) != after.key(path)) is changes, (event_id, path)
            assert (before[path] != after[path]) is changes, (event_id, path)


# ---- a view per page kind ----


def test_source_view_resolves_links_and_defers_the_body(analysis: Analysis) -> None:
    source = analysis.corpus.sources["alpha-2020-03-05-talks"]
    view = source_view(here(analysis, "sources/alpha-2020-03-05-talks.md"), source)
    assert view.events[0].link == Link("Putin and Erdoğan meet in Moscow",
                                       "../events/moscow-talks.md")  # fmt: skip
    assert view.description == (
        f"{source.outlet}, 2020-03-05: {source.title}. {source.paragraphs[0]}"
    )
    # the body stands in the page key for the source's link key (its file and the actors)
    # and the form of its links (built URLs, with or without directory URLs)
    assert view.body.key == f"{analysis.linked.keys[source.id]}:dir"
    assert "SourceBody" not in repr(view)
    body = view.body.value
    assert body.published == "2020-03-05" and body.published_known
    assert Link("Vladimir Putin", "../actors/putin.md") in [link for link, _ in body.actors]
    assert body.sections[0] == ("text", "Text") and len(body.paragraphs) == len(source.paragraphs)
    assert ("events-in-this-source", "Events") in body.sections
    linked = [run for runs in body.paragraphs for run in runs if run.href]
    # raw HTML, with .md links as Markdown's (the MkDocs hook makes them built URLs)
    assert linked and all(run.href.startswith("../actors/") for run in linked)
    assert all(run.href.endswith(".md") for run in linked)


def test_actor_view_lists_affiliated_actors_and_a_persons_infobox(analysis: Analysis) -> None:
    corpus = analysis.corpus
    russia = actor_view(
        here(analysis, "actors/russia.md"), corpus.actors["russia"], analysis.actors["russia"],
        ActorFacts(None, ("putin", "kremlin"), None, None), latest=20, related=15,
    )  # fmt: skip
    assert [link.label for link in russia.affiliated] == ["Vladimir Putin", "Kremlin"]
    assert russia.infobox is None and russia.kind_label == "States"
    putin = actor_view(
        here(analysis, "actors/putin.md"), corpus.actors["putin"], analysis.actors["putin"],
        ActorFacts("russia", (), ("2020-02-21", "2020-03-05"), None), latest=1, related=15,
    )  # fmt: skip
    assert putin.infobox is not None and putin.infobox.state == Link("Russia", "russia.md")
    assert putin.infobox.office == "Russian leader"
    assert putin.infobox.in_sources == "2 sources, 2020-02-21 to 2020-03-05"
    assert putin.events[0].role == "host" and putin.events[0].kind == "meeting"
    assert len(putin.sources) == 1 and putin.source_total == 2
    assert putin.archive_href == "putin/sources.md"


def test_event_view_resolves_claims_and_evidence(analysis: Analysis) -> None:
    event, profile = analysis.corpus.events["moscow-talks"], analysis.events["moscow-talks"]
    view = event_view(
        here(analysis, "events/moscow-talks.md"), event, profile, key_evidence(profile.evidence)
    )
    assert view.place == Link("Moscow", "../actors/moscow.md")
    assert ("contested", "Contested") in view.sections
    (claim,) = view.claims
    (asserts,) = claim.asserts
    assert asserts.by == Link("Kremlin", "../actors/kremlin.md") and asserts.paragraph >= 1
    assert asserts.href == "../sources/beta-2020-02-21-call.md"
    assert [row.cite.published for row in view.key_evidence] == ["2020-03-05"]
    assert claims_view(here(analysis, "claims.md")).claims[0][0].date == view.date


def test_index_views_group_and_order(analysis: Analysis) -> None:
    actors = actors_index_view(here(analysis, "actors/index.md"))
    assert [label for label, _ in actors.groups][:2] == ["People", "States"]
    assert actors.count == len(analysis.corpus.actors)
    events = events_index_view(here(analysis, "events/index.md"))
    assert [row.event.link.href for row in events.events] == [
        "jet-downing.md", "moscow-talks.md",
    ]  # fmt: skip
    assert [row.contested for row in events.events] == [False, True]
    timeline = timeline_view(here(analysis, "timeline.md"), "<svg/>")
    assert [(year, [m for m, _ in months]) for year, months in timeline.years] == [
        (2015, ["November"]), (2020, ["March"]),
    ]  # fmt: skip


def test_outlets_get_a_page_per_year_newest_first_undated_last(analysis: Analysis) -> None:
    """The sources by outlet (they were the Tags page's, drawn whole by every build): each
    outlet lists its years on the sources index, and each year is a page of its own."""
    sources = analysis.corpus.sources
    first, second = sorted(sources)[:2]
    moved = {
        first: dataclasses.replace(sources[first], outlet="Gamma Wire", published=None),
        second: dataclasses.replace(sources[second], outlet="Gamma Wire"),
    }
    mixed = analysed(dataclasses.replace(analysis.corpus, sources={**sources, **moved}))
    index, pages = sources_pages(mixed)
    gamma = next(o for o in index.outlets if o.name == "Gamma Wire")
    year = str(sources[second].published.year)  # type: ignore[union-attr]
    assert [(y.label, y.count) for y in gamma.years] == [(year, 1), ("Date unknown", 1)]
    assert [y.href for y in gamma.years] == [
        f"outlets/gamma-wire/{year}.md", "outlets/gamma-wire/undated.md",
    ]  # fmt: skip
    views = dict(pages)
    dated = views[f"sources/outlets/gamma-wire/{year}.md"]
    assert [row.title for row in dated.rows] == [sources[second].title]
    assert dated.scope == f"from Gamma Wire, {year}" and dated.index_href == "../../index.md"
    assert dated.older is not None and dated.older.href == "undated.md"


def test_outlet_folders_are_latin_and_told_apart() -> None:
    slugs = outlet_slugs({"RFI", "Rfi", "Интерфакс", "<script>", "!!!"})
    assert slugs["RFI"] == "rfi" and slugs["Rfi"] == "rfi-2"  # in name order, every build
    assert slugs["Интерфакс"] == "interfaks"
    assert slugs["<script>"] == "script" and slugs["!!!"] == "outlet"


def test_home_and_phase_views(phased: Analysis) -> None:
    view = phase_view(here(phased, "phases/1-the-talks.md"), 0, latest=20)
    assert view.total == 1 and view.previous is None and view.following is None
    assert view.summary_md == "See [Vladimir Putin](../actors/putin.md)."
    assert view.description.endswith("See Vladimir Putin.")
    assert [e.event.link.label for e in view.events] == ["Putin and Erdoğan meet in Moscow"]
    home = home_view(here(phased, "index.md"), "<svg/>")
    assert home.phases[0].link == Link("The talks", "phases/1-the-talks.md")
    assert home.figures.sources == 2 and home.hrefs.timeline == "timeline.md"
    assert home.latest_events[0][0].link.href == "events/moscow-talks.md"


def test_whats_new_view_names_records_and_what_was_removed(analysis: Analysis) -> None:
    entry = HistoryEntry(
        dt.date(2026, 11, 29),
        sources_added=("alpha-2020-03-05-talks", "gone-source"),
        claims_added=("settlement-agreed",),
    )
    corpus = dataclasses.replace(analysis.corpus, history=(entry,))
    view = whats_new_view(here(analysed(corpus), "whats-new.md"))
    (shown,) = view.entries
    assert shown.date == "29 November 2026" and shown.first is None
    sources, claims = shown.changes
    assert sources.label == "Sources added"
    assert sources.items[0].link == Link(
        corpus.sources["alpha-2020-03-05-talks"].title, "sources/alpha-2020-03-05-talks.md"
    )
    assert sources.items[1].gone and sources.items[1].text == "gone-source"
    assert claims.items[0].text == corpus.claims["settlement-agreed"].claim


def test_whats_new_shows_the_newest_and_each_month_in_full(analysis: Analysis) -> None:
    """What's new is bounded (the newest entries, each list cut short, the months as links);
    every entry is in full on its month's page, which links to the month before it."""
    many = tuple(analysis.corpus.sources) * RECENT_ITEMS  # more than What's new shows
    days = range(RECENT_ENTRIES + 2)
    newest = [HistoryEntry(dt.date(2026, 11, 29 - d), sources_added=many) for d in days]
    history = (*newest, HistoryEntry(dt.date(2026, 9, 1), first=True))
    found = analysed(dataclasses.replace(analysis.corpus, history=history))
    view = whats_new_view(here(found, "whats-new.md"))
    assert len(view.entries) == RECENT_ENTRIES
    (change,) = view.entries[0].changes
    assert len(change.items) == RECENT_ITEMS < change.total == len(many)
    assert view.entries[0].month == Link("November 2026", "whats-new/2026-11.md")
    assert [(y.label, [m.label for m in y.months]) for y in view.years] == [
        ("2026", ["November", "September"])
    ]
    months = whats_new_months(found, lambda path: here(found, path))
    assert [path for path, _ in months] == ["whats-new/2026-11.md", "whats-new/2026-09.md"]
    november, september = months[0][1], months[1][1]
    assert len(november.entries) == RECENT_ENTRIES + 2
    assert all(len(e.changes[0].items) == len(many) for e in november.entries)
    assert november.older == Link("September 2026", "2026-09.md") and september.older is None
    assert november.entries[0].changes[0].items[0].link.href.startswith("../sources/")


def test_archive_views_by_year_and_month(
    analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = analysis.actors["putin"]
    year_page = "actors/putin/sources/2020.md"
    month = month_view(here(analysis, year_page), list(profile.sources), list(profile.quotes))
    assert [row.published for row in month.sources] == ["2020-03-05", "2020-02-21"]
    assert month.sources[0].para.href.startswith("../../../sources/alpha-2020-03-05-talks.md#p")
    monkeypatch.setattr(render, "LATEST", 1)  # so the mini corpus's actors get archives
    pages = render_site(analysis)
    archive = pages["actors/putin/sources.md"]
    assert "- [2020](sources/2020.md)" in archive and "2 sources" not in archive  # no counts
    year = pages[year_page]
    assert "2 sources, 1 quotation, by month" in year  # the year's counts are on its page
    assert year.index("## March 2020") < year.index("## February 2020")
    assert "[Vladimir Putin](../../putin.md)" in year


@pytest.mark.parametrize(
    ("undated", "expected"),
    [
        ((), ("2020-02-21", "2020-03-05")),
        (("alpha-2020-03-05-talks",), ("2020-02-21", "2020-02-21")),  # the newest undated
        (("beta-2020-02-21-call",), ("2020-03-05", "2020-03-05")),  # the oldest undated
        (("alpha-2020-03-05-talks", "beta-2020-02-21-call"), None),
    ],
)
def test_an_actors_publication_range_is_its_dated_sources_first_and_last(
    undated: tuple[str, ...], expected: tuple[str, str] | None
) -> None:
    """Read from the ends of the actor's sources (newest first, the undated last): the
    same as the first and last of every dated one."""
    corpus = check(MINI_CORPUS)
    sources = {
        k: dataclasses.replace(s, published=None) if k in undated else s
        for k, s in corpus.sources.items()
    }
    analysis = analysed(dataclasses.replace(corpus, sources=sources))
    profile = analysis.actors["putin"]
    dates = sorted(d for r in profile.sources if (d := sources[r.source].published))
    assert len(profile.sources) == 2
    assert render._published_range(analysis.corpus, profile) == expected
    assert expected == ((dates[0].isoformat(), dates[-1].isoformat()) if dates else None)
