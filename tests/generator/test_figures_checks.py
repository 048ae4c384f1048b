"""Physical checks of the movement figures (generator/site/figures/checks.py), through `generator
check`: each fixture in fixtures/figure-checks draws one real exercise wrong in one way, and
the checker names the pose's line; every real figure passes them all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.cli import main
from generator.site.figures.body3d import solve3d
from generator.site.figures.checks import CONTACT, MIDFOOT_TOLERANCE, physical_problems
from generator.site.figures.movement import build_scene

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted((ROOT / "tests/generator/fixtures/figure-checks").glob("*.yaml"))
EXERCISES = sorted((ROOT / "content" / "exercises").glob("*.yaml"))
PROBLEM = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


def splice(project: Path, fixture: Path) -> tuple[Path, int, str]:
    """The fixture's figure put into a copy of its host exercise: (file, expected line, words)."""
    text = fixture.read_text(encoding="utf-8")
    host = re.search(r"^# host: (\S+)", text, re.M)[1]
    target = project / "content" / "exercises" / f"{host}.yaml"
    original = target.read_text(encoding="utf-8")
    spliced = original[: original.index("\nfigure:") + 1] + text[text.index("figure:"):]
    target.write_text(spliced, encoding="utf-8")
    for number, line in enumerate(spliced.splitlines(), start=1):
        if "# expect:" in line:
            return target, number, line.split("# expect:")[1].strip()
    raise AssertionError(f"{fixture.name} marks no line with '# expect:'")


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_each_wrong_figure_is_reported_at_its_pose_in_plain_words(project, monkeypatch, capsys,
                                                                  fixture):
    path, line, words = splice(project, fixture)
    monkeypatch.chdir(project)
    code = main(["check", "--content", "content"])
    out, _ = capsys.readouterr()
    assert code == 1
    found = [PROBLEM.match(row) for row in out.splitlines()]
    assert all(found), out
    mine = [m for m in found if Path(m["path"]).name == path.name]
    assert any(int(m["line"]) == line and words in m["message"] for m in mine), out


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_every_real_figure_passes_the_physical_checks(path):
    exercise = load(path)
    scene = build_scene(exercise["figure"])
    assert physical_problems(scene, exercise["pattern"]) == []


def test_the_load_message_states_its_tolerance():
    fixture = load(ROOT / "tests/generator/fixtures/figure-checks/load-ahead-of-the-foot.yaml")
    [(where, message)] = physical_problems(build_scene(fixture["figure"]), "hinge")
    assert where == ["poses", 1, "joints"]
    assert f"within {MIDFOOT_TOLERANCE:.0f} cm" in message
    assert "in front of the middle of the foot" in message


def test_a_dumbbell_resting_beside_the_thigh_is_contact_not_a_collision():
    # arms hanging a little away from the body: the dumbbells touch the outside of the thighs
    figure = {"props": ["dumbbells"], "poses": [
        {"name": "a", "joints": {"neck": 0, "trunk": 0, "hip": 0, "knee": 0, "ankle": 0,
                                 "shoulder": 0, "elbow": 0, "shoulder_abduction": 8}},
        {"name": "b", "joints": {"neck": 5, "trunk": 0, "hip": 0, "knee": 0, "ankle": 0,
                                 "shoulder": 0, "elbow": 0, "shoulder_abduction": 8}},
    ]}
    assert physical_problems(build_scene(figure), "shrug") == []
    assert CONTACT > 0


def test_the_three_dimensional_body_agrees_with_the_side_view():
    from generator.site.figures.kinematics import solve

    joints = {"neck": -10, "trunk": 65, "hip": 90, "knee": 20, "ankle": -5, "shoulder": 52,
              "elbow": 30}
    side, body = solve(joints), solve3d(joints)
    for name in ("elbow", "grip", "knee", "ankle", "heel", "toe"):
        for s in ("right", "left"):
            x, y, _ = body.side(s, name)
            assert (x, y) == pytest.approx(side.points[name])
