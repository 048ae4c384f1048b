"""Fixtures for the browser planner: a real build, real HTTP servers, real Chromium.

The site is built once per test session with the project's own command (`mkdocs build
--strict`) into a temporary folder, then served by Python's http.server on 127.0.0.1 twice: at
the root and under a sub-path (/backchain/), as GitHub Pages serves a project site.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUB_PATH = "/backchain/"


def build_site(target: Path) -> Path:
    """`mkdocs build --strict` into `target`; the build's own docs_dir (build/docs) is reused."""
    mkdocs = Path(sys.executable).parent / "mkdocs"
    done = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}", pytrace=False)
    return target


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass

    def end_headers(self) -> None:
        # As on a plain static host: the browser may cache, the service worker must still win.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


@dataclass
class Server:
    url: str  # ends with "/": the site root as a reader would open it
    directory: Path
    httpd: http.server.ThreadingHTTPServer = field(repr=False)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a browser dropping a connection it no longer needs is not news


def serve(
    directory: Path, prefix: str = "/", handler_class: type[QuietHandler] = QuietHandler
) -> Server:
    """Serve `directory` on a free port of 127.0.0.1; `prefix` is the URL path of its root."""
    handler = functools.partial(handler_class, directory=str(directory))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    host, port = httpd.server_address[:2]
    return Server(f"http://{host}:{port}{prefix}", Path(directory), httpd)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def root_server(built_site) -> Iterator[Server]:
    server = serve(built_site)
    yield server
    server.close()


@pytest.fixture(scope="session")
def sub_path_server(built_site, tmp_path_factory) -> Iterator[Server]:
    parent = tmp_path_factory.mktemp("pages")
    shutil.copytree(built_site, parent / SUB_PATH.strip("/"))
    server = serve(parent, SUB_PATH)
    yield server
    server.close()


@pytest.fixture(params=["root", "sub-path"])
def site(request) -> Server:
    """The built site, at the root and under a sub-path (each test runs against both)."""
    return request.getfixturevalue("root_server" if request.param == "root" else "sub_path_server")


@dataclass
class Watched:
    """What a page did that a reader would not see: console errors and where it connected."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def context(browser):
    """A fresh browser profile that records console errors and every request's URL."""
    ctx = browser.new_context(accept_downloads=True, service_workers="allow")
    watched = Watched()

    def on_page(page) -> None:
        page.on(
            "console",
            lambda msg: msg.type == "error" and watched.errors.append(msg.text),
        )
        page.on("pageerror", lambda exc: watched.errors.append(f"uncaught: {exc}"))

    ctx.on("page", on_page)
    ctx.on("request", lambda req: watched.requests.append(req.url))
    ctx.watched = watched
    yield ctx
    ctx.close()
