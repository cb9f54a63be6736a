"""Video answered through chat completions (``*-video`` models, ``sora*`` in chat) for the relay test server.

Why this exists: chat-format video models reply with text that a client must scrape - an echoed
parameter block, progress lines, then the clip's link in markdown or an HTML tag
(docs/PROTOCOLS.md#chat-format-media) - and they stream it for minutes. ``server.py``'s chat route hands
these models (``content.is_video_model``) here; the model picks the style of the relay it imitates:

* ``veo*`` (``veo3-video``; the GLIN capture): progress in ``reasoning_content`` (``生成进度: N%``), the
  result an HTML ``<video src='….mp4?Expires=…&Signature=…'>`` in ``content``;
* ``sora*`` (sora-2 chat format): an id line with two external data links, ``> 排队中`` + dots,
  ``>🏃 进度 36..`` figures, then a webp preview and ``[在线播放▶️](….mp4)``;
* ``runway*``: gpt4free-ts's runway reply, a preview picture and ``[在线播放▶️](….mp4)``;
* any other ``*-video`` (``vidu-video``; seed 000): the fenced parameter block (its ``image_url`` is an
  input), ``> 排队中..``, ``> 生成中....``, ``> 生成完成 ✅``, a signed cover JPEG and
  ``[在线播放▶️](….mp4)``; streamed with ``: PING`` comments between the pieces.

The prompt word ``fail`` makes the in-band failure of the style (HTTP 200, no link: ``生成失败: …`` or
``❌ 生成失败: …`` in the reasoning); case ``cut-stream`` drops the connection half-way, before the link.
Clips are ``/files/<slug>-N.mp4`` on this server (a real MP4, flavoured by a ``video-*`` case; veo's are
signed, good for one fetch); previews and covers are never fetched.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from . import content, fixtures, videos

if TYPE_CHECKING:
    from .server import _Ctx, _Handler

VIDU_FAILURE = "upstream error"
VEO_FAILURE = "Flow API request failed: HTTP Error 401"
#: a chat stream's pieces: ("content" | "reasoning", text)
Piece = tuple[str, str]


def _signed(link: str) -> str:
    """The link with an Expires/Signature query like a CDN's presigned URL (the plain route ignores it)."""
    return f"{link}?Expires={int(time.time()) + 3600}&Signature=a%2Bb~c"


def _presigned(clip: str) -> str:
    """A plain ``/files/<name>.mp4`` clip as the server's signed flavour (good for one fetch, like the veo
    relay's storage links); a clip a ``video-*`` case already flavoured stays as it is."""
    base, _, name = clip.rpartition("/files/")
    if "/" in name or "?" in name:
        return clip
    expires = int(time.time()) + 3600
    signature = quote(fixtures.file_signature(name, expires), safe="")
    return f"{base}/files/signed/{name}?Expires={expires}&Signature={signature}"


def _vidu(prompt: str, clip: str, base: str, images: int, failed: bool) -> list[Piece]:
    params: dict[str, Any] = {"prompt": prompt, "enhance": True, "aspect_ratio": "16:9"}
    if images:
        params["image_url"] = f"{base}/files/input-frame.mp4"  # an input: a client must not take it for the clip
    head = f"```\n{json.dumps(params, ensure_ascii=False, indent=2)}\n```\n\n"
    if failed:
        return [("content", head), ("content", "> 排队中."),
                ("content", f"\n生成失败: {VIDU_FAILURE}\nReason:\n```json\n{{\"err_code\":\"AuditFailed\"}}\n```\n")]
    cover = _signed(f"{base}/files/cover.jpeg")
    return [("content", head), ("content", "> 排队中.."), ("content", "\n> 生成中...."),
            ("content", "\n> 生成完成 ✅\n> 视频信息 688x384 `fps: 16`\n\n"),
            ("content", f"![cover]({cover})\n[在线播放▶️]({clip})")]


def _sora(prompt: str, clip: str, base: str, failed: bool) -> list[Piece]:
    task = "task_01k7testvideo"
    head = (f"\n\n> ID: `{task}`\n>[数据预览](https://asyncdata.net/web/{task}) | "
            f"[原始数据](https://asyncdata.net/source/{task})\n> 排队中")
    if failed:
        return [("content", head), ("content", "."), ("content", f"\n> 生成失败: {VIDU_FAILURE}")]
    preview = f"{base}/files/preview.webp"
    pieces = [head, ".", "\n> 生成中", "\n\n>🏃 进度 36..", "44..", "61..", "81..",
              f"\n\n> 生成完成 ✅\n> sid: s_68ec0test\n\n![{preview}]({preview})\n[在线播放▶️]({clip})"]
    return [("content", piece) for piece in pieces]


def _runway(prompt: str, clip: str, base: str, failed: bool) -> list[Piece]:
    if failed:
        return [("content", "\n\n> 排队中."), ("content", "\n> 生成失败")]
    preview = f"{base}/files/runway-preview.jpg"
    return [("content", "\n\n> 排队中"), ("content", ".."), ("content", "\n> 生成中"), ("content", "..."),
            ("content", "\n> 生成完成 ✅"),
            ("content", f"\n> 视频信息 1280x768 24fps\n\n![{preview}]({preview})\n[在线播放▶️]({clip})")]


def _veo(prompt: str, clip: str, failed: bool) -> list[Piece]:
    pieces: list[Piece] = [("reasoning", "✨ 视频生成任务已启动\n")]
    if failed:
        return [*pieces, ("reasoning", f"❌ 生成失败: {VEO_FAILURE}\n")]
    pieces += [("reasoning", "视频生成中...\n")]
    pieces += [("reasoning", f"生成进度: {n}%\n") for n in (0, 36, 72, 100)]
    pieces.append(("content", f"<video src='{_presigned(clip)}' controls style='max-width:100%'></video>"))
    return pieces


def pieces_for(model: str, prompt: str, clip: str, base: str, *, images: int, failed: bool) -> list[Piece]:
    name = model.lower()
    if name.startswith("veo"):
        return _veo(prompt, clip, failed)
    if name.startswith("sora"):
        return _sora(prompt, clip, base, failed)
    if name.startswith("runway"):
        return _runway(prompt, clip, base, failed)
    return _vidu(prompt, clip, base, images, failed)


def _events(model: str, pieces: list[Piece], *, include_usage: bool, pings: bool) -> list[bytes]:
    events = [fixtures.sse_data(fixtures.chat_chunk(model, {"role": "assistant", "content": ""}))]
    for field, text in pieces:
        delta = {"content": text} if field == "content" else {"reasoning_content": text}
        if pings:
            events.append(fixtures.PING_COMMENT)
        events.append(fixtures.sse_data(fixtures.chat_chunk(model, delta)))
    events.append(fixtures.sse_data(fixtures.chat_chunk(model, {}, "stop")))
    if include_usage:
        events.append(fixtures.sse_data(fixtures.chat_usage_chunk(model, len(pieces))))
    events.append(fixtures.DONE)
    return events


def reply(h: _Handler, ctx: _Ctx, *, wants_stream: bool, include_usage: bool) -> None:
    """Answer a chat completion of a chat-format video model."""
    from .server import stream_style  # the server imports this module: its helpers are read at call time

    try:
        prompt, images, _files = content.chat_input(ctx.data["messages"])
    except content.BadAttachment as exc:
        return h.send_json(400, fixtures.invalid_request(f"invalid image data: {exc}"))
    failed = content.mentions(prompt, "fail")
    clip = videos.clip_maker(h, ctx, prompt)()
    pieces = pieces_for(ctx.model, prompt, clip, ctx.base_url, images=images, failed=failed)
    if not wants_stream:
        text = "".join(t for f, t in pieces if f == "content")
        reasoning = "".join(t for f, t in pieces if f == "reasoning") or None
        return h.send_json(200, fixtures.chat_completion(ctx.model, text, reasoning=reasoning))
    vidu_like = not ctx.model.lower().startswith(("veo", "sora", "runway"))
    events = _events(ctx.model, pieces, include_usage=include_usage, pings=vidu_like)
    if ctx.has("cut-stream"):  # the link never arrives: cut while the progress lines stream
        events = events[: len(events) // 2]
    h.send_stream(events, stream_style(ctx))
