"""The `studio` command: the same services as the GUI, no Qt (nor qasync, nor vlc).

Only `argparse` is imported at start so `studio --help` stays fast; each command imports what it
needs when it runs. Exit codes (docs/ARCHITECTURE.md#cli-contract): 0 done; 1 the relay or a job
failed; 2 usage or input error; 130 interrupted; 143 terminated (SIGTERM). Errors are one sentence on
stderr, never a traceback (bugs go to the log).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence

from studio import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process it ended


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line instead of the usage block on stderr."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"studio: {message} (see `{self.prog} --help`)\n")


class _Families:
    """The request dialects the family registry can run for a capability, read only when a command asks
    (so `studio --help` does not pay for the registry)."""

    def __init__(self, capability: str) -> None:
        self._capability = capability

    def __iter__(self) -> Iterator[str]:
        from studio.api.families import supported

        return iter([str(spec.id) for spec in supported(self._capability)])

    def __contains__(self, value: object) -> bool:
        return value in list(self)


class _ImageActions:
    """The extra requests image families take on one image (`FamilySpec.actions`), read when asked."""

    def __iter__(self) -> Iterator[str]:
        from studio.api.families import actions

        return iter(actions("image"))

    def __contains__(self, value: object) -> bool:
        return value in list(self)


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
    add.add_argument("--key-store", choices=("keyring", "file"), default="keyring",
                     help="where --key-stdin keeps the key: the OS keyring, or a file encrypted with a passphrase "
                          "(asked on the terminal, or read from STUDIO_KEYFILE_PASSPHRASE)")
    add.add_argument("--default", action="store_true", help="make it the default profile")
    add.add_argument("--proxy", metavar="URL", help="HTTP(S) or SOCKS proxy for this relay")
    add.add_argument("--header", action="append", default=[], metavar="NAME:VALUE",
                     help="extra request header; its value is kept in the system keyring")
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

    _generation_parsers(commands)
    _library_parsers(commands)

    gui = commands.add_parser("gui", help="open the studio window")
    del gui
    return parser


def _job_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--detach", action="store_true", help="return once the job is submitted; print its id")
    _common(parser)


def _generation_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    image = commands.add_parser("image", help="generate or edit images; prints the saved files' paths")
    image.add_argument("prompt", nargs="?", default="", help="what to make; '-' reads it from stdin")
    image.add_argument("-m", "--model", help="model id (default: the image route's model)")
    image.add_argument("-n", type=int, default=1, metavar="N", help="how many images (1-10)")
    image.add_argument("--size", metavar="WxH", help="e.g. 1024x1024, 1536x1024 or auto")
    image.add_argument("--quality", help="low, medium, high, hd, standard or auto (model dependent)")
    image.add_argument("--edit", action="append", default=[], metavar="PATH", help="an image to edit or reference")
    image.add_argument("--mask", metavar="PATH", help="PNG mask for --edit (transparent where to change)")
    image.add_argument("--family", metavar="F", choices=_Families("image"), help="request dialect: %(choices)s")
    image.add_argument("--variation", metavar="PATH", help="variations of this image (DALL·E 2; no prompt needed)")
    image.add_argument("--mode", choices=("fast", "relax", "turbo"), help="Midjourney speed mode")
    image.add_argument("--action", dest="image_action", choices=_ImageActions(), metavar="NAME",
                       help="a family's request on the --edit image instead of a prompt's: %(choices)s "
                            "(describe prints text)")
    _job_flags(image)

    video = commands.add_parser("video", help="generate a video clip, from a prompt or a start frame; prints the "
                                              "saved file's path")
    video.add_argument("prompt", nargs="?", default="", help="what to make; '-' reads it from stdin")
    video.add_argument("-m", "--model", help="model id (default: the video route's model)")
    video.add_argument("--image", metavar="PATH|ASSET_ID", help="the start frame: a picture file or a gallery id")
    video.add_argument("--end-image", metavar="PATH|ASSET_ID", help="the end frame (families that take one)")
    video.add_argument("--seconds", metavar="N", help="length in seconds (model dependent, e.g. 4, 5, 8, 10)")
    video.add_argument("--size", metavar="WxH", help="e.g. 1280x720 or 720x1280")
    video.add_argument("--aspect", metavar="W:H", help="aspect ratio, e.g. 16:9, 9:16 or 1:1")
    video.add_argument("--ratio", metavar="W:H", help="Runway's output ratio, e.g. 1280:768")
    video.add_argument("--negative", dest="negative_prompt", metavar="TEXT", help="what the clip should not show")
    video.add_argument("--mode", dest="video_mode", metavar="MODE", help="Kling's std or pro")
    video.add_argument("--cfg-scale", type=float, metavar="X", help="Kling's prompt strength, 0-1")
    video.add_argument("--loop", action="store_true", help="Luma: make the clip loop")
    source = video.add_mutually_exclusive_group()
    source.add_argument("--remix", metavar="ASSET_ID", help="remix a finished video (Videos API) with the prompt")
    source.add_argument("--extend", metavar="ASSET_ID", help="continue a finished video (Luma, PixVerse)")
    source.add_argument("--upscale", metavar="ASSET_ID", help="a sharper version of a finished video (Vidu)")
    video.add_argument("--family", metavar="F", choices=_Families("video"), help="request dialect: %(choices)s")
    _job_flags(video)

    music = commands.add_parser("music", help="make songs with Suno or Udio; prints each clip's audio file path")
    music.add_argument("prompt", nargs="?", default="", help="the song's idea (inspiration mode); '-' reads stdin")
    music.add_argument("-m", "--model", help="model id (default: the music route's model, else suno_music)")
    music.add_argument("--lyrics", metavar="TEXT|FILE", help="the lyrics (custom mode): text, a file, or '-'")
    music.add_argument("--lyrics-file", metavar="PATH", help="read the lyrics from this UTF-8 file")
    music.add_argument("--title", metavar="T", help="the song's title (custom mode)")
    music.add_argument("--tags", metavar="T", help="style tags, e.g. 'pop, piano' (custom mode)")
    music.add_argument("--instrumental", action="store_true", help="no vocals")
    music.add_argument("--mv", metavar="VERSION", help="Suno model version sent as mv, e.g. chirp-v3-5 (Udio: udio130)")
    music.add_argument("--extend", metavar="ASSET_ID", help="continue a finished clip (with --at)")
    music.add_argument("--at", metavar="SECONDS", help="the second of the clip to continue from")
    music.add_argument("--family", metavar="F", choices=_Families("music"), help="request dialect: %(choices)s")
    _job_flags(music)
    lyrics = commands.add_parser("lyrics", help="have Suno write lyrics for an idea; prints them")
    lyrics.add_argument("prompt", help="what the lyrics are about; '-' reads stdin")
    lyrics.add_argument("-m", "--model", help="model id (default: suno_lyrics)")
    _job_flags(lyrics)

    speak = commands.add_parser("speak", help="text to speech, one audio file however long the text; prints the "
                                              "saved file's path")
    speak.add_argument("text", nargs="?", default="", help="what to say; '-' reads it from stdin")
    speak.add_argument("-f", "--file", metavar="FILE", help="read the text from this UTF-8 file")
    speak.add_argument("-m", "--model", help="tts-1, tts-1-hd, gpt-4o-mini-tts, … (default: the speech route's model)")
    speak.add_argument("--voice", metavar="V", help="alloy (default), ash, ballad, coral, echo, fable, nova, onyx, "
                                                    "sage, shimmer or verse")
    speak.add_argument("--format", dest="audio_format", metavar="F", help="mp3 (default), wav, opus, aac or flac")
    speak.add_argument("--speed", type=float, metavar="X", help="0.25 to 4; 1 is normal")
    speak.add_argument("--instructions", metavar="TEXT", help="how to speak: tone, accent, pace (gpt-4o-mini-tts)")
    speak.add_argument("-o", "--output", metavar="PATH", help="also write the file here (a folder keeps its name)")
    _job_flags(speak)

    transcribe = commands.add_parser("transcribe", help="speech to text (or subtitles) of an audio or video file; "
                                                        "prints the transcript")
    transcribe.add_argument("source", metavar="FILE|ASSET_ID", help="an audio or video file, or a gallery asset id")
    transcribe.add_argument("-m", "--model", help="whisper-1 (default), gpt-4o-transcribe, gpt-4o-mini-transcribe, …")
    transcribe.add_argument("--language", metavar="L", help="the spoken language as an ISO-639-1 code: en, zh, de, …")
    transcribe.add_argument("--prompt", metavar="P", help="words to expect: names, spellings, the previous sentence")
    transcribe.add_argument("--format", dest="transcript_format", metavar="F",
                            help="text (default), srt, vtt, json or verbose_json (subtitles need whisper-1)")
    transcribe.add_argument("--translate", action="store_true", help="English text of any language (whisper-1)")
    transcribe.add_argument("-o", "--output", metavar="PATH", help="also write the transcript here; prints the path")
    transcribe.add_argument("--upload-limit", type=float, metavar="MB",
                            help="the most one upload may be (default 25, the route's limit; less for a relay behind "
                                 "a stricter proxy): a longer recording is cut into parts this size")
    _job_flags(transcribe)

    mj = commands.add_parser("mj", help="Midjourney: imagine, buttons, blend, describe, shorten, swap-face")
    mj_cmds = mj.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    imagine = mj_cmds.add_parser("imagine", help="make a 2x2 grid from a prompt")
    imagine.add_argument("prompt")
    imagine.add_argument("--image", action="append", default=[], metavar="PATH", help="reference image")
    action = mj_cmds.add_parser("action", help="press a button of a finished job (U1, V2, zoom-2x, …)")
    action.add_argument("job_id", metavar="JOB_ID")
    action.add_argument("button", metavar="BUTTON",
                        help="U1-U4, V1-V4, reroll, zoom-1.5x, zoom-2x, zoom-custom, pan-left|right|up|down, "
                             "vary-strong, vary-subtle, vary-region, upscale-2x, upscale-4x, or a label/customId")
    action.add_argument("--mask", metavar="PATH", help="mask for vary-region (white where to repaint)")
    action.add_argument("--prompt", help="prompt for vary-region or zoom-custom")
    blend = mj_cmds.add_parser("blend", help="blend 2-5 images")
    blend.add_argument("paths", nargs="+", metavar="PATH")
    blend.add_argument("--dimensions", choices=("square", "portrait", "landscape"), default="square")
    describe = mj_cmds.add_parser("describe", help="four prompts that describe an image")
    describe.add_argument("path", metavar="PATH")
    shorten = mj_cmds.add_parser("shorten", help="shorter versions of a prompt")
    shorten.add_argument("prompt")
    swap = mj_cmds.add_parser("swap-face", help="put the face of SOURCE onto TARGET")
    swap.add_argument("source", metavar="SOURCE")
    swap.add_argument("target", metavar="TARGET")
    for sub in (imagine, action, blend, describe, shorten, swap):
        sub.add_argument("--mode", choices=("fast", "relax", "turbo"), help="Midjourney speed mode")
        _job_flags(sub)


def _library_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    jobs = commands.add_parser("jobs", help="list, follow, cancel, retry and resume jobs")
    jobs_cmds = jobs.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    jlist = jobs_cmds.add_parser("list", help="recent jobs (the default)")
    for parser in (jobs, jlist):
        parser.add_argument("--state", metavar="S", help="only jobs in these states (comma-separated)")
        parser.add_argument("--limit", type=int, default=50, metavar="N")
        _common(parser, profile=False)
    for name, text in (("show", "a job's details"), ("wait", "follow a job to its end; print its files"),
                       ("cancel", "stop a job that has no results yet"),
                       ("retry", "retry a failed job, submit an unknown one again, or download again")):
        sub = jobs_cmds.add_parser(name, help=text)
        sub.add_argument("job_id", metavar="ID")
        _common(sub, profile=False)
    resume = jobs_cmds.add_parser("resume", help="finish every unfinished job, then exit")
    _common(resume, profile=False)

    gallery = commands.add_parser("gallery", help="list, search, export and delete saved files")
    gallery_cmds = gallery.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    glist = gallery_cmds.add_parser("list", help="saved files, newest first (the default)")
    for parser in (gallery, glist):
        parser.add_argument("--search", metavar="TEXT", help="search prompts, tags, songs' titles and lyrics")
        parser.add_argument("--kind", choices=("image", "video", "audio", "text"))
        parser.add_argument("--model", metavar="MODEL")
        parser.add_argument("--favorite", action="store_true", help="only favorites")
        parser.add_argument("--all-files", action="store_true",
                            help="also songs' covers and videos (listed through their song otherwise)")
        parser.add_argument("--since", metavar="YYYY-MM-DD", help="only what was made on or after this day")
        parser.add_argument("--until", metavar="YYYY-MM-DD", help="only what was made before this day")
        parser.add_argument("--limit", type=int, default=100, metavar="N")
        _common(parser, profile=False)
    for name, text in (("show", "an asset's details"), ("delete", "delete an asset and its file"),
                       ("favorite", "mark an asset as a favorite")):
        sub = gallery_cmds.add_parser(name, help=text)
        sub.add_argument("asset_id", metavar="ID")
        if name == "favorite":
            sub.add_argument("--off", action="store_true", help="remove the mark instead")
        _common(sub, profile=False)
    tag = gallery_cmds.add_parser("tag", help="set an asset's tags (comma-separated; '' removes them)")
    tag.add_argument("asset_id", metavar="ID")
    tag.add_argument("tags", metavar="TAGS")
    _common(tag, profile=False)
    export = gallery_cmds.add_parser("export", help="copy an asset's file to DEST")
    export.add_argument("asset_id", metavar="ID")
    export.add_argument("dest", metavar="DEST")
    _common(export, profile=False)


def main(argv: Sequence[str] | None = None) -> int:
    if list(sys.argv[1:] if argv is None else argv) == ["gui"]:
        return gui_main()  # the window's start does not wait for the parser of every command (~10 ms)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.command in ("jobs", "gallery") and getattr(args, "action", None) is None:
        args.action = "list"
    if args.command in ("profile", "route", "mj") and getattr(args, "action", None) is None:
        sub = next(a for a in parser._subparsers._group_actions if a.dest == "command")  # type: ignore[union-attr]
        choices: dict[str, argparse.ArgumentParser] = sub.choices  # type: ignore[assignment]
        choices[args.command].print_help(sys.stderr)
        return EXIT_USAGE
    if args.command == "gui":
        return gui_main()
    from studio.cli.runner import run

    return run(args)


def gui_main() -> int:
    """Entry point of `relay-studio` and `studio gui`: the only path that imports Qt."""
    import gc

    from studio import lazy_asyncio

    lazy_asyncio.install()  # before anything imports asyncio: it loads after the first frame, OpenSSL later still
    # The imports and the window make ~300k objects, nearly all for good: the cyclic collector's ~60 passes over
    # them (~11 ms) wait until `build_gui` has frozen them, and it enables it again there.
    gc.disable()
    try:
        from studio.app import main as run_gui
    except ImportError as exc:
        print(f"studio: the studio window cannot start: {exc}.", file=sys.stderr)
        return EXIT_FAILED
    return run_gui()
