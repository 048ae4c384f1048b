"""Example weeks for the scheduling page, planned at build time by the same core the planner
page and the command line use."""

from __future__ import annotations

from generator.content.validation import Content
from generator.site.catalogue import build_catalogue
from generator.site.markup import escape_text
from planner.catalogue import Catalogue
from planner.formats import plan_to_dict
from planner.plan import Infeasible, make_plan
from planner.request import parse_request

# Training days that suit each split: a rest day between total-body sessions, upper and lower
# days side by side only when they train different muscles.
EXAMPLE_DAYS = {
    "two-total-body": ["mon", "thu"],
    "three-total-body": ["mon", "wed", "fri"],
    "upper-lower-total": ["mon", "wed", "fri"],
    "two-upper-two-lower": ["mon", "tue", "thu", "fri"],
}
FALLBACK_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# A fixed Monday: the example must not change with the day the site is built.
START = "2029-01-01"


def example_request(split: dict, equipment: list[str]) -> dict:
    sessions = len(split["sessions"])
    days = EXAMPLE_DAYS.get(split["id"], FALLBACK_DAYS[: max(sessions, 1)])
    return {
        "split": split["id"], "days": days, "equipment": equipment, "level": "beginner",
        "minutes": 60, "weeks": 1, "start": START, "focus": None, "exclude": [], "prefer": [],
    }


def example_weeks(content: Content) -> str:
    """Markdown: one small table per split, exercises linked to their pages."""
    catalogue_dict = build_catalogue(content)
    catalogue = Catalogue.from_dict(catalogue_dict)
    equipment = [e["id"] for e in content.equipment]
    parts = []
    for split in content.splits:
        request = parse_request(example_request(split, equipment), catalogue)
        result = make_plan(catalogue, request)
        parts.append(f"### {escape_text(split['name'])}\n")
        if isinstance(result, Infeasible):
            parts.append(f"The current catalogue cannot fill this split: "
                         f"{escape_text(result.message)}\n")
            continue
        week = plan_to_dict(result)["weeks"][0]
        parts.append("| Day | Session | Exercises |\n|---|---|---|")
        for session in week["sessions"]:
            exercises = "<br>".join(
                f"[{escape_text(e['name'])}]({e['url'].rstrip('/')}.md) "
                f"{e['sets']} × {e['reps_min']}–{e['reps_max']}"
                for e in session["exercises"]
            )
            parts.append(f"| {session['weekday_name']} | {escape_text(session['session_name'])} "
                         f"(about {session['estimated_minutes']} min) | {exercises} |")
        parts.append("")
    intro = ("These weeks were planned by the [planner](planner/index.md) when this site was "
             "built, for a beginner who owns every piece of equipment in the catalogue and has an "
             "hour per session.\n")
    return intro + "\n" + "\n".join(parts)
