"""A guide page's "Plan a week with this exercise" link asks for the exercise: the plan holds
it whenever the person can do it, and otherwise says why in plain words."""

from __future__ import annotations

import pytest

from planner.catalogue import Catalogue
from planner.plan import Plan, make_plan
from planner.request import parse_request

SPLITS = {
    "two-total-body": ["mon", "thu"],
    "three-total-body": ["mon", "wed", "fri"],
    "upper-lower-total": ["mon", "tue", "thu"],
    "two-upper-two-lower": ["mon", "tue", "thu", "fri"],
}


def plan_with(real_catalogue: dict, split: str, prefer: str, **extra) -> Plan:
    catalogue = Catalogue.from_dict(real_catalogue)
    owned = [e["id"] for e in real_catalogue["equipment"]]
    req = {
        "split": split,
        "days": SPLITS[split],
        "equipment": owned,
        "level": "advanced",
        "minutes": 45,
        "start": "2026-11-30",
        "prefer": [prefer],
        **extra,
    }
    result = make_plan(catalogue, parse_request(req, catalogue))
    assert isinstance(result, Plan), result.message
    return result


def in_plan(plan: Plan, exercise: str) -> bool:
    return any(e.id == exercise for s in plan.weeks[0].sessions for e in s.exercises)


@pytest.mark.parametrize("split", list(SPLITS))
def test_every_exercise_asked_for_is_in_the_plan_when_the_person_can_do_it(real_catalogue, split):
    missing = [
        e["id"]
        for e in real_catalogue["exercises"]
        if not in_plan(plan_with(real_catalogue, split, e["id"]), e["id"])
    ]
    assert missing == []


def test_an_exercise_above_the_level_is_left_out_with_the_reason(real_catalogue):
    plan = plan_with(real_catalogue, "three-total-body", "nordic-hamstring-curl", level="beginner")
    assert not in_plan(plan, "nordic-hamstring-curl")
    assert any(
        "Nordic hamstring curl was not added: it is an exercise for the advanced level" in w
        for w in plan.warnings
    )


def test_an_exercise_without_its_equipment_names_what_it_needs(real_catalogue):
    plan = plan_with(real_catalogue, "two-total-body", "lat-pulldown", equipment=["dumbbells"])
    assert any("Lat pulldown was not added: it needs cable station" in w for w in plan.warnings)


def test_the_asked_for_exercise_says_so_in_its_reason(real_catalogue):
    plan = plan_with(real_catalogue, "three-total-body", "face-pull")
    reasons = [e.reason for s in plan.weeks[0].sessions for e in s.exercises if e.id == "face-pull"]
    assert reasons and reasons[0].startswith("You asked for it.")
