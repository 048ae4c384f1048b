"""`./run serve`: a contributor's edit shows in the served page, and only the edit rebuilds.

Runs the real `mkdocs serve --dirty --no-strict` (what `./run serve` runs) on a copy of the
project. How fast an edit shows is a benchmark (bench/serve_edit.py), not a test.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import copy_project, edit

TIMEOUT_S = 300.0
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy


def fetch(url: str) -> str | None:
    try:
        with _OPENER.open(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, words: str, server: subprocess.Popen, log: Path) -> str:
    started = time.monotonic()
    while time.monotonic() - started < TIMEOUT_S:
        assert server.poll() is None, log.read_text()[-3000:]
        page = fetch(url)
        if page is not None and words in page:
            return page
        time.sleep(0.1)
    raise AssertionError(f"{url} never showed {words!r}:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("serve"))
    port = free_port()
    log = project / "serve.log"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600", NO_MKDOCS_2_WARNING="1",
               BACKCHAIN_NO_SNAPSHOT="1")
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
             "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=out, stderr=out)
    try:
        yield project, f"http://127.0.0.1:{port}/", server, log
    finally:
        server.terminate()
        server.wait(timeout=60)


def test_an_edited_step_shows_after_one_rebuild(served):
    project, base, server, log = served
    url = base + "exercises/romanian-deadlift/"
    wait_for(url, "Romanian deadlift", server, log)
    time.sleep(2)  # let the first build's own file events settle
    builds_before = log.read_text().count("Building documentation")

    edit(project / "content" / "exercises" / "romanian-deadlift.yaml", "\n  - ",
         "\n  - Breathe in and brace before every repetition. ")
    page = wait_for(url, "Breathe in and brace before every repetition.", server, log)

    # Links written engine-neutral are resolved in the served page as in the built site.
    assert "bc-root:" not in page
    time.sleep(3)
    # The generated Markdown is the hook's own output, not a second edit to rebuild for.
    assert log.read_text().count("Building documentation") == builds_before + 1, \
        log.read_text()[-3000:]


def test_a_broken_edit_is_reported_where_it_is_and_the_fix_shows(served):
    project, base, server, log = served
    url = base + "exercises/romanian-deadlift/"
    exercise = project / "content" / "exercises" / "romanian-deadlift.yaml"
    good = exercise.read_text("utf-8")
    wait_for(url, "Romanian deadlift", server, log)
    edit(exercise, "primary: [hamstrings,", "primary: [hamstrngs,")
    started = time.monotonic()
    while "hamstrngs" not in log.read_text() and time.monotonic() - started < TIMEOUT_S:
        time.sleep(0.1)
    # MkDocs holds requests until a build succeeds again; the terminal says what to fix.
    assert 'content/exercises/romanian-deadlift.yaml:10:' in log.read_text()
    assert 'did you mean "hamstrings"' in log.read_text(), log.read_text()[-3000:]
    exercise.write_text(good.replace("\n  - ", "\n  - Fixed again. ", 1), "utf-8")
    wait_for(url, "Fixed again.", server, log)
