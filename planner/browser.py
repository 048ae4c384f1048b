"""The browser's single entry point (called through Pyodide by planner/web/*.js).

handle() never raises: every outcome, including bad JSON, comes back as the JSON envelope
described in ARCHITECTURE.md, so the page can always show a message.
"""

from __future__ import annotations

import json

from planner.catalogue import Catalogue
from planner.errors import PlannerError
from planner.formats import coverage_svg, history_svg, to_ics, to_markdown, volume_svg
from planner.formats.canonical import dumps
from planner.formats.json_format import infeasible_to_dict, plan_to_dict
from planner.log import MAX_IMPORT_BYTES, loads_log, log_to_csv, log_to_dict
from planner.log import log_from_csv as read_csv_log
from planner.next_targets import next_targets as targets_from
from planner.next_targets import target_to_dict
from planner.plan import Infeasible, make_plan
from planner.request import parse_request
from planner.swaps import alternatives as swap_alternatives


def _envelope(status: str, message: str, **extra) -> str:
    data = {
        "status": status,
        "message": message,
        "plan": None,
        "infeasible": None,
        "markdown": "",
        "ics": "",
        "svg": {"coverage": "", "volume": ""},
    }
    data.update(extra)
    return dumps(data)


# Input sizes the browser never comes near (the real catalogue is about 60 kB, a request under
# 1 kB); anything larger is refused before it is read. A number needs at most a few digits.
MAX_CATALOGUE_CHARS = 32_000_000
MAX_REQUEST_CHARS = 1_000_000
MAX_BASE_URL_CHARS = 2_000
MAX_DIGITS = 100
INTERNAL_ERROR = (
    "The planner failed on this input ({}); this is a bug, please report it with the request."
)


def _whole_number(what: str):
    def parse(digits: str) -> int:
        # Python refuses int() of over 4,300 digits with a ValueError that reads like bad JSON.
        if len(digits) > MAX_DIGITS:
            raise PlannerError(
                f"{what} holds a number {len(digits.lstrip('-')):,} digits long; no field takes "
                f"more than {MAX_DIGITS}"
            )
        return int(digits)

    return parse


def _load(text: str, what: str, most: int = MAX_CATALOGUE_CHARS):
    if not isinstance(text, str | bytes | bytearray):
        raise PlannerError(f"{what} must be JSON text")
    if len(text) > most:
        raise PlannerError(f"{what} is over {most:,} characters long, more than it can need")
    try:
        return json.loads(text, parse_int=_whole_number(what))
    except PlannerError:
        raise
    except UnicodeDecodeError:
        raise PlannerError(f"{what} is not UTF-8 text") from None
    except (TypeError, ValueError) as err:
        where = ""
        if isinstance(err, json.JSONDecodeError):
            where = f" at line {err.lineno}, column {err.colno}"
        raise PlannerError(f"{what} is not valid JSON{where}") from None


# The page sends the same catalogue text with every request; reading a large one (10,000
# exercises) costs about half a second, so the last one read is kept. Same text, same catalogue:
# the plan does not change.
_last_catalogue: dict[str, Catalogue] = {}


def _catalogue(catalogue_json: str) -> Catalogue:
    if isinstance(catalogue_json, str) and catalogue_json in _last_catalogue:
        return _last_catalogue[catalogue_json]
    catalogue = Catalogue.from_dict(_load(catalogue_json, "The catalogue"))
    if isinstance(catalogue_json, str):
        _last_catalogue.clear()
        _last_catalogue[catalogue_json] = catalogue
    return catalogue


def handle(catalogue_json: str, request_json: str, base_url: str = "") -> str:
    """Plan from two JSON strings; returns the JSON envelope (status ok | infeasible | error).

    base_url is put in front of each exercise link in the Markdown (e.g. "../" from /planner/).
    Any input at all, JSON or not, text or not, gives an envelope: bad input a one-line
    message, and a bug in the planner one too (the page must never be left without an answer).
    """
    try:
        return _plan_envelope(catalogue_json, request_json, base_url)
    except PlannerError as err:
        return _envelope("error", err.message)
    except RecursionError:
        return _envelope("error", "The request is too large to plan.")
    except Exception as err:  # the contract is an envelope, whatever went wrong
        return _envelope("error", INTERNAL_ERROR.format(type(err).__name__))


def _plan_envelope(catalogue_json: str, request_json: str, base_url: str) -> str:
    if not isinstance(base_url, str) or len(base_url) > MAX_BASE_URL_CHARS:
        raise PlannerError(
            f'base_url: expected text of at most {MAX_BASE_URL_CHARS:,} characters, such as "../"'
        )
    catalogue = _catalogue(catalogue_json)
    request = parse_request(_load(request_json, "The request", MAX_REQUEST_CHARS), catalogue)
    result = make_plan(catalogue, request)
    if isinstance(result, Infeasible):
        return _envelope(
            "infeasible",
            result.message,
            infeasible=infeasible_to_dict(result),
            markdown=to_markdown(result),
        )
    return _envelope(
        "ok",
        f"{result.split_name}: {len(result.weeks)} week{'s' if len(result.weeks) != 1 else ''}.",
        plan=plan_to_dict(result),
        markdown=to_markdown(result, base_url=base_url),
        ics=to_ics(result),
        svg={"coverage": coverage_svg(result), "volume": volume_svg(result)},
    )


# --- the gym: set log, next targets, swaps, history (thin wrappers over the core) -----------


def _answer(key: str, work) -> str:
    """{"status": "ok", "message": "", key: work()} or, for bad input, status "error" and one
    sentence; never raises."""
    try:
        value = work()
    except PlannerError as err:
        return dumps({"status": "error", "message": err.message, key: None})
    except (RecursionError, MemoryError):
        return dumps({"status": "error", "message": "The input is too large to read.", key: None})
    return dumps({"status": "ok", "message": "", key: value})


def parse_log_json(text: str) -> str:
    """The log checked and normalised: {"status", "message", "log"}."""
    return _answer("log", lambda: log_to_dict(loads_log(text)))


def log_csv(log_json: str) -> str:
    """The log as CSV text: {"status", "message", "csv"}."""
    return _answer("csv", lambda: log_to_csv(loads_log(log_json)))


def log_from_csv(csv_text: str) -> str:
    """The log a CSV file holds: {"status", "message", "log"}."""
    return _answer("log", lambda: log_to_dict(read_csv_log(csv_text)))


def next_targets(plan_json: str, log_json: str, week: int | None = None) -> str:
    """Each exercise's next targets: {"status", "message", "targets"}; the targets are the
    same list, byte for byte, that `python -m planner next --format json` prints."""

    def work():
        if len(plan_json if isinstance(plan_json, str) else "") > MAX_IMPORT_BYTES:
            raise PlannerError("The plan is larger than any plan the planner writes.")
        try:
            plan = _load(plan_json, "The plan")
        except PlannerError as err:
            raise PlannerError(err.message + ".") from None
        return [target_to_dict(t) for t in targets_from(plan, loads_log(log_json), week)]

    return _answer("targets", work)


def alternatives(catalogue_json: str, request_json: str, day: str, exercise_id: str) -> str:
    """What could replace an exercise of the plan in the session on `day`, best first:
    {"status", "message", "alternatives": [{"id", "name", "url", "reason"}]}."""

    def work():
        catalogue = _catalogue(catalogue_json)
        request = parse_request(_load(request_json, "The request"), catalogue)
        return [
            {"id": a.id, "name": a.name, "url": a.url, "reason": a.reason}
            for a in swap_alternatives(catalogue, request, day, exercise_id)
        ]

    answer = json.loads(_answer("alternatives", work))
    if answer["alternatives"] is None:
        answer["alternatives"] = []
    return dumps(answer)


def history(log_json: str, exercise_id: str, name: str) -> str:
    """The exercise's best set per session as an SVG chart ("" under two sessions):
    {"status", "message", "svg"}."""

    def work():
        if not isinstance(exercise_id, str) or not isinstance(name, str):
            raise PlannerError("The exercise id and name must be text.")
        return history_svg(loads_log(log_json), exercise_id, name)

    return _answer("svg", work)
