"""`python -m planner plan ...`: the command-line front end to the planner core.

Exit status: 0 a plan was made, 1 the request cannot be met (the explanation says why and what
to change), 2 bad usage or bad input, 3 a bug in the planner. Neither prints a traceback: each
failure is one sentence on standard error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

from planner.catalogue import LEVELS, Catalogue
from planner.errors import PlannerError
from planner.formats import coverage_svg, to_ics, to_json, to_markdown, to_text, volume_svg
from planner.log import MAX_IMPORT_BYTES, loads_log, log_from_csv
from planner.next_targets import next_targets, targets_to_json, targets_to_text
from planner.plan import Infeasible, make_plan
from planner.request import DEFAULTS, WEEKDAYS, parse_request

EXIT_OK, EXIT_INFEASIBLE, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
# A catalogue.json of the largest catalogue the planner reads (planner.catalogue.MOST_ITEMS).
MAX_CATALOGUE_BYTES = 32_000_000
FORMATS = ("text", "json", "markdown", "ics", "svg")

EPILOG = """\
examples:
  python -m planner plan --split three-total-body --days mon,wed,fri \\
      --equipment barbell,dumbbells,band --start 2026-11-30
  python -m planner plan --split upper,lower,total-body --days mon,tue,thu --minutes 40 \\
      --equipment dumbbells,bench,band,mat --format ics -o plan.ics
  python -m planner plan --catalogue build/docs/catalogue.json --split two-total-body \\
      --days tue,fri --equipment dumbbells,mat --focus glutes,hamstrings --format json

exit status: 0 plan made, 1 the request cannot be met (the reason is printed),
2 bad usage or input, 3 a bug in the planner (please report it).
"""


NEXT_EPILOG = """\
example:
  python -m planner plan --days mon,wed,fri --equipment barbell,dumbbells --format json \\
      -o plan.json
  python -m planner next --plan plan.json --log log.json

exit status: 0 targets written, 2 bad usage or input (one sentence says what).
"""


def _next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(7 - today.weekday()) % 7)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m planner",
        description="Backchain weekly planner: a posterior-chain training plan for your week.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    p = commands.add_parser(
        "plan",
        help="make a weekly plan",
        description="Make a training plan. Lists are comma-separated ids as in content/.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = p.add_mutually_exclusive_group()
    source.add_argument(
        "--catalogue",
        metavar="FILE",
        help="read catalogue.json from FILE instead of building it from content/ "
        "(e.g. --catalogue build/docs/catalogue.json)",
    )
    source.add_argument(
        "--content",
        metavar="DIR",
        default="content",
        help="content folder to build the catalogue from (default: content)",
    )
    p.add_argument(
        "--split",
        default="three-total-body",
        help="a split id (two-total-body, three-total-body, upper-lower-total, "
        "two-upper-two-lower) or session types, e.g. --split upper,lower,total-body "
        "(default: three-total-body)",
    )
    p.add_argument(
        "--days",
        default="mon,wed,fri",
        help=f"weekdays you can train, from {','.join(WEEKDAYS)}, e.g. --days mon,wed,fri "
        "(default: mon,wed,fri)",
    )
    p.add_argument(
        "--equipment",
        default="",
        help="equipment you own, e.g. --equipment barbell,dumbbells,band; bodyweight is "
        "always included (default: bodyweight only)",
    )
    p.add_argument(
        "--level",
        default=DEFAULTS["level"],
        help=f"one of {', '.join(LEVELS)}, e.g. --level intermediate "
        f"(default: {DEFAULTS['level']})",
    )
    p.add_argument(
        "--minutes",
        default=str(DEFAULTS["minutes"]),
        help=f"longest session in minutes, warm-up included, e.g. --minutes 60 "
        f"(default: {DEFAULTS['minutes']})",
    )
    p.add_argument(
        "--weeks",
        default=str(DEFAULTS["weeks"]),
        help=f"number of weeks, 1-16, e.g. --weeks 8 (default: {DEFAULTS['weeks']})",
    )
    p.add_argument(
        "--start",
        help="first day of week 1, YYYY-MM-DD, e.g. --start 2026-11-30 (default: the next Monday)",
    )
    p.add_argument(
        "--focus",
        default="",
        help="muscle groups to train in every week's sessions (at least twice a week unless the "
        "content's guidance says otherwise), e.g. --focus glutes,hamstrings "
        "(default: every posterior-chain group)",
    )
    p.add_argument(
        "--exclude",
        default="",
        help="exercises to leave out, e.g. --exclude deadlift,nordic-hamstring-curl",
    )
    p.add_argument(
        "--prefer",
        default="",
        help="exercises to include when they fit, e.g. --prefer kettlebell-swing",
    )
    p.add_argument(
        "--pin",
        action="append",
        default=[],
        metavar="DAY:EXERCISE=REPLACEMENT",
        help="swap an exercise of one day's session for an alternative (repeatable), e.g. "
        "--pin mon:romanian-deadlift=good-morning",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="output format (default: text); svg writes the chart chosen with --chart",
    )
    p.add_argument(
        "--chart",
        choices=("coverage", "volume"),
        default="coverage",
        help="with --format svg: the muscle-by-weekday coverage grid or weekly sets per "
        "muscle group (default: coverage)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    n = commands.add_parser(
        "next",
        help="next targets from a plan and a set log",
        description="Each exercise's next sets, reps, reps in reserve and load, from the plan "
        "(as `plan --format json` writes it) and the log of sets done, by the plan's "
        "double-progression rules.",
        epilog=NEXT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    n.add_argument(
        "--plan", metavar="FILE", required=True, help="plan JSON from plan --format json"
    )
    n.add_argument("--log", metavar="FILE", required=True, help="set log JSON (or .csv)")
    n.add_argument(
        "--week",
        type=int,
        help="the plan's week to give targets for (default: the week of the next session "
        "after the last set logged)",
    )
    n.add_argument("--format", choices=("text", "json"), default="text", help="default: text")
    n.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    return parser


def _ids(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


def request_from_args(args: argparse.Namespace, today: dt.date) -> dict:
    split: object = args.split
    if "," in args.split:
        split = _ids(args.split)
    return {
        "split": split,
        "days": _ids(args.days),
        "equipment": _ids(args.equipment),
        "level": args.level,
        "minutes": args.minutes,
        "weeks": args.weeks,
        "start": args.start or _next_monday(today).isoformat(),
        "focus": _ids(args.focus) or None,
        "exclude": _ids(args.exclude),
        "prefer": _ids(args.prefer),
        "pins": list(args.pin),
    }


class UsageProblem(Exception):
    pass


def load_catalogue(args: argparse.Namespace) -> Catalogue:
    if args.catalogue:
        path = Path(args.catalogue)
        return Catalogue.from_dict(_catalogue_json(path, _catalogue_text(path)))
    # The planner must run without the generator (it ships alone to the browser), so it asks
    # for the catalogue through a separate process instead of importing it.
    cmd = [sys.executable, "-m", "generator", "catalogue", "--content", args.content]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=False)
    except OSError as err:
        raise UsageProblem(f"could not run the generator: {err}") from None
    if done.returncode != 0:
        raise UsageProblem(_catalogue_failure(args.content, done.stderr or done.stdout))
    try:
        data = json.loads(done.stdout)
    except (ValueError, RecursionError):
        raise UsageProblem(
            "the generator did not print valid JSON; pass --catalogue FILE instead"
        ) from None
    return Catalogue.from_dict(data)


def _catalogue_text(path: Path) -> str:
    """The file's text; a folder, a pipe, a huge file or non-UTF-8 bytes are refused in words
    (a FIFO would block the read, /dev/zero would never end)."""
    try:
        if not path.is_file():
            what = "a folder" if path.is_dir() else "not a regular file"
            if not path.exists():
                raise UsageProblem(f"cannot read --catalogue {path}: no such file")
            raise UsageProblem(f"cannot read --catalogue {path}: it is {what}")
        with path.open(encoding="utf-8") as file:
            text = file.read(MAX_CATALOGUE_BYTES + 1)
    except OSError as err:
        raise UsageProblem(f"cannot read --catalogue {path}: {err.strerror}") from None
    except UnicodeDecodeError as err:
        raise UsageProblem(
            f"{path} is not UTF-8 text (byte {err.object[err.start]:#04x} at offset {err.start});"
            " save it as UTF-8"
        ) from None
    if len(text) > MAX_CATALOGUE_BYTES:
        raise UsageProblem(f"{path} is larger than {MAX_CATALOGUE_BYTES:,} characters")
    return text


def _catalogue_json(path: Path, text: str):
    def whole(digits: str) -> int:
        if len(digits) > 100:  # int() refuses over 4,300 digits with a message about Python
            raise UsageProblem(f"{path} holds a number {len(digits):,} digits long")
        return int(digits)

    try:
        return json.loads(text, parse_int=whole)
    except json.JSONDecodeError as err:
        raise UsageProblem(
            f"{path} is not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}"
        ) from None
    except (ValueError, RecursionError):
        raise UsageProblem(f"{path} is not valid JSON (nested too deeply to read)") from None


# The generator's content problems read `path:line:col: message`; anything else it printed
# (a traceback, say) is not for the reader.
_CONTENT_PROBLEM = re.compile(r"^\S[^:\n]*:\d+:\d+: ")
_PROBLEMS_SHOWN = 10


def _catalogue_failure(content: str, output: str) -> str:
    lines = [x.rstrip() for x in output.strip().splitlines() if x.strip()]
    problems = [x for x in lines if _CONTENT_PROBLEM.match(x)]
    if not problems:
        tail = f" ({lines[-1].strip()})" if lines else ""
        return (
            f"could not build the catalogue from {content}/ with `python -m generator "
            f"catalogue`{tail}. Pass a catalogue.json with --catalogue FILE instead."
        )
    shown = problems[:_PROBLEMS_SHOWN]
    more = len(problems) - len(shown)
    noun = "problem" if len(problems) == 1 else "problems"
    return "\n".join(
        [
            f"the content in {content}/ has {len(problems)} {noun}, so there is no catalogue to "
            "plan from:",
            *(f"  {x}" for x in shown),
            *([f"  ... and {more} more"] if more else []),
            "Fix them (`python -m generator check` lists them all), or pass a catalogue.json with "
            "--catalogue FILE.",
        ]
    )


def render(result, fmt: str, chart: str) -> str:
    if fmt == "json":
        return to_json(result)
    if fmt == "markdown":
        return to_markdown(result) + "\n"
    if fmt == "ics":
        return to_ics(result)
    if fmt == "svg":
        return coverage_svg(result) if chart == "coverage" else volume_svg(result)
    return to_text(result)


def _write(text: str, output: str | None) -> None:
    if output:
        # newline="" keeps the CRLF line ends iCalendar requires
        Path(output).write_text(text, encoding="utf-8", newline="")
    else:
        sys.stdout.write(text)


def _read(path: str, what: str) -> str:
    try:
        with open(path, encoding="utf-8") as file:
            # One byte past the limit is enough to refuse a file that is too large.
            return file.read(MAX_IMPORT_BYTES + 1)
    except OSError as err:
        raise UsageProblem(f"cannot read {what} {path}: {err.strerror}") from None
    except UnicodeDecodeError:
        raise UsageProblem(f"{path} is not UTF-8 text") from None


def run_next(args: argparse.Namespace) -> int:
    """`next`: the targets for the plan's exercises from the log."""
    try:
        plan_text = _read(args.plan, "--plan")
        if len(plan_text) > MAX_IMPORT_BYTES:
            raise UsageProblem(f"{args.plan} is larger than 5 MB, more than any plan needs")
        try:
            plan = json.loads(plan_text)
        except (ValueError, RecursionError):
            raise UsageProblem(f"{args.plan} is not valid JSON") from None
        log_text = _read(args.log, "--log")
        log = log_from_csv(log_text) if args.log.lower().endswith(".csv") else loads_log(log_text)
        targets = next_targets(plan, log, args.week)
    except (UsageProblem, PlannerError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    text = targets_to_json(targets) + "\n" if args.format == "json" else targets_to_text(targets)
    try:
        _write(text, args.output)
    except OSError as err:
        print(f"error: cannot write {args.output}: {err.strerror}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def main(argv: list[str] | None = None, today: dt.date | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits with status 2 on bad usage
    try:
        return _run(args, today)
    except Exception as err:  # a bug, not the input: one sentence and its own exit status
        print(
            f"error: the planner failed ({type(err).__name__}); this is a bug, please report it "
            "with the command you ran",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _failed_write(output: str | None, err: OSError | UnicodeError) -> int:
    where = output or "standard output"
    why = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
    print(f"error: cannot write {where}: {why}", file=sys.stderr)
    return EXIT_USAGE


def _run(args: argparse.Namespace, today: dt.date | None) -> int:
    if args.command == "next":
        return run_next(args)
    try:
        catalogue = load_catalogue(args)
        request = parse_request(request_from_args(args, today or dt.date.today()), catalogue)
    except (UsageProblem, PlannerError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    result = make_plan(catalogue, request)
    try:
        if isinstance(result, Infeasible):
            if args.format == "json":
                _write(to_json(result), args.output)
            print(to_text(result), end="", file=sys.stderr)
            return EXIT_INFEASIBLE
        _write(render(result, args.format, args.chart), args.output)
    except (OSError, UnicodeError) as err:
        return _failed_write(args.output, err)
    return EXIT_OK
