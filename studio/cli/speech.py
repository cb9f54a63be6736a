"""`studio speak`: text to one audio file in the gallery, from the command line.

The text is an argument, standard input (`-`) or a UTF-8 file (`-f FILE`); a text over the model's input
limit is sent in parts and joined (studio/jobs/speech.py). stdout is the saved file's absolute path, or
the path written with `-o`; `--detach` prints the job id once the job is sent; the CLI contract
(docs/ARCHITECTURE.md#cli-contract) holds as for `studio image`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from studio.cli.jobs import finish, follow, job_json, report_job
from studio.cli.output import print_json, read_stdin_text
from studio.errors import InputError

if TYPE_CHECKING:
    from studio.services.core import StudioCore


async def speak(core: StudioCore, args: argparse.Namespace) -> int:
    text = _text(args)
    if args.output and args.detach:
        raise InputError("-o writes the finished file, so it cannot be combined with --detach.")
    job = await asyncio.to_thread(core.jobs.create_speech, text, model=args.model, voice=args.voice,
                                  format=args.audio_format, speed=args.speed, instructions=args.instructions,
                                  profile=args.profile)
    if not args.output:
        return await follow(core, job, args)
    done = await finish(core, job, args)
    assets = core.gallery.for_job(done.id)
    if not assets:
        return report_job(core, done, args.json)
    written = await asyncio.to_thread(core.gallery.export, assets[0].id, args.output)
    if args.json:
        print_json({**job_json(core, done), "output": str(written)})
    else:
        sys.stdout.write(f"{written}\n")
        sys.stdout.flush()
    return 0


def _text(args: argparse.Namespace) -> str:
    if args.file and args.text:
        raise InputError("Give the text to speak or -f FILE, not both.")
    if args.file:
        path = Path(args.file).expanduser()
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"The file {path} does not exist.") from None
        except OSError as exc:
            raise InputError(f"The file {path} cannot be read ({exc.strerror or exc}).") from None
        try:
            return data.decode("utf-8-sig").replace("\r\n", "\n")
        except UnicodeDecodeError:
            raise InputError(f"The file {path} is not UTF-8 text.") from None
    if args.text == "-":
        return read_stdin_text()
    return str(args.text or "")
