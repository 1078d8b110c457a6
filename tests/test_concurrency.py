"""Two builds at once, and builds interrupted at several points: the site stays whole, no
traceback is printed, no staging folder is left behind."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import MINI_CORPUS, REPO, make_project, run_cli

pytestmark = pytest.mark.site


def start_build(root: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(root), "build"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until_building(root: Path, build: subprocess.Popen[str]) -> None:
    """Until the build holds the project's lock (Python has started and imported all)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and build.poll() is None:
        with open(root / ".dossier-lock", "a+b") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            fcntl.flock(handle, fcntl.LOCK_UN)
        time.sleep(0.02)


def leftovers(root: Path) -> list[str]:
    return sorted(
        p.name
        for p in root.iterdir()
        if p.name.startswith(".dossier-stage-") or p.name == ".site.old"
    )


def assert_site_whole(root: Path) -> None:
    site = root / "site"
    assert (site / "index.html").is_file()
    assert (site / "sources" / "alpha-2020-03-05-talks" / "index.html").is_file()
    assert (site / "dossier.json").is_file()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("concurrent") / "project", MINI_CORPUS)
    first = run_cli("--root", str(root), "build")
    assert first.returncode == 0, first.stderr
    return root


def test_two_builds_at_once_both_finish_cleanly(project: Path) -> None:
    (project / "corpus" / "briefing.yml").write_text(
        (project / "corpus" / "briefing.yml").read_text("utf-8") + "\n"
    )
    builds = [start_build(project), start_build(project)]
    results = [b.communicate(timeout=300) for b in builds]
    for build, (_out, err) in zip(builds, results, strict=True):
        assert build.returncode == 0, err
        assert "Traceback" not in err
    assert sum("another build is running" in err for _, err in results) <= 1
    assert_site_whole(project)
    assert leftovers(project) == []


@pytest.mark.parametrize("delay", [0.0, 0.5, 1.0, 2.0, 3.5])
def test_an_interrupted_build_leaves_the_last_good_site(project: Path, delay: float) -> None:
    build = start_build(project)
    wait_until_building(project, build)
    time.sleep(delay)
    build.send_signal(signal.SIGINT)
    _out, err = build.communicate(timeout=300)
    assert "Traceback" not in err, err
    assert build.returncode in (0, 1, 130, -signal.SIGINT), err  # -2: after main returned
    if build.returncode == 130:
        assert err.strip().splitlines()[-1].startswith("dossier: interrupted")
    assert_site_whole(project)
    assert leftovers(project) == []


def test_a_terminated_build_cleans_up_too(project: Path) -> None:
    build = start_build(project)
    wait_until_building(project, build)
    time.sleep(1.0)
    build.terminate()
    _out, err = build.communicate(timeout=300)
    assert "Traceback" not in err, err
    assert_site_whole(project)
    assert leftovers(project) == []


def test_a_killed_build_is_cleaned_up_by_the_next(project: Path) -> None:
    build = start_build(project)
    time.sleep(2.0)
    build.kill()  # no chance to clean up: the next build must
    build.communicate(timeout=60)
    assert_site_whole(project)  # the swap is one exchange: there is never no site
    again = run_cli("--root", str(project), "build")
    assert again.returncode == 0, again.stderr
    assert_site_whole(project)
    assert leftovers(project) == []


def test_build_from_a_subfolder_finds_the_project(project: Path) -> None:
    result = run_cli("build", "--no-site", cwd=project / "corpus" / "sources")
    assert result.returncode == 0, result.stderr
    assert "missing file" not in result.stderr


def test_outside_the_environment_a_missing_package_is_one_line(project: Path) -> None:
    code = (
        "import sys, runpy; sys.modules['yaml'] = None; "
        "runpy.run_module('generator', run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("dossier: the package 'yaml' is not installed")
