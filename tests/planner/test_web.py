"""planner.browser.handle, the browser's entry point: always a JSON envelope, never an exception."""

from __future__ import annotations

import json

import pytest

from planner.browser import handle
from tests.planner.conftest import BASE_REQUEST
from tests.planner.test_formats import INSTEAD, PATTERNED_CATALOGUE

CATALOGUE = json.dumps(PATTERNED_CATALOGUE)
KEYS = {"status", "message", "plan", "infeasible", "markdown", "ics", "svg"}


def call(request: dict | str, catalogue: str = CATALOGUE, **kw) -> dict:
    text = request if isinstance(request, str) else json.dumps(request)
    out = handle(catalogue, text, **kw)
    data = json.loads(out)
    assert set(data) == KEYS
    return data


def test_a_plan_comes_with_markdown_calendar_and_both_charts():
    data = call(BASE_REQUEST)
    assert data["status"] == "ok" and data["infeasible"] is None
    assert data["message"] == "Three total-body workouts: 4 weeks."
    plan = data["plan"]
    assert plan["schema_version"] == 2 and plan["status"] == "ok"
    sessions = [s for w in plan["weeks"] for s in w["sessions"]]
    assert len(sessions) == 12 and all(s["exercises"] for s in sessions)
    assert data["markdown"].startswith("# Three total-body workouts")
    assert data["markdown"].count("\nWarm-up (") == 12
    assert data["ics"].startswith("BEGIN:VCALENDAR\r\n")
    assert data["ics"].count("BEGIN:VEVENT") == 12
    assert data["svg"]["coverage"].startswith("<svg") and data["svg"]["volume"].startswith("<svg")


def test_the_page_gets_what_to_use_instead_and_what_is_not_covered():
    data = call({**BASE_REQUEST, "equipment": ["dumbbells"], "focus": ["glutes", "upper-traps"]})
    assert data["status"] == "ok"
    used = {
        e["id"]: e["use_instead"]
        for w in data["plan"]["weeks"]
        for s in w["sessions"]
        for e in s["exercises"]
    }
    assert used["romanian-deadlift"] == INSTEAD
    assert f"| {INSTEAD} |" in data["markdown"]
    assert data["plan"]["uncovered"] == []

    bare = call({**BASE_REQUEST, "equipment": [], "focus": ["glutes", "upper-traps"]})
    assert [g["muscle"] for g in bare["plan"]["uncovered"]] == ["upper-traps"]
    assert "- Not covered twice a week: Upper traps." in bare["markdown"]


def test_the_page_says_what_to_use_instead_once_per_exercise():
    # Its own line under the sets; the first week's "why" line used to repeat it.
    from planner.web import plan_view

    envelope = handle(CATALOGUE, json.dumps({**BASE_REQUEST, "equipment": ["dumbbells"]}))
    plan = json.loads(envelope)["plan"]
    swapped = [e for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]
               if e["use_instead"]]
    assert swapped
    assert plan_view.render(envelope, "../").count(INSTEAD) == len(swapped)


def test_links_in_the_markdown_can_be_made_relative_to_the_page():
    data = call(BASE_REQUEST, base_url="../")
    assert "](../exercises/romanian-deadlift/)" in data["markdown"]
    assert "](exercises/" not in data["markdown"]


def test_the_same_request_gives_byte_identical_output():
    assert handle(CATALOGUE, json.dumps(BASE_REQUEST)) == handle(
        CATALOGUE, json.dumps(BASE_REQUEST)
    )


def test_a_request_that_cannot_be_met_explains_itself_with_changes_to_try():
    data = call({**BASE_REQUEST, "days": ["mon", "tue"]})
    assert data["status"] == "infeasible" and data["plan"] is None
    assert data["message"] == (
        "Three total-body workouts has 3 sessions a week and you picked 2 days."
    )
    assert data["infeasible"]["schema_version"] == 2
    assert data["infeasible"]["rule"] == "days"
    first = data["infeasible"]["suggestions"][0]
    assert first == {
        "text": "add Wednesday and Friday",
        "change": {"days": ["mon", "tue", "wed", "fri"]},
    }
    assert data["markdown"].startswith("# This plan cannot be made\n")
    assert "- add Wednesday and Friday" in data["markdown"]
    # each suggested change was checked: sent back as it is, it gives a plan
    for suggestion in data["infeasible"]["suggestions"]:
        again = call({**BASE_REQUEST, "days": ["mon", "tue"], **suggestion["change"]})
        assert again["status"] == "ok", suggestion["text"]


def test_too_few_minutes_is_answered_with_the_minutes_that_would_work():
    data = call({**BASE_REQUEST, "minutes": 10})
    assert data["status"] == "infeasible" and data["infeasible"]["rule"] == "time"
    assert data["message"].startswith("10 minutes is too short")
    suggestions = data["infeasible"]["suggestions"]
    assert suggestions and all(set(s["change"]) == {"minutes"} for s in suggestions)
    for suggestion in suggestions:
        again = call({**BASE_REQUEST, **suggestion["change"]})
        assert again["status"] == "ok", suggestion["text"]


@pytest.mark.parametrize(
    ("request_text", "catalogue", "words"),
    [
        ("{not json", CATALOGUE, "The request is not valid JSON at line 1, column 2"),
        (json.dumps(BASE_REQUEST), "[]", "catalogue: top level: expected an object"),
        (json.dumps(BASE_REQUEST), "", "The catalogue is not valid JSON"),
        (json.dumps([1, 2]), CATALOGUE, "request: expected a JSON object"),
        (json.dumps({**BASE_REQUEST, "weeks": 99}), CATALOGUE, "weeks: must be from 1 to 16"),
    ],
)
def test_bad_input_is_an_error_envelope_with_a_plain_message(request_text, catalogue, words):
    data = call(request_text, catalogue)
    assert data["status"] == "error" and data["plan"] is None
    assert words in data["message"]
