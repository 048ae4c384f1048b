"""planner.web.handle, the browser's entry point: always a JSON envelope, never an exception."""

from __future__ import annotations

import json

import pytest

from planner.web import handle
from tests.planner.conftest import BASE_REQUEST, FIXTURE_CATALOGUE

CATALOGUE = json.dumps(FIXTURE_CATALOGUE)
KEYS = {"status", "message", "plan", "infeasible", "markdown", "ics", "svg"}


def call(request: dict | str, catalogue: str = CATALOGUE, **kw) -> dict:
    text = request if isinstance(request, str) else json.dumps(request)
    out = handle(catalogue, text, **kw)
    data = json.loads(out)
    assert set(data) == KEYS
    return data


def test_a_plan_comes_with_markdown_calendar_and_both_charts():
    data = call(BASE_REQUEST)
    assert data["status"] == "ok"
    assert data["plan"]["schema_version"] == 1
    assert data["markdown"].startswith("# Three total-body workouts")
    assert data["ics"].startswith("BEGIN:VCALENDAR\r\n")
    assert data["svg"]["coverage"].startswith("<svg") and data["svg"]["volume"].startswith("<svg")


def test_links_in_the_markdown_can_be_made_relative_to_the_page():
    data = call(BASE_REQUEST, base_url="../")
    assert "](../exercises/" in data["markdown"]


def test_the_same_request_gives_byte_identical_output():
    assert handle(CATALOGUE, json.dumps(BASE_REQUEST)) == handle(
        CATALOGUE, json.dumps(BASE_REQUEST)
    )


def test_a_request_that_cannot_be_met_explains_itself_with_changes_to_try():
    data = call({**BASE_REQUEST, "days": ["mon", "tue"]})
    assert data["status"] == "infeasible" and data["plan"] is None
    assert "you picked Monday and Tuesday" in data["message"]
    assert data["infeasible"]["rule"] == "days"
    assert data["infeasible"]["suggestions"][0]["change"] == {"days": ["mon", "tue", "wed", "fri"]}


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
