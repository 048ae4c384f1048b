"""Reading content files: YAML with positions, refusing anything but plain data.

Content comes from contributors and forks, so every file is read as hostile input (issue 17):

1. `read_text` opens only regular files inside content/: a symbolic link that leaves the
   folder is refused by name and never followed, a folder, named pipe or device where a file
   should be is a problem (a named pipe is never opened for reading), and the bytes must be
   UTF-8 text without control characters, within a size limit.
2. `parse_plain` reads the YAML as a stream of parse events and builds plain data from them
   itself, with hard limits checked while it reads (nesting depth, items in one list or
   mapping, values in the file with every alias expanded, the length of a number), so nothing
   is built past a limit. It refuses what content never needs and what would build objects:
   explicit tags, dates, merge keys (`<<`), keys that are lists or mappings, duplicate keys,
   a second document. Scalars resolve as ruamel's YAML 1.2 round-trip loader resolves them.
3. `load_yaml` then builds ruamel's round-trip data, whose positions give messages their line
   and column; only a file that passed 2 gets there, so ruamel never meets a bomb.

Every refusal is a `Problem` at the place it was found; nothing here raises on bad input.
"""

from __future__ import annotations

import math
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.resolver import implicit_resolvers as _RUAMEL_RESOLVERS

from generator.content.problems import Problem, shown

# --- hard limits (each message says its limit) ------------------------------------------------
# Real content files are a few kilobytes, nested five levels, with lists of a dozen items.
MAX_FILE_BYTES = 256 * 1024
MAX_PAGE_BYTES = 512 * 1024
MAX_DEPTH = 20
MAX_ITEMS = 1_000
MAX_VALUES = 10_000  # in one file, counting every alias as the values it stands for
MAX_NUMBER_CHARS = 30


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    label: str  # the path as shown to the contributor, relative to the project
    data: Any  # CommentedMap/CommentedSeq with positions, or None when unreadable
    # For a file read clean: a digest of its text, which stands for its data in the build's
    # memo keys (the data is a function of the text), so they need not encode the data again.
    source: str | None = None


def yaml_rt() -> YAML:
    """The project's YAML reader/writer: round-trip, so positions and comments survive."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


# --- reading bytes --------------------------------------------------------------------------


def _kind_of_file(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def read_bytes(path: Path, label: str, *, root: Path | None = None,
               limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, list[Problem]]:
    """The bytes of one content file, or why they are not read.

    Only a regular file is opened. With `root` (the content folder), the file must really be
    inside it: a symbolic link is followed only to a file inside (and is still reported under
    its own name), and a file reached through a folder that is a link out is refused too;
    neither says where it leads, and nothing outside is ever opened. Without `root` (`fmt`,
    which writes), a link is never followed at all.
    """

    def refuse(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(label, 1, 1, message)]

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return refuse("the file is missing")
    except OSError as exc:
        return refuse(f"the file cannot be read ({exc.strerror or type(exc).__name__})")
    is_link = stat.S_ISLNK(info.st_mode)
    if is_link and root is None:
        return refuse("this is a symbolic link; content files must be regular files: "
                      "replace the link with a copy of the file")
    real = os.fspath(path)
    if root is not None:
        try:
            real, root_real = os.path.realpath(path), os.path.realpath(root)
        except (OSError, ValueError):
            return refuse("this is a symbolic link that cannot be followed; replace it with "
                          "the file itself")
        if not _inside(real, root_real):
            return refuse("this is a symbolic link to a place outside content/, which is never "
                          "read; put the file itself here instead of a link" if is_link else
                          "this file is in a folder that is a link to a place outside "
                          "content/, which is never read; put the folder itself here")
    if is_link:
        try:
            info = os.stat(real)
        except FileNotFoundError:
            return refuse("this is a symbolic link to a file that does not exist; remove "
                          "the link or put the file itself here")
        except OSError as exc:
            return refuse("this is a symbolic link that cannot be followed "
                          f"({exc.strerror or type(exc).__name__}); put the file itself here")
    if not stat.S_ISREG(info.st_mode):
        what = _kind_of_file(info.st_mode)
        link = "a symbolic link to " if is_link else ""
        return refuse(f"this is {link}{what}, not a file; content must be ordinary text files"
                      if what != "not a regular file" else
                      f"this is {link}not a regular file; content must be ordinary text files")
    if info.st_size > limit:
        return refuse(_too_big(info.st_size, limit))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(real, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return refuse(f"the file cannot be read ({exc.strerror or type(exc).__name__})")
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the look above
            return refuse("this is not a regular file; content must be ordinary text files")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        return refuse(f"the file cannot be read ({exc.strerror or type(exc).__name__})")
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        return refuse(_too_big(len(data), limit))
    return data, []


def _too_big(size: int, limit: int) -> str:
    return (f"the file is {size:,} bytes; content files may be at most {limit:,} bytes "
            f"({limit // 1024} KiB)")


def decode(data: bytes, label: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text from a file's bytes, or one problem that says how to save it."""
    def refuse(line: int, col: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(label, line, col, message)]

    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return refuse(1, 1, "this file is UTF-32 text, not UTF-8: save it as UTF-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        return refuse(1, 1, "this file is UTF-16 text, not UTF-8: save it as UTF-8")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        return refuse(line, col, f"this file is not UTF-8 text: the byte 0x{data[exc.start]:02X} "
                                 "here cannot be read; save the file as UTF-8")


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: text whose every other byte is zero."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0) / len(even), odd.count(0) / len(odd)) > 0.3


# Characters YAML does not allow in a file (YAML 1.2, 5.1), and line breaks YAML counts but
# editors do not (so every position after them would be off): NEL and the Unicode line and
# paragraph separators.
_BAD_CHARACTER = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
    "|[\u2028\u2029]"
)
_CHARACTER_NAMES = {
    0x00: "NUL", 0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed",
    0x0D: "carriage return", 0x1B: "escape", 0x7F: "delete", 0x85: "next line",
    0x2028: "line separator", 0x2029: "paragraph separator", 0xFFFE: "not a character",
    0xFFFF: "not a character",
}


def character_problems(text: str, label: str) -> list[Problem]:
    """The first character that YAML refuses or that would shift every line number after it."""
    found = _BAD_CHARACTER.search(text)
    if not found:
        return []
    i = found.start()
    ch = text[i]
    line = text.count("\n", 0, i) + 1
    col = i - (text.rfind("\n", 0, i) + 1) + 1
    name = _CHARACTER_NAMES.get(ord(ch)) or unicodedata.name(ch, "").lower() or "a control code"
    if ch in "\x85\u2028\u2029":
        what = (f"the character U+{ord(ch):04X} ({name}) breaks the line for YAML but not for "
                "most editors: replace it with an ordinary line break or a space")
    else:
        kind = "control character" if unicodedata.category(ch) == "Cc" else "character"
        what = (f"the {kind} U+{ord(ch):04X} ({name}) is not allowed in YAML; delete it "
                "(most editors do not show it)")
    more = len(_BAD_CHARACTER.findall(text, i + 1))
    if more:
        what += f" (and {more:,} more like it in this file)"
    return [Problem(label, line, col, what)]


def read_text(path: Path, label: str, *, root: Path | None = None,
              limit: int = MAX_FILE_BYTES) -> tuple[str | None, list[Problem]]:
    """A content file's text, or the problems that stop it being read (see `read_bytes`)."""
    data, problems = read_bytes(path, label, root=root, limit=limit)
    if data is None:
        return None, problems
    text, problems = decode(data, label)
    if text is None:
        return None, problems
    if "\r" in text:  # universal newlines, as Python's text files read them
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


# --- parsing: plain data from parse events, within limits ----------------------------------


class _Stop(Exception):
    """A limit was reached: reading stops at once."""


_YAML = "tag:yaml.org,2002:"


class _Resolver(pyyaml.resolver.BaseResolver):
    """ruamel's YAML 1.2 rules for plain scalars (true/false only, 010 is ten, 1_000, …)."""


_Resolver.yaml_implicit_resolvers = {}
for _versions, _tag, _regexp, _first in _RUAMEL_RESOLVERS:
    if (1, 2) in _versions:
        for _ch in _first:
            _Resolver.yaml_implicit_resolvers.setdefault(_ch, []).append((_tag, _regexp))
_RESOLVE = _Resolver().resolve


def _as_int(text: str) -> int | None:
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    base = {"0b": 2, "0o": 8, "0x": 16}.get(digits[:2], 10)
    if base != 10:
        digits = digits[2:]
    try:
        return sign * int(digits, base)
    except ValueError:
        return None


def _as_float(text: str) -> float | None:
    digits = text.replace("_", "").lower()
    sign = -1.0 if digits.startswith("-") else 1.0
    digits = digits.lstrip("+-")
    if digits == ".inf":
        return sign * math.inf
    if digits == ".nan":
        return math.nan
    try:
        return sign * float(digits)
    except ValueError:
        return None


class _Frame:
    __slots__ = ("value", "is_map", "key", "has_key", "count", "size", "anchor", "mark",
                 "is_key")

    def __init__(self, value, is_map, anchor, mark, is_key):
        self.value = value
        self.is_map = is_map
        self.key = None
        self.has_key = False
        self.count = 0
        self.size = 1
        self.anchor = anchor
        self.mark = mark
        self.is_key = is_key


class _Builder:
    """Plain data from a stream of parse events (PyYAML's or ruamel's: they are alike)."""

    def __init__(self, label: str, ruamel: bool = False):
        self.label = label
        self.ruamel = ruamel  # the events come from ruamel's parser
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.total = 0
        self.aliased = False
        self.documents = 0
        self.root: Any = None
        self.bad_key = 0  # a placeholder for refused keys, unique per key

    def problem(self, mark, message: str) -> None:
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        self.problems.append(Problem(self.label, line, col, message))

    def stop(self, mark, message: str):
        self.problem(mark, message)
        raise _Stop

    def run(self, events) -> Any:
        handlers = {
            "ScalarEvent": self.scalar, "AliasEvent": self.alias,
            "SequenceStartEvent": self.start, "MappingStartEvent": self.start,
            "SequenceEndEvent": self.end, "MappingEndEvent": self.end,
            "DocumentStartEvent": self.document,
        }
        for event in events:
            handler = handlers.get(type(event).__name__)
            if handler is not None:
                handler(event)
        return self.root

    # --- events

    def document(self, event) -> None:
        self.documents += 1
        if self.documents > 1:
            self.stop(event.start_mark, "a second YAML document starts here; a content file "
                      "holds one: remove the --- line (and what follows, if it is not meant "
                      "to be here)")

    def _tag(self, event) -> None:
        tag = event.tag
        if tag is not None:
            tag = str(getattr(tag, "value", tag))
            self.problem(event.start_mark,
                         f"YAML tags such as {shown(tag.replace(_YAML, '!!'))} are not allowed "
                         "in content; write plain text, numbers, lists and mappings")

    def _count(self, event, size: int) -> None:
        self.total += size
        if self.total > MAX_VALUES:
            via = ", counting each alias (*name) as the values it stands for," if self.aliased \
                else ""
            self.stop(event.start_mark, f"this file holds more than {MAX_VALUES:,} values{via} "
                      f"by here; the limit is {MAX_VALUES:,}")

    def scalar(self, event) -> None:
        self._tag(event)
        value = event.value
        if self.ruamel:
            if event.style == ">" and "\a" in value:
                value = value.replace("\a", "")  # ruamel marks where a folded text folds
            if _SURROGATE.search(value):  # libyaml refuses these escapes; ruamel builds them
                self.problem(event.start_mark, "this text holds an escape such as \\ud800, "
                             "half of a character (a surrogate), which cannot be saved as text; "
                             "remove it")
        top = self.stack[-1] if self.stack else None
        is_key = top is not None and top.is_map and not top.has_key
        if event.tag is None and event.implicit[0]:
            value = self._resolve(event, value, is_key)
        self._count(event, 1)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self.add(event, value, 1, is_key)

    def _resolve(self, event, text: str, is_key: bool) -> Any:
        tag = _RESOLVE(pyyaml.ScalarNode, text, (True, False))
        if tag == _YAML + "str":
            return text
        if tag == _YAML + "null":
            return None
        if tag == _YAML + "bool":
            return text[0] in "tT"
        if tag in (_YAML + "int", _YAML + "float"):
            if len(text) > MAX_NUMBER_CHARS:
                self.problem(event.start_mark,
                             f"this number is {len(text):,} characters long; numbers in content "
                             f"are at most {MAX_NUMBER_CHARS} (put text in quotes)")
                return text
            number = _as_int(text) if tag == _YAML + "int" else _as_float(text)
            if number is None:
                self.problem(event.start_mark,
                             f'"{shown(text)}" reads as a number to YAML but is not one it can '
                             "build; write the number plainly, or put text in quotes")
                return text
            return number
        if tag == _YAML + "timestamp":
            self.problem(event.start_mark,
                         f'"{shown(text)}" is read by YAML as a date, and content has no dates; '
                         "put it in quotes to keep it as text")
        elif tag == _YAML + "merge":
            self.problem(event.start_mark,
                         "<< is YAML's merge key, which content does not use; write the keys "
                         "out in full (or put \"<<\" in quotes if it is text)")
        else:
            self.problem(event.start_mark,
                         f'"{shown(text)}" has a special meaning in YAML; put it in quotes to '
                         "keep it as text")
        return text

    def alias(self, event) -> None:
        name = event.anchor
        if name in self.open_anchors:
            self.stop(event.start_mark, f"the alias *{shown(name)} is inside the value it "
                      "names, which would make an endless value; write the value out")
        if name not in self.anchors:
            self.stop(event.start_mark, "YAML syntax error: a value starting with * is read as "
                      "a YAML alias; put the text in quotes")
        value, size = self.anchors[name]
        self.aliased = True
        self._count(event, size)
        top = self.stack[-1] if self.stack else None
        is_key = top is not None and top.is_map and not top.has_key
        if is_key and isinstance(value, dict | list):
            value = self._complex_key(event)
        self.add(event, value, size, is_key)

    def _complex_key(self, event) -> Any:
        self.problem(event.start_mark, "a key must be plain text, not a list or mapping; write "
                     "the key as text")
        self.bad_key += 1
        return ("refused key", self.bad_key)

    def start(self, event) -> None:
        self._tag(event)
        self._count(event, 1)
        if len(self.stack) >= MAX_DEPTH:
            self.stop(event.start_mark, f"lists and mappings are nested more than {MAX_DEPTH} "
                      f"levels deep here; the limit is {MAX_DEPTH}")
        top = self.stack[-1] if self.stack else None
        is_key = top is not None and top.is_map and not top.has_key
        is_map = type(event).__name__ == "MappingStartEvent"
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Frame({} if is_map else [], is_map, event.anchor, event.start_mark,
                                 is_key))

    def end(self, event) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.value, frame.size)
        value = frame.value
        if frame.is_key:
            value = self._complex_key(_Marked(frame.mark))
        self.add(_Marked(frame.mark), value, frame.size, frame.is_key, counted=True)

    def add(self, event, value: Any, size: int, is_key: bool, counted: bool = False) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top.size += size
        if top.is_map:
            if is_key:
                if value in top.value:
                    self.problem(event.start_mark, f'the key "{shown(value)}" appears twice in '
                                 "the same mapping; keep one")
                top.key, top.has_key = value, True
                top.count += 1
                if top.count > MAX_ITEMS:
                    self.stop(event.start_mark, f"this mapping has more than {MAX_ITEMS:,} keys; "
                              f"the limit is {MAX_ITEMS:,}")
                return
            top.value[top.key] = value
            top.has_key = False
        else:
            top.count += 1
            if top.count > MAX_ITEMS:
                self.stop(event.start_mark, f"this list has more than {MAX_ITEMS:,} items; the "
                          f"limit is {MAX_ITEMS:,}")
            top.value.append(value)


class _Marked:
    __slots__ = ("start_mark",)

    def __init__(self, mark):
        self.start_mark = mark


_SURROGATE = re.compile("[\ud800-\udfff]")
_EVENT_LOADER = getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)


def _events(loader):
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def parse_plain(text: str, label: str) -> tuple[Any, list[Problem]]:
    """Plain data (dicts, lists, str, int, float, bool, None) from YAML text, or problems.

    libyaml reads the events; if it cannot, ruamel's parser reads them (the two differ on a
    few corner cases, and ruamel's syntax errors are the ones `syntax_problem` explains). A
    text with a tab goes to ruamel at once: ruamel refuses tabs in places libyaml accepts, and
    `check` must not pass a file that `fmt` (which reads with ruamel) would call broken.
    """
    problems = character_problems(text, label)
    if problems:
        return None, problems
    builder = _Builder(label)
    try:
        if "\t" in text:  # ruamel refuses some tabs libyaml takes: let ruamel decide (below)
            raise pyyaml.YAMLError("a tab")
        data = builder.run(_events(_EVENT_LOADER(text)))
    except _Stop:
        return None, builder.problems
    except pyyaml.YAMLError as exc:
        if "maximum nesting depth" in str(exc):
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            builder.problem(mark, f"lists and mappings are nested more than {MAX_DEPTH} levels "
                            f"deep here; the limit is {MAX_DEPTH}")
            return None, builder.problems
        builder = _Builder(label, ruamel=True)
        try:
            data = builder.run(yaml_rt().parse(text))
        except _Stop:
            return None, builder.problems
        except YAMLError as exc:
            return None, [syntax_problem(exc, label, text)]
    except RecursionError:  # pragma: no cover - the depth limit comes first
        return None, [Problem(label, 1, 1, f"lists and mappings are nested too deeply; the "
                                            f"limit is {MAX_DEPTH}")]
    if builder.problems:
        return None, sorted(set(builder.problems))
    return data, []


def load_yaml(path: Path, label: str, *,
              root: Path | None = None) -> tuple[LoadedFile, list[Problem]]:
    """Load one YAML file with positions; problems instead of exceptions."""
    text, problems = read_text(path, label, root=root)
    if text is None:
        return LoadedFile(path, label, None), problems
    return load_yaml_text(text, path, label)


def load_yaml_text(text: str, path: Path, label: str) -> tuple[LoadedFile, list[Problem]]:
    """`load_yaml` for text already read."""
    plain, problems = parse_plain(text, label)
    if problems:
        return LoadedFile(path, label, None), problems
    if plain is None:
        return LoadedFile(path, label, None), [Problem(label, 1, 1, "the file is empty")]
    try:
        data = yaml_rt().load(text)
    except DuplicateKeyError as exc:  # pragma: no cover - parse_plain finds these first
        mark = exc.problem_mark
        return LoadedFile(path, label, None), [
            Problem(label, mark.line + 1, mark.column + 1,
                    "a key appears twice in the same mapping; keep one")
        ]
    except MarkedYAMLError as exc:
        return LoadedFile(path, label, None), [syntax_problem(exc, label, text)]
    except YAMLError as exc:
        return LoadedFile(path, label, None), [Problem(label, 1, 1,
                                                       f"YAML error: {shown(exc, 200)}")]
    if data is None:
        return LoadedFile(path, label, None), [Problem(label, 1, 1, "the file is empty")]
    return LoadedFile(path, label, data), []


def syntax_problem(exc: YAMLError, label: str, text: str = "") -> Problem:
    """A YAML syntax error in plain words, at the place a contributor has to look.

    The parser reports where it gave up, which for an unclosed quote can be the end of the
    file or a quote in a comment far below; the common mistakes are named, and pointed at
    where they start. `text`, the file's text, lets an unclosed quote be found by its line.
    """
    problem = (getattr(exc, "problem", None) or "").strip()
    context = (getattr(exc, "context", None) or "").strip()
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)

    def at(mark) -> tuple[int, int]:
        return (mark.line + 1, mark.column + 1) if mark else (1, 1)

    line, col = at(problem_mark or context_mark)
    unclosed = _unclosed_quote_line(text, line)
    if unclosed and not ("quoted scalar" in context and context_mark):
        return Problem(label, *unclosed, (
            "YAML syntax error: the quoted text on this line has no closing quote, so YAML read "
            f"on and gave up at line {line}; close the quote (a quote inside the text ends it "
            "early: write '' for ' inside '…', or use the other kind of quote)"))
    if "quoted scalar" in context and context_mark:
        line, col = at(context_mark)
        until = ("the end of the file" if "end of stream" in problem
                 else f"line {at(problem_mark)[0]}")
        what = ("this quoted text has no closing quote; add it where the text ends (YAML read "
                f"on to {until} looking for it)")
    elif "'\\t'" in problem:  # the parser shows the tab escaped
        what = "a tab character; YAML indents with spaces only, so replace the tab with spaces"
    elif problem.startswith("mapping values are not allowed"):
        what = ("unexpected ': ' here: either this line is indented more than the key above it "
                "(line the keys up), or a text contains ': ' (put the text in quotes)")
    elif problem.startswith("expected <block end>") and "'<scalar>'" in problem:
        what = ("the text goes on after its closing quote: a quote inside quoted text ends it "
                "early; write '' for ' inside '…', or use the other kind of quote")
    elif problem.startswith("expected <block end>"):
        what = ("this line is not lined up with the lines above it at the same level: items "
                "of one list, and keys of one mapping, start in the same column")
    elif context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")):
        brackets = "[ ]" if "sequence" in context else "{ }"
        line, col = at(context_mark)
        what = (f"the {brackets} opened here is not closed, or YAML could not read its entries "
                f"(it gave up on line {at(problem_mark)[0]}); check the closing bracket and the "
                "commas, and quote entries that contain ': '")
    elif "<stream end>" in problem:
        what = ("the file ends where YAML still expects a value: close the [ ], { } or quote "
                "that is open, or finish the last line")
    elif problem.startswith("found undefined alias"):
        what = "a value starting with * is read as a YAML alias; put the text in quotes"
    else:
        where = f" ({context} on line {at(context_mark)[0]})" if context and context_mark else ""
        what = f"{problem or context or 'the file could not be read'}{where}"
    return Problem(label, line, col, f"YAML syntax error: {what}")


# A value that opens a quote: `key: "…` or `- '…`.
_OPENS_QUOTE = re.compile(r"""^\s*(?:-\s+|[^\s#'"][^#'"]*?:\s+)(["'])(.*)$""")


def _unclosed_quote_line(text: str, before: int) -> tuple[int, int] | None:
    """(line, column) of the first quote before line `before` that does not close on its line.

    YAML allows a quoted text to run over several lines, but content files write long text as
    `>-` blocks, so a quote left open on its line is almost always the mistake.
    """
    for number, line in enumerate(text.split("\n")[: max(before - 1, 0)], start=1):
        opened = _OPENS_QUOTE.match(line)
        if not opened:
            continue
        quote, rest = opened.groups()
        # Escaped quotes do not close: \" inside "…", '' inside '…'.
        if quote == '"':
            rest = rest.replace("\\\\", "").replace('\\"', "")
        else:
            rest = rest.replace("''", "")
        if quote not in rest:
            return number, opened.start(1) + 1
    return None


def position(node: Any, key: Any = None) -> tuple[int, int]:
    """1-based (line, col) of a key's value (or of the node itself) in a loaded document."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return (1, 1)
    try:
        if key is None:
            return (lc.line + 1, lc.col + 1)
        if isinstance(node, CommentedMap):
            line, col = lc.value(key) if key in node else (lc.line, lc.col)
            return (line + 1, col + 1)
        if isinstance(node, CommentedSeq):
            line, col = lc.item(key)
            return (line + 1, col + 1)
    except (KeyError, IndexError, TypeError):
        pass
    return (lc.line + 1, lc.col + 1)


def key_position(node: CommentedMap, key: Any) -> tuple[int, int]:
    """1-based (line, col) of a key itself (for unknown-key messages)."""
    try:
        line, col = node.lc.key(key)
        return (line + 1, col + 1)
    except (AttributeError, KeyError, TypeError):
        return position(node)


def to_plain(value: Any) -> Any:
    """ruamel's commented containers and scalar subclasses as plain dicts, lists and scalars."""
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)
