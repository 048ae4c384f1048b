"""The warm-up before a session's first lift: ramp-up sets where the gear allows them."""

from __future__ import annotations

import json

import pytest

from planner.catalogue import Catalogue
from planner.formats import plan_to_dict
from planner.plan import make_plan
from planner.request import parse_request
from tests.planner.conftest import real_catalogue_text


def first_lifts(equipment: list[str]) -> list[dict]:
    text = real_catalogue_text()
    if text is None:
        pytest.skip("needs the real catalogue")
    catalogue = Catalogue.from_dict(json.loads(text))
    request = parse_request({"split": "three-total-body", "days": ["mon", "wed", "fri"],
                             "equipment": equipment, "level": "intermediate", "minutes": 45,
                             "weeks": 1, "start": "2029-01-01"}, catalogue)
    week = plan_to_dict(make_plan(catalogue, request))["weeks"][0]
    return [session["warmup"] for session in week["sessions"]]


def test_a_lift_done_with_the_one_kettlebell_you_own_warms_up_with_an_easy_set():
    # "5 reps at about 70 % of the working weight" cannot be done with a single bell.
    warmups = first_lifts(["kettlebell"])
    assert any(w["exercise"] == "kettlebell-swing" for w in warmups)
    for w in warmups:
        assert w["ramp_up"] == []
        assert "one easy set of" in w["general"] and "%" not in w["general"]


def test_a_lift_with_plates_or_a_rack_of_dumbbells_ramps_up_by_percentages():
    warmups = first_lifts(["kettlebell", "barbell"])
    deadlift = next(w for w in warmups if w["exercise"] == "deadlift")
    assert deadlift["ramp_up"] == [{"percent": 50, "reps": 8}, {"percent": 70, "reps": 5}]
    swing = next(w for w in warmups if w["exercise"] == "kettlebell-swing")
    assert swing["ramp_up"] == []


def test_a_swing_warms_up_with_an_easy_set_even_with_a_rack_of_dumbbells():
    # A ballistic lift is not worked up to at 50, 70 and 85 % of the working weight.
    swings = [w for w in first_lifts(["dumbbells", "bench"]) if w["exercise"] == "kettlebell-swing"]
    assert swings
    for w in swings:
        assert w["ramp_up"] == []
        assert "one easy set of" in w["general"] and "%" not in w["general"]
