"""An independent checker of every planner rule, written from the issue's wording.

It reads only the catalogue dict, the request dict and the plan JSON (what a user or the
browser sees) and re-implements each rule from scratch; nothing here imports planner code.
It also holds small exhaustive searches used to confirm that "cannot be met" answers are true.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import Counter

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
LEVELS = ["beginner", "intermediate", "advanced"]
# weekly sets per muscle group (min, max) and the deload spacing, per level
RANGES = {"beginner": (4, 12, 6), "intermediate": (6, 16, 5), "advanced": (8, 20, 4)}
WARMUP_SECONDS = 300
# the seed's guidance, used when a catalogue does not carry its own
GUIDANCE = {"min_sessions_per_muscle": 2, "rest_days_between_same_muscle": 1}


class Ctx:
    """The request read independently of planner.request."""

    def __init__(self, cat: dict, req: dict) -> None:
        self.cat = cat
        self.ex = {e["id"]: e for e in cat["exercises"]}
        self.muscle = {m["id"]: m for m in cat["muscles"]}
        self.types = {t["id"]: t for t in cat["session_types"]}
        split = req["split"]
        splits = {s["id"]: s for s in cat["splits"]}
        if isinstance(split, str) and split in splits:
            self.sessions = list(splits[split]["sessions"])
        elif isinstance(split, str):
            self.sessions = [x for x in split.split(",") if x]
        else:
            self.sessions = list(split)
        self.days = [d for d in WEEKDAYS if d in req["days"]]
        self.owned = set(req.get("equipment") or []) | {"bodyweight"}
        self.level = req.get("level") or "beginner"
        self.minutes = req.get("minutes") or 45
        self.weeks = req.get("weeks") or 4
        self.start = dt.date.fromisoformat(req["start"])
        focus = req.get("focus")
        self.focus = (
            sorted(focus)
            if focus
            else sorted(m["id"] for m in cat["muscles"] if m["chain"] == "posterior")
        )
        self.exclude = set(req.get("exclude") or [])
        self.prefer = set(req.get("prefer") or [])
        lo, hi, every = RANGES[self.level]
        self.lo, self.hi, self.deload_every = lo, hi, every
        all_regions = {m["region"] for m in cat["muscles"]}
        self.whole = {t for t, v in self.types.items() if all_regions <= set(v["regions"])}
        guidance = {**GUIDANCE, **(cat.get("guidance") or {})}
        self.need = guidance["min_sessions_per_muscle"]  # sessions a week per focus group
        self.rest_days = guidance["rest_days_between_same_muscle"]  # full days off between

    # exercise facts --------------------------------------------------------------------
    def seconds(self, eid: str, sets: int | None = None) -> int:
        e = self.ex[eid]
        n = e["sets"] if sets is None else sets
        return n * (e["reps_max"] * e.get("seconds_per_rep", 4) + e["rest_max"])

    def gear_ok(self, eid: str) -> bool:
        e = self.ex[eid]
        return all(g in self.owned for g in e["equipment"]) or any(
            s in self.owned for s in e["substitutes"]
        )

    def usable(self, eid: str) -> bool:
        e = self.ex[eid]
        return (
            eid not in self.exclude
            and self.gear_ok(eid)
            and LEVELS.index(e["level"]) <= LEVELS.index(self.level)
            and WARMUP_SECONDS + self.seconds(eid) <= self.minutes * 60
        )

    def fits_type(self, eid: str, type_id: str) -> bool:
        regions = {self.muscle[m]["region"] for m in self.ex[eid]["primary"]}
        return regions <= set(self.types[type_id]["regions"])

    def half(self, eid: str, m: str, sets: int | None = None) -> int:
        e = self.ex[eid]
        n = e["sets"] if sets is None else sets
        if m in e["primary"]:
            return 2 * n
        if m in e["secondary"] and m not in e["primary"]:
            return n
        return 0

    # week-level rules -------------------------------------------------------------------
    def touching(self, a: str, b: str) -> bool:
        """Too close for the same muscle group: fewer full days off between than the guidance
        asks (the week repeats, so Sunday and Monday are one day apart)."""
        gap = (WEEKDAYS.index(a) - WEEKDAYS.index(b)) % 7
        return min(gap, 7 - gap) <= self.rest_days

    def clashes(self, week: list[tuple[str, str, list[str]]]) -> int:
        n = 0
        for (da, _, xa), (db, _, xb) in itertools.combinations(week, 2):
            if self.touching(da, db):
                pa = {m for x in xa for m in self.ex[x]["primary"]}
                pb = {m for x in xb for m in self.ex[x]["primary"]}
                n += len(pa & pb)
        return n

    def spacing_ok(self, week) -> bool:
        return not any(
            ta in self.whole and tb in self.whole and self.touching(da, db)
            for (da, ta, _), (db, tb, _) in itertools.combinations(week, 2)
        )

    def volume(self, week) -> Counter:
        v: Counter = Counter()
        for _, _, xs in week:
            for x in xs:
                for m in self.muscle:
                    v[m] += self.half(x, m)
        return v

    def frequency_ok(self, week) -> bool:
        return all(
            sum(1 for _, _, xs in week if any(m in self.ex[x]["primary"] for x in xs)) >= self.need
            for m in self.focus
        )

    def volume_ok(self, week) -> bool:
        v = self.volume(week)
        if any(h > 2 * self.hi for h in v.values()):
            return False
        return all(2 * self.lo <= v[m] for m in self.focus)

    def time_ok(self, week) -> bool:
        return all(
            WARMUP_SECONDS + sum(self.seconds(x) for x in xs) <= self.minutes * 60
            for _, _, xs in week
        )

    def shape_ok(self, week) -> bool:
        return all(
            xs
            and len(set(xs)) == len(xs)
            and all(self.usable(x) and self.fits_type(x, t) for x in xs)
            for _, t, xs in week
        )

    def hard_ok(self, week, *, volume: bool = True) -> bool:
        return (
            self.shape_ok(week)
            and self.spacing_ok(week)
            and self.frequency_ok(week)
            and self.time_ok(week)
            and (not volume or self.volume_ok(week))
        )


def everywhere(week) -> set[str]:
    if len(week) < 2:
        return set()
    sets = [set(xs) for _, _, xs in week]
    return set.intersection(*sets)


def template_of(plan: dict) -> list[tuple[str, str, list[str]]]:
    """The training week as (weekday, session type, exercise ids), in weekday order."""
    week = next((w for w in plan["weeks"] if not w["deload"]), plan["weeks"][0])
    out = [
        (s["weekday"], s["session_type"], [e["id"] for e in s["exercises"]])
        for s in week["sessions"]
    ]
    return sorted(out, key=lambda x: WEEKDAYS.index(x[0]))


def check_plan(cat: dict, req: dict, plan: dict) -> list[str]:
    """Every rule violation in a plan, as plain sentences (empty list = all rules hold)."""
    c = Ctx(cat, req)
    bad: list[str] = []
    if plan.get("schema_version") != 1 or plan.get("status") != "ok":
        return ["not a schema_version 1 plan"]
    if len(plan["weeks"]) != c.weeks:
        bad.append(f"{len(plan['weeks'])} weeks instead of {c.weeks}")
    week0 = template_of(plan)
    shape0 = [(d, t, sorted(xs)) for d, t, xs in week0]

    for w in plan["weeks"]:
        n = w["number"]
        start = c.start + dt.timedelta(days=7 * (n - 1))
        if w["start"] != start.isoformat():
            bad.append(f"week {n} starts {w['start']}, expected {start}")
        deload = n % c.deload_every == 0
        if w["deload"] != deload:
            bad.append(f"week {n}: deload flag {w['deload']}, expected {deload}")
        if not w["note"]:
            bad.append(f"week {n}: no progression note")
        dates = [s["date"] for s in w["sessions"]]
        if dates != sorted(dates):
            bad.append(f"week {n}: sessions not in date order")
        shape = sorted(
            (
                (s["weekday"], s["session_type"], sorted(e["id"] for e in s["exercises"]))
                for s in w["sessions"]
            ),
            key=lambda x: WEEKDAYS.index(x[0]),
        )
        if shape != shape0:
            bad.append(f"week {n}: exercises differ from the weekly pattern")
        training_weeks = n - n // c.deload_every
        for s in w["sessions"]:
            d = dt.date.fromisoformat(s["date"])
            if not start <= d <= start + dt.timedelta(days=6):
                bad.append(f"week {n}: {d} outside the week")
            if WEEKDAYS[d.weekday()] != s["weekday"]:
                bad.append(f"{d} is not a {s['weekday']}")
            if s["weekday"] not in c.days:
                bad.append(f"{s['weekday']} was not offered")
            total = WARMUP_SECONDS
            for e in s["exercises"]:
                x = c.ex.get(e["id"])
                if x is None:
                    bad.append(f"unknown exercise {e['id']}")
                    continue
                want_sets = max(1, math.ceil(x["sets"] / 2)) if deload else x["sets"]
                if e["sets"] != want_sets:
                    bad.append(f"week {n} {e['id']}: {e['sets']} sets, expected {want_sets}")
                for k_plan, k_cat in (
                    ("reps_min", "reps_min"),
                    ("reps_max", "reps_max"),
                    ("rest_seconds_min", "rest_min"),
                    ("rest_seconds_max", "rest_max"),
                ):
                    if e[k_plan] != x[k_cat]:
                        bad.append(f"{e['id']}: {k_plan} {e[k_plan]} != prescription {x[k_cat]}")
                if e["name"] != x["name"] or e["url"] != x["url"]:
                    bad.append(f"{e['id']}: name or url differs from the catalogue")
                if not e["reason"]:
                    bad.append(f"{e['id']}: no reason given")
                span = x["reps_max"] - x["reps_min"] + 1
                step = (training_weeks - 1) % span
                want_target = x["reps_min"] if deload else x["reps_min"] + step
                want_load = (not deload) and training_weeks > 1 and step == 0
                if e["target_reps"] != want_target or e["add_load"] != want_load:
                    bad.append(
                        f"week {n} {e['id']}: target {e['target_reps']}/{e['add_load']}, "
                        f"expected {want_target}/{want_load}"
                    )
                total += c.seconds(e["id"], e["sets"])
            if total > c.minutes * 60:
                bad.append(f"{s['date']}: {total} s is over {c.minutes} minutes")
            if s["estimated_minutes"] != math.ceil(total / 60):
                bad.append(f"{s['date']}: estimated_minutes {s['estimated_minutes']} != {total}/60")

    if Counter(t for _, t, _ in week0) != Counter(c.sessions):
        bad.append(f"session types {[t for _, t, _ in week0]} do not match the split {c.sessions}")
    for d, t, xs in week0:
        if not xs:
            bad.append(f"{d}: empty session")
        if len(set(xs)) != len(xs):
            bad.append(f"{d}: an exercise appears twice")
        for x in xs:
            if x not in c.ex:
                continue
            if x in c.exclude:
                bad.append(f"{x} was excluded")
            if not c.gear_ok(x):
                bad.append(f"{x} needs equipment the person does not own")
            if LEVELS.index(c.ex[x]["level"]) > LEVELS.index(c.level):
                bad.append(f"{x} is above the person's level")
            if not c.fits_type(x, t):
                bad.append(f"{x} trains muscles outside a {t} session")
    if bad:
        return bad

    if not c.spacing_ok(week0):
        bad.append("two total-body sessions closer than the rest days allow")
    for m in c.focus:
        k = sum(1 for _, _, xs in week0 if any(m in c.ex[x]["primary"] for x in xs))
        if k < c.need:
            bad.append(f"focus group {m} is a primary mover in only {k} session(s)")
    vol = c.volume(week0)
    for m in c.muscle:
        if vol[m] > 2 * c.hi:
            bad.append(f"{m}: {vol[m] / 2} weekly sets, above {c.hi}")
    for m in c.focus:
        if vol[m] < 2 * c.lo:
            bad.append(f"{m}: {vol[m] / 2} weekly sets, below {c.lo}")
    shown = {v["muscle"]: v["sets"] for v in plan["volume"]}
    for m, h in vol.items():
        if h and shown.get(m) != h / 2:
            bad.append(f"{m}: plan shows {shown.get(m)} weekly sets, counted {h / 2}")

    clashes = c.clashes(week0)
    if clashes and (plan["rest_ok"] or not any(w.startswith("Rest") for w in plan["warnings"])):
        bad.append("muscles worked on consecutive days without saying so")
    if not clashes and not plan["rest_ok"]:
        bad.append("rest_ok is false although no muscle is worked two days running")

    # variety: an exercise in every session must not be replaceable (or removable) in one
    # session while every other rule still holds
    ev = everywhere(week0)
    for x in sorted(ev):
        for k, (d, t, xs) in enumerate(week0):
            pool = [None] + [y for y in c.ex if y not in xs and c.usable(y) and c.fits_type(y, t)]
            for y in pool:
                new_xs = [z for z in xs if z != x] + ([y] if y else [])
                week = week0[:k] + [(d, t, new_xs)] + week0[k + 1 :]
                if (
                    c.hard_ok(week)
                    and c.clashes(week) <= clashes
                    and len(everywhere(week)) < len(ev)
                ):
                    bad.append(
                        f"variety: {x} fills every session but {y or 'nothing'} could "
                        f"replace it on {d}"
                    )
                    break
            else:
                continue
            break

    # preferences: a missing preferred exercise is named in a warning, and it must not fit
    # into any session, either added or swapped for one of the session's exercises that was
    # not asked for (two preferences that cannot share a week are settled by id order)
    present = {x for _, _, xs in week0 for x in xs}
    for p in sorted(c.prefer - present):
        if p not in c.ex:
            continue
        if not any(c.ex[p]["name"] in w for w in plan["warnings"]):
            bad.append(f"preferred {p} is missing and no warning names it")
        if not c.usable(p):
            continue
        for k, (d, t, xs) in enumerate(week0):
            if not c.fits_type(p, t):
                continue
            swaps = [xs + [p]] + [[y for y in xs if y != x] + [p] for x in xs if x not in c.prefer]
            weeks = [week0[:k] + [(d, t, new)] + week0[k + 1 :] for new in swaps]
            if any(c.hard_ok(week) and c.clashes(week) <= clashes for week in weeks):
                bad.append(f"preferred {p} would fit on {d} but was left out")
                break
    return bad


def unused_room(cat: dict, req: dict, plan: dict) -> list[str]:
    """Ways the plan leaves time unused while a focus group is under the middle of its weekly
    set range: an exercise that adds sets to such a group and could join a session with every
    rule still kept (and without ending up in every session). Empty when there are none."""
    c = Ctx(cat, req)
    week0 = template_of(plan)
    vol = c.volume(week0)
    mid = c.lo + c.hi  # the middle of the range, in half sets
    under = {m for m in c.focus if vol[m] < mid}
    if not under:
        return []
    clashes = c.clashes(week0)
    out = []
    for k, (d, t, xs) in enumerate(week0):
        for x in sorted(c.ex):
            if x in xs or not c.usable(x) or not c.fits_type(x, t):
                continue
            if not any(c.half(x, m) for m in under):
                continue
            week = week0[:k] + [(d, t, xs + [x])] + week0[k + 1 :]
            if len(week) > 1 and all(x in ys for _, _, ys in week):
                continue
            if c.hard_ok(week) and c.clashes(week) <= clashes:
                out.append(f"{x} would fit on {d} and add sets for {sorted(under)}")
    return out


# --- exhaustive search for small cases ---------------------------------------------------


def placements(c: Ctx):
    """Every (weekday, type) arrangement of the split on the offered days, deduplicated."""
    n = len(c.sessions)
    seen = set()
    for days in itertools.combinations(c.days, n):
        for order in set(itertools.permutations(c.sessions)):
            arrangement = tuple(zip(days, order, strict=True))
            if arrangement not in seen:
                seen.add(arrangement)
                yield arrangement


def exists_week(c: Ctx, *, volume: bool, clean: bool, holding: str | None = None) -> bool:
    """Is there any week meeting frequency, time, equipment, spacing (and volume, rest)?
    With `holding`, only weeks that contain that exercise count.

    Tries every placement (those with the same session types and the same touching pairs are
    the same problem, so each shape is tried once) and every combination of exercise subsets,
    pruning only on limits that adding exercises can never repair: session time, the weekly
    set ceiling, rest, and a focus group that the remaining sessions can no longer reach.
    """
    usable = [x for x in sorted(c.ex) if c.usable(x)]
    muscles = sorted(c.muscle)
    focus_idx = [muscles.index(m) for m in c.focus]
    shapes = set()
    for arrangement in placements(c):
        if not c.spacing_ok([(d, t, []) for d, t in arrangement]):
            continue
        n = len(arrangement)
        touching = frozenset(
            (i, j)
            for i in range(n)
            for j in range(i + 1, n)
            if c.touching(arrangement[i][0], arrangement[j][0])
        )
        shapes.add((tuple(t for _, t in arrangement), touching))
    for types, touching in sorted(shapes, key=repr):
        options = []
        for t in types:
            fit = [x for x in usable if c.fits_type(x, t)]
            subsets = []
            for r in range(1, len(fit) + 1):
                for combo in itertools.combinations(fit, r):
                    if WARMUP_SECONDS + sum(c.seconds(x) for x in combo) <= c.minutes * 60:
                        vol = [sum(c.half(x, m) for x in combo) for m in muscles]
                        prim = {m for x in combo for m in c.ex[x]["primary"]}
                        subsets.append((vol, prim, holding in combo))
            options.append(subsets)
        reach = [
            [any(m in p for _, p, _ in options[k]) for m in c.focus] for k in range(len(types))
        ]
        state = _Search(c, muscles, focus_idx, options, touching, reach, volume, clean)
        if state.dfs(0, [0] * len(muscles), [0] * len(c.focus), [], holding is None):
            return True
    return False


class _Search:
    def __init__(self, c, muscles, focus_idx, options, touching, reach, volume, clean):
        self.c, self.muscles, self.focus_idx = c, muscles, focus_idx
        self.options, self.touching, self.reach = options, touching, reach
        self.volume, self.clean = volume, clean

    def dfs(self, k: int, vol: list[int], cover: list[int], prims: list[set], held: bool) -> bool:
        c = self.c
        if k == len(self.options):
            if not held or any(x < c.need for x in cover):
                return False
            return not self.volume or all(vol[i] >= 2 * c.lo for i in self.focus_idx)
        for f in range(len(c.focus)):
            still = sum(1 for j in range(k, len(self.options)) if self.reach[j][f])
            if cover[f] + still < c.need:
                return False
        for add, prim, has in self.options[k]:
            new_vol = [a + b for a, b in zip(vol, add, strict=True)]
            if self.volume and max(new_vol) > 2 * c.hi:
                continue
            if self.clean and any((i, k) in self.touching and prims[i] & prim for i in range(k)):
                continue
            new_cover = [x + (m in prim) for x, m in zip(cover, c.focus, strict=True)]
            if self.dfs(k + 1, new_vol, new_cover, prims + [prim], held or has):
                return True
        return False


def exercises_missing(c: Ctx) -> bool:
    usable = [x for x in c.ex if c.usable(x)]
    if any(not any(c.fits_type(x, t) for x in usable) for t in set(c.sessions)):
        return True
    return any(
        not any(m in c.ex[x]["primary"] and c.fits_type(x, t) for x in usable for t in c.sessions)
        for m in c.focus
    )


def frequency_impossible(c: Ctx) -> bool:
    usable = [x for x in c.ex if c.usable(x)]
    return any(
        sum(
            1
            for t in c.sessions
            if any(m in c.ex[x]["primary"] and c.fits_type(x, t) for x in usable)
        )
        < c.need
        for m in c.focus
    )


def confirm_infeasible(cat: dict, req: dict, rule: str) -> str | None:
    """None if the named rule really cannot be met; otherwise why the claim is wrong."""
    c = Ctx(cat, req)
    if rule == "days":
        return None if len(c.sessions) > len(c.days) else "there are enough days"
    if len(c.sessions) > len(c.days):
        return f"claimed {rule} but the real problem is too few days"
    if rule == "spacing":
        ok = any(c.spacing_ok([(d, t, []) for d, t in a]) for a in placements(c))
        return "a placement keeps total-body sessions apart" if ok else None
    if rule == "exercises":
        return None if exercises_missing(c) else "every group and session has an exercise"
    if rule == "frequency":
        if exercises_missing(c):
            return "claimed frequency but some group has no exercise at all"
        return None if frequency_impossible(c) else "every group can be trained twice"
    if rule == "time":
        return "a week fits the time" if exists_week(c, volume=False, clean=False) else None
    if rule == "volume":
        if not exists_week(c, volume=False, clean=False):
            return "claimed volume but even the time rule cannot be met"
        return "a week meets the set range" if exists_week(c, volume=True, clean=False) else None
    return f"unexpected rule {rule}"
