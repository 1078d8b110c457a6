"""generator.stages.aside: dossier.json is made in a forked child while the pages are drawn."""

from __future__ import annotations

import gc
import os
import signal
import time

import pytest

from generator.stages.aside import made_aside

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="made aside where there is fork")


def test_the_text_is_made_in_another_process_and_read_once() -> None:
    here = os.getpid()
    text = made_aside(lambda: f"made by {os.getpid()}, ü and 𝔘\n" * 50_000)
    made = text()
    assert made.startswith("made by ") and f"made by {here}," not in made
    assert len(made.splitlines()) == 50_000 and text() is made  # large, whole, read once


def test_a_child_that_fails_leaves_the_text_to_be_made_here() -> None:
    here = os.getpid()

    def make() -> str:
        if os.getpid() != here:
            raise RuntimeError("the child fails")
        return "made here"

    assert made_aside(make)() == "made here"


def test_a_text_never_asked_for_leaves_no_open_file_or_child() -> None:
    """A build that fails before writing never asks for dossier.json."""
    folder = f"/proc/{os.getpid()}/fd"
    if not os.path.isdir(folder):
        pytest.skip("no /proc here to count open files")
    gc.collect()  # files an earlier test left for the collector are not counted as ours
    before = len(os.listdir(folder))
    for _ in range(20):
        made_aside(lambda: "unread")
    gc.collect()
    assert len(os.listdir(folder)) == before  # closed once its child was waited for


def test_the_child_is_waited_for_even_if_its_text_is_never_asked_for() -> None:
    """No zombie is left until the text is read (a build's other children are counted)."""
    aside = made_aside(lambda: "unread")
    status = aside.status  # type: ignore[attr-defined]
    deadline = time.monotonic() + 30
    while not status and time.monotonic() < deadline:
        time.sleep(0.01)
    assert status == [0]


def test_a_child_waited_for_elsewhere_leaves_the_text_to_be_made_here() -> None:
    """Someone's waitpid(-1) took the child's exit status: the text is made here."""
    here = os.getpid()
    aside = made_aside(lambda: "made here" if os.getpid() == here else "made by the child")
    aside.waiter.join()  # type: ignore[attr-defined]
    aside.status[:] = [-1]  # type: ignore[attr-defined]  # as _wait_for records ECHILD
    assert aside() == "made here"


@pytest.mark.parametrize(
    ("here", "there"),
    [(signal.default_int_handler, signal.SIG_DFL), (signal.SIG_IGN, signal.SIG_IGN)],
)
def test_a_child_ends_on_ctrl_c_unless_its_parent_ignores_it(here: object, there: object) -> None:
    """Ctrl-C reaches every process of the group: a child ends at once and its parent says
    the build was interrupted. A build started in the background (or under nohup) ignores
    Ctrl-C, and so must its children: ending them left the parent to report a failure."""
    previous = signal.signal(signal.SIGINT, here)  # type: ignore[arg-type]
    try:
        made = made_aside(lambda: str(signal.getsignal(signal.SIGINT)))()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert made == str(there)
