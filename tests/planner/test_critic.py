"""The plan critic (tests/planner/critic.py): a sweep of ~160 real requests that must plan and
break no rule, the two calls the issue names, and hand-made bad plans proving that each
check catches what it is for (and that a good plan passes every check)."""

from __future__ import annotations

import copy
import functools
import json
import math
import subprocess
import sys

import pytest

from tests.planner import critic
from tests.planner.conftest import ROOT, real_catalogue_text

# --- the sweep -------------------------------------------------------------------------


@functools.cache
def sweep() -> tuple[int, dict[str, list[str]]] | None:
    """(requests, violations by check) for the whole sweep, or None without a catalogue."""
    text = real_catalogue_text()
    if text is None:
        return None
    from planner.catalogue import Catalogue
    from planner.errors import PlannerError
    from planner.formats import to_ics, to_json, to_markdown, to_text
    from planner.plan import Infeasible, make_plan
    from planner.request import parse_request

    cat = json.loads(text)
    catalogue = Catalogue.from_dict(cat)
    found: dict[str, list[str]] = {name: [] for name in critic.CHECKS}
    cases = []
    for req in critic.sweep_requests(cat):
        renders = {}
        try:
            result = make_plan(catalogue, parse_request(req, catalogue))
        except PlannerError as err:
            plan = {"status": "error", "rule": "request", "message": str(err), "request": req}
        else:
            plan = json.loads(to_json(result))
            if not isinstance(result, Infeasible):
                renders = {"text": to_text(result), "markdown": to_markdown(result),
                           "ics": to_ics(result)}
        cases.append((req, plan))
        for name, lines in critic.critique(cat, req, plan, renders).items():
            found[name] += lines
    for name, lines in critic.critique_sweep(cat, cases).items():
        found[name] += lines
    return len(cases), found


@pytest.fixture(scope="module")
def swept() -> tuple[int, dict[str, list[str]]]:
    result = sweep()
    if result is None:
        pytest.skip("`python -m generator catalogue` needs the project venv (.venv)")
    return result


def test_the_sweep_is_big_enough(swept):
    assert swept[0] >= 150


@pytest.mark.parametrize("check", critic.CHECKS)
def test_sweep(check, swept):
    lines = swept[1][check]
    shown = "\n".join(lines[:25]) + (f"\n... and {len(lines) - 25} more" if len(lines) > 25 else "")
    assert not lines, f"{check}: {len(lines)} violation(s)\n{shown}"


ISSUE_CALLS = [
    ["--split", "three-total-body", "--days", "mon,wed,fri", "--equipment", "dumbbells",
     "--level", "beginner", "--minutes", "60"],
    ["--split", "two-total-body", "--days", "mon,thu"],
]


@pytest.mark.parametrize("args", ISSUE_CALLS, ids=["three-total-body-dumbbells", "two-total-body"])
def test_the_issue_calls_plan(args, tmp_path):
    text = real_catalogue_text()
    if text is None:
        pytest.skip("`python -m generator catalogue` needs the project venv (.venv)")
    path = tmp_path / "catalogue.json"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "planner", "plan", "--catalogue", str(path), *args,
         "--start", critic.START, "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    found = critic.critique(json.loads(text), None, plan)
    bad = [line for lines in found.values() for line in lines]
    assert not bad, "\n".join(bad)


# --- hand-made plans -------------------------------------------------------------------

MUSCLES = [  # id, region, size
    ("glutes", "lower", "large"), ("hamstrings", "lower", "large"),
    ("erector-spinae", "lower", "large"), ("calves", "lower", "small"),
    ("lats", "upper", "large"), ("neck", "upper", "small"), ("upper-traps", "upper", "small"),
    ("rear-delts", "upper", "small"),
]
EQUIPMENT = [("bodyweight", "none"), ("dumbbells", "weight"), ("band", "band"),
             ("barbell", "weight")]
NAMES = {"erector-spinae": "Lower back (erector spinae)", "upper-traps": "Upper traps",
         "rear-delts": "Rear delts", "dumbbells": "Dumbbells", "band": "Resistance band",
         "pull-up": "Pull-up"}


def _ex(ident, primary, pattern, mechanics, equipment=("bodyweight",), substitutes=(),
        level="beginner", spinal="light", start=None, sets=3):
    return {"id": ident, "name": NAMES.get(ident, ident.replace("-", " ").capitalize()),
            "url": f"exercises/{ident}/", "primary": list(primary), "secondary": [],
            "pattern": pattern, "mechanics": mechanics, "level": level,
            "equipment": list(equipment), "substitutes": list(substitutes), "sets": sets,
            "reps_min": 8, "reps_max": 12, "rest_min": 60, "rest_max": 90,
            "seconds_per_rep": 4, "spinal_load": spinal, "start": start, "easier": [],
            "harder": []}


CAT = {
    "muscles": [{"id": i, "name": NAMES.get(i, i.capitalize()), "region": r, "size": z,
                 "chain": "posterior"} for i, r, z in MUSCLES],
    "equipment": [{"id": i, "name": NAMES.get(i, i.capitalize()), "resistance": r}
                  for i, r in EQUIPMENT],
    "session_types": [{"id": "total-body", "name": "Total body", "regions": ["upper", "lower"]},
                      {"id": "upper", "name": "Upper body", "regions": ["upper"]},
                      {"id": "lower", "name": "Lower body", "regions": ["lower"]}],
    "splits": [{"id": "two-total-body", "name": "Two total-body workouts",
                "sessions": ["total-body", "total-body"]}],
    "exercises": [
        _ex("romanian-deadlift", ["hamstrings", "glutes"], "hinge", "compound", ["barbell"],
            ["dumbbells"]),
        _ex("deadlift", ["glutes", "hamstrings", "erector-spinae"], "hinge", "compound",
            ["barbell"], level="intermediate", spinal="heavy"),
        _ex("glute-bridge", ["glutes"], "bridge", "isolation"),
        _ex("back-extension", ["erector-spinae", "glutes"], "extension", "isolation"),
        _ex("dumbbell-row", ["lats"], "row", "compound", ["dumbbells"]),
        _ex("band-pulldown", ["lats"], "pull", "compound", ["band"]),
        _ex("pull-up", ["lats"], "pull", "compound"),
        _ex("face-pull", ["rear-delts"], "row", "compound", ["band"]),
        _ex("band-pull-apart", ["rear-delts"], "fly", "isolation", ["band"]),
        _ex("shrug", ["upper-traps"], "shrug", "isolation", ["dumbbells"]),
        _ex("calf-raise", ["calves"], "raise", "isolation", sets=2),
        _ex("single-leg-calf-raise", ["calves"], "raise", "isolation", sets=2),
        _ex("prone-neck-extension", ["neck"], "extension", "isolation"),
        _ex("band-neck-extension", ["neck"], "extension", "isolation", ["band"]),
        _ex("nordic-curl", ["hamstrings"], "curl", "isolation", level="advanced",
            start={"sets": 2, "reps_min": 3, "reps_max": 5, "weeks": 2}),
    ],
}
EX = {e["id"]: e for e in CAT["exercises"]}
REQUEST = {"split": "two-total-body", "days": ["mon", "thu"], "equipment": ["band", "dumbbells"],
           "level": "beginner", "minutes": 45, "weeks": 2, "start": "2026-11-30", "focus": None,
           "exclude": [], "prefer": []}
ROLES = ["main", "second", "accessory", "small", "small", "small", "small"]
PROGRESSION = {"load": "Add reps up to the top of the range, then the smallest weight step.",
               "band": "Add reps, then move to a stronger band.",
               "bodyweight": "Add reps, then slow the lowering."}


def planned(ident: str, k: int, sets: int | None = None, owned=("bodyweight", "band",
                                                                   "dumbbells")) -> dict:
    x = EX[ident]
    gear = [g for g in x["equipment"] if g in owned] or [g for g in x["substitutes"]
                                                         if g in owned][:1]
    kinds = {critic_resistance(g) for g in gear}
    kind = "load" if "weight" in kinds else "band" if "band" in kinds else "bodyweight"
    lacking = [g for g in x["equipment"] if g not in owned]
    return {
        "id": ident, "name": x["name"], "url": x["url"], "primary": x["primary"],
        "secondary": [], "role": ROLES[min(k, len(ROLES) - 1)], "pattern": x["pattern"],
        "mechanics": x["mechanics"],
        "sets": sets or x["sets"], "reps_min": 8, "reps_max": 12, "rir_min": 2, "rir_max": 3,
        "rest_seconds_min": 60, "rest_seconds_max": 90, "estimated_minutes": 6.0,
        "superset": None, "starting_dose": False, "spinal_load": x["spinal_load"],
        "progression": {"kind": kind, "rule": PROGRESSION[kind], "harder": None},
        "use_instead": (f"Use {gear[0]} instead of the {lacking[0]}." if lacking else None),
        "equipment_used": gear, "reason": f"{x['name']} trains {', '.join(x['primary'])}."
        .replace("erector-spinae", "the lower back").replace("-", " "),
    }


def critic_resistance(gear: str) -> str:
    return dict(EQUIPMENT)[gear]


SESSION = ["romanian-deadlift", "dumbbell-row", "back-extension", "band-pull-apart", "shrug",
           "calf-raise"]
DAYS = {"mon": ("Monday", 0), "tue": ("Tuesday", 1), "thu": ("Thursday", 3)}


def make_plan_dict(*, weeks: int = 2, level: str = "beginner", sessions=None,
                   days=("mon", "thu"), deload_every: int = 6) -> dict:
    """A plan that breaks no rule (checked by test_a_good_plan_passes_every_check)."""
    import datetime as dt

    start = dt.date(2026, 11, 30)
    out_weeks = []
    for n in range(1, weeks + 1):
        deload = n % deload_every == 0
        monday = start + dt.timedelta(days=7 * (n - 1))
        week_sessions = []
        for k, day in enumerate(days):
            ids = (sessions or {}).get(day, SESSION)
            exs = [planned(x, i) for i, x in enumerate(ids)]
            if deload:
                for e in exs:
                    e["sets"] = math.ceil(e["sets"] / 2)
            week_sessions.append({
                "index": k + 1, "date": (monday + dt.timedelta(days=DAYS[day][1])).isoformat(),
                "weekday": day, "weekday_name": DAYS[day][0], "session_type": "total-body",
                "session_name": "Total body", "minutes_asked": 45,
                "estimated_minutes": 25 if deload else 40,
                "warmup": {"minutes": 5, "general": "Five minutes of brisk walking.",
                           "ramp_up": [{"percent": 50, "reps": 8}], "exercise": ids[0]},
                "exercises": exs})
        sets = {"lats": 0.0, "neck": 0.0}
        for s in week_sessions:
            for e in s["exercises"]:
                for m in e["primary"]:
                    if m in sets:
                        sets[m] += e["sets"]
        out_weeks.append({
            "number": n, "start": monday.isoformat(),
            "end": (monday + dt.timedelta(days=6)).isoformat(), "deload": deload,
            "note": "Deload: fewer sets, same weights." if deload else "Add a rep where you can.",
            "sessions": week_sessions,
            "volume": [{"muscle": m, "name": m.capitalize(), "focus": True, "sets": v,
                        "sessions": 2, "target_min": 4, "target_max": 12, "within": True}
                       for m, v in sets.items()]})
    req = dict(REQUEST, weeks=weeks, level=level, days=list(days))
    return {
        "schema_version": 2, "status": "ok", "request": req,
        "split": {"id": "two-total-body", "name": "Two total-body workouts",
                  "sessions": ["total-body", "total-body"]},
        "days_used": list(days), "rest_ok": True, "weeks": out_weeks,
        "uncovered": [{"muscle": "neck", "name": "Neck", "sessions": 0,
                       "fix": "Add a neck extension to one session if the neck matters to you."}],
        "warnings": [], "sources": []}


def found(plan: dict, check: str, renders=None) -> list[str]:
    return critic.critique(CAT, plan["request"], plan, renders)[check]


def sessions_of(plan):
    return [s for w in plan["weeks"] for s in w["sessions"]]


def test_a_good_plan_passes_every_check():
    for plan in (make_plan_dict(), make_plan_dict(weeks=8, level="advanced", deload_every=4)):
        bad = critic.critique(CAT, plan["request"], plan)
        assert not [line for lines in bad.values() for line in lines], bad


def test_no_refusal_catches_a_refusal_and_a_missing_session():
    refusal = {"schema_version": 2, "status": "infeasible", "request": REQUEST, "rule": "time",
               "message": "Too short.", "suggestions": [{"text": "Ask for 60 minutes.",
                                                         "change": {"minutes": 60}}]}
    assert found(refusal, "no-refusal")
    plan = make_plan_dict()
    plan["weeks"][1]["sessions"].pop()
    assert any("1 sessions" in x for x in found(plan, "no-refusal"))


def test_order_catches_a_face_pull_first_and_isolation_before_compound():
    plan = make_plan_dict(sessions={"mon": ["face-pull"] + SESSION})
    lines = found(plan, "order")
    assert any("starts with a row" in x for x in lines)
    assert any("small-group exercise before Romanian deadlift" in x for x in lines)
    plan = make_plan_dict(sessions={"thu": ["romanian-deadlift", "back-extension",
                                            "dumbbell-row", "calf-raise"]})
    assert any("isolation exercise before the compound Dumbbell row" in x
               for x in found(plan, "order"))


def test_redundancy_catches_two_calf_exercises_two_pulls_and_neck_work():
    plan = make_plan_dict(sessions={"mon": SESSION + ["single-leg-calf-raise"]})
    assert any("2 exercises for calves" in x for x in found(plan, "redundancy"))
    plan = make_plan_dict(sessions={"thu": ["romanian-deadlift", "pull-up", "band-pulldown"]})
    assert any("two pulls" in x for x in found(plan, "redundancy"))
    neck = SESSION[:2] + ["prone-neck-extension"] + SESSION[2:]
    plan = make_plan_dict(sessions={"mon": neck, "thu": neck})
    assert not found(plan, "redundancy")  # 2 x 3 sets: at the weekly limit
    sessions_of(plan)[0]["exercises"][2]["sets"] = 4
    assert any("7 sets of direct neck work" in x for x in found(plan, "redundancy"))
    plan = make_plan_dict(sessions={"mon": SESSION + ["prone-neck-extension"] * 2})
    assert any("neck exercises" in x for x in found(plan, "redundancy"))
    plan = make_plan_dict(sessions={"mon": SESSION + ["glute-bridge", "nordic-curl"]})
    assert any("8 exercises" in x for x in found(plan, "redundancy"))


def test_balance_catches_neck_over_lats_no_hinge_and_a_bodyweight_bridge():
    plan = make_plan_dict()
    for row in plan["weeks"][0]["volume"]:
        row["sets"] = 9 if row["muscle"] == "neck" else 3
    assert any("fewer than the neck" in x for x in found(plan, "balance"))
    swap = ["glute-bridge"] + SESSION[1:]
    plan = make_plan_dict(sessions={"mon": swap, "thu": swap})
    assert any("no hinge" in x for x in found(plan, "balance"))
    plan = make_plan_dict(level="advanced", sessions={"mon": swap})
    assert any("bodyweight bridge" in x for x in found(plan, "balance"))


def test_dose_catches_low_rir_short_and_long_sessions():
    plan = make_plan_dict()
    sessions_of(plan)[0]["exercises"][0]["rir_min"] = 0
    assert any("beginner is sent to RIR 0" in x for x in found(plan, "dose"))
    plan = make_plan_dict()
    sessions_of(plan)[0]["estimated_minutes"] = 20
    sessions_of(plan)[1]["estimated_minutes"] = 50
    lines = found(plan, "dose")
    assert any("under 80 %" in x for x in lines) and any("over the 45" in x for x in lines)
    plan["warnings"] = ["Sessions are shorter than the 45 minutes asked: nothing else fits."]
    assert not any("under 80 %" in x for x in found(plan, "dose"))


def test_dose_across_plans_catches_level_blind_sets_and_same_45_and_60_plans():
    cases = []
    for level, sets in (("beginner", 3), ("intermediate", 2), ("advanced", 2)):
        plan = make_plan_dict(level=level)
        for s in sessions_of(plan):
            for e in s["exercises"]:
                e["sets"] = sets
        cases.append((plan["request"], plan))
    lines = critic.critique_sweep(CAT, cases)["dose"]
    assert any("fewer than 3 at beginner" in x for x in lines)
    same = [(dict(REQUEST, minutes=m), make_plan_dict()) for m in (45, 60)]
    lines = critic.critique_sweep(CAT, same)["dose"]
    assert any("same plan as at 45 minutes" in x for x in lines)
    assert not any("level" in x for x in lines)  # one level: nothing to compare
    blind = [(p["request"], p) for p in (make_plan_dict(level=lv) for lv in critic.LEVELS)]
    lines = critic.critique_sweep(CAT, blind)["dose"]
    assert any("never depend on the level" in x for x in lines)


def test_coverage_catches_one_lower_back_session_a_silent_gap_and_traps_in_a_row():
    no_back = [x for x in SESSION if x != "back-extension"]
    plan = make_plan_dict(sessions={"thu": no_back})
    assert any("erector-spinae is trained in 1 session" in x for x in found(plan, "coverage"))
    plan = make_plan_dict()
    plan["uncovered"] = []
    assert any("neck is trained in 0 session(s) but is not listed" in x
               for x in found(plan, "coverage"))
    plan = make_plan_dict()
    sessions_of(plan)[0]["exercises"][1]["primary"] = ["lats", "upper-traps"]
    assert any("upper traps are a primary mover of a row" in x for x in found(plan, "coverage"))


def test_recovery_catches_back_to_back_days_and_a_wrong_starting_dose():
    plan = make_plan_dict(days=("mon", "tue"))
    lines = found(plan, "recovery")
    assert any("glutes" in x and "next day" in x for x in lines)
    plan = make_plan_dict(level="advanced", sessions={"mon": SESSION[:2] + ["nordic-curl"],
                                                      "thu": SESSION[:2] + ["nordic-curl"]})
    lines = found(plan, "recovery")
    assert any("in 2 sessions during its starting weeks" in x for x in lines)
    assert any("starting dose should be 2 x 3-5" in x for x in lines)


def test_progression_catches_add_weight_for_bodyweight_and_bad_deloads():
    plan = make_plan_dict()
    back = sessions_of(plan)[0]["exercises"][2]
    back["progression"]["rule"] = "Add weight when every set reaches 12 reps."
    assert any("bodyweight exercise is told to add weight" in x
               for x in found(plan, "progression"))
    plan = make_plan_dict()
    plan["weeks"][1]["note"] = "Add weight this week for: Shrug."
    assert any("schedules extra weight" in x for x in found(plan, "progression"))
    plan = make_plan_dict(weeks=6, level="advanced", deload_every=5)
    lines = found(plan, "progression")
    assert any("deload is False; a advanced deloads every 4" in x for x in lines)
    plan = make_plan_dict(weeks=6, level="advanced", deload_every=4)
    week4 = plan["weeks"][3]["sessions"][0]["exercises"][0]
    week4["sets"] = 3
    plan["weeks"][4]["sessions"][0]["exercises"][0]["sets"] = 2
    lines = found(plan, "progression")
    assert any("deload keeps 3 of 3 sets" in x for x in lines)
    assert any("targets do not resume" in x for x in lines)


def test_substitutes_catch_a_missing_substitute_and_renders_without_it():
    plan = make_plan_dict()
    sessions_of(plan)[0]["exercises"][0]["use_instead"] = None
    assert any("says nothing about what to use instead" in x
               for x in found(plan, "substitutes"))
    plan = make_plan_dict()
    text = "Use dumbbells instead of the barbell."
    ics = "DESCRIPTION:Romanian deadlift. Use dumbbells instead of the\r\n  barbell.\r\n"
    assert not found(plan, "substitutes", {"text": text, "ics": ics})
    lines = found(plan, "substitutes", {"text": text, "markdown": "Romanian deadlift"})
    assert any("markdown output lacks" in x for x in lines)
    sessions_of(plan)[0]["exercises"][0]["use_instead"] = "Use a kettlebell instead."
    assert any("names nothing the person owns" in x for x in found(plan, "substitutes"))


def test_words_catch_ids_in_reasons_and_a_refusal_without_a_change():
    plan = make_plan_dict()
    sessions_of(plan)[0]["exercises"][0]["reason"] = "Kettlebell (barbell) for two-total-body."
    lines = found(plan, "words")
    assert any("ids in parentheses (barbell)" in x for x in lines)
    assert any("raw ids (two-total-body)" in x for x in lines)
    refusal = {"schema_version": 2, "status": "infeasible", "request": REQUEST, "rule": "time",
               "message": "Too short for upper-traps.", "suggestions": [{"text": "Ask for more.",
                                                                         "change": {}}]}
    lines = found(refusal, "words")
    assert any("no suggestion with a change" in x for x in lines)
    assert any("raw ids (upper-traps)" in x for x in lines)


def test_schema_names_missing_fields_once():
    plan = make_plan_dict()
    for s in sessions_of(plan):
        for e in s["exercises"]:
            del e["rir_min"]
    lines = found(plan, "schema")
    assert lines == [f"{critic.request_label(plan['request'])} missing fields: exercise.rir_min"]
    old = copy.deepcopy(plan)
    old["schema_version"] = 1
    assert any("not 2" in x for x in found(old, "schema"))
