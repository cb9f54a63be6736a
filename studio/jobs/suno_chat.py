"""Suno songs through chat completions as jobs (docs/PROTOCOLS.md#suno-through-chat).

The song is the answer to one streamed chat completion: there is no task id and nothing to poll, so the
job is answered in its submit, like the chat-format image and video families (studio/jobs/images.py).
The runner commits `submitting` before the request leaves and never sends it again by itself: a stream
that breaks before any song link came, or a process that dies while the answer streams, leaves the job
`unknown` (the relay may have charged for it; the user chooses "submit again" or "discard"). A stream
that breaks after some songs were given keeps those songs (they were paid for) and says so in the job's
metadata (`answer_cut`). Each song is an audio result with its cover and video after it, the audio carrying
the song's title, tags, lyrics, duration and clip id in `Result.meta`, the cover and video the clip id and
their `role` (`clip_result_meta`); the job's metadata has
the same `clips` / `clip_ids` as a Suno task job, and the answer's text as `reply`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studio.api.chatmedia import progress_of
from studio.api.chattypes import ChatMessage, ChatRequest, ChatStreamState
from studio.api.errors import NetworkError, NoRoute, NotFound, RouteWebPage, StreamInterrupted, WebPageAnswer
from studio.api.suno_chat import ChatClip, SongReply, parse_reply
from studio.errors import error_info
from studio.jobs.handlers import FamilyHandler, Outcome, Reporter, Result, clip_result_meta

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job

ROUTE = "/v1/chat/completions"
_KEEP_REPLY = 4000  # characters of the answer kept on the job
#: the tick Suno-API sends every few seconds while the song is made
_TICK = "🎵"


class SunoChatHandler(FamilyHandler):
    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = ChatRequest(model=job.model, messages=[ChatMessage("user", job.prompt)])
        state = ChatStreamState()
        ticks = 0
        try:
            async for chunk in client.chat.stream(request):
                state.feed(chunk)
                if _TICK in chunk.content or "\n" in chunk.content:
                    ticks += chunk.content.count(_TICK)
                    report(progress_of(state.reasoning + state.text), _note(state.text, ticks))
        except NotFound as exc:
            raise NoRoute(ROUTE, exc, service="Suno chat", category=f"The relay has no chat completions route "
                          f"(POST {ROUTE}) to ask Suno through") from None
        except WebPageAnswer:
            raise RouteWebPage(ROUTE, service="Suno chat", lacks="chat route to ask Suno through") from None
        except (StreamInterrupted, NetworkError) as exc:
            reply = parse_reply(state.text, state.reasoning)
            if not reply.songs:
                if isinstance(exc, NetworkError):
                    raise
                raise NetworkError("The relay's answer stopped before it gave a song link.", reason="broken") from None
            outcome = outcome_of(reply, state.text)
            outcome.metadata["answer_cut"] = True
            return outcome
        return outcome_of(parse_reply(state.text, state.reasoning), state.text)


def _note(text: str, ticks: int) -> str:
    lines = [line.strip(" >\t") for line in text.replace(_TICK, "").splitlines() if line.strip(" >\t")]
    note = lines[-1][:200] if lines else ""
    return f"{note} {_TICK * min(ticks, 20)}".strip()


def clip_meta(reply: SongReply, clip: ChatClip) -> dict[str, Any]:
    return {"title": reply.title, "tags": clip.tags, "lyrics": reply.lyrics, "duration": clip.duration,
            "clip_id": clip.clip_id}


def outcome_of(reply: SongReply, text: str) -> Outcome:
    """The job's end from the answer: its songs, or one sentence saying why there is none."""
    songs = reply.songs
    metadata: dict[str, Any] = {"reply": text[-_KEEP_REPLY:]}
    if not songs:
        reason = reply.failure or "the answer contains no song link"
        return Outcome(phase="failed", error=f"The relay did not return a song: {reason}.", metadata=metadata,
                       error_detail=error_info("task.no-result", reason=reason))
    results: list[Result] = []
    clip_ids: list[str] = []
    for clip in songs:
        meta = clip_meta(reply, clip)
        for url, kind in ((clip.audio_url, "audio"), (clip.image_url, "image"), (clip.video_url, "video")):
            if url:
                results.append(Result(url=url, kind=kind, meta=clip_result_meta(kind, meta)))
                clip_ids.append(clip.clip_id)
    metadata["clips"] = [{"id": c.clip_id, "status": "complete", "title": reply.title, "tags": c.tags,
                          "lyrics": reply.lyrics, "duration": c.duration, "model_name": "", "error": ""}
                         for c in songs]
    metadata["clip_ids"] = clip_ids
    if reply.title:
        metadata["label"] = reply.title
    if reply.cut_links:
        metadata["answer_cut"] = True
    return Outcome(phase="succeeded", progress=100.0, results=results, metadata=metadata)
