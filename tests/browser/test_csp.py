"""The Content-Security-Policy as Chromium enforces it on the built site.

Every kind of page works under its own policy without a single violation; a script that was
not in the page at build time is blocked; and the planner's Python worker runs under the same
rules when a host sends them as a header, with WebAssembly as the one thing it needs beyond
the site's own files.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.web import csp
from tests.browser.conftest import QuietHandler, Server, serve
from tests.page_types import PAGE_TYPES

pytestmark = pytest.mark.browser

LONG = 180_000  # ms: Python may take a while to load on a busy machine

# Init scripts are added by the browser's debugging protocol, so the policy does not apply to
# them; this one records every violation the page reports.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} `
                    + `(${e.sourceFile || "page"}:${e.lineNumber})`);
});
"""

# The policy a host would send as a header for the planner's scripts. A dedicated worker takes
# its policy from its own response, never from the page's <meta>.
WORKER_POLICY = csp.WORKER_POLICY


def visit(context, url: str):
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: m.type == "error" and console.append(m.text))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, console


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_every_kind_of_page_runs_under_its_policy_without_a_violation(
    browser, root_server, kind: str
) -> None:
    context = browser.new_context(service_workers="block")
    try:
        page, console = visit(context, root_server.url + PAGE_TYPES[kind])
        if kind == "planner":
            page.wait_for_selector("#bc-planner[data-state='ready']", timeout=LONG)
        else:
            # The theme's bundle has run (it publishes its components on window) and the
            # service worker's registration script after it.
            page.wait_for_function("() => typeof window.component$ === 'object'")
        assert page.evaluate("window.__csp") == []
        assert [m for m in console if "Content Security Policy" in m] == []
    finally:
        context.close()


def test_a_script_that_was_not_in_the_page_when_it_was_built_is_blocked(
    browser, built_site: Path, tmp_path: Path
) -> None:
    # As if a fork's content had slipped a script past the escaping: copy a built page and
    # add one, keeping the policy the build wrote.
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page_file = site / PAGE_TYPES["exercise"]
    html = page_file.read_text(encoding="utf-8")
    page_file.write_text(
        html.replace("</article>", "<script>window.__injected = true</script></article>", 1),
        encoding="utf-8",
    )
    server = serve(site)
    context = browser.new_context(service_workers="block")
    try:
        page, _ = visit(context, server.url + PAGE_TYPES["exercise"])
        assert page.evaluate("window.__injected") is None
        violations = page.evaluate("window.__csp")
        assert any(v.startswith("script-src") and "inline" in v for v in violations), violations
    finally:
        context.close()
        server.close()


class PolicyHandler(QuietHandler):
    policy = WORKER_POLICY

    def end_headers(self) -> None:
        if self.path.split("?")[0].endswith((".js", ".mjs")):
            self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()


def serve_with_policy(directory: Path, policy: str) -> Server:
    return serve(directory, handler_class=type("Handler", (PolicyHandler,), {"policy": policy}))


@pytest.fixture
def planner_under(browser, built_site: Path) -> Iterator:
    servers: list[Server] = []
    contexts = []

    def open_with(policy: str):
        server = serve_with_policy(built_site, policy)
        context = browser.new_context(service_workers="block")
        servers.append(server)
        contexts.append(context)
        page, console = visit(context, server.url + "planner/")
        page.wait_for_selector(
            "#bc-planner[data-state='ready'], #bc-planner[data-state='failed']", timeout=LONG
        )
        return page

    yield open_with
    for context in contexts:
        context.close()
    for server in servers:
        server.close()


def test_the_planner_worker_runs_when_the_host_sends_the_policy_as_a_header(
    planner_under,
) -> None:
    page = planner_under(WORKER_POLICY)
    assert page.get_attribute("#bc-planner", "data-state") == "ready"
    assert page.evaluate("window.__csp") == []


def test_without_webassembly_allowed_python_cannot_start_and_the_reader_is_told(
    planner_under,
) -> None:
    # The negative case shows the header really governs the worker, and that
    # 'wasm-unsafe-eval' is the one extra permission Pyodide needs.
    page = planner_under(WORKER_POLICY.replace(" 'wasm-unsafe-eval'", ""))
    assert page.get_attribute("#bc-planner", "data-state") == "failed"
    assert "could not start" in page.inner_text("#bc-progress")
    # The prerendered plan from the build is still there to read.
    assert page.locator("#bc-week-1 .bc-session").count() > 0
