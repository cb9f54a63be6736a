"""Speech to text: `POST /v1/audio/transcriptions` and `/v1/audio/translations` (docs/PROTOCOLS.md#transcription).

Both take a multipart upload of at most 25 MB and answer at once, in the `response_format` asked: plain
text, SRT or WebVTT come as a text body, `json` and `verbose_json` as JSON (the Content-Type tells, but
a relay that answers plain text to a JSON request is read as plain text). Whatever came is read into one
`studio.api.subtitles.Transcript`. whisper-1 gives every format, with word times in `verbose_json` when
`timestamp_granularities[]` asks for them; gpt-4o-transcribe and gpt-4o-mini-transcribe give `text` and
`json` only, and translation (into English) is whisper-1's alone. A 413 (the upload limit), a 400 for a
recording longer than the model takes (`AudioTooLong`: OpenAI's gpt-4o transcribe models refuse one over a
length they state), a relay without the route (404) and a web page instead of an answer each become one
sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, BinaryIO

from studio.api.errors import BadRequest, BadResponse, NotFound, RelayError, looks_like_html
from studio.api.subtitles import FORMATS, Transcript, from_json, parse

if TYPE_CHECKING:
    from studio.api.client import RelayClient

TRANSCRIBE_ROUTE = "/v1/audio/transcriptions"
TRANSLATE_ROUTE = "/v1/audio/translations"
#: the largest upload OpenAI's audio routes take
MAX_UPLOAD = 25 * 1024 * 1024
#: the models that give timestamps (every format), on the lower-case model id
TIMED_MODELS = re.compile(r"whisper")
#: the models that translate (translations is whisper-1's route)
TRANSLATING_MODELS = TIMED_MODELS
#: what a model without timestamps answers
UNTIMED_FORMATS = ("text", "json")


def formats_for(model: str) -> tuple[str, ...]:
    """The `response_format` values `model` gives (whisper every one; gpt-4o-*-transcribe text and json)."""
    return FORMATS if TIMED_MODELS.search(model.lower()) else UNTIMED_FORMATS


class UploadTooLarge(BadRequest):
    """The relay (or OpenAI behind it) refused the upload with 413: over the 25 MB limit."""

    def _sentence(self) -> str:
        return (f"The relay refused the upload as too large: the transcription route takes at most "
                f"{MAX_UPLOAD // (1024 * 1024)} MB per file (HTTP {self.status}), and a relay behind a stricter proxy "
                "takes less; a smaller upload limit sends the recording in smaller parts.")


#: OpenAI's 400 for a recording longer than a model takes: "audio duration 1830.5 seconds is longer than 1500
#: seconds which is the maximum for this model" (docs/PROTOCOLS.md#transcription); no table of the limits is kept
_TOO_LONG = re.compile(r"longer than (\d+(?:\.\d+)?) seconds which is the maximum", re.IGNORECASE)


class AudioTooLong(BadRequest):
    """The relay (or OpenAI behind it) refused the upload with a 400 as longer than the model takes; `seconds` is
    the longest it said it takes."""

    def __init__(self, *args: Any, seconds: float, **kwargs: Any) -> None:
        self.seconds = seconds
        super().__init__(*args, **kwargs)

    def _sentence(self) -> str:
        return (f"The relay refused the recording as too long for the model: it takes at most {self.seconds:g} "
                f"seconds per upload (HTTP {self.status}).")


def too_long(exc: RelayError) -> float | None:
    """The longest recording a 400 says the model takes, or None when the 400 says something else."""
    found = _TOO_LONG.search(exc.message or "") if exc.status == 400 else None
    return float(found.group(1)) if found else None


class NoTranscriptionRoute(NotFound):
    """A 404 for an audio route: a relay (or a build of one) without speech to text."""

    category = f"The relay has no speech-to-text route (POST {TRANSCRIBE_ROUTE})"


class Transcriptions:
    """`Transcriptions(client)`: one request per call."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def create(self, file: tuple[str, bytes | BinaryIO, str], *, model: str, response_format: str = "json",
                     language: str | None = None, prompt: str | None = None, translate: bool = False,
                     words: bool = True) -> Transcript:
        """The transcript of `file` (name, bytes or a file open for reading, which is streamed as it is sent, media
        type). `translate` sends it to the translations route
        (English text; it takes no `language`); `words` asks whisper for word times in `verbose_json`."""
        route = TRANSLATE_ROUTE if translate else TRANSCRIBE_ROUTE
        form: dict[str, Any] = {"model": model, "response_format": response_format}
        if language and not translate:
            form["language"] = language
        if prompt:
            form["prompt"] = prompt
        if response_format == "verbose_json" and not translate and TIMED_MODELS.search(model.lower()):
            form["timestamp_granularities[]"] = ["word", "segment"] if words else ["segment"]
        try:
            response = await self._client.request("POST", route, form=form, files=[("file", file)],
                                                  headers={"Accept": "application/json, text/plain"})
        except NotFound as exc:
            raise NoTranscriptionRoute(exc.status, exc.message, code=exc.code, error_type=exc.error_type,
                                       request_id=exc.request_id) from None
        except RelayError as exc:
            seconds = too_long(exc)
            if seconds is not None:
                raise AudioTooLong(exc.status, exc.message, code=exc.code, error_type=exc.error_type,
                                   request_id=exc.request_id, seconds=seconds) from None
            if exc.status != 413:
                raise
            raise UploadTooLarge(exc.status, exc.message, code=exc.code, error_type=exc.error_type,
                                 request_id=exc.request_id) from None
        content_type = response.headers.get("content-type", "").lower()
        text = response.text
        if looks_like_html(text[:512], content_type):
            raise BadResponse("The relay answered with a web page instead of a transcript; check that the base URL "
                              "points at the API, not the relay's website.")
        if "json" in content_type or text.lstrip().startswith("{"):
            return from_json(self._client.decode_json(response))  # an error carried with HTTP 200 raises here
        # a text body: what was asked for, or plain text from a relay model that has no other format
        return parse(text, response_format if response_format in ("srt", "vtt") else "text")
