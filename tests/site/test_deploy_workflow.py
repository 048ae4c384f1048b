"""The GitHub Pages workflow is valid and publishes what the README's build command builds.

Validated offline against the GitHub-workflows schema that check-jsonschema ships; a broken
workflow next to it shows the validator does reject one.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True, timeout=300, check=False,
    )


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as true.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def uses(step: dict) -> str:
    return step.get("uses", "").split("@")[0]


def readme_build_command() -> str:
    """The build command the README gives, as it appears in its code block."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"^(\./run build)\b.*$", readme, re.M)
    assert found, "README.md no longer shows `./run build`; update the workflow and this test"
    return found[0]


def mkdocs_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    # `!ENV [NAME, default]` is MkDocs' tag for environment variables; kept as written.
    Loader.add_constructor("!ENV", lambda loader, node: {"!ENV": loader.construct_sequence(node)})
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


@pytest.fixture(scope="module")
def workflow() -> dict:
    return load(WORKFLOW)


def test_the_workflow_is_valid_for_github_actions():
    result = validate(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_workflow_is_rejected_by_the_validator(tmp_path):
    broken = tmp_path / "broken.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    # A job without a runner, and a step key GitHub does not know.
    broken.write_text(text.replace("runs-on: ubuntu-latest\n    steps:", "stepz:", 1),
                      encoding="utf-8")
    assert broken.read_text(encoding="utf-8") != text
    result = validate(broken)
    assert result.returncode != 0
    assert "broken.yml" in result.stdout + result.stderr


def test_it_runs_on_pushes_to_main_and_by_hand_with_the_pages_permissions(workflow):
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"]


def test_it_builds_with_the_readme_command_and_uploads_the_built_site(workflow):
    build = steps(workflow["jobs"]["build"])
    runs = [s["run"].strip() for s in build if "run" in s]
    assert runs == [readme_build_command()]
    upload = next(s for s in build if uses(s) == "actions/upload-pages-artifact")
    site_dir = mkdocs_config()["site_dir"]  # `!ENV [BACKCHAIN_SITE_DIR, build/site]`
    assert upload["with"]["path"] == site_dir["!ENV"][1] == "build/site"
    assert [uses(s) for s in build].index("actions/checkout") == 0


def test_the_run_script_sets_up_before_it_builds():
    script = (ROOT / "run").read_text(encoding="utf-8")
    build = re.search(r"^\s*build\)(.*?);;", script, re.M | re.S)
    assert build, "`run` has no build command"
    assert "setup_python" in build.group(1) and "setup_node" in build.group(1)
    # The project's own build steps (generator/build/steps.py), which run the engine with --strict.
    assert '-m generator build "$@"' in build.group(1)


def test_the_site_url_comes_from_the_pages_configuration(workflow):
    build = steps(workflow["jobs"]["build"])
    configure = next(s for s in build if uses(s) == "actions/configure-pages")
    step = next(s for s in build if s.get("run", "").strip() == readme_build_command())
    expression = "${{ steps." + configure["id"] + ".outputs.base_url }}"
    assert step["env"]["SITE_URL"] == expression
    assert build.index(configure) < build.index(step)
    assert mkdocs_config()["site_url"] == {"!ENV": ["SITE_URL", ""]}


def test_it_uses_python_313_node_20_and_only_actions_from_github(workflow):
    build = steps(workflow["jobs"]["build"])
    python = next(s for s in build if uses(s) == "actions/setup-python")
    node = next(s for s in build if uses(s) == "actions/setup-node")
    assert str(python["with"]["python-version"]) == "3.13"
    assert str(node["with"]["node-version"]) == "20"
    every = [s for job in workflow["jobs"].values() for s in steps(job) if "uses" in s]
    assert all(s["uses"].startswith("actions/") for s in every), [s["uses"] for s in every]


def test_the_deploy_job_publishes_after_the_build(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [uses(s) for s in steps(deploy)] == ["actions/deploy-pages"]
