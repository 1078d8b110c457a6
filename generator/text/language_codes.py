"""A language as a source's `language:` field holds it: its two-letter ISO 639-1 code,
from a code or an English name, as people write them ("de", "DE", "deu", "de-AT", "German").
`add` reads the field of an article's front matter with it, `set` the analyst's value."""

from __future__ import annotations

from typing import Any

import pycountry


def language_named(value: str) -> Any | None:
    """The pycountry language a code or English name gives, with or without a region
    ("pt-BR", "en_US"); None when it names none."""
    wanted = value.strip()
    for form in (wanted, wanted.replace("_", "-").split("-")[0]):
        try:
            return pycountry.languages.lookup(form)
        except LookupError:
            continue
    return None


def two_letter(value: str) -> str | None:
    """The ISO 639-1 code of a language given by code or name; None when there is none."""
    language = language_named(value)
    code = getattr(language, "alpha_2", None) if language is not None else None
    return str(code) if code else None
