"""Suno's task routes (new-api's form, Suno-API's bare form, the `/suno/submit/fetch` spelling) for the relay
test server.

Why this exists: a Suno song is a task whose two clips finish one after the other, and a client can only
be tested against a server that keeps the tasks and walks each clip through its states
(docs/PROTOCOLS.md#suno). ``server.py`` routes here:

    POST /suno/submit/music     -> {"code":"success","message":"","data":"suno-N"}
    POST /suno/submit/lyrics    -> the same, a lyrics task
    GET  /suno/fetch/{task_id}  -> {"code":"success","message":"","data":{task}}
    POST /suno/fetch            -> {"code":"success","message":"","data":[task, ...]} for {"ids": [...]}
    POST /suno/submit/<other>   -> 400 {"code":"invalid_request","message":"invalid_action","data":null}

Lifecycles follow the number of queries (single or batch), never the clock. A song: query 1
``NOT_START`` with no clips; queries 2 .. N+1 ``IN_PROGRESS`` (N from the case ``suno-polls-N``, default
1), clip 2 ``streaming`` (its audio link already given, as Suno streams) and clip 1 ``complete`` at the
last of them; query N+2 ``SUCCESS``, both clips ``complete`` with an MP3
(``/files/<slug>-N.mp3``, real audio), a PNG cover and an MP4 video. Prompt or lyrics word ``half``:
clip 2 ends ``error`` with ``CLIP_ERROR`` while clip 1 finishes; ``fail``: the task ends ``FAILURE`` with
``FAIL_REASON`` at query 2. Lyrics: query 1 ``IN_PROGRESS``, query 2 ``SUCCESS`` with ``LYRICS``. A submit is
checked as new-api and Suno-API check it (400 with the E6/E7 body): ``make_instrumental`` a boolean, a
description or lyrics (or instrumental), a continuation with its ``task_id`` and a known clip.

Cases: ``suno-s004``: the queries live at ``/suno/submit/fetch…`` only (``/suno/fetch…`` is 404);
otherwise ``/suno/submit/fetch…`` is new-api's ``invalid_action``. ``suno-bare``: a single query answers
the clip list alone (Suno-API). ``suno-no-batch``: ``POST /suno/fetch`` is 404. ``no-suno-route``: the
submit routes are new-api's 404 ``Invalid URL`` (a relay without Suno). ``suno-long``: the clips last
``LONG_DURATION`` (40 s, at ``/files/song/…mp3``), long enough to play and extend from a chosen second.
``suno-time-out``: Suno-API's time-out: the answer that would be ``SUCCESS`` is ``FAILURE`` with ``fail_reason``
``TIME_OUT``, clip 2 ``error`` and clip 1 ``complete`` (as a query before); clip 1's files are at
``/suno/held/<task id>/<name>``, 404 ``NoSuchKey`` while the task runs (a file host still copying them), served
once it has ended. ``suno-time-out-same-poll``: the same, but clip 1 turns ``complete`` in the very answer that
fails the task. ``suno-time-out-gone``: as ``suno-time-out``, clip 1's files never served (an expired link).
State lives per server.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tests.support.media import mp3_bytes, mp4_bytes

from . import content, fixtures
from .tasks import TaskStores

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

FAIL_REASON = "Unable to generate lyrics"
TIME_OUT = "time out"
CLIP_ERROR = "Audio generation failed"
LYRICS = "[Verse]\nRain on the window\n[Chorus]\nSing it again"
LYRICS_TITLE = "Rain Song"
DURATION = 0.5  # the length of tests.support.media.mp3_bytes()
LONG_DURATION = 40.0  # the length of tests.support.media.song_bytes() (case suno-long)
DEFAULT_POLLS = 1
_POLLS_CASE = re.compile(r"suno-polls-(\d+)")
#: the time-out cases: (clip 1 complete only in the failing answer, clip 1's files never served)
_TIME_OUTS = {"suno-time-out": (False, False), "suno-time-out-same-poll": (True, False),
              "suno-time-out-gone": (False, True)}
HELD = "/suno/held/"


@dataclass
class Task:
    id: str
    action: str  # MUSIC or LYRICS
    body: dict[str, Any]
    text: str  # the description or the lyrics (what decides `half` / `fail`)
    polls: int = DEFAULT_POLLS
    queries: int = 0
    submit_time: int = field(default_factory=lambda: int(time.time()))
    links: dict[str, str] = field(default_factory=dict)
    long: bool = False  # case suno-long: 40 s songs
    time_out: str = ""  # one of `_TIME_OUTS` (the task fails where it would succeed)

    def status(self) -> str:
        if self.action == "LYRICS":
            return "IN_PROGRESS" if self.queries <= 1 else "SUCCESS"
        if self.queries <= 1:
            return "NOT_START"
        if content.mentions(self.text, "fail"):
            return "FAILURE"
        if self.queries < self.polls + 2:
            return "IN_PROGRESS"
        return "FAILURE" if self.time_out else "SUCCESS"

    def ended(self) -> bool:
        return self.status() in ("SUCCESS", "FAILURE")

    def clip_ids(self) -> list[str]:
        return [f"{self.id}-clip-1", f"{self.id}-clip-2"]

    def _link(self, files: str, next_number: Any, key: str, extension: str) -> str:
        if key not in self.links:  # made once: every later query shows the same links
            self.links[key] = f"{files}/{fixtures.slug(self.text or 'song')}-{next_number()}.{extension}"
        return self.links[key]

    def clip(self, index: int, files: str, next_number: Any) -> dict[str, Any]:
        clip_id = self.clip_ids()[index]
        status = self.status()
        same_poll = _TIME_OUTS.get(self.time_out, (False, False))[0]
        if status == "SUCCESS":
            state = "error" if index == 1 and content.mentions(self.text, "half") else "complete"
        elif status == "IN_PROGRESS":
            state = "complete" if index == 0 and self.queries >= self.polls + 1 and not same_poll else "streaming"
        elif self.time_out:
            state = "complete" if index == 0 else "error"
        else:
            state = "error"
        title = str(self.body.get("title") or "") or "Sea Song"
        clip: dict[str, Any] = {
            "id": clip_id, "status": state, "title": title, "audio_url": "", "image_url": "", "video_url": "",
            "model_name": "chirp-v3", "major_model_version": "v3", "is_video_pending": state != "complete",
            "metadata": {"tags": str(self.body.get("tags") or "") or "pop", "prompt": self._lyrics(),
                         "gpt_description_prompt": self.body.get("gpt_description_prompt"),
                         "duration": (LONG_DURATION if self.long else DURATION) if state == "complete" else None,
                         "error_message": (TIME_OUT if self.time_out else CLIP_ERROR) if state == "error" else None,
                         "type": "gen" if not self.body.get("continue_clip_id") else "concat"},
        }
        if self.time_out and index == 0:  # a file host that has clip 1's files only once the task ended
            files = files.removesuffix("/files") + HELD + self.id
        if state in ("streaming", "complete"):
            clip["audio_url"] = self._link(f"{files}/song" if self.long else files, next_number, f"audio{index}",
                                           "mp3")
        if state == "complete":
            clip["image_url"] = self._link(files, next_number, f"image{index}", "png")
            clip["video_url"] = self._link(files, next_number, f"video{index}", "mp4")
        return clip

    def _lyrics(self) -> str:
        if self.body.get("make_instrumental"):
            return ""
        return str(self.body.get("prompt") or "") or LYRICS

    def dto(self, files: str, next_number: Any) -> dict[str, Any]:
        status = self.status()
        data: Any
        if self.action == "LYRICS":
            data = ({"id": self.id, "status": "complete", "title": LYRICS_TITLE, "text": LYRICS}
                    if status == "SUCCESS" else {"id": self.id, "status": "running", "title": "", "text": ""})
        elif status == "NOT_START" or (status == "FAILURE" and not self.time_out):
            data = None
        else:
            data = [self.clip(i, files, next_number) for i in range(2)]
        done = status in ("SUCCESS", "FAILURE")
        return {"task_id": self.id, "action": self.action, "status": status,
                "fail_reason": (TIME_OUT if self.time_out else FAIL_REASON) if status == "FAILURE" else "",
                "submit_time": self.submit_time, "start_time": self.submit_time + 1 if self.queries > 1 else 0,
                "finish_time": self.submit_time + 90 if done else 0, "progress": "100%" if done else "0%",
                "data": data}


_STORES: TaskStores[Task] = TaskStores()


def task(relay: RelayServer, task_id: str) -> dict[str, Any]:
    """A task as the test sees it, without counting a query: ``queries``, ``action``, ``body``, ``status``."""
    store = _STORES.of(relay)
    with store.lock:
        found = store.tasks[task_id]
        return {"queries": found.queries, "action": found.action, "body": found.body, "status": found.status()}


def task_ids(relay: RelayServer) -> list[str]:
    store = _STORES.of(relay)
    with store.lock:
        return list(store.tasks)


def _envelope(data: Any, code: str = "success", message: str = "") -> dict[str, Any]:
    return {"code": code, "message": message, "data": data}


def _refuse(h: _Handler, message: str, code: str = "invalid_request") -> None:
    h.send_json(400, _envelope(None, code, message))


def _music_problem(body: Any, store: Any) -> str | None:
    if not isinstance(body, dict):
        return "invalid_request_body"
    if not isinstance(body.get("make_instrumental"), bool):
        return "make_instrumental must be a boolean"
    if not isinstance(body.get("mv"), str) or not body["mv"].strip():
        return "mv is required"
    description, lyrics = body.get("gpt_description_prompt"), body.get("prompt")
    if description and lyrics:
        return "send gpt_description_prompt or prompt, not both"
    if not description and not lyrics and not body["make_instrumental"]:
        return "prompt is empty"
    clip = body.get("continue_clip_id")
    if clip:
        if not body.get("task_id"):
            return "task id is empty"
        parent = store.tasks.get(str(body["task_id"]))
        if parent is None or clip not in parent.clip_ids():
            return "task_not_exist"
        if not isinstance(body.get("continue_at"), (int, float)) or body["continue_at"] < 0:
            return "continue_at must be a number of seconds"
    return None


def _no_route(h: _Handler, ctx: _Ctx) -> bool:
    if ctx.has("no-suno-route"):  # a relay without Suno's task API: gin's 404 for an unknown path
        h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
        return True
    return False


def submit_music(h: _Handler, ctx: _Ctx) -> None:
    """``POST /suno/submit/music``."""
    if _no_route(h, ctx):
        return
    body = ctx.data
    store = _STORES.of(h.server.relay)
    with store.lock:
        problem = _music_problem(body, store)
        if problem is None:
            polls = next((int(m.group(1)) for c in ctx.cases if (m := _POLLS_CASE.fullmatch(c))), DEFAULT_POLLS)
            new = Task(f"suno-{next(store.ids)}", "MUSIC", body,
                       str(body.get("gpt_description_prompt") or body.get("prompt") or body.get("tags") or ""),
                       polls=polls, long=ctx.has("suno-long"),
                       time_out=next((case for case in _TIME_OUTS if ctx.has(case)), ""))
            store.tasks[new.id] = new
    if problem is not None:
        return _refuse(h, problem)
    h.send_json(200, _envelope(new.id))


def submit_lyrics(h: _Handler, ctx: _Ctx) -> None:
    """``POST /suno/submit/lyrics``."""
    if _no_route(h, ctx):
        return
    body = ctx.data
    prompt = body.get("prompt") if isinstance(body, dict) else None
    if not isinstance(prompt, str) or not prompt.strip():
        return _refuse(h, "prompt_empty")
    store = _STORES.of(h.server.relay)
    with store.lock:
        new = Task(f"suno-lyrics-{next(store.ids)}", "LYRICS", body, prompt)
        store.tasks[new.id] = new
    h.send_json(200, _envelope(new.id))


def invalid_action(h: _Handler, ctx: _Ctx) -> None:
    """Any other ``POST /suno/submit/<action>``: new-api's answer."""
    _refuse(h, "invalid_action")


def _query(h: _Handler, ctx: _Ctx, task_ids: list[str]) -> list[dict[str, Any]]:
    store = _STORES.of(h.server.relay)
    found = []
    with store.lock:
        for task_id in task_ids:
            item = store.tasks.get(task_id)
            if item is not None:
                item.queries += 1
                found.append(item.dto(f"{ctx.base_url}/files", h.server.relay.next_file_number))
    return found


def _fetch_one(h: _Handler, ctx: _Ctx, prefix: str) -> None:
    (dto, *_) = _query(h, ctx, [ctx.route[len(prefix):]]) or [None]
    if dto is None:
        return _refuse(h, "task_not_exist", "task_not_exist")
    if ctx.has("suno-bare") and dto["action"] == "MUSIC":
        return h.send_json(200, _envelope(dto["data"] or []))
    h.send_json(200, _envelope(dto))


def _fetch_many(h: _Handler, ctx: _Ctx) -> None:
    ids = ctx.data.get("ids") if isinstance(ctx.data, dict) else None
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        return _refuse(h, "ids is required")
    h.send_json(200, _envelope(_query(h, ctx, ids)))


def fetch_one(h: _Handler, ctx: _Ctx) -> None:
    """``GET /suno/fetch/{id}`` (404 under ``suno-s004``)."""
    if ctx.has("suno-s004"):
        return h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
    _fetch_one(h, ctx, "/suno/fetch/")


def fetch_many(h: _Handler, ctx: _Ctx) -> None:
    """``POST /suno/fetch`` (404 under ``suno-s004`` and ``suno-no-batch``)."""
    if ctx.has("suno-s004", "suno-no-batch"):
        return h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
    _fetch_many(h, ctx)


def s004_fetch_one(h: _Handler, ctx: _Ctx) -> None:
    """``GET /suno/submit/fetch/{id}``: served under ``suno-s004``, new-api's ``invalid_action`` otherwise."""
    if not ctx.has("suno-s004"):
        return _refuse(h, "invalid_action")
    _fetch_one(h, ctx, "/suno/submit/fetch/")


def held_file(h: _Handler, ctx: _Ctx) -> None:
    """``GET /suno/held/<task id>/<name>.mp3|.png|.mp4`` (the time-out cases): 404 ``NoSuchKey`` while the task
    runs, and for good under ``suno-time-out-gone``; the file once the task has ended."""
    task_id, _, name = ctx.route[len(HELD):].partition("/")
    store = _STORES.of(h.server.relay)
    with store.lock:
        found = store.tasks.get(task_id)
        ready = found is not None and found.ended() and found.time_out != "suno-time-out-gone"
    body = {"mp3": mp3_bytes, "png": fixtures.png_bytes, "mp4": mp4_bytes}.get(name.rpartition(".")[2])
    if not ready or body is None:
        return h.send_text(404, fixtures.storage_error_xml("NoSuchKey", "The specified key does not exist."),
                           "application/xml")
    h.send_body(200, body(), {"mp3": "audio/mpeg", "png": "image/png", "mp4": "video/mp4"}[name.rpartition(".")[2]])


def s004_fetch_many(h: _Handler, ctx: _Ctx) -> None:
    if not ctx.has("suno-s004"):
        return _refuse(h, "invalid_action")
    _fetch_many(h, ctx)


ROUTES: dict[tuple[str, str], Any] = {
    ("POST", "/suno/submit/music"): submit_music,
    ("POST", "/suno/submit/lyrics"): submit_lyrics,
    ("POST", "/suno/fetch"): fetch_many,
    ("POST", "/suno/submit/fetch"): s004_fetch_many,
}
PREFIX_ROUTES: list[tuple[str, str, Any]] = [
    ("GET", "/suno/fetch/", fetch_one),
    ("GET", "/suno/submit/fetch/", s004_fetch_one),
    ("GET", HELD, held_file),
    ("POST", "/suno/submit/", invalid_action),
]
