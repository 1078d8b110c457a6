"""A publication date proposed for an undated source: shown as inferred, never stored as fact
until the analyst accepts it. One small function, so a better proposer can replace it."""

from __future__ import annotations

import datetime as dt
import re

from generator.model import Source

_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|$|\D)")
_URL_COMPACT = re.compile(r"[/_-]((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")


def propose_published(source: Source) -> tuple[str, str] | None:
    """(YYYY-MM-DD, why) from the address (/2017/05/03/) or a dated dateline, or None."""
    for pattern in (_URL_DATE, _URL_COMPACT):
        match = pattern.search(source.url or "")
        if match:
            try:
                date = dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
            return date.isoformat(), f"the date in its address {match.group(0).strip('/_-.')}"
    from generator.intake.ingest import infer_published  # the rules `add` uses for datelines

    found = infer_published([], list(source.paragraphs[:2]))
    if found is not None:
        return found[0].isoformat(), "its dateline"
    return None
