"""How long an edit to one exercise takes to show under `mkdocs serve`, by catalogue size.

Starts `mkdocs serve` (the way `./run serve` does) on a temporary copy of the project holding
the real content plus N generated exercises (as bench/site_build.py makes them), waits for the
first build, then edits one step of one exercise three times and times each edit from the
file's write to the first response of that exercise's page that holds the new words. Prints,
per N and mode (a full rebuild, or MkDocs' `--dirty`, which re-renders only changed pages):
the first build's seconds and the median and slowest edit.

    .venv/bin/python bench/serve_edit.py [N ...] [--dirty-only]

Target (issue 16): under 2 s at N = 1000.
"""

from __future__ import annotations

import importlib.util
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITS = 3
TIMEOUT_S = 600.0


def _site_build():
    spec = importlib.util.spec_from_file_location("site_build", ROOT / "bench" / "site_build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["site_build"] = module
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The local server, never through a proxy the environment may name.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str) -> str | None:
    try:
        with _OPENER.open(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def wait_for(url: str, words: str, server: subprocess.Popen, log: Path,
             limit: float = TIMEOUT_S) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped:\n{log.read_text()[-2000:]}")
        page = fetch(url)
        if page is not None and words in page:
            return time.perf_counter() - started
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {words!r} within {limit:.0f} s")


def measure(project: Path, dirty: bool) -> dict[str, float]:
    port = free_port()
    exercise = project / "content" / "exercises" / "romanian-deadlift.yaml"
    original = exercise.read_text("utf-8")
    # Live reload on, as `./run serve` has it: without it MkDocs does not watch files at all.
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    # A dirty build warns that its navigation may be stale, which strict mode turns into an error.
    command += ["--dirty", "--no-strict"] if dirty else []
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600", NO_MKDOCS_2_WARNING="1")
    log_path = project / "serve.log"
    log = log_path.open("w")
    server = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=log)
    try:
        url = f"http://127.0.0.1:{port}/exercises/romanian-deadlift/"
        first = wait_for(url, "Romanian deadlift", server, log_path)
        times = []
        for n in range(EDITS):
            words = f"Keep the bar close to the legs, edit {n}."
            # One step's words change, as a contributor's edit would.
            edited, count = re.subn(r"(\n  - )(\S)", rf"\1{words} \2", original, count=1)
            assert count == 1, "no step to edit"
            time.sleep(1.0)  # the watcher ignores changes while it is still building
            exercise.write_text(edited, "utf-8")
            times.append(wait_for(url, words, server, log_path))
        return {"first": first, "median": statistics.median(times), "max": max(times)}
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        exercise.write_text(original, "utf-8")


def main(sizes: list[int], modes: list[bool]) -> None:
    site_build = _site_build()
    print(f"{'N':>5} {'mode':>8} {'first build s':>14} {'edit median s':>14} {'edit max s':>11}")
    for n in sizes:
        for dirty in modes:
            with tempfile.TemporaryDirectory() as tmp:
                project = site_build.make_project(Path(tmp), n)
                row = measure(project, dirty)
            mode = "--dirty" if dirty else "full"
            print(f"{n:>5} {mode:>8} {row['first']:>14.2f} {row['median']:>14.2f} "
                  f"{row['max']:>11.2f}", flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    sizes = [int(a) for a in args if not a.startswith("--")] or [0, 1000]
    modes = [True] if "--dirty-only" in args else [False, True]
    main(sizes, modes)
