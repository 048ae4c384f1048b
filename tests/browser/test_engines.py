"""The site Zensical builds works in Chromium as MkDocs' does: the planner plans and keeps
planning offline, search finds pages, the palette switches (tests/site/test_engines.py compares
the two builds file by file)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import Server, serve
from tests.browser.test_planner_page import (
    LONG,
    after_change,
    assert_clean,
    open_planner,
    training_days,
    wait_ready,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def zensical_server(zensical_site) -> Iterator[Server]:
    server = serve(zensical_site)
    yield server
    server.close()


def test_on_the_zensical_site_the_planner_plans_and_keeps_planning_offline(
    context, zensical_server
):
    page = open_planner(context, zensical_server)
    wait_ready(page)
    assert training_days(page) == ["mon", "wed", "fri"]
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=LONG)
    context.set_offline(True)
    try:
        page.reload()
        wait_ready(page)
        detail = after_change(
            page, lambda: page.check('input[name="split"][value="two-total-body"]')
        )
        assert detail["status"] == "ok"
        assert len(training_days(page)) == 2
        page.goto(zensical_server.url + "exercises/romanian-deadlift/")
        assert page.locator("h1").first.inner_text().startswith("Romanian deadlift")
    finally:
        context.set_offline(False)
    assert_clean(context)


def test_on_the_zensical_site_search_finds_an_exercise(context, zensical_server):
    """Zensical's own search: a button that opens a dialog (in a shadow root, which
    Playwright's locators reach into), best match first."""
    page = context.new_page()
    page.goto(zensical_server.url)
    page.locator(".md-search__button").first.click()
    page.locator("dialog input[role=combobox]").fill("romanian")
    first = page.locator("ol[role=listbox] a").first
    first.wait_for(timeout=60_000)
    assert "/exercises/romanian-deadlift/" in first.get_attribute("href")
    assert first.inner_text().startswith("Romanian deadlift")


def test_on_the_zensical_site_the_palette_toggle_switches_to_dark_and_back(
    context, zensical_server
):
    page = context.new_page()
    page.goto(zensical_server.url)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    first = page.evaluate(scheme)
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"() => {scheme} !== {first!r}")
    assert page.evaluate(scheme) in ("default", "slate")
