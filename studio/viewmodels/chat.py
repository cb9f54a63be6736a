"""The chat tab's state: conversations, the relay and model pickers, attachments and the streaming reply.

The relay a message goes to is the profile routing picks for chat until the creator chooses another one in
the header; a conversation keeps the relay and model it last used (the conversation row stores both) and
reopening it chooses them again, or routing's relay when that profile is gone.

Deltas from the core arrive per chunk; they are batched and emitted every `FLUSH_MS` so the view
does a bounded amount of work per frame whatever the relay's chunk rate.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal, Slot

from studio.errors import InputError, StudioError
from studio.gallery.thumbnails import make_thumbnail
from studio.ids import random_hex
from studio.storage.conversations import Conversation, StoredMessage, plain_title
from studio.viewmodels.base import ModelChoice, routed_models
from studio.viewmodels.errors import localized

if TYPE_CHECKING:  # the chat service pulls in httpx: imported when the first turn starts, not at start-up
    from studio.api.chattypes import ChatChunk
    from studio.services.chat import TurnResult
    from studio.services.core import StudioCore
    from studio.services.inputs import InputFile

FLUSH_MS = 40
LAST_MODEL = "ui.last_model.chat"  # the setting that remembers the model chosen last, across restarts
_THUMBNAILS_PER_OPEN = 200  # the most recent image attachments previewed when a conversation opens


@dataclass(frozen=True, slots=True)
class RelayChoice:
    """What the relay picker shows: the profiles by name, the one routing picks for chat, the one in use."""

    names: tuple[str, ...]
    routed: str  # "" when routing picks none (no default profile)
    current: str

    @property
    def choosable(self) -> bool:
        """Whether there is another relay to choose (with one the picker only shows it)."""
        return len(self.names) > 1


@dataclass(frozen=True, slots=True)
class ConversationItem:
    id: int
    title: str
    updated_at: float


@dataclass(frozen=True, slots=True)
class AttachmentView:
    kind: str  # "image" | "file"
    filename: str
    path: str
    #: PNG bytes of a small preview (images only), made off the UI thread
    thumbnail: bytes | None = None


@dataclass(frozen=True, slots=True)
class MessageView:
    id: int
    role: str
    content: str
    reasoning: str = ""
    state: str = "complete"
    error: str | None = None
    model: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    attachments: tuple[AttachmentView, ...] = ()
    #: which of the reply's versions this is (0-based) and how many there are (Regenerate keeps the old ones)
    version: int = 0
    versions: int = 1

    @classmethod
    def from_stored(cls, m: StoredMessage) -> MessageView:
        return cls(m.id, m.role, m.content, m.reasoning, m.state, m.error, m.model, m.prompt_tokens,
                   m.completion_tokens,
                   tuple(AttachmentView(a.kind, a.filename, str(a.path)) for a in m.attachments),
                   m.version, m.version_count)


@dataclass(frozen=True, slots=True)
class Transcript:
    conversation_id: int | None
    title: str
    messages: tuple[MessageView, ...] = ()


@dataclass(slots=True)
class _Pending:
    content: list[str] = field(default_factory=list)
    reasoning: list[str] = field(default_factory=list)


class ChatViewModel(ModelChoice):
    #: list[ConversationItem] for the sidebar
    conversationsChanged = Signal(object)
    #: Transcript: the whole conversation to show (opening, new chat)
    transcriptReset = Signal(object)
    #: (user MessageView, assistant MessageView placeholder) when a turn starts
    turnStarted = Signal(object, object)
    #: batched (content, reasoning) deltas of the reply being streamed
    replyDelta = Signal(str, str)
    #: the final assistant MessageView (complete, interrupted or error)
    replyFinished = Signal(object)
    #: list[AttachmentView] waiting to be sent
    attachmentsChanged = Signal(object)
    #: True while a reply streams
    streamingChanged = Signal(bool)
    #: text to put back into the input box for editing
    editRequested = Signal(str)
    #: editing a sent message was given up (Esc): the input box goes back to empty
    editCancelled = Signal()
    #: the system prompt of the conversation on screen ("" for none)
    systemPromptChanged = Signal(str)
    #: whether any relay profile exists (False shows the welcome page)
    profilesAvailable = Signal(bool)
    #: RelayChoice: the relay picker's profiles, routing's one and the one in use
    relaysChanged = Signal(object)
    #: the name of the profile the next message goes to ("" with no profile)
    relayChanged = Signal(str)

    def __init__(self, core: StudioCore, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._core = core
        self._conversation_id: int | None = None
        self._system_prompt = ""
        self._attachments: list[InputFile] = []
        self._thumbnails: dict[str, bytes | None] = {}
        self._sent: list[InputFile] = []
        self._editing: int | None = None
        self._turn: asyncio.Task[object] | None = None
        self._stopping = False
        self._turn_closed = True
        self._open_seq = 0
        self._pending = _Pending()
        self._search = ""
        self._relays: tuple[str, ...] = ()
        self._routed = ""
        self._relay = ""
        self._pinned = False  # the relay was chosen (in the picker, by a conversation): routing changes leave it
        self._models_seq = 0  # the model list asked for last: an older answer (another relay's) is dropped
        self._flush = QTimer(self)
        self._flush.setInterval(FLUSH_MS)
        self._flush.timeout.connect(self._emit_pending)

    # -- state readers (for views and tests) -----------------------------------------------------

    @property
    def conversation_id(self) -> int | None:
        return self._conversation_id

    @property
    def relay(self) -> str:
        """The profile the next message goes to ("" before the profiles are read, or with none)."""
        return self._relay

    @property
    def relay_choice(self) -> RelayChoice:
        return RelayChoice(self._relays, self._routed, self._relay)

    @property
    def streaming(self) -> bool:
        """True from `send` until `streamingChanged(False)` (not until the task object is done)."""
        return not self._turn_closed

    # -- start-up --------------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        self.spawn(self._start())

    async def _start(self) -> None:
        # the chat service is built off the UI thread: building it marks replies a crash left streaming
        await asyncio.to_thread(lambda: self._core.chat)
        profiles = await asyncio.to_thread(self._core.profiles.all)
        self.profilesAvailable.emit(bool(profiles))
        moved = self._adopt_relays(*await self._fetch_relays())  # profiles may have been added, removed, renamed
        await self._reload_list()
        if profiles:
            self._adopt_model(await asyncio.to_thread(self._core.settings.get, LAST_MODEL, "") or "")  # last run's
            await self._load_models(follow=moved)

    async def _fetch_relays(self) -> tuple[tuple[str, ...], str]:
        """The profiles' names and the one routing picks for chat ("" for none)."""
        service = self._core.profiles
        names = tuple(p.name for p in await asyncio.to_thread(service.all))
        try:
            routed = (await asyncio.to_thread(service.resolve, "chat")).profile.name
        except StudioError:  # no default profile (or a route to a removed one): none is marked
            routed = ""
        return names, routed if routed in names else ""

    def _adopt_relays(self, names: tuple[str, ...], routed: str) -> bool:
        """The picker's profiles: a relay chosen stays unless its profile is gone; otherwise routing's is used.
        True when a relay in use before changed (the first one read is no change)."""
        self._relays, self._routed = names, routed
        self._pinned = self._pinned and self._relay in names
        relay = self._relay if self._pinned else (self._routed or (names[0] if names else ""))
        before, self._relay = self._relay, relay
        self.relaysChanged.emit(self.relay_choice)
        if relay != before:
            self.relayChanged.emit(relay)
        return bool(before) and relay != before

    @Slot(str)
    def setRelay(self, name: str) -> None:  # Qt slot naming
        """The next message goes to profile `name`: its models are listed, the model kept if it offers it."""
        if name == self._relay or name not in self._relays:
            return
        self._pinned = True
        self._choose_relay(name)
        self.spawn(self._load_models(follow=True))

    def _choose_relay(self, name: str) -> None:
        self._relay = name
        self.relaysChanged.emit(self.relay_choice)
        self.relayChanged.emit(name)

    async def _load_models(self, *, follow: bool = False) -> None:
        """List the models of the relay in use. `follow` (the relay changed): the model stays if the relay
        offers it, else the relay's routed default, else its first chat model."""
        self._models_seq += 1
        seq, relay = self._models_seq, self._relay
        route, models = await routed_models(self._core, "chat", None if follow else self._adopt_model,
                                            profile=relay or None)
        if seq != self._models_seq:
            return  # another relay was chosen meanwhile: its own list is on the way
        names = [m.id for m in models if m.capability == "chat"] or [m.id for m in models]
        if follow and self._model not in names and (route.model or names):
            self._set_model(route.model or names[0])
        self._show_models(names)

    def _model_changed(self, name: str) -> None:
        self._remember_model(self._core.settings, LAST_MODEL)  # for the next start

    @Slot(str)
    def setSystemPrompt(self, text: str) -> None:
        self._system_prompt = text.strip()  # "" clears the conversation's prompt

    # -- conversations ---------------------------------------------------------------------------

    async def _reload_list(self) -> None:
        store = self._core.conversations
        if self._search:
            found = await asyncio.to_thread(store.search, self._search)
        else:
            found = await asyncio.to_thread(store.recent)
        # titles saved before they were made plain lose their markdown marks on screen too
        self.conversationsChanged.emit([ConversationItem(c.id, plain_title(c.title, 200), c.updated_at) for c in found])

    @Slot(str)
    def searchConversations(self, text: str) -> None:
        self._search = text.strip()
        self.spawn(self._reload_list(), busy=False)

    @Slot()
    def newConversation(self) -> None:
        if self.streaming:
            return
        self._conversation_id = None
        self._editing = None
        self._open_seq += 1
        self._system_prompt = ""
        self.systemPromptChanged.emit("")
        self.transcriptReset.emit(Transcript(None, ""))

    @Slot(int)
    def openConversation(self, conversation_id: int) -> None:
        if self.streaming:
            return
        self.spawn(self._open(conversation_id))

    async def _open(self, conversation_id: int) -> None:
        self._open_seq += 1
        seq = self._open_seq
        store = self._core.conversations
        conversation = await asyncio.to_thread(store.get, conversation_id)
        if conversation is None:
            await self._reload_list()
            return
        messages = await asyncio.to_thread(store.messages, conversation_id)
        views = await self._message_views(messages)
        relays = await self._fetch_relays()
        if seq != self._open_seq or self.streaming:
            return  # another conversation was opened (or a turn started) meanwhile
        self._conversation_id = conversation.id
        self._editing = None
        self._reopen_relay(conversation, relays)
        self._system_prompt = conversation.system_prompt or ""
        self.systemPromptChanged.emit(self._system_prompt)
        self.transcriptReset.emit(Transcript(conversation.id, conversation.title, views))

    def _reopen_relay(self, conversation: Conversation, relays: tuple[tuple[str, ...], str]) -> None:
        """Choose again the relay and model the conversation used last; when its profile is gone, routing's
        relay, keeping the model if that relay offers it (else the relay's default), and no error."""
        if conversation.model:
            self._set_model(conversation.model)
        if relays != (self._relays, self._routed):
            self._adopt_relays(*relays)
        gone = bool(conversation.profile) and conversation.profile not in self._relays
        self._pinned = bool(conversation.profile) and not gone
        relay = (conversation.profile or "") if self._pinned else (self._routed or self._relay)
        if relay and relay != self._relay:
            self._choose_relay(relay)
            self.spawn(self._load_models(follow=gone))
        elif gone:
            self.spawn(self._load_models(follow=True))

    async def _message_views(self, messages: list[StoredMessage]) -> tuple[MessageView, ...]:
        """Views of stored messages, image attachments with thumbnails made off the UI thread (the
        transcript never decodes a full-size picture)."""
        missing = [a.path for m in messages for a in m.attachments
                   if a.kind == "image" and str(a.path) not in self._thumbnails][-_THUMBNAILS_PER_OPEN:]
        if missing:
            made = await asyncio.to_thread(lambda: {str(p): make_thumbnail(p) for p in missing})
            self._thumbnails.update(made)
        return tuple(self._view(m) for m in messages)

    def _view(self, message: StoredMessage) -> MessageView:
        view = MessageView.from_stored(message)
        if not view.attachments:
            return view
        attachments = tuple(AttachmentView(a.kind, a.filename, a.path, self._thumbnails.get(a.path))
                            for a in view.attachments)
        return replace(view, attachments=attachments)

    @Slot(int, str)
    def renameConversation(self, conversation_id: int, title: str) -> None:
        title = " ".join(title.split())
        if title:
            self.spawn(self._rename(conversation_id, title), busy=False)

    async def _rename(self, conversation_id: int, title: str) -> None:
        await asyncio.to_thread(self._core.conversations.update, conversation_id, title=title)
        await self._reload_list()

    @Slot(int)
    def deleteConversation(self, conversation_id: int) -> None:
        if self.streaming and conversation_id == self.conversation_id:
            return
        self.spawn(self._delete(conversation_id), busy=False)

    async def _delete(self, conversation_id: int) -> None:
        await asyncio.to_thread(self._core.conversations.delete, conversation_id)
        if conversation_id == self.conversation_id:
            self.newConversation()
        await self._reload_list()

    # -- attachments -----------------------------------------------------------------------------

    @Slot(list)
    def addAttachments(self, paths: list[str]) -> None:
        self.spawn(self._add_attachments(paths), busy=False)

    async def _add_attachments(self, paths: list[str]) -> None:
        checker = self._core.chat.check_attachments
        for path in paths:
            is_image = Path(path).suffix.lower() in (".png", ".jpg", ".jpeg", ".gif", ".webp")
            try:
                (checked,) = await asyncio.to_thread(
                    checker, [path] if is_image else [], [] if is_image else [path]
                )
            except StudioError as exc:
                self.error.emit(localized(exc))
                continue
            if checked.kind == "image":
                self._thumbnails[str(checked.path)] = await asyncio.to_thread(make_thumbnail, checked.path)
            self._attachments.append(checked)
        self._emit_attachments()

    @Slot(bytes)
    def addPastedImage(self, png: bytes) -> None:
        """An image pasted from the clipboard (PNG bytes): written to a file off the UI thread."""
        self.spawn(self._add_pasted(png), busy=False)

    async def _add_pasted(self, png: bytes) -> None:
        folder = self._core.paths.root / "pasted"
        name = time.strftime("pasted-%Y%m%d-%H%M%S-") + random_hex(6) + ".png"

        def write() -> str:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(png)
            return str(folder / name)

        await self._add_attachments([await asyncio.to_thread(write)])

    @Slot(int)
    def removeAttachment(self, index: int) -> None:
        if 0 <= index < len(self._attachments):
            del self._attachments[index]
            self._emit_attachments()

    def _emit_attachments(self) -> None:
        self.attachmentsChanged.emit([
            AttachmentView(a.kind, a.filename, str(a.path), self._thumbnails.get(str(a.path)))
            for a in self._attachments
        ])

    # -- turns -----------------------------------------------------------------------------------

    @Slot(str)
    def send(self, text: str) -> None:
        if self.streaming:
            return
        if not text.strip() and not self._attachments:
            return
        attachments, self._attachments = self._attachments, []
        self._sent = list(attachments)
        self._emit_attachments()
        editing, self._editing = self._editing, None
        self._run_turn(self._send(text, attachments, editing))

    async def _send(self, text: str, attachments: list[InputFile], editing: int | None) -> TurnResult:
        conversation = await self._current()
        chat = self._core.chat
        if editing is not None and conversation is not None:
            await self._show_rewound(conversation, editing)
            return await chat.resend(conversation, editing, text=text, extra_attachments=attachments,
                                     model=self._model or None, profile=self._relay or None,
                                     on_chunk=self._on_chunk, on_started=self._on_started)
        return await chat.send(text, attachments=attachments, conversation=conversation, system=self._system_prompt,
                               model=self._model or None, profile=self._relay or None,
                               on_chunk=self._on_chunk, on_started=self._on_started)

    @Slot()
    def regenerate(self) -> None:
        if self.streaming or self._conversation_id is None:
            return
        self._run_turn(self._regenerate())

    async def _regenerate(self) -> TurnResult:
        self._sent = []
        conversation = await self._current()
        if conversation is None:
            raise InputError(self.tr("There is no conversation to regenerate."))
        await self._show_rewound(conversation, None)
        return await self._core.chat.resend(conversation, model=self._model or None, profile=self._relay or None,
                                            on_chunk=self._on_chunk, on_started=self._on_started)

    async def _show_rewound(self, conversation: Conversation, message_id: int | None) -> None:
        """Show the conversation as it will be once the resent turn replaces the old one."""
        messages = await asyncio.to_thread(self._core.conversations.messages, conversation.id)
        if message_id is None:
            message_id = next((m.id for m in reversed(messages) if m.role == "user"), None)
        kept = [m for m in messages if message_id is None or m.id < message_id]
        self.transcriptReset.emit(Transcript(conversation.id, conversation.title, await self._message_views(kept)))

    async def _current(self) -> Conversation | None:
        if self._conversation_id is None:
            return None
        return await asyncio.to_thread(self._core.conversations.get, self._conversation_id)

    @Slot(int, int)
    def chooseVersion(self, message_id: int, index: int) -> None:
        """Show version `index` of a regenerated reply; it is also the one the next turn builds on."""
        if self.streaming or self._conversation_id is None:
            return
        self.spawn(self._choose_version(self._conversation_id, message_id, index), busy=False)

    async def _choose_version(self, conversation_id: int, message_id: int, index: int) -> None:
        await asyncio.to_thread(self._core.conversations.choose_version, message_id, index)
        if conversation_id == self._conversation_id and not self.streaming:
            await self._open(conversation_id)

    @Slot(int)
    def beginEdit(self, message_id: int) -> None:
        if self.streaming:
            return
        self.spawn(self._begin_edit(message_id), busy=False)

    async def _begin_edit(self, message_id: int) -> None:
        message = await asyncio.to_thread(self._core.conversations.message, message_id)
        if message is not None and message.role == "user":
            self._editing = message_id
            self.editRequested.emit(message.content)

    @Slot()
    def cancelEdit(self) -> None:
        if self._editing is not None:
            self._editing = None
            self.editCancelled.emit()

    @Slot()
    def stop(self) -> None:
        # once: a second cancel would break into the save of what arrived
        if self._turn is not None and not self._turn.done() and not self._stopping:
            self._stopping = True
            self._turn.cancel()

    def _run_turn(self, coro: Coroutine[Any, Any, TurnResult]) -> None:
        # A full collection of the cyclic GC can pause the UI for 30 ms mid-reply: while a reply
        # streams only the young generation is collected (every flush), the rest after the turn.
        gc.disable()
        self.error.emit("")
        self._pending = _Pending()
        self._stopping = False
        self._turn_closed = False
        self._turn = self.spawn(self._turn_body(coro))
        self._turn.add_done_callback(self._turn_done)
        self.streamingChanged.emit(True)

    def _turn_done(self, _task: object) -> None:
        """Whatever happened to the turn (even a cancel before its first step), the UI gets back."""
        gc.enable()
        if not self._turn_closed:
            self._turn_closed = True
            self.streamingChanged.emit(False)

    async def _turn_body(self, coro: Coroutine[Any, Any, TurnResult]) -> None:
        from studio.services.chat import ChatTurnFailed

        result: TurnResult | None = None
        try:
            result = await coro
        except ChatTurnFailed as failed:
            self._conversation_id = failed.conversation_id
            self.error.emit(localized(failed))
        finally:
            self._flush.stop()
            self._emit_pending()
            await self._finish_turn(result)

    async def _finish_turn(self, result: TurnResult | None) -> None:
        """Show the stored reply, refresh the list, then say the turn is over (in that order, so
        "not streaming" means everything about the turn is on screen)."""
        try:
            store = self._core.conversations
            conversation_id = result.conversation_id if result else self.conversation_id
            if conversation_id is not None:
                self._conversation_id = conversation_id
                messages = await asyncio.to_thread(store.messages, conversation_id)
                last = next((m for m in reversed(messages) if m.role == "assistant"), None)
                if last is not None:
                    self.replyFinished.emit(MessageView.from_stored(last))
            await self._reload_list()
        finally:
            gc.enable()
            self._turn_closed = True
            self.streamingChanged.emit(False)

    def _on_started(self, user: StoredMessage, pending: StoredMessage) -> None:
        self._conversation_id = user.conversation_id
        # the stored copies keep the previews of what was sent (resent files come first, by name)
        sent = {a.filename: self._thumbnails.get(str(a.path)) for a in self._sent}
        for stored in user.attachments:
            if str(stored.path) not in self._thumbnails and stored.filename in sent:
                self._thumbnails[str(stored.path)] = sent[stored.filename]
        self.turnStarted.emit(self._view(user), MessageView.from_stored(pending))
        self._flush.start()

    def _on_chunk(self, chunk: ChatChunk) -> None:
        if chunk.content:
            self._pending.content.append(chunk.content)
        if chunk.reasoning:
            self._pending.reasoning.append(chunk.reasoning)

    def _emit_pending(self) -> None:
        gc.collect(0)
        pending = self._pending
        if pending.content or pending.reasoning:
            content, reasoning = "".join(pending.content), "".join(pending.reasoning)
            pending.content.clear()
            pending.reasoning.clear()
            self.replyDelta.emit(content, reasoning)
