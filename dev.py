#!/usr/bin/env python3
"""One entry point for people and CI, needing nothing but Python 3.11+.

    python3 dev.py site     build the dossier and serve it at http://127.0.0.1:8000/
                            (--dev-addr HOST:PORT to serve elsewhere)
    python3 dev.py build    build the dossier into site/ (view: python3 -m http.server -d site)
    python3 dev.py test     run every check: ruff (lint and format), mypy, the whole pytest suite

Each creates .venv/ on first use and installs the project into it (again only when
pyproject.toml changes).
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".dossier-installed"


def run(*command: str | Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run([str(c) for c in command], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


QUIET_PIP = {
    **os.environ,
    # setuptools' deprecation notices (printed once per build step) are the project's to
    # fix, not the reader's: pyproject.toml is kept clean, and stray ones are not shown.
    "PYTHONWARNINGS": "ignore",
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
}


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
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip", env=QUIET_PIP)
    target = f".[{','.join(sorted(wanted))}]"
    run(PYTHON, "-m", "pip", "install", "--quiet", "--editable", target, env=QUIET_PIP)
    STAMP.write_text(f"{project} {','.join(sorted(wanted))}")


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "help"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner
    if command == "site":
        address = dev_addr(argv[1:])
        port_free(address)  # before the build: say it now, not after a minute of work
        ensure_environment("test")
        serve(address)
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


def dev_addr(args: list[str]) -> str:
    """HOST:PORT from --dev-addr HOST:PORT or --dev-addr=HOST:PORT (default 127.0.0.1:8000)."""
    for index, arg in enumerate(args):
        if arg.startswith("--dev-addr="):
            return arg.split("=", 1)[1]
        if arg == "--dev-addr" and index + 1 < len(args):
            return args[index + 1]
    return "127.0.0.1:8000"


def port_free(address: str) -> None:
    host, _, port = address.rpartition(":")
    if not port.isdigit():
        sys.exit(f"dev.py: --dev-addr {address}: give HOST:PORT, e.g. 127.0.0.1:8000")
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        # As the server sets it: the connections of a server stopped a moment ago wait out
        # TIME_WAIT and bar no new one. (On Windows it would let two servers share a port.)
        if os.name != "nt":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]") or "127.0.0.1", int(port)))
        except OSError as exc:
            sys.exit(
                f"dev.py: cannot serve at {address}: {exc.strerror or exc} "
                "(another server uses it? try --dev-addr 127.0.0.1:8001)"
            )


def serve(address: str) -> None:
    """`python -m generator serve` until Ctrl-C or SIGTERM; either way it is stopped with
    this process."""
    command = [str(PYTHON), "-m", "generator", "serve", "--dev-addr", address]
    server = subprocess.Popen(command, cwd=ROOT)

    def stop(signum: int, frame: object) -> None:
        server.terminate()

    signal.signal(signal.SIGTERM, stop)
    print(f"dev.py: serving at http://{address}/ (Ctrl-C stops; corpus edits reload)", flush=True)
    try:
        code = server.wait()
    except KeyboardInterrupt:  # the terminal sent it to the server too; let it finish
        code = server.wait()
        print("dev.py: stopped")
        sys.exit(0)
    if code not in (0, -signal.SIGTERM):
        sys.exit(code)


if __name__ == "__main__":
    main(sys.argv[1:])
