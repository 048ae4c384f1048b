"""The plan critic's sweep: how well does the planner program, over ~150 requests?

Runs every request of tests/planner/critic.py's sweep (4 splits x 3 levels x 4 equipment
setups x 30/45/60 minutes, plus focus, exclude, prefer and 8-week variations) through
parse_request + make_plan, reads each plan's JSON and its text, Markdown and .ics renderings
with the critic, and prints:

  * refusals by equipment setup and minutes asked,
  * how many violations each check found (and in how many plans),
  * minutes used as a share of the minutes asked (median and minimum, training weeks).

It works against the old planner too (schema_version 1 plans: missing fields are counted
under "schema" and skipped by the other checks), so a "before" table can be made from any
checkout:

    .venv/bin/python bench/plan_sweep.py                       # this working tree
    .venv/bin/python bench/plan_sweep.py --root /tmp/old-checkout --save /tmp/before.json
    .venv/bin/python bench/plan_sweep.py --before /tmp/before.json   # before and after columns
    .venv/bin/python bench/plan_sweep.py --show order --show dose    # list those violations

The catalogue is built from <root>/content with `python -m generator catalogue`, or read from
--catalogue FILE.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def load_critic():
    """tests/planner/critic.py of this checkout, whichever planner is measured."""
    path = HERE / "tests" / "planner" / "critic.py"
    spec = importlib.util.spec_from_file_location("backchain_plan_critic", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def build_catalogue(root: Path, path: str | None) -> dict:
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    done = subprocess.run(
        [sys.executable, "-m", "generator", "catalogue", "--content", str(root / "content")],
        capture_output=True, text=True, cwd=root, check=False,
    )
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:]
        sys.exit(f"could not build the catalogue from {root / 'content'}: {' '.join(tail)}; "
                 "pass --catalogue FILE")
    return json.loads(done.stdout)


class Planner:
    """The planner of one checkout, used the way the CLI uses it."""

    def __init__(self, root: Path, cat: dict) -> None:
        sys.path.insert(0, str(root))
        from planner.catalogue import Catalogue
        from planner.errors import PlannerError
        from planner.formats import to_ics, to_json, to_markdown, to_text
        from planner.plan import Infeasible, make_plan
        from planner.request import parse_request

        self.catalogue = Catalogue.from_dict(cat)
        self.error, self.infeasible = PlannerError, Infeasible
        self.parse, self.make = parse_request, make_plan
        self.to_json, self.to_text, self.to_markdown, self.to_ics = (
            to_json, to_text, to_markdown, to_ics)

    def run(self, req: dict) -> tuple[dict, dict[str, str]]:
        try:
            request = self.parse(req, self.catalogue)
        except self.error as err:
            return {"status": "error", "rule": "request", "message": str(err),
                    "request": req}, {}
        result = self.make(self.catalogue, request)
        plan = json.loads(self.to_json(result))
        if isinstance(result, self.infeasible):
            return plan, {}
        renders = {"text": self.to_text(result), "markdown": self.to_markdown(result),
                   "ics": self.to_ics(result)}
        return plan, renders


def sweep(root: Path, cat: dict, critic) -> dict:
    planner = Planner(root, cat)
    cases, per_check, plans_hit = [], Counter(), Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    refused: dict[str, Counter] = defaultdict(Counter)
    asked: dict[str, Counter] = defaultdict(Counter)
    shares_all, shares_45 = [], []
    started = time.perf_counter()
    for req in critic.sweep_requests(cat):
        plan, renders = planner.run(req)
        cases.append((req, plan))
        setup = critic.setup_name(cat, req)
        column = f"{req['minutes']} min"
        asked[setup][column] += 1
        if plan.get("status") != "ok":
            refused[setup][column] += 1
        else:
            shares = critic.session_shares(plan)
            shares_all += shares
            if req["minutes"] >= 45:
                shares_45 += shares
        for check, found in critic.critique(cat, req, plan, renders).items():
            per_check[check] += len(found)
            plans_hit[check] += bool(found)
            examples[check] += found
    for check, found in critic.critique_sweep(cat, cases).items():
        per_check[check] += len(found)
        examples[check] += found

    def share(values, fn):
        return round(fn(values), 3) if values else None

    return {
        "requests": len(cases),
        "plans": sum(p.get("status") == "ok" for _, p in cases),
        "seconds": round(time.perf_counter() - started, 1),
        "refused": {s: dict(c) for s, c in refused.items()},
        "asked": {s: dict(c) for s, c in asked.items()},
        "violations": {c: per_check[c] for c in critic.CHECKS},
        "plans_hit": {c: plans_hit[c] for c in critic.CHECKS},
        "share_median": share(shares_all, statistics.median),
        "share_min": share(shares_all, min),
        "share_median_45": share(shares_45, statistics.median),
        "share_min_45": share(shares_45, min),
        "examples": {c: v[:200] for c, v in examples.items()},
    }


def _pct(x) -> str:
    return "-" if x is None else f"{x:.0%}"


def table(now: dict, before: dict | None, critic) -> str:
    cols = ["after", "before"] if before else ["value"]

    def row(label, a, b=None):
        cells = [str(a)] + ([str(b)] if before else [])
        return f"  {label:<44}" + "".join(f"{c:>14}" for c in cells)

    get = (lambda d, *keys: _dig(d, keys)) if before else None
    out = [f"Plan sweep: {now['requests']} requests, {now['plans']} plans "
           f"({now['seconds']} s)" + (f"; before: {before['requests']} requests, "
                                      f"{before['plans']} plans" if before else ""),
           "", "Refusals by equipment setup (refused / asked)" + " " * 3
           + "".join(f"{c:>14}" for c in cols)]
    minutes = sorted({m for c in now["asked"].values() for m in c}, key=lambda m: int(m.split()[0]))
    setups = list(critic.EQUIPMENT_SETUPS) + sorted(
        s for s in now["asked"] if s not in critic.EQUIPMENT_SETUPS)
    for s in setups:
        for m in minutes:
            n = now["asked"].get(s, {}).get(m)
            if not n:
                continue
            a = f"{now['refused'].get(s, {}).get(m, 0)}/{n}"
            b = (f"{get(before, 'refused', s, m) or 0}/{get(before, 'asked', s, m) or 0}"
                 if before else None)
            out.append(row(f"{s}, {m}", a, b))
    total_a = sum(sum(c.values()) for c in now["refused"].values())
    total_b = sum(sum(c.values()) for c in before["refused"].values()) if before else None
    out.append(row("all", f"{total_a}/{now['requests']}",
                   f"{total_b}/{before['requests']}" if before else None))
    out += ["", "Violations by check (count, plans with one)" + " " * 5
            + "".join(f"{c:>14}" for c in cols)]
    for c in critic.CHECKS:
        a = f"{now['violations'].get(c, 0)} ({now['plans_hit'].get(c, 0)})"
        b = (f"{get(before, 'violations', c) or 0} ({get(before, 'plans_hit', c) or 0})"
             if before else None)
        out.append(row(c, a, b))
    out += ["", "Minutes used / minutes asked (training-week sessions)" + " " * 0]
    for label, key in (("median, all requests", "share_median"),
                       ("minimum, all requests", "share_min"),
                       ("median, 45 and 60 minutes", "share_median_45"),
                       ("minimum, 45 and 60 minutes", "share_min_45")):
        out.append(row(label, _pct(now.get(key)), _pct(before.get(key)) if before else None))
    return "\n".join(out)


def _dig(d: dict, keys):
    for k in keys:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=str(HERE),
                        help="checkout whose planner/ (and content/) to measure "
                        "(default: this one)")
    parser.add_argument("--catalogue", help="catalogue.json to use instead of building one")
    parser.add_argument("--save", metavar="FILE", help="also write the figures as JSON to FILE")
    parser.add_argument("--before", metavar="FILE",
                        help="figures saved earlier with --save, printed as a 'before' column")
    parser.add_argument("--show", action="append", default=[], metavar="CHECK",
                        help="list the violations of this check (repeatable; 'all' for every one)")
    args = parser.parse_args(argv)
    critic = load_critic()
    root = Path(args.root).resolve()
    cat = build_catalogue(root, args.catalogue)
    now = sweep(root, cat, critic)
    before = json.loads(Path(args.before).read_text(encoding="utf-8")) if args.before else None
    print(table(now, before, critic))
    shown = critic.CHECKS if "all" in args.show else args.show
    for check in shown:
        found = now["examples"].get(check, [])
        print(f"\n{check}: {now['violations'].get(check, 0)} violation(s)"
              + (f", the first {len(found)}" if len(found) < now["violations"].get(check, 0)
                 else ""))
        for line in found:
            print("  " + line)
    if args.save:
        Path(args.save).write_text(json.dumps(now, indent=1, sort_keys=True) + "\n",
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
