"""Share links are read with care: a malformed or oversized one is refused in plain words.

Anyone can write a link to the planner, so its query is untrusted input. These tests open the
built planner page in Chromium with such links and check what the reader sees: one sentence
saying why the link was not used, and the planner ready to use with sensible settings.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

GOOD = "split=two-total-body&days=mon,thu&level=intermediate&minutes=40"

REFUSED = {
    "oversized": ("?" + GOOD + "&prefer=" + "a" * 3000, "characters long"),
    "too many names": ("?split=two-total-body&days=" + ",".join(["mon"] * 41), "at most 40"),
    "broken escape": ("?split=two-total-body&days=mon%E0%A4%A", "not correctly %-encoded"),
    "field twice": ("?days=mon&days=thu", "more than once"),
    "markup in a list": (
        "?split=two-total-body&days=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "not a name the planner uses",
    ),
    "words for a number": ("?" + GOOD.replace("minutes=40", "minutes=forty"), "whole number"),
    "a date in another form": ("?" + GOOD + "&start=27/11/2026", "YYYY-MM-DD"),
    "a date not on the calendar": ("?" + GOOD + "&start=2030-02-30", "not a date on the calendar"),
}


def open_planner(browser, site, query: str):
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(site.url + "planner/" + query)
    page.wait_for_selector("#bc-form")
    return context, page, errors, dialogs


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_bad_share_link_is_refused_with_its_reason(browser, root_server, case: str) -> None:
    query, reason = REFUSED[case]
    context, page, errors, dialogs = open_planner(browser, root_server, query)
    try:
        note = page.locator("#bc-link-refused")
        assert note.get_attribute("role") == "alert"
        text = note.inner_text()
        assert text.startswith("This share link could not be used:")
        assert reason in text
        assert len(text) < 400  # quoted input is shortened, never pasted whole
        # Across the top of the planner, not squeezed into one of its columns.
        note_box = note.bounding_box()
        planner_box = page.locator("#bc-planner").bounding_box()
        assert note_box["width"] > 0.9 * planner_box["width"]
        assert note_box["y"] < page.locator("#bc-form").bounding_box()["y"]
        # The reader still has a plan and a working form, from the example settings.
        assert page.locator("#bc-week-1 .bc-session").count() > 0
        assert page.input_value("#bc-level") == "beginner"
        assert errors == [] and dialogs == []
        assert page.locator("img[src='x']").count() == 0
    finally:
        context.close()


def test_a_good_share_link_sets_the_form_and_ignores_parameters_that_are_not_ours(
    browser, root_server
) -> None:
    context, page, errors, _ = open_planner(browser, root_server, f"?{GOOD}&utm_source=chat")
    try:
        assert page.locator("#bc-link-refused").count() == 0
        assert page.input_value("#bc-level") == "intermediate"
        assert page.input_value("#bc-minutes") == "40"
        checked = page.eval_on_selector_all(
            'input[name="days"]:checked', "inputs => inputs.map(i => i.value)"
        )
        assert checked == ["mon", "thu"]
        assert errors == []
    finally:
        context.close()


def test_the_longest_link_the_page_can_write_is_one_it_accepts(browser, root_server) -> None:
    # Everything ticked: every day, piece of equipment and exercise left out and preferred.
    context, page, errors, _ = open_planner(browser, root_server, "")
    try:
        page.evaluate(
            """() => {
              for (const input of document.querySelectorAll('#bc-form input[type=checkbox]')) {
                input.checked = true;
              }
              document.getElementById('bc-form').dispatchEvent(new Event('change'));
            }"""
        )
        written = page.evaluate("location.search")
        assert "prefer=" in written and "exclude=" in written
    finally:
        context.close()
    context, page, errors, _ = open_planner(browser, root_server, written)
    try:
        assert page.locator("#bc-link-refused").count() == 0
        assert page.locator('input[name="prefer"]:checked').count() > 20
        assert errors == []
    finally:
        context.close()


def test_what_the_form_has_no_place_for_is_left_out_and_the_reader_is_told(
    browser, root_server
) -> None:
    # Well formed, but made by hand or before a fork renamed things: a list of session types
    # (the command line takes one, the form does not), a level and equipment this site lacks.
    query = ("?split=upper,lower&days=mon,thu&level=expert&equipment=dumbbells,rocket-sled"
             "&start=1999-01-04")
    context, page, errors, _ = open_planner(browser, root_server, query)
    try:
        assert page.locator("#bc-link-refused").count() == 0
        note = page.locator("#bc-link-adjusted")
        assert note.get_attribute("role") == "status"
        text = note.inner_text()
        assert "left out" in text
        for named in ("the split “upper,lower”", "equipment “rocket-sled”",
                      "the level “expert”", "started on 1999-01-04 and has ended"):
            assert named in text
        # The form shows what it can of the link, and the example where it cannot.
        assert page.eval_on_selector_all('input[name="days"]:checked',
                                         "inputs => inputs.map(i => i.value)") == ["mon", "thu"]
        assert page.eval_on_selector_all('input[name="equipment"]:checked',
                                         "inputs => inputs.map(i => i.value)") == ["dumbbells"]
        assert page.input_value("#bc-level") == "beginner"
        assert page.locator('input[name="split"]:checked').count() == 1
        assert page.input_value("#bc-start") > "2026-01-01"
        # ...and the planner plans it: a plan, or the core's own explanation, never a blank.
        page.wait_for_function(
            "() => document.getElementById('bc-planner').dataset.state === 'ready'", timeout=120_000
        )
        assert "unknown split" not in page.locator("#bc-planner").inner_text()
        assert errors == []
    finally:
        context.close()


def open_with_saved_settings(browser, site, saved: dict, query: str = ""):
    context, page, errors, dialogs = open_planner(browser, site, "")
    page.evaluate("(saved) => localStorage.setItem('backchain.planner.request', saved)",
                  json.dumps(saved))
    page.goto(site.url + "planner/" + query)
    page.wait_for_selector("#bc-form")
    return context, page, errors


def test_what_a_link_does_not_set_or_cannot_use_comes_from_the_readers_own_settings(
    browser, root_server
) -> None:
    context, page, errors = open_with_saved_settings(
        browser, root_server, {"level": "intermediate", "minutes": 50}, "?level=expert&weeks=6"
    )
    try:
        assert "the level “expert”" in page.locator("#bc-link-adjusted").inner_text()
        assert page.input_value("#bc-level") == "intermediate"
        assert page.input_value("#bc-minutes") == "50"
        assert page.input_value("#bc-weeks") == "6"
        assert errors == []
    finally:
        context.close()


def test_saved_settings_the_site_no_longer_offers_are_left_out_with_a_note(
    browser, root_server
) -> None:
    saved = {"split": "gone-split", "level": "expert", "exclude": ["deadlift", "gone-lift"],
             "start": "2020-01-06", "weeks": 4}
    context, page, errors = open_with_saved_settings(browser, root_server, saved)
    try:
        text = page.locator("#bc-link-adjusted").inner_text()
        assert text.startswith("Your saved settings name what this planner does not offer")
        for named in ("the split “gone-split”", "exclude “gone-lift”", "the level “expert”",
                      "started on 2020-01-06 and has ended"):
            assert named in text
        assert page.locator('input[name="split"]:checked').count() == 1
        assert page.eval_on_selector_all('input[name="exclude"]:checked',
                                         "inputs => inputs.map(i => i.value)") == ["deadlift"]
        assert page.input_value("#bc-start") > "2026-01-01"
        assert errors == []
    finally:
        context.close()


def test_a_plan_still_under_way_keeps_its_start_date(browser, root_server) -> None:
    import datetime as dt

    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday() + 7)
    context, page, errors, _ = open_planner(
        browser, root_server, f"?{GOOD}&weeks=4&start={monday.isoformat()}"
    )
    try:
        assert page.locator("#bc-link-adjusted").count() == 0
        assert page.input_value("#bc-start") == monday.isoformat()
    finally:
        context.close()
