"""When a request cannot be met the answer names the rule and the smallest change that fixes it,
and every suggested change really does produce a plan."""

from __future__ import annotations

import pytest

from planner.catalogue import Catalogue
from planner.plan import Infeasible, Plan, make_plan
from planner.request import parse_request


def outcome(cat: dict, req: dict):
    catalogue = Catalogue.from_dict(cat)
    return make_plan(catalogue, parse_request(req, catalogue)), catalogue


def apply(req: dict, change: dict) -> dict:
    return {**req, **change}


@pytest.mark.parametrize(
    ("change", "rule", "words"),
    [
        (
            {"days": ["mon", "tue", "thu"]},
            "spacing",
            [
                "Three total-body sessions need three days, with a rest day between",
                "you picked Monday, Tuesday and Thursday",
                "add Saturday",
            ],
        ),
        (
            {"split": "two-upper-two-lower", "days": ["mon", "wed", "fri"]},
            "days",
            ["need four different days", "add Tuesday"],
        ),
        (
            {"equipment": ["dumbbells"], "exclude": ["inverted-row", "barbell-row"]},
            "exercises",
            [
                "No exercise you can do trains Lats",
                "stop excluding Barbell row",
                "add band (band) to your equipment, for Lat pulldown",
                "leave Lats out of the focus",
            ],
        ),
        (
            {"split": ["upper", "lower", "lower"], "days": ["mon", "wed", "fri"]},
            "frequency",
            [
                "Lats, Neck, Rear delts and Upper traps should each be trained in at least two",
                "choose three total-body workouts",
                "leave Lats, Neck, Rear delts and Upper traps out of the focus",
            ],
        ),
        (
            {"minutes": 20},
            "time",
            ["does not fit in 20-minute sessions", "allow 30 minutes per session"],
        ),
    ],
)
def test_cannot_be_met_names_the_rule_and_a_change_that_works(
    fixture_catalogue, base_request, change, rule, words
):
    req = apply(base_request, change)
    result, _ = outcome(fixture_catalogue, req)
    assert isinstance(result, Infeasible)
    assert result.rule == rule, result.message
    for word in words:
        assert word in result.message
    assert result.suggestions
    for suggestion in result.suggestions:
        fixed, _ = outcome(fixture_catalogue, apply(req, dict(suggestion.change)))
        if rule in ("days", "spacing"):
            assert not (isinstance(fixed, Infeasible) and fixed.rule in ("days", "spacing"))
        elif rule == "exercises":
            assert not (
                isinstance(fixed, Infeasible)
                and fixed.rule == "exercises"
                and "Lats" in fixed.message
            )
        else:
            assert isinstance(fixed, Plan), (suggestion.text, fixed.message)


def test_too_many_weekly_sets_is_reported_as_the_volume_rule(fixture_catalogue, base_request):
    # With dumbbells only, the row, the fly and the neck extension all add helper sets to the
    # upper traps on top of two sessions of shrugs: 15 weekly sets against a beginner's 12.
    req = apply(
        base_request,
        {
            "split": "two-total-body",
            "days": ["mon", "thu"],
            "equipment": ["dumbbells"],
            "focus": ["lats", "neck", "rear-delts", "upper-traps"],
            "exclude": ["inverted-row"],
        },
    )
    result, _ = outcome(fixture_catalogue, req)
    assert isinstance(result, Infeasible) and result.rule == "volume"
    assert "4-12 weekly sets (beginner level)" in result.message
    assert "leave Lats out of the focus" in result.message
    assert "set the level to intermediate" in result.message


def test_days_a_plan_does_not_need_are_left_free_with_a_note(fixture_catalogue, base_request):
    req = apply(base_request, {"split": "two-total-body", "days": ["mon", "tue", "wed", "thu"]})
    result, _ = outcome(fixture_catalogue, req)
    assert isinstance(result, Plan)
    assert result.days_used == ("mon", "thu")
    assert any("Tuesday, Wednesday stay free" in w for w in result.warnings)


def test_back_to_back_days_are_used_only_when_no_rest_day_is_possible(
    fixture_catalogue, base_request
):
    req = apply(base_request, {"split": "upper-lower-total", "days": ["mon", "tue", "wed"]})
    result, _ = outcome(fixture_catalogue, req)
    assert isinstance(result, Plan) and not result.rest_ok
    assert any(w.startswith("Rest:") and "back to back" in w for w in result.warnings)
    easier = apply(req, {"days": ["mon", "tue", "thu"]})
    result, _ = outcome(fixture_catalogue, easier)
    assert isinstance(result, Plan) and result.rest_ok
