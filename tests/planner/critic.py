"""An independent critic of plans: does the plan program like a strength coach would?

It reads only the catalogue dict (catalogue.json) and the plan JSON (what the CLI prints with
`--format json`, schema_version 2), optionally with the text, Markdown and .ics renderings,
and reports violations under one named check per rule of the issue. Nothing here imports
planner code. Plans of the older schema_version 1 are read as far as they go: a field that is
missing is reported once under "schema" and the other checks skip what needs it, so the sweep
bench (bench/plan_sweep.py) can measure the old planner too.

    critique(cat, req, plan, renders) -> {check name: [violation, ...]}   one plan
    critique_sweep(cat, cases)         -> {check name: [violation, ...]}   rules that compare plans

A violation reads "<request> - week N, <weekday> <session>, <exercise>: what is wrong"; the
same problem in several weeks is reported once, naming the weeks.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import statistics
from collections import defaultdict

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
LEVELS = ["beginner", "intermediate", "advanced"]
DELOAD_EVERY = {"beginner": 6, "intermediate": 5, "advanced": 4}
CORE_GROUPS = ("glutes", "hamstrings", "erector-spinae", "lats")
LOWER_BACK, NECK, LATS, UPPER_TRAPS = "erector-spinae", "neck", "lats", "upper-traps"
LOWER_MAIN, UPPER_MAIN = {"hinge", "bridge"}, {"row", "pull"}
TRAP_PATTERNS = {"shrug", "carry"}
MAX_EXERCISES = 7
NECK_SETS_A_WEEK = 6
MIN_SHARE, MAX_SHARE = 0.8, 1.0
SHORT_FROM_MINUTES = 45  # the 80 % floor applies to requests of this many minutes or more
# the canonical days of each split, as the issue names them
SPLIT_DAYS = {
    "two-total-body": ["mon", "thu"],
    "three-total-body": ["mon", "wed", "fri"],
    "upper-lower-total": ["mon", "tue", "thu"],
    "two-upper-two-lower": ["mon", "tue", "thu", "fri"],
}
CHECKS = (
    "no-refusal",
    "order",
    "redundancy",
    "balance",
    "dose",
    "coverage",
    "recovery",
    "progression",
    "substitutes",
    "words",
    "schema",
)
SWEEP_CHECKS = ("no-refusal", "dose")

# "add weight", "adding load", "heavier load", "more weight", "add a plate", "+weight" ...
ADD_WEIGHT = re.compile(
    r"\b(add(ing|s)?|more|heavier|increase|increasing)\s+(the\s+|a\s+|some\s+)?"
    r"(weight|load|plate|kg|kilos?|pounds?|lbs?)\b|\bheavier\s+(dumbbells?|kettlebells?|bar)\b"
    r"|\+\s*weight\b|\bweight\s+step\b",
    re.IGNORECASE,
)
# a week note that schedules extra weight: "Add weight this week for: ..."
def calendar_weight(note: str) -> str | None:
    for sentence in re.split(r"(?<=[.!?])\s+", note):
        if re.search(r"\bthis week\b|\btoday\b", sentence, re.IGNORECASE) and (
            ADD_WEIGHT.search(sentence) or re.search(r"\bheavier\b", sentence, re.IGNORECASE)
        ):
            return sentence
    return None


# a warning that explains why a session is shorter than asked
SHORT_EXPLAINED = re.compile(
    r"\b(shorter|short of|under|less than|fewer)\b.*\bminutes?\b|\bminutes?\b.*\b(shorter|"
    r"short|fill|under|less than|fewer)\b",
    re.IGNORECASE,
)

SCHEMA_TOP = ("schema_version", "status", "request", "split", "days_used", "weeks", "uncovered",
              "warnings")
SCHEMA_SESSION = ("index", "date", "weekday", "session_type", "minutes_asked",
                  "estimated_minutes", "warmup", "exercises")
SCHEMA_EXERCISE = ("id", "name", "primary", "secondary", "role", "pattern", "mechanics", "sets",
                   "reps_min", "reps_max", "rir_min", "rir_max", "rest_seconds_min",
                   "rest_seconds_max", "superset", "starting_dose", "spinal_load", "progression",
                   "use_instead", "equipment_used", "reason")


def request_label(req: dict) -> str:
    """A short, readable name for a request, used at the start of every violation."""
    split = req.get("split")
    split = ",".join(split) if isinstance(split, list) else str(split)
    gear = ",".join(req.get("equipment") or []) or "bodyweight only"
    out = (f"[{split} {','.join(req.get('days') or [])} | {gear} | {req.get('level')} | "
           f"{req.get('minutes')} min")
    if req.get("weeks") not in (None, 4):
        out += f" | {req['weeks']} weeks"
    for key in ("focus", "exclude", "prefer"):
        if req.get(key):
            out += f" | {key} {','.join(req[key])}"
    return out + "]"


def normalise(text: str) -> str:
    return " ".join(text.split()).lower()


def unfold_ics(text: str) -> str:
    """iCalendar text with folded lines joined and \\, \\; \\n \\\\ escapes undone."""
    text = re.sub(r"\r?\n[ \t]", "", text)
    return re.sub(r"\\([,;\\nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


class Report:
    """Violations of one check, the same problem in several weeks merged into one line."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.found: dict[str, list[int]] = {}

    def add(self, msg: str, week: dict | None = None, session: dict | None = None,
            ex: dict | None = None) -> None:
        where = []
        if session is not None:
            where.append(f"{session.get('weekday_name') or session.get('weekday')} "
                         f"{session.get('session_name') or session.get('session_type')}")
        if ex is not None:
            where.append(str(ex.get("name") or ex.get("id")))
        key = (", ".join(where) + ": " if where else "") + msg
        weeks = self.found.setdefault(key, [])
        if week is not None and week.get("number") not in weeks:
            weeks.append(week.get("number"))

    def lines(self) -> list[str]:
        out = []
        for key, weeks in self.found.items():
            if not weeks:
                out.append(f"{self.label} {key}")
            else:
                noun = "week" if len(weeks) == 1 else "weeks"
                out.append(f"{self.label} {noun} {', '.join(map(str, weeks))}, {key}")
        return out


class Critic:
    """One plan (or refusal) read against the catalogue."""

    def __init__(self, cat: dict, req: dict | None, plan: dict,
                 renders: dict[str, str] | None = None) -> None:
        self.cat, self.plan, self.renders = cat, plan, renders or {}
        self.req = dict(req or plan.get("request") or {})
        self.ex = {e["id"]: e for e in cat["exercises"]}
        self.muscle = {m["id"]: m for m in cat["muscles"]}
        self.equip = {e["id"]: e for e in cat.get("equipment", [])}
        self.types = {t["id"]: t for t in cat["session_types"]}
        self.splits = {s["id"]: s for s in cat["splits"]}
        self.owned = set(self.req.get("equipment") or []) | {"bodyweight"}
        self.level = self.req.get("level") or "beginner"
        self.minutes = int(self.req.get("minutes") or 45)
        self.focus = list(self.req.get("focus") or [
            m["id"] for m in cat["muscles"] if m.get("chain") == "posterior"])
        self.exclude = set(self.req.get("exclude") or [])
        self.label = request_label(self.req)
        self.ok = plan.get("status") == "ok"
        self.weeks = (plan.get("weeks") or []) if self.ok else []

    # --- facts ------------------------------------------------------------------------
    def cat_ex(self, e: dict) -> dict:
        return self.ex.get(e.get("id"), {})

    def harder_main_fits(self, e: dict) -> bool:
        """Whether a usable exercise of the same pattern, above beginner level, exists."""
        pattern = self.fact(e, "pattern")
        return any(x.get("pattern") == pattern and x.get("level") != "beginner"
                   and self.usable(x) for x in self.ex.values())

    def fact(self, e: dict, key: str):
        """The plan's own value for an exercise field, or the catalogue's when it is missing."""
        value = e.get(key)
        return self.cat_ex(e).get(key) if value is None else value

    def primary(self, e: dict) -> set[str]:
        return set(self.fact(e, "primary") or [])

    def heavy(self, e: dict) -> bool:
        return self.fact(e, "spinal_load") == "heavy"

    def loads(self, e: dict) -> set[str]:
        """Groups an exercise loads as a primary mover; heavy spinal load counts as lower back."""
        return self.primary(e) | ({LOWER_BACK} if self.heavy(e) else set())

    def small_only(self, e: dict) -> bool:
        p = self.primary(e)
        return bool(p) and all(self.muscle.get(m, {}).get("size") == "small" for m in p)

    def regions(self, s: dict) -> set[str]:
        return set(self.types.get(s.get("session_type"), {}).get("regions") or [])

    def resistance(self, gear: str) -> str:
        known = self.equip.get(gear, {}).get("resistance")
        if known:
            return known
        return {"band": "band", "bodyweight": "none", "mat": "none", "bench": "none",
                "pull-up-bar": "none"}.get(gear, "weight")

    def gear_used(self, e: dict) -> list[str]:
        """Equipment the exercise is done with: the plan's equipment_used, else a guess."""
        if e.get("equipment_used") is not None:
            return list(e["equipment_used"])
        x = self.cat_ex(e)
        listed = list(x.get("equipment") or [])
        if all(g in self.owned for g in listed):
            return listed
        subs = [g for g in x.get("substitutes") or [] if g in self.owned]
        return [g for g in listed if g in self.owned] + subs[:1]

    def makeshift(self, gear: str) -> str:
        """What stands in for a support item nobody needs to own (a couch for a bench)."""
        item = self.equip.get(gear, {})
        return item.get("makeshift") or "" if self.resistance(gear) == "none" else ""

    def owned_or_propped(self, gear: list[str]) -> bool:
        return all(g in self.owned or self.makeshift(g) for g in gear)

    def usable(self, x: dict) -> bool:
        return (
            x["id"] not in self.exclude
            and LEVELS.index(x.get("level", "beginner")) <= LEVELS.index(self.level)
            and (self.owned_or_propped(x.get("equipment") or [])
                 or any(g in self.owned for g in x.get("substitutes") or []))
        )

    def loaded_option(self, x: dict) -> bool:
        """Can the person do this exercise with a weight (owned weight gear or substitute)?"""
        listed = x.get("equipment") or []
        gear = [g for g in listed if g in self.owned] if self.owned_or_propped(listed) else []
        gear += [g for g in x.get("substitutes") or [] if g in self.owned]
        return any(self.resistance(g) == "weight" for g in gear)

    def split_sessions(self) -> list[str]:
        split = self.req.get("split")
        if isinstance(split, list):
            return list(split)
        if split in self.splits:
            return list(self.splits[split]["sessions"])
        return list((self.plan.get("split") or {}).get("sessions") or [])

    def iter_sessions(self):
        for w in self.weeks:
            for s in w.get("sessions") or []:
                yield w, s

    def training_weeks(self) -> list[dict]:
        return [w for w in self.weeks if not w.get("deload")]

    def names_of(self, gear: str) -> list[str]:
        name = self.equip.get(gear, {}).get("name", gear)
        out = {gear.lower(), gear.replace("-", " ").lower(), name.lower()}
        out |= {n[:-1] for n in out if n.endswith("s")}  # "dumbbells" -> "dumbbell"
        out |= {n.split()[-1] for n in list(out) if " " in n}  # "resistance band" -> "band"
        return sorted(out)

    # --- 1 no refusal -------------------------------------------------------------------
    def check_no_refusal(self, r: Report) -> None:
        if not self.ok:
            if self.minutes >= SHORT_FROM_MINUTES:
                r.add(f"refused ({self.plan.get('rule', self.plan.get('status'))}): "
                      f"{self.plan.get('message', '')}")
            return
        want = self.split_sessions()
        for w in self.weeks:
            got = [s.get("session_type") for s in w.get("sessions") or []]
            if want and sorted(got) != sorted(want):
                r.add(f"{len(got)} sessions ({', '.join(got)}) instead of the split's "
                      f"{len(want)} ({', '.join(want)})", w)

    # --- 2 order ------------------------------------------------------------------------
    def can_start_with(self, patterns: set[str], regions: set[str]) -> bool:
        for x in self.ex.values():
            if x.get("pattern") not in patterns or not self.usable(x):
                continue
            prim = x.get("primary") or []
            inside = all(self.muscle.get(m, {}).get("region") in regions for m in prim)
            if inside and not all(self.muscle.get(m, {}).get("size") == "small" for m in prim):
                return True
        return False

    def check_order(self, r: Report) -> None:
        for w, s in self.iter_sessions():
            exs = s.get("exercises") or []
            if not exs:
                r.add("the session has no exercises", w, s)
                continue
            first, regions = exs[0], self.regions(s)
            want = LOWER_MAIN if "lower" in regions else UPPER_MAIN if regions else set()
            kind = "a lower or total-body" if "lower" in regions else "an upper"
            if want and self.fact(first, "pattern") not in want and self.can_start_with(
                want, regions
            ):
                r.add(f"{kind} day starts with a {self.fact(first, 'pattern')}, not a "
                      f"{' or '.join(sorted(want))}", w, s, first)
            if self.small_only(first) and len(exs) > 1:
                r.add("the first exercise trains only small groups", w, s, first)
            if first.get("role") not in (None, "main"):
                r.add(f"the first exercise has role {first.get('role')!r}, not 'main'", w, s,
                      first)
            for i, a in enumerate(exs):
                for b in exs[i + 1:]:
                    main_slot = i == 0 and self.fact(a, "pattern") in want
                    if (self.fact(a, "mechanics") == "isolation" and not main_slot
                            and self.fact(b, "mechanics") == "compound"):
                        r.add(f"isolation exercise before the compound {b.get('name')}", w, s, a)
                    if self.small_only(a) and not self.small_only(b):
                        r.add(f"small-group exercise before {b.get('name')}", w, s, a)

    # --- 3 redundancy -------------------------------------------------------------------
    def check_redundancy(self, r: Report) -> None:
        neck_sets: dict[int, int] = defaultdict(int)
        for w, s in self.iter_sessions():
            exs = s.get("exercises") or []
            if len(exs) > MAX_EXERCISES:
                r.add(f"{len(exs)} exercises, more than {MAX_EXERCISES}", w, s)
            by_small = defaultdict(list)
            for e in exs:
                for m in self.primary(e):
                    if self.muscle.get(m, {}).get("size") == "small":
                        by_small[m].append(e.get("name"))
            for m, names in sorted(by_small.items()):
                if len(names) > 1:
                    what = "neck exercises" if m == NECK else f"exercises for {m}"
                    r.add(f"{len(names)} {what} (a small group): {', '.join(names)}", w, s)
            for i, a in enumerate(exs):
                for b in exs[i + 1:]:
                    pa, pb = self.fact(a, "pattern"), self.fact(b, "pattern")
                    if pa == pb == "pull":
                        r.add(f"two pulls in one session: {a.get('name')} and {b.get('name')}",
                              w, s)
                    elif pa == pb and self.primary(a) & self.primary(b):
                        r.add(f"two {pa}s for the same group: {a.get('name')} and "
                              f"{b.get('name')}", w, s)
            if not w.get("deload"):
                neck_sets[w.get("number")] += sum(
                    int(e.get("sets") or 0) for e in exs if NECK in self.primary(e))
        for w in self.weeks:
            if neck_sets.get(w.get("number"), 0) > NECK_SETS_A_WEEK:
                r.add(f"{neck_sets[w['number']]} sets of direct neck work, more than "
                      f"{NECK_SETS_A_WEEK}", w)

    # --- 4 balance ----------------------------------------------------------------------
    def week_sets(self, w: dict) -> dict[str, float]:
        rows = w.get("volume")
        if rows:
            return {v["muscle"]: float(v.get("sets") or 0) for v in rows}
        out: dict[str, float] = defaultdict(float)
        for s in w.get("sessions") or []:
            for e in s.get("exercises") or []:
                for m in self.primary(e):
                    out[m] += e.get("sets") or 0
                for m in set(self.fact(e, "secondary") or []) - self.primary(e):
                    out[m] += (e.get("sets") or 0) / 2
        return out

    def check_balance(self, r: Report) -> None:
        hinge_ok = any(x.get("pattern") == "hinge" and self.usable(x) for x in self.ex.values())
        owns_weight = any(self.resistance(g) == "weight" for g in self.owned)
        loaded = owns_weight and any(
            x.get("pattern") in LOWER_MAIN and self.usable(x) and self.loaded_option(x)
            for x in self.ex.values())
        for w in self.training_weeks():
            sets = self.week_sets(w)
            if sets.get(LATS, 0) < sets.get(NECK, 0):
                r.add(f"lats get {sets.get(LATS, 0):g} sets, fewer than the neck's "
                      f"{sets.get(NECK, 0):g}", w)
            lower = [s for s in w.get("sessions") or [] if "lower" in self.regions(s)]
            exs = [e for s in lower for e in s.get("exercises") or []]
            if lower and hinge_ok and not any(self.fact(e, "pattern") == "hinge" for e in exs):
                r.add("no hinge on any lower or total-body day, although one is possible", w)
        if self.level == "advanced" and loaded:
            for w, s in self.iter_sessions():
                for e in s.get("exercises") or []:
                    if self.fact(e, "pattern") == "bridge" and all(
                        self.resistance(g) == "none" for g in self.gear_used(e)
                    ):
                        r.add("an advanced lifter with weights gets a bodyweight bridge",
                              w, s, e)
        if self.level == "advanced":
            # Bodyweight work cannot be loaded up: a beginner's version is no main lift for a
            # trained lifter when a harder one fits (the dowel hinge drill was the main hinge).
            for w, s in self.iter_sessions():
                for e in s.get("exercises") or []:
                    if (e.get("role") == "main" and self.fact(e, "level") == "beginner"
                            and (e.get("progression") or {}).get("kind") == "bodyweight"
                            and self.harder_main_fits(e)):
                        r.add("an advanced lifter's main lift is a beginner's bodyweight drill",
                              w, s, e)

    # --- 5 dose -------------------------------------------------------------------------
    def short_explained(self) -> bool:
        return any(SHORT_EXPLAINED.search(t) for t in self.plan.get("warnings") or [])

    def check_dose(self, r: Report) -> None:
        explained = self.short_explained()
        for w, s in self.iter_sessions():
            for e in s.get("exercises") or []:
                if "neck" in self.primary(e) and (e.get("rir_min") or 0) < 2:
                    r.add(f"neck work taken to {e.get('rir_min')} reps in reserve (at least 2)",
                          w, s, e)
            asked = s.get("minutes_asked") or self.minutes
            est = s.get("estimated_minutes")
            if est is not None:
                if est > asked * MAX_SHARE:
                    r.add(f"estimated {est} min, over the {asked} asked", w, s)
                elif (est < asked * MIN_SHARE and asked >= SHORT_FROM_MINUTES
                      and not w.get("deload") and not explained):
                    r.add(f"estimated {est} min, under 80 % of the {asked} asked "
                          f"({est / asked:.0%}) and no warning says why", w, s)
            for e in s.get("exercises") or []:
                if not e.get("sets") or e["sets"] < 1:
                    r.add(f"{e.get('sets')} sets", w, s, e)
                lo, hi = e.get("rir_min"), e.get("rir_max")
                if lo is None or hi is None:
                    continue
                if lo > hi:
                    r.add(f"RIR range {lo}-{hi} is upside down", w, s, e)
                if self.level == "beginner" and lo < 2:
                    r.add(f"a beginner is sent to RIR {lo} (at least 2)", w, s, e)
                if self.heavy(e) and lo < 1:
                    r.add(f"heavy spinal load taken to RIR {lo} (at least 1)", w, s, e)

    # --- 6 coverage ---------------------------------------------------------------------
    def sessions_training(self, w: dict, m: str) -> int:
        return sum(
            1 for s in w.get("sessions") or []
            if any(m in (self.loads(e) if m == LOWER_BACK else self.primary(e))
                   for e in s.get("exercises") or []))

    def trainable(self, m: str) -> bool:
        return any(
            self.usable(x) and (m in (x.get("primary") or [])
                                or (m == LOWER_BACK and x.get("spinal_load") == "heavy"))
            for x in self.ex.values())

    def check_coverage(self, r: Report) -> None:
        training = self.training_weeks()
        for w in training:
            for m in CORE_GROUPS:
                if m in self.focus and self.trainable(m):
                    k = self.sessions_training(w, m)
                    if k < 2:
                        r.add(f"{m} is trained in {k} session(s), fewer than 2", w)
        if training and "uncovered" in self.plan:
            w = training[0]
            listed = {u.get("muscle"): u for u in self.plan.get("uncovered") or []}
            for m in self.focus:
                k = self.sessions_training(w, m)
                u = listed.get(m)
                if k < 2 and u is None:
                    r.add(f"focus group {m} is trained in {k} session(s) but is not listed as "
                          "uncovered")
                elif u is not None and not str(u.get("fix") or "").strip():
                    r.add(f"uncovered {m} has no fix")
                if u is not None and u.get("sessions") != k:
                    r.add(f"uncovered {m} says {u.get('sessions')} session(s); the plan has {k}")
        seen = set()
        for _, s in self.iter_sessions():
            for e in s.get("exercises") or []:
                pattern = self.fact(e, "pattern")
                if (UPPER_TRAPS in self.primary(e) and pattern not in TRAP_PATTERNS
                        and e.get("id") not in seen):
                    seen.add(e.get("id"))
                    r.add(f"upper traps are a primary mover of a {pattern} (only shrugs and "
                          "carries)", None, None, e)

    # --- 7 recovery ---------------------------------------------------------------------
    def check_recovery(self, r: Report) -> None:
        days = []
        for w, s in self.iter_sessions():
            try:
                date = dt.date.fromisoformat(s["date"])
            except (KeyError, TypeError, ValueError):
                continue
            days.append((date, w, s))
        days.sort(key=lambda x: x[0])
        pairs = [(a, b) for a, b in zip(days, days[1:], strict=False)
                 if (b[0] - a[0]).days == 1]
        if len(self.weeks) == 1:  # a single week repeats: Sunday is followed by Monday
            pairs += [(b, a) for a in days for b in days if (b[0] - a[0]).days == 6]
        for (_, wa, sa), (_, _, sb) in pairs:
            ga = set().union(*[self.loads(e) for e in sa.get("exercises") or []])
            gb = set().union(*[self.loads(e) for e in sb.get("exercises") or []])
            both = sorted(ga & gb)
            if both:
                r.add(f"{', '.join(both)} trained as a primary mover again the next day "
                      f"({sb.get('weekday_name') or sb.get('weekday')} {sb.get('date')})", wa, sa)
            ha = {e.get("id") for e in sa.get("exercises") or [] if self.heavy(e)}
            hb = {e.get("id") for e in sb.get("exercises") or [] if self.heavy(e)}
            for x in sorted(ha & hb):
                r.add(f"heavy {x} again the next day ({sb.get('date')})", wa, sa)
        first_seen: dict[str, int] = {}
        for w, s in self.iter_sessions():
            for e in s.get("exercises") or []:
                first_seen.setdefault(e.get("id"), w.get("number") or 1)
        for x, start_week in first_seen.items():
            start = self.ex.get(x, {}).get("start")
            if not start:
                continue
            last = start_week + int(start.get("weeks") or 1) - 1
            for w in self.weeks:
                n = w.get("number") or 0
                inside = start_week <= n <= last
                here = [(s, e) for s in w.get("sessions") or [] for e in s.get("exercises") or []
                        if e.get("id") == x]
                if inside and len(here) > 1:
                    r.add(f"{here[0][1].get('name')} is in {len(here)} sessions during its "
                          "starting weeks (at most 1)", w)
                for s, e in here:
                    if inside:
                        if e.get("starting_dose") is False:
                            r.add("not marked as a starting dose in its first weeks", w, s, e)
                        wrong_sets = (e.get("sets") > start["sets"] if w.get("deload")
                                      else e.get("sets") != start["sets"])
                        if wrong_sets or (e.get("reps_min"), e.get("reps_max")) != (
                            start["reps_min"], start["reps_max"]
                        ):
                            r.add(f"starting dose should be {start['sets']} x "
                                  f"{start['reps_min']}-{start['reps_max']}, is {e.get('sets')}"
                                  f" x {e.get('reps_min')}-{e.get('reps_max')}", w, s, e)
                    elif e.get("starting_dose"):
                        r.add("still marked as a starting dose after its first "
                              f"{start.get('weeks')} week(s)", w, s, e)

    # --- 8 progression ------------------------------------------------------------------
    def kind(self, e: dict) -> str:
        prog = e.get("progression") or {}
        if prog.get("kind"):
            return prog["kind"]
        gear = self.gear_used(e)
        if any(self.resistance(g) == "weight" for g in gear):
            return "load"
        return "band" if any(self.resistance(g) == "band" for g in gear) else "bodyweight"

    def check_progression(self, r: Report) -> None:
        every = DELOAD_EVERY.get(self.level, 6)
        for w, s in self.iter_sessions():
            for e in s.get("exercises") or []:
                kind, prog = self.kind(e), e.get("progression") or {}
                if kind in ("bodyweight", "band"):
                    if ADD_WEIGHT.search(str(prog.get("rule") or "")):
                        r.add(f"a {kind} exercise is told to add weight: {prog.get('rule')!r}",
                              w, s, e)
                    if e.get("add_load"):
                        r.add(f"a {kind} exercise is marked add_load", w, s, e)
                gear = self.gear_used(e)
                if (kind == "load" and e.get("equipment_used") is not None
                        and not any(self.resistance(g) == "weight" for g in gear)):
                    r.add("load progression for an exercise done without weights", w, s, e)
                harder = prog.get("harder")
                if harder and harder.get("id") not in self.ex:
                    r.add(f"the harder option {harder.get('id')!r} is not in the catalogue",
                          w, s, e)
        by_number = {w.get("number"): w for w in self.weeks}
        for w in self.weeks:
            n = w.get("number") or 0
            if bool(w.get("deload")) != (n % every == 0):
                r.add(f"deload is {bool(w.get('deload'))}; a {self.level} deloads every "
                      f"{every} weeks", w)
            sentence = calendar_weight(str(w.get("note") or ""))
            if sentence:
                r.add(f"the week note schedules extra weight: {sentence!r}", w)
            before, after = by_number.get(n - 1), by_number.get(n + 1)
            if w.get("deload") and before and not before.get("deload"):
                prev = self.doses(before)
                for key, (s, e) in self.doses(w).items():
                    if key not in prev:
                        continue
                    normal = prev[key][1]
                    if not 1 <= (e.get("sets") or 0) <= math.ceil(0.6 * (normal.get("sets") or 0)):
                        r.add(f"deload keeps {e.get('sets')} of {normal.get('sets')} sets "
                              "(cut by about 40-50 %)", w, s, e)
                    if (e.get("reps_min"), e.get("reps_max")) != (
                        normal.get("reps_min"), normal.get("reps_max")
                    ):
                        r.add("deload changes the rep range", w, s, e)
            if w.get("deload") and before and after and not after.get("deload"):
                prev, nxt = self.doses(before), self.doses(after)
                for key, (s, e) in nxt.items():
                    if key not in prev or e.get("starting_dose") or prev[key][1].get(
                        "starting_dose"
                    ):
                        continue
                    old = prev[key][1]
                    was = (old.get("sets"), old.get("reps_min"), old.get("reps_max"))
                    now = (e.get("sets"), e.get("reps_min"), e.get("reps_max"))
                    if was != now:
                        r.add(f"after the deload the targets do not resume: {now[0]} x "
                              f"{now[1]}-{now[2]}, the week before had {was[0]} x "
                              f"{was[1]}-{was[2]}", after, s, e)

    @staticmethod
    def doses(w: dict) -> dict[tuple, tuple[dict, dict]]:
        return {(s.get("weekday"), e.get("id")): (s, e)
                for s in w.get("sessions") or [] for e in s.get("exercises") or []}

    # --- 9 substitutes ------------------------------------------------------------------
    def check_substitutes(self, r: Report) -> None:
        texts = {}
        for fmt, text in self.renders.items():
            texts[fmt] = normalise(unfold_ics(text) if fmt == "ics" else text)
        for w, s in self.iter_sessions():
            for e in s.get("exercises") or []:
                listed = self.cat_ex(e).get("equipment") or []
                lacking = [g for g in listed if g not in self.owned]
                instead = e.get("use_instead")
                used = e.get("equipment_used")
                if used is not None:
                    extra = [g for g in used if g not in self.owned]
                    if extra:
                        r.add(f"uses equipment the person does not own: {', '.join(extra)}",
                              w, s, e)
                if not lacking:
                    continue
                if not instead:
                    r.add(f"needs {', '.join(lacking)}, which the person does not own, and "
                          "says nothing about what to use instead", w, s, e)
                    continue
                low = instead.lower()
                propped = all(self.makeshift(g) and self.makeshift(g).lower() in low
                              for g in lacking)
                if not propped and not any(n in low for g in self.owned - {"bodyweight"}
                                           for n in self.names_of(g)) and "body weight" not in low:
                    r.add(f"use_instead {instead!r} names nothing the person owns", w, s, e)
                for fmt, text in texts.items():
                    if normalise(instead) not in text:
                        r.add(f"the {fmt} output lacks {instead!r}", None, None, e)

    # --- 10 words -----------------------------------------------------------------------
    def known_ids(self) -> dict[str, str]:
        """Every id in the catalogue with its display name."""
        out = {}
        for group in ("exercises", "muscles", "equipment", "splits", "session_types"):
            for item in self.cat.get(group) or []:
                out[item["id"]] = item.get("name", "")
        return out

    def texts(self) -> list[tuple[str, str]]:
        p = self.plan
        out = [("warning", t) for t in p.get("warnings") or []]
        if not self.ok:
            out.append(("refusal message", p.get("message") or ""))
            out += [("suggestion", s.get("text") or "") for s in p.get("suggestions") or []]
        out += [(f"uncovered {u.get('muscle')} fix", u.get("fix") or "")
                for u in p.get("uncovered") or []]
        for w in self.weeks:
            out.append((f"week {w.get('number')} note", w.get("note") or ""))
            for s in w.get("sessions") or []:
                out.append(("warm-up", (s.get("warmup") or {}).get("general") or ""))
                for e in s.get("exercises") or []:
                    name = e.get("name") or e.get("id")
                    out.append((f"{name} reason", e.get("reason") or ""))
                    out.append((f"{name} use_instead", e.get("use_instead") or ""))
                    out.append((f"{name} progression",
                                (e.get("progression") or {}).get("rule") or ""))
        return [(k, t) for k, t in out if isinstance(t, str) and t]

    def check_words(self, r: Report) -> None:
        if self.plan.get("status") == "error":
            return  # a malformed request's message lists the allowed ids on purpose
        ids = self.known_ids()
        raw = sorted((i for i, name in ids.items() if "-" in i and i not in name.lower()),
                     key=len, reverse=True)
        raw_re = (re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, raw)) + r")(?![\w/-])")
                  if raw else None)
        for where, text in dict.fromkeys(self.texts()):
            inside = [x.strip() for x in re.findall(r"\(([^()]*)\)", text) if x.strip() in ids]
            if inside:
                r.add(f"ids in parentheses ({', '.join(dict.fromkeys(inside))}) in the {where}: "
                      f"{text!r}")
            found = sorted(set(raw_re.findall(text)) - set(inside)) if raw_re else []
            if found:
                r.add(f"raw ids ({', '.join(found)}) in the {where}: {text!r}")
        if not self.ok:
            suggestions = self.plan.get("suggestions") or []
            if not any(s.get("change") for s in suggestions):
                r.add("the refusal has no suggestion with a change to apply")

    # --- schema -------------------------------------------------------------------------
    def check_schema(self, r: Report) -> None:
        if self.plan.get("status") == "error":
            return
        if self.plan.get("schema_version") != 2:
            r.add(f"schema_version is {self.plan.get('schema_version')}, not 2")
        if not self.ok:
            return
        missing: dict[str, None] = {}
        for key in SCHEMA_TOP:
            if key not in self.plan:
                missing[key] = None
        for w, s in self.iter_sessions():
            for key in SCHEMA_SESSION:
                if key not in s:
                    missing[f"session.{key}"] = None
            letters = defaultdict(int)
            for e in s.get("exercises") or []:
                for key in SCHEMA_EXERCISE:
                    if key not in e:
                        missing[f"exercise.{key}"] = None
                if e.get("superset"):
                    letters[e["superset"]] += 1
            for letter, k in letters.items():
                if k < 2:
                    r.add(f"superset {letter} has only one exercise", w, s)
        if missing:
            r.add("missing fields: " + ", ".join(missing))

    # ------------------------------------------------------------------------------------
    def run(self) -> dict[str, list[str]]:
        out = {}
        for name in CHECKS:
            report = Report(self.label)
            getattr(self, "check_" + name.replace("-", "_"))(report)
            out[name] = report.lines()
        return out


def critique(cat: dict, req: dict | None, plan: dict,
             renders: dict[str, str] | None = None) -> dict[str, list[str]]:
    """Every violation in one plan or refusal, by check name. `req` may be None (the plan's
    own copy is read); `renders` maps "text", "markdown", "ics" to those outputs."""
    return Critic(cat, req, plan, renders).run()


# --- rules that compare plans ----------------------------------------------------------


def _setup_key(req: dict, *leave_out: str) -> str:
    return json.dumps({k: v for k, v in req.items() if k not in leave_out}, sort_keys=True)


def median_sets(plan: dict) -> float | None:
    """Median sets per exercise over the training weeks, starting doses left out."""
    sets = [e.get("sets") or 0 for w in plan.get("weeks") or [] if not w.get("deload")
            for s in w.get("sessions") or [] for e in s.get("exercises") or []
            if not e.get("starting_dose")]
    return _median(sets)


def median_rir(plan: dict) -> float | None:
    rir = [e["rir_min"] for w in plan.get("weeks") or [] if not w.get("deload")
           for s in w.get("sessions") or [] for e in s.get("exercises") or []
           if e.get("rir_min") is not None]
    return _median(rir)


def _content(plan: dict) -> str:
    return json.dumps([[(s.get("weekday"), [(e.get("id"), e.get("sets"), e.get("reps_min"),
                                             e.get("reps_max")) for e in s.get("exercises") or []])
                        for s in w.get("sessions") or []] for w in plan.get("weeks") or []])


def critique_sweep(cat: dict, cases: list[tuple[dict, dict]]) -> dict[str, list[str]]:
    """Rules that compare plans: the required grid plans (rule 1), sets and RIR by level and
    45- against 60-minute plans of the same setup (rule 5). `cases` are (request, plan)."""
    out: dict[str, list[str]] = {name: [] for name in SWEEP_CHECKS}
    ok = [(q, p) for q, p in cases if p.get("status") == "ok"]
    # 1: the grid of splits x levels x equipment at 45 and 60 minutes
    asked = {_setup_key(q) for q, _ in cases}
    for q in grid_requests(cat):
        if q["minutes"] in (45, 60) and _setup_key(q) not in asked:
            out["no-refusal"].append(f"{request_label(q)} was not tried")
    # 5: sets per exercise by level, for the same setup
    by_setup: dict[str, dict[str, dict]] = defaultdict(dict)
    for q, p in ok:
        by_setup[_setup_key(q, "level")][q.get("level")] = p
    differs = False
    for plans in by_setup.values():
        medians = [(lv, median_sets(plans[lv])) for lv in LEVELS if lv in plans]
        medians = [(lv, m) for lv, m in medians if m is not None]
        for (la, ma), (lb, mb) in zip(medians, medians[1:], strict=False):
            if mb < ma:
                q = plans[lb].get("request") or {}
                out["dose"].append(f"{request_label(q)} median sets per exercise {mb:g} at "
                                   f"{lb}, fewer than {ma:g} at {la}")
        if len({m for _, m in medians}) > 1:
            differs = True
        rirs = [(lv, median_rir(plans[lv])) for lv in LEVELS if lv in plans]
        rirs = [(lv, m) for lv, m in rirs if m is not None]
        for (la, ma), (lb, mb) in zip(rirs, rirs[1:], strict=False):
            if mb > ma:
                q = plans[lb].get("request") or {}
                out["dose"].append(f"{request_label(q)} median RIR {mb:g} at {lb}, more than "
                                   f"{ma:g} at {la}")
    compared = any(len(v) > 1 for v in by_setup.values())  # a setup planned at two levels
    if compared and not differs:
        out["dose"].append("sets per exercise never depend on the level: every setup has the "
                           "same median sets at every level")
    # 5: 45- and 60-minute plans of the same setup differ
    by_minutes: dict[str, dict[int, dict]] = defaultdict(dict)
    for q, p in ok:
        by_minutes[_setup_key(q, "minutes")][q.get("minutes")] = p
    for plans in by_minutes.values():
        if 45 in plans and 60 in plans and _content(plans[45]) == _content(plans[60]):
            # Allowed only when the plan says why: the weekly sets for the level are reached
            # at 45 minutes already, so the hour adds warm-up, not more training.
            if any(SHORT_EXPLAINED.search(t) for t in plans[60].get("warnings") or []):
                continue
            q = plans[60].get("request") or {}
            out["dose"].append(f"{request_label(q)} is the same plan as at 45 minutes")
    return out


# --- the sweep's requests --------------------------------------------------------------

START = "2026-11-30"  # a Monday
EQUIPMENT_SETUPS = ("full gym", "dumbbells", "band", "bodyweight")


def equipment_setups(cat: dict) -> dict[str, list[str]]:
    return {
        "full gym": sorted(e["id"] for e in cat.get("equipment", []) if e["id"] != "bodyweight"),
        "dumbbells": ["dumbbells"],
        "band": ["band"],
        "bodyweight": [],
    }


def setup_name(cat: dict, req: dict) -> str:
    gear = sorted(req.get("equipment") or [])
    for name, listed in equipment_setups(cat).items():
        if gear == listed:
            return name
    return "other: " + (",".join(gear) or "none")


def make_request(split: str, level: str, equipment: list[str], minutes: int, **extra) -> dict:
    req = {
        "split": split,
        "days": SPLIT_DAYS[split],
        "equipment": list(equipment),
        "level": level,
        "minutes": minutes,
        "weeks": 4,
        "start": START,
        "focus": None,
        "exclude": [],
        "prefer": [],
    }
    req.update(extra)
    return req


def grid_requests(cat: dict, minutes=(30, 45, 60)) -> list[dict]:
    """4 splits x 3 levels x 4 equipment setups x the given minutes."""
    return [
        make_request(split, level, gear, m)
        for split in SPLIT_DAYS
        for level in LEVELS
        for gear in equipment_setups(cat).values()
        for m in minutes
    ]


def extra_requests(cat: dict) -> list[dict]:
    """Focus, exclude, prefer, other equipment and 8-week variations on the grid."""
    ids = {e["id"] for e in cat["exercises"]}
    muscles = {m["id"] for m in cat["muscles"]}
    gym = equipment_setups(cat)["full gym"]

    def only(xs, known):
        return [x for x in xs if x in known]

    out = [make_request("three-total-body", lv, gym, 60, weeks=8) for lv in LEVELS]
    out += [
        make_request("two-upper-two-lower", "intermediate", ["dumbbells"], 45, weeks=8),
        make_request("two-total-body", "beginner", ["dumbbells"], 45,
                     focus=only(["glutes", "hamstrings"], muscles)),
        make_request("upper-lower-total", "intermediate", gym, 60,
                     focus=only(["lats", "neck", "upper-traps"], muscles)),
        make_request("three-total-body", "intermediate", gym, 60,
                     exclude=only(["romanian-deadlift", "deadlift"], ids)),
        make_request("two-upper-two-lower", "advanced", gym, 60,
                     exclude=only(["pull-up", "kettlebell-swing"], ids)),
        make_request("three-total-body", "intermediate", ["kettlebell", "dumbbells"], 45,
                     prefer=only(["kettlebell-swing"], ids)),
        make_request("two-total-body", "advanced", [], 60,
                     prefer=only(["nordic-hamstring-curl"], ids)),
        make_request("upper-lower-total", "beginner", ["dumbbells", "bench", "band", "mat"], 45),
        make_request("two-total-body", "intermediate", ["barbell", "pull-up-bar"], 60),
    ]
    three = make_request("three-total-body", "beginner", ["dumbbells"], 60)
    three["days"] = ["mon", "tue", "wed", "thu", "fri", "sat"]
    out.append(three)
    return out


def sweep_requests(cat: dict) -> list[dict]:
    return grid_requests(cat) + extra_requests(cat)


def session_shares(plan: dict) -> list[float]:
    """Each training-week session's estimated minutes as a share of the minutes asked."""
    asked_default = (plan.get("request") or {}).get("minutes") or 45
    out = []
    for w in plan.get("weeks") or []:
        if w.get("deload"):
            continue
        for s in w.get("sessions") or []:
            if s.get("estimated_minutes") is not None:
                out.append(s["estimated_minutes"] / (s.get("minutes_asked") or asked_default))
    return out
