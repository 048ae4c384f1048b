"""Planner fuzzing: seeded hostile requests through `planner.browser.handle` and the CLI.

Every trial sends one request (and now and then a broken catalogue, a catalogue of 30 muscle
groups and 2,000 exercises, non-JSON text or a base_url that is not text) to `handle()`, and
checks the answer: JSON of the documented envelope, status ok, infeasible or error, a message of
one non-empty line, never the planner's "this is a bug" answer, an 8-digit date in every .ics
date line. Then, one per 250 trials, the command line (`planner.cli.main`, in this process) runs
on a hostile argument vector: exit status 0, 1 or 2, and one error line for 2.

    .venv/bin/python bench/fuzz_planner.py --trials 6000 --seed 1

`bench/fuzz.py` calls `campaign(trials, seed)` for its combined table.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from planner_core import real_catalogue, wide  # noqa: E402

from planner.browser import handle  # noqa: E402
from planner.cli import main as cli_main  # noqa: E402

ENVELOPE_KEYS = {"status", "message", "plan", "infeasible", "markdown", "ics", "svg"}
STATUSES = ("ok", "infeasible", "error")
BUG = "this is a bug"  # the planner's own words when it caught an internal error
ICS_DATE = re.compile(r"^(DTSTART|DTEND);VALUE=DATE:([^\r\n]*)", re.MULTILINE)
CLI_EVERY = 250  # one CLI run per this many handle() trials
WIDE_EVERY = 400  # one request on the 30-group, 2,000-exercise catalogue per this many
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LEVELS = ("beginner", "intermediate", "advanced")


# --- hostile values ---------------------------------------------------------------------------


def junk(rng: random.Random, depth: int = 0):
    """A JSON value of any type, shaped like what breaks parsers: edge numbers, odd text,
    nesting."""
    kind = rng.randrange(16 if depth < 3 else 11)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 1, 9, 10, 16, 17, 240, 241, 2**31, -(2**63), 10**30])
    if kind == 3:
        return rng.choice([0.5, -0.0, 45.0, 1e308, float("nan"), float("inf"), float("-inf")])
    if kind == 4:
        return rng.choice(["", " ", "²", "٣", "45 ", " 4", "1e3", "0x10", "+5", "-5", "١٢"])
    if kind == 5:
        return "9" * rng.choice([5, 50, 4301, 5000])
    if kind == 6:
        return rng.choice(["\x00", "a\nb", "\u2028", "\x0b", "mon\r\nwed", "\ud800", "é" * 300])
    if kind == 7:
        return rng.choice(
            ["9999-12-27", "9999-12-31", "0001-01-01", "0999-05-05", "2026-02-30", "2026-W48-1"]
        )
    if kind == 8:
        return rng.choice(["mon,wed,fri", "upper,lower", "barbell, dumbbells", ",,,", "MON"])
    if kind == 9:
        return "x" * rng.choice([41, 1000, 100_000])
    if kind == 10:
        return rng.choice(WEEKDAYS + LEVELS + ("glutes", "three-total-body", "total-body"))
    if kind in (11, 12):
        return [junk(rng, depth + 1) for _ in range(rng.choice([0, 1, 2, 7, 30]))]
    if kind == 13:
        return [rng.choice(WEEKDAYS)] * rng.choice([1, 8, 25_000])
    if kind == 14:
        return {str(junk(rng, depth + 1))[:10]: junk(rng, depth + 1) for _ in range(2)}
    return [[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]


def valid_request(rng: random.Random, cat: dict) -> dict:
    """A well-formed request with random values: most plan, some are refused with fixes."""
    gear = [e["id"] for e in cat["equipment"]]
    exercises = [e["id"] for e in cat["exercises"]]
    posterior = [m["id"] for m in cat["muscles"] if m["chain"] == "posterior"]
    splits = [s["id"] for s in cat["splits"]]
    types = [t["id"] for t in cat["session_types"]]
    picked = rng.sample(exercises, min(len(exercises), rng.choice([0, 0, 0, 1, 2])))
    year = rng.choice([1, 5, 999, 1000, 2026, 2026, 2026, 9999])
    start = f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    split = rng.choice(splits) if rng.random() < 0.8 else rng.sample(types, 1) * rng.randint(1, 4)
    return {
        "split": split,
        "days": sorted(rng.sample(WEEKDAYS, rng.randint(1, 7)), key=WEEKDAYS.index),
        "equipment": rng.sample(gear, rng.randint(0, len(gear))),
        "level": rng.choice(LEVELS),
        "minutes": rng.choice([10, 15, 20, 30, 45, 60, 90, 240]),
        "weeks": rng.randint(1, 16),
        "start": start,
        "focus": None if rng.random() < 0.7 else rng.sample(posterior, rng.randint(1, 3)),
        "exclude": picked[:1],
        "prefer": picked[1:],
    }


def hostile_request(rng: random.Random, cat: dict):
    """A valid request with one to three fields replaced by junk, an unknown field, a field
    left out, or something that is not an object at all."""
    req = valid_request(rng, cat)
    roll = rng.random()
    if roll < 0.05:
        return junk(rng)
    fields = list(req) + ["pins"]
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        req[rng.choice(fields)] = junk(rng)
    if roll > 0.95:
        req.pop(rng.choice(list(req)), None)
    if 0.90 < roll <= 0.95:
        req[rng.choice(["colour", "", "Split", "__proto__"])] = junk(rng)
    return req


def request_text(rng: random.Random, req) -> str | bytes | None | int:
    """The request as the browser would send it, or now and then not as JSON at all."""
    roll = rng.random()
    try:
        text = json.dumps(req, allow_nan=True)
    except (ValueError, RecursionError):
        text = "{}"
    if roll < 0.96:
        return text
    return rng.choice(
        [
            text[: len(text) // 2],
            text.encode("utf-8"),
            b"\xff\xfe" + text.encode("utf-16-le"),
            "[" * 50_000,
            '{"weeks": ' + "9" * 5000 + "}",
            None,
            42,
            "",
            "nul\x00",
        ]
    )


def broken_catalogue(rng: random.Random, cat: dict) -> str | bytes | None:
    """The catalogue with one part replaced by junk (a fork's hand-edited catalogue.json)."""
    data = json.loads(json.dumps(cat))
    key = rng.choice(["muscles", "equipment", "session_types", "splits", "exercises", "version"])
    if rng.random() < 0.4 or not isinstance(data.get(key), list) or not data[key]:
        data[key] = junk(rng)
    else:
        item = rng.choice(data[key])
        item[rng.choice(list(item) + ["extra"])] = junk(rng)
    try:
        return json.dumps(data, allow_nan=True)
    except (ValueError, RecursionError):
        return rng.choice([None, b"\xff", "{"])


# --- checking -----------------------------------------------------------------------------------


def envelope_problem(answer) -> str | None:
    """What is wrong with handle()'s answer, or None when it is what ARCHITECTURE.md says."""
    if not isinstance(answer, str):
        return f"not text: {type(answer).__name__}"
    try:
        data = json.loads(answer)
    except ValueError:
        return "not JSON"
    if not isinstance(data, dict) or set(data) != ENVELOPE_KEYS:
        return "not the envelope's keys"
    status, message = data["status"], data["message"]
    if status not in STATUSES:
        return f"status {status!r}"
    if not isinstance(message, str) or not message.strip() or len(message.splitlines()) != 1:
        return f"message not one non-empty line: {message!r:.80}"
    if status == "error" and (data["plan"] is not None or data["ics"]):
        return "an error with a plan"
    if status == "ok" and not isinstance(data["plan"], dict):
        return "ok without a plan"
    if status == "infeasible" and not isinstance(data["infeasible"], dict):
        return "infeasible without its reasons"
    for _, day in ICS_DATE.findall(data["ics"] or ""):
        if not re.fullmatch(r"\d{8}", day):
            return f".ics date {day!r} is not 8 digits"
    return None


def short(value, most: int = 100) -> str:
    text = repr(value)
    return text if len(text) <= most else text[: most - 1] + "…"


# --- the CLI ----------------------------------------------------------------------------------


def cli_argv(rng: random.Random, catalogue_path: str, broken: list[str]) -> list[str]:
    argv = ["plan", "--catalogue", rng.choice([catalogue_path, catalogue_path, *broken])]
    flags = {
        "--split": ["three-total-body", "upper,lower", "²", "", ",", "x" * 500],
        "--days": ["mon,wed,fri", "mon", "", "mon,mon,xyz", "mon\nwed"],
        "--equipment": ["barbell,dumbbells", "", "nothing", "bodyweight"],
        "--level": ["beginner", "advanced", "Expert", ""],
        "--minutes": ["45", "²", "9" * 5000, "-5", "10", "240", "1e3"],
        "--weeks": ["4", "0", "17", "9" * 50, "٣"],
        "--start": ["2026-11-30", "9999-12-27", "9999-12-03", "0005-01-03", "2026-02-30", "x"],
        "--focus": ["glutes", "unknown", ""],
        "--format": ["text", "json", "markdown", "ics", "svg", "pdf"],
        "-o": ["/nonexistent/x.json", "/dev/full", "{tmp}/out"],
    }
    for flag in rng.sample(list(flags), rng.randint(1, 5)):
        argv += [flag, rng.choice(flags[flag])]
    return argv


def run_cli(argv: list[str]) -> tuple[int, str]:
    """main()'s exit status and standard error; a traceback escaping it is an exception."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli_main(argv)
        except SystemExit as stop:  # argparse's own usage errors
            code = stop.code if isinstance(stop.code, int) else 2
    return code, err.getvalue()


def cli_problem(code: int, stderr: str) -> str | None:
    if code not in (0, 1, 2):
        return f"exit {code}: {stderr.strip()[:100]}"
    if code == 2:
        lines = [x for x in stderr.splitlines() if x.strip()]
        errors = [x for x in lines if x.startswith("error: ") or ": error: " in x]
        if len(errors) != 1:
            return f"exit 2 without one error line: {stderr.strip()[:100]!r}"
    return None


# --- the campaign -----------------------------------------------------------------------------


def campaign(trials: int, seed: int, catalogue: dict | None = None) -> dict:
    """Run `trials` handle() requests (and one CLI run per CLI_EVERY) seeded by `seed`.

    Returns trials, exceptions (raised out of handle or main, or the planner's "this is a bug"
    answer), malformed (answers off the documented envelope or off one line), slowest_s and
    slowest_case, statuses (count per status), cli_runs, cli_exits, wide_requests, and
    examples: the first few problems, each with the case that caused it."""
    rng = random.Random(seed)
    cat = catalogue if catalogue is not None else real_catalogue()[0]
    cat_text = json.dumps(cat)
    wide_text = json.dumps(wide(30, 2000, cat))
    wide_cat = json.loads(wide_text)
    result = {
        "trials": 0,
        "exceptions": 0,
        "malformed": 0,
        "slowest_s": 0.0,
        "slowest_case": "",
        "statuses": {s: 0 for s in STATUSES},
        "cli_runs": 0,
        "cli_exits": {},
        "wide_requests": 0,
        "examples": [],
    }

    def problem(kind: str, detail: str, case) -> None:
        result[kind] += 1
        if len(result["examples"]) < 10:
            result["examples"].append(f"{kind}: {detail} <- {short(case, 160)}")

    def timed(case, call):
        t0 = time.perf_counter()
        try:
            return call()
        finally:
            spent = time.perf_counter() - t0
            if spent > result["slowest_s"]:
                result["slowest_s"], result["slowest_case"] = spent, short(case)

    with tempfile.TemporaryDirectory() as tmp:
        catalogue_path = str(Path(tmp, "catalogue.json"))
        Path(catalogue_path).write_text(cat_text, encoding="utf-8")
        broken = []
        for name, data in (
            ("latin1.json", cat_text.replace("Glutes", "Gl\xfctes").encode("latin-1")),
            ("notjson.json", b'{"version": 1,'),
            ("shape.json", b'{"version": 1, "muscles": {}}'),
            ("deep.json", b"[" * 100_000),
        ):
            Path(tmp, name).write_bytes(data)
            broken.append(str(Path(tmp, name)))
        broken.append(tmp)  # a folder

        for k in range(trials):
            result["trials"] += 1
            catalogue_json: object = cat_text
            base_url: object = rng.choice(["", "../", "/"])
            if k % WIDE_EVERY == WIDE_EVERY - 1:
                catalogue_json, req = wide_text, valid_request(rng, wide_cat)
                result["wide_requests"] += 1
            elif rng.random() < 0.6:
                req = hostile_request(rng, cat)
            else:
                req = valid_request(rng, cat)
            text = request_text(rng, req)
            if rng.random() < 0.02:
                catalogue_json = broken_catalogue(rng, cat)
            if rng.random() < 0.01:
                base_url = junk(rng)
            case = (req if text is not None and isinstance(text, str) else text, base_url)
            try:
                answer = timed(case, lambda c=catalogue_json, t=text, b=base_url: handle(c, t, b))
            except Exception as err:  # what the campaign looks for: count it, keep going
                problem("exceptions", f"{type(err).__name__}: {err}"[:120], case)
                continue
            wrong = envelope_problem(answer)
            if wrong is not None:
                problem("malformed", wrong, case)
                continue
            data = json.loads(answer)
            result["statuses"][data["status"]] += 1
            if data["status"] == "error" and BUG in data["message"]:
                problem("exceptions", data["message"], case)

        for _ in range(max(1, trials // CLI_EVERY)):
            argv = [a.replace("{tmp}", tmp) for a in cli_argv(rng, catalogue_path, broken)]
            result["cli_runs"] += 1
            try:
                code, stderr = timed(argv, lambda argv=argv: run_cli(argv))
            except Exception as err:
                problem("exceptions", f"CLI {type(err).__name__}: {err}"[:120], argv)
                continue
            result["cli_exits"][code] = result["cli_exits"].get(code, 0) + 1
            wrong = cli_problem(code, stderr)
            if wrong is not None:
                kind = "exceptions" if code not in (0, 1, 2) else "malformed"
                problem(kind, wrong, argv)
    return result


def print_table(result: dict, seconds: float) -> None:
    rows = [
        ("handle() requests", f"{result['trials']:,}"),
        ("  ok / infeasible / error", " / ".join(f"{v:,}" for v in result["statuses"].values())),
        ("  on 30 groups x 2,000 exercises", f"{result['wide_requests']:,}"),
        ("CLI runs", f"{result['cli_runs']:,}"),
        (
            "  exit statuses",
            ", ".join(f"{k}: {v}" for k, v in sorted(result["cli_exits"].items())) or "-",
        ),
        ("exceptions", f"{result['exceptions']:,}"),
        ("malformed answers", f"{result['malformed']:,}"),
        ("slowest call", f"{result['slowest_s']:.3f} s"),
        ("  its case", result["slowest_case"]),
        ("wall time", f"{seconds:.1f} s"),
    ]
    width = max(len(a) for a, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    for line in result["examples"]:
        print("  " + line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=2000, help="handle() requests (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args()
    t0 = time.perf_counter()
    result = campaign(args.trials, args.seed)
    print(f"Planner fuzzing, seed {args.seed}, Python {sys.version.split()[0]}\n")
    print_table(result, time.perf_counter() - t0)
    return 1 if result["exceptions"] or result["malformed"] else 0


if __name__ == "__main__":
    sys.exit(main())
