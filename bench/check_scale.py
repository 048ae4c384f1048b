"""How long `check` takes with 1,000 exercises (issue 6, point 7: target under 2 s).

Builds a temporary copy of content/ holding the real exercises, the free-exercise-db sample
imported with `python -m generator import`, and clones of both with new ids up to N exercises,
then times `check` in-process (`load_content`, warm imports), as the real command
(`python -m generator check`, a fresh interpreter), the command again with one broken file
(which the validator re-reads with the slower, position-keeping loader), and `fmt --check`.
When the command misses the target it prints a profile of `load_content`.

    .venv/bin/python bench/check_scale.py [N]      (default 1000)
"""

from __future__ import annotations

import cProfile
import io
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.content.importers.free_exercise_db import import_records, read_records  # noqa: E402
from generator.content.validation import load_content  # noqa: E402

SAMPLE = ROOT / "tests" / "generator" / "fixtures" / "free-exercise-db" / "exercises.json"
TARGET_S = 2.0


def make_content(tmp: Path, total: int) -> Path:
    """content/ with the sample imported and clones added until it holds `total` exercises."""
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    folder = content / "exercises"
    import_records(read_records(SAMPLE), content)
    originals = sorted(folder.glob("*.yaml"))
    for i in range(max(0, total - len(originals))):
        source = originals[i % len(originals)]
        new_id = f"{source.stem}-copy-{i:04d}"
        text = source.read_text(encoding="utf-8")
        text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.MULTILINE)
        text = re.sub(r"^name: (.*)$", rf"name: \1 (copy {i})", text, count=1,
                      flags=re.MULTILINE)
        (folder / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    return content


def timed(command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    return time.perf_counter() - started, result


def main(total: int) -> int:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        content = make_content(tmp, total)
        count = len(list((content / "exercises").glob("*.yaml")))

        started = time.perf_counter()
        loaded = load_content(content, root=tmp)
        in_process = time.perf_counter() - started
        assert len(loaded.exercises) == count

        python = sys.executable
        cli_s, cli = timed([python, "-m", "generator", "check", "--content", "content"], tmp)
        if cli.returncode:
            print(cli.stdout[-2000:], cli.stderr[-2000:])
            return 1
        startup_s, _ = timed(
            [python, "-c", "import generator.cli, generator.content.validation"], tmp)
        broken = sorted((content / "exercises").glob("*.yaml"))[-1]
        clean_text = broken.read_text(encoding="utf-8")
        broken.write_text(clean_text.replace("level: ", "level: expert-", 1), encoding="utf-8")
        bad_s, bad = timed([python, "-m", "generator", "check", "--content", "content"], tmp)
        broken.write_text(clean_text, encoding="utf-8")
        fmt_s, fmt = timed([python, "-m", "generator", "fmt", "--check", "--content",
                            "content"], tmp)

        print(f"exercises:                       {count}")
        print(f"check in-process (load_content): {in_process:.2f} s")
        print(f"python -m generator check:       {cli_s:.2f} s "
              f"(of which interpreter + imports {startup_s:.2f} s)")
        print(f"  ... with one broken file:      {bad_s:.2f} s (exit {bad.returncode}, "
              f"{len(bad.stdout.splitlines())} problem)")
        print(f"python -m generator fmt --check: {fmt_s:.2f} s (exit {fmt.returncode})")
        verdict = "meets" if cli_s < TARGET_S else "MISSES"
        print(f"target: check under {TARGET_S:.0f} s -> {verdict}")

        if cli_s >= TARGET_S or "--profile" in sys.argv:
            profile = cProfile.Profile()
            profile.runcall(load_content, content, root=tmp)
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(12)
            print("\nwhere load_content spends its time (cumulative):")
            print("\n".join(out.getvalue().splitlines()[:40]))
    return 0


if __name__ == "__main__":
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    sys.exit(main(numbers[0] if numbers else 1000))
