"""The Content-Security-Policy the build writes into every page, and the rules it enforces."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from generator.web import csp

PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8">
<script>var early = 1;</script>
<script id="__config" type="application/json">{"a": 1}</script>
<script src="assets/app.js"></script>
</head><body><p title="a fork wrote onerror=alert(1) here">&lt;img onerror=alert(1)&gt;</p>
<script type="module">import "./x.js";</script>
</body></html>
"""


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def test_the_policy_allows_only_the_sites_own_origin() -> None:
    rules = directives(csp.policy(["sha256-abc"]))
    assert rules["default-src"] == ["'self'"]
    assert rules["script-src"] == ["'self'", "'sha256-abc'"]
    assert rules["object-src"] == ["'none'"]
    assert rules["base-uri"] == ["'self'"]
    everything = " ".join(" ".join(v) for v in rules.values())
    assert "http" not in everything and "*" not in everything
    assert "'unsafe-inline'" not in rules["script-src"]
    assert "'unsafe-eval'" not in everything


def test_no_page_may_compile_webassembly_only_the_workers_policy_allows_it() -> None:
    # Pyodide runs in a worker, which a page's <meta> policy does not reach.
    assert "'wasm-unsafe-eval'" not in csp.policy([])
    assert directives(csp.WORKER_POLICY)["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert directives(csp.WORKER_POLICY)["default-src"] == ["'self'"]


def test_each_inline_script_that_runs_is_hashed_and_data_blocks_are_not() -> None:
    assert csp.inline_scripts(PAGE) == ["var early = 1;", 'import "./x.js";']
    # What `printf 'var early = 1;' | openssl dgst -sha256 -binary | base64` prints.
    assert csp.script_hash("var early = 1;") == (
        "sha256-" + base64.b64encode(hashlib.sha256(b"var early = 1;").digest()).decode()
    )


def test_the_policy_comes_before_the_first_script() -> None:
    page = csp.with_policy(PAGE)
    meta = page.index('http-equiv="Content-Security-Policy"')
    assert page.index("<meta charset") < meta < page.index("<script")
    for body in csp.inline_scripts(PAGE):
        assert csp.script_hash(body) in page[meta:page.index(">", meta)]


def test_writing_the_policy_twice_keeps_one() -> None:
    once = csp.with_policy(PAGE)
    assert csp.with_policy(once) == once
    assert once.count("Content-Security-Policy") == 1


def test_escaped_text_that_mentions_handlers_is_not_a_problem() -> None:
    assert csp.problems(PAGE) == []


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        ('<button onclick="go()">Go</button>', "inline event handler onclick="),
        ("<img src=x onerror=alert(1)>", "inline event handler onerror="),
        ('<a href="javascript:alert(1)">x</a>', "a javascript: URL in href="),
        ('<a href="&#106;ava&#x09;script:alert(1)">x</a>', "a javascript: URL in href="),
        ('<a href="javascript&colon;alert(1)">x</a>', "a javascript: URL in href="),
        ('<a href="javascript&Tab;:alert(1)">x</a>', "a javascript: URL in href="),
        ("<svg><a xlink:href='JAVASCRIPT:x'>x</a></svg>", "a javascript: URL in xlink:href="),
    ],
)
def test_markup_that_needs_unsafe_inline_is_named(markup: str, reason: str) -> None:
    assert csp.problems(f"<p>{markup}</p>") == [reason]


def test_findings_point_at_the_attribute() -> None:
    page = '<style>a{}</style>\n<p>\n  <b onclick="x()">b</b></p>'
    [(offset, reason)] = csp.findings(page)
    assert page[offset:].startswith('onclick="x()"') and reason == "inline event handler onclick="


def test_a_site_with_a_forbidden_page_fails_and_no_page_is_changed(tmp_path: Path) -> None:
    good = tmp_path / "index.html"
    bad = tmp_path / "exercises" / "x" / "index.html"
    bad.parent.mkdir(parents=True)
    good.write_text(PAGE, encoding="utf-8")
    bad.write_text(PAGE.replace("<p ", '<p onmouseover="steal()" '), encoding="utf-8")

    with pytest.raises(csp.PolicyError) as caught:
        csp.protect_site(tmp_path)

    assert "exercises/x/index.html: inline event handler onmouseover=" in str(caught.value)
    assert good.read_text(encoding="utf-8") == PAGE  # nothing half-written


def test_a_clean_site_gets_a_policy_on_every_page(tmp_path: Path) -> None:
    for rel in ("index.html", "planner/index.html", "404.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(PAGE, encoding="utf-8")

    done = csp.protect_site(tmp_path)

    assert done == csp.Protected(pages=3, inline_scripts=6)
    for rel in ("index.html", "planner/index.html", "404.html"):
        assert "Content-Security-Policy" in (tmp_path / rel).read_text(encoding="utf-8")
