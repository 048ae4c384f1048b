"""The movement player, the muscle map and the catalogue thumbnails, as a reader meets them.

The real site (built once by tests/conftest.py) is opened in real headless Chromium at a laptop
(1280 x 800) and a phone (390 x 844) size, in both palettes. What is measured is what a reader
sees: the player's rendered width, the figure's pose after a click or a key press, the colours
Chromium paints, the thumbnails' pixels. Nothing waits for a fixed time to pass except to see
that a paused figure did not move.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from tests.browser.conftest import serve

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
RDL = "exercises/romanian-deadlift/"
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.fixture(scope="module")
def server(built_site):
    running = serve(built_site)
    yield running
    running.close()


def open_page(browser, url: str, *, viewport=DESKTOP, scheme="light", **options):
    context = browser.new_context(viewport=viewport, color_scheme=scheme,
                                  service_workers="block", **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(url)
    page.errors = errors
    return page


def box(page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found, f"{selector} is not shown"
    return found


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours given as 0-255 channels."""
    def lum(rgb):
        c = [v / 255 for v in rgb[:3]]
        c = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def rgb(css: str) -> tuple[float, ...]:
    """A computed colour (Chromium writes rgb(r, g, b) or color(srgb r g b))."""
    if css.startswith("color(srgb"):
        return tuple(float(v) * 255 for v in css[len("color(srgb"):-1].split()[:3])
    return tuple(float(v) for v in re.findall(r"[\d.]+", css)[:3])


# ---- the player ---------------------------------------------------------------------------------

def test_player_is_at_least_320px_wide_beside_the_body_map_on_a_laptop(browser, server):
    page = open_page(browser, server.url + RDL)
    player, body = box(page, ".bc-player"), box(page, ".bc-figures > .bc-bodymap")
    assert player["width"] >= 320
    # beside it: the map starts right of the player, on the same band of the page
    assert body["x"] >= player["x"] + player["width"] - 1
    assert body["y"] < player["y"] + player["height"] and player["y"] < body["y"] + body["height"]
    # the drawing itself is larger than the 1.8 px a unit figures had before (116 units wide)
    assert box(page, ".bc-player .bc-move")["width"] > 116 * 1.8 + 20
    page.context.close()


def test_player_is_full_width_on_a_phone(browser, server):
    page = open_page(browser, server.url + RDL, viewport=PHONE)
    player = box(page, ".bc-player")
    content = box(page, ".md-content__inner")
    assert player["width"] >= content["width"] - 2
    assert box(page, ".bc-figures > .bc-bodymap")["y"] >= player["y"] + player["height"] - 1
    page.context.close()


# The animated figure's trunk angle now, and the one each pose of the static strip is drawn at.
POSE_STATE = """p => ({
    now: getComputedStyle(p.querySelector('.bc-move-anim .bc-j')).getPropertyValue('--bc-t'),
    poses: [...p.querySelectorAll('.bc-move-static .bc-pose use')]
        .map(u => u.style.getPropertyValue('--bc-t')),
    time: p.querySelector('.bc-move-anim .bc-j').getAnimations()[0].currentTime,
    state: p.querySelector('.bc-move-anim .bc-j').getAnimations()[0].playState,
})"""


def state(page) -> dict:
    return page.eval_on_selector(".bc-player", POSE_STATE)


def test_play_pause_and_step_by_clicking(browser, server):
    page = open_page(browser, server.url + RDL)
    play = page.get_by_role("button", name="Play", exact=True)
    status = page.locator(".bc-player-status")
    assert play.get_attribute("aria-pressed") == "true"
    assert state(page)["state"] == "running"

    play.click()
    assert play.get_attribute("aria-pressed") == "false"
    paused = state(page)
    assert paused["state"] == "paused"
    page.wait_for_timeout(300)  # a paused figure stays where it is
    assert state(page)["time"] == paused["time"]
    assert "Paused" in status.text_content()

    page.get_by_role("button", name="Next pose").click()
    shown = state(page)
    names = page.eval_on_selector(".bc-player", "p => JSON.parse(p.dataset.poses)")
    index = next(i for i, n in enumerate(names) if f": {n}" in status.text_content())
    assert status.text_content() == f"Pose {index + 1} of {len(names)}: {names[index]}"
    assert float(shown["now"].removesuffix("deg")) == pytest.approx(
        float(shown["poses"][index].removesuffix("deg")), abs=0.5)

    page.get_by_role("button", name="Previous pose").click()
    before = (index - 1) % len(names)
    assert status.text_content() == f"Pose {before + 1} of {len(names)}: {names[before]}"
    shown = state(page)
    assert float(shown["now"].removesuffix("deg")) == pytest.approx(
        float(shown["poses"][before].removesuffix("deg")), abs=0.5)

    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    assert state(page)["state"] == "running"
    assert page.errors == []
    page.context.close()


def test_play_pause_and_step_by_keyboard(browser, server):
    page = open_page(browser, server.url + "exercises/bent-over-rear-delt-fly/")
    play = page.get_by_role("button", name="Play", exact=True)
    # Tab from the page's start reaches the buttons (they are real buttons in the tab order)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('bc-player-prev')"):
            break
    else:
        pytest.fail("Tab never reached the player's buttons")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('bc-player-play')")
    page.keyboard.press("Space")
    assert play.get_attribute("aria-pressed") == "false"
    assert state(page)["state"] == "paused"
    page.keyboard.press("ArrowRight")
    names = page.eval_on_selector(".bc-player", "p => JSON.parse(p.dataset.poses)")
    first = page.locator(".bc-player-status").text_content()
    assert re.fullmatch(rf"Pose \d of {len(names)}: .+", first)
    page.keyboard.press("Tab")  # to "Next pose"
    page.keyboard.press("Enter")
    assert page.locator(".bc-player-status").text_content() != first
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert play.get_attribute("aria-pressed") == "true"
    page.context.close()


def test_the_current_pose_is_announced_politely(browser, server):
    page = open_page(browser, server.url + RDL)
    status = page.locator(".bc-player-status")
    assert status.get_attribute("role") == "status"  # an implicit aria-live="polite"
    page.get_by_role("button", name="Next pose").click()
    assert status.text_content().startswith("Pose ")
    page.context.close()


def test_reduced_motion_shows_the_strip_of_named_poses_and_no_buttons(browser, server):
    page = open_page(browser, server.url + RDL, reduced_motion="reduce")
    assert page.locator(".bc-player .bc-move-anim").first.is_hidden()
    poses = page.locator(".bc-player .bc-move-static .bc-pose")
    assert poses.count() >= 2
    for i in range(poses.count()):
        assert poses.nth(i).is_visible()
        assert poses.nth(i).locator("text").text_content() == poses.nth(i).get_attribute(
            "data-pose")
    assert page.locator(".bc-player-controls").is_hidden()
    assert box(page, ".bc-player")["width"] >= 320
    page.context.close()


def test_without_javascript_the_figure_still_animates_and_promises_no_buttons(browser, server):
    page = open_page(browser, server.url + RDL, java_script_enabled=False)
    assert page.locator(".bc-player .bc-move-anim").first.is_visible()
    assert page.locator(".bc-player-controls").is_hidden()
    page.context.close()


def test_print_shows_the_strip(browser, server):
    page = open_page(browser, server.url + RDL)
    page.emulate_media(media="print")
    assert page.locator(".bc-player .bc-move-anim").first.is_hidden()
    assert page.locator(".bc-player .bc-move-static .bc-pose").first.is_visible()
    assert page.locator(".bc-player-controls").is_hidden()
    page.context.close()


def test_exercise_pages_stay_under_40_kb(built_site: Path):
    sizes = {p.parent.name: p.stat().st_size
             for p in (built_site / "exercises").glob("*/index.html") if p.parent.name != "tags"}
    assert sizes
    assert {k: v for k, v in sizes.items() if v >= 40_000} == {}


# ---- the muscle map -----------------------------------------------------------------------------

MAP_COLOURS = """svg => {
    const fill = el => getComputedStyle(el).fill;
    const regions = [...svg.querySelectorAll('.bc-muscle[data-muscle]')];
    return {
        body: fill(svg.querySelector('.bc-body-outline path')),
        plain: regions.filter(r => !r.classList.contains('bc-primary')).map(
            r => [r.dataset.muscle, fill(r)]),
        highlighted: regions.filter(r => r.classList.contains('bc-primary')).map(
            r => [r.dataset.muscle, fill(r)]),
    };
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("url", ["", "muscles/"], ids=["home", "muscles-index"])
def test_muscle_map_colours_the_posterior_chain_and_says_regions_open_pages(
        browser, server, built_site, url, scheme):
    page = open_page(browser, server.url + url, scheme=scheme)
    assert page.eval_on_selector("body", "b => b.dataset.mdColorScheme") == SCHEMES[scheme]
    svg = page.locator("svg.bc-bodymap--links")
    found = svg.evaluate(MAP_COLOURS)
    catalogue = json.loads((built_site / "catalogue.json").read_text(encoding="utf-8"))
    posterior = {m["id"] for m in catalogue["muscles"] if m["chain"] == "posterior"}
    assert {m for m, _ in found["highlighted"]} == posterior
    assert {m for m, _ in found["plain"]} == {m["id"] for m in catalogue["muscles"]} - posterior
    body = rgb(found["body"])
    for muscle, fill in found["highlighted"]:
        assert contrast(rgb(fill), body) >= 3, f"{muscle} in {scheme}: {fill} on {found['body']}"
    for muscle, fill in found["plain"]:
        assert contrast(rgb(fill), body) < 3, f"{muscle} should stay plain"
    caption = page.locator("figure.bc-map figcaption")
    assert caption.is_visible()
    assert "opens its own page" in caption.text_content()
    assert page.locator("svg.bc-bodymap--links a").first.get_attribute("href")
    page.context.close()


def test_exercise_map_secondary_highlight_reads_in_the_dark(browser, server):
    """The RDL's lower back (secondary) almost disappeared in the dark palette before."""
    for scheme in SCHEMES:
        page = open_page(browser, server.url + RDL, scheme=scheme)
        svg = page.locator(".bc-figures > svg.bc-bodymap")
        colours = svg.evaluate("""svg => {
            const v = n => getComputedStyle(svg).getPropertyValue(n).trim();
            return [v('--bc-body-fill'), v('--bc-primary'), v('--bc-secondary')];
        }""")
        probe = page.evaluate("""cs => cs.map(c => {
            const el = document.createElement('i'); el.style.color = c;
            document.body.append(el); const out = getComputedStyle(el).color; el.remove();
            return out; })""", colours)
        body, primary, secondary = (rgb(c) for c in probe)
        assert contrast(primary, body) >= 3, scheme
        assert contrast(secondary, body) >= 3, scheme
        assert "--bc-m-erector-spinae:var(--bc-secondary)" in svg.get_attribute("style")
        page.context.close()


# ---- catalogue thumbnails -----------------------------------------------------------------------

# The thumbnail as painted (a screenshot of the element), read back into pixels by the page's
# own canvas: colour -> number of pixels.
PIXELS = """async data => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + data;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const counts = {};
    for (let i = 0; i < d.length; i += 4) {
        const k = d[i] + ',' + d[i + 1] + ',' + d[i + 2];
        counts[k] = (counts[k] || 0) + 1;
    }
    return counts;
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["laptop", "phone"])
def test_thumbnails_are_64px_and_drawn_in_contrast(browser, server, viewport, scheme):
    page = open_page(browser, server.url + "exercises/", viewport=viewport, scheme=scheme)
    thumbs = page.locator("img.bc-thumb")
    assert thumbs.count() >= 5
    for i in range(thumbs.count()):
        thumb = thumbs.nth(i)
        thumb.scroll_into_view_if_needed()
        size = thumb.bounding_box()
        assert size["width"] >= 64 and size["height"] >= 64, thumb.get_attribute("src")
    for i in range(0, thumbs.count(), 5):  # every fifth: hinge, row, raise ... all kinds
        thumb = thumbs.nth(i)
        thumb.scroll_into_view_if_needed()
        thumb.evaluate("img => img.decode()")
        shot = base64.b64encode(thumb.screenshot()).decode()
        counts = page.evaluate(PIXELS, shot)
        colours = sorted(((n, tuple(map(int, k.split(",")))) for k, n in counts.items()),
                         reverse=True)
        background = colours[0][1]
        drawn = [(n, c) for n, c in colours[1:] if contrast(c, background) >= 1.15]
        assert drawn, f"{thumb.get_attribute('src')}: nothing drawn"
        # the colour most of the figure is painted in (the body, or a large load) stands out
        n, main = drawn[0]
        assert contrast(main, background) >= 3, (
            f"{thumb.get_attribute('src')} ({scheme}): {main} on {background} is "
            f"{contrast(main, background):.2f}:1")
    page.context.close()
