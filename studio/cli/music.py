"""`studio music` and `studio lyrics`: Suno songs and lyrics from the command line (docs/PROTOCOLS.md#suno).

`studio music` prints the path of each clip's audio file, one per line (the covers and videos saved
beside them are listed by `--json`); `studio lyrics` prints the lyrics. `--detach`, `--json` and
`--profile` behave as for every generation command (docs/ARCHITECTURE.md#cli-contract).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from studio.cli.jobs import _text, finish, follow
from studio.cli.output import read_stdin_text
from studio.errors import InputError

if TYPE_CHECKING:
    from studio.services.core import StudioCore

#: lyrics longer than this are not read from a file (no song has a megabyte of words)
_MAX_LYRICS_FILE = 1024 * 1024


def _lyrics(args: argparse.Namespace) -> str | None:
    """`--lyrics TEXT|FILE` (an existing file is read; `-` reads stdin) or `--lyrics-file PATH`."""
    value: str | None = args.lyrics
    file: str | None = args.lyrics_file
    if value is not None and file is not None:
        raise InputError("Give the lyrics once: --lyrics or --lyrics-file.")
    if value == "-":
        return read_stdin_text()
    path = Path(file).expanduser() if file is not None else None
    if path is None and value and "\n" not in value and len(value) < 1024:
        candidate = Path(value).expanduser()
        path = candidate if candidate.is_file() else None
    if path is None:
        return value
    try:
        if path.stat().st_size > _MAX_LYRICS_FILE:
            raise InputError(f"{path.name} is too large to be lyrics.")
        return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except FileNotFoundError:
        raise InputError(f"There is no lyrics file {str(path)!r}.") from None
    except UnicodeDecodeError:
        raise InputError(f"{path.name} is not UTF-8 text, so it cannot be read as lyrics.") from None
    except OSError as exc:
        raise InputError(f"{path.name} could not be read ({exc.strerror or exc}).") from None


async def music(core: StudioCore, args: argparse.Namespace) -> int:
    job = await asyncio.to_thread(
        core.jobs.create_music, _text(args.prompt), model=args.model, lyrics=_lyrics(args), title=args.title,
        tags=args.tags, instrumental=args.instrumental, version=args.mv, extend=args.extend, at=args.at,
        family=args.family, profile=args.profile,
    )
    if args.detach or args.json:
        return await follow(core, job, args)
    done = await finish(core, job, args)
    for asset in core.gallery.for_job(done.id):
        if asset.kind == "audio":
            sys.stdout.write(f"{asset.path}\n")
    sys.stdout.flush()
    return 0


async def lyrics(core: StudioCore, args: argparse.Namespace) -> int:
    job = await asyncio.to_thread(core.jobs.create_lyrics, _text(args.prompt), model=args.model,
                                  profile=args.profile)
    return await follow(core, job, args)
