"""The real chat widgets against the relay test server: send, stream, stop, attach, regenerate,
edit, error banners, shortcuts and the welcome page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QImage
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
    assert tab.transcript.code_blocks == ["print(1)"]
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


def test_a_streamed_reply_has_the_same_blocks_as_the_reply_rendered_whole(qtbot) -> None:  # type: ignore[no-untyped-def]
    from studio.viewmodels.chat import MessageView, Transcript
    from studio.views.transcript import TranscriptView

    text = "First paragraph here.\n\nSecond paragraph is here.\n\n- item one\n- item two\n\nLast words."

    def blocks(view: TranscriptView) -> list[str]:
        block, out = view.document().begin(), []
        while block.isValid():
            out.append(block.text())
            block = block.next()
        return out

    user = MessageView(1, "user", "hi")
    streamed = TranscriptView()
    qtbot.addWidget(streamed)
    streamed.begin_turn(user, MessageView(2, "assistant", "", state="streaming"))
    for start in range(0, len(text), 7):
        streamed.append_delta(text[start:start + 7], "")
    streamed.finish_turn(MessageView(2, "assistant", text))
    whole = TranscriptView()
    qtbot.addWidget(whole)
    whole.show_transcript(Transcript(1, "t", (user, MessageView(2, "assistant", text))))
    assert blocks(streamed) == blocks(whole)  # no stray blank line, no trailing spaces


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
