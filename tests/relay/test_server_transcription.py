"""Self-tests of the relay test server's audio routes (tests/relay/transcription.py) with a plain HTTP client:
every format, word times for whisper-1's verbose_json, gpt-4o-*-transcribe's text and JSON only, OpenAI's
400s and the 413 for an upload over 25 MB, translations.

Why this exists: the transcription job and CLI tests lean on these answers (one line per 2 s of the audio
sent, or with case ``hear-bursts`` one a burst of sound where it sounds; the 413's message); pinning them
here keeps a server change from silently weakening them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.relay import RelayServer, transcription
from tests.relay.fixtures import png_bytes
from tests.relay.server import VALID_KEY
from tests.support.media import speech_bytes


def post(relay: RelayServer, route: str, fields: dict[str, Any], data: bytes | None = None) -> httpx.Response:
    files = [("file", ("a.wav", data if data is not None else speech_bytes("wav", 3.0), "audio/wav"))]
    return httpx.post(relay.url + route, data=fields, files=files, timeout=30,
                      headers={"Authorization": f"Bearer {VALID_KEY}"})


def test_case_hear_bursts_answers_a_line_a_burst_where_it_sounds(relay: RelayServer, tmp_path: Path) -> None:
    """Case ``hear-bursts`` decodes the upload: one line per stretch of sound, timed in that file, heard in any
    channel (a stereo file with its sound on the right only), and ``/case/a,b`` carries both cases."""
    from tests.support.long_audio import bursts, one_sided_wav

    data = one_sided_wav(tmp_path / "right.wav", 18).read_bytes()
    answer = httpx.post(f"{relay.url}/case/hear-bursts,transcription-slow{transcription.TRANSCRIBE}",
                        data={"model": "whisper-1", "response_format": "verbose_json"},
                        files=[("file", ("right.wav", data, "audio/wav"))], timeout=30,
                        headers={"Authorization": f"Bearer {VALID_KEY}"})
    assert answer.status_code == 200, answer.text
    segments = answer.json()["segments"]
    assert [s["text"] for s in segments] == [f" Line {k} is spoken here." for k in range(1, 6)]
    for segment, (start, end) in zip(segments, bursts(18), strict=True):  # 0-3, 4-7, ... 16-18
        assert abs(segment["start"] - start) <= 0.02 and abs(segment["end"] - end) <= 0.02
    (sent,) = transcription.sent(relay)
    assert sent["lines"] == [s["text"].strip() for s in segments]


def test_every_format_from_whisper(relay: RelayServer) -> None:
    answers = {fmt: post(relay, transcription.TRANSCRIBE, {"model": "whisper-1", "response_format": fmt})
               for fmt in transcription.FORMATS}
    assert all(a.status_code == 200 for a in answers.values())
    assert answers["text"].text == "Line 1 is spoken here. Line 2 is spoken here.\n"
    assert answers["text"].headers["content-type"].startswith("text/plain")
    assert answers["srt"].text.startswith("1\n00:00:00,000 --> 00:00:02,000\nLine 1 is spoken here.\n\n2\n")
    assert answers["vtt"].text.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n")
    assert answers["json"].json() == {"text": "Line 1 is spoken here. Line 2 is spoken here."}
    verbose = answers["verbose_json"].json()
    assert [(s["start"], s["end"]) for s in verbose["segments"]] == [(0.0, 2.0), (2.0, 3.0)] and "words" not in verbose


def test_word_times_need_verbose_json(relay: RelayServer) -> None:
    fields = {"model": "whisper-1", "response_format": "verbose_json", "timestamp_granularities[]": ["word"]}
    verbose = post(relay, transcription.TRANSCRIBE, fields).json()
    assert "segments" not in verbose and verbose["words"][:2] == [{"word": "Line", "start": 0.0, "end": 0.4},
                                                                  {"word": "1", "start": 0.4, "end": 0.8}]
    refused = post(relay, transcription.TRANSCRIBE, {**fields, "response_format": "json"})
    assert refused.status_code == 400 and refused.json()["error"]["param"] == "timestamp_granularities"


@pytest.mark.parametrize(("route", "fields", "param"), [
    (transcription.TRANSCRIBE, {"model": "gpt-4o-transcribe", "response_format": "srt"}, "response_format"),
    (transcription.TRANSCRIBE, {"model": "whisper-1", "response_format": "docx"}, "response_format"),
    (transcription.TRANSCRIBE, {"response_format": "json"}, "model"),
    (transcription.TRANSLATE, {"model": "gpt-4o-mini-transcribe"}, "model"),
])
def test_what_openai_refuses_is_a_400_in_its_error_shape(relay: RelayServer, route: str, fields: dict[str, Any],
                                                          param: str) -> None:
    answer = post(relay, route, fields)
    error = answer.json()["error"]
    assert answer.status_code == 400 and error["type"] == "invalid_request_error" and error["param"] == param


def test_gpt_4o_transcribe_text_and_json_a_translation_and_a_picture(relay: RelayServer) -> None:
    answer = post(relay, transcription.TRANSCRIBE, {"model": "gpt-4o-mini-transcribe", "response_format": "json"})
    assert answer.json()["text"].startswith("Line 1") and answer.json()["usage"]["type"] == "tokens"
    answer = post(relay, transcription.TRANSLATE, {"model": "whisper-1", "response_format": "text"})
    assert answer.text == "Translated line 1. Translated line 2.\n"
    answer = post(relay, transcription.TRANSCRIBE, {"model": "whisper-1"}, png_bytes(8, 8))
    assert answer.status_code == 400 and answer.json()["error"]["message"].startswith("Invalid file format.")


def test_an_upload_over_25_mb_is_openais_413(relay: RelayServer) -> None:
    answer = post(relay, transcription.TRANSCRIBE, {"model": "whisper-1"}, bytes(transcription.MAX_UPLOAD))
    error = answer.json()["error"]
    assert answer.status_code == 413 and error["type"] == "server_error"
    assert error["message"].startswith(f"Maximum content size limit ({transcription.MAX_UPLOAD}) exceeded (")
    assert json.loads(answer.text)["error"]["param"] is None


def test_the_log_tells_each_uploads_size_length_and_lines_and_refuse_fourth_refuses_one(relay: RelayServer) -> None:
    data = speech_bytes("wav", 5.0)
    first = post(relay, transcription.TRANSCRIBE, {"model": "whisper-1"}, data)
    assert first.status_code == 200
    (logged,) = transcription.sent(relay)
    assert logged["bytes"] == len(data) and logged["seconds"] == pytest.approx(5.0)
    assert logged["lines"] == ["Line 1 is spoken here.", "Line 2 is spoken here.", "Line 3 is spoken here."]
    route = "/case/transcription-refuse-fourth" + transcription.TRANSCRIBE
    codes = [post(relay, route, {"model": "whisper-1"}).status_code for _ in range(6)]
    assert codes == [200, 200, 200, 400, 200, 200]


def test_a_raw_aac_stream_is_refused_as_openai_refuses_it(relay: RelayServer) -> None:
    answer = post(relay, transcription.TRANSCRIBE, {"model": "whisper-1"}, speech_bytes("aac", 2.0))
    assert answer.status_code == 400 and answer.json()["error"]["message"].startswith("Invalid file format.")
    assert post(relay, transcription.TRANSCRIBE, {"model": "whisper-1"}, speech_bytes("opus", 2.0)).status_code == 200
