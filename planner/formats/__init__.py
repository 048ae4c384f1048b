"""Renderings of a plan: JSON, Markdown, terminal text, iCalendar and two SVG charts."""

from planner.formats.history import history_svg
from planner.formats.ics import to_ics
from planner.formats.json_format import infeasible_to_dict, plan_to_dict, to_json
from planner.formats.markdown import to_markdown
from planner.formats.svg import coverage_svg, volume_svg
from planner.formats.text import to_text

__all__ = [
    "coverage_svg",
    "history_svg",
    "infeasible_to_dict",
    "plan_to_dict",
    "to_ics",
    "to_json",
    "to_markdown",
    "to_text",
    "volume_svg",
]
