"""The Nu Html Checker (npm `vnu-jar`) over built pages, as a list of readable problems."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Material's base.html puts autocomplete="off" on its two hidden checkboxes (__drawer and
# __search) on purpose: without it Firefox restores their checked state on back/forward
# navigation, and the page comes back with the drawer or the search overlay open. The inputs sit
# in base.html outside any block, so a theme override would mean copying the whole base
# template. Only this exact message on those exact Material toggles is let through; the same
# mistake in our own markup is still reported.
MATERIAL_TOGGLE_AUTOCOMPLETE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
    "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, "
    "“tel”, “text”, “time”, “url”, or “week”."
)
MATERIAL_TOGGLES = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
    'autocomplete="off">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
    'autocomplete="off">',
)


def java_and_jar() -> str | None:
    """Why the checker cannot run here, or None if it can."""
    if shutil.which("java") is None:
        return "java is not installed (the Nu Html Checker needs Java 11 or later)"
    if not VNU_JAR.exists():
        return f"{VNU_JAR.relative_to(ROOT)} is missing (npm ci installs vnu-jar)"
    return None


def _excused(message: dict) -> bool:
    return message.get("message") == MATERIAL_TOGGLE_AUTOCOMPLETE and any(
        toggle in (message.get("extract") or "") for toggle in MATERIAL_TOGGLES
    )


def validate(pages: list[Path], relative_to: Path) -> list[str]:
    """Every HTML error in `pages`, as "page:line:col: message" with the page relative to
    `relative_to`. Warnings ("info" messages) are left out. All pages go to one Java process,
    because starting the JVM costs more than checking a page."""
    if not pages:
        return []
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always",
         *[str(page) for page in pages]],
        capture_output=True, text=True, timeout=600,
    )
    # vnu writes its JSON report to stderr.
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError as error:
        raise RuntimeError(
            f"the Nu Html Checker did not answer with JSON ({error}); it said:\n"
            f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
        ) from None
    problems = []
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error") or _excused(message):
            continue
        url = message.get("url", "")
        path = Path(unquote(urlparse(url).path)) if url.startswith("file:") else Path(url)
        try:
            page = path.relative_to(relative_to).as_posix()
        except ValueError:
            page = str(path)
        # vnu gives firstLine only when the offending markup spans several lines.
        line = message.get("firstLine", message.get("lastLine", "?"))
        column = message.get("firstColumn", message.get("lastColumn", "?"))
        problems.append(f"{page}:{line}:{column}: {message.get('message', '').strip()}")
    return problems
