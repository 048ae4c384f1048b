"""`python -m generator new`: a commented file whose placeholders `check` lists one by one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.content import schema as S
from generator.content.formatting import modeline
from generator.content.loading import load_yaml
from generator.content.problems import ContentError
from generator.content.scaffold import slugify
from generator.content.validation import load_content
from generator.site.catalogue import build_catalogue
from generator.site.render import render_site

PULL_THROUGH = "content/exercises/cable-pull-through.yaml"

FILLED = {
    'summary: ""': "summary: Face away from a low cable and pull a rope through by standing tall.",
    "primary: [todo]": "primary: [glutes, hamstrings]",
    "secondary: []": "secondary: [erector-spinae]",
    "pattern: todo": "pattern: hinge",
    "mechanics: todo": "mechanics: compound",
    "level: todo": "level: intermediate",
    "equipment: [todo]": "equipment: [cable]",
    'steps:\n  - ""': "steps:\n  - Hold the rope between your legs.\n  - Push your hips back.",
    'do:\n    - ""': "do:\n    - Keep your back flat.",
    'dont:\n    - ""': "dont:\n    - Don't round your back.",
    'mistakes:\n  - ""': "mistakes:\n  - Bending the knees too much.",
    'safety:\n  - ""': "safety:\n  - Start with a light weight.",
    "variations: []": "variations: [band-pull-through]",
}


@pytest.fixture
def new(project, monkeypatch, capsys):
    """Run `new` in the project copy; returns (exit code, stdout, stderr)."""
    monkeypatch.chdir(project)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["new", *args, "--content", "content"])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_new_writes_a_file_named_after_the_name(project, new):
    code, out, _ = new("Cable pull-through")
    assert code == 0
    assert f"wrote {PULL_THROUGH}" in out
    loaded, problems = load_yaml(project / PULL_THROUGH, PULL_THROUGH)
    assert problems == []
    assert loaded.data["id"] == "cable-pull-through"
    assert loaded.data["name"] == "Cable pull-through"
    text = (project / PULL_THROUGH).read_text(encoding="utf-8")
    assert text.splitlines()[0] == modeline("exercise")


def test_check_on_a_new_file_lists_exactly_the_placeholders_to_fill_in(project, new):
    new("Cable pull-through")
    path = project / PULL_THROUGH
    lines = path.read_text(encoding="utf-8").splitlines()
    assert main(["check", "--content", "content", PULL_THROUGH]) == 1

    with pytest.raises(ContentError) as caught:
        load_content(project / "content", root=project)
    problems = caught.value.problems
    assert {p.path for p in problems} == {PULL_THROUGH}
    placeholder_lines = {n for n, line in enumerate(lines, start=1)
                         if re.search(r'(: |- |\[)(todo\]?|"")$', line)}
    assert {p.line for p in problems} == placeholder_lines
    messages = "\n".join(p.message for p in problems)
    assert "allowed: " + ", ".join(S.PATTERNS) in messages
    assert 'unknown muscle "todo"' in messages and "hamstrings" in messages
    assert 'unknown equipment "todo"' in messages and "barbell" in messages
    assert "summary must not be empty" in messages


def test_new_prints_the_to_do_list_straight_away(new):
    _, out, _ = new("Cable pull-through")
    assert "Fill in these 11 places" in out
    assert f"{PULL_THROUGH}:" in out and "pattern" in out


def test_comments_explain_each_field_with_values_from_the_schema_and_content(project, new):
    new("Cable pull-through")
    text = (project / PULL_THROUGH).read_text(encoding="utf-8")
    assert "# Movement pattern; one of " + ", ".join(S.PATTERNS) + "." in text
    assert ", ".join(S.LEVELS) in text
    for muscle in ("hamstrings", "glutes", "erector-spinae", "calves"):
        assert muscle in text
    assert "pull-up-bar" in text  # from content/equipment.yaml
    # the comments as one line, so a doc wrapped over several comment lines is found too
    comments = " ".join(re.sub(r"^\s*# ?", "", line) for line in text.splitlines()
                        if line.lstrip().startswith("#"))
    for f in S.EXERCISE.fields:
        assert f.doc[1:] in comments or f.name == "source", f.name
    assert max(len(line) for line in text.splitlines()) <= 100


def test_a_filled_in_scaffold_is_checked_formatted_and_published(project, new):
    new("Cable pull-through")
    path = project / PULL_THROUGH
    text = path.read_text(encoding="utf-8")
    for placeholder, value in FILLED.items():
        assert placeholder in text, placeholder
        text = text.replace(placeholder, value, 1)
    path.write_text(text, encoding="utf-8")

    assert main(["check", "--content", "content"]) == 0
    assert main(["fmt", "--check", "--content", "content", PULL_THROUGH]) == 0
    content = load_content(project / "content", root=project)
    pages = render_site(content)
    assert "# Cable pull-through" in pages["exercises/cable-pull-through.md"]
    assert "Cable pull-through" in pages["exercises/index.md"]
    catalogue = build_catalogue(content)
    entry = next(e for e in catalogue["exercises"] if e["id"] == "cable-pull-through")
    assert entry["primary"] == ["glutes", "hamstrings"]
    assert entry["equipment"] == ["cable"]


def test_new_refuses_to_overwrite_an_existing_exercise(project, new):
    path = project / "content/exercises/deadlift.yaml"
    before = path.read_text(encoding="utf-8")
    code, out, err = new("Deadlift")
    assert code == 1
    assert "already exists" in err and "deadlift.yaml" in err
    assert out == ""
    assert path.read_text(encoding="utf-8") == before


def test_a_second_new_with_the_same_name_keeps_the_first_file(project, new):
    new("Cable pull-through")
    path = project / PULL_THROUGH
    path.write_text(path.read_text(encoding="utf-8").replace('summary: ""', "summary: Mine."),
                    encoding="utf-8")
    code, _, err = new("Cable Pull-Through!")
    assert code == 1 and "already exists" in err
    assert "summary: Mine." in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["", "   ", "!!!", "x" * 81])
def test_a_name_that_cannot_become_an_exercise_is_a_usage_error(project, new, name):
    code, out, err = new(name)
    assert code == 2
    assert err.startswith("new: ") and out == ""
    assert sorted(p.name for p in (project / "content/exercises").iterdir()) == sorted(
        p.name for p in (Path(__file__).parents[2] / "content/exercises").iterdir())


def test_an_explicit_id_must_be_kebab_case(new):
    code, _, err = new("Cable pull-through", "--id", "Cable_Pull_Through")
    assert code == 2 and "not a valid id" in err
    assert new("Cable pull-through", "--id", "cpt")[0] == 0


def test_a_name_with_yaml_syntax_in_it_is_stored_exactly(project, new):
    name = 'Cable pull-through: "rope" #2 [gym] & more'
    code, _, _ = new(name)
    assert code == 0
    path = project / "content/exercises/cable-pull-through-rope-2-gym-more.yaml"
    loaded, problems = load_yaml(path, "x")
    assert problems == [] and loaded.data["name"] == name


@pytest.mark.parametrize(("name", "slug"), [
    ("Good morning", "good-morning"),
    ("90/90 Hamstring", "90-90-hamstring"),
    ("Jefferson curl (slow)", "jefferson-curl-slow"),
    ("Hüftstrecker Übung", "huftstrecker-ubung"),
    ("  --Reverse   hyper--  ", "reverse-hyper"),
])
def test_names_become_kebab_case_ids(name, slug):
    assert slugify(name) == slug
    assert re.match(S.ID_PATTERN, slug)
