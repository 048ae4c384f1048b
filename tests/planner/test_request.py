"""Bad input gives one typed error with a plain message naming the field and what is allowed."""

from __future__ import annotations

import copy

import pytest

from planner.catalogue import Catalogue
from planner.errors import CatalogueError, RequestError
from planner.model import Infeasible, Plan
from planner.plan import make_plan
from planner.request import parse_request
from tests.planner.test_formats import PATTERNED_CATALOGUE


@pytest.fixture
def fixture_catalogue() -> dict:
    """The shared fixture with movement patterns, group sizes and gear resistance."""
    return copy.deepcopy(PATTERNED_CATALOGUE)


def parse(cat: dict, req: dict):
    return parse_request(req, Catalogue.from_dict(cat))


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"split": "four-total-body"}, "split", ["two-total-body", "three-total-body", "upper"]),
        ({"split": ["upper", "legs"]}, "split", ["legs", "total-body", "lower"]),
        ({"days": ["mon", "thurs"]}, "days", ["thurs", "mon, tue, wed, thu, fri, sat, sun"]),
        ({"days": []}, "days", ["at least one weekday"]),
        ({"equipment": ["rowing-machine"]}, "equipment", ["rowing-machine", "barbell", "band"]),
        ({"focus": ["abs"]}, "focus", ["abs", "glutes", "hamstrings"]),
        ({"exclude": ["squat"]}, "exclude", ["squat", "romanian-deadlift"]),
        ({"weeks": 0}, "weeks", ["1 to 16"]),
        ({"weeks": 17}, "weeks", ["1 to 16"]),
        ({"weeks": "four"}, "weeks", ["whole number"]),
        ({"level": "expert"}, "level", ["beginner, intermediate, advanced"]),
        ({"start": "30/11/2026"}, "start", ["YYYY-MM-DD"]),
        ({"start": "2026-02-30"}, "start", ["YYYY-MM-DD"]),
        ({"minutes": 5}, "minutes", ["10 to 240"]),
        ({"colour": "red"}, "colour", ["Allowed fields"]),
    ],
)
def test_bad_request_fields_are_named_with_the_allowed_values(
    fixture_catalogue, base_request, change, field, words
):
    with pytest.raises(RequestError) as err:
        parse(fixture_catalogue, {**base_request, **change})
    assert err.value.field == field
    for word in words:
        assert word in str(err.value)


def test_too_few_minutes_is_not_a_bad_request_but_a_refusal_with_checked_fixes(
    fixture_catalogue, base_request
):
    for e in fixture_catalogue["exercises"]:
        e["rest_max"] = 120  # every exercise is now slower: a main lift needs over 10 minutes
    catalogue = Catalogue.from_dict(fixture_catalogue)
    req = {**base_request, "minutes": 10}
    parsed = parse_request(req, catalogue)  # well formed: no RequestError
    assert parsed.minutes == 10
    result = make_plan(catalogue, parsed)
    assert isinstance(result, Infeasible) and result.rule == "time"
    assert "10 minutes is too short for a warm-up and the main lift of each session" in (
        result.message
    )
    assert result.suggestions
    for suggestion in result.suggestions:
        change = dict(suggestion.change)
        assert set(change) == {"minutes"} and change["minutes"] > 10
        assert f"allow {change['minutes']} minutes per session" == suggestion.text
        fixed = make_plan(catalogue, parse_request({**req, **change}, catalogue))
        assert isinstance(fixed, Plan), suggestion.text


def test_equipment_that_leaves_no_exercise_is_a_refusal_naming_what_to_tick(
    fixture_catalogue, base_request
):
    for e in fixture_catalogue["exercises"]:
        e["equipment"], e["substitutes"] = ["cable"], []
    catalogue = Catalogue.from_dict(fixture_catalogue)
    req = {**base_request, "equipment": ["band"]}
    result = make_plan(catalogue, parse_request(req, catalogue))
    assert isinstance(result, Infeasible) and result.rule == "exercises"
    assert result.message.startswith(
        "No exercise you can do with the equipment and level chosen trains the "
    )
    assert "glutes" in result.message and "hamstrings" in result.message
    texts = [s.text for s in result.suggestions]
    assert texts[0] == "tick cable"
    assert dict(result.suggestions[0].change) == {"equipment": ["band", "cable"]}
    for suggestion in result.suggestions:
        fixed = make_plan(catalogue, parse_request({**req, **dict(suggestion.change)}, catalogue))
        assert isinstance(fixed, Plan), suggestion.text


def test_an_exercise_cannot_be_both_preferred_and_excluded(fixture_catalogue, base_request):
    req = {**base_request, "prefer": ["glute-bridge"], "exclude": ["glute-bridge"]}
    with pytest.raises(RequestError, match="cannot be both"):
        parse(fixture_catalogue, req)


def test_defaults_fill_optional_fields_and_focus_means_every_posterior_group(fixture_catalogue):
    req = parse(
        fixture_catalogue,
        {"split": "two-total-body", "days": ["tue", "fri"], "start": "2026-12-01"},
    )
    assert req.level == "beginner" and req.minutes == 45 and req.weeks == 4
    assert req.focus == (
        "calves",
        "erector-spinae",
        "glutes",
        "hamstrings",
        "lats",
        "neck",
        "rear-delts",
        "upper-traps",
    )
    assert req.equipment == ("bodyweight",)


def test_a_custom_split_is_a_list_of_session_types(fixture_catalogue, base_request):
    req = parse(fixture_catalogue, {**base_request, "split": ["upper", "lower"]})
    assert req.split_id is None and req.sessions == ("upper", "lower")


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (lambda c: c.pop("exercises"), "exercises: missing"),
        (lambda c: c["exercises"][0].update(sets=0), "exercises[0].sets"),
        (lambda c: c["exercises"][1].update(primary=["wings"]), "unknown muscle 'wings'"),
        (lambda c: c["muscles"].append(dict(c["muscles"][0])), "appears twice"),
        (lambda c: c["splits"][0].update(sessions=["legs"]), "unknown session type 'legs'"),
        (lambda c: c.update(version=2), "version 1"),
    ],
)
def test_a_malformed_catalogue_names_the_bad_field(fixture_catalogue, mutate, words):
    mutate(fixture_catalogue)
    with pytest.raises(CatalogueError) as err:
        Catalogue.from_dict(fixture_catalogue)
    assert words in str(err.value)
