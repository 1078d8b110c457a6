"""Edits that a person could have made: only the changed lines differ, the rest byte for byte."""

from __future__ import annotations

import pytest
import yaml

from generator.yamledit import (
    EditError,
    add_to_flow_list,
    append_block_items,
    append_record,
    load,
    record_index,
    remove_record,
    render_record,
    scalar,
    set_value,
)

TEXT = """\
# Hand-written header: kept.
- id: anna   # the analyst's note
  name: Anna Example
  aliases: [Anna, "A. [the elder]"]   # a bracket inside quotes
  evidence:
    - source: s1
      text: 'First: one.'

# next record
- id: ben
  name: Ben
  date: 2019   # year only
"""


def test_flow_list_append_keeps_everything_else() -> None:
    data = load(TEXT, "x.yml")
    out = add_to_flow_list(TEXT, data[0], "aliases", ["Annie", "Ann, the second"])
    assert out.replace(', Annie, "Ann, the second"]', "]") == TEXT
    assert yaml.safe_load(out)[0]["aliases"] == ["Anna", "A. [the elder]", "Annie",
                                                 "Ann, the second"]  # fmt: skip


def test_block_list_append_and_scalar_change() -> None:
    data = load(TEXT, "x.yml")
    out = append_block_items(TEXT, data[0], "evidence", [["source: s2", "text: 'Two: b.'"]])
    assert "      text: 'First: one.'\n    - source: s2\n      text: 'Two: b.'\n\n# next" in out
    data = load(out, "x.yml")
    out = set_value(out, data[1], "date", "2019-05-03")
    assert out.endswith("  date: 2019-05-03   # year only\n")
    assert out.startswith("# Hand-written header: kept.\n- id: anna   # the analyst's note\n")


def test_append_and_remove_record() -> None:
    record = render_record([("id", "cara"), ("name", scalar("Cara: the third")),
                            ("aliases", "[Cara]")])  # fmt: skip
    out = append_record(TEXT, record)
    assert out == TEXT + '\n- id: cara\n  name: "Cara: the third"\n  aliases: [Cara]\n'
    data = load(out, "x.yml")
    assert remove_record(out, data, record_index(data, "id", "cara") or 0) == TEXT


@pytest.mark.parametrize("value", ["yes", "2019-05-03", "a: b", "#tag", "null", " pad", "12"])
def test_scalars_read_back_as_the_same_text(value: str) -> None:
    assert yaml.safe_load(f"k: {scalar(value)}")["k"] == value


def test_unreadable_yaml_is_one_line_with_its_line() -> None:
    with pytest.raises(EditError, match=r"^x.yml:3: not valid YAML; fix it by hand first$"):
        load("- id: a\n  name: [unclosed\n", "x.yml")


def test_a_list_written_as_text_is_refused_not_crashed() -> None:
    text = "- id: a\n  aliases: Anna\n"
    data = load(text, "x.yml")
    with pytest.raises(EditError, match="'aliases' is not a list"):
        add_to_flow_list(text, data[0], "aliases", ["Annie"])


def test_generated_files_are_the_same_bytes_with_either_emitter() -> None:
    """history.yml is dumped by libyaml where installed: it must not depend on that."""
    from generator.review.history import HEADER
    from generator.yamlio import dump_generated
    from tests.conftest import REPO

    data = yaml.safe_load((REPO / "corpus" / "history.yml").read_text("utf-8"))
    data["state"]["sources"]["é-long-id-" + "x" * 120] = "0123456789ab"
    data["entries"][0]["sources added"] = [f"source-{n:04d}" for n in range(300)]
    python = dump_generated(HEADER, data, yaml.SafeDumper)
    assert dump_generated(HEADER, data) == python
    assert yaml.safe_load(python) == data
