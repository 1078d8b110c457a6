"""A scripted review of new articles, timed: add, review, accept, reject, set, build.

    .venv/bin/python scripts/measure_review.py ARTICLES_FOLDER

Copies the repository's project into a temporary folder, adds the articles (the six dev
articles: ../shared/dev-articles/), and makes the decisions an analyst reading the proposals
made for them (below), one command at a time; prints each command with its wall time, then
the total. The decisions name proposals by the keys `review --json` gives.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

REJECT = {  # name: why (not an actor of this dossier, or not a name at all)
    "International Aviation": "part of an air show's name (MAKS-2019 ... Space Show)",
    "Syrian National Dialogue Congress": "a planned conference, not an actor",
}
KINDS = {"Astana": "place", "Manbij": "place", "TurkStream": "organisation",
         "Nord Stream": "organisation"}  # fmt: skip
ALIASES = {"Washington": "united-states"}
# The analyst's decisions on proposed events: (date, kind, title, participants); title None:
# reject. A decision takes the proposal of its date and kind that shares most participants
# with it (ties: the first key), each proposal at most once, so the outcome does not hang on
# the order of the proposals.
Decision = tuple[str, str, str | None, list[str]]
EVENTS: list[Decision] = [
    ("2017-11-22", "meeting", "Putin hosts Erdoğan and Rouhani in Sochi for a summit on Syria",
     ["putin:host", "erdogan:visitor", "rouhani:visitor"]),
    ("2018-04-04", "statement",
     "Erdoğan says Syria's integrity depends on keeping terror groups at bay", ["erdogan:speaker"]),
    ("2020-01-07", "other", "Putin visits Damascus, then arrives in Turkey", ["putin:visitor"]),
    ("2020-01-08", "other", "Putin and Erdoğan inaugurate the TurkStream pipeline in Istanbul",
     ["putin", "erdogan"]),
    ("2020-01-05", "statement", None, ["russia"]),  # Bulgartransgaz on deliveries: no event
]  # fmt: skip
SECOND_ROUND: list[Decision] = [  # what the dated sources then bring (relative dates resolve)
    ("2016-12-19", "statement", "Putin calls the killing of ambassador Karlov a provocation",
     ["putin:speaker", "andrei-karlov:victim"]),
    ("2017-05-03", "agreement", "Putin and Erdoğan agree in Sochi to lift most trade restrictions",
     ["putin", "erdogan"]),
    # what the three presidents entrusted their ministries with: part of the summit
    ("2017-11-22", "statement", None, ["putin", "erdogan", "rouhani"]),
]  # fmt: skip
PUBLISHED = {"the-irish-times": "2016-12-19", "radio-farda": "2017-05-03"}


def run(root: Path, *args: str, log: list[tuple[str, float]]) -> str:
    command = ["python", "-m", "generator", *args]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=root, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    shown = " ".join(a if " " not in a else repr(a) for a in command)
    log.append((shown, seconds))
    if done.returncode != 0:
        sys.exit(f"{shown}\n{done.stderr}")
    return done.stdout


def by_key(items: list[dict[str, Any]], field: str) -> dict[str, str]:
    return {str(item[field]): str(item["key"]) for item in items}


def decide_actors(root: Path, review: dict[str, Any], log: list[tuple[str, float]]) -> None:
    names = by_key(review["actors"], "name")
    run(root, "reject", *(names[n] for n in REJECT if n in names), "--reason",
        "not an actor of the dossier", log=log)  # fmt: skip
    for name, actor in ALIASES.items():
        if name in names:
            run(root, "accept", names[name], "--alias-of", actor, log=log)
    for name, kind in KINDS.items():
        if name in names:
            run(root, "accept", names[name], "--kind", kind, log=log)
    run(root, "accept", "--all-actors", "--kind-from-guess", log=log)


def choose(proposals: list[dict[str, Any]], decision: Decision) -> dict[str, Any] | None:
    """The proposal a decision is about: its date and kind, most participants shared."""
    date, kind, _, participants = decision
    wanted = {p.split(":")[0] for p in participants}
    same = [p for p in proposals if p["date"] == date and p["kind"] == kind]
    return min(
        same,
        key=lambda p: (-len(wanted & set(p["participants"])), len(p["participants"]), p["key"]),
        default=None,
    )


def decide_events(
    root: Path, review: dict[str, Any], log: list[tuple[str, float]], table: list[Decision]
) -> None:
    left = list(review["events"])
    chosen = []
    for decision in table:
        proposal = choose(left, decision)
        if proposal is not None:
            left.remove(proposal)
            chosen.append((decision, proposal))
    rejected = [p["key"] for (_, _, title, _), p in chosen if title is None]
    if rejected:
        run(root, "reject", *rejected, "--reason", "not a new event of the dossier", log=log)
    for (_, _, title, participants), proposal in chosen:
        if title is not None:
            options = [x for p in participants for x in ("--participant", p)]
            run(root, "accept", proposal["key"], "--title", title, *options, log=log)


def decide_rest(root: Path, review: dict[str, Any], log: list[tuple[str, float]]) -> None:
    if review["event_links"]:
        run(root, "accept", "--all-links", log=log)
    if review["dates"]:
        run(root, "accept", *(d["key"] for d in review["dates"]), log=log)
    for source in review["sources_unknown_metadata"]:
        for prefix, date in PUBLISHED.items():
            if source["id"].startswith(prefix):
                run(root, "set", source["id"], "published", date, log=log)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    articles = Path(argv[0]).resolve()
    log: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="dossier-review-") as tmp:
        root = Path(tmp)
        for name in ("mkdocs.yml", "corpus", "docs"):
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
        (root / "generator").symlink_to(REPO / "generator", target_is_directory=True)
        run(root, "add", str(articles), log=log)
        review = json.loads(run(root, "review", "--json", log=log))
        decide_actors(root, review, log)
        decide_events(root, review, log, EVENTS)
        decide_rest(root, review, log)
        again = json.loads(run(root, "review", "--json", log=log))
        decide_events(root, again, log, SECOND_ROUND)
        left = json.loads(run(root, "review", "--json", log=log))
        run(root, "build", log=log)
        for event in left["events"]:
            print(f"open: {event['key']} {event['title']}: {event['evidence']}")
    for command, seconds in log:
        print(f"{seconds:6.2f} s  {command}")
    total = sum(s for _, s in log)
    print(f"{total:6.2f} s  total, {len(log)} commands")
    open_items = {k: len(v) for k, v in left.items() if v and k != "sources_unknown_metadata"}
    print(f"left open after the review: {open_items or 'nothing'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
