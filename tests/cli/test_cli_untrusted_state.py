"""The database and the data folder are input: tampered rows, a damaged, locked or read-only database,
and a log folder that cannot be written each give one sentence, never a traceback, and touch nothing
outside the data folder."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.cli.test_cli_chat import assert_clean_failure
from tests.cli.test_cli_jobs import paths
from tests.conftest import CliRunner


def one_image(studio_cli: CliRunner) -> str:
    (made,) = paths(studio_cli("image", "a red fox", "-m", "dall-e-3").stdout)
    return made.stem


def test_gallery_actions_refuse_an_asset_row_that_points_outside_the_library(
        studio_cli: CliRunner, studio_home: Path, tmp_path: Path) -> None:
    asset_id = one_image(studio_cli)
    canary = tmp_path / "canary.txt"
    canary.write_text("not Relay Studio's")
    out = tmp_path / "out"
    out.mkdir()
    for stored in ("../canary.txt", str(canary), "library/../../canary.txt"):
        with sqlite3.connect(studio_home / "studio.sqlite3") as db:
            db.execute("UPDATE assets SET path = ? WHERE id = ?", (stored, asset_id))
        for args in (("delete", asset_id), ("export", asset_id, str(out)), ("show", asset_id)):
            result = studio_cli("gallery", *args)
            assert_clean_failure(result)
            assert "points outside the library" in result.stderr
        listed = studio_cli("gallery", "--json")
        assert listed.returncode == 0 and json.loads(listed.stdout) == []  # quarantined, with a warning
        assert "points outside the library" in listed.stderr
        assert canary.read_text() == "not Relay Studio's" and not list(out.iterdir())
    assert "points outside the library" in (studio_home / "logs" / "studio.log").read_text()


def test_a_job_row_with_broken_json_or_an_unknown_state_is_quarantined(studio_cli: CliRunner,
                                                                      studio_home: Path) -> None:
    one_image(studio_cli)
    one_image(studio_cli)
    jobs = json.loads(studio_cli("jobs", "--json").stdout)
    with sqlite3.connect(studio_home / "studio.sqlite3") as db:
        db.execute("UPDATE jobs SET metadata = '{not json' WHERE id = ?", (jobs[0]["job_id"],))
        db.execute("UPDATE jobs SET state = 'teleported' WHERE id = ?", (jobs[1]["job_id"],))
    image_id = one_image(studio_cli)  # new work is not held up by the damaged rows
    listed = studio_cli("jobs", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 1, listed.stderr
    assert listed.stderr.count("is damaged") == 2 and "Traceback" not in listed.stderr
    assert_clean_failure(studio_cli("jobs", "show", jobs[0]["job_id"]))
    assert studio_cli("jobs", "resume").returncode == 0
    assert image_id


def test_a_damaged_database_is_copied_aside_and_a_new_one_started(cli: CliRunner, studio_home: Path) -> None:
    studio_home.mkdir(parents=True)
    (studio_home / "studio.sqlite3").write_bytes(b"this is not a database, it was a disk error " * 200)
    first = cli("jobs")
    assert_clean_failure(first)
    assert "is damaged" not in first.stdout and "was damaged; it was copied aside to" in first.stderr
    (aside,) = (studio_home / "backups").glob("studio-damaged-*.sqlite3")
    assert aside.read_bytes().startswith(b"this is not a database")
    again = cli("jobs")
    assert again.returncode == 0 and again.stderr == "", again.stderr


def test_damage_found_while_running_is_one_sentence_and_repaired_at_the_next_start(
        studio_cli: CliRunner, studio_home: Path) -> None:
    one_image(studio_cli)
    database = studio_home / "studio.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = db.execute("PRAGMA page_size").fetchone()[0]
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'assets'").fetchone()[0]
    with database.open("r+b") as handle:  # scribble over the assets table's first page
        handle.seek((root - 1) * page)
        handle.write(b"\xde\xad" * (page // 2))
    result = studio_cli("gallery")
    assert_clean_failure(result)
    assert "is damaged" in result.stderr
    again = studio_cli("gallery")
    assert "was damaged; it was copied aside to" in again.stderr
    assert studio_cli("gallery").returncode == 0


@pytest.mark.slow
def test_a_locked_database_waits_a_bounded_time_then_says_so(studio_cli: CliRunner, studio_home: Path) -> None:
    holder = sqlite3.connect(studio_home / "studio.sqlite3", isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")  # another program keeps the database to itself
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE settings SET key = key")
        result = studio_cli("jobs", timeout=40)
    finally:
        holder.close()
    assert_clean_failure(result)
    assert "is locked by another program" in result.stderr


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` on a read-only bind mount (root ignores permission bits, so chmod cannot do this)."""
    made = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("cannot make a read-only bind mount here")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True, capture_output=True)
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_a_read_only_data_folder_is_one_sentence(studio_cli: CliRunner, studio_home: Path) -> None:
    one_image(studio_cli)
    with read_only(studio_home):
        for args in (("jobs",), ("gallery", "favorite", "x"), ("image", "a red fox", "-m", "dall-e-3")):
            result = studio_cli(*args)
            assert_clean_failure(result)
            assert "cannot be written" in result.stderr


def test_a_log_folder_that_cannot_be_written_is_one_sentence(cli: CliRunner, studio_home: Path) -> None:
    studio_home.mkdir(parents=True)
    (studio_home / "logs").write_text("a file where the log folder should be")
    result = cli("jobs")
    assert_clean_failure(result)
    assert "cannot be" in result.stderr and "logs" in result.stderr


def test_a_bug_is_one_sentence_on_stderr_and_its_traceback_only_in_the_log(cli: CliRunner, studio_home: Path) -> None:
    assert cli("jobs").returncode == 0
    with sqlite3.connect(studio_home / "studio.sqlite3") as db:  # a setting the code cannot use: a bug's stand-in
        db.execute("INSERT INTO settings(key, value) VALUES ('jobs.poll_scale', '\"fast\"')")
    result = cli("jobs", "resume")
    assert_clean_failure(result)
    assert result.stderr.startswith("studio: unexpected internal error (ValueError); details are in ")
    log = (studio_home / "logs" / "studio.log").read_text()
    assert "Traceback" in log and "could not convert string to float" in log
