"""Properties over random catalogues and requests (hypothesis): the core never crashes, gives
the same bytes for the same request, keeps the session rules a coach would check on any
catalogue, and every fix it offers for a refusal really gives a plan."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.catalogue import Catalogue
from planner.errors import RequestError
from planner.fill import MAX_EXERCISES
from planner.formats import to_json
from planner.plan import Infeasible, make_plan
from planner.request import parse_request
from tests.planner.conftest import catalogues, requests

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def answer(cat: dict, req: dict):
    catalogue = Catalogue.from_dict(cat)
    try:
        request = parse_request(req, catalogue)
    except RequestError:
        return catalogue, None, None
    return catalogue, request, make_plan(catalogue, request)


@SETTINGS
@given(st.data())
def test_any_request_on_any_catalogue_gets_a_plan_or_a_refusal_the_same_every_time(data):
    cat = data.draw(catalogues())
    req = data.draw(requests(cat))
    catalogue, request, result = answer(cat, req)
    if request is None:
        return
    assert to_json(result) == to_json(make_plan(catalogue, request))


@SETTINGS
@given(st.data())
def test_sessions_keep_the_coach_s_rules_on_any_catalogue(data):
    cat = data.draw(catalogues())
    catalogue, request, result = answer(cat, data.draw(requests(cat)))
    if request is None or isinstance(result, Infeasible):
        return
    for week in result.weeks:
        for s in week.sessions:
            assert len(s.exercises) <= MAX_EXERCISES
            ids = [e.id for e in s.exercises]
            assert len(ids) == len(set(ids)), "an exercise twice in one session"
            kinds = [e.mechanics for e in s.exercises if e.role != "small"]
            assert kinds == sorted(kinds), "an isolation exercise before a compound one"
            roles = [e.role == "small" for e in s.exercises]
            assert roles == sorted(roles), "a small group's exercise before a larger one's"
            for e in s.exercises:
                assert e.progression.kind != "bodyweight" or "add the smallest step" not in (
                    e.progression.rule
                )


@SETTINGS
@given(st.data())
def test_every_fix_offered_for_a_refusal_gives_a_plan(data):
    cat = data.draw(catalogues())
    catalogue, request, result = answer(cat, data.draw(requests(cat)))
    if request is None or not isinstance(result, Infeasible):
        return
    for s in result.suggestions:
        changed = {**request.to_dict(), **dict(s.change)}
        assert not isinstance(make_plan(catalogue, parse_request(changed, catalogue)), Infeasible)
