"""A request the planner cannot meet is never a dead end: it names the rule in plain words and
offers at least one change that was tried and gives a plan, even when two things are wrong at
once (too few days and too few minutes)."""

from __future__ import annotations

import itertools

import pytest

from planner.catalogue import Catalogue
from planner.plan import Infeasible, Plan, make_plan
from planner.request import parse_request

SPLITS = ("two-total-body", "three-total-body", "upper-lower-total", "two-upper-two-lower")
DAY_CHOICES = [list(d) for k in (1, 2, 3) for d in itertools.combinations(("mon", "tue", "sun"), k)]


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("minutes", [10, 45])
def test_every_refusal_offers_a_change_that_gives_a_plan(real_catalogue, split, minutes):
    catalogue = Catalogue.from_dict(real_catalogue)
    refused = 0
    for days in DAY_CHOICES:
        for equipment in ([], ["dumbbells", "band"]):
            req = {
                "split": split,
                "days": days,
                "equipment": equipment,
                "level": "beginner",
                "minutes": minutes,
                "start": "2026-11-30",
            }
            request = parse_request(req, catalogue)
            result = make_plan(catalogue, request)
            if not isinstance(result, Infeasible):
                continue
            refused += 1
            assert result.suggestions, f"{req}: {result.message} (no change offered)"
            for s in result.suggestions:
                changed = parse_request({**request.to_dict(), **dict(s.change)}, catalogue)
                assert isinstance(make_plan(catalogue, changed), Plan), (req, s.text)
    assert refused, "the grid should hold requests that cannot be met as asked"


def test_two_problems_at_once_get_one_change_that_fixes_both(real_catalogue):
    catalogue = Catalogue.from_dict(real_catalogue)
    req = {"split": "three-total-body", "days": ["mon"], "minutes": 10, "start": "2026-11-30"}
    result = make_plan(catalogue, parse_request(req, catalogue))
    assert isinstance(result, Infeasible) and result.rule == "days"
    assert result.message == "Three total-body workouts has 3 sessions a week and you picked 1 day."
    text = result.suggestions[0].text
    assert text.startswith("add ") and "and allow" in text and "minutes per session" in text
    assert {k for k, _ in result.suggestions[0].change} == {"days", "minutes"}
