"""Built with SITE_URL, the site knows its public address, and the 404 page its sub-path.

MkDocs gives the 404 page root-absolute links (it is served for any missing URL, at any
depth), so under a sub-path such as GitHub Pages' /<repository>/ it needs SITE_URL to find
its stylesheets and scripts; the deploy workflow sets it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import copy_project

SITE_URL = "https://example.org/backchain/"


def test_the_404_page_finds_its_assets_under_the_sub_path(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
        env={**os.environ, "SITE_URL": SITE_URL}, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    site = project / "build" / "site"
    page = (site / "404.html").read_text(encoding="utf-8")

    absolute = re.findall(r'(?:href|src)="(/[^"]*)"', page)
    assert absolute, "the 404 page should link with absolute paths"
    for url in absolute:
        assert url.startswith("/backchain/"), url
        target = site / url.removeprefix("/backchain/").split("#")[0].split("?")[0]
        assert target.is_file() or (target / "index.html").is_file(), url

    assert f'<link rel="canonical" href="{SITE_URL}hip-hinge/">' in (
        site / "hip-hinge" / "index.html"
    ).read_text(encoding="utf-8")
