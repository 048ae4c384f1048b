"""The build side of the in-browser planner: Pyodide runtime, planner wheel, page, service worker.

The browser runs the very same `planner` package as the CLI, so the build ships it as a
pure-Python wheel next to a self-hosted Pyodide runtime (copied from node_modules, never a CDN)
and a copy of Pyodide's lock file that lists the wheel (`pyodide lockfile add-wheels`), so the
page can `loadPackage` it. The planner page itself carries a plan computed here, in-process, by
the same core, so a reader sees a plan before Python has even started in the browser.

Two calls, made by `generator.build.generate` and the MkDocs hook:

- `write_planner(docs_dir, catalogue, root=...)` before MkDocs renders (writes into docs_dir);
- `write_service_worker(site_dir)` after MkDocs has written the site.

Files are only rewritten when their bytes change: `mkdocs serve` watches docs_dir and would
otherwise rebuild in a loop.
"""

from __future__ import annotations

import ast
import base64
import datetime as dt
import functools
import gzip
import hashlib
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from types import ModuleType

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator.memo import Memo, text_of
from generator.web import runtime_integrity

TEMPLATES = Path(__file__).parent / "templates"

# The runtime files the browser needs. Source maps, the CommonJS build and the consoles stay out.
PYODIDE_RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
WEB_ASSETS = (
    "planner.js", "worker.js", "planner.css", "register-sw.js", "today.js", "log-store.js",
)
# The terminal front end: the browser never imports it.
CLI_ONLY = frozenset({"cli.py", "__main__.py"})

# The memory snapshot the worker restores instead of starting Python (worker.js), made here by
# Node from the same runtime files (pyodide_snapshot.mjs) and shipped gzipped next to them.
SNAPSHOT_SCRIPT = Path(__file__).with_name("pyodide_snapshot.mjs")
SNAPSHOT_PREFIX = "snapshot-"

DIST_NAME = "backchain-planner"  # the name the worker passes to loadPyodide({packages})
WHEEL_STEM = "backchain_planner"
WHEEL_VERSION = "0.1.0"
VIEW_MODULE = "plan_view"  # planner/web/plan_view.py, shipped in the wheel as a top-level module

# The default plan a first-time reader sees (and the build prerenders). Equipment many people
# have at home; the rest are the planner's own defaults.
DEFAULT_REQUEST: dict = {
    "split": "three-total-body",
    "days": ["mon", "wed", "fri"],
    "equipment": ["dumbbells", "bench", "band", "mat"],
    "level": "beginner",
    "minutes": 45,
    "weeks": 4,
    "start": None,  # filled with the Monday after the build date
    "focus": None,
    "exclude": [],
    "prefer": [],
}

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LEVELS = ("beginner", "intermediate", "advanced")

# Site files a reader never needs offline: source maps, Material's search language packs (the
# site is English; the search worker bundles lunr itself), sitemaps, the worker itself.
SW_SKIP = re.compile(
    r"(\.map$|^assets/javascripts/lunr/|^sitemap\.xml(\.gz)?$|^sw\.js$|(^|/)\.[^/]+$)"
)
SW_CACHE_PREFIX = "backchain-"


class WebAppError(RuntimeError):
    """The browser planner cannot be built; the message says what to run."""


# --- public entry points -----------------------------------------------------------------------


def write_planner(docs_dir: Path, catalogue: dict, *, root: Path, memo: Memo | None = None) -> None:
    """Write the planner page, its assets, the Pyodide runtime and the planner wheel.

    With the build's `memo`, checks already passed by the same files (the runtime against the
    lock, a cached snapshot) are not run again, and an unchanged page is not rendered again.
    """
    root = Path(root)
    docs_dir = Path(docs_dir)
    memo = memo or Memo.off()
    npm_dir = pyodide_dir(root)
    checked = (*PYODIDE_RUNTIME, "pyodide-lock.json")
    # The same files (by size, time and inode) under the same lock passed before.
    memo.get("runtime-checked", [_stat_signature(npm_dir, checked),
                                 text_of(root / "package-lock.json")],
             lambda: _verify_runtime(root, checked))
    cache_dir = root / "build" / ".cache" / "webapp"

    wheel_name, wheel = build_wheel(root / "planner", memo)
    lock = lockfile_with_wheel(npm_dir / "pyodide-lock.json", wheel_name, wheel, cache_dir)

    # The runtime sits in a folder named by its content, so its URLs never change meaning: the
    # service worker may let the browser's HTTP cache serve them (see sw.js) without any risk
    # of one build's page meeting another build's runtime.
    runtime = {name: (npm_dir / name).read_bytes() for name in PYODIDE_RUNTIME}
    runtime_path = runtime_url(runtime)
    pyodide_dir_out = docs_dir / "pyodide"
    for name, data in runtime.items():
        write_if_changed(docs_dir / runtime_path / name, data)
    # The snapshot sits in the runtime's folder (the service worker and the worker treat it as
    # part of the runtime: HTTP cache first, an offline copy), named by the runtime and wheel.
    # BACKCHAIN_NO_SNAPSHOT=1 builds without one (bench/browser.py compares the two starts).
    snapshot_name = ""
    if not os.environ.get("BACKCHAIN_NO_SNAPSHOT"):
        snapshot_name, snapshot = build_snapshot(npm_dir, wheel_name, wheel, cache_dir, memo)
        write_if_changed(docs_dir / runtime_path / snapshot_name, snapshot)
    for old in (docs_dir / runtime_path).glob(f"{SNAPSHOT_PREFIX}*"):
        if old.name != snapshot_name:
            old.unlink()
    for stale in pyodide_dir_out.iterdir():
        if stale.is_dir() and f"pyodide/{stale.name}/" != runtime_path:
            shutil.rmtree(stale)
    for stale in (*pyodide_dir_out.glob("*.wasm"), *pyodide_dir_out.glob("*.mjs"),
                  *pyodide_dir_out.glob("*.zip")):
        stale.unlink()  # an older build's unversioned runtime
    write_if_changed(pyodide_dir_out / "pyodide-lock.json", lock)
    write_if_changed(pyodide_dir_out / wheel_name, wheel)
    for old in pyodide_dir_out.glob(f"{WHEEL_STEM}-*.whl"):
        if old.name != wheel_name:
            old.unlink()

    web_dir = root / "planner" / "web"
    assets = {name: (web_dir / name).read_bytes() for name in WEB_ASSETS}
    for name, data in assets.items():
        write_if_changed(docs_dir / "assets" / "planner" / name, data)

    catalogue_json = json.dumps(catalogue, ensure_ascii=False, sort_keys=True)
    version = _digest(
        wheel, lock, runtime_path.encode(), catalogue_json.encode(),
        *(assets[n] for n in sorted(assets)),
    )[:12]
    snapshot_url = runtime_path + snapshot_name if snapshot_name else ""
    # The prerendered plan starts the Monday after the build date.
    request = default_request()
    page = memo.get("planner-page", [catalogue_json, version, runtime_path, snapshot_url, request],
                    lambda: render_page(catalogue, catalogue_json, version=version,
                                        runtime=runtime_path, root=root, snapshot=snapshot_url,
                                        request=request))
    write_if_changed(docs_dir / "planner" / "index.md", page.encode("utf-8"))


def _snapshot_passes(packed: bytes, pyodide_mjs: bytes) -> bool:
    """True, or the reason the gzipped snapshot is unusable (raised)."""
    runtime_integrity.verify_snapshot(gzip.decompress(packed), pyodide_mjs)
    return True


def _verify_runtime(root: Path, names: tuple[str, ...]) -> bool:
    try:
        runtime_integrity.verify_runtime(root, names)
    except runtime_integrity.RuntimeIntegrityError as exc:
        raise WebAppError(f"The Pyodide runtime failed its integrity check:\n{exc}") from None
    return True


def _stat_signature(folder: Path, names: tuple[str, ...]) -> list:
    signature = []
    for name in names:
        try:
            found = (folder / name).stat()
            signature.append([name, found.st_size, found.st_mtime_ns, found.st_ino])
        except OSError:
            signature.append([name, None])
    return signature


def write_service_worker(site_dir: Path, *, dev: bool = False) -> None:
    """Write site_dir/sw.js: precache every file a reader needs offline, versioned by content.

    The cache name is a hash of everything precached, so any change to the site gives a new
    service worker that fills a fresh cache and drops the old one whole; a page and the wheel it
    expects always come from the same build. With `dev=True` (for `mkdocs serve`) the worker
    caches nothing and removes what an earlier build cached, so live reload shows edits.
    """
    site_dir = Path(site_dir)
    # The service worker ships with the planner's code, wherever this package is installed.
    code_root = Path(__file__).resolve().parents[2]
    template = (code_root / "planner" / "web" / "sw.js").read_text("utf-8")
    if dev:
        urls, version = [], "dev"
    else:
        urls, version = precache_list(site_dir)
    runtimes = sorted(p.parent.name for p in (site_dir / "pyodide").glob("*/pyodide.mjs"))
    runtime = f"pyodide/{runtimes[-1]}/" if runtimes else None
    script = (
        template.replace("__CACHE_NAME__", json.dumps(SW_CACHE_PREFIX + version))
        .replace("__RUNTIME__", json.dumps(runtime))
        .replace("__CACHE_PREFIX__", json.dumps(SW_CACHE_PREFIX))
        .replace("__PRECACHE__", json.dumps(urls, indent=0))
        .replace("__OFFLINE__", "false" if dev else "true")
    )
    write_if_changed(site_dir / "sw.js", script.encode("utf-8"))


# --- the Pyodide runtime -----------------------------------------------------------------------


def pyodide_dir(root: Path) -> Path:
    """The npm copy of Pyodide, with a plain-words error when `npm ci` has not run."""
    npm_dir = Path(root) / "node_modules" / "pyodide"
    missing = [n for n in (*PYODIDE_RUNTIME, "pyodide-lock.json") if not (npm_dir / n).is_file()]
    if missing:
        raise WebAppError(
            f"The Pyodide runtime is missing from {npm_dir} ({', '.join(missing)}). "
            "The browser planner ships it from the npm package pinned in package-lock.json: "
            "run ./run setup (or `npm ci`) and build again."
        )
    return npm_dir


def runtime_url(runtime: dict[str, bytes]) -> str:
    """The runtime's folder relative to the site root, named by a hash of its files."""
    return f"pyodide/{_digest(*(runtime[n] for n in PYODIDE_RUNTIME))[:12]}/"


# --- the planner wheel -------------------------------------------------------------------------


def wheel_sources(planner_dir: Path, memo: Memo | None = None) -> dict[str, bytes]:
    """The files that go into the wheel, by their path inside it.

    The `planner` package's Python modules (subpackages included) without the terminal front
    end, plus the page renderer the worker and the build share. Each module is shipped as
    `browser_source` makes it: the same code, without what only a reader of the source needs.
    With the build's `memo`, a module already rewritten by an earlier build is not rewritten
    again (2 s of every build in a new process: parsing and unparsing 30 modules).
    """
    planner_dir = Path(planner_dir)
    memo = memo or Memo.off()

    def shipped(path: Path) -> bytes:
        source = path.read_text("utf-8")
        text = memo.get("browser-source", source,
                        lambda: browser_source(source.encode(), str(path)).decode())
        return text.encode("utf-8")

    files: dict[str, bytes] = {}
    for path in sorted(planner_dir.rglob("*.py")):
        rel = path.relative_to(planner_dir)
        if rel.parts[0] == "web" or "__pycache__" in rel.parts or rel.as_posix() in CLI_ONLY:
            continue
        files["planner/" + rel.as_posix()] = shipped(path)
    files[f"{VIEW_MODULE}.py"] = shipped(planner_dir / "web" / f"{VIEW_MODULE}.py")
    return files


# `mkdocs serve` regenerates on every edit; a planner module that did not change is not
# rewritten again (1.4 s of each rebuild).
@functools.lru_cache(maxsize=256)
def browser_source(source: bytes, filename: str = "<planner>") -> bytes:
    """A module's code without comments, blank lines and docstrings (class docstrings stay).

    Every reader downloads the wheel and Python compiles it on every visit, and a third of the
    planner's source is explanation for its maintainers. The module is rebuilt from its syntax
    tree (ast.unparse), and the result is checked to parse back to that very tree, so the
    behaviour cannot change; only module and function docstrings are dropped (nothing reads
    them), while a dataclass without a docstring would compute one from its signature on
    every import.
    """
    tree = ast.parse(source, filename)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        first = node.body[0] if node.body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(
            first.value.value, str
        ):
            node.body = node.body[1:] or [ast.Pass()]
    text = ast.unparse(tree) + "\n"
    if ast.dump(ast.parse(text, filename)) != ast.dump(tree):
        raise WebAppError(f"{filename}: could not be rewritten for the browser without change")
    return text.encode("utf-8")


def build_wheel(planner_dir: Path, memo: Memo | None = None) -> tuple[str, bytes]:
    """A reproducible pure-Python wheel of the planner: (file name, bytes).

    Written directly rather than through `python -m build` (a second or more per build, and it
    would pull in generator/): a wheel is a zip with three metadata files. Fixed timestamps and
    sorted entries make the same sources give the same bytes. The version carries a hash of the
    sources, so a new wheel always has a new URL and no HTTP cache can hand back an old one.
    """
    sources = wheel_sources(planner_dir, memo)
    tag = _digest(*(k.encode() + b"\0" + v for k, v in sorted(sources.items())))[:10]
    version = f"{WHEEL_VERSION}+{tag}"
    info = f"{WHEEL_STEM}-{version}.dist-info"
    files = dict(sources)
    files[f"{info}/METADATA"] = (
        "Metadata-Version: 2.1\n"
        f"Name: {DIST_NAME}\n"
        f"Version: {version}\n"
        "Summary: Backchain's weekly planner core, packaged for Pyodide.\n"
        "License: MIT\n"
        "Requires-Python: >=3.11\n"
    ).encode()
    files[f"{info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: backchain generator.web.webapp\n"
        b"Root-Is-Purelib: true\nTag: py3-none-any\n"
    )
    files[f"{info}/top_level.txt"] = f"planner\n{VIEW_MODULE}\n".encode()
    record = [f"{name},sha256={_record_hash(data)},{len(data)}" for name, data in files.items()]
    files[f"{info}/RECORD"] = ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in files.items():
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            # Names marked UTF-8 spare Python the cp437 codec when it unpacks the wheel.
            entry.flag_bits |= 0x800
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            wheel.writestr(entry, data, compresslevel=9)
    return f"{WHEEL_STEM}-{version}-py3-none-any.whl", buffer.getvalue()


def lockfile_with_wheel(npm_lock: Path, wheel_name: str, wheel: bytes, cache_dir: Path) -> bytes:
    """Pyodide's lock file with the planner wheel added by `pyodide lockfile add-wheels`,
    keeping only the entries whose files the site ships: the wheel and what it depends on.

    The other 350-odd entries name packages the site does not carry (loading one would fail),
    and the stock list is 120 KB that every visit would fetch and parse for nothing. The CLI
    takes a third of a second, so its output is cached by the hash of its inputs.
    """
    base = Path(npm_lock).read_bytes()
    key = _digest(b"only-shipped-entries", base, wheel_name.encode(), wheel)[:20]
    cached = Path(cache_dir) / f"pyodide-lock-{key}.json"
    if cached.is_file():
        return cached.read_bytes()
    cli = Path(sys.executable).parent / "pyodide"
    if not cli.is_file():
        found = shutil.which("pyodide")
        if not found:
            raise WebAppError(
                "The `pyodide` command (from pyodide-build) is not installed; "
                "run ./run setup and build again."
            )
        cli = Path(found)
    with tempfile.TemporaryDirectory(prefix="backchain-lock-") as tmp:
        wheel_path = Path(tmp) / wheel_name
        wheel_path.write_bytes(wheel)
        out = Path(tmp) / "pyodide-lock.json"
        done = subprocess.run(
            [str(cli), "lockfile", "add-wheels", "--input", str(npm_lock), "--output", str(out),
             "--base-path", tmp, str(wheel_path)],
            capture_output=True, text=True, check=False,
        )
        if done.returncode != 0 or not out.is_file():
            raise WebAppError(
                "`pyodide lockfile add-wheels` could not add the planner wheel:\n"
                + (done.stderr or done.stdout).strip()
            )
        full = json.loads(out.read_bytes())
    entry = full["packages"].get(DIST_NAME, {})
    if entry.get("file_name") != wheel_name:
        raise WebAppError(
            f"pyodide-lock.json lists {entry.get('file_name')!r} for {DIST_NAME}, "
            f"expected {wheel_name!r}"
        )
    if entry.get("depends"):
        raise WebAppError(
            f"the planner wheel depends on {entry['depends']}, but the site ships no other "
            "package: the planner must use the standard library only."
        )
    data = json.dumps(
        {**full, "packages": {DIST_NAME: entry}}, indent=2, sort_keys=True
    ).encode() + b"\n"
    cached.parent.mkdir(parents=True, exist_ok=True)
    for stale in cached.parent.glob("pyodide-lock-*.json"):
        stale.unlink()
    cached.write_bytes(data)
    return data


# --- the memory snapshot -----------------------------------------------------------------------


def wheel_modules(wheel: bytes) -> list[str]:
    """Every module in the wheel, by its import name, packages before their modules."""
    names = zipfile.ZipFile(io.BytesIO(wheel)).namelist()
    modules = [n[: -len(".py")].replace("/", ".") for n in names if n.endswith(".py")]
    return sorted(m.removesuffix(".__init__") for m in modules)


def snapshot_key(npm_dir: Path, wheel_name: str, wheel: bytes) -> str:
    """The hash that names a snapshot: of the runtime files, the wheel and the script that
    makes it, so a change to any of them is a new file."""
    runtime = [(Path(npm_dir) / n).read_bytes() for n in PYODIDE_RUNTIME]
    return _digest(SNAPSHOT_SCRIPT.read_bytes(), *runtime, wheel_name.encode(), wheel)[:16]


def build_snapshot(
    npm_dir: Path, wheel_name: str, wheel: bytes, cache_dir: Path, memo: Memo | None = None
) -> tuple[str, bytes]:
    """(file name, gzipped bytes) of the memory snapshot of Python with the planner imported.

    The name carries a hash of the runtime files and the wheel, so a new runtime or planner is
    a new URL and no cache can restore an old one; the worker also checks that key inside the
    restored memory. Node takes several seconds, so the result is cached under the same key;
    a cached file is checked again like a new one (unless the `memo` saw these very bytes
    pass). Gzip, because browsers can undo it themselves (DecompressionStream) and its CRC
    makes a damaged download fail loudly.
    """
    memo = memo or Memo.off()
    npm_dir = Path(npm_dir)
    key = snapshot_key(npm_dir, wheel_name, wheel)
    name = f"{SNAPSHOT_PREFIX}{key}.bin.gz"
    cached = Path(cache_dir) / name
    pyodide_mjs = (npm_dir / "pyodide.mjs").read_bytes()
    if cached.is_file():
        packed = cached.read_bytes()
        try:
            memo.get("snapshot-checked", [_digest(packed), _digest(pyodide_mjs)],
                     lambda: _snapshot_passes(packed, pyodide_mjs))
            return name, packed
        except (OSError, EOFError, runtime_integrity.RuntimeIntegrityError):
            cached.unlink()  # damaged: made again below
    node = shutil.which("node")
    if node is None:
        raise WebAppError(
            "Node.js is not installed; the build makes the planner's Python snapshot with it "
            "(it comes with npm: run ./run setup)."
        )
    with tempfile.TemporaryDirectory(prefix="backchain-snapshot-") as tmp:
        wheel_path = Path(tmp) / wheel_name
        wheel_path.write_bytes(wheel)
        out = Path(tmp) / "snapshot.bin"
        # A fixed time zone: the snapshot must not depend on where it was built (the worker
        # reads the reader's zone after restoring).
        env = {**os.environ, "TZ": "UTC"}
        done = subprocess.run(
            [node, str(SNAPSHOT_SCRIPT), str(npm_dir), str(wheel_path),
             json.dumps(wheel_modules(wheel)), key, str(out)],
            capture_output=True, text=True, check=False, env=env, timeout=600,
        )
        if done.returncode != 0 or not out.is_file():
            raise WebAppError(
                "Node could not make the planner's Python snapshot (generator/"
                f"pyodide_snapshot.mjs):\n{(done.stderr or done.stdout).strip()[-3000:]}"
            )
        raw = out.read_bytes()
    try:
        runtime_integrity.verify_snapshot(raw, pyodide_mjs)
    except runtime_integrity.RuntimeIntegrityError as exc:
        raise WebAppError(f"The planner's Python snapshot is unusable: {exc}") from None
    packed = gzip.compress(raw, compresslevel=6, mtime=0)  # 9 saves 1 %, takes 2.5x
    cached.parent.mkdir(parents=True, exist_ok=True)
    for stale in cached.parent.glob(f"{SNAPSHOT_PREFIX}*"):
        stale.unlink()
    write_if_changed(cached, packed)
    return name, packed


# --- the page ----------------------------------------------------------------------------------


def default_request(today: dt.date | None = None) -> dict:
    """The prerendered request: DEFAULT_REQUEST starting the Monday after `today`.

    SOURCE_DATE_EPOCH (the reproducible-builds convention) pins `today` for byte-equal builds.
    """
    if today is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        today = (
            dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()
        )
    start = today + dt.timedelta(days=7 - today.weekday())
    return {**DEFAULT_REQUEST, "start": start.isoformat()}


def load_view(root: Path) -> ModuleType:
    """planner/web/plan_view.py, imported by path: it is the wheel's, not a generator module."""
    path = Path(root) / "planner" / "web" / f"{VIEW_MODULE}.py"
    spec = importlib.util.spec_from_file_location(f"_backchain_{VIEW_MODULE}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prerender(catalogue_json: str, request: dict, *, root: Path) -> tuple[str, str]:
    """(envelope JSON, plan HTML) for `request`, by the same calls the browser worker makes."""
    from planner.browser import handle

    envelope = handle(catalogue_json, json.dumps(request))
    view = load_view(root)
    return envelope, view.render(envelope, "../")


def render_page(
    catalogue: dict, catalogue_json: str, *, version: str, runtime: str, root: Path,
    snapshot: str = "", request: dict | None = None,
) -> str:
    request = request or default_request()
    envelope, plan_html = prerender(catalogue_json, request, root=root)
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=select_autoescape(default_for_string=True, default=True),
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = _script_json
    return env.get_template("planner.md.j2").render(
        catalogue=catalogue,
        request=request,
        status=json.loads(envelope)["status"],
        plan_html=Markup(plan_html),
        version=version,
        runtime=runtime,
        snapshot=snapshot,
        weekdays=list(zip(WEEKDAYS, WEEKDAY_NAMES, strict=True)),
        levels=LEVELS,
        posterior=[m for m in catalogue["muscles"] if m["chain"] == "posterior"],
        exercises=sorted(catalogue["exercises"], key=lambda e: e["name"].lower()),
        equipment=[e for e in catalogue["equipment"] if e["id"] != "bodyweight"],
    )


def _script_json(value: object) -> Markup:
    """JSON safe inside <script type="application/json">: no `</` can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


# --- the service worker ------------------------------------------------------------------------


def precache_list(site_dir: Path) -> tuple[list[str], str]:
    """(URLs relative to the site root, content hash) of every file needed offline.

    Pages are listed by their directory URL (`planner/`), the address a reader opens.
    """
    urls: list[str] = []
    digest = hashlib.sha256()
    versioned = _versioned_urls(Path(site_dir))
    for path in sorted(p for p in Path(site_dir).rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if SW_SKIP.search(rel):
            continue
        digest.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        if rel == "index.html":
            urls.append("./")
        elif rel.endswith("/index.html"):
            urls.append(rel[: -len("index.html")])
        else:
            urls.append(versioned.get(rel, rel))
    return urls, digest.hexdigest()[:16]


def _versioned_urls(site_dir: Path) -> dict[str, str]:
    """The planner's files as the page asks for them (with `?v=`), so the service worker's
    first fill reuses what the page has just downloaded instead of fetching it again."""
    page = site_dir / "planner" / "index.html"
    html = page.read_text("utf-8") if page.is_file() else ""
    found = re.search(r'data-version="([0-9a-f]+)"', html)
    if not found:
        return {}
    names = [f"assets/planner/{n}" for n in WEB_ASSETS if n != "register-sw.js"]
    names += ["catalogue.json", "pyodide/pyodide-lock.json"]
    return {name: f"{name}?v={found.group(1)}" for name in names}


# --- files -------------------------------------------------------------------------------------


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` unless the file already holds exactly it; True when written."""
    path = Path(path)
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def copy_if_changed(source: Path, target: Path) -> bool:
    return write_if_changed(target, Path(source).read_bytes())


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


def _record_hash(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
