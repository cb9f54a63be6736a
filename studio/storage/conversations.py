"""Chat conversations: messages, attachments (copied under the data dir), usage; text search.

A user's message is committed before the request leaves, and the assistant's reply row is created
as `streaming` and finished as `complete`, `interrupted` or `error` — so whatever arrived survives a
cut stream or a crash. A `streaming` reply records its writer (`processes.process_id`); another process
only calls it interrupted once that writer is gone.

Attachment rows are read as input (a backup from another machine, a row edited by hand): one whose stored
path leads outside `attachments/` is quarantined: left out of its message with one warning per process, its
file never read, uploaded, copied or deleted. The message itself still loads.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from studio.ids import random_hex
from studio.storage.db import Database
from studio.storage.paths import OutsideDataFolder, inside
from studio.storage.processes import alive, process_id

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StoredAttachment:
    id: int
    kind: str  # "image" | "file"
    path: Path  # absolute
    filename: str
    mime: str
    size: int


@dataclass(frozen=True, slots=True)
class StoredMessage:
    id: int
    conversation_id: int
    role: str
    content: str
    reasoning: str
    model: str | None
    state: str
    error: str | None
    prompt_tokens: int | None
    completion_tokens: int | None
    total_tokens: int | None
    created_at: float
    attachments: tuple[StoredAttachment, ...] = ()
    #: a regenerated reply's other versions, in order, and this row's own place among them all (0-based)
    versions: tuple[ReplyVersion, ...] = ()
    version: int = 0

    @property
    def version_count(self) -> int:
        return len(self.versions) + 1

    def as_version(self) -> ReplyVersion:
        return ReplyVersion(self.content, self.reasoning, self.model, self.state, self.error, self.prompt_tokens,
                            self.completion_tokens, self.total_tokens)

    def all_versions(self) -> list[ReplyVersion]:
        """Every version of this reply in order, this row's own at `version`."""
        kept = list(self.versions)
        kept.insert(min(self.version, len(kept)), self.as_version())
        return kept


@dataclass(frozen=True, slots=True)
class ReplyVersion:
    """One earlier (or later) answer to the same message, kept when Regenerate replaced it."""

    content: str
    reasoning: str = ""
    model: str | None = None
    state: str = "complete"
    error: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_tokens: int | None = None


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int
    title: str
    profile: str | None
    model: str | None
    api: str
    system_prompt: str | None
    created_at: float
    updated_at: float


@dataclass(frozen=True, slots=True)
class NewAttachment:
    """A local file to copy into the conversation's folder."""

    kind: str
    source: Path
    filename: str
    mime: str


@dataclass(slots=True)
class MessageUpdate:
    content: str
    reasoning: str = ""
    state: str = "complete"
    error: str | None = None
    finish_reason: str | None = None
    usage: dict[str, int | None] = field(default_factory=dict)


class ConversationStore:
    def __init__(self, db: Database, data_root: Path) -> None:
        self._db = db
        self._root = data_root
        self._quarantined: set[int] = set()  # ids of untrusted attachment rows already reported

    # -- conversations ---------------------------------------------------------------------------

    def create(self, *, title: str, profile: str | None, model: str | None, api: str,
               system_prompt: str | None) -> Conversation:
        now = time.time()
        cursor = self._db.execute(
            "INSERT INTO conversations(title, profile, model, api, system_prompt, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (title, profile, model, api, system_prompt, now, now),
        )
        conversation = self.get(int(cursor.lastrowid or 0))
        assert conversation is not None
        return conversation

    def get(self, conversation_id: int) -> Conversation | None:
        row = self._db.query_one("SELECT * FROM conversations WHERE id = ?", (conversation_id,))
        return _conversation(row) if row else None

    def last(self) -> Conversation | None:
        row = self._db.query_one("SELECT * FROM conversations ORDER BY updated_at DESC, id DESC LIMIT 1")
        return _conversation(row) if row else None

    def recent(self, *, limit: int = 200) -> list[Conversation]:
        rows = self._db.query(
            "SELECT * FROM conversations ORDER BY updated_at DESC, id DESC LIMIT ?", (limit,)
        )
        return [_conversation(r) for r in rows]

    def search(self, text: str, *, limit: int = 100) -> list[Conversation]:
        """Conversations whose title or any message contains `text` (case-insensitive)."""
        text = text.strip()
        if not text:
            return self.recent(limit=limit)
        if len(text) >= 3:  # the trigram index needs three characters
            phrase = '"' + text.replace('"', '""') + '"'
            matched = "SELECT m.conversation_id FROM messages_fts f JOIN messages m ON m.id = f.rowid" \
                      " WHERE messages_fts MATCH ?"
            params: tuple[object, ...] = (phrase,)
        else:
            matched = "SELECT conversation_id FROM messages WHERE content LIKE ? ESCAPE '\\'"
            params = (_like(text),)
        rows = self._db.query(
            f"SELECT * FROM conversations WHERE id IN ({matched}) OR title LIKE ? ESCAPE '\\'"
            " ORDER BY updated_at DESC, id DESC LIMIT ?",
            (*params, _like(text), limit),
        )
        return [_conversation(r) for r in rows]

    def update(self, conversation_id: int, **fields: object) -> None:
        allowed = {"title", "profile", "model", "api", "system_prompt"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"not conversation fields: {sorted(unknown)}")
        sets = ", ".join(f"{k} = ?" for k in fields)
        self._db.execute(
            f"UPDATE conversations SET {sets}, updated_at = ? WHERE id = ?",
            (*fields.values(), time.time(), conversation_id),
        )

    def delete(self, conversation_id: int) -> None:
        self._db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
        shutil.rmtree(self._folder(conversation_id), ignore_errors=True)

    # -- messages --------------------------------------------------------------------------------

    def add_message(
        self,
        conversation_id: int,
        role: str,
        content: str,
        *,
        model: str | None = None,
        profile: str | None = None,
        state: str = "complete",
        attachments: tuple[NewAttachment, ...] = (),
        replace_from: int | None = None,
        writer: str | None = None,
    ) -> StoredMessage:
        """Add a message. `replace_from`: first delete that message and every later one, in the same
        transaction (regenerate / edit-and-resend never leaves a conversation cut short); their attachment
        files are removed afterwards unless another message still uses them. A `streaming` message is
        written by `writer` (a `process_id`; this process unless given)."""
        copied = [self._copy_in(conversation_id, a) for a in attachments]
        if state == "streaming" and writer is None:
            writer = process_id()
        now = time.time()
        dropped: list[tuple[int, str]] = []
        with self._db.transaction() as conn:
            if replace_from is not None:
                dropped = [(row[0], row[1]) for row in conn.execute(
                    "SELECT a.id, a.path FROM attachments a JOIN messages m ON m.id = a.message_id"
                    " WHERE m.conversation_id = ? AND m.id >= ?", (conversation_id, replace_from))]
                conn.execute("DELETE FROM messages WHERE conversation_id = ? AND id >= ?",
                             (conversation_id, replace_from))
            cursor = conn.execute(
                "INSERT INTO messages(conversation_id, role, content, model, profile, state, writer, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (conversation_id, role, content, model, profile, state, writer, now),
            )
            message_id = int(cursor.lastrowid or 0)
            for attachment, relative, size in copied:
                conn.execute(
                    "INSERT INTO attachments(message_id, kind, path, filename, mime, size)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (message_id, attachment.kind, relative, attachment.filename, attachment.mime, size),
                )
            conn.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id))
        for attachment_id, relative in dropped:
            path = self._attachment_path(attachment_id, relative)
            if path is None:  # leads outside attachments/: not Relay Studio's file to delete
                continue
            if self._db.query_one("SELECT 1 FROM attachments WHERE path = ?", (relative,)) is None:
                try:
                    path.unlink(missing_ok=True)
                except OSError as exc:  # the rows are already gone; a file left behind is only space
                    log.warning("The attachment file %s could not be removed (%s).", path, exc.strerror or exc)
        message = self.message(message_id)
        assert message is not None
        return message

    def save_partial(self, message_id: int, content: str, reasoning: str) -> None:
        """Keep what a streaming reply has so far (a crash then loses seconds, not the reply)."""
        self._db.execute("UPDATE messages SET content = ?, reasoning = ? WHERE id = ? AND state = 'streaming'",
                         (content, reasoning, message_id))

    def recover_interrupted(self, older_than: float = 0.0) -> int:
        """Replies left `streaming` by a process that died become `interrupted` (their text is kept);
        a reply whose writer still runs (another window, a `studio chat` in a terminal) is left alone."""
        recovered = 0
        with self._db.transaction() as conn:
            rows = conn.execute("SELECT id, writer FROM messages WHERE state = 'streaming' AND created_at < ?",
                                (time.time() - older_than,)).fetchall()
            for message_id, writer in rows:
                if not alive(writer):  # NULL: written before writers were recorded
                    conn.execute("UPDATE messages SET state = 'interrupted' WHERE id = ?", (message_id,))
                    recovered += 1
        return recovered

    def finish_message(self, message_id: int, update: MessageUpdate) -> None:
        usage = update.usage
        self._db.execute(
            "UPDATE messages SET content = ?, reasoning = ?, state = ?, error = ?, finish_reason = ?,"
            " prompt_tokens = ?, completion_tokens = ?, total_tokens = ? WHERE id = ?",
            (update.content, update.reasoning, update.state, update.error, update.finish_reason,
             usage.get("prompt_tokens"), usage.get("completion_tokens"), usage.get("total_tokens"),
             message_id),
        )

    def keep_versions(self, message_id: int, earlier: list[ReplyVersion]) -> None:
        """The reply `message_id` (a new one) becomes the last version after `earlier`."""
        self._db.execute("UPDATE messages SET versions = ?, version = ? WHERE id = ?",
                         (_versions_json(earlier), len(earlier), message_id))

    def choose_version(self, message_id: int, index: int) -> StoredMessage | None:
        """Put version `index` of a reply in its row (what is shown, searched and sent as history)."""
        with self._db.transaction() as conn:
            row = conn.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
            if row is None:
                return None
            current = self._message(row, ())
            every = current.all_versions()
            if not 0 <= index < len(every) or index == current.version or current.state == "streaming":
                return self.message(message_id)
            chosen = every.pop(index)
            conn.execute(
                "UPDATE messages SET content = ?, reasoning = ?, model = ?, state = ?, error = ?, prompt_tokens = ?,"
                " completion_tokens = ?, total_tokens = ?, versions = ?, version = ? WHERE id = ?",
                (chosen.content, chosen.reasoning, chosen.model, chosen.state, chosen.error, chosen.prompt_tokens,
                 chosen.completion_tokens, chosen.total_tokens, _versions_json(every), index, message_id),
            )
        return self.message(message_id)

    def message(self, message_id: int) -> StoredMessage | None:
        row = self._db.query_one("SELECT * FROM messages WHERE id = ?", (message_id,))
        if row is None:
            return None
        return self._message(row, self._attachments([message_id]).get(message_id, ()))

    def messages(self, conversation_id: int) -> list[StoredMessage]:
        rows = self._db.query(
            "SELECT * FROM messages WHERE conversation_id = ? ORDER BY id", (conversation_id,)
        )
        attachments = self._attachments([r["id"] for r in rows])
        return [self._message(r, attachments.get(r["id"], ())) for r in rows]

    # -- helpers ---------------------------------------------------------------------------------

    def _folder(self, conversation_id: int) -> Path:
        return self._root / "attachments" / str(conversation_id)

    def _copy_in(self, conversation_id: int, attachment: NewAttachment) -> tuple[NewAttachment, str, int]:
        folder = self._folder(conversation_id)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{random_hex(32)}{attachment.source.suffix.lower()}"
        shutil.copyfile(attachment.source, target)
        return attachment, target.relative_to(self._root).as_posix(), target.stat().st_size

    def _attachments(self, message_ids: list[int]) -> dict[int, tuple[StoredAttachment, ...]]:
        if not message_ids:
            return {}
        marks = ",".join("?" * len(message_ids))
        rows = self._db.query(
            f"SELECT * FROM attachments WHERE message_id IN ({marks}) ORDER BY id", message_ids
        )
        found: dict[int, list[StoredAttachment]] = {}
        for r in rows:
            path = self._attachment_path(r["id"], r["path"])
            if path is None:
                continue
            found.setdefault(r["message_id"], []).append(
                StoredAttachment(r["id"], r["kind"], path, r["filename"], r["mime"], r["size"])
            )
        return {k: tuple(v) for k, v in found.items()}

    def _attachment_path(self, attachment_id: int, stored: object) -> Path | None:
        """The file of an attachment row, or None (quarantined, one warning per process) when its stored
        path is not a path inside `attachments/`."""
        try:
            if not isinstance(stored, str):
                raise OutsideDataFolder(f"The saved path {stored!r} is not a path inside the attachments folder "
                                        "of the data folder; it was not touched.")
            return inside(self._root, stored, "attachments")
        except OutsideDataFolder as exc:
            if attachment_id not in self._quarantined:
                self._quarantined.add(attachment_id)
                log.warning("Chat attachment %s is left out: %s", attachment_id, exc)
            return None

    @staticmethod
    def _message(r: sqlite3.Row, attachments: tuple[StoredAttachment, ...]) -> StoredMessage:
        return StoredMessage(
            r["id"], r["conversation_id"], r["role"], r["content"], r["reasoning"], r["model"], r["state"],
            r["error"], r["prompt_tokens"], r["completion_tokens"], r["total_tokens"], r["created_at"],
            attachments, _versions(r["versions"]), int(r["version"] or 0),
        )


def _conversation(r: sqlite3.Row) -> Conversation:
    return Conversation(r["id"], r["title"], r["profile"], r["model"], r["api"], r["system_prompt"],
                        r["created_at"], r["updated_at"])


def _versions_json(versions: list[ReplyVersion]) -> str:
    return json.dumps([{"content": v.content, "reasoning": v.reasoning, "model": v.model, "state": v.state,
                        "error": v.error, "prompt_tokens": v.prompt_tokens, "completion_tokens": v.completion_tokens,
                        "total_tokens": v.total_tokens} for v in versions], ensure_ascii=False)


def _versions(stored: object) -> tuple[ReplyVersion, ...]:
    """The kept versions of a row; a value edited by hand into something else reads as none."""
    try:
        items = json.loads(stored) if isinstance(stored, str) else []
    except ValueError:
        return ()
    kept = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("content"), str):
            state = item.get("state")
            kept.append(ReplyVersion(
                item["content"], str(item.get("reasoning") or ""), _text_or_none(item.get("model")),
                state if state in ("complete", "interrupted", "error") else "complete",
                _text_or_none(item.get("error")), _int_or_none(item.get("prompt_tokens")),
                _int_or_none(item.get("completion_tokens")), _int_or_none(item.get("total_tokens")),
            ))
    return tuple(kept)


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


_FENCE_LINE = re.compile(r"^\s*(```|~~~)[^\n]*$", re.MULTILINE)
_LINE_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)", re.MULTILINE)
_LINKS = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|~~|\*|`)(?=\S)(.+?)(?<=\S)\1|(?<!\w)(_)(?=\S)(.+?)(?<=\S)_(?!\w)")


def plain_title(text: str, length: int = 60) -> str:
    """A conversation title from a message: one line, markdown marks (headings, lists, quotes, fences,
    emphasis, code ticks, links) left out, at most `length` characters."""
    text = _FENCE_LINE.sub("", text)
    text = _LINE_MARKS.sub("", text)
    text = _LINKS.sub(r"\1", text)
    for _ in range(3):  # nested marks: **`code`**
        text = _EMPHASIS.sub(lambda m: m.group(2) if m.group(1) else m.group(4), text)
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1] + "…"


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
