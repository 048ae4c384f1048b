"""A session's second compound (a pull-down beside the row, a hip thrust after the hinge) comes
before the accessories' extra sets, once the main lifts have theirs: the skeleton a coach
writes, and the one the planner's method page describes."""

from __future__ import annotations

from tests.planner.conftest import real_plan

GYM = ["barbell", "dumbbells", "bench", "band", "pull-up-bar", "cable"]


def test_an_upper_day_pairs_the_row_with_a_vertical_pull(real_catalogue):
    # Before, the band pull-apart's third and fourth sets took the mid-back's weekly room and
    # the upper day was one row and three small-group exercises.
    plan = real_plan(real_catalogue, split="upper-lower-total", days=["mon", "wed", "fri"],
                     equipment=GYM, level="intermediate", minutes=60, weeks=1)
    upper = plan.weeks[0].sessions[0]
    assert upper.type_id == "upper"
    roles = {e.id: e.role for e in upper.exercises}
    assert roles["barbell-row"] == "main" and roles["lat-pulldown"] == "second"
    assert [e.id for e in upper.exercises][:2] == ["barbell-row", "lat-pulldown"]


def test_the_main_lift_keeps_its_sets_when_a_second_compound_is_added(real_catalogue):
    # A beginner's Romanian deadlift keeps its three sets on every day of a three-day plan;
    # the hip thrust and the pull-down come on the days the weekly ranges leave room (the
    # third day has none: glutes and lats are at the beginner's 12 sets).
    plan = real_plan(real_catalogue, equipment=["barbell", "dumbbells", "band", "bench",
                                                "cable"], minutes=60, weeks=1)
    sessions = plan.weeks[0].sessions
    for session in sessions:
        main = [e for e in session.exercises if e.role == "main" and e.pattern == "hinge"]
        assert main and all(e.sets == 3 for e in main)
    seconds = [e.id for s in sessions for e in s.exercises if e.role == "second"]
    assert seconds == ["hip-thrust", "lat-pulldown"]
