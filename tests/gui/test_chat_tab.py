"""The real chat widgets against the relay test server: send, stream, stop, attach, regenerate,
edit, error banners, shortcuts and the welcome page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QImage, QTextCursor
from PySide6.QtWidgets import QApplication

from studio.services.core import StudioCore
from studio.viewmodels.chat import ChatViewModel
from studio.views.chat_tab import ChatTab
from tests.conftest import KEY
from tests.gui.conftest import Runner
from tests.relay import RelayServer


def png_file(path: Path) -> Path:
    picture = QImage(16, 16, QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.blue)
    picture.save(str(path), "PNG")
    return path


@pytest.fixture
def tab(gui_core: StudioCore, relay: RelayServer, qtbot, run_until: Runner) -> Iterator[ChatTab]:  # type: ignore[no-untyped-def]
    gui_core.profiles.add("local", relay.url, key=KEY)
    widget = ChatTab(ChatViewModel(gui_core))
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    widget.vm.start()
    run_until(lambda: widget._model_names.rowCount() > 0, message="models loaded")
    yield widget


def send(tab: ChatTab, qtbot, text: str, model: str = "gpt-4o") -> None:  # type: ignore[no-untyped-def]
    tab.model_picker.setEditText(model)
    tab.prompt.setPlainText(text)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)


def idle(tab: ChatTab) -> bool:
    return not tab.vm.streaming and tab.send_button.isVisible()


def test_send_streams_markdown_into_the_transcript(tab: ChatTab, qtbot, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    send(tab, qtbot, "echo:# Title\n\nSome **bold** words.\n\n```python\nprint(1)\n```\n")
    run_until(lambda: idle(tab) and "print(1)" in tab.transcript.toPlainText())
    text = tab.transcript.toPlainText()
    assert "Title" in text and "bold" in text and "**" not in text.split("Assistant")[-1]
    assert tab.transcript.code_blocks == ["print(1)", "print(1)"]  # your fenced code is a code block too
    assert tab.prompt.toPlainText() == ""
    assert tab.conversations.rowCount() == 1
    tab.transcript._on_anchor(QUrl("copy:0"))
    assert QGuiApplication.clipboard().text() == "print(1)"


def test_ctrl_enter_sends_and_stop_mid_stream(tab: ChatTab, qtbot, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    tab.model_picker.setEditText("case-slow-stream")
    tab.prompt.setPlainText("echo:" + "slow words " * 40)
    qtbot.keyClick(tab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    run_until(lambda: tab.stop_button.isVisible() and "slow" in tab.transcript.toPlainText())
    qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    run_until(lambda: idle(tab))
    assert "Interrupted" in tab.transcript.toPlainText()
    assert not tab.banner.isVisible()


def test_attach_by_drop_and_paste_then_regenerate(tab: ChatTab, qtbot, run_until: Runner,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path, relay: RelayServer) -> None:
    image = png_file(tmp_path / "cat.png")
    dropped = QMimeData()
    dropped.setUrls([QUrl.fromLocalFile(str(image))])
    tab.prompt.insertFromMimeData(dropped)
    pasted = QMimeData()
    picture = QImage(8, 8, QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.red)
    pasted.setImageData(picture)
    tab.prompt.insertFromMimeData(pasted)
    run_until(lambda: tab.attachment_bar.isVisible() and tab._attachment_layout.count() == 3)
    chips = [tab._attachment_layout.itemAt(i).widget() for i in range(2)]
    assert all(not chip.icon().isNull() for chip in chips)  # images show as thumbnails
    send(tab, qtbot, "what are these")
    run_until(lambda: idle(tab) and "I see 2 image(s)" in tab.transcript.toPlainText())
    assert not tab.attachment_bar.isVisible()
    previews = [url for url in tab.transcript._thumbs if url.startswith("thumb:")]
    assert len(previews) == 2  # the transcript shows thumbnails, it never decodes the files itself
    last = tab.vm.conversation_id
    reply_id = max(tab.transcript._messages)
    tab.transcript._on_anchor(QUrl(f"msg:regenerate:{reply_id}"))
    run_until(lambda: tab.vm.streaming, timeout=5)
    run_until(lambda: idle(tab))
    assert tab.vm.conversation_id == last
    assert len(relay.requests[-1].json()["messages"]) == 1
    assert tab.transcript.toPlainText().count("I see 2 image(s)") == 1


def test_edit_and_resend(tab: ChatTab, qtbot, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    send(tab, qtbot, "echo:first")
    run_until(lambda: idle(tab) and "first" in tab.transcript.toPlainText().split("Assistant")[-1])
    user_id = min(tab.transcript._messages)
    tab.transcript._on_anchor(QUrl(f"msg:edit:{user_id}"))
    run_until(lambda: tab.prompt.toPlainText() == "echo:first")
    tab.prompt.setPlainText("echo:second")
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    run_until(lambda: idle(tab) and "second" in tab.transcript.toPlainText())
    assert "first" not in tab.transcript.toPlainText()


@pytest.mark.parametrize(
    ("model", "words"),
    [("case-ratelimit", "rate-limiting"), ("case-html502", "502 Bad Gateway"),
     ("case-cut-stream", "cut the reply off")],
)
def test_error_banners(tab: ChatTab, qtbot, run_until: Runner, model: str, words: str) -> None:  # type: ignore[no-untyped-def]
    send(tab, qtbot, "hi", model)
    run_until(lambda: idle(tab) and tab.banner.isVisible())
    text = tab.banner.findChild(type(tab.banner._label), "errorBannerText").text()
    assert words in text and "\n" not in text and "Traceback" not in text
    send(tab, qtbot, "hi", "gpt-4o")  # the next turn clears the banner
    run_until(lambda: idle(tab) and not tab.banner.isVisible())


def test_wrong_key_banner(gui_core: StudioCore, relay: RelayServer, qtbot, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    gui_core.profiles.add("bad", relay.url, key="sk-not-this-one")
    widget = ChatTab(ChatViewModel(gui_core))
    qtbot.addWidget(widget)
    widget.show()
    widget.vm.start()
    run_until(lambda: widget.banner.isVisible())  # the model list already fails
    send(widget, qtbot, "hi")
    run_until(lambda: idle(widget))
    text = widget.banner._label.text()
    assert "rejected the API key" in text and "sk-not-this-one" not in text


def test_welcome_page_without_profiles(gui_core: StudioCore, qtbot, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    widget = ChatTab(ChatViewModel(gui_core))
    qtbot.addWidget(widget)
    widget.show()
    asked: list[bool] = []
    widget.profilesRequested.connect(lambda: asked.append(True))
    widget.vm.start()
    run_until(lambda: widget.pages.currentIndex() == 0)
    qtbot.mouseClick(widget.findChild(type(widget.send_button), "welcomeAddProfile"), Qt.MouseButton.LeftButton)
    assert asked == [True]


def test_model_picker_filters_two_thousand_models(gui_core: StudioCore, relay: RelayServer, qtbot,  # type: ignore[no-untyped-def]
                                                  run_until: Runner) -> None:
    gui_core.profiles.add("big", relay.url + "/case/models-2000", key=KEY)
    widget = ChatTab(ChatViewModel(gui_core))
    qtbot.addWidget(widget)
    widget.show()
    widget.vm.start()
    run_until(lambda: widget._model_names.rowCount() > 300)  # the chat models of 2,000
    widget.focus_model_picker()
    completer = widget.model_picker.completer()
    completer.setCompletionPrefix("claude")
    assert 0 < completer.completionCount() < widget._model_names.rowCount()
    QApplication.processEvents()


def _document(view: object) -> list[tuple[object, ...]]:
    """Each block's text and layout-relevant format: margins, indents, list style and level, table or not."""
    from studio.views.transcript import TranscriptView

    assert isinstance(view, TranscriptView)
    block, out = view.document().begin(), []
    while block.isValid():
        fmt = block.blockFormat()
        listed = block.textList()
        in_table = QTextCursor(block).currentTable() is not None
        out.append((block.text(), fmt.topMargin(), fmt.bottomMargin(), fmt.leftMargin(), fmt.rightMargin(),
                    fmt.indent(), fmt.textIndent(), listed.format().style() if listed else None,
                    listed.format().indent() if listed else None, in_table))
        block = block.next()
    return out


REPLY = ("First paragraph here.\n\nSecond paragraph is here.\n\n- item one\n- item two\n\n1. a\n2. b\n\n"
         "```python\ndef f():\n    return 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n\nLast words.")


@pytest.mark.parametrize("reply", [REPLY, "word " * 900, "```\n" + "x = 1\n" * 700 + "```"],
                         ids=["markdown", "long-plain-paragraph", "long-code"])
def test_a_streamed_conversation_has_the_document_of_the_conversation_opened_whole(qtbot, reply: str) -> None:  # type: ignore[no-untyped-def]
    from studio.viewmodels.chat import MessageView, Transcript
    from studio.views.transcript import TranscriptView

    turns = [
        (MessageView(1, "user", "line one\n    indented code\nline *three*\n\n```sh\nls -l\n```"),
         MessageView(2, "assistant", reply, reasoning="thinking first", model="gpt-4o",
                     prompt_tokens=3, completion_tokens=9)),
        (MessageView(3, "user", "again"), MessageView(4, "assistant", reply, model="gpt-4o")),
    ]
    streamed = TranscriptView()
    qtbot.addWidget(streamed)
    for user, answer in turns:
        streamed.begin_turn(user, MessageView(answer.id, "assistant", "", state="streaming", model=answer.model))
        if answer.reasoning:
            streamed.append_delta("", answer.reasoning)
        for start in range(0, len(reply), 7):
            streamed.append_delta(reply[start:start + 7], "")
        streamed.finish_turn(answer)
    whole = TranscriptView()
    qtbot.addWidget(whole)
    whole.show_transcript(Transcript(1, "t", tuple(m for turn in turns for m in turn)))
    assert _document(streamed) == _document(whole)  # same blocks, same margins, lists and tables alike
    assert streamed.toPlainText() == whole.toPlainText()
    assert "    indented code" in whole.toPlainText() and "line *three*" in whole.toPlainText()  # kept as typed


def test_escape_gives_up_an_edit_and_the_next_send_is_a_new_turn(tab: ChatTab, qtbot, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    send(tab, qtbot, "echo:first")
    run_until(lambda: idle(tab) and "first" in tab.transcript.toPlainText().split("Assistant")[-1])
    user_id = min(tab.transcript._messages)
    tab.transcript._on_anchor(QUrl(f"msg:edit:{user_id}"))
    run_until(lambda: tab.prompt.toPlainText() == "echo:first")
    qtbot.keyClick(tab.prompt, Qt.Key.Key_Escape)
    assert tab.prompt.toPlainText() == ""
    send(tab, qtbot, "echo:second")
    run_until(lambda: idle(tab) and "second" in tab.transcript.toPlainText())
    assert "first" in tab.transcript.toPlainText()  # kept: the edit was given up, the turn is a new one


def test_message_actions_are_hover_buttons_and_every_copy_says_copied(tab: ChatTab, qtbot,  # type: ignore[no-untyped-def]
                                                                       run_until: Runner) -> None:
    send(tab, qtbot, "echo:first\n\n```python\nprint(1)\n```")
    run_until(lambda: idle(tab) and "print(1)" in tab.transcript.toPlainText())
    send(tab, qtbot, "echo:second")
    run_until(lambda: idle(tab) and "second" in tab.transcript.toPlainText().split("Assistant")[-1])
    view, bar = tab.transcript, tab.transcript.actions_bar
    user_id, first_reply, _, last_reply = sorted(view._messages)
    assert "Regenerate" not in view.toPlainText() and "Edit" not in view.toPlainText()  # no text links any more

    # moving the mouse over a message shows its buttons beside its header
    header = view._header_block(first_reply)
    assert header is not None
    rect = view.document().documentLayout().blockBoundingRect(header)
    qtbot.mouseMove(view.viewport(), rect.center().toPoint() + view.viewport().rect().topLeft())
    run_until(lambda: bar.isVisible() and bar._message_id == first_reply, message="hover buttons")
    assert not bar.buttons["regenerate"].isVisibleTo(bar)  # Regenerate only on the last reply
    view.show_actions(last_reply)
    assert bar.buttons["regenerate"].isVisibleTo(bar) and not bar.buttons["edit"].isVisibleTo(bar)
    view.show_actions(user_id)
    assert bar.buttons["edit"].isVisibleTo(bar) and not bar.buttons["regenerate"].isVisibleTo(bar)

    bar.buttons["copy"].click()
    assert QGuiApplication.clipboard().text() == "echo:first\n\n```python\nprint(1)\n```"
    assert view.toast.isVisible() and view.toast.text() == "Copied"
    view.toast.hide()
    view._on_anchor(QUrl("copy:0"))  # the Copy link of a code block
    assert QGuiApplication.clipboard().text() == "print(1)" and view.toast.isVisible()

    bar.buttons["edit"].click()
    run_until(lambda: tab.prompt.toPlainText().startswith("echo:first"))


def test_regenerated_versions_show_as_arrows_on_the_last_reply(tab: ChatTab, qtbot, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    from studio.storage.conversations import MessageUpdate

    send(tab, qtbot, "echo:the new answer")
    run_until(lambda: idle(tab) and "the new answer" in tab.transcript.toPlainText().split("Assistant")[-1])
    reply_id = max(tab.transcript._messages)
    tab.vm._core.conversations.finish_message(reply_id, MessageUpdate(content="an older answer"))
    tab.transcript.show_actions(reply_id)
    tab.transcript.actions_bar.buttons["regenerate"].click()
    run_until(lambda: tab.vm.streaming, timeout=5)
    run_until(lambda: idle(tab) and "2/2" in tab.transcript.toPlainText())
    new_id = max(tab.transcript._messages)
    assert "◀ 2/2 ▶" in tab.transcript.toPlainText()
    tab.transcript._on_anchor(QUrl(f"msg:version:{new_id}:0"))
    run_until(lambda: "◀ 1/2 ▶" in tab.transcript.toPlainText())
    reply = tab.transcript.toPlainText().split("Assistant")[-1]
    assert "an older answer" in reply and "the new answer" not in reply
    send(tab, qtbot, "echo:more")
    run_until(lambda: idle(tab) and "more" in tab.transcript.toPlainText().split("Assistant")[-1])
    assert "1/2" in tab.transcript.toPlainText() and "◀ 1/2 ▶" not in tab.transcript.toPlainText()  # arrows: last only


def test_the_input_box_grows_with_its_text_up_to_a_limit(tab: ChatTab) -> None:
    empty = tab.prompt.height()
    tab.prompt.setPlainText("one\ntwo\nthree\nfour\nfive")
    QApplication.processEvents()
    grown = tab.prompt.height()
    assert grown > empty
    tab.prompt.setPlainText("line\n" * 200)
    QApplication.processEvents()
    assert grown < tab.prompt.height() <= tab.prompt.fontMetrics().lineSpacing() * (tab.prompt.MAX_LINES + 3)
    tab.prompt.clear()
    QApplication.processEvents()
    assert tab.prompt.height() == empty


def test_the_transcript_keeps_a_reading_width(tab: ChatTab, qtbot, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    from studio.views.transcript import READING_WIDTH

    send(tab, qtbot, "echo:" + "many words " * 200)
    run_until(lambda: idle(tab) and "many words" in tab.transcript.toPlainText().split("Assistant")[-1])
    tab.resize(1800, 800)
    QApplication.processEvents()
    root = tab.transcript.document().rootFrame().frameFormat()
    text_width = tab.transcript.viewport().width() - root.leftMargin() - root.rightMargin()
    margin = tab.transcript.document().documentMargin()
    assert text_width <= READING_WIDTH and root.leftMargin() == root.rightMargin() > margin
    tab.resize(700, 600)
    QApplication.processEvents()
    narrow = tab.transcript.document()
    assert narrow.rootFrame().frameFormat().leftMargin() == narrow.documentMargin()  # the usual margin, no less


def test_switching_the_language_retranslates_the_tab_and_the_transcript(tab: ChatTab, qtbot, qapp,  # type: ignore[no-untyped-def]
                                                                        run_until: Runner) -> None:
    from studio.app import install_translators

    send(tab, qtbot, "echo:hello")
    run_until(lambda: idle(tab) and "hello" in tab.transcript.toPlainText().split("Assistant")[-1])
    assert tab.new_button.text() == "New chat"
    translators = install_translators(qapp, "zh_CN")
    try:
        QApplication.processEvents()
        assert tab.new_button.text() != "New chat" and tab.send_button.text() != "Send"
        assert "You" not in tab.transcript.toPlainText() and "Assistant" not in tab.transcript.toPlainText()
        assert tab.transcript.actions_bar.buttons["copy"].toolTip() != "Copy"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    QApplication.processEvents()
    assert tab.new_button.text() == "New chat" and "Assistant" in tab.transcript.toPlainText()


def test_the_hover_buttons_follow_a_turn(tab: ChatTab, qtbot, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    send(tab, qtbot, "echo:one")
    run_until(lambda: idle(tab) and "one" in tab.transcript.toPlainText().split("Assistant")[-1])
    view, bar = tab.transcript, tab.transcript.actions_bar
    first_reply = max(view._messages)
    view.show_actions(first_reply)
    assert bar.buttons["regenerate"].isVisibleTo(bar)
    send(tab, qtbot, "echo:two")
    run_until(lambda: idle(tab) and "two" in tab.transcript.toPlainText().split("Assistant")[-1])
    assert bar._message_id == first_reply and not bar.buttons["regenerate"].isVisibleTo(bar)  # no longer the last
