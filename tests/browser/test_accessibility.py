"""Accessibility gate: axe-core finds nothing serious or critical on any kind of page.

Every page type of the built site (tests/page_types.py) is opened in real headless Chromium, in
the light and in the dark palette (the site follows the reader's prefers-color-scheme), and axe
runs on the page as rendered. The planner is checked in the states a reader meets: with a plan
Python has just made, with every section opened after sharing, and with an explanation of why no
plan fits. A failure lists every finding at once, one line each.
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


def open_page(browser, url: str, scheme: str, plans: bool = False):
    """A fresh profile per page: no service worker or cache from an earlier page answers."""
    context = browser.new_context(color_scheme=scheme)
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
FIRST_PLAN = """(ms) => new Promise((resolve, reject) => {
    const check = () => {
        if (window.__bcPlans.length) resolve(window.__bcPlans[0]);
        else setTimeout(check, 100);
    };
    setTimeout(() => reject(new Error(`no plan after ${ms} ms`)), ms);
    check();
})"""


def wait_for_plan(page, status: str) -> None:
    """The planner has loaded and put its own first answer on the page."""
    page.wait_for_selector('#bc-planner[data-state="ready"]', state="attached", timeout=LONG)
    assert page.evaluate(FIRST_PLAN, LONG) == status


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
