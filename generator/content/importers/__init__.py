"""`python -m generator import SOURCE FILE`: turn records of an open exercise database into
exercise files.

Each source is a module here with `NAME`, `add_arguments(parser)` and `run(args) -> int`. An
importer never overwrites a file, keeps the source and licence in every file it writes (the
exercise schema's `source:` field), and prints what it imported, what it skipped and why, and
which of the source's words it could not map onto ours.
"""

from __future__ import annotations

from generator.content.importers import free_exercise_db

SOURCES = {free_exercise_db.NAME: free_exercise_db}


def add_command(subparsers) -> None:
    """Register `import` and one sub-command per source on `python -m generator`."""
    p = subparsers.add_parser(
        "import", help="convert records of an open exercise database into exercise files",
        description="Convert exercise records from an open database into content/exercises/. "
        "Existing files are never overwritten. Exit 0 when the file was read (even if some "
        "records were skipped), 1 when it cannot be read, 2 on a usage error.")
    sources = p.add_subparsers(title="sources", metavar="SOURCE")
    for name, module in SOURCES.items():
        q = sources.add_parser(name, help=module.__doc__.strip().splitlines()[0],
                               description=module.__doc__)
        module.add_arguments(q)
        q.set_defaults(run=module.run)
    p.set_defaults(run=lambda args: _no_source(p))


def _no_source(parser) -> int:
    parser.print_help()
    return 2
