"""The planner core gives byte-identical answers under Pyodide (Node) and CPython.

The Pyodide side is the real thing the browser runs: the npm package's runtime and the wheel and
lock file the build makes (generator.web.webapp), installed with loadPyodide({packages}).
"""

from __future__ import annotations

import itertools
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.content.validation import load_content
from generator.site.catalogue import build_catalogue
from generator.web import webapp
from planner.browser import handle

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("pyodide_handle.mjs")

pytestmark = pytest.mark.pyodide

SPLITS = ["two-total-body", "three-total-body", "upper-lower-total", "two-upper-two-lower"]
DAY_SETS = [
    ["mon", "thu"],
    ["mon", "wed", "fri"],
    ["tue", "thu", "sat"],
    ["mon", "tue", "thu", "fri"],
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    ["sat", "sun"],
    ["mon", "tue"],
    ["wed"],
]
EQUIPMENT = [
    [],
    ["dumbbells"],
    ["dumbbells", "bench", "band", "mat"],
    ["barbell", "bench", "weight-plate"],
    ["cable", "machine", "pull-up-bar"],
    ["barbell", "dumbbells", "kettlebell", "band", "bench", "cable", "machine", "mat"],
]
LEVELS = ["beginner", "intermediate", "advanced"]


def varied_requests(catalogue: dict, count: int = 60) -> list[dict]:
    """Plans, infeasible requests and bad ones, across every field; the same list every run."""
    rng = random.Random(5)
    muscles = [m["id"] for m in catalogue["muscles"] if m["chain"] == "posterior"]
    exercises = [e["id"] for e in catalogue["exercises"]]
    requests = []
    combos = list(itertools.product(SPLITS, DAY_SETS[:5], EQUIPMENT[1:], LEVELS))
    rng.shuffle(combos)
    for split, days, equipment, level in combos[: count - 10]:
        focus = None if rng.random() < 0.6 else sorted(rng.sample(muscles, rng.randint(1, 4)))
        picked = rng.sample(exercises, 4)
        requests.append({
            "split": split,
            "days": days,
            "equipment": equipment,
            "level": level,
            "minutes": rng.choice([20, 30, 45, 60, 90]),
            "weeks": rng.choice([1, 4, 6, 12, 16]),
            "start": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "focus": focus,
            "exclude": picked[:2] if rng.random() < 0.3 else [],
            "prefer": picked[2:] if rng.random() < 0.3 else [],
        })
    base = {"split": "three-total-body", "days": ["mon", "wed", "fri"], "start": "2026-11-30"}
    requests += [
        {**base, "days": ["mon", "tue"]},  # too few days for three total-body sessions
        {**base, "split": "two-upper-two-lower", "days": ["mon", "wed", "fri"]},
        {**base, "split": ["upper", "lower"], "days": ["tue", "fri"]},  # a custom split
        {**base, "minutes": 12},  # too short for anything
        {**base, "split": "five-day-bro-split"},  # unknown split
        {**base, "days": ["someday"]},  # unknown weekday
        {**base, "weeks": 17},  # out of range
        {**base, "start": "30/11/2026"},  # malformed date
        {**base, "equipment": ["rowing-machine"]},  # unknown equipment
        {**base, "focus": ["calves"], "equipment": ["dumbbells"], "weeks": 8},
    ]
    return requests


@pytest.fixture(scope="module")
def catalogue_json() -> str:
    content = load_content(ROOT / "content", root=ROOT)
    return json.dumps(build_catalogue(content), ensure_ascii=False, sort_keys=True)


@pytest.fixture(scope="module")
def pyodide_answers(catalogue_json, tmp_path_factory) -> tuple[list[str], list[str]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed (./run test needs it for the Pyodide runtime)")
    npm_dir = webapp.pyodide_dir(ROOT)
    tmp = tmp_path_factory.mktemp("pyodide")
    wheel_name, wheel = webapp.build_wheel(ROOT / "planner")
    (tmp / wheel_name).write_bytes(wheel)
    lock = webapp.lockfile_with_wheel(npm_dir / "pyodide-lock.json", wheel_name, wheel, tmp)
    (tmp / "pyodide-lock.json").write_bytes(lock)
    requests = [json.dumps(r) for r in varied_requests(json.loads(catalogue_json))]
    (tmp / "catalogue.json").write_text(catalogue_json, encoding="utf-8")
    (tmp / "requests.json").write_text(json.dumps(requests), encoding="utf-8")
    done = subprocess.run(
        [node, str(SCRIPT), str(npm_dir), str(tmp / "pyodide-lock.json"),
         str(tmp / "catalogue.json"), str(tmp / "requests.json"), str(tmp / "answers.json")],
        capture_output=True, text=True, check=False, timeout=540,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    answers = json.loads((tmp / "answers.json").read_text(encoding="utf-8"))
    return requests, answers


def answer(catalogue_json: str, request_json: str) -> str:
    """handle()'s envelope; an exception (which handle promises never to raise) as text."""
    try:
        return handle(catalogue_json, request_json)
    except Exception as exc:
        return f"exception: {type(exc).__name__}: {exc}"


def test_pyodide_and_cpython_give_byte_identical_answers_for_varied_requests(
    catalogue_json, pyodide_answers
):
    requests, answers = pyodide_answers
    assert len(requests) >= 50
    assert len(answers) == len(requests)
    for request, in_browser in zip(requests, answers, strict=True):
        assert in_browser == answer(catalogue_json, request), f"answers differ for {request}"


def test_the_parity_requests_cover_plans_infeasible_requests_and_errors(
    catalogue_json, pyodide_answers
):
    _, answers = pyodide_answers
    crashed = [a for a in answers if a.startswith("exception:")]
    assert not crashed, f"handle() raised instead of answering: {crashed[0]}"
    statuses = [json.loads(a)["status"] for a in answers]
    assert statuses.count("ok") >= 15
    assert statuses.count("infeasible") >= 2
    assert statuses.count("error") >= 5
    plans = [json.loads(a)["plan"] for a in answers if json.loads(a)["status"] == "ok"]
    assert {p["split"]["id"] for p in plans} >= set(SPLITS)
    assert {p["request"]["level"] for p in plans} == set(LEVELS)
