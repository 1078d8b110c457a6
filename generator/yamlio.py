"""YAML loading that remembers line numbers, keeps dates as text and refuses duplicate keys;
and the dumping of the YAML files the generator owns whole (corpus/history.yml)."""

from __future__ import annotations

from typing import Any

import yaml

from generator.errors import Problem
from generator.model import WHOLE_FILE, Location


class LineMap(dict):  # type: ignore[type-arg]
    """A YAML mapping that knows the line it starts on and the line of each key."""

    line: int
    key_lines: dict[str, int]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line = 1  # the parser sets both; an empty mapping made in code has them too
        self.key_lines = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):  # type: ignore[type-arg]
    line: int
    item_lines: list[int]


# libyaml's parser when installed (ten times faster); marks and line numbers are the same.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    problems: list[Problem]
    filename: str

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Refuse a node seen before: that is an alias (`*name`). Expanded, a few lines of
        aliases make billions of values (the "billion laughs"); the corpus needs none."""
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "aliases (*name) are not allowed: write the value out in full",
                node.start_mark,
            )
        return super().construct_object(node, deep=deep)


# Dates stay strings: the validator parses them and knows the precision the author meant.
_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineMap:
    result = LineMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key)
        line = key_node.start_mark.line + 1
        if key in result:
            loader.problems.append(
                Problem(
                    Location(loader.filename, line),
                    f"duplicate key '{key}' (first given on line {result.key_lines[key]}); "
                    "keep one",
                )
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, filename: str, first_line: int = 1) -> tuple[Any, list[Problem]]:
    """Parse YAML text; line numbers are shifted so that text line 1 is file line first_line."""
    loader = _Loader(text)
    loader.problems = []
    loader.filename = filename
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        what = exc.problem or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError):
            return None, [Problem(Location(filename, line), f"YAML: {what}")]
        return None, [
            Problem(
                Location(filename, line),
                f"YAML syntax error: {what} "
                "(check indentation, and quote text containing ': ' or '#')",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Problem(Location(filename, first_line), f"YAML error: {exc}")]
    finally:
        loader.dispose()
    problems = loader.problems
    if first_line != 1:
        _shift_lines(data, first_line - 1)
        problems = [
            Problem(Location(p.location.file, p.location.line + first_line - 1), p.message)
            if p.location and p.location.line > WHOLE_FILE
            else p
            for p in problems
        ]
    return data, problems


def _shift_lines(data: Any, offset: int) -> None:
    if isinstance(data, LineMap):
        data.line += offset
        data.key_lines = {k: v + offset for k, v in data.key_lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, LineList):
        data.line += offset
        data.item_lines = [v + offset for v in data.item_lines]
        for value in data:
            _shift_lines(value, offset)


# libyaml's emitter, where installed: the same bytes for what dump_generated is given (ids,
# hashes, dates, counts; tests/test_yamledit.py compares), four times faster (history.yml
# lists every source: 0.77 -> 0.18 s at 5,000 sources).
_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_generated(header: str, data: Any, dumper: type[yaml.SafeDumper] = _DUMPER) -> str:
    """A file the generator owns entirely (corpus/history.yml): dumped whole, deterministic."""
    body = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    return header + body
