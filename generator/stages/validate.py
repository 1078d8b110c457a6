"""Stage 2, validate: turn raw records into the frozen model, collecting every problem.

Nothing stops at the first problem: the user gets the whole list once, each line naming the
file, the line, what is wrong and how to fix it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from generator.cache import Memo, digest
from generator.errors import CorpusError, Problem
from generator.model import (
    ACTOR_KINDS,
    EVENT_KINDS,
    OWNERS,
    STANCES,
    WHOLE_FILE,
    Actor,
    Briefing,
    Claim,
    Corpus,
    Event,
    Evidence,
    FuzzyDate,
    Location,
    Participant,
    Phase,
    Source,
    Stance,
)
from generator.stages.load import RawCorpus, RawFile, RawSource, display_path, load_source
from generator.text.folding import collapse_ws, fold, sentence_spans
from generator.text.matching import generic_alias
from generator.yamlio import LineList, LineMap, parse_yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID = 150  # characters: ids are file names (with .md and the archive's folder)
RESERVED_IDS = frozenset({"index"})  # actors/index.md, events/index.md, sources/index.md
UNKNOWN = "unknown"
FIRST_YEAR = 1900  # publication years outside FIRST_YEAR..next year are refused: MkDocs
# stamps the sitemap's gzip with the newest one (it fails past 2106), and relative dates
# ("last Monday") are counted from it.


def last_year() -> int:
    return dt.date.today().year + 1


def year_allowed(date: dt.date) -> bool:
    return FIRST_YEAR <= date.year <= last_year()


def id_problem(ident: str, what: str) -> str | None:
    """Why ident cannot be an id, or None."""
    if not ID_PATTERN.match(ident):
        return f"{what} id '{ident[:80]}': use lowercase letters, digits and hyphens"
    if len(ident) > MAX_ID:
        return f"{what} id '{ident[:40]}…' is {len(ident)} characters long; keep it under {MAX_ID}"
    if ident in RESERVED_IDS:
        return f"{what} id '{ident}' is the name of a generated index page; choose another"
    return None


ACTOR_FIELDS = {
    "id", "name", "kind", "aliases", "roles", "affiliation", "description",
    "gender",  # whom "she"/"he" may stand for
    "stands_for",  # metonyms fold into what they stand for in the network
    "owner", "country",  # outlet profiles (media only)
}  # fmt: skip
GENDERS = ("female", "male")
# description may be empty: `accept` leaves it so (with a hint) when the sources give no title
ACTOR_REQUIRED = ("id", "name", "kind")
EVENT_FIELDS = {
    "id", "title", "date", "kind", "place", "participants", "summary", "evidence",
    "related",  # h-site
}  # fmt: skip
EVENT_REQUIRED = ("id", "title", "date", "kind", "evidence")
SOURCE_FIELDS = {
    "id", "title", "outlet", "published", "url", "language", "translated_from", "original",
    "notes", "added",
}  # fmt: skip
SOURCE_REQUIRED = ("id", "title", "outlet", "published", "language")
BRIEFING_FIELDS = {"title", "scope", "summary", "key_questions", "phases"}  # phases: h-site


def _restore_hint(source: str) -> str:
    """For a citation of a source no file holds (deleted, or never added)."""
    return (
        f" (its file deleted? restore it: git checkout -- corpus/sources/{source}.md; else "
        "delete this citation, or add the article again with `python -m generator add FILE`)"
    )


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Checker:
    """Collects problems for one file."""

    def __init__(self, name: str, problems: list[Problem]) -> None:
        self.name = name
        self.problems = problems

    def loc(self, line: int) -> Location:
        return Location(self.name, line)

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.loc(line), message))

    def fields(
        self, record: LineMap, what: str, allowed: set[str], required: Iterable[str]
    ) -> bool:
        ok = True
        for key in sorted(record.keys() - allowed):
            self.add(
                record.line_of(key),
                f"{what}: unknown field '{key}'{did_you_mean(key, allowed)}",
            )
        for key in required:
            value = record.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                self.add(record.line, f"{what}: missing field '{key}'")
                ok = False
        return ok

    def text(self, record: LineMap, key: str, what: str, optional: bool = False) -> str | None:
        value = record.get(key)
        if value is None:
            return None
        if isinstance(value, (dict, list)):
            self.add(record.line_of(key), f"{what}: '{key}' must be text, not a list or mapping")
            return None
        text = collapse_ws(str(value))
        if not text and not optional:
            self.add(record.line_of(key), f"{what}: '{key}' is empty")
            return None
        return text or None

    def strings(self, record: LineMap, key: str, what: str) -> tuple[str, ...]:
        value = record.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or any(isinstance(v, (dict, list)) for v in value):
            self.add(record.line_of(key), f"{what}: '{key}' must be a list of text")
            return ()
        return tuple(collapse_ws(str(v)) for v in value if str(v).strip())

    def records(self, raw: RawFile, what: str) -> list[LineMap]:
        if raw.data is None:
            return []
        if not isinstance(raw.data, list):
            # where the mapping starts (a file holding one text has no line: the first)
            self.add(
                getattr(raw.data, "line", 1),
                f"expected a list of {what}s, each starting with '- id: ...'",
            )
            return []
        found = []
        for index, item in enumerate(raw.data):
            if isinstance(item, LineMap):
                found.append(item)
            else:
                line = raw.data.item_lines[index] if isinstance(raw.data, LineList) else 1
                self.add(line, f"each {what} must be a mapping of fields, got {item!r}")
        return found

    def identifier(self, record: LineMap, what: str, seen: dict[str, int]) -> str | None:
        ident = record.get("id")
        if ident is None:
            return None
        ident = str(ident)
        line = record.line_of("id")
        problem = id_problem(ident, what)
        if problem is not None:
            self.add(line, problem)
            return None
        if ident in seen:
            self.add(line, f"duplicate {what} id '{ident}' (first used on line {seen[ident]})")
            return None
        seen[ident] = line
        return ident


def parse_fuzzy_date(value: Any) -> FuzzyDate:
    """Parse YYYY-MM-DD, YYYY-MM or YYYY; raise ValueError with a readable reason."""
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not match:
        raise ValueError(f"bad date '{text}': write YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = match.groups()
    try:
        start = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"bad date '{text}': {exc}") from None
    precision = "day" if day else "month" if month else "year"
    return FuzzyDate(start, precision)


def validate(raw: RawCorpus) -> Corpus:
    problems: list[Problem] = list(raw.problems)
    sources = _validate_sources(raw.sources, problems)
    actors = _validate_actors(raw.actors, problems)
    # Ids that exist but failed validation are already reported: references to them are not.
    declared = Declared(
        sources=_declared_sources(raw, sources),
        actors=None if raw.actors.data is None else _declared_ids(raw.actors.data),
        events=None if raw.events.data is None else _declared_ids(raw.events.data),
    )
    _renamed_actors(raw, declared, problems)
    events = _validate_events(raw.events, actors, sources, declared, problems)
    claims = _validate_claims(raw.claims, events, actors, sources, declared, problems)
    if declared.cited_without_folder:
        problems.append(_no_sources_folder(raw))
    briefing = _validate_briefing(raw.briefing, problems)
    # A reference to an id whose record is already reported (or whose file is unreadable)
    # is no second problem: one YAML slip must not bury its line under dozens of others.
    known = (
        _known(actors, declared.actors),
        _known(events, declared.events),
        _known(claims, None if raw.claims.data is None else _declared_ids(raw.claims.data)),
    )
    if briefing is not None:  # h-site: references, answers and phases
        briefing = linked_briefing(raw.briefing, briefing, known, problems)
    _check_related(raw.events, known[1], problems)  # h-site
    for raw_file in (raw.briefing, raw.actors, raw.events, raw.claims):
        _placeholders(raw_file.data, raw_file.name, problems)
    if problems or briefing is None:
        raise CorpusError(problems)
    return Corpus(
        briefing=briefing,
        actors=dict(sorted(actors.items())),
        events=dict(sorted(events.items())),
        sources=dict(sorted(sources.items())),
        claims=dict(sorted(claims.items())),
    )


_PLACEHOLDER = re.compile(r"\b(?:TODO|FIXME|TBD|XXX)\b|^\s*(?:\.\.\.|…|\?+)\s*$")


def _placeholders(data: Any, name: str, problems: list[Problem], line: int = 1) -> None:
    """A field left to fill ("TODO: one line", "…") must not reach the site. Evidence and
    stance texts ("text") are verbatim article sentences, checked against their source."""
    if isinstance(data, LineMap):
        for key, value in data.items():
            if key != "text" and isinstance(value, str) and _PLACEHOLDER.search(value):
                problems.append(
                    Problem(
                        Location(name, data.line_of(key)),
                        f"'{key}' is a placeholder ({_clip(value, 40)}); write the real text",
                    )
                )
            else:
                _placeholders(value, name, problems, data.line_of(key))
    elif isinstance(data, LineList):
        for index, value in enumerate(data):
            if isinstance(value, str) and _PLACEHOLDER.search(value):
                where = Location(name, data.item_lines[index])
                problems.append(
                    Problem(where, f"a placeholder ({_clip(value, 40)}); write the real text")
                )
            else:
                _placeholders(value, name, problems, data.item_lines[index])


# `id: x` in a source's front matter, read where the file failed validation
_FRONT_ID = re.compile(r"^id:[ \t]*['\"]?([^'\"\s#]+)", re.MULTILINE)


def _declared_sources(raw: RawCorpus, valid: dict[str, Source]) -> set[str] | None:
    """The source ids of corpus/sources, with the id a file renamed by hand still gives in
    its front matter (reported once, not as 'no such source' at each citation); None when
    the folder is gone (a new dossier has none yet)."""
    if not os.path.lexists(raw.root / "sources"):
        return None
    failed = (s.front for s in raw.sources if s.stem not in valid and s.front)
    return {s.stem for s in raw.sources} | {
        found.group(1) for front in failed if (found := _FRONT_ID.search(front))
    }


def _no_sources_folder(raw: RawCorpus) -> Problem:
    """One problem for a deleted corpus/sources, not a 'no such source' at each citation."""
    name = display_path(raw.root / "sources")
    return Problem(
        Location(name, WHOLE_FILE),
        "missing folder: the articles that events and claims cite; restore it "
        f"(git checkout -- {name}), or create it and `add` the articles again",
    )


@dataclass(frozen=True)
class Declared:
    """Every id the files declare, valid or not (actors None: actors.yml is unreadable,
    sources None: corpus/sources is gone)."""

    sources: set[str] | None
    actors: set[str] | None
    events: set[str] | None
    cited_without_folder: list[str] = field(default_factory=list)  # sources None, yet cited

    def missing_actor(self, ident: str) -> bool:
        return self.actors is not None and ident not in self.actors

    def missing_source(self, ident: str) -> bool:
        if self.sources is None:
            self.cited_without_folder.append(ident)
            return False
        return ident not in self.sources


RENAMED_USES = 2  # an unknown actor id named this often: the actors.yml entry was renamed


def _renamed_actors(raw: RawCorpus, declared: Declared, problems: list[Problem]) -> None:
    """An unknown actor id named in several places, next to a declared id close to it that
    nothing names: the actors.yml entry was renamed (or mistyped), not every reference.
    Said once, at the entry; the references are then not reported one by one."""
    if declared.actors is None or not isinstance(raw.actors.data, list):
        return
    uses = Counter(_actor_references(raw.events.data) + _actor_references(raw.claims.data))
    affiliations = {str(a.get("affiliation")) for a in raw.actors.data if isinstance(a, dict)}
    unused = {ident for ident in declared.actors if ident not in uses and ident not in affiliations}
    entries = {str(a["id"]): a for a in raw.actors.data if isinstance(a, LineMap) and "id" in a}
    for ident, count in sorted(uses.items()):
        if ident in declared.actors or count < RENAMED_USES:
            continue
        close = difflib.get_close_matches(ident, sorted(unused), n=1, cutoff=0.6)
        if not close or close[0] not in entries:
            continue
        entry = entries[close[0]]
        problems.append(
            Problem(
                Location(raw.actors.name, entry.line_of("id")),
                f"actor id '{close[0]}' is named nowhere, while '{ident}' is named {count} "
                f"times in events and claims but declared nowhere: was this actor renamed? "
                f"Give it back the id '{ident}' here (or use '{close[0]}' everywhere)",
            )
        )
        unused.discard(close[0])
        declared.actors.add(ident)  # its references are explained by the line above


def _actor_references(data: Any) -> list[str]:
    """Every actor id events or claims name: participants, places, speakers (by, via)."""
    found: list[str] = []
    for record in data if isinstance(data, list) else []:
        if not isinstance(record, dict):
            continue
        if record.get("place") is not None:
            found.append(str(record["place"]))
        for item in (
            record.get("participants") or [] if isinstance(record.get("participants"), list) else []
        ):
            actor = item.get("actor") if isinstance(item, dict) else item
            if actor is not None and not isinstance(actor, (dict, list)):
                found.append(str(actor))
        for stance in (
            record.get("stances") or [] if isinstance(record.get("stances"), list) else []
        ):
            if isinstance(stance, dict):
                found.extend(str(stance[k]) for k in ("by", "via") if stance.get(k) is not None)
    return found


class _AnyId(dict[str, Any]):
    """Stands for the ids of a file that could not be read (already reported): any id."""

    def __contains__(self, key: object) -> bool:
        return True


def _known(valid: dict[str, Any], declared: set[str] | None) -> dict[str, Any]:
    """The valid records plus the ids declared but invalid; any id when the file is unread."""
    if declared is None:
        return _AnyId()
    return {**dict.fromkeys(declared), **valid}


def _declared_ids(data: Any) -> set[str]:
    if not isinstance(data, list):
        return set()
    return {str(item["id"]) for item in data if isinstance(item, dict) and "id" in item}


def _validate_briefing(raw: RawFile, problems: list[Problem]) -> Briefing | None:
    check = _Checker(raw.name, problems)
    if raw.data is None:
        return None
    if not isinstance(raw.data, LineMap):
        check.add(getattr(raw.data, "line", 1), "expected a mapping with title, scope and summary")
        return None
    if not check.fields(raw.data, "briefing", BRIEFING_FIELDS, ("title", "summary")):
        return None
    summary = str(raw.data.get("summary", ""))
    paragraphs = tuple(collapse_ws(p) for p in re.split(r"\n\s*\n", summary) if p.strip())
    return Briefing(
        title=check.text(raw.data, "title", "briefing") or "",
        scope=check.text(raw.data, "scope", "briefing", optional=True) or "",
        summary=paragraphs,
        key_questions=_questions(raw.data, check),
    )


_BLANK_LINE = re.compile(r"\n\s*\n")


def split_paragraphs(lines: list[str]) -> tuple[str, ...]:
    """Body lines to paragraphs: blank lines separate, line breaks inside one are spaces."""
    chunks = _BLANK_LINE.split("\n".join(lines))
    return tuple(collapse_ws(chunk) for chunk in chunks if chunk and not chunk.isspace())


# What a source file's text validates to, by the file's name and the hash of its bytes (and
# the last year a date may have: see _validated_key).
VALIDATED: Memo[tuple[Source | None, list[Problem]]] = Memo("source", __name__)


def _validate_sources(raws: list[RawSource], problems: list[Problem]) -> dict[str, Source]:
    """Each source file on its own; what a file's text validates to is cached by its hash."""
    sources: dict[str, Source] = {}
    for index, raw in enumerate(raws):
        if raw.unread:
            raw = raws[index] = _known_or_read(raw, problems)
        if raw.front is None and not raw.unread:
            continue  # unreadable, or no front matter: load has said why
        source, found = VALIDATED.get_or_make(
            _validated_key(raw),
            lambda raw=raw: validate_source(raw),  # type: ignore[misc]
        )
        # cached from a run that may have named the file from another working directory
        problems.extend(
            Problem(Location(raw.name, p.location.line) if p.location else None, p.message)
            for p in found
        )
        if source is not None and source.loc.file != raw.name:
            source = replace(source, loc=Location(raw.name, source.loc.line))
        if source is not None:
            sources[source.id] = source
    return sources


def _validated_key(raw: RawSource) -> str:
    """What a source validates to follows its name and bytes, and the clock: the years a
    date may have end with next year (a source refused for its year is taken after New
    Year, as a build without the cache takes it)."""
    return digest(raw.stem, raw.digest, last_year())


def _known_or_read(raw: RawSource, problems: list[Problem]) -> RawSource:
    """A file load knew by its stamp, if what it validated to is cached and valid; else the
    file read now (its text is needed: to validate it again, or to report its id)."""
    cached = VALIDATED.get(_validated_key(raw))
    if raw.path is None or (cached is not None and cached[0] is not None):
        return raw
    return load_source(raw.path, raw.name, problems, parent_inside=True)


def _id_mismatch(ident: str, stem: str) -> str:
    """A source whose front matter and file name disagree: the way back. A slip in the id
    (a letter or two from the file's name) is fixed in the id; renaming the file after it
    would make the slip the source's name."""
    mismatch = f"source id '{ident}' does not match the file name '{stem}.md'; "
    if difflib.SequenceMatcher(None, ident, stem).ratio() >= SLIP_RATIO:
        return mismatch + f"a slip in the id? write `id: {stem}`"
    return mismatch + (
        f"renamed by hand? name it {ident}.md again (a new id: `python -m generator rename "
        f"{ident} NEW_ID` changes its evidence and claims too); a copy? delete it"
    )


SLIP_RATIO = 0.9  # 'putin-2020-03-05-talk' for 'putin-2020-03-05-talks'; a rename is further


def validate_source(raw: RawSource) -> tuple[Source | None, list[Problem]]:
    problems: list[Problem] = []
    check = _Checker(raw.name, problems)
    front, found = parse_yaml(raw.front or "", raw.name, first_line=raw.front_line)
    problems.extend(found)
    if front is None:
        if not found:
            check.add(
                raw.front_line,
                "the front matter is empty: give id, title, outlet, published and language",
            )
        return None, problems
    if not isinstance(front, LineMap):
        check.add(raw.front_line, "front matter must be a YAML mapping of fields")
        return None, problems
    what = f"source '{raw.stem}'"
    complete = check.fields(front, what, SOURCE_FIELDS, SOURCE_REQUIRED)
    ident = str(front.get("id", raw.stem))
    if ident != raw.stem:
        check.add(front.line_of("id"), _id_mismatch(ident, raw.stem))
        complete = False
    elif (problem := id_problem(ident, "source")) is not None:
        check.add(front.line_of("id"), problem)
        complete = False
    published = _published_date(front, check, what)
    added = _added_date(front, check, what)
    url = check.text(front, "url", what, optional=True)
    if url and not re.match(r"https?://[^\s]+$", url):
        check.add(
            front.line_of("url"),
            f"{what}: url '{url}' must be a web address starting with http:// or https://",
        )
        complete = False
    paragraphs = split_paragraphs(raw.body)
    if not paragraphs:
        check.add(raw.body_first_line, f"{what} has no text after its front matter")
        complete = False
    if not complete or isinstance(published, bool) or isinstance(added, bool):
        return None, problems
    source = Source(
        id=ident,
        title=check.text(front, "title", what) or ident,
        outlet=check.text(front, "outlet", what) or UNKNOWN,
        published=published,
        language=check.text(front, "language", what) or UNKNOWN,
        paragraphs=paragraphs,
        url=url,
        translated_from=check.text(front, "translated_from", what, optional=True),
        original=check.text(front, "original", what, optional=True),
        notes=check.text(front, "notes", what, optional=True),
        added=added,
        loc=check.loc(front.line),
        file_digest=raw.digest,
    )
    return source, problems


def _published_date(front: LineMap, check: _Checker, what: str) -> dt.date | bool | None:
    """The publication date, None when marked unknown, False when invalid (already reported)."""
    value = front.get("published")
    if value is not None and str(value).strip().lower() == UNKNOWN:
        return None
    return _day_date(front, "published", check, what, "a full YYYY-MM-DD date, or 'unknown'")


def _added_date(front: LineMap, check: _Checker, what: str) -> dt.date | bool | None:
    """When the source came into the dossier (written by `add`); False when invalid."""
    return _day_date(front, "added", check, what, "a YYYY-MM-DD date")


def _day_date(
    front: LineMap, key: str, check: _Checker, what: str, wanted: str
) -> dt.date | bool | None:
    """A front-matter date to the day: None when absent, False when invalid (reported)."""
    value = front.get(key)
    if value is None:
        return None
    try:
        date = parse_fuzzy_date(value)
    except ValueError as exc:
        check.add(front.line_of(key), f"{what}: {key}: {exc}")
        return False
    if date.precision != "day":
        check.add(front.line_of(key), f"{what}: {key} '{value}' needs {wanted}")
        return False
    if not year_allowed(date.start):
        check.add(
            front.line_of(key),
            f"{what}: {key} '{value}': the year must be between {FIRST_YEAR} and {last_year()}",
        )
        return False
    return date.start


def _validate_actors(raw: RawFile, problems: list[Problem]) -> dict[str, Actor]:
    check = _Checker(raw.name, problems)
    actors: dict[str, Actor] = {}
    seen: dict[str, int] = {}
    owners: dict[str, tuple[str, int]] = {}
    pending_affiliations: list[tuple[str, str, int]] = []
    pending_stands_for: list[tuple[str, str, int]] = []
    for record in check.records(raw, "actor"):
        ident = check.identifier(record, "actor", seen)
        what = f"actor '{ident or '?'}'"
        complete = check.fields(record, what, ACTOR_FIELDS, ACTOR_REQUIRED)
        kind = str(record.get("kind", ""))
        known_kind = _check_actor_kind(check, record, kind, what)
        if ident is None or not complete or not known_kind:
            continue
        name = check.text(record, "name", what) or ident
        aliases = tuple(dict.fromkeys((name, *check.strings(record, "aliases", what))))
        _claim_aliases(check, record, ident, aliases, owners)
        affiliation = record.get("affiliation")
        if affiliation is not None:
            pending_affiliations.append((ident, str(affiliation), record.line_of("affiliation")))
        stands_for = record.get("stands_for")
        if stands_for is not None:
            pending_stands_for.append((ident, str(stands_for), record.line_of("stands_for")))
        actors[ident] = Actor(
            id=ident,
            name=name,
            kind=kind,
            aliases=aliases,
            description=check.text(record, "description", what, optional=True) or "",
            roles=check.strings(record, "roles", what),
            affiliation=str(affiliation) if affiliation is not None else None,
            loc=check.loc(record.line),
            gender=_gender(check, record, what),
            stands_for=str(stands_for) if stands_for is not None else None,
            **_outlet_profile(record, kind, check, what),
        )
    _check_stands_for(pending_stands_for, actors, seen, check)
    _check_affiliations(pending_affiliations, seen, check)
    return actors


def _check_actor_kind(check: _Checker, record: LineMap, kind: str, what: str) -> bool:
    """False (and a problem) for a kind that is not one of ACTOR_KINDS; an absent kind is
    reported with the required fields."""
    if kind and kind not in ACTOR_KINDS:
        check.add(
            record.line_of("kind"),
            f"{what}: unknown kind '{kind}'{did_you_mean(kind, ACTOR_KINDS)}; "
            f"use one of {', '.join(ACTOR_KINDS)}",
        )
        return False
    return True


def _claim_aliases(
    check: _Checker,
    record: LineMap,
    ident: str,
    aliases: tuple[str, ...],
    owners: dict[str, tuple[str, int]],
) -> None:
    """Record which actor each alias (folded) names; an alias must name one actor, and be
    specific: a generic one ("Defence Ministry") would give every state's ministry to it."""
    for alias in aliases:
        if generic_alias(alias):
            check.add(
                record.line_of("aliases" if alias in record.get("aliases", ()) else "name"),
                f"actor '{ident}': alias '{alias}' is generic (every state has one) and "
                "would match them all; say whose it is (as in 'Turkish Defence Ministry') "
                "or remove it",
            )
            continue
        key = fold(alias)
        if key in owners and owners[key][0] != ident:
            other, line = owners[key]
            check.add(
                record.line_of("aliases"),
                f"actor '{ident}': alias '{alias}' is already used by actor '{other}' "
                f"(line {line}); an alias must name one actor",
            )
        owners.setdefault(key, (ident, record.line))


def _check_affiliations(
    pending: list[tuple[str, str, int]], seen: dict[str, int], check: _Checker
) -> None:
    """Each (actor, affiliation, line): the affiliation must be another actor."""
    for ident, affiliation, line in pending:
        if affiliation == ident:
            check.add(line, f"actor '{ident}': affiliation cannot be the actor itself")
        elif affiliation not in seen:
            check.add(
                line,
                f"actor '{ident}' names affiliation '{affiliation}': no such actor"
                f"{did_you_mean(affiliation, seen)}",
            )


def _gender(check: _Checker, record: LineMap, what: str) -> str | None:
    gender = check.text(record, "gender", what)
    if gender is not None and gender not in GENDERS:
        check.add(
            record.line_of("gender"), f"{what}: gender must be female or male, not '{gender}'"
        )
        return None
    return gender


# ---- h-site: stands_for and outlet profiles (begin) ----
def _outlet_profile(record: LineMap, kind: str, check: _Checker, what: str) -> dict[str, str]:
    """owner and country, for media actors only."""
    found = {}
    for key in ("owner", "country"):
        if record.get(key) is None:
            continue
        value = collapse_ws(str(record[key]))
        if kind != "media":
            check.add(record.line_of(key), f"{what}: '{key}' is for media actors only")
        elif key == "owner" and value not in OWNERS:
            check.add(
                record.line_of(key),
                f"{what}: owner '{value}'{did_you_mean(value, OWNERS)}; use one of "
                f"{', '.join(OWNERS)}",
            )
        else:
            found[key] = value
    return found


def _check_stands_for(
    pending: list[tuple[str, str, int]],
    actors: dict[str, Actor],
    seen: dict[str, int],
    check: _Checker,
) -> None:
    """stands_for names another actor, which stands for no one itself (one step: the
    picture folds the Kremlin into Russia, not into a chain)."""
    folds = {ident: target for ident, target, _ in pending}
    for ident, target, line in pending:
        if target == ident:
            check.add(line, f"actor '{ident}': stands_for cannot be the actor itself")
        elif target not in seen:
            check.add(
                line,
                f"actor '{ident}' stands_for '{target}': no such actor{did_you_mean(target, seen)}",
            )
        elif target in folds:
            check.add(
                line,
                f"actor '{ident}' stands_for '{target}', which itself stands_for "
                f"'{folds[target]}' (name the last one: stands_for: {folds[target]})",
            )
        elif actors.get(target) is not None and actors[target].kind == "place":
            check.add(
                line, f"actor '{ident}' stands_for '{target}', a place (name a state or body)"
            )


# ---- h-site: stands_for (end) ----


def _validate_events(
    raw: RawFile,
    actors: dict[str, Actor],
    sources: dict[str, Source],
    declared: Declared,
    problems: list[Problem],
) -> dict[str, Event]:
    check = _Checker(raw.name, problems)
    events: dict[str, Event] = {}
    seen: dict[str, int] = {}
    for record in check.records(raw, "event"):
        ident = check.identifier(record, "event", seen)
        what = f"event '{ident or '?'}'"
        complete = check.fields(record, what, EVENT_FIELDS, EVENT_REQUIRED)
        date = None
        if record.get("date") is not None:
            try:
                date = parse_fuzzy_date(record["date"])
            except ValueError as exc:
                check.add(record.line_of("date"), f"{what}: {exc}")
        kind = str(record.get("kind", ""))
        if kind and kind not in EVENT_KINDS:
            check.add(
                record.line_of("kind"),
                f"{what}: unknown kind '{kind}'{did_you_mean(kind, EVENT_KINDS)}; "
                f"use one of {', '.join(EVENT_KINDS)}",
            )
            complete = False
        place = _event_place(record, actors, declared, check, what)
        participants = _participants(record, actors, declared, check, what)
        evidence = _evidence(record, sources, declared, check, what)
        if ident is None or date is None or not complete or isinstance(place, bool):
            continue
        events[ident] = Event(
            id=ident,
            title=check.text(record, "title", what) or ident,
            date=date,
            kind=kind,
            participants=participants,
            evidence=evidence,
            place=place or None,
            summary=check.text(record, "summary", what, optional=True),
            loc=check.loc(record.line),
            related=check.strings(record, "related", what),  # h-site
        )
    return events


def _event_place(
    record: LineMap, actors: dict[str, Actor], declared: Declared, check: _Checker, what: str
) -> str | bool | None:
    place = record.get("place")
    if place is None:
        return None
    place = str(place)
    line = record.line_of("place")
    if place not in actors:
        if declared.missing_actor(place):
            check.add(
                line, f"{what} names place '{place}': no such actor{did_you_mean(place, actors)}"
            )
        return False
    if actors[place].kind != "place":
        check.add(line, f"{what}: place '{place}' is a {actors[place].kind}, not a place")
        return False
    return place


def _participants(
    record: LineMap, actors: dict[str, Actor], declared: Declared, check: _Checker, what: str
) -> tuple[Participant, ...]:
    raw = record.get("participants") or []
    if not isinstance(raw, list):
        check.add(record.line_of("participants"), f"{what}: participants must be a list")
        return ()
    found: dict[str, Participant] = {}
    lines = raw.item_lines if isinstance(raw, LineList) else [record.line] * len(raw)
    for item, line in zip(raw, lines, strict=True):
        if isinstance(item, LineMap):
            for key in sorted(item.keys() - {"actor", "role"}):
                check.add(
                    line,
                    f"{what}: participant has unknown field '{key}'"
                    f"{did_you_mean(key, ['actor', 'role'])}",
                )
            actor, role = item.get("actor"), item.get("role")
        else:
            actor, role = item, None
        if actor is None:
            check.add(line, f"{what}: participant without 'actor'")
            continue
        actor = str(actor)
        if actor not in actors:
            if declared.missing_actor(actor):
                check.add(
                    line,
                    f"{what} names actor '{actor}': no such actor{did_you_mean(actor, actors)}",
                )
        elif actor in found:
            check.add(line, f"{what}: actor '{actor}' is listed twice as a participant")
        else:
            found[actor] = Participant(actor, collapse_ws(str(role)) if role else None)
    return tuple(found.values())


def _evidence(
    record: LineMap,
    sources: dict[str, Source],
    declared: Declared,
    check: _Checker,
    what: str,
) -> tuple[Evidence, ...]:
    raw = record.get("evidence") or []
    if not isinstance(raw, list):
        check.add(record.line_of("evidence"), f"{what}: evidence must be a list")
        return ()
    found = []
    lines = raw.item_lines if isinstance(raw, LineList) else [record.line] * len(raw)
    for item, line in zip(raw, lines, strict=True):
        if not isinstance(item, LineMap) or not item.get("source") or not item.get("text"):
            check.add(line, f"{what}: each evidence item needs 'source' and 'text'")
            continue
        for key in sorted(item.keys() - {"source", "text"}):
            check.add(
                item.line_of(key),
                f"{what}: evidence has unknown field '{key}'"
                f"{did_you_mean(key, ['source', 'text'])}",
            )
        quoted = _quoted_text(item, "evidence", sources, declared, check, what)
        if quoted is None:
            continue
        found.append(Evidence(*quoted, check.loc(item.line)))
    if not found and not raw:
        check.add(record.line, f"{what}: no evidence; quote at least one sentence from a source")
    return tuple(found)


def _quoted_text(
    item: LineMap,
    noun: str,
    sources: dict[str, Source],
    declared: Declared,
    check: _Checker,
    what: str,
) -> tuple[str, str] | None:
    """(source, text) when the source exists and holds the text verbatim; else reported."""
    source, text = str(item["source"]), collapse_ws(str(item["text"]))
    if source not in sources:
        if declared.missing_source(source):
            check.add(
                item.line_of("source"),
                f"{what} cites source '{source}': no such source"
                f"{did_you_mean(source, declared.sources or ()) or _restore_hint(source)}",
            )
        return None
    paragraphs = sources[source].paragraphs  # already whitespace-collapsed
    if not any(text in paragraph for paragraph in paragraphs):
        check.add(
            item.line_of("text"),
            f"{what}: {noun} is not in source '{source}' verbatim: \"{_clip(text)}\"; "
            f"copy the sentence exactly{_closest_sentence(text, paragraphs)}",
        )
        return None
    return source, text


def _clip(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _closest_sentence(text: str, paragraphs: tuple[str, ...]) -> str:
    sentences = [p[s:e] for p in paragraphs for s, e in sentence_spans(p)]
    close = difflib.get_close_matches(text, sentences, n=1, cutoff=0.5)
    return f"; {difference(text, close[0])}" if close else ""


def difference(quoted: str, found: str, width: int = 40) -> str:
    """Where the quoted text first departs from the closest sentence of the source, shown
    from the start of the word where they part, e.g. `at character 31: the source has "keep
    working", the evidence "continue working"`."""
    same = 0
    while same < min(len(quoted), len(found)) and quoted[same] == found[same]:
        same += 1
    word = max(quoted.rfind(" ", 0, same), found.rfind(" ", 0, same)) + 1

    def part(text: str) -> str:
        rest = text[word : word + width]
        return (rest + ("…" if len(text) > word + width else "")) or "(nothing more)"

    return (
        f"the closest sentence in the source differs at character {same + 1}: "
        f'the source has "{part(found)}", the evidence "{part(quoted)}"'
    )


CLAIM_FIELDS = {"id", "claim", "event", "stances"}
STANCE_FIELDS = {"source", "stance", "text", "by", "via"}


def _validate_claims(
    raw: RawFile,
    events: dict[str, Event],
    actors: dict[str, Actor],
    sources: dict[str, Source],
    declared: Declared,
    problems: list[Problem],
) -> dict[str, Claim]:
    check = _Checker(raw.name, problems)
    claims: dict[str, Claim] = {}
    seen: dict[str, int] = {}
    for record in check.records(raw, "claim"):
        ident = check.identifier(record, "claim", seen)
        what = f"claim '{ident or '?'}'"
        complete = check.fields(record, what, CLAIM_FIELDS, ("id", "claim", "event", "stances"))
        event = str(record.get("event", ""))
        if event and event not in events and declared.events is not None:
            if event in declared.events:
                continue  # the event itself is invalid, and reported
            check.add(
                record.line_of("event"),
                f"{what} belongs to event '{event}': no such event{did_you_mean(event, events)}",
            )
            complete = False
        stances = _stances(record, actors, sources, declared, check, what)
        if ident is None or not complete or not stances:
            continue
        claims[ident] = Claim(
            ident,
            check.text(record, "claim", what) or ident,
            event,
            stances,
            check.loc(record.line),
        )
    return claims


def _stances(
    record: LineMap,
    actors: dict[str, Actor],
    sources: dict[str, Source],
    declared: Declared,
    check: _Checker,
    what: str,
) -> tuple[Stance, ...]:
    raw = record.get("stances") or []
    if not isinstance(raw, list):
        check.add(record.line_of("stances"), f"{what}: stances must be a list")
        return ()
    found = []
    for item in raw:
        if not isinstance(item, LineMap):
            check.add(record.line_of("stances"), f"{what}: each stance must be a mapping")
            continue
        if not check.fields(item, f"{what} stance", STANCE_FIELDS, ("source", "stance", "text")):
            continue
        stance = str(item["stance"])
        if stance not in STANCES:
            check.add(
                item.line_of("stance"),
                f"{what}: unknown stance '{stance}'{did_you_mean(stance, STANCES)}; "
                f"use one of {', '.join(STANCES)}",
            )
            continue
        names = {key: str(item[key]) for key in ("by", "via") if item.get(key) is not None}
        unknown = [k for k, v in names.items() if v not in actors and declared.missing_actor(v)]
        for key in unknown:
            check.add(
                item.line_of(key),
                f"{what}: {key} '{names[key]}': no such actor{did_you_mean(names[key], actors)}",
            )
        quoted = _quoted_text(item, "text", sources, declared, check, what)
        if quoted is None:
            continue
        source, text = quoted
        if unknown or any(v not in actors for v in names.values()):
            continue
        found.append(
            Stance(source, stance, text, names.get("by"), names.get("via"), check.loc(item.line))
        )
    return tuple(found)


# ---- h-site: linked briefing, phases, related events (begin) ----

REFERENCE = re.compile(r"\[\[(event|actor|claim):([^\]|]*)(?:\|([^\]]*))?\]\]")
PHASE_FIELDS = {"title", "from", "to", "summary"}
QUESTION_FIELDS = {"question", "answers"}


def _questions(data: LineMap, check: _Checker) -> tuple[str, ...]:
    """Key questions: text, or {question, answers} mappings (answers are read later)."""
    value = data.get("key_questions")
    if not isinstance(value, list):
        return check.strings(data, "key_questions", "briefing")
    found = []
    for item in value:
        if isinstance(item, LineMap):
            check.fields(item, "briefing key question", QUESTION_FIELDS, ("question",))
            found.append(collapse_ws(str(item.get("question", ""))))
        elif not isinstance(item, (list, dict)) and str(item).strip():
            found.append(collapse_ws(str(item)))
    return tuple(q for q in found if q)


def _reference_problems(
    text: str, line: int, known: tuple[dict[str, Any], ...], check: _Checker
) -> None:
    """Each [[kind:id]] in text must name an existing actor, event or claim; the line is
    the reference's own (a block scalar starts on the line after its key)."""
    actors, events, claims = known
    pools = {"actor": actors, "event": events, "claim": claims}
    for match in REFERENCE.finditer(text):
        kind, ident = match.group(1), match.group(2).strip()
        if ident not in pools[kind]:
            here = line + text.count("\n", 0, match.start())
            check.add(
                here,
                f"briefing refers to {kind} '{ident}': no such {kind}"
                f"{did_you_mean(ident, pools[kind])}",
            )


def _stray_references(text: str, line: int, check: _Checker) -> None:
    """A `[[` that starts no reference (`[[evnt:x]]`, `[[event:x|words]`) would be printed
    as it stands on the home page: a slip, said at its line."""
    starts = {match.start() for match in REFERENCE.finditer(text)}
    for match in re.finditer(r"\[\[", text):
        if match.start() in starts or match.start() - 1 in starts:
            continue  # `[[[event:x]]`: the reference starts one further
        here = line + text.count("\n", 0, match.start())
        shown = re.match(r"\[\[[^\]|\n]{0,60}", text[match.start() :])
        check.add(
            here,
            f"briefing: '{shown.group() if shown else '[['}' starts no reference; write "
            "[[event:ID]], [[actor:ID]] or [[claim:ID]] (or [[event:ID|other words]])",
        )


def _text_line(record: LineMap, key: str) -> int:
    value = record.get(key)
    block = isinstance(value, str) and "\n" in value.rstrip("\n")
    return record.line_of(key) + (1 if block else 0)


def linked_briefing(
    raw: RawFile,
    briefing: Briefing,
    known: tuple[dict[str, Any], ...],
    problems: list[Problem],
) -> Briefing:
    check = _Checker(raw.name, problems)
    data = raw.data
    if not isinstance(data, LineMap):
        return briefing
    for key in ("summary", "scope"):
        if isinstance(data.get(key), str):
            _reference_problems(str(data[key]), _text_line(data, key), known, check)
            _stray_references(str(data[key]), _text_line(data, key), check)
    answers = _answers(data, known, check)
    phases = _phases(data, known, check)
    return Briefing(
        briefing.title, briefing.scope, briefing.summary, briefing.key_questions, answers, phases
    )


def _answers(
    data: LineMap, known: tuple[dict[str, Any], ...], check: _Checker
) -> tuple[tuple[str, ...], ...]:
    value = data.get("key_questions")
    if not isinstance(value, list):
        return ()
    found: list[tuple[str, ...]] = []
    for item in value:
        if not isinstance(item, LineMap):
            found.append(())
            continue
        if isinstance(item.get("question"), str):
            _reference_problems(str(item["question"]), item.line_of("question"), known, check)
            _stray_references(str(item["question"]), item.line_of("question"), check)
        refs = check.strings(item, "answers", "briefing key question")
        line = item.line_of("answers") if "answers" in item else item.line
        text = " ".join(f"[[{r}]]" for r in refs)
        for ref in refs:
            if not re.fullmatch(r"(event|claim|actor):[a-z0-9-]+", ref):
                check.add(line, f"briefing answer '{ref}': write event:ID or claim:ID")
        _reference_problems(text, line, known, check)
        found.append(refs)
    return tuple(found)


def _phases(data: LineMap, known: tuple[dict[str, Any], ...], check: _Checker) -> tuple[Phase, ...]:
    value = data.get("phases")
    if value is None:
        return ()
    if not isinstance(value, list):
        check.add(
            data.line_of("phases"), "briefing: phases must be a list of {title, from, to, summary}"
        )
        return ()
    found = []
    for item in value:
        if not isinstance(item, LineMap):
            check.add(data.line_of("phases"), "briefing: each phase must be a mapping")
            continue
        if not check.fields(item, "briefing phase", PHASE_FIELDS, ("title", "from", "to")):
            continue
        try:
            start = parse_fuzzy_date(item["from"])
            end = parse_fuzzy_date(item["to"])
        except ValueError as exc:
            check.add(item.line, f"briefing phase: {exc}")
            continue
        last = _last_day(end)
        if last < start.start:
            check.add(item.line_of("to"), "briefing phase: 'to' is before 'from'")
            continue
        summary = str(item.get("summary") or "")
        _reference_problems(summary, _text_line(item, "summary"), known, check)
        title = collapse_ws(str(item["title"]))
        found.append(Phase(title, start.start, last, collapse_ws(summary)))
    return tuple(found)


def _last_day(date: FuzzyDate) -> dt.date:
    """The last day a fuzzy date covers (2020-02 -> 29 February 2020)."""
    if date.precision == "year":
        return dt.date(date.start.year, 12, 31)
    if date.precision == "month":
        following = dt.date(date.start.year + date.start.month // 12, date.start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return date.start


def _check_related(raw: RawFile, events: dict[str, Any], problems: list[Problem]) -> None:
    """related: must name other existing events."""
    if not isinstance(raw.data, list):
        return
    check = _Checker(raw.name, problems)
    for record in (r for r in raw.data if isinstance(r, LineMap) and "related" in r):
        ident = str(record.get("id", "?"))
        value = record["related"]
        for other in (str(v) for v in (value if isinstance(value, list) else [value])):
            if other == ident:
                check.add(record.line_of("related"), f"event '{ident}': related names itself")
            elif other not in events:
                check.add(
                    record.line_of("related"),
                    f"event '{ident}' names related event '{other}': no such event"
                    f"{did_you_mean(other, events)}",
                )


# ---- h-site: linked briefing, phases, related events (end) ----
