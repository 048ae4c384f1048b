"""Every page of the built site carries its own Content-Security-Policy."""

from __future__ import annotations

import re
from pathlib import Path

from generator.web import csp

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_every_page_has_exactly_one_policy_before_its_first_script(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = META.findall(html)
        assert len(found) == 1, page
        assert html.index("Content-Security-Policy") < html.index("<script"), page


def test_each_policy_allows_exactly_the_inline_scripts_its_page_was_built_with(
    built_site: Path,
) -> None:
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        script_src = next(
            d for d in META.search(html).group(1).split("; ") if d.startswith("script-src")
        )
        allowed = {s.strip("'") for s in script_src.split()[1:] if s.startswith("'sha256-")}
        assert allowed == {csp.script_hash(body) for body in csp.inline_scripts(html)}, page
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


def test_no_page_may_compile_webassembly(built_site: Path) -> None:
    # The planner's Python runs in a worker, which takes its policy from its own response.
    assert not [
        page for page in built_site.rglob("*.html")
        if "wasm-unsafe-eval" in page.read_text(encoding="utf-8")
    ]


def test_the_readme_gives_hosts_the_workers_policy() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"`Content-Security-Policy: {csp.WORKER_POLICY}`" in readme
