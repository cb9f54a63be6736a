"""Conversations: attachments copied under the data dir, messages and usage stored, text search."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from studio.storage import db as dbmod
from studio.storage.conversations import ConversationStore, MessageUpdate, NewAttachment
from studio.storage.db import Database
from studio.storage.migrations import MIGRATIONS
from studio.storage.processes import process_id


def make_store(tmp_path: Path) -> ConversationStore:
    return ConversationStore(Database(tmp_path / "s.sqlite3"), tmp_path)


def test_attachments_are_copied_and_survive_the_original(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    original = tmp_path / "photo.png"
    original.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 10)
    conv = store.create(title="t", profile="p", model="m", api="openai", system_prompt=None)
    attachment = NewAttachment("image", original, "photo.png", "image/png")
    msg = store.add_message(conv.id, "user", "look", attachments=(attachment,))
    original.unlink()
    (attachment,) = store.messages(conv.id)[0].attachments
    assert attachment.path.is_file() and attachment.path.is_relative_to(tmp_path / "attachments")
    assert attachment.filename == "photo.png" and attachment.size == 18
    assert msg.attachments == (attachment,)
    store.delete(conv.id)
    assert not attachment.path.exists()


def test_usage_and_state_are_stored(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    conv = store.create(title="t", profile="p", model="m", api="openai", system_prompt=None)
    msg = store.add_message(conv.id, "assistant", "", state="streaming")
    store.finish_message(msg.id, MessageUpdate("Hel", state="interrupted", error="cut",
                                               usage={"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}))
    stored = store.message(msg.id)
    assert stored is not None
    assert (stored.content, stored.state, stored.error, stored.total_tokens) == ("Hel", "interrupted", "cut", 3)


def test_search_by_text_in_english_and_chinese(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    a = store.create(title="cats", profile=None, model=None, api="openai", system_prompt=None)
    b = store.create(title="other", profile=None, model=None, api="openai", system_prompt=None)
    store.add_message(a.id, "user", "Tell me about Siamese cats")
    store.add_message(b.id, "user", "讲一个关于熊猫的故事")
    assert [c.id for c in store.search("siamese")] == [a.id]
    assert [c.id for c in store.search("熊猫")] == [b.id]  # two characters: below the trigram size
    assert [c.id for c in store.search("关于熊猫")] == [b.id]
    assert [c.id for c in store.search("OTHER")] == [b.id]  # titles count too
    assert store.search("100%") == []
    store.finish_message(store.messages(a.id)[0].id, MessageUpdate("now about dogs"))
    assert store.search("siamese") == []


def test_editing_an_earlier_message_removes_the_files_of_the_turns_it_replaces(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 10)
    conv = store.create(title="t", profile="p", model="m", api="openai", system_prompt=None)
    first = store.add_message(conv.id, "user", "one", attachments=(NewAttachment("image", picture, "a.png",
                                                                                 "image/png"),))
    store.add_message(conv.id, "assistant", "reply")
    later = store.add_message(conv.id, "user", "two", attachments=(NewAttachment("image", picture, "b.png",
                                                                                 "image/png"),))
    kept, dropped = first.attachments[0].path, later.attachments[0].path
    store.add_message(conv.id, "user", "two, edited", replace_from=later.id)
    assert kept.exists() and not dropped.exists()
    assert [m.content for m in store.messages(conv.id)] == ["one", "reply", "two, edited"]


def test_only_replies_whose_writer_is_gone_become_interrupted(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    conv = store.create(title="t", profile="p", model="m", api="openai", system_prompt=None)
    mine = store.add_message(conv.id, "assistant", "", state="streaming")  # this process writes it
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        theirs = store.add_message(conv.id, "assistant", "", state="streaming", writer=process_id(other.pid))
        reused = store.add_message(conv.id, "assistant", "Hel", state="streaming",
                                   writer=f"{os.getpid()}:1")  # this pid, but another process's start time
        assert store.recover_interrupted() == 1
        store.save_partial(mine.id, "still", "")
        store.save_partial(theirs.id, "going", "")
        assert [(m.content, m.state) for m in store.messages(conv.id)] == [
            ("still", "streaming"), ("going", "streaming"), ("Hel", "interrupted")]
        store.save_partial(reused.id, "late", "")  # no longer streaming: a late write changes nothing
        recovered = store.message(reused.id)
        assert recovered is not None and (recovered.content, recovered.state) == ("Hel", "interrupted")
    finally:
        other.kill()
        other.wait()
    assert store.recover_interrupted() == 1  # its writer is gone now
    assert store.message(theirs.id).state == "interrupted"  # type: ignore[union-attr]
    assert store.message(mine.id).state == "streaming"  # type: ignore[union-attr]


def test_a_streaming_reply_from_before_schema_4_is_recovered(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.sqlite3"
    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS[:3])
    old = Database(path)
    conv_id = old.execute("INSERT INTO conversations(title, created_at, updated_at) VALUES ('t', 0, 0)").lastrowid
    old.execute("INSERT INTO messages(conversation_id, role, content, state, created_at)"
                " VALUES (?, 'assistant', 'Hel', 'streaming', 0)", (conv_id,))
    old.close()
    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS)
    db = Database(path)
    try:
        assert db.schema_version == len(MIGRATIONS) >= 4
        store = ConversationStore(db, tmp_path)
        assert store.recover_interrupted() == 1  # no writer recorded: nobody can still be writing it
        assert [(m.content, m.state) for m in store.messages(int(conv_id or 0))] == [("Hel", "interrupted")]
    finally:
        db.close()


@pytest.mark.parametrize("how", ["climbs out", "absolute", "symbolic link"])
def test_an_attachment_row_leading_out_of_attachments_is_quarantined(tmp_path: Path, how: str,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    root = tmp_path / "data"
    db = Database(tmp_path / "s.sqlite3")
    store = ConversationStore(db, root)
    canary = tmp_path / "canary.png"
    canary.write_bytes(b"canary")
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 10)
    conv = store.create(title="t", profile="p", model="m", api="openai", system_prompt=None)
    first = store.add_message(conv.id, "user", "one", attachments=(
        NewAttachment("image", picture, "a.png", "image/png"), NewAttachment("image", picture, "b.png", "image/png")))
    good, bad = first.attachments
    if how == "climbs out":
        stored = "../canary.png"
    elif how == "absolute":
        stored = str(canary)
    else:
        (root / "attachments" / str(conv.id) / "link.png").symlink_to(canary)
        stored = f"attachments/{conv.id}/link.png"
    db.execute("UPDATE attachments SET path = ? WHERE id = ?", (stored, bad.id))
    with caplog.at_level("WARNING", logger="studio.storage.conversations"):
        for _ in range(2):  # the message loads without it, and the warning is said once
            (message,) = store.messages(conv.id)
            assert message.content == "one" and message.attachments == (good,)
            assert store.message(first.id) == message
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert f"attachment {bad.id}" in caplog.records[0].getMessage()
    store.add_message(conv.id, "user", "one, edited", replace_from=first.id)
    assert canary.read_bytes() == b"canary" and not good.path.exists()  # its own file still goes
    assert [m.content for m in store.messages(conv.id)] == ["one, edited"]


def test_reply_versions_are_kept_chosen_and_read_safely(tmp_path: Path) -> None:
    from studio.storage.conversations import ReplyVersion, plain_title

    store = make_store(tmp_path)
    conversation = store.create(title="t", profile=None, model="m", api="openai", system_prompt=None)
    store.add_message(conversation.id, "user", "hi")
    reply = store.add_message(conversation.id, "assistant", "", state="streaming")
    store.keep_versions(reply.id, [ReplyVersion("first", model="a", prompt_tokens=1)])
    store.finish_message(reply.id, MessageUpdate("second", usage={"completion_tokens": 7}))
    stored = store.message(reply.id)
    assert stored is not None and (stored.version, stored.version_count) == (1, 2)
    chosen = store.choose_version(reply.id, 0)
    assert chosen is not None and (chosen.content, chosen.model, chosen.prompt_tokens, chosen.version) == \
        ("first", "a", 1, 0)
    assert [v.content for v in chosen.all_versions()] == ["first", "second"]
    assert [c.id for c in store.search("first")] == [conversation.id]  # what is shown is what is searched
    assert store.choose_version(reply.id, 5).content == "first"  # type: ignore[union-attr]  # out of range: as it was
    store._db.execute("UPDATE messages SET versions = ? WHERE id = ?", ('[{"content": 3}, "x", {', reply.id))
    assert store.message(reply.id).versions == ()  # type: ignore[union-attr]  # edited by hand: none, no error
    assert plain_title("## Fix **this** `bug` in [main.py](x)") == "Fix this bug in main.py"
