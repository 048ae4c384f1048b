"""The one date a build may depend on: the commit's, so two builds of it are byte-identical.

MkDocs (sitemap dates, the gzip header of sitemap.xml.gz) and the planner's example week
(generator/webapp.py) read the reproducible-builds variable SOURCE_DATE_EPOCH when it is set.
A build sets it from the checked-out commit unless the caller already did, so building the
same commit today or next month, here or in CI, gives the same bytes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

VARIABLE = "SOURCE_DATE_EPOCH"


def commit_epoch(root: Path) -> int | None:
    """Seconds since 1970 of the commit checked out in `root`, or None outside a git checkout."""
    git = shutil.which("git")
    if git is None:
        return None
    done = subprocess.run(
        [git, "-C", str(root), "log", "-1", "--format=%ct"],
        capture_output=True, text=True, check=False,
    )
    text = done.stdout.strip()
    return int(text) if done.returncode == 0 and text.isdigit() else None


def pin_build_date(root: Path) -> str | None:
    """Set SOURCE_DATE_EPOCH from the commit unless it is set; say where the date came from."""
    if os.environ.get(VARIABLE):
        return f"{VARIABLE} from the environment"
    epoch = commit_epoch(root)
    if epoch is None:
        return None  # not a checkout (an unpacked archive, say): dates are the build's own
    os.environ[VARIABLE] = str(epoch)
    return f"{VARIABLE} from the commit's date"
