"""What each rendering shows, and that text from content never turns into markup."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.catalogue import Catalogue
from planner.formats import coverage_svg, to_ics, to_json, to_markdown, to_text, volume_svg
from planner.model import Infeasible, Plan
from planner.plan import make_plan
from planner.request import WEEKDAY_NAMES, parse_request
from tests.planner.conftest import BASE_REQUEST, FIXTURE_CATALOGUE, ROOT

icalendar = pytest.importorskip("icalendar")

# The planner builds sessions from movement patterns, muscle-group sizes and how a piece of
# equipment adds resistance; the shared fixture catalogue predates those fields, so these
# tests (and the CLI, web and chart tests, which import PATTERNED_CATALOGUE) give them the
# values the real content has. Fields the fixture already sets are kept.
PATTERNS = {
    "romanian-deadlift": ("hinge", "heavy"),
    "glute-bridge": ("bridge", "light"),
    "barbell-row": ("row", "heavy"),
    "inverted-row": ("row", "light"),
    "calf-raise": ("raise", "light"),
    "rear-delt-fly": ("fly", "light"),
    "band-pull-apart": ("fly", "light"),
    "prone-neck-extension": ("extension", "light"),
    "shrug": ("shrug", "light"),
    "back-extension": ("extension", "light"),
    "prone-superman": ("extension", "light"),
    "kettlebell-swing": ("hinge", "light"),
    "pull-up": ("pull", "light"),
    "lat-pulldown": ("pull", "light"),
    "band-leg-curl": ("curl", "light"),
    "nordic-curl": ("curl", "light"),
    "single-leg-rdl": ("hinge", "light"),
    "face-pull": ("row", "light"),
}
SMALL_GROUPS = ("calves", "neck", "rear-delts", "upper-traps")
RESISTANCE = {
    "barbell": "weight",
    "dumbbells": "weight",
    "kettlebell": "weight",
    "cable": "weight",
    "band": "band",
}
# What content/equipment.yaml says of the same gear: its smallest step, and the kettlebell as
# the item most people own one of.
GEAR_FACTS = {
    "barbell": {"load_step": "about 2.5 kg on the bar", "load_step_kg": 2.5},
    "dumbbells": {"load_step": "the next dumbbell size, usually 2 kg heavier",
                  "load_step_kg": 2},
    "kettlebell": {"owned": "single", "load_step": "the next kettlebell, usually 4 kg heavier",
                   "load_step_kg": 4},
    "cable": {"load_step": "one plate on the stack"},
}


def patterned(cat: dict) -> dict:
    cat = copy.deepcopy(cat)
    for m in cat["muscles"]:
        if m["id"] in SMALL_GROUPS:
            m.setdefault("size", "small")
        if m["id"] == "neck":
            m.setdefault("effort", "gentle")
    for item in cat["equipment"]:
        if item["id"] in RESISTANCE:
            item.setdefault("resistance", RESISTANCE[item["id"]])
        for key, value in GEAR_FACTS.get(item["id"], {}).items():
            item.setdefault(key, value)
    for e in cat["exercises"]:
        pattern, load = PATTERNS.get(e["id"], ("other", "light"))
        if e.get("pattern", "other") == "other":
            e["pattern"] = pattern
        e.setdefault("spinal_load", load)
    return cat


PATTERNED_CATALOGUE = patterned(FIXTURE_CATALOGUE)
INSTEAD = "Use dumbbells instead of the barbell."


@pytest.fixture
def fixture_catalogue() -> dict:
    return copy.deepcopy(PATTERNED_CATALOGUE)


def plan_of(cat: dict, req: dict):
    catalogue = Catalogue.from_dict(cat)
    return make_plan(catalogue, parse_request(req, catalogue))


def hostile(cat: dict) -> dict:
    for e in cat["exercises"]:
        if e["id"] == "calf-raise":
            e["name"] = "Calf <script>alert(1)</script> | raise *now* [x](javascript:y)"
    for m in cat["muscles"]:
        if m["id"] == "calves":
            m["name"] = "Calves <b>&</b>"
    return cat


def exercises(data: dict, week: int = 0) -> list[dict]:
    return [e for s in data["weeks"][week]["sessions"] for e in s["exercises"]]


def dash(a: int, b: int) -> str:
    return str(a) if a == b else f"{a}–{b}"


def dose_words(e: dict) -> str:
    """An exercise's dose as every text rendering writes it: '3 × 10–12, 2–3 in reserve, ...'."""
    return (
        f"{e['sets']} × {dash(e['reps_min'], e['reps_max'])}, "
        f"{dash(e['rir_min'], e['rir_max'])} in reserve, "
        f"rest {dash(e['rest_seconds_min'], e['rest_seconds_max'])} s"
    )


def descriptions(ics: str) -> list[str]:
    return [str(ev["DESCRIPTION"]) for ev in icalendar.Calendar.from_ical(ics).walk("VEVENT")]


def test_markdown_escapes_content_text(fixture_catalogue, base_request):
    plan = plan_of(hostile(fixture_catalogue), base_request)
    assert any(e.id == "calf-raise" for s in plan.weeks[0].sessions for e in s.exercises)
    md = to_markdown(plan)
    assert "<script>" not in md and "<b>" not in md
    assert "&lt;script&gt;" in md and "Calves &lt;b&gt;&amp;&lt;/b&gt;" in md
    assert r"\| raise \*now\* \[x\]\(javascript:y\)" in md


def test_svg_escapes_content_text_and_stays_well_formed(fixture_catalogue, base_request):
    plan = plan_of(hostile(fixture_catalogue), base_request)
    for svg in (coverage_svg(plan), volume_svg(plan)):
        root = ET.fromstring(svg)
        assert "<b>" not in svg
        assert root.find("{http://www.w3.org/2000/svg}desc").text


def test_coverage_chart_marks_primary_days_for_each_focus_group(fixture_catalogue, base_request):
    plan = plan_of(fixture_catalogue, base_request)
    data = json.loads(to_json(plan))
    svg = coverage_svg(plan)
    primary = 0
    for row in data["coverage"]["rows"]:
        for cell in row["cells"]:
            if cell["role"] == "primary":
                primary += 1
                sets = f"{cell['sets']:g}"
                day = WEEKDAY_NAMES[cell["weekday"]]
                assert f"<title>{row['name']}, {day}: primary, {sets} sets</title>" in svg
    assert primary


def test_json_weeks_carry_dates_deload_flags_and_notes(fixture_catalogue, base_request):
    data = json.loads(to_json(plan_of(fixture_catalogue, {**base_request, "weeks": 12})))
    assert [w["deload"] for w in data["weeks"]] == [False] * 5 + [True] + [False] * 5 + [True]
    assert data["weeks"][5]["note"].startswith("Deload week")
    assert data["weeks"][6]["note"].startswith("Back to full sets")
    assert data["weeks"][1]["start"] == "2026-12-07"
    normal, deload = exercises(data, 4), exercises(data, 5)
    assert normal and [e["id"] for e in deload] == [e["id"] for e in normal]
    for n, d in zip(normal, deload, strict=True):
        # about half the sets, same reps, two more reps in reserve
        assert d["sets"] == max(1, (n["sets"] + 1) // 2)
        assert (d["reps_min"], d["reps_max"]) == (n["reps_min"], n["reps_max"])
        assert (d["rir_min"], d["rir_max"]) == (n["rir_min"] + 2, n["rir_max"] + 2)
    # Progression goes by performance: the normal weeks prescribe the same, and each
    # exercise's rule says when to step up.
    for w in (1, 2, 3, 4, 6, 7, 8, 9, 10):
        assert exercises(data, w) == exercises(data, 0)


def test_each_exercise_s_progression_rule_fits_its_gear_and_numbers(
    fixture_catalogue, base_request
):
    data = json.loads(to_json(plan_of(fixture_catalogue, base_request)))
    kinds = set()
    for e in exercises(data):
        p = e["progression"]
        kinds.add(p["kind"])
        assert p["rule"].startswith(
            f"When every set reaches {e['reps_max']} reps with "
            f"{dash(e['rir_min'], e['rir_max'])} reps still in reserve, "
        )
        assert f"start again at {e['reps_min']} reps" in p["rule"] or p["kind"] == "bodyweight"
        loaded = {"barbell", "dumbbells", "kettlebell", "cable"} & set(e["equipment_used"])
        assert p["kind"] == (
            "load" if loaded else "band" if "band" in e["equipment_used"] else "bodyweight"
        )
        if p["kind"] == "load":
            assert "add the smallest step you have" in p["rule"]
            # the step of the gear in hand, not a list of every kind of weight
            step = {"barbell": "on the bar", "dumbbells": "next dumbbell size",
                    "cable": "on the stack"}
            assert any(step[g] in p["rule"] for g in e["equipment_used"] if g in step) or \
                "kettlebell" in e["equipment_used"]
        else:
            assert "kg" not in p["rule"] and "add the smallest step" not in p["rule"]
        assert p["harder"] is None or set(p["harder"]) == {"id", "name", "url"}
    assert {"load", "bodyweight"} <= kinds


def test_text_markdown_and_calendar_show_warm_up_effort_and_progression(
    fixture_catalogue, base_request
):
    from planner.formats.markdown import escape

    plan = plan_of(fixture_catalogue, base_request)
    data = json.loads(to_json(plan))
    text, md = to_text(plan), to_markdown(plan)
    sessions = [s for w in data["weeks"] for s in w["sessions"]]
    events = descriptions(to_ics(plan))
    assert len(events) == len(sessions) == 12
    assert text.count("    Warm-up (") == md.count("\nWarm-up (") == 12
    ramped = 0
    for s, description in zip(sessions, events, strict=True):
        wu = s["warmup"]
        line = f"Warm-up ({wu['minutes']} min): {wu['general']}"
        assert f"    {line}\n" in text and line in description
        assert f"\nWarm-up ({wu['minutes']} min): {escape(wu['general'])}\n" in md
        general = int(wu["general"].split(" minutes of easy cardio")[0])
        assert data["model"]["general_warmup_minutes"] <= general <= wu["minutes"]
        if wu["ramp_up"]:
            ramped += 1
            first = s["exercises"][0]
            assert wu["exercise"] == first["id"]
            assert f"ramp-up sets of {first['name']} before your working sets" in wu["general"]
            for step in wu["ramp_up"]:
                assert f"{step['reps']} reps at about {step['percent']} %" in wu["general"]
        assert f"about {s['estimated_minutes']} min of {s['minutes_asked']}" in text
        for e in s["exercises"]:
            effort = f"{dash(e['rir_min'], e['rir_max'])} in reserve"
            assert f"{e['name']}: {dose_words(e)}" in description
            assert f" | {effort} | " in md
            assert f"  {dose_words(e)}\n" in text
    assert ramped  # a barbell main lift is led into with ramp-up sets
    assert "\nHow each exercise progresses:\n" in text
    for e in exercises(data):
        rule = e["progression"]["rule"]
        assert f"\n  {e['name']}: {rule}\n" in text
        assert f" | {escape(rule)} |\n" in md


def test_a_substitute_says_what_to_use_instead_in_every_format(fixture_catalogue, base_request):
    own = {e["id"]: e["equipment"] for e in fixture_catalogue["exercises"]}
    plan = plan_of(fixture_catalogue, {**base_request, "equipment": ["dumbbells", "band"]})
    data = json.loads(to_json(plan))
    every = [e for w in data["weeks"] for s in w["sessions"] for e in s["exercises"]]
    swapped = [e for e in every if e["use_instead"]]
    assert any(e["id"] == "romanian-deadlift" for e in swapped)
    for e in every:
        if e["id"] in ("romanian-deadlift", "barbell-row"):
            assert e["use_instead"] == INSTEAD and e["equipment_used"] == ["dumbbells"]
        else:
            assert (e["use_instead"] is None) == (e["equipment_used"] == own[e["id"]])
    assert to_text(plan).count(f"  {INSTEAD}\n") == len(swapped)
    assert to_markdown(plan).count(f"| {INSTEAD} |") == len(swapped)
    assert sum(d.count(f"s. {INSTEAD}") for d in descriptions(to_ics(plan))) == len(swapped)
    with_barbell = plan_of(fixture_catalogue, base_request)
    assert INSTEAD not in to_text(with_barbell) + to_markdown(with_barbell) + to_ics(with_barbell)


def test_supersets_and_starting_doses_are_spelled_out_in_every_format(
    fixture_catalogue, base_request
):
    plan = plan_of(fixture_catalogue, {**base_request, "weeks": 1})
    session = plan.weeks[0].sessions[0]
    *rest, a, b = session.exercises
    paired = (*rest, replace(a, superset="A"), replace(b, superset="A", starting_dose=True))
    week = replace(plan.weeks[0], sessions=(replace(session, exercises=paired),))
    plan = replace(plan, weeks=(week,))

    data = json.loads(to_json(plan))
    shown = data["weeks"][0]["sessions"][0]["exercises"]
    assert [(e["superset"], e["starting_dose"]) for e in shown[-3:]] == [
        (None, False),
        ("A", False),
        ("A", True),
    ]
    pair = "superset A: alternate its sets with the other A"
    text = to_text(plan).splitlines()
    k = next(i for i, line in enumerate(text) if line.startswith(f"    {a.name}  "))
    assert text[k + 1].strip() == pair
    k = next(i for i, line in enumerate(text) if line.startswith(f"    {b.name}  "))
    assert [line.strip() for line in text[k + 1 : k + 3]] == [pair, "starting dose"]
    md = to_markdown(plan)
    assert f" | {pair} | " in md and f" | {pair}; starting dose | " in md
    (description,) = descriptions(to_ics(plan))
    assert f"{a.name}: {dose_words(shown[-2])}. {pair}" in description
    assert f"{b.name}: {dose_words(shown[-1])}. {pair}. starting dose" in description


def test_a_starting_dose_is_shown_in_its_first_weeks_and_its_rule_says_so(
    fixture_catalogue, base_request
):
    for e in fixture_catalogue["exercises"]:
        if e["id"] == "nordic-curl":
            e["start"] = {"sets": 2, "reps_min": 3, "reps_max": 5, "weeks": 2}
    req = {**base_request, "level": "advanced", "equipment": [], "focus": ["hamstrings"]}
    plan = plan_of(fixture_catalogue, {**req, "weeks": 3})
    data = json.loads(to_json(plan))
    for w, starting in enumerate((True, True, False)):
        nordic = [e for e in exercises(data, w) if e["id"] == "nordic-curl"]
        assert len(nordic) == 1  # once a week, as its rule says
        (e,) = nordic
        assert e["starting_dose"] is starting
        if starting:
            assert (e["sets"], e["reps_min"], e["reps_max"]) == (2, 3, 5)
        assert e["progression"]["rule"].startswith(
            "Start with 2 sets of 3–5 once a week for the first 2 weeks, then the full dose. "
        )
    text = to_text(plan)
    assert text.count("  starting dose\n") == 2
    assert "\n  Nordic curl: Start with 2 sets of 3–5 once a week" in text


def test_groups_the_week_cannot_cover_are_listed_with_a_fix(fixture_catalogue, base_request):
    from planner.formats.markdown import escape

    req = {**base_request, "equipment": [], "focus": ["glutes", "upper-traps"]}
    plan = plan_of(fixture_catalogue, req)
    assert isinstance(plan, Plan)
    data = json.loads(to_json(plan))
    assert [(g["muscle"], g["name"], g["sessions"]) for g in data["uncovered"]] == [
        ("upper-traps", "Upper traps", 0)
    ]
    fix = data["uncovered"][0]["fix"]
    assert fix.startswith("No exercise you can do with the equipment ticked trains the upper traps")
    assert "would let you do the face pull" in fix and "band" in fix
    line = f"Not covered twice a week: Upper traps. {fix}"
    assert f"\n! {line}\n" in to_text(plan)
    assert f"\n- {escape(line)}\n" in to_markdown(plan)

    covered = plan_of(fixture_catalogue, base_request)
    assert covered.uncovered == ()
    assert "Not covered" not in to_text(covered) + to_markdown(covered)


def test_a_start_in_midweek_puts_sessions_on_the_next_matching_days(
    fixture_catalogue, base_request
):
    data = json.loads(to_json(plan_of(fixture_catalogue, {**base_request, "start": "2026-12-02"})))
    first = [s["date"] for s in data["weeks"][0]["sessions"]]
    assert first == ["2026-12-02", "2026-12-04", "2026-12-07"]
    assert first == sorted(first)  # listed (and indexed) in date order


def test_text_and_ics_agree_on_the_number_of_sessions(fixture_catalogue, base_request):
    plan = plan_of(fixture_catalogue, base_request)
    text = to_text(plan)
    events = list(icalendar.Calendar.from_ical(to_ics(plan)).walk("VEVENT"))
    assert len(events) == text.count(": Total body, about") == 12


def test_long_ics_lines_are_folded_at_75_octets(fixture_catalogue, base_request):
    ics = to_ics(plan_of(fixture_catalogue, base_request))
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))


NAME_TEXT = st.text(
    st.sampled_from("abc XYZ-–×é中文🏋️;,\\"), min_size=1, max_size=90
).filter(lambda t: t.strip())


@settings(max_examples=60, deadline=None)
@given(NAME_TEXT)
def test_ics_folding_keeps_any_exercise_name_whole(name):
    """Whatever a fork names an exercise (accents, CJK, emoji, commas), the calendar app gets
    it back exactly: lines stay within 75 octets and no fold splits a character."""
    cat = copy.deepcopy(PATTERNED_CATALOGUE)
    for e in cat["exercises"]:
        if e["id"] in ("glute-bridge", "calf-raise"):
            e["name"] = name * (1 if e["id"] == "glute-bridge" else 3)
    ics = to_ics(plan_of(cat, BASE_REQUEST)).encode("utf-8")
    lines = ics.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # raises if a fold cut through a character
    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    listed = [str(ev["DESCRIPTION"]).split("\n\n")[0] for ev in events]
    assert any(name in text for text in listed)
    assert any(name * 3 in text for text in listed)


def strict(schema):
    """The schema with no room for fields it does not describe."""
    if isinstance(schema, dict):
        out = {k: strict(v) for k, v in schema.items()}
        if out.get("additionalProperties") is True:
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [strict(v) for v in schema]
    return schema


def test_plans_and_refusals_match_the_published_json_schema(fixture_catalogue, base_request):
    import jsonschema  # installed with check-jsonschema in the dev tools

    schema = json.loads((ROOT / "planner" / "plan_schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    cable_only = copy.deepcopy(fixture_catalogue)
    for e in cable_only["exercises"]:
        e["equipment"], e["substitutes"] = ["cable"], []
    cases = [
        (fixture_catalogue, base_request, "ok"),
        (fixture_catalogue, {**base_request, "split": "upper-lower-total", "weeks": 7}, "ok"),
        (fixture_catalogue, {**base_request, "minutes": 20}, "ok"),
        (
            fixture_catalogue,
            {**base_request, "equipment": ["dumbbells"], "level": "advanced"},
            "ok",
        ),
        (fixture_catalogue, {**base_request, "equipment": [], "focus": ["upper-traps"]}, "ok"),
        (fixture_catalogue, {**base_request, "days": ["mon", "tue"]}, "days"),
        (fixture_catalogue, {**base_request, "days": ["mon", "tue", "wed"]}, "spacing"),
        (fixture_catalogue, {**base_request, "minutes": 10}, "time"),
        (cable_only, {**base_request, "equipment": ["band"]}, "exercises"),
    ]
    for cat, req, outcome in cases:
        result = plan_of(cat, req)
        data = json.loads(to_json(result))
        assert (data["status"] if isinstance(result, Plan) else data["rule"]) == outcome, req
        assert isinstance(result, Infeasible) == (outcome != "ok")
        jsonschema.validate(data, schema)
        # every field written is described: the schema says what the JSON holds, exactly
        jsonschema.validate(data, strict(schema))
