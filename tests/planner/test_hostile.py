"""Hostile input to the planner (issue 17): whatever arrives, handle() answers with its JSON
envelope and the CLI with an exit status and one sentence, never a traceback.

One test per cause the fuzzing found, through handle() and through `python -m planner`, then a
hypothesis test that throws arbitrary JSON at every request field, and catalogues far wider
than the real one (30 muscle groups, 2,000 exercises) that must still be answered.
"""

from __future__ import annotations

import copy
import json
import random
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.browser import handle
from planner.catalogue import Catalogue
from planner.errors import CatalogueError
from planner.request import FIELDS

from .conftest import BASE_REQUEST, FIXTURE_CATALOGUE, ROOT

CATALOGUE_TEXT = json.dumps(FIXTURE_CATALOGUE)
ENVELOPE_KEYS = {"status", "message", "plan", "infeasible", "markdown", "ics", "svg"}


def answer(request, catalogue=CATALOGUE_TEXT, base_url="") -> dict:
    text = request if isinstance(request, str | bytes) or request is None else json.dumps(request)
    envelope = json.loads(handle(catalogue, text, base_url))
    assert set(envelope) == ENVELOPE_KEYS
    assert envelope["status"] in ("ok", "infeasible", "error")
    message = envelope["message"]
    assert isinstance(message, str) and message.strip(), envelope
    assert len(message.splitlines()) == 1, message
    assert "bug" not in message, message
    return envelope


def refused(request, **kwargs) -> str:
    envelope = answer(request, **kwargs)
    assert envelope["status"] == "error", envelope["message"]
    assert envelope["plan"] is None and envelope["ics"] == ""
    return envelope["message"]


def with_(**fields) -> dict:
    return {**copy.deepcopy(BASE_REQUEST), **fields}


# --- through handle(): one test per cause -------------------------------------------------------


@pytest.mark.parametrize("field", ["split", "days", "start"])
def test_a_required_field_sent_as_null_is_named_as_missing(field):
    message = refused(with_(**{field: None}))
    assert message.startswith(f"{field}: missing")


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("minutes", "²", "minutes: expected a whole number from 10 to 240, got '²'"),
        ("minutes", "٤٥", "minutes: expected a whole number from 10 to 240"),
        ("minutes", True, "minutes: expected a whole number from 10 to 240, got true"),
        ("weeks", 10**40, "weeks: must be from 1 to 16"),
        ("weeks", "9" * 5000, "weeks: expected a whole number from 1 to 16, got '9999"),
        ("weeks", 4.0, "weeks: expected a whole number from 1 to 16, got 4.0"),
        ("level", ["beginner"], "level: expected one of beginner, intermediate, advanced"),
        ("equipment", [["barbell"]], "equipment: expected a list of equipment ids, but item 1"),
        ("equipment", {"barbell": True}, "equipment: expected a list of equipment ids, got an"),
        ("days", ["mon", 3], "days: expected a list of weekday ids, but item 2 is 3"),
        ("focus", "x" * 5000, "focus: unknown muscle 'xxxx"),
        ("exclude", [None], "exclude: expected a list of exercise ids, but item 1 is null"),
        ("split", 3, "split: expected a split id or a list of session type ids, got 3"),
        ("split", ["upper"] * 9, "split: a custom split needs 1 to 7 sessions, got 9"),
        ("start", "2026-02-30", "start: expected a date written YYYY-MM-DD"),
        ("start", ["2026-11-30"], "start: expected a date written YYYY-MM-DD"),
    ],
)
def test_a_wrong_typed_or_out_of_range_field_is_named_with_what_is_allowed(field, value, expected):
    message = refused(with_(**{field: value}))
    assert message.startswith(expected)
    assert len(message) < 400


def test_a_number_of_5000_digits_in_the_request_is_refused_in_words():
    text = json.dumps(with_()).replace('"weeks": 4', '"weeks": ' + "9" * 5000)
    assert refused(text) == (
        "The request holds a number 5,000 digits long; no field takes more than 100"
    )


def test_a_list_of_a_hundred_thousand_days_is_refused_before_it_is_walked():
    message = refused(with_(days=["mon"] * 100_000))
    assert message == "days: expected at most 20,000 weekday ids, got 100,000"


def test_a_plan_that_would_run_past_the_year_9999_is_refused_with_the_latest_start():
    message = refused(with_(start="9999-12-27"))
    assert message == (
        "start: a 4-week plan from 9999-12-27 would run past the year 9999; "
        "start on or before 9999-12-03"
    )
    assert answer(with_(start="9999-12-03"))["status"] == "ok"


def test_a_calendar_before_the_year_1000_writes_eight_digit_dates():
    envelope = answer(with_(start="0005-01-03", weeks=1))
    assert envelope["status"] == "ok"
    dates = re.findall(r"^DT(?:START|END);VALUE=DATE:(\S+)\r$", envelope["ics"], re.MULTILINE)
    assert dates and all(re.fullmatch(r"\d{8}", d) for d in dates)
    assert "00050103" in dates


@pytest.mark.parametrize("base_url", [None, 5, ["../"], "x" * 3000])
def test_a_base_url_that_is_not_short_text_is_refused(base_url):
    assert refused(with_(), base_url=base_url).startswith("base_url: expected text")


@pytest.mark.parametrize(
    ("request_text", "expected"),
    [
        ('{"split": ', "The request is not valid JSON at line 1, column 11"),
        ("[" * 100_000, "The request is too large to plan."),
        (None, "The request must be JSON text"),
        (b"\xff\xfe{", "The request is not UTF-8 text"),
        ("[1, 2]", "request: expected a JSON object with the fields split, days"),
    ],
)
def test_a_request_that_is_not_a_json_object_is_refused_in_words(request_text, expected):
    assert refused(request_text).startswith(expected)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda c: c.pop("muscles"), "catalogue: muscles: missing"),
        (lambda c: c.update(muscles={}), "catalogue: muscles: expected a list, got an object"),
        (
            lambda c: c["muscles"][0].update(region="middle"),
            "catalogue: muscles[0].region: 'middle' is not one of upper, lower",
        ),
        (
            lambda c: c["muscles"][0].update(name="Biceps\nand more"),
            "catalogue: muscles[0].name: 'Biceps\\nand more' holds a line break",
        ),
        (
            lambda c: c["exercises"][0].update(id="Back Extension"),
            "catalogue: exercises[0].id: 'Back Extension' is not an id",
        ),
        (
            lambda c: c["exercises"][0].update(sets=10**5000),
            "catalogue: exercises[0].sets: expected a whole number from 1 to 10, got a number "
            "of about 5,000 digits",
        ),
        (
            lambda c: c["exercises"][0].update(url="javascript:alert(1)"),
            "catalogue: exercises[0].url: 'javascript:alert(1)' is not a link the plan can use",
        ),
        (
            lambda c: c["exercises"][0].update(primary=["glutes", "glutes"]),
            "catalogue: exercises[0].primary: 'glutes' appears twice",
        ),
        (
            lambda c: c["exercises"][0].update(primary=["x" * 100]),
            "catalogue: exercises[0].primary: 'xxxx",
        ),
        (
            lambda c: c.update(exercises=[{}] * 20_001),
            "catalogue: exercises: expected at most 20,000 items, got 20,001",
        ),
        (lambda c: c.update(version=[1]), "catalogue: version: this planner reads catalogue"),
    ],
)
def test_a_catalogue_of_the_wrong_shape_or_size_is_refused_naming_the_field(change, expected):
    catalogue = copy.deepcopy(FIXTURE_CATALOGUE)
    change(catalogue)
    with pytest.raises(CatalogueError) as raised:
        Catalogue.from_dict(catalogue)
    assert str(raised.value).startswith(expected)
    assert len(str(raised.value).splitlines()) == 1
    # the browser sees the same sentence, except for numbers JSON text cannot hold anyway
    if "5,000 digits" not in expected:
        assert refused(with_(), catalogue=json.dumps(catalogue)).startswith(expected)


def test_a_catalogue_that_is_not_utf8_or_not_text_is_refused():
    assert refused(with_(), catalogue=b"\xff{}") == "The catalogue is not UTF-8 text"
    assert refused(with_(), catalogue=None) == "The catalogue must be JSON text"


# --- through the CLI ------------------------------------------------------------------------------


def planner_cli(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "planner", "plan", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


@pytest.fixture(scope="module")
def catalogue_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("catalogue") / "catalogue.json"
    path.write_text(CATALOGUE_TEXT, encoding="utf-8")
    return str(path)


def one_sentence(done: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--minutes", "²"], "error: minutes: expected a whole number from 10 to 240, got '²'"),
        (["--weeks", "9" * 5000], "error: weeks: expected a whole number from 1 to 16"),
        (["--start", "9999-12-27"], "error: start: a 4-week plan from 9999-12-27 would run"),
        (
            ["--equipment", "barbell,dumbbells,band", "-o", "/nonexistent/x.json"],
            "error: cannot write /nonexistent/x.json",
        ),
        (
            ["--days", "mon", "--format", "json", "-o", "/nonexistent/x.json"],
            "error: cannot write /nonexistent/x.json",
        ),
    ],
)
def test_the_cli_answers_bad_input_with_exit_2_and_one_sentence(catalogue_file, args, expected):
    done = planner_cli("--catalogue", catalogue_file, "--start", "2026-11-30", *args)
    assert done.returncode == 2
    assert one_sentence(done).startswith(expected)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff" + CATALOGUE_TEXT.encode(), "is not UTF-8 text (byte 0xff at offset 0)"),
        (b'{"version": 1,', "is not valid JSON: Expecting property name enclosed in double"),
        (b'{"version": 1, "muscles": {}}', "catalogue: muscles: expected a list"),
        (b"[" * 100_000, "is not valid JSON (nested too deeply to read)"),
    ],
)
def test_the_cli_refuses_a_broken_catalogue_file_with_exit_2(tmp_path, content, expected):
    path = tmp_path / "catalogue.json"
    path.write_bytes(content)
    done = planner_cli("--catalogue", str(path))
    assert done.returncode == 2
    assert expected in one_sentence(done)


def test_the_cli_refuses_a_folder_as_catalogue(tmp_path):
    done = planner_cli("--catalogue", str(tmp_path))
    assert done.returncode == 2
    assert one_sentence(done).endswith("it is a folder")


def test_a_request_that_cannot_be_met_still_exits_1(catalogue_file):
    done = planner_cli("--catalogue", catalogue_file, "--days", "mon", "--start", "2026-11-30")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr


# --- any JSON at any field ------------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**60), max_value=10**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["mon", "upper", "glutes", "barbell", "beginner", "9999-12-31", "²"]),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=12,
)


@pytest.mark.parametrize("field", FIELDS)
@settings(derandomize=True, deadline=None, max_examples=40)
@given(value=json_values)
def test_any_json_value_in_any_field_gets_an_envelope(field, value):
    envelope = answer(with_(**{field: value}))
    if envelope["status"] == "error":
        assert envelope["plan"] is None


# --- catalogues far wider than the real one ----------------------------------------------------


def wide_catalogue(groups: int, n: int, seed: int = 1) -> dict:
    """The fixture catalogue with extra posterior groups up to `groups` and n exercises, each a
    copy of a fixture exercise training groups of the same region and size."""
    rng = random.Random(seed)
    cat = copy.deepcopy(FIXTURE_CATALOGUE)
    for k in range(groups - len(cat["muscles"])):
        cat["muscles"].append(
            {
                "id": f"extra-{k:02d}",
                "name": f"Extra group {k}",
                "region": ("upper", "lower")[k % 2],
                "chain": "posterior",
                "size": "small" if k % 5 == 4 else "large",
            }
        )
    kind = {m["id"]: (m["region"], m.get("size", "large")) for m in cat["muscles"]}
    for m in ("calves", "neck", "rear-delts", "upper-traps"):
        kind[m] = (kind[m][0], "small")
        next(x for x in cat["muscles"] if x["id"] == m)["size"] = "small"
    alike: dict[tuple, list[str]] = {}
    for ident, k in kind.items():
        alike.setdefault(k, []).append(ident)
    models = FIXTURE_CATALOGUE["exercises"]
    cat["exercises"] = []
    for i in range(n):
        model = rng.choice(models)
        primary = list(dict.fromkeys(rng.choice(alike[kind[m]]) for m in model["primary"]))
        cat["exercises"].append(
            {
                **model,
                "id": f"wide-{i:05d}",
                "primary": primary,
                "secondary": [m for m in model["secondary"] if m not in primary],
            }
        )
    return cat


def test_thirty_muscle_groups_and_2000_exercises_are_answered():
    catalogue = json.dumps(wide_catalogue(30, 2000))
    outcomes = set()
    for split, days in (
        ("three-total-body", ["mon", "wed", "fri"]),
        ("two-upper-two-lower", ["mon", "tue", "thu", "fri"]),
        ("upper-lower-total", ["mon"]),
    ):
        envelope = answer(with_(split=split, days=days), catalogue=catalogue)
        assert envelope["status"] in ("ok", "infeasible"), envelope["message"]
        outcomes.add(envelope["status"])
        if envelope["status"] == "infeasible":
            assert envelope["infeasible"]["suggestions"]
    assert outcomes == {"ok", "infeasible"}
