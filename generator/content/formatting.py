"""`python -m generator fmt`: every content file in one canonical key order and layout.

The canonical order of keys is the order of the fields in `generator.content.schema` (recursively:
`muscles.primary` before `muscles.secondary`, `reps.min` before `reps.max`); keys the schema does
not know keep their order after the known ones (`check` reports them). The layout rules are few:
the editor modeline (`# yaml-language-server: $schema=…`) on the first line, no trailing spaces,
no runs of blank lines, one newline at the end.

Why this moves lines instead of re-dumping the YAML: ruamel.yaml keeps values and comments on a
round trip but re-flows every multi-line plain scalar (and leaves trailing spaces where it breaks
them), so a re-dump would rewrite most steps and cues of a hand-wrapped file. Moving each key's
lines as a block keeps every value, comment and line break exactly as the contributor wrote
them. A comment on the lines just above a key travels with that key; the file's header (the
modeline and any comments followed by a blank line) stays at the top.

Every result is re-read and compared with the original before it is written: the data must be
equal and no character other than whitespace may appear or vanish. If that ever fails, the
file is left alone and reported, so `fmt` can never change what a file means.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from generator.content import schema as S
from generator.content.loading import (
    parse_plain,
    read_text,
    syntax_problem,
    to_plain,
    yaml_rt,
)
from generator.content.problems import (
    Problem,
    lexical_path,
    now_reading,
    one_line,
    shown,
    shown_path,
)
from generator.paths import ROOT

MODELINE_PREFIX = "# yaml-language-server:"

# Where each kind's JSON Schema sits relative to the file (content/schema/ is a sibling of the
# exercises folder and a child of content/).
SCHEMA_PATHS = {
    "exercise": "../schema/exercise.schema.json",
    "muscles": "schema/muscles.schema.json",
    "equipment": "schema/equipment.schema.json",
    "splits": "schema/splits.schema.json",
}
_SINGLE_FILES = {"muscles.yaml": "muscles", "equipment.yaml": "equipment", "splits.yaml": "splits"}


def modeline(kind: str) -> str:
    """The first line of every content file of this kind: editors read the schema from it."""
    return f"{MODELINE_PREFIX} $schema={SCHEMA_PATHS[kind]}"


def kind_of(path: Path) -> str | None:
    """Which spec a content file follows, judged by where it lives; None if it is not one."""
    if path.suffix == ".yaml" and path.parent.name == "exercises":
        return "exercise"
    return _SINGLE_FILES.get(path.name)


def content_files(content_dir: Path) -> list[Path]:
    """Every YAML file `fmt` looks after, in a stable order."""
    singles = [content_dir / name for name in _SINGLE_FILES
               if os.path.lexists(content_dir / name)]
    exercises = content_dir / "exercises"
    if _outside(exercises, content_dir):
        return singles + [exercises]  # reported, never listed: its names are not ours to print
    try:
        return singles + sorted(exercises.glob("*.yaml"))
    except OSError:
        return singles


# --- formatting text ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Formatted:
    """The canonical text of a file, or why it could not be produced."""

    text: str | None
    problems: tuple[Problem, ...] = ()


def format_text(text: str, kind: str, label: str = "<text>") -> Formatted:
    """The canonical form of one content file's text; pure, never raises on bad YAML."""
    text = text.replace("\r\n", "\n")
    if text.startswith("\ufeff"):  # a byte-order mark is not part of the data: dropped
        text = text[1:]
    # Limits, tags, merge keys and the rest first: ruamel only ever reads what passed them.
    _, problems = parse_plain(text, label)
    if problems:
        return Formatted(None, tuple(problems))
    try:
        original = yaml_rt().load(text)
    except YAMLError as exc:
        return Formatted(None, (syntax_problem(exc, label, text),))
    if not isinstance(original, CommentedMap):
        # Nothing to order; `check` explains what the file should hold.
        return Formatted(text if text.endswith("\n") else text + "\n")

    spec = S.KINDS[kind]
    lines = _split(text)
    lines = _order_flow_mappings(lines, original, spec)
    try:
        if parse_plain(_join(lines), label)[1]:
            raise YAMLError("the flow pass made the file unreadable")
        data = yaml_rt().load(_join(lines))
    except (YAMLError, TypeError, ValueError):  # the flow pass only swaps entries on one line
        data, lines = original, _split(text)
    lines = _order_block_mapping(lines, data, spec, 0, len(lines), top=True)

    # Tidy whitespace unless that would change a value (e.g. spaces inside a `|` block).
    for tidy in (True, False):
        candidate = _layout(lines, kind, tidy=tidy)
        if _same_meaning(text, original, candidate):
            return Formatted(candidate)
    order = ", ".join(f.name for f in spec.fields)
    return Formatted(None, (Problem(label, 1, 1,
                                    "fmt could not reorder this file without changing it; "
                                    f"put its keys in this order by hand: {order}"),))


def _split(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _join(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def _rank(spec: S.Mapping | None, keys: list[Any]) -> list[int]:
    """Indices of `keys` in canonical order: schema fields first, unknown keys as they came."""
    names = [f.name for f in spec.fields] if spec else []

    def place(i: int) -> tuple[int, int]:
        key = keys[i]
        return (names.index(key), 0) if key in names else (len(names), i)

    return sorted(range(len(keys)), key=place)


def _child_spec(spec: S.Mapping | None, key: Any) -> S.Spec | None:
    found = spec.field_named(key) if spec is not None and isinstance(key, str) else None
    return found.spec if found else None


# --- block mappings: move each key's lines -----------------------------------------------------


def _order_block_mapping(lines: list[str], node: Any, spec: S.Mapping | None, lo: int, hi: int,
                         *, top: bool = False) -> list[str]:
    """lines[lo:hi] (which hold `node`) with the keys of every block mapping in spec order.

    Each key owns the lines from itself to the next key. Blank lines and comments (indented no
    deeper than the key) right above a key belong to that key and move with it. At the top of
    the file, the modeline and everything up to the last blank line before the first key are
    the file's header and stay where they are.
    """
    if not isinstance(node, CommentedMap) or node.fa.flow_style() or not node:
        return lines[lo:hi]
    keys = list(node)
    starts = [node.lc.key(k)[0] for k in keys]
    col = node.lc.key(keys[0])[1]
    ends = starts[1:] + [hi]

    header: list[str] = []
    lead: list[str] = lines[lo:starts[0]]
    if top:  # the file's own header ends at its last blank line (or the modeline)
        cut = max((i + 1 for i, line in enumerate(lead)
                   if not line.strip() or line.startswith(MODELINE_PREFIX)), default=0)
        header, lead = lead[:cut], lead[cut:]
    blocks: list[tuple[list[str], list[str]]] = []  # (lead, body) per key, in file order
    for key, start, end in zip(keys, starts, ends, strict=True):
        tail = end
        while tail - 1 > start and _is_gap(lines[tail - 1], col):
            tail -= 1
        body = _order_value(lines, node[key], _child_spec(spec, key), start, tail)
        blocks.append((lead, body))
        lead = lines[tail:end]
    trailer = lead

    order = _rank(spec, keys)
    if order == list(range(len(keys))):
        return header + [line for lead, body in blocks for line in lead + body] + trailer

    # A mapping inside a list starts on the "- " line; the dash must stay on the first key.
    first_line = blocks[0][1][0]
    dash = first_line[:col]
    if dash.strip():
        blocks[0] = (blocks[0][0], [" " * col + first_line[col:]] + blocks[0][1][1:])
        new_lead, new_body = blocks[order[0]]
        blocks[order[0]] = (new_lead, [dash + new_body[0][col:]] + new_body[1:])
    out = list(header)
    for i in order:
        out += blocks[i][0] + blocks[i][1]
    return out + trailer


def _is_gap(line: str, col: int) -> bool:
    """A blank line, or a comment that cannot belong to the value above it."""
    stripped = line.lstrip()
    return not stripped or (stripped.startswith("#") and len(line) - len(stripped) <= col)


def _order_value(lines: list[str], value: Any, spec: S.Spec | None, start: int,
                 end: int) -> list[str]:
    """The lines of one key (from the key's line to `end`), with nested mappings ordered."""
    if isinstance(value, CommentedMap) and isinstance(spec, S.Mapping) and value:
        first = value.lc.line
        if not value.fa.flow_style() and start < first < end:
            return lines[start:start + 1] + _order_block_mapping(lines, value, spec, start + 1, end)
    if (isinstance(value, CommentedSeq) and isinstance(spec, S.ListOf)
            and isinstance(spec.item, S.Mapping) and not value.fa.flow_style() and value):
        item_starts = [value.lc.item(i)[0] for i in range(len(value))]
        if not start < item_starts[0] < end:
            return lines[start:end]
        out = lines[start:item_starts[0]]
        for i, item in enumerate(value):
            item_end = item_starts[i + 1] if i + 1 < len(value) else end
            if isinstance(item, CommentedMap) and not item.fa.flow_style() and item:
                out += _order_block_mapping(lines, item, spec.item, item_starts[i], item_end)
            else:
                out += lines[item_starts[i]:item_end]
        return out
    return lines[start:end]


# --- flow mappings: swap entries on one line ---------------------------------------------------


def _order_flow_mappings(lines: list[str], data: Any, spec: S.Mapping) -> list[str]:
    """Reorder the entries of one-line flow mappings such as `reps: {max: 12, min: 10}`."""
    lines = list(lines)
    found = sorted(_flow_mappings(data, spec), key=lambda f: (f[0].lc.line, f[0].lc.col),
                   reverse=True)  # right to left, so earlier positions stay valid
    for node, node_spec in found:
        order = _rank(node_spec, list(node))
        if order == list(range(len(node))):
            continue
        line_no, col = node.lc.line, node.lc.col
        line = lines[line_no]
        close = _matching_brace(line, col)
        if close is None:
            continue  # spans several lines: left as written
        inner = line[col + 1:close]
        entries = _split_entries(inner)
        if len(entries) != len(node):
            continue
        pad_left = inner[:len(inner) - len(inner.lstrip())]
        pad_right = inner[len(inner.rstrip()):]
        new_inner = pad_left + ", ".join(entries[i] for i in order) + pad_right
        lines[line_no] = line[:col + 1] + new_inner + line[close:]
    return lines


def _flow_mappings(node: Any, spec: S.Spec | None) -> Iterator[tuple[CommentedMap, S.Mapping]]:
    if isinstance(node, CommentedMap) and isinstance(spec, S.Mapping):
        if node.fa.flow_style():
            yield node, spec
        for key, value in node.items():
            yield from _flow_mappings(value, _child_spec(spec, key))
    elif isinstance(node, CommentedSeq) and isinstance(spec, S.ListOf):
        for value in node:
            yield from _flow_mappings(value, spec.item)


def _scan(text: str, start: int = 0) -> Iterator[tuple[int, str, int, bool]]:
    """(index, character, bracket depth after it, outside quotes) for a one-line flow
    collection: the one reading of quotes and brackets both helpers below rely on."""
    depth, quote = 0, ""
    for i in range(start, len(text)):
        ch = text[i]
        if quote or ch in "'\"":
            quote = "" if ch == quote else (quote or ch)
            yield i, ch, depth, False
            continue
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
        yield i, ch, depth, True


def _matching_brace(line: str, start: int) -> int | None:
    for i, ch, depth, plain in _scan(line, start):
        if not plain:
            continue
        if ch in "}]" and depth == 0:
            return i if ch == "}" else None
        if ch == "#" and i > 0 and line[i - 1] == " ":
            return None
    return None


def _split_entries(inner: str) -> list[str]:
    entries, begin = [], 0
    for i, ch, depth, plain in _scan(inner):
        if plain and ch == "," and depth == 0:
            entries.append(inner[begin:i].strip())
            begin = i + 1
    entries.append(inner[begin:].strip())
    return entries


# --- layout and the safety net -----------------------------------------------------------------


def _layout(lines: list[str], kind: str, *, tidy: bool) -> str:
    body = list(lines)
    while body and (not body[0].strip() or body[0].startswith(MODELINE_PREFIX)):
        body.pop(0)
    if tidy:
        literal = _block_scalar_lines(body)
        body = [line if i in literal else line.rstrip() for i, line in enumerate(body)]
        body = [line for i, line in enumerate(body)
                if line or i in literal or (i > 0 and body[i - 1])]
        while body and not body[-1]:
            body.pop()
    return _join([modeline(kind)] + body)


_BLOCK_SCALAR_START = re.compile(r"^(\s*)(?:- +)?(?:[^\s#][^#]*?:\s+|- +)?[|>][-+0-9]*\s*(#.*)?$")


def _block_scalar_lines(lines: list[str]) -> set[int]:
    """Lines inside `|` and `>` scalars, whose spaces and blank lines are part of the value."""
    inside: set[int] = set()
    i = 0
    while i < len(lines):
        match = _BLOCK_SCALAR_START.match(lines[i])
        i += 1
        if not match:
            continue
        indent, keep = len(match.group(1)), "+" in lines[i - 1].split("#")[0]
        block = []
        while i < len(lines) and (not lines[i].strip()
                                  or len(lines[i]) - len(lines[i].lstrip()) > indent):
            block.append(i)
            i += 1
        while block and not keep and not lines[block[-1]].strip():
            block.pop()  # blank lines after a clipped or stripped scalar are not part of it
        inside.update(block)
    return inside


def _same_meaning(before_text: str, before: Any, after_text: str) -> bool:
    # Moving lines can make what the input did not have (a key that is a mapping, say): the
    # candidate passes the same checks as any file before ruamel builds it.
    if parse_plain(after_text, "<formatted>")[1]:
        return False
    try:
        after = yaml_rt().load(after_text)
    except (YAMLError, TypeError, ValueError):
        return False
    return to_plain(before) == to_plain(after) and _glyphs(before_text) == _glyphs(after_text)


def _glyphs(text: str) -> Counter:
    """Every non-space character outside the modeline: moving lines keeps this unchanged."""
    kept = (line for line in text.split("\n") if not line.startswith(MODELINE_PREFIX))
    return Counter(ch for line in kept for ch in line if not ch.isspace())


# --- the fast path for files that are already formatted ----------------------------------------

try:  # libyaml, through PyYAML (a dependency of MkDocs); without it every file takes the long way
    import yaml as _pyyaml

    _COMPOSE_LOADER = _pyyaml.CSafeLoader
except (ImportError, AttributeError):  # pragma: no cover - depends on how PyYAML was built
    _pyyaml = None


def already_canonical(text: str, kind: str) -> bool:
    """True when `format_text` would return `text` unchanged, judged cheaply.

    Composing with libyaml builds no objects and is about twenty times faster than the
    round-trip parser, which matters for `fmt --check` over a thousand files. Any doubt (a
    block scalar with blank lines, an unreadable file) answers False and the full path decides.
    """
    if _pyyaml is None or not text.endswith("\n") or text.endswith("\n\n") or "\r" in text:
        return False
    lines = text[:-1].split("\n")
    if lines[0] != modeline(kind) or "\n\n\n" in text:
        return False
    if len(lines) > 1 and (not lines[1].strip() or lines[1].startswith(MODELINE_PREFIX)):
        return False
    if any(line != line.rstrip() for line in lines):
        return False
    try:
        node = _pyyaml.compose(text, Loader=_COMPOSE_LOADER)
    except _pyyaml.YAMLError:
        return False
    return isinstance(node, _pyyaml.MappingNode) and _nodes_in_order(node, S.KINDS[kind])


def _nodes_in_order(node: Any, spec: S.Spec | None) -> bool:
    if isinstance(node, _pyyaml.MappingNode):
        keys = [k.value if isinstance(k, _pyyaml.ScalarNode) else k for k, _ in node.value]
        mapping = spec if isinstance(spec, S.Mapping) else None
        if len(set(map(repr, keys))) != len(keys) or _rank(mapping, keys) != list(range(len(keys))):
            return False
        return all(_nodes_in_order(v, _child_spec(mapping, k)) for k, (_, v) in
                   zip(keys, node.value, strict=True))
    if isinstance(node, _pyyaml.SequenceNode):
        item = spec.item if isinstance(spec, S.ListOf) else None
        return all(_nodes_in_order(v, item) for v in node.value)
    return True


# --- files and the command -------------------------------------------------------------------


@dataclass(frozen=True)
class FileResult:
    path: Path
    label: str
    changed: bool
    formatted: str | None
    problems: tuple[Problem, ...]


def format_file(path: Path, label: str | None = None,
                content_dir: Path | None = None) -> FileResult:
    """Read one content file and work out its canonical text (nothing is written).

    Only a regular file is read, never a link (fmt would write through it) nor anything in a
    folder that leads out of `content_dir`.
    """
    label = label or shown_path(path)
    now_reading(label)
    kind = kind_of(path)

    def untouched(*problems: Problem) -> FileResult:
        return FileResult(path, label, False, None, problems)

    if content_dir is not None and path.is_symlink() and _outside(path, content_dir):
        return untouched(Problem(label, 1, 1, "this is a link to a place outside content/; "
                                 "fmt leaves it alone and reads nothing there"))
    if kind is None:
        return untouched(Problem(
            label, 1, 1, "not a content file: fmt formats content/muscles.yaml, "
            "content/equipment.yaml, content/splits.yaml and content/exercises/*.yaml"))
    if content_dir is not None and _leaves(path, content_dir):
        return untouched(Problem(label, 1, 1, "this file is in a folder that is a link to a "
                                 "place outside content/; fmt leaves it alone"))
    text, problems = read_text(path, label)
    if text is None:
        return untouched(*problems)
    plain, problems = parse_plain(text, label)
    if problems:
        return untouched(*problems)
    if plain is None:
        return untouched(Problem(label, 1, 1, "the file is empty"))
    if already_canonical(text, kind):
        return FileResult(path, label, False, text, ())
    result = format_text(text, kind, label)
    if result.text is None:
        return FileResult(path, label, False, None, result.problems)
    return FileResult(path, label, result.text != text, result.text, ())


def _leaves(path: Path, content_dir: Path) -> bool:
    """True for a file said to be inside `content_dir` whose folder really is elsewhere."""
    lexical, content = Path(os.path.abspath(path)), Path(os.path.abspath(content_dir))
    if content not in lexical.parents:
        return False  # named by the contributor outside content/: their own file
    real = Path(os.path.realpath(content_dir))
    where = lexical_path(path).parent
    return where != real and real not in where.parents


def _outside(path: Path, content_dir: Path) -> bool:
    """True when `path`, followed to the end, is not inside `content_dir`."""
    if not os.path.lexists(path):
        return False
    real, inside = os.path.realpath(path), os.path.realpath(content_dir)
    return not (real == inside or real.startswith(inside.rstrip(os.sep) + os.sep))


def _expand(paths: Iterable[Path], content_dir: Path) -> list[Path]:
    out: list[Path] = []
    for path in paths or [content_dir]:
        # A link to a folder is not walked (it may lead anywhere); named, it is refused below.
        if path.is_dir() and (path == content_dir or not path.is_symlink()):
            found = content_files(path) if (path / "exercises").is_dir() else sorted(
                p for p in path.glob("*.yaml") if kind_of(p))
            out += found
        else:
            out.append(path)
    return out


def run(paths: list[Path], content_dir: Path, *, check: bool) -> int:
    """Format (or with `check`, only inspect) files; the exit code of `fmt`."""
    for path in paths:
        if not os.path.lexists(path):
            print(f"{shown(path, 200)}: no such file or folder", file=sys.stderr)
            return 2
        if path.is_file() and kind_of(path) is None:
            print(f"{shown(path, 200)}: not a content file; fmt formats content/muscles.yaml, "
                  "content/equipment.yaml, content/splits.yaml and content/exercises/*.yaml",
                  file=sys.stderr)
            return 2
    results = [format_file(p, content_dir=content_dir) for p in _expand(paths, content_dir)]
    unreadable = [r for r in results if r.problems]
    changed = [r for r in results if r.changed]
    for r in unreadable:
        for problem in r.problems:
            print(problem)
        print(f"{one_line(r.label)}: left untouched", file=sys.stderr)
    for r in changed:
        if check:
            print(f"{one_line(r.label)}: would be reformatted")
        elif _write(r.path, r.formatted or ""):
            print(f"{one_line(r.label)}: reformatted")
        else:
            print(f"{one_line(r.label)}:1:1: the file changed into something other than a file "
                  "while fmt read it; it was left alone")
    done = len(results) - len(unreadable) - len(changed)
    verb = "would be reformatted" if check else "reformatted"
    print(f"{len(changed)} {_files(len(changed))} {verb}, {done} already formatted"
          + (f", {len(unreadable)} could not be read" if unreadable else ""), file=sys.stderr)
    if check and changed:
        print("run: python -m generator fmt", file=sys.stderr)
    return 1 if unreadable or (check and changed) else 0


def _write(path: Path, text: str) -> bool:
    """Write `text` over a regular file, never through a link; False if it is not one now."""
    flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        os.ftruncate(fd, 0)
        data = text.encode("utf-8")
        while data:
            data = data[os.write(fd, data):]
    finally:
        os.close(fd)
    return True


def _files(n: int) -> str:
    return "file" if n == 1 else "files"


def add_command(subparsers) -> None:
    """Register `fmt` on the `python -m generator` command line."""
    p = subparsers.add_parser(
        "fmt", help="put content files in canonical key order and layout",
        description="Rewrite content files in the schema's key order, keeping every value and "
        "comment. Exit 0 when done (or, with --check, when nothing would change), 1 when a file "
        "would change or cannot be read, 2 on a usage error.")
    p.add_argument("paths", nargs="*", type=Path,
                   help="files or folders to format (default: the whole content folder)")
    p.add_argument("--check", action="store_true",
                   help="change nothing; exit 1 and name the files that would change")
    p.add_argument("--content", type=Path, default=ROOT / "content", help="content folder")
    p.set_defaults(run=lambda args: run(args.paths, args.content, check=args.check))
