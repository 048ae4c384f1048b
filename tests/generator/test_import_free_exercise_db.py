"""`python -m generator import free-exercise-db`: the sample becomes valid, published exercises."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.importers import free_exercise_db as fedb
from generator.content.loading import load_yaml
from generator.content.validation import load_content
from generator.site.catalogue import build_catalogue
from generator.site.render import render_site
from planner.catalogue import Catalogue

# 51 public-domain records kept in the repository, so the tests run on any checkout.
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "free-exercise-db"

# Records of the sample that map cleanly onto posterior-chain exercises.
EXPECTED = {
    "barbell-glute-bridge", "barbell-shrug", "bent-over-two-dumbbell-row",
    "romanian-deadlift-from-deficit", "v-bar-pullup", "one-arm-kettlebell-row",
    "dumbbell-seated-one-leg-calf-raise", "incline-bench-pull", "glute-ham-raise", "rack-pulls",
    "donkey-calf-raises", "weighted-pull-ups", "mixed-grip-chin", "reverse-flyes",
    "cable-seated-lateral-raise", "hip-lift-with-band", "seated-cable-rows",
}


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    shutil.copy(SAMPLE / "exercises.json", tmp_path / "exercises.json")
    return tmp_path / "exercises.json"


@pytest.fixture
def run_import(project, monkeypatch, capsys):
    monkeypatch.chdir(project)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["import", "free-exercise-db", *args, "--content", "content"])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def new_files(project: Path) -> set[str]:
    real = Path(__file__).resolve().parents[2] / "content" / "exercises"
    return ({p.stem for p in (project / "content/exercises").glob("*.yaml")}
            - {p.stem for p in real.glob("*.yaml")})


def test_the_sample_imports_into_files_that_pass_check(project, sample, run_import):
    code, out, _ = run_import(str(sample))
    assert code == 0
    imported = new_files(project)
    assert imported >= EXPECTED
    assert "check: the" in out and "new files are valid" in out
    assert main(["check", "--content", "content"]) == 0
    assert main(["fmt", "--check", "--content", "content"]) == 0


def test_imported_exercises_are_on_the_site_and_in_the_planner_catalogue(project, sample,
                                                                        run_import):
    run_import(str(sample))
    imported = new_files(project)
    content = load_content(project / "content", root=project)
    pages = render_site(content)
    for exercise_id in imported:
        page = pages[f"exercises/{exercise_id}.md"]
        assert "free-exercise-db" in page
        notice = page.index('!!! note "Imported: general coaching text"')
        assert notice < page.index("## Form cues")
    page = pages["exercises/barbell-glute-bridge.md"]
    assert ("imported from [free-exercise-db, record Barbell\\_Glute\\_Bridge]"
            "(https://github.com/yuhonas/free-exercise-db)") in page
    assert "general defaults, waiting for a person to write" in page
    assert "Imported: general coaching text" not in pages["exercises/deadlift.md"]
    assert "Barbell glute bridge" in pages["exercises/index.md"]
    catalogue = Catalogue.from_dict(build_catalogue(content))
    assert imported <= {e.id for e in catalogue.exercises}


def test_each_file_keeps_its_source_licence_and_record_id(project, sample, run_import):
    run_import(str(sample))
    path = project / "content/exercises/barbell-glute-bridge.yaml"
    loaded, problems = load_yaml(path, "x")
    assert problems == []
    assert loaded.data["source"] == {
        "name": "free-exercise-db",
        "url": "https://github.com/yuhonas/free-exercise-db",
        "license": "The Unlicense (public domain)",
        "id": "Barbell_Glute_Bridge",
    }
    text = path.read_text(encoding="utf-8")
    assert 'record "Barbell_Glute_Bridge"' in text.splitlines()[1]
    record = next(r for r in json.loads(sample.read_text()) if r["id"] == "Barbell_Glute_Bridge")
    assert loaded.data["steps"] == record["instructions"]
    assert loaded.data["muscles"]["primary"] == ["glutes"]
    assert loaded.data["pattern"] == "bridge"
    assert loaded.data["name"] == "Barbell glute bridge"


def test_muscles_and_equipment_are_mapped_by_the_tables(project, sample, run_import):
    run_import(str(sample))

    def data(exercise_id: str) -> dict:
        return load_yaml(project / f"content/exercises/{exercise_id}.yaml", "x")[0].data

    pullup = data("v-bar-pullup")  # "body only", but the name says it needs a bar
    assert pullup["equipment"] == ["pull-up-bar"]
    row = data("incline-bench-pull")  # middle back -> mid-back; shoulders in a row: not mapped
    assert row["muscles"] == {"primary": ["mid-back"], "secondary": ["lats"]}
    assert row["equipment"] == ["barbell", "bench"]
    assert data("romanian-deadlift-from-deficit")["muscles"]["secondary"] == [
        "forearms", "glutes", "erector-spinae", "mid-back"]
    assert data("glute-ham-raise")["level"] == "intermediate"


def test_the_report_says_what_was_skipped_and_what_could_not_be_mapped(sample, run_import):
    _, out, _ = run_import(str(sample))
    assert "51 records read" in out
    assert ("Ankle_Circles (Ankle Circles): category \"stretching\": Backchain plans sets of "
            "reps with rest, not held stretches") in out
    assert "Lunge_Pass_Through (Lunge Pass Through): a lunge:" in out
    assert 'Balance_Board (Balance Board): equipment "other" has no match among ours' in out
    assert ("Romanian_Deadlift (Romanian Deadlift): content/exercises/romanian-deadlift.yaml "
            "already exists") in out
    assert "is already the name of content/exercises/deadlift.yaml" in out
    assert 'muscle "chest": 2 records' in out
    assert 'muscle "triceps":' in out


def test_existing_files_are_never_overwritten(project, sample, run_import):
    rdl = project / "content/exercises/romanian-deadlift.yaml"
    before = rdl.read_text(encoding="utf-8")
    run_import(str(sample))
    assert rdl.read_text(encoding="utf-8") == before

    # A second import finds every file it would write already there.
    written = {p: p.read_text(encoding="utf-8") for p in (project / "content/exercises").iterdir()}
    code, out, _ = run_import(str(sample))
    assert code == 0
    assert "imported 0:" in out
    assert {p: p.read_text(encoding="utf-8")
            for p in (project / "content/exercises").iterdir()} == written


def test_a_dry_run_reports_without_writing(project, sample, run_import):
    code, out, _ = run_import(str(sample), "--dry-run")
    assert code == 0
    assert int(re.search(r"would import (\d+):", out).group(1)) >= len(EXPECTED)
    assert new_files(project) == set()


def record(**changes) -> dict:
    base = {"id": "Test_Row", "name": "Test Row", "force": "pull", "level": "beginner",
            "mechanic": "compound", "equipment": "dumbbell", "primaryMuscles": ["middle back"],
            "secondaryMuscles": ["biceps"], "instructions": ["Pull.", "Lower."],
            "category": "strength", "images": []}
    return {**base, **changes}


def convert(rec: dict):
    return fedb.convert(rec, fedb.known_content(Path(__file__).resolve().parents[2] / "content"))


def test_a_record_without_posterior_chain_muscles_is_skipped_with_the_reason():
    result = convert(record(primaryMuscles=["quadriceps"]))
    assert isinstance(result, fedb.Skipped)
    assert result.reason == "its primary muscles are not posterior-chain muscles"
    result = convert(record(primaryMuscles=["chest", "triceps"]))
    assert result.reason == "none of its primary muscles maps onto ours"
    assert result.unmapped == ('muscle "chest"', 'muscle "triceps"')


def test_a_word_missing_from_the_tables_is_reported_not_guessed():
    result = convert(record(secondaryMuscles=["wings"]))
    assert isinstance(result, fedb.Converted)
    assert result.exercise["muscles"]["primary"] == ["mid-back"]
    assert "secondary" not in result.exercise["muscles"]
    assert result.unmapped == ('muscle "wings" (not in the mapping table)',)


def test_incomplete_records_are_skipped():
    assert convert(record(instructions=[])).reason == "missing instructions"
    assert convert("not a record").reason.startswith("not a record")
    assert "level" in convert(record(level="godlike")).reason


def test_long_instructions_are_split_between_sentences():
    long_step = " ".join(["Keep your back flat and brace hard before you pull the weight."] * 12)
    result = convert(record(instructions=[long_step]))
    steps = result.exercise["steps"]
    assert len(steps) > 1 and all(len(s) <= 500 for s in steps)
    assert " ".join(steps) == long_step
    assert all(s.endswith(".") for s in steps)


def test_every_word_of_the_database_vocabulary_has_a_documented_mapping():
    vocabulary = json.loads((SAMPLE / "schema.json").read_text(encoding="utf-8"))["properties"]
    muscles = set(vocabulary["primaryMuscles"]["items"][0]["enum"])
    assert muscles == set(fedb.MUSCLES)
    assert set(vocabulary["equipment"]["enum"]) == set(fedb.EQUIPMENT)
    assert set(vocabulary["level"]["enum"]) == set(fedb.LEVELS)
    known = fedb.known_content(Path(__file__).resolve().parents[2] / "content")
    targets = ({m for m in fedb.MUSCLES.values() if m} | {"rear-delts", "mid-back"}
               | {m for table in fedb.MUSCLES_BY_PATTERN.values() for m in table.values()})
    assert targets <= set(known.muscles)
    assert {e for e in fedb.EQUIPMENT.values() if e} <= known.equipment


def test_a_file_that_is_not_json_is_reported_with_its_place(tmp_path, run_import):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "x",,}]', encoding="utf-8")
    code, out, err = run_import(str(bad))
    assert code == 1
    assert f"{bad}:1:" in err and "not valid JSON" in err
    assert out == ""
    code, _, err = run_import(str(tmp_path / "missing.json"))
    assert code == 1 and "no such file" in err


def test_import_without_a_source_is_a_usage_error(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["import"]) == 2
    with pytest.raises(SystemExit) as exited:
        main(["import", "some-other-db", "x.json"])
    assert exited.value.code == 2


def test_the_planner_can_schedule_an_imported_exercise(project, sample, run_import):
    from planner.formats import to_text
    from planner.plan import Plan, make_plan
    from planner.request import parse_request

    run_import(str(sample))
    catalogue = Catalogue.from_dict(build_catalogue(load_content(project / "content",
                                                                 root=project)))
    request = parse_request({
        "split": "three-total-body", "days": ["mon", "wed", "fri"],
        "equipment": ["barbell", "dumbbells", "kettlebell", "pull-up-bar", "bench", "cable",
                      "band", "machine"],
        "level": "intermediate", "minutes": 60, "weeks": 1, "start": "2026-11-30",
        "focus": None, "exclude": [], "prefer": ["barbell-shrug"]}, catalogue)
    plan = make_plan(catalogue, request)
    assert isinstance(plan, Plan), to_text(plan)
    assert "Barbell shrug" in to_text(plan)


# --- the mapping rules, each shown on a record of the sample ----------------------------------


def sample_record(record_id: str) -> dict:
    records = json.loads((SAMPLE / "exercises.json").read_text(encoding="utf-8"))
    return next(r for r in records if r["id"] == record_id)


def converted(record_id: str) -> dict:
    result = convert(sample_record(record_id))
    assert isinstance(result, fedb.Converted), result
    return result.exercise


def skipped(record_id: str) -> fedb.Skipped:
    result = convert(sample_record(record_id))
    assert isinstance(result, fedb.Skipped), result
    return result


def test_shoulders_in_a_row_or_pulldown_are_not_taken_for_rear_delts():
    row = convert(sample_record("Bent_Over_Two-Dumbbell_Row"))
    assert "rear-delts" not in row.exercise["muscles"]["secondary"]
    assert 'muscle "shoulders"' in row.unmapped
    assert "rear-delts" not in converted("V-Bar_Pullup")["muscles"]["secondary"]


def test_shoulders_are_the_rear_delts_in_a_fly():
    fly = converted("Reverse_Flyes")
    assert fly["pattern"] == "fly"
    assert fly["muscles"]["primary"] == ["rear-delts"]


def test_a_lateral_raise_done_bent_over_is_a_rear_delt_fly():
    # "Bend forward ... rest your torso on the thighs": the instructions say it is bent over.
    raise_ = converted("Cable_Seated_Lateral_Raise")
    assert raise_["pattern"] == "fly"
    assert raise_["muscles"]["primary"] == ["rear-delts"]


def test_upright_rows_and_raises_for_the_side_shoulders_are_skipped_as_side_delt_work():
    upright = skipped("Upright_Barbell_Row")  # "use the sides of your shoulders"
    assert upright.label == "side-delt work"
    assert "not posterior-chain" in upright.reason
    # The name says only "Dumbbell Raise"; the instructions say "use your side shoulders".
    assert skipped("Dumbbell_Raise").label == "side-delt work"


def test_ballistic_lifts_are_skipped_not_given_slow_reps():
    for record_id in ("Power_Clean", "One-Arm_Kettlebell_Snatch"):
        result = skipped(record_id)
        assert result.label == "a ballistic lift"
        assert "3 × 10–12" in result.reason and "move under control" in result.reason


def test_isometric_holds_are_skipped_not_given_reps():
    result = skipped("Isometric_Neck_Exercise_-_Front_And_Back")
    assert result.label == "an isometric hold"
    assert "seconds held, not in reps" in result.reason


def test_a_partner_resisted_exercise_is_skipped():
    result = skipped("Prone_Manual_Hamstring")
    assert result.label == "resisted by a partner"


def test_a_glute_ham_raise_is_a_curl_not_a_raise():
    assert converted("Glute_Ham_Raise")["pattern"] == "curl"


def test_a_rack_pull_is_a_hinge_not_an_extension():
    assert converted("Rack_Pulls")["pattern"] == "hinge"


def test_a_monster_walk_is_skipped_as_a_hip_abduction_not_a_carry():
    result = skipped("Monster_Walk")
    assert result.label == "a hip abduction"
    assert "no hip-abduction pattern" in result.reason


def test_a_glute_kickback_is_skipped_not_filed_as_a_bridge():
    result = skipped("Glute_Kickback")
    assert result.label == "a glute kickback"
    assert "none of our patterns" in result.reason


def test_a_bridge_is_told_from_the_instructions_when_the_name_says_nothing():
    # "Hip Lift with Band": feet flat on the floor, "drive through your heels to raise your hips".
    assert converted("Hip_Lift_with_Band")["pattern"] == "bridge"


def test_near_duplicates_of_our_exercises_are_skipped_by_normalised_name():
    for record_id, ours in (("Pullups", "pull-up"), ("Chin-Up", "pull-up"),
                            ("Lying_Leg_Curls", "lying-leg-curl")):
        result = skipped(record_id)
        assert result.label == fedb.ALREADY_THERE
        assert f"near-duplicate of content/exercises/{ours}.yaml" in result.reason


def test_hyperextensions_are_our_back_extension():
    result = skipped("Hyperextensions_Back_Extensions")
    assert "near-duplicate of content/exercises/back-extension.yaml" in result.reason


def test_a_donkey_calf_raise_is_a_raise_on_a_machine():
    # Equipment "other"; the instructions name "a donkey calf raise machine".
    raise_ = converted("Donkey_Calf_Raises")
    assert raise_["pattern"] == "raise"
    assert raise_["equipment"] == ["machine"]


def test_pull_ups_spelled_with_a_space_and_chins_are_pulls_on_a_bar():
    for record_id in ("Weighted_Pull_Ups", "Mixed_Grip_Chin"):
        exercise = converted(record_id)
        assert exercise["pattern"] == "pull"
        assert exercise["equipment"] == ["pull-up-bar"]


def test_middle_back_is_the_mid_back_and_every_row_works_it():
    assert converted("One-Arm_Kettlebell_Row")["muscles"]["primary"] == ["mid-back"]
    seated = converted("Seated_Cable_Rows")  # free-exercise-db: middle back primary
    assert "mid-back" in seated["muscles"]["primary"] + seated["muscles"]["secondary"]
    rocky = converted("Rocky_Pull-Ups_Pulldowns")  # a pull lists "middle back" too
    assert "mid-back" in rocky["muscles"]["secondary"]


def test_traps_are_the_upper_traps_only_in_a_shrug():
    assert converted("Barbell_Shrug")["muscles"]["primary"] == ["upper-traps"]
    rdl = converted("Romanian_Deadlift_from_Deficit")
    assert "upper-traps" not in rdl["muscles"]["secondary"]
    assert "mid-back" in rdl["muscles"]["secondary"]


def test_a_skip_reason_names_the_movement_in_good_grammar():
    assert skipped("Bench_Dips").reason.startswith("a dip: Backchain has no such movement")


def test_names_are_compared_without_case_punctuation_plurals_or_aliases():
    from generator.content.importers.names import candidates, normalise

    assert {normalise(n) for n in ("Pull-up", "Pullups", "Pull Ups", "Chin-Up", "Chins")} == {
        "pullup"}
    assert normalise("Reverse Flyes") == normalise("reverse fly")
    assert normalise("One-Arm Dumbbell Row") == normalise("Single-arm dumbbell row")
    assert candidates("Hyperextensions (Back Extensions)")[1] == "backextension"
    assert normalise("Band Good Morning") not in candidates("Band Good Morning (Pull Through)")


def test_the_report_ends_with_a_count_per_skip_reason(sample, run_import):
    _, out, _ = run_import(str(sample), "--dry-run")
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r"skipped \d+, by reason:", line))
    counts = [re.match(r" +(\d+)  (.+)", line).groups() for line in lines[start + 1:]]
    assert sum(int(n) for n, _ in counts) == int(re.search(r"skipped (\d+):", out).group(1))
    assert ("10", 'category "stretching": Backchain plans sets of reps with rest, not held '
                  "stretches") in counts
    assert ("2", "a ballistic lift") in counts
    assert ("6", fedb.ALREADY_THERE) in counts


def test_the_import_notice_escapes_its_source_and_links_only_web_addresses(project):
    from generator.site.render import environment, render_exercise

    content = load_content(project / "content", root=project)
    exercise = {**next(e for e in content.exercises if e["id"] == "deadlift"), "source": {
        "name": "<script>alert(1)</script> [x](javascript:y)", "license": "x",
        "url": "https://example.org/a)(<img_src=x>", "id": "*id*"}}
    page = render_exercise(environment(), exercise, content)
    line = next(x for x in page.splitlines() if "imported from" in x)
    assert "<script>" not in line and "<img" not in line and "&lt;script&gt;" in line
    assert "\\[x\\]" in line and "\\*id\\*" in line
    assert "](https://example.org/a%29%28%3Cimg_src=x%3E)" in line
    exercise["source"] = {**exercise["source"], "url": "javascript:alert(1)"}
    line = next(x for x in render_exercise(environment(), exercise, content).splitlines()
                if "imported from" in x)
    assert "javascript:alert" not in line
