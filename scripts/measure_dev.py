#!/usr/bin/env python3
"""Measure analysis quality on the six development articles (not a test: it prints figures).

    .venv/bin/python scripts/measure_dev.py            # table per article and in total
    .venv/bin/python scripts/measure_dev.py --details  # also every miss and wrong answer
    .venv/bin/python scripts/measure_dev.py FOLDER     # the articles from FOLDER instead

The seed corpus is copied to a temporary folder, the articles in
tests/fixtures/ingest/dev-articles/ are taken in with `add_paths`, and the link, analyse
and event-match stages run on the result (as `review` runs them: an undated source's events
are read from the publication date proposed for it, review/undated.py). Their output for
the six new sources is compared with the hand annotation in
tests/fixtures/annotation/dev-articles.yml:

  actors  per actor, found = mentions of it in the source, TP = min(found, annotated);
          recall = TP / annotated, precision = TP / found (summed over actors)
  quotes  each annotated quote is matched to a found one by the start of its text (folded
          prefix match); correct when the speaker ids are equal (None == None is correct)
  known   known events found (event links for the source, plus curated evidence already
          citing it) against the annotated known events
  new     candidate events naming the source against the annotated new events, matched one
          to one by date within a day

tests/test_dev_measure.py imports this file and asserts floors under the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.text.folding import fold  # noqa: E402

DEV_ARTICLES = ROOT / "tests" / "fixtures" / "ingest" / "dev-articles"
ANNOTATION = ROOT / "tests" / "fixtures" / "annotation" / "dev-articles.yml"


# --------------------------------------------------------------------------- running


@dataclass
class Run:
    corpus: Any
    links: Any
    analysis: Any
    event_links: list[Any]
    candidates: list[Any]
    dev_ids: list[str]


def run_pipeline(workdir: Path | None = None, articles: Path = DEV_ARTICLES) -> Run:
    """Seed corpus + dev articles in a temporary copy, through link, analyse, event match."""
    from generator.intake.ingest import add_paths
    from generator.pipeline import check
    from generator.review.undated import review_events
    from generator.stages.analyse import analyse
    from generator.stages.link import link_sources

    owned = workdir is None
    base = Path(tempfile.mkdtemp(prefix="dossier-dev-")) if owned else workdir
    try:
        tmp_corpus = base / "corpus"
        shutil.copytree(ROOT / "corpus", tmp_corpus)
        outcomes = add_paths([articles], tmp_corpus)
        errors = [o.message for o in outcomes if o.status == "error"]
        if errors:
            raise RuntimeError("ingest failed:\n" + "\n".join(errors))
        corpus = check(tmp_corpus)
        analysis = analyse(corpus, link_sources(corpus))
        links = analysis.links
        # as review reads them: an undated source's events from its proposed date
        found = review_events(corpus, analysis)
        event_links, candidates = found.links, found.candidates
    finally:
        if owned:
            shutil.rmtree(base, ignore_errors=True)
    seed = {p.stem for p in (ROOT / "corpus" / "sources").glob("*.md")}
    dev_ids = sorted(sid for sid in corpus.sources if sid not in seed)
    return Run(corpus, links, analysis, list(event_links), list(candidates), dev_ids)


def load_annotation(path: Path = ANNOTATION) -> dict[str, dict[str, Any]]:
    return yaml.safe_load(path.read_text("utf-8"))


# --------------------------------------------------------------------------- scoring


@dataclass
class Score:
    source: str
    actors_annotated: int = 0
    actors_found: int = 0
    actors_tp: int = 0
    quotes_annotated: int = 0
    quotes_found: int = 0
    quotes_matched: int = 0
    quotes_correct: int = 0
    known_annotated: int = 0
    known_found: int = 0
    known_tp: int = 0
    new_annotated: int = 0
    new_proposed: int = 0
    new_tp: int = 0
    details: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            if name not in ("source", "details"):
                setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def actor_recall(self) -> float:
        return ratio(self.actors_tp, self.actors_annotated)

    @property
    def actor_precision(self) -> float:
        return ratio(self.actors_tp, self.actors_found)

    @property
    def quote_accuracy(self) -> float:
        return ratio(self.quotes_correct, self.quotes_annotated)

    @property
    def known_recall(self) -> float:
        return ratio(self.known_tp, self.known_annotated)

    @property
    def known_precision(self) -> float:
        return ratio(self.known_tp, self.known_found)

    @property
    def new_recall(self) -> float:
        return ratio(self.new_tp, self.new_annotated)

    @property
    def new_precision(self) -> float:
        return ratio(self.new_tp, self.new_proposed)


def ratio(part: int, whole: int) -> float:
    """part / whole; 1.0 when there was nothing to find (nothing missed, nothing wrong)."""
    return part / whole if whole else 1.0


def _norm_quote(text: str) -> str:
    text = fold(text)
    text = re.sub(r"^[\s\"'“”‘’«»,.:;-]+", "", text)
    return " ".join(text.split())


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def score_source(source_id: str, truth: dict[str, Any], run: Run) -> Score:
    score = Score(source_id)
    details = score.details

    # actors
    annotated: dict[str, int] = dict(truth.get("known_actors") or {})
    mentions = [m for m in run.links.mentions if m.source == source_id]
    found: dict[str, list[str]] = {}
    for m in mentions:
        found.setdefault(m.actor, []).append(m.surface)
    for actor in sorted(set(annotated) | set(found)):
        want, got = annotated.get(actor, 0), len(found.get(actor, []))
        score.actors_annotated += want
        score.actors_found += got
        score.actors_tp += min(want, got)
        if want != got:
            kind = "MISSED" if got < want else "EXTRA"
            surfaces = ", ".join(repr(s) for s in found.get(actor, []))
            details.append(
                f"  actor {kind:6} {actor}: annotated {want}, found {got}"
                + (f" [{surfaces}]" if surfaces else "")
            )

    # quotes
    quotes = [q for q in run.links.quotes if q.source == source_id]
    score.quotes_found = len(quotes)
    used: set[int] = set()
    for item in truth.get("quotes") or []:
        score.quotes_annotated += 1
        start = _norm_quote(item["start"])
        match = next(
            (
                i
                for i, q in enumerate(quotes)
                if i not in used
                and (_norm_quote(q.text).startswith(start) or start.startswith(_norm_quote(q.text)))
                and _norm_quote(q.text)
            ),
            None,
        )
        if match is None:
            details.append(f"  quote  MISSED {item['start']!r} (speaker {item['speaker']})")
            continue
        used.add(match)
        score.quotes_matched += 1
        quote = quotes[match]
        if quote.speaker == item.get("speaker"):
            score.quotes_correct += 1
        else:
            details.append(
                f"  quote  WRONG  {item['start']!r}: found speaker {quote.speaker}"
                f" ({quote.speaker_name!r}, rule {quote.rule}), annotated {item['speaker']}"
            )
    for i, quote in enumerate(quotes):
        if i not in used:
            details.append(
                f"  quote  EXTRA  {quote.text[:50]!r} speaker {quote.speaker} (rule {quote.rule})"
            )

    # events
    events = truth.get("events") or []
    known_truth = {e["event"] for e in events if "event" in e}
    known_found = {link.event for link in run.event_links if link.source == source_id}
    known_found |= {
        event.id
        for event in run.corpus.events.values()
        for evidence in event.evidence
        if evidence.source == source_id
    }
    score.known_annotated = len(known_truth)
    score.known_found = len(known_found)
    score.known_tp = len(known_truth & known_found)
    for event in sorted(known_truth - known_found):
        details.append(f"  known  MISSED {event}")
    for event in sorted(known_found - known_truth):
        details.append(f"  known  EXTRA  {event}")

    new_truth = [e for e in events if "new" in e]
    proposed = [c for c in run.candidates if source_id in c.sources]
    score.new_annotated = len(new_truth)
    score.new_proposed = len(proposed)
    pairs = []
    for ti, item in enumerate(new_truth):
        want = _as_date(item["date"])
        for ci, candidate in enumerate(proposed):
            got = _as_date(candidate.date)
            if want and got and abs((want - got).days) <= 1:
                pairs.append((abs((want - got).days), ti, ci))
    matched_t: set[int] = set()
    matched_c: set[int] = set()
    for _, ti, ci in sorted(pairs):
        if ti not in matched_t and ci not in matched_c:
            matched_t.add(ti)
            matched_c.add(ci)
    score.new_tp = len(matched_t)
    for ti, item in enumerate(new_truth):
        if ti not in matched_t:
            details.append(f"  new    MISSED {item['date']} {item['new']}")
    for ci, candidate in enumerate(proposed):
        if ci not in matched_c:
            details.append(
                f"  new    EXTRA  {candidate.date} {candidate.title!r}"
                f" ({candidate.kind}, {', '.join(candidate.participants)})"
            )
    return score


def measure(run: Run, annotation: dict[str, dict[str, Any]] | None = None) -> list[Score]:
    """One Score per annotated dev source, in the annotation's order."""
    annotation = load_annotation() if annotation is None else annotation
    missing = sorted(set(annotation) - set(run.dev_ids))
    unannotated = sorted(set(run.dev_ids) - set(annotation))
    if missing or unannotated:
        raise RuntimeError(
            f"dev source ids changed: annotated but not ingested {missing}, "
            f"ingested but not annotated {unannotated}"
        )
    return [score_source(sid, truth, run) for sid, truth in annotation.items()]


def total(scores: list[Score]) -> Score:
    result = Score("TOTAL")
    for score in scores:
        result.add(score)
    return result


# --------------------------------------------------------------------------- output


def _short(source_id: str, width: int = 34) -> str:
    return source_id if len(source_id) <= width else source_id[: width - 1] + "…"


def format_table(scores: list[Score]) -> str:
    header = (
        f"{'source':34} | {'act R':>5} {'act P':>5} {'TP/ann/fnd':>10} | "
        f"{'q acc':>5} {'ok/ann':>6} {'fnd':>3} | "
        f"{'kn R':>4} {'kn P':>4} {'tp/ann/fnd':>10} | "
        f"{'new R':>5} {'new P':>5} {'tp/ann/prop':>11}"
    )
    lines = [header, "-" * len(header)]
    for score in [*scores, total(scores)]:
        if score.source == "TOTAL":
            lines.append("-" * len(header))
        lines.append(
            f"{_short(score.source):34} | "
            f"{score.actor_recall:5.2f} {score.actor_precision:5.2f} "
            f"{f'{score.actors_tp}/{score.actors_annotated}/{score.actors_found}':>10} | "
            f"{score.quote_accuracy:5.2f} "
            f"{f'{score.quotes_correct}/{score.quotes_annotated}':>6} {score.quotes_found:3} | "
            f"{score.known_recall:4.2f} {score.known_precision:4.2f} "
            f"{f'{score.known_tp}/{score.known_annotated}/{score.known_found}':>10} | "
            f"{score.new_recall:5.2f} {score.new_precision:5.2f} "
            f"{f'{score.new_tp}/{score.new_annotated}/{score.new_proposed}':>11}"
        )
    return "\n".join(lines)


def format_details(scores: list[Score]) -> str:
    lines = []
    for score in scores:
        lines.append(score.source)
        lines.extend(score.details or ["  (no misses)"])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every miss and extra")
    parser.add_argument(
        "articles", nargs="?", type=Path, default=DEV_ARTICLES, help="the folder of articles"
    )
    args = parser.parse_args(argv)
    scores = measure(run_pipeline(articles=args.articles))
    print(format_table(scores))
    if args.details:
        print()
        print(format_details(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
