"""Suno songs and lyrics through the task routes new-api and Suno-API serve (docs/PROTOCOLS.md#suno).

`POST /suno/submit/music` starts a song task (two clips as a rule) and `POST /suno/submit/lyrics` a
lyrics task; both answer `{"code": "success", "message": "", "data": "<task id>"}`. `GET
/suno/fetch/{id}` asks about one task and `POST /suno/fetch {"ids": [...]}` about several at once. A
task is new-api's envelope around `{"task_id", "action", "status", "fail_reason", "progress", "data"}`
where `data` holds the clips (or, for lyrics, `{"id", "title", "text"}`); a bare Suno-API answers a
single query with the clip list alone, and some relays document the queries as `/suno/submit/fetch…`
(tried when `/suno/fetch…` is not there). Clip states are `submitted`, `queued`, `streaming`,
`complete` and `error` (its reason in `metadata.error_message`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from studio.api.errors import (
    BadRequest,
    BadResponse,
    NoRoute,
    NotFound,
    NotImplementedByRelay,
    RouteWebPage,
    WebPageAnswer,
)
from studio.api.tasks import Phase, first_text, link_in, phase_in, progress_value, text_id

if TYPE_CHECKING:
    from studio.api.client import RelayClient

#: the model version sent as `mv` when the job's model names none (`suno_music` is the relay's route model)
DEFAULT_VERSION = "chirp-v3-5"
#: the query routes, new-api's first, then the spelling some relays document
FETCH_ROUTES = ("/suno/fetch", "/suno/submit/fetch")

#: the longest lyrics Suno takes in custom mode, in characters: 3000 up to v4, 5000 from v4.5 on
LYRICS_LIMITS = ((r"^chirp-v[23]", 3000), (r"^chirp-v4$", 3000))
LYRICS_LIMIT_NEWER = 5000

_TASK_PHASES: dict[str, Phase] = {
    "not_start": "queued", "submitted": "queued", "queued": "queued", "in_progress": "running",
    "success": "succeeded", "failure": "failed", "unknown": "running",
}
_CLIP_PHASES: dict[str, Phase] = {
    "submitted": "queued", "queued": "queued", "streaming": "running", "complete": "succeeded",
    "error": "failed",
}


@dataclass(frozen=True, slots=True)
class SunoClip:
    """One song of a task; links are None until the relay gives them, duration in seconds."""

    id: str
    status: str  # submitted, queued, streaming, complete, error (lower case, as sent)
    title: str = ""
    audio_url: str | None = None
    image_url: str | None = None
    video_url: str | None = None
    tags: str = ""
    lyrics: str = ""
    duration: float | None = None
    model_name: str = ""
    error: str = ""

    @property
    def phase(self) -> Phase:
        return phase_in(_CLIP_PHASES, self.status)

    def as_dict(self) -> dict[str, Any]:
        """What a job keeps of the clip (its metadata: searchable, shown, and named by an extension)."""
        return {"id": self.id, "status": self.status, "title": self.title, "tags": self.tags, "lyrics": self.lyrics,
                "duration": self.duration, "model_name": self.model_name, "error": self.error}


@dataclass(frozen=True, slots=True)
class SunoLyrics:
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class SunoTask:
    task_id: str
    action: str  # MUSIC or LYRICS ("" when a bare Suno-API answered with clips only)
    status: str  # upper case as sent; "" when derived from the clips alone
    fail_reason: str = ""
    progress: float | None = None
    clips: tuple[SunoClip, ...] = ()
    lyrics: SunoLyrics | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def phase(self) -> Phase:
        """The task's own status; with clips that have all ended, the task has ended too (a bare Suno-API
        sends no task status, and a relay's status may lag its clips by a refresh)."""
        own = phase_in(_TASK_PHASES, self.status.lower())
        if own in ("succeeded", "failed"):
            return own
        if self.clips and all(c.phase in ("succeeded", "failed") for c in self.clips):
            return "succeeded" if any(c.phase == "succeeded" for c in self.clips) else "failed"
        if self.lyrics is not None and self.lyrics.text and not self.status:
            return "succeeded"
        return "running" if own == "queued" and any(c.phase != "queued" for c in self.clips) else own


#: the versions chat-style model names stand for (`suno-v3.5` as Suno-API's chat route names it)
_NAMED_VERSIONS = {"3": "chirp-v3-0", "3.5": "chirp-v3-5", "4": "chirp-v4", "4.5": "chirp-auk"}


def version_for(model: str) -> str:
    """The `mv` a model means: the model itself when it is a version (`chirp-*`), the version a
    `suno-vN` name stands for, else the default."""
    name = model.strip().lower()
    if name.startswith("chirp"):
        return name
    match = re.fullmatch(r"suno[-_]v(\d+(?:[.-]\d+)?)", name)
    return _NAMED_VERSIONS.get(match.group(1).replace("-", "."), DEFAULT_VERSION) if match else DEFAULT_VERSION


def lyrics_limit(version: str) -> int:
    """How many characters of lyrics a model version takes."""
    name = version.strip().lower()
    return next((limit for pattern, limit in LYRICS_LIMITS if re.search(pattern, name)), LYRICS_LIMIT_NEWER)


def music_body(*, description: str = "", lyrics: str = "", title: str = "", tags: str = "", version: str,
               instrumental: bool = False, continue_clip_id: str = "", continue_at: float | None = None,
               task_id: str = "") -> dict[str, Any]:
    """`/suno/submit/music`'s body: inspiration mode (`description`) or custom mode (`lyrics`, `title`,
    `tags`), `make_instrumental` always sent; a continuation names the clip, the second and its task."""
    body: dict[str, Any] = {"mv": version, "make_instrumental": bool(instrumental)}
    if description:
        body["gpt_description_prompt"] = description
    else:
        body["prompt"] = lyrics
        body["title"] = title
        body["tags"] = tags
    if continue_clip_id:
        body["continue_clip_id"] = continue_clip_id
        body["continue_at"] = continue_at if continue_at is not None else 0
        body["task_id"] = task_id
    return body


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and number > 0 else None


def parse_clip(item: Mapping[str, Any]) -> SunoClip | None:
    clip_id = text_id(item.get("id")) or text_id(item.get("clip_id"))
    if clip_id is None:
        return None
    meta = item.get("metadata")
    meta = meta if isinstance(meta, Mapping) else {}
    return SunoClip(
        id=clip_id, status=str(item.get("status") or "").strip().lower(), title=first_text(item, "title"),
        audio_url=link_in(item.get("audio_url")),
        image_url=link_in(item.get("image_large_url")) or link_in(item.get("image_url")),
        video_url=link_in(item.get("video_url")), tags=first_text(meta, "tags") or first_text(item, "tags"),
        lyrics=first_text(meta, "prompt") or first_text(item, "lyric", "lyrics"),
        duration=_number(meta.get("duration")) or _number(item.get("duration")),
        model_name=first_text(item, "model_name", "major_model_version"),
        error=first_text(meta, "error_message", "error_type") or first_text(item, "error_message"),
    )


def _clips(value: Any) -> tuple[SunoClip, ...]:
    items = value if isinstance(value, list) else []
    return tuple(clip for item in items if isinstance(item, Mapping) and (clip := parse_clip(item)) is not None)


def _is_task(value: Any) -> bool:
    return isinstance(value, Mapping) and ("task_id" in value or "action" in value)


def read_task(task: Mapping[str, Any], task_id: str = "") -> SunoTask:
    """A task object (the envelope's `data`, or one item of a batch)."""
    data = task.get("data")
    lyrics = None
    if isinstance(data, Mapping):
        lyrics = SunoLyrics(first_text(data, "title"), first_text(data, "text", "lyrics"))
    extra = {key: task[key] for key in ("submit_time", "start_time", "finish_time") if task.get(key)}
    return SunoTask(
        task_id=text_id(task.get("task_id")) or text_id(task.get("id")) or task_id,
        action=str(task.get("action") or "").strip().upper(), status=str(task.get("status") or "").strip().upper(),
        fail_reason=str(task.get("fail_reason") or "").strip(), progress=progress_value(task.get("progress")),
        clips=_clips(data), lyrics=lyrics, extra=extra,
    )


def _payload_data(payload: Any) -> Any:
    if isinstance(payload, Mapping) and "data" in payload and ("code" in payload or "message" in payload):
        return payload["data"]
    return payload


def parse_fetch(payload: Any, task_id: str) -> SunoTask:
    """One query's answer: new-api's task envelope, a bare Suno-API clip list, or a lyrics object."""
    data = _payload_data(payload)
    if isinstance(data, list) and len(data) == 1 and _is_task(data[0]):
        data = data[0]
    if _is_task(data):
        return read_task(data, task_id)
    if isinstance(data, list):
        return SunoTask(task_id=task_id, action="MUSIC", status="", clips=_clips(data))
    if isinstance(data, Mapping) and ("text" in data or "audio_url" in data):
        if "audio_url" in data:
            return SunoTask(task_id=task_id, action="MUSIC", status="", clips=_clips([data]))
        return SunoTask(task_id=task_id, action="LYRICS", status="",
                        lyrics=SunoLyrics(first_text(data, "title"), first_text(data, "text")))
    raise BadResponse("The relay's Suno answer is not a task.")


def parse_batch(payload: Any) -> list[SunoTask]:
    data = _payload_data(payload)
    if not isinstance(data, list):
        raise BadResponse("The relay's Suno task list is not a list.")
    return [read_task(item) for item in data if _is_task(item)]


@dataclass(frozen=True, slots=True)
class SunoSubmit:
    """A submit's answer: the task id, or (a relay that answers with the clip itself) the clips."""

    task_id: str
    clips: tuple[SunoClip, ...] = ()


def parse_submit(payload: Any) -> SunoSubmit:
    data = _payload_data(payload)
    if isinstance(data, (str, int)) and text_id(data):
        return SunoSubmit(str(text_id(data)))
    clips = _clips(data if isinstance(data, list) else [data] if isinstance(data, Mapping) else [])
    if clips:
        return SunoSubmit(clips[0].id, clips)
    if isinstance(data, Mapping) and text_id(data.get("task_id")):
        return SunoSubmit(str(text_id(data.get("task_id"))))
    raise BadResponse("The relay's Suno answer has no task id.")


async def _submit(client: RelayClient, route: str, body: dict[str, Any]) -> SunoSubmit:
    """A submit whose missing route (a 404, or the relay's web page in its place) is one sentence naming it."""
    try:
        return parse_submit(await client.post_json(route, body))
    except NotFound as exc:
        raise NoRoute(route, exc, service="Suno") from None
    except WebPageAnswer:
        raise RouteWebPage(route, service="Suno") from None


def _other_spelling(exc: Exception) -> bool:
    """Whether a query error means the route is spelt otherwise here (not that the task is unknown)."""
    if isinstance(exc, (NotFound, NotImplementedByRelay)):
        return True
    return isinstance(exc, BadRequest) and (exc.code or "") in ("invalid_action", "invalid_request")


class Suno:
    """The Suno task routes on a client. `route` is the query spelling that worked last (`FETCH_ROUTES`)."""

    def __init__(self, client: RelayClient, route: str = FETCH_ROUTES[0]) -> None:
        self._client = client
        self.route = route

    async def music(self, body: Mapping[str, Any]) -> SunoSubmit:
        return await _submit(self._client, "/suno/submit/music", dict(body))

    async def lyrics(self, prompt: str) -> SunoSubmit:
        return await _submit(self._client, "/suno/submit/lyrics", {"prompt": prompt})

    async def fetch(self, task_id: str) -> SunoTask:
        path = f"/{quote(task_id, safe='')}"
        try:
            return parse_fetch(await self._client.get_json(self.route + path), task_id)
        except (NotFound, NotImplementedByRelay, BadRequest) as exc:
            other = next(r for r in FETCH_ROUTES if r != self.route)
            if not _other_spelling(exc):
                raise
            task = parse_fetch(await self._client.get_json(other + path), task_id)
            self.route = other
            return task

    async def fetch_many(self, task_ids: list[str]) -> list[SunoTask]:
        try:
            return parse_batch(await self._client.post_json(self.route, {"ids": task_ids}))
        except (NotFound, NotImplementedByRelay, BadRequest) as exc:
            other = next(r for r in FETCH_ROUTES if r != self.route)
            if not _other_spelling(exc):
                raise
            tasks = parse_batch(await self._client.post_json(other, {"ids": task_ids}))
            self.route = other
            return tasks
