"""The planner page in real headless Chromium, against the built site on 127.0.0.1.

Python runs for real (Pyodide in a Web Worker, from the site's own copy), nothing is mocked.
Waits are generous and event-driven: a slow machine makes these tests slower, never red.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest

pytestmark = pytest.mark.browser

LONG = 180_000  # ms: loading Python on a busy two-core machine can take a while

# Counts the page's bc:plan events, so a test can wait for "the plan after my change".
COUNT_PLANS = """
window.__bcPlans = 0;
document.addEventListener("bc:plan", (e) => { window.__bcPlans += 1; window.__bcLast = e.detail; });
"""


def open_planner(context, site, query: str = ""):
    context.add_init_script(COUNT_PLANS)
    page = context.new_page()
    page.goto(site.url + "planner/" + query)
    return page


def wait_ready(page) -> None:
    """Python is loaded and the first plan it made for the current settings is on the page."""
    page.wait_for_function("() => window.__bcPlans >= 1", timeout=LONG)


def after_change(page, change) -> dict:
    """Run `change` (a user action) and wait for the plan it causes."""
    before = page.evaluate("window.__bcPlans")
    change()
    page.wait_for_function(f"() => window.__bcPlans > {before}", timeout=LONG)
    # The same check a reader makes: has everything settled (no newer change queued)?
    page.wait_for_function(
        "() => !document.getElementById('bc-plan-body').classList.contains('bc-stale')",
        timeout=LONG,
    )
    return page.evaluate("window.__bcLast")


def training_days(page, week: int = 1) -> list[str]:
    return page.eval_on_selector_all(
        f"#bc-week-{week} .bc-session", "els => els.map(e => e.dataset.weekday)"
    )


def session_names(page, week: int = 1) -> list[str]:
    return page.eval_on_selector_all(
        f"#bc-week-{week} .bc-session-type", "els => els.map(e => e.textContent.split(',')[0])"
    )


def assert_clean(context) -> None:
    """No console errors, and not a single request left 127.0.0.1."""
    watched = context.watched
    assert watched.errors == []
    outside = [
        u for u in watched.requests
        if not u.startswith(("blob:", "data:")) and urlsplit(u).hostname != "127.0.0.1"
    ]
    assert outside == []


# --- a plan at once ----------------------------------------------------------------------------


def test_the_prerendered_plan_is_visible_without_any_script(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "planner/")
    week = page.locator("#bc-week-1")
    assert week.is_visible()
    assert training_days(page) == ["mon", "wed", "fri"]
    assert page.locator(".bc-week").count() == 4
    # A session card says how to warm up, and each exercise how hard to go and how to progress.
    card = page.locator("#bc-week-1 .bc-session").first
    assert card.locator(".bc-warmup").inner_text().startswith("Warm-up, ")
    exercises = card.locator(".bc-exercises > li")
    assert exercises.count() >= 3
    for i in range(exercises.count()):
        text = exercises.nth(i).inner_text()
        assert " in reserve, rest " in text and "Progression: " in text, text
    # Exercises link to their guide pages, which exist.
    href = page.locator("#bc-week-1 .bc-exercises a").first.get_attribute("href")
    assert href.startswith("../exercises/")
    response = page.request.get(site.url + "planner/" + href)
    assert response.ok
    context.close()


def test_the_prerendered_plan_shows_before_python_is_ready(context, site):
    context.add_init_script(COUNT_PLANS)
    page = context.new_page()
    page.goto(site.url + "planner/", wait_until="domcontentloaded")
    assert page.locator("#bc-week-1 .bc-session").first.is_visible()
    state = page.eval_on_selector("#bc-planner", "e => e.dataset.state")
    plans = page.evaluate("window.__bcPlans")
    assert (state, plans) == ("loading", 0), "the plan was visible before the worker answered"
    wait_ready(page)
    assert training_days(page) == ["mon", "wed", "fri"]
    assert_clean(context)


# --- planning in the browser -------------------------------------------------------------------


def test_changing_the_split_and_the_days_changes_the_plan(context, site):
    page = open_planner(context, site)
    wait_ready(page)
    assert session_names(page) == ["Total body"] * 3

    after_change(page, lambda: page.check('input[name="days"][value="tue"]'))
    after_change(page, lambda: page.check('input[name="days"][value="thu"]'))
    detail = after_change(
        page, lambda: page.check('input[name="split"][value="two-upper-two-lower"]')
    )
    assert detail["status"] == "ok"
    assert sorted(session_names(page)) == ["Lower body", "Lower body", "Upper body", "Upper body"]
    assert len(training_days(page)) == 4

    after_change(page, lambda: page.uncheck('input[name="days"][value="mon"]'))
    assert training_days(page) == ["tue", "wed", "thu", "fri"]
    assert_clean(context)


def test_the_keyboard_alone_changes_the_plan(context, root_server):
    page = open_planner(context, root_server)
    wait_ready(page)
    page.focus('input[name="split"][value="three-total-body"]')
    # Arrow keys move between radio buttons: the next schedule is chosen and planned.
    after_change(page, lambda: page.keyboard.press("ArrowDown"))
    assert page.is_checked('input[name="split"][value="upper-lower-total"]')
    assert sorted(session_names(page)) == ["Lower body", "Total body", "Upper body"]
    page.focus('input[name="days"][value="sun"]')
    after_change(page, lambda: page.keyboard.press("Space"))
    assert page.is_checked('input[name="days"][value="sun"]')


def test_every_setting_has_a_name_a_screen_reader_can_announce(context, root_server):
    page = open_planner(context, root_server)
    for name in ["Level", "Minutes per session", "Weeks", "First week starts"]:
        assert page.get_by_label(name, exact=True).count() == 1
    assert page.get_by_role("radio", name=re.compile("Three total-body workouts")).count() == 1
    assert page.get_by_role("checkbox", name="Wednesday", exact=True).count() == 1
    assert page.get_by_role("group", name="Days you can train").count() == 1
    assert page.get_by_role("group", name="Equipment you have").count() == 1
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('#bc-form input, #bc-form select')]
             .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
             .map(el => el.name)"""
    )
    assert unnamed == []


def test_an_infeasible_request_shows_the_explanation_next_to_the_inputs(context, site):
    page = open_planner(context, site)
    wait_ready(page)
    after_change(page, lambda: page.uncheck('input[name="days"][value="wed"]'))
    detail = after_change(page, lambda: page.uncheck('input[name="days"][value="fri"]'))
    # Three total-body sessions on Monday alone cannot work: the core says why and what to do.
    assert detail["status"] == "infeasible"
    problem = page.locator("#bc-problem")
    assert problem.is_visible()
    assert "cannot be made" in problem.inner_text()
    assert page.get_attribute('input[name="days"][value="mon"]', "aria-invalid") == "true"
    # It sits right under the setting it is about.
    assert page.evaluate(
        "document.getElementById('bc-problem').previousElementSibling.dataset.field"
    ) in {"days", "split"}
    assert page.locator("#bc-plan-body .bc-week").count() == 0
    # Applying the first suggestion makes a plan.
    detail = after_change(page, lambda: problem.locator("button.bc-apply").first.click())
    assert detail["status"] == "ok"
    assert problem.is_hidden()
    assert page.locator("#bc-plan-body .bc-week").count() == 4
    assert_clean(context)


def test_bad_input_shows_a_plain_words_message(context, root_server):
    page = open_planner(context, root_server)
    wait_ready(page)
    detail = after_change(page, lambda: page.fill("#bc-weeks", "40"))
    assert detail["status"] == "error"
    assert "weeks" in page.inner_text("#bc-problem")
    assert page.get_attribute("#bc-weeks", "aria-invalid") == "true"


# --- take it with you --------------------------------------------------------------------------


def test_the_ics_download_parses_with_one_event_per_session(context, site):
    page = open_planner(context, site)
    wait_ready(page)
    with page.expect_download() as download:
        page.click('button[data-action="ics"]')
    assert download.value.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 3 * 4
    starts = [e.decoded("DTSTART") for e in events]
    dates = sorted(getattr(d, "date", lambda d=d: d)().isoformat() for d in starts)
    shown = page.eval_on_selector_all(".bc-session", "els => els.map(e => e.dataset.date)")
    assert dates == sorted(shown)
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert_clean(context)


def test_the_json_download_is_the_plan_the_page_shows(context, root_server):
    page = open_planner(context, root_server)
    wait_ready(page)
    with page.expect_download() as download:
        page.click('button[data-action="json"]')
    plan = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert plan["status"] == "ok"
    days = [s["weekday"] for s in plan["weeks"][0]["sessions"]]
    assert days == training_days(page)


def test_copy_markdown_puts_the_plan_on_the_clipboard(context, root_server):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = open_planner(context, root_server)
    wait_ready(page)
    page.click('button[data-action="markdown"]')
    page.wait_for_function(
        "() => document.getElementById('bc-progress').textContent.includes('copied')"
    )
    text = page.evaluate("navigator.clipboard.readText()")
    first = page.inner_text("#bc-week-1 .bc-exercises a >> nth=0")
    assert first in text
    assert text.lstrip().startswith("#")


def test_the_share_link_rebuilds_the_same_plan(browser, context, site):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = open_planner(context, site)
    wait_ready(page)
    after_change(page, lambda: page.check('input[name="split"][value="upper-lower-total"]'))
    after_change(page, lambda: page.check('input[name="days"][value="tue"]'))
    after_change(page, lambda: page.check('input[name="equipment"][value="barbell"]'))
    after_change(page, lambda: page.select_option("#bc-level", "intermediate"))
    after_change(page, lambda: page.fill("#bc-weeks", "6"))
    page.click('button[data-action="share"]')
    page.wait_for_function(
        "() => document.getElementById('bc-progress').textContent.includes('link')"
    )
    link = page.evaluate("navigator.clipboard.readText()")
    assert urlsplit(link).path.endswith("/planner/")
    assert parse_qs(urlsplit(link).query)["split"] == ["upper-lower-total"]
    plan_here = page.inner_text("#bc-plan-body")

    # A stranger opens the link: a fresh profile with nothing remembered.
    fresh = browser.new_context()
    fresh.add_init_script(COUNT_PLANS)
    other = fresh.new_page()
    other.goto(link)
    wait_ready(other)
    assert other.is_checked('input[name="split"][value="upper-lower-total"]')
    assert other.is_checked('input[name="equipment"][value="barbell"]')
    assert other.input_value("#bc-level") == "intermediate"
    assert other.input_value("#bc-weeks") == "6"
    assert other.inner_text("#bc-plan-body") == plan_here
    fresh.close()


def test_the_last_request_is_remembered_on_this_device(context, root_server):
    page = open_planner(context, root_server)
    wait_ready(page)
    after_change(page, lambda: page.check('input[name="split"][value="two-total-body"]'))
    days = training_days(page)
    page.goto(root_server.url + "planner/")  # no query: only localStorage can bring it back
    wait_ready(page)
    assert page.is_checked('input[name="split"][value="two-total-body"]')
    assert training_days(page) == days


def test_an_exercise_page_opens_the_planner_with_that_exercise_preferred(context, site):
    context.add_init_script(COUNT_PLANS)
    page = context.new_page()
    page.goto(site.url + "exercises/glute-bridge/")
    page.locator('a[href*="planner/?prefer=glute-bridge"]').first.click()
    page.wait_for_url(re.compile(r"/planner/\?prefer=glute-bridge"))
    assert page.is_checked('input[name="prefer"][value="glute-bridge"]')
    wait_ready(page)
    # Preferred means "used when it fits": the plan has it, or says why it could not.
    body = page.locator("#bc-plan-body")
    used = body.locator('[data-exercise="glute-bridge"]').count() > 0
    assert used or "Preferred exercise Glute bridge" in body.inner_text()


def test_the_print_view_has_one_page_per_week(context, root_server):
    page = open_planner(context, root_server)
    wait_ready(page)
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages == 4


# --- offline -----------------------------------------------------------------------------------


def test_after_one_visit_the_planner_loads_and_plans_offline(context, site):
    page = open_planner(context, site)
    wait_ready(page)
    # The service worker has cached the whole build once it is active.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=LONG)
    context.set_offline(True)
    try:
        page.reload()
        wait_ready(page)
        assert training_days(page) == ["mon", "wed", "fri"]
        detail = after_change(
            page, lambda: page.check('input[name="split"][value="two-total-body"]')
        )
        assert detail["status"] == "ok"
        assert len(training_days(page)) == 2
        # The rest of the site is there too.
        page.goto(site.url)
        assert page.locator("h1").first.is_visible()
    finally:
        context.set_offline(False)
    assert_clean(context)


def test_one_visit_to_any_page_makes_the_planner_work_offline(context, site):
    context.add_init_script(COUNT_PLANS)
    page = context.new_page()
    page.goto(site.url)  # the home page, not the planner
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=LONG)
    context.set_offline(True)
    try:
        page.goto(site.url + "planner/")
        wait_ready(page)
        detail = after_change(page, lambda: page.check('input[name="days"][value="sat"]'))
        assert detail["status"] == "ok"
    finally:
        context.set_offline(False)
    assert_clean(context)


def test_the_offline_cache_holds_the_whole_planner(context, site):
    page = open_planner(context, site)
    wait_ready(page)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=LONG)
    cached = page.evaluate(
        """async () => {
             const names = (await caches.keys()).filter(n => n.startsWith('backchain-'));
             const cache = await caches.open(names[0]);
             return {names, paths: (await cache.keys()).map(r => new URL(r.url).pathname)};
           }"""
    )
    assert len(cached["names"]) == 1
    base = urlsplit(site.url).path
    runtime = runtime_folder(page)
    for needed in ["", "planner/", "catalogue.json", f"{runtime}pyodide.asm.wasm",
                   f"{runtime}python_stdlib.zip", f"{runtime}pyodide.asm.mjs",
                   f"{runtime}pyodide.mjs", "pyodide/pyodide-lock.json",
                   "assets/planner/worker.js", "exercises/glute-bridge/"]:
        assert base + needed in cached["paths"]
    assert any(p.endswith(".whl") for p in cached["paths"])


def test_offline_with_the_server_gone_and_the_http_cache_emptied_the_planner_still_plans(
    context, built_site, tmp_path
):
    """The runtime normally comes from the browser's HTTP cache (where Chromium keeps its
    compiled code); with that cache emptied and no server at all, the service worker's copy
    must carry the whole planner, under a sub-path as on GitHub Pages."""
    from conftest import SUB_PATH, serve

    shutil.copytree(built_site, tmp_path / SUB_PATH.strip("/"))
    server = serve(tmp_path, SUB_PATH)
    try:
        page = open_planner(context, server)
        wait_ready(page)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=LONG)
    finally:
        server.close()
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    page.reload()
    wait_ready(page)
    assert training_days(page) == ["mon", "wed", "fri"]
    detail = after_change(page, lambda: page.check('input[name="split"][value="two-total-body"]'))
    assert detail["status"] == "ok"
    assert len(training_days(page)) == 2


def test_the_second_visit_imports_the_planner_compiled_on_the_first(context, site):
    # Bytecode is kept only when Python starts without the build's memory snapshot (a restored
    # planner compiles nothing): that start is what this test takes, the snapshot's URL failing.
    context.route("**/snapshot-*.bin.gz", lambda route: route.fulfill(status=404))
    context.add_init_script(
        "document.addEventListener('bc:ready', (e) => { window.__bcBytecode = e.detail.bytecode })"
    )
    page = open_planner(context, site)
    wait_ready(page)
    assert page.evaluate("window.__bcBytecode") is False
    kept = """async () => {
        const cache = await caches.open("backchain.bytecode");
        return (await cache.keys()).map((r) => r.url);
    }"""
    for _ in range(LONG // 100):  # kept once the first plan is out, off the critical path
        if page.evaluate(kept):
            break
        page.wait_for_timeout(100)
    page.reload()
    wait_ready(page)
    assert page.evaluate("window.__bcBytecode") is True
    detail = after_change(page, lambda: page.check('input[name="days"][value="sat"]'))
    assert detail["status"] == "ok"
    assert len(page.evaluate(kept)) == 1
    assert_clean(context)


def runtime_folder(page) -> str:
    """The Pyodide runtime's folder, relative to the site root (named by its content)."""
    runtime = page.get_attribute("#bc-planner", "data-runtime")
    assert re.fullmatch(r"pyodide/[0-9a-f]{12}/", runtime)
    return runtime


def test_a_new_deployment_replaces_the_cached_site_whole(browser, built_site, tmp_path):
    from conftest import serve

    from generator.web import webapp

    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    server = serve(copy)
    context = browser.new_context(service_workers="allow")
    context.add_init_script(COUNT_PLANS)
    try:
        page = context.new_page()
        page.goto(server.url + "planner/")
        wait_ready(page)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=LONG)
        old = page.evaluate("caches.keys()")

        # Deploy a new build: one changed file gives a new service worker and cache name.
        css = copy / "assets" / "planner" / "planner.css"
        css.write_text(css.read_text() + "\n/* build 2 */\n")
        webapp.write_service_worker(copy)
        page.reload()
        # The new build is cached in full, then offered; the open page keeps the old one.
        notice = page.locator("#bc-update")
        notice.wait_for(timeout=LONG)
        with page.expect_navigation(timeout=LONG):
            notice.get_by_role("button", name="Reload").click()
        wait_ready(page)
        new = page.evaluate("caches.keys()")
        new = [name for name in new if name.startswith("backchain-")]
        assert len(new) == 1 and new != [n for n in old if n.startswith("backchain-")]
        served = page.evaluate(
            "fetch(document.querySelector('link[href*=\"planner.css\"]').href).then(r => r.text())"
        )
        assert "build 2" in served
    finally:
        context.close()
        server.close()
