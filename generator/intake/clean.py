"""Cut page chrome out of a stored news page, keeping every sentence of the article.

`clean_body` takes the page's text lines and returns the article's paragraphs, one string each.
What counts as chrome was read off the hand-cleaned seeds (corpus/originals -> corpus/sources):
share and comment widgets, newsletter and app boxes, photo credits, capture and live-blog time
stamps, "Read more" links and related-headline tails, tag lines and bylines. A rule that could
swallow article text is written narrowly; when in doubt a line is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.text import calendar
from generator.text.folding import collapse_ws, fold

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")

_MONTHS = calendar.month_pattern()  # the calendar owns month names
_DATE = (
    rf"(?:\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
)
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s*(?:GMT|UTC|[A-Z]{2,5}))?"
_BULLET = r"[•·*\-–—▪►|\s]*"
# "18:21 GMT16 January 2021" (capture time), "• 17:25" (live-blog entry), "5 March 2020, 10:21".
_STAMP = re.compile(
    rf"^{_BULLET}(?:{_TIME}[\s,|]*(?:{_DATE})?|{_DATE}(?:[\s,|]*(?:at\s+)?{_TIME})?)\s*$",
    re.IGNORECASE,
)

# Whole lines that are chrome (matched against the line with collapsed spaces).
_CHROME_LINES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"share(?: this| on| via)\b.{0,40}|share|shares",
        r"(?:tweet|email|e-mail|print|facebook|twitter|whatsapp|telegram|linkedin|reddit)",
        r"copy(?: the)? link|get short url|short url|close button|close|menu|search",
        r"find us|follow(?: us)?(?: on \w+)?|text by:.{0,60}|listen live|live|new messages",
        # "Published on Updated", "Updated: 5 March 2020 10:21", "Published Thursday 5 March"
        r"(?:published|updated|last updated|posted|first published|modified)"
        r"(?:\s*:|\s+(?:on|at)\b)?"
        rf"(?:\s+(?:\d|[a-z]+day\b|updated\b|{_MONTHS}).{{0,60}})?",
        r"read (?:more|also|next)(?::.{0,200}|\s*[»›>]?)|(?:see also|also read):.{0,200}",
        r"related(?: articles| stories| news| content| coverage)?(?::.{0,200})?",
        r"recommended|advertisement|advertising|sponsored(?: content)?|promoted(?: content)?",
        r"download (?:the|our) app.{0,80}|get the app.{0,80}",
        r"newsletter\b.{0,150}|(?:sign up|subscribe)\b.{0,80}newsletter.{0,80}",
        r"subscribe|sign in|log in|register|skip to(?: main)? content|back to top|more",
        r"community standards.{0,40}|discussion|comments?|\d+ comments?|no comments yet.{0,40}",
        r"(?:show|view|load|hide|post|add|leave) (?:a )?comments?.{0,40}",
        r"(?:join|start) the (?:discussion|conversation).{0,60}",
        r"please let us know if you're having issues with commenting\.?",
        r".{0,60}\bcommenting (?:policy|guidelines|is closed).{0,60}",
        r"follow .{0,40}(?:live feed|on twitter|on facebook|on telegram).{0,40}",
        r"(?:tags?|topics?|keywords?|filed under)\s*:.{0,200}",
        r"(?:photo|image|picture|video|graphic)s?(?: credit)?\s*:.{0,120}",
        r"(?:copyright|©).{0,120}",
        r"(?:\(?(?:ap|afp|reuters|epa|getty images|anadolu|sputnik|tass|ria novosti|aa)\)?\s*)?"
        r"photo\s*/.{0,100}",
        r"associated press|the associated press|reuters|afp|ap|getty images|epa|"
        r"anadolu agency|sputnik|tass|ria novosti|shutterstock",
        r"(?:watch|listen|video)(?: live| now)?:?",
        r"click here.{0,100}",
        # a video caption: "TRT World's political correspondent X has more on the summit."
        r".{0,60}\b(?:correspondent|reporter|editor|anchor|presenter)\b.{0,60} has more"
        r"(?: on .{0,80})?\.?",
    )
]
# A line that starts the tail of related headlines, teasers and footers.
_TAIL_MARKERS = re.compile(
    r"(?:you (?:might|may) also like|on the same subject|read more:|related(?: articles| stories"
    r"| news| content)?:?|more (?:from|on) .{1,40}|more stories|most (?:read|popular|viewed)"
    r"|recommended (?:for you|stories|articles|reading)|trending(?: now)?|latest (?:news|stories)"
    r"|what to read next|top stories|further reading)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"By [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}")
_AGENCY = re.compile(
    r"\b(?:AP|AFP|Reuters|REUTERS|Sputnik|SPUTNIK|Getty|EPA|Anadolu|TASS|RIA|Pool|Photo|Images"
    r"|Xinhua|DPA|Associated Press)\b|\b[A-Z]{3,}\b"
)
# "… in Moscow.Associated PressPavel Golovkin": a credit glued on after the last sentence.
_GLUED_CREDIT = re.compile(r"^(.*[a-z0-9)][.!?][\"”’']?)((?:[A-Z][\w'’-]*\s?){2,8})$")
# "… in October 2019. Alexey DRUZHININ / SPUTNIK / AFP": a slash-separated credit tail.
_WORDS = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
_SLASH_CREDIT = re.compile(rf"^(.*[.!?][\"”’']?)\s+({_WORDS}(?:\s*/\s*{_WORDS})+)$")
_SLASH_CREDIT_LINE = re.compile(
    rf"^{_WORDS}(?:,\s*{_WORDS})*(?:\s*/\s*{_WORDS}(?:,\s*{_WORDS})*)+$"
)
# "Caption text Copyright © Name/Agency": the caption stays, the credit goes.
_TRAILING_COPYRIGHT = re.compile(r"^(.*\S)\s*(?:Copyright|©)\s*©?\s*[^.!?]{0,80}$")
_TERMINAL = re.compile(r"[.!?…:;][\"”’')\]]*$|[\"”’]$")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*$")


def normalise_line(line: str) -> str:
    """One line with invisible characters gone and any run of spaces (NBSP too) as one space."""
    return collapse_ws(_SPACES.sub(" ", line.translate(_INVISIBLE)))


def is_chrome(line: str) -> bool:
    """True when a whole (normalised) line is page chrome rather than article text."""
    if not line:
        return False
    if _STAMP.match(line):
        return True
    if any(p.fullmatch(line) for p in _CHROME_LINES):
        return True
    if _BYLINE.fullmatch(line):
        return True
    if len(line) <= 100 and _SLASH_CREDIT_LINE.match(line) and _AGENCY.search(line):
        return True
    return _is_tag_line(line)


def _is_tag_line(line: str) -> bool:
    """A list of tags: "war in Syria, Recep Tayyip Erdogan, Idlib, Syria" or "• Syria"."""
    if _TERMINAL.search(line):
        return False
    bullet = re.match(r"^[•·▪]\s*(.+)$", line)
    if bullet:
        return len(bullet.group(1).split()) <= 5
    items = [item.strip() for item in line.split(",")]
    return len(items) >= 4 and all(0 < len(item.split()) <= 4 for item in items)


CREDIT_WINDOW = 300  # characters: a credit is a few names; longer tails are article text


def strip_credits(line: str) -> tuple[str, bool]:
    """The line without a photo credit stuck to its end, and whether one was cut.

    The patterns look at the line's last CREDIT_WINDOW characters only: tried on a whole
    long paragraph, their backtracking grows with the square of its length."""
    head = line[:-CREDIT_WINDOW] if len(line) > CREDIT_WINDOW else ""
    tail = line[len(head) :]
    match = _TRAILING_COPYRIGHT.match(tail)
    if match:
        return (head + match.group(1)).strip(), True
    match = _GLUED_CREDIT.match(tail)
    if match and (re.search(r"[a-z][A-Z]", match.group(2)) or _AGENCY.search(match.group(2))):
        return (head + match.group(1)).strip(), True
    match = _SLASH_CREDIT.match(tail)
    if match and _AGENCY.search(match.group(2)):
        return (head + match.group(1)).strip(), True
    return line, False


def _is_sentence_paragraph(line: str) -> bool:
    return len(line.split()) >= 15 and bool(_SENTENCE_END.search(line)) and "..." not in line[-8:]


def _cut_tail(lines: list[str]) -> list[str]:
    """Drop a related-headlines tail: from its marker on, if nothing after it reads as article."""
    for index, line in enumerate(lines):
        if line and _TAIL_MARKERS.fullmatch(line):
            rest = lines[index + 1 :]
            if not any(_is_sentence_paragraph(r) for r in rest):
                return lines[:index]
    return lines


def _key(text: str) -> str:
    return re.sub(r"[\"“”'‘’`]", "'", fold(text))


def clean_body(lines: Iterable[str]) -> list[str]:
    """Page text lines -> the article's paragraphs, page chrome cut, each paragraph one string."""
    normal = _cut_tail([normalise_line(line) for line in lines])
    kept: list[str] = []  # lines of text, "" between blocks
    for line in normal:
        if not line or is_chrome(line):
            if not line and kept and kept[-1]:
                kept.append("")
            continue
        stripped, had_credit = strip_credits(line)
        if had_credit:
            # A caption printed twice, the second time with its credit: both copies are chrome.
            recent = [i for i in range(len(kept) - 1, max(-1, len(kept) - 4), -1) if kept[i]]
            twin = next((i for i in recent if _key(kept[i]) == _key(stripped)), None)
            if twin is not None:
                del kept[twin]
                continue
            if is_chrome(stripped):
                continue
        kept.append(stripped)
    paragraphs = _paragraphs(kept)
    seen: set[str] = set()
    result: list[str] = []
    for paragraph in paragraphs:
        key = _key(paragraph)
        if key not in seen:  # repeated headlines of live blogs, doubled captions
            seen.add(key)
            result.append(paragraph)
    return result


def _paragraphs(lines: list[str]) -> list[str]:
    """Join lines into paragraphs.

    Hard-wrapped text (most lines inside a block stop mid-sentence) is joined block by block;
    otherwise each line is a paragraph unless the next one plainly continues it (lower case).
    """
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    inner = [line for block in blocks for line in block[:-1]]
    open_ended = sum(1 for line in inner if not _TERMINAL.search(line))
    wrapped = len(inner) >= 3 and open_ended >= 0.5 * len(inner)
    paragraphs: list[str] = []
    for block in blocks:
        if wrapped:
            paragraphs.append(" ".join(block))
            continue
        current = block[0]
        for line in block[1:]:
            if not _TERMINAL.search(current) and line[:1].islower():
                current = f"{current} {line}"
            else:
                paragraphs.append(current)
                current = line
        paragraphs.append(current)
    return paragraphs
