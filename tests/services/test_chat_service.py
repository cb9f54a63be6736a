"""The chat service's promises about data: resend never cuts a conversation short, a crash mid-reply
keeps what arrived, attachments keep their names."""

from __future__ import annotations

import asyncio
import base64
import os
from pathlib import Path

import pytest

from studio.errors import StudioError
from studio.services.core import StudioCore
from tests.conftest import KEY
from tests.relay import RelayServer

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_regenerate_that_cannot_start_keeps_the_conversation(core: StudioCore, relay: RelayServer,
                                                              tmp_path: Path) -> None:
    core.profiles.add("local", relay.url, key_env="NO_SUCH_VARIABLE_FOR_TEST")
    image = tmp_path / "photo.png"
    image.write_bytes(PNG)
    conversation = core.conversations.create(title="t", profile="local", model="gpt-4o", api="openai",
                                             system_prompt=None)
    from studio.storage.conversations import NewAttachment

    core.conversations.add_message(conversation.id, "user", "hi",
                                   attachments=(NewAttachment("image", image, "photo.png", "image/png"),))
    core.conversations.add_message(conversation.id, "assistant", "Hello")
    with pytest.raises(StudioError):  # the key's variable is unset: fails before anything is sent
        asyncio.run(core.chat.resend(conversation))
    messages = core.conversations.messages(conversation.id)
    assert [m.content for m in messages] == ["hi", "Hello"]
    assert messages[0].attachments[0].path.exists()


def test_resend_keeps_attachment_names_and_replaces_the_turn(core: StudioCore, relay: RelayServer,
                                                             tmp_path: Path) -> None:
    core.profiles.add("local", relay.url, key=KEY)
    image = tmp_path / "photo.png"
    image.write_bytes(PNG)

    async def go():  # type: ignore[no-untyped-def]
        attachments = core.chat.check_attachments([image])
        first = await core.chat.send("what is it", model="gpt-4o", attachments=attachments)
        conversation = core.conversations.get(first.conversation_id)
        assert conversation is not None
        return await core.chat.resend(conversation)

    result = asyncio.run(go())
    messages = core.conversations.messages(result.conversation_id)
    assert [m.role for m in messages] == ["user", "assistant"]
    (attachment,) = messages[0].attachments
    assert attachment.filename == "photo.png" and attachment.path.exists()
    assert len(list((core.paths.root / "attachments").rglob("*.png"))) == 1  # the old copy was removed
    part = relay.requests[-1].json()["messages"][0]["content"][1]
    assert part["type"] == "image_url"


def test_a_reply_left_streaming_by_a_crash_becomes_interrupted(core: StudioCore) -> None:
    conversation = core.conversations.create(title="t", profile=None, model=None, api="openai", system_prompt=None)
    crashed = f"{os.getpid()}:1"  # this pid, but a process that started at another time
    reply = core.conversations.add_message(conversation.id, "assistant", "", state="streaming", writer=crashed)
    core.conversations.save_partial(reply.id, "Hel", "")
    assert core.conversations.recover_interrupted() == 1
    recovered = core.conversations.message(reply.id)
    assert recovered is not None and (recovered.state, recovered.content) == ("interrupted", "Hel")


# -- attachment rows read from the database are input: a path that leads out of attachments/ is never
# -- read, uploaded or deleted (the turn still goes, without it)

CANARY = b"\x89PNG\r\n\x1a\n" + b"canary bytes that must never leave this machine"


def _tampered(core: StudioCore, relay: RelayServer, tmp_path: Path, how: str) -> tuple[int, Path, int]:
    """A conversation whose one attachment row was rewritten to lead outside the data folder, the canary
    file it now names, and how many requests the relay had seen by then."""
    core.profiles.add("local", relay.url, key=KEY)
    image = tmp_path / "photo.png"
    image.write_bytes(PNG)
    first = asyncio.run(core.chat.send("what is it", model="gpt-4o",
                                       attachments=core.chat.check_attachments([image])))
    if how == "climbs out":
        canary, stored = core.paths.root.parent / "canary.png", "../canary.png"
    else:
        canary = tmp_path / "elsewhere" / "canary.png"
        canary.parent.mkdir()
        stored = str(canary)
    canary.write_bytes(CANARY)
    assert core.db.execute("UPDATE attachments SET path = ?", (stored,)).rowcount == 1
    return first.conversation_id, canary, len(relay.requests)


def _uploaded(relay: RelayServer, since: int, data: bytes) -> bool:
    encoded = base64.b64encode(data)
    return any(data in r.body or encoded in r.body for r in relay.requests[since:])


@pytest.mark.parametrize("how", ["climbs out", "absolute"])
def test_the_next_turn_does_not_upload_a_tampered_attachment(core: StudioCore, relay: RelayServer,
                                                             tmp_path: Path, how: str) -> None:
    conversation_id, canary, seen = _tampered(core, relay, tmp_path, how)
    conversation = core.conversations.get(conversation_id)
    assert conversation is not None
    result = asyncio.run(core.chat.send("and now?", conversation=conversation))
    assert result.reply.text
    assert len(relay.requests) > seen and not _uploaded(relay, seen, CANARY)
    messages = core.conversations.messages(conversation_id)
    assert [(m.role, m.state) for m in messages] == [("user", "complete"), ("assistant", "complete")] * 2
    assert messages[0].content == "what is it" and messages[0].attachments == ()  # left out, the text kept
    assert canary.read_bytes() == CANARY


@pytest.mark.parametrize("how", ["climbs out", "absolute"])
def test_regenerate_and_edit_leave_a_tampered_attachment_file_alone(core: StudioCore, relay: RelayServer,
                                                                    tmp_path: Path, how: str) -> None:
    conversation_id, canary, seen = _tampered(core, relay, tmp_path, how)
    conversation = core.conversations.get(conversation_id)
    assert conversation is not None
    asyncio.run(core.chat.resend(conversation))  # regenerate: the turn and its attachment rows are replaced
    assert canary.read_bytes() == CANARY and not _uploaded(relay, seen, CANARY)
    (user, _reply) = core.conversations.messages(conversation_id)
    assert (user.content, user.attachments) == ("what is it", ())  # the canary was not copied in either
    asyncio.run(core.chat.resend(conversation, user.id, text="what is it, really"))  # edit-and-resend
    assert canary.read_bytes() == CANARY and not _uploaded(relay, seen, CANARY)
    assert [m.content for m in core.conversations.messages(conversation_id)][0] == "what is it, really"
