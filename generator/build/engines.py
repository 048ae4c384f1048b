"""The engines that render build/docs into a site: how each is run, and what is evened out after.

Both read the same mkdocs.yml. The steps (`generator/build/steps.py`) run one of them in a
subprocess with three variables set, then post-process its output the same way for both.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ENGINES: tuple[str, ...] = ("mkdocs", "zensical")
# Set while this module runs an engine: the MkDocs hook then leaves generating and
# post-processing to these steps instead of doing them a second time.
STEPS_VARIABLE = "BACKCHAIN_BUILD_STEPS"
# mkdocs.yml reads its site_dir from here (`!ENV`), which both engines understand; Zensical has
# no command-line option for it.
SITE_DIR_VARIABLE = "BACKCHAIN_SITE_DIR"
# mkdocs.yml's extra.engine, for the theme override whose markup differs between the engines.
ENGINE_VARIABLE = "BACKCHAIN_ENGINE"


class EngineError(RuntimeError):
    """The engine failed; the text holds the end of its output."""


def engine_command(engine: str, root: Path) -> list[str]:
    config = str(root / "mkdocs.yml")
    if engine == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", config]
    return [sys.executable, "-m", "zensical", "build", "--strict", "-f", config]


# What Zensical 0.0.73 writes differently from Material for MkDocs, put back as Material has it
# so both sites pass the same gates (ARCHITECTURE.md, "Two engines"):
_ZENSICAL_FIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    # a host-less canonical even without site_url: it names the wrong page under a sub-path
    (re.compile(r'[ \t]*<link rel="canonical" href="/[^"]*">\n?'), ""),
    # the home page's logo and nav links as href="" (Material: "."); both mean this page
    (re.compile(r'(<a href=)""'), r'\1"./"'),
    # aria-hidden on the drawer overlay, a <label> for a checkbox, which HTML forbids
    (re.compile(r'(<label class="md-overlay" for="__drawer") aria-hidden="true">'), r"\1>"),
)


def zensical_fixups(site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        fixed = html
        for pattern, replacement in _ZENSICAL_FIXES:
            fixed = pattern.sub(replacement, fixed)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")


def run_engine(engine: str, root: Path, site_dir: Path) -> None:
    env = dict(os.environ, **{
        STEPS_VARIABLE: "1", SITE_DIR_VARIABLE: str(site_dir), ENGINE_VARIABLE: engine,
    })
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # the Material end-of-life notice is known
    done = subprocess.run(
        engine_command(engine, root), cwd=root, env=env, capture_output=True, text=True,
        check=False,
    )
    if done.returncode != 0 or not (site_dir / "index.html").is_file():
        output = (done.stderr + done.stdout).strip().splitlines()[-30:]
        raise EngineError(f"{engine} failed (exit {done.returncode}):\n" + "\n".join(output))
    if engine == "zensical":
        zensical_fixups(site_dir)
