"""Accessibility gate: axe-core finds nothing serious or critical on any kind of page.

Every page type of the built site (tests/page_types.py) is opened in real headless Chromium, in
the light and in the dark palette (the site follows the reader's prefers-color-scheme), and axe
runs on the page as rendered. The planner is checked in the states a reader meets: with a plan
Python has just made, with every section opened after sharing, with an explanation of why no
plan fits, and when something goes wrong: a share link refused or adjusted, a setting out of
range, the example plan shown while Python loads, Python failing to start. A failure lists every
finding at once, one line each.
"""

from __future__ import annotations

import pytest

from tests.browser.axe import SCHEMES, Violation, report, run_axe, severe
from tests.page_types import PAGE_TYPES

pytestmark = pytest.mark.browser

LONG = 180_000  # ms: loading Python on a busy two-core machine can take a while

COUNT_PLANS = """
window.__bcPlans = [];
document.addEventListener("bc:plan", (e) => window.__bcPlans.push(e.detail.status));
"""


def open_page(browser, url: str, scheme: str, plans: bool = False, routes=()):
    """A fresh profile per page: no service worker or cache from an earlier page answers.

    `routes` are (URL pattern, handler) pairs for Playwright's context.route; service workers
    are blocked so that every request of the page and of the planner's worker reaches them.
    """
    context = browser.new_context(color_scheme=scheme, service_workers="block")
    for pattern, handler in routes:
        context.route(pattern, handler)
    if plans:
        context.add_init_script(COUNT_PLANS)
    page = context.new_page()
    page.goto(url)
    shown = page.eval_on_selector("body", "b => b.dataset.mdColorScheme")
    assert shown == SCHEMES[scheme], (
        f"{url}: asked the browser for the {scheme} palette, but Material shows {shown!r}; "
        "check the palette entries (media queries) in mkdocs.yml"
    )
    return page


# Polled inside the page by a function Playwright passes in, not by wait_for_function: that
# compiles its predicate with eval, which the site's Content-Security-Policy forbids.
NTH_PLAN = """([n, ms]) => new Promise((resolve, reject) => {
    const check = () => {
        if (window.__bcPlans.length > n) resolve(window.__bcPlans[n]);
        else setTimeout(check, 100);
    };
    setTimeout(() => reject(new Error(`no plan number ${n + 1} after ${ms} ms`)), ms);
    check();
})"""


def wait_for_plan(page, status: str, nth: int = 0) -> None:
    """The planner has loaded and put its own answer number `nth` (from 0) on the page."""
    page.wait_for_selector('#bc-planner[data-state="ready"]', state="attached", timeout=LONG)
    assert page.evaluate(NTH_PLAN, [nth, LONG]) == status


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_no_page_type_has_a_serious_accessibility_problem(browser, root_server, scheme):
    found: list[Violation] = []
    for name, path in PAGE_TYPES.items():
        page = open_page(browser, root_server.url + path, scheme)
        found += severe(run_axe(page, f"{name} [{scheme}]"))
        page.context.close()
    assert not found, "axe found serious or critical problems:\n" + report(found)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_the_planner_has_no_serious_accessibility_problem_in_use(browser, root_server, scheme):
    found: list[Violation] = []
    planner = root_server.url + PAGE_TYPES["planner"].removesuffix("index.html")

    page = open_page(browser, planner, scheme, plans=True)
    wait_for_plan(page, "ok")
    found += severe(run_axe(page, f"planner with a plan [{scheme}]"))

    # Everything unfolded: the settings' extra sections and every week; the share link shown.
    page.click('button[data-action="share"]')
    page.locator("#bc-progress", has_text="Share link").wait_for(timeout=LONG)
    page.evaluate("document.querySelectorAll('#bc-planner details').forEach(d => d.open = true)")
    found += severe(run_axe(page, f"planner, all sections open [{scheme}]"))
    page.context.close()

    # Three sessions on one day cannot work: the explanation and its suggestions are shown.
    page = open_page(browser, planner + "?split=three-total-body&days=mon", scheme, plans=True)
    wait_for_plan(page, "infeasible")
    assert page.locator("#bc-problem button.bc-apply").count() >= 1
    found += severe(run_axe(page, f"planner, no plan fits [{scheme}]"))
    page.context.close()

    assert not found, "axe found serious or critical problems:\n" + report(found)


# A field given twice: the link is refused whole (planner.js, decodeShareLink).
REFUSED_LINK = "?days=mon&days=tue"
# Well formed, but naming equipment the form does not offer: used without it, and said so.
ADJUSTED_LINK = "?split=two-total-body&days=mon,thu&equipment=hoverboard"


def planner_in_trouble(browser, planner: str, scheme: str, css: str = "") -> list[Violation]:
    """Every axe finding on the planner in the states where something went wrong.

    `css` is appended to planner.css as the browser receives it, as if someone had edited it.
    """
    routes = []
    if css:
        def edited(route) -> None:
            response = route.fetch()
            route.fulfill(response=response, body=response.text() + "\n" + css)

        routes.append(("**/planner.css*", edited))
    found: list[Violation] = []

    # A refused share link: the note above the form stays while the reader uses the planner.
    page = open_page(browser, planner + REFUSED_LINK, scheme, plans=True, routes=routes)
    wait_for_plan(page, "ok")
    assert "more than once" in page.inner_text("#bc-link-refused")
    found += run_axe(page, f"planner, share link refused [{scheme}]")

    # Minutes out of range, typed: the field is marked and the explanation sits under it.
    page.fill("#bc-minutes", "5")
    wait_for_plan(page, "error", nth=1)
    assert page.locator('[data-field="minutes"].bc-invalid').is_visible()
    assert "minutes" in page.inner_text("#bc-problem")
    found += run_axe(page, f"planner, minutes out of range [{scheme}]")
    page.context.close()

    # Python still loading, held there by keeping the catalogue from the worker: the example
    # plan is shown for a link that asks for another, with the spinner and the adjusted note.
    held = []
    routes.append(("**/catalogue.json*", lambda route: held.append(route)))
    page = open_page(browser, planner + ADJUSTED_LINK, scheme, routes=routes)
    page.wait_for_selector("#bc-progress.bc-busy")
    page.wait_for_selector("#bc-plan-body.bc-stale")
    assert "hoverboard" in page.inner_text("#bc-link-adjusted")
    assert page.get_attribute("#bc-planner", "data-state") == "loading"
    found += run_axe(page, f"planner, loading with the example shown [{scheme}]")

    # The catalogue cannot be fetched (as offline with nothing cached): Python cannot start.
    for route in held:
        route.fulfill(status=404, body="")
    page.wait_for_selector('#bc-planner[data-state="failed"]', state="attached", timeout=LONG)
    assert "could not start" in page.inner_text("#bc-progress")
    found += run_axe(page, f"planner, Python could not start [{scheme}]")
    page.context.close()
    return found


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_the_planner_has_no_serious_accessibility_problem_when_something_goes_wrong(
    browser, root_server, scheme
):
    planner = root_server.url + PAGE_TYPES["planner"].removesuffix("index.html")
    found = severe(planner_in_trouble(browser, planner, scheme))
    assert not found, "axe found serious or critical problems:\n" + report(found)


# Each rule pales what one of the states above shows (the first is a reviewer's real edit), so
# the gate must name each state and its element; unfaded, the example plan reads fine.
PALE = """
.bc-link-note { color: #a0a0a0; }
.bc-field.bc-invalid label { color: #ff9e9e; }
.bc-stale { opacity: 0.55; }
.bc-progress { color: #b0b0b0; }
"""


def test_the_gate_sees_the_planner_in_each_state_where_something_goes_wrong(
    browser, root_server
):
    planner = root_server.url + PAGE_TYPES["planner"].removesuffix("index.html")
    found = severe(planner_in_trouble(browser, planner, "light", css=PALE))
    contrast = {v.where: v for v in found if v.rule == "color-contrast"}
    expected = {
        "planner, share link refused [light]": "#bc-link-refused",
        "planner, minutes out of range [light]": "bc-minutes",
        "planner, loading with the example shown [light]": ".bc-summary",
        "planner, Python could not start [light]": "#bc-progress",
    }
    lines = report(found)
    for where, element in expected.items():
        assert where in contrast, f"no contrast finding for {where}:\n{lines}"
        assert element in str(contrast[where]), f"{element} not named for {where}:\n{lines}"
    assert f"{next(iter(expected))}: color-contrast (serious):" in lines


BROKEN = """<!doctype html>
<html lang="en"><head><title>Broken on purpose</title></head>
<body style="background: #fff">
<main>
<h1>A page with the mistakes the gate is for</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">
<button type="button"><svg width="16" height="16"></svg></button>
<p style="color: #bbb">Pale grey text on white.</p>
</main>
</body></html>"""


def test_the_gate_reports_each_problem_with_its_page_rule_and_element(browser):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.set_content(BROKEN)
    found = severe(run_axe(page, "fixture [light]"))
    context.close()

    rules = {v.rule: v for v in found}
    assert {"image-alt", "button-name", "color-contrast"} <= set(rules)
    assert rules["image-alt"].impact == "critical"
    assert rules["color-contrast"].impact == "serious"
    lines = report(found).splitlines()
    assert any(
        line.startswith("fixture [light]: image-alt (critical): Images must have alternative text")
        and line.endswith("— img")
        for line in lines
    ), lines
    assert any(line.startswith("fixture [light]: color-contrast (serious):") for line in lines)
