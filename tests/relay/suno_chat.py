"""Suno songs answered through chat completions (``suno-v3``, ``suno-v3.5``, ``chirp-*`` in chat) for the relay
test server.

Why this exists: Suno-API's chat route streams its song as text - a first line, a ``🎵`` tick every few
seconds, then one markdown block with the title, model, lyrics and per clip its id, duration, style,
cover, audio and video links - and a client must scrape it (docs/PROTOCOLS.md#suno-through-chat).
``server.py``'s chat route hands these models (``is_song_model``) here. Two clips, each a real MP3, a PNG
cover and an MP4 under ``/files/``.

Prompt words: ``fail`` (an in-band ``生成失败: …`` and no link), ``timeout`` (the answer is ``timeout``,
as Suno-API gives up), ``nolink`` (the block without any clip link), ``half`` (the answer ends inside the
second clip's audio link, then ``[DONE]``), ``bare`` (bare URLs after labels instead of markdown),
``html`` (``<img>`` / ``<audio>`` / ``<video>`` tags), ``long`` (twenty ticks, a slower answer under
``slow-stream``). Cases: ``cut-stream`` drops the connection right after the first clip's links (with
``early`` in the prompt: before any link); ``no-chat-route`` answers new-api's 404 ``Invalid URL``;
``plain-answer`` answers one JSON completion even to a streamed request (as some relays do).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import content, fixtures

if TYPE_CHECKING:
    from .server import _Ctx, _Handler

ROUTE = "/v1/chat/completions"
INTRO = "请求成功，正在生成歌曲，请稍等片刻...\n"
TICK = "🎵"
TITLE = "Sea Breeze"
TAGS = "pop, ocean"
LYRICS = "[Verse]\nWaves roll in\n[Chorus]\nSing with the sea"
FAILURE = "Suno account quota exhausted"
DURATION = 0.5  # the length of tests.support.media.mp3_bytes()


def is_song_model(model: str) -> bool:
    """Suno's chat models: ``suno-v3``, ``suno-v3.5``, ``chirp-*`` (not the task route's ``suno_music``)."""
    name = model.lower()
    return name.startswith(("suno-v", "chirp-"))


def clip_ids(number: int) -> list[str]:
    return [f"chat-clip-{number}-1", f"chat-clip-{number}-2"]


def _clip(index: int, clip_id: str, links: dict[str, str], style: str) -> str:
    head = f"\n---\n**版本 {index}**\nID：{clip_id}\n时长：{DURATION} 秒\n风格：{TAGS}\n"
    if style == "bare":
        return head + f"封面 {links['image']}\n音频 {links['audio']}\n视频 {links['video']}\n"
    if style == "html":
        return head + (f"<img src='{links['image']}'>\n<audio src=\"{links['audio']}\" controls></audio>\n"
                       f"<video src='{links['video']}' controls></video>\n")
    return head + f"![封面]({links['image']})\n[点击听歌]({links['audio']})\n[点击观看]({links['video']})\n"


def pieces_for(model: str, prompt: str, files: str, next_number: Any) -> tuple[list[str], int]:
    """The answer's content pieces, and the index of the piece after which the first clip is complete."""
    ticks = [TICK] * (20 if content.mentions(prompt, "long") else 3)
    pieces = [INTRO, *ticks]
    if content.mentions(prompt, "fail"):
        return [*pieces, f"\n生成失败: {FAILURE}\n"], len(pieces)
    if content.mentions(prompt, "timeout"):
        return [*pieces, "\ntimeout"], len(pieces)
    head = f"\n\n###{TICK} 歌曲名：{TITLE}\n\n**模型**：{model}\n\n**歌词**：\n{LYRICS}\n"
    if content.mentions(prompt, "nolink"):
        return [*pieces, head + "\n歌曲生成完成\n"], len(pieces)
    style = "bare" if content.mentions(prompt, "bare") else "html" if content.mentions(prompt, "html") else "md"
    slug = fixtures.slug(prompt or "song")
    number = next_number()
    clips = []
    for index, clip_id in enumerate(clip_ids(number), 1):
        links = {kind: f"{files}/{slug}-{next_number()}.{ext}"
                 for kind, ext in (("image", "png"), ("audio", "mp3"), ("video", "mp4"))}
        clips.append(_clip(index, clip_id, links, style))
    if content.mentions(prompt, "half"):
        second = clips[1]
        clips[1] = second[: second.index(".mp3") - 2]  # the answer stops inside the audio link's address
    return [*pieces, head, clips[0], clips[1]], len(pieces) + 2


def reply(h: _Handler, ctx: _Ctx, *, wants_stream: bool, include_usage: bool) -> None:
    """Answer a chat completion of a Suno chat model."""
    from .server import stream_style  # the server imports this module: its helpers are read at call time

    if ctx.has("no-chat-route"):
        return h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
    try:
        prompt = content.chat_prompt(ctx.data["messages"])
    except content.BadAttachment as exc:
        return h.send_json(400, fixtures.invalid_request(f"invalid message: {exc}"))
    pieces, first_clip_done = pieces_for(ctx.model, prompt, f"{ctx.base_url}/files", h.server.relay.next_file_number)
    if not wants_stream or ctx.has("plain-answer"):  # some relays ignore `stream: true`
        return h.send_json(200, fixtures.chat_completion(ctx.model, "".join(pieces)))
    events = fixtures.chat_pieces_events(ctx.model, pieces, include_usage=include_usage)
    if ctx.has("cut-stream"):  # events[0] is the role chunk, so piece i is events[i + 1]
        keep = 2 if content.mentions(prompt, "early") else first_clip_done + 1
        events = events[:keep]
    h.send_stream(events, stream_style(ctx))
