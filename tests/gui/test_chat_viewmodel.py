"""The chat view-model against the relay test server, on a real qasync loop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from studio.services.core import StudioCore
from studio.viewmodels.chat import ChatViewModel, MessageView, Transcript
from tests.conftest import KEY
from tests.gui.conftest import Runner
from tests.relay import RelayServer

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class Recorder:
    """Collects every signal of a view-model as (name, args)."""

    def __init__(self, vm: ChatViewModel) -> None:
        self.events: list[tuple[str, tuple[Any, ...]]] = []
        for name in ("error", "conversationsChanged", "transcriptReset", "turnStarted", "replyDelta",
                     "replyFinished", "modelsChanged", "modelChanged", "attachmentsChanged",
                     "streamingChanged", "editRequested", "profilesAvailable"):
            getattr(vm, name).connect(lambda *args, _n=name: self.events.append((_n, args)))

    def of(self, name: str) -> list[tuple[Any, ...]]:
        return [args for n, args in self.events if n == name]

    def last(self, name: str) -> Any:
        found = self.of(name)
        return found[-1][0] if found else None

    @property
    def errors(self) -> list[str]:
        return [a[0] for a in self.of("error") if a[0]]


@pytest.fixture
def vm(gui_core: StudioCore, relay: RelayServer) -> ChatViewModel:
    core = gui_core
    core.profiles.add("local", relay.url, key=KEY)
    return ChatViewModel(core)


def finished(rec: Recorder) -> bool:
    return bool(rec.of("replyFinished")) and rec.of("streamingChanged")[-1] == (False,)


def test_start_loads_models_and_sends_a_streamed_turn(vm: ChatViewModel, run_until: Runner) -> None:
    rec = Recorder(vm)
    vm.start()
    run_until(lambda: rec.of("modelsChanged"))
    assert rec.of("profilesAvailable") == [(True,)]
    models = rec.last("modelsChanged")
    assert "gpt-4o" in models and "dall-e-3" not in models
    vm.setModel("gpt-4o")
    vm.send("hi")
    run_until(lambda: finished(rec))
    user, pending = rec.of("turnStarted")[0]
    assert user.content == "hi" and pending.role == "assistant"
    assert "".join(a[0] for a in rec.of("replyDelta")) == "Hello"
    final: MessageView = rec.last("replyFinished")
    assert (final.content, final.state) == ("Hello", "complete")
    assert final.completion_tokens is not None
    assert rec.errors == []
    assert [c.title for c in rec.last("conversationsChanged")] == ["hi"]


def test_stop_mid_stream_keeps_the_partial_reply(vm: ChatViewModel, run_until: Runner) -> None:
    rec = Recorder(vm)
    vm.setModel("case-slow-stream")
    vm.send("echo:" + "word " * 40)
    run_until(lambda: rec.of("replyDelta"))
    vm.stop()
    run_until(lambda: finished(rec))
    final: MessageView = rec.last("replyFinished")
    assert final.state == "interrupted"
    assert 0 < len(final.content) < len("word " * 40)
    assert rec.errors == []


def test_attach_an_image_and_regenerate(vm: ChatViewModel, run_until: Runner, tmp_path: Path,
                                        relay: RelayServer) -> None:
    rec = Recorder(vm)
    image = tmp_path / "cat.png"
    image.write_bytes(PNG)
    vm.setModel("gpt-4o")
    vm.addAttachments([str(image)])
    run_until(lambda: rec.of("attachmentsChanged"))
    assert [a.filename for a in rec.last("attachmentsChanged")] == ["cat.png"]
    vm.send("what is it")
    run_until(lambda: finished(rec))
    assert rec.last("replyFinished").content == "I see 1 image(s) and 0 file(s)."
    assert rec.last("attachmentsChanged") == []
    rec.events.clear()
    vm.regenerate()
    run_until(lambda: finished(rec))
    assert rec.last("replyFinished").content == "I see 1 image(s) and 0 file(s)."
    assert len(relay.requests[-1].json()["messages"]) == 1  # the old turn was replaced, not repeated


def test_edit_and_resend_replaces_the_turn(vm: ChatViewModel, run_until: Runner, relay: RelayServer) -> None:
    rec = Recorder(vm)
    vm.setModel("gpt-4o")
    vm.send("first")
    run_until(lambda: finished(rec))
    user, _ = rec.of("turnStarted")[0]
    vm.beginEdit(user.id)
    run_until(lambda: rec.of("editRequested"))
    assert rec.last("editRequested") == "first"
    rec.events.clear()
    vm.send("echo:edited")
    run_until(lambda: finished(rec))
    assert rec.last("replyFinished").content == "edited"
    assert [m["content"] for m in relay.requests[-1].json()["messages"]] == ["echo:edited"]


def test_open_search_rename_delete(vm: ChatViewModel, run_until: Runner) -> None:
    rec = Recorder(vm)
    vm.setModel("gpt-4o")
    vm.send("about pandas")
    run_until(lambda: finished(rec))
    conversation_id = vm.conversation_id
    assert conversation_id is not None
    vm.newConversation()
    assert rec.last("transcriptReset") == Transcript(None, "")
    vm.openConversation(conversation_id)
    run_until(lambda: rec.last("transcriptReset").conversation_id == conversation_id)
    assert [m.content for m in rec.last("transcriptReset").messages] == ["about pandas", "Hello"]
    vm.searchConversations("nothing like this")
    run_until(lambda: rec.last("conversationsChanged") == [])
    vm.searchConversations("pandas")
    run_until(lambda: len(rec.last("conversationsChanged")) == 1)
    vm.renameConversation(conversation_id, "Pandas")
    run_until(lambda: rec.last("conversationsChanged")[0].title == "Pandas")
    vm.deleteConversation(conversation_id)
    run_until(lambda: rec.last("conversationsChanged") == [])
    assert vm.conversation_id is None


@pytest.mark.parametrize(
    ("model", "key", "words"),
    [
        ("gpt-4o", "sk-wrong", "rejected the API key"),
        ("case-ratelimit", KEY, "rate-limiting"),
        ("case-html502", KEY, "502 Bad Gateway"),
        ("case-cut-stream", KEY, "cut the reply off"),
    ],
)
def test_errors_become_one_sentence(gui_core: StudioCore, relay: RelayServer, run_until: Runner,
                                    model: str, key: str, words: str) -> None:
    core = gui_core
    core.profiles.add("local", relay.url, key=key)
    vm = ChatViewModel(core)
    rec = Recorder(vm)
    vm.setModel(model)
    vm.send("hi")
    run_until(lambda: finished(rec) or (rec.errors and rec.of("streamingChanged")[-1:] == [(False,)]))
    (sentence,) = rec.errors
    assert words in sentence and "\n" not in sentence and key not in sentence
    if model == "case-cut-stream":
        assert rec.last("replyFinished").content == "Hello wor"


def test_no_profile_shows_the_welcome(gui_core: StudioCore, run_until: Runner) -> None:
    vm = ChatViewModel(gui_core)
    rec = Recorder(vm)
    vm.start()
    run_until(lambda: rec.of("profilesAvailable"))
    assert rec.of("profilesAvailable") == [(False,)]
    assert rec.errors == []


def test_regenerate_keeps_the_replaced_reply_as_a_version(vm: ChatViewModel, gui_core: StudioCore,
                                                          run_until: Runner, relay: RelayServer) -> None:
    from studio.storage.conversations import MessageUpdate

    rec = Recorder(vm)
    vm.setModel("gpt-4o")
    vm.send("echo:the new answer")
    run_until(lambda: finished(rec))
    first = rec.last("replyFinished")
    assert (first.version, first.versions) == (0, 1)
    store = gui_core.conversations
    store.finish_message(first.id, MessageUpdate(content="an older answer"))  # as if the relay had said otherwise
    rec.events.clear()
    vm.regenerate()
    run_until(lambda: finished(rec))
    second = rec.last("replyFinished")
    assert (second.content, second.version, second.versions) == ("the new answer", 1, 2)
    assert rec.last("turnStarted") is None or rec.of("turnStarted")[-1][1].versions == 2
    assert [v.content for v in store.message(second.id).all_versions()] == ["an older answer", "the new answer"]

    rec.events.clear()
    vm.chooseVersion(second.id, 0)
    run_until(lambda: bool(rec.of("transcriptReset")))
    shown = rec.last("transcriptReset").messages[-1]
    assert (shown.content, shown.version, shown.versions) == ("an older answer", 0, 2)
    vm.send("echo:next")
    run_until(lambda: finished(rec))
    sent = relay.requests[-1].json()["messages"]
    assert [m["content"] for m in sent if m["role"] == "assistant"] == ["an older answer"]  # the chosen one goes on

    rec.events.clear()
    vm.regenerate()  # the last reply is "next": its own versions start; the earlier reply keeps its two
    run_until(lambda: finished(rec))
    assert rec.last("replyFinished").versions == 2
    assert store.message(second.id).version_count == 2


def test_conversation_titles_have_no_markdown_marks(vm: ChatViewModel, run_until: Runner) -> None:
    rec = Recorder(vm)
    vm.setModel("gpt-4o")
    vm.send("# Sort **this** `list`\n\n```python\nx.sort()\n```\n- [the docs](https://example.org)")
    run_until(lambda: finished(rec))
    assert rec.last("conversationsChanged")[0].title == "Sort this list x.sort() the docs"
