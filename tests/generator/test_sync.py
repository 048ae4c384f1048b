"""Writing the docs folder: only what changed is written, and what is there is what was asked.

Under `mkdocs serve` one process rebuilds many times; it remembers what it wrote so that a
rebuild does not read three thousand unchanged files back, but a file changed behind its back
is still put right.
"""

from __future__ import annotations

from pathlib import Path

from generator.build.generate import MANIFEST, Written, sync


def test_only_changed_files_are_written_and_removed_ones_deleted(tmp_path: Path):
    assert sync(tmp_path, {"a.md": "one", "b/c.md": "two"}) == (2, 0)
    assert sync(tmp_path, {"a.md": "one", "b/c.md": "two"}) == (0, 0)
    assert sync(tmp_path, {"a.md": "uno"}) == (1, 1)
    assert (tmp_path / "a.md").read_text() == "uno"
    assert not (tmp_path / "b" / "c.md").exists()
    assert (tmp_path / MANIFEST).read_text() == "a.md"


def test_an_unchanged_file_keeps_its_time_so_the_server_does_not_rebuild_in_a_loop(tmp_path):
    sync(tmp_path, {"a.md": "one"})
    before = (tmp_path / "a.md").stat().st_mtime_ns
    sync(tmp_path, {"a.md": "one"}, Written())
    assert (tmp_path / "a.md").stat().st_mtime_ns == before


def test_a_process_that_remembers_what_it_wrote_still_mends_a_file_changed_behind_its_back(
        tmp_path: Path):
    written = Written()
    files = {"exercises/rdl.md": "# Romanian deadlift\n", "assets/x.svg": b"<svg/>"}
    assert sync(tmp_path, files, written) == (2, 0)
    assert sync(tmp_path, files, written) == (0, 0)
    (tmp_path / "exercises" / "rdl.md").write_text("# edited by hand, a different length\n")
    (tmp_path / "assets" / "x.svg").unlink()
    assert sync(tmp_path, files, written) == (2, 0)
    assert (tmp_path / "exercises" / "rdl.md").read_text() == "# Romanian deadlift\n"
    assert (tmp_path / "assets" / "x.svg").read_bytes() == b"<svg/>"


def test_a_remembered_file_is_written_again_when_its_words_change(tmp_path: Path):
    written = Written()
    sync(tmp_path, {"a.md": "one"}, written)
    assert sync(tmp_path, {"a.md": "two"}, written) == (1, 0)
    assert (tmp_path / "a.md").read_text() == "two"
