"""The history chart: the best set of each session of one exercise as a small, accessible SVG
line, readable at a phone's width, with every value written out for screen readers."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from planner import browser
from planner.formats import history_svg
from planner.formats.history import HEIGHT, WIDTH, best_sets
from planner.log import log_to_dict, parse_log

SVG = "{http://www.w3.org/2000/svg}"


def log_of(*rows: tuple[str, str, float, int]):
    """(date, exercise, load, reps) per set."""
    return parse_log(
        [
            {
                "id": f"s{n}",
                "date": d,
                "exercise": e,
                "set": n,
                "load": load,
                "reps": reps,
                "rir": 2,
            }
            for n, (d, e, load, reps) in enumerate(rows, start=1)
        ]
    )


LOG = log_of(
    ("2026-11-30", "romanian-deadlift", 60, 10),
    ("2026-11-30", "romanian-deadlift", 70, 5),  # 81.7 kg e1RM beats 60 × 10 (80 kg)
    ("2026-12-02", "romanian-deadlift", 62.5, 12),
    ("2026-12-07", "romanian-deadlift", 65, 10),
    ("2026-12-02", "glute-bridge", 0, 12),
)


def test_the_chart_is_an_accessible_svg_of_the_best_set_of_each_session():
    svg = history_svg(LOG, "romanian-deadlift", "Romanian deadlift")
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg" and root.get("role") == "img"
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}" and WIDTH <= 320
    title = root.find(SVG + "title").text
    desc = root.find(SVG + "desc").text
    assert title == "Romanian deadlift: best set per session (estimated one-rep max)"
    assert root.get("aria-labelledby") == "bc-history-romanian-deadlift-title " + (
        "bc-history-romanian-deadlift-desc"
    )
    assert desc.startswith("30 Nov 2026: 70 kg × 5 (about 82 kg for one rep); 2 Dec 2026: 62.5")
    points = root.find(SVG + "polyline").get("points").split()
    assert len(points) == len(list(root.iter(SVG + "circle"))) == 3
    for point in points:
        x, y = map(float, point.split(","))
        assert 0 <= x <= WIDTH and 0 <= y <= HEIGHT


def test_its_text_is_at_least_12_px_at_its_own_width_and_larger_on_a_phone():
    svg = history_svg(LOG, "romanian-deadlift", "Romanian deadlift")
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    assert sizes and min(sizes) >= 12
    # Drawn 390 px wide on a phone it only grows; in a narrower column max-width shrinks it,
    # which is why the page gives it at least its own width where it can.
    assert f"width:{WIDTH}px;max-width:100%" in svg


def test_bodyweight_work_is_charted_by_reps():
    log = log_of(("2026-11-30", "glute-bridge", 0, 12), ("2026-12-02", "glute-bridge", 0, 15))
    svg = history_svg(log, "glute-bridge", "Glute bridge")
    assert "(most reps in a set)" in svg and "30 Nov 2026: 12 reps; 2 Dec 2026: 15 reps." in svg
    assert " kg" not in svg


def test_fewer_than_two_sessions_give_no_chart():
    assert history_svg(LOG, "glute-bridge", "Glute bridge") == ""
    assert history_svg(LOG, "deadlift", "Deadlift") == ""
    assert [d for d, _ in best_sets(LOG, "romanian-deadlift")] == [
        "2026-11-30",
        "2026-12-02",
        "2026-12-07",
    ]


def test_names_and_ids_are_escaped_and_the_bytes_are_stable():
    log = log_of(("2026-11-30", "x", 10, 5), ("2026-12-01", "x", 10, 6))
    svg = history_svg(log, "x", 'Row <script>"&')
    ET.fromstring(svg)
    assert "<script>" not in svg and "Row &lt;script&gt;&quot;&amp;" in svg
    assert svg == history_svg(log, "x", 'Row <script>"&')


def test_the_browser_entry_answers_in_an_envelope_and_never_raises():
    text = json.dumps(log_to_dict(LOG))
    answer = json.loads(browser.history(text, "romanian-deadlift", "Romanian deadlift"))
    assert answer == {
        "status": "ok",
        "message": "",
        "svg": history_svg(LOG, "romanian-deadlift", "Romanian deadlift"),
    }
    assert json.loads(browser.history(text, "deadlift", "Deadlift"))["svg"] == ""
    for args in (("{", "x", "X"), (text, None, "X"), (json.dumps({"schema_version": 3}), "x", "X")):
        refused = json.loads(browser.history(*args))
        assert refused["status"] == "error" and refused["svg"] is None and refused["message"]
