"""A content page may lay itself out with HTML, but may not run code or embed other pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.page_markup import markup_problems
from generator.content.problems import ContentError
from generator.content.validation import load_content
from tests.conftest import copy_project, edit, line_of, mkdocs_build

PAGE = "content/pages/hip-hinge.md"


def messages(text: str) -> list[str]:
    return [str(p) for p in markup_problems("page.md", text)]


@pytest.mark.parametrize(
    ("markup", "column", "message"),
    [
        ("<script>alert(1)</script>", 5, "<script> is not allowed in a content page"),
        ("< SCRIPT src=x.js></script>", 5, "<script> is not allowed in a content page"),
        ('<iframe src="https://example.org"></iframe>', 5, "<iframe> is not allowed"),
        ('<base href="https://example.org/">', 5, "<base> is not allowed"),
        ('<img src="a.svg" alt="a" onload="steal()">', 30, "inline event handler onload="),
        ('<a href="javascript:alert(1)">x</a>', 8, "a javascript: URL in href="),
        ("[click](javascript:alert(1))", 11, "a link to a javascript: URL"),
        ("[click][x]\n\n[x]: javascript:alert(1)", None, "a link to a javascript: URL"),
    ],
)
def test_markup_that_runs_code_is_named_at_its_place(markup: str, column, message: str) -> None:
    found = messages(f"# Title\n\nIt: {markup}\n")
    assert len(found) == 1, found
    assert message in found[0]
    if column is not None:
        assert found[0].startswith(f"page.md:3:{column}: ")


def test_a_stray_backtick_does_not_hide_a_script_that_markdown_lets_through() -> None:
    page = """# Title

If a rule doesn`t fit you, change it.

<script>document.title = "taken"</script>

The command line (`python -m planner`) shows the same.
"""
    found = messages(page)
    assert len(found) == 1, found
    assert found[0].startswith("page.md:5:1: <script> is not allowed")


def test_what_the_rendered_page_would_run_is_refused_even_where_the_scan_cannot_see_it() -> None:
    # An attribute list adds attributes to the paragraph above it: no tag in the source.
    found = messages("# Title\n\nA paragraph\n{: onclick=\"steal()\" }\n")
    assert found == ["page.md:4:4: inline event handler onclick= is not allowed in a content "
                     "page: content may not run code"]


def test_the_page_is_rendered_with_the_sites_own_markdown_extensions(tmp_path) -> None:
    # Without md_in_html (this site), a code span inside an HTML block is raw HTML and runs;
    # with it (a fork that turns it on), the same text is code and only shows the tag.
    page = '# Title\n\n<div markdown="1">\n`<script>alert(1)</script>`\n</div>\n'
    assert [m.split(": ", 1)[1][:35] for m in messages(page)] == [
        "<script> is not allowed in a conten"
    ]
    fork = tmp_path / "mkdocs.yml"
    fork.write_text(
        "site_url: !ENV [SITE_URL, '']\n"
        "markdown_extensions:\n"
        "  - md_in_html\n"
        "  - pymdownx.superfences\n"
        "  - toc:\n"
        "      permalink: true\n"
        "      slugify: !!python/object/apply:os.system [touch pwned]\n",
        encoding="utf-8",
    )
    assert markup_problems("page.md", page, config=fork) == []
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


def test_layout_markup_and_code_that_shows_a_tag_are_fine() -> None:
    page = """# Title

<div class="grid" markdown>
<figure><img src="a.svg" alt="A hinge"></figure>
</div>

Write `<script>` in `code`, or a block:

```html
<script>alert(1)</script>
<a href="javascript:x" onclick="y()">x</a>
```

~~~~
<iframe src="x"></iframe>
~~~~

Escaped text is text: &lt;script&gt;, and so is a word like onerror=1 outside a tag.
"""
    assert messages(page) == []


def test_every_problem_in_a_page_is_reported_at_once() -> None:
    page = "<script>a()</script>\n\n<object data=x></object>\n\n<b onclick=y()>b</b>\n"
    assert [p.split(": ")[0] for p in messages(page)] == ["page.md:1:1", "page.md:3:1",
                                                          "page.md:5:4"]


def test_a_page_with_a_script_fails_the_check_with_its_line(project) -> None:
    page = project / PAGE
    script = "<script>alert(document.domain)</script>"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{script}\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(project / "content", root=project)
    line = line_of(page, "<script>alert(document.domain)")
    assert f"{PAGE}:{line}:1: <script> is not allowed in a content page" in str(caught.value)


def test_the_build_stops_and_keeps_the_last_good_site(tmp_path) -> None:
    project = copy_project(tmp_path)
    assert mkdocs_build(project).returncode == 0
    site = project / "build" / "site" / "hip-hinge" / "index.html"
    before = site.read_bytes()
    edit(project / PAGE, "\n", "\n\n<script>alert(document.domain)</script>\n")

    result = mkdocs_build(project)

    assert result.returncode != 0
    assert "<script> is not allowed in a content page" in result.stderr
    assert site.read_bytes() == before


def test_an_extension_the_site_cannot_load_is_a_problem_not_a_traceback(tmp_path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("markdown_extensions:\n  - no_such_extension_here\n", encoding="utf-8")
    (found,) = [str(p) for p in markup_problems("page.md", "# Title\n", config=config)]
    assert found.startswith("page.md:1:1: this page cannot be rendered with the Markdown "
                            "extensions of mkdocs.yml (ModuleNotFoundError")
