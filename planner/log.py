"""The set log: what the lifter actually did, set by set, as plain checked data.

The browser keeps the log on the device (IndexedDB) and hands it to the core as JSON; the CLI
reads the same JSON from a file. Everything that reads a log goes through `parse_log`, which
checks every field and refuses the whole log with one plain sentence when anything is wrong,
so a bad import never half-replaces a good log.

    {"schema_version": 1,
     "sets": [{"id": "s1", "date": "2026-11-30", "day": "mon", "exercise": "romanian-deadlift",
               "set": 1, "load": 60, "reps": 10, "rir": 2, "note": "felt easy"}]}

`load` is in kilograms (0 for bodyweight work), `rir` the reps in reserve. `day` (the plan's
weekday the set belongs to) and `note` are optional. Older shapes are upgraded by `migrate`
before checking; a log written by a newer version is refused rather than guessed at.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from planner.errors import PlannerError
from planner.formats.canonical import dumps

LOG_VERSION = 1
MAX_SETS = 20_000
MAX_ID = 80
MAX_NOTE = 500
MAX_LOAD = 1000.0  # kg: above any lift on record, so a typo (6000 for 60.00) is caught
MAX_REPS = 1000
MAX_RIR = 10
MAX_SET_NUMBER = 100
MAX_IMPORT_BYTES = 5 * 1024 * 1024  # a text import larger than this is refused unread
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SET_FIELDS = ("id", "date", "day", "exercise", "set", "load", "reps", "rir", "note")
CSV_HEADER = ("date", "exercise", "set", "load", "reps", "rir", "note")
# Written after the contract's columns so an export reads back with its ids and days intact;
# a CSV without them (typed by hand) still imports, with ids made from each row's position.
CSV_EXTRA = ("day", "id")

_EXERCISE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A spreadsheet runs a cell that starts with one of these as a formula; such text is written
# with a leading apostrophe (which spreadsheets hide) and read back without it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class LogError(PlannerError):
    """The log is malformed, too large or from a newer version: one sentence says which."""


@dataclass(frozen=True)
class LoggedSet:
    id: str
    date: str  # YYYY-MM-DD
    day: str | None  # mon..sun: the plan's session it belongs to, when the page knows it
    exercise: str
    set: int
    load: float  # kg; 0 for bodyweight
    reps: int
    rir: int
    note: str | None


@dataclass(frozen=True)
class Log:
    sets: tuple[LoggedSet, ...]  # sorted by date, exercise, set number, id
    schema_version: int = LOG_VERSION


# --- migration -----------------------------------------------------------------------------


def migrate(data: Any) -> Any:
    """Upgrade an older log to the current shape; anything else is returned as it came.

    Version 0 was a bare list of sets without ids (the shape a first prototype stored); each
    set gets the id "v0-<position>" so the upgrade is the same every time it runs."""
    if isinstance(data, list):
        sets = []
        for n, item in enumerate(data, start=1):
            if isinstance(item, dict) and "id" not in item:
                item = {"id": f"v0-{n}", **item}
            sets.append(item)
        return {"schema_version": LOG_VERSION, "sets": sets}
    return data


# --- checking --------------------------------------------------------------------------------


def _show(value: Any) -> str:
    """A value as the message quotes it, cut short: a message is one readable sentence."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _text(value: Any, where: str, what: str, limit: int, *, empty: bool = False) -> str:
    a = "an" if what[0] in "aeiou" else "a"
    if not isinstance(value, str):
        raise LogError(f"{where} has {a} {what} that is not text.")
    if not empty and not value.strip():
        raise LogError(f"{where} has an empty {what}.")
    if len(value) > limit:
        raise LogError(f"{where} has {a} {what} longer than {limit} characters.")
    if any(ord(c) < 32 and c not in "\t\n" for c in value):
        raise LogError(f"{where} has {a} {what} with control characters in it.")
    return value


def _whole(value: Any, where: str, what: str, lo: int, hi: int) -> int:
    if _is_number(value) and float(value).is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
        raise LogError(
            f"{where} has {what} {_show(value)}; it must be a whole number from {lo} to {hi}."
        )
    return value


def _date(value: Any, where: str) -> str:
    if isinstance(value, str) and _DATE.match(value):
        try:
            dt.date.fromisoformat(value)
            return value
        except ValueError:
            pass
    raise LogError(
        f"{where} has the date {_show(value)}; a date is written YYYY-MM-DD, e.g. 2026-11-30."
    )


def _load(value: Any, where: str) -> float:
    if not _is_number(value) or not 0 <= value <= MAX_LOAD:
        raise LogError(
            f"{where} has the load {_show(value)}; a load is a number of kilograms from 0 "
            f"(bodyweight) to {MAX_LOAD:g}."
        )
    # Hundredths of a kilogram are finer than any plate, and rounding makes the text stable.
    return round(float(value), 2) + 0.0


def _set(item: Any, n: int) -> LoggedSet:
    where = f"Set {n} of the log"
    if not isinstance(item, dict):
        raise LogError(f"{where} is not an object with the fields {', '.join(SET_FIELDS)}.")
    unknown = sorted(k for k in item if k not in SET_FIELDS)
    if unknown:
        raise LogError(
            f"{where} has the unknown field {_show(unknown[0])}; the fields are "
            f"{', '.join(SET_FIELDS)}."
        )
    for key in ("id", "date", "exercise", "set", "load", "reps", "rir"):
        if key not in item:
            raise LogError(f"{where} has no {key!r}, which every set needs.")
    exercise = _text(item["exercise"], where, "exercise id", MAX_ID)
    if not _EXERCISE_ID.match(exercise):
        raise LogError(
            f"{where} has the exercise id {_show(exercise)}; an id is lower-case letters, digits "
            "and hyphens, as in romanian-deadlift."
        )
    day = item.get("day")
    if day is not None and day not in WEEKDAYS:
        raise LogError(f"{where} has the day {_show(day)}; a day is one of {', '.join(WEEKDAYS)}.")
    note = item.get("note")
    if note is not None:
        note = _text(note, where, "note", MAX_NOTE, empty=True) or None
    return LoggedSet(
        id=_text(item["id"], where, "id", MAX_ID),
        date=_date(item["date"], where),
        day=day,
        exercise=exercise,
        set=_whole(item["set"], where, "the set number", 1, MAX_SET_NUMBER),
        load=_load(item["load"], where),
        reps=_whole(item["reps"], where, "reps", 0, MAX_REPS),
        rir=_whole(item["rir"], where, "reps in reserve", 0, MAX_RIR),
        note=note,
    )


def _order(s: LoggedSet) -> tuple:
    return (s.date, s.exercise, s.set, s.id)


def parse_log(data: Any) -> Log:
    """The checked, normalised log (sets sorted by date, exercise and set number).

    Raises LogError with one sentence for the first problem found; nothing is kept from a
    log with a problem."""
    data = migrate(data)
    if not isinstance(data, dict):
        raise LogError('A log is a JSON object with "schema_version" and "sets".')
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise LogError(f"The log's schema_version is {_show(version)}; it must be a whole number.")
    if version > LOG_VERSION:
        raise LogError(
            f"This log was written by a newer version of Backchain (schema {version}); this "
            f"page reads version {LOG_VERSION}."
        )
    unknown = sorted(k for k in data if k not in ("schema_version", "sets"))
    if unknown:
        raise LogError(
            f"The log has the unknown field {_show(unknown[0])}; a log has only "
            '"schema_version" and "sets".'
        )
    raw = data.get("sets")
    if not isinstance(raw, list):
        raise LogError('The log\'s "sets" is not a list.')
    if len(raw) > MAX_SETS:
        raise LogError(f"The log has {len(raw):,} sets; the most a log can hold is {MAX_SETS:,}.")
    sets = [_set(item, n) for n, item in enumerate(raw, start=1)]
    seen: set[str] = set()
    for s in sets:
        if s.id in seen:
            raise LogError(
                f"Two sets of the log have the id {_show(s.id)}; each set needs its own."
            )
        seen.add(s.id)
    return Log(tuple(sorted(sets, key=_order)))


def loads_log(text: str) -> Log:
    """parse_log for JSON text, with the size checked before anything is read."""
    check_size(text)
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as err:
        where = ""
        if isinstance(err, json.JSONDecodeError):
            where = f" at line {err.lineno}, column {err.colno}"
        raise LogError(f"The log file is not valid JSON{where}.") from None
    except RecursionError:
        raise LogError("The log file is nested too deeply to be a log.") from None
    return parse_log(data)


def check_size(text: Any) -> None:
    if not isinstance(text, str):
        raise LogError("The log is not text.")
    # Characters first (cheap), then bytes, so a huge string is refused before it is encoded.
    if len(text) > MAX_IMPORT_BYTES or len(text.encode("utf-8")) > MAX_IMPORT_BYTES:
        raise LogError(
            f"The log file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB, more than a "
            "log of 20,000 sets needs."
        )


# --- writing ---------------------------------------------------------------------------------


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def log_to_dict(log: Log) -> dict[str, Any]:
    sets = []
    for s in log.sets:
        item: dict[str, Any] = {
            "id": s.id,
            "date": s.date,
            "exercise": s.exercise,
            "set": s.set,
            "load": _number(s.load),
            "reps": s.reps,
            "rir": s.rir,
        }
        if s.day is not None:
            item["day"] = s.day
        if s.note is not None:
            item["note"] = s.note
        sets.append(item)
    return {"schema_version": log.schema_version, "sets": sets}


def dumps_log(log: Log) -> str:
    """The canonical JSON text of a log: same log, same bytes."""
    return dumps(log_to_dict(log))


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) or text.startswith("'") else text


def _uncell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def log_to_csv(log: Log) -> str:
    """The log as CSV for a spreadsheet: the columns date, exercise, set, load, reps, rir,
    note, then day and id so the file reads back as the same log."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER + CSV_EXTRA)
    for s in log.sets:
        writer.writerow(
            [
                s.date,
                s.exercise,
                s.set,
                _number(s.load),
                s.reps,
                s.rir,
                _cell(s.note or ""),
                s.day or "",
                _cell(s.id),
            ]
        )
    return out.getvalue()


def _csv_number(text: str) -> int | float | str:
    """The number a cell holds, or the text itself so the check names what was there."""
    t = text.strip()
    try:
        return int(t)
    except ValueError:
        pass
    try:
        x = float(t)
    except ValueError:
        return text
    return x if math.isfinite(x) else text


def log_from_csv(text: str) -> Log:
    """The log a CSV file holds (as `log_to_csv` writes it, or typed by hand with the first
    seven columns); checked like any log."""
    check_size(text)
    if text.startswith("\ufeff"):
        text = text[1:]  # the byte-order mark some spreadsheets write
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        raise LogError(f"The CSV file cannot be read: {err}.") from None
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise LogError("The CSV file is empty; it needs the header " + ",".join(CSV_HEADER) + ".")
    header = tuple(c.strip().lower() for c in rows[0])
    if header not in (CSV_HEADER, CSV_HEADER + CSV_EXTRA):
        raise LogError("The CSV file's first line must be " + ",".join(CSV_HEADER) + ".")
    if len(rows) - 1 > MAX_SETS:
        raise LogError(
            f"The CSV file has {len(rows) - 1:,} sets; the most a log can hold is {MAX_SETS:,}."
        )
    sets = []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise LogError(
                f"Line {n} of the CSV file has {len(row)} columns; the header has {len(header)}."
            )
        cells = dict(zip(header, row, strict=True))
        item: dict[str, Any] = {
            "id": _uncell(cells.get("id", "")) or f"csv-{n - 1}",
            "date": cells["date"].strip(),
            "exercise": cells["exercise"].strip(),
            "set": _csv_number(cells["set"]),
            "load": _csv_number(cells["load"]),
            "reps": _csv_number(cells["reps"]),
            "rir": _csv_number(cells["rir"]),
        }
        if cells.get("day", "").strip():
            item["day"] = cells["day"].strip().lower()
        if cells["note"]:
            item["note"] = _uncell(cells["note"])
        sets.append(item)
    return parse_log({"schema_version": LOG_VERSION, "sets": sets})
