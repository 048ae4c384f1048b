"""Swap alternatives: for an exercise of a session, what the Chooser would also put in its
slot - the same role, the group it leads, the person's equipment and level, allowed beside the
rest of the session - and the browser's entry that lists them."""

from __future__ import annotations

import json

import pytest

from planner import browser
from planner.catalogue import LEVELS
from planner.eligible import eligible
from planner.errors import RequestError
from planner.formats.json_format import plan_to_dict
from planner.plan import make_plan
from planner.request import parse_request
from planner.swaps import alternatives
from tests.planner import conftest
from tests.planner.test_pins import GYM, real

REQUESTS = {
    "gym": GYM,
    "bodyweight": {**conftest.BASE_REQUEST, "equipment": [], "level": "beginner"},
    "home": {
        **conftest.BASE_REQUEST,
        "equipment": ["dumbbells", "band"],
        "exclude": ["hip-thrust"],
    },
}


@pytest.mark.parametrize("name", list(REQUESTS))
def test_every_alternative_keeps_role_primary_group_equipment_level_and_the_session(name):
    data, catalogue = real()
    request = parse_request(REQUESTS[name], catalogue)
    plan = plan_to_dict(make_plan(catalogue, request))
    options = {o.id: o for o in eligible(catalogue, request.equipment, request.level,
                                          request.exclude)}
    can_do = set(options)
    offered = 0
    for s in plan["weeks"][0]["sessions"]:
        here = {e["id"] for e in s["exercises"]}
        for e in s["exercises"]:
            for alt in alternatives(catalogue, request, s["weekday"], e["id"]):
                x = catalogue.exercise_by_id[alt.id]
                assert alt.id in can_do and alt.id not in here
                assert alt.id not in request.exclude
                assert LEVELS.index(x.level) <= LEVELS.index(request.level)
                assert e["primary"][0] in x.primary
                # named for the gear the person will use: the barbell row with dumbbells
                # is offered as the dumbbell row, and links to the barbell row's guide
                assert (alt.name, alt.url) == (options[alt.id].name, x.url)
                assert alt.reason.startswith("Trains the ") and alt.reason.endswith(".")
                assert "in the " in alt.reason and f"as {e['name']} did" in alt.reason
                offered += 1
    assert offered > 0


def test_alternatives_are_the_same_every_time_and_best_first_by_the_choosers_rank():
    _, catalogue = real()
    request = parse_request(GYM, catalogue)
    plan = plan_to_dict(make_plan(catalogue, request))
    monday = plan["weeks"][0]["sessions"][0]
    for e in monday["exercises"]:
        first = alternatives(catalogue, request, "mon", e["id"])
        assert first == alternatives(catalogue, request, "mon", e["id"])
        assert len({a.id for a in first}) == len(first)


def test_asking_about_a_day_or_exercise_not_in_the_plan_is_refused_in_words():
    _, catalogue = real()
    request = parse_request(GYM, catalogue)
    with pytest.raises(RequestError, match=r"^The plan has no session on Tuesday\.$"):
        alternatives(catalogue, request, "tue", "deadlift")
    with pytest.raises(RequestError, match=r"^Nordic hamstring curl is not in Monday's session"):
        alternatives(catalogue, request, "mon", "nordic-hamstring-curl")
    with pytest.raises(RequestError, match="unknown exercise"):
        alternatives(catalogue, request, "mon", "no-such-lift")
    with pytest.raises(RequestError, match="day: expected one of mon"):
        alternatives(catalogue, request, "monday", "deadlift")


def test_the_browser_entry_lists_them_in_an_envelope_and_never_raises():
    data, catalogue = real()
    text = json.dumps(data)
    request = parse_request(GYM, catalogue)
    plan = plan_to_dict(make_plan(catalogue, request))
    e = plan["weeks"][0]["sessions"][0]["exercises"][0]
    answer = json.loads(browser.alternatives(text, json.dumps(GYM), "mon", e["id"]))
    assert answer["status"] == "ok" and answer["message"] == ""
    assert answer["alternatives"] == [
        {"id": a.id, "name": a.name, "url": a.url, "reason": a.reason}
        for a in alternatives(catalogue, request, "mon", e["id"])
    ]
    for args in (
        ("{", json.dumps(GYM), "mon", e["id"]),
        (text, "[]", "mon", e["id"]),
        (text, json.dumps(GYM), "tue", e["id"]),
        (text, json.dumps(GYM), None, None),
        (text, json.dumps({**GYM, "days": ["mon"]}), "mon", e["id"]),
    ):
        refused = json.loads(browser.alternatives(*args))
        assert refused["status"] == "error" and refused["alternatives"] == []
        assert refused["message"]
