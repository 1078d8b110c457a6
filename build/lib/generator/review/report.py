"""A review of what the corpus does not know yet: new names, unknown metadata, ambiguities.

`build_review` returns one JSON-able dict; `format_review` turns it into text for a human,
with YAML blocks ready to paste into corpus/actors.yml.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.cache import Cache
from generator.model import ACTOR_KINDS
from generator.pipeline import check
from generator.review.candidates import CandidateActor, find_candidates
from generator.review.event_match import match_events
from generator.stages.analyse import Analysis, analyse
from generator.stages.link import link_sources

_PLAIN = re.compile(r"^[A-Za-z0-9À-ɏ][\w .\-À-ɏ]*$")


def _yaml_scalar(value: str) -> str:
    """A YAML scalar: plain where safe, else a JSON string (which YAML reads the same)."""
    if _PLAIN.match(value) and value.lower() not in ("yes", "no", "true", "false", "null", "on"):
        return value
    return json.dumps(value, ensure_ascii=False)


def actor_yaml(candidate: CandidateActor) -> str:
    if candidate.kind in ACTOR_KINDS:
        kind = candidate.kind
    else:
        kind = f"organisation  # TODO: kind unknown; one of {', '.join(ACTOR_KINDS)}"
    aliases = ", ".join(_yaml_scalar(a) for a in candidate.aliases)
    return "\n".join(
        [
            f"- id: {candidate.suggested_id}",
            f"  name: {_yaml_scalar(candidate.name)}",
            f"  kind: {kind}",
            f"  aliases: [{aliases}]",
            '  description: "TODO: one line"',
        ]
    )


@dataclass(frozen=True)
class NewCandidates:
    """What sources new in a build bring that the curated corpus does not hold yet."""

    sources: tuple[str, ...]
    names: tuple[str, ...]
    events: int


def candidates_in(analysis: Analysis, source_ids: list[str]) -> NewCandidates:
    """Candidate actors and events found in some sources (told apart from common words by the
    whole corpus's vocabulary, as in the full review): for the summary after a build."""
    corpus = analysis.corpus
    sources = {s: corpus.sources[s] for s in sorted(source_ids)}
    chosen = replace(corpus, sources=sources, claims={})  # claims quote the other sources
    linked = link_sources(chosen, analysis.linked.cache)
    actors, _ = find_candidates(chosen, linked.links, analysis.linked.vocabulary())
    _, events = match_events(analyse(chosen, linked))
    return NewCandidates(tuple(chosen.sources), tuple(a.name for a in actors), len(events))


def build_review(corpus_dir: Path, cache: Cache | None = None) -> dict[str, Any]:
    """cache: the build's (.dossier-cache/), so that review links no source twice."""
    corpus = check(corpus_dir, cache)
    linked = link_sources(corpus, cache)
    links = linked.links
    event_links, candidate_events = match_events(analyse(corpus, linked))
    candidate_actors, ambiguous = find_candidates(corpus, links, linked.vocabulary())
    actors = [
        {
            "name": c.name,
            "kind": c.kind,
            "aliases": list(c.aliases),
            "mentions": c.mentions,
            "sources": list(c.sources),
            "context": c.context,
            "suggested_id": c.suggested_id,
            "yaml": actor_yaml(c),
        }
        for c in candidate_actors
    ]
    unknown = []
    for source in sorted(corpus.sources.values(), key=lambda s: s.id):
        fields = [
            name
            for name, missing in (
                ("published", source.published is None),
                ("outlet", not source.outlet or source.outlet.strip().lower() == "unknown"),
            )
            if missing
        ]
        if fields:
            unknown.append({"id": source.id, "fields": fields})
    return {
        "actors": actors,
        "events": [
            {
                "title": c.title,
                "date": c.date,
                "date_precision": c.date_precision,
                "kind": c.kind,
                "participants": list(c.participants),
                "sources": list(c.sources),
                "evidence": c.evidence,
            }
            for c in candidate_events
        ],
        "event_links": [
            {"event": e.event, "source": e.source, "paragraph": e.paragraph + 1, "text": e.sentence}
            for e in event_links
        ],
        "sources_unknown_metadata": unknown,
        "ambiguous": ambiguous,
    }


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def format_review(review: dict[str, Any]) -> str:
    lines: list[str] = []
    actors = review.get("actors", [])
    lines.append(f"New names ({len(actors)}):")
    for actor in actors:
        guess = actor["kind"] if actor["kind"] != "unknown" else "kind unknown"
        n, s = actor["mentions"], len(actor["sources"])
        counts = f"{n} mention{'s' if n != 1 else ''} in {s} source{'s' if s != 1 else ''}"
        lines.append(f"  {actor['name']} ({guess}?, {counts}): «{_short(actor['context'])}»")
    events = review.get("events", [])
    lines.append("")
    lines.append(f"Possible events ({len(events)}):")
    for event in events:
        who = ", ".join(event["participants"])
        lines.append(f"  {event['date']} ({event['kind']}?; {who}): «{_short(event['evidence'])}»")
    event_links = review.get("event_links", [])
    lines.append("")
    lines.append(f"Known events reported by sources not yet cited ({len(event_links)}):")
    for link in event_links:
        lines.append(
            f"  {link['event']} ← {link['source']} ¶{link['paragraph']}: «{_short(link['text'])}»"
        )
    unknown = review.get("sources_unknown_metadata", [])
    lines.append("")
    lines.append(f"Sources with unknown metadata ({len(unknown)}):")
    for item in unknown:
        lines.append(f"  {item['id']}: unknown {', '.join(item['fields'])}")
    ambiguous = review.get("ambiguous", [])
    lines.append("")
    lines.append(f"Ambiguous mentions ({len(ambiguous)}):")
    for item in ambiguous:
        lines.append(
            f'  "{item["alias"]}" ({item["actor"]}) inside "{item["candidate"]}" '
            f"in {item['source']}"
        )
    if actors:
        lines.append("")
        lines.append("To accept, paste into corpus/actors.yml:")
        lines.append("")
        lines.append("\n\n".join(a["yaml"] for a in actors))
    return "\n".join(lines) + "\n"
