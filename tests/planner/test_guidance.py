"""The scheduling guidance in the catalogue (from content/splits.yaml) sets the rules: how many
sessions a week each focus group needs and how many rest days lie between two of them."""

from __future__ import annotations

import pytest

from planner.catalogue import Catalogue, Guidance
from planner.errors import CatalogueError
from planner.formats.json_format import plan_to_dict
from planner.plan import Infeasible, Plan, make_plan
from planner.request import parse_request
from tests.planner.checker import check_plan


def plan(cat: dict, req: dict):
    catalogue = Catalogue.from_dict(cat)
    return make_plan(catalogue, parse_request(req, catalogue))


def sessions_training(result: Plan, muscle: str) -> list[str]:
    week = result.weeks[0]
    return [s.weekday for s in week.sessions if any(muscle in e.primary for e in s.exercises)]


def test_a_catalogue_without_guidance_follows_the_seed(fixture_catalogue):
    fixture_catalogue.pop("guidance", None)
    guidance = Catalogue.from_dict(fixture_catalogue).guidance
    assert guidance == Guidance(min_sessions_per_muscle=2, rest_days_between_same_muscle=1)
    assert guidance.rest_hours == 48


def test_the_real_content_carries_the_seed_guidance(real_catalogue):
    assert Catalogue.from_dict(real_catalogue).guidance == Guidance(2, 1)


@pytest.mark.parametrize(
    ("guidance", "words"),
    [
        ({"min_sessions_per_muscle": 0}, "guidance.min_sessions_per_muscle"),
        ({"min_sessions_per_muscle": "two"}, "from 1 to 7"),
        ({"rest_days_between_same_muscle": 5}, "guidance.rest_days_between_same_muscle"),
        ([2, 1], "guidance: expected an object"),
    ],
)
def test_bad_guidance_names_the_field(fixture_catalogue, guidance, words):
    fixture_catalogue["guidance"] = guidance
    with pytest.raises(CatalogueError) as err:
        Catalogue.from_dict(fixture_catalogue)
    assert words in str(err.value)


def test_three_sessions_a_week_are_kept_and_said(fixture_catalogue, base_request):
    fixture_catalogue["guidance"] = {
        "min_sessions_per_muscle": 3,
        "rest_days_between_same_muscle": 1,
    }
    req = {**base_request, "focus": ["glutes", "lats"], "minutes": 60}
    result = plan(fixture_catalogue, req)
    assert isinstance(result, Plan)
    assert check_plan(fixture_catalogue, req, plan_to_dict(result)) == []
    assert sessions_training(result, "glutes") == ["mon", "wed", "fri"]
    reasons = [e.reason for s in result.weeks[0].sessions for e in s.exercises]
    assert any("trained at least three times a week" in r for r in reasons)
    assert not any("twice" in r for r in reasons)


def test_three_sessions_cannot_come_from_two_and_the_refusal_says_three(
    fixture_catalogue, base_request
):
    fixture_catalogue["guidance"] = {"min_sessions_per_muscle": 3}
    req = {**base_request, "split": "two-total-body", "focus": ["glutes", "lats"]}
    result = plan(fixture_catalogue, req)
    assert isinstance(result, Infeasible) and result.rule == "frequency"
    assert "Glutes and Lats should each be trained in at least three sessions" in result.message
    assert "at most two sessions can train them" in result.message
    assert "choose three total-body workouts" in result.message


def test_two_rest_days_keep_total_body_sessions_three_days_apart(fixture_catalogue, base_request):
    fixture_catalogue["guidance"] = {"rest_days_between_same_muscle": 2}
    req = {**base_request, "split": "two-total-body", "days": ["mon", "wed"]}
    result = plan(fixture_catalogue, req)
    assert isinstance(result, Infeasible) and result.rule == "spacing"
    assert "need two days, with two rest days between total-body sessions" in result.message
    assert "add Thursday" in result.message or "add Friday" in result.message
    result = plan(fixture_catalogue, {**req, "days": ["mon", "thu"]})
    assert isinstance(result, Plan) and result.rest_ok


def test_a_short_rest_is_named_with_the_hours_the_guidance_asks_for(
    fixture_catalogue, base_request
):
    fixture_catalogue["guidance"] = {"rest_days_between_same_muscle": 2}
    req = {**base_request, "split": "upper-lower-total", "days": ["mon", "wed", "fri"]}
    result = plan(fixture_catalogue, req)
    assert isinstance(result, Plan) and not result.rest_ok
    assert check_plan(fixture_catalogue, req, plan_to_dict(result)) == []
    rest = [w for w in result.warnings if w.startswith("Rest:")]
    assert rest and all("72 hours between sessions" in w for w in rest)
    assert any("with only one day between" in w for w in rest)
    assert all("two free days between them would" in w for w in rest)


def test_no_rest_days_allow_total_body_sessions_back_to_back(fixture_catalogue, base_request):
    fixture_catalogue["guidance"] = {"rest_days_between_same_muscle": 0}
    req = {**base_request, "days": ["mon", "tue", "wed"]}
    result = plan(fixture_catalogue, req)
    assert isinstance(result, Plan) and result.rest_ok
    assert [s.weekday for s in result.weeks[0].sessions] == ["mon", "tue", "wed"]
