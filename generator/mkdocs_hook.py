"""The thin MkDocs hook: run the generator before each build, watch content/ when serving.

Everything else lives in `generator.build`, so the site is not tied to one engine.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator import build_date, csp, webapp
from generator.build import generate
from generator.problems import ContentError

log = logging.getLogger("mkdocs.backchain")
_command = "build"  # "serve" gets a service worker that never serves stale pages while editing


def project_root(config) -> Path:
    """The folder holding mkdocs.yml: content/ sits beside it (also in a copy of the project)."""
    return Path(config["config_file_path"]).resolve().parent


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config):
    # Before anything reads the clock: every date in the build is the commit's.
    try:
        source = build_date.pin_build_date(project_root(config))
    except build_date.BuildDateError as exc:
        raise PluginError(f"{exc}; set SOURCE_DATE_EPOCH to build anyway") from None
    log.info("backchain: build date %s", source)
    return config


def on_pre_build(config) -> None:
    try:
        report = generate(project_root(config), Path(config["docs_dir"]))
    except ContentError as exc:
        # PluginError stops the build before MkDocs cleans site_dir: the last good site stays.
        raise PluginError("content has problems:\n" + exc.report()) from None
    except webapp.WebAppError as exc:
        raise PluginError(str(exc)) from None
    log.info("backchain: %d pages generated (%d written) in %.2f s",
             report.pages, report.written, report.seconds)


def on_serve(server, config, builder):
    root = project_root(config)
    server.watch(str(root / "content"))
    server.watch(str(root / "generator" / "templates"))
    server.watch(str(root / "planner"))
    return server


def on_post_build(config) -> None:
    site_dir = Path(config["site_dir"])
    if _command != "serve":
        # `mkdocs serve` injects its live-reload script into every page it sends, which the
        # policy would block; the built site, which is what gets deployed, always has it.
        started = time.perf_counter()
        try:
            protected = csp.protect_site(site_dir)
        except csp.PolicyError as exc:
            raise PluginError(str(exc)) from None
        log.info("backchain: Content-Security-Policy on %d pages (%d inline scripts hashed) "
                 "in %.2f s", protected.pages, protected.inline_scripts,
                 time.perf_counter() - started)
    # The precache list hashes every file MkDocs wrote, pages included, so it comes last.
    webapp.write_service_worker(site_dir, dev=_command == "serve")
