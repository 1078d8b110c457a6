"""`accept`, `reject`, `undo` and `set`: review proposals into the curated corpus.

Each command finds its proposals by key in a fresh review, edits the YAML files as a person
would (generator.yamledit), records the decision in corpus/review.yml, validates the whole
corpus as it would be, and only then writes, atomically. Any bad key or option stops the
command before anything is written.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import DossierError
from generator.model import ACTOR_KINDS, EVENT_KINDS, Corpus
from generator.review import keys
from generator.review.changes import Changes
from generator.review.decisions import HEADER, REVIEW_FILE, Decision, read_decisions
from generator.review.history import HISTORY_FILE, renamed_source
from generator.review.report import check, description_yaml, proposals
from generator.stages.validate import did_you_mean, id_problem, parse_fuzzy_date
from generator.text.folding import one_slip
from generator.text.matching import generic_alias
from generator.yamledit import (
    EditError,
    add_to_flow_list,
    append_block_items,
    append_record,
    editing,
    flow_list,
    load,
    record_index,
    remove_record,
    render_record,
    scalar,
    set_value,
)

ACTORS, EVENTS = "actors.yml", "events.yml"
FRONT_LINE = 2  # a source file's line that its front matter's first line is (after '---')
GENERIC = (
    "a generic name (every state has one; as an actor's name or alias it would match them "
    "all): reject it, or write the actor with whose it is by hand"
)


@dataclass(frozen=True)
class Options:
    kind: str | None = None
    id: str | None = None
    affiliation: str | None = None
    description: str | None = None
    alias_of: str | None = None
    title: str | None = None
    date: str | None = None
    place: str | None = None
    participants: tuple[str, ...] = ()  # "actor" or "actor:role"
    reason: str | None = None


@dataclass
class Session:
    corpus_dir: Path
    corpus: Corpus
    found: dict[str, dict[str, Any]]  # key -> proposal (with its section)
    changes: Changes
    done: list[str] = field(default_factory=list)  # one line per decision, for the user
    decided: dict[str, Decision] = field(default_factory=dict)  # in review.yml before
    new_ids: dict[str, set[str]] = field(default_factory=dict)  # ids this session adds


def today() -> str:
    """The day a decision is made: the corpus's history (DOSSIER_TODAY pins it for tests)."""
    return os.environ.get("DOSSIER_TODAY") or dt.date.today().isoformat()


def open_session(corpus_dir: Path) -> Session:
    corpus = check(corpus_dir)
    found: dict[str, dict[str, Any]] = {}
    for section, items in proposals(corpus).items():
        for item in items:
            found[item["key"]] = {**item, "section": section}
    decided = read_decisions(corpus_dir)
    return Session(corpus_dir, corpus, found, Changes(corpus_dir), decided=decided)


def _proposal(session: Session, key: str) -> dict[str, Any]:
    decided = session.decided.get(key)
    if decided is not None:
        raise DossierError(
            f"{key}: already {decided.decision} on {decided.date}; "
            f"`python -m generator undo {key}` takes that back"
        )
    if key in session.found:
        return session.found[key]
    if slip := next((k for k in sorted(session.found) if one_slip(key, k)), None):
        raise DossierError(f"{key}: no such proposal (did you mean '{slip}'?)")
    stem = keys.stem(key)
    if any(keys.stem(k) == stem for k in session.found):
        raise DossierError(
            f"{key}: this proposal has changed since (its source was edited); "
            "run `python -m generator review` for its new key"
        )
    if like := _recorded_like(key, list(session.found)):
        raise DossierError(f"{key}: no such proposal{like}")
    raise DossierError(f"{key}: no such proposal; run `python -m generator review` for the keys")


def _record_decision(session: Session, key: str, decision: str, what: str, into: str = "",
                     reason: str | None = None) -> None:  # fmt: skip
    text = session.changes.text(REVIEW_FILE) or HEADER
    fields = [("key", scalar(key)), ("decision", decision), ("date", today()),
              ("what", scalar(what))]  # fmt: skip
    if into:
        fields.append(("into", scalar(into)))
    if reason:
        fields.append(("reason", scalar(" ".join(reason.split()))))
    session.changes.put(REVIEW_FILE, append_record(text, render_record(fields)))


# ----------------------------------------------------------------------------- actors


def _actor_id(session: Session, wanted: str) -> str:
    if why := id_problem(wanted, "actor"):
        raise DossierError(f"--id: {why}")
    taken = set(session.corpus.actors) | _new_ids(session, ACTORS)
    if wanted in taken:
        raise DossierError(f"--id '{wanted}': an actor with this id exists already")
    return wanted


def _new_ids(session: Session, rel: str) -> set[str]:
    return session.new_ids.setdefault(rel, set())


def accept_actor(session: Session, item: dict[str, Any], options: Options) -> None:
    if generic_alias(item["name"]):
        raise DossierError(f"{item['key']}: {GENERIC}")
    if options.alias_of:
        return _accept_alias(session, item, options.alias_of)
    kind = options.kind or item["kind"]
    if kind not in ACTOR_KINDS:
        raise DossierError(
            f"{item['key']}: kind '{kind}' is not one of {', '.join(ACTOR_KINDS)}; give --kind"
            f"{did_you_mean(kind, ACTOR_KINDS)}"
        )
    ident = _actor_id(session, options.id or item["suggested_id"])
    if options.affiliation and options.affiliation not in session.corpus.actors:
        raise DossierError(
            f"--affiliation '{options.affiliation}': no such actor"
            f"{did_you_mean(options.affiliation, session.corpus.actors)}"
        )
    fields = [("id", ident), ("name", scalar(item["name"])), ("kind", kind),
              ("aliases", flow_list(item["aliases"]))]  # fmt: skip
    if options.affiliation:
        fields.append(("affiliation", options.affiliation))
    # --description "" asks for none: the proposed one can be wrong ("Präsident")
    given = options.description
    description = item["description"] if given is None else " ".join(given.split())
    fields.append(("description", description_yaml(description)))
    session.changes.put(ACTORS, append_record(session.changes.text(ACTORS), render_record(fields)))
    _new_ids(session, ACTORS).add(ident)
    _record_decision(session, item["key"], "accepted", item["name"], f"actor {ident}")
    hint = "" if description else "; no description found: write one in it or give --description"
    session.done.append(
        f"accepted {item['key']}: new actor {ident} ({kind}) in corpus/{ACTORS}{hint}"
    )
    return None


def _accept_alias(session: Session, item: dict[str, Any], actor_id: str) -> None:
    if actor_id not in session.corpus.actors:
        raise DossierError(
            f"--alias-of '{actor_id}': no such actor{did_you_mean(actor_id, session.corpus.actors)}"
        )
    text = session.changes.text(ACTORS)
    data = load(text, f"corpus/{ACTORS}")
    index = record_index(data, "id", actor_id)
    assert index is not None  # validated: the actor is in the file
    known = set(session.corpus.actors[actor_id].all_names)
    new = [name for name in item["aliases"] if name not in known]
    with editing(f"corpus/{ACTORS}"):
        session.changes.put(ACTORS, add_to_flow_list(text, data[index], "aliases", new))
    _record_decision(session, item["key"], "accepted", item["name"], f"alias of {actor_id}")
    session.done.append(f"accepted {item['key']}: {', '.join(new)} now alias of {actor_id}")


# ----------------------------------------------------------------------------- events


def _named(
    session: Session, item: dict[str, Any], options: Options, place: str | None
) -> dict[str, str]:
    """The names a title given with --title may hold, to their ids (for the event's id)."""
    given = [p.partition(":")[0] for p in options.participants]
    ids = [a for a in (*item["participants"], *given, place) if a in session.corpus.actors]
    return {session.corpus.actors[a].name: a for a in ids}


def _participants(session: Session, item: dict[str, Any], options: Options) -> list[str]:
    roles = item.get("roles", {})
    proposed = tuple(f"{a}:{roles[a]}" if a in roles else a for a in item["participants"])
    wanted = options.participants or proposed
    lines = []
    for entry in wanted:
        actor, _, role = entry.partition(":")
        if actor not in session.corpus.actors:
            raise DossierError(
                f"--participant '{actor}': no such actor"
                f"{did_you_mean(actor, session.corpus.actors)}"
            )
        if role:
            _check_role(session.corpus, role)
        lines.append(
            f"{{actor: {actor}" + (f", role: {scalar(role, flow=True)}}}" if role else "}")
        )
    return lines


def _check_role(corpus: Corpus, role: str) -> None:
    """A role is free text, but one a slip away from a role the dossier uses (`putin:hots`)
    is a slip, which would stand on the event page as typed; a new role ("mediator") is
    none."""
    known = {p.role for e in corpus.events.values() for p in e.participants if p.role}
    known |= keys.proposed_roles()
    if role in known:
        return
    close = next((k for k in sorted(known) if one_slip(role, k)), None)
    if close:
        raise DossierError(
            f"--participant role '{role}': did you mean '{close}'? (a role the dossier "
            "uses; a new role is fine, but this one is a slip from it)"
        )


def _event_fields(
    session: Session, item: dict[str, Any], options: Options
) -> list[tuple[str, str]]:
    kind = options.kind or item["kind"]
    if kind not in EVENT_KINDS:
        raise DossierError(
            f"--kind '{kind}': not one of {', '.join(EVENT_KINDS)}{did_you_mean(kind, EVENT_KINDS)}"
        )
    date = options.date or item["date"]
    try:
        parse_fuzzy_date(date)
    except ValueError as exc:
        raise DossierError(f"--date: {exc}") from None
    place = options.place or item.get("place")
    if place and (
        place not in session.corpus.actors or session.corpus.actors[place].kind != "place"
    ):
        raise DossierError(f"--place '{place}': no actor of kind place with this id")
    title = options.title or item["title"]
    ident = options.id or (
        keys.event_id(title, date, session.corpus.events, _named(session, item, options, place))
        if options.title
        else item["suggested_id"]
    )
    if why := id_problem(ident, "event"):
        raise DossierError(f"--id: {why}")
    if ident in set(session.corpus.events) | _new_ids(session, EVENTS):
        raise DossierError(f"--id '{ident}': an event with this id exists already")
    fields = [("id", ident), ("title", scalar(title)), ("date", date), ("kind", kind)]
    if place:
        fields.append(("place", place))
    participants = _participants(session, item, options)
    if participants:
        fields.append(("participants", "".join(f"\n    - {p}" for p in participants)))
    evidence = f"\n    - source: {item['source']}\n      text: {scalar(item['evidence'])}"
    return [*fields, ("evidence", evidence)]


def accept_event(session: Session, item: dict[str, Any], options: Options) -> None:
    fields = _event_fields(session, item, options)
    ident = fields[0][1]
    _new_ids(session, EVENTS).add(ident)
    session.changes.put(EVENTS, append_record(session.changes.text(EVENTS), render_record(fields)))
    _record_decision(session, item["key"], "accepted", item["title"], f"event {ident}")
    session.done.append(f"accepted {item['key']}: new event {ident} in corpus/{EVENTS}")


def _event_record(session: Session, event_id: str) -> tuple[str, Any]:
    text = session.changes.text(EVENTS)
    data = load(text, f"corpus/{EVENTS}")
    index = record_index(data, "id", event_id)
    if index is None:
        raise EditError(f"corpus/{EVENTS}: no event '{event_id}'")
    return text, data[index]


def accept_link(session: Session, item: dict[str, Any]) -> None:
    text, record = _event_record(session, item["event"])
    lines = [f"source: {item['source']}", f"text: {scalar(item['text'])}"]
    with editing(f"corpus/{EVENTS}"):
        session.changes.put(EVENTS, append_block_items(text, record, "evidence", [lines]))
    _record_decision(session, item["key"], "accepted", item["text"], f"evidence of {item['event']}")
    session.done.append(
        f"accepted {item['key']}: {item['source']} is now evidence of {item['event']}"
    )


def accept_date(session: Session, item: dict[str, Any]) -> None:
    text, record = _event_record(session, item["event"])
    with editing(f"corpus/{EVENTS}"):
        session.changes.put(EVENTS, set_value(text, record, "date", item["date"]))
    _record_decision(session, item["key"], "accepted", f"{item['event']} on {item['date']}",
                     f"date of {item['event']}")  # fmt: skip
    session.done.append(f"accepted {item['key']}: {item['event']} dated {item['date']}")


# ----------------------------------------------------------------------------- sources


def source_front(session: Session, source_id: str) -> tuple[str, list[str], int, Any]:
    """The source file's path in the corpus, its lines, where the front matter closes, and
    the front matter's data with positions (line 0 = the file's line 2: edit it inside
    `front_editing`)."""
    if source_id not in session.corpus.sources:
        hint = did_you_mean(source_id, session.corpus.sources) or " (see corpus/sources/)"
        raise DossierError(f"{source_id}: no such source{hint}")
    rel = f"sources/{source_id}.md"
    lines = session.changes.text(rel).split("\n")
    close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    return rel, lines, close, load("\n".join(lines[1:close]), f"corpus/{rel}", FRONT_LINE)


def front_editing(rel: str) -> AbstractContextManager[None]:
    """Edits of a source's front matter report their problems at the file's own lines."""
    return editing(f"corpus/{rel}", FRONT_LINE)


def set_published(session: Session, source_id: str, value: str, key: str | None = None) -> None:
    try:
        date = parse_fuzzy_date(value)
    except ValueError as exc:
        raise DossierError(f"published: {exc}") from None
    if date.precision != "day":
        raise DossierError(f"published '{value}': give the full day, YYYY-MM-DD")
    if date.start > dt.date.fromisoformat(today()) + dt.timedelta(days=1):
        raise DossierError(f"published '{value}': a date in the future")
    rel, lines, close, front = source_front(session, source_id)
    with front_editing(rel):
        edited = set_value("\n".join(lines[1:close]), front, "published", date.start.isoformat())
    session.changes.put(rel, "\n".join([lines[0], edited, *lines[close:]]))
    what = f"{source_id} published {date.start.isoformat()}"
    _record_decision(session, key or f"published:{source_id}:{date.start.isoformat()}",
                     "accepted", what, f"published of {source_id}")  # fmt: skip
    before = str(front.get("published") or "unknown")
    was = f" (was {before})" if before not in ("unknown", date.start.isoformat()) else ""
    session.done.append(f"set {what} in corpus/{rel}{was}")


# ----------------------------------------------------------------------------- commands


# which options each kind of proposal takes; any other given option is refused, not ignored
_TAKES = {
    "actors": {"kind", "id", "affiliation", "description", "alias_of"},
    "events": {"kind", "id", "title", "date", "place", "participants"},
}
_WHAT = {
    "actors": "a candidate actor", "events": "a candidate event", "event_links": "a link",
    "dates": "a refined date", "published": "a publication date",
}  # fmt: skip


def _check_options(items: list[dict[str, Any]], options: Options) -> None:
    given = [name for name in _TAKES["actors"] | _TAKES["events"] if getattr(options, name)]
    for item in items:
        section = item["section"]
        for name in sorted(set(given) - _TAKES.get(section, set())):
            flag = "--participant" if name == "participants" else "--" + name.replace("_", "-")
            what = _WHAT.get(section, "an ambiguous mention")
            takes = " and ".join(k for k in ("actors", "events") if name in _TAKES[k])
            raise DossierError(
                f"{item['key']}: {flag} is for {takes}, and this key is {what}; "
                "accept it without the option, or in a command of its own"
            )


_NAMED = ("kind", "id", "affiliation", "alias_of", "title", "date", "place")


def _refuse_blank(options: Options) -> None:
    """An option given empty (`--title "$TITLE"` with TITLE unset) is a slip: it took the
    proposal's value in silence. --description "" is none, on purpose."""
    for name in _NAMED:
        value = getattr(options, name)
        if value is not None and not value.strip():
            flag = "--" + name.replace("_", "-")
            raise DossierError(f"{flag}: empty; give it, or leave it out for the proposal's")


def accept(session: Session, wanted: list[str], options: Options) -> None:
    _refuse_blank(options)
    items = [_proposal(session, key) for key in wanted]
    if len(items) > 1 and (options.id or options.title or options.description is not None):
        raise DossierError("--id, --title and --description name one item: give one key")
    _check_options(items, options)
    for item in items:
        section = item["section"]
        if section == "actors":
            accept_actor(session, item, options)
        elif section == "events":
            accept_event(session, item, options)
        elif section == "event_links":
            accept_link(session, item)
        elif section == "dates":
            accept_date(session, item)
        elif section == "published":
            set_published(session, item["source"], item["date"], item["key"])
        else:  # an ambiguous mention: accepting says the link stands as it is
            _record_decision(session, item["key"], "accepted", item["candidate"], "mention stands")
            session.done.append(f"accepted {item['key']}: the mention stays as linked")


def reject(session: Session, wanted: list[str], reason: str | None) -> None:
    for key in wanted:
        item = _proposal(session, key)
        what = item.get("name") or item.get("title") or item.get("text") or item.get("candidate")
        what = what or item.get("date") or key
        _record_decision(session, key, "rejected", str(what), reason=reason)
        session.done.append(f"rejected {key}: {what}")


def undo(session: Session, wanted: list[str]) -> None:
    for key in wanted:
        text = session.changes.text(REVIEW_FILE)
        data = load(text, f"corpus/{REVIEW_FILE}") if text else None
        index = record_index(data, "key", key)
        if data is None or index is None:
            recorded = [str(d.get("key")) for d in data or [] if isinstance(d, dict)]
            raise DossierError(
                f"{key}: no decision recorded for this key in corpus/{REVIEW_FILE}"
                f"{_recorded_like(key, recorded)}"
            )
        decision = data[index]
        session.changes.put(REVIEW_FILE, remove_record(text, data, index))
        note = ""
        if decision.get("decision") == "accepted":
            note = f" (what it added, {decision.get('into')}, stays: edit or remove it by hand)"
        session.done.append(
            f"undone {key}: {decision.get('decision')} on {decision.get('date')}{note}"
        )


def _recorded_like(key: str, recorded: list[str]) -> str:
    """A did-you-mean among the keys recorded or proposed of the same kind, by what follows
    the kind (every actor key starts 'actor:', which would make any two look alike)."""
    kind, _, rest = key.partition(":")
    same = {r.partition(":")[2]: r for r in recorded if r.startswith(f"{kind}:")}
    close = difflib.get_close_matches(rest, list(same), n=1, cutoff=0.6)
    return f" (did you mean '{same[close[0]]}'?)" if close else ""


def accept_all(session: Session, section: str, options: Options) -> list[str]:
    """The keys of every open proposal of a section (actors: those with a kind guess)."""
    chosen, skipped = [], []
    for key, item in session.found.items():
        if item["section"] != section or key in session.decided:
            continue
        if section == "actors" and generic_alias(item["name"]):
            session.done.append(f"skipped {key}: {GENERIC}")
            continue
        if section == "actors" and not options.kind and item["kind"] not in ACTOR_KINDS:
            skipped.append(key)
            continue
        chosen.append(key)
    for key in skipped:
        session.done.append(f"skipped {key}: kind unknown (accept it with --kind)")
    return chosen


def _repoint(text: str, rel: str, old: str, new: str, lists: tuple[str, str]) -> str:
    """Every record[lists[0]][*].source == old in a YAML file, pointed at new."""
    data = load(text, f"corpus/{rel}") if text else None
    for record in data or []:
        items = record.get(lists[0]) if isinstance(record, dict) else None
        for item in items or []:
            if isinstance(item, dict) and item.get(lists[1]) == old:
                with editing(f"corpus/{rel}"):
                    text = set_value(text, item, lists[1], new)
    return text


def rename_source(session: Session, old: str, new: str) -> None:
    """A source under a new id, with its original, its evidence and its claims following."""
    if why := id_problem(new, "source"):
        raise DossierError(why)
    if new in session.corpus.sources:
        raise DossierError(f"'{new}': a source with this id exists already")
    rel, lines, close, front = source_front(session, old)
    with front_editing(rel):
        text = set_value("\n".join(lines[1:close]), front, "id", new)
    original = str(front.get("original") or "")
    if original.startswith(f"originals/{old}."):
        renamed = original.replace(f"originals/{old}.", f"originals/{new}.", 1)
        session.changes.move_bytes(original, renamed)
        with front_editing(rel):
            text = set_value(text, load(text, f"corpus/{rel}", FRONT_LINE), "original", renamed)
    session.changes.move(rel, f"sources/{new}.md", "\n".join([lines[0], text, *lines[close:]]))
    for file, lists in ((EVENTS, ("evidence", "source")), ("claims.yml", ("stances", "source"))):
        before = session.changes.text(file)
        after = _repoint(before, file, old, new, lists)
        if after != before:
            session.changes.put(file, after)
    history = session.changes.text(HISTORY_FILE)
    if history:
        session.changes.put(HISTORY_FILE, renamed_source(history, old, new))
    rekeyed = _rekey_decisions(session, old, new)
    also = f", {rekeyed} review decision{'s' if rekeyed != 1 else ''}" if rekeyed else ""
    session.done.append(
        f"renamed source {old} to {new} (its original, evidence and claims too{also})"
    )


def _renamed_key(key: str, item: dict[str, Any] | None, old: str, new: str) -> str | None:
    """The key a decided proposal gets once its source is renamed (keys of events, links and
    mentions hash the source id); None when the key does not depend on the source."""
    kind, _, rest = key.partition(":")
    if kind == "published":
        source, _, date = rest.rpartition(":")
        return keys.published_key(new, date) if source == old else None
    if item is None or item.get("source") != old:
        return None
    renamed: dict[str, str] = {}
    for who in (old, new):
        if kind == "event":
            renamed[who] = keys.event_key(item["date"], who, item["evidence"])
        elif kind == "link":
            renamed[who] = keys.link_key(item["event"], who, item["text"])
        elif kind == "ambiguous":
            renamed[who] = keys.ambiguous_key({**item, "source": who})
    # a key made unique with a suffix (two proposals alike) is left as it is
    return renamed[new] if renamed.get(old) == key else None


def _rekey_decisions(session: Session, old: str, new: str) -> int:
    """Point the decisions in review.yml on the old source's proposals at their new keys, so
    that what was rejected is not proposed again under the source's new id."""
    text = session.changes.text(REVIEW_FILE)
    count = 0
    for key in session.decided:
        renamed = _renamed_key(key, session.found.get(key), old, new)
        if not text or renamed is None or renamed == key:
            continue
        data = load(text, f"corpus/{REVIEW_FILE}")
        index = record_index(data, "key", key)
        if index is None:
            continue
        with editing(f"corpus/{REVIEW_FILE}"):
            text = set_value(text, data[index], "key", scalar(renamed))
        count += 1
    if count:
        session.changes.put(REVIEW_FILE, text)
    return count
