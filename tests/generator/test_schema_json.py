"""The committed JSON Schemas: current, and in agreement with an independent validator.

`check-jsonschema` (a separate implementation of JSON Schema) validates every content file
against `content/schema/*.schema.json`, which editors use; the bad fixtures must fail it and
our own `check` alike, so editor hints and `check` never disagree about a file's shape.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content.problems import ContentError
from generator.content.validation import load_content
from tests.conftest import ROOT

SCHEMAS = ROOT / "content" / "schema"
FIXTURES = Path(__file__).parent / "fixtures"
BAD = sorted((FIXTURES / "schema-bad").glob("*.yaml"))
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"

pytestmark = pytest.mark.skipif(not CHECK_JSONSCHEMA.exists(),
                                reason="check-jsonschema is not installed in this environment")


def check_jsonschema(kind: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(SCHEMAS / f"{kind}.schema.json"),
         *map(str, files)],
        capture_output=True, text=True, check=False)


def test_the_committed_schemas_match_generator_schema():
    result = subprocess.run([sys.executable, "-m", "generator", "schema", "--check"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_exercise_file_is_valid_for_the_independent_validator():
    files = sorted((ROOT / "content" / "exercises").glob("*.yaml"))
    assert files
    result = check_jsonschema("exercise", *files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("kind", ["muscles", "equipment", "splits"])
def test_each_single_content_file_is_valid_for_the_independent_validator(kind):
    result = check_jsonschema(kind, ROOT / "content" / f"{kind}.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_good_fixture_passes_both_validators(project):
    good = FIXTURES / "schema-good" / "fixture-exercise.yaml"
    assert check_jsonschema("exercise", good).returncode == 0
    shutil.copy(good, project / "content" / "exercises" / good.name)
    load_content(project / "content", root=project)


@pytest.mark.parametrize("fixture", BAD, ids=lambda p: p.stem)
def test_a_bad_fixture_fails_both_validators(fixture, project):
    kind = fixture.stem.split("-")[0]
    result = check_jsonschema(kind, fixture)
    assert result.returncode == 1, result.stdout
    assert fixture.name in result.stdout

    target = (project / "content" / "exercises" / fixture.name if kind == "exercise"
              else project / "content" / f"{kind}.yaml")
    shutil.copy(fixture, target)
    with pytest.raises(ContentError) as caught:
        load_content(project / "content", root=project)
    label = str(target.relative_to(project))
    assert any(p.path == label for p in caught.value.problems), caught.value.report()


def test_every_content_file_names_its_schema_on_the_first_line():
    files = [*sorted((ROOT / "content" / "exercises").glob("*.yaml")),
             *(ROOT / "content" / f"{k}.yaml" for k in ("muscles", "equipment", "splits"))]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path.name
        schema = (path.parent / first.split("$schema=")[1]).resolve()
        assert schema.parent == SCHEMAS.resolve() and schema.is_file(), path.name
