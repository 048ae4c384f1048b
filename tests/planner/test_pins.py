"""Pins: a swap the person chose ("mon:romanian-deadlift=good-morning") holds that exercise in
that day's session, in the slot the swapped one had; the rest of the week is planned around
it and still passes every rule of the plan critic. A pin that no longer applies is left out
and named in the warnings; a pin that is not a pin is refused in words."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from planner.catalogue import Catalogue
from planner.errors import RequestError
from planner.formats import to_ics, to_json, to_markdown, to_text
from planner.formats.json_format import plan_to_dict
from planner.plan import Plan, make_plan
from planner.request import parse_request
from planner.swaps import alternatives
from tests.planner import conftest, critic
from tests.planner.conftest import BASE_REQUEST, ROOT

GYM = {
    **BASE_REQUEST,
    "equipment": ["barbell", "dumbbells", "band", "kettlebell", "bench"],
    "level": "intermediate",
}


def real() -> tuple[dict, Catalogue]:
    text = conftest.real_catalogue_text()
    if text is None:
        pytest.skip("`python -m generator catalogue` needs the project venv (.venv)")
    data = json.loads(text)
    return data, Catalogue.from_dict(data)


def plan(request: dict) -> tuple[dict, Plan]:
    data, catalogue = real()
    result = make_plan(catalogue, parse_request(request, catalogue))
    assert isinstance(result, Plan), result.message
    return data, result


def session(plan_dict: dict, day: str, week: int = 1) -> dict:
    return next(s for s in plan_dict["weeks"][week - 1]["sessions"] if s["weekday"] == day)


def no_violations(data: dict, request: dict, result: Plan) -> None:
    renders = {"text": to_text(result), "markdown": to_markdown(result), "ics": to_ics(result)}
    found = critic.critique(data, request, json.loads(to_json(result)), renders)
    assert {name: lines for name, lines in found.items() if lines} == {}


def first_swap(request: dict, day: str = "mon") -> tuple[str, str, str]:
    """(exercise, replacement, role): the first exercise of the day that has an alternative."""
    data, catalogue = real()
    _, result = plan(request)
    for e in session(plan_to_dict(result), day)["exercises"]:
        found = alternatives(catalogue, parse_request(request, catalogue), day, e["id"])
        if found:
            return e["id"], found[0].id, e["role"]
    raise AssertionError("no exercise of the day has an alternative")


def test_a_pinned_plan_holds_the_replacement_in_that_days_slot_all_weeks_and_marks_it():
    exercise, replacement, role = first_swap(GYM)
    pin = f"mon:{exercise}={replacement}"
    data, result = plan({**GYM, "pins": [pin]})
    out = plan_to_dict(result)
    for week in range(1, len(out["weeks"]) + 1):
        monday = session(out, "mon", week)
        ids = [e["id"] for e in monday["exercises"]]
        assert replacement in ids and exercise not in ids
        chosen = next(e for e in monday["exercises"] if e["id"] == replacement)
        assert chosen["pinned"] is True and chosen["role"] == role
        assert chosen["reason"].startswith("You chose it in place of ")
        others = [e for s in out["weeks"][week - 1]["sessions"] for e in s["exercises"]]
        assert sum(e["pinned"] for e in others) == 1
    assert out["request"]["pins"] == [pin]
    no_violations(data, {**GYM, "pins": [pin]}, result)


@pytest.mark.parametrize(
    "request_",
    [
        GYM,
        {**BASE_REQUEST, "equipment": [], "level": "beginner"},
        {**GYM, "split": "two-upper-two-lower", "days": ["mon", "tue", "thu", "fri"]},
        {**GYM, "split": "upper-lower-total", "days": ["mon", "wed", "fri"], "level": "advanced"},
    ],
    ids=["gym", "bodyweight", "upper-lower", "advanced"],
)
def test_every_alternative_offered_on_every_day_pinned_gives_a_plan_the_critic_passes(request_):
    data, catalogue = real()
    _, result = plan(request_)
    base = plan_to_dict(result)
    tried = 0
    for s in base["weeks"][0]["sessions"]:
        for e in s["exercises"]:
            req = parse_request(request_, catalogue)
            for alt in alternatives(catalogue, req, s["weekday"], e["id"]):
                pinned_request = {**request_, "pins": [f"{s['weekday']}:{e['id']}={alt.id}"]}
                _, pinned = plan(pinned_request)
                out = plan_to_dict(pinned)
                day = session(out, s["weekday"])
                assert alt.id in [x["id"] for x in day["exercises"]], pinned_request["pins"]
                assert not out["warnings"] or not out["warnings"][-1].startswith("The swap")
                no_violations(data, pinned_request, pinned)
                tried += 1
    assert tried >= 3


def test_a_plan_without_pins_is_the_plan_it_always_was():
    _, catalogue = real()
    request = parse_request(GYM, catalogue)
    assert request.pins == () and request.to_dict()["pins"] == []
    out = plan_to_dict(make_plan(catalogue, request))
    assert not any(e["pinned"] for w in out["weeks"] for s in w["sessions"] for e in s["exercises"])


def test_pins_are_normalised_and_round_trip_through_to_dict():
    _, catalogue = real()
    exercise, replacement, _ = first_swap(GYM)
    pins = [f" MON:{exercise}={replacement}", f"mon:{exercise}={replacement}", "fri:a=b"]
    pins = pins[:2] + ["wed:romanian-deadlift=good-morning"]
    request = parse_request({**GYM, "pins": pins}, catalogue)
    assert request.pins == tuple(
        sorted([f"mon:{exercise}={replacement}", "wed:romanian-deadlift=good-morning"])
    )
    again = parse_request(request.to_dict(), catalogue)
    assert again == request and again.to_dict() == request.to_dict()


@pytest.mark.parametrize(
    ("pins", "words"),
    [
        (["mon-romanian-deadlift"], "is not a pin; write day:exercise=replacement"),
        (["xyz:romanian-deadlift=good-morning"], "names the day 'xyz'"),
        (["mon:romanian-deadlift=no-such-lift"], "names the unknown exercise 'no-such-lift'"),
        (["mon:good-morning=good-morning"], "swaps an exercise for itself"),
        (
            ["mon:romanian-deadlift=good-morning", "mon:romanian-deadlift=deadlift"],
            "swap one exercise of one day twice",
        ),
        ([7], "pins: expected text like e.g. mon:romanian-deadlift=good-morning"),
        ({"mon": "x"}, "pins: expected a list of pins"),
        (["mon:a=b"] * 50, "pins: 50 pins; a week has room for at most 49"),
    ],
)
def test_a_pin_that_is_not_a_pin_is_refused_in_words(pins, words):
    _, catalogue = real()
    with pytest.raises(RequestError) as info:
        parse_request({**GYM, "pins": pins}, catalogue)
    assert words in info.value.message and info.value.field == "pins"


def test_a_pin_that_no_longer_applies_is_left_out_and_named_in_the_warnings():
    exercise, replacement, _ = first_swap(GYM)
    _, plain = plan(GYM)
    cases = {
        f"tue:{exercise}={replacement}": "the plan has no session on Tuesday",
        f"mon:hip-thrust-no={replacement}": None,  # not an exercise: refused, not warned
        f"mon:{replacement}={exercise}": "is not in Monday's session",
        f"mon:{exercise}=nordic-hamstring-curl": "cannot take its place there under the plan's",
    }
    for pin, words in cases.items():
        if words is None:
            continue
        _, result = plan({**GYM, "pins": [pin]})
        out, base = plan_to_dict(result), plan_to_dict(plain)
        assert out["warnings"][:-1] == base["warnings"]
        assert out["warnings"][-1].startswith("The swap on ") and words in out["warnings"][-1]
        assert out["weeks"] == base["weeks"]  # nothing else changed


def test_the_cli_pin_gives_the_same_plan_json_as_the_request_field(tmp_path):
    exercise, replacement, _ = first_swap(GYM)
    pin = f"mon:{exercise}={replacement}"
    catalogue_file = tmp_path / "catalogue.json"
    catalogue_file.write_text(conftest.real_catalogue_text(), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "planner",
            "plan",
            "--catalogue",
            str(catalogue_file),
            "--split",
            GYM["split"],
            "--days",
            ",".join(GYM["days"]),
            "--equipment",
            ",".join(GYM["equipment"]),
            "--level",
            GYM["level"],
            "--start",
            GYM["start"],
            "--pin",
            pin,
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    _, result = plan({**GYM, "pins": [pin]})
    assert done.stdout == to_json(result)
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "planner",
            "plan",
            "--catalogue",
            str(catalogue_file),
            "--pin",
            "monday",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert bad.returncode == 2 and "is not a pin" in bad.stderr
