"""`python -m generator …`: the contributor's commands.

    python -m generator check [PATHS…]      validate content (exit 0 clean, 1 problems, 2 usage)
    python -m generator catalogue           print catalogue.json (the planner reads it)
    python -m generator schema [--check]    write content/schema/*.schema.json from the schema
    python -m generator new NAME            start a new exercise file from a commented template
    python -m generator fmt [--check]       put content files in canonical key order
    python -m generator import free-exercise-db FILE.json   convert open-data records
    python -m generator build [--engine mkdocs|zensical]    build the site (generator/build/)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from generator.content.problems import (
    ContentError,
    being_read,
    lexical_path,
    now_reading,
    shown,
    shown_path,
)
from generator.paths import ROOT

# Exit codes: 0 fine, 1 problems found (or files to format), 2 a usage error, 3 a bug of ours.
INTERNAL_ERROR = 3


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a message never fails on a character it echoes
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    now_reading("")
    try:
        return args.run(args)
    except Exception as exc:  # noqa: BLE001 - every failure becomes one line and exit 3
        # Exit 1 means "problems found"; a crash must never look like that (issue 17).
        if os.environ.get("BACKCHAIN_TRACEBACK"):
            raise
        where = being_read() or "no file"
        print(f"internal error, please report: {shown(where, 200)} "
              f"({type(exc).__name__}: {shown(exc, 120)})", file=sys.stderr)
        return INTERNAL_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(title="commands")

    p = sub.add_parser("check", help="validate content and print every problem")
    p.add_argument("paths", nargs="*", type=Path,
                   help="exercise files to report on (default: everything)")
    p.add_argument("--content", type=Path, default=ROOT / "content", help="content folder")
    p.add_argument("--format", choices=("text", "github"), default="text",
                   help="github prints GitHub Actions annotations")
    p.set_defaults(run=_check)

    p = sub.add_parser("catalogue", help="print catalogue.json for the planner")
    p.add_argument("--content", type=Path, default=ROOT / "content", help="content folder")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    p.set_defaults(run=_catalogue)

    p = sub.add_parser("schema", help="write the JSON Schemas editors use into content/schema/")
    p.add_argument("--check", action="store_true",
                   help="exit 1 if the committed schemas differ from generator/content/schema.py")
    p.set_defaults(run=_schema)

    _add_contributor_commands(sub)
    return parser


def _add_contributor_commands(sub) -> None:
    """`new`, `fmt`, `import` and `build` live in their own modules; each adds its command."""
    from generator.build import steps
    from generator.content import formatting, importers, scaffold

    for module in (scaffold, formatting, importers, steps):
        module.add_command(sub)


def _check(args) -> int:
    from generator.content.validation import SINGLE_FILES, content_files, load_content

    # Files are compared by their own names: a link is the link, not what it points at.
    readable = {lexical_path(path) for path in content_files(args.content)}
    for path in args.paths:
        if not os.path.lexists(path):
            print(f"{shown(path, 200)}: no such file", file=sys.stderr)
            return 2
        if lexical_path(path) not in readable:
            files = ", ".join(["exercises/*.yaml", *(name for _, name in SINGLE_FILES)])
            print(f"{shown(path, 200)}: not a file check reads; it reports on these files in "
                  f"{shown_path(args.content)}/: {files}, pages/*.md", file=sys.stderr)
            return 2
    try:
        content, problems = load_content(args.content, root=Path.cwd()), []
    except ContentError as exc:
        content, problems = None, list(exc.problems)
    named = {shown_path(path) for path in args.paths}
    mine = [p for p in problems if p.path in named] if args.paths else problems
    if mine:
        for problem in mine:
            print(problem.github() if args.format == "github" else problem)
        noun = "problem" if len(mine) == 1 else "problems"
        print(f"{len(mine)} {noun} found.", file=sys.stderr)
        return 1
    if not args.paths:
        print(f"ok: {len(content.exercises)} exercises, {len(content.muscles)} muscle groups, "
              f"{len(content.splits)} splits", file=sys.stderr)
        return 0
    # The named files are fine; say so of them alone, and whether the rest of content/ is.
    print(f"ok: {', '.join(shown(p, 200) for p in args.paths)}", file=sys.stderr)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"(other files in {shown_path(args.content)}/ have {len(problems)} {noun}; "
              "`python -m generator check` lists them)", file=sys.stderr)
    return 0


def _catalogue(args) -> int:
    from generator.content.validation import load_content
    from generator.site.catalogue import catalogue_json

    try:
        content = load_content(args.content, root=Path.cwd())
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    text = catalogue_json(content)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


SCHEMA_DIR = ROOT / "content" / "schema"


def schema_files() -> dict[Path, str]:
    from generator.content.schema import KINDS, json_schema

    return {
        SCHEMA_DIR / f"{kind}.schema.json": json.dumps(json_schema(kind), indent=2) + "\n"
        for kind in KINDS
    }


def _schema(args) -> int:
    stale = [p for p, text in schema_files().items()
             if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for p in stale:
            print(f"{p.relative_to(ROOT)} is out of date: run python -m generator schema")
        return 1 if stale else 0
    for p, text in schema_files().items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    print(f"wrote {len(schema_files())} schemas to {SCHEMA_DIR.relative_to(ROOT)}", file=sys.stderr)
    return 0
