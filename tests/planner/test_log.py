"""The set log: every field checked, one plain sentence for the first problem, older shapes
upgraded, newer ones refused, and the same log back from its JSON and its CSV."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner import browser
from planner.log import (
    CSV_HEADER,
    LOG_VERSION,
    MAX_IMPORT_BYTES,
    MAX_SETS,
    LogError,
    dumps_log,
    loads_log,
    log_from_csv,
    log_to_csv,
    log_to_dict,
    migrate,
    parse_log,
)


def a_set(**changes) -> dict:
    base = {
        "id": "s1",
        "date": "2026-11-30",
        "day": "mon",
        "exercise": "romanian-deadlift",
        "set": 1,
        "load": 60,
        "reps": 10,
        "rir": 2,
    }
    return {**base, **changes}


def log_of(*sets: dict) -> dict:
    return {"schema_version": LOG_VERSION, "sets": list(sets)}


def refusal(data) -> str:
    with pytest.raises(LogError) as info:
        parse_log(data)
    return info.value.message


def test_a_well_formed_log_is_kept_whole_and_sorted_by_date_exercise_and_set():
    log = parse_log(
        log_of(
            a_set(id="b", date="2026-12-02", set=2),
            a_set(id="a", date="2026-12-02", set=1, note="grip slipped"),
            a_set(id="c", date="2026-11-30", exercise="glute-bridge", load=0, day=None),
        )
    )
    assert [s.id for s in log.sets] == ["c", "a", "b"]
    assert log.sets[1].note == "grip slipped"
    assert log.sets[0].day is None and log.sets[0].load == 0


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"load": -5}, "Set 1 of the log has the load -5; a load is a number of kilograms"),
        ({"load": 5000}, "from 0 (bodyweight) to 1000"),
        ({"load": "60"}, "has the load '60'"),
        ({"load": float("nan")}, "has the load nan"),
        ({"reps": 2.5}, "has reps 2.5; it must be a whole number from 0 to 1000."),
        ({"reps": True}, "has reps True"),
        ({"rir": 11}, "has reps in reserve 11; it must be a whole number from 0 to 10."),
        ({"set": 0}, "has the set number 0"),
        ({"date": "30/11/2026"}, "a date is written YYYY-MM-DD"),
        ({"date": "2026-02-30"}, "has the date '2026-02-30'"),
        ({"date": "20261130"}, "has the date '20261130'"),
        ({"day": "monday"}, "has the day 'monday'; a day is one of mon, tue"),
        ({"exercise": "Romanian Deadlift"}, "an id is lower-case letters, digits and hyphens"),
        ({"exercise": "x" * 81}, "has an exercise id longer than 80 characters."),
        ({"id": ""}, "has an empty id."),
        ({"id": 7}, "has an id that is not text."),
        ({"note": "n" * 501}, "has a note longer than 500 characters."),
        ({"note": "bad\x00note"}, "has a note with control characters in it."),
        ({"weight": 60}, "has the unknown field 'weight'"),
    ],
)
def test_a_bad_field_is_refused_in_one_sentence_that_names_the_set(change, words):
    message = refusal(log_of(a_set(**change)))
    assert words in message
    assert message.startswith("Set 1 of the log") and message.replace("e.g. ", "").count(". ") == 0


def test_a_missing_field_is_named():
    item = a_set()
    del item["rir"]
    assert refusal(log_of(item)) == "Set 1 of the log has no 'rir', which every set needs."


def test_two_sets_with_one_id_are_refused():
    message = refusal(log_of(a_set(), a_set(set=2)))
    assert message == "Two sets of the log have the id 's1'; each set needs its own."


def test_a_log_from_a_newer_version_is_refused_rather_than_guessed_at():
    assert refusal({"schema_version": 2, "sets": []}) == (
        "This log was written by a newer version of Backchain (schema 2); this page reads "
        "version 1."
    )


@pytest.mark.parametrize(
    "data", [None, "log", 3, {"sets": []}, {"schema_version": "1", "sets": []}]
)
def test_something_that_is_not_a_log_is_refused(data):
    assert refusal(data).endswith(".")


def test_a_long_value_is_quoted_short_in_the_message():
    message = refusal(log_of(a_set(date="9" * 10_000)))
    assert len(message) < 200


def test_the_set_limit_is_checked_before_the_sets():
    sets = [a_set(id=f"s{n}", set=1) for n in range(MAX_SETS + 1)]
    assert refusal(log_of(*sets)) == (
        f"The log has {MAX_SETS + 1:,} sets; the most a log can hold is {MAX_SETS:,}."
    )
    assert len(parse_log(log_of(*sets[:MAX_SETS])).sets) == MAX_SETS


def test_text_larger_than_the_import_limit_is_refused_unread():
    with pytest.raises(LogError, match="larger than 5 MB"):
        loads_log(" " * (MAX_IMPORT_BYTES + 1))
    with pytest.raises(LogError, match="larger than 5 MB"):
        log_from_csv(",".join(CSV_HEADER) + "\n" + "x" * MAX_IMPORT_BYTES)


def test_malformed_json_is_refused_with_where():
    with pytest.raises(LogError, match=r"not valid JSON at line 1, column 2\.$"):
        loads_log("{oops")


def test_version_0_a_bare_list_of_sets_is_upgraded_with_stable_ids():
    old = [
        {
            "date": "2026-11-30",
            "exercise": "glute-bridge",
            "set": 1,
            "load": 0,
            "reps": 12,
            "rir": 3,
        },
        {
            "date": "2026-11-30",
            "exercise": "glute-bridge",
            "set": 2,
            "load": 0,
            "reps": 11,
            "rir": 2,
        },
    ]
    upgraded = migrate(old)
    assert upgraded["schema_version"] == LOG_VERSION
    assert [s["id"] for s in upgraded["sets"]] == ["v0-1", "v0-2"]
    assert parse_log(old) == parse_log(upgraded) == parse_log(migrate(old))
    # The current version passes through untouched.
    current = log_of(a_set())
    assert migrate(current) is current


def test_the_canonical_json_reads_back_as_the_same_log_and_the_same_bytes():
    log = parse_log(log_of(a_set(load=62.5, note="é ✓"), a_set(id="s2", set=2, load=60.0)))
    text = dumps_log(log)
    assert parse_log(json.loads(text)) == log
    assert dumps_log(loads_log(text)) == text
    assert '"load":60,' in text  # a whole number of kilograms is written as one


def test_the_csv_has_the_contract_columns_first_and_reads_back_as_the_same_log():
    log = parse_log(
        log_of(
            a_set(note='said "easy", then, well'),
            a_set(id="=cmd", set=2, note="-3 kg next time", day=None),
            a_set(id="s3", set=3, load=61.25, note="line\nbreak"),
        )
    )
    text = log_to_csv(log)
    assert text.splitlines()[0] == ",".join(CSV_HEADER) + ",day,id"
    # A spreadsheet would run a cell starting with = or - as a formula.
    assert "'-3 kg next time" in text and "'=cmd" in text
    assert log_from_csv(text) == log
    assert log_to_csv(log_from_csv(text)) == text


def test_a_hand_typed_csv_with_the_seven_columns_imports():
    text = "\ufeffdate,exercise,set,load,reps,rir,note\n2026-11-30,glute-bridge,1,0,12,3,\n"
    log = log_from_csv(text)
    assert [(s.id, s.exercise, s.load, s.reps, s.note) for s in log.sets] == [
        ("csv-1", "glute-bridge", 0.0, 12, None)
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "The CSV file is empty"),
        ("when,what\n", "The CSV file's first line must be date,exercise,set,load,reps,rir,note."),
        ("date,exercise,set,load,reps,rir,note\n2026-11-30,x,1\n", "Line 2 of the CSV file has 3"),
        (
            "date,exercise,set,load,reps,rir,note\n2026-11-30,x,1,heavy,5,2,\n",
            "has the load 'heavy'",
        ),
    ],
)
def test_a_bad_csv_is_refused_in_one_sentence(text, words):
    with pytest.raises(LogError) as info:
        log_from_csv(text)
    assert words in info.value.message


def test_the_browser_entries_answer_in_envelopes_and_never_raise():
    good = json.dumps(log_of(a_set()))
    answer = json.loads(browser.parse_log_json(good))
    assert answer == {
        "status": "ok",
        "message": "",
        "log": log_to_dict(parse_log(json.loads(good))),
    }
    csv_answer = json.loads(browser.log_csv(good))
    assert csv_answer["status"] == "ok" and csv_answer["csv"].startswith("date,exercise,")
    back = json.loads(browser.log_from_csv(csv_answer["csv"]))
    assert back["log"] == answer["log"]
    for bad in ("{", "[1]", json.dumps({"schema_version": 9, "sets": []}), "[" * 100_000):
        for entry in (browser.parse_log_json, browser.log_csv):
            refused = json.loads(entry(bad))
            assert refused["status"] == "error" and refused["message"].endswith(".")
    assert json.loads(browser.log_from_csv("nope"))["status"] == "error"
    assert json.loads(browser.parse_log_json(None))["message"] == "The log is not text."


SETS = st.fixed_dictionaries(
    {
        "date": st.dates().map(lambda d: d.isoformat()),
        "exercise": st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True),
        "set": st.integers(1, 100),
        "load": st.floats(0, 1000, allow_nan=False) | st.integers(0, 1000),
        "reps": st.integers(0, 1000),
        "rir": st.integers(0, 10),
    },
    optional={
        "day": st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
        "note": st.text(
            st.characters(blacklist_categories=("Cs",), min_codepoint=9).filter(
                lambda c: c in "\t\n" or ord(c) >= 32
            ),
            max_size=30,
        ),
    },
)


@settings(max_examples=60, deadline=None)
@given(st.lists(SETS, max_size=8))
def test_any_valid_log_reads_back_the_same_from_json_and_from_csv(sets):
    log = parse_log([{"id": f"s{n}", **s} for n, s in enumerate(sets)])
    assert loads_log(dumps_log(log)) == log
    assert log_from_csv(log_to_csv(log)) == log
