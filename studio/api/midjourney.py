"""Midjourney through the midjourney-proxy protocol (docs/PROTOCOLS.md#midjourney).

Submits answer an envelope `{"code", "description", "result", "properties"}` where 1 (submitted),
21 (exists / waiting for a modal) and 22 (queued) mean accepted and `result` is the task id; every
other code is a refusal whose sentence is `description`. Tasks are polled with
`GET /mj/task/{id}/fetch`; their `buttons` carry opaque `customId`s sent back to
`/mj/submit/action`. A mode (`fast`, `relax`, `turbo`) becomes a `/mj-<mode>` path prefix.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from studio.api.errors import ApiError, BadResponse
from studio.errors import InputError

if TYPE_CHECKING:
    from studio.api.client import RelayClient

MODES = ("fast", "relax", "turbo")
ACCEPTED_CODES = frozenset({1, 21, 22})

#: what each submit code means, for the sentence shown when the relay refuses (docs/PROTOCOLS.md#submit-envelope).
CODE_MEANINGS = {
    1: "submitted",
    3: "the relay has no Midjourney account available or the task is gone",
    4: "the request was not valid",
    9: "the Midjourney service had an internal error",
    21: "the task already exists or waits for a confirmation",
    22: "queued",
    23: "the Midjourney queue is full; try again later",
    24: "the prompt contains a banned word",
}

#: short button names (docs/PROTOCOLS.md#buttons) → a pattern that finds the button by its customId.
BUTTON_ALIASES: dict[str, re.Pattern[str]] = {
    **{f"U{i}": re.compile(rf"::upsample::{i}::") for i in range(1, 5)},
    **{f"V{i}": re.compile(rf"::variation::{i}::") for i in range(1, 5)},
    "reroll": re.compile(r"::reroll::"),
    "zoom-2x": re.compile(r"::Outpaint::50::"),
    "zoom-1.5x": re.compile(r"::Outpaint::75::"),
    "zoom-custom": re.compile(r"::CustomZoom::"),
    "pan-left": re.compile(r"::pan_left::"),
    "pan-right": re.compile(r"::pan_right::"),
    "pan-up": re.compile(r"::pan_up::"),
    "pan-down": re.compile(r"::pan_down::"),
    "vary-strong": re.compile(r"::high_variation::"),
    "vary-subtle": re.compile(r"::low_variation::"),
    "vary-region": re.compile(r":Inpaint::"),
    "upscale-2x": re.compile(r"::upsample_v\d+(r\d+)?_2x"),
    "upscale-4x": re.compile(r"::upsample_v\d+(r\d+)?_4x"),
}
#: buttons whose action the relay answers with code 21 and a modal (a prompt, a mask) to submit.
MODAL_BUTTONS = frozenset({"vary-region", "zoom-custom"})


class SubmitRefused(ApiError):
    """The relay answered a Midjourney submit with a code other than 1/21/22."""

    def __init__(self, code: int | None, description: str, properties: dict[str, Any] | None = None) -> None:
        self.code = code
        self.description = description
        self.properties = properties or {}
        banned = self.properties.get("bannedWord")
        meaning = CODE_MEANINGS.get(code or 0, "the request was refused")
        sentence = f"Midjourney refused the task: {meaning}"
        if description and description.strip() != meaning:
            sentence += f" ({description.strip()})"
        if banned:
            sentence += f"; banned word: {banned}"
        super().__init__(sentence + ".")


@dataclass(frozen=True, slots=True)
class MjButton:
    custom_id: str
    label: str = ""
    emoji: str = ""

    @property
    def name(self) -> str | None:
        """The short name (`U1`, `zoom-2x`, …; docs/PROTOCOLS.md#buttons), None for buttons without one."""
        for alias, pattern in BUTTON_ALIASES.items():
            if pattern.search(self.custom_id):
                return alias
        return None

    @property
    def text(self) -> str:
        """What the relay labels it with: the label, else the emoji, else the short name."""
        return self.label or self.emoji or self.name or self.custom_id

    def as_dict(self) -> dict[str, str]:
        return {"customId": self.custom_id, "label": self.label, "emoji": self.emoji}


@dataclass(frozen=True, slots=True)
class MjSubmit:
    code: int
    description: str
    task_id: str
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def needs_modal(self) -> bool:
        """Code 21 "Waiting for window confirm": `/mj/submit/modal` must follow with this task id."""
        return self.code == 21 and self.properties.get("status") != "SUCCESS"


@dataclass(frozen=True, slots=True)
class MjTask:
    id: str
    action: str
    status: str  # NOT_START, SUBMITTED, IN_PROGRESS, SUCCESS, FAILURE, MODAL, CANCEL ("" → SUBMITTED)
    progress: float | None
    image_url: str | None
    fail_reason: str
    buttons: tuple[MjButton, ...]
    final_prompt: str
    prompt: str = ""

    @property
    def phase(self) -> Literal["queued", "running", "succeeded", "failed"]:
        """One of "queued", "running", "succeeded", "failed" (docs/PROTOCOLS.md#task)."""
        if self.status == "SUCCESS":
            return "succeeded"
        if self.status in ("FAILURE", "CANCEL"):
            return "failed"
        if self.status in ("IN_PROGRESS", "MODAL"):
            return "running"
        return "queued"


def find_button(buttons: tuple[MjButton, ...] | list[MjButton], wanted: str) -> MjButton:
    """The button called `wanted`: a short name (docs/PROTOCOLS.md#buttons), the exact label, or the customId."""
    key = wanted.strip()
    alias = next((a for a in BUTTON_ALIASES if a.lower() == key.lower()), None)
    for button in buttons:
        if alias is not None and button.name == alias:
            return button
        if key and (button.custom_id == key or button.label == key or button.emoji == key):
            return button
    names = [b.name or b.label or b.custom_id for b in buttons]
    if not names:
        raise InputError("That Midjourney result has no buttons.")
    raise InputError(f"That result has no button {wanted!r}; it has: {', '.join(names)}.")


def _properties(payload: dict[str, Any]) -> dict[str, Any]:
    properties = payload.get("properties")
    return properties if isinstance(properties, dict) else {}


def parse_submit(payload: Any) -> MjSubmit:
    if not isinstance(payload, dict) or "code" not in payload:
        raise BadResponse("The relay's Midjourney answer is not a submit result.")
    try:
        code = int(payload["code"])
    except (TypeError, ValueError):
        code = -1
    description = str(payload.get("description") or "").strip()
    properties = _properties(payload)
    result = payload.get("result")
    if code not in ACCEPTED_CODES or result in (None, ""):
        raise SubmitRefused(code, description, properties)
    return MjSubmit(code, description, str(result), properties)


def parse_task(payload: Any) -> MjTask:
    if not isinstance(payload, dict) or not payload.get("id"):
        raise BadResponse("The relay's Midjourney task has no id.")
    properties = _properties(payload)
    buttons = tuple(
        MjButton(str(b["customId"]), str(b.get("label") or ""), str(b.get("emoji") or ""))
        for b in payload.get("buttons") or () if isinstance(b, dict) and b.get("customId")
    )
    status = str(payload.get("status") or "SUBMITTED").upper()
    return MjTask(
        id=str(payload["id"]), action=str(payload.get("action") or ""), status=status,
        progress=_percent(payload.get("progress")), image_url=str(payload.get("imageUrl") or "") or None,
        fail_reason=str(payload.get("failReason") or ""), buttons=buttons,
        final_prompt=str(properties.get("finalPrompt") or ""), prompt=str(payload.get("prompt") or ""),
    )


def _percent(value: Any) -> float | None:
    match = re.search(r"(\d+(?:\.\d+)?)\s*%", str(value or ""))
    return min(100.0, float(match.group(1))) if match else None


def numbered_prompts(text: str) -> list[str]:
    """Split describe/shorten results ("1️⃣ … 2️⃣ …") into their prompts."""
    parts = re.split(r"\s*[1-9]\ufe0f?\u20e3\s*", text)
    return [p.strip() for p in parts if p.strip()]


class Midjourney:
    """`client.midjourney(mode)`: one method per route of docs/PROTOCOLS.md#routes; `state` is echoed in the task."""

    def __init__(self, client: RelayClient, mode: str | None = None) -> None:
        if mode and mode not in MODES:
            raise InputError(f"Unknown Midjourney mode {mode!r}; choose one of {', '.join(MODES)}.")
        self._client = client
        self._prefix = f"/mj-{mode}" if mode else ""

    async def _submit(self, route: str, body: dict[str, Any], *, prefix: bool = True) -> MjSubmit:
        path = f"{self._prefix if prefix else ''}/mj/{route}"
        response = await self._client.request("POST", path, json_body=body)
        try:
            payload = json.loads(response.text)
        except ValueError:
            payload = None
        if isinstance(payload, dict) and isinstance(payload.get("code"), int) and "description" in payload:
            return parse_submit(payload)  # the envelope: code 24 & co. are refusals, not transport errors
        return parse_submit(self._client.decode_json(response))

    async def imagine(self, prompt: str, *, images: list[str] | None = None, bot: str = "MID_JOURNEY",
                      state: str = "") -> MjSubmit:
        return await self._submit("submit/imagine", {"prompt": prompt, "base64Array": images or [],
                                                     "botType": bot, "state": state})

    async def action(self, task_id: str, custom_id: str, *, state: str = "") -> MjSubmit:
        return await self._submit("submit/action", {"taskId": task_id, "customId": custom_id, "state": state})

    async def modal(self, task_id: str, *, prompt: str = "", mask: str | None = None) -> MjSubmit:
        body: dict[str, Any] = {"taskId": task_id, "prompt": prompt}
        if mask:
            body["maskBase64"] = mask
        return await self._submit("submit/modal", body)

    async def blend(self, images: list[str], *, dimensions: str = "SQUARE", state: str = "") -> MjSubmit:
        return await self._submit("submit/blend", {"base64Array": images, "dimensions": dimensions, "state": state})

    async def describe(self, image: str, *, state: str = "") -> MjSubmit:
        return await self._submit("submit/describe", {"base64": image, "state": state})

    async def shorten(self, prompt: str, *, state: str = "") -> MjSubmit:
        return await self._submit("submit/shorten", {"prompt": prompt, "state": state})

    async def swap_face(self, source: str, target: str, *, state: str = "") -> MjSubmit:
        # new-api serves this one without the mode prefix
        return await self._submit("insight-face/swap", {"sourceBase64": source, "targetBase64": target,
                                                        "state": state}, prefix=False)

    async def fetch(self, task_id: str) -> MjTask:
        return parse_task(await self._client.get_json(f"{self._prefix}/mj/task/{task_id}/fetch"))

    async def list_tasks(self, task_ids: list[str]) -> list[MjTask]:
        payload = await self._client.post_json(f"{self._prefix}/mj/task/list-by-condition", {"ids": task_ids})
        if not isinstance(payload, list):
            raise BadResponse("The relay's Midjourney task list is not a list.")
        return [parse_task(item) for item in payload if isinstance(item, dict) and item.get("id")]
