"""The `studio` command: the same services as the GUI, no Qt (nor qasync, nor vlc).

Only `argparse` is imported at start so `studio --help` stays fast; each command imports what it
needs when it runs. Exit codes (design §5): 0 done; 1 the relay or a job failed; 2 usage or input
error; 130 interrupted. Errors are one sentence on stderr, never a traceback (bugs go to the log).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from studio import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line instead of the usage block on stderr."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"studio: {message} (see `{self.prog} --help`)\n")


def _common(parser: argparse.ArgumentParser, *, profile: bool = True, json: bool = True) -> None:
    if profile:
        parser.add_argument("--profile", metavar="P", help="use this profile instead of the routed one")
    if json:
        parser.add_argument("--json", action="store_true", help="print one JSON document")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="studio",
        description="Relay Studio: chat, images, video, music and audio through OpenAI-compatible relays.",
        epilog="Data lives in $STUDIO_HOME when set, otherwise in the platform's user data folder.",
    )
    parser.add_argument("--version", action="version", version=f"Relay Studio {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    # profile
    profile = commands.add_parser("profile", help="add, list, remove and choose relay profiles")
    profile_cmds = profile.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    add = profile_cmds.add_parser("add", help="add or replace a profile")
    add.add_argument("name")
    add.add_argument("--base-url", required=True, metavar="URL", help="the relay's address, e.g. https://relay.example/v1")
    key = add.add_mutually_exclusive_group(required=True)
    key.add_argument("--key-stdin", action="store_true", help="read the API key from stdin into the OS keyring")
    key.add_argument("--key-env", metavar="VAR", help="read the key from this environment variable at each call")
    add.add_argument("--default", action="store_true", help="make it the default profile")
    add.add_argument("--proxy", metavar="URL", help="HTTP(S) or SOCKS proxy for this relay")
    add.add_argument("--header", action="append", default=[], metavar="NAME:VALUE", help="extra request header")
    _common(add, profile=False)
    lst = profile_cmds.add_parser("list", help="list profiles (never their keys)")
    _common(lst, profile=False)
    rm = profile_cmds.add_parser("remove", help="remove a profile and its stored key")
    rm.add_argument("name")
    _common(rm, profile=False)
    use = profile_cmds.add_parser("use", help="make a profile the default")
    use.add_argument("name")
    _common(use, profile=False)

    # route
    route = commands.add_parser("route", help="route each capability to a profile and default model")
    route_cmds = route.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    rset = route_cmds.add_parser("set", help="route a capability")
    rset.add_argument("capability", help="chat, image, mj, video, music, transcribe or speech")
    rset.add_argument("profile_name", metavar="PROFILE")
    rset.add_argument("--model", "-m", help="default model for this capability")
    _common(rset, profile=False)
    rlist = route_cmds.add_parser("list", help="show the routing table")
    _common(rlist, profile=False)

    # models, balance
    models = commands.add_parser("models", help="list the relay's models, grouped by capability")
    models.add_argument("--search", metavar="TEXT", help="only models whose id contains TEXT")
    _common(models)
    balance = commands.add_parser("balance", help="show the key's remaining balance")
    _common(balance)

    # chat
    chat = commands.add_parser("chat", help="send a chat message and stream the reply to stdout")
    chat.add_argument("prompt", help="the message; '-' reads it from stdin")
    chat.add_argument("-m", "--model", help="model id (default: the chat route's model)")
    chat.add_argument("--image", action="append", default=[], metavar="PATH", help="attach an image")
    chat.add_argument("--file", action="append", default=[], metavar="PATH", help="attach a PDF or text file")
    chat.add_argument("--system", metavar="TEXT", help="system prompt")
    chat.add_argument("--no-stream", action="store_true", help="wait for the whole reply")
    chat.add_argument("--api", choices=("openai", "claude"), help="request format (default: openai)")
    chat.add_argument("--continue", dest="continue_id", metavar="ID|last", help="continue a conversation")
    chat.add_argument("--timeout", type=float, metavar="SECONDS", help="longest silence to wait for")
    _common(chat)

    gui = commands.add_parser("gui", help="open the studio window")
    del gui
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.command in ("profile", "route") and getattr(args, "action", None) is None:
        sub = next(a for a in parser._subparsers._group_actions if a.dest == "command")  # type: ignore[union-attr]
        sub.choices[args.command].print_help(sys.stderr)
        return EXIT_USAGE
    if args.command == "gui":
        return gui_main()
    from studio.cli.runner import run

    return run(args)


def gui_main() -> int:
    """Entry point of `relay-studio` and `studio gui`: the only path that imports Qt."""
    try:
        from studio.app import main as run_gui
    except ImportError as exc:
        print(f"studio: the studio window cannot start: {exc}.", file=sys.stderr)
        return EXIT_FAILED
    return run_gui()
