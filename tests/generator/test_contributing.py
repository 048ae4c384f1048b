"""The Contributing page: five steps and a field reference that comes from the schema."""

from __future__ import annotations

import re

import markdown

from generator.content import schema as S
from generator.site.contributing import render_contributing


def test_the_page_walks_through_adding_an_exercise_in_five_steps():
    page = render_contributing()
    section = page.split("## Add an exercise in five steps", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^(\d)\. ", section, re.MULTILINE) == ["1", "2", "3", "4", "5"]
    for command in ('python -m generator new "Cable pull-through"', "python -m generator check",
                    "python -m generator fmt", "./run serve"):
        assert command in section


def test_every_field_of_every_kind_is_in_the_reference_with_its_allowed_values():
    html = markdown.markdown(render_contributing(), extensions=["tables"])
    for kind in S.KINDS:
        for row in S.field_reference(kind):
            cells = (f"<td><code>{row.path}</code></td>\n<td>{'yes' if row.required else 'no'}"
                     f"</td>\n<td>{row.allowed}</td>")
            assert cells in html, row.path


def test_the_tables_are_real_tables():
    html = markdown.markdown(render_contributing(), extensions=["tables"])
    assert html.count("<table>") == len(S.KINDS) + 1  # the commands and one per file kind
    assert "| `" not in html  # no row fell out of its table


def test_a_pipe_in_a_description_cannot_break_a_table():
    from generator.site.contributing import _cell

    assert _cell("a | b\nc") == "a \\| b c"
