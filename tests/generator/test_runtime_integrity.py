"""The build ships only the Pyodide files that package-lock.json pins, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.web import runtime_integrity as integrity
from generator.web.webapp import PYODIDE_RUNTIME
from tests.conftest import ROOT, copy_project, mkdocs_build

# Exactly what the build checks and ships, so a file added there is covered here.
FILES = (*PYODIDE_RUNTIME, "pyodide-lock.json")


def project_with_own_runtime(target: Path) -> Path:
    """A buildable project whose node_modules/pyodide is a real copy, free to be tampered with."""
    project = copy_project(target)
    (project / "node_modules").unlink()
    shutil.copytree(ROOT / "node_modules" / "pyodide", project / "node_modules" / "pyodide")
    return project


def flip_last_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))


def test_the_installed_runtime_matches_the_locked_package() -> None:
    integrity.verify_runtime(ROOT, FILES)  # raises on any difference


def test_the_lock_file_names_the_version_and_its_sha512() -> None:
    package = integrity.locked_package(ROOT / "package-lock.json")
    assert package.name == "pyodide"
    assert package.integrity.startswith("sha512-")
    assert len(package.digest) == 64


def test_a_tampered_runtime_file_is_named_with_the_way_to_restore_it(tmp_path: Path) -> None:
    project = project_with_own_runtime(tmp_path)
    flip_last_byte(project / "node_modules" / "pyodide" / "python_stdlib.zip")
    (project / "node_modules" / "pyodide" / "pyodide.mjs").unlink()

    with pytest.raises(integrity.RuntimeIntegrityError) as caught:
        integrity.verify_runtime(project, FILES)

    message = str(caught.value)
    assert "python_stdlib.zip: differs from the file in the pyodide 314.0.7 package" in message
    assert "pyodide.mjs: missing" in message
    assert "npm ci" in message


def test_a_corrupted_tarball_in_npms_cache_is_refused(tmp_path: Path) -> None:
    package = integrity.locked_package(ROOT / "package-lock.json")
    real = integrity.find_tarball(package)
    fake_cache = tmp_path / "npm-cache"
    copy = integrity.cached_tarball(package, fake_cache)
    copy.parent.mkdir(parents=True)
    shutil.copy(real, copy)
    flip_last_byte(copy)

    with pytest.raises(integrity.RuntimeIntegrityError, match="does not match package-lock"):
        integrity.verify_runtime(ROOT, FILES, cache_dir=fake_cache)


def test_a_different_installed_version_is_refused(tmp_path: Path) -> None:
    project = project_with_own_runtime(tmp_path)
    manifest = project / "node_modules" / "pyodide" / "package.json"
    manifest.write_text(manifest.read_text().replace('"314.0.7"', '"314.0.6"', 1))

    with pytest.raises(integrity.RuntimeIntegrityError, match="314.0.6 is installed"):
        integrity.verify_runtime(project, FILES)


def test_the_build_stops_on_a_tampered_runtime_and_ships_nothing(tmp_path: Path) -> None:
    project = project_with_own_runtime(tmp_path)
    flip_last_byte(project / "node_modules" / "pyodide" / "pyodide.asm.wasm")

    result = mkdocs_build(project)

    assert result.returncode != 0
    assert "integrity check" in result.stderr
    assert "pyodide.asm.wasm: differs" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "build" / "site").exists()


def test_a_cleaned_npm_cache_gets_the_locked_tarball_back_from_the_registry(
    tmp_path: Path,
) -> None:
    package = integrity.locked_package(ROOT / "package-lock.json")
    empty_cache = tmp_path / "npm-cache"

    found = integrity.find_tarball(package, empty_cache)

    assert found == integrity.cached_tarball(package, empty_cache)
    integrity.verify_runtime(ROOT, FILES, cache_dir=empty_cache)
