"""Core chat-stream throughput and CLI start-up, against the relay test server in a subprocess.

Prints, for a 50,000-chunk reply written one SSE event per write:
  * the core's `client.chat.stream()` time, and bare httpx + json.loads on the same stream (baseline),
    best of several rounds each, interleaved; their ratio (target <= 1.3x);
  * peak RSS of this process;
  * wall time of `studio --help` and `studio models` (targets < 300 ms and < 400 ms), best of 5.

Usage: .venv/bin/python benchmarks/core_stream.py [--chunks N] [--rounds R]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studio.api.chattypes import ChatMessage, ChatRequest  # noqa: E402
from studio.api.client import RelayClient  # noqa: E402
from tests.relay.process import relay_process  # noqa: E402

KEY = "sk-test"


async def core_stream(url: str, chunks: int) -> tuple[float, int]:
    request = ChatRequest(model=f"bench-{chunks}", messages=[ChatMessage("user", "go")])
    async with RelayClient(url, KEY) as client:
        started = time.perf_counter()
        count = 0
        async for chunk in client.chat.stream(request):
            if chunk.content:
                count += 1
        return time.perf_counter() - started, count


async def bare_httpx(url: str, chunks: int) -> tuple[float, int]:
    body = {"model": f"bench-{chunks}", "messages": [{"role": "user", "content": "go"}], "stream": True}
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {KEY}"}, timeout=60) as client:
        started = time.perf_counter()
        count = 0
        async with client.stream("POST", url + "/v1/chat/completions", json=body) as response:
            async for line in response.aiter_lines():
                if not line.startswith("data:"):
                    continue
                data = line[5:].strip()
                if data == "[DONE]":
                    break
                obj = json.loads(data)
                choices = obj.get("choices")
                if choices and choices[0]["delta"].get("content"):
                    count += 1
        return time.perf_counter() - started, count


def wall(cmd: list[str], env: dict[str, str], runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with relay_process() as url:
        core_times, base_times = [], []
        for _ in range(args.rounds):
            t, n = asyncio.run(bare_httpx(url, args.chunks))
            assert n == args.chunks, n
            base_times.append(t)
            t, n = asyncio.run(core_stream(url, args.chunks))
            assert n == args.chunks, n
            core_times.append(t)
        core, base = min(core_times), min(base_times)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"stream of {args.chunks:,} chunks, best of {args.rounds}:")
        print(f"  core chat.stream     {core * 1000:8.1f} ms  ({core / args.chunks * 1e6:.2f} us/chunk)")
        print(f"  bare httpx + json    {base * 1000:8.1f} ms  ({base / args.chunks * 1e6:.2f} us/chunk)")
        ratio = core / base
        print(f"  ratio                {ratio:8.2f} x   target <= 1.30 x  {'OK' if ratio <= 1.3 else 'MISSED'}")
        print(f"  peak RSS (this process) {rss_mb:.0f} MB")

        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "STUDIO_HOME": home, "RELAY_KEY": KEY}
            studio = [sys.executable, "-m", "studio"]
            script = Path(sys.executable).with_name("studio")
            if script.exists():
                studio = [str(script)]
            subprocess.run([*studio, "profile", "add", "bench", "--base-url", url, "--key-env", "RELAY_KEY"],
                           env=env, check=True, stderr=subprocess.DEVNULL)
            help_time = wall([*studio, "--help"], env)
            models_time = wall([*studio, "models"], env)
        print("CLI wall time, best of 5:")
        for label, seconds, target in (("studio --help", help_time, 0.3), ("studio models", models_time, 0.4)):
            verdict = "OK" if seconds < target else "MISSED"
            print(f"  {label:20} {seconds * 1000:8.1f} ms   target < {target * 1000:.0f} ms  {verdict}")


if __name__ == "__main__":
    main()
