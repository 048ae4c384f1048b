"""The browser's single entry point (called through Pyodide by planner/web/*.js).

handle() never raises: every outcome, including bad JSON, comes back as the JSON envelope
described in ARCHITECTURE.md, so the page can always show a message.
"""

from __future__ import annotations

import json

from planner.catalogue import Catalogue
from planner.errors import PlannerError
from planner.formats import coverage_svg, to_ics, to_markdown, volume_svg
from planner.formats.canonical import dumps
from planner.formats.json_format import infeasible_to_dict, plan_to_dict
from planner.plan import Infeasible, make_plan
from planner.request import parse_request


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


def _load(text: str, what: str):
    try:
        return json.loads(text)
    except (TypeError, ValueError) as err:
        where = ""
        if isinstance(err, json.JSONDecodeError):
            where = f" at line {err.lineno}, column {err.colno}"
        raise PlannerError(f"{what} is not valid JSON{where}") from None


def handle(catalogue_json: str, request_json: str, base_url: str = "") -> str:
    """Plan from two JSON strings; returns the JSON envelope (status ok | infeasible | error).

    base_url is put in front of each exercise link in the Markdown (e.g. "../" from /planner/).
    """
    try:
        catalogue = Catalogue.from_dict(_load(catalogue_json, "The catalogue"))
        request = parse_request(_load(request_json, "The request"), catalogue)
        result = make_plan(catalogue, request)
    except PlannerError as err:
        return _envelope("error", err.message)
    except RecursionError:
        return _envelope("error", "The request is too large to plan.")
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
