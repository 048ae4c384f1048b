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

from jinja2 import BytecodeCache
from mkdocs.exceptions import PluginError

from generator.build import engines, steps
from generator.web import webapp
from generator.content.problems import ContentError
from generator.build.generate import Written
from generator.memo import Memo

log = logging.getLogger("mkdocs.backchain")
_command = "build"  # "serve" gets a service worker that never serves stale pages while editing
# `mkdocs serve` keeps this module between rebuilds: the memo stays in memory, so an edit to one
# exercise redraws that exercise only (generator/memo.py).
_memo: Memo | None = None
_written = Written()  # what is in build/docs, so a rebuild does not read it all back


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
    global _memo
    if _steps_in_charge():
        return
    root = project_root(config)
    try:
        # Under serve, the first build writes the memo for later builds; each rebuild after it
        # keeps its answers in memory (writing ten megabytes per edit would double its time).
        first = _memo is None
        if first:
            _memo = Memo.open(root / "build" / ".cache" / "memo")
        report = steps.generate_docs(root, Path(config["docs_dir"]), _memo,
                                     save=first or _command != "serve", written=_written)
    except ContentError as exc:
        # PluginError stops the build before MkDocs cleans site_dir: the last good site stays.
        raise PluginError("content has problems:\n" + exc.report()) from None
    except webapp.WebAppError as exc:
        raise PluginError(str(exc)) from None
    log.info("backchain: %d pages generated (%d written) in %.2f s",
             report.pages, report.written, report.seconds)


class _CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once per `mkdocs serve`, not on every rebuild.

    MkDocs makes a fresh Jinja environment for each rebuild, and compiling Material's templates
    again is most of a rebuild that re-renders one page. Jinja checks each template's source
    against the checksum kept with its code, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_compiled_templates = _CompiledTemplates()


def on_env(env, config, files):
    if _command == "serve":
        env.bytecode_cache = _compiled_templates
    return env


def on_shutdown() -> None:
    # Under serve the memo is written once, when the server stops, not after every edit.
    if _memo is not None:
        _memo.save()  # what the last rebuild used


def on_serve(server, config, builder):
    root = project_root(config)
    # build/docs is this hook's own output: watching it made every rebuild start another one.
    # What it is made from (content/, the templates, the planner) is watched instead.
    server.unwatch(config["docs_dir"])
    server.watch(str(root / "content"))
    # Templates and the site's CSS and JS are read afresh on every build; a change to the
    # generator's Python needs a restart (MkDocs keeps the hook it imported).
    for folder in ("content/templates", "site/templates", "site/assets", "web/templates"):
        server.watch(str(root / "generator" / folder))
    server.watch(str(root / "planner"))
    return server


def on_post_page(output: str, page, config) -> str:
    # Each page as MkDocs writes it: a `--dirty` rebuild writes only the pages that changed,
    # and going over the whole site afterwards would cost more than the rebuild.
    if _steps_in_charge():
        return output
    return _finish(output, page.file.dest_uri, config)


def on_post_template(output_content: str, template_name: str, config) -> str:
    if _steps_in_charge():
        return output_content
    return _finish(output_content, template_name, config)


def _finish(html: str, page: str, config) -> str:
    try:
        return steps.finish_page(html, page, Path(config["docs_dir"]))
    except steps.BuildError as exc:
        raise PluginError(str(exc)) from None


def on_post_build(config) -> None:
    if _steps_in_charge():
        return
    started = time.perf_counter()
    # `mkdocs serve` injects its live-reload script into every page it sends, which the
    # policy would block, and its service worker must cache nothing; the built site, which is
    # what gets deployed, always has both.
    try:
        protected = steps.post_process(Path(config["site_dir"]), Path(config["docs_dir"]),
                                       dev=_command == "serve", pages_finished=True)
    except steps.BuildError as exc:
        raise PluginError(str(exc)) from None
    log.info("backchain: Content-Security-Policy on %d pages (%d inline scripts hashed), "
             "service worker, in %.2f s", protected.pages, protected.inline_scripts,
             time.perf_counter() - started)
