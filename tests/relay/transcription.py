"""Speech to text (``POST /v1/audio/transcriptions``, ``/v1/audio/translations``) for the relay test server.

Why this exists: a transcript comes back in five formats, two of them plain text bodies, with timestamps
only from whisper, and an upload over 25 MB is refused with a 413; the client must be tested against a
server that answers and refuses as OpenAI does (docs/PROTOCOLS.md#transcription). The transcript depends
on the uploaded audio itself: the file is opened with PyAV and every ``SEGMENT_SECONDS`` of its duration
is one line ``Line N is spoken here.`` (``Translated line N.`` for a translation), whose words share the
line's time evenly, so a test can tell from the answer how long the audio it sent was.

Checked as OpenAI checks it (HTTP 400, OpenAI's error shape): ``file`` and ``model`` present, the file
readable audio or video in a container OpenAI takes (``ACCEPTED``: not a raw AAC stream), a known
``response_format``, gpt-4o-*-transcribe only ``json`` or ``text``, translations only whisper-1,
``timestamp_granularities[]`` only with ``verbose_json``, gpt-4o-*-transcribe at most ``MODEL_MAX_SECONDS`` of
audio (OpenAI's 400 "audio duration … seconds is longer than 1500 seconds which is the maximum for this model",
code ``invalid_value``). An upload over ``MAX_UPLOAD`` bytes is a 413 with
OpenAI's message; case ``upload-limit-1mb`` lowers that limit to 1 MB (a relay behind a stricter proxy),
``upload-limit-100kb`` to 100 KB (less than a part may be), case ``no-transcription-route`` answers new-api's
404 for an unknown path, case ``silent-audio`` an empty transcript, case ``transcript-text-only`` plain text
whatever the format asked (a relay model with one output), case ``transcription-slow`` waits ``SLOW_SECONDS``
before each answer (a process can be killed between the parts of a long recording), case
``transcription-refuse-fourth`` answers the fourth upload (only that one) with a 400. Case ``hear-bursts``
listens instead: the upload is decoded and every stretch of sound between pauses (a tone burst of
tests/support/long_audio.py) is one line, from where the sound starts to where it stops in that file, so a
test of the split path checks its seams against the recording itself (a burst cut in two, audio lost at a
seam or a part placed at the wrong offset shows as a line missing, doubled or moved). ``sent(relay)`` lists
the form fields of each request with the upload's size and the lines it was answered with, so a test of a
recording sent in parts can tell every part's lines apart (each part's lines are numbered from 1).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import math
from array import array
from typing import TYPE_CHECKING, Any

from . import content, fixtures

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

TRANSCRIBE = "/v1/audio/transcriptions"
TRANSLATE = "/v1/audio/translations"
MAX_UPLOAD = 25 * 1024 * 1024
SMALL_LIMIT = 1024 * 1024
TINY_LIMIT = 100 * 1024
SEGMENT_SECONDS = 2.0
SLOW_SECONDS = 0.5
#: how much longer than its lines a file may be (MP3 and AAC pad the end) before it holds another line
PADDING = 0.15
#: case ``hear-bursts``: seconds per level window, samples a second it reads, how loud a window of sound is
#: (of 32767), and the shortest pause that ends a line
HEAR_WINDOW = 0.01
HEAR_RATE = 2000
LOUD = 1000
LINE_PAUSE = 0.25
FORMATS = ("json", "text", "srt", "verbose_json", "vtt")
TEXT_TYPE = "text/plain; charset=utf-8"


#: the longest recording gpt-4o-transcribe and gpt-4o-mini-transcribe take, in seconds (whisper-1 has none)
MODEL_MAX_SECONDS = 1500


def _error(message: str, param: str | None, kind: str = "invalid_request_error") -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": param, "code": None}}


def lines_for(seconds: float, translate: bool = False) -> list[tuple[float, float, str]]:
    """The (start, end, text) lines the server hears in `seconds` of audio."""
    count = max(1, math.ceil((seconds - PADDING) / SEGMENT_SECONDS))  # an encoder's padding is no new line
    lines = []
    for index in range(count):
        start, end = index * SEGMENT_SECONDS, min(seconds, (index + 1) * SEGMENT_SECONDS)
        text = f"Translated line {index + 1}." if translate else f"Line {index + 1} is spoken here."
        lines.append((round(start, 3), round(max(end, start + 0.1), 3), text))
    return lines


def heard_lines(data: bytes, translate: bool = False) -> list[tuple[float, float, str]]:
    """The (start, end, text) lines case ``hear-bursts`` hears in an upload: one a stretch of sound."""
    text = "Translated line {}." if translate else "Line {} is spoken here."
    return [(start, end, text.format(index)) for index, (start, end) in enumerate(_bursts(data), 1)]


#: the sample formats read as they come: array type code and the factor to 16-bit (others are converted)
_SAMPLES: dict[str, tuple[Any, float]] = {"flt": ("f", 32768.0), "fltp": ("f", 32768.0), "s16": ("h", 1.0),
                                          "s16p": ("h", 1.0)}
_HEARD: dict[bytes, list[tuple[float, float]]] = {}  # what an upload was heard as (`sent` asks again)


def _bursts(data: bytes) -> list[tuple[float, float]]:
    """The (start, end) seconds of each stretch of sound in `data`, from its first decoded sample: every
    channel mixed, one sample in every few read (a tone's peaks still show), loudness by 10 ms windows."""
    import av

    digest = hashlib.sha1(data).digest()
    if digest in _HEARD:
        return _HEARD[digest]
    found: list[tuple[float, float]] = []
    with av.open(io.BytesIO(data)) as container:
        stream = container.streams.audio[0]
        rate = stream.codec_context.sample_rate or 16000
        step = max(1, rate // HEAR_RATE)
        per_window = max(1, round(rate * HEAR_WINDOW / step))
        seconds = per_window * step / rate  # one window
        resampler = None
        carry: list[float] = []
        windows = 0
        onset: float | None = None
        last_loud = 0.0
        for frame in itertools.chain(container.decode(stream), [None]):
            if frame is not None and frame.format.name not in _SAMPLES:
                resampler = resampler or av.AudioResampler(format="s16", layout="mono", rate=rate)
            chunks = resampler.resample(frame) if resampler is not None else [frame] if frame is not None else []
            for chunk in chunks:
                carry.extend(_levels(chunk, step))
                usable = len(carry) - len(carry) % per_window
                for start in range(0, usable, per_window):
                    at = windows * seconds
                    windows += 1
                    if max(carry[start:start + per_window]) > LOUD:
                        if onset is None:
                            onset = at
                        elif at - last_loud > LINE_PAUSE:
                            found.append((onset, last_loud))
                            onset = at
                        last_loud = at + seconds
                del carry[:usable]
        if onset is not None:
            found.append((onset, last_loud))
    _HEARD[digest] = [(round(a, 3), round(b, 3)) for a, b in found]
    return _HEARD[digest]


def _levels(frame: Any, step: int) -> list[float]:
    """One sample in every `step` of a decoded frame, as a magnitude on the 16-bit scale, the loudest of its
    channels (a stereo file with sound on one side only is heard)."""
    code, scale = _SAMPLES[frame.format.name]
    channels = len(frame.layout.channels)
    planar = frame.format.is_planar
    loudest: list[float] = []
    for plane in frame.planes[:channels] if planar else frame.planes[:1]:
        values = array(code)
        values.frombytes(bytes(plane)[:frame.samples * (1 if planar else channels) * values.itemsize])
        for channel in range(1 if planar else channels):
            picked = [abs(v) * scale for v in values[channel::step * (1 if planar else channels)]]
            loudest = picked if not loudest else list(map(max, loudest, picked))
    return loudest


#: the containers OpenAI's audio routes take, as FFmpeg names them (flac, m4a, mp3, mp4, mpeg, mpga, oga, ogg, wav,
#: webm): a raw ADTS AAC stream, AIFF or WMA is refused like a file that is not audio
ACCEPTED = frozenset({"flac", "mp3", "ogg", "wav", "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "mpeg"})


def _duration(data: bytes) -> float | None:
    import av

    try:
        with av.open(io.BytesIO(data)) as container:
            if not container.streams.audio or container.format.name not in ACCEPTED:
                return None
            if container.duration:
                return float(container.duration / 1_000_000)
            stream = container.streams.audio[0]
            return float(stream.duration * stream.time_base) if stream.duration and stream.time_base else 0.0
    except (av.FFmpegError, OSError, ValueError, EOFError):
        return None


def _stamp(seconds: float, mark: str) -> str:
    millis = round(seconds * 1000)
    return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}{mark}{millis % 1000:03d}"


def answer(h: _Handler, ctx: _Ctx) -> None:
    translate = ctx.route.endswith(TRANSLATE)
    if ctx.has("no-transcription-route"):
        return h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
    limit = SMALL_LIMIT if ctx.has("upload-limit-1mb") else TINY_LIMIT if ctx.has("upload-limit-100kb") else MAX_UPLOAD
    if len(ctx.body) > limit:
        return h.send_json(413, _error(f"Maximum content size limit ({limit}) exceeded ({len(ctx.body)} bytes read)",
                                       None, "server_error"))
    parts = content.parse_multipart(ctx.headers.get("content-type", ""), ctx.body)
    fields: dict[str, list[str]] = {}
    for part in parts:
        if part.filename is None:
            fields.setdefault(part.name, []).append(part.text)
    upload = next((p for p in parts if p.name == "file" and p.filename is not None), None)
    if upload is None:
        return h.send_json(400, _error("Missing required parameter: 'file'.", "file"))
    model = (fields.get("model") or [""])[0]
    if not model:
        return h.send_json(400, _error("Missing required parameter: 'model'.", "model"))
    fmt = (fields.get("response_format") or ["json"])[0]
    if fmt not in FORMATS:
        return h.send_json(400, _error(f"Invalid value: '{fmt}'. Supported values are: {', '.join(FORMATS)}.",
                                       "response_format"))
    whisper = "whisper" in model.lower()
    if translate and not whisper:
        return h.send_json(400, _error(f"The model '{model}' does not support translations.", "model"))
    if not whisper and fmt not in ("json", "text"):
        return h.send_json(400, _error(f"response_format '{fmt}' is not compatible with model '{model}'. Use 'json' "
                                       "or 'text' instead.", "response_format"))
    granularities = fields.get("timestamp_granularities[]") or []
    if granularities and fmt != "verbose_json":
        return h.send_json(400, _error("timestamp_granularities requires response_format=verbose_json.",
                                       "timestamp_granularities"))
    seconds = _duration(upload.data)
    if seconds is None:
        return h.send_json(400, _error("Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', "
                                       "'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']", "file"))
    if not whisper and seconds > MODEL_MAX_SECONDS:
        return h.send_json(400, {"error": {
            "message": f"audio duration {seconds:.6f} seconds is longer than {MODEL_MAX_SECONDS} seconds which is the "
                       "maximum for this model", "type": "invalid_request_error", "param": None,
            "code": "invalid_value"}})
    if ctx.has("transcription-refuse-fourth") and not h.server.relay.consume("transcription-refuse-fourth", 3) \
            and h.server.relay.consume("transcription-refused", 1):
        return h.send_json(400, _error("This upload was refused once, for the test.", "file"))
    lines = [] if ctx.has("silent-audio") else heard_lines(upload.data, translate) if ctx.has("hear-bursts") \
        else lines_for(seconds, translate)
    if ctx.has("transcription-slow"):
        h.pause(SLOW_SECONDS)
    text = " ".join(line for _, _, line in lines)
    if fmt == "text" or ctx.has("transcript-text-only"):
        return h.send_text(200, text + "\n", TEXT_TYPE)
    if fmt == "srt":
        return h.send_text(200, "".join(f"{i}\n{_stamp(s, ',')} --> {_stamp(e, ',')}\n{t}\n\n"
                                        for i, (s, e, t) in enumerate(lines, 1)), TEXT_TYPE)
    if fmt == "vtt":
        return h.send_text(200, "WEBVTT\n\n" + "".join(f"{_stamp(s, '.')} --> {_stamp(e, '.')}\n{t}\n\n"
                                                      for s, e, t in lines), "text/vtt; charset=utf-8")
    if fmt == "json":
        body: dict[str, Any] = {"text": text}
        if not whisper:
            body["usage"] = {"type": "tokens", "input_tokens": 10, "output_tokens": len(text.split()),
                             "total_tokens": 10 + len(text.split())}
        return h.send_json(200, body)
    language = "english" if translate else _language((fields.get("language") or [""])[0])
    verbose: dict[str, Any] = {"task": "translate" if translate else "transcribe", "language": language,
                               "duration": round(seconds, 3), "text": text}
    if not granularities or "segment" in granularities:
        verbose["segments"] = [{"id": i, "seek": 0, "start": s, "end": e, "text": " " + t, "tokens": [1, 2],
                                "temperature": 0.0, "avg_logprob": -0.2, "compression_ratio": 1.1,
                                "no_speech_prob": 0.01} for i, (s, e, t) in enumerate(lines)]
    if "word" in granularities:
        verbose["words"] = [word for s, e, t in lines for word in _words(s, e, t)]
    h.send_json(200, verbose)


def _words(start: float, end: float, text: str) -> list[dict[str, Any]]:
    words = text.split()
    step = (end - start) / len(words)
    return [{"word": w, "start": round(start + i * step, 3), "end": round(start + (i + 1) * step, 3)}
            for i, w in enumerate(words)]


_LANGUAGES = {"en": "english", "zh": "chinese", "de": "german", "fr": "french", "ja": "japanese"}


def _language(code: str) -> str:
    return _LANGUAGES.get(code.lower(), code.lower() or "english")


ROUTES = {("POST", TRANSCRIBE): answer, ("POST", TRANSLATE): answer}


def _cases(request: Any) -> tuple[str, ...]:
    from .server import _split_path, find_cases

    return find_cases(request.headers, _split_path(request.path)[0], None)


def sent(relay: RelayServer) -> list[dict[str, Any]]:
    """The text fields of every transcription or translation request, in arrival order, with the route
    (`"route"`), the uploaded file's size (`"bytes"`), its length in seconds (`"seconds"`), the texts of the
    lines a transcript of it holds (`"lines"`) and their (start, end) seconds in the upload (`"heard"`)."""
    found = []
    for request in relay.requests:
        if request.method != "POST" or not request.path.endswith((TRANSCRIBE, TRANSLATE)):
            continue
        parts = content.parse_multipart(request.headers.get("content-type", ""),
                                        request.body)
        fields: dict[str, Any] = {}
        for part in parts:
            if part.filename is not None:
                fields.update(bytes=len(part.data), filename=part.filename, seconds=_duration(part.data))
            elif part.name.endswith("[]"):
                fields.setdefault(part.name, []).append(part.text)
            else:
                fields[part.name] = part.text
        fields["route"] = TRANSLATE if request.path.endswith(TRANSLATE) else TRANSCRIBE
        seconds = fields.get("seconds")
        translate = fields["route"] == TRANSLATE
        upload = next((p.data for p in parts if p.filename is not None), b"")
        heard = heard_lines(upload, translate) if "hear-bursts" in _cases(request) and seconds is not None \
            else lines_for(seconds, translate) if seconds else []
        fields["lines"] = [t for _, _, t in heard]
        fields["heard"] = [(s, e) for s, e, _ in heard]
        found.append(fields)
    return found

