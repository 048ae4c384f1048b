"""The one date a build may depend on: the commit's, so two builds of it are byte-identical.

MkDocs (sitemap dates, the gzip header of sitemap.xml.gz) and the planner's example week
(generator/web/webapp.py) read the reproducible-builds variable SOURCE_DATE_EPOCH when it is set.
A build sets it from the checked-out commit unless the caller already did, so building the
same commit today or next month, here or in CI, gives the same bytes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

VARIABLE = "SOURCE_DATE_EPOCH"


class BuildDateError(RuntimeError):
    """A git checkout whose commit date git would not tell (the reason is in the text)."""


def commit_epoch(root: Path) -> int | None:
    """Seconds since 1970 of the commit checked out in `root`; None outside a git checkout."""
    git = shutil.which("git")
    inside = any((folder / ".git").exists() for folder in (root, *root.parents))
    if not inside:
        return None
    if git is None:
        raise BuildDateError(f"{root} is a git checkout but git is not installed")
    # showSignature off: a signed commit would otherwise print its signature before the date.
    done = subprocess.run(
        [git, "-C", str(root), "-c", "log.showSignature=false", "log", "-1", "--format=%ct"],
        capture_output=True, text=True, check=False,
    )
    text = done.stdout.strip()
    if done.returncode != 0 or not text.isdigit():
        raise BuildDateError(
            f"git could not give the commit's date ({done.stderr.strip() or text or 'no output'})"
        )
    return int(text)


def pin_build_date(root: Path) -> str:
    """Set SOURCE_DATE_EPOCH from the commit unless it is set; say where the date came from.

    Raises BuildDateError in a checkout where git fails (for example a folder owned by another
    user), because a build that quietly takes today's date is not reproducible.
    """
    if os.environ.get(VARIABLE):
        return f"{VARIABLE} from the environment"
    epoch = commit_epoch(Path(root).resolve())
    if epoch is None:
        return "today's: not a git checkout and no SOURCE_DATE_EPOCH"
    os.environ[VARIABLE] = str(epoch)
    return f"{VARIABLE} from the commit's date"
