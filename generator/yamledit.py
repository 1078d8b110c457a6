"""Edits to the curated YAML files that a person could have made: the one owner of YAML writes.

The files are never re-dumped: ruamel.yaml's round-trip parser tells where each record, key
and list item sits, and an edit splices a few lines of text there. Everything else in the
file (comments, blank lines, key order, quoting, flow or block style, long lines) stays
byte for byte. New records are written in the corpus's own style (see corpus/README.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.error import YAMLError

from generator.errors import DossierError
from generator.model import WHOLE_FILE, Location

_PLAIN = re.compile(r"^[A-Za-z0-9À-ɏ][\w .,'’()\-À-ɏ]*$")
_PLAIN_IN_FLOW = re.compile(r"^[A-Za-z0-9À-ɏ][\w .'’\-À-ɏ]*$")  # no , ( ) in [a, b]


class EditError(DossierError):
    """An edit that cannot be made; the message is one line for the user.

    The edit functions know the text, not the file: they give the line within the text and
    `editing` names the file (and shifts the line when the text starts further down it)."""

    def __init__(self, what: str, line: int = WHOLE_FILE, file: str = "") -> None:
        self.what, self.line, self.file = what, line, file
        where = str(Location(file, line)) if file else f"line {line}" if line else ""
        super().__init__(f"{where}: {what}" if where else what)


@contextmanager
def editing(name: str, first_line: int = 1) -> Iterator[None]:
    """Edits made inside report their problems at name:line (text line 1 = first_line)."""
    try:
        yield
    except EditError as exc:
        if exc.file:
            raise
        line = exc.line + first_line - 1 if exc.line else WHOLE_FILE
        raise EditError(exc.what, line, name) from None


def load(text: str, name: str, first_line: int = 1) -> Any:
    """The file's data with positions (0-based lines); EditError with file:line if unreadable.
    first_line: the file's line that the text's first line is (2 for front matter)."""
    try:
        return YAML(typ="rt").load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + first_line if mark is not None else first_line
        raise EditError("not valid YAML; fix it by hand first", line, name) from None


def scalar(value: str, flow: bool = False) -> str:
    """A YAML scalar for value: plain where it reads back as the same text, else quoted."""
    pattern = _PLAIN_IN_FLOW if flow else _PLAIN
    if pattern.match(value) and value == value.strip():
        try:
            back = yaml.safe_load(f"k: {value}")
        except yaml.YAMLError:
            back = None
        if isinstance(back, dict) and back.get("k") == value:
            return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def flow_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(scalar(v, flow=True) for v in values) + "]"


def render_record(fields: Sequence[tuple[str, str]]) -> str:
    """A top-level list item: fields are (key, value already written as YAML)."""
    lines = []
    for index, (key, value) in enumerate(fields):
        lead = "- " if index == 0 else "  "
        lines.append(f"{lead}{key}:{'' if value.startswith(chr(10)) else ' '}{value}")
    return "\n".join(lines) + "\n"


_FIRST_ITEM = re.compile(r"^( *)- ", re.MULTILINE)  # the list's column: its first item's


def append_record(text: str, record: str) -> str:
    """record after the last one, separated by a blank line as the corpus files are, and
    at the column of the others (`  - id: x`, valid YAML, took one at column 0: unreadable)."""
    found = _FIRST_ITEM.search(text)
    if found is not None and found.group(1):
        record = "".join(
            found.group(1) + line if line.strip() else line
            for line in record.splitlines(keepends=True)
        )
    body = text.rstrip("\n")
    if not body.strip():
        return text + record if text.endswith("\n") or not text else text + "\n" + record
    return body + "\n\n" + record


def record_index(data: Any, field: str, value: str) -> int | None:
    if not isinstance(data, list):
        return None
    return next(
        (i for i, item in enumerate(data) if isinstance(item, dict) and item.get(field) == value),
        None,
    )


def record_span(text: str, data: Any, index: int) -> tuple[int, int]:
    """First and last line (0-based, last exclusive) of a top-level record; trailing blank
    lines and the comments that introduce the next record are not part of it."""
    lines = text.split("\n")
    start: int = data.lc.item(index)[0]
    end: int = data.lc.item(index + 1)[0] if index + 1 < len(data) else len(lines)
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip()[:1] == "#"):
        end -= 1
    return start, end


def remove_record(text: str, data: Any, index: int) -> str:
    lines = text.split("\n")
    start, end = record_span(text, data, index)
    while end < len(lines) and not lines[end].strip():
        end += 1  # the blank line that separated it from the next record
    del lines[start:end]
    return "\n".join(lines).rstrip("\n") + "\n" if any(s.strip() for s in lines) else ""


_VALUE = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'|[^\s#][^#]*?(?=\s+#|\s*$)")


def set_value(text: str, record: Any, key: str, value: str, after: str | None = None) -> str:
    """Replace a one-line scalar value of record[key]; insert the key after another if absent."""
    lines = text.split("\n")
    if key in record:
        line, col = record.lc.value(key)
        match = _VALUE.match(lines[line], col)
        # a block scalar (| or >) or a value wrapped onto further lines: replacing the first
        # line's text would leave the rest behind as broken YAML
        spans = _value_end(lines, record, key) > line + 1 or lines[line][col : col + 1] in (
            "|",
            ">",
        )
        if match is None or spans or "\n" in str(record[key]):
            raise EditError(f"'{key}' is not a one-line value; edit it by hand", line + 1)
        lines[line] = lines[line][:col] + value + lines[line][match.end() :]
        return "\n".join(lines)
    anchor = after if after is not None and after in record else str(next(iter(record)))
    line, col = record.lc.key(anchor)
    insert_at = _value_end(lines, record, anchor)
    lines.insert(insert_at, " " * col + f"{key}: {value}")
    return "\n".join(lines)


def _value_end(lines: list[str], record: Any, key: str) -> int:
    """The line after record[key]'s value (a nested block may span several lines)."""
    line, col = record.lc.key(key)
    end: int = line + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > col
    ):
        end += 1
    while end > line + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def add_to_flow_list(text: str, record: Any, key: str, values: Sequence[str]) -> str:
    """Append values to record[key], a flow list [a, b] (or a block list); add the key if
    absent (after 'name')."""
    if key not in record:
        return set_value(text, record, key, flow_list(values), after="name")
    seq = record[key]
    if not isinstance(seq, CommentedSeq):
        raise EditError(f"'{key}' is not a list; edit by hand", record.lc.value(key)[0] + 1)
    lines = text.split("\n")
    if not seq.fa.flow_style():
        return append_block_items(text, record, key, [[scalar(v)] for v in values])
    line, col = record.lc.value(key)
    close_line, close_col = _closing_bracket(lines, line, col)
    added = ", ".join(scalar(v, flow=True) for v in values)
    head = lines[close_line][:close_col].rstrip()
    sep = "" if head.endswith("[") else ", "
    lines[close_line] = head + sep + added + lines[close_line][close_col:]
    return "\n".join(lines)


def _closing_bracket(lines: list[str], line: int, col: int) -> tuple[int, int]:
    """Where the ']' that closes the flow list opened at (line, col) is, skipping quotes."""
    depth, quote = 0, ""
    for row in range(line, len(lines)):
        start = col if row == line else 0
        for index in range(start, len(lines[row])):
            char = lines[row][index]
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'":
                quote = char
            elif char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
                if depth == 0:
                    return row, index
    raise EditError("an unclosed list; fix it by hand first", line + 1)


def append_block_items(text: str, record: Any, key: str, items: Sequence[Sequence[str]]) -> str:
    """Append items to record[key], a block list; each item is its lines (the first gets
    the dash). The new items take the indentation of the list's existing ones."""
    seq = record[key]
    if not isinstance(seq, CommentedSeq):
        raise EditError(f"'{key}' is not a list; edit by hand", record.lc.value(key)[0] + 1)
    lines = text.split("\n")
    if seq.fa.flow_style():
        raise EditError(
            f"'{key}' is a [flow] list here; write it one item a line (a '- ' line each "
            f"under '{key}:', as in the other records), then run the command again",
            record.lc.value(key)[0] + 1,
        )
    dash = seq.lc.item(0)[1] - 2 if len(seq) else record.lc.key(key)[1] + 2
    insert_at = _value_end(lines, record, key)
    new: list[str] = []
    for item in items:
        new.append(" " * dash + "- " + item[0])
        new.extend(" " * (dash + 2) + rest for rest in item[1:])
    lines[insert_at:insert_at] = new
    return "\n".join(lines)
