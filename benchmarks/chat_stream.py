"""A 50,000-chunk reply streamed into the real chat view (offscreen), against the relay test server.

Also (c): opening a stored 500-message conversation and scrolling it end to end.

For (a) as fast as the server writes and (b) a steady 2,000 chunks/s it prints: the worst event-loop
stall and the p99 gap of a 5 ms QTimer heartbeat, the total time, and as baseline bare httpx reading
the same stream in the same run. Targets: worst stall < 50 ms (a) and < 20 ms (b); (b) total <= 1.05x
its baseline; (a) total <= 2x its baseline.

Usage: .venv/bin/python benchmarks/chat_stream.py [--chunks N] [--rate R]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from studio.services.core import StudioCore  # noqa: E402
from studio.storage.paths import DataPaths  # noqa: E402
from studio.storage.secrets import Redactor, SecretStore  # noqa: E402
from tests.relay.process import relay_process  # noqa: E402
from tests.support.keyrings import MemoryKeyring  # noqa: E402

KEY = "sk-test"


async def baseline(url: str, chunks: int, rate: float | None) -> float:
    headers = {"Authorization": f"Bearer {KEY}"}
    if rate:
        headers["X-Test-Rate"] = str(rate)
    body = {"model": f"bench-{chunks}", "messages": [{"role": "user", "content": "go"}], "stream": True}
    async with httpx.AsyncClient(headers=headers, timeout=120) as client:
        started = time.perf_counter()
        async with client.stream("POST", url + "/v1/chat/completions", json=body) as response:
            async for line in response.aiter_lines():
                if line.startswith("data:") and line[5:].strip() != "[DONE]":
                    json.loads(line[5:])
        return time.perf_counter() - started


def run_view(gui, url: str, chunks: int, rate: float | None) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """Stream one reply into the real window's chat view; (total s, worst stall ms, p99 gap ms)."""
    from PySide6.QtCore import QTimer

    core, vm, loop = gui.core, gui.chat_vm, gui.loop
    core.profiles.add("bench", url, key_env="BENCH_KEY", headers={"X-Test-Rate": str(rate)} if rate else None)
    vm.newConversation()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(beat)
    done = asyncio.Event()
    finished = vm.replyFinished.connect(lambda _m: done.set())

    async def scenario() -> float:
        vm.setModel(f"bench-{chunks}")
        await asyncio.sleep(0.3)
        heartbeat.start()
        last[0] = time.perf_counter()
        started = time.perf_counter()
        vm.send("go")
        await done.wait()
        total = time.perf_counter() - started
        await asyncio.sleep(0.2)  # the turn's bookkeeping after the last delta counts too
        heartbeat.stop()
        return total

    total = loop.run_until_complete(scenario())
    vm.replyFinished.disconnect(finished)
    text = gui.window.chat_tab.transcript.toPlainText()
    assert text.count("tok") >= chunks - 1, "the view did not show the whole reply"
    gaps.sort()
    return total, max(gaps) * 1000 - 5, gaps[int(len(gaps) * 0.99)] * 1000


def open_long_conversation(gui, messages: int = 500) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Open a stored conversation of `messages` messages and scroll it end to end:
    (ms from click to painted transcript, worst scroll frame ms)."""
    from studio.storage.conversations import MessageUpdate

    store = gui.core.conversations
    conversation = store.create(title="long", profile="bench", model="bench", api="openai", system_prompt=None)
    for i in range(messages // 2):
        store.add_message(conversation.id, "user", f"Question {i}: how would you do step {i}?")
        reply = store.add_message(conversation.id, "assistant", "", state="streaming")
        body = (f"Step **{i}** works like this:\n\n1. first\n2. second\n\n```python\ndef step_{i}(x):\n"
                f"    return x * {i}\n```\n\n" + "Some explanation follows here. " * 20)
        store.finish_message(reply.id, MessageUpdate(body, usage={"prompt_tokens": 10, "completion_tokens": 90}))
    shown = asyncio.Event()
    connection = gui.chat_vm.transcriptReset.connect(lambda _t: shown.set())
    transcript = gui.window.chat_tab.transcript

    async def scenario() -> float:
        started = time.perf_counter()
        gui.chat_vm.openConversation(conversation.id)
        await shown.wait()
        transcript.viewport().repaint()
        return (time.perf_counter() - started) * 1000

    opened = gui.loop.run_until_complete(scenario())
    gui.chat_vm.transcriptReset.disconnect(connection)
    bar, worst = transcript.verticalScrollBar(), 0.0
    for value in range(0, bar.maximum() + 1, max(1, bar.maximum() // 300)):
        started = time.perf_counter()
        bar.setValue(value)
        transcript.viewport().repaint()
        worst = max(worst, time.perf_counter() - started)
    return opened, worst * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=50_000)
    parser.add_argument("--rate", type=float, default=2000.0)
    args = parser.parse_args()
    from studio.app import build_gui

    os.environ["BENCH_KEY"] = KEY
    # an in-memory keyring: the profile's custom header (X-Test-Rate) is kept in the keyring
    core = StudioCore.open(DataPaths(Path(tempfile.mkdtemp(prefix="studio-bench-"))),
                           secrets=SecretStore(Redactor(), MemoryKeyring()))
    gui = build_gui(core, [sys.argv[0]], language="en", theme="light")
    gui.window.resize(1200, 800)
    gui.window.show()
    from studio.app import prefetch_modules

    prefetch_modules()  # as the app does after its first frame
    loop = gui.loop
    with relay_process() as url:
        try:
            for label, rate, stall_target, ratio_target in (("(a) as fast as possible", None, 50.0, 2.0),
                                                            (f"(b) {args.rate:g} chunks/s", args.rate, 20.0, 1.05)):
                base = loop.run_until_complete(baseline(url, args.chunks, rate))
                total, worst, p99 = run_view(gui, url, args.chunks, rate)
                ratio = total / base
                print(f"{label}, {args.chunks:,} chunks into the chat view:")
                verdict = "OK" if worst < stall_target else "MISSED"
                print(f"  worst stall   {worst:7.1f} ms   target < {stall_target:g} ms  {verdict}")
                print(f"  p99 gap       {p99:7.1f} ms   (heartbeat 5 ms)")
                print(f"  total         {total * 1000:7.0f} ms   baseline bare httpx {base * 1000:.0f} ms")
                verdict = "OK" if ratio <= ratio_target else "MISSED"
                print(f"  ratio         {ratio:7.2f} x    target <= {ratio_target:g} x  {verdict}")
            opened, scroll = open_long_conversation(gui)
            print("(c) a stored 500-message conversation:")
            print(f"  open          {opened:7.0f} ms   target < 500 ms  {'OK' if opened < 500 else 'MISSED'}")
            verdict = 'OK' if scroll < 50 else 'MISSED'
            print(f"  scroll frame  {scroll:7.1f} ms   worst, end to end; target < 50 ms  {verdict}")
        finally:
            loop.run_until_complete(gui.close())


if __name__ == "__main__":
    main()
