"""Golden weeks: the four seed splits planned from the real content/, as the scheduling page
shows them (a beginner with every piece of equipment and an hour a session).

Each plan must pass the plan critic, and its first week must match the stored snapshot in
golden/seed_splits.json, which a person has read as a coach would. When content/ or the planner
changes on purpose, refresh the snapshot with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/planner/test_golden.py
and read the diff like any other change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.site.schedule_examples import EXAMPLE_DAYS, example_request
from planner.catalogue import Catalogue
from planner.formats import to_ics, to_json, to_markdown, to_text
from planner.formats.json_format import plan_to_dict
from planner.plan import Plan, make_plan
from planner.request import parse_request
from tests.planner import critic

GOLDEN = Path(__file__).parent / "golden" / "seed_splits.json"


def request_for(real_catalogue: dict, split: str) -> dict:
    """The scheduling page's own request for the split, over eight weeks."""
    equipment = [e["id"] for e in real_catalogue["equipment"]]
    return {**example_request({"id": split, "sessions": []}, equipment), "weeks": 8}


def snapshot(plan: dict) -> dict:
    week = plan["weeks"][0]
    return {
        "days_used": plan["days_used"],
        "rest_ok": plan["rest_ok"],
        "sessions": [
            {
                "weekday": s["weekday"],
                "type": s["session_type"],
                "minutes": s["estimated_minutes"],
                "exercises": [
                    f"{e['id']} {e['sets']}x{e['reps_min']}-{e['reps_max']} "
                    f"RIR {e['rir_min']}-{e['rir_max']}"
                    + (f" {e['superset']}" if e["superset"] else "")
                    for e in s["exercises"]
                ],
            }
            for s in week["sessions"]
        ],
        "weekly_sets": {v["muscle"]: v["sets"] for v in plan["volume"]},
        "deload_weeks": [w["number"] for w in plan["weeks"] if w["deload"]],
        "uncovered": [g["muscle"] for g in plan["uncovered"]],
    }


def plan_for(real_catalogue: dict, split: str):
    catalogue = Catalogue.from_dict(real_catalogue)
    req = request_for(real_catalogue, split)
    result = make_plan(catalogue, parse_request(req, catalogue))
    assert isinstance(result, Plan), result.message
    return req, result


@pytest.mark.parametrize("split", list(EXAMPLE_DAYS))
def test_each_seed_split_gets_a_plan_the_critic_passes(real_catalogue, split):
    req, result = plan_for(real_catalogue, split)
    plan = plan_to_dict(result)
    renders = {"text": to_text(result), "markdown": to_markdown(result), "ics": to_ics(result)}
    found = critic.critique(real_catalogue, req, json.loads(to_json(result)), renders)
    assert {name: lines for name, lines in found.items() if lines} == {}
    assert plan["days_used"] == EXAMPLE_DAYS[split]
    assert plan["rest_ok"]


@pytest.mark.parametrize("split", list(EXAMPLE_DAYS))
def test_each_seed_split_matches_its_golden_week(real_catalogue, split):
    _, result = plan_for(real_catalogue, split)
    plan = plan_to_dict(result)
    stored = json.loads(GOLDEN.read_text(encoding="utf-8")) if GOLDEN.exists() else {}
    if os.environ.get("UPDATE_GOLDEN"):
        stored[split] = snapshot(plan)
        GOLDEN.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert split in stored, "no golden week yet: run with UPDATE_GOLDEN=1"
    assert snapshot(plan) == stored[split]


def test_planning_the_real_content_twice_gives_the_same_bytes(real_catalogue):
    catalogue = Catalogue.from_dict(real_catalogue)
    req = parse_request(request_for(real_catalogue, "three-total-body"), catalogue)
    assert to_json(make_plan(catalogue, req)) == to_json(make_plan(catalogue, req))
