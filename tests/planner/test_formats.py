"""What each rendering shows, and that text from content never turns into markup."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.catalogue import Catalogue
from planner.formats import coverage_svg, to_ics, to_json, to_markdown, to_text, volume_svg
from planner.plan import make_plan
from planner.request import parse_request
from tests.planner.conftest import BASE_REQUEST, FIXTURE_CATALOGUE, ROOT

icalendar = pytest.importorskip("icalendar")


def plan_of(cat: dict, req: dict):
    catalogue = Catalogue.from_dict(cat)
    return make_plan(catalogue, parse_request(req, catalogue))


def hostile(cat: dict) -> dict:
    for e in cat["exercises"]:
        if e["id"] == "calf-raise":
            e["name"] = "Calf <script>alert(1)</script> | raise *now* [x](javascript:y)"
    for m in cat["muscles"]:
        if m["id"] == "calves":
            m["name"] = "Calves <b>&</b>"
    return cat


def test_markdown_escapes_content_text(fixture_catalogue, base_request):
    md = to_markdown(plan_of(hostile(fixture_catalogue), base_request))
    assert "<script>" not in md and "<b>" not in md
    assert "&lt;script&gt;" in md
    assert r"\| raise \*now\* \[x\]\(javascript:y\)" in md


def test_svg_escapes_content_text_and_stays_well_formed(fixture_catalogue, base_request):
    plan = plan_of(hostile(fixture_catalogue), base_request)
    for svg in (coverage_svg(plan), volume_svg(plan)):
        root = ET.fromstring(svg)
        assert "<b>" not in svg
        assert root.find("{http://www.w3.org/2000/svg}desc").text


def test_coverage_chart_marks_primary_days_for_each_focus_group(fixture_catalogue, base_request):
    plan = plan_of(fixture_catalogue, base_request)
    data = json.loads(to_json(plan))
    svg = coverage_svg(plan)
    for row in data["coverage"]["rows"]:
        for cell in row["cells"]:
            if cell["role"] == "primary":
                assert f"{row['name']}, " in svg


def test_json_weeks_carry_dates_deload_flags_and_notes(fixture_catalogue, base_request):
    data = json.loads(to_json(plan_of(fixture_catalogue, {**base_request, "weeks": 12})))
    assert [w["deload"] for w in data["weeks"]] == [False] * 5 + [True] + [False] * 5 + [True]
    assert data["weeks"][5]["note"].startswith("Deload week")
    assert data["weeks"][1]["start"] == "2026-12-07"
    deload = data["weeks"][5]["sessions"][0]["exercises"][0]
    normal = data["weeks"][4]["sessions"][0]["exercises"][0]
    assert deload["sets"] == (normal["sets"] + 1) // 2
    reps = [w["sessions"][0]["exercises"][0]["target_reps"] for w in data["weeks"][:5]]
    assert reps == [10, 11, 12, 10, 11]  # double progression: up the range, then add weight
    assert data["weeks"][3]["sessions"][0]["exercises"][0]["add_load"] is True


def test_a_start_in_midweek_puts_sessions_on_the_next_matching_days(
    fixture_catalogue, base_request
):
    data = json.loads(to_json(plan_of(fixture_catalogue, {**base_request, "start": "2026-12-02"})))
    first = [s["date"] for s in data["weeks"][0]["sessions"]]
    assert first == ["2026-12-02", "2026-12-04", "2026-12-07"]


def test_text_and_ics_agree_on_the_number_of_sessions(fixture_catalogue, base_request):
    plan = plan_of(fixture_catalogue, base_request)
    text = to_text(plan)
    events = list(icalendar.Calendar.from_ical(to_ics(plan)).walk("VEVENT"))
    assert len(events) == text.count(": Total body, about") == 12


def test_long_ics_lines_are_folded_at_75_octets(fixture_catalogue, base_request):
    ics = to_ics(plan_of(fixture_catalogue, base_request))
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))


NAME_TEXT = st.text(
    st.sampled_from("abc XYZ-–×é中文🏋️;,\\"), min_size=1, max_size=90
).filter(lambda t: t.strip())


@settings(max_examples=60, deadline=None)
@given(NAME_TEXT)
def test_ics_folding_keeps_any_exercise_name_whole(name):
    """Whatever a fork names an exercise (accents, CJK, emoji, commas), the calendar app gets
    it back exactly: lines stay within 75 octets and no fold splits a character."""
    cat = copy.deepcopy(FIXTURE_CATALOGUE)
    for e in cat["exercises"]:
        if e["id"] in ("glute-bridge", "calf-raise"):
            e["name"] = name * (1 if e["id"] == "glute-bridge" else 3)
    ics = to_ics(plan_of(cat, BASE_REQUEST)).encode("utf-8")
    lines = ics.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # raises if a fold cut through a character
    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    listed = [str(ev["DESCRIPTION"]).split("\n\n")[0] for ev in events]
    assert any(name in text for text in listed)
    assert any(name * 3 in text for text in listed)


def test_plans_and_refusals_match_the_published_json_schema(fixture_catalogue, base_request):
    import jsonschema  # installed with check-jsonschema in the dev tools

    schema = json.loads((ROOT / "planner" / "plan_schema.json").read_text(encoding="utf-8"))
    for req in (
        base_request,
        {**base_request, "split": "upper-lower-total", "weeks": 7},
        {**base_request, "days": ["mon", "tue"]},
        {**base_request, "minutes": 20},
    ):
        data = json.loads(to_json(plan_of(fixture_catalogue, req)))
        jsonschema.validate(data, schema)
