"""Two engines, one site: the project built with Zensical against the same project built with
MkDocs.

Material for MkDocs reaches end of life on 5 May 2027, and Zensical reads the same mkdocs.yml
but runs none of its hooks. The build is the project's own steps (generator/build/steps.py), so both
engines get the generated pages, the security policy and the service worker. These tests compare
the two sites page by page, run the link, policy and HTML gates on Zensical's, and check that
every feature a reader uses is there. ARCHITECTURE.md lists what differs and why.
"""

from __future__ import annotations

import difflib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.web import csp
from tests.site.links import check_site

SKIPPED_ELEMENTS = {"script", "style", "svg", "template"}


class _ArticleText(HTMLParser):
    """The words of a page's article, as a reader sees them.

    Left out: the heading permalinks ("¶", which Zensical leaves off the tags page) and the
    tag list, which Material puts above the article and Zensical below it; the tags are
    compared on their own as a set.
    """

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.tags: set[str] = set()
        self._article = 0
        self._skip = 0
        self._in_tag = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article":
            self._article += 1
        if tag in SKIPPED_ELEMENTS or "headerlink" in classes or self._skip:
            self._skip += tag not in ("br", "img", "input", "link", "meta", "hr", "wbr")
        if "md-tag" in classes:
            self._in_tag += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._article -= 1
        if self._skip and tag not in ("br", "img", "input", "link", "meta", "hr", "wbr"):
            self._skip -= 1
        if self._in_tag and tag in ("a", "span"):
            self._in_tag -= 1

    def handle_data(self, data: str) -> None:
        if not self._article or self._skip:
            return
        if self._in_tag:
            self.tags.add(data.strip())
        else:
            self.words.append(data)


def article(path: Path) -> tuple[str, frozenset[str]]:
    parser = _ArticleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", " ".join(parser.words)).strip(), frozenset(parser.tags - {""})


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def parity_report(mkdocs_site: Path, zensical_site: Path) -> list[str]:
    """One line per page whose article text or tags differ, with the first difference."""
    lines = []
    for page in sorted(pages(mkdocs_site) & pages(zensical_site)):
        (a, a_tags), (b, b_tags) = article(mkdocs_site / page), article(zensical_site / page)
        if a_tags != b_tags:
            lines.append(f"{page}: tags {sorted(a_tags ^ b_tags)} on one engine only")
        if a != b:
            ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
            tag, i1, i2, j1, j2 = next(op for op in ops if op[0] != "equal")
            lines.append(f"{page}: MkDocs {a[i1:i2][:60]!r} / Zensical {b[j1:j2][:60]!r}")
    return lines


def test_both_engines_build_the_same_pages(built_site: Path, zensical_site: Path) -> None:
    assert sorted(pages(built_site) - pages(zensical_site)) == []
    assert sorted(pages(zensical_site) - pages(built_site)) == []
    assert len(pages(zensical_site)) > 50


def test_every_page_reads_the_same_with_either_engine(
    built_site: Path, zensical_site: Path, capsys
) -> None:
    report = parity_report(built_site, zensical_site)
    with capsys.disabled():
        print(f"\nengine parity: {len(pages(built_site))} pages, {len(report)} differ")
        for line in report:
            print("  " + line)
    assert report == []


def test_the_checker_reports_a_page_whose_text_differs(tmp_path: Path) -> None:
    for name, words in (("a", "Hinge at the hips."), ("b", "Hinge at the knees.")):
        page = tmp_path / name / "x" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<article><h1>X<a class='headerlink'>¶</a></h1><p>{words}</p></article>")
    [line] = parity_report(tmp_path / "a", tmp_path / "b")
    assert line.startswith("x/index.html: MkDocs 'hip") and "Zensical 'kne" in line


# --- Zensical's site passes the same gates -----------------------------------------------------


def test_every_internal_link_resolves_on_the_zensical_site(zensical_site: Path) -> None:
    report = check_site(zensical_site)
    assert report.broken == []
    assert [r for r in report.external if r.fetched] == []


def test_every_zensical_page_has_its_policy_and_no_unhashed_inline_script(
    zensical_site: Path,
) -> None:
    for page in sorted(zensical_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert csp.problems(html) == [], page
        assert html.count('http-equiv="Content-Security-Policy"') == 1, page
        assert csp.with_policy(html) == html, f"{page} was changed after its policy was set"


def test_the_html_of_every_zensical_page_is_valid(zensical_site: Path) -> None:
    from tests.site.html_validator import java_and_jar, validate

    if (why := java_and_jar()) is not None:
        pytest.skip(why)
    assert validate(sorted(zensical_site.rglob("*.html")), relative_to=zensical_site) == []


# --- and has every feature a reader uses -------------------------------------------------------


def test_the_zensical_search_index_covers_every_page(zensical_site: Path) -> None:
    index = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))
    found = {item["location"].split("#")[0] for item in index["items"]}
    wanted = {
        p.removesuffix("index.html")
        for p in pages(zensical_site) if p != "404.html"
    }
    assert sorted(wanted - found) == []


def test_zensical_pages_carry_the_palette_toggle_and_the_tags(zensical_site: Path) -> None:
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-color-media="(prefers-color-scheme: dark)"' in home
    assert 'data-md-color-media="(prefers-color-scheme: light)"' in home
    tags = (zensical_site / "exercises" / "tags" / "index.html").read_text(encoding="utf-8")
    assert "Muscle: Hamstrings" in tags
    _, page_tags = article(zensical_site / "exercises" / "romanian-deadlift" / "index.html")
    assert "Muscle: Hamstrings" in page_tags


def test_the_zensical_site_has_the_planner_its_runtime_and_the_service_worker(
    zensical_site: Path,
) -> None:
    planner = (zensical_site / "planner" / "index.html").read_text(encoding="utf-8")
    assert 'id="bc-planner"' in planner and "assets/planner/planner.js" in planner
    assert (zensical_site / "catalogue.json").is_file()
    assert (zensical_site / "pyodide" / "pyodide-lock.json").is_file()
    worker = (zensical_site / "sw.js").read_text(encoding="utf-8")
    assert '"planner/"' in worker and "catalogue.json" in worker


def test_raw_html_links_point_at_the_same_files_with_either_engine(
    built_site: Path, zensical_site: Path
) -> None:
    """The body map and the planner button are raw HTML, which only Zensical rewrites:
    generator/site/root_links.py makes them engine-neutral."""
    page = "exercises/romanian-deadlift/index.html"
    for site in (built_site, zensical_site):
        html = (site / page).read_text(encoding="utf-8")
        assert 'href="../../assets/bodymap.svg#bc-body"' in html
        assert 'href="../../planner/?prefer=romanian-deadlift"' in html
        assert "bc-root:" not in html
