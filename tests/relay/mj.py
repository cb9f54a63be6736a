"""Midjourney (midjourney-proxy "Plus" protocol, as relayed by new-api) for the relay test server.

Why this exists: MJ is a task API - submit, poll, press buttons, sometimes confirm a modal - and a
client can only be tested against a server that keeps the tasks and walks them through their states.
This module holds that state and the reply rules (``docs/PROTOCOLS.md#midjourney``);
``server.py`` only routes requests here and writes the replies.  Every method runs under the relay's
state lock (``RelayServer`` calls ``MjStore.dispatch`` with it held).

The lifecycle is driven by how often a task was fetched (``GET /mj/task/{id}/fetch``, or returned by
``list-by-condition``), never by the clock, so tests are deterministic:

    fetch 1: status ""  (new-api before its first upstream poll), progress "0%"
    fetch 2: "NOT_START", "0%"
    fetch 3 .. 2+N: "IN_PROGRESS", climbing progress, imageUrl ``<base>/mj/image/<id>?rand=<fetch>``
    fetch 3+N and later: "SUCCESS" "100%" (imageUrl ``<base>/mj/image/<id>``, buttons, finishTime)
                         or "FAILURE" "100%" when the prompt mentions ``fail``

N comes from the case ``mj-polls-N`` of the *submitting* request (default 1) and stays with the task.

Errors follow who would raise them: new-api's own checks (empty prompt, unknown task, follow-up on an
unfinished task, change with index 0) are HTTP 400 without a ``result`` key; midjourney-proxy's validation
(bad base64, blend count, a ``customId`` that is not a button of that task) is code 4 in an HTTP 200
submit envelope (docs/PROTOCOLS.md#submit-envelope).
Modal buttons (``Vary (Region)`` = Inpaint, ``Custom Zoom``) answer code 21 with a new task in status
``MODAL``; ``/mj/submit/modal`` confirms it and its lifecycle then starts again at fetch 1.
"""

from __future__ import annotations

import itertools
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import content, fixtures

TASK_ID_START = 1760000000001
DISCORD_INSTANCE_ID = "1118138338562560102"
IMAGE_SEED = "3286151813"
FAIL_REASON = "[Invalid parameter] Invalid value"
DEFAULT_POLLS = 1
MODES = {"fast": "FAST", "relax": "RELAX", "turbo": "TURBO"}
SOLO_SIZE = fixtures.GRID_SIZE // 2  # an upscale is one quadrant of the grid
SWAP_FACE_COLOUR = (255, 0, 255)
_RATIOS = {"PORTRAIT": "2:3", "SQUARE": "1:1", "LANDSCAPE": "3:2"}  # blend dimensions (MJP BlendDimensions)
DIMENSIONS = tuple(_RATIOS)

_POLLS_CASE = re.compile(r"mj-polls-(\d+)")
_SIMPLE_CHANGE = re.compile(r"^\s*(\S+)\s+(U[1-4]|V[1-4]|R)\s*$", re.IGNORECASE)
_HASH_NAMESPACE = uuid.UUID("3dbbd469-36af-4a0f-8f02-df6c579e7011")
_DIGITS = ("1\ufe0f\u20e3", "2\ufe0f\u20e3", "3\ufe0f\u20e3", "4\ufe0f\u20e3", "5\ufe0f\u20e3")  # 1️⃣ .. 5️⃣

# Actions whose result is a 2x2 grid (and which get the U/V/reroll buttons).
GRID_ACTIONS = frozenset({"IMAGINE", "VARIATION", "REROLL", "BLEND", "ZOOM", "PAN", "INPAINT", "CUSTOM_ZOOM"})

SUBMITTED = "提交成功"
WAITING_FOR_MODAL = "Waiting for window confirm"


# --------------------------------------------------------------------------------------------------
# Requests and replies
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MjRequest:
    """What the MJ routes need from one HTTP request (``route`` without case or mode prefixes)."""

    method: str
    route: str
    data: Any
    cases: tuple[str, ...]
    mode: str
    base_url: str

    @property
    def body(self) -> dict[str, Any]:
        return self.data if isinstance(self.data, dict) else {}

    def text(self, name: str) -> str:
        value = self.body.get(name)
        return value.strip() if isinstance(value, str) else ""

    @property
    def polls(self) -> int:
        for case in self.cases:
            match = _POLLS_CASE.fullmatch(case)
            if match:
                return int(match.group(1))
        return DEFAULT_POLLS


@dataclass(frozen=True)
class MjReply:
    """Status and body: a JSON value, or ``bytes`` for ``/mj/image/{id}`` (always a PNG)."""

    status: int
    body: Any


def _ok(body: Any) -> MjReply:
    return MjReply(200, body)


def _submitted(task_id: str, code: int = 1, description: str = SUBMITTED, **properties: Any) -> MjReply:
    return _ok(fixtures.mj_submit(code, description, task_id, {"discordInstanceId": DISCORD_INSTANCE_ID,
                                                               **properties}))


def _invalid(description: str) -> MjReply:
    """Code 4 (validation error) in the submit envelope, HTTP 200, as midjourney-proxy answers it."""
    return _ok(fixtures.mj_submit(4, description))


def _relay_error(description: str) -> MjReply:
    """new-api's own checks (HTTP 400, no ``result`` key): ``prompt_is_required``, ``task_no_found``..."""
    return MjReply(400, fixtures.mj_relay_error(description))


def mode_of(prefix: str | None) -> str:
    """``fast`` -> ``FAST``; no prefix (plain ``/mj``) -> ``""``."""
    return MODES.get(prefix or "", "")


# --------------------------------------------------------------------------------------------------
# Buttons
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Button:
    """A button of a finished task, and what pressing it creates."""

    custom_id: str
    label: str
    action: str
    emoji: str = ""
    index: int = 0  # quadrant (1-4) of U/V buttons
    scale: int = 1  # upsample_v5_2x / _4x
    modal: bool = False  # Inpaint / CustomZoom answer code 21 and wait for /mj/submit/modal

    def wire(self) -> dict[str, Any]:
        return {"customId": self.custom_id, "emoji": self.emoji, "label": self.label, "type": 2, "style": 2}


def grid_buttons(hash_: str) -> list[Button]:
    """U1-U4, reroll, V1-V4 - the buttons under a grid."""
    buttons = [Button(f"MJ::JOB::upsample::{i}::{hash_}", f"U{i}", "UPSCALE", index=i) for i in range(1, 5)]
    buttons.append(Button(f"MJ::JOB::reroll::0::{hash_}::SOLO", "", "REROLL", emoji="🔄"))
    buttons += [Button(f"MJ::JOB::variation::{i}::{hash_}", f"V{i}", "VARIATION", index=i) for i in range(1, 5)]
    return buttons


def upscale_buttons(hash_: str) -> list[Button]:
    """The buttons under an upscaled image (MJ v5/v6 layout)."""
    buttons = [
        Button(f"MJ::JOB::upsample_v5_2x::1::{hash_}::SOLO", "Upscale (2x)", "UPSCALE", scale=2),
        Button(f"MJ::JOB::upsample_v5_4x::1::{hash_}::SOLO", "Upscale (4x)", "UPSCALE", scale=4),
        Button(f"MJ::JOB::high_variation::1::{hash_}::SOLO", "Vary (Strong)", "VARIATION", emoji="🪄"),
        Button(f"MJ::JOB::low_variation::1::{hash_}::SOLO", "Vary (Subtle)", "VARIATION", emoji="🪄"),
        Button(f"MJ::Inpaint::1::{hash_}::SOLO", "Vary (Region)", "INPAINT", emoji="🖌️", modal=True),
        Button(f"MJ::Outpaint::50::1::{hash_}::SOLO", "Zoom Out 2x", "ZOOM", emoji="🔍"),
        Button(f"MJ::Outpaint::75::1::{hash_}::SOLO", "Zoom Out 1.5x", "ZOOM", emoji="🔍"),
        Button(f"MJ::CustomZoom::{hash_}", "Custom Zoom", "CUSTOM_ZOOM", emoji="🔍", modal=True),
    ]
    arrows = (("left", "⬅️"), ("right", "➡️"), ("up", "⬆️"), ("down", "⬇️"))
    buttons += [Button(f"MJ::JOB::pan_{side}::1::{hash_}::SOLO", "", "PAN", emoji=emoji) for side, emoji in arrows]
    return buttons


# --------------------------------------------------------------------------------------------------
# Tasks
# --------------------------------------------------------------------------------------------------


def _now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class Task:
    """One MJ task; its status is derived from ``fetches`` (see the module docstring)."""

    id: str
    action: str
    prompt: str = ""
    description: str = ""
    final_prompt: str = ""
    state: str = ""
    bot_type: str = "MID_JOURNEY"
    mode: str = ""
    custom_id: str = ""
    polls: int = DEFAULT_POLLS
    fails: bool = False
    colour: fixtures.Rgb | None = None  # single-colour result (UPSCALE, SWAP_FACE); None = grid or `image`
    size: int = SOLO_SIZE
    image: bytes | None = None  # DESCRIBE: the submitted image
    link: str = ""  # DESCRIBE by `link`: imageUrl is that link
    waiting_modal: bool = False
    fetches: int = 0
    submit_time: int = field(default_factory=_now_ms)
    start_time: int = 0
    finish_time: int = 0

    @property
    def hash(self) -> str:
        """The per-task uuid inside every button's customId."""
        return str(uuid.uuid5(_HASH_NAMESPACE, self.id))

    # -- lifecycle -----------------------------------------------------------------------------

    def status(self) -> tuple[str, str]:
        """(status, progress) after ``fetches`` fetches."""
        if self.waiting_modal:
            return "MODAL", "0%"
        if self.fetches <= 1:
            return "", "0%"
        if self.fetches == 2:
            return "NOT_START", "0%"
        step = self.fetches - 2
        if step <= self.polls:
            return "IN_PROGRESS", f"{5 + 80 * step // (self.polls + 1)}%"
        return ("FAILURE" if self.fails else "SUCCESS"), "100%"

    def fetch(self) -> None:
        """Count one poll and stamp the start/finish times the first time they are reached."""
        self.fetches += 1
        status, _ = self.status()
        if status in ("IN_PROGRESS", "SUCCESS", "FAILURE") and not self.start_time:
            self.start_time = _now_ms()
        if status in ("SUCCESS", "FAILURE") and not self.finish_time:
            self.finish_time = _now_ms()

    def confirm_modal(self, prompt: str, polls: int) -> None:
        """``/mj/submit/modal``: the task starts its lifecycle afresh (fetch 1 -> status "")."""
        self.waiting_modal = False
        self.fetches = 0
        self.polls = polls
        if prompt:
            self.prompt, self.final_prompt = prompt, f"{prompt} --v 6.1"
            self.fails = content.mentions(prompt, "fail")

    # -- results -------------------------------------------------------------------------------

    def png(self) -> bytes | None:
        """The result image (grid, single colour, or the described input); None for SHORTEN."""
        if self.image is not None:
            return self.image
        if self.colour is not None:
            return fixtures.png_bytes(self.size, self.size, self.colour)
        if self.action in GRID_ACTIONS:
            return fixtures.grid_png_bytes()
        return None

    def buttons(self) -> list[Button]:
        if self.status()[0] != "SUCCESS":
            return []
        if self.action in GRID_ACTIONS:
            return grid_buttons(self.hash)
        if self.action == "UPSCALE":
            return upscale_buttons(self.hash)
        return []

    def image_url(self, base_url: str) -> str:
        status = self.status()[0]
        if self.action == "DESCRIBE":
            return (self.link or f"{base_url}/mj/image/{self.id}") if status == "SUCCESS" else ""
        if self.png() is None:
            return ""
        if status == "IN_PROGRESS":
            return f"{base_url}/mj/image/{self.id}?rand={self.fetches}"
        return f"{base_url}/mj/image/{self.id}" if status == "SUCCESS" else ""

    def properties(self) -> dict[str, Any] | None:
        status = self.status()[0]
        if status == "":
            return None
        final = self.final_prompt
        if self.action in ("DESCRIBE", "SHORTEN") and status != "SUCCESS":
            final = ""
        props: dict[str, Any] = {"finalPrompt": final, "finalZhPrompt": ""}
        if status == "MODAL":
            props["remix"] = True
        return props

    def dto(self, base_url: str) -> dict[str, Any]:
        """The task object of ``/mj/task/{id}/fetch`` (new-api ``MidjourneyDto`` + ``mode``)."""
        status, progress = self.status()
        return {
            "id": self.id,
            "action": self.action,
            "customId": self.custom_id,
            "botType": self.bot_type,
            "prompt": self.prompt,
            "promptEn": self.prompt,
            "description": self.description,
            "state": self.state,
            "mode": self.mode,
            "submitTime": self.submit_time,
            "startTime": self.start_time,
            "finishTime": self.finish_time,
            "imageUrl": self.image_url(base_url),
            "videoUrl": "",
            "videoUrls": None,
            "status": status,
            "progress": progress,
            "failReason": FAIL_REASON if status == "FAILURE" else "",
            "buttons": None if status == "" else [b.wire() for b in self.buttons()],
            "maskBase64": "",
            "properties": self.properties(),
        }


def _numbered(prompts: list[str]) -> str:
    return "\n\n".join(f"{_DIGITS[i]} {p}" for i, p in enumerate(prompts))


def describe_prompts() -> str:
    """DESCRIBE's ``finalPrompt``: four numbered prompts."""
    return _numbered([
        "four coloured squares in a grid, red green blue and yellow, flat design --ar 1:1",
        "a minimalist colour block poster, primary colours, bauhaus style --ar 1:1",
        "abstract geometric tiles, bold solid colours, clean edges --ar 1:1",
        "a quartered square in red, green, blue and yellow, vector art --ar 1:1",
    ])


def shorten_prompts(prompt: str) -> str:
    """SHORTEN's ``finalPrompt``: five numbered, progressively shorter versions of ``prompt``."""
    words = prompt.split()
    return _numbered([" ".join(words[: max(1, len(words) - i)]) for i in range(5)])


# --------------------------------------------------------------------------------------------------
# The store: every task of one server, plus the request handlers
# --------------------------------------------------------------------------------------------------


class MjStore:
    """All MJ tasks of one ``RelayServer``. Not thread-safe by itself: the server holds its lock."""

    def __init__(self) -> None:
        self.tasks: dict[str, Task] = {}
        self._ids = itertools.count(TASK_ID_START)  # never reset: ids stay unique for the server's life

    def clear(self) -> None:
        self.tasks.clear()

    def new_id(self) -> str:
        return str(next(self._ids))

    def add(self, req: MjRequest, action: str, **fields: Any) -> Task:
        task = Task(self.new_id(), action, state=req.text("state"), mode=req.mode, polls=req.polls,
                    bot_type=req.text("botType") or "MID_JOURNEY", **fields)
        self.tasks[task.id] = task
        return task

    def snapshot(self, task_id: str, base_url: str) -> dict[str, Any]:
        """The task object without counting a fetch, plus the test-only keys ``fetches``, ``polls``, ``hash``."""
        task = self.tasks[task_id]
        return {**task.dto(base_url), "fetches": task.fetches, "polls": task.polls, "hash": task.hash}

    # -- routing -------------------------------------------------------------------------------

    def dispatch(self, req: MjRequest) -> MjReply:
        if req.method == "POST" and req.route in _POST_HANDLERS:
            return _POST_HANDLERS[req.route](self, req)
        parts = req.route.strip("/").split("/")
        if req.method == "GET" and len(parts) == 4 and parts[:2] == ["mj", "task"]:
            if parts[3] == "fetch":
                return self.fetch(parts[2], req)
            if parts[3] == "image-seed":
                return self.image_seed(parts[2])
        if req.method == "GET" and len(parts) == 3 and parts[:2] == ["mj", "image"]:
            return self.image(parts[2])
        return MjReply(404, fixtures.invalid_url(req.method, req.route))

    # -- submits -------------------------------------------------------------------------------

    def _prompt_verdict(self, prompt: str) -> MjReply | None:
        """Codes 24 (banned word), 23 (queue full); None when the prompt may be accepted."""
        if not prompt:
            return _relay_error("prompt_is_required")
        if content.mentions(prompt, "nude"):
            return _ok(fixtures.mj_submit(24, "可能包含敏感词", None, {"promptEn": prompt, "bannedWord": "nude"}))
        if content.mentions(prompt, "queue-full"):
            # Code 23 carries an id, but the task was rejected: fetching it gives task_no_found
            # (docs/PROTOCOLS.md#submit-envelope).
            return _ok(fixtures.mj_submit(23, "队列已满，请稍后尝试", self.new_id(),
                                          {"discordInstanceId": DISCORD_INSTANCE_ID}))
        return None

    def _accepted(self, task: Task) -> MjReply:
        """Code 22 (queued, still accepted) when the prompt mentions ``queued``, else code 1."""
        if content.mentions(task.prompt, "queued"):
            return _submitted(task.id, 22, "排队中，前面还有1个任务", numberOfQueues=1)
        return _submitted(task.id)

    def imagine(self, req: MjRequest) -> MjReply:
        prompt = req.text("prompt")
        verdict = self._prompt_verdict(prompt)
        if verdict is not None:
            return verdict
        images = req.body.get("base64Array") or []
        legacy = req.body.get("base64")
        if not isinstance(images, list):
            return _invalid("base64格式错误")
        if legacy:
            images = [*images, legacy]
        if any(content.image_from_text(image) is None for image in images):
            return _invalid("base64格式错误")
        task = self.add(req, "IMAGINE", prompt=prompt, description=f"/imagine {prompt}",
                        final_prompt=f"{prompt} --v 6.1", fails=content.mentions(prompt, "fail"))
        return self._accepted(task)

    def blend(self, req: MjRequest) -> MjReply:
        images = req.body.get("base64Array")
        if not isinstance(images, list) or not 2 <= len(images) <= 5:
            return _invalid("base64List参数错误")
        if any(content.image_from_text(image) is None for image in images):
            return _invalid("base64格式错误")
        dimensions = req.text("dimensions") or "SQUARE"
        if dimensions not in DIMENSIONS:
            return _invalid("dimensions参数错误")
        task = self.add(req, "BLEND", description=f"/blend {len(images)} images {dimensions}",
                        final_prompt=f"blend of {len(images)} images --ar {_RATIOS[dimensions]}")
        return _submitted(task.id)

    def describe(self, req: MjRequest) -> MjReply:
        link = req.text("link")
        image = content.image_from_text(req.body.get("base64"))
        if not link and not req.body.get("base64"):
            return _invalid("base64不能为空")
        if not link and image is None:
            return _invalid("base64格式错误")
        task = self.add(req, "DESCRIBE", description="/describe", final_prompt=describe_prompts(),
                        image=image, link=link)
        return _submitted(task.id)

    def shorten(self, req: MjRequest) -> MjReply:
        prompt = req.text("prompt")
        verdict = self._prompt_verdict(prompt)
        if verdict is not None:
            return verdict
        task = self.add(req, "SHORTEN", prompt=prompt, description=f"/shorten {prompt}",
                        final_prompt=shorten_prompts(prompt), fails=content.mentions(prompt, "fail"))
        return self._accepted(task)

    def swap_face(self, req: MjRequest) -> MjReply:
        for name in ("sourceBase64", "targetBase64"):
            if not req.body.get(name):
                return _invalid(f"{name}不能为空")
            if content.image_from_text(req.body[name]) is None:
                return _invalid("base64格式错误")
        task = self.add(req, "SWAP_FACE", description="/swap", colour=SWAP_FACE_COLOUR)
        return _submitted(task.id)

    # -- follow-ups on a finished task ---------------------------------------------------------

    def _parent(self, task_id: str) -> Task | MjReply:
        """The finished task a follow-up refers to, or new-api's HTTP 400 refusal."""
        parent = self.tasks.get(task_id)
        if parent is None:
            return _relay_error("task_no_found")
        if parent.status()[0] != "SUCCESS":
            return _relay_error("task_status_not_success")
        return parent

    def action(self, req: MjRequest) -> MjReply:
        task_id, custom_id = req.text("taskId"), req.text("customId")
        if not task_id:
            return _relay_error("task_id_is_required")
        if not custom_id:
            return _relay_error("custom_id_is_required")
        parent = self._parent(task_id)
        if isinstance(parent, MjReply):
            return parent
        button = next((b for b in parent.buttons() if b.custom_id == custom_id), None)
        if button is None:
            return _invalid("customId参数错误")  # not a button of that task (MJ-Plus validation, code 4)
        return self._press(req, parent, button, f"/action {parent.id} {custom_id}")

    def _press(self, req: MjRequest, parent: Task, button: Button, description: str) -> MjReply:
        """Create the task a button asks for; modal buttons answer code 21 and wait for the modal."""
        fields: dict[str, Any] = {"prompt": parent.prompt, "final_prompt": parent.final_prompt,
                                  "custom_id": button.custom_id, "description": description}
        if button.action == "UPSCALE":
            if button.index:
                fields.update(colour=fixtures.GRID_COLOURS[button.index - 1], size=SOLO_SIZE)
            else:
                fields.update(colour=parent.colour or fixtures.GRID_COLOURS[0], size=parent.size * button.scale)
        task = self.add(req, button.action, waiting_modal=button.modal, **fields)
        if button.modal:
            return _ok(fixtures.mj_submit(21, WAITING_FOR_MODAL, task.id,
                                          {"finalPrompt": parent.final_prompt, "remix": True}))
        return _submitted(task.id)

    def change(self, req: MjRequest) -> MjReply:
        task_id, action = req.text("taskId"), req.text("action").upper()
        index = req.body.get("index")
        if not task_id:
            return _relay_error("task_id_is_required")
        if not action:
            return _relay_error("action_is_required")
        if not index:  # new-api refuses index 0 even for REROLL (docs/PROTOCOLS.md#routes)
            return _relay_error("index_is_required")
        return self._change(req, task_id, action, index)

    def simple_change(self, req: MjRequest) -> MjReply:
        match = _SIMPLE_CHANGE.match(req.text("content"))
        if not match:
            return _invalid("content参数错误")
        command = match.group(2).upper()
        action = {"U": "UPSCALE", "V": "VARIATION", "R": "REROLL"}[command[0]]
        return self._change(req, match.group(1), action, int(command[1:] or 0))

    def _change(self, req: MjRequest, task_id: str, action: str, index: Any) -> MjReply:
        """``/submit/change`` and ``/submit/simple-change``: press the matching grid button."""
        parent = self._parent(task_id)
        if isinstance(parent, MjReply):
            return parent
        if action not in ("UPSCALE", "VARIATION", "REROLL"):
            return _invalid("action参数错误")
        if action != "REROLL" and (not isinstance(index, int) or not 1 <= index <= 4):
            return _invalid("index参数错误")
        wanted = {"UPSCALE": f"U{index}", "VARIATION": f"V{index}", "REROLL": ""}[action]
        button = next((b for b in parent.buttons() if b.label == wanted and b.action == action), None)
        if button is None:
            return _invalid("关联任务状态错误")  # e.g. U2 on an upscaled image: it has no grid
        return self._press(req, parent, button, f"/up {parent.id} {wanted or 'R'}")

    def modal(self, req: MjRequest) -> MjReply:
        task_id = req.text("taskId")
        if not task_id:
            return _relay_error("task_id_is_required")
        task = self.tasks.get(task_id)
        if task is None:
            return _relay_error("task_no_found")
        if not task.waiting_modal:
            return _invalid("任务状态错误")  # no window waiting for confirmation
        if task.action == "INPAINT":
            if not req.body.get("maskBase64"):
                return _invalid("maskBase64不能为空")
            if content.image_from_text(req.body["maskBase64"]) is None:
                return _invalid("base64格式错误")
        polls = req.polls if any(_POLLS_CASE.fullmatch(c) for c in req.cases) else task.polls
        task.confirm_modal(req.text("prompt"), polls)
        return _submitted(task.id)

    # -- queries -------------------------------------------------------------------------------

    def fetch(self, task_id: str, req: MjRequest) -> MjReply:
        task = self.tasks.get(task_id)
        if task is None:
            return _relay_error("task_no_found")
        task.fetch()
        return _ok(task.dto(req.base_url))

    def list_by_condition(self, req: MjRequest) -> MjReply:
        """``{"ids": [...]}`` -> those tasks in that order (unknown ids left out); no ``ids`` -> every task;
        an optional ``state`` filters on the submitted ``state``. Each task returned counts as a fetch."""
        ids = req.body.get("ids")
        if isinstance(ids, list):
            wanted = dict.fromkeys(str(i) for i in ids if isinstance(i, (str, int)))
            tasks = [self.tasks[i] for i in wanted if i in self.tasks]
        else:
            tasks = list(self.tasks.values())
        state = req.body.get("state")
        if isinstance(state, str) and state:
            tasks = [t for t in tasks if t.state == state]
        for task in tasks:
            task.fetch()
        return _ok([task.dto(req.base_url) for task in tasks])

    def image_seed(self, task_id: str) -> MjReply:
        if task_id not in self.tasks:
            return _relay_error("task_no_found")
        return _ok({"code": 1, "description": "成功", "result": IMAGE_SEED})

    def image(self, task_id: str) -> MjReply:
        """``/mj/image/{id}`` (no auth): the PNG once the task shows an imageUrl (new-api answers 400
        for an unknown task and 500 when it cannot fetch the image)."""
        task = self.tasks.get(task_id)
        if task is None:
            return MjReply(400, {"error": "midjourney_task_not_found"})
        png = task.png()
        if png is None or not task.image_url(""):
            return MjReply(500, {"error": "http_get_image_failed"})
        return MjReply(200, png)


_POST_HANDLERS: dict[str, Callable[[MjStore, MjRequest], MjReply]] = {
    "/mj/submit/imagine": MjStore.imagine,
    "/mj/submit/action": MjStore.action,
    "/mj/submit/modal": MjStore.modal,
    "/mj/submit/change": MjStore.change,
    "/mj/submit/simple-change": MjStore.simple_change,
    "/mj/submit/blend": MjStore.blend,
    "/mj/submit/describe": MjStore.describe,
    "/mj/submit/shorten": MjStore.shorten,
    "/mj/insight-face/swap": MjStore.swap_face,
    "/mj/task/list-by-condition": MjStore.list_by_condition,
}

POST_ROUTES = tuple(_POST_HANDLERS)
