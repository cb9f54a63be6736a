"""Conversations: attachments copied under the data dir, messages and usage stored, text search."""

from pathlib import Path

from studio.storage.conversations import ConversationStore, MessageUpdate, NewAttachment
from studio.storage.db import Database


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
