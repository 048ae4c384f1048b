"""Planner core speed: plans per second and median milliseconds per plan.

For the real catalogue (built from content/ by `python -m generator catalogue`) and for a
1,000-exercise catalogue made from copies of the real exercises,
across the four seed splits. One "plan" is parse_request + make_plan, the work the browser
repeats on every change. Targets (issue 3): <= 5 ms per plan for the real catalogue and
<= 100 ms for 1,000 exercises. Then a sweep over a grid of real-catalogue requests (slowest
<= 200 ms, issue 11) and two sweeps with one exercise preferred (every real exercise; ten of the
generated ones), as a guide page's "Plan a week with this exercise" link asks. Last, wide
catalogues (issue 17): 30 muscle groups and 2,000 exercises, and the real groups with 10,000
exercises and 7 preferred; every request must answer (a plan or an explained refusal) within
1 s.

    .venv/bin/python bench/planner_core.py [--seconds S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner import swaps  # noqa: E402
from planner.browser import handle  # noqa: E402
from planner.catalogue import Catalogue  # noqa: E402
from planner.errors import PlannerError  # noqa: E402
from planner.formats.json_format import plan_to_dict  # noqa: E402
from planner.log import Log, parse_log  # noqa: E402
from planner.next_targets import next_targets  # noqa: E402
from planner.plan import Infeasible, make_plan  # noqa: E402
from planner.request import parse_request  # noqa: E402

SPLITS = {
    "two-total-body": ["mon", "thu"],
    "three-total-body": ["mon", "wed", "fri"],
    "upper-lower-total": ["mon", "tue", "thu"],
    "two-upper-two-lower": ["mon", "tue", "thu", "fri"],
}
TARGET_MS = {"real": 5.0, "generated": 100.0}
SWEEP_TARGET_MS = {"median": 100.0, "slowest": 200.0}
RETIME = 50  # the slowest requests of the sweep, timed again
SWEEP_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SWEEP_LEVELS = ("beginner", "intermediate", "advanced")
SWEEP_MINUTES = (20, 30, 45, 60, 90)
SWEEP_EQUIPMENT = {
    "bodyweight": [],
    "home": ["dumbbells", "band"],
    "barbell": ["barbell", "bench", "pull-up-bar"],
    "gym": [
        "band",
        "barbell",
        "bench",
        "cable",
        "dumbbells",
        "kettlebell",
        "machine",
        "pull-up-bar",
    ],
}


def real_catalogue() -> tuple[dict, str]:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "catalogue", "--content", str(ROOT / "content")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"planner_core: `python -m generator catalogue` failed:\n{done.stderr}")
    return json.loads(done.stdout), "content/"


def generated(n: int, base: dict, seed: int = 1) -> dict:
    """A reproducible catalogue of n exercises made from the real ones: each copies a real
    exercise's pattern, mechanics, muscles, equipment and spinal load (so it fills the same
    slots a real one would) with its own id and a random dose."""
    rng = random.Random(seed)
    cat = json.loads(json.dumps(base))
    models = cat["exercises"]
    exercises = []
    for k in range(n):
        model = rng.choice(models)
        reps = rng.choice([(6, 8), (8, 10), (10, 12), (10, 15), (12, 15)])
        rest_s = rng.choice([(30, 60), (45, 60), (60, 90), (90, 120)])
        exercises.append(
            {
                **model,
                "id": f"gen-{k:04d}",
                "name": f"Generated exercise {k}",
                "url": f"exercises/gen-{k:04d}/",
                "level": rng.choice(["beginner", "beginner", "intermediate", "advanced"]),
                "sets": rng.choice([2, 3, 3, 3, 4]),
                "reps_min": reps[0],
                "reps_max": reps[1],
                "rest_min": rest_s[0],
                "rest_max": rest_s[1],
                "seconds_per_rep": rng.choice([2, 3, 4]),
                "start": None,
                "easier": [],
                "harder": [],
            }
        )
    cat["exercises"] = exercises
    return cat


def wide(groups: int, n: int, base: dict, seed: int = 1) -> dict:
    """A reproducible catalogue of `groups` muscle groups and n exercises, as a fork that adds
    groups (finer back muscles, say) would have: the real groups plus new posterior ones, upper
    and lower body in turn, every fifth one small. Each exercise copies a real one and trains,
    for each of its primary movers, a random group of the same region and size."""
    rng = random.Random(seed)
    cat = json.loads(json.dumps(base))
    muscles = cat["muscles"]
    k = 0
    while len(muscles) < groups:
        muscles.append(
            {
                "id": f"extra-{k:02d}",
                "name": f"Extra group {k}",
                "region": ("upper", "lower")[k % 2],
                "chain": "posterior",
                "size": "small" if k % 5 == 4 else "large",
                "description": "",
            }
        )
        k += 1
    kind = {m["id"]: (m["region"], m.get("size", "large")) for m in muscles}
    alike: dict[tuple[str, str], list[str]] = {}
    for m in muscles:
        alike.setdefault(kind[m["id"]], []).append(m["id"])
    exercises = []
    for i in range(n):
        model = rng.choice(base["exercises"])
        primary = list(dict.fromkeys(rng.choice(alike[kind[m]]) for m in model["primary"]))
        exercises.append(
            {
                **model,
                "id": f"wide-{i:05d}",
                "name": f"Wide exercise {i}",
                "url": f"exercises/wide-{i:05d}/",
                "primary": primary,
                "secondary": [m for m in model["secondary"] if m not in primary],
                "level": rng.choice(["beginner", "beginner", "intermediate", "advanced"]),
                "start": None,
                "easier": [],
                "harder": [],
            }
        )
    cat["exercises"] = exercises
    return cat


WIDE_TARGET_MS = 1000.0
WIDE_MINUTES = (20, 45, 90)
WIDE_KITS = ("bodyweight", "home", "gym")


def clocked(work) -> tuple[float, float, object]:
    """(wall ms, processor ms, result) of work(). The processor time is what the answer costs
    on a machine doing nothing else; the wall time also counts other programs' turns."""
    w0, c0 = time.perf_counter(), time.process_time()
    result = work()
    return (time.perf_counter() - w0) * 1000, (time.process_time() - c0) * 1000, result


def wide_sweep(data: dict, label: str, prefer: int) -> bool:
    """Every split on its own days, on two days and on one, at every level, three lengths and
    three equipment sets, each with `prefer` exercises preferred. Prints the spread and the
    slowest requests, those also end to end through planner.browser.handle (reading the catalogue
    JSON included), and checks the slowest processor time against WIDE_TARGET_MS."""
    text = json.dumps(data)
    catalogue = Catalogue.from_dict(data)
    rng = random.Random(11)
    ids = [e["id"] for e in data["exercises"]]
    rows = []
    for split, days in SPLITS.items():
        for some in (days, ["mon", "tue"], ["mon"]):
            for level in SWEEP_LEVELS:
                for minutes in WIDE_MINUTES:
                    for kit in WIDE_KITS:
                        req = {
                            "split": split,
                            "days": some,
                            "equipment": SWEEP_EQUIPMENT[kit],
                            "level": level,
                            "minutes": minutes,
                            "weeks": 16,
                            "start": "2026-11-30",
                            "prefer": rng.sample(ids, prefer),
                        }
                        wall, cpu, outcome = clocked(lambda req=req: timed(catalogue, req)[1])
                        rows.append((cpu, wall, outcome, kit, req))
    rows.sort(key=lambda r: -r[0])
    for k in range(min(RETIME, len(rows))):  # the slowest again: the best of three counts
        cpu, wall, *rest = rows[k]
        for _ in range(2):
            w, c, _ = clocked(lambda req=rest[-1]: timed(catalogue, req))
            cpu, wall = min(cpu, c), min(wall, w)
        rows[k] = (cpu, wall, *rest)
    rows.sort(key=lambda r: -r[0])
    cpus, walls = [r[0] for r in rows], [r[1] for r in rows]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row[2]] = counts.get(row[2], 0) + 1
    print(
        f"\nWide catalogue, {label}: {len(rows)} requests ("
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
        + ")"
    )
    print(
        f"  processor  median {statistics.median(cpus):7.2f} ms   max {max(cpus):8.2f} ms\n"
        f"  wall       median {statistics.median(walls):7.2f} ms   max {max(walls):8.2f} ms"
    )
    print("  slowest requests (processor / wall ms; then handle() end to end, processor / wall):")
    for cpu, wall, outcome, kit, req in rows[:3]:
        whole = min(
            (clocked(lambda req=req: handle(text, json.dumps(req)))[:2] for _ in range(2)),
            key=lambda t: t[1],
        )
        print(
            f"    {cpu:8.2f} / {wall:8.2f}  {outcome:<9} {req['split']} {','.join(req['days'])} "
            f"{req['level']} {req['minutes']} min {kit};  handle {whole[1]:.0f} / {whole[0]:.0f}"
        )
    met = max(cpus) <= WIDE_TARGET_MS
    print(
        f"wide ({label}): slowest {max(cpus):.2f} ms of processor time, target <= "
        f"{WIDE_TARGET_MS:g} ms: {'met' if met else 'MISSED'}"
    )
    return met


def request(split: str) -> dict:
    return {
        "split": split,
        "days": SPLITS[split],
        "equipment": ["barbell", "dumbbells", "band", "bench"],
        "level": "beginner",
        "minutes": 45,
        "weeks": 8,
        "start": "2026-11-30",
    }


def measure(catalogue: Catalogue, req: dict, seconds: float) -> tuple[str, list[float]]:
    times: list[float] = []
    outcome = ""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or len(times) < 5:
        t0 = time.perf_counter()
        result = make_plan(catalogue, parse_request(req, catalogue))
        times.append((time.perf_counter() - t0) * 1000)
        outcome = f"cannot be met ({result.rule})" if isinstance(result, Infeasible) else "plan"
    return outcome, times


def sweep_requests(data: dict, sample: float) -> list[tuple[str, dict]]:
    """(equipment set name, request) for every point of the grid, or a reproducible sample."""
    known = {e["id"] for e in data["equipment"]}
    grid = [
        (
            kit,
            {
                "split": split,
                "days": list(days),
                "equipment": [g for g in gear if g in known],
                "level": level,
                "minutes": minutes,
                "weeks": 4,
                "start": "2026-11-30",
            },
        )
        for split in SPLITS
        for k in range(1, 6)
        for days in itertools.combinations(SWEEP_WEEKDAYS, k)
        for level in SWEEP_LEVELS
        for minutes in SWEEP_MINUTES
        for kit, gear in SWEEP_EQUIPMENT.items()
    ]
    if sample < 1:
        grid = random.Random(3).sample(grid, max(1, round(len(grid) * sample)))
    return grid


def timed(catalogue: Catalogue, req: dict) -> tuple[float, str]:
    """Milliseconds for parse_request + make_plan, and the outcome."""
    t0 = time.perf_counter()
    result = make_plan(catalogue, parse_request(req, catalogue))
    ms = (time.perf_counter() - t0) * 1000
    return ms, result.rule if isinstance(result, Infeasible) else "plan"


def sweep(data: dict, sample: float) -> bool:
    """Time every request of the grid once; print the spread and the slowest requests.

    The slowest few (overall and among plans) are timed twice more and keep their best time, so
    a moment when another program had the processor does not count as the planner's.
    """
    catalogue = Catalogue.from_dict(data)
    rows = []
    for kit, req in sweep_requests(data, sample):
        try:
            ms, outcome = timed(catalogue, req)
        except PlannerError:
            continue  # refused as bad input before any planning (e.g. no exercise at all)
        rows.append((ms, outcome, kit, req))
    rows.sort(key=lambda r: -r[0])
    plans_first = [k for k, r in enumerate(rows) if r[1] == "plan"]
    for k in dict.fromkeys(list(range(min(RETIME, len(rows)))) + plans_first[:RETIME]):
        row = rows[k]
        again = min(timed(catalogue, row[3])[0] for _ in range(2))
        rows[k] = (min(row[0], again), *row[1:])
    every = [row[0] for row in rows]
    plans = [row[0] for row in rows if row[1] == "plan"]
    refused = [row[0] for row in rows if row[1] != "plan"]
    counts: dict[str, int] = {}
    for _, outcome, _, _ in rows:
        counts[outcome] = counts.get(outcome, 0) + 1
    print(
        f"\nSweep over {len(rows)} requests on the real catalogue ("
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
        + ")"
    )
    for label, times in (("all", every), ("plans", plans), ("cannot be met", refused)):
        if times:
            ordered = sorted(times)
            p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
            print(
                f"  {label:<14} median {statistics.median(times):7.2f} ms   p95 {p95:7.2f} ms"
                f"   max {max(times):8.2f} ms"
            )
    print("  slowest requests:")
    for ms, outcome, kit, req in sorted(rows, key=lambda r: -r[0])[:5]:
        print(
            f"    {ms:8.2f} ms  {outcome:<13} {req['split']} {','.join(req['days'])} "
            f"{req['level']} {req['minutes']} min {kit}"
        )
    ok = True
    for label, value in (("median", statistics.median(every)), ("slowest", max(every))):
        met = value <= SWEEP_TARGET_MS[label]
        ok &= met
        print(
            f"sweep: {label} {value:.2f} ms, target <= {SWEEP_TARGET_MS[label]:g} ms: "
            f"{'met' if met else 'MISSED'}"
        )
    return ok


PREFER_MINUTES = (20, 30, 45, 60)
PREFER_KITS = ("home", "gym")


def prefer_sweep(data: dict, label: str, ids: list[str], targets: dict[str, float]) -> bool:
    """Every listed exercise preferred, across splits, levels, minutes and two equipment sets.

    Counts how often the exercise made it into the plan, was left out with a settled reason,
    or was left out because the search for it stopped; times every plan like the main sweep
    and checks the median and the slowest against `targets` (either may be absent).
    """
    catalogue = Catalogue.from_dict(data)
    known = {e["id"] for e in data["equipment"]}
    rows = []
    counts = {"in the plan": 0, "left out, reason given": 0, "left out, search stopped": 0}
    for split, days in SPLITS.items():
        for level in SWEEP_LEVELS:
            for minutes in PREFER_MINUTES:
                for kit in PREFER_KITS:
                    gear = [g for g in SWEEP_EQUIPMENT[kit] if g in known]
                    for ident in ids:
                        req = {
                            "split": split,
                            "days": days,
                            "equipment": gear,
                            "level": level,
                            "minutes": minutes,
                            "weeks": 4,
                            "start": "2026-11-30",
                            "prefer": [ident],
                        }
                        try:
                            request = parse_request(req, catalogue)
                        except PlannerError:
                            continue
                        t0 = time.perf_counter()
                        result = make_plan(catalogue, request)
                        ms = (time.perf_counter() - t0) * 1000
                        rows.append((ms, req))
                        if isinstance(result, Infeasible):
                            continue
                        used = {e.id for s in result.weeks[0].sessions for e in s.exercises}
                        if ident in used:
                            counts["in the plan"] += 1
                        elif any("stopped looking" in w for w in result.warnings):
                            counts["left out, search stopped"] += 1
                        else:
                            counts["left out, reason given"] += 1
    rows.sort(key=lambda r: -r[0])
    for k, (ms, req) in enumerate(rows[:RETIME]):
        again = min(timed(catalogue, req)[0] for _ in range(2))
        rows[k] = (min(ms, again), req)
    times = [ms for ms, _ in rows]
    print(
        f"\nPrefer sweep, {label}: {len(rows)} requests, one exercise preferred each; plans: "
        + ", ".join(f"{k} {v}" for k, v in counts.items())
    )
    print(f"  median {statistics.median(times):7.2f} ms   max {max(times):8.2f} ms")
    ok = True
    for what, value in (("median", statistics.median(times)), ("slowest", max(times))):
        if what in targets:
            met = value <= targets[what]
            ok &= met
            print(
                f"prefer sweep ({label}): {what} {value:.2f} ms, target <= {targets[what]:g} ms: "
                f"{'met' if met else 'MISSED'}"
            )
    return ok


GYM_TARGET_MS = 16.0  # one frame: next targets and a Swap list answer within it (issue 14)
GYM_LOG_SETS = 2000


def gym_log(plan: dict, n: int, seed: int = 14) -> Log:
    """A reproducible log of n sets of the plan's exercises, three sets a session, three
    sessions a week back from the plan's start, with loads and reps that move about."""
    rng = random.Random(seed)
    ids = sorted({e["id"] for s in plan["weeks"][0]["sessions"] for e in s["exercises"]})
    start = dt.date.fromisoformat(plan["weeks"][0]["start"])
    sets = []
    day = 0
    while len(sets) < n:
        date = (start - dt.timedelta(days=n - day)).isoformat()
        for exercise in rng.sample(ids, min(3, len(ids))):
            load = rng.choice([0, 20, 40, 60, 62.5, 80])
            for k in range(1, 4):
                if len(sets) < n:
                    sets.append(
                        {
                            "id": f"s{len(sets)}",
                            "date": date,
                            "exercise": exercise,
                            "set": k,
                            "load": load,
                            "reps": rng.randint(4, 14),
                            "rir": rng.randint(0, 4),
                        }
                    )
        day += 2
    return parse_log({"schema_version": 1, "sets": sets})


def gym(data: dict, seconds: float) -> bool:
    """Median ms of next_targets over a 2,000-set log, and of alternatives() for an exercise
    of the plan: the first ask for a plan (the week planned again) and later asks (the same
    week, remembered)."""
    catalogue = Catalogue.from_dict(data)
    req = parse_request(request("three-total-body"), catalogue)
    plan = plan_to_dict(make_plan(catalogue, req))
    log = gym_log(plan, GYM_LOG_SETS)
    first = plan["weeks"][0]["sessions"][0]
    exercise = first["exercises"][0]["id"]

    def cold() -> None:
        swaps._RECENT.clear()
        swaps.alternatives(catalogue, req, first["weekday"], exercise)

    rows = [
        (f"next_targets, {GYM_LOG_SETS:,}-set log", lambda: next_targets(plan, log)),
        ("alternatives, first ask", cold),
        (
            "alternatives, later asks",
            lambda: swaps.alternatives(catalogue, req, first["weekday"], exercise),
        ),
    ]
    print()
    ok = True
    for label, work in rows:
        times = []
        end = time.perf_counter() + seconds
        while time.perf_counter() < end or len(times) < 5:
            t0 = time.perf_counter()
            work()
            times.append((time.perf_counter() - t0) * 1000)
        median = statistics.median(times)
        met = median <= GYM_TARGET_MS
        ok &= met
        print(
            f"{label:<36} median {median:6.2f} ms, target <= {GYM_TARGET_MS:g} ms: "
            f"{'met' if met else 'MISSED'}"
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per row (default 1)")
    parser.add_argument(
        "--sample", type=float, default=1.0, help="fraction of the sweep grid to time (default 1)"
    )
    parser.add_argument("--no-sweep", action="store_true", help="skip the request sweep")
    parser.add_argument(
        "--no-wide", action="store_true", help="skip the wide catalogues (30 groups, 10,000)"
    )
    parser.add_argument(
        "--only-wide", action="store_true", help="time the wide catalogues and nothing else"
    )
    args = parser.parse_args()
    real, source = real_catalogue()
    if args.only_wide:
        return 0 if wide_sweeps(real) else 1
    sets = [
        ("real", f"{len(real['exercises'])} exercises from {source}", real),
        ("generated", "1,000 generated exercises", generated(1000, real)),
    ]
    print(f"Python {sys.version.split()[0]}; each row runs for about {args.seconds:g} s\n")
    header = f"{'catalogue':<36} {'split':<22} {'outcome':<14} {'plans/s':>9} {'median ms':>10}"
    print(header)
    print("-" * len(header))
    worst: dict[str, float] = {}
    for kind, label, data in sets:
        catalogue = Catalogue.from_dict(data)
        for split in SPLITS:
            outcome, times = measure(catalogue, request(split), args.seconds)
            median = statistics.median(times)
            rate = len(times) / (sum(times) / 1000)
            worst[kind] = max(worst.get(kind, 0.0), median)
            print(f"{label:<36} {split:<22} {outcome:<14} {rate:>9.0f} {median:>10.2f}")
    print()
    ok = True
    for kind, target in TARGET_MS.items():
        met = worst[kind] <= target
        ok &= met
        print(
            f"{kind}: slowest median {worst[kind]:.2f} ms, target <= {target:g} ms: "
            f"{'met' if met else 'MISSED'}"
        )
    ok &= gym(real, args.seconds)
    if not args.no_sweep:
        ok &= sweep(real, args.sample)
        every = [e["id"] for e in real["exercises"]]
        ok &= prefer_sweep(real, "real catalogue", every, {"median": 5.0, "slowest": 300.0})
        # Informative for the slowest: the same grid without a preference already has requests
        # there that spend the whole search budget (over a second with 1,000 exercises).
        big = sets[1][2]
        sample = [e["id"] for e in random.Random(5).sample(big["exercises"], 10)]
        ok &= prefer_sweep(big, "1,000 generated, 10 preferred", sample, {"median": 100.0})
    if not args.no_wide:
        ok &= wide_sweeps(real)
    return 0 if ok else 1


def wide_sweeps(real: dict) -> bool:
    groups = wide(30, 2000, real)
    many = wide(len(real["muscles"]), 10_000, real)
    ok = wide_sweep(groups, "30 muscle groups, 2,000 exercises", 0)
    return (
        wide_sweep(many, f"{len(real['muscles'])} groups, 10,000 exercises, 7 preferred", 7) and ok
    )


if __name__ == "__main__":
    sys.exit(main())
