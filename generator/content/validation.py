"""Checking content against the schema and against itself.

`load_content()` reads every file under `content/`, checks each against its spec in
`generator.content.schema`, then checks the cross-references between files (muscle ids,
equipment ids, linked exercises, split session types, duplicate ids, file name = id). It
collects every problem before it gives up, so a contributor fixes them all in one pass.
"""

from __future__ import annotations

import math
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.content import schema as S
from generator.content.loading import (
    MAX_PAGE_BYTES,
    LoadedFile,
    key_position,
    load_yaml,
    parse_plain,
    position,
    read_text,
    to_plain,
)
from generator.content.page_markup import markup_problems
from generator.content.problems import (
    ContentError,
    Problem,
    did_you_mean,
    lexical_path,
    now_reading,
    shown,
    shown_path,
    shown_paths,
)
from generator.memo import Memo, digest, text_of
from generator.site.figures.movement import pose_problems

_ID = re.compile(S.ID_PATTERN)


@dataclass(frozen=True)
class Content:
    """All content, validated, as plain Python data (lists sorted by id)."""

    muscles: list[dict]
    equipment: list[dict]
    session_types: list[dict]
    splits: list[dict]
    guidance: dict
    exercises: list[dict]
    pages: dict[str, str]  # file name in content/pages -> Markdown text
    # Exercise id -> a digest of its file's text, standing for the exercise in the build's memo
    # keys (generator/memo.py); an exercise missing here is encoded whole instead.
    sources: dict[str, str] = field(default_factory=dict)

    def muscle(self, muscle_id: str) -> dict:
        return next(m for m in self.muscles if m["id"] == muscle_id)

    def exercise(self, exercise_id: str) -> dict:
        return next(e for e in self.exercises if e["id"] == exercise_id)


# --- checking one value against its spec ---------------------------------------------------------


def check(spec: S.Spec, value: Any, where: str, label: str, parent: Any, key: Any,
          refs: list[tuple[str, str, Problem]]) -> list[Problem]:
    """Problems of `value` (found at parent[key]) against `spec`.

    References to other content are not resolved here; they are collected in `refs` as
    (target kind, id, problem-if-missing) and resolved once every file is read.
    """

    def here(message: str) -> Problem:
        line, col = position(parent, key) if parent is not None else position(value)
        return Problem(label, line, col, message)

    if value is None:
        # `level:` with nothing after it: YAML reads an empty value, not a typo. An empty
        # value has no place of its own (ruamel gives the next token's), so the key's is used.
        message = f"{where or 'the file'} is empty; write {S.describe(spec)}"
        if isinstance(parent, dict):
            return [Problem(label, *key_position(parent, key), message)]
        return [here(message)]
    match spec:
        case S.Text(max_length=n):
            if isinstance(value, dict):
                # `- Tip: bend the knees` is a mapping to YAML; the contributor meant text.
                return [here(f"{where} must be text, not a mapping: a text that contains ': ' "
                             "must be in quotes")]
            if not isinstance(value, str) or isinstance(value, bool):
                return [here(f"{where} must be text, not {_kind(value)}")]
            if not value.strip():
                return [here(f"{where} must not be empty")]
            if len(value) > n:
                return [here(f"{where} is {len(value)} characters long; keep it to {n} or fewer")]
            return []
        case S.Id() | S.Ref():
            if not isinstance(value, str):
                return [here(f"{where} must be an id (text), not {_kind(value)}")]
            if not _ID.match(value):
                return [here(f'{where} "{shown(value)}" is not a valid id: use lower-case '
                             "letters, digits and single hyphens, e.g. romanian-deadlift")]
            if isinstance(spec, S.Ref):
                refs.append((spec.target, value,
                             here(f'{where}: unknown {spec.target} "{shown(value)}"')))
            return []
        case S.Integer(minimum=lo, maximum=hi) | S.Number(minimum=lo, maximum=hi):
            numeric = (int,) if isinstance(spec, S.Integer) else (int, float)
            if isinstance(value, bool) or not isinstance(value, numeric):
                noun = "a whole number" if isinstance(spec, S.Integer) else "a number"
                return [here(f"{where} must be {noun} from {lo} to {hi}, not {_kind(value)}")]
            if isinstance(value, float) and not math.isfinite(value):
                return [here(f"{where} is {value}, not a finite number; allowed: {lo} to {hi}")]
            if not lo <= value <= hi:
                return [here(f"{where} is {shown(value)}; allowed: {lo} to {hi}")]
            return []
        case S.Choice(values=values):
            if value not in values:
                hint = did_you_mean(str(value), values)
                return [here(f'{where} "{shown(value)}" is not allowed{hint}; allowed: '
                             + ", ".join(values))]
            return []
        case S.ListOf(item=item, min_items=n, unique=unique):
            if not isinstance(value, list):
                return [here(f"{where} must be a list, not {_kind(value)}")]
            problems = []
            if len(value) < n:
                problems.append(here(f"{where} needs at least {n} item{'s' if n > 1 else ''}"))
            seen: set = set()
            for i, item_value in enumerate(value):
                problems += check(item, item_value, f"{where}[{i + 1}]", label, value, i, refs)
                marker = repr(to_plain(item_value))
                if unique and marker in seen:
                    line, col = position(value, i)
                    problems.append(Problem(label, line, col,
                                            f'{where} lists "{shown(to_plain(item_value))}" '
                                            "twice"))
                seen.add(marker)
            return problems
        case S.Mapping(fields=fields, ordered=ordered):
            if not isinstance(value, dict):
                subject = where or "the file"
                return [here(f"{subject} must be a mapping of fields, not {_kind(value)}")]
            return _check_mapping(spec, value, where, label, parent, key, refs, fields, ordered)
    raise TypeError(f"unknown spec {spec!r}")  # pragma: no cover


def _check_mapping(spec, value, where, label, parent, key, refs, fields, ordered):
    problems = []
    names = [f.name for f in fields]
    prefix = f"{where}." if where else ""
    for k in value:
        if k not in names:
            line, col = key_position(value, k)
            hint = did_you_mean(str(k), names)
            problems.append(Problem(label, line, col,
                                    f'unknown field "{prefix}{shown(k)}"{hint}; allowed '
                                    "here: " + ", ".join(names)))
    for f in fields:
        if f.name in value:
            problems += check(f.spec, value[f.name], prefix + f.name, label, value, f.name, refs)
        elif f.required:
            line, col = position(parent, key) if parent is not None else position(value)
            if parent is None:
                line, col = 1, 1
            problems.append(Problem(label, line, col,
                                    f'missing required field "{prefix}{f.name}" '
                                    f"({S.describe(f.spec)}: {f.doc})"))
    # Compared whenever both are numbers, so this shows up with the file's other problems.
    bounds = [value.get(n) for n in ordered] if ordered else []
    if bounds and all(isinstance(b, int | float) and not isinstance(b, bool) for b in bounds):
        low, high = bounds
        if low > high:
            line, col = position(value, ordered[0])
            problems.append(Problem(label, line, col,
                                    f"{where}: {ordered[0]} ({low}) is greater than "
                                    f"{ordered[1]} ({high})"))
    return problems


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {shown(value)}"
    if isinstance(value, str):
        return f'the text "{shown(value)}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


# --- the whole content ------------------------------------------------------------------------


# The files of content/ that hold one kind each, besides exercises/*.yaml and pages/*.md.
SINGLE_FILES = (("muscles", "muscles.yaml"), ("equipment", "equipment.yaml"),
                ("splits", "splits.yaml"))


# Which single file defines the ids a reference points at.
_DEFINED_IN = {"muscle": "muscles", "equipment": "equipment", "session type": "splits",
               "split": "splits"}


def content_files(content_dir: Path) -> list[Path]:
    """Every file `load_content` reads and reports on (links and oddities included: each is
    reported on, under its own name)."""
    return [
        *(content_dir / name for _, name in SINGLE_FILES if os.path.lexists(content_dir / name)),
        *_listed(content_dir / "exercises", "*.yaml", content_dir),
        *_listed(content_dir / "pages", "*.md", content_dir),
    ]


def _leaves(folder: Path, content_dir: Path) -> bool:
    """True for a folder of content/ that is really somewhere else (a link out)."""
    real, inside = os.path.realpath(folder), os.path.realpath(content_dir)
    return not (real == inside or real.startswith(inside.rstrip(os.sep) + os.sep))


def _listed(folder: Path, pattern: str, content_dir: Path) -> list[Path]:
    """The entries of one folder whose names match. A folder that is a link out of content/
    is not listed at all (its file names are not ours to print); the files' own links are
    judged when they are read."""
    if _leaves(folder, content_dir):
        return []
    try:
        return sorted(folder.glob(pattern))
    except OSError:
        return []


def _in_subfolders(folder: Path) -> list[Path]:
    """YAML files in real sub-folders of `folder` (links to folders are not walked)."""
    found: list[Path] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return found
    for entry in entries:
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError:
            continue
        if not is_folder:
            continue
        for top, folders, files in os.walk(entry.path, followlinks=False):
            folders.sort()
            found += [Path(top) / name for name in sorted(files)
                      if name.endswith((".yaml", ".yml"))]
            if len(found) > 100:
                return found
    return found


def load_content(content_dir: Path, *, root: Path | None = None,
                 only: Iterable[Path] | None = None, memo: Memo | None = None) -> Content:
    """Read and check all content; raise ContentError with every problem found.

    `only` limits which files are reported on (the rest are still read, because links point
    between them). With a `memo` (the build's), a file read clean before with the same text is
    not parsed and checked again, nor a figure whose poses passed.
    """
    memo = memo or Memo.off()
    root = root or content_dir.parent
    # First pass: every file through the fast loader. Only files with problems are read again
    # with the round-trip loader, whose positions give each message its line and column; all
    # checks are functions of the data, so the second pass finds the same problems.
    singles, exercises, pages, problems = _validate(content_dir, root, frozenset(), memo)
    if problems:
        careful = frozenset(p.path for p in problems)
        singles, exercises, pages, problems = _validate(content_dir, root, careful, memo)

    if only is not None:
        wanted = {shown_path(lexical_path(Path(p)), root) for p in only}
        problems = [p for p in problems if p.path in wanted]
    if problems:
        raise ContentError(problems)
    return _as_content(singles, exercises, pages)


def _validate(content_dir: Path, root: Path, careful: frozenset[str], memo: Memo):
    problems: list[Problem] = []
    refs: list[tuple[str, str, Problem]] = []
    # Links are followed only to files inside the content folder itself.
    inside = Path(os.path.realpath(content_dir))

    def read(path: Path, kind: str, label: str | None = None) -> LoadedFile:
        label = label or shown_path(path, root)
        now_reading(label)
        if label not in careful:
            text, found = read_text(path, label, root=inside)
            if text is None:
                problems.extend(found)
                return LoadedFile(path, label, None)
            source = digest([kind, label, text])
            clean = memo.get("read", source, lambda: _read_clean(text, label, kind))
            if clean is not None:
                refs.extend((target, value, Problem(*where)) for target, value, where
                            in clean["refs"])
                return LoadedFile(path, label, clean["data"], source)
        # A problem, or an empty file: the careful loader, with positions, says where.
        loaded, found = load_yaml(path, label, root=inside)
        problems.extend(found)
        if loaded.data is not None:
            problems.extend(check(S.KINDS[kind], loaded.data, "", loaded.label, None, None, refs))
        return loaded

    singles = {}
    for kind, name in SINGLE_FILES:
        path = content_dir / name
        if not os.path.lexists(path):
            problems.append(Problem(shown_path(path, root), 1, 1, f"{name} is missing"))
            singles[kind] = LoadedFile(path, shown_path(path, root), None)
        else:
            singles[kind] = read(path, kind)

    for folder in ("exercises", "pages"):
        if os.path.lexists(content_dir / folder) and _leaves(content_dir / folder, content_dir):
            problems.append(Problem(shown_path(content_dir / folder, root), 1, 1,
                                    "this folder is a link to a place outside content/, which "
                                    "is never read; put the folder itself here"))
    exercise_files = _listed(content_dir / "exercises", "*.yaml", content_dir)
    stray = _listed(content_dir / "exercises", "*.yml", content_dir)
    for path in stray:
        problems.append(Problem(shown_path(path, root), 1, 1,
                                f'rename to "{shown(path.stem)}.yaml": exercise files end in '
                                ".yaml"))
    # Only the folder itself is read; a file in a sub-folder would be left out without a word.
    subfolders = [] if _leaves(content_dir / "exercises", content_dir) else _in_subfolders(
        content_dir / "exercises")
    for path in subfolders:
        problems.append(Problem(shown_path(path, root), 1, 1,
                                "exercise files are read from content/exercises/ itself, not "
                                "from sub-folders: move this file up one level to publish it, "
                                "or out of content/ to keep it as a draft"))
    exercises = [read(path, "exercise", label) for path, label
                 in zip(exercise_files, shown_paths(exercise_files, root), strict=True)]

    known = _known_ids(singles, exercises, problems)
    # When muscles.yaml (say) cannot be read, its own problem is the one to fix: every muscle
    # named elsewhere would otherwise be reported unknown as well.
    unreadable = {target for target, kind in _DEFINED_IN.items() if singles[kind].data is None}
    for target, value, problem in refs:
        ids = known.get(target, {})
        if value not in ids and target not in unreadable:
            problems.append(Problem(problem.path, problem.line, problem.col,
                                    problem.message + did_you_mean(value, ids)
                                    + _allowed_hint(target, ids)))
    problems += _check_exercise_files(exercises)
    problems += _check_figures(exercises, memo)
    # The site's own mkdocs.yml decides how pages render; a bare content/ (tests, the importer)
    # is checked against this project's.
    config = content_dir.parent / "mkdocs.yml"
    extra = {"config": config} if _is_regular(config) else {}
    pages: dict[str, str] = {}
    for page in _listed(content_dir / "pages", "*.md", content_dir):
        label = shown_path(page, root)
        now_reading(label)
        text, found = read_text(page, label, root=inside, limit=MAX_PAGE_BYTES)
        problems += found
        if text is not None:
            pages[page.name] = text
            problems += [Problem(*found) for found in memo.get(
                "markup", [label, text, text_of(config) if extra else None],
                lambda label=label, text=text: [
                    [p.path, p.line, p.col, p.message]
                    for p in markup_problems(label, text, **extra)])]
    return singles, exercises, pages, problems


def _read_clean(text: str, label: str, kind: str) -> dict | None:
    """{"data", "refs"} of a file that reads and checks clean on its own, else None."""
    data, found = parse_plain(text, label)
    if data is None or found:
        return None
    refs: list[tuple[str, str, Problem]] = []
    if check(S.KINDS[kind], data, "", label, None, None, refs):
        return None
    return {"data": data, "refs": [[target, value, [p.path, p.line, p.col, p.message]]
                                   for target, value, p in refs]}


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _allowed_hint(target: str, ids: dict) -> str:
    if target == "exercise" or len(ids) > 25:
        return ""
    return "; known: " + ", ".join(sorted(ids))


def _known_ids(singles, exercises, problems) -> dict[str, dict[str, Problem]]:
    """Every id by kind, reporting duplicates where the second one is defined."""
    known: dict[str, dict[str, Problem]] = {}

    def collect(kind: str, loaded: LoadedFile, items: Any) -> None:
        if not isinstance(items, list):
            return
        ids = known.setdefault(kind, {})
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            line, col = position(item, "id")
            here = Problem(loaded.label, line, col, "")
            if item["id"] in ids:
                first = ids[item["id"]]
                problems.append(Problem(loaded.label, line, col,
                                        f'duplicate {kind} id "{shown(item["id"])}" '
                                        f"(first defined at {first.path}:{first.line})"))
            else:
                ids[item["id"]] = here

    for kind, key in (("muscles", "muscles"), ("equipment", "equipment"),
                      ("splits", "session_types")):
        data = singles[kind].data
        if isinstance(data, dict):
            collect({"muscles": "muscle", "equipment": "equipment",
                     "splits": "session type"}[kind], singles[kind], data.get(key))
    splits = singles["splits"].data
    if isinstance(splits, dict):
        collect("split", singles["splits"], splits.get("splits"))
    # A file named after its id owns it, so a copy made by hand (chin-up.yaml still saying
    # "pull-up") is the one told about the duplicate, not the untouched original.
    def owns_its_id(loaded: LoadedFile) -> bool:
        return isinstance(loaded.data, dict) and loaded.data.get("id") == loaded.path.stem

    for loaded in sorted(exercises, key=lambda e: not owns_its_id(e)):
        if isinstance(loaded.data, dict):
            collect("exercise", loaded, [loaded.data])
        else:
            # An unreadable file still names an exercise: links to it are not reported as
            # broken on top of the file's own problem.
            known.setdefault("exercise", {}).setdefault(
                loaded.path.stem, Problem(loaded.label, 1, 1, ""))
    return known


def _check_exercise_files(exercises: list[LoadedFile]) -> list[Problem]:
    problems = []
    for loaded in exercises:
        data = loaded.data
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            continue
        if data["id"] != loaded.path.stem:
            line, col = position(data, "id")
            wanted, stem = shown(data["id"]), shown(loaded.path.stem)
            problems.append(Problem(loaded.label, line, col,
                                    f'id "{wanted}" must match the file name "{stem}": rename '
                                    f'the file to "{wanted}.yaml" or set id: {stem}'))
        links = data.get("links")
        if isinstance(links, dict):
            for kind, ids in links.items():
                if isinstance(ids, list) and data["id"] in ids:
                    line, col = position(ids, ids.index(data["id"]))
                    problems.append(Problem(loaded.label, line, col,
                                            f"links.{shown(kind)} lists the exercise itself"))
        muscles = data.get("muscles")
        if isinstance(muscles, dict):
            primary, secondary = muscles.get("primary"), muscles.get("secondary")
            if isinstance(primary, list) and isinstance(secondary, list):
                for i, m in enumerate(secondary):
                    if m in primary:
                        line, col = position(secondary, i)
                        problems.append(Problem(loaded.label, line, col,
                                                f'muscle "{shown(m)}" is listed as both primary '
                                                "and secondary; keep it in one list"))
    return problems


def _check_figures(exercises: list[LoadedFile], memo: Memo) -> list[Problem]:
    """Pose rules that a field-by-field check cannot express live with the drawing code.

    They need a figure that can be drawn, so they run only on one whose every field passed the
    schema (names present, angles whole numbers within their ranges); a figure that did not
    has those problems reported already.
    """
    problems = []
    figure_spec = S.EXERCISE.field_named("figure").spec
    for loaded in exercises:
        data = loaded.data
        figure = data.get("figure") if isinstance(data, dict) else None
        if not isinstance(figure, dict):
            continue
        # A file read clean (plain data, not ruamel's) passed every field check already.
        if isinstance(figure, CommentedMap) and check(figure_spec, figure, "figure",
                                                      loaded.label, data, "figure", []):
            continue
        pattern = data.get("pattern") if isinstance(data.get("pattern"), str) else None
        plain = to_plain(figure) if isinstance(figure, CommentedMap) else figure
        # The file's text stands for its figure and pattern, when it was read clean.
        inputs = loaded.source or [plain, pattern]
        found = memo.get("poses", inputs, lambda plain=plain, pattern=pattern: [
            [list(path), message] for path, message in pose_problems(plain, pattern)])
        for path, message in found:
            node, key = figure, None
            for step in path:
                if isinstance(node, CommentedMap | CommentedSeq):
                    try:
                        child = node[step]
                    except (KeyError, IndexError, TypeError):
                        break
                    node, key = (child, None) if isinstance(child, dict | list) else (node, step)
            line, col = position(node, key)
            problems.append(Problem(loaded.label, line, col, f"figure: {message}"))
    return problems


def _as_content(singles, exercises, pages: dict[str, str]) -> Content:
    def by_id(items: Iterable[dict]) -> list[dict]:
        return sorted(items, key=lambda item: item["id"])

    splits = to_plain(singles["splits"].data)
    return Content(
        muscles=to_plain(singles["muscles"].data["muscles"]),
        equipment=by_id(to_plain(singles["equipment"].data["equipment"])),
        session_types=to_plain(splits["session_types"]),
        splits=to_plain(splits["splits"]),
        guidance=splits.get("guidance") or {},
        # Files read clean are plain data already; copying a thousand of them is not free.
        exercises=by_id(to_plain(e.data) if isinstance(e.data, CommentedMap) else e.data
                        for e in exercises),
        pages=pages,
        sources={e.data["id"]: e.source for e in exercises if e.source is not None},
    )
