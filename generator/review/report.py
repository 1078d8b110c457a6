"""A review of what the corpus does not know yet: new names, events, dates, ambiguities.

`build_review` returns one JSON-able dict in which every proposal carries a stable `key`
(see generator.review.keys) for `accept` and `reject`; proposals rejected before (recorded in
corpus/review.yml) are left out unless asked for. `format_review` turns it into text for a
human, with every sentence in full. Review builds on the stages directly (the build's
pipeline imports review, not the other way round).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.cache import fresh_run
from generator.errors import DossierError
from generator.model import ACTOR_KINDS, Corpus
from generator.review import keys
from generator.review.candidates import CandidateActor, find_candidates, languages
from generator.review.decisions import Decision, read_decisions
from generator.review.event_match import CandidateEvent, EventLink, match_events
from generator.review.undated import Proposal, review_events
from generator.stages.analyse import Analysis, analyse
from generator.stages.link import link_sources
from generator.stages.load import load_corpus
from generator.stages.validate import did_you_mean, validate
from generator.text.matching import generic_alias
from generator.yamledit import flow_list, render_record, scalar

SECTIONS = ("actors", "events", "event_links", "dates", "published", "ambiguous")


def check(corpus_dir: Path) -> Corpus:
    fresh_run()
    return validate(load_corpus(corpus_dir))


# Written after an empty description, in review's YAML and in actors.yml by `accept`.
DESCRIPTION_HINT = "# write a few neutral words: who or what this is"


def proposed_description(candidate: CandidateActor) -> str:
    """A proposal, for the analyst to accept or edit: the title or apposition the sources
    give the name ("Turkish defence minister"), or "" when they give none. Never the article's
    sentence: that is the source's claim, not the dossier's description."""
    return candidate.role


def description_yaml(text: str) -> str:
    """The description's YAML value; an empty one carries the hint to write one."""
    return scalar(text) if text else f'""  {DESCRIPTION_HINT}'


def actor_yaml(candidate: CandidateActor) -> str:
    kind = candidate.kind if candidate.kind in ACTOR_KINDS else "TODO"
    record = render_record(
        [
            ("id", candidate.suggested_id),
            ("name", scalar(candidate.name)),
            ("kind", kind + ("" if kind != "TODO" else f"  # one of {', '.join(ACTOR_KINDS)}")),
            ("aliases", flow_list(candidate.aliases)),
            ("description", description_yaml(proposed_description(candidate))),
        ]
    )
    return record.rstrip("\n")


@dataclass(frozen=True)
class NewCandidates:
    """What sources new in a build bring that the curated corpus does not hold yet."""

    sources: tuple[str, ...]
    names: tuple[str, ...]
    events: int
    too_long: int = 0  # > 0: characters of new text, too many to scan in a build


def candidates_in(
    analysis: Analysis, source_ids: list[str], decided: Set[str] = frozenset()
) -> NewCandidates:
    """Candidate actors and events found in some sources (told apart from common words by the
    whole corpus's vocabulary, as in the full review): for the summary after a build.
    decided: keys of proposals decided before (corpus/review.yml), left out."""
    corpus = analysis.corpus
    sources = {s: corpus.sources[s] for s in sorted(source_ids)}
    chosen = replace(corpus, sources=sources, claims={})  # claims quote the other sources
    linked = link_sources(chosen)
    actors, _ = find_candidates(chosen, linked.links, analysis.linked.vocabulary())
    _, events = match_events(analyse(chosen, linked))
    names = tuple(a.name for a in actors if keys.actor_key(a.name) not in decided)
    fresh = [
        e
        for e in events
        if keys.event_key(e.date, e.evidence_source or e.sources[0], e.evidence) not in decided
    ]
    return NewCandidates(tuple(chosen.sources), names, len(fresh))


def warm_scan(analysis: Analysis) -> None:
    """Draw into the cache what the scan for new names reads of the whole corpus (its
    vocabulary) and of the place-name packages (the gazetteer), when nothing new was scanned:
    a first build, or the first after the generator changed, skips the scan (too many new
    sources, or none), and the next arrival drew both in its turn (1 s at 1,000 sources, on
    the critical path). The build calls this while MkDocs builds the whole site."""
    from generator.review.candidates.lexicon import gazetteer

    analysis.linked.vocabulary()
    gazetteer()


def _actor(c: CandidateActor) -> dict[str, Any]:
    return {
        "key": keys.actor_key(c.name),
        "name": c.name,
        "kind": c.kind,
        "aliases": list(c.aliases),
        "mentions": c.mentions,
        "sources": list(c.sources),
        "context": c.context,
        "suggested_id": c.suggested_id,
        "description": proposed_description(c),
        "yaml": actor_yaml(c),
    }


def _events(candidates: list[CandidateEvent], corpus: Corpus) -> list[dict[str, Any]]:
    """The proposed events, each with an id free of the corpus's and of the ones before it
    (so `accept --all-events` can take them all)."""
    taken = set(corpus.events)
    found = []
    for candidate in candidates:
        item = _event(candidate, corpus, taken)
        taken.add(item["suggested_id"])
        found.append(item)
    return keys.unique(found, "evidence")


def _names(corpus: Corpus, c: CandidateEvent) -> dict[str, str]:
    """The names of those the event's title may name, to their ids (for its id)."""
    ids = [a for a in (*c.participants, c.place) if a and a in corpus.actors]
    return {corpus.actors[a].name: a for a in ids}


def _event(c: CandidateEvent, corpus: Corpus, taken: set[str]) -> dict[str, Any]:
    title = c.title  # who did what, where: read from the sentence (review/event_shape.py)
    people = {a: corpus.actors[a].all_names for a in c.participants
              if a in corpus.actors and corpus.actors[a].kind == "person"}  # fmt: skip
    return {
        "key": keys.event_key(c.date, c.evidence_source or c.sources[0], c.evidence),
        "roles": dict(c.roles) or keys.guess_roles(c.kind, c.evidence, people),
        "title": title,
        "suggested_id": keys.event_id(title, c.date, taken, _names(corpus, c)),
        "date": c.date,
        "date_precision": c.date_precision,
        "kind": c.kind,
        "participants": list(c.participants),
        "place": c.place,
        "sources": list(c.sources),
        "source": c.evidence_source or c.sources[0],
        "evidence": c.evidence,
        "paragraph": c.paragraph + 1,
        # "" when the sentence's own date, read from the source's own publication date, gives it
        "date_from": "; ".join(note for note in (c.date_from, c.provisional) if note),
        "weak": c.weak,  # "" when the evidence names every person taking part
    }


def _link(e: EventLink) -> dict[str, Any]:
    return {
        "key": keys.link_key(e.event, e.source, e.sentence),
        "event": e.event,
        "source": e.source,
        "paragraph": e.paragraph + 1,
        "text": e.sentence,
        "date_from": e.date_from,  # "" when the sentence states the date itself
    }


def _dates(links: list[EventLink], corpus: Corpus) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for e in links:
        if e.refined is None:
            continue
        found.setdefault(
            keys.date_key(e.event, e.refined),
            {
                "key": keys.date_key(e.event, e.refined),
                "event": e.event,
                "date": e.refined,
                "known": corpus.events[e.event].date.iso,
                "source": e.source,
                "text": e.sentence,
            },
        )
    return list(found.values())


def _published(found: list[Proposal]) -> list[dict[str, Any]]:
    return [
        {
            "key": keys.published_key(p.source, p.date.isoformat()),
            "source": p.source,
            "date": p.date.isoformat(),
            "why": p.why,
            "inferred": True,  # never the source's date until the analyst accepts it
        }
        for p in found
    ]


def _unknown_metadata(corpus: Corpus, undated: Mapping[str, str]) -> list[dict[str, Any]]:
    """Sources whose date or outlet is unknown; for an undated one without a proposed date,
    why the text does not give one (`published_note`)."""
    unknown = []
    for source in corpus.sources.values():
        fields = [
            name
            for name, missing in (
                ("published", source.published is None),
                ("outlet", not source.outlet or source.outlet.strip().lower() == "unknown"),
            )
            if missing
        ]
        if fields:
            note = {"published_note": undated[source.id]} if source.id in undated else {}
            unknown.append({"id": source.id, "fields": fields, **note})
    return unknown


def proposals(
    corpus: Corpus, undated: dict[str, str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Every proposal, keyed, whether decided before or not; `undated` is filled with why
    an undated source gets no proposed date, where its text says something of it."""
    linked = link_sources(corpus)
    found = review_events(corpus, analyse(corpus, linked))
    if undated is not None:
        undated.update(found.undated)
    event_links, candidate_events = found.links, found.candidates
    candidate_actors, ambiguous = find_candidates(corpus, linked.links, linked.vocabulary())
    return {
        "actors": keys.unique([_actor(c) for c in candidate_actors], "name"),
        "events": _events(candidate_events, corpus),
        "event_links": [_link(e) for e in event_links if not e.cited],
        "dates": _dates(event_links, corpus),
        "published": _published(found.proposals),
        "ambiguous": [{"key": keys.ambiguous_key(a), **a} for a in ambiguous],
    }


def build_review(
    corpus_dir: Path, show_all: bool = False, sources: Sequence[str] = ()
) -> dict[str, Any]:
    """Run inside the build's store (`using(Cache(paths.cache))`), review links no source
    twice. show_all: also the proposals rejected before, each with its decision. sources:
    only what these bring (the day's articles, in a dossier of months of open proposals)."""
    corpus = check(corpus_dir)
    for wanted in sources:
        if wanted not in corpus.sources:
            longer = sorted(i for i in corpus.sources if i.startswith(wanted))  # its start
            hint = (
                f" (did you mean '{longer[0]}'?)"
                if longer
                else did_you_mean(wanted, corpus.sources)
            )
            hint = hint or " (see corpus/sources/)"
            raise DossierError(f"--source '{wanted}': no such source{hint}")
    decided = read_decisions(corpus_dir)
    found: dict[str, Any] = {}
    undated: dict[str, str] = {}
    for section, items in proposals(corpus, undated).items():
        found[section] = _with_decisions(items, decided, show_all)
    found["sources_unknown_metadata"] = _unknown_metadata(corpus, undated)
    found["names_not_proposed"] = [
        {"source": source, "language": language}
        for source, language in sorted(languages.unsupported(corpus).items())
    ]
    return _of_sources(found, set(sources)) if sources else found


def _of_sources(review: dict[str, Any], wanted: Set[str]) -> dict[str, Any]:
    """Each section with only the items one of the wanted sources gives."""

    def gives(item: dict[str, Any]) -> bool:
        named = {*item.get("sources", ()), item.get("source"), item.get("id")}
        return not named.isdisjoint(wanted)

    return {section: [i for i in items if gives(i)] for section, items in review.items()}


def _with_decisions(
    items: list[dict[str, Any]], decided: dict[str, Decision], show_all: bool
) -> list[dict[str, Any]]:
    kept = []
    for item in items:
        decision = decided.get(item["key"])
        if decision is None:
            kept.append(item)
        elif show_all:
            kept.append({**item, "decision": decision.as_dict()})
    return kept


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _decided(item: dict[str, Any]) -> str:
    decision = item.get("decision")
    if not decision:
        return ""
    reason = f": {decision['reason']}" if decision.get("reason") else ""
    return f" [{decision['decision']} on {decision['date']}{reason}]"


def _actor_lines(actors: list[dict[str, Any]]) -> list[str]:
    lines = [f"New names ({len(actors)}):"]
    for actor in actors:
        guess = actor["kind"] if actor["kind"] in ACTOR_KINDS else "kind unknown"
        counts = (
            f"{_plural(actor['mentions'], 'mention')} in {_plural(len(actor['sources']), 'source')}"
        )
        lines.append(f"  {actor['key']}  {actor['name']} ({guess}?, {counts}){_decided(actor)}")
        if generic_alias(actor["name"]):
            lines.append(
                "      (a generic name: every state has one, and as an actor's name it would "
                "match them all; reject it, or write the actor with whose it is by hand)"
            )
        lines.append(f"      «{actor['context']}»")
        if actor.get("description"):
            lines.append(f"      description: {actor['description']}")
    return lines


def _event_lines(events: list[dict[str, Any]]) -> list[str]:
    lines = [f"Possible events ({len(events)}):"]
    for event in events:
        roles = event.get("roles", {})
        who = (
            ", ".join(f"{a} ({roles[a]})" if a in roles else a for a in event["participants"])
            or "no known actor"
        )
        lines.append(
            f"  {event['key']}  {event['title']} ({event['date']}, {event['kind']}?; {who})"
            f"{_decided(event)}"
        )
        others = [s for s in event["sources"] if s != event["source"]]
        also = f" (also in {', '.join(others)})" if others else ""
        lines.append(f"      {event['source']} ¶{event['paragraph']}{also}: «{event['evidence']}»")
        if event.get("weak"):
            lines.append(f"      (weak: {event['weak']})")
        if event.get("date_from"):
            lines.append(f"      ({event['date_from']}; inferred)")
    return lines


def _other_lines(review: dict[str, Any]) -> list[str]:
    lines = [f"Known events reported by sources not yet cited ({len(review['event_links'])}):"]
    for link in review["event_links"]:
        where = f"{link['source']} ¶{link['paragraph']}"
        lines.append(f"  {link['key']}  {link['event']} ← {where}{_decided(link)}")
        lines.append(f"      «{link['text']}»")
        if link.get("date_from"):
            lines.append(f"      ({link['date_from']}; inferred)")
    lines += ["", f"Dates of known events a source gives more precisely ({len(review['dates'])}):"]
    for date in review["dates"]:
        lines.append(
            f"  {date['key']}  {date['event']}: {date['known']} → {date['date']} "
            f"(from {date['source']}){_decided(date)}"
        )
        lines.append(f"      «{date['text']}»")
    lines += ["", f"Publication dates proposed for undated sources ({len(review['published'])}):"]
    for item in review["published"]:
        lines.append(
            f"  {item['key']}  {item['source']}: {item['date']} ({item['why']}){_decided(item)}"
        )
    unknown = review["sources_unknown_metadata"]
    lines += ["", f"Sources with unknown metadata ({len(unknown)}):"]
    for item in unknown:
        why = f" ({item['published_note']})" if item.get("published_note") else ""
        lines.append(f"  {item['id']}: unknown {', '.join(item['fields'])}{why}")
    lines += ["", f"Ambiguous mentions ({len(review['ambiguous'])}):"]
    if review["ambiguous"]:  # the one section whose keys write nothing: say what they are for
        lines.append(AMBIGUOUS_HELP)
    for item in review["ambiguous"]:
        lines.append(
            f'  {item["key"]}  "{item["alias"]}" ({item["actor"]}) inside "{item["candidate"]}" '
            f"in {item['source']}{_decided(item)}"
        )
    return lines


AMBIGUOUS_HELP = (
    "  (a known one-word name inside a longer name, linked to the known actor: where the "
    "longer name is someone else, accept it as a new actor; accept or reject the key to "
    "mark it seen)"
)


def _language_lines(review: dict[str, Any]) -> list[str]:
    """Sources no name was proposed for, as the rules do not know their language."""
    known = ", ".join(languages.supported())
    return [
        f"  Names not proposed for {item['source']}: no name rules for language "
        f"'{item['language']}' (known: {known}); read it for names yourself, or "
        f"`set {item['source']} language CODE` if the language is wrong"
        for item in review.get("names_not_proposed", ())
    ]


def format_review(review: dict[str, Any]) -> str:
    lines = [*_actor_lines(review["actors"]), *_language_lines(review), ""]
    lines += [*_event_lines(review["events"]), ""]
    lines += _other_lines(review)
    return "\n".join(lines + _next_steps(review)) + "\n"


def _next_steps(review: dict[str, Any]) -> list[str]:
    """The commands for what the report lists: a source's unknown date or outlet is no
    proposal, and `set` is the one way to fill it without editing its file."""
    steps = []
    if any(review[s] for s in SECTIONS):
        steps += [
            "Take a proposal into the corpus: python -m generator accept KEY... "
            "(actors: --kind, --id, --description, --alias-of ACTOR_ID; events: --title, ...)",
            "Never see it again: python -m generator reject KEY... [--reason TEXT]; "
            "undo either: python -m generator undo KEY",
        ]
    if review["sources_unknown_metadata"]:
        steps.append(
            "Fill in what a source lacks: python -m generator set SOURCE_ID published "
            "YYYY-MM-DD (or: outlet NAME)"
        )
    return ["", *steps] if steps else []


def review_json(review: dict[str, Any]) -> str:
    return json.dumps(review, ensure_ascii=False, indent=2, sort_keys=True)
