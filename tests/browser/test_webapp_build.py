"""The build side of the browser planner (generator/web/webapp.py) and the shared plan renderer.

Fast tests, no browser: they check what the browser will be handed.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from generator.content.validation import load_content
from generator.site.catalogue import build_catalogue
from generator.web import webapp
from planner.browser import handle
from planner.catalogue import Catalogue
from planner.formats import to_json
from planner.plan import make_plan
from planner.request import parse_request

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalogue() -> dict:
    return build_catalogue(load_content(ROOT / "content", root=ROOT))


@pytest.fixture(scope="module")
def view():
    return webapp.load_view(ROOT)


def test_the_wheel_is_the_same_bytes_every_time_and_holds_only_the_planner():
    name, wheel = webapp.build_wheel(ROOT / "planner")
    assert webapp.build_wheel(ROOT / "planner") == (name, wheel)
    assert name.startswith("backchain_planner-0.1.0+") and name.endswith("-py3-none-any.whl")
    names = zipfile.ZipFile(BytesIO(wheel)).namelist()
    assert "planner/browser.py" in names and "planner/plan.py" in names and "plan_view.py" in names
    assert not [n for n in names if n.endswith((".js", ".css")) or n.startswith("generator")]
    assert any(n.endswith(".dist-info/RECORD") for n in names)


def test_a_changed_planner_source_gives_a_wheel_with_a_new_name(tmp_path):
    copy = tmp_path / "planner"
    shutil.copytree(ROOT / "planner", copy, ignore=shutil.ignore_patterns("__pycache__"))
    before, _ = webapp.build_wheel(copy)
    (copy / "timing.py").write_text((copy / "timing.py").read_text() + "\n# a comment only\n")
    assert webapp.build_wheel(copy)[0] == before  # comments are not shipped
    (copy / "timing.py").write_text((copy / "timing.py").read_text() + "\n_CHANGED = 1\n")
    after, _ = webapp.build_wheel(copy)
    assert before != after


def test_the_wheel_ships_the_code_without_comments_docstrings_or_the_terminal_front_end():
    source = b'''"""Module docstring."""
from dataclasses import dataclass

# why this is so
@dataclass(frozen=True)
class Pick:
    """Kept: a dataclass without one would build it from its signature on every import."""

    name: str


def pick(name: str) -> Pick:
    """Dropped."""
    return Pick(name)  # trailing comment


def nothing():
    """Only a docstring."""
'''
    text = webapp.browser_source(source).decode()
    assert "Module docstring" not in text and "Dropped" not in text and "#" not in text
    assert "Kept: a dataclass" in text
    namespace: dict = {}
    exec(compile(text, "<test>", "exec"), namespace)
    assert namespace["pick"]("x") == namespace["Pick"]("x")
    assert namespace["nothing"]() is None
    names = zipfile.ZipFile(BytesIO(webapp.build_wheel(ROOT / "planner")[1])).namelist()
    assert "planner/cli.py" not in names and "planner/__main__.py" not in names


def test_write_planner_writes_the_page_the_runtime_and_a_lock_file_listing_the_wheel(
    tmp_path, catalogue
):
    docs = tmp_path / "docs"
    webapp.write_planner(docs, catalogue, root=ROOT)
    page = (docs / "planner" / "index.md").read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: Weekly planner")
    assert 'id="bc-week-1"' in page  # the prerendered plan
    assert "\n\n" not in page[page.index('<div class="bc-planner"') :].rstrip()
    runtime = re.search(r'data-runtime="(pyodide/[0-9a-f]{12}/)"', page).group(1)
    for name in webapp.PYODIDE_RUNTIME:
        assert (docs / runtime / name).is_file()
    assert [p.name for p in (docs / "pyodide").iterdir() if p.is_dir()] == [runtime.split("/")[1]]
    for name in webapp.WEB_ASSETS:
        assert (docs / "assets" / "planner" / name).is_file()
    lock = json.loads((docs / "pyodide" / "pyodide-lock.json").read_text())
    # Only what the site ships: Pyodide's other 350-odd packages are not on the site.
    assert list(lock["packages"]) == ["backchain-planner"]
    entry = lock["packages"]["backchain-planner"]
    wheel = docs / "pyodide" / entry["file_name"]
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"]
    assert sorted(entry["imports"]) == ["plan_view", "planner"]
    assert lock["info"]["python"].startswith("3.")


def test_the_runtime_folder_is_named_by_its_content(tmp_path, catalogue):
    """A new Pyodide gets a new folder, so no cache can mix one build's runtime files with
    another's; the old folder is removed from the docs."""
    docs = tmp_path / "docs"
    webapp.write_planner(docs, catalogue, root=ROOT)
    before = {p.name for p in (docs / "pyodide").iterdir() if p.is_dir()}
    fake = {name: b"x" for name in webapp.PYODIDE_RUNTIME}
    assert webapp.runtime_url(fake) != webapp.runtime_url({**fake, "pyodide.asm.wasm": b"y"})
    (docs / "pyodide" / "0123456789ab").mkdir()
    webapp.write_planner(docs, catalogue, root=ROOT)
    assert {p.name for p in (docs / "pyodide").iterdir() if p.is_dir()} == before


def test_a_second_build_rewrites_nothing(tmp_path, catalogue):
    docs = tmp_path / "docs"
    webapp.write_planner(docs, catalogue, root=ROOT)
    stamps = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    webapp.write_planner(docs, catalogue, root=ROOT)
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()} == stamps


def test_a_missing_pyodide_runtime_says_what_to_run(tmp_path, catalogue):
    fake_root = tmp_path / "clone"
    shutil.copytree(ROOT / "planner", fake_root / "planner")
    with pytest.raises(webapp.WebAppError, match=r"run \./run setup"):
        webapp.write_planner(tmp_path / "docs", catalogue, root=fake_root)


def test_the_service_worker_precaches_pages_by_address_and_is_versioned_by_content(tmp_path):
    site = tmp_path / "site"
    for name, text in {
        "index.html": "home",
        "planner/index.html": '<div data-version="abc123">',
        "assets/planner/planner.js": "js",
        "assets/javascripts/bundle.js.map": "map",
        "assets/javascripts/lunr/min/lunr.de.min.js": "de",
        "pyodide/pyodide.asm.wasm": "wasm",
        "sitemap.xml": "<urlset/>",
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    webapp.write_service_worker(site)
    first = (site / "sw.js").read_text()
    urls, version = webapp.precache_list(site)
    assert sorted(urls) == [
        "./", "assets/planner/planner.js?v=abc123", "planner/", "pyodide/pyodide.asm.wasm"
    ]
    assert f'"backchain-{version}"' in first
    (site / "pyodide" / "pyodide.asm.wasm").write_text("new runtime")
    webapp.write_service_worker(site)
    assert (site / "sw.js").read_text() != first
    assert "__" not in first.split("const RUNTIME")[1].split("\n")[0]


def test_the_service_worker_knows_the_runtime_folder(tmp_path):
    site = tmp_path / "site"
    (site / "pyodide" / "0123456789ab").mkdir(parents=True)
    (site / "pyodide" / "0123456789ab" / "pyodide.mjs").write_text("export {}")
    webapp.write_service_worker(site)
    script = (site / "sw.js").read_text()
    assert 'const RUNTIME = "pyodide/0123456789ab/" && new URL(' in script
    assert not re.search(r"__[A-Z_]+__", script)


def test_the_plan_json_download_is_byte_identical_to_the_cli_output(catalogue, view):
    request = webapp.default_request()
    text = json.dumps(catalogue)
    envelope = handle(text, json.dumps(request))
    cat = Catalogue.from_dict(catalogue)
    expected = to_json(make_plan(cat, parse_request(request, cat)))
    assert view.plan_json(envelope) == expected


def test_the_plan_view_escapes_every_text_from_content(view):
    hostile = "<img src=x onerror=alert(1)>"
    envelope = {
        "status": "ok",
        "message": "",
        "svg": {"coverage": "", "volume": ""},
        "plan": {
            "request": {"minutes": 45, "level": "beginner"},
            "split": {"name": hostile},
            "warnings": [hostile],
            "uncovered": [{"name": hostile, "fix": hostile}],
            "weeks": [{
                "number": 1, "start": "2026-11-30", "end": "2026-12-06", "deload": False,
                "note": hostile,
                "sessions": [{
                    "weekday": "mon", "weekday_name": "Monday", "date": "2026-11-30",
                    "session_name": hostile, "estimated_minutes": 30,
                    "warmup": {"minutes": 8, "general": hostile, "ramp_up": [], "exercise": "x"},
                    "exercises": [{
                        "id": "x", "name": hostile, "url": 'exercises/x/" onclick="alert(1)',
                        "sets": 3, "reps_min": 10, "reps_max": 12, "rir_min": 2, "rir_max": 3,
                        "rest_seconds_min": 60, "rest_seconds_max": 90,
                        "superset": hostile, "starting_dose": True,
                        "progression": {"kind": "load", "rule": hostile, "harder": None},
                        "use_instead": hostile, "reason": hostile,
                    }],
                }],
            }],
        },
    }
    html = view.render(json.dumps(envelope), "../")
    assert "<img" not in html
    assert 'onclick="' not in html
    # Every hostile field above is on the page, escaped (none silently left out): the session
    # name in the strip and the card, the superset letter twice, the exercise's name in its
    # Swap button's accessible name too.
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") == 15


def test_an_infeasible_answer_names_the_settings_to_change(catalogue, view):
    request = {**webapp.default_request(), "days": ["mon", "tue"]}
    envelope = handle(json.dumps(catalogue), json.dumps(request))
    assert json.loads(envelope)["status"] == "infeasible"
    html = view.render(envelope, "../")
    assert "cannot be made" in html
    assert 'data-fields="' in html and "days" in html
    assert 'class="md-button bc-apply"' in html
