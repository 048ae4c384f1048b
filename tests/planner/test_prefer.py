"""A preferred exercise is in the plan whenever a week that keeps every rule can hold it;
otherwise the plan says, in plain words, why it was left out.

Every exercise guide page links to the planner with `?prefer=<id>`, so this is what a reader
who follows that link sees."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.catalogue import Catalogue
from planner.errors import RequestError
from planner.formats.json_format import plan_to_dict
from planner.plan import Plan, make_plan
from planner.request import parse_request
from tests.planner.checker import Ctx, check_plan, exists_week
from tests.planner.conftest import BASE_REQUEST, catalogue_dict, exercise, small_cases


def plan_for(cat: dict, req: dict) -> dict:
    catalogue = Catalogue.from_dict(cat)
    result = make_plan(catalogue, parse_request(req, catalogue))
    assert isinstance(result, Plan), getattr(result, "message", "")
    return plan_to_dict(result)


def exercise_ids(plan: dict) -> set[str]:
    return {e["id"] for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]}


def warning_about(plan: dict, name: str) -> str | None:
    return next((w for w in plan["warnings"] if f"Preferred exercise {name} " in w), None)


def test_a_preferred_exercise_replaces_another_when_the_sessions_are_full(fixture_catalogue):
    # 30-minute sessions: the plan without a preference has no room to add a barbell row
    req = {**BASE_REQUEST, "minutes": 30}
    assert "barbell-row" not in exercise_ids(plan_for(fixture_catalogue, req))
    req["prefer"] = ["barbell-row"]
    plan = plan_for(fixture_catalogue, req)
    assert "barbell-row" in exercise_ids(plan)
    assert warning_about(plan, "Barbell row") is None
    assert check_plan(fixture_catalogue, req, plan) == []
    reasons = [
        e["reason"]
        for s in plan["weeks"][0]["sessions"]
        for e in s["exercises"]
        if e["id"] == "barbell-row"
    ]
    assert reasons and all(r.startswith("You asked for it.") for r in reasons)


@pytest.mark.parametrize(
    ("change", "name", "why"),
    [
        (
            {"equipment": ["band"], "prefer": ["romanian-deadlift"]},
            "Romanian deadlift",
            "it needs equipment you did not tick: barbell, or instead dumbbells or kettlebell.",
        ),
        (
            {"prefer": ["nordic-curl"]},
            "Nordic curl",
            "it is an advanced exercise and your level is beginner.",
        ),
        (
            {"minutes": 30, "prefer": ["glute-bridge"]},
            "Glute bridge",
            "no session can spare its 6 minutes: the exercises that train every focus group "
            "twice a week already fill the 30-minute sessions.",
        ),
        (
            {
                "split": ["lower", "lower"],
                "days": ["mon", "thu"],
                "focus": ["glutes", "hamstrings"],
                "prefer": ["band-pull-apart"],
            },
            "Band pull apart",
            "it works the upper body, and none of this split's sessions covers the upper body.",
        ),
        (
            {
                "split": "upper-lower-total",
                "days": ["mon", "tue", "wed"],
                "equipment": ["barbell", "dumbbells", "band", "kettlebell", "cable"],
                "level": "advanced",
                "minutes": 20,
                "focus": ["lats", "glutes"],
                "prefer": ["band-leg-curl"],
            },
            "Band leg curl",
            "with it, the sessions cannot also give every focus group 8-20 sets a week in the "
            "20 minutes.",
        ),
    ],
)
def test_a_preferred_exercise_left_out_comes_with_the_reason(
    fixture_catalogue, change, name, why
):
    req = {**BASE_REQUEST, **change}
    plan = plan_for(fixture_catalogue, req)
    assert change["prefer"][0] not in exercise_ids(plan)
    assert warning_about(plan, name) == f"Preferred exercise {name} was not added: {why}"
    assert check_plan(fixture_catalogue, req, plan) == []


def test_a_preference_is_not_bought_with_a_muscle_s_rest():
    hinge = exercise("hinge", ["glutes", "hamstrings"])
    curl = exercise("leg-curl", ["hamstrings"])
    calf = exercise("calf-raise", ["calves"], sets=2, reps=(10, 15), rest=(30, 60), spr=3)
    cat = catalogue_dict([hinge, curl, calf])
    # Wednesday and Thursday touch; the leg curl fits beside no hinge in 15 minutes, so it
    # could only go next to a hinge day, working the hamstrings two days running.
    req = {
        **BASE_REQUEST,
        "split": ["lower", "lower", "lower"],
        "days": ["mon", "wed", "thu"],
        "focus": ["glutes"],
        "minutes": 15,
        "prefer": ["leg-curl"],
    }
    plan = plan_for(cat, req)
    assert plan["rest_ok"] and "leg-curl" not in exercise_ids(plan)
    assert warning_about(plan, "Leg curl") == (
        "Preferred exercise Leg curl was not added: it only fits where a muscle group would be "
        "trained again before its 48 hours of rest are up; without it the plan keeps that rest."
    )


def test_a_preference_that_would_pass_the_top_of_a_range_names_the_muscle_group():
    bridge = exercise("bridge", ["glutes"], ["calves"], sets=6, rest=(30, 40))
    curl = exercise("leg-curl", ["hamstrings"], ["glutes"], sets=2)
    cat = catalogue_dict([bridge, curl])
    # two bridges already give the glutes 12 sets, the top of the beginner range
    req = {
        **BASE_REQUEST,
        "split": ["lower", "lower"],
        "days": ["mon", "thu"],
        "focus": ["glutes"],
        "prefer": ["leg-curl"],
    }
    plan = plan_for(cat, req)
    assert warning_about(plan, "Leg curl") == (
        "Preferred exercise Leg curl was not added: it would take Glutes past 12 sets a week, "
        "the top of the beginner range."
    )


def page_request() -> dict:
    """The planner page's default request (generator/webapp.py), on a fixed start date."""
    webapp = pytest.importorskip("generator.webapp")
    return {**webapp.DEFAULT_REQUEST, "start": "2026-11-30"}


def test_the_guide_page_link_puts_glute_bridge_in_the_page_s_default_plan(real_catalogue):
    req = {**page_request(), "prefer": ["glute-bridge"]}
    plan = plan_for(real_catalogue, req)
    assert "glute-bridge" in exercise_ids(plan)
    assert check_plan(real_catalogue, req, plan) == []


def test_every_exercise_of_the_catalogue_is_in_the_plan_when_preferred_or_a_warning_says_why(
    real_catalogue,
):
    owned = [e["id"] for e in real_catalogue["equipment"] if e["id"] != "bodyweight"]
    base = {**page_request(), "equipment": owned}
    ctx = Ctx(real_catalogue, base)
    for item in real_catalogue["exercises"]:
        req = {**base, "prefer": [item["id"]]}
        plan = plan_for(real_catalogue, req)
        warning = warning_about(plan, item["name"])
        if item["id"] in exercise_ids(plan):
            assert warning is None, warning
        else:
            assert warning, f"{item['id']} is missing and no warning says why"
            if ctx.usable(item["id"]):
                # an exercise the person can do is only left out for a settled reason
                assert "stopped looking" not in warning, warning
        assert check_plan(real_catalogue, req, plan) == [], item["id"]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(small_cases(), st.data())
def test_a_preferred_exercise_is_left_out_only_when_no_week_that_keeps_the_rules_holds_it(
    case, data
):
    cat, req = case
    req["prefer"] = [data.draw(st.sampled_from([e["id"] for e in cat["exercises"]]))]
    catalogue = Catalogue.from_dict(cat)
    try:
        request = parse_request(req, catalogue)
    except RequestError:
        return  # refused as bad input (e.g. minutes too short for any exercise)
    result = make_plan(catalogue, request)
    if not isinstance(result, Plan):
        return
    plan = plan_to_dict(result)
    assert check_plan(cat, req, plan) == []
    p = req["prefer"][0]
    if p in exercise_ids(plan):
        return
    ctx = Ctx(cat, req)
    name = next(e["name"] for e in cat["exercises"] if e["id"] == p)
    warning = warning_about(plan, name)
    assert warning and "stopped looking" not in warning
    if ctx.usable(p):
        # exhaustively: no week with every rule (and full rest, when the plan has it) holds it
        assert not exists_week(ctx, volume=True, clean=plan["rest_ok"], holding=p), warning
