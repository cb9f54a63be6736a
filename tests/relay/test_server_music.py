"""Self-tests of the relay test server's Udio tasks (tests/relay/udio.py) and Suno chat answers
(tests/relay/suno_chat.py) with the standard library's HTTP client only.

Why this exists: the Udio and Suno-chat job tests lean on these lifecycles (songs finishing one query apart,
the nesting one client reads, the missing route) and on the streamed answer's shape and real files;
pinning them here keeps a server change from silently weakening those tests.
"""

from __future__ import annotations

import http.client
import io
import json
import re
from typing import Any

import pytest

from tests.relay import RelayServer, suno_chat, udio
from tests.relay.test_server import call, chat_body, fetch, stream_text


def _submit(relay: RelayServer, params: dict[str, Any], case: str = "") -> str:
    status, _, raw = fetch(relay, "POST", f"{case}{udio.SUBMIT}", {"gen_params": params})
    answer = json.loads(raw)
    assert status == 200 and answer["code"] == "success" and answer["message"] == "", answer
    return str(answer["data"])


def _query(relay: RelayServer, task_id: str, case: str = "") -> dict[str, Any]:
    status, _, raw = fetch(relay, "GET", f"{case}/udio/fetch/{task_id}")
    assert status == 200
    return json.loads(raw)["data"]  # type: ignore[no-any-return]


def _real(relay: RelayServer, link: str, kind: str) -> None:
    import av
    from PIL import Image

    path = link.split(f"127.0.0.1:{relay.port}", 1)[1]
    status, _, body = fetch(relay, "GET", path)
    assert status == 200
    if kind == "image":
        with Image.open(io.BytesIO(body)) as image:
            image.load()
    else:
        with av.open(io.BytesIO(body)) as container:
            assert next(container.demux()) is not None


def test_udio_songs_finish_one_query_apart_with_real_files(relay: RelayServer) -> None:
    task_id = _submit(relay, {"prompt": "night jazz", "lyrics_type": "generate"})
    first = _query(relay, task_id)
    assert (first["status"], first["progress"], first["songs"]) == ("IN_PROGRESS", "40%", [])
    second = _query(relay, task_id)
    assert second["status"] == "IN_PROGRESS" and [s["finished"] for s in second["songs"]] == [True, False]
    third = _query(relay, task_id)
    assert (third["status"], third["progress"]) == ("SUCCESS", "100%")
    song = third["songs"][0]
    assert song == {**second["songs"][0]}  # a finished song's links never change
    assert isinstance(song["tags"], list) and song["duration"] == udio.DURATION
    for key, kind in (("song_path", "audio"), ("image_path", "image"), ("video_path", "video")):
        _real(relay, song[key], kind)
    assert udio.task(relay, task_id)["queries"] == 3


def test_udio_nesting_failures_and_refusals(relay: RelayServer) -> None:
    nested = _submit(relay, {"prompt": "jazz", "lyrics_type": "instrumental"}, "/case/udio-nested")
    _query(relay, nested, "/case/udio-nested")
    inner = _query(relay, nested, "/case/udio-nested")
    assert "songs" not in inner and inner["data"]["songs"][0]["finished"] is True
    failing = _submit(relay, {"prompt": "this will fail", "lyrics_type": "generate"})
    _query(relay, failing)
    assert (_query(relay, failing)["status"], _query(relay, failing)["fail_reason"]) == ("ERROR", udio.FAIL_REASON)
    for params in ({"prompt": " ", "lyrics_type": "generate"}, {"prompt": "x", "lyrics_type": "rap"},
                   {"prompt": "x", "lyrics_type": "user"}, {"prompt": "x", "lyrics_type": "generate", "lyrics": "la"}):
        status, _, raw = fetch(relay, "POST", udio.SUBMIT, {"gen_params": params})
        assert status == 400 and json.loads(raw)["code"] == "invalid_request", params
    status, _, raw = fetch(relay, "GET", "/udio/fetch/nope")
    assert status == 400 and json.loads(raw)["code"] == "task_not_exist"
    status, _, raw = fetch(relay, "POST", f"/case/no-udio-route{udio.SUBMIT}", {"gen_params": {}})
    assert status == 404 and "Invalid URL" in json.loads(raw)["error"]["message"]


def test_a_suno_chat_answer_streams_ticks_then_two_clips_with_real_files(relay: RelayServer) -> None:
    status, headers, raw = fetch(relay, "POST", "/v1/chat/completions",
                                 chat_body("a song about the sea", model="suno-v3.5", stream=True))
    assert status == 200 and headers["content-type"].startswith("text/event-stream")
    text = stream_text(raw)
    assert text.startswith(suno_chat.INTRO) and text.count(suno_chat.TICK) >= 4  # three ticks and the title's
    assert f"歌曲名：{suno_chat.TITLE}" in text and suno_chat.LYRICS in text
    links = re.findall(r"\[(封面|点击听歌|点击观看)\]\((\S+?)\)", text)
    assert [label for label, _ in links] == ["封面", "点击听歌", "点击观看"] * 2
    for label, link in links:
        _real(relay, link, {"封面": "image", "点击听歌": "audio", "点击观看": "video"}[label])
    assert raw.rstrip().endswith(b"data: [DONE]")


@pytest.mark.parametrize(("prompt", "present", "absent"), [
    ("this will fail", f"生成失败: {suno_chat.FAILURE}", "点击听歌"),
    ("a timeout please", "\ntimeout", "点击听歌"),
    ("nolink at all", "歌曲名", "http"),
    ("only half of it", "点击听歌", "点击观看](http://127.0.0.1"),
])
def test_a_suno_chat_answer_without_a_whole_song(relay: RelayServer, prompt: str, present: str, absent: str) -> None:
    _, _, raw = fetch(relay, "POST", "/v1/chat/completions", chat_body(prompt, model="chirp-v3-5", stream=True))
    text = stream_text(raw)
    assert present in text
    if prompt.startswith("only half"):
        assert text.count("点击听歌") == 2 and text.count("点击观看") == 1 and not text.endswith(")")
    else:
        assert absent not in text


def test_a_suno_chat_answer_cut_or_missing(relay: RelayServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", relay.port, timeout=5)
    try:
        with pytest.raises(http.client.IncompleteRead) as info:  # the connection drops mid-answer
            call(conn, "POST", "/case/cut-stream/v1/chat/completions",
                 chat_body("a song about the sea", model="suno-v3.5", stream=True))
    finally:
        conn.close()
    partial = b"".join(re.findall(rb"(?m)^data: .*\n", info.value.partial))
    assert b"[DONE]" not in partial and stream_text(partial).count("点击听歌") == 1
    status, _, raw = fetch(relay, "POST", "/case/no-chat-route/v1/chat/completions",
                           chat_body("a song", model="suno-v3.5", stream=True))
    assert status == 404
    status, _, raw = fetch(relay, "POST", "/v1/chat/completions", chat_body("a song about the sea", model="suno-v3"))
    assert status == 200 and "点击听歌" in json.loads(raw)["choices"][0]["message"]["content"]
