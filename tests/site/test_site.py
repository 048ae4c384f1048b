"""The built site, as a reader finds it."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import copy_project, edit, mkdocs_build

SEED_EXERCISES = ["romanian-deadlift", "glute-bridge", "barbell-row", "calf-raise",
                  "bent-over-rear-delt-fly"]
SECTIONS = ["At a glance", "Muscles worked", "Equipment", "How to do it", "Form cues",
            "Common mistakes", "Safety", "Related exercises"]


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


@pytest.mark.parametrize("exercise", SEED_EXERCISES)
def test_every_seed_exercise_has_a_page_with_every_section(built_site, exercise):
    html = page(built_site, f"exercises/{exercise}")
    headings = [text_of(h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]
    for section in SECTIONS:
        assert any(h.startswith(section) for h in headings), f"{section} missing on {exercise}"
    assert 'class="admonition success"' in html and 'class="admonition failure"' in html


@pytest.mark.parametrize("exercise", SEED_EXERCISES)
def test_seed_exercises_are_reachable_from_the_catalogue_and_their_muscles(built_site, exercise):
    assert f"../{exercise}/" in hrefs(page(built_site, "exercises")) or \
        f"{exercise}/" in hrefs(page(built_site, "exercises"))
    catalogue = json.loads((built_site / "catalogue.json").read_text())
    entry = next(e for e in catalogue["exercises"] if e["id"] == exercise)
    for muscle in entry["primary"] + entry["secondary"]:
        assert f"../../exercises/{exercise}/" in hrefs(page(built_site, f"muscles/{muscle}"))


def test_seed_prescriptions_show_on_the_pages(built_site):
    rdl = text_of(page(built_site, "exercises/romanian-deadlift"))
    # Each cell carries its column's name, which a phone shows beside the value (a card).
    assert re.search(
        r"Level:\s+Beginner\s+Sets:\s+3\s+Reps:\s+10–12\s+Rest between sets:\s+60–90 s", rdl
    )
    calves = text_of(page(built_site, "exercises/calf-raise"))
    assert re.search(r"Sets:\s+2\s+Reps:\s+10–15\s+Rest between sets:\s+30–60 s", calves)


def test_a_guide_says_what_stands_in_for_gear_you_do_not_own(built_site):
    # The same stand-ins the planner uses: a kettlebell for the dumbbells, a couch for the
    # bench, which is only there to lean on.
    row = " ".join(text_of(page(built_site, "exercises/single-arm-dumbbell-row")).split())
    assert "No dumbbells? Use a kettlebell instead." in row
    assert "No bench? A sturdy couch or box will do." in row
    rdl = " ".join(text_of(page(built_site, "exercises/romanian-deadlift")).split())
    assert "No barbell? Use dumbbells or a kettlebell instead." in rdl


def test_catalogue_json_lists_every_exercise_and_split(built_site):
    catalogue = json.loads((built_site / "catalogue.json").read_text())
    ids = {e["id"] for e in catalogue["exercises"]}
    assert set(SEED_EXERCISES) <= ids and len(ids) >= 15
    assert {s["id"] for s in catalogue["splits"]} == {
        "two-total-body", "three-total-body", "upper-lower-total", "two-upper-two-lower"}


def test_tags_page_lets_a_reader_filter_by_muscle_equipment_pattern_and_level(built_site):
    tags = text_of(page(built_site, "exercises/tags"))
    for tag in ("Muscle: Glutes", "Equipment: Barbell", "Pattern: Hinge", "Level: Beginner"):
        assert tag in tags


def test_exercise_pages_are_not_listed_one_by_one_in_the_navigation(built_site):
    html = page(built_site, "hip-hinge")
    nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "romanian-deadlift" not in nav


def test_the_site_has_light_and_dark_palettes_and_print_styles(built_site):
    html = page(built_site, "")
    assert 'data-md-color-scheme="default"' in html and "slate" in html
    assert "@media print" in (built_site / "assets/backchain.css").read_text()


def test_no_page_loads_anything_from_another_origin(built_site):
    for html_file in built_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        # Links to other sites are fine; loading a script, style, font or image is not.
        loads = re.findall(r'src="((?:https?:)?//[^"]+)"', html) + re.findall(
            r'<link[^>]+href="((?:https?:)?//[^"]+)"', html)
        loads = [u for u in loads if not u.startswith(("https://backchain.invalid",))]
        assert not loads, f"{html_file} loads {loads}"
        assert "fonts.googleapis" not in html


def test_html_in_content_is_shown_as_text_never_run(tmp_path):
    project = copy_project(tmp_path)
    edit(project / "content/exercises/glute-bridge.yaml", "name: Glute bridge",
         'name: "Glute <script>alert(1)</script> bridge"')
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    html = page(project / "build/site", "exercises/glute-bridge")
    assert "<script>alert(1)</script>" not in html
    assert "Glute &lt;script&gt;alert(1)&lt;/script&gt; bridge" in html


def test_bad_content_stops_the_build_and_keeps_the_last_good_site(tmp_path):
    project = copy_project(tmp_path)
    assert mkdocs_build(project).returncode == 0
    index = project / "build/site/index.html"
    before = index.read_bytes()
    edit(project / "content/exercises/glute-bridge.yaml", "level: beginner", "level: beginer")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert 'content/exercises/glute-bridge.yaml:' in result.stderr
    assert '(did you mean "beginner"?)' in result.stderr
    assert index.read_bytes() == before
