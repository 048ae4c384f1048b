"""How the site build scales with the catalogue.

Builds the site with the project's own build steps (`python -m generator build`, both engines)
from a temporary copy of the project holding the real content plus N generated exercises
(N = 0, 100, 1000) and prints, per N and engine: `check` seconds, the generate, engine and
post-process (policy, service worker) steps' seconds, the whole build's wall time, the wall
time of a second build after one exercise is edited (the memo in build/.cache warm) and its
generate step, total site bytes, and the median and largest exercise page (HTML bytes).

    .venv/bin/python bench/site_build.py [N ...] [--engine=mkdocs] [--engine=zensical]

Targets (issue 2): an exercise page stays under 40 KB and within 10 % from N=100 to N=1000;
the whole build for N=1000 under 10 s with at least one engine (issue 16).
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

from generator.content.loading import yaml_rt  # noqa: E402


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


def build(project: Path, engine: str) -> tuple[float, dict[str, float]]:
    """(wall seconds, seconds by step) of one `python -m generator build`."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--engine", engine],
                            cwd=project, capture_output=True, text=True)
    total = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    # The build's own summary line: "(date 0.00 s, generate 3.10 s, engine ..., post ...)".
    summary = result.stderr.strip().splitlines()[-1]
    return total, {name: float(s) for name, s in re.findall(r"(\w+) ([\d.]+) s", summary)}


def run(project: Path, engine: str) -> dict[str, float]:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, check=True,
                   capture_output=True)
    check_s = time.perf_counter() - started

    total, step = build(project, engine)
    # The same build again after one exercise's step is edited: the memo (build/.cache) of
    # the first build is warm, as after a contributor's edit.
    exercise = project / "content" / "exercises" / "romanian-deadlift.yaml"
    exercise.write_text(exercise.read_text("utf-8").replace("\n  - ", "\n  - Edited. ", 1),
                        "utf-8")
    rebuild, rebuild_step = build(project, engine)

    site = project / "build" / "site"
    total_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = [p.stat().st_size for p in (site / "exercises").glob("*/index.html")
             if p.parent.name != "tags"]
    return {
        "check_s": check_s,
        "generator_s": step.get("generate", float("nan")),
        "engine_s": step.get("engine", float("nan")),
        "post_s": step.get("post", float("nan")),
        "build_s": total,
        "rebuild_s": rebuild,
        "rebuild_gen_s": rebuild_step.get("generate", float("nan")),
        "site_mb": total_bytes / 1e6,
        "median_kb": statistics.median(pages) / 1000,
        "max_kb": max(pages) / 1000,
        "pages": len(pages),
    }


def main(sizes: list[int], engines: list[str]) -> None:
    print(f"{'engine':>8} {'N':>5} {'exercises':>9} {'check s':>8} {'gen s':>6} {'engine s':>9} "
          f"{'post s':>7} {'total s':>8} {'rebuild s':>10} {'(gen s)':>7} {'site MB':>8} "
          f"{'median KB':>10} {'max KB':>7}")
    for n in sizes:
        for engine in engines:
            with tempfile.TemporaryDirectory() as tmp:
                row = run(make_project(Path(tmp), n), engine)
            print(f"{engine:>8} {n:>5} {row['pages']:>9} {row['check_s']:>8.2f} "
                  f"{row['generator_s']:>6.2f} {row['engine_s']:>9.2f} {row['post_s']:>7.2f} "
                  f"{row['build_s']:>8.2f} {row['rebuild_s']:>10.2f} {row['rebuild_gen_s']:>7.2f} "
                  f"{row['site_mb']:>8.1f} "
                  f"{row['median_kb']:>10.1f} {row['max_kb']:>7.1f}", flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    engines = [a.removeprefix("--engine=") for a in args if a.startswith("--engine=")]
    sizes = [int(a) for a in args if not a.startswith("--")]
    main(sizes or [0, 100, 1000], engines or ["mkdocs", "zensical"])
