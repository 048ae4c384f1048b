"""How the site build scales with the catalogue.

Builds the site from a temporary copy of the project holding the real content plus N generated
exercises (N = 0, 100, 1000) and prints, per N: `check` seconds, generator seconds, MkDocs
seconds, the post-build Content-Security-Policy step's seconds, total site bytes, and the
median and largest exercise page (HTML bytes).

    .venv/bin/python bench/site_build.py [N ...]

Targets (issue 2): an exercise page stays under 40 KB and within 10 % from N=100 to N=1000;
generator plus MkDocs for N=1000 under 10 s.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.loading import yaml_rt  # noqa: E402


def make_project(tmp: Path, extra: int) -> Path:
    """A copy of the project whose content/ has `extra` generated exercises added."""
    for name in ("content", "generator", "planner"):
        if name == "content":
            shutil.copytree(ROOT / name, tmp / name)
        else:
            (tmp / name).symlink_to(ROOT / name)
    (tmp / "node_modules").symlink_to(ROOT / "node_modules")
    for name in ("mkdocs.yml", "package.json", "package-lock.json"):
        shutil.copy(ROOT / name, tmp / name)
    (tmp / "build" / "docs").mkdir(parents=True)
    yaml = yaml_rt()
    templates = sorted((ROOT / "content" / "exercises").glob("*.yaml"))
    for i in range(extra):
        source = templates[i % len(templates)]
        data = yaml.load(source.read_text())
        new_id = f"generated-{i:04d}-{source.stem}"
        data["id"] = new_id
        data["name"] = f"{data['name']} (variant {i})"
        data.pop("links", None)
        with (tmp / "content" / "exercises" / f"{new_id}.yaml").open("w") as out:
            yaml.dump(data, out)
    return tmp


def run(project: Path) -> dict[str, float]:
    python = sys.executable
    started = time.perf_counter()
    subprocess.run([python, "-m", "generator", "check"], cwd=project, check=True,
                   capture_output=True)
    check_s = time.perf_counter() - started

    started = time.perf_counter()
    result = subprocess.run([python, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            capture_output=True, text=True)
    total = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    generated = re.search(r"generated \(\d+ written\) in ([\d.]+) s", result.stderr)
    generator_s = float(generated.group(1)) if generated else float("nan")
    policy = re.search(r"inline scripts hashed\) in ([\d.]+) s", result.stderr)
    csp_s = float(policy.group(1)) if policy else float("nan")

    site = project / "build" / "site"
    total_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = [p.stat().st_size for p in (site / "exercises").glob("*/index.html")
             if p.parent.name != "tags"]
    return {
        "check_s": check_s,
        "generator_s": generator_s,
        "mkdocs_s": total - generator_s - csp_s,
        "csp_s": csp_s,
        "build_s": total,
        "site_mb": total_bytes / 1e6,
        "median_kb": statistics.median(pages) / 1000,
        "max_kb": max(pages) / 1000,
        "pages": len(pages),
    }


def main(sizes: list[int]) -> None:
    print(f"{'N':>5} {'exercises':>9} {'check s':>8} {'gen s':>6} {'mkdocs s':>9} "
          f"{'csp s':>6} {'total s':>8} {'site MB':>8} {'median KB':>10} {'max KB':>7}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            row = run(make_project(Path(tmp), n))
        print(f"{n:>5} {row['pages']:>9} {row['check_s']:>8.2f} {row['generator_s']:>6.2f} "
              f"{row['mkdocs_s']:>9.2f} {row['csp_s']:>6.2f} {row['build_s']:>8.2f} "
              f"{row['site_mb']:>8.1f} "
              f"{row['median_kb']:>10.1f} {row['max_kb']:>7.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [0, 100, 1000])
