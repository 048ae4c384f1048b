"""Site search in real Chromium: a muscle's name finds its page first.

The reader's way: open the built site, type the query into Material's search box one key at a
time, and read the results list Material renders from its own search worker (lunr) and the
built search/search_index.json. Nothing about the ranking is re-implemented here, so a change
of field or page boosts (mkdocs.yml, the page templates' `search: boost`) or of Material itself
is measured as readers get it.

Queries come from content/muscles.yaml, so a new muscle group is covered when it is added: its
name without the part in brackets ("lower back", "mid-back"), the singular of a plural name
("hamstring", "glute"), and the first name in the brackets ("erector spinae", "rhomboids").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
WAIT = 30_000  # ms

# Counts the queries Material posts to its search worker and the results it gets back, so a
# test can wait for "the results of what I typed" rather than for some time to pass.
COUNT_SEARCHES = """
window.__bcSearch = { queries: 0, replies: 0, last: null };
const NativeWorker = window.Worker;
window.Worker = class extends NativeWorker {
  constructor(url, options) {
    super(url, options);
    if (!/\\/workers\\/search\\./.test(String(url))) return;
    this.addEventListener("message", (e) => {
      if (e.data && e.data.type === 3) window.__bcSearch.replies += 1;
    });
    const post = this.postMessage.bind(this);
    this.postMessage = (message, ...rest) => {
      if (message && message.type === 2) {
        window.__bcSearch.queries += 1;
        window.__bcSearch.last = message.data;
      }
      return post(message, ...rest);
    };
  }
};
"""

# Text the figures draw or announce; none of it may reach a result snippet.
FIGURE_LABELS = ["Side view", "\u2194", "Muscles worked by the", "Where the ",
                 "Muscle map: choose", "No movement figure yet", "PrimarySecondary"]


def muscle_queries() -> list[tuple[str, str]]:
    muscles = yaml.safe_load((ROOT / "content" / "muscles.yaml").read_text(encoding="utf-8"))
    cases: dict[str, str] = {}
    for muscle in muscles["muscles"]:
        name = muscle["name"].lower()
        short = re.sub(r"\s*\(.*?\)", "", name).strip()
        queries = [short]
        if short.endswith("s") and not short.endswith("ss"):
            queries.append(short[:-1])
        inside = re.search(r"\(([^,)]+)", name)
        if inside:
            queries.append(inside.group(1).strip())
        for query in queries:
            cases.setdefault(query, muscle["id"])
    return sorted(cases.items())


@pytest.fixture(scope="module")
def search_page(browser, root_server):
    context = browser.new_context(service_workers="block")
    context.add_init_script(COUNT_SEARCHES)
    page = context.new_page()
    page.goto(root_server.url)
    page.wait_for_function("() => window.__bcSearch !== undefined")
    yield page
    context.close()


def search(page, query: str) -> list[dict]:
    """Type `query` into the search box; the rendered results, best first."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")  # a key up on the empty box clears the results, as a reader's delete would
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')",
                           timeout=WAIT)
    box.type(query, delay=20)
    page.wait_for_function(
        """(query) => { const s = window.__bcSearch;
             return s.last === query && s.replies === s.queries; }""",
        arg=query, timeout=WAIT,
    )
    page.wait_for_function(
        "() => /\\d|No match/.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=WAIT,
    )
    # Material renders on the next animation frames after the worker's answer.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return page.eval_on_selector_all(
        ".md-search-result__item",
        """items => items.map(item => ({
             href: item.querySelector('a.md-search-result__link').getAttribute('href'),
             text: item.innerText }))""",
    )


def page_of(href: str, root: str) -> str:
    """A result's page, relative to the site root: 'muscles/hamstrings/'."""
    path = href.split("?", 1)[0].split("#", 1)[0]
    return path[len(root):] if path.startswith(root) else path


@pytest.mark.parametrize(("query", "muscle"), muscle_queries())
def test_a_muscles_name_finds_its_page_first(search_page, root_server, query, muscle):
    results = search(search_page, query)
    pages = [page_of(r["href"], root_server.url) for r in results]
    assert pages, f"no results for {query!r}"
    assert pages[0] == f"muscles/{muscle}/", (
        f"{query!r}: muscles/{muscle}/ is result "
        f"{pages.index(f'muscles/{muscle}/') + 1 if f'muscles/{muscle}/' in pages else 'none'}"
        f", after {pages[:5]}"
    )
    snippets = "\n".join(r["text"] for r in results)
    shown = [label for label in FIGURE_LABELS if label in snippets]
    assert not shown, f"{query!r}: figure text in the result snippets: {shown}"


@pytest.mark.parametrize(
    ("query", "guide"),
    [("hip hinge", "hip-hinge/"), ("warm-up", "warm-up/"), ("soreness", "pain-and-soreness/"),
     ("progression", "progression/"), ("reps in reserve", "effort-and-load/")],
)
def test_a_guides_topic_finds_the_guide_first(search_page, root_server, query, guide):
    pages = [page_of(r["href"], root_server.url) for r in search(search_page, query)]
    assert pages and pages[0] == guide, f"{query!r}: {pages[:5]}"
