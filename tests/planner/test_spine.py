"""One lift a session loads the spine bent forward, when the gear allows.

A deadlift or Romanian deadlift already loads the lower back; a bent-over barbell row after it
in the same session loads it again. With dumbbells and a bench at hand the session's row is the
bench-supported single-arm row; with a barbell only, the barbell row stays.
"""

from __future__ import annotations

from tests.planner.conftest import real_plan


def sessions(real_catalogue: dict, equipment: list[str], level: str = "advanced") -> list:
    plan = real_plan(real_catalogue, equipment=equipment, level=level, minutes=60, weeks=1)
    return list(plan.weeks[0].sessions)


def heavy(session) -> list[str]:
    return [e.id for e in session.exercises if e.spinal_load == "heavy"]


def test_a_session_with_a_heavy_hinge_rows_with_the_chest_or_hand_supported(real_catalogue):
    for level in ("beginner", "intermediate", "advanced"):
        week = sessions(real_catalogue, ["barbell", "dumbbells", "bench", "kettlebell", "band",
                                         "mat"], level)
        assert all(len(heavy(s)) <= 1 for s in week), [heavy(s) for s in week]
        rows = {e.id for s in week for e in s.exercises if e.pattern == "row"}
        assert "single-arm-dumbbell-row" in rows


def test_with_a_barbell_only_the_barbell_row_stays(real_catalogue):
    week = sessions(real_catalogue, ["barbell"])
    assert any("barbell-row" in heavy(s) for s in week)
