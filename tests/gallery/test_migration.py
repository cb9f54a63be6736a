"""Schema 3 (assets) is added to an existing schema-2 database without touching what it holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio.gallery.store import GalleryStore
from studio.jobs.store import JobStore
from studio.storage import db as dbmod
from studio.storage.conversations import ConversationStore
from studio.storage.db import Database
from studio.storage.migrations import MIGRATIONS
from tests.gallery.images import write_image


def test_v2_database_with_data_is_migrated_to_the_latest_schema(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(MIGRATIONS) >= 3
    path = tmp_path / "studio.sqlite3"
    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS[:2])
    old = Database(path, backup_dir=tmp_path / "backups")
    assert old.schema_version == 2
    old.execute(  # a job as a schema-2 version saved it: the engine's fields and describe's prompts in metadata
        "INSERT INTO jobs(id, capability, family, profile, model, prompt, request, state, metadata, result_urls,"
        " created_at, updated_at) VALUES ('j1', 'mj', 'midjourney', 'p', 'mj', 'a lighthouse', '{}', 'failed', ?, ?,"
        " 1, 1)", (json.dumps({"runner_pid": "1:2", "poll_errors": 2, "remote_only": [0], "failed_remotely": True,
                               "result_kinds": ["image"], "prompts": ["one", "two"], "buttons": []}),
                   json.dumps(["https://cdn.example/a.png"])))
    conversations = ConversationStore(old, tmp_path)
    conversation = conversations.create(title="t", profile=None, model=None, api="openai", system_prompt=None)
    old.execute("INSERT INTO messages(conversation_id, role, content, created_at)"  # the schema-2 columns
                " VALUES (?, 'user', 'lighthouse at dusk', 0)", (conversation.id,))
    assert old.query_one("SELECT name FROM sqlite_master WHERE name = 'assets'") is None
    old.close()

    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS)
    db = Database(path, backup_dir=tmp_path / "backups")
    try:
        assert db.schema_version == len(MIGRATIONS)
        assert [p.name.startswith("studio-v2-") for p in (tmp_path / "backups").iterdir()] == [True]
        job = JobStore(db).get("j1")
        assert job is not None and job.metadata == {"buttons": []}  # handler output only
        assert job.engine == {"runner_pid": "1:2", "poll_errors": 2, "remote_only": [0], "failed_remotely": True,
                              "result_kinds": ["image"]}
        assert job.texts == ("one", "two") and job.result_urls == ("https://cdn.example/a.png",)
        assert [c.id for c in ConversationStore(db, tmp_path).search("lighthouse")] == [conversation.id]
        store = GalleryStore(db, tmp_path)
        image = write_image(store.new_path("a1b2c3d4e5f6", ".png"))
        asset = store.add(path=image, kind="image", mime="image/png", prompt="a lighthouse", job_id=job.id,
                          result_index=0, asset_id="a1b2c3d4e5f6")
        assert [a.id for a in store.assets(search="lighthouse")] == [asset.id]
        assert store.for_job(job.id) == [asset]
        JobStore(db).delete(job.id)
        assert store.get(asset.id) == asset  # a deleted job keeps its assets
    finally:
        db.close()


def test_v3_schema_guards_kind_and_job_results(tmp_path: Path) -> None:
    import sqlite3

    db = Database(tmp_path / "s.sqlite3")
    insert = "INSERT INTO assets(id, kind, path, mime, size, created_at, job_id, result_index) VALUES (?,?,?,?,?,?,?,?)"
    try:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(insert, ("a", "picture", "x", "image/png", 1, 0.0, None, None))
        db.execute(insert, ("b", "image", "x", "image/png", 1, 0.0, "job", 0))
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(insert, ("c", "image", "x", "image/png", 1, 0.0, "job", 0))
        db.execute(insert, ("d", "image", "x", "image/png", 1, 0.0, "job", None))
        db.execute(insert, ("e", "image", "x", "image/png", 1, 0.0, "job", None))
        db.execute(insert, ("f", "image", "x", "image/png", 1, 0.0, None, 0))
        db.execute(insert, ("g", "image", "x", "image/png", 1, 0.0, None, 0))
        row = db.query_one("SELECT prompt, model, profile, favorite, tags, metadata FROM assets WHERE id = 'b'")
        assert tuple(row) == ("", "", "", 0, "", "{}")
        db.execute("DELETE FROM assets")
        assert db.query_one("SELECT count(*) FROM assets_fts")[0] == 0
    finally:
        db.close()


def test_v8_assets_are_indexed_again_with_their_songs_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "studio.sqlite3"
    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS[:8])
    old = Database(path, backup_dir=tmp_path / "backups")
    insert = ("INSERT INTO assets(id, kind, path, mime, size, created_at, prompt, tags, metadata)"
              " VALUES (?, 'audio', 'library/a.mp3', 'audio/mpeg', 1, ?, ?, ?, ?)")
    words = {"family": "suno", "title": "Harbour Lights", "tags": "sea shanty", "lyrics": "the old pier",
             "duration": 2.5, "clip_id": "c1"}
    old.execute(insert, ("a1", 1.0, "a song about the sea", "mine", json.dumps(words)))
    old.execute(insert, ("a2", 2.0, "a broken row", "", "{not json"))  # edited by hand: indexed by its prompt
    old.execute(insert, ("a3", 3.0, "a list", "", "[1, 2]"))
    assert old.query("SELECT asset_id FROM assets_fts WHERE assets_fts MATCH 'harbour'") == []
    old.close()

    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS)
    db = Database(path, backup_dir=tmp_path / "backups")
    try:
        assert db.schema_version == len(MIGRATIONS) >= 9
        store = GalleryStore(db, tmp_path)
        for query, expected in (("harbour", ["a1"]), ("shanty", ["a1"]), ("pier", ["a1"]), ("mine", ["a1"]),
                                ("broken", ["a2"]), ("list", ["a3"]), ("ie", ["a1"]), ("a", ["a3", "a2", "a1"])):
            assert store.ids(search=query) == expected, query
        db.execute("UPDATE assets SET metadata = ? WHERE id = 'a2'", (json.dumps({"title": "Mended"}),))
        assert store.ids(search="mended") == ["a2"]  # a change of the metadata is indexed again
        db.execute("DELETE FROM assets WHERE id = 'a1'")
        assert store.ids(search="harbour") == [] and db.scalar("SELECT count(*) FROM assets_fts") == 2
    finally:
        db.close()
