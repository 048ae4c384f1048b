"""The plan as an iCalendar file (RFC 5545): one all-day event per session.

Sessions have a day but no clock time, so each event is an all-day event whose DTEND is the
next day (RFC 5545 end dates are exclusive). The UID is derived from the session's date only,
so importing an updated plan for the same days replaces the old events instead of doubling them.
"""

from __future__ import annotations

import datetime as dt

from planner.formats.common import dose, extras
from planner.model import Infeasible, Plan
from planner.timing import minutes_up

_UID_DOMAIN = "planner.backchain"


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


_FOLD = 75  # octets per line, line break excluded (RFC 5545 section 3.1)


def _fold(line: str) -> str:
    """The content line folded into lines of at most 75 octets, each ending in CRLF.

    A continuation line starts with one space, which counts toward its 75. Folds never split
    a UTF-8 sequence. Most lines are short or plain ASCII, so those take the quick paths; this
    runs for every line of every plan the browser makes.
    """
    if len(line) <= _FOLD // 4 or (line.isascii() and len(line) <= _FOLD):
        return line + "\r\n"
    if line.isascii():
        rest = range(_FOLD, len(line), _FOLD - 1)
        return "\r\n ".join([line[:_FOLD]] + [line[i : i + _FOLD - 1] for i in rest]) + "\r\n"
    data = line.encode("utf-8")
    pieces = []
    start, room = 0, _FOLD
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # a continuation byte: back up to where its char starts
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start, room = end, _FOLD - 1
    pieces.append(data[start:].decode("utf-8"))
    return "\r\n ".join(pieces) + "\r\n"


def _day(d: dt.date) -> str:
    # RFC 5545 dates are always 8 digits; strftime's %Y does not pad years before 1000.
    return f"{d.year:04d}{d.month:02d}{d.day:02d}"


def to_ics(result: Plan | Infeasible) -> str:
    if isinstance(result, Infeasible):
        return ""
    plan = result
    stamp = _day(plan.request.start) + "T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Backchain//Weekly planner//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape('Backchain: ' + plan.split_name)}",
    ]
    for week in plan.weeks:
        for s in week.sessions:
            names = [e.name for e in s.exercises]
            details = [
                f"{e.name}: {dose(e)}" + "".join(f". {x}" for x in extras(e)) for e in s.exercises
            ]
            description = "\n".join(
                names
                + ["", f"Week {week.number}{' (deload)' if week.deload else ''}. " + week.note, ""]
                + [f"Warm-up ({s.warmup.minutes} min): {s.warmup.general}", ""]
                + details
            )
            summary = f"{s.type_name} workout, about {minutes_up(s.seconds)} min" + (
                " (deload)" if week.deload else ""
            )
            lines += [
                "BEGIN:VEVENT",
                f"UID:backchain-{_day(s.date)}@{_UID_DOMAIN}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{_day(s.date)}",
                f"DTEND;VALUE=DATE:{_day(s.date + dt.timedelta(days=1))}",
                f"SUMMARY:{_escape(summary)}",
                f"DESCRIPTION:{_escape(description)}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) for line in lines)
