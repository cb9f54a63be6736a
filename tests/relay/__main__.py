"""Run the relay test server standalone: ``python -m tests.relay --port N`` (0 = a free port).

Why this exists: manual testing of the CLI/GUI and external benchmarks need the same fake relay
the test-suite uses, as a separate process that stops on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import signal
import threading
from types import FrameType

from .server import VALID_KEY, RelayServer


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.relay", description="Relay test server.")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0 = any free port)")
    parser.add_argument("--key", default=VALID_KEY, help=f"the one valid API key (default {VALID_KEY})")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request to stderr")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    done = threading.Event()

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        done.set()

    signal.signal(signal.SIGTERM, on_sigterm)
    server = RelayServer(args.port, valid_key=args.key, verbose=args.verbose).start()
    print(f"relay test server on {server.url}", flush=True)
    try:
        while not done.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
