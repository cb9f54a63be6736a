"""Self-tests of the relay test server's speech route (tests/relay/speech.py) with the standard library's
HTTP client only: real audio in every format, OpenAI's refusals, the counted and the failing cases.

Why this exists: the speech job tests lean on these answers (a duration that tells the characters spoken,
a 400 over 4,096 characters); pinning them here keeps a server change from silently weakening them.
"""

from __future__ import annotations

import io
import json

import pytest

from tests.relay import RelayServer, speech
from tests.relay.test_server import fetch


@pytest.mark.parametrize("fmt", sorted(speech.CONTENT_TYPES))
def test_every_format_is_real_audio_of_its_type(relay: RelayServer, fmt: str) -> None:
    import av

    status, headers, body = fetch(relay, "POST", speech.ROUTE, {"model": "tts-1", "input": "x" * 2000,
                                                                  "voice": "alloy", "response_format": fmt})
    assert status == 200 and headers["content-type"] == speech.CONTENT_TYPES[fmt]
    with av.open(io.BytesIO(body)) as container:
        frames = list(container.decode(audio=0))
    seconds = sum(f.samples for f in frames) / frames[0].sample_rate
    assert seconds == pytest.approx(2.0, abs=0.15)


@pytest.mark.parametrize(("body", "param"), [
    ({"model": "tts-1", "input": "x" * 4097, "voice": "alloy"}, "input"),
    ({"model": "tts-1", "input": "hi"}, "voice"),
    ({"model": "tts-1", "input": "hi", "voice": "alloy", "response_format": "ogg"}, "response_format"),
    ({"model": "tts-1", "input": "hi", "voice": "alloy", "speed": 5}, "speed"),
])
def test_what_openai_refuses_is_a_400_in_its_error_shape(relay: RelayServer, body: dict[str, object],
                                                          param: str) -> None:
    status, _, raw = fetch(relay, "POST", speech.ROUTE, body)
    error = json.loads(raw)["error"]
    assert status == 400 and error["type"] == "invalid_request_error" and error["param"] == param
    assert error["message"]


def test_refuse_once_and_the_missing_route(relay: RelayServer) -> None:
    body = {"model": "tts-1", "input": f"a {speech.REFUSE_ONCE} b", "voice": "alloy"}
    assert [fetch(relay, "POST", speech.ROUTE, body)[0] for _ in range(2)] == [400, 200]
    assert speech.sent(relay) == [body["input"]] * 2
    status, _, raw = fetch(relay, "POST", f"/case/no-speech-route{speech.ROUTE}", body)
    assert status == 404 and "Invalid URL" in json.loads(raw)["error"]["message"]
