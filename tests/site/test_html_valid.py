"""Every page of the site is valid HTML, as the Nu Html Checker reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.page_types import PAGE_TYPES
from tests.site.html_validator import java_and_jar, validate

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def checker() -> None:
    missing = java_and_jar()
    if missing:
        pytest.skip(missing)


def test_every_page_of_every_kind_has_no_html_errors(checker, built_site):
    pages = sorted(built_site.rglob("*.html"))
    absent = [path for path in PAGE_TYPES.values() if built_site / path not in pages]
    assert not absent, f"tests/page_types.py names pages the build did not write: {absent}"
    # One Java start checks all ~45 pages in about the time it takes for the 13 page types.
    problems = validate(pages, relative_to=built_site)
    assert not problems, "the Nu Html Checker found errors:\n" + "\n".join(problems)


def test_the_checker_reports_each_error_with_its_page_and_line(checker):
    problems = validate([FIXTURES / "broken.html"], relative_to=FIXTURES)
    assert any(p.startswith("broken.html:10:1: Duplicate ID “twice”") for p in problems), problems
    assert any(p.startswith("broken.html:11:1: An “img” element must have an “alt”")
               for p in problems), problems
    # The autocomplete excused on Material's own toggles is still an error in other markup.
    assert any(p.startswith("broken.html:12:1: Attribute “autocomplete”") for p in problems), \
        problems
    assert len(problems) == 3, problems
