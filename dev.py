#!/usr/bin/env python3
"""One entry point for people and CI, needing nothing but Python 3.11+.

    python3 dev.py site     build the dossier and serve it at http://127.0.0.1:8000/
    python3 dev.py build    build the dossier into site/ (open site/index.html)
    python3 dev.py test     run every check: ruff (lint and format), mypy, the whole pytest suite

Each creates .venv/ on first use and installs the project into it (again only when
pyproject.toml changes).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".dossier-installed"


def run(*command: str | Path) -> None:
    result = subprocess.run([str(c) for c in command], cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_environment(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may run on any python3
        sys.exit(f"dossier needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    project = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    wanted = set(extras.split(","))
    if STAMP.exists():
        stamped_project, _, stamped_extras = STAMP.read_text().partition(" ")
        installed = set(stamped_extras.split(","))
        if stamped_project == project and wanted <= installed:
            return
        if stamped_project == project:
            wanted |= installed
    if not PYTHON.exists():
        print("dev.py: creating .venv/ ...", flush=True)
        venv.create(VENV, with_pip=True)
    print("dev.py: installing dossier and its dependencies into .venv/ ...", flush=True)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{','.join(sorted(wanted))}]"
    run(PYTHON, "-m", "pip", "install", "--quiet", "--editable", target)
    STAMP.write_text(f"{project} {','.join(sorted(wanted))}")


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "help"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner
    if command == "site":
        ensure_environment("test")
        run(PYTHON, "-m", "generator", "build")
        print("dev.py: serving at http://127.0.0.1:8000/ (Ctrl-C stops; corpus edits reload)")
        run(PYTHON, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", "127.0.0.1:8000")
    elif command == "build":
        ensure_environment("test")
        run(PYTHON, "-m", "generator", "build", *argv[1:])
    elif command == "test":
        extras = os.environ.get("DOSSIER_EXTRAS", "")  # CI adds zensical (.ci/run)
        ensure_environment(",".join(["test", "browser", *filter(None, extras.split(","))]))
        run(PYTHON, "-m", "ruff", "check", "generator", "tests", "scripts", "dev.py")
        run(PYTHON, "-m", "ruff", "format", "--check", "generator", "tests", "scripts", "dev.py")
        run(PYTHON, "-m", "mypy")
        run(PYTHON, "-m", "pytest", *argv[1:])
    else:
        print(__doc__)
        sys.exit(0 if command in {"help", "-h", "--help"} else 2)


if __name__ == "__main__":
    main(sys.argv[1:])
