"""Content text is shown as written: never as HTML, never as Markdown syntax."""

from __future__ import annotations

import markdown

from generator.site.markup import Markup, escape_text, raw_html_block


def rendered(text: str) -> str:
    return markdown.markdown(escape_text(text), extensions=["tables"])


def test_html_in_content_becomes_visible_text():
    assert rendered("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_markdown_syntax_in_content_is_shown_literally():
    assert rendered("**not bold** [not a link](http://x) `code`") == (
        "<p>**not bold** [not a link](http://x) `code`</p>")


def test_text_that_looks_like_a_heading_or_list_stays_a_sentence():
    assert rendered("# not a heading") == "<p># not a heading</p>"
    assert rendered("1. not a list") == "<p>1. not a list</p>"
    assert rendered("- not a list") == "<p>- not a list</p>"


def test_our_own_markup_passes_through():
    assert escape_text(Markup("<svg/>")) == "<svg/>"


def test_raw_html_blocks_have_no_blank_or_indented_lines():
    block = raw_html_block("<div>\n\n    <svg>\n  </svg>\n</div>")
    assert block == "<div>\n<svg>\n</svg>\n</div>"
