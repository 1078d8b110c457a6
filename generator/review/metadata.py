"""`set SOURCE_ID FIELD VALUE`: the front-matter fields a user fixes after `add`.

`add` guesses a source's title, outlet and language and keeps the address it was given; a
guess can be wrong ("Hosted" for AP, English for a German article). Each field is checked
here with a one-line message, then written through the one front-matter editor
(accept.source_front and yamledit.set_value), so the rest of the file stays byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.errors import DossierError
from generator.review.accept import Session, front_editing, set_published, source_front
from generator.stages.validate import UNKNOWN, did_you_mean
from generator.text.folding import collapse_ws
from generator.text.language_codes import language_named
from generator.yamledit import scalar, set_value

MAX_TEXT = 300  # a title or outlet longer than this is a pasted paragraph, not a title
_URL = re.compile(r"https?://[^\s]+$")  # as validate checks it


def _text(field: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        text = collapse_ws(value)
        if not text:
            raise DossierError(f"{field}: empty; give the text")
        if len(text) > MAX_TEXT:
            raise DossierError(f"{field}: {len(text)} characters; keep it under {MAX_TEXT}")
        return text

    return check


def language_code(value: str, field: str = "language") -> str:
    """An ISO 639-1 code from a code or an English name: "de", "DE", "German" -> "de"."""
    wanted = value.strip()
    if wanted.lower() == UNKNOWN:
        return UNKNOWN
    language = language_named(wanted)
    if language is None:
        raise DossierError(
            f"{field} '{wanted}': not a language; give its two-letter ISO 639-1 code (de, fr, tr)"
        )
    code = getattr(language, "alpha_2", None)
    if code is None:
        raise DossierError(f"{field} '{wanted}': this language has no two-letter code")
    return str(code)


def _url(value: str) -> str:
    url = value.strip()
    if not _URL.match(url):
        raise DossierError(f"url '{url[:80]}': give a web address starting with http(s)://")
    return url


# field -> its check (returns the value to store); published has its own path (a decision)
CHECKS: dict[str, Callable[[str], str]] = {
    "title": _text("title"),
    "outlet": _text("outlet"),
    "language": language_code,
    "translated_from": lambda v: language_code(v, "translated_from"),
    "url": _url,
    "notes": _text("notes"),
}
FIELDS = ("published", *CHECKS)


def set_field(session: Session, source_id: str, field: str, value: str) -> None:
    if field == "published" and value.strip().lower() != UNKNOWN:
        return set_published(session, source_id, value)  # a day, recorded as a decision
    if field not in FIELDS:
        hint = did_you_mean(field, FIELDS) or f" (one of {', '.join(FIELDS)})"
        raise DossierError(f"set: no field '{field}' to set{hint}")
    # `published unknown` takes a date set by mistake back to what `add` writes for none
    stored = UNKNOWN if field == "published" else CHECKS[field](value)
    rel, lines, close, front = source_front(session, source_id)
    before = str(front.get(field) or "")
    with front_editing(rel):
        edited = set_value("\n".join(lines[1:close]), front, field, scalar(stored), "language")
    session.changes.put(rel, "\n".join([lines[0], edited, *lines[close:]]))
    was = f" (was {before})" if before and before != stored else ""
    session.done.append(f"set {source_id} {field} {stored} in corpus/{rel}{was}")
    return None
