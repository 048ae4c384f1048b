"""The planner's worker restores the build's Pyodide memory snapshot, and survives without it.

Real parts only: the site built by `mkdocs build --strict` (which makes the snapshot in Node
from the shipped runtime files), Chromium, and the npm runtime in Node for the parity check.
A damaged, missing or foreign snapshot is made by answering its URL with other bytes
(Playwright's page routing) or by overwriting the copies the browser keeps.
Timings are in bench/browser.py, never asserted here.
"""

from __future__ import annotations

import gzip
import json
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from generator.web import runtime_integrity, webapp
from tests.browser.test_planner_page import (
    COUNT_PLANS,
    LONG,
    after_change,
    assert_clean,
    runtime_folder,
    training_days,
    wait_ready,
)
from tests.browser.test_pyodide_parity import answer, varied_requests

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]

# Every message the planner's worker sends, kept in window.__worker (the page's own handler
# sees them as before).
RECORD_WORKER = """
const PageWorker = window.Worker;
window.__worker = [];
window.Worker = class extends PageWorker {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", (e) => window.__worker.push(e.data));
  }
};
"""


def open_recorded(context, url: str):
    context.add_init_script(COUNT_PLANS)
    context.add_init_script(RECORD_WORKER)
    warnings: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    page.goto(url + "planner/")
    return page, warnings


def ready(page) -> dict:
    page.wait_for_function("() => window.__worker.some((m) => m.type === 'ready')", timeout=LONG)
    return page.evaluate("window.__worker.filter((m) => m.type === 'ready').pop()")


def clock(page) -> dict:
    page.evaluate("window.bcWorker.worker.postMessage({type: 'clock', id: 1})")
    page.wait_for_function("() => window.__worker.some((m) => m.type === 'clock')", timeout=LONG)
    return page.evaluate("window.__worker.filter((m) => m.type === 'clock').pop()")


def snapshot_path(site_dir: Path) -> str:
    """The snapshot's URL relative to the site root, as the page passes it to the worker."""
    return shipped_snapshot(site_dir).relative_to(site_dir).as_posix()


def shipped_snapshot(site_dir: Path) -> Path:
    found = sorted(site_dir.glob("pyodide/*/snapshot-*.bin.gz"))
    assert len(found) == 1, found
    return found[0]


# --- the build ---------------------------------------------------------------------------------


def test_the_build_ships_one_gzipped_snapshot_of_this_runtime_named_by_runtime_and_wheel(
    built_site,
):
    snapshot = shipped_snapshot(built_site)
    npm_dir = webapp.pyodide_dir(ROOT)
    wheel_name, wheel = webapp.build_wheel(ROOT / "planner")
    assert snapshot.name == f"snapshot-{webapp.snapshot_key(npm_dir, wheel_name, wheel)}.bin.gz"
    assert snapshot.parent.name == webapp.runtime_url(
        {n: (npm_dir / n).read_bytes() for n in webapp.PYODIDE_RUNTIME}
    ).split("/")[1]
    runtime_integrity.verify_snapshot(
        gzip.decompress(snapshot.read_bytes()), (npm_dir / "pyodide.mjs").read_bytes()
    )
    page = (built_site / "planner" / "index.html").read_text("utf-8")
    assert f'snapshot: "{snapshot.relative_to(built_site).as_posix()}"' in page


def test_a_changed_wheel_or_runtime_names_another_snapshot(tmp_path):
    npm_dir = webapp.pyodide_dir(ROOT)
    wheel_name, wheel = webapp.build_wheel(ROOT / "planner")
    key = webapp.snapshot_key(npm_dir, wheel_name, wheel)
    # Another planner: any other byte in the wheel.
    assert webapp.snapshot_key(npm_dir, wheel_name, wheel + b"\0") != key
    # Another runtime: one runtime file changed.
    other = tmp_path / "pyodide"
    shutil.copytree(npm_dir, other)
    (other / "python_stdlib.zip").write_bytes((other / "python_stdlib.zip").read_bytes() + b"\0")
    assert webapp.snapshot_key(other, wheel_name, wheel) != key


def test_the_build_refuses_a_snapshot_of_another_runtime_build(built_site):
    raw = bytearray(gzip.decompress(shipped_snapshot(built_site).read_bytes()))
    pyodide_mjs = (webapp.pyodide_dir(ROOT) / "pyodide.mjs").read_bytes()
    runtime_integrity.verify_snapshot(bytes(raw), pyodide_mjs)
    struct.pack_into("<I", raw, 16, struct.unpack_from("<I", raw, 16)[0] ^ 1)
    with pytest.raises(runtime_integrity.RuntimeIntegrityError, match="another|build"):
        runtime_integrity.verify_snapshot(bytes(raw), pyodide_mjs)
    with pytest.raises(runtime_integrity.RuntimeIntegrityError, match="magic"):
        runtime_integrity.verify_snapshot(b"\0" * 64, pyodide_mjs)


# --- Browser = CPython, for the restored planner ----------------------------------------------


@pytest.mark.pyodide
def test_the_restored_planner_answers_byte_for_byte_as_cpython(built_site, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    catalogue_json = (built_site / "catalogue.json").read_text("utf-8")
    requests = [json.dumps(r) for r in varied_requests(json.loads(catalogue_json), count=30)]
    (tmp_path / "catalogue.json").write_text(catalogue_json, encoding="utf-8")
    (tmp_path / "requests.json").write_text(json.dumps(requests), encoding="utf-8")
    done = subprocess.run(
        [node, str(Path(__file__).with_name("pyodide_snapshot_handle.mjs")),
         str(webapp.pyodide_dir(ROOT)), str(shipped_snapshot(built_site)),
         str(tmp_path / "catalogue.json"), str(tmp_path / "requests.json"),
         str(tmp_path / "answers.json")],
        capture_output=True, text=True, check=False, timeout=540,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    answers = json.loads((tmp_path / "answers.json").read_text("utf-8"))
    assert len(answers) == len(requests)
    for request, restored in zip(requests, answers, strict=True):
        assert restored == answer(catalogue_json, request), f"answers differ for {request}"


# --- the worker --------------------------------------------------------------------------------


def test_the_worker_restores_the_snapshot_and_plans(context, site):
    page, warnings = open_recorded(context, site.url)
    assert ready(page)["snapshot"] == "restored"
    wait_ready(page)
    assert training_days(page) == ["mon", "wed", "fri"]
    detail = after_change(page, lambda: page.check('input[name="split"][value="two-total-body"]'))
    assert detail["status"] == "ok"
    assert len(training_days(page)) == 2
    assert not [w for w in warnings if "snapshot" in w]
    assert_clean(context)


def other_build(_route_bytes: bytes) -> bytes:
    """A snapshot in Pyodide's format from another runtime build (its id flipped)."""
    raw = bytearray(gzip.decompress(_route_bytes))
    struct.pack_into("<I", raw, 16, struct.unpack_from("<I", raw, 16)[0] ^ 1)
    return gzip.compress(bytes(raw), compresslevel=1)


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        ("garbage", "not restored"),
        ("missing", "HTTP 404"),
        ("truncated", "not restored"),
        ("other-build", "build id mismatch"),
    ],
)
def test_a_broken_snapshot_falls_back_to_the_usual_start_and_says_why(
    context, root_server, damage, why
):
    good = shipped_snapshot(root_server.directory).read_bytes()

    def answer_with(route) -> None:
        if damage == "missing":
            route.fulfill(status=404, body="not here")
        elif damage == "garbage":
            route.fulfill(status=200, body=b"\x1f\x8b not a snapshot " * 1000)
        elif damage == "truncated":
            route.fulfill(status=200, body=good[: len(good) // 2])
        else:
            route.fulfill(status=200, body=other_build(good))

    context.route("**/snapshot-*.bin.gz", answer_with)
    page, warnings = open_recorded(context, root_server.url)
    assert ready(page)["snapshot"] == "fallback"
    wait_ready(page)
    assert training_days(page) == ["mon", "wed", "fri"]
    detail = after_change(page, lambda: page.check('input[name="days"][value="sat"]'))
    assert detail["status"] == "ok"
    said = [w for w in warnings if "snapshot was not restored" in w]
    assert said, warnings
    assert why.lower() in said[0].lower(), said[0]
    assert_clean(context)


def test_offline_journey_with_the_snapshot_and_with_it_corrupted(context, root_server):
    page, warnings = open_recorded(context, root_server.url)
    assert ready(page)["snapshot"] == "restored"
    wait_ready(page)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=LONG)
    snapshot = snapshot_path(root_server.directory)
    assert snapshot.startswith(runtime_folder(page))
    context.set_offline(True)
    try:
        # Offline, with the snapshot in place (HTTP cache, else the service worker's copy).
        page.reload()
        assert ready(page)["snapshot"] == "restored"
        wait_ready(page)
        detail = after_change(
            page, lambda: page.check('input[name="split"][value="two-total-body"]')
        )
        assert detail["status"] == "ok"
        # Offline, with every copy of the snapshot corrupted: the HTTP cache emptied and the
        # service worker's copy overwritten with garbage.
        context.new_cdp_session(page).send("Network.clearBrowserCache")
        page.evaluate(
            """async (path) => {
                 const names = (await caches.keys()).filter((n) => n.startsWith("backchain-"));
                 const cache = await caches.open(names[0]);
                 const url = new URL(path, document.baseURI.replace(/planner\\/.*$/, "")).href;
                 if (!(await cache.match(url))) throw new Error("no cached " + url);
                 await cache.put(url, new Response(new Uint8Array(4096).fill(7)));
               }""",
            snapshot,
        )
        page.reload()
        assert ready(page)["snapshot"] == "fallback"
        wait_ready(page)  # the remembered two-session plan, made by the usual start
        assert len(training_days(page)) == 2
        detail = after_change(page, lambda: page.check('input[name="days"][value="sat"]'))
        assert detail["status"] == "ok"
    finally:
        context.set_offline(False)
    assert [w for w in warnings if "snapshot was not restored" in w]
    assert_clean(context)


def test_two_restores_draw_different_random_numbers_and_see_the_readers_time_zone(
    browser, root_server
):
    # Far from the build's UTC: a stale zone would show as 0 instead of 840 minutes.
    context = browser.new_context(service_workers="allow", timezone_id="Pacific/Kiritimati")
    try:
        draws = []
        for _ in range(2):
            context.add_init_script(RECORD_WORKER)
            page = context.new_page()
            page.goto(root_server.url + "planner/")
            assert ready(page)["snapshot"] == "restored"
            python = clock(page)
            browser_today, offset = page.evaluate(
                "[new Date().toLocaleDateString('en-CA'), -new Date().getTimezoneOffset()]"
            )
            assert offset == 840
            assert python["offset"] == offset
            assert python["timezone"] == offset
            # Compared twice around midnight would be flaky; the date is read in one breath.
            assert python["today"] == browser_today
            draws.append(python["random"])
            page.close()
        assert draws[0] != draws[1]
    finally:
        context.close()


def test_the_offline_cache_holds_the_snapshot(context, root_server):
    page, _ = open_recorded(context, root_server.url)
    ready(page)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=LONG)
    paths = page.evaluate(
        """async () => {
             const names = (await caches.keys()).filter(n => n.startsWith('backchain-'));
             const cache = await caches.open(names[0]);
             return (await cache.keys()).map(r => new URL(r.url).pathname);
           }"""
    )
    assert "/" + snapshot_path(root_server.directory) in paths
