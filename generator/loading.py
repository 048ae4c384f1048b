"""Reading content files: YAML with positions, refusing anything but plain data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from generator.problems import Problem

# Tags that plain YAML data may carry; anything else (e.g. !!python/object) is refused
# before a value is built from it.
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
}


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    label: str  # the path as shown to the contributor, relative to the project
    data: Any  # CommentedMap/CommentedSeq with positions, or None when unreadable


def yaml_rt() -> YAML:
    """The project's YAML reader/writer: round-trip, so positions and comments survive."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_yaml(path: Path, label: str) -> tuple[LoadedFile, list[Problem]]:
    """Load one YAML file; problems instead of exceptions."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return LoadedFile(path, label, None), [
            Problem(label, 1, 1, f"the file is not UTF-8 text ({exc.reason})")
        ]
    tag_problems = _unsafe_tags(text, label)
    if tag_problems:
        return LoadedFile(path, label, None), tag_problems
    try:
        data = yaml_rt().load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        key = str(exc.problem).split('"')[1] if '"' in str(exc.problem) else "a key"
        return LoadedFile(path, label, None), [
            Problem(label, mark.line + 1, mark.column + 1,
                    f'the key "{key}" appears twice in the same mapping; keep one')
        ]
    except MarkedYAMLError as exc:
        return LoadedFile(path, label, None), [syntax_problem(exc, label, text)]
    except YAMLError as exc:
        return LoadedFile(path, label, None), [Problem(label, 1, 1, f"YAML error: {exc}")]
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


class _FastLoader(getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)):
    """libyaml's safe loader, made to read YAML as the round-trip loader does.

    It never builds objects from tags (the safe constructor refuses them), reads only
    true/false as booleans (YAML 1.2, like ruamel) and refuses duplicate keys instead of keeping
    the last one.
    """

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise pyyaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}",
                                                          key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# YAML 1.1 (PyYAML) and 1.2 (ruamel) disagree on booleans (yes/no/on/off) and integers (010 is
# 8 in 1.1, 10 in 1.2); the fast loader uses the 1.2 rules so both loaders see the same data.
_REPLACED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int"}
_FastLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _REPLACED]
    for first, resolvers in pyyaml.SafeLoader.yaml_implicit_resolvers.items()
}
_FastLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_FastLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)


def _construct_int_12(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


_FastLoader.add_constructor("tag:yaml.org,2002:int", _construct_int_12)
_FastLoader.add_constructor("tag:yaml.org,2002:map", _FastLoader.construct_yaml_map)


def load_yaml_fast(path: Path) -> Any:
    """Plain data from a YAML file, or None when it needs the careful loader.

    Reading with ruamel's round-trip loader (which keeps positions for messages) costs about
    8 ms a file; libyaml takes well under 1 ms. Valid files, the common case, are read fast;
    a file that fails here, or whose data has problems, is read again with `load_yaml` so
    every message has its line and column.
    """
    try:
        text = path.read_text(encoding="utf-8")
        data = pyyaml.load(text, Loader=_FastLoader)  # noqa: S506 - a safe loader subclass
    except (UnicodeDecodeError, pyyaml.YAMLError, RecursionError):
        return None
    return data


def _unsafe_tags(text: str, label: str) -> list[Problem]:
    """Find explicit tags by walking the parse events, so nothing is ever constructed."""
    problems = []
    try:
        for event in yaml_rt().parse(text):
            tag = getattr(event, "tag", None)
            if tag is None:
                continue
            tag = str(getattr(tag, "value", tag))
            if tag in _PLAIN_TAGS or tag == "!":
                continue
            mark = event.start_mark
            problems.append(
                Problem(label, mark.line + 1, mark.column + 1,
                        f"YAML tags such as {tag.replace('tag:yaml.org,2002:', '!!')} are not "
                        "allowed in content; write plain text, numbers, lists and mappings")
            )
    except YAMLError:
        return []  # a syntax error: the loader reports it with its position
    return problems


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
