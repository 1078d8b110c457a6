"""A web page saved as one file: Chrome's and Edge's "Webpage, Single File" (.mhtml, .mht),
the page and its parts as the MIME parts of a mail message. `add` takes its HTML part, read
as a saved .html page; before, its mail headers had it refused as an e-mail."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

SUFFIXES = (".mhtml", ".mht")


class NoPage(Exception):
    """A single-file page with no HTML page inside: its one-line reason."""


def page_in(raw: bytes, suffix: str) -> str | None:
    """The HTML of the page saved in `raw`; None when `raw` is no single-file page."""
    if suffix not in SUFFIXES and not _looks_single_file(raw):
        return None
    message = email.message_from_bytes(raw, policy=email.policy.default)
    for part in message.walk():
        if isinstance(part, EmailMessage) and part.get_content_type() == "text/html":
            try:
                content = part.get_content()
            except (LookupError, ValueError):  # a code page Python does not know
                continue
            if isinstance(content, str) and content.strip():
                return content
    raise NoPage(
        "a page saved as a single file (.mhtml) with no HTML page inside; "
        "save the page as 'Webpage, HTML only' (.html)"
    )


def _looks_single_file(raw: bytes) -> bool:
    """Headers a browser writes at the top of a single-file page, whatever its name."""
    head = raw[:2048].lower()
    return b"multipart/related" in head and (
        b"snapshot-content-location:" in head or b"saved by" in head
    )
