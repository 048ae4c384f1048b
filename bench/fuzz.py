"""Hostile input, a seeded campaign (issue 17): `check`, `fmt` and the planner's entry point.

Every content trial copies nothing: one scratch project (content/ and mkdocs.yml) is made per
worker, each trial mutates it (1 to 3 mutations: YAML values, keys, characters, bytes and
encodings, alias bombs, deep nesting, huge lists, pages, and the file system: folders named
x.yaml, named pipes, devices, dangling links, link loops, links inside content/ and links out
of it to a canary file whose text must never be printed or opened), runs the real entry point
`generator.cli.main` in-process with a per-call timer, and puts back what it touched.

    check   `check` (sometimes naming the mutated file): exit 0 or 1, every stdout line
            `path:line:col: message` with the line inside the file, nothing of the canary
    fmt     `fmt` on the mutated file (sometimes the whole folder): exit 0 or 1, a file with
            problems left byte for byte, a rewritten file the same data as before
    cli     a sample of trials again through `python -m generator` in a fresh interpreter,
            for the exit codes and output as a contributor sees them
    planner `campaign()` of bench/fuzz_planner.py, when it is there: `planner.browser.handle`

Reads outside content/ are caught two ways: the canary's text in any output, and an audit hook
that counts every open() of a path under the canary's folder. A call that runs past the hang
limit is stopped by an alarm and counted as a crash. Pure, costly checks whose inputs did not
change (a page's markup check, a figure's pose checks) are memoised per worker; a changed
input is always checked for real.

    .venv/bin/python bench/fuzz.py                       # 10,000 + 10,000 + 50,000, seed 17
    .venv/bin/python bench/fuzz.py --trials 500 --seed 3 --planner-trials 2000
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import math
import multiprocessing
import os
import random
import re
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<msg>\S.*)$")
FMT_LINE = re.compile(r"^(?P<path>.+): (?:reformatted|would be reformatted)$")
HANG_S = 20.0  # a call still running then is stopped and counted as a crash
SLOW_S = 2.0  # the limit for one call

CANARY = "CANARY-7f3a9c-outside-content-must-never-be-read"

# --- payloads -----------------------------------------------------------------------------

VALUES = [
    "2026-02-30", "0000-01-01", "2026-02-03 10:00:00", "2001-12-14t21:59:43.10-05:00",
    "1" * 4301, "9" * 400, "1" * 31, "-" + "9" * 29, "!!int abc", "!!float abc", "!!bool top",
    "!!timestamp hello", "!!map [a]", "!!set [a]", "!!str x", "!!binary aGk=",
    "!!python/object/apply:os.system [id]", "!custom x", "! x", "!<tag:x> y", ".inf", "-.inf",
    ".nan", ".NaN", "1e999", "-1e999", "1e-999", "0x_", "0b_", "-_", "._", "+_", "0o_",
    "1_000", "0o17", "0x1F", "0b101", "010", "=", "<<", "~", "null", "true", "yes", "''",
    '""', "[]", "{}", "[a, [b, [c]]]", "{a: 1, a: 2}", "&a [x, *a]", "*undefined", "&x 1",
    "&x [1, 2]", '"a\\nb\\u2028\\0c"', '"\\ud800"', '"\\x0b"', "'unterminated",
    '"unterminated', "a: b: c", "- x", "[" * 1000, "[" * 10000, "{" * 500, "{a: " * 40,
    "[" * 21 + "]" * 21, "[" * 19 + "]" * 19, "[" + "a," * 1500 + "]", "x" * 3000,
    "\t", "\x0b", "\x00", "\x0c", "\x1b[31m", "\x7f", "\x85", "\u2028", "\ufeff", "\ufffe",
    "é", "😀", "\r", "a\rb", "%YAML 1.2", "---", "...", "@x", "`x", "|", ">", "#", ": x",
    "- - -", "? a", "&", "*", "!", "%", "a #b", "'a''b'", '"a\\"b"', "-1", "0", "3", "10",
    "100000", "-120", "180", "37.5", "1.5e3", "0.0", "-0", "exercise", "hinge", "Deadlift",
    "x" * 41, "x" * 81, "[hamstrings, hamstrings]", "[nope]", "{min: 5, max: 2}",
]
KEYS = ["<<", "? [a]", '"a\\nb"', '"\\x0b"', "1", "null", "true", "[a]", "{a: 1}", "&k k",
        "*k", "name", "id", "figure", "x" * 300, "'quoted'", "? |\n  block", "-", "a b", "é"]
CHARS = list(":-[]{},#&*!|>'\"%@` \t\n?~.0123456789") + ["\x00", "\x0b", "\x0c", "\x85",
                                                           "\u2028", "\ufeff", "\r"]


def alias_bomb(wide: int = 9, deep: int = 8) -> str:
    lines = [f"b0: &b0 [{', '.join(['x'] * wide)}]"]
    lines += [f"b{i}: &b{i} [{', '.join([f'*b{i - 1}'] * wide)}]" for i in range(1, deep + 1)]
    return "\n".join(lines) + "\n"


def big_block_list(n: int) -> str:
    return "big:\n" + "".join(f"  - item{i}\n" for i in range(n))


APPENDS = [
    lambda r: alias_bomb(),
    lambda r: alias_bomb(r.randint(2, 12), r.randint(2, 10)),
    lambda r: "deep: " + "[" * r.choice([50, 1000, 10000]) + "\n",
    lambda r: "deep: " + "{a: " * r.choice([21, 200, 3000]) + "\n",
    lambda r: "deep:\n" + "".join("  " * i + f"k{i}:\n" for i in range(r.choice([21, 60]))),
    lambda r: big_block_list(r.choice([1001, 5000, 100000])),
    lambda r: "big: [" + ",".join("a" for _ in range(r.choice([1001, 20000]))) + "]\n",
    lambda r: "".join(f"key{i}: {i}\n" for i in range(r.choice([1001, 3000]))),
    lambda r: "wide: [" + ", ".join("[" + ",".join("a" * 3 for _ in range(900)) + "]"
                                    for _ in range(15)) + "]\n",
    lambda r: "---\nid: second\n",
    lambda r: "? [a, b]\n: 1\n",
    lambda r: "<<: {sets: 3}\n",
    lambda r: "x: &a\n  y: *a\n",
    lambda r: "text: " + "y" * r.choice([5000, 300000]) + "\n",
]

PAGE_APPENDS = [
    lambda r: "\n<script>alert(1)</script>\n",
    lambda r: "\n" + "- " * r.choice([100, 2000]) + "x\n",
    lambda r: "\n" + "> " * r.choice([100, 1000]) + "x\n",
    lambda r: "\n" + "[" * r.choice([1000, 20000]) + "\n",
    lambda r: "\n" + "*" * r.choice([1000, 20000]) + "\n",
    lambda r: "\n" + "`" * 5000 + "\n",
    lambda r: "\n[x](javascript:alert(1))\n",
    lambda r: "\n" + "<div>" * 2000 + "\n",
    lambda r: "\n" + "x" * 600_000 + "\n",
    lambda r: "\n\x00\x0b\x0c\u2028\n",
]

# --- the scratch project ------------------------------------------------------------------


class Tree:
    """A project folder whose content/ is put back after each trial."""

    def __init__(self, base: Path):
        self.base = base
        self.project = base / "project"
        self.content = self.project / "content"
        self.outside = base / "outside"
        self.outside.mkdir()
        (self.outside / "secret.yaml").write_text(f"id: secret\nname: {CANARY}\n")
        (self.outside / "secret.md").write_text(f"# {CANARY}\n")
        (self.outside / "sub").mkdir()
        (self.outside / "sub" / "canary.yaml").write_text(f"id: {CANARY}\n")
        shutil.copytree(ROOT / "content", self.content, symlinks=False)
        shutil.copy(ROOT / "mkdocs.yml", self.project / "mkdocs.yml")
        self.pristine: dict[str, bytes | None] = {}
        for path in self.content.rglob("*"):
            rel = str(path.relative_to(self.content))
            self.pristine[rel] = None if path.is_dir() else path.read_bytes()
        self.touched: set[str] = set()

    def yaml_files(self) -> list[str]:
        return sorted(r for r, b in self.pristine.items()
                      if b is not None and r.endswith(".yaml") and not r.startswith("schema"))

    def pages(self) -> list[str]:
        return sorted(r for r, b in self.pristine.items() if b is not None and r.endswith(".md"))

    def path(self, rel: str) -> Path:
        return self.content / rel

    def touch(self, rel: str) -> Path:
        """Mark `rel` to be put back and return its path (its parents exist)."""
        self.touched.add(rel)
        return self.content / rel

    def clear(self, rel: str) -> Path:
        path = self.touch(rel)
        remove(path)
        return path

    def restore(self) -> None:
        for rel in sorted(self.touched, key=lambda r: -r.count("/")):
            remove(self.content / rel)
        for rel in sorted(self.touched, key=lambda r: r.count("/")):
            self._put_back(rel)
        self.touched.clear()

    def _put_back(self, rel: str) -> None:
        if rel not in self.pristine:
            return
        path = self.content / rel
        if self.pristine[rel] is None:
            path.mkdir(parents=True, exist_ok=True)
            for child, data in self.pristine.items():
                if child.startswith(rel + "/") and data is not None:
                    (self.content / child).parent.mkdir(parents=True, exist_ok=True)
                    (self.content / child).write_bytes(data)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self.pristine[rel])


def remove(path: Path) -> None:
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return
    if stat.S_ISDIR(info.st_mode):
        os.chmod(path, 0o755)
        shutil.rmtree(path)
    else:
        os.unlink(path)


# --- mutations ------------------------------------------------------------------------------

_KEY_LINE = re.compile(r"^(\s*(?:- )?)([^\s#:][^:#\n]*):(\s+)(\S.*)$")


def text_of(tree: Tree, rel: str) -> str:
    data = tree.pristine.get(rel) or b""
    try:
        path = tree.path(rel)
        # A file grown sparse to gigabytes by an earlier mutation is mutated as it was before.
        current = path.read_bytes() if path.is_file() and path.stat().st_size < 1 << 20 else data
    except OSError:
        current = data
    return current.decode("utf-8", errors="surrogateescape")


def write_text(tree: Tree, rel: str, text: str) -> None:
    path = tree.clear(rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))


def m_value(r: random.Random, tree: Tree, rel: str) -> str:
    lines = text_of(tree, rel).split("\n")
    candidates = [i for i, line in enumerate(lines) if _KEY_LINE.match(line)]
    if not candidates:
        return "no key line"
    i = r.choice(candidates)
    m = _KEY_LINE.match(lines[i])
    value = r.choice(VALUES)
    lines[i] = f"{m[1]}{m[2]}:{m[3]}{value}"
    write_text(tree, rel, "\n".join(lines))
    return f"value of {m[2].strip()!r} on line {i + 1} -> {value[:30]!r}"


def m_key(r: random.Random, tree: Tree, rel: str) -> str:
    lines = text_of(tree, rel).split("\n")
    candidates = [i for i, line in enumerate(lines) if _KEY_LINE.match(line)]
    if not candidates:
        return "no key line"
    i = r.choice(candidates)
    m = _KEY_LINE.match(lines[i])
    key = r.choice(KEYS)
    lines[i] = f"{m[1]}{key}:{m[3]}{m[4]}"
    write_text(tree, rel, "\n".join(lines))
    return f"key on line {i + 1} -> {key[:30]!r}"


def m_insert_line(r: random.Random, tree: Tree, rel: str) -> str:
    lines = text_of(tree, rel).split("\n")
    i = r.randrange(len(lines) + 1)
    line = " " * r.choice([0, 0, 2, 4, 6]) + r.choice([*KEYS, "joints", "sets", "min"]) + ": " \
        + r.choice(VALUES)
    lines.insert(i, line)
    write_text(tree, rel, "\n".join(lines))
    return f"line {i + 1} inserted: {line[:40]!r}"


def m_chars(r: random.Random, tree: Tree, rel: str) -> str:
    text = text_of(tree, rel)
    at = r.randrange(len(text) + 1)
    piece = "".join(r.choice(CHARS) for _ in range(r.randint(1, 5)))
    write_text(tree, rel, text[:at] + piece + text[at:])
    return f"{piece!r} inserted at offset {at}"


def m_delete(r: random.Random, tree: Tree, rel: str) -> str:
    text = text_of(tree, rel)
    if not text:
        return "empty"
    at = r.randrange(len(text))
    n = r.choice([1, 1, 2, 5, 20, 200])
    write_text(tree, rel, text[:at] + text[at + n:])
    return f"{n} characters deleted at offset {at}"


def m_lines(r: random.Random, tree: Tree, rel: str) -> str:
    lines = text_of(tree, rel).split("\n")
    if len(lines) < 3:
        return "too short"
    i, j = r.randrange(len(lines)), r.randrange(len(lines))
    how = r.choice(["duplicate", "swap", "indent", "dedent", "move"])
    if how == "duplicate":
        lines.insert(j, lines[i])
    elif how == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif how == "indent":
        lines[i] = " " * r.choice([1, 2, 3]) + lines[i]
    elif how == "dedent":
        lines[i] = lines[i].lstrip()
    else:
        lines.insert(j, lines.pop(i))
    write_text(tree, rel, "\n".join(lines))
    return f"lines {i + 1}/{j + 1}: {how}"


def m_append(r: random.Random, tree: Tree, rel: str) -> str:
    maker = r.choice(APPENDS)
    piece = maker(r)
    write_text(tree, rel, text_of(tree, rel).rstrip("\n") + "\n" + piece)
    return f"appended {piece[:40]!r}… ({len(piece):,} characters)"


def m_bytes(r: random.Random, tree: Tree, rel: str) -> str:
    text = text_of(tree, rel)
    data = text.encode("utf-8", errors="surrogateescape")
    how = r.choice(["xff", "utf16", "utf16le", "utf32", "bom", "latin1", "cut", "nul", "crlf",
                    "cr", "surrogate"])
    if how == "xff":
        at = r.randrange(len(data) + 1)
        data = data[:at] + bytes([r.choice([0xFF, 0xFE, 0xC0, 0x80, 0xED])]) + data[at:]
    elif how in ("utf16", "utf16le", "utf32"):
        data = text.encode({"utf16": "utf-16", "utf16le": "utf-16-le", "utf32": "utf-32"}[how],
                           errors="surrogatepass")
    elif how == "bom":
        data = b"\xef\xbb\xbf" + data
    elif how == "latin1":
        data = (text + "\nnote: café\n").encode("latin-1", errors="replace")
    elif how == "cut":
        data = (text + "\nname: é").encode("utf-8", errors="surrogateescape")[:-1]
    elif how == "nul":
        data = data.replace(b"\n", b"\n\x00", 1)
    elif how == "crlf":
        data = data.replace(b"\n", b"\r\n")
    elif how == "cr":
        data = data.replace(b"\n", b"\r")
    else:
        data = data + b"\nname: \xed\xa0\x80\n"
    path = tree.clear(rel)
    path.write_bytes(data)
    return f"bytes: {how}"


def m_page(r: random.Random, tree: Tree, rel: str) -> str:
    page = r.choice(tree.pages())
    how = r.random()
    if how < 0.3:
        path = tree.clear(page)
        data = tree.pristine[page]
        at = r.randrange(len(data) + 1)
        path.write_bytes(data[:at] + r.choice([b"\xff", b"\x00", b"\xc3", b"\xed\xa0\x80"])
                         + data[at:])
        return f"page {page}: a bad byte"
    piece = r.choice(PAGE_APPENDS)(r)
    write_text(tree, page, text_of(tree, page) + piece)
    return f"page {page}: appended {piece[:30]!r}…"


def m_files(r: random.Random, tree: Tree, rel: str) -> str:
    """The file-system cases."""
    how = r.choice(["folder", "fifo", "link-out", "link-out-rel", "link-in", "link-folder",
                    "dangling", "loop", "new-folder-yaml", "subfolder", "yml", "names",
                    "exercises-out", "pages-out", "single-out", "device", "socket", "missing",
                    "empty", "sparse", "link-to-fifo", "subfolder-link", "link-chain-out"])
    ex = "exercises"
    if how == "folder":
        path = tree.clear(rel)
        path.mkdir()
        (path / "inner.yaml").write_text("id: x\n")
    elif how == "fifo":
        os.mkfifo(tree.clear(rel))
    elif how == "link-out":
        os.symlink(tree.outside / "secret.yaml", tree.clear(rel))
    elif how == "link-out-rel":
        target = os.path.relpath(tree.outside / "secret.yaml", tree.path(rel).parent)
        os.symlink(target, tree.clear(rel))
    elif how == "link-in":
        other = r.choice([f for f in tree.yaml_files() if f != rel])
        os.symlink(os.path.relpath(tree.path(other), tree.path(rel).parent), tree.clear(rel))
    elif how == "link-folder":
        os.symlink(tree.content / "pages", tree.clear(f"{ex}/linked.yaml"))
    elif how == "dangling":
        os.symlink("does-not-exist.yaml", tree.clear(r.choice([rel, f"{ex}/dangling.yaml"])))
    elif how == "loop":
        os.symlink("loop.yaml", tree.clear(f"{ex}/loop.yaml"))
    elif how == "new-folder-yaml":
        tree.clear(f"{ex}/x.yaml").mkdir()
    elif how == "subfolder":
        sub = tree.clear(f"{ex}/drafts")
        sub.mkdir()
        (sub / "draft.yaml").write_text("id: draft\n")
    elif how == "yml":
        tree.clear(f"{ex}/stray.yml").write_text("id: stray\n")
    elif how == "names":
        name = r.choice(["a\nb.yaml", "sp ace.yaml", "é-x.yaml", "x" * 250 + ".yaml",
                         "a:1:2: b.yaml", "\x1b[31mred.yaml", "-dash.yaml", ".hidden.yaml",
                         "a\u2028b.yaml", "tab\t.yaml"])
        try:
            source = tree.pristine[rel] or b"id: x\n"
            tree.clear(f"{ex}/{name}").write_bytes(source)
        except OSError:
            return "names: refused by the file system"
        return f"file named {name[:40]!r}"
    elif how == "exercises-out":
        tree.clear(ex)
        os.symlink(tree.outside, tree.path(ex))
    elif how == "pages-out":
        tree.clear("pages")
        os.symlink(tree.outside, tree.path("pages"))
    elif how == "single-out":
        single = r.choice(["muscles.yaml", "equipment.yaml", "splits.yaml"])
        os.symlink(tree.outside / "secret.yaml", tree.clear(single))
    elif how == "device":
        try:
            os.mknod(tree.clear(rel), 0o644 | stat.S_IFCHR, os.makedev(1, 5))  # like /dev/zero
        except (OSError, PermissionError):
            return "device: not allowed here"
    elif how == "socket":
        path = tree.clear(rel)
        sock = socket.socket(socket.AF_UNIX)
        try:
            sock.bind(str(path))
        except OSError:
            return "socket: path too long"
        finally:
            sock.close()
    elif how == "missing":
        tree.clear(r.choice(["muscles.yaml", "equipment.yaml", "splits.yaml", rel]))
    elif how == "empty":
        tree.clear(rel).write_bytes(r.choice([b"", b"\n", b"# only a comment\n", b"---\n",
                                              b"...\n", b"~\n"]))
    elif how == "sparse":
        with open(tree.clear(rel), "wb") as handle:
            handle.truncate(r.choice([300_000, 1 << 30]))
    elif how == "link-to-fifo":
        os.mkfifo(tree.clear(f"{ex}/pipe.fifo"))
        os.symlink("pipe.fifo", tree.clear(rel))
    elif how == "subfolder-link":
        os.symlink(tree.outside, tree.clear(f"{ex}/outside-folder"))
    else:  # a link to a link that leads out
        os.symlink(tree.outside / "secret.yaml", tree.clear(f"{ex}/hop.txt"))
        os.symlink("hop.txt", tree.clear(rel))
    return f"file system: {how} ({rel})"


MUTATIONS = [(m_value, 30), (m_key, 8), (m_insert_line, 10), (m_chars, 12), (m_delete, 6),
             (m_lines, 8), (m_append, 8), (m_bytes, 6), (m_page, 3), (m_files, 14)]


def mutate(r: random.Random, tree: Tree) -> tuple[str, str]:
    """Apply 1-3 mutations; (what was done, the YAML file mostly concerned)."""
    rel = r.choice(tree.yaml_files())
    done = []
    for _ in range(r.choice([1, 1, 1, 2, 3])):
        op = r.choices([m for m, _ in MUTATIONS], weights=[w for _, w in MUTATIONS])[0]
        if op is not m_files and op is not m_page and not tree.path(rel).is_file():
            continue  # the file is a folder, a pipe or a link by now: no text to edit
        try:
            done.append(op(r, tree, rel))
        except OSError as exc:
            done.append(f"{op.__name__}: {exc.strerror}")
    return "; ".join(done) or "nothing", rel


# --- running the entry point in-process ------------------------------------------------------


WATCH: OpenWatch | None = None


class Hang(BaseException):
    """Raised by the alarm in a call that ran past HANG_S."""


def _alarm(signum, frame):
    raise Hang


@dataclass
class Call:
    code: int | None
    out: str
    err: str
    seconds: float  # wall clock
    cpu: float = 0.0  # CPU time of the call: the measure while other work shares the machine
    hung: bool = False
    exception: str = ""


def call(argv: list[str]) -> Call:
    from generator import cli

    out, err = io.StringIO(), io.StringIO()
    if WATCH:
        WATCH.active = True
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_S)
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(argv)
        return Call(code, out.getvalue(), err.getvalue(), time.perf_counter() - started,
                    time.process_time() - cpu)
    except Hang:
        return Call(None, out.getvalue(), err.getvalue(), time.perf_counter() - started,
                    time.process_time() - cpu, hung=True)
    except BaseException as exc:  # noqa: BLE001 - SystemExit from argparse, or a real crash
        return Call(None, out.getvalue(), err.getvalue(), time.perf_counter() - started,
                    time.process_time() - cpu, exception=f"{type(exc).__name__}: {exc}"[:200])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        if WATCH:
            WATCH.active = False


def memoise_pure_checks() -> None:
    """Cache the page markup check and the figure checks by their inputs (both pure)."""
    from generator.content import validation

    if getattr(validation, "_fuzz_memoised", False):  # once per process, not once per task
        return
    validation._fuzz_memoised = True
    for name in ("markup_problems", "pose_problems"):
        real = getattr(validation, name)
        cache: dict = {}

        def cached(*args, _real=real, _cache=cache, **kwargs):
            key = repr((args, sorted(kwargs.items())))
            if key not in _cache:
                if len(_cache) > 4000:
                    _cache.clear()
                _cache[key] = _real(*args, **kwargs)
            return _cache[key]

        setattr(validation, name, cached)


# --- judging one run -------------------------------------------------------------------------


@dataclass
class Tally:
    trials: int = 0
    crashes: int = 0
    off_form: int = 0
    data_loss: int = 0
    outside: int = 0
    slow: int = 0  # calls over SLOW_S of CPU time
    parsed: int = 0  # mutated files the fast loader read as data
    disagree: int = 0  # ... that ruamel (the careful loader) read otherwise, or not at all
    slowest: float = 0.0  # CPU seconds
    slowest_case: str = ""
    slowest_wall: float = 0.0
    slowest_wall_case: str = ""
    examples: dict = field(default_factory=dict)

    def note(self, kind: str, case: str, detail: str) -> None:
        found = self.examples.setdefault(kind, [])
        if len(found) < 4:
            found.append(f"{case} :: {detail}"[:400])

    def timed(self, result: Call, case: str) -> None:
        if result.cpu > SLOW_S:
            self.slow += 1
            self.note("slow", case, f"{result.cpu:.2f} s CPU ({result.seconds:.2f} s wall)")
        if result.cpu > self.slowest:
            self.slowest, self.slowest_case = result.cpu, case
        if result.seconds > self.slowest_wall:
            self.slowest_wall, self.slowest_wall_case = result.seconds, case

    def add(self, other: Tally) -> None:
        for name in ("trials", "crashes", "off_form", "data_loss", "outside", "slow", "parsed",
                     "disagree"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.slowest > self.slowest:
            self.slowest, self.slowest_case = other.slowest, other.slowest_case
        if other.slowest_wall > self.slowest_wall:
            self.slowest_wall, self.slowest_wall_case = other.slowest_wall, other.slowest_wall_case
        for kind, found in other.examples.items():
            mine = self.examples.setdefault(kind, [])
            mine += found[: max(0, 4 - len(mine))]


def file_lines(project: Path, label: str) -> list[str] | None:
    """The lines of a reported file when it is a plain readable text file."""
    path = project / label
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode) or os.lstat(path).st_size > 1 << 20:
            return None
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def judge_output(tally: Tally, result: Call, case: str, project: Path, *, fmt: bool) -> None:
    if CANARY in result.out or CANARY in result.err:
        tally.outside += 1
        tally.note("outside", case, "the canary's text was printed")
    for line in result.out.splitlines():
        m = PROBLEM_LINE.match(line)
        if not m:
            if fmt and FMT_LINE.match(line):
                continue
            tally.off_form += 1
            tally.note("off-form", case, repr(line[:200]))
            continue
        if not m["path"].startswith("content/"):
            tally.off_form += 1
            tally.note("off-form", case, f"not a content path: {line[:200]!r}")
            continue
        lines = file_lines(project, m["path"])
        if lines is not None and int(m["line"]) > len(lines) + 1:
            tally.off_form += 1
            tally.note("off-form", case, f"line past the end ({len(lines)} lines): {line[:200]!r}")
    if "Traceback" in result.err or "internal error" in result.err:
        tally.crashes += 1
        tally.note("crash", case, result.err.strip().splitlines()[-1][:300])


class OpenWatch:
    """Counts every open() of a path inside the canary's folder during a call (an audit hook:
    Python raises the "open" event for open(), os.open() and the like)."""

    def __init__(self, outside: Path):
        self.outside = os.path.realpath(outside)
        self.count = 0
        self.active = False
        sys.addaudithook(self.hook)

    def hook(self, event: str, args: tuple) -> None:
        if not self.active or event != "open" or not args:
            return
        target = args[0]
        if isinstance(target, int) or target is None:
            return
        try:
            real = os.path.realpath(os.fsdecode(target))
        except (TypeError, ValueError, OSError):
            return
        if real == self.outside or real.startswith(self.outside + os.sep):
            self.count += 1


# --- fmt: data equal or bytes identical ------------------------------------------------------


def yaml_snapshot(tree: Tree) -> dict[str, bytes]:
    found = {}
    for folder in (tree.content, tree.content / "exercises"):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if not entry.name.endswith(".yaml"):
                continue
            try:
                if entry.is_file(follow_symlinks=False) and entry.stat().st_size < 1 << 20:
                    found[str(Path(entry.path).relative_to(tree.content))] = \
                        Path(entry.path).read_bytes()
            except OSError:
                continue
    return found


def same_data(before: bytes, after: bytes) -> bool:
    from generator.content.loading import to_plain, yaml_rt

    def load(data: bytes):
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        return to_plain(yaml_rt().load(text))

    try:
        return _equal(load(before), load(after))
    except Exception:  # noqa: BLE001 - a rewritten file that cannot be read back is lost data
        return False


def _equal(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_equal(a[k], b[k]) for k in a) or (
            a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def loaders_agree(tally: Tally, tree: Tree, rel: str, case: str) -> None:
    """The fast loader's data is what ruamel's round trip reads (the check's two passes and
    fmt must see the same file)."""
    from generator.content.loading import MAX_FILE_BYTES, parse_plain, to_plain, yaml_rt

    path = tree.path(rel)
    try:
        info = os.lstat(path)
        # The product refuses a file over its size limit unread; reading a sparse file of
        # gigabytes here only measured this harness (9 GB and 4 minutes a trial).
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    plain, problems = parse_plain(text, rel)
    if problems or plain is None:
        return
    tally.parsed += 1
    try:
        careful = to_plain(yaml_rt().load(text))
    except Exception as exc:  # noqa: BLE001 - counted: check's careful pass would meet it
        tally.disagree += 1
        tally.note("loaders", case, f"ruamel: {type(exc).__name__}: {exc}"[:200])
        return
    if not _equal(to_plain(plain), careful):
        tally.disagree += 1
        tally.note("loaders", case, "the fast loader's data differs from ruamel's")


def run_fmt(tally: Tally, tree: Tree, rel: str, case: str, r: random.Random) -> None:
    before = yaml_snapshot(tree)
    whole = r.random() < 0.2
    check_only = r.random() < 0.2
    argv = ["fmt", "--content", "content"] + (["--check"] if check_only else [])
    if not whole:
        if not os.path.lexists(tree.path(rel)):
            whole = True
        else:
            argv.append(f"content/{rel}")
    result = call(argv)
    tally.trials += 1
    tally.timed(result, f"fmt {'all' if whole else rel}: {case}")
    label = f"fmt: {case}"
    if result.hung or result.exception or result.code not in (0, 1):
        tally.crashes += 1
        tally.note("crash", label, result.exception or
                   ("hung" if result.hung else f"exit {result.code}: {result.err[-300:]}"))
    judge_output(tally, result, label, tree.project, fmt=True)
    after = yaml_snapshot(tree)
    untouched = {line.split(": left untouched")[0] for line in result.err.splitlines()
                 if line.endswith(": left untouched")}
    for name in sorted(set(before) | set(after)):
        if before.get(name) == after.get(name):
            continue
        if name not in before or name not in after:
            tally.data_loss += 1
            tally.note("data loss", label, f"{name} appeared or vanished")
        elif f"content/{name}" in untouched or check_only:
            tally.data_loss += 1
            tally.note("data loss", label, f"{name} changed though it was left untouched")
        elif not same_data(before[name], after[name]):
            tally.data_loss += 1
            tally.note("data loss", label, f"{name} was rewritten to different data")


# --- one worker --------------------------------------------------------------------------------


def worker(job: tuple[int, int, int, int, int]) -> dict:
    index, jobs, trials, fmt_trials, seed = job
    from generator.cli import main  # noqa: F401 - imports once, before any timing

    global WATCH
    memoise_pure_checks()
    with tempfile.TemporaryDirectory(prefix="backchain-fuzz-") as tmp:
        tree = Tree(Path(tmp))
        os.chdir(tree.project)
        watch = WATCH = OpenWatch(tree.outside)
        call(["check", "--content", "content"])  # warm: imports, the memoised page checks
        check, fmt = Tally(), Tally()
        for trial in range(index, max(trials, fmt_trials), jobs):
            r = random.Random(seed * 1_000_003 + trial)
            what, rel = mutate(r, tree)
            case = f"trial {trial}: {rel}: {what}"
            opened = watch.count
            if trial < trials:
                named = r.random() < 0.2 and os.path.lexists(tree.path(rel))
                argv = ["check", "--content", "content"] + ([f"content/{rel}"] if named else [])
                result = call(argv)
                check.trials += 1
                check.timed(result, case)
                allowed = (0, 1, 2) if named else (0, 1)
                if result.hung or result.exception or result.code not in allowed:
                    check.crashes += 1
                    check.note("crash", case, result.exception or (
                        "hung" if result.hung else f"exit {result.code}: {result.err[-300:]}"))
                elif result.code == 2 and (result.out or "not a file check reads" not in
                                           result.err):
                    check.crashes += 1
                    check.note("crash", case, f"exit 2 without a usage message: {result.err}")
                judge_output(check, result, case, tree.project, fmt=False)
                loaders_agree(check, tree, rel, case)
            if trial < fmt_trials:
                run_fmt(fmt, tree, rel, case, r)
            if trial % 500 < jobs:
                print(f"task {index}: trial {trial:,}", file=sys.stderr, flush=True)
            if watch.count > opened:
                (check if trial < trials else fmt).outside += watch.count - opened
                check.note("outside", case, "a file outside content/ was opened")
            tree.restore()
        os.chdir(ROOT)
    return {"check": check, "fmt": fmt}


def subprocess_cases(count: int, seed: int) -> Tally:
    """A sample of mutations through a fresh `python -m generator`, as a contributor runs it."""
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="backchain-fuzz-cli-") as tmp:
        tree = Tree(Path(tmp))
        for n in range(count):
            r = random.Random(seed * 7_919 + n)
            what, rel = mutate(r, tree)
            for argv in (["check", "--content", "content"], ["fmt", "--check", "--content",
                                                            "content"]):
                case = f"cli {n} {argv[0]}: {rel}: {what}"
                started, cpu = time.perf_counter(), _children_cpu()
                try:
                    done = subprocess.run([sys.executable, "-m", "generator", *argv],
                                          cwd=tree.project, capture_output=True, text=True,
                                          timeout=HANG_S, errors="replace", check=False,
                                          env={**os.environ, "PYTHONPATH": str(ROOT)})
                    result = Call(done.returncode, done.stdout, done.stderr,
                                  time.perf_counter() - started, _children_cpu() - cpu)
                except subprocess.TimeoutExpired:
                    result = Call(None, "", "", HANG_S, HANG_S, hung=True)
                tally.trials += 1
                tally.timed(result, case)
                if result.hung or result.code not in (0, 1):
                    tally.crashes += 1
                    tally.note("crash", case, "hung" if result.hung else
                               f"exit {result.code}: {result.err[-300:]}")
                judge_output(tally, result, case, tree.project, fmt=argv[0] == "fmt")
            tree.restore()
    return tally


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _planner_chunk(job: tuple[int, int]) -> dict:
    trials, seed = job
    path = ROOT / "bench" / "fuzz_planner.py"
    spec = importlib.util.spec_from_file_location("fuzz_planner", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.campaign(trials, seed)


def planner_campaign(trials: int, seed: int, jobs: int) -> dict | None:
    """bench/fuzz_planner.py's `campaign`, split into `jobs` seeded chunks run side by side
    (chunk k has seed `seed * 1000 + k`, so the whole is as reproducible as one run)."""
    if not (ROOT / "bench" / "fuzz_planner.py").exists() or trials <= 0:
        return None
    chunks = [(trials // jobs + (k < trials % jobs), seed * 1000 + k) for k in range(jobs)]
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_planner_chunk, chunks)
    else:
        parts = [_planner_chunk(chunks[0])]
    total: dict = {}
    for part in parts:
        for key, value in part.items():
            if key == "slowest_s":
                if value >= total.get(key, -1.0):
                    total[key], total["slowest_case"] = value, part.get("slowest_case", "")
            elif key == "slowest_case":
                continue
            elif isinstance(value, bool) or not isinstance(value, int | float | dict | list):
                total.setdefault(key, value)
            elif isinstance(value, dict):
                merged = total.setdefault(key, {})
                for k, v in value.items():
                    merged[k] = merged.get(k, 0) + v
            elif isinstance(value, list):
                total.setdefault(key, [])
                total[key] += value[: max(0, 10 - len(total[key]))]
            else:
                total[key] = total.get(key, 0) + value
    return total


# --- the table ------------------------------------------------------------------------------------


def row(name: str, t: Tally, data_loss: bool, outside: bool) -> str:
    wall = f"{t.slowest_wall:>8.2f} s" if t.slowest_wall else f"{'-':>10}"
    return (f"{name:<25}{t.trials:>8,}{t.crashes:>9,}{t.off_form:>10,}"
            f"{(f'{t.data_loss:,}' if data_loss else '-'):>11}"
            f"{(f'{t.outside:,}' if outside else '-'):>9}{t.slow:>8,}{t.slowest:>9.2f} s{wall}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=10_000, help="content mutations (check)")
    parser.add_argument("--fmt-trials", type=int, help="fmt runs (default: --trials)")
    parser.add_argument("--planner-trials", type=int, default=50_000,
                        help="planner requests (bench/fuzz_planner.py)")
    parser.add_argument("--cli-trials", type=int, default=40,
                        help="mutations also run through a fresh `python -m generator`")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = parser.parse_args()
    fmt_trials = args.trials if args.fmt_trials is None else args.fmt_trials
    started = time.perf_counter()

    # Trials are dealt to many small tasks (trial k to task k % tasks), run `jobs` at a time:
    # a worker process that dies (a crash in C, or killed from outside) costs its own task,
    # which is counted and named, instead of hanging the whole campaign.
    tasks = max(1, args.jobs * 8)
    jobs = [(i, tasks, args.trials, fmt_trials, args.seed) for i in range(tasks)]
    check, fmt = Tally(), Tally()
    with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = {pool.submit(worker, job): job for job in jobs}
        for future in as_completed(futures):
            try:
                part = future.result()
            except Exception as exc:  # noqa: BLE001 - a dead worker: its trials are lost
                check.crashes += 1
                check.note("crash", f"task {futures[future][0]} of {tasks}",
                           f"the worker process died: {type(exc).__name__}: {exc}"[:200])
                continue
            check.add(part["check"])
            fmt.add(part["fmt"])
    content_s = time.perf_counter() - started
    cli = subprocess_cases(args.cli_trials, args.seed)
    planner_started = time.perf_counter()
    try:
        planner = planner_campaign(args.planner_trials, args.seed, args.jobs)
    except Exception as exc:  # noqa: BLE001 - its own bench: say so and print the rest
        print(f"bench/fuzz_planner.py did not run: {type(exc).__name__}: {exc}", file=sys.stderr)
        planner = None
    planner_s = time.perf_counter() - planner_started

    command = " ".join(["bench/fuzz.py", *sys.argv[1:]])
    print(f"\nhostile input campaign: {command} (seed {args.seed}, {args.jobs} workers; "
          f"content {content_s:.0f} s, planner {planner_s:.0f} s)\n")
    print(f"{'':<25}{'trials':>8}{'crashes':>9}{'off-form':>10}{'data loss':>11}"
          f"{'outside':>9}{'> 2 s':>8}{'slowest':>11}{'(wall)':>10}")
    print(row("check (in-process)", check, False, True))
    print(row("fmt (in-process)", fmt, True, True))
    print(row("check + fmt (python -m)", cli, False, True))
    if planner is not None:
        p = Tally(trials=planner.get("trials", 0),
                  crashes=planner.get("exceptions", 0) + planner.get("crashes", 0),
                  off_form=planner.get("malformed", 0),
                  slow=planner.get("slow", sum(1 for s in [planner.get("slowest_s", 0)]
                                               if s > SLOW_S)),
                  slowest=planner.get("slowest_s", 0.0),
                  slowest_case=str(planner.get("slowest_case", "")))
        print(row("planner.browser.handle", p, False, False))
    else:
        p = None
        print(f"{'planner.browser.handle':<26}  (bench/fuzz_planner.py not found: not run)")
    print()
    print(f"fast and careful YAML loaders disagreed on {check.disagree:,} of {check.parsed:,} "
          "mutated files the fast one read as data")
    print("(> 2 s and slowest: CPU seconds of one call, which do not grow when other work "
          "shares the machine; wall: the longest wall-clock time)")
    for name, t in (("check", check), ("fmt", fmt), ("cli", cli)) + ((("planner", p),) if p
                                                                     else ()):
        print(f"slowest {name}: {t.slowest:.2f} s: {t.slowest_case[:300]}")
        if t.slowest_wall_case and t.slowest_wall_case != t.slowest_case:
            print(f"  longest wall {t.slowest_wall:.2f} s: {t.slowest_wall_case[:300]}")
    failures = [(name, t) for name, t in (("check", check), ("fmt", fmt), ("cli", cli))
                if t.examples]
    for name, t in failures:
        for kind, found in t.examples.items():
            for example in found:
                print(f"  {name} {kind}: {example}")
    if planner:
        for key, value in planner.items():
            if key in ("trials", "exceptions", "malformed", "slowest_s", "slowest_case"):
                continue
            if isinstance(value, list):
                for item in value:
                    print(f"  planner {key}: {str(item)[:300]}")
            else:
                print(f"planner {key}: {value}")
    bad = sum(t.crashes + t.off_form + t.data_loss + t.outside + t.slow + t.disagree
              for t in (check, fmt, cli) + ((p,) if p else ()))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
