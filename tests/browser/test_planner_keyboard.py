"""The planner works from the keyboard alone, with focus always visible and every control named.

Real headless Chromium against the built site; the only input is page.keyboard (Tab,
Shift+Tab, arrow keys, Space, Enter), starting from the top of the page as a keyboard user does.
What the test checks is what the reader sees: the plan's own summary line and sessions.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_source

pytestmark = pytest.mark.browser

LONG = 180_000  # ms: loading Python on a busy two-core machine can take a while

# Seen from the page, never changed: how many plans were drawn and whether printing started.
OBSERVE = """
window.__bcPlans = 0;
window.__bcPrints = 0;
document.addEventListener("bc:plan", () => { window.__bcPlans += 1; });
window.addEventListener("beforeprint", () => { window.__bcPrints += 1; });
"""

# The focused element, its accessible name (axe's implementation of the W3C algorithm), and
# whether its focus is drawn. A checkbox drawn as a chip is invisible itself, so its ring may be
# on its label or on the chip right after it; a ring on something of no size does not count.
FOCUSED = """() => {
    const el = document.activeElement;
    axe.setup(document);
    const name = axe.commons.text.accessibleText(el).trim();
    axe.teardown();
    const shows = (e) => {
        if (!e) return false;
        const s = getComputedStyle(e);
        const box = e.getBoundingClientRect();
        const ring = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
        return ring && box.width > 0 && box.height > 0 && s.visibility !== "hidden";
    };
    const own = getComputedStyle(el);
    const drawn = Number(own.opacity) > 0 && (shows(el) || own.boxShadow !== "none");
    const visible = drawn || shows(el.closest("label")) || shows(el.nextElementSibling);
    const inPlanner = Boolean(el.closest("#bc-planner"));
    const role = el.getAttribute("role") || el.type || el.tagName.toLowerCase();
    return {tag: el.tagName.toLowerCase(), role, name, visible, inPlanner,
            value: el.value ?? null, checked: el.checked ?? null};
}"""


class Keyboard:
    """A keyboard user on the planner page who keeps notes on every focus stop."""

    def __init__(self, page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.evaluate(axe_source())

    def focused(self) -> dict:
        return self.page.evaluate(FOCUSED)

    def press(self, key: str) -> dict:
        self.page.keyboard.press(key)
        now = self.focused()
        if now["inPlanner"]:
            label = f"{now['role']} {now['name']!r}"
            if not now["name"]:
                self.problems.append(f"{now['tag']} ({now['role']}) has no accessible name")
            if not now["visible"]:
                self.problems.append(f"{label}: focus is not visible (no outline or ring)")
        return now

    def tab_to(self, name: str | re.Pattern, backwards: bool = False, limit: int = 200) -> dict:
        """Tab (or Shift+Tab) until the focused control's accessible name matches `name`."""
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(limit):
            now = self.press(key)
            found = now["name"] == name if isinstance(name, str) else name.search(now["name"])
            if found:
                return now
        raise AssertionError(f"{limit} presses of {key} never reached a control named {name!r}")


def plans(page) -> int:
    return page.evaluate("window.__bcPlans")


def printed(page) -> int:
    """How many times printing started, waiting (generously) for the first."""
    deadline = time.monotonic() + LONG / 1000
    while not (count := page.evaluate("window.__bcPrints")) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    return count


@pytest.fixture
def page(browser, root_server):
    context = browser.new_context(
        accept_downloads=True, permissions=["clipboard-read", "clipboard-write"]
    )
    context.add_init_script(OBSERVE)
    page = context.new_page()
    page.goto(root_server.url + "planner/")
    # Python loaded and its first plan drawn: every change from now on is planned at once.
    expect(page.locator("#bc-planner")).to_have_attribute("data-state", "ready", timeout=LONG)
    expect(page.locator("#bc-progress")).to_contain_text("The planner is ready", timeout=LONG)
    yield page
    context.close()


def test_settings_change_the_plan_from_the_keyboard_alone(page):
    keys = Keyboard(page)
    summary = page.locator("#bc-plan-body .bc-summary")
    expect(summary).to_contain_text("Monday, Wednesday, Friday")

    # Tab lands on the chosen schedule; the arrow key picks the next one, as radios do.
    now = keys.tab_to(re.compile("^Three total-body workouts"))
    assert now["role"] == "radio" and now["checked"]
    before = plans(page)
    now = keys.press("ArrowDown")
    assert now["role"] == "radio" and now["checked"]
    chosen = page.locator('input[name="split"]:checked + span strong').inner_text()
    assert chosen != "Three total-body workouts"
    expect(summary).to_contain_text(chosen, timeout=LONG)
    assert plans(page) > before

    # Space turns Monday off and Sunday on: the sessions move.
    now = keys.tab_to("Monday")
    assert now["role"] == "checkbox" and now["checked"]
    keys.press("Space")
    now = keys.tab_to("Sunday")
    assert now["role"] == "checkbox" and not now["checked"]
    keys.press("Space")
    expect(summary).to_contain_text("Wednesday, Friday, Sunday", timeout=LONG)

    # Minutes go up in steps of five with the arrow key.
    now = keys.tab_to("Minutes per session")
    assert now["value"] == "45"
    for _ in range(3):
        keys.press("ArrowUp")
    assert keys.focused()["value"] == "60"
    expect(summary).to_contain_text("of your 60 minutes", timeout=LONG)

    # A closed section opens with Enter; an exercise in the plan is left out with Space. The
    # list names each exercise as its guide does; the plan may call it after the gear in use
    # (the kettlebell swing done with dumbbells is the dumbbell swing).
    link = page.locator("#bc-week-1 .bc-exercises a").first
    first = link.inner_text()
    exercise_id = link.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
    listed = page.locator(f'input[name="exclude"][value="{exercise_id}"]').locator("..")
    keys.tab_to(re.compile("^Exercises to leave out"))
    keys.press("Enter")
    expect(page.locator('details[data-field="exclude"]')).to_have_attribute("open", "")
    now = keys.tab_to(listed.inner_text().strip())
    assert now["role"] == "checkbox"
    keys.press("Space")
    expect(page.locator("#bc-plan-body .bc-week").first).to_be_visible()
    expect(page.locator("#bc-plan-body")).not_to_contain_text(first, timeout=LONG)

    assert keys.problems == [], "\n".join(keys.problems)


def test_the_take_it_with_you_buttons_work_from_the_keyboard(page):
    keys = Keyboard(page)

    keys.tab_to("Copy share link")
    keys.press("Enter")
    status = page.locator("#bc-progress")
    expect(status).to_contain_text("Share link", timeout=LONG)
    link = page.evaluate("navigator.clipboard.readText()")
    assert "/planner/?split=three-total-body" in link
    assert link in status.inner_text()

    # Back up through the buttons: the order on screen, in reverse.
    keys.tab_to("Print", backwards=True)
    keys.press("Enter")
    assert printed(page) == 1

    keys.tab_to("Copy as Markdown", backwards=True)
    keys.press("Enter")
    expect(status).to_contain_text("copied as Markdown", timeout=LONG)
    assert page.evaluate("navigator.clipboard.readText()").startswith("#")

    keys.tab_to("Download JSON", backwards=True)
    with page.expect_download(timeout=LONG) as download:
        keys.press("Enter")
    assert download.value.suggested_filename == "backchain-plan.json"

    keys.tab_to("Add to calendar (.ics)", backwards=True)
    with page.expect_download(timeout=LONG) as download:
        keys.press("Enter")
    assert download.value.suggested_filename == "backchain-plan.ics"

    assert keys.problems == [], "\n".join(keys.problems)


def test_every_stop_on_the_planner_page_shows_its_focus_and_has_a_name(page):
    keys = Keyboard(page)
    names: list[str] = []
    keys.tab_to("Skip to content")
    # Once round the whole page, back to where Tab started.
    for _ in range(400):
        now = keys.press("Tab")
        if now["name"] == "Skip to content":
            break
        if now["inPlanner"]:
            names.append(now["name"])
    reached = " | ".join(names)
    for name in ["Wednesday", "Level", "Exercises to prefer", "Copy share link", "Week 4"]:
        assert name in reached, f"Tab never reaches {name!r} on the planner page: {reached}"
    assert keys.problems == [], "\n".join(keys.problems)
