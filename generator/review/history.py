"""What changed in the corpus, build by build: corpus/history.yml, the "What's new" page.

`build` compares the corpus with the fingerprints it recorded last time and, when anything
changed, records a digest: sources added, actors and events added or changed, claims added,
review decisions, the briefing rewritten. An entry is dated by the corpus's own history (the
newest `added:` day of a source, decision day in review.yml or publication day), never by
the machine clock, so the same corpus gives the same page anywhere; changes that bring no
newer day join the newest entry. A build with no corpus change adds nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from generator.cache import Memo
from generator.errors import DossierError
from generator.model import Corpus, HistoryEntry
from generator.review.decisions import Decision, read_decisions
from generator.safe_io import RECORD_MAX_BYTES, UnsafeFile, read_bytes, write_atomic
from generator.stages.load import display_path
from generator.yamlio import dump_generated

HISTORY_FILE = "history.yml"
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 10x
HEADER = (
    "# What changed in the corpus, build by build: written by `python -m generator build`,\n"
    "# drawn on the What's new page and its feed. Dated by the corpus's own history.\n"
)
LISTS = ("sources_added", "actors_added", "actors_changed", "events_added", "events_changed",
         "claims_added", "removed")  # fmt: skip


# How _fingerprint reads a record. 2: without the places in the files at any depth (an
# event's evidence kept its line in events.yml, so an accept that added lines above made
# every event below it "changed" on What's new).
FINGERPRINTS = 2


def _fingerprint(value: Any) -> str:
    """A short hash of a record's content; fields left empty do not count, so a new
    optional field in the model does not make every record look changed."""
    fields = {k: v for k, v in _content(asdict(value)).items() if v not in (None, "", (), [])}
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _content(value: Any) -> Any:
    """A record as plain data without where it stands in its file (`loc`), at any depth."""
    if isinstance(value, dict):
        return {k: _content(v) for k, v in value.items() if k not in ("loc", "file_digest")}
    if isinstance(value, (list, tuple)):
        return [_content(v) for v in value]
    return value


def _rebased(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The last build's state as this version reads records: one recorded by an older
    version has hashes made another way, so each record both know is taken as unchanged
    (a real change made in the very build that upgrades goes unlisted; added and removed
    records still are)."""
    if not old or old.get("fingerprints") == FINGERPRINTS:
        return old
    kept = {
        kind: {k: new[kind].get(k, v) for k, v in (old.get(kind) or {}).items()}
        for kind in ("actors", "events", "claims")
    }
    return {**old, **kept, "fingerprints": FINGERPRINTS}


def state_of(corpus: Corpus, decisions: dict[str, Decision]) -> dict[str, Any]:
    """What the next build compares with: a short hash of every record."""
    return {
        "fingerprints": FINGERPRINTS,
        "briefing": _fingerprint(corpus.briefing),
        "sources": {s.id: s.file_digest[:12] or _fingerprint(s) for s in corpus.sources.values()},
        "actors": {a.id: _fingerprint(a) for a in corpus.actors.values()},
        "events": {e.id: _fingerprint(e) for e in corpus.events.values()},
        "claims": {c.id: _fingerprint(c) for c in corpus.claims.values()},
        "decisions": sorted(decisions),
    }


def corpus_day(corpus: Corpus, decisions: dict[str, Decision]) -> dt.date:
    """The newest day the corpus itself records."""
    days = [s.added or s.published for s in corpus.sources.values()]
    days += [s.published for s in corpus.sources.values()]
    for decision in decisions.values():
        try:
            days.append(dt.date.fromisoformat(decision.date))
        except ValueError:
            continue
    return max((d for d in days if d is not None), default=dt.date(1970, 1, 1))


def _diff(old: dict[str, str], new: dict[str, str]) -> tuple[list[str], list[str], list[str]]:
    added = sorted(new.keys() - old.keys())
    changed = sorted(k for k in new.keys() & old.keys() if new[k] != old[k])
    return added, changed, sorted(old.keys() - new.keys())


def digest(old: dict[str, Any], new: dict[str, Any], day: dt.date) -> HistoryEntry:
    found: dict[str, Any] = {"date": day}
    removed: list[str] = []
    for kind in ("sources", "actors", "events", "claims"):
        added, changed, gone = _diff(old.get(kind) or {}, new[kind])
        found[f"{kind}_added"] = tuple(added)
        if kind in ("actors", "events"):
            found[f"{kind}_changed"] = tuple(changed)
        removed += [f"{kind[:-1]} {ident}" for ident in gone]
    found["removed"] = tuple(removed)
    found["decisions"] = len(set(new["decisions"]) - set(old.get("decisions") or []))
    found["briefing_changed"] = bool(old) and old.get("briefing") != new["briefing"]
    return HistoryEntry(**found)


def merge(newest: HistoryEntry, entry: HistoryEntry) -> HistoryEntry:
    """One entry per day: what a later build of the same day found joins it."""
    joined: dict[str, Any] = {}
    for name in LISTS:
        joined[name] = tuple(sorted({*getattr(newest, name), *getattr(entry, name)}))
    joined["actors_changed"] = tuple(
        a for a in joined["actors_changed"] if a not in joined["actors_added"]
    )
    joined["events_changed"] = tuple(
        e for e in joined["events_changed"] if e not in joined["events_added"]
    )
    return replace(
        newest,
        **joined,
        decisions=newest.decisions + entry.decisions,
        briefing_changed=newest.briefing_changed or entry.briefing_changed,
    )


# history.yml as read, by a hash of its bytes: every build writes it and the next reads it
# (at 5,000 sources its fingerprints took a tenth of a second to parse)
READ: Memo[tuple[tuple[HistoryEntry, ...], dict[str, Any]]] = Memo("history", __name__)


def read_history(corpus_dir: Path) -> tuple[list[HistoryEntry], dict[str, Any]]:
    """The entries (newest first) and the fingerprints of the last build; empty if none."""
    path = corpus_dir / HISTORY_FILE
    try:  # through safe_io: no link (out of the corpus), FIFO (it would wait) or device
        raw = read_bytes(path, RECORD_MAX_BYTES) if os.path.lexists(path) else b""
    except UnsafeFile as exc:
        raise _unreadable(path, 1, str(exc)) from None
    entries, state = READ.get_or_make(
        hashlib.sha256(raw).hexdigest(), lambda: _parse_history(path, raw)
    )
    return list(entries), state


def _parse_history(path: Path, raw: bytes) -> tuple[tuple[HistoryEntry, ...], dict[str, Any]]:
    try:
        text = raw.decode("utf-8")
        data = yaml.load(text, Loader=_LOADER) if text else None  # a safe loader
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        # never overwritten unread: the What's new entries in it would be lost for good
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise _unreadable(path, line, getattr(exc, "problem", None) or type(exc).__name__) from None
    if not isinstance(data, dict):
        return (), {}
    entries = []
    for number, item in enumerate(data.get("entries") or []):
        entry = _entry(item) if isinstance(item, dict) else None
        if entry is None:  # dropped, it would be lost for good at the next write
            day = item.get("date") if isinstance(item, dict) else None
            raise DossierError(
                f"{display_path(path)}:{_entry_line(text, number)}: an entry of What's new "
                f"dated {str(day)!r}; write its date as YYYY-MM-DD (git diff shows what "
                "changed), or delete the file to start it afresh"
            )
        entries.append(entry)
    state = data.get("state")
    return tuple(entries), state if isinstance(state, dict) else {}


def _unreadable(path: Path, line: int, why: str) -> DossierError:
    return DossierError(
        f"{display_path(path)}:{line}: the history of What's new cannot be read ({why}); "
        "fix it (git diff shows what changed), or delete the file to start it afresh"
    )


def _entry_line(text: str, number: int) -> int:
    """The line of the number-th entry (each starts with `- ` at the left margin, as written)."""
    starts = [i for i, line in enumerate(text.split("\n"), 1) if line.startswith("- ")]
    return starts[number] if number < len(starts) else 1


def _entry(item: dict[str, Any]) -> HistoryEntry | None:
    day = item.get("date")
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            return None
    if not isinstance(day, dt.date):
        return None
    lists = {n: tuple(str(v) for v in item.get(n.replace("_", " ")) or []) for n in LISTS}
    return HistoryEntry(
        date=day,
        **lists,
        decisions=int(item.get("review decisions") or 0),
        briefing_changed=bool(item.get("briefing changed")),
        first=bool(item.get("first")),
    )


def _as_yaml(entry: HistoryEntry) -> dict[str, Any]:
    found: dict[str, Any] = {"date": entry.date.isoformat()}
    if entry.first:
        found["first"] = True
    for name in LISTS:
        if getattr(entry, name):
            found[name.replace("_", " ")] = list(getattr(entry, name))
    if entry.decisions:
        found["review decisions"] = entry.decisions
    if entry.briefing_changed:
        found["briefing changed"] = True
    return found


class NewHistory:
    """history.yml's new text, dumped when first asked for: the build asks while the site
    builds in its child process, off the way of the arrival (a tenth of a second at 5,000
    sources), and writes it once the site is built (`save`)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self._text: bytes | None = None

    def text(self) -> bytes:
        if self._text is None:
            self._text = dump_generated(HEADER, self.data).encode("utf-8")
        return self._text


def record(corpus_dir: Path, corpus: Corpus) -> tuple[Corpus, NewHistory | None]:
    """What changed since the last build: the corpus with its history, newest first, and
    history.yml's new text if anything changed. The build writes it (`save`) once the site
    is built: a build that fails records nothing."""
    decisions = read_decisions(corpus_dir)
    entries, recorded = read_history(corpus_dir)
    new = state_of(corpus, decisions)
    old = _rebased(recorded, new)
    if old == new:  # the state is written again only when an older version recorded it
        text = _dump(entries, new) if recorded != new else None
        return replace(corpus, history=tuple(entries)), text
    entry = digest(old, new, corpus_day(corpus, decisions))
    if not old:
        entry = replace(entry, first=True)
    if entries and entries[0].date >= entry.date:
        entries[0] = merge(entries[0], replace(entry, date=entries[0].date))
    else:
        entries.insert(0, entry)
    return replace(corpus, history=tuple(entries)), _dump(entries, new)


def _dump(entries: list[HistoryEntry], state: dict[str, Any]) -> NewHistory:
    return NewHistory({"entries": [_as_yaml(e) for e in entries], "state": state})


def save(corpus_dir: Path, new: NewHistory | None) -> None:
    """Write history.yml as `record` made it (nothing if nothing changed)."""
    if new is not None:
        write_atomic(corpus_dir / HISTORY_FILE, new.text())


def with_history(corpus: Corpus, corpus_dir: Path) -> Corpus:
    return replace(corpus, history=tuple(read_history(corpus_dir)[0]))


@dataclass(frozen=True)
class SummaryNote:
    """The analyst's summary predates some sources."""

    since: dt.date
    newer: int


def summary_note(corpus: Corpus) -> SummaryNote | None:
    """When the briefing was last rewritten (by the history), and how many sources came after."""
    written = next((e.date for e in corpus.history if e.briefing_changed or e.first), None)
    if written is None:
        return None
    newer = sum(1 for s in corpus.sources.values() if (s.added or s.published or written) > written)
    return SummaryNote(written, newer) if newer else None


def renamed_source(text: str, old: str, new: str) -> str:
    """history.yml with a renamed source's id replaced, so the next build sees no change."""
    data = yaml.safe_load(text) if text else None
    if not isinstance(data, dict):
        return text
    for entry in data.get("entries") or []:
        for name, ids in entry.items() if isinstance(entry, dict) else ():
            if isinstance(ids, list):
                entry[name] = sorted(new if i == old else i for i in ids)
    sources = (data.get("state") or {}).get("sources")
    if isinstance(sources, dict) and old in sources:
        sources[new] = sources.pop(old)
        data["state"]["sources"] = dict(sorted(sources.items()))
    return dump_generated(HEADER, data)
