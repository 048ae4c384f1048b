"""`python -m generator fmt`: schema key order and a tidy layout, never a changed value."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.content import schema as S
from generator.content.formatting import format_text, modeline
from generator.content.loading import to_plain, yaml_rt
from tests.conftest import ROOT

EXERCISES = sorted((ROOT / "content" / "exercises").glob("*.yaml"))
RDL = "content/exercises/romanian-deadlift.yaml"


def fmt(text: str, kind: str = "exercise") -> str:
    result = format_text(text, kind)
    assert result.problems == (), result.problems
    assert result.text is not None
    return result.text


def plain(text: str):
    return to_plain(yaml_rt().load(text))


def top_keys(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^([a-z_]+):", text, re.MULTILINE)]


def top_blocks(text: str) -> tuple[list[str], list[str]]:
    """(header lines, blocks): each block is a top-level key with its lines.

    Comments and blank lines at the left margin just above a key belong to that key, as in fmt.
    """
    lines = text.splitlines(keepends=True)
    header: list[str] = []
    blocks: list[str] = []
    pending = ""
    for line in lines:
        if re.match(r"^[a-z_]+:", line):
            blocks.append(pending + line)
            pending = ""
        elif not blocks:
            header.append(line)
        elif line.startswith("#") or not line.strip():
            pending += line
        else:
            blocks[-1] += pending + line
            pending = ""
    if blocks:
        blocks[-1] += pending
    return header, blocks


def test_keys_come_in_the_order_of_the_schema():
    text = (ROOT / RDL).read_text(encoding="utf-8")
    header, blocks = top_blocks(text)
    shuffled = "".join(header + blocks[::-1])
    assert top_keys(shuffled)[0] != "id"

    out = fmt(shuffled)

    order = [f.name for f in S.EXERCISE.fields]
    keys = top_keys(out)
    assert keys == sorted(keys, key=order.index)
    assert plain(out) == plain(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_order_of_an_exercise_file_formats_to_the_same_text(data):
    path = data.draw(st.sampled_from(EXERCISES))
    text = path.read_text(encoding="utf-8")
    header, blocks = top_blocks(text)
    shuffled = "".join(header + data.draw(st.permutations(blocks)))
    assert fmt(shuffled) == fmt(text)


@pytest.mark.parametrize("path", EXERCISES + [ROOT / "content" / n for n in
                                               ("muscles.yaml", "equipment.yaml", "splits.yaml")],
                         ids=lambda p: p.name)
def test_formatting_twice_is_formatting_once_and_keeps_every_value(path):
    kind = "exercise" if path.parent.name == "exercises" else path.stem
    text = path.read_text(encoding="utf-8")
    once = fmt(text, kind)
    assert fmt(once, kind) == once
    assert plain(once) == plain(text)
    assert once.splitlines()[0] == modeline(kind)


def test_nested_keys_and_one_line_mappings_are_ordered_too():
    text = (ROOT / RDL).read_text(encoding="utf-8")
    text = text.replace("reps: {min: 10, max: 12}", "reps: {max: 12, min: 10}")
    primary = "  primary: [hamstrings, glutes]\n"
    secondary = "  secondary: [erector-spinae, forearms]\n"
    text = text.replace(primary + secondary, secondary + primary)
    out = fmt(text)
    assert "reps: {min: 10, max: 12}" in out
    assert primary + secondary in out


def test_a_comment_above_a_key_moves_with_it():
    text = (
        "id: swing\n"
        "prescription:\n"
        "  # Each swing takes well under two seconds.\n"
        "  seconds_per_rep: 2\n"
        "  sets: 3   # keep this comment on its line\n"
        "# about the name\n"
        "name: Swing\n"
    )
    out = fmt(text)
    assert out == (
        f"{modeline('exercise')}\n"
        "id: swing\n"
        "# about the name\n"
        "name: Swing\n"
        "prescription:\n"
        "  sets: 3   # keep this comment on its line\n"
        "  # Each swing takes well under two seconds.\n"
        "  seconds_per_rep: 2\n"
    )


def test_items_of_a_list_keep_their_dash_and_their_blank_line():
    text = (
        "muscles:\n"
        "  - name: Neck\n"
        "    id: neck\n"
        "    region: upper\n"
        "\n"
        "  - id: lats\n"
        "    chain: posterior\n"
        "    name: Lats\n"
    )
    out = fmt(text, "muscles")
    assert out == (
        f"{modeline('muscles')}\n"
        "muscles:\n"
        "  - id: neck\n"
        "    name: Neck\n"
        "    region: upper\n"
        "\n"
        "  - id: lats\n"
        "    name: Lats\n"
        "    chain: posterior\n"
    )


def test_hand_wrapped_text_and_block_scalars_keep_their_line_breaks():
    text = (
        "summary: >-\n"
        "  A folded summary that the author\n"
        "  wrapped early on purpose.\n"
        "steps:\n"
        "  - A plain step that goes on\n"
        "    over two lines.   \n"
        "  - |\n"
        "    Literal text with two trailing spaces  \n"
        "\n"
        "\n"
        "    and a gap that belongs to it.\n"
        "id: x\n"
    )
    out = fmt(text)
    assert "  A folded summary that the author\n  wrapped early on purpose.\n" in out
    assert "  - A plain step that goes on\n    over two lines.\n" in out  # trailing spaces go
    assert "two trailing spaces  \n\n\n    and a gap" in out  # inside `|` they are the value
    assert plain(out) == plain(text)


def test_unknown_keys_stay_after_the_known_ones_in_their_own_order():
    out = fmt("zeta: 1\nname: X\nalpha: 2\nid: x\n")
    assert top_keys(out) == ["id", "name", "zeta", "alpha"]


def test_the_modeline_is_added_once_and_corrected():
    wrong = "# yaml-language-server: $schema=somewhere/else.json\n# My notes\nid: x\n"
    out = fmt(wrong)
    assert out == f"{modeline('exercise')}\n# My notes\nid: x\n"
    assert fmt(out) == out
    assert modeline("muscles") == "# yaml-language-server: $schema=schema/muscles.schema.json"


def test_schema_paths_in_modelines_exist():
    content = ROOT / "content"
    for kind, folder in (("exercise", content / "exercises"), ("muscles", content),
                         ("equipment", content), ("splits", content)):
        target = modeline(kind).split("$schema=")[1]
        assert (folder / target).resolve().is_file(), target


# --- the command ---------------------------------------------------------------------------


def run_fmt(project: Path, *args: str) -> int:
    return main(["fmt", "--content", str(project / "content"), *args])


def unformat(path: Path) -> str:
    """Swap the first two top-level keys after `id`, so the file needs formatting."""
    text = path.read_text(encoding="utf-8")
    header, blocks = top_blocks(text)
    blocks[1], blocks[2] = blocks[2], blocks[1]
    changed = "".join(header + blocks)
    path.write_text(changed, encoding="utf-8")
    return changed


@pytest.fixture
def formatted(project, monkeypatch, capsys) -> Path:
    """The project copy, already formatted (as the committed content should be)."""
    monkeypatch.chdir(project)
    assert run_fmt(project) == 0
    capsys.readouterr()
    return project


def test_check_names_the_files_that_would_change_and_writes_nothing(formatted, capsys):
    path = formatted / RDL
    before = unformat(path)
    assert run_fmt(formatted, "--check") == 1
    out, err = capsys.readouterr()
    assert out.strip() == f"{RDL}: would be reformatted"
    assert "1 file would be reformatted" in err
    assert path.read_text(encoding="utf-8") == before


def test_fmt_rewrites_the_file_and_then_check_is_clean(formatted, capsys):
    path = formatted / RDL
    unformat(path)
    assert run_fmt(formatted) == 0
    assert f"{RDL}: reformatted" in capsys.readouterr().out
    assert run_fmt(formatted, "--check") == 0
    assert top_keys(path.read_text(encoding="utf-8"))[:3] == ["id", "name", "aliases"]


def test_fmt_can_be_given_single_files(formatted, capsys):
    unformat(formatted / RDL)
    unformat(formatted / "content/exercises/deadlift.yaml")
    assert run_fmt(formatted, "--check", RDL) == 1
    assert capsys.readouterr().out.strip() == f"{RDL}: would be reformatted"


def test_a_syntax_error_is_reported_with_its_place_and_the_file_is_left_alone(formatted, capsys):
    path = formatted / RDL
    broken = path.read_text(encoding="utf-8").replace("pattern: hinge", "pattern: [hinge")
    path.write_text(broken, encoding="utf-8")
    assert run_fmt(formatted) == 1
    out, err = capsys.readouterr()
    assert re.search(rf"^{re.escape(RDL)}:\d+:\d+: YAML syntax error", out, re.MULTILINE)
    assert f"{RDL}: left untouched" in err
    assert path.read_text(encoding="utf-8") == broken


def test_a_file_that_is_not_content_is_a_usage_error(formatted, capsys):
    (formatted / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    assert run_fmt(formatted, "notes.yaml") == 2
    assert "not a content file" in capsys.readouterr().err
    assert run_fmt(formatted, "missing.yaml") == 2


def test_the_committed_content_is_formatted(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    assert main(["fmt", "--check", "--content", str(tmp_path / "content")]) == 0, (
        "run: python -m generator fmt")


def test_a_header_ended_by_a_blank_line_stays_at_the_top():
    text = "# About this file.\n\n# About the name.\nname: X\nid: x\n"
    assert fmt(text) == (f"{modeline('exercise')}\n# About this file.\n\nid: x\n"
                         "# About the name.\nname: X\n")


@pytest.mark.parametrize("path", EXERCISES[:5], ids=lambda p: p.name)
def test_the_quick_already_formatted_answer_agrees_with_formatting(path):
    from generator.content.formatting import already_canonical

    canonical = fmt(path.read_text(encoding="utf-8"))
    assert already_canonical(canonical, "exercise")
    header, blocks = top_blocks(canonical)
    swapped = "".join(header + [blocks[1], blocks[0]] + blocks[2:])
    assert not already_canonical(swapped, "exercise")
    assert not already_canonical(canonical.replace("\n", "  \n", 3), "exercise")
    assert not already_canonical(canonical + "\n", "exercise")
    assert not already_canonical(canonical.split("\n", 1)[1], "exercise")  # no modeline
