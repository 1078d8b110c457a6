"""The linked briefing: references in its prose, answered questions, phases; related events
and stands_for in the curated files. Dangling references are file:line errors."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.pipeline import generate
from tests.conftest import REPO, run_cli


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "project" / "corpus"
    shutil.copytree(REPO / "corpus", folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_dangling_references_are_file_line_errors(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    _edit(corpus / "briefing.yml", "[[event:sochi-meeting-2019|", "[[event:sochi-meting-2019|")
    _edit(corpus / "briefing.yml", "claim:strike-death-toll]", "claim:no-such-claim]")
    _edit(corpus / "briefing.yml", "      After [[event:", "      After [[actor:nobody]] [[event:")
    _edit(corpus / "events.yml", "related: [russian-sanctions-on-turkey-2015", "related: [nothing")
    _edit(corpus / "actors.yml", "  stands_for: russia", "  stands_for: rusia")
    lines = {
        line.split(": ", 1)[0]: line
        for line in run_cli("check", cwd=corpus.parent).stderr.splitlines()
    }
    briefing = (corpus / "briefing.yml").read_text("utf-8").splitlines()
    where = next(i for i, text in enumerate(briefing, 1) if "sochi-meting-2019" in text)
    assert "did you mean 'sochi-meeting-2019'" in lines[f"corpus/briefing.yml:{where}"]
    where = next(i for i, text in enumerate(briefing, 1) if "no-such-claim" in text)
    assert "claim 'no-such-claim': no such claim" in lines[f"corpus/briefing.yml:{where}"]
    # a folded (>-) text is one line to YAML: its problems point at its key
    where = next(i for i, text in enumerate(briefing, 1) if "actor:nobody" in text) - 1
    assert briefing[where - 1].strip() == "summary: >-"
    assert "actor 'nobody'" in lines[f"corpus/briefing.yml:{where}"]
    assert any("related event 'nothing'" in line for line in lines.values())
    assert any(
        "stands_for 'rusia'" in line and "did you mean 'russia'" in line for line in lines.values()
    )


def test_home_page_links_summary_answers_and_phases(tmp_path: Path) -> None:
    _, pages = generate(_corpus(tmp_path))
    home = pages["index.md"]
    assert "[[" not in home  # every reference became a link
    assert "[Turkey shot down a Russian warplane](events/russian-jet-downed-2015.md)" in home
    assert "[whether the letter was an apology](claims.md#claim-letter-contained-apology)" in home
    assert "Answered by: [" in home
    assert "## How the story unfolded" in home
    assert "### [The Idlib crisis](phases/3-the-idlib-crisis.md)" in home  # its own page
    timeline = pages["timeline.md"]
    assert timeline.count('class="tl-phase ') == 3
    printed = pages["print.md"]
    assert "## Phases" in printed and "## Contested claims" in printed
    assert "⚠ contested" in printed
    event = pages["events/russian-jet-downed-2015.md"]
    assert "## Related events" in event and "(russian-sanctions-on-turkey-2015.md)" in event


def test_metonyms_fold_into_their_state_in_the_network(tmp_path: Path) -> None:
    _, pages = generate(_corpus(tmp_path))
    network = pages["network.md"]
    principal = network.split("<details", 1)[0]
    assert "actors/russia" in principal
    for metonym in ("kremlin", "moscow", "russian-government"):
        assert f"actors/{metonym}/" not in principal
    assert "k-place" not in principal  # places are not parties
    assert "nw-hostile" in principal and "nw-cooperative" in principal
    assert "## The relations" in network
    assert pages["actors/kremlin.md"].count("<svg") == 0  # its relations are Russia's
