"""Every kind of page on a phone (390 x 844 CSS px), in the light and the dark palette, as a
reader sees it in Chromium:

- the page does not scroll sideways (`scrollWidth` is at most the viewport's width);
- no text is cut off at the right: not past the screen's edge, and not hidden in a box that
  scrolls sideways (a table whose last columns need a swipe to be seen), except inside a code
  block, whose lines scroll by design;
- no text that is shown renders under 12 px. Text in an SVG is measured as drawn: its font size
  times the scale its element is drawn at (getScreenCTM), so a chart shrunk to the column counts
  at the size the reader gets.

Text outside the screen on the left (the closed navigation drawer) or clipped to a box narrower
than 8 px (text kept for screen readers only) is not shown, and not measured.

The planner page is checked as it loads and again once Python has put its own plan (with the
charts) on the page.
"""

from __future__ import annotations

import pytest

from tests.browser.axe import SCHEMES
from tests.page_types import PAGE_TYPES

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALLEST_PX = 12
LONG = 180_000  # ms: loading Python on a busy two-core machine can take a while

MEASURE = """() => {
  const vw = window.innerWidth;
  const small = [], cut = [];
  const seen = new Set();
  // The part of the screen an element's text can be seen in: the viewport, narrowed by the
  // element and every ancestor that clips or scrolls sideways.
  const window_of = (el) => {
    let left = 0, right = vw;
    for (let a = el; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') {
        const r = a.getBoundingClientRect();
        left = Math.max(left, r.left);
        right = Math.min(right, r.right);
      }
    }
    return [left, right];
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !node.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter(r => r.width > 1 && r.height > 1);
    const style = getComputedStyle(el);
    if (!rects.length || style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
    const [left, right] = window_of(el);
    if (right - left < 8) continue;  // not a box to read in: text for screen readers
    const shown = rects.filter(r => r.right > left + 1 && r.left < right - 1);
    const text = node.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40);
    const inSvg = el instanceof SVGElement;
    let size = parseFloat(style.fontSize);
    if (inSvg) {
      const m = el.getScreenCTM();
      if (m) size *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    }
    const where = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    if (shown.length && size < 12) small.push(`${where} "${text}": ${size.toFixed(1)} px`);
    if (!inSvg && !el.closest('pre') && rects.some(r => r.right > right + 1)) {
      const end = Math.round(Math.max(...rects.map(r => r.right)));
      cut.push(`${where} "${text}": ends at ${end} px, shown up to ${Math.round(right)} px`);
    }
  }
  return {width: vw, scrollWidth: document.scrollingElement.scrollWidth, small, cut};
}"""

KINDS = list(PAGE_TYPES)

COUNT_PLANS = """
window.__bcPlans = [];
document.addEventListener("bc:plan", (e) => window.__bcPlans.push(e.detail.status));
"""

# Polled inside the page, not with wait_for_function: that compiles its predicate with eval,
# which the site's Content-Security-Policy forbids.
FIRST_PLAN = """(ms) => new Promise((resolve, reject) => {
    const check = () =>
        window.__bcPlans.length ? resolve(window.__bcPlans[0]) : setTimeout(check, 100);
    setTimeout(() => reject(new Error(`no plan after ${ms} ms`)), ms);
    check();
})"""


def problems(page, name: str) -> list[str]:
    found = page.evaluate(MEASURE)
    out = []
    if found["scrollWidth"] > found["width"]:
        out.append(f"the page scrolls sideways: {found['scrollWidth']} px wide in a "
                   f"{found['width']} px viewport")
    out += [f"cut off: {line}" for line in found["cut"]]
    out += [f"under {SMALLEST_PX} px: {line}" for line in found["small"]]
    return [f"{name}: {line}" for line in out]


def open_phone_page(browser, url: str, scheme: str, plans: bool = False):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, service_workers="block")
    if plans:
        context.add_init_script(COUNT_PLANS)
    page = context.new_page()
    page.goto(url)
    shown = page.eval_on_selector("body", "b => b.dataset.mdColorScheme")
    assert shown == SCHEMES[scheme], f"{url}: asked for {scheme}, Material shows {shown!r}"
    return page


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("kind", KINDS)
def test_a_page_fits_a_phone_with_text_of_12_px_or_more(browser, root_server, kind, scheme):
    page = open_phone_page(browser, root_server.url + PAGE_TYPES[kind], scheme)
    try:
        page.evaluate("() => document.fonts.ready.then(() => true)")
        found = problems(page, f"{kind} [{scheme}]")
    finally:
        page.context.close()
    assert not found, "at 390 x 844:\n" + "\n".join(found)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_the_planner_with_its_plan_and_charts_fits_a_phone(browser, root_server, scheme):
    page = open_phone_page(browser, root_server.url + PAGE_TYPES["planner"], scheme, plans=True)
    try:
        page.wait_for_selector('#bc-planner[data-state="ready"]', state="attached", timeout=LONG)
        assert page.evaluate(FIRST_PLAN, LONG) == "ok"
        assert page.locator(".bc-figures svg").count() == 2  # the coverage and volume charts
        found = problems(page, f"planner with its plan [{scheme}]")
    finally:
        page.context.close()
    assert not found, "at 390 x 844:\n" + "\n".join(found)
