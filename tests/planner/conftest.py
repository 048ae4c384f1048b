"""Shared fixtures for the planner tests: a small realistic catalogue, the real one, and
hypothesis strategies for random catalogues and requests."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import strategies as st

from planner.catalogue import Catalogue
from planner.plan import Plan, make_plan
from planner.request import parse_request

ROOT = Path(__file__).resolve().parents[2]

MUSCLES = [
    ("neck", "Neck", "upper", "posterior"),
    ("lats", "Lats", "upper", "posterior"),
    ("erector-spinae", "Lower back (erector spinae)", "lower", "posterior"),
    ("rear-delts", "Rear delts", "upper", "posterior"),
    ("upper-traps", "Upper traps", "upper", "posterior"),
    ("glutes", "Glutes", "lower", "posterior"),
    ("hamstrings", "Hamstrings", "lower", "posterior"),
    ("calves", "Calves", "lower", "posterior"),
    ("quads", "Quads", "lower", "anterior"),
    ("core", "Core", "lower", "anterior"),
    ("biceps", "Biceps", "upper", "anterior"),
    ("forearms", "Forearms", "upper", "anterior"),
]
EQUIPMENT = ["bodyweight", "barbell", "dumbbells", "kettlebell", "band", "cable", "pull-up-bar"]
SESSION_TYPES = [
    {"id": "lower", "name": "Lower body", "regions": ["lower"]},
    {"id": "total-body", "name": "Total body", "regions": ["upper", "lower"]},
    {"id": "upper", "name": "Upper body", "regions": ["upper"]},
]
SPLITS = [
    ("three-total-body", "Three total-body workouts", ["total-body"] * 3),
    ("two-total-body", "Two total-body workouts", ["total-body"] * 2),
    ("two-upper-two-lower", "Two upper and two lower workouts", ["upper", "lower"] * 2),
    ("upper-lower-total", "Upper, lower and total body", ["upper", "lower", "total-body"]),
]


def exercise(
    ident: str,
    primary: list[str],
    secondary: list[str] = (),
    equipment: list[str] = ("bodyweight",),
    substitutes: list[str] = (),
    level: str = "beginner",
    sets: int = 3,
    reps: tuple[int, int] = (10, 12),
    rest: tuple[int, int] = (60, 90),
    spr: int = 4,
    mechanics: str | None = None,
) -> dict:
    return {
        "id": ident,
        "name": ident.replace("-", " ").capitalize(),
        "url": f"exercises/{ident}/",
        "primary": list(primary),
        "secondary": list(secondary),
        "pattern": "other",
        "mechanics": mechanics or ("compound" if len(primary) > 1 else "isolation"),
        "level": level,
        "equipment": list(equipment),
        "substitutes": list(substitutes),
        "sets": sets,
        "reps_min": reps[0],
        "reps_max": reps[1],
        "rest_min": rest[0],
        "rest_max": rest[1],
        "seconds_per_rep": spr,
    }


def catalogue_dict(exercises: list[dict], guidance: dict | None = None) -> dict:
    out = {
        "version": 1,
        "muscles": sorted(
            (
                {"id": i, "name": n, "region": r, "chain": c, "description": f"About {n}."}
                for i, n, r, c in MUSCLES
            ),
            key=lambda m: m["id"],
        ),
        "equipment": [
            {"id": e, "name": e.replace("-", " ").capitalize()} for e in sorted(EQUIPMENT)
        ],
        "session_types": copy.deepcopy(SESSION_TYPES),
        "splits": sorted(
            (
                {"id": i, "name": n, "summary": n + ".", "sessions": s, "rules": []}
                for i, n, s in SPLITS
            ),
            key=lambda s: s["id"],
        ),
        "exercises": sorted(exercises, key=lambda e: e["id"]),
    }
    if guidance is not None:
        out["guidance"] = guidance
    return out


@st.composite
def guidance(draw) -> dict | None:
    """Mostly the seed's guidance (often left out, as older catalogues do), sometimes another."""
    return draw(
        st.sampled_from([None, None])
        | st.fixed_dictionaries(
            {
                "min_sessions_per_muscle": st.sampled_from([2, 2, 1, 3]),
                "rest_days_between_same_muscle": st.sampled_from([1, 1, 0, 2]),
            }
        )
    )


FIXTURE_EXERCISES = [
    exercise(
        "romanian-deadlift",
        ["hamstrings", "glutes"],
        ["erector-spinae", "forearms"],
        ["barbell"],
        ["dumbbells", "kettlebell"],
        mechanics="compound",
    ),
    exercise("glute-bridge", ["glutes"], ["hamstrings", "core"], rest=(45, 60)),
    exercise(
        "barbell-row",
        ["lats"],
        ["rear-delts", "upper-traps", "biceps", "forearms"],
        ["barbell"],
        ["dumbbells"],
        mechanics="compound",
    ),
    exercise("inverted-row", ["lats"], ["rear-delts", "biceps"], mechanics="compound"),
    exercise("calf-raise", ["calves"], [], reps=(10, 15), sets=2, rest=(30, 60), spr=3),
    exercise(
        "rear-delt-fly",
        ["rear-delts"],
        ["upper-traps"],
        ["dumbbells"],
        ["band", "cable"],
        rest=(45, 60),
    ),
    exercise("band-pull-apart", ["rear-delts"], ["upper-traps"], ["band"], rest=(45, 60), spr=3),
    exercise("prone-neck-extension", ["neck"], ["upper-traps"], rest=(45, 60)),
    exercise(
        "shrug",
        ["upper-traps"],
        ["forearms", "neck"],
        ["dumbbells"],
        ["barbell", "kettlebell"],
        rest=(45, 60),
        spr=3,
    ),
    exercise("back-extension", ["erector-spinae", "glutes"], ["hamstrings"], rest=(45, 60)),
    exercise("prone-superman", ["erector-spinae"], ["glutes", "hamstrings"], rest=(45, 60)),
    exercise(
        "kettlebell-swing",
        ["glutes", "hamstrings"],
        ["erector-spinae", "core", "forearms"],
        ["kettlebell"],
        ["dumbbells"],
        level="intermediate",
        spr=2,
    ),
    exercise(
        "pull-up",
        ["lats"],
        ["biceps", "rear-delts", "forearms", "core"],
        ["pull-up-bar"],
        level="intermediate",
        reps=(6, 10),
    ),
    exercise("lat-pulldown", ["lats"], ["biceps", "rear-delts", "forearms"], ["cable"], ["band"]),
    exercise("band-leg-curl", ["hamstrings"], ["calves"], ["band"], rest=(45, 60)),
    exercise(
        "nordic-curl",
        ["hamstrings"],
        ["glutes", "calves"],
        level="advanced",
        reps=(4, 6),
        rest=(90, 120),
        spr=6,
    ),
    exercise(
        "single-leg-rdl",
        ["hamstrings", "glutes"],
        ["erector-spinae", "core"],
        ["dumbbells"],
        ["kettlebell"],
        level="intermediate",
    ),
    exercise(
        "face-pull", ["rear-delts", "upper-traps"], ["biceps"], ["cable"], ["band"], rest=(45, 60)
    ),
]

FIXTURE_CATALOGUE = catalogue_dict(FIXTURE_EXERCISES)

BASE_REQUEST = {
    "split": "three-total-body",
    "days": ["mon", "wed", "fri"],
    "equipment": ["barbell", "dumbbells", "band"],
    "level": "beginner",
    "minutes": 45,
    "weeks": 4,
    "start": "2026-11-30",
    "focus": None,
    "exclude": [],
    "prefer": [],
}


def real_plan(real_catalogue: dict, **asked):
    """The plan for BASE_REQUEST with `asked` changed, from the real catalogue (a Plan)."""
    catalogue = Catalogue.from_dict(real_catalogue)
    plan = make_plan(catalogue, parse_request({**BASE_REQUEST, **asked}, catalogue))
    assert isinstance(plan, Plan), plan
    return plan


@pytest.fixture
def fixture_catalogue() -> dict:
    return copy.deepcopy(FIXTURE_CATALOGUE)


@pytest.fixture
def base_request() -> dict:
    return copy.deepcopy(BASE_REQUEST)


@functools.cache
def real_catalogue_text() -> str | None:
    """catalogue.json built from content/ by the generator, or None if it cannot run here."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "catalogue", "--content", str(ROOT / "content")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    return done.stdout if done.returncode == 0 else None


@pytest.fixture
def real_catalogue() -> dict:
    text = real_catalogue_text()
    if text is None:
        pytest.skip("`python -m generator catalogue` needs the project venv (.venv)")
    return json.loads(text)


# --- hypothesis strategies -----------------------------------------------------------------

MUSCLE_IDS = [m[0] for m in MUSCLES]
UPPER = [m[0] for m in MUSCLES if m[2] == "upper"]
LOWER = [m[0] for m in MUSCLES if m[2] == "lower"]
POSTERIOR = [m[0] for m in MUSCLES if m[3] == "posterior"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
LEVELS = ["beginner", "intermediate", "advanced"]


@st.composite
def random_exercise(draw, ident: str, muscles: list[str]) -> dict:
    primary = draw(st.lists(st.sampled_from(muscles), min_size=1, max_size=3, unique=True))
    others = [m for m in MUSCLE_IDS if m not in primary]
    secondary = draw(st.lists(st.sampled_from(others), max_size=3, unique=True))
    if draw(st.sampled_from([True] * 3 + [False] * 2)):
        gear = ["bodyweight"]
    else:
        gear = draw(st.lists(st.sampled_from(EQUIPMENT), min_size=1, max_size=2, unique=True))
    subs = draw(st.lists(st.sampled_from(EQUIPMENT[1:]), max_size=2, unique=True))
    reps_min = draw(st.integers(3, 15))
    rest_min = draw(st.sampled_from([30, 45, 60, 90]))
    return exercise(
        ident,
        primary,
        secondary,
        gear,
        subs,
        level=draw(st.sampled_from(LEVELS[:1] * 3 + LEVELS)),
        sets=draw(st.integers(1, 4)),
        reps=(reps_min, reps_min + draw(st.integers(0, 5))),
        rest=(rest_min, rest_min + draw(st.sampled_from([0, 15, 30]))),
        spr=draw(st.integers(2, 5)),
    )


@st.composite
def catalogues(draw, min_exercises: int = 1, max_exercises: int = 24, muscles=None) -> dict:
    """Random catalogues; about half also get one plain bodyweight exercise per muscle group
    of the pool, so that many random requests can actually be planned."""
    pool = muscles or MUSCLE_IDS
    n = draw(st.integers(min_exercises, max_exercises))
    exercises = [draw(random_exercise(f"ex-{k:02d}", pool)) for k in range(n)]
    if draw(st.booleans()):
        for m in pool:
            sets = draw(st.integers(1, 3))
            exercises.append(exercise(f"staple-{m}", [m], sets=sets, reps=(8, 12), rest=(45, 60)))
    return catalogue_dict(exercises, draw(guidance()))


@st.composite
def requests(draw, catalogue: dict, max_sessions: int = 4, max_days: int = 7) -> dict:
    """Random requests that are mostly well formed, so many of them can be planned."""
    split_ids = [s["id"] for s in catalogue["splits"]]
    sessions_of = {s["id"]: s["sessions"] for s in catalogue["splits"]}
    custom = st.lists(
        st.sampled_from(["total-body", "upper", "lower"]), min_size=1, max_size=max_sessions
    )
    fixed = [i for i in split_ids if len(sessions_of[i]) <= max_sessions]
    split = draw(st.one_of(st.sampled_from(fixed), custom) if fixed else custom)
    n = len(sessions_of[split]) if isinstance(split, str) else len(split)
    enough = draw(st.sampled_from([True] * 9 + [False]))
    k = draw(st.integers(n, max_days) if enough and n <= max_days else st.integers(1, max_days))
    days = draw(st.permutations(WEEKDAYS))[:k]
    primaries = sorted({m for e in catalogue["exercises"] for m in e["primary"]})
    focus = None
    if draw(st.sampled_from([True] * 4 + [False])):
        focus = draw(
            st.lists(st.sampled_from(primaries or POSTERIOR), min_size=1, max_size=3, unique=True)
        )
    ids = [e["id"] for e in catalogue["exercises"]]
    exclude = draw(st.lists(st.sampled_from(ids), max_size=1, unique=True)) if ids else []
    prefer_pool = [i for i in ids if i not in exclude]
    prefer = (
        draw(st.lists(st.sampled_from(prefer_pool), max_size=2, unique=True)) if prefer_pool else []
    )
    start = draw(st.dates(dt.date(2025, 1, 1), dt.date(2030, 12, 31)))
    return {
        "split": split,
        "days": days,
        "equipment": draw(st.lists(st.sampled_from(EQUIPMENT[1:]), max_size=4, unique=True)),
        "level": draw(st.sampled_from(LEVELS)),
        "minutes": draw(st.integers(15, 90)),
        "weeks": draw(st.integers(1, 7)),
        "start": start.isoformat(),
        "focus": focus,
        "exclude": exclude,
        "prefer": prefer,
    }


SMALL_POOL = {"upper": ["lats", "upper-traps"], "lower": ["glutes", "hamstrings"]}


@st.composite
def small_cases(draw) -> tuple[dict, dict]:
    """Tiny catalogue and request pairs (at most five exercises, three sessions and four days)
    that an exhaustive search can settle, shaped so plans and every kind of refusal occur."""
    exercises = []
    for k in range(draw(st.integers(2, 5))):
        region = draw(st.sampled_from(["upper", "lower", "upper", "lower", "both"]))
        pool = SMALL_POOL["upper"] + SMALL_POOL["lower"] if region == "both" else SMALL_POOL[region]
        primary = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
        others = [m for m in MUSCLE_IDS if m not in primary]
        exercises.append(
            exercise(
                f"ex-{k}",
                primary,
                draw(st.lists(st.sampled_from(others), max_size=1)),
                sets=draw(st.sampled_from([2, 3, 1])),
                reps=(8, draw(st.integers(8, 12))),
                rest=(30, draw(st.sampled_from([30, 60, 120]))),
                spr=draw(st.integers(2, 6)),
            )
        )
    cat = catalogue_dict(exercises, draw(guidance()))
    split = draw(
        st.one_of(
            st.sampled_from(["two-total-body", "three-total-body", "upper-lower-total"]),
            st.lists(st.sampled_from(["total-body", "upper", "lower"]), min_size=1, max_size=3),
        )
    )
    n = len(dict((i, s) for i, _, s in SPLITS)[split]) if isinstance(split, str) else len(split)
    k = draw(
        st.integers(n, 4) if draw(st.sampled_from([True] * 6 + [False])) else st.integers(1, 4)
    )
    days = draw(st.permutations(WEEKDAYS))[:k]
    primaries = sorted({m for e in exercises for m in e["primary"]})
    req = {
        "split": split,
        "days": days,
        "equipment": [],
        "level": draw(st.sampled_from(LEVELS)),
        "minutes": draw(st.integers(12, 40)),
        "weeks": draw(st.integers(1, 3)),
        "start": draw(st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31))).isoformat(),
        "focus": draw(st.lists(st.sampled_from(primaries), min_size=1, max_size=2, unique=True)),
        "exclude": [],
        "prefer": draw(st.lists(st.sampled_from([e["id"] for e in exercises]), max_size=1)),
    }
    return cat, req
