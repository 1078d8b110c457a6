"""House rule: no function in generator/ longer than 60 lines (ruff's C90 checks complexity,
not length)."""

from __future__ import annotations

import ast
from pathlib import Path

import generator

MAX_LINES = 60


def test_no_function_is_longer_than_sixty_lines() -> None:
    long = []
    for path in sorted(Path(generator.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_LINES:
                    long.append(f"{path.name}:{node.lineno}: {node.name} ({lines} lines)")
    assert long == []
