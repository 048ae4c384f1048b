"""The thin MkDocs hook: `mkdocs serve` (with live reload) and a plain `mkdocs build`.

The build itself is `generator/build/steps.py` (`python -m generator build`), which runs with either
engine; this hook only calls the same steps where MkDocs is the one in charge. When the steps
drive MkDocs (STEPS_VARIABLE is set) the hook stands aside, so nothing runs twice.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.build import engines, steps
from generator.web import webapp
from generator.content.problems import ContentError

log = logging.getLogger("mkdocs.backchain")
_command = "build"  # "serve" gets a service worker that never serves stale pages while editing


def project_root(config) -> Path:
    """The folder holding mkdocs.yml: content/ sits beside it (also in a copy of the project)."""
    return Path(config["config_file_path"]).resolve().parent


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def _steps_in_charge() -> bool:
    return os.environ.get(engines.STEPS_VARIABLE) == "1"


def on_config(config):
    # Before anything reads the clock: every date in the build is the commit's.
    try:
        source = steps.pin_date(project_root(config))
    except steps.BuildError as exc:
        raise PluginError(str(exc)) from None
    log.info("backchain: build date %s", source)
    return config


def on_pre_build(config) -> None:
    if _steps_in_charge():
        return
    try:
        report = steps.generate_docs(project_root(config), Path(config["docs_dir"]))
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
    # Templates and the site's CSS and JS are read afresh on every build; a change to the
    # generator's Python needs a restart (MkDocs keeps the hook it imported).
    for folder in ("content/templates", "site/templates", "site/assets", "web/templates"):
        server.watch(str(root / "generator" / folder))
    server.watch(str(root / "planner"))
    return server


def on_post_build(config) -> None:
    if _steps_in_charge():
        return
    started = time.perf_counter()
    # `mkdocs serve` injects its live-reload script into every page it sends, which the
    # policy would block, and its service worker must cache nothing; the built site, which is
    # what gets deployed, always has both.
    try:
        protected = steps.post_process(Path(config["site_dir"]), dev=_command == "serve")
    except steps.BuildError as exc:
        raise PluginError(str(exc)) from None
    log.info("backchain: Content-Security-Policy on %d pages (%d inline scripts hashed), "
             "service worker, in %.2f s", protected.pages, protected.inline_scripts,
             time.perf_counter() - started)
