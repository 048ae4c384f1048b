"""Pyodide's files, checked against the integrity hash that package-lock.json pins.

The site ships the Python runtime from node_modules/pyodide to every reader, so the build makes
sure those are the very bytes npm locked: `package-lock.json` records the SHA-512 of the
package's tarball, npm keeps that tarball in its cache (addressed by the same hash), and each
file the site copies must be byte-for-byte the one inside it. A file edited, corrupted or
swapped in node_modules stops the build with its name and the way to restore it.

The planner's memory snapshot (generator/web/pyodide_snapshot.mjs), made from those checked files,
is checked too (verify_snapshot): a snapshot of another runtime build is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import os
import re
import shutil
import struct
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

RESTORE = "run `npm ci` (or ./run setup) to restore it, then build again"


class RuntimeIntegrityError(RuntimeError):
    """The runtime in node_modules is not the one package-lock.json pins (reasons in text)."""


@dataclass(frozen=True)
class LockedPackage:
    name: str
    version: str
    integrity: str  # "sha512-<base64>", as npm writes it

    @property
    def digest(self) -> bytes:
        algorithm, _, encoded = self.integrity.partition("-")
        if algorithm != "sha512":
            raise RuntimeIntegrityError(
                f"package-lock.json: {self.name} has a {algorithm} integrity hash; "
                "the build checks sha512 (what npm writes)"
            )
        try:
            return base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raise RuntimeIntegrityError(
                f"package-lock.json: {self.name}'s integrity {self.integrity!r} is not base64"
            ) from None


def locked_package(lock_file: Path, name: str = "pyodide") -> LockedPackage:
    """The version and integrity hash `lock_file` records for node_modules/<name>."""
    try:
        lock = json.loads(Path(lock_file).read_text(encoding="utf-8"))
        entry = lock["packages"][f"node_modules/{name}"]
        return LockedPackage(name, entry["version"], entry["integrity"])
    except FileNotFoundError:
        raise RuntimeIntegrityError(f"{lock_file}: missing; it pins the {name} runtime") from None
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise RuntimeIntegrityError(
            f"{lock_file}: no version and integrity for {name} ({exc}); "
            f"run `npm install` to record them"
        ) from None


def npm_cache_dir() -> Path:
    """Where npm keeps downloaded tarballs: $npm_config_cache, else npm's default ~/.npm."""
    # npm reads its settings from npm_config_* variables, in either case.
    configured = os.environ.get("npm_config_cache") or os.environ.get("NPM_CONFIG_CACHE")  # noqa: SIM112
    return Path(configured) if configured else Path.home() / ".npm"


def cached_tarball(package: LockedPackage, cache_dir: Path) -> Path:
    """The path npm's content-addressed cache (cacache) gives the tarball with this hash."""
    hexdigest = package.digest.hex()
    return (
        Path(cache_dir) / "_cacache" / "content-v2" / "sha512"
        / hexdigest[:2] / hexdigest[2:4] / hexdigest[4:]
    )


def find_tarball(package: LockedPackage, cache_dir: Path | None = None) -> Path:
    """The locked tarball from npm's cache, asking npm to fetch it into the cache if needed."""
    places = [Path(cache_dir)] if cache_dir is not None else [npm_cache_dir()]
    if cached_tarball(package, places[0]).is_file():
        return cached_tarball(package, places[0])
    npm = shutil.which("npm")
    if cache_dir is None and npm is not None:
        # A `cache=` line in an .npmrc moves the cache; only npm itself knows for sure.
        configured = subprocess.run([npm, "config", "get", "cache"], capture_output=True,
                                    text=True, check=False, timeout=120).stdout.strip()
        if configured and cached_tarball(package, Path(configured)).is_file():
            return cached_tarball(package, Path(configured))
        if configured:
            places.append(Path(configured))
    why = "npm is not installed"
    if npm is not None:
        # `npm ci` leaves the tarball in the cache; a cleaned cache gets it back from the
        # registry, and npm itself checks it against the hash on the way in.
        added = subprocess.run(
            [npm, "cache", "add", f"{package.name}@{package.version}", "--cache", str(places[-1])],
            capture_output=True, text=True, check=False, timeout=600,
        )
        if cached_tarball(package, places[-1]).is_file():
            return cached_tarball(package, places[-1])
        why = (added.stderr.strip().splitlines() or ["no message"])[-1]
    raise RuntimeIntegrityError(
        f"npm's copy of {package.name} {package.version} with the integrity hash in "
        f"package-lock.json is not in {' or '.join(map(str, places))}, and `npm cache add` "
        f"could not fetch it ({why}); {RESTORE}"
    )


def packaged_digests(tarball: Path, package: LockedPackage, names: tuple[str, ...]) -> dict:
    """SHA-256 of each named file inside the tarball, after checking the tarball's own hash."""
    data = tarball.read_bytes()
    if hashlib.sha512(data).digest() != package.digest:
        raise RuntimeIntegrityError(
            f"{tarball}: npm's cached tarball of {package.name} {package.version} does not "
            f"match package-lock.json's integrity {package.integrity[:20]}…; run "
            f"`npm cache verify` and `npm ci`"
        )
    wanted = {f"package/{name}": name for name in names}
    found: dict[str, str] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive:
            if member.name in wanted and member.isfile():
                found[wanted[member.name]] = hashlib.sha256(
                    archive.extractfile(member).read()
                ).hexdigest()
    return found


def verify_runtime(root: Path, names: tuple[str, ...], *, cache_dir: Path | None = None) -> None:
    """Check node_modules/pyodide/<names> against the tarball package-lock.json pins.

    Every mismatch is reported at once, each with the file and how to put it right.
    """
    root = Path(root)
    package = locked_package(root / "package-lock.json")
    installed = root / "node_modules" / package.name
    installed_version = _installed_version(installed / "package.json")
    if installed_version != package.version:
        raise RuntimeIntegrityError(
            f"{installed}: version {installed_version} is installed but package-lock.json pins "
            f"{package.version}; {RESTORE}"
        )
    expected = packaged_digests(find_tarball(package, cache_dir), package, names)
    problems = []
    for name in names:
        path = installed / name
        if name not in expected:
            problems.append(f"{name}: not in the {package.name} {package.version} package")
        elif not path.is_file():
            problems.append(f"{path}: missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != expected[name]:
            problems.append(
                f"{path}: differs from the file in the {package.name} {package.version} "
                f"package that package-lock.json pins"
            )
    if problems:
        raise RuntimeIntegrityError("\n".join(problems) + f"\n{RESTORE}")


def _installed_version(package_json: Path) -> str | None:
    try:
        return json.loads(package_json.read_text(encoding="utf-8")).get("version")
    except (OSError, json.JSONDecodeError):
        return None



# --- the planner's memory snapshot ---------------------------------------------------------------

SNAPSHOT_MAGIC = 1886286592  # "\0snp", the first word Pyodide writes (API.makeSnapshot)


def runtime_build_id(pyodide_mjs: bytes) -> str:
    """The BUILD_ID that pyodide.mjs carries: a hash of pyodide.asm.mjs and pyodide.asm.wasm.

    Pyodide refuses a snapshot whose header names another build; the build checks the same,
    so a snapshot made from other runtime files never reaches a reader.
    """
    found = re.search(rb'BUILD_ID:"([0-9a-f]{64})"', pyodide_mjs)
    if not found:
        raise RuntimeIntegrityError("pyodide.mjs: no BUILD_ID found; is this Pyodide's file?")
    return found.group(1).decode()


def verify_snapshot(snapshot: bytes, pyodide_mjs: bytes) -> None:
    """A raw memory snapshot is one the shipped runtime accepts: Pyodide's magic number and the
    runtime's build id (see runtime_build_id). (That the memory kept its initial size, which a
    restore also needs, is checked where the snapshot is made.)"""
    if len(snapshot) < 48:
        raise RuntimeIntegrityError(f"the memory snapshot is {len(snapshot)} bytes, too short")
    (magic,) = struct.unpack_from("<I", snapshot)
    if magic != SNAPSHOT_MAGIC:
        raise RuntimeIntegrityError("the memory snapshot does not start with Pyodide's magic")
    words = struct.unpack_from("<8I", snapshot, 16)
    build_id = "".join(f"{w:08x}" for w in words)
    expected = runtime_build_id(pyodide_mjs)
    if build_id != expected:
        raise RuntimeIntegrityError(
            f"the memory snapshot was made by Pyodide build {build_id[:12]}…, but the site "
            f"ships build {expected[:12]}…"
        )
