"""Sending a chat turn: pick profile + model, persist the user's message first, stream the reply,
and persist whatever arrived — complete, interrupted or failed."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studio.api.chattypes import Attachment, ChatChunk, ChatMessage, ChatReply, ChatRequest, ChatStreamState
from studio.api.errors import ApiError
from studio.errors import InputError
from studio.services.clients import ClientPool
from studio.services.inputs import InputFile, check_document, check_image
from studio.services.profiles import ProfileService
from studio.storage.conversations import (
    Conversation,
    ConversationStore,
    MessageUpdate,
    NewAttachment,
    ReplyVersion,
    StoredMessage,
    plain_title,
)
from studio.storage.settings import Settings

APIS = ("openai", "claude")
#: how often a streaming reply's text so far is written down (a crash loses at most this much)
PARTIAL_SAVE_SECONDS = 2.0
_TITLE_LENGTH = 60


@dataclass(frozen=True, slots=True)
class TurnResult:
    conversation_id: int
    message_id: int
    model: str
    profile: str
    reply: ChatReply


class ChatTurnFailed(ApiError):
    """A turn failed after the user's message was stored; carries what was saved."""

    def __init__(self, cause: ApiError, conversation_id: int, partial: ChatReply) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.exit_code = cause.exit_code
        self.conversation_id = conversation_id
        self.partial = partial


class ChatService:
    def __init__(self, conversations: ConversationStore, profiles: ProfileService,
                 clients: ClientPool, settings: Settings) -> None:
        self.conversations = conversations
        self._profiles = profiles
        self._clients = clients
        self._settings = settings

    def resolve_conversation(self, ref: str | int | None) -> Conversation | None:
        """`None` → a new conversation; `"last"` → the latest one; otherwise its id."""
        if ref is None:
            return None
        if ref == "last":
            found = self.conversations.last()
            if found is None:
                raise InputError("There is no conversation to continue yet.")
            return found
        try:
            conversation_id = int(ref)
        except (TypeError, ValueError):
            raise InputError(f"{ref!r} is not a conversation id (a number, or 'last').") from None
        found = self.conversations.get(conversation_id)
        if found is None:
            raise InputError(f"There is no conversation {conversation_id}.")
        return found

    @staticmethod
    def check_attachments(images: Sequence[Path | str] = (), files: Sequence[Path | str] = ()) -> list[InputFile]:
        """Validate attachments locally (raises `InputError`); images first, then documents."""
        return [check_image(p) for p in images] + [check_document(p) for p in files]

    async def send(
        self,
        prompt: str,
        *,
        model: str | None = None,
        profile: str | None = None,
        api: str | None = None,
        system: str | None = None,
        attachments: Sequence[InputFile] = (),
        conversation: Conversation | None = None,
        stream: bool = True,
        on_chunk: Callable[[ChatChunk], None] | None = None,
        on_started: Callable[[StoredMessage, StoredMessage], None] | None = None,
        replace_from: int | None = None,
        versions: Sequence[ReplyVersion] = (),
    ) -> TurnResult:
        """Send one turn. `on_started(user_message, pending_reply)` fires once both rows exist;
        `on_chunk` for every streamed delta. Cancelling the task keeps what arrived (interrupted).
        `versions`: the earlier answers a regenerated reply keeps, the new one coming after them."""
        if not prompt.strip() and not attachments:
            raise InputError("The prompt is empty.")
        api = api or (conversation.api if conversation else "openai")
        if api not in APIS:
            raise InputError(f"Unknown API format {api!r}; choose openai or claude.")
        if not profile and conversation and conversation.profile:
            # a continued conversation keeps its relay, unless that profile was removed since
            exists = await asyncio.to_thread(self._profiles.store.get, conversation.profile)
            profile = conversation.profile if exists else None
        model = model or (conversation.model if conversation else None)
        route = await asyncio.to_thread(self._profiles.resolve, "chat", profile=profile, model=model)
        if not route.model:
            raise InputError(
                "No model chosen; pass -m MODEL or set a default with `studio route set chat PROFILE --model MODEL`."
            )
        client = await asyncio.to_thread(self._clients.client_for, route.profile)  # may read the keyring

        store = self.conversations
        if conversation is None:
            conversation = await asyncio.to_thread(
                store.create, title=_title(prompt, attachments), profile=route.profile.name,
                model=route.model, api=api, system_prompt=system or None,
            )
        else:
            changes: dict[str, object] = {"profile": route.profile.name, "model": route.model, "api": api}
            if system is not None:  # "" clears it
                changes["system_prompt"] = system or None
            await asyncio.to_thread(store.update, conversation.id, **changes)
            conversation = await asyncio.to_thread(store.get, conversation.id) or conversation

        new = tuple(NewAttachment(a.kind, a.path, a.filename, a.mime) for a in attachments)
        user = await asyncio.to_thread(store.add_message, conversation.id, "user", prompt,
                                       profile=route.profile.name, attachments=new, replace_from=replace_from)
        history = await asyncio.to_thread(self._history, conversation.id)
        pending = await asyncio.to_thread(store.add_message, conversation.id, "assistant", "",
                                          model=route.model, profile=route.profile.name, state="streaming")
        if versions:
            await asyncio.to_thread(store.keep_versions, pending.id, list(versions))
            stored = await asyncio.to_thread(store.message, pending.id)
            pending = stored or pending
        if on_started is not None:
            on_started(user, pending)

        request = ChatRequest(
            model=route.model,
            messages=history,
            system=conversation.system_prompt,
            max_tokens=self._settings.get_int("claude.max_tokens") if api == "claude" else None,
        )
        resource = client.claude if api == "claude" else client.chat
        state = ChatStreamState()
        saved_at = time.monotonic()
        try:
            if stream:
                async with aclosing(resource.stream(request)) as chunks:
                    async for chunk in chunks:
                        state.feed(chunk)
                        if on_chunk is not None:
                            on_chunk(chunk)
                        if time.monotonic() - saved_at > PARTIAL_SAVE_SECONDS:
                            saved_at = time.monotonic()
                            await asyncio.to_thread(store.save_partial, pending.id, state.text, state.reasoning)
                reply = state.reply(route.model)
            else:
                reply = await resource.create(request)
        except ApiError as exc:
            partial = state.reply(route.model)
            await asyncio.to_thread(self._finish, pending.id, partial, exc)
            raise ChatTurnFailed(exc, conversation.id, partial) from exc
        except BaseException:  # cancelled (Stop, Ctrl-C): keep what arrived
            partial = state.reply(route.model)
            await asyncio.shield(asyncio.to_thread(self._finish, pending.id, partial, None, "interrupted"))
            raise
        await asyncio.to_thread(self._finish, pending.id, reply, None)
        return TurnResult(conversation.id, pending.id, route.model, route.profile.name, reply)

    async def resend(
        self,
        conversation: Conversation,
        message_id: int | None = None,
        *,
        text: str | None = None,
        extra_attachments: Sequence[InputFile] = (),
        **options: Any,
    ) -> TurnResult:
        """Regenerate (no `message_id`: the last user message again) or edit-and-resend (the user
        message `message_id` with new `text`). That message and everything after it are replaced;
        its attachments go along. Regenerate keeps the reply it replaces as an earlier version."""
        messages = await asyncio.to_thread(self.conversations.messages, conversation.id)
        users = [m for m in messages if m.role == "user"]
        target = next((m for m in users if m.id == message_id), None) if message_id else (users[-1] if users else None)
        if target is None:
            raise InputError("There is no message to send again.")
        kept = await asyncio.to_thread(lambda: [a for a in target.attachments if a.path.exists()])
        inputs = [InputFile(a.path, a.kind, a.mime, a.size, a.filename) for a in kept] + list(extra_attachments)
        earlier: list[ReplyVersion] = []
        if message_id is None:
            reply = next((m for m in messages if m.id > target.id and m.role == "assistant"), None)
            if reply is not None:
                earlier = [v for v in reply.all_versions() if v.content]
            options["versions"] = earlier
        # the old turn is deleted (files too) in the same transaction that stores the new user message,
        # so a failure before that point (no key, no model, Stop) leaves the conversation as it was
        return await self.send(text if text is not None else target.content, attachments=inputs,
                               conversation=conversation, replace_from=target.id, **options)

    # -- helpers ---------------------------------------------------------------------------------

    def _history(self, conversation_id: int) -> list[ChatMessage]:
        """Messages to send: every user message and every assistant reply that has text."""
        result: list[ChatMessage] = []
        for message in self.conversations.messages(conversation_id):
            if message.role == "assistant" and not message.content:
                continue
            result.append(ChatMessage(message.role, message.content, _load_attachments(message)))
        return result

    def _finish(self, message_id: int, reply: ChatReply, error: ApiError | None,
                state: str | None = None) -> None:
        if state is None:
            state = "complete" if error is None else ("interrupted" if reply.text else "error")
        self.conversations.finish_message(
            message_id,
            MessageUpdate(
                content=reply.text,
                reasoning=reply.reasoning,
                state=state,
                error=str(error) if error else None,
                finish_reason=reply.finish_reason,
                usage=reply.usage.as_dict() if reply.usage else {},
            ),
        )


def _load_attachments(message: StoredMessage) -> tuple[Attachment, ...]:
    loaded = []
    for a in message.attachments:
        try:
            loaded.append(Attachment(a.kind, a.mime, a.filename, a.path.read_bytes()))
        except OSError:
            continue  # a file removed by hand: the text of the turn still goes
    return tuple(loaded)


def _title(prompt: str, attachments: Sequence[InputFile]) -> str:
    line = plain_title(prompt, _TITLE_LENGTH)
    if not line and attachments:
        line = plain_title(attachments[0].filename, _TITLE_LENGTH)
    return line
