"""The task store the test server's vendor-native video families share (Kling, Luma, Vidu, Runway, Jimeng,
Pika, PixVerse), and ``custom_video``.

Why this exists: every one of them is "create a task, query it until it ends", and a client can only be
tested against tasks whose life is predictable. A task here advances by how often it was queried, never
by the clock: query 1 ``queued``, queries 2 .. 1+N ``running`` (N from the case ``<family>-polls-N`` of
the create, default 1; the progress climbs with each), then ``done`` (its result links made once, so
every later query shows the same ones) or ``failed`` when the prompt mentions ``fail``. Each family maps
those stages onto its own words. Result links are real MP4s this server serves (``/files/<slug>-<k>.mp4``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from . import content, fixtures
from .tasks import TaskStores

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

Stage = Literal["queued", "running", "done", "failed"]
T = TypeVar("T")
DEFAULT_POLLS = 1


def stage_after(queries: int, polls: int, *, fails: bool, unknowns: int = 0,
                extra_running: int = 0) -> Stage | Literal["unknown"]:
    """The life every test video task shares, by how often it was queried: 1 ``queued``, then ``unknowns``
    answers ``unknown`` (new-api's lost track of the upstream task), ``polls`` (+ ``extra_running`` unless it
    fails) ``running``, then ``failed`` or ``done``."""
    step = queries
    if step <= 1:
        return "queued"
    step -= 1
    if step <= unknowns:
        return "unknown"
    step -= unknowns
    if step <= polls + (0 if fails else extra_running):
        return "running"
    return "failed" if fails else "done"


@dataclass
class VideoTask:
    id: str
    prompt: str
    body: Any
    polls: int = DEFAULT_POLLS
    fails: bool = False
    queries: int = 0
    created_at: float = field(default_factory=time.time)
    #: what the family keeps besides (Kling's kind, Runway's dialect, the task extended, …)
    extra: dict[str, Any] = field(default_factory=dict)
    urls: list[str] = field(default_factory=list)

    def stage(self, *, extra_running: int = 0) -> Stage:
        """Where the task stands after ``queries`` queries; ``extra_running``: more running answers at the
        end (Luma's "completed" without a link)."""
        stage = stage_after(self.queries, self.polls, fails=self.fails, extra_running=extra_running)
        assert stage != "unknown"
        return stage

    def progress(self) -> int:
        """0-100: 0 before any work, rising with each running answer, 100 at the end."""
        stage = self.stage()
        if stage == "queued":
            return 0
        if stage != "running":
            return 100
        return min(99, round(100 * (self.queries - 1) / (self.polls + 1)))

    def links(self, ctx: _Ctx, relay: RelayServer, count: int = 1, ext: str = "mp4") -> list[str]:
        if not self.urls:
            self.urls = [f"{ctx.base_url}/files/{fixtures.slug(self.prompt or 'video')}-{relay.next_file_number()}"
                         f".{ext}" for _ in range(count)]
        return self.urls

    def snapshot(self) -> dict[str, Any]:
        return {"queries": self.queries, "polls": self.polls, "body": self.body, "stage": self.stage(),
                "extra": dict(self.extra)}


class VideoTasks(Generic[T]):
    """The tasks of one family, per test server; ids are ``<prefix>-<n>`` (or what ``make_id`` makes)."""

    def __init__(self, family: str, prefix: str, make_id: Callable[[int], str] | None = None) -> None:
        self.family = family
        self._polls_case = re.compile(rf"{re.escape(family)}-polls-(\d+)")
        self._make_id = make_id or (lambda n: f"{prefix}-{n}")
        self._stores: TaskStores[VideoTask] = TaskStores()

    def create(self, h: _Handler, ctx: _Ctx, prompt: str, body: Any, **extra: Any) -> VideoTask:
        polls = next((int(m.group(1)) for c in ctx.cases if (m := self._polls_case.fullmatch(c))), DEFAULT_POLLS)
        store = self._stores.of(h.server.relay)
        with store.lock:
            task = VideoTask(self._make_id(next(store.ids)), prompt, body, polls=polls,
                             fails=content.mentions(prompt, "fail"), extra=dict(extra))
            store.tasks[task.id] = task
            return task

    def query(self, h: _Handler, task_id: str, answer: Callable[[VideoTask], T], *, count: bool = True) -> T | None:
        """Count one query of ``task_id`` and build its answer under the store's lock; None when unknown."""
        store = self._stores.of(h.server.relay)
        with store.lock:
            task = store.tasks.get(task_id)
            if task is None:
                return None
            if count:
                task.queries += 1
            return answer(task)

    def task(self, relay: RelayServer, task_id: str) -> dict[str, Any]:
        """A task as a test sees it, without counting a query; KeyError for an unknown id."""
        store = self._stores.of(relay)
        with store.lock:
            return store.tasks[task_id].snapshot()

    def ids(self, relay: RelayServer) -> list[str]:
        """Every task of this family on this server, oldest first."""
        store = self._stores.of(relay)
        with store.lock:
            return list(store.tasks)


def image_problem(value: Any, name: str, *, data_url: bool) -> str | None:
    """Why ``value`` is not an input picture: a URL, or base64 of a picture - with a ``data:`` prefix
    when ``data_url``, without one (Kling, Jimeng) otherwise; None when it is one."""
    if not isinstance(value, str) or not value.strip():
        return f"{name} must be a non-empty string"
    if value.startswith(("http://", "https://")):
        return None
    if data_url != value.startswith("data:"):
        return f"{name} must be a URL or a data: URL" if data_url else (
            f"{name} must be a URL or base64 without the data: prefix")
    encoded = value.split("base64,", 1)[1] if data_url and "base64," in value else value
    if data_url and "base64," not in value:
        return f"{name} is not a base64 data: URL"
    try:
        data = content.b64decode(encoded)
    except content.BadAttachment:
        return f"{name} is not valid base64"
    if not content.is_image(data):
        return f"{name} is not a JPG or PNG image"
    return None
