"""Text to speech (``POST /v1/audio/speech``) for the relay test server.

Why this exists: speech is answered with the audio itself, in the format asked for, and a client that
splits a long text must be tested against a server that refuses what OpenAI refuses and really answers
audio (docs/PROTOCOLS.md#speech). The answer is a real file made with PyAV (``speech_bytes``: a sine
tone of ``len(input) / CHARS_PER_SECOND`` seconds, at least ``MIN_SECONDS``), so a joined file's
duration tells how many characters were spoken.

Checked as OpenAI checks it (HTTP 400, OpenAI's error shape): ``model``, ``input`` and ``voice`` present,
``input`` at most ``MAX_INPUT`` characters, a known ``response_format``, ``speed`` from 0.25 to 4.
An input containing ``REFUSE_ONCE`` is refused the first time (400), answered after that; case
``speech-slow`` waits ``SLOW_SECONDS`` before each answer (a process can be killed between parts); case
``no-speech-route`` answers new-api's 404 for an unknown path, case ``speech-always-mp3`` MP3 whatever
the format asked, case ``speech-paced`` a voice at a reader's pace (``PACED_CHARS_PER_SECOND``: a short
script lasts seconds, for a screenshot of a voice-over playing). ``sent(relay)`` lists the inputs received,
in order, to count the requests per part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.support.media import speech_bytes

from . import fixtures

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

ROUTE = "/v1/audio/speech"
MAX_INPUT = 4096
CHARS_PER_SECOND = 1000
PACED_CHARS_PER_SECOND = 6
MIN_SECONDS = 0.3
SLOW_SECONDS = 0.6
REFUSE_ONCE = "[refuse-once]"
CONTENT_TYPES = {"mp3": "audio/mpeg", "wav": "audio/wav", "opus": "audio/ogg", "aac": "audio/aac",
                 "flac": "audio/flac"}


def seconds_for(text: str) -> float:
    """How long the answer to `text` lasts (rounded to 0.1 s, so equal lengths share one made file)."""
    return max(MIN_SECONDS, round(len(text) / CHARS_PER_SECOND, 1))


def _error(message: str, param: str | None) -> dict[str, Any]:
    return {"error": {"message": message, "type": "invalid_request_error", "param": param, "code": None}}


def answer(h: _Handler, ctx: _Ctx) -> None:
    if ctx.has("no-speech-route"):  # a relay build without text to speech: gin's 404 for an unknown path
        return h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
    data = ctx.data if isinstance(ctx.data, dict) else None
    if data is None:
        return h.send_json(400, _error("We could not parse the JSON body of your request.", None))
    for name in ("model", "input", "voice"):
        if not isinstance(data.get(name), str) or not data[name]:
            return h.send_json(400, _error(f"Missing required parameter: '{name}'.", name))
    text: str = data["input"]
    if len(text) > MAX_INPUT:
        return h.send_json(400, _error(f"The input is {len(text)} characters long; at most {MAX_INPUT} are "
                                       "allowed.", "input"))
    fmt = data.get("response_format", "mp3")
    if fmt not in CONTENT_TYPES:
        return h.send_json(400, _error(f"Invalid value: '{fmt}'. Supported values are: "
                                       f"{', '.join(CONTENT_TYPES)}.", "response_format"))
    speed = data.get("speed", 1.0)
    if not isinstance(speed, (int, float)) or not 0.25 <= speed <= 4.0:
        return h.send_json(400, _error("The speed must be between 0.25 and 4.0.", "speed"))
    if REFUSE_ONCE in text and h.server.relay.consume("speech-refuse-once", 1):
        return h.send_json(400, _error("This part was refused once, for the test.", "input"))
    if ctx.has("speech-slow"):
        h.pause(SLOW_SECONDS)
    if ctx.has("speech-always-mp3"):  # a relay model with one output format whatever is asked
        fmt = "mp3"
    seconds = round(len(text) / PACED_CHARS_PER_SECOND, 1) if ctx.has("speech-paced") else seconds_for(text)
    h.send_body(200, speech_bytes(fmt, seconds), CONTENT_TYPES[fmt])


def sent(relay: RelayServer) -> list[str]:
    """The `input` of every speech request received, in arrival order."""
    bodies = [r.json() for r in relay.requests if r.method == "POST" and r.path.endswith(ROUTE)]
    return [b["input"] for b in bodies if isinstance(b, dict) and isinstance(b.get("input"), str)]
