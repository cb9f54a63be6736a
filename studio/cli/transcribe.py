"""`studio transcribe`: an audio or video file (or asset) to a transcript in the gallery, from the command line.

stdout is the transcript in the chosen format (text, srt, vtt, json, verbose_json), or with `-o` the path
it was also written to; `--translate` makes English text (whisper-1); `--detach` prints the job id once
the job is sent; `--upload-limit MB` cuts a recording into parts of at most that size (a relay behind a
stricter proxy than the route's 25 MB); the CLI contract
(docs/ARCHITECTURE.md#cli-contract) holds as for `studio speak`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TYPE_CHECKING

from studio.cli.jobs import finish, follow, job_json, report_job
from studio.cli.output import print_json
from studio.errors import InputError

if TYPE_CHECKING:
    from studio.services.core import StudioCore


async def transcribe(core: StudioCore, args: argparse.Namespace) -> int:
    if args.output and args.detach:
        raise InputError("-o writes the finished transcript, so it cannot be combined with --detach.")
    limit = None if args.upload_limit is None else int(args.upload_limit * 1024 ** 2)
    job = await asyncio.to_thread(core.jobs.create_transcription, args.source, model=args.model,
                                  language=args.language, prompt=args.prompt, format=args.transcript_format,
                                  translate=args.translate, profile=args.profile,
                                  upload_limit=limit)
    if args.detach:
        return await follow(core, job, args)
    done = await finish(core, job, args)
    assets = core.gallery.for_job(done.id)
    if not assets:
        return report_job(core, done, args.json)
    written = await asyncio.to_thread(core.gallery.export, assets[0].id, args.output) if args.output else None
    if args.json:
        document = job_json(core, done)
        for key in ("language", "duration", "lines", "format", "translated", "parts"):
            document[key] = done.metadata.get(key)
        document["transcript"] = assets[0].path.read_text(encoding="utf-8")
        if written is not None:
            document["output"] = str(written)
        print_json(document)
    elif written is not None:
        sys.stdout.write(f"{written}\n")
    else:
        sys.stdout.write(assets[0].path.read_text(encoding="utf-8"))
    sys.stdout.flush()
    return 0
