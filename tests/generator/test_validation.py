"""Bad content gets `path:line:col: message`, every problem at once, and nothing is built."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build.generate import generate
from generator.content.problems import ContentError
from generator.content.validation import load_content
from tests.conftest import ROOT, edit, line_of

RDL = "content/exercises/romanian-deadlift.yaml"


def problems_of(project: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(project / "content", root=project)
    return [str(p) for p in caught.value.problems]


def test_the_real_content_is_valid():
    content = load_content(Path("content"))
    assert len(content.exercises) >= 15


def test_malformed_yaml_points_at_the_line(project):
    path = project / RDL
    edit(path, "pattern: hinge", "pattern: [hinge")
    problems = problems_of(project)
    assert len(problems) == 1
    assert problems[0].startswith(f"{RDL}:")
    assert "YAML syntax error" in problems[0]
    line = int(problems[0].split(":")[1])
    assert line >= line_of(path, "pattern: [hinge")


@pytest.mark.parametrize("old, new, where, says", [
    ("name: Romanian deadlift", 'name: "Romanian deadlift', "name:", "has no closing quote"),
    ("mechanics: compound", "\tmechanics: compound", "mechanics:", "a tab character"),
    ("mechanics: compound", "  mechanics: compound", "mechanics:", "indented more than the key"),
    ("pattern: hinge", "pattern: Hinge: the hip", "pattern:", "put the text in quotes"),
    ("  secondary: [erector-spinae, forearms]", "   secondary: [erector-spinae, forearms]",
     "secondary:", "not lined up"),
    ("equipment: [barbell]", "equipment: [barbell", "equipment:", "[ ] opened here is not closed"),
    ("pattern: hinge", "pattern: *hinge", "pattern:", "put the text in quotes"),
    ("  - Reaching for the floor with a rounded back",
     "  - 'Don't reach for the floor with a rounded back'", "Don't reach",
     "the text goes on after its closing quote"),
])  # fmt: skip
def test_a_yaml_mistake_is_named_in_plain_words_on_the_line_it_is_made(
    project, old, new, where, says
):
    path = project / RDL
    edit(path, old, new)

    (problem,) = problems_of(project)

    assert problem.startswith(f"{RDL}:{line_of(path, where)}:"), problem
    assert "YAML syntax error: " in problem and says in problem


def test_missing_required_field_names_the_field_and_what_it_holds(project):
    edit(project / RDL, "mechanics: compound\n", "")
    (problem,) = problems_of(project)
    assert problem.startswith(f"{RDL}:1:1: ")
    assert 'missing required field "mechanics"' in problem
    assert "compound, isolation" in problem


def test_wrong_type_says_what_was_expected(project):
    path = project / RDL
    edit(path, "  sets: 3", "  sets: three")
    (problem,) = problems_of(project)
    line = line_of(path, "sets: three")
    assert problem.startswith(f"{RDL}:{line}:9: ")
    assert "prescription.sets must be a whole number from 1 to 10" in problem


def test_unknown_muscle_id_suggests_the_near_miss(project):
    path = project / RDL
    edit(path, "primary: [hamstrings", "primary: [hamstring")
    (problem,) = problems_of(project)
    line = line_of(path, "primary: [hamstring")
    assert problem.startswith(f"{RDL}:{line}:")
    assert 'unknown muscle "hamstring" (did you mean "hamstrings"?)' in problem


def test_link_to_missing_exercise_is_reported(project):
    path = project / RDL
    edit(path, "band-pull-through, glute-bridge]", "band-pull-through, glute-bridges]")
    (problem,) = problems_of(project)
    assert problem.startswith(f"{RDL}:{line_of(path, 'glute-bridges')}:")
    assert 'unknown exercise "glute-bridges" (did you mean "glute-bridge"?)' in problem


def test_duplicate_id_names_both_places(project):
    exercises = project / "content/exercises"
    copy = exercises / "glute-bridge.yaml"
    (exercises / "zz-copy.yaml").write_text(copy.read_text())
    problems = problems_of(project)
    assert any('duplicate exercise id "glute-bridge"' in p and "content/exercises/glute-bridge.yaml"
               in p for p in problems)
    assert any(p.startswith("content/exercises/zz-copy.yaml:") and "must match the file name" in p
               for p in problems)


def test_a_copy_is_told_about_the_duplicate_even_when_its_name_sorts_first(project):
    exercises = project / "content/exercises"
    (exercises / "chin-up.yaml").write_text((exercises / "pull-up.yaml").read_text())
    problems = problems_of(project)
    assert [p.split(":")[0] for p in problems] == ["content/exercises/chin-up.yaml"] * 2
    assert any('duplicate exercise id "pull-up" (first defined at '
               "content/exercises/pull-up.yaml:" in p for p in problems)


def test_an_exercise_in_a_sub_folder_is_not_left_out_silently(project):
    folder = project / "content/exercises/hinges"
    folder.mkdir()
    (folder / "good-morning.yaml").write_text("id: good-morning\n")
    assert problems_of(project) == [
        "content/exercises/hinges/good-morning.yaml:1:1: exercise files are read from "
        "content/exercises/ itself, not from sub-folders: move this file up one level to "
        "publish it, or out of content/ to keep it as a draft"
    ]


def test_file_name_must_equal_id(project):
    exercises = project / "content/exercises"
    (exercises / "glute-bridge.yaml").rename(exercises / "bridge.yaml")
    problems = problems_of(project)
    assert any(p.startswith("content/exercises/bridge.yaml:") and 'id "glute-bridge" must match '
               'the file name "bridge"' in p for p in problems)


def test_range_with_min_above_max_is_refused(project):
    path = project / RDL
    text = path.read_text()
    assert "reps: {min: 10, max: 12}" in text or "min: 10" in text
    if "reps: {min: 10, max: 12}" in text:
        edit(path, "reps: {min: 10, max: 12}", "reps: {min: 12, max: 10}")
    else:
        edit(path, "min: 10\n", "min: 14\n")
    (problem,) = problems_of(project)
    assert "prescription.reps: min (1" in problem and "is greater than max" in problem


def test_python_tags_are_refused_and_never_constructed(project, tmp_path):
    marker = tmp_path / "pwned"
    path = project / RDL
    edit(path, "pattern: hinge",
         f'pattern: !!python/object/apply:os.system ["touch {marker}"]')
    (problem,) = problems_of(project)
    assert problem.startswith(f"{RDL}:{line_of(path, 'python/object')}:")
    assert "YAML tags such as !!python/object/apply:os.system are not allowed" in problem
    assert not marker.exists()


def test_every_problem_is_reported_at_once(project):
    edit(project / RDL, "mechanics: compound", "mechanics: compund")
    edit(project / "content/exercises/glute-bridge.yaml", "level: beginner", "level: expert")
    edit(project / "content/muscles.yaml", "region: lower", "region: middle")
    problems = problems_of(project)
    assert any('"compund" is not allowed (did you mean "compound"?)' in p for p in problems)
    assert any('"expert" is not allowed' in p for p in problems)
    assert any(p.startswith("content/muscles.yaml:") and '"middle"' in p for p in problems)


def test_unknown_field_suggests_the_right_name(project):
    edit(project / RDL, "summary:", "sumary:")
    problems = problems_of(project)
    assert any('unknown field "sumary" (did you mean "summary"?)' in p for p in problems)


def test_a_failed_generation_leaves_the_previous_docs_untouched(project):
    for needed in ("node_modules", "planner"):  # the browser planner's runtime and wheel
        (project / needed).symlink_to(ROOT / needed)
    shutil.copy(ROOT / "package-lock.json", project)  # pins the runtime the build checks
    docs = project / "docs"
    generate(project, docs)
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    edit(project / RDL, "level: beginner", "level: 3")
    with pytest.raises(ContentError):
        generate(project, docs)
    after = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    assert after == before


def test_a_figure_with_one_pose_is_reported_once(project):
    path = project / RDL
    edit(path, "    - name: bottom\n", "    - name: bottom\n      drop: me\n")
    text = path.read_text(encoding="utf-8")
    start = text.index("    - name: bottom")
    end = text.index("\n", text.index("      joints:", start)) + 1
    path.write_text(text[:start] + text[end:], encoding="utf-8")

    problems = problems_of(project)

    assert [p for p in problems if "poses" in p] == [
        f"{RDL}:{line_of(path, 'poses:') + 1}:5: figure.poses needs at least 2 items"
    ]


def test_an_empty_value_says_so_and_what_to_write(project):
    edit(project / RDL, "level: beginner", "level:")
    (problem,) = problems_of(project)
    line = line_of(project / RDL, "level:")
    assert problem == (f"{RDL}:{line}:1: level is empty; write one of beginner, intermediate, "
                       "advanced")


def test_text_that_yaml_read_as_a_mapping_gets_the_hint_to_quote_it(project):
    edit(project / RDL, "  - Reaching for the floor", "  - Tip: reaching for the floor")
    (problem,) = problems_of(project)
    assert "must be text, not a mapping: a text that contains ': ' must be in quotes" in problem


def test_a_file_that_is_not_a_mapping_names_the_file_as_the_subject(project):
    (project / RDL).write_text("- just\n- a list\n", encoding="utf-8")
    problems = problems_of(project)
    assert f"{RDL}:1:1: the file must be a mapping of fields, not a list" in problems


def test_min_above_max_is_reported_alongside_the_other_problems_of_its_mapping(project):
    edit(project / RDL, "reps: {min: 10, max: 12}", "reps: {min: 30, old: 10, max: 12}")
    problems = problems_of(project)
    assert any('unknown field "prescription.reps.old"' in p for p in problems)
    assert any("min (30) is greater than max (12)" in p for p in problems)


def test_an_unclosed_quote_is_found_even_when_yaml_gives_up_far_below_it(project):
    path = project / RDL
    edit(path, "name: Romanian deadlift", 'name: "Romanian deadlift')
    edit(path, "mistakes:", '# A "quote" in a comment\nmistakes:')

    (problem,) = problems_of(project)

    assert problem.startswith(f"{RDL}:{line_of(path, 'name:')}:7: "), problem
    assert "no closing quote" in problem


def test_a_file_that_ends_inside_a_value_says_so(project):
    path = project / RDL
    path.write_text(path.read_text(encoding="utf-8") + "aliases_extra: [\n", encoding="utf-8")
    (problem,) = problems_of(project)
    assert "the file ends where YAML still expects a value" in problem


def test_an_unreadable_muscles_file_is_the_one_problem_not_every_muscle_named_elsewhere(project):
    path = project / "content/muscles.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "x\n", encoding="utf-8")
    problems = problems_of(project)
    assert [p.split(":")[0] for p in problems] == ["content/muscles.yaml"]
