"""Using the plan in the gym, on a phone: Swap, Today's session, the set log, offline.

Real headless Chromium at 390 × 844 against the built site (tests/browser/conftest.py), the
real Python core in the page's worker, the real IndexedDB and service worker. What is checked
is what the lifter sees: the plan's rows, the tick boxes, the timer's text, the log's lines.
Waits are event-driven and generous: a slow machine makes these tests slower, never red.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serve

pytestmark = pytest.mark.browser

LONG = 180_000  # ms: loading Python on a busy two-core machine can take a while
PHONE = {"width": 390, "height": 844}

# Counts the page's own events, so a test can wait for "the plan (or targets) after my action".
OBSERVE = """
window.__bc = {plans: 0, targets: 0, logged: 0, imports: []};
document.addEventListener("bc:plan", () => { window.__bc.plans += 1; });
document.addEventListener("bc:targets", () => { window.__bc.targets += 1; });
document.addEventListener("bc:logged", () => { window.__bc.logged += 1; });
document.addEventListener("bc:import", (e) => { window.__bc.imports.push(e.detail.ok); });
"""

# A browser where IndexedDB cannot be used, as in some private windows.
NO_INDEXEDDB = """
IDBFactory.prototype.open = function () {
  throw new DOMException("The user denied permission to access the database.", "SecurityError");
};
"""


def phone(browser, scheme: str = "light", **options):
    context = browser.new_context(
        viewport=PHONE, color_scheme=scheme, service_workers="allow", accept_downloads=True,
        **options,
    )
    context.errors = []
    context.on("page", lambda p: p.on("pageerror", lambda e: context.errors.append(str(e))))
    context.requests = []
    context.on("request", lambda r: context.requests.append(r.url))
    context.add_init_script(OBSERVE)
    return context


def open_ready(context, url: str):
    page = context.new_page()
    page.goto(url)
    wait_ready(page)
    return page


def wait_ready(page) -> None:
    """Python is up, its first plan is drawn and Today shows a session with its targets."""
    expect(page.locator("#bc-planner")).to_have_attribute("data-state", "ready", timeout=LONG)
    page.wait_for_function("() => window.__bc.plans >= 1", timeout=LONG)
    page.wait_for_function("() => window.__bc.targets >= 1", timeout=LONG)


def go_offline_after_one_visit(context, page) -> None:
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=LONG)
    context.set_offline(True)
    page.reload()
    wait_ready(page)


def replan(page, action) -> None:
    before = page.evaluate("window.__bc.plans")
    action()
    page.wait_for_function(f"() => window.__bc.plans > {before}", timeout=LONG)


def show_session(page, key: str = "1:mon") -> None:
    before = page.evaluate("window.__bc.targets")
    page.select_option("#bc-today-day", key)
    page.wait_for_function(f"() => window.__bc.targets > {before}", timeout=LONG)


def card(page, exercise: str):
    return page.locator(f'#bc-today .bc-today-ex[data-exercise="{exercise}"]')


def dose(item) -> tuple[int, int, int]:
    """(sets, top of the rep range, most reps in reserve) as the card's target line says."""
    text = item.locator(".bc-target").inner_text()
    found = re.match(r"(\d+) × (\d+)(?:–(\d+))?, (\d+)(?:–(\d+))? in reserve", text)
    assert found, text
    sets, low, high, rir_low, rir_high = found.groups()
    return int(sets), int(high or low), int(rir_high or rir_low)


def log_sets(page, exercise: str, load: float, count: int = 3) -> dict:
    """Tick `count` sets of `exercise` at the top of its range and its most reps in reserve."""
    item = card(page, exercise)
    _, reps, rir = dose(item)
    for n in range(1, count + 1):
        row = item.locator(f'.bc-set[data-set="{n}"]')
        row.locator('[data-field="load"]').fill(str(load))
        row.locator('[data-field="reps"]').fill(str(reps))
        row.locator('[data-field="rir"]').fill(str(rir))
        before = page.evaluate("window.__bc.logged")
        row.locator(".bc-set-done").check()
        page.wait_for_function(f"() => window.__bc.logged > {before}", timeout=LONG)
    return {"load": load, "reps": reps, "rir": rir}


def logged_lines(page) -> list[str]:
    return page.locator("#bc-log .bc-log-text").all_inner_texts()


def assert_nothing_left_the_device(context) -> None:
    assert context.errors == []
    outside = [
        u for u in context.requests
        if not u.startswith(("blob:", "data:")) and urlsplit(u).hostname != "127.0.0.1"
    ]
    assert outside == []


# --- the journey -------------------------------------------------------------------------------


def test_swap_today_log_reload_and_next_targets_offline_on_a_phone(browser, root_server):
    context = phone(browser)
    page = open_ready(context, root_server.url + "planner/")
    go_offline_after_one_visit(context, page)
    try:
        # Swap: Monday's first exercise, for the first alternative the core offers.
        monday = page.locator("#bc-week-1 .bc-session[data-weekday='mon']")
        first = monday.locator(".bc-exercises > li").first
        original = first.get_attribute("data-exercise")
        first.locator("button.bc-swap").click()
        choice = page.locator(".bc-swap-panel button[data-swap-to]").first
        expect(choice).to_be_visible(timeout=LONG)
        chosen = choice.get_attribute("data-swap-to")
        name = choice.get_attribute("data-name")
        assert chosen != original
        replan(page, choice.click)
        swapped = monday.locator(f'.bc-exercises > li[data-exercise="{chosen}"]')
        expect(swapped).to_contain_text("Your swap")
        assert monday.locator(f'li[data-exercise="{original}"]').count() == 0
        expect(page.locator("#bc-pins")).to_contain_text(f"Monday: {name} instead of")
        # Focus is back on the swapped exercise's Swap button.
        assert page.evaluate("document.activeElement.closest('li').dataset.exercise") == chosen

        # Today: Monday of week 1, the swapped exercise with its targets and tick boxes.
        page.click("#bc-jump a[href='#bc-today']")
        show_session(page, "1:mon")
        item = card(page, chosen)
        expect(item).to_be_visible()
        sets, _, _ = dose(item)
        assert item.locator(".bc-set-done").count() >= sets >= 1
        weighted = item.get_attribute("data-weighted") == "true"
        load = 10 if weighted else 0
        done = log_sets(page, chosen, load, count=sets)

        # The rest timer started with the exercise's rest range, said once, not every second.
        timer = page.locator("#bc-timer")
        expect(timer).to_be_visible()
        expect(timer).to_contain_text("until your next set")
        assert page.get_attribute("#bc-timer-time", "aria-live") == "off"
        expect(page.locator("#bc-timer-say")).to_have_text(re.compile(r"^Rest timer started"))
        page.click("#bc-timer-stop")
        expect(timer).to_be_hidden()

        expect(page.locator("#bc-log .bc-log-text")).to_have_count(sets)
        expect(item.locator(".bc-next")).to_be_visible(timeout=LONG)

        # A reload in the middle of the session, still offline: the log and the swap are intact.
        page.reload()
        wait_ready(page)
        show_session(page, "1:mon")
        item = card(page, chosen)
        expect(item.locator(".bc-set-done:checked")).to_have_count(sets)
        first_set = item.locator('.bc-set[data-set="1"]')
        assert float(first_set.locator('[data-field="load"]').input_value()) == load
        assert int(first_set.locator('[data-field="reps"]').input_value()) == done["reps"]
        expect(page.locator("#bc-log .bc-log-text")).to_have_count(sets)
        expect(page.locator("#bc-log")).to_contain_text(f"{sets} sets of 1 exercise")

        # Next time, by the double-progression rules: every set at the top of the range with
        # the reps in reserve asked for, so a weight goes up and bodyweight work gets harder.
        after = item.locator(".bc-next")
        expect(after).to_be_visible(timeout=LONG)
        action = after.get_attribute("data-action")
        if weighted:
            assert action == "add-load", after.inner_text()
            assert float(after.get_attribute("data-load")) > load
        else:
            assert action in {"harder", "slower", "stronger-band"}, after.inner_text()
        expect(after).to_contain_text("Next time:")
    finally:
        context.set_offline(False)

    # The swap is in the share link and in the saved settings.
    page.click('button[data-action="share"]')
    expect(page.locator("#bc-progress")).to_contain_text("Share link", timeout=LONG)
    link = re.search(r"https?://\S+", page.inner_text("#bc-progress")).group(0)
    assert f"pins=mon:{original}={chosen}" in link
    page.evaluate("localStorage.clear()")
    page.goto(link)
    wait_ready(page)
    monday = page.locator("#bc-week-1 .bc-session[data-weekday='mon']")
    expect(monday.locator(f"li[data-exercise='{chosen}']")).to_be_visible()
    assert_nothing_left_the_device(context)
    context.close()


# --- export, clear, import -----------------------------------------------------------------------


def download(page, action: str, folder: Path) -> Path:
    with page.expect_download(timeout=LONG) as info:
        page.click(f'#bc-log-actions button[data-log="{action}"]')
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def import_file(page, path: Path) -> bool:
    before = page.evaluate("window.__bc.imports.length")
    with page.expect_file_chooser(timeout=LONG) as chooser:
        page.click('#bc-log-actions button[data-log="import"]')
    chooser.value.set_files(str(path))
    page.wait_for_function(f"() => window.__bc.imports.length > {before}", timeout=LONG)
    return page.evaluate("window.__bc.imports.at(-1)")


def clear_log(page) -> None:
    page.click('#bc-log-actions button[data-log="clear"]')
    page.click('#bc-log-clear-sure button[data-log="clear-yes"]')
    expect(page.locator("#bc-log")).to_contain_text("No sets logged yet")


def test_export_clear_import_gives_the_same_log_and_bad_files_change_nothing(
    browser, root_server, tmp_path
):
    context = phone(browser)
    page = open_ready(context, root_server.url + "planner/")
    show_session(page, "1:mon")
    exercise = page.locator("#bc-today .bc-today-ex").first.get_attribute("data-exercise")
    log_sets(page, exercise, 12.5, count=2)
    second = page.locator("#bc-today .bc-today-ex").nth(1).get_attribute("data-exercise")
    log_sets(page, second, 8, count=1)
    expect(page.locator("#bc-log .bc-log-text")).to_have_count(3)
    lines = logged_lines(page)

    exported = download(page, "json", tmp_path)
    data = json.loads(exported.read_text("utf-8"))
    assert data["schema_version"] == 1 and len(data["sets"]) == 3
    csv = download(page, "csv", tmp_path)
    assert csv.read_text("utf-8").startswith("date,exercise,set,load,reps,rir,note")

    for path in (exported, csv):
        clear_log(page)
        assert import_file(page, path) is True
        expect(page.locator("#bc-log .bc-log-text")).to_have_count(3)
        assert logged_lines(page) == lines
        again = download(page, "json", tmp_path / "again")
        assert json.loads(again.read_text("utf-8")) == data

    # Refused whole, with the reason in one sentence; the log on the device is unchanged.
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "sets": [', "utf-8")
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"schema_version": 2, "sets": []}), "utf-8")
    bad_row = tmp_path / "bad.csv"
    bad_row.write_text("date,exercise,set,load,reps,rir,note\n2026-13-40,x,1,10,5,2,\n", "utf-8")
    huge = tmp_path / "huge.json"
    huge.write_text(" " * (5 * 1024 * 1024 + 1), "utf-8")
    status = page.locator("#bc-log-status")
    for path, reason in (
        (broken, "not valid JSON"),
        (newer, "newer version"),
        (bad_row, ""),
        (huge, "at most 5 MB"),
    ):
        assert import_file(page, path) is False
        text = status.inner_text()
        assert text.startswith(f"{path.name} was not imported: "), text
        assert reason in text and text.endswith("The log on this device is unchanged.")
        assert logged_lines(page) == lines
    assert_nothing_left_the_device(context)
    context.close()


def test_a_set_can_be_edited_and_deleted_in_the_log(browser, root_server):
    context = phone(browser)
    page = open_ready(context, root_server.url + "planner/")
    show_session(page, "1:mon")
    exercise = page.locator("#bc-today .bc-today-ex").first.get_attribute("data-exercise")
    log_sets(page, exercise, 20, count=2)
    expect(page.locator("#bc-log .bc-log-text")).to_have_count(2)
    row = page.locator("#bc-log .bc-log-set").first
    row.locator('button[data-log-row="edit"]').click()
    row.locator('[data-field="reps"]').fill("7")
    row.locator('[data-field="date"]').fill("2026-01-05")
    row.locator('button[data-log-row="save"]').click()
    expect(page.locator("#bc-log-status")).to_contain_text("Saved")
    edited = page.locator("#bc-log .bc-log-text").last
    expect(edited).to_contain_text("5 Jan 2026, set 2: 20 kg × 7,")

    # Two sessions now: the exercise's history chart, drawn by the core, in the log view.
    history = page.locator(f'#bc-log details.bc-history[data-exercise="{exercise}"]')
    history.locator("summary").click()
    chart = history.locator('svg[role="img"]')
    expect(chart).to_be_visible(timeout=LONG)
    assert chart.locator("title").count() >= 1
    page.locator('#bc-log .bc-log-set button[data-log-row="delete"]').last.click()
    expect(page.locator("#bc-log .bc-log-text")).to_have_count(1)
    page.reload()
    wait_ready(page)
    expect(page.locator("#bc-log .bc-log-text")).to_have_count(1)
    context.close()


# --- data safety -------------------------------------------------------------------------------


def test_without_indexeddb_the_page_says_so_and_keeps_working(browser, root_server):
    context = phone(browser)
    context.add_init_script(NO_INDEXEDDB)
    page = open_ready(context, root_server.url + "planner/")
    note = page.locator("#bc-today .bc-storage-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("does not let the page save the set log")
    show_session(page, "1:mon")
    exercise = page.locator("#bc-today .bc-today-ex").first.get_attribute("data-exercise")
    log_sets(page, exercise, 5, count=1)
    expect(page.locator("#bc-timer")).to_be_visible()
    expect(page.locator("#bc-log")).to_contain_text("until you close the page")
    expect(page.locator("#bc-log .bc-log-text")).to_have_count(1)
    assert context.errors == []
    context.close()


def test_the_log_survives_a_new_deployment(browser, built_site, tmp_path):
    """A new build means a new service worker and a new cache; IndexedDB is not touched."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    server = serve(site)
    context = phone(browser)
    try:
        page = open_ready(context, server.url + "planner/")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=LONG)
        page.reload()  # a later visit, under the service worker (the first install is silent)
        wait_ready(page)
        show_session(page, "1:mon")
        exercise = page.locator("#bc-today .bc-today-ex").first.get_attribute("data-exercise")
        log_sets(page, exercise, 30, count=2)
        expect(page.locator("#bc-log .bc-log-text")).to_have_count(2)
        lines = logged_lines(page)
        old = page.evaluate("caches.keys()")

        # Deploy: the service worker's cache name changes, as a new build's would.
        sw = site / "sw.js"
        text = sw.read_text("utf-8")
        name = re.search(r'const CACHE = "(backchain-[0-9a-f]+)"', text).group(1)
        sw.write_text(text.replace(name, name + "0"), "utf-8")
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        # The page offers the new version; accepting it reloads the page under the new worker.
        with page.expect_navigation(timeout=LONG):
            page.locator("#bc-update button").click(timeout=LONG)
        wait_ready(page)
        caches = page.evaluate("caches.keys()")
        assert name + "0" in caches and name not in caches, (old, caches)
        expect(page.locator("#bc-log .bc-log-text")).to_have_count(2)
        assert logged_lines(page) == lines
    finally:
        context.close()
        server.close()


# --- keyboard and accessibility --------------------------------------------------------------


def test_swap_today_and_the_log_from_the_keyboard_alone(browser, root_server):
    from tests.browser.test_planner_keyboard import Keyboard

    context = phone(browser)
    page = open_ready(context, root_server.url + "planner/")
    keys = Keyboard(page)
    first = page.locator("#bc-week-1 .bc-session[data-weekday='mon'] .bc-exercises > li").first
    name = first.locator("a").inner_text()

    # Swap: Enter opens the alternatives with the focus on the first; Enter takes it, and the
    # focus comes back to the swapped exercise's own Swap button after the week is re-planned.
    keys.tab_to(f"Swap {name} on Monday")
    keys.press("Enter")
    page.locator(".bc-swap-panel button[data-swap-to]").first.wait_for(timeout=LONG)
    now = keys.focused()
    assert now["name"].startswith("Use "), now
    chosen = now["name"].removeprefix("Use ")
    before = page.evaluate("window.__bc.plans")
    keys.press("Enter")
    page.wait_for_function(f"() => window.__bc.plans > {before}", timeout=LONG)
    page.wait_for_function(
        "n => document.activeElement.getAttribute('aria-label') === n",
        arg=f"Swap {chosen} on Monday", timeout=LONG,
    )
    page.wait_for_function("() => window.__bc.targets >= 2", timeout=LONG)

    # Today: the session's first set, its load typed, then ticked with Space.
    keys.tab_to("Session")
    keys.tab_to("Set 1 load in kg")
    page.keyboard.type("10")
    keys.press("Shift+Tab")
    now = keys.press("Shift+Tab") if keys.focused()["role"] != "checkbox" else keys.focused()
    assert now["role"] == "checkbox" and now["name"] == f"Set 1 of {chosen} done", now
    keys.press("Space")
    expect(page.locator("#bc-timer")).to_be_visible()
    keys.tab_to("Stop the rest timer")
    now = keys.press("Enter")
    expect(page.locator("#bc-timer")).to_be_hidden()
    # The keyboard is back on the set that started the rest, not on the hidden Stop button.
    assert now["name"] == f"Set 1 of {chosen} done", now

    # The log: edit the set's reps, save, then delete it.
    expect(page.locator("#bc-log .bc-log-text")).to_have_count(1, timeout=LONG)
    keys.tab_to(re.compile(r"^Edit "))
    keys.press("Enter")
    keys.tab_to(re.compile(r" reps$"))
    page.keyboard.press("Control+A")
    page.keyboard.type("6")
    keys.tab_to(re.compile(r"^Save "))
    keys.press("Enter")
    expect(page.locator("#bc-log .bc-log-text").first).to_contain_text("× 6,")
    keys.tab_to(re.compile(r"^Delete "))
    keys.press("Enter")
    expect(page.locator("#bc-log")).to_contain_text("No sets logged yet")
    assert keys.problems == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_swap_today_and_the_log_have_no_serious_accessibility_problem(
    browser, root_server, scheme
):
    from tests.browser.axe import SCHEMES, report, run_axe, severe

    context = phone(browser, scheme)
    page = open_ready(context, root_server.url + "planner/")
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
    page.locator("#bc-week-1 .bc-swap").first.click()
    expect(page.locator(".bc-swap-panel button[data-swap-to]").first).to_be_visible(timeout=LONG)
    show_session(page, "1:mon")
    exercise = page.locator("#bc-today .bc-today-ex").first.get_attribute("data-exercise")
    log_sets(page, exercise, 10, count=2)
    expect(page.locator("#bc-timer")).to_be_visible()
    page.locator("#bc-today details.bc-history").first.evaluate("d => d.open = true")
    page.locator('#bc-log .bc-log-set button[data-log-row="edit"]').first.click()
    page.click('#bc-log-actions button[data-log="clear"]')
    found = severe(run_axe(page, f"planner: swap, Today, log [{scheme}]"))
    assert not found, "axe found serious or critical problems:\n" + report(found)
    context.close()
