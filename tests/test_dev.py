"""dev.py's own behaviour that needs no environment: the serving address and a busy port."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

import dev
from tests.conftest import port_just_closed


def test_dev_addr_is_honoured() -> None:
    assert dev.dev_addr([]) == "127.0.0.1:8000"
    assert dev.dev_addr(["--dev-addr", "0.0.0.0:9000"]) == "0.0.0.0:9000"
    assert dev.dev_addr(["--dev-addr=127.0.0.1:8123"]) == "127.0.0.1:8123"


def test_a_busy_port_is_one_clear_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(SystemExit) as stopped:
            dev.port_free(f"127.0.0.1:{port}")
    message = str(stopped.value)
    assert message.startswith(f"dev.py: cannot serve at 127.0.0.1:{port}")
    assert "\n" not in message and "--dev-addr" in message


def test_a_bad_address_is_one_clear_line() -> None:
    with pytest.raises(SystemExit, match="give HOST:PORT"):
        dev.port_free("localhost")


def test_a_port_just_freed_by_a_stopped_server_is_free() -> None:
    """Connections of the server stopped a moment ago wait out TIME_WAIT: the next server
    may listen there (it sets SO_REUSEADDR), so `dev.py site` run again must not refuse."""
    dev.port_free(f"127.0.0.1:{port_just_closed()}")


def test_dev_py_runs_its_command_when_run() -> None:
    """`python3 dev.py ...` is how the README starts everything: run as a script, it must do
    the command (an unknown one prints the usage and fails), not load and exit 0."""
    script = Path(dev.__file__)
    shown = subprocess.run([sys.executable, script, "help"], capture_output=True, text=True)
    assert shown.returncode == 0 and "python3 dev.py site" in shown.stdout
    unknown = subprocess.run([sys.executable, script, "sitee"], capture_output=True, text=True)
    assert unknown.returncode == 2 and "python3 dev.py test" in unknown.stdout
