"""The site's Contributing page: how to add an exercise, and the field reference.

The reference tables are built from `generator.content.schema` (the same definition the
validator, the JSON Schemas and the `new` template use), so the page cannot describe a field
differently from how `check` treats it. The text here is ours, not content, but table cells are
still escaped so a `|` in a description cannot break a table.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.content import schema as S
from generator.content.page_markup import FORBIDDEN
from generator.site.figures.joints import JOINTS, PROPS

KIND_TITLES = {
    "exercise": ("Exercise files", "content/exercises/<id>.yaml", "one file per exercise"),
    "muscles": ("Muscle groups", "content/muscles.yaml", "every muscle group an exercise may name"),
    "equipment": ("Equipment", "content/equipment.yaml", "every piece of equipment"),
    "splits": ("Splits and session types", "content/splits.yaml",
               "the weekly schedules the planner offers"),
}

INTRO = """\
# Contributing

Everything on this site is generated from plain YAML files in the `content/` folder of the
repository. Adding an exercise means adding one file; the tools below write the first draft,
tell you exactly what is missing, and tidy the result, so your first pull request can be right
the first time.
"""

STEPS = """\
## Add an exercise in five steps

1. **Get the project.** Fork the repository, clone your fork and run `./run setup` once (it
   creates `.venv/` with everything the commands need). The commands below use
   `python`; inside the project that is `.venv/bin/python`.
2. **Start the file.** Run `python -m generator new "Cable pull-through"`. It writes
   `content/exercises/cable-pull-through.yaml`, with a comment above every field that says what
   the field means and which values are allowed, and it never overwrites an existing file.
3. **Fill it in.** Replace every `todo` and every empty `""`. Editors with a YAML language
   server (for example VS Code with the Red Hat YAML extension) read the schema named on the
   first line of the file and complete and check the fields as you type.
4. **Check and tidy.** Run `python -m generator check`. It prints each remaining problem as
   `file:line:column: message`, with the allowed values or a "did you mean" suggestion, and
   says `ok` when the content is valid. Then run `python -m generator fmt`, which puts the
   keys in the order below and tidies the layout without touching your values or comments.
5. **Look and send.** Run `./run serve` and open <http://127.0.0.1:8000>: your exercise has
   its own page in the exercise catalogue, and the planner can schedule it. Commit the file
   and open a pull request. With [pre-commit](https://pre-commit.com) installed
   (`pre-commit install`), `check` and `fmt --check` run before every commit.
"""

COMMANDS: tuple[tuple[str, str], ...] = (
    ('python -m generator new "Name"', "write a commented exercise file to fill in"),
    ("python -m generator check [FILES]",
     "validate all content; exit 0 clean, 1 with problems, 2 on a usage error; "
     "`--format github` prints GitHub Actions annotations"),
    ("python -m generator fmt [--check] [FILES]",
     "canonical key order and layout, keeping values and comments; `--check` only names the "
     "files that would change"),
    ("python -m generator schema [--check]",
     "write the JSON Schemas in `content/schema/` from the schema definition"),
    ("python -m generator import free-exercise-db FILE.json",
     "convert records of the public-domain "
     "[free-exercise-db](https://github.com/yuhonas/free-exercise-db) into exercise files"),
)

IMPORTING = """\
## Importing exercises

`python -m generator import free-exercise-db exercises.json` turns records of free-exercise-db
(public domain) into exercise files. Its mapping tables, in
`generator/content/importers/free_exercise_db.py`, say how that project's muscles, equipment and
levels become ours; records that cannot become a posterior-chain exercise (stretches, squats and
presses, exercises without a muscle or equipment we know) are skipped, and the report says why.
Existing files are never overwritten. Each imported file keeps the source, its licence and the
record id under `source:`, and its header comment lists the general defaults (summary,
prescription, cues, mistakes and safety notes) that should be rewritten for the exercise.
"""

FIGURE = """\
## Adding a figure

An exercise without `figure:` shows a placeholder. A figure is a side view of a stick person
drawn from two or more key poses (`start`, then for example `bottom` or `top`). Each pose gives
the angle of every joint in degrees: {joints}.
`generator/site/figures/joints.py` explains what zero and the positive direction mean for each
joint.
`props` draws equipment with the figure: {props}.
"""

PAGES = """\
## Editing the pages

The guide pages (`content/pages/*.md`) are Markdown, and HTML for layout is fine there. Markup
that runs code or embeds another page is refused by `check` with its line and column:
{forbidden}, event-handler attributes such as `onclick=`, and `javascript:` links. Every page
carries a Content-Security-Policy that lets through only the scripts the templates write, so
none of these would run anyway. To show a tag, put it in `code` or a fenced code block.
"""


def render_contributing() -> str:
    """The Contributing page as Markdown (for the docs folder, e.g. `contributing.md`)."""
    commands = "\n".join(["## Commands", "", "| command | what it does |", "| --- | --- |"]
                         + [f"| `{c}` | {_cell(what)} |" for c, what in COMMANDS]) + "\n"
    parts = [INTRO, STEPS, commands, IMPORTING,
             FIGURE.format(joints=_code_list(JOINTS), props=_code_list(PROPS)),
             PAGES.format(forbidden=_code_list(f"<{name}>" for name in FORBIDDEN)),
             "## Field reference\n\nRequired fields must be present; the others may be left "
             "out. Ids are lower-case words joined by hyphens, such as `romanian-deadlift`.\n"]
    for kind in S.KINDS:
        parts.append(_reference(kind))
    return "\n".join(parts)


def _reference(kind: str) -> str:
    title, path, what = KIND_TITLES.get(kind, (kind, f"content/{kind}.yaml", ""))
    lines = [f"### {title}", "", f"`{path}`: {what}.", "",
             "| field | required | allowed values | meaning |", "| --- | --- | --- | --- |"]
    for row in S.field_reference(kind):
        lines.append(f"| `{row.path}` | {'yes' if row.required else 'no'} | "
                     f"{_cell(row.allowed)} | {_cell(row.doc)} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _code_list(items: Iterable[str]) -> str:
    return ", ".join(f"`{item}`" for item in items)
