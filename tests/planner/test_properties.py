"""Property tests: random catalogues and requests, every plan checked by an independent
checker, every "cannot be met" answer confirmed by exhaustive search on small cases."""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from planner.catalogue import Catalogue
from planner.errors import RequestError
from planner.formats import to_json
from planner.formats.json_format import plan_to_dict
from planner.plan import Infeasible, make_plan
from planner.request import parse_request
from tests.planner.checker import Ctx, check_plan, confirm_infeasible, exists_week, unused_room
from tests.planner.conftest import EQUIPMENT, catalogues, requests, small_cases

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def plan_or_none(cat: dict, req: dict):
    catalogue = Catalogue.from_dict(cat)
    try:
        request = parse_request(req, catalogue)
    except RequestError as err:
        event(f"bad request: {err.field}")
        return None
    result = make_plan(catalogue, request)
    event(f"cannot be met: {result.rule}" if isinstance(result, Infeasible) else "plan")
    return result


@SETTINGS
@given(st.data())
def test_every_plan_for_a_random_catalogue_passes_the_independent_checker(data):
    cat = data.draw(catalogues(min_exercises=4, max_exercises=24))
    req = data.draw(requests(cat))
    if data.draw(st.booleans()):
        req.update(level="advanced", equipment=EQUIPMENT[1:])
    result = plan_or_none(cat, req)
    if result is None or isinstance(result, Infeasible):
        return
    plan = plan_to_dict(result)
    assert check_plan(cat, req, plan) == []
    assert unused_room(cat, req, plan) == []


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(small_cases())
def test_small_cases_plans_are_valid_and_cannot_be_met_answers_are_really_infeasible(case):
    cat, req = case
    result = plan_or_none(cat, req)
    if result is None:
        return
    if isinstance(result, Infeasible):
        assert result.rule != "search-limit"
        assert confirm_infeasible(cat, req, result.rule) is None, result.message
        for suggestion in result.suggestions:
            fixed = plan_or_none(cat, {**req, **dict(suggestion.change)})
            if result.rule in ("frequency", "time", "volume"):
                # these hints were checked by re-running the planner: they must give a plan
                assert fixed is not None and not isinstance(fixed, Infeasible), suggestion.text
            else:
                assert not (
                    isinstance(fixed, Infeasible)
                    and fixed.rule == result.rule
                    and fixed.message == result.message
                ), suggestion.text
        return
    plan = plan_to_dict(result)
    assert check_plan(cat, req, plan) == []
    assert unused_room(cat, req, plan) == []
    if not plan["rest_ok"]:
        # "when the chosen days allow it": no week at all would have given 48 hours' rest
        assert not exists_week(Ctx(cat, req), volume=True, clean=True)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_the_same_request_always_gives_byte_identical_json(data):
    cat = data.draw(catalogues(min_exercises=4, max_exercises=16))
    req = data.draw(requests(cat))
    first = plan_or_none(cat, req)
    if first is None:
        return
    again = plan_or_none(dict(reversed(list(cat.items()))), dict(reversed(list(req.items()))))
    assert to_json(first) == to_json(again)
