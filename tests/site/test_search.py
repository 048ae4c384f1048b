"""What the built search index holds: page text, not figure labels or the planner's form lists.

Material's search plugin indexes each page's rendered HTML, section by section, leaving out
elements marked `data-search-exclude`. The figures (movement figures and body maps) mark
themselves so, and so do the planner form's lists of choices; without that their titles,
descriptions and pose labels ran together in every exercise's text ("Side view ... start ↔
end startend") and the planner page matched every exercise and muscle name. An exercise's
figures now go into its page after the engine (generator/site/figure_slots.py), so not even
the movement player's buttons ("Previous pose Play Next pose") reach the index.

The ranking itself (a muscle's name finds its page first) is checked in Chromium with
Material's own search worker: tests/browser/test_search.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml


@pytest.fixture(scope="module")
def index(built_site: Path) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def content(built_site: Path) -> dict:
    """The content the site was built from (the fixture builds a copy of the project)."""
    root = built_site.parent.parent / "content"
    exercises = [yaml.safe_load(p.read_text(encoding="utf-8"))
                 for p in sorted((root / "exercises").glob("*.yaml"))]
    muscles = yaml.safe_load((root / "muscles.yaml").read_text(encoding="utf-8"))["muscles"]
    return {"exercises": exercises, "muscles": muscles}


def indexed(doc: dict) -> str:
    return doc["title"] + "\n" + doc["text"]


def figure_labels(content: dict) -> list[str]:
    """Strings only a figure draws or announces, as they would read once run together."""
    labels = ["Side view of the movement", "\u2194", "Muscles worked by the",
              "Muscle map: choose", "No movement figure yet", "PrimarySecondary",
              "Previous pose", "Next pose"]
    for exercise in content["exercises"]:
        poses = [str(p["name"]) for p in (exercise.get("figure") or {}).get("poses") or []]
        if len(poses) > 1:
            labels.append("".join(poses))  # the still strip's labels, run together
        labels.append(f"How to do the {exercise['name']}")
    for muscle in content["muscles"]:
        labels.append(f"Where the {muscle['name']} are")
        labels.append(muscle["name"] * 2)  # the muscle map's link title and its label
    return labels


def test_no_indexed_text_holds_a_figures_labels(index, content):
    labels = figure_labels(content)
    found = sorted({(doc["location"], label) for doc in index["docs"]
                    for label in labels if label in indexed(doc)})
    assert not found, "figure text in the search index:\n" + "\n".join(
        f"  {where or '(home)'}: {label!r}" for where, label in found[:20])


def test_pages_with_figures_are_still_indexed(index, content):
    # Leaving the figures out must not lose the page: its summary is the first section's text.
    docs = {doc["location"]: doc for doc in index["docs"]}
    for exercise in content["exercises"]:
        doc = docs.get(f"exercises/{exercise['id']}/")
        assert doc is not None, f"exercises/{exercise['id']}/ is not in the search index"
        summary_start = re.sub(r"\s+", " ", exercise["summary"]).split(". ")[0][:40]
        assert summary_start in doc["text"], exercise["id"]


def test_the_planner_form_lists_are_not_indexed(index, content):
    planner = [doc for doc in index["docs"] if doc["location"].startswith("planner/")]
    assert planner, "the planner page is not in the search index"
    text = "\n".join(indexed(doc) for doc in planner)
    # The form's lists named every exercise, one <li> each, in order; the example plan below
    # the form names only the exercises it uses.
    names = sorted(e["name"] for e in content["exercises"])
    listed = [f"<li> {name}</li>" for name in names if f"<li> {name}</li>" in text]
    assert not listed, f"the planner's exercise lists are indexed: {listed[:5]}"
    assert not all(name in text for name in names), "the planner page names every exercise"
    # The weekday and equipment chips ran together as "MonMonday TueTuesday ...".
    assert "MonMonday" not in text


def test_muscle_pages_outrank_exercise_pages_by_boost(index):
    # The page boosts the ranking relies on (see tests/browser/test_search.py) reach the index.
    boosts: dict[str, set[float]] = {"muscles": set(), "exercises": set()}
    for doc in index["docs"]:
        page = doc["location"].split("#", 1)[0]
        kind = page.split("/", 1)[0]
        if kind in boosts and page.count("/") == 2 and page != "exercises/tags/":
            boosts[kind].add(doc.get("boost", 1))
    assert boosts["muscles"] and boosts["exercises"]
    assert min(boosts["muscles"]) > 1 > max(boosts["exercises"]) >= 0.5, boosts
