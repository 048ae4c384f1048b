"""The training-guidance pages: in the navigation, and linked from every exercise page and the
planner page, with links that resolve in the built site."""

from __future__ import annotations

import posixpath
import re
from html import unescape
from pathlib import Path

import pytest

GUIDES = {
    "warm-up": "Warm-up",
    "effort-and-load": "Effort and load",
    "progression": "Progression",
    "pain-and-soreness": "Pain and soreness",
}


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def article(html: str) -> str:
    """The page's own content, without the navigation, header and footer."""
    inner = html.split('<article class="md-content__inner', 1)[1].split(">", 1)[1]
    return inner.split("</article>", 1)[0]


def primary_nav(html: str) -> str:
    """The site navigation in the sidebar (its sections are nested <nav>s, so it runs up to the
    page content)."""
    after = html.split('<nav class="md-nav md-nav--primary"', 1)[1]
    return after.split('<div class="md-content"', 1)[0]


def guide_targets(site: Path, page_path: str, html: str) -> set[str]:
    """The guide pages that links in `html` (on the page at `page_path`) lead to, checking that
    each one resolves to a built page."""
    found = set()
    for href in re.findall(r'href="([^"#?]+)[^"]*"', html):
        if "://" in href or href.startswith(("/", "mailto:")):
            continue
        target = posixpath.normpath(posixpath.join(page_path + "/", href))
        if target in GUIDES:
            assert (site / target / "index.html").is_file(), f"{href} on {page_path} is broken"
            found.add(target)
    return found


def exercise_pages(site: Path) -> list[str]:
    return sorted(
        p.parent.name for p in (site / "exercises").glob("*/index.html")
        if p.parent.name not in {"tags", "thumbs"}
    )


@pytest.mark.parametrize("slug", GUIDES)
def test_each_guide_is_built_with_sources(built_site, slug):
    html = page(built_site, slug)
    title = text_of(re.search(r"<h1[^>]*>(.*?)</h1>", article(html), re.S).group(1))
    assert title.rstrip(" ¶") == GUIDES[slug]
    headings = [text_of(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", article(html), re.S)]
    assert any(h.startswith("Sources") for h in headings), f"{slug} has no Sources section"


def test_the_guides_sit_in_a_training_section_of_the_navigation(built_site):
    nav = primary_nav(page(built_site, ""))
    assert "Training" in text_of(nav)
    links = re.findall(r'href="([^"]+)"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+?)\s*<', nav)
    by_target = {posixpath.normpath(href): label for href, label in links}
    for slug, title in GUIDES.items():
        assert by_target.get(slug) == title, f"{slug} is not in the navigation as {title!r}"


def test_every_exercise_page_links_all_four_guides_from_its_prescription(built_site):
    exercises = exercise_pages(built_site)
    assert len(exercises) >= 15
    for exercise in exercises:
        path = f"exercises/{exercise}"
        html = article(page(built_site, path))
        glance = html.split('id="at-a-glance"', 1)[1].split("<h2", 1)[0]
        assert guide_targets(built_site, path, glance) == set(GUIDES), exercise


def test_the_planner_page_links_all_four_guides(built_site):
    html = article(page(built_site, "planner"))
    assert guide_targets(built_site, "planner", html) == set(GUIDES)


def test_the_warm_up_page_keeps_the_planner_s_numbers(built_site):
    body = text_of(article(page(built_site, "warm-up")))
    for number in ("5 minutes", "~50 %", "~70 %", "~85 %", "about 8 reps", "about 5 reps",
                   "2–3 reps"):
        assert number in body, number
