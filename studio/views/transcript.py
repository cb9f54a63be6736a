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

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QCursor,
    QDesktopServices,
    QGuiApplication,
    QImage,
    QMouseEvent,
    QResizeEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTextBrowser, QToolButton, QWidget

from studio.viewmodels.chat import MessageView, Transcript
from studio.views.icons import icon
from studio.views.qt_images import QT_IMAGES

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
_TURN_GAP = 18  # pixels above each "You" / "Assistant" line
_PARAGRAPH_MARGIN = 12  # what QTextDocument gives a <p> above and below
_MESSAGE_ANCHOR = "message-"  # the anchor name on each message's header: message-<id>
_THUMB_SCHEME = "thumb:"
#: an open tail longer than this is shown as plain text, appended incrementally, until it finishes
PLAIN_TAIL_FROM = 3000
#: the widest the text runs (pixels, margins included); a wider window centres it
READING_WIDTH = 800
#: characters that can change how markdown renders; a plain tail without them is already exact
_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>!#|~\\&]|^\s*(?:[-+>]|\d+[.)])\s|^\s{4}|^=+\s*$|^-+\s*$", re.MULTILINE)


class TranscriptView(QTextBrowser):
    #: an action link under a message was clicked: ("edit" | "regenerate", message id)
    messageAction = Signal(str, int)
    #: a version arrow under the last reply was clicked: (message id, version to show, 0-based)
    versionChosen = Signal(int, int)

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
        self.toast = Toast(self.viewport())
        self.actions_bar = MessageActions(self.viewport())
        self.actions_bar.triggered.connect(self._message_link)
        self._hovered: int | None = None
        self._header_numbers: dict[int, int] = {}  # message id → block number of its header
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._scrolled())
        self.viewport().setMouseTracking(True)

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
        self.setHtml("".join(part.strip() for part in parts))
        self._apply_reading_width()
        self._hovered = None
        self.actions_bar.hide()
        bar.setValue(keep)

    def _message_fragments(self, m: MessageView, *, last: bool, first: bool) -> list[str]:
        """The HTML pieces of one message, in order (header, thinking, body, attachments, footer).
        Live turns and whole transcripts are both made of these, so they render alike."""
        self._messages[m.id] = m
        fragments = [self._header_html(m, first=first)]
        if m.role == "assistant" and m.reasoning:
            fragments.append(self._thinking_html(m.id, m.reasoning))
        if m.content:
            fragments.append(self._body_html(m))
        if m.attachments:
            fragments.append(self._attachments_html(m))
        footer = self._footer_html(m, last=last)
        if footer:
            fragments.append(footer)
        return fragments

    def _append_message(self, cursor: QTextCursor, m: MessageView, *, last: bool, first: bool = False) -> None:
        """Append one message at `cursor` (the end of the document) while a turn runs."""
        for fragment in self._message_fragments(m, last=last, first=first):
            self._append_html(cursor, fragment)

    def _append_html(self, cursor: QTextCursor, fragment: str) -> None:
        """Append `fragment` after the last block at `cursor` as `setHtml` would have laid it out.

        `insertHtml` merges a fragment's first block into the block under the cursor and keeps *that*
        block's format (a paragraph lost its 12 px margins; a list or a table left an empty block
        before it). So the fragment is parsed once into a scratch document, a new block takes its
        first block's format, and the parsed fragment goes in; a list or a table starts its own block.
        """
        scratch = QTextDocument()
        scratch.setHtml(fragment.strip())  # a newline after the last tag would become a space
        block_format = scratch.begin().blockFormat()
        block_format.clearProperty(QTextFormat.Property.ObjectIndex)
        if cursor.position() == 0 and self.document().isEmpty():
            cursor.setBlockFormat(block_format)
            cursor.insertFragment(QTextDocumentFragment(scratch))
            return
        before = cursor.block()
        cursor.insertBlock(block_format, QTextCharFormat())
        opened = cursor.block()
        if before.length() == 1 and QTextCursor(before.previous()).currentTable() is not None:
            QTextCursor(before).setBlockFormat(QTextBlockFormat())  # the empty block Qt keeps after a table
        cursor.insertFragment(QTextDocumentFragment(scratch))
        if opened.isValid() and opened.length() == 1 and opened.blockNumber() != cursor.block().blockNumber():
            # the fragment began with a list or a table, which start blocks of their own: drop the empty one
            eraser = QTextCursor(opened)
            eraser.movePosition(QTextCursor.MoveOperation.PreviousCharacter, QTextCursor.MoveMode.KeepAnchor)
            eraser.removeSelectedText()

    def _end_cursor(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    # -- streaming -------------------------------------------------------------------------------

    def begin_turn(self, user: MessageView, pending: MessageView) -> None:
        cursor = self._end_cursor()
        first = self.document().isEmpty()
        self._refresh_footer()  # the reply before loses its place as the last one
        self._append_message(cursor, user, last=False, first=first)
        self._messages[pending.id] = pending
        self._append_html(cursor, self._header_html(pending, first=False))
        self._open_start = cursor.position()
        self._stream = _markdown().StreamingMarkdown(dark=self._dark, code_index_start=len(self._codes),
                                                    copy_label=self.tr("Copy"))
        self._stream_id = pending.id
        self._reasoning = []
        self._content_started = False
        self._plain_len = -1
        self._scroll_to_end()
        self._place_actions()  # no Regenerate while a reply streams

    def append_delta(self, content: str, reasoning: str) -> None:
        if self._stream is None:
            return
        follow = self._at_bottom()
        if reasoning:
            if not self._content_started:
                cursor = self._end_cursor()
                fmt = QTextCharFormat()
                fmt.setForeground(QColor("#8a8a8a"))
                fmt.setFontItalic(True)
                if not self._reasoning:
                    cursor.insertBlock(QTextBlockFormat(), fmt)
                cursor.insertText(reasoning, fmt)
            self._reasoning.append(reasoning)
        if content:
            if not self._content_started:
                self._content_started = True
                cursor = self._open_cursor()
                cursor.removeSelectedText()
                if self._reasoning:
                    self._append_html(cursor, self._thinking_html(self._stream_id, "".join(self._reasoning)))
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
                cursor = self._open_cursor()
                self._append_html(cursor, self._thinking_html(final.id, final.reasoning))
                self._open_start = cursor.position()
        if stream.text == final.content:
            tail = stream.tail_text
            exact = (self._plain_len >= 0 and tail == tail.strip() and "\n" not in tail
                     and not _MARKDOWN_SYNTAX.search(tail))
            if exact:  # the plain tail already shows exactly what markdown would: give it a paragraph's margins
                stream.finish(render_tail=False)
                self._paragraph_tail()
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
        footer = self._footer_html(final, last=True)
        if footer:
            self._append_html(cursor, footer)
        self._transcript = Transcript(self._transcript.conversation_id, self._transcript.title,
                                      (*self._transcript.messages, *self._pending_views(final)))
        if follow:
            self._scroll_to_end()
        self._place_actions()  # the finished reply under the mouse gets its buttons (Regenerate now too)

    def _paragraph_tail(self) -> None:
        """The plain open tail becomes a paragraph block like the one `setHtml` makes of `<p>`."""
        cursor = self._open_cursor()
        block_format = QTextBlockFormat()
        block_format.setTopMargin(_PARAGRAPH_MARGIN)
        block_format.setBottomMargin(_PARAGRAPH_MARGIN)
        cursor.setBlockFormat(block_format)

    def _refresh_footer(self) -> None:
        """The footer of the reply that was last is written again without what only the last reply
        has (its version arrows)."""
        messages = self._transcript.messages
        if not messages or messages[-1].role != "assistant" or not self._footer_html(messages[-1], last=True):
            return
        cursor = self._end_cursor()
        cursor.setPosition(self.document().lastBlock().position() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        footer = self._footer_html(messages[-1], last=False)
        if footer:
            self._append_html(cursor, footer)

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
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
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
        """A selection from the end of the finished part of the reply to the end of the document."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(self._open_start, self.document().characterCount() - 1))
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _replace_open_region(self, finished_html: str, tail_html: str) -> None:
        cursor = self._open_cursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        if finished_html:
            self._append_html(cursor, finished_html)
            self._open_start = cursor.position()
        if tail_html:
            self._append_html(cursor, tail_html)
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

    def _header_html(self, m: MessageView, *, first: bool) -> str:
        who = self.tr("You") if m.role == "user" else self.tr("Assistant")
        if m.role == "user":
            accent = "#7ab7ff" if self._dark else "#2a6fdb"
        else:
            accent = "#7fd18b" if self._dark else "#2e8b57"
        model = ""
        if m.role == "assistant" and m.model:
            model = f" <span style='color:{self._muted()}'>· {html.escape(m.model)}</span>"
        gap = 0 if first else _TURN_GAP
        return (f"<p style='margin-top:{gap}px; margin-bottom:4px'><a name='{_MESSAGE_ANCHOR}{m.id}'></a>"
                f"<b style='color:{accent}'>{html.escape(who)}</b>{model}</p>")

    def _body_html(self, m: MessageView) -> str:
        key = (m.id, self._dark, hash(m.content))
        cached = self._render_cache.get(key)
        if cached is None or cached[2] != len(self._codes):
            # your own messages as typed (fenced code shown as code), replies as markdown
            render = _markdown().render_typed if m.role == "user" else _markdown().render_markdown
            rendered = render(m.content, dark=self._dark, code_index_start=len(self._codes), copy_label=self.tr("Copy"))
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
            with QT_IMAGES:  # a worker may be reading (studio/views/qt_images.py); thumbnails are PNG
                return QImage.fromData(data, "PNG")  # type: ignore[arg-type]  # the stubs say bytes; PySide6: str
        if name.scheme() in ("http", "https", "file", ""):
            return None  # a reply's markdown can name any URL; nothing is fetched or decoded
        return super().loadResource(kind, name)

    def _footer_html(self, m: MessageView, *, last: bool) -> str:
        """A reply's state, usage and (on the last reply) its version arrows; "" when there is none.
        Copy, Edit and Regenerate are hover buttons (`MessageActions`), not part of the text."""
        if m.role != "assistant":
            return ""
        muted = self._muted()
        bits: list[str] = []
        if m.versions > 1:
            count = html.escape(f"{m.version + 1}/{m.versions}")
            if last:
                back = (f"<a href='msg:version:{m.id}:{m.version - 1}' style='text-decoration:none'>◀</a>"
                        if m.version > 0 else "◀")
                ahead = (f"<a href='msg:version:{m.id}:{m.version + 1}' style='text-decoration:none'>▶</a>"
                         if m.version + 1 < m.versions else "▶")
                count = f"{back} {count} {ahead}"
            bits.append(count)
        if m.state == "interrupted":
            bits.append(html.escape(self.tr("Interrupted")))
        elif m.state == "error" and m.error:
            bits.append(f"<span style='color:#d9534f'>{html.escape(m.error)}</span>")
        if m.prompt_tokens is not None or m.completion_tokens is not None:
            usage = self.tr("{0} in · {1} out tokens").format(m.prompt_tokens or 0, m.completion_tokens or 0)
            bits.append(html.escape(usage))
        if not bits:
            return ""
        return f"<p style='color:{muted}; font-size:small'>{' &nbsp; '.join(bits)}</p>"

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.actions_bar.retranslate()
            if self._stream is None:  # "You", "Assistant", "Copy" and the footers in the new language
                self._render_cache.clear()
                self._render_all()

    # -- reading width and hover actions -------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_reading_width()
        self._place_actions()
        self.toast.place()

    def _apply_reading_width(self) -> None:
        """Lines no longer than `READING_WIDTH`: a wide window centres the text instead of stretching it.
        A narrow one keeps the document margin; then nothing changes after `setHtml` (no second layout)."""
        margin = self.document().documentMargin()
        side = max(margin, (self.viewport().width() - READING_WIDTH) // 2)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if fmt.leftMargin() != side or fmt.rightMargin() != side:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            root.setFrameFormat(fmt)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        found = self._message_at(event.position().toPoint())
        if found != self._hovered:
            self._hovered = found
            self._place_actions()

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        if not self.actions_bar.underMouse():
            self._hovered = None
            self.actions_bar.hide()

    def _message_at(self, pos: QPoint) -> int | None:
        """The id of the message under `pos` (viewport coordinates): the nearest header above it."""
        block = self.cursorForPosition(pos).block()
        for _ in range(20000):
            if not block.isValid():
                return None
            message_id = _header_id(block)
            if message_id is not None:
                return message_id
            block = block.previous()
        return None

    def _header_block(self, message_id: int) -> QTextBlock | None:
        """The header block of a message: remembered by number, looked for again when the document changed."""
        known = self._header_numbers.get(message_id)
        if known is not None:
            block = self.document().findBlockByNumber(known)
            if block.isValid() and _header_id(block) == message_id:
                return block
        block = self.document().lastBlock()
        while block.isValid():
            if _header_id(block) == message_id:
                self._header_numbers[message_id] = block.blockNumber()
                return block
            block = block.previous()
        return None

    def _scrolled(self) -> None:
        """The message under a still mouse changes as the text scrolls under it."""
        if self._hovered is not None and self.viewport().underMouse():
            self._hovered = self._message_at(self.viewport().mapFromGlobal(QCursor.pos()))
        self._place_actions()

    def show_actions(self, message_id: int) -> None:
        """Show the hover buttons of one message (what moving the mouse over it does)."""
        self._hovered = message_id
        self._place_actions()

    def _place_actions(self) -> None:
        message = self._messages.get(self._hovered) if self._hovered is not None else None
        block = self._header_block(message.id) if message is not None else None
        if message is None or block is None:
            self.actions_bar.hide()
            return
        shown = list(self._messages.values())
        last = shown[-1].id if shown and shown[-1].role == "assistant" else None  # a reply nothing follows
        self.actions_bar.show_for(message.id, message.role,
                                  regenerate=message.id == last and self._stream is None,
                                  busy=self._stream is not None and message.id == self._stream_id)
        rect = self.document().documentLayout().blockBoundingRect(block)
        side = self.document().rootFrame().frameFormat().leftMargin()
        right = self.viewport().width() - side
        x = int(right - self.actions_bar.width())
        y = int(rect.top() - self.verticalScrollBar().value() + (rect.height() - self.actions_bar.height()) / 2)
        # a long message whose header scrolled away keeps its buttons at the top of the view
        y = max(4, min(y, self.viewport().height() - self.actions_bar.height() - 4))
        self.actions_bar.move(max(0, x), y)
        self.actions_bar.raise_()

    # -- links -----------------------------------------------------------------------------------

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith(COPY_SCHEME):
            self._copy_code(target[len(COPY_SCHEME):])
        elif target.startswith("msg:"):
            _, action, raw_id, raw_version = (target.split(":", 3) + ["", "", ""])[:4]
            try:
                message_id, version = int(raw_id), int(raw_version or 0)
            except ValueError:
                return
            self._message_link(action, message_id, version)
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def _copy_code(self, index_text: str) -> None:
        try:
            index = int(index_text)
        except ValueError:
            return
        if index < len(self._codes):
            self._copy(self._codes[index])
        elif self._stream is not None:
            local = self._stream.code_blocks
            offset = index - len(self._codes)
            if 0 <= offset < len(local):
                self._copy(local[offset])

    def _copy(self, text: str) -> None:
        """Every copy in the transcript says so: a short "Copied" toast over the transcript."""
        QGuiApplication.clipboard().setText(text)
        self.toast.flash(self.tr("Copied"))

    def _message_link(self, action: str, message_id: int, version: int = 0) -> None:
        if action == "copy":
            message = self._messages.get(message_id)
            if message is not None:
                self._copy(message.content)
        elif action == "version":
            message = self._messages.get(message_id)
            if message is not None and self._stream is None and 0 <= version < message.versions:
                self.versionChosen.emit(message_id, version)
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


def _header_id(block: QTextBlock) -> int | None:
    """The message id a header block carries in its anchor name, or None for any other block."""
    fragments = block.begin()
    if fragments.atEnd():
        return None
    for name in fragments.fragment().charFormat().anchorNames():
        if name.startswith(_MESSAGE_ANCHOR):
            try:
                return int(name[len(_MESSAGE_ANCHOR):])
            except ValueError:
                return None
    return None


class MessageActions(QFrame):
    """The hover buttons of one message: Copy; Edit (your messages); Regenerate (the last reply)."""

    #: (action, message id): "copy" | "edit" | "regenerate"
    triggered = Signal(str, int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("messageActions")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._message_id = 0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(0)
        self.buttons: dict[str, QToolButton] = {}
        for action in ("copy", "edit", "regenerate"):
            button = QToolButton(self)
            button.setObjectName(f"message{action.capitalize()}")
            button.setIconSize(QSize(16, 16))
            button.setIcon(icon({"regenerate": "refresh"}.get(action, action)))  # in the palette's colours
            button.setAutoRaise(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, a=action: self.triggered.emit(a, self._message_id))
            layout.addWidget(button)
            self.buttons[action] = button
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        tips = {"copy": self.tr("Copy"), "edit": self.tr("Edit"), "regenerate": self.tr("Regenerate")}
        for action, tip in tips.items():
            self.buttons[action].setToolTip(tip)
            self.buttons[action].setAccessibleName(tip)

    def show_for(self, message_id: int, role: str, *, regenerate: bool, busy: bool) -> None:
        self._message_id = message_id
        self.buttons["copy"].setVisible(not busy)
        self.buttons["edit"].setVisible(role == "user")
        self.buttons["regenerate"].setVisible(role == "assistant" and regenerate)
        self.adjustSize()
        self.setVisible(not busy)


class Toast(QLabel):
    """A short message over the bottom of its parent that goes away by itself ("Copied")."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setStyleSheet("QLabel#toast { background: rgba(40, 40, 40, 220); color: white;"
                           " border-radius: 6px; padding: 6px 14px; }")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(1400)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def flash(self, text: str) -> None:
        self.setText(text)
        self.adjustSize()
        self.place()
        self.show()
        self.raise_()
        self._timer.start()

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.move((parent.width() - self.width()) // 2, parent.height() - self.height() - 16)
