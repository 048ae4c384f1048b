"""The planner page's plan as HTML, from the envelope `planner.browser.handle` returns.

One renderer for both places a plan is drawn: the build calls it in CPython to prerender the
default plan into the page, and the browser's worker calls it in Pyodide after every change (it
ships in the planner wheel as the top-level module `plan_view`). Standard library only, pure,
and every piece of text is escaped: names and reasons come from content a fork may change.

The HTML holds no blank lines, so Markdown keeps it as one raw block.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
UNIT_SPACE = re.compile(r"(\d) (?=%|(?:kg|lb|s|min)\b)")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Which form field an infeasible rule is about, when its suggestions name none.
RULE_FIELDS = {
    "days": "days",
    "spacing": "days",
    "exercises": "equipment",
    "time": "minutes",
}


def render(envelope_json: str, root: str) -> str:
    """HTML for the plan area. `root` is the site root relative to the page, e.g. "../"."""
    envelope = json.loads(envelope_json)
    status = envelope.get("status")
    if status == "ok":
        return _plan(envelope["plan"], envelope.get("svg") or {}, root)
    if status == "infeasible":
        return _infeasible(envelope)
    return _error(envelope)


def plan_json(envelope_json: str) -> str:
    """The plan as the CLI's `--format json` writes it (sorted keys, two-space indent)."""
    plan = json.loads(envelope_json).get("plan")
    text = json.dumps(plan, sort_keys=True, ensure_ascii=False, indent=2, separators=(",", ": "))
    return text + "\n"


def problem_fields(envelope: dict[str, Any]) -> list[str]:
    """The request fields a non-plan answer is about (the page marks them)."""
    plan = envelope.get("infeasible") or {}
    fields: list[str] = []
    for suggestion in plan.get("suggestions") or []:
        fields.extend(k for k in suggestion.get("change", {}) if k not in fields)
    if not fields and plan.get("rule") in RULE_FIELDS:
        fields.append(RULE_FIELDS[plan["rule"]])
    match = re.match(r"([a-z]+):", envelope.get("message") or "")
    if not fields and match:
        fields.append(match.group(1))
    return fields


# --- a plan ------------------------------------------------------------------------------------


def _plan(plan: dict[str, Any], svg: dict[str, str], root: str) -> str:
    weeks = plan["weeks"]
    parts = [
        '<div class="bc-result" data-status="ok">',
        _summary(plan),
        _warnings(
            plan.get("warnings") or [],
            plan.get("uncovered") or [],
            (plan.get("model") or {}).get("min_sessions_per_focus_group", 2),
        ),
    ]
    for week in weeks:
        parts.append(_week(week, root, first=week is weeks[0]))
    parts.append(_figures(svg))
    parts.append("</div>")
    return _no_blank_lines("".join(parts))


def _summary(plan: dict[str, Any]) -> str:
    request = plan["request"]
    weeks = plan["weeks"]
    sessions = weeks[0]["sessions"] if weeks else []
    days = ", ".join(s["weekday_name"] for s in sessions)
    longest = max((s["estimated_minutes"] for s in sessions), default=0)
    model = plan.get("model", {})
    lines = [
        f"<strong>{escape(plan['split']['name'])}</strong> on {escape(days)}",
        f"{len(weeks)} week{'s' if len(weeks) != 1 else ''} from {_date(weeks[0]['start'])}"
        if weeks
        else "",
        f"sessions up to {longest} of your {escape(str(request['minutes']))} minutes",
    ]
    if model.get("weekly_sets_min") is not None:
        small = model.get("small_group_sets_min", model["weekly_sets_min"])
        lines.append(
            f"{model['weekly_sets_min']}–{model['weekly_sets_max']} weekly sets per focus group "
            + (f"(small groups from {small}) " if small != model["weekly_sets_min"] else "")
            + f"at {escape(model.get('level', request['level']))} level"
        )
    return '<p class="bc-summary">' + " · ".join(x for x in lines if x) + "</p>"


def _warnings(warnings: list[str], uncovered: list[dict[str, Any]], need: int) -> str:
    if not warnings and not uncovered:
        return ""
    items = "".join(f"<li>{escape(w)}</li>" for w in warnings)
    items += "".join(
        f"<li>Not covered {_times(need)} a week: <strong>{escape(g['name'])}</strong>. "
        f"{escape(g['fix'])}</li>"
        for g in uncovered
    )
    return f'<div class="bc-warnings"><p><strong>Good to know</strong></p><ul>{items}</ul></div>'


def _week(week: dict[str, Any], root: str, *, first: bool) -> str:
    """A week: a Monday-to-Sunday strip to see it at a glance, then a card per session."""
    n = week["number"]
    span = f"{_date(week['start'])} – {_date(week['end'])}"
    deload = ' <span class="bc-tag">Deload</span>' if week.get("deload") else ""
    by_day = {s["weekday"]: s for s in week["sessions"]}
    strip = []
    for wd, name in zip(WEEKDAYS, WEEKDAY_NAMES, strict=True):
        session = by_day.get(wd)
        if session is None:
            strip.append(
                f'<li class="bc-strip-rest"><abbr title="{name}">{name[:3]}</abbr>'
                "<span>Rest</span></li>"
            )
        else:
            strip.append(
                f'<li class="bc-strip-train"><a href="#bc-w{n}-{wd}">'
                f'<abbr title="{name}">{name[:3]}</abbr>'
                f"<span>{escape(session['session_name'])}</span></a></li>"
            )
    cards = "".join(_session(s, n, root, reasons=first) for s in week["sessions"])
    return (
        f'<details class="bc-week" id="bc-week-{n}"{" open" if first else ""}>'
        f'<summary><h3 class="bc-week-title">Week {n} <small>{span}</small>{deload}</h3>'
        "</summary>"
        f'<div class="bc-week-body"><p class="bc-week-note">{escape(week.get("note", ""))}</p>'
        f'<ol class="bc-strip" aria-label="Week {n}, Monday to Sunday">{"".join(strip)}</ol>'
        f'<div class="bc-sessions">{cards}</div>'
        "</div></details>"
    )


def _session(session: dict[str, Any], week: int, root: str, *, reasons: bool) -> str:
    day = session["weekday"]
    items = "".join(
        _exercise(e, root, reasons=reasons, day=day, day_name=session["weekday_name"])
        for e in session["exercises"]
    )
    warm = session.get("warmup") or {}
    warmup = (
        f'<p class="bc-warmup"><strong>Warm-up, {escape(str(warm.get("minutes", "")))} '
        f"min:</strong> {_units(escape(warm.get('general', '')))}</p>"
        if warm
        else ""
    )
    return (
        f'<section class="bc-session" id="bc-w{week}-{escape(session["weekday"])}" '
        f'data-weekday="{escape(session["weekday"])}" data-date="{escape(session["date"])}">'
        f"<h4>{escape(session['weekday_name'])} <small>{_date(session['date'])}</small>"
        f'<span class="bc-session-type">{escape(session["session_name"])}, '
        f"about {session['estimated_minutes']} min</span></h4>"
        f'{warmup}<ol class="bc-exercises">{items}</ol></section>'
    )


def _exercise(
    e: dict[str, Any], root: str, *, reasons: bool, day: str = "", day_name: str = ""
) -> str:
    dose = (
        f"{e['sets']} × {_span(e['reps_min'], e['reps_max'])} "
        f"<small>({_span(e['rir_min'], e['rir_max'])} in reserve, "
        f"rest {e['rest_seconds_min']}–{e['rest_seconds_max']}\u00a0s)</small>"
    )
    extra = ""
    if e.get("superset"):
        letter = escape(e["superset"])
        extra += (
            f'<span class="bc-dose"><strong>Superset {letter}:</strong> alternate '
            f"its sets with the other exercise marked {letter}</span>"
        )
    if e.get("starting_dose"):
        extra += '<span class="bc-dose bc-load">Starting dose</span>'
    if e.get("use_instead"):
        extra += f'<span class="bc-dose">{escape(e["use_instead"])}</span>'
    progression = (e.get("progression") or {}).get("rule")
    if reasons and progression:
        extra += (
            '<span class="bc-reason"><strong>Progression:</strong> '
            f"{_units(escape(progression))}</span>"
        )
    why = f'<span class="bc-reason">{escape(e["reason"])}</span>' if reasons else ""
    href = escape(root + e["url"], quote=True)
    pinned = ' <span class="bc-tag bc-pinned">Your swap</span>' if e.get("pinned") else ""
    # The page lists the alternatives (planner.browser.alternatives) and re-plans with a pin.
    swap = (
        f'<button type="button" class="bc-swap" data-day="{escape(day, quote=True)}" '
        f'data-exercise="{escape(e["id"], quote=True)}" aria-expanded="false" '
        f'aria-label="Swap {escape(e["name"], quote=True)} on {escape(day_name, quote=True)}">'
        "Swap</button>"
        if day
        else ""
    )
    return (
        f'<li data-exercise="{escape(e["id"], quote=True)}"><a href="{href}">'
        f"{escape(e['name'])}</a>{pinned}{swap}"
        f'<span class="bc-dose">{dose}</span>{extra}{why}</li>'
    )


def _figures(svg: dict[str, str]) -> str:
    figures = []
    captions = {
        "coverage": "Which muscle groups each training day works: a full square is a primary "
        "mover, a light one a secondary mover.",
        "volume": "Weekly sets per muscle group in a training week, against the target range "
        "for your level (a secondary mover's set counts as half).",
    }
    for key in ("coverage", "volume"):
        image = (svg.get(key) or "").strip()
        if not image.startswith("<svg"):
            continue
        figures.append(f"<figure>{image}<figcaption>{captions[key]}</figcaption></figure>")
    if not figures:
        return ""
    return '<div class="bc-figures">' + "".join(figures) + "</div>"


# --- no plan -----------------------------------------------------------------------------------


def _infeasible(envelope: dict[str, Any]) -> str:
    plan = envelope.get("infeasible") or {}
    suggestions = plan.get("suggestions") or []
    items = "".join(
        "<li>"
        f'<button type="button" class="md-button bc-apply" '
        f'data-change="{escape(json.dumps(s.get("change", {}), sort_keys=True), quote=True)}">'
        f"Apply</button> {escape(_sentence(s['text']))}</li>"
        for s in suggestions
        if s.get("change")
    )
    text_only = "".join(
        f"<li>{escape(_sentence(s['text']))}</li>" for s in suggestions if not s.get("change")
    )
    listing = (
        f'<p>What would work:</p><ul class="bc-suggestions">{items}{text_only}</ul>'
        if suggestions
        else ""
    )
    return _no_blank_lines(
        f'<div class="bc-result bc-explain" data-status="infeasible"'
        f' data-fields="{escape(" ".join(problem_fields(envelope)), quote=True)}">'
        f"<p><strong>This plan cannot be made.</strong> {escape(envelope.get('message', ''))}</p>"
        f"{listing}</div>"
    )


def _error(envelope: dict[str, Any]) -> str:
    return _no_blank_lines(
        f'<div class="bc-result bc-explain" data-status="error"'
        f' data-fields="{escape(" ".join(problem_fields(envelope)), quote=True)}">'
        f"<p><strong>Check the settings.</strong> {escape(envelope.get('message', ''))}</p></div>"
    )


# --- helpers -----------------------------------------------------------------------------------


def _date(iso: str) -> str:
    """30 Nov 2026: the same on every machine, whatever its locale."""
    year, month, day = (int(x) for x in iso.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def _times(n: int) -> str:
    return {1: "once", 2: "twice", 3: "three times"}.get(n, f"{n} times")


def _span(a: int, b: int) -> str:
    return str(a) if a == b else f"{a}–{b}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def _units(text: str) -> str:
    """A number keeps its unit on the same line ("50 %", "2.5 kg", "90 s")."""
    return UNIT_SPACE.sub("\\1\u00a0", text)


def _no_blank_lines(html: str) -> str:
    return re.sub(r"\n\s*\n", "\n", html)
