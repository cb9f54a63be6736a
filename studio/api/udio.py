"""Udio songs through the task routes some relays serve beside Suno's (docs/PROTOCOLS.md#udio).

`POST /udio/submit/music {"gen_params": {...}}` starts a task and answers `{"code": "success", "message":
"", "data": "<task id>"}`; `GET /udio/fetch/{id}` answers the task `{"task_id", "action", "status",
"fail_reason", "progress", "songs": [...]}` (one client reads the songs one level deeper, at
`data.data.songs`: both are read). A task is done at `SUCCESS` and failed at `ERROR` (also `FAILURE`);
every other status means still at work. Each song says itself whether it is `finished`, with its audio
(`song_path`), cover (`image_path`), video (`video_path`), `title`, `tags` (a list), `lyrics` and
`duration` in seconds; a song that failed carries `error_code` / `error_type` / `error_detail`.

`gen_params` as sent here: `prompt` (the description, or the style), `lyrics` with `lyrics_type`
`user` (the user's words), `generate` (Udio writes them) or `instrumental`, and `model_type` when the
model names a Udio version (`udio130`). A continuation (`song_section_start`, `config.source`) has
fields whose units no document gives, so it is not offered (docs/PROTOCOLS.md#udio).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from studio.api.errors import BadResponse, NoRoute, NotFound, RelayError, RouteWebPage, WebPageAnswer
from studio.api.tasks import Phase, first_text, link_in, phase_in, progress_value, text_id

if TYPE_CHECKING:
    from studio.api.client import RelayClient

SUBMIT = "/udio/submit/music"
FETCH = "/udio/fetch"
#: the longest lyrics sent: no relay document nor seed gives Udio's limit, so this is our own cautious cap
#: (below Suno's 3000 of its older versions), checked before a job is saved
LYRICS_LIMIT = 2500
#: what a model id must look like to be sent as `model_type` (`udio130`, `udio-32`)
_VERSION = re.compile(r"^udio[-_]?(\d+)$")

_TASK_PHASES: dict[str, Phase] = {
    "not_start": "queued", "submitted": "queued", "queued": "queued", "in_progress": "running",
    "success": "succeeded", "error": "failed", "failure": "failed", "failed": "failed",
}


def version_for(model: str) -> str:
    """The `model_type` a model id names (`udio130` for `udio130` or `udio-130`), else "" (the relay's default)."""
    match = _VERSION.match(model.strip().lower())
    return f"udio{match.group(1)}" if match else ""


def lyrics_type(lyrics: str, instrumental: bool) -> str:
    return "instrumental" if instrumental else "user" if lyrics.strip() else "generate"


def music_body(*, prompt: str, lyrics: str = "", instrumental: bool = False, version: str = "") -> dict[str, Any]:
    """`/udio/submit/music`'s body: the description, the lyrics and their kind, the model version if any."""
    params: dict[str, Any] = {"prompt": prompt, "lyrics_type": lyrics_type(lyrics, instrumental)}
    if lyrics.strip() and not instrumental:
        params["lyrics"] = lyrics
    if version:
        params["model_type"] = version
    return {"gen_params": params}


@dataclass(frozen=True, slots=True)
class UdioSong:
    """One song of a task; links are None until the relay gives them, duration in seconds."""

    id: str
    finished: bool
    title: str = ""
    audio_url: str | None = None
    image_url: str | None = None
    video_url: str | None = None
    tags: str = ""
    lyrics: str = ""
    duration: float | None = None
    error: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.error)

    def as_dict(self) -> dict[str, Any]:
        """What a job keeps of the song (the same keys as a Suno clip's, so lists and `--json` read both)."""
        status = "error" if self.failed else "complete" if self.finished and self.audio_url else "running"
        return {"id": self.id, "status": status, "title": self.title, "tags": self.tags, "lyrics": self.lyrics,
                "duration": self.duration, "model_name": "", "error": self.error}


@dataclass(frozen=True, slots=True)
class UdioTask:
    task_id: str
    status: str  # upper case as sent
    fail_reason: str = ""
    progress: float | None = None
    songs: tuple[UdioSong, ...] = ()

    @property
    def phase(self) -> Phase:
        return phase_in(_TASK_PHASES, self.status.lower())


def _seconds(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and number > 0 else None


def _tags(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(t).strip() for t in value if isinstance(t, (str, int)) and str(t).strip())
    return value.strip() if isinstance(value, str) else ""


def _error(item: Mapping[str, Any]) -> str:
    for key in ("error_detail", "error_type", "error_code"):
        value = item.get(key)
        if isinstance(value, Mapping):
            value = first_text(value, "message", "detail", "error") or None
        if value not in (None, "", False):
            return str(value).strip()
    return ""


def parse_song(item: Mapping[str, Any]) -> UdioSong | None:
    song_id = text_id(item.get("id")) or text_id(item.get("song_id"))
    if song_id is None:
        return None
    return UdioSong(
        id=song_id, finished=item.get("finished") is True, title=first_text(item, "title"),
        audio_url=link_in(item.get("song_path")) or link_in(item.get("audio_url")),
        image_url=link_in(item.get("image_path")) or link_in(item.get("image_url")),
        video_url=link_in(item.get("video_path")) or link_in(item.get("video_url")),
        tags=_tags(item.get("tags")) or _tags(item.get("user_tags")), lyrics=first_text(item, "lyrics"),
        duration=_seconds(item.get("duration")), error=_error(item),
    )


def _payload_data(payload: Any) -> Any:
    if isinstance(payload, Mapping) and "data" in payload and ("code" in payload or "message" in payload):
        return payload["data"]
    return payload


def parse_fetch(payload: Any, task_id: str) -> UdioTask:
    """A query's answer: the task with its songs at `data.songs` or one level deeper at `data.data.songs`."""
    task = _payload_data(payload)
    if not isinstance(task, Mapping):
        raise BadResponse("The relay's Udio answer is not a task.")
    inner = task.get("data")
    songs = task.get("songs")
    if not isinstance(songs, list) and isinstance(inner, Mapping):
        songs = inner.get("songs")
    items = songs if isinstance(songs, list) else []
    status = str(task.get("status") or (inner.get("status") if isinstance(inner, Mapping) else "") or "")
    return UdioTask(
        task_id=text_id(task.get("task_id")) or task_id, status=status.strip().upper(),
        fail_reason=str(task.get("fail_reason") or "").strip(), progress=progress_value(task.get("progress")),
        songs=tuple(s for i in items if isinstance(i, Mapping) and (s := parse_song(i)) is not None),
    )


def parse_submit(payload: Any) -> str:
    """The task id of a submit's answer; a `code` other than success is the relay's refusal, checked first: a
    refusal whose `data` is a sentence (`{"code": "fail", "data": "<why>"}`) names no task to poll."""
    if isinstance(payload, Mapping) and str(payload.get("code") or "success").lower() != "success":
        message = str(payload.get("message") or payload.get("data") or payload.get("code")).strip()
        raise RelayError(200, message, code=str(payload.get("code")))
    data = _payload_data(payload)
    if isinstance(data, (str, int)) and text_id(data):
        return str(text_id(data))
    if isinstance(data, Mapping) and text_id(data.get("task_id")):
        return str(text_id(data.get("task_id")))
    raise BadResponse("The relay's Udio answer has no task id.")


class Udio:
    """The Udio task routes on a client."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def music(self, body: Mapping[str, Any]) -> str:
        try:
            return parse_submit(await self._client.post_json(SUBMIT, dict(body)))
        except NotFound as exc:
            raise NoRoute(SUBMIT, exc, service="Udio") from None
        except WebPageAnswer:
            raise RouteWebPage(SUBMIT, service="Udio") from None

    async def fetch(self, task_id: str) -> UdioTask:
        return parse_fetch(await self._client.get_json(f"{FETCH}/{quote(task_id, safe='')}"), task_id)
