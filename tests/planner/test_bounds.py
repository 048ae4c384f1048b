"""The quick checks that settle requests before (and during) the exercise search are exact:
they agree with brute force on small cases, and demanding real requests get a settled answer."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import selection
from planner.bounds import coverage_fits, packing_value
from planner.catalogue import Catalogue
from planner.errors import RequestError
from planner.formats.json_format import plan_to_dict
from planner.plan import Infeasible, Plan, fitting, make_plan
from planner.request import eligible_exercises, parse_request
from planner.timing import WARMUP_SECONDS
from tests.planner.checker import Ctx, check_plan, confirm_infeasible, exists_week
from tests.planner.conftest import small_cases

GYM = ["band", "barbell", "bench", "cable", "dumbbells", "kettlebell", "machine", "pull-up-bar"]
MAIN_DAYS = {
    "two-total-body": ["mon", "thu"],
    "three-total-body": ["mon", "wed", "fri"],
    "upper-lower-total": ["mon", "tue", "thu"],
    "two-upper-two-lower": ["mon", "tue", "thu", "fri"],
}


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(small_cases())
def test_the_time_check_agrees_with_an_exhaustive_search(case):
    cat, req = case
    catalogue = Catalogue.from_dict(cat)
    try:
        request = parse_request(req, catalogue)
    except RequestError:
        return
    ctx = Ctx(cat, req)
    exercises = eligible_exercises(catalogue, request)
    fits = {t: fitting(catalogue, exercises, t) for t in set(request.sessions)}
    if not all(fits.values()):
        return
    limit = request.minutes * 60 - WARMUP_SECONDS
    need = catalogue.guidance.min_sessions_per_muscle
    quick = coverage_fits(exercises, request.sessions, fits, request.focus, limit, need)
    # The check does not look at days or rest, so neither may the exhaustive search: three
    # days (small cases have at most three sessions) with no rest days to keep.
    ctx.days, ctx.rest_days = ["mon", "tue", "wed"], 0
    assert quick == exists_week(ctx, volume=False, clean=False)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(small_cases(), st.sampled_from([0, 1, 2, 4]))
def test_answers_stay_true_when_the_search_bounds_cut_early(case, after):
    # The bounds normally wait some steps; here they start at once or after a few, so they
    # also run on weeks that already hold exercises.
    cat, req = case
    catalogue = Catalogue.from_dict(cat)
    try:
        request = parse_request(req, catalogue)
    except RequestError:
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(selection, "BOUNDS_AFTER", after)
        result = make_plan(catalogue, request)
    if isinstance(result, Infeasible):
        assert confirm_infeasible(cat, req, result.rule) is None, result.message
    else:
        assert check_plan(cat, req, plan_to_dict(result)) == []


@given(
    st.lists(st.tuples(st.integers(1, 60), st.integers(30, 700)), min_size=1, max_size=7),
    st.integers(30, 2000),
)
def test_the_packing_bound_is_never_below_the_best_packing(items, room):
    items = [(v, s) for v, s in items if s <= room]
    best = 0
    for r in range(len(items) + 1):
        for combo in itertools.combinations(items, r):
            if sum(s for _, s in combo) <= room:
                best = max(best, sum(v for v, _ in combo))
    assert packing_value(items, room) >= best


@pytest.mark.parametrize("split", list(MAIN_DAYS))
@pytest.mark.parametrize("level", ["intermediate", "advanced"])
@pytest.mark.parametrize("minutes", [20, 30, 45])
def test_demanding_real_requests_get_a_settled_answer(real_catalogue, split, level, minutes):
    catalogue = Catalogue.from_dict(real_catalogue)
    for equipment in (GYM, ["dumbbells", "band"]):
        req = {
            "split": split,
            "days": MAIN_DAYS[split],
            "equipment": equipment,
            "level": level,
            "minutes": minutes,
            "start": "2026-11-30",
        }
        result = make_plan(catalogue, parse_request(req, catalogue))
        assert isinstance(result, Plan) or result.rule != "search-limit", req
        if isinstance(result, Infeasible):
            assert "To fix it:" in result.message, result.message
