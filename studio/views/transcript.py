"""The conversation transcript: one QTextDocument, rendered once per message and grown in place
while a reply streams.

A streaming reply is the last thing in the document. Its *open region* runs from `_open_start` to
the end: finished markdown blocks are inserted once before it moves on, and only the small open
tail is replaced on each update (re-rendering a whole message per update stalls the UI for
hundreds of milliseconds; this stays under ~10 ms). Each insert starts a fresh block, or Qt would
merge the new HTML into the previous paragraph.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QGuiApplication,
    QImage,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from studio.viewmodels.chat import MessageView, Transcript

if TYPE_CHECKING:
    from types import ModuleType

    from studio.views.chat_markdown import StreamingMarkdown

COPY_SCHEME = "copy:"  # the links studio.views.chat_markdown puts on code blocks


def _markdown() -> ModuleType:
    """The markdown renderer, imported on first use: markdown-it and Pygments cost ~50 ms that
    the first frame should not wait for."""
    from studio.views import chat_markdown

    return chat_markdown

_RENDER_CACHE_SIZE = 3000
_TURN_GAP = 18
_THUMB_SCHEME = "thumb:"  # pixels above each "You" / "Assistant" line
#: an open tail longer than this is shown as plain text, appended incrementally, until it finishes
PLAIN_TAIL_FROM = 3000
#: characters that can change how markdown renders; a plain tail without them is already exact
_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>!#|~\\&]|^\s*(?:[-+>]|\d+[.)])\s|^\s{4}|^=+\s*$|^-+\s*$", re.MULTILINE)


class TranscriptView(QTextBrowser):
    #: an action link under a message was clicked: ("edit" | "regenerate", message id)
    messageAction = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.document().setDocumentMargin(14)
        self._dark = False
        self._transcript = Transcript(None, "")
        self._codes: list[str] = []
        self._messages: dict[int, MessageView] = {}
        self._expanded: set[int] = set()
        #: rendered replies by (id, dark, content hash): reopening a conversation skips markdown
        self._thumbs: dict[str, bytes] = {}
        self._render_cache: dict[tuple[int, bool, int], tuple[str, tuple[str, ...], int]] = {}
        self._stream: StreamingMarkdown | None = None
        self._stream_id = 0
        self._open_start = 0
        self._reasoning: list[str] = []
        self._content_started = False
        self._plain_len = -1  # characters of the open tail shown as plain text; -1: shown as HTML

    # -- whole transcripts -----------------------------------------------------------------------

    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            if self._stream is None:
                self._render_all()

    def show_transcript(self, transcript: Transcript) -> None:
        self._transcript = transcript
        self._stream = None
        self._render_all()
        self.moveCursor(QTextCursor.MoveOperation.End)
        self.ensureCursorVisible()

    def _render_all(self) -> None:
        """Render every message into one HTML document and load it with a single `setHtml`: one
        parse and one layout instead of thousands of inserts (500 messages open in ~0.2 s)."""
        bar = self.verticalScrollBar()
        keep = bar.value()
        self._codes = []
        self._messages = {}
        messages = self._transcript.messages
        last_assistant = next((m.id for m in reversed(messages) if m.role == "assistant"), None)
        parts: list[str] = []
        for index, message in enumerate(messages):
            parts.extend(self._message_fragments(message, last=message.id == last_assistant, first=index == 0))
        self.setHtml("".join(parts))
        bar.setValue(keep)

    def _message_fragments(self, m: MessageView, *, last: bool, first: bool) -> list[str]:
        """The HTML pieces of one message, in order (header, thinking, body, attachments, footer)."""
        self._messages[m.id] = m
        header = self._header_html(m)
        if not first:
            header = header.replace("<p>", f"<p style='margin-top:{_TURN_GAP}px'>", 1)
        fragments = [header]
        if m.role == "assistant" and m.reasoning:
            fragments.append(self._thinking_html(m.id, m.reasoning))
        if m.content:
            fragments.append(self._body_html(m))
        if m.attachments:
            fragments.append(self._attachments_html(m))
        fragments.append(self._footer_html(m, last=last))
        return fragments

    def _append_message(self, cursor: QTextCursor, m: MessageView, *, last: bool, first: bool = False) -> None:
        """Append one message at `cursor` (the end of the document) while a turn runs."""
        for index, fragment in enumerate(self._message_fragments(m, last=last, first=True)):
            self._insert(cursor, fragment, first=first and index == 0)
            if index == 0:
                self._set_turn_gap(cursor, first=first)

    def _insert_header(self, cursor: QTextCursor, m: MessageView, *, first: bool = False) -> None:
        self._insert(cursor, self._header_html(m), first=first)
        self._set_turn_gap(cursor, first=first)

    @staticmethod
    def _set_turn_gap(cursor: QTextCursor, *, first: bool) -> None:
        """The role line starts a block with space above it, so turns read as separate."""
        block = cursor.blockFormat()
        block.setTopMargin(0 if first else _TURN_GAP)
        block.setBottomMargin(4)
        cursor.setBlockFormat(block)

    def _insert(self, cursor: QTextCursor, fragment: str, *, first: bool = False) -> None:
        if not first:
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        cursor.insertHtml(fragment)

    def _end_cursor(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    # -- streaming -------------------------------------------------------------------------------

    def begin_turn(self, user: MessageView, pending: MessageView) -> None:
        cursor = self._end_cursor()
        empty = self.document().isEmpty()
        self._append_message(cursor, user, last=False, first=empty)
        self._messages[pending.id] = pending
        self._insert_header(cursor, pending)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        self._open_start = cursor.position()
        self._stream = _markdown().StreamingMarkdown(dark=self._dark, code_index_start=len(self._codes),
                                                    copy_label=self.tr("Copy"))
        self._stream_id = pending.id
        self._reasoning = []
        self._content_started = False
        self._plain_len = -1
        self._scroll_to_end()

    def append_delta(self, content: str, reasoning: str) -> None:
        if self._stream is None:
            return
        follow = self._at_bottom()
        if reasoning:
            self._reasoning.append(reasoning)
            if not self._content_started:
                cursor = self._end_cursor()
                fmt = QTextCharFormat()
                fmt.setForeground(QColor("#8a8a8a"))
                fmt.setFontItalic(True)
                cursor.insertText(reasoning, fmt)
        if content:
            if not self._content_started:
                self._content_started = True
                cursor = self._open_cursor()
                cursor.removeSelectedText()
                if self._reasoning:
                    cursor.insertHtml(self._thinking_html(self._stream_id, "".join(self._reasoning)))
                    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
                    self._open_start = cursor.position()
            self._update_open_region(content)
        if follow:
            self._scroll_to_end()

    def finish_turn(self, final: MessageView) -> None:
        """The reply ended (complete, interrupted or failed): close the open region, add the footer."""
        follow = self._at_bottom()
        stream, self._stream = self._stream, None
        if stream is None or final.id != self._stream_id:
            return
        if not self._content_started and self._reasoning:
            self._open_cursor().removeSelectedText()  # the live thinking text becomes the collapsed link
            if final.reasoning:
                self._insert_at_open(self._thinking_html(final.id, final.reasoning))
        if stream.text == final.content:
            exact = self._plain_len >= 0 and not _MARKDOWN_SYNTAX.search(stream.tail_text)
            if exact:  # the plain tail already shows exactly what markdown would
                stream.finish(render_tail=False)
            else:
                update = stream.finish()
                self._replace_open_region(update.finished_html, "")
            self._codes.extend(stream.code_blocks)
        else:  # not streamed (or the store knows better): render the stored text once
            rendered = _markdown().render_markdown(final.content, dark=self._dark, code_index_start=len(self._codes),
                                                   copy_label=self.tr("Copy"))
            self._replace_open_region(rendered.html if final.content else "", "")
            self._codes.extend(rendered.code_blocks)
        self._messages[final.id] = final
        cursor = self._end_cursor()
        if cursor.block().length() == 1 and cursor.block().previous().isValid():
            cursor.deletePreviousChar()  # the empty block the open region left: no blank line before the footer
        self._insert(cursor, self._footer_html(final, last=True))
        self._transcript = Transcript(self._transcript.conversation_id, self._transcript.title,
                                      (*self._transcript.messages, *self._pending_views(final)))
        if follow:
            self._scroll_to_end()

    def _pending_views(self, final: MessageView) -> tuple[MessageView, ...]:
        known = {m.id for m in self._transcript.messages}
        user = [m for mid, m in self._messages.items() if mid not in known and m.role == "user"]
        return (*user, final)

    def _update_open_region(self, content: str) -> None:
        """Feed `content`; insert newly finished blocks once; show the tail as HTML while it is
        short, then as plain text grown by appending (a long open paragraph or code block would
        otherwise be re-rendered whole on every update)."""
        stream = self._stream
        assert stream is not None
        stream.feed(content)
        tail_len = len(stream.tail_text)
        update = stream.take_update(render_tail=tail_len <= PLAIN_TAIL_FROM)
        if update.finished_html:
            self._plain_len = -1
            self._replace_open_region(update.finished_html, "")
        tail = stream.tail_text
        if len(tail) <= PLAIN_TAIL_FROM:
            if update.tail_html or not update.finished_html:
                self._replace_open_region("", update.tail_html)
            self._plain_len = -1
            return
        if self._plain_len < 0:
            cursor = self._open_cursor()
            cursor.removeSelectedText()
            cursor.insertText(tail, self._plain_format(tail))
        else:
            self._end_cursor().insertText(tail[self._plain_len:], self._plain_format(tail))
        self._plain_len = len(tail)

    def _plain_format(self, tail: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if tail.lstrip().startswith(("```", "~~~")):
            fmt.setFontFamilies(["monospace"])
        return fmt

    def _open_cursor(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(self._open_start, self.document().characterCount() - 1))
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _insert_at_open(self, fragment: str) -> None:
        cursor = self._open_cursor()
        cursor.insertHtml(fragment)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        self._open_start = cursor.position()

    def _replace_open_region(self, finished_html: str, tail_html: str) -> None:
        cursor = self._open_cursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        if finished_html:
            cursor.insertHtml(finished_html.rstrip())  # a newline after the last tag would become a space
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            self._open_start = cursor.position()
        if tail_html:
            cursor.insertHtml(tail_html.rstrip())
        cursor.endEditBlock()

    def _at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _scroll_to_end(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    # -- HTML pieces -----------------------------------------------------------------------------

    def _muted(self) -> str:
        return "#9a9a9a" if self._dark else "#6b6b6b"

    def _header_html(self, m: MessageView) -> str:
        who = self.tr("You") if m.role == "user" else self.tr("Assistant")
        if m.role == "user":
            accent = "#7ab7ff" if self._dark else "#2a6fdb"
        else:
            accent = "#7fd18b" if self._dark else "#2e8b57"
        model = ""
        if m.role == "assistant" and m.model:
            model = f" <span style='color:{self._muted()}'>· {html.escape(m.model)}</span>"
        return f"<p><b style='color:{accent}'>{html.escape(who)}</b>{model}</p>"

    def _body_html(self, m: MessageView) -> str:
        if m.role == "user":
            return "<p>" + html.escape(m.content).replace("\n", "<br>") + "</p>"
        key = (m.id, self._dark, hash(m.content))
        cached = self._render_cache.get(key)
        if cached is None or cached[2] != len(self._codes):
            rendered = _markdown().render_markdown(m.content, dark=self._dark, code_index_start=len(self._codes),
                                                   copy_label=self.tr("Copy"))
            cached = (rendered.html, rendered.code_blocks, len(self._codes))
            if len(self._render_cache) >= _RENDER_CACHE_SIZE:
                self._render_cache.pop(next(iter(self._render_cache)))
            self._render_cache[key] = cached
        self._codes.extend(cached[1])
        return cached[0]

    def _thinking_html(self, message_id: int, reasoning: str) -> str:
        muted = self._muted()
        if message_id in self._expanded:
            text = html.escape(reasoning).replace("\n", "<br>")
            label = html.escape(self.tr("Hide thinking"))
            return (f"<p><a href='msg:think:{message_id}'>▾ {label}</a></p>"
                    f"<p style='color:{muted}; margin-left:12px'><i>{text}</i></p>")
        label = html.escape(self.tr("Show thinking ({0} characters)").format(len(reasoning)))
        return f"<p><a href='msg:think:{message_id}' style='color:{muted}'>▸ {label}</a></p>"

    def _attachments_html(self, m: MessageView) -> str:
        parts = []
        for index, a in enumerate(m.attachments):
            name = html.escape(a.filename)
            if a.kind == "image" and a.thumbnail:
                url = f"{_THUMB_SCHEME}{m.id}/{index}"
                self._thumbs[url] = a.thumbnail
                parts.append(f"<img src='{url}' title='{name}'> ")
            else:
                icon = "🖼" if a.kind == "image" else "📄"
                parts.append(f"<span style='background-color:rgba(128,128,128,40)'>&nbsp;{icon} {name}&nbsp;</span> ")
        return "<p>" + "".join(parts) + "</p>"

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # Qt's name
        """Attachment previews come from the view-model's thumbnails, never from decoding the
        full-size file here on the UI thread."""
        name = name if isinstance(name, QUrl) else QUrl(name)
        data = self._thumbs.get(name.toString())
        if data is not None:
            return QImage.fromData(data)
        if name.scheme() in ("http", "https", "file", ""):
            return None  # a reply's markdown can name any URL; nothing is fetched or decoded
        return super().loadResource(kind, name)

    def _footer_html(self, m: MessageView, *, last: bool) -> str:
        muted = self._muted()
        bits: list[str] = []
        if m.role == "assistant":
            if m.state == "interrupted":
                bits.append(html.escape(self.tr("Interrupted")))
            elif m.state == "error" and m.error:
                bits.append(f"<span style='color:#d9534f'>{html.escape(m.error)}</span>")
            if m.prompt_tokens is not None or m.completion_tokens is not None:
                usage = self.tr("{0} in · {1} out tokens").format(m.prompt_tokens or 0, m.completion_tokens or 0)
                bits.append(html.escape(usage))
            copy, regenerate = html.escape(self.tr("Copy")), html.escape(self.tr("Regenerate"))
            links = [f"<a href='msg:copy:{m.id}'>{copy}</a>"]
            if last:
                links.append(f"<a href='msg:regenerate:{m.id}'>{regenerate}</a>")
        else:
            edit, copy = html.escape(self.tr("Edit")), html.escape(self.tr("Copy"))
            links = [f"<a href='msg:edit:{m.id}'>{edit}</a>", f"<a href='msg:copy:{m.id}'>{copy}</a>"]
        bits.append(" · ".join(links))
        return f"<p style='color:{muted}; font-size:small'>{' &nbsp; '.join(bits)}</p>"

    # -- links -----------------------------------------------------------------------------------

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith(COPY_SCHEME):
            self._copy_code(target[len(COPY_SCHEME):])
        elif target.startswith("msg:"):
            _, action, raw_id = (target.split(":", 2) + ["", ""])[:3]
            try:
                message_id = int(raw_id)
            except ValueError:
                return
            self._message_link(action, message_id)
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def _copy_code(self, index_text: str) -> None:
        try:
            index = int(index_text)
        except ValueError:
            return
        if index < len(self._codes):
            QGuiApplication.clipboard().setText(self._codes[index])
        elif self._stream is not None:
            local = self._stream.code_blocks
            offset = index - len(self._codes)
            if 0 <= offset < len(local):
                QGuiApplication.clipboard().setText(local[offset])

    def _message_link(self, action: str, message_id: int) -> None:
        if action == "copy":
            message = self._messages.get(message_id)
            if message is not None:
                QGuiApplication.clipboard().setText(message.content)
        elif action == "think":
            self._expanded ^= {message_id}
            if self._stream is None:
                self._render_all()
        elif action in ("edit", "regenerate"):
            self.messageAction.emit(action, message_id)

    # -- for tests -------------------------------------------------------------------------------

    @property
    def code_blocks(self) -> list[str]:
        return list(self._codes)
