"""Benchmark: Lighthouse scores of the built site, mobile and desktop.

Builds the site (`mkdocs build --strict` into a temporary folder) unless `--site DIR` names a
built one, serves it on 127.0.0.1 with Python's http.server, and runs the pinned Lighthouse
(npm `lighthouse`, node_modules/) in Debian's headless Chromium on the home page, an exercise
page and the planner, once with Lighthouse's default (mobile) settings and once with
`--preset=desktop`. Text files are sent gzipped, as static hosts send them. Prints
performance, accessibility, best practices and SEO per page, and the failing audits of every
score under its target.

Targets (issue 7): performance >= 90 on exercise pages, accessibility 100 everywhere. Scores
on a loaded or slow machine are lower than on a reader's; this script reports them and never
fails because of them. Full JSON reports go to bench/out/lighthouse/ (not committed).

Run: .venv/bin/python bench/lighthouse.py [--site build/site] [--pages exercise,planner]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "lighthouse"
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROME_PATH") or os.environ.get(
    "BACKCHAIN_CHROMIUM", "/usr/bin/chromium"
)
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
PAGES = {
    "home": "",
    "exercise": "exercises/romanian-deadlift/",
    "planner": "planner/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Scores below these (0-100) get their failing audits listed; None means no target.
TARGETS: dict[tuple[str, str], int] = {
    ("exercise", "performance"): 90,
    **{(page, "accessibility"): 100 for page in PAGES},
}
TOP_AUDITS = 6
COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm"}
# Lighthouse waits at most this long for a page to settle; generous for a shared, slow machine.
MAX_WAIT_MS = 120_000


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    # What a plain static host sends; .mjs and .wasm need their types for modules and streaming.
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
    }

    gzip = True

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass

    def do_GET(self) -> None:
        # Static hosts (GitHub Pages, Netlify, nginx with gzip on) compress text; without it the
        # theme's 140 KB stylesheet alone costs a simulated phone a second.
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wanted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip and wanted and path.is_file() and path.suffix in COMPRESSED):
            super().do_GET()
            return
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


@functools.lru_cache(maxsize=256)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), 6)


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # Chromium dropping a connection it no longer needs is not news


def build_site(target: Path) -> Path:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    done = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}")
    return target


def serve(directory: Path) -> tuple[QuietServer, str]:
    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    host, port = httpd.server_address[:2]
    return httpd, f"http://{host}:{port}/"


def run_lighthouse(url: str, report: Path, desktop: bool) -> dict | None:
    """One Lighthouse run; the parsed JSON report, or None (with the reason printed)."""
    command = [
        "node", str(LIGHTHOUSE), url,
        "--output=json", f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--max-wait-for-load={MAX_WAIT_MS}",
        "--quiet",
    ]
    if desktop:
        command.append("--preset=desktop")
    # chrome-launcher (inside Lighthouse) finds the browser through CHROME_PATH.
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=900, check=False)
    if done.returncode != 0 or not report.exists():
        print(f"  lighthouse failed on {url} ({'desktop' if desktop else 'mobile'}):\n"
              f"{done.stderr[-2000:]}", file=sys.stderr)
        return None
    return json.loads(report.read_text(encoding="utf-8"))


def scores(result: dict) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for name in CATEGORIES:
        score = result["categories"].get(name, {}).get("score")
        out[name] = None if score is None else round(score * 100)
    return out


def failing_audits(result: dict, category: str) -> list[str]:
    """The category's audits that lost points, the heaviest first, with what they measured."""
    rows = []
    for ref in result["categories"][category]["auditRefs"]:
        audit = result["audits"][ref["id"]]
        score = audit.get("score")
        if score is None or score >= 1 or audit.get("scoreDisplayMode") in (
            "notApplicable", "informative", "manual"
        ):
            continue
        lost = ref.get("weight", 0) * (1 - score)
        shown = audit.get("displayValue") or ""
        text = f"{audit['id']} ({score:.2f}{', ' + shown if shown else ''}): {audit['title']}"
        # Accessibility audits name the elements; the first few say where to look.
        nodes = [item["node"].get("snippet", "") for item in
                 (audit.get("details") or {}).get("items", []) if "node" in item]
        if nodes:
            more = f" (+{len(nodes) - 2} more)" if len(nodes) > 2 else ""
            text += "\n      " + "  ".join(n[:90] for n in nodes[:2]) + more
        rows.append((lost, text))
    return [text for _, text in sorted(rows, key=lambda r: -r[0])[:TOP_AUDITS]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build one)")
    parser.add_argument("--no-gzip", action="store_true",
                        help="serve files uncompressed (by default text is gzipped, as hosts do)")
    parser.add_argument("--pages", default=",".join(PAGES),
                        help=f"comma-separated subset of {', '.join(PAGES)}")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("node_modules/lighthouse is missing: run `./run setup` (npm ci) first")
    if not Path(CHROMIUM).exists():
        sys.exit(f"no Chromium at {CHROMIUM}; set CHROME_PATH")
    pages = [p for p in args.pages.split(",") if p]
    unknown = set(pages) - set(PAGES)
    if unknown:
        sys.exit(f"unknown page(s) {sorted(unknown)}; choose from {', '.join(PAGES)}")

    tmp = Path(tempfile.mkdtemp(prefix="backchain-lighthouse-"))
    try:
        site = args.site.resolve() if args.site else build_site(tmp / "site")
        QuietHandler.gzip = not args.no_gzip
        httpd, base = serve(site)
        OUT.mkdir(parents=True, exist_ok=True)
        results: list[tuple[str, str, dict]] = []
        for page in pages:
            for mode in ("mobile", "desktop"):
                report = OUT / f"{page}-{mode}.json"
                report.unlink(missing_ok=True)
                result = run_lighthouse(base + PAGES[page], report, desktop=mode == "desktop")
                if result is not None:
                    results.append((page, mode, result))
        httpd.shutdown()
        httpd.server_close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    short = {"performance": "perf", "accessibility": "a11y", "best-practices": "best",
             "seo": "seo"}
    print(f"{'page':<10} {'mode':<8} " + " ".join(f"{short[c]:>5}" for c in CATEGORIES))
    under: list[tuple[str, str, str, int, dict]] = []
    for page, mode, result in results:
        got = scores(result)
        cells = " ".join(f"{'-' if got[c] is None else got[c]:>5}" for c in CATEGORIES)
        print(f"{page:<10} {mode:<8} {cells}")
        for category in CATEGORIES:
            target = TARGETS.get((page, category))
            if target is not None and got[category] is not None and got[category] < target:
                under.append((page, mode, category, target, result))
    print(f"served {'without' if args.no_gzip else 'with'} gzip; targets: performance >= 90 "
          f"on exercise pages, accessibility 100 everywhere; reports in {OUT.relative_to(ROOT)}/")
    for page, mode, category, target, result in under:
        print(f"\n{page} {mode}: {category} {scores(result)[category]} < {target}")
        for line in failing_audits(result, category):
            print(f"  - {line}")
    # Below-target best practices and SEO are listed too: they are usually one-line site fixes.
    for page, mode, result in results:
        for category in ("best-practices", "seo"):
            score = scores(result)[category]
            if score is not None and score < 100:
                print(f"\n{page} {mode}: {category} {score}")
                for line in failing_audits(result, category):
                    print(f"  - {line}")


if __name__ == "__main__":
    main()
