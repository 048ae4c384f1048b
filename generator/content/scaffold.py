"""`python -m generator new "Cable pull-through"`: start an exercise file from a commented template.

The file is `content/exercises/<slug of the name>.yaml`. Every field is present and explained by
a comment taken from `generator.content.schema` (what it means and which values are allowed,
including the muscle and equipment ids that exist in content/), so the template cannot drift
from the validator.

Deliberate choice: a fresh scaffold is complete YAML with every field in place, but each value
only the contributor can choose is a placeholder that `check` rejects: `todo` where an id or a
choice goes (`check` answers with the allowed values) and `""` where text goes (`check` says the
field must not be empty). So `python -m generator check` on a new file is the to-do list, one
`path:line:col` per field still to fill in, and a half-filled exercise can never reach the site.
The prescription numbers are the one exception: they get a valid common default.
"""

from __future__ import annotations

import io
import re
import sys
import textwrap
import unicodedata
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.content import schema as S
from generator.content.formatting import format_text
from generator.content.loading import load_yaml, yaml_rt
from generator.content.problems import ContentError, Problem
from generator.paths import ROOT

TEMPLATE = "exercise-new.yaml.j2"
WIDTH = 100


class ScaffoldError(Exception):
    """Why no file was written; `exit_code` is 1 for an existing file, 2 for a bad name or id."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def slugify(name: str) -> str:
    """The kebab-case id for a display name: "Good morning" -> "good-morning"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if len(slug) > S.ID_MAX:  # a very long name: keep whole words up to the id's limit
        cut = slug[: S.ID_MAX + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[: S.ID_MAX]
    return slug


def field_at(path: str) -> S.Field:
    """The exercise field at a dotted path such as `prescription.reps`."""
    spec: S.Spec = S.EXERCISE
    found: S.Field | None = None
    for part in path.split("."):
        assert isinstance(spec, S.Mapping), path
        found = spec.field_named(part)
        assert found is not None, f"no field {path} in generator/content/schema.py"
        spec = found.spec
    assert found is not None
    return found


def _comment(text: str, indent: int) -> str:
    pad = " " * indent + "# "
    return "\n".join(textwrap.wrap(text, WIDTH, initial_indent=pad, subsequent_indent=pad,
                                   break_on_hyphens=False))


def _known_ids(content_dir: Path) -> dict[str, list[str]]:
    """Ids a reference may name, read from content/ (empty when a file is missing or broken)."""
    known: dict[str, list[str]] = {"muscle": [], "equipment": [], "exercise": [],
                                   "posterior muscle": []}
    for target, name, key in (("muscle", "muscles.yaml", "muscles"),
                              ("equipment", "equipment.yaml", "equipment")):
        path = content_dir / name
        if not path.exists():
            continue
        loaded, _ = load_yaml(path, name)
        items = loaded.data.get(key) if isinstance(loaded.data, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                known[target].append(item["id"])
                if item.get("chain") == "posterior":
                    known["posterior muscle"].append(item["id"])
    known["exercise"] = sorted(p.stem for p in (content_dir / "exercises").glob("*.yaml"))
    return known


def _help(known: dict[str, list[str]]):
    def help_(path: str, indent: int = 0, extra: str = "") -> str:
        f = field_at(path)
        spec = f.spec.item if isinstance(f.spec, S.ListOf) else f.spec
        text = f"{f.doc[0].upper()}{f.doc[1:]}"
        if not isinstance(spec, S.Mapping):
            text += f"; {S.describe(f.spec)}"
        if not f.required:
            text += " (optional)"
        text += "."
        if isinstance(spec, S.Ref) and spec.target == "muscle" and known["muscle"]:
            posterior = known["posterior muscle"]
            others = [m for m in known["muscle"] if m not in posterior]
            text += f" Posterior chain: {', '.join(posterior)}."
            if others:
                text += f" Others: {', '.join(others)}."
        elif isinstance(spec, S.Ref) and spec.target == "equipment" and known["equipment"]:
            text += f" Known: {', '.join(known['equipment'])}."
        elif isinstance(spec, S.Ref) and spec.target == "exercise":
            text += " Use the file names in content/exercises/ without `.yaml`."
        if extra:
            text += " " + extra
        return _comment(text, indent)

    return help_


def render_scaffold(name: str, exercise_id: str, content_dir: Path) -> str:
    """The text of a new exercise file (pure apart from reading the known ids)."""
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                      undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    path = f"content/exercises/{exercise_id}.yaml"
    text = env.get_template(TEMPLATE).render(help=_help(_known_ids(content_dir)), path=path)
    # The name goes in through ruamel.yaml so any quoting it needs is done by the YAML writer,
    # never by pasting text into a template.
    yaml = yaml_rt()
    data = yaml.load(text)
    data["id"] = exercise_id
    data["name"] = name
    out = io.StringIO()
    yaml.dump(data, out)
    formatted = format_text(out.getvalue(), "exercise")
    assert formatted.text is not None, formatted.problems
    return formatted.text


def _valid_name(name: str) -> str:
    name = " ".join(name.split())
    limit = field_at("name").spec.max_length  # type: ignore[union-attr]
    if not name:
        raise ScaffoldError("the name is empty: give the exercise's display name, "
                            'e.g. python -m generator new "Cable pull-through"')
    if len(name) > limit:
        raise ScaffoldError(f"the name is {len(name)} characters long; keep it to {limit}")
    return name


def _valid_id(exercise_id: str) -> str:
    if not re.match(S.ID_PATTERN, exercise_id):
        raise ScaffoldError(f'"{exercise_id}" is not a valid id: use lower-case letters, digits '
                            f"and single hyphens, at most {S.ID_MAX} characters, "
                            "e.g. cable-pull-through (or pass --id)")
    return exercise_id


def new_exercise(name: str, content_dir: Path, exercise_id: str | None = None) -> Path:
    """Write content/exercises/<id>.yaml; never overwrites. Raises ScaffoldError."""
    name = _valid_name(name)
    exercise_id = _valid_id(exercise_id or slugify(name))
    folder = content_dir / "exercises"
    target = folder / f"{exercise_id}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; edit it, or choose another name or "
                            "--id to start a different exercise", exit_code=1)
    if not folder.is_dir():
        raise ScaffoldError(f"{folder} is not a folder: run this from the project root or pass "
                            "--content")
    text = render_scaffold(name, exercise_id, content_dir)
    with target.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
        handle.write(text)
    return target


def _to_do(target: Path, content_dir: Path) -> list[Problem]:
    from generator.content.validation import load_content

    try:
        load_content(content_dir, root=Path.cwd(), only=[target])
    except ContentError as exc:
        return exc.problems
    return []


def _run(args) -> int:
    try:
        target = new_exercise(args.name, args.content, args.id)
    except ScaffoldError as exc:
        print(f"new: {exc}", file=sys.stderr)
        return exc.exit_code
    except FileExistsError:
        print("new: the file appeared while writing; nothing was overwritten", file=sys.stderr)
        return 1
    print(f"wrote {target}")
    todo = _to_do(target, args.content)
    if todo:
        print(f"Fill in these {len(todo)} places (python -m generator check {target} "
              "lists them again):")
        for problem in todo:
            print(f"  {problem}")
    return 0


def add_command(subparsers) -> None:
    """Register `new` on the `python -m generator` command line."""
    p = subparsers.add_parser(
        "new", help="start a new exercise file from a commented template",
        description="Write content/exercises/<id>.yaml with every field explained. Refuses to "
        "overwrite an existing file (exit 1); exit 2 for a name that cannot become an id.")
    p.add_argument("name", help='display name, e.g. "Cable pull-through"')
    p.add_argument("--id", help="file name and id to use instead of the slug of the name")
    p.add_argument("--content", type=Path, default=ROOT / "content", help="content folder")
    p.set_defaults(run=_run)
