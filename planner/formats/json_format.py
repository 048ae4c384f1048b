"""The plan as plain data (schema_version 2) - the contract the browser and the tests rely on.

The shape is documented in content/pages/planner-method.md ("Plan JSON"). Add fields freely;
renaming or removing one means bumping SCHEMA_VERSION.
"""

from __future__ import annotations

from typing import Any

from planner.formats.canonical import dumps
from planner.model import (
    SCHEMA_VERSION,
    Infeasible,
    MuscleVolume,
    Plan,
    PlannedExercise,
    Session,
)
from planner.request import WEEKDAY_NAMES, WEEKDAYS
from planner.timing import GENERAL_WARMUP_MINUTES, minutes_up, tenths_of_minute
from planner.volume import SOURCES, group_range


def _sets(half: int) -> float:
    return half / 2


def _exercise(e: PlannedExercise) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "url": e.url,
        "primary": list(e.primary),
        "secondary": list(e.secondary),
        "role": e.role,
        "pattern": e.pattern,
        "mechanics": e.mechanics,
        "sets": e.sets,
        "reps_min": e.reps_min,
        "reps_max": e.reps_max,
        "rir_min": e.rir_min,
        "rir_max": e.rir_max,
        "rest_seconds_min": e.rest_min,
        "rest_seconds_max": e.rest_max,
        "estimated_minutes": tenths_of_minute(e.seconds),
        "superset": e.superset,
        "starting_dose": e.starting_dose,
        "spinal_load": e.spinal_load,
        "progression": {
            "kind": e.progression.kind,
            "rule": e.progression.rule,
            "harder": None
            if e.progression.harder is None
            else dict(zip(("id", "name", "url"), e.progression.harder, strict=True)),
            "tempo": e.progression.tempo,
            "single": e.progression.single or None,
            "step_kg": e.progression.step_kg,
        },
        "use_instead": e.use_instead,
        "equipment_used": list(e.equipment_used),
        "reason": e.reason,
        "pinned": e.pinned,
    }


def _session(s: Session, index: int) -> dict[str, Any]:
    return {
        "index": index,
        "date": s.date.isoformat(),
        "weekday": s.weekday,
        "weekday_name": WEEKDAY_NAMES[s.weekday],
        "session_type": s.type_id,
        "session_name": s.type_name,
        "minutes_asked": s.minutes_asked,
        "estimated_minutes": minutes_up(s.seconds),
        "warmup": {
            "minutes": s.warmup.minutes,
            "general": s.warmup.general,
            "ramp_up": [{"percent": p, "reps": r} for p, r in s.warmup.ramp_up],
            "exercise": s.warmup.exercise,
        },
        "exercises": [_exercise(e) for e in s.exercises],
    }


def _volume(v: MuscleVolume) -> dict[str, Any]:
    sets = _sets(v.half_sets)
    return {
        "muscle": v.muscle,
        "name": v.name,
        "focus": v.focus,
        "sets": sets,
        "sessions": v.sessions,
        "target_min": v.min_sets,
        "target_max": v.max_sets,
        "within": (v.min_sets <= sets <= v.max_sets) if v.focus else sets <= v.max_sets,
    }


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    training = next((w for w in plan.weeks if not w.deload), plan.weeks[0])
    vr = plan.volume_range
    return {
        "schema_version": SCHEMA_VERSION,
        "status": "ok",
        "request": plan.request.to_dict(),
        "split": {
            "id": plan.split_id,
            "name": plan.split_name,
            "sessions": list(plan.request.sessions),
        },
        "days_used": list(plan.days_used),
        "rest_ok": plan.rest_ok,
        "model": {
            "general_warmup_minutes": GENERAL_WARMUP_MINUTES,
            "session_seconds": (
                "warm-up + ramp-up + sum(sets * (reps_max * seconds_per_rep + rest_max)); "
                "supersets share the longer rest"
            ),
            "secondary_set_counts_as": 0.5,
            "lower_back_under_heavy_spinal_load_counts_as": 1,
            "min_sessions_per_focus_group": plan.min_sessions,
            "level": vr.level,
            "weekly_sets_min": vr.min_sets,
            "weekly_sets_max": vr.max_sets,
            "small_group_sets_min": group_range(vr, "small")[0],
            "deload_every_weeks": vr.deload_every,
        },
        "weeks": [
            {
                "number": w.number,
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
                "deload": w.deload,
                "note": w.note,
                "sessions": [_session(s, k + 1) for k, s in enumerate(w.sessions)],
                "volume": [_volume(v) for v in w.volume],
            }
            for w in plan.weeks
        ],
        "volume": [_volume(v) for v in training.volume],
        "coverage": {
            "weekdays": list(WEEKDAYS),
            "rows": [
                {
                    "muscle": r.muscle,
                    "name": r.name,
                    "focus": r.focus,
                    "cells": [
                        {"weekday": wd, "role": role, "sets": _sets(half)}
                        for wd, role, half in r.cells
                    ],
                }
                for r in plan.coverage
            ],
        },
        "uncovered": [
            {"muscle": g.muscle, "name": g.name, "sessions": g.sessions, "fix": g.fix}
            for g in plan.uncovered
        ],
        "warnings": list(plan.warnings),
        "sources": [dict(s) for s in SOURCES],
    }


def infeasible_to_dict(result: Infeasible) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "status": "infeasible",
        "request": result.request.to_dict(),
        "rule": result.rule,
        "message": result.message,
        "suggestions": [
            {"text": s.text, "change": {k: v for k, v in s.change}} for s in result.suggestions
        ],
    }


def to_json(result: Plan | Infeasible, *, pretty: bool = True) -> str:
    data = plan_to_dict(result) if isinstance(result, Plan) else infeasible_to_dict(result)
    return dumps(data, pretty=pretty) + ("\n" if pretty else "")
