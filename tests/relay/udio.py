"""Udio's task routes for the relay test server.

Why this exists: a Udio song is a task whose songs each say when they are finished, and a client can only
be tested against a server that keeps the tasks and walks them through their states
(docs/PROTOCOLS.md#udio). ``server.py`` routes here:

    POST /udio/submit/music   -> {"code":"success","message":"","data":"udio-N"}
    GET  /udio/fetch/{id}     -> {"code":"success","message":"","data":{task with "songs"}}

Lifecycles follow the number of queries, never the clock: query 1 ``IN_PROGRESS`` at ``"40%"`` with no
songs; queries 2 .. N+1 ``IN_PROGRESS`` (N from the case ``udio-polls-N``, default 1) with song 1
finished (MP3, PNG cover, MP4 video under ``/files/``, real media) and song 2 not yet; query N+2
``SUCCESS`` with both finished. Prompt word ``fail``: the task ends ``ERROR`` with ``FAIL_REASON`` at
query 2; ``half``: song 2 ends unfinished with ``SONG_ERROR`` as its ``error_detail``. Case
``udio-nested``: the songs sit one level deeper, at ``data.data.songs`` (one client reads them there);
``udio-reorder``: once the task has succeeded its songs are listed the other way round (song 2 first);
``no-udio-route``: every Udio route is new-api's 404 ``Invalid URL``; ``udio-refused``: a submit is
refused in a 200 ``{"code": "fail", "data": REFUSAL}`` (the reason where a task id would be, no
``message``). A submit is checked: ``gen_params``
an object, a non-empty ``prompt``, ``lyrics_type`` one of ``generate`` / ``user`` / ``instrumental`` and
``lyrics`` given exactly for ``user`` (else 400 ``{"code":"invalid_request","message":…}``).
State lives per server.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import content, fixtures
from .tasks import TaskStores

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

SUBMIT = "/udio/submit/music"
FAIL_REASON = "prompt rejected by moderation"
SONG_ERROR = "generation failed for this song"
REFUSAL = "upstream channel refused the song"
GENERATED_LYRICS = "[Verse]\nNight lights on the river\n[Chorus]\nSwing low"
DURATION = 0.5  # the length of tests.support.media.mp3_bytes()
DEFAULT_POLLS = 1
_POLLS_CASE = re.compile(r"udio-polls-(\d+)")
LYRICS_TYPES = ("generate", "user", "instrumental")


@dataclass
class Task:
    id: str
    params: dict[str, Any]
    polls: int = DEFAULT_POLLS
    queries: int = 0
    submit_time: int = field(default_factory=lambda: int(time.time()))
    links: dict[str, str] = field(default_factory=dict)

    @property
    def prompt(self) -> str:
        return str(self.params.get("prompt") or "")

    def status(self) -> str:
        if self.queries <= 1:
            return "IN_PROGRESS"
        if content.mentions(self.prompt, "fail"):
            return "ERROR"
        return "IN_PROGRESS" if self.queries < self.polls + 2 else "SUCCESS"

    def song_ids(self) -> list[str]:
        return [f"{self.id}-song-1", f"{self.id}-song-2"]

    def _link(self, files: str, next_number: Any, key: str, extension: str) -> str:
        if key not in self.links:  # made once: every later query shows the same links
            self.links[key] = f"{files}/{fixtures.slug(self.prompt or 'song')}-{next_number()}.{extension}"
        return self.links[key]

    def song(self, index: int, files: str, next_number: Any) -> dict[str, Any]:
        status = self.status()
        failed = index == 1 and status == "SUCCESS" and content.mentions(self.prompt, "half")
        finished = not failed and (status == "SUCCESS" or index == 0)
        lyrics = "" if self.params.get("lyrics_type") == "instrumental" else str(
            self.params.get("lyrics") or GENERATED_LYRICS)
        song: dict[str, Any] = {
            "id": self.song_ids()[index], "title": "Night Jazz", "artist": "test", "lyrics": lyrics,
            "prompt": self.prompt, "tags": ["jazz", "smooth"], "duration": DURATION if finished else 0,
            "finished": finished, "song_path": "", "image_path": "", "video_path": None,
            "error_code": None, "error_type": None, "error_detail": None, "generation_id": f"gen-{self.id}",
            "created_at": "2026-01-01T00:00:00Z",
        }
        if finished:
            song["song_path"] = self._link(files, next_number, f"audio{index}", "mp3")
            song["image_path"] = self._link(files, next_number, f"image{index}", "png")
            song["video_path"] = self._link(files, next_number, f"video{index}", "mp4")
        if failed:
            song.update(error_code=500, error_type="generation_error", error_detail=SONG_ERROR)
        return song

    def dto(self, files: str, next_number: Any, *, nested: bool, reorder: bool = False) -> dict[str, Any]:
        status = self.status()
        songs = [] if self.queries <= 1 or status == "ERROR" else [self.song(i, files, next_number) for i in range(2)]
        if reorder and status == "SUCCESS":
            songs.reverse()
        done = status in ("SUCCESS", "ERROR")
        task: dict[str, Any] = {
            "task_id": self.id, "action": "MUSIC", "status": status,
            "fail_reason": FAIL_REASON if status == "ERROR" else "", "submit_time": self.submit_time,
            "start_time": self.submit_time + 1, "finish_time": self.submit_time + 60 if done else 0,
            "progress": "100%" if done else "40%" if self.queries <= 1 else "80%",
        }
        if nested:
            task["data"] = {"songs": songs}
        else:
            task["songs"] = songs
        return task


_STORES: TaskStores[Task] = TaskStores()


def task(relay: RelayServer, task_id: str) -> dict[str, Any]:
    """A task as the test sees it, without counting a query: ``queries``, ``params``, ``status``."""
    store = _STORES.of(relay)
    with store.lock:
        found = store.tasks[task_id]
        return {"queries": found.queries, "params": found.params, "status": found.status()}


def task_ids(relay: RelayServer) -> list[str]:
    store = _STORES.of(relay)
    with store.lock:
        return list(store.tasks)


def _envelope(data: Any, code: str = "success", message: str = "") -> dict[str, Any]:
    return {"code": code, "message": message, "data": data}


def _problem(body: Any) -> str | None:
    params = body.get("gen_params") if isinstance(body, dict) else None
    if not isinstance(params, dict):
        return "gen_params is required"
    if not isinstance(params.get("prompt"), str) or not params["prompt"].strip():
        return "prompt is empty"
    kind = params.get("lyrics_type")
    if kind not in LYRICS_TYPES:
        return f"lyrics_type must be one of {', '.join(LYRICS_TYPES)}"
    has_lyrics = isinstance(params.get("lyrics"), str) and bool(params["lyrics"].strip())
    if (kind == "user") != has_lyrics:
        return "lyrics are required for lyrics_type user, and only for it"
    return None


def _no_route(h: _Handler, ctx: _Ctx) -> bool:
    if ctx.has("no-udio-route"):  # a relay without Udio: gin's 404 for an unknown path
        h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
        return True
    return False


def submit(h: _Handler, ctx: _Ctx) -> None:
    """``POST /udio/submit/music``."""
    if _no_route(h, ctx):
        return
    problem = _problem(ctx.data)
    if problem is not None:
        return h.send_json(400, _envelope(None, "invalid_request", problem))
    if ctx.has("udio-refused"):
        return h.send_json(200, {"code": "fail", "data": REFUSAL})  # no `message`: only the code says it failed
    store = _STORES.of(h.server.relay)
    polls = next((int(m.group(1)) for c in ctx.cases if (m := _POLLS_CASE.fullmatch(c))), DEFAULT_POLLS)
    with store.lock:
        new = Task(f"udio-{next(store.ids)}", dict(ctx.data["gen_params"]), polls=polls)
        store.tasks[new.id] = new
    h.send_json(200, _envelope(new.id))


def fetch(h: _Handler, ctx: _Ctx) -> None:
    """``GET /udio/fetch/{id}``."""
    if _no_route(h, ctx):
        return
    store = _STORES.of(h.server.relay)
    with store.lock:
        item = store.tasks.get(ctx.route[len("/udio/fetch/"):])
        if item is not None:
            item.queries += 1
            dto = item.dto(f"{ctx.base_url}/files", h.server.relay.next_file_number, nested=ctx.has("udio-nested"),
                           reorder=ctx.has("udio-reorder"))
    if item is None:
        return h.send_json(400, _envelope(None, "task_not_exist", "task_not_exist"))
    h.send_json(200, _envelope(dto))


ROUTES: dict[tuple[str, str], Any] = {("POST", SUBMIT): submit}
PREFIX_ROUTES: list[tuple[str, str, Any]] = [("GET", "/udio/fetch/", fetch)]
