"""The machine-readable catalogue (`catalogue.json`) that the planner reads.

Its shape is documented in ARCHITECTURE.md; `planner.catalogue.Catalogue.from_dict` is its reader.
"""

from __future__ import annotations

import json

from generator.content.validation import Content

CATALOGUE_VERSION = 1
DEFAULT_SECONDS_PER_REP = 4


def exercise_url(exercise_id: str) -> str:
    """Where an exercise's page lives, relative to the site root."""
    return f"exercises/{exercise_id}/"


def build_catalogue(content: Content) -> dict:
    """Content reduced to what planning needs, in a stable order."""
    return {
        "version": CATALOGUE_VERSION,
        "muscles": [
            {
                **{k: m[k] for k in ("id", "name", "region", "chain", "description")},
                "size": m.get("size", "large"),
                "effort": m.get("effort", "full"),
                "spinal_load_counts": m.get("spinal_load_counts", "half"),
            }
            for m in sorted(content.muscles, key=lambda m: m["id"])
        ],
        "equipment": [
            {"id": e["id"], "name": e["name"], "resistance": e.get("resistance", "none"),
             "in_names": e.get("in_names", ""), "makeshift": e.get("makeshift", ""),
             "owned": e.get("owned", "range"), "load_step": e.get("load_step", ""),
             # Without a step of its own the planner assumes the barbell's smallest (2.5 kg).
             **({"load_step_kg": e["load_step_kg"]} if "load_step_kg" in e else {})}
            for e in content.equipment
        ],
        "session_types": [
            {"id": s["id"], "name": s["name"], "regions": s["regions"]}
            for s in sorted(content.session_types, key=lambda s: s["id"])
        ],
        "splits": [
            {k: s[k] for k in ("id", "name", "summary", "sessions", "rules")}
            for s in content.splits
        ],
        "guidance": content.guidance,
        "exercises": [_exercise(e) for e in content.exercises],
    }


def _exercise(e: dict) -> dict:
    p = e["prescription"]
    links = e.get("links") or {}
    start = p.get("start")
    return {
        "id": e["id"],
        "name": e["name"],
        "url": exercise_url(e["id"]),
        "primary": e["muscles"]["primary"],
        "secondary": e["muscles"].get("secondary", []),
        "pattern": e["pattern"],
        "mechanics": e["mechanics"],
        "level": e["level"],
        "equipment": e["equipment"],
        "substitutes": e.get("substitutes", []),
        "sets": p["sets"],
        "reps_min": p["reps"]["min"],
        "reps_max": p["reps"]["max"],
        "rest_min": p["rest_seconds"]["min"],
        "rest_max": p["rest_seconds"]["max"],
        "seconds_per_rep": p.get("seconds_per_rep", DEFAULT_SECONDS_PER_REP),
        "spinal_load": e.get("spinal_load", "light"),
        "tempo": e.get("tempo", "controlled"),
        "start": None
        if start is None
        else {
            "sets": start["sets"],
            "reps_min": start["reps"]["min"],
            "reps_max": start["reps"]["max"],
            "weeks": start["weeks"],
        },
        "easier": links.get("easier", []),
        "harder": links.get("harder", []),
    }


def catalogue_json(content: Content) -> str:
    return json.dumps(build_catalogue(content), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
