"""Golden tests: the four seed splits planned from the real content/.

Each plan must pass the independent checker, and its week must match the stored snapshot in
golden/seed_splits.json. When content/ changes on purpose, refresh the snapshot with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/planner/test_golden.py
and review the diff like any other change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from planner.catalogue import Catalogue
from planner.formats import to_json
from planner.formats.json_format import plan_to_dict
from planner.plan import Plan, make_plan
from planner.request import parse_request
from tests.planner.checker import check_plan, unused_room

GOLDEN = Path(__file__).parent / "golden" / "seed_splits.json"
EQUIPMENT = ["barbell", "dumbbells", "band", "bench"]
SPLITS = {
    "two-total-body": ["mon", "thu"],
    "three-total-body": ["mon", "wed", "fri"],
    "upper-lower-total": ["mon", "tue", "thu"],
    "two-upper-two-lower": ["mon", "tue", "thu", "fri"],
}


def request_for(split: str) -> dict:
    return {
        "split": split,
        "days": SPLITS[split],
        "equipment": EQUIPMENT,
        "level": "beginner",
        "minutes": 45,
        "weeks": 6,
        "start": "2026-11-30",
        "focus": None,
        "exclude": [],
        "prefer": [],
    }


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
                    f"{e['id']} {e['sets']}x{e['reps_min']}-{e['reps_max']}" for e in s["exercises"]
                ],
            }
            for s in week["sessions"]
        ],
        "weekly_sets": {v["muscle"]: v["sets"] for v in plan["volume"]},
        "deload_weeks": [w["number"] for w in plan["weeks"] if w["deload"]],
    }


def plan_for(real_catalogue: dict, split: str) -> tuple[dict, dict]:
    catalogue = Catalogue.from_dict(real_catalogue)
    req = request_for(split)
    result = make_plan(catalogue, parse_request(req, catalogue))
    assert isinstance(result, Plan), result.message
    return req, plan_to_dict(result)


@pytest.mark.parametrize("split", list(SPLITS))
def test_each_seed_split_gets_a_valid_plan_from_the_real_content(real_catalogue, split):
    req, plan = plan_for(real_catalogue, split)
    assert check_plan(real_catalogue, req, plan) == []
    assert unused_room(real_catalogue, req, plan) == []
    assert plan["days_used"] == SPLITS[split]
    assert plan["rest_ok"]


@pytest.mark.parametrize("split", list(SPLITS))
def test_each_seed_split_matches_its_golden_week(real_catalogue, split):
    _, plan = plan_for(real_catalogue, split)
    stored = json.loads(GOLDEN.read_text(encoding="utf-8")) if GOLDEN.exists() else {}
    if os.environ.get("UPDATE_GOLDEN"):
        stored[split] = snapshot(plan)
        GOLDEN.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert split in stored, "no golden week yet: run with UPDATE_GOLDEN=1"
    assert snapshot(plan) == stored[split]


def test_planning_the_real_content_twice_gives_the_same_bytes(real_catalogue):
    catalogue = Catalogue.from_dict(real_catalogue)
    req = parse_request(request_for("three-total-body"), catalogue)
    assert to_json(make_plan(catalogue, req)) == to_json(make_plan(catalogue, req))
