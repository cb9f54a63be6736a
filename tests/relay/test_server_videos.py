"""The relay test server's OpenAI-style video routes (tests/relay/videos.py, video_generations.py,
custom_video.py) with a plain HTTP client: the lifecycles by query count, the refusals, and the
`/content` file that needs the key."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from PIL import Image

from tests.relay import VALID_KEY, RelayServer
from tests.support.media import mp4_bytes


@pytest.fixture
def relay() -> Iterator[RelayServer]:
    with RelayServer() as server:  # a fresh server: ids start at 1
        yield server


@pytest.fixture
def http(relay: RelayServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=relay.url, headers={"Authorization": f"Bearer {VALID_KEY}"}) as client:
        yield client


def png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (1, 2, 3)).save(out, "PNG")
    return out.getvalue()


def statuses(http: httpx.Client, path: str, count: int) -> list[Any]:
    return [http.get(path).json() for _ in range(count)]


# -- /v1/videos ------------------------------------------------------------------------------------


def test_a_video_walks_queued_in_progress_completed_and_serves_its_file(http: httpx.Client,
                                                                       relay: RelayServer) -> None:
    created = http.post("/v1/videos", json={"model": "sora-2", "prompt": "cat", "seconds": "4", "size": "720x1280"})
    assert created.status_code == 200
    video = created.json()
    assert {k: video[k] for k in ("id", "task_id", "object", "model", "status", "progress")} == {
        "id": "video-1", "task_id": "video-1", "object": "video", "model": "sora-2", "status": "queued", "progress": 0}
    early = http.get("/v1/videos/video-1/content")
    assert early.status_code == 400
    assert early.json()["error"]["message"] == "Task is not completed yet, current status: QUEUED"
    answers = [http.get("/v1/videos/video-1") for _ in range(4)]
    assert [(a.json()["status"], a.json()["progress"]) for a in answers] == [
        ("queued", 0), ("in_progress", 33), ("in_progress", 66), ("completed", 100)]
    assert [a.headers.get("openai-poll-after-ms") for a in answers] == ["500", "500", "500", None]
    done = answers[-1].json()
    assert done["completed_at"] > done["created_at"] and "metadata" not in done and "url" not in done
    assert httpx.get(relay.url + "/v1/videos/video-1/content").status_code == 401  # the key is required
    whole = http.get("/v1/videos/video-1/content")
    assert (whole.status_code, whole.headers["content-type"], whole.content) == (200, "video/mp4", mp4_bytes())
    rest = http.get("/v1/videos/video-1/content", headers={"Range": "bytes=100-"})
    assert rest.status_code == 206 and rest.content == mp4_bytes()[100:]


def test_an_unfinished_video_tells_its_status_and_an_unknown_id_is_not_found(http: httpx.Client) -> None:
    http.post("/v1/videos", json={"model": "sora-2", "prompt": "cat"})
    statuses(http, "/v1/videos/video-1", 2)
    assert http.get("/v1/videos/video-1/content").json()["error"]["message"] == \
        "Task is not completed yet, current status: IN_PROGRESS"
    for path in ("/v1/videos/nope", "/v1/videos/nope/content"):
        missing = http.get(path)
        assert missing.status_code == 404 and missing.json()["error"]["message"] == "Task not found"
    assert http.post("/v1/videos/video-1/remix", json={"prompt": "night"}).status_code == 400  # not finished


def test_a_failing_prompt_ends_failed_with_a_reason(http: httpx.Client) -> None:
    http.post("/v1/videos", json={"model": "sora-2", "prompt": "this will fail"})
    last = statuses(http, "/v1/videos/video-1", 4)[-1]
    assert last["status"] == "failed" and last["error"] == {
        "code": "moderation_blocked", "message": "Your request was blocked by our moderation system"}


def test_the_relays_checks_on_a_create(http: httpx.Client) -> None:
    def refused(body: Any = None, **kwargs: Any) -> str:
        answer = http.post("/v1/videos", json=body, **kwargs) if body is not None else http.post("/v1/videos",
                                                                                                  **kwargs)
        assert answer.status_code == 400, answer.text
        message: str = answer.json()["error"]["message"]
        return message

    assert refused({"prompt": "cat"}) == "model is required"
    assert refused({"model": "sora-2", "prompt": " "}) == "prompt is required"
    assert refused({"model": "sora-2", "prompt": "cat", "size": "1792x1024"}).startswith("invalid_size")
    assert refused({"model": "sora-2", "prompt": "cat", "seconds": "5"}) == "seconds must be one of 4, 8, 12"
    form = {"model": "sora-2", "prompt": "cat", "size": "1280x720"}
    wrong = refused(data=form, files={"input_reference": ("a.png", png((100, 100)), "image/png")})
    assert wrong.startswith("Inpaint image must match the requested width and height")
    text = refused(data=form, files={"input_reference": ("a.png", b"not a picture", "image/png")})
    assert text == "input_reference is not a valid image"
    fits = http.post("/v1/videos", data=form, files={"input_reference": ("a.png", png((1280, 720)), "image/png")})
    assert fits.status_code == 200
    assert http.post("/v1/videos", json={"model": "sora-2-pro", "prompt": "cat", "size": "1792x1024"}).is_success


def test_a_remix_makes_a_new_video_from_a_completed_one(http: httpx.Client) -> None:
    http.post("/v1/videos", json={"model": "sora-2", "prompt": "cat"})
    statuses(http, "/v1/videos/video-1", 4)
    remix = http.post("/v1/videos/video-1/remix", json={"prompt": "make it night"}).json()
    assert (remix["id"], remix["status"], remix["remixed_from_video_id"]) == ("video-2", "queued", "video-1")
    assert http.post("/v1/videos/video-1/remix", json={}).status_code == 400
    assert http.post("/v1/videos/nope/remix", json={"prompt": "x"}).status_code == 404


@pytest.mark.parametrize(("case", "where"), [
    ("videos-url", "url"), ("videos-video-url", "video_url"), ("videos-metadata-url", "metadata")])
def test_cases_add_a_direct_link_to_the_completed_object(http: httpx.Client, relay: RelayServer, case: str,
                                                         where: str) -> None:
    headers = {"X-Test-Case": case}
    http.post("/v1/videos", json={"model": "sora-2", "prompt": "cat"}, headers=headers)
    done = statuses(http, "/v1/videos/video-1", 4)[-1]
    link = done["metadata"]["url"] if where == "metadata" else done[where]
    assert link.startswith(relay.url + "/files/cat-") and link.endswith(".mp4")
    assert httpx.get(link).content == mp4_bytes()


def test_unknown_states_and_an_empty_submit_status(http: httpx.Client) -> None:
    headers = {"X-Test-Case": "videos-unknown-2,videos-empty-status"}
    assert http.post("/v1/videos", json={"model": "sora-2", "prompt": "cat"}, headers=headers).json()["status"] == ""
    seen = [v["status"] for v in statuses(http, "/v1/videos/video-1", 6)]
    assert seen == ["queued", "unknown", "unknown", "in_progress", "in_progress", "completed"]


def test_the_platform_form_has_string_times_and_detail(http: httpx.Client) -> None:
    created = http.post("/veo/v1/videos", json={"model": "veo3", "prompt": "x",
                                                "input_reference": "https://example.com/a.png"}).json()
    assert (created["id"], created["created_at"]) == ("pv-1", str(int(created["created_at"])))
    got = http.get("/veo/v1/videos/pv-1", params={"detail": "true"}).json()
    assert got["detail"] == {"platform": "veo", "state": "QUEUED"} and isinstance(got["created_at"], str)
    assert http.post("/veo/v1/videos", json={"prompt": "x"}).status_code == 400  # the model is required
    statuses(http, "/veo/v1/videos/pv-1", 3)
    assert http.get("/veo/v1/videos/pv-1/content").content == mp4_bytes()
    assert http.post("/veo/v1/videos/pv-1/remix", json={"prompt": "y"}).status_code == 400  # model required too
    assert http.post("/veo/v1/videos/pv-1/remix", json={"prompt": "y", "model": "veo3"}).json()["id"] == "pv-2"



# -- /v1/video/generations -------------------------------------------------------------------------


def test_a_generic_task_walks_submitted_in_progress_success(http: httpx.Client, relay: RelayServer) -> None:
    submitted = http.post("/v1/video/generations", json={"model": "kling-v1", "prompt": "a dog", "duration": 5})
    assert submitted.json() == {"id": "vid-1", "task_id": "vid-1", "object": "video", "model": "kling-v1",
                                "status": "", "progress": 0, "created_at": submitted.json()["created_at"]}
    answers = statuses(http, "/v1/video/generations/vid-1", 3)
    assert {a["code"] for a in answers} == {"success"}
    assert [(a["data"]["status"], a["data"]["progress"]) for a in answers] == [
        ("SUBMITTED", "10%"), ("IN_PROGRESS", "30%"), ("SUCCESS", "100%")]
    done = answers[-1]["data"]
    assert done["result_url"].startswith(relay.url + "/files/a-dog-") and done["fail_reason"] == ""
    assert done["data"]["data"]["task_result"]["videos"][0]["url"] == done["result_url"]
    missing = http.get("/v1/video/generations/nope")
    assert (missing.status_code, missing.json()["code"]) == (400, "task_not_exist")


def test_an_older_build_keeps_the_link_in_fail_reason_and_gemini_answers_simply(http: httpx.Client) -> None:
    http.post("/v1/video/generations", json={"model": "kling-v1", "prompt": "a dog"}, headers={"X-Test-Case": "vg-old"})
    old = statuses(http, "/v1/video/generations/vid-1", 3)[-1]["data"]
    assert "result_url" not in old and old["fail_reason"].endswith(".mp4")
    http.post("/v1/video/generations", json={"model": "veo-3", "prompt": "a dog"})
    gemini = [a["data"] for a in statuses(http, "/v1/video/generations/vid-2", 3)]
    assert [g["status"] for g in gemini] == ["queued", "processing", "succeeded"]
    assert gemini[-1]["url"].endswith(".mp4") and gemini[-1]["format"] == "mp4" and gemini[-1]["error"] is None
    http.post("/v1/video/generations", json={"model": "veo-3", "prompt": "will fail"})
    assert statuses(http, "/v1/video/generations/vid-3", 3)[-1]["data"]["error"]["message"].startswith("upstream")


@pytest.mark.parametrize(("body", "message"), [
    ({"prompt": "a dog"}, "model is required"),
    ({"model": "m", "prompt": "a dog", "image": "data:image/png;base64,bm90IGEgcGljdHVyZQ=="},
     "image is not a valid image"),
    ({"model": "m", "prompt": "a dog", "duration": "5"}, "duration must be a positive integer"),
    ({"model": "m", "prompt": "a dog", "seconds": 5}, "seconds must be a string of digits"),
    ({"model": "m", "prompt": "a dog", "metadata": [1]}, "metadata must be an object"),
])
def test_the_generic_route_refuses_what_new_api_refuses(http: httpx.Client, body: Any, message: str) -> None:
    refused = http.post("/v1/video/generations", json=body)
    assert refused.status_code == 400 and refused.json()["error"]["message"].startswith(message)


# -- custom_video ------------------------------------------------------------------------------------


def test_a_custom_video_task_walks_queued_in_progress_success(http: httpx.Client, relay: RelayServer) -> None:
    assert http.post("/custom_video/model/veo-2", json={"prompt": "a cat"}).json() == {
        "id": "cv-1", "model": "veo-2", "status": "SUBMITTED"}
    answers = statuses(http, "/custom_video/fetch/cv-1", 3)
    assert [a["status"] for a in answers] == ["QUEUED", "IN_PROGRESS", "SUCCESS"]
    assert answers[-1]["error"] == "" and answers[-1]["output"].startswith(relay.url + "/files/a-cat-")
    http.post("/custom_video/model/veo-2", json={"prompt": "will fail"})
    failed = statuses(http, "/custom_video/fetch/cv-2", 3)[-1]
    assert (failed["status"], failed["error"], failed["output"]) == ("FAILURE", "the model could not make this video",
                                                                     "")
    assert http.post("/custom_video/model/veo-2", json={}).status_code == 400
    assert http.get("/custom_video/fetch/nope").status_code == 404
    missing = http.post("/api/custom_video/model/veo-2", json={"prompt": "x"})  # a relay without the route
    assert missing.status_code == 404 and missing.json()["error"]["message"].startswith("Invalid URL")


# -- video through chat completions ------------------------------------------------------------------


def chat(http: httpx.Client, model: str, prompt: str, *, stream: bool) -> httpx.Response:
    return http.post("/v1/chat/completions", json={"model": model, "stream": stream,
                                                   "messages": [{"role": "user", "content": prompt}]})


def test_a_vidu_chat_reply_carries_a_cover_and_the_clip(http: httpx.Client, relay: RelayServer) -> None:
    reply = chat(http, "vidu-video", "熊猫从小吃到大", stream=False).json()
    text = reply["choices"][0]["message"]["content"]
    assert text.startswith("```\n{") and "> 排队中..\n> 生成中....\n> 生成完成 ✅" in text
    assert "![cover](" + relay.url + "/files/cover.jpeg?Expires=" in text
    assert "[在线播放▶️](" + relay.url + "/files/" in text and text.endswith(".mp4)")
    streamed = chat(http, "vidu-video", "熊猫", stream=True).text
    assert streamed.count(": PING") >= 4 and streamed.rstrip().endswith("data: [DONE]")
    assert "在线播放" in streamed


def test_a_veo_chat_stream_reports_progress_in_reasoning_and_ends_with_a_video_tag(http: httpx.Client) -> None:
    streamed = chat(http, "veo3-video", "a fox", stream=True).text
    assert '"reasoning_content":"生成进度: 36%\\n"' in streamed
    assert "<video src='" in streamed and "Expires=" in streamed and '"choices":[]' in streamed
    failed = chat(http, "veo3-video", "will fail", stream=True).text
    assert "❌ 生成失败: Flow API request failed: HTTP Error 401" in failed and ".mp4" not in failed
    plain = chat(http, "veo3-video", "a fox", stream=False).json()["choices"][0]["message"]
    assert "生成进度: 100%" in plain["reasoning_content"] and plain["content"].startswith("<video src='")


def test_a_sora_chat_stream_counts_its_progress_in_dots(http: httpx.Client) -> None:
    streamed = chat(http, "sora-2", "a fox", stream=True).text
    assert '"content":"\\n\\n>🏃 进度 36.."' in streamed and '"content":"81.."' in streamed
    assert "asyncdata.net/web/" in streamed and "[在线播放▶️](" in streamed


def test_a_cut_chat_video_stream_never_reaches_the_link(http: httpx.Client) -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        http.post("/v1/chat/completions", headers={"X-Test-Case": "cut-stream"},
                  json={"model": "vidu-video", "stream": True, "messages": [{"role": "user", "content": "x"}]})
