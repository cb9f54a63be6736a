"""Ideogram's native routes as relays pass them on: `POST /ideogram/generate`, `/remix`, `/upscale` and
`/describe` (docs/PROTOCOLS.md#ideogram).

Every route answers in the same request (nothing to poll). Generate sends JSON `{"image_request": {…}}`;
remix and upscale send multipart with the picture as the file `image_file` and `image_request` as a JSON
string; describe sends the picture alone and answers `{"descriptions": [{"text"}]}`. Images come back as
`{"created", "data": [{"url", "is_image_safe", "prompt", "resolution", "seed", "style_type"}]}`; an image
Ideogram judged unsafe comes without a link, and an answer whose every image is withheld is
`ImageRefused`. Relays differ on the key's header (one documents `Api-Key`, as Ideogram does, another
`Authorization: Bearer`), so the client sends both on these routes (`RelayClient.ideogram`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from studio.api.errors import ApiError, BadResponse
from studio.api.sizes import nearest_ratio
from studio.errors import InputError

if TYPE_CHECKING:
    from studio.api.client import RelayClient

#: the aspect ratios of `image_request.aspect_ratio` (`ASPECT_W_H`), the default first
ASPECT_RATIOS = ("1:1", "10:16", "16:10", "9:16", "16:9", "3:2", "2:3", "4:3", "3:4", "1:3", "3:1")
DEFAULT_ASPECT = "ASPECT_1_1"
DEFAULT_MODEL = "V_2"
MAGIC_PROMPT_OPTIONS = ("AUTO", "ON", "OFF")
#: images one generate or remix makes at most (`num_images`)
MAX_IMAGES = 8

# "ideogram-v2", "ideogram_v2a_turbo", "V_2_TURBO": the version, Ideogram's "a" builds, turbo
_VERSION = re.compile(r"(?:^|[^a-z])v[_-]?(\d+)(a?)(?![a-z0-9])")
_TURBO = re.compile(r"(?:^|[^a-z])turbo(?![a-z])")


def aspect_ratio(size: str | None) -> str:
    """The `ASPECT_W_H` nearest to a `WIDTHxHEIGHT` size (by the ratio's logarithm, so 2:1 is as far from
    1:1 as 1:2); `ASPECT_1_1` for no size or `auto`. Ideogram takes no pixel sizes on these routes."""
    if not size or size.strip().lower() == "auto":
        return DEFAULT_ASPECT
    ratio = nearest_ratio(size, ASPECT_RATIOS)
    if ratio is None:
        raise InputError(f"{size!r} is not a size; write it as WIDTHxHEIGHT, e.g. 1024x1024, or auto.")
    return "ASPECT_" + ratio.replace(":", "_")


def model_code(model: str) -> str:
    """Ideogram's model code for a relay's model id: `ideogram-v2` → `V_2`, `ideogram-v2a-turbo` →
    `V_2A_TURBO`, `ideogram-v1` → `V_1`; a name without a version (`ideogram`) → `V_2`."""
    name = model.strip().lower()
    found = _VERSION.search(name)
    code = f"V_{found.group(1)}{found.group(2).upper()}" if found else DEFAULT_MODEL
    return f"{code}_TURBO" if _TURBO.search(name) else code


@dataclass(frozen=True, slots=True)
class ImageRequest:
    """The `image_request` of a generate or remix. `aspect_ratio` and `magic_prompt_option` are always
    sent (Ideogram's defaults); `num_images` above one and the optional fields only when set."""

    prompt: str
    model: str = DEFAULT_MODEL
    aspect_ratio: str = DEFAULT_ASPECT
    magic_prompt_option: str = "AUTO"
    num_images: int = 1
    style_type: str | None = None
    negative_prompt: str | None = None
    seed: int | None = None
    resolution: str | None = None
    image_weight: int | None = None  # remix: how much the picture counts (1-100)

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"prompt": self.prompt, "aspect_ratio": self.aspect_ratio, "model": self.model,
                                "magic_prompt_option": self.magic_prompt_option}
        if self.num_images != 1:
            body["num_images"] = self.num_images
        for key, value in (("style_type", self.style_type), ("negative_prompt", self.negative_prompt),
                           ("seed", self.seed), ("resolution", self.resolution),
                           ("image_weight", self.image_weight)):
            if value is not None and value != "":
                body[key] = value
        return body


@dataclass(frozen=True, slots=True)
class IdeogramImage:
    """One image of an answer: its link (it expires) and what Ideogram reports about it."""

    url: str
    prompt: str | None = None  # the prompt as Ideogram used it (MagicPrompt may rewrite it)
    resolution: str | None = None
    seed: int | None = None
    style_type: str | None = None


@dataclass(frozen=True, slots=True)
class IdeogramAnswer:
    images: tuple[IdeogramImage, ...]
    withheld: int = 0  # images Ideogram judged unsafe and sent without a link


class ImageRefused(ApiError):
    """Every image of the answer was withheld as unsafe (`is_image_safe: false`, no link)."""

    def __init__(self, count: int) -> None:
        what = "the image" if count == 1 else f"all {count} images"
        super().__init__(f"Ideogram refused {what} as unsafe and sent no link; change the prompt or the "
                         "picture and try again.")
        self.count = count


#: (file name, bytes, mime) of a picture to send
ImageFile = tuple[str, bytes, str]


class Ideogram:
    """Ideogram's routes on a client; relays read the key there from `Api-Key` or `Authorization`, so it
    goes in both."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client
        self._headers = client.key_header("Api-Key")

    async def generate(self, request: ImageRequest) -> IdeogramAnswer:
        payload = await self._client.post_json("/ideogram/generate", {"image_request": request.body()},
                                               headers=self._headers)
        return parse_images(payload)

    async def remix(self, request: ImageRequest, image: ImageFile) -> IdeogramAnswer:
        """A new picture from `image` and the prompt (multipart: `image_file`, `image_request` as JSON text)."""
        return parse_images(await self._multipart("/ideogram/remix", image, request.body()))

    async def upscale(self, image: ImageFile, *, prompt: str | None = None, resemblance: int | None = None,
                      detail: int | None = None, magic_prompt_option: str | None = None,
                      seed: int | None = None) -> IdeogramAnswer:
        """`image` made larger; the optional fields steer how closely it keeps to the original."""
        fields = {"resemblance": resemblance, "detail": detail, "magic_prompt_option": magic_prompt_option,
                  "prompt": prompt, "seed": seed}
        body = {key: value for key, value in fields.items() if value is not None and value != ""}
        return parse_images(await self._multipart("/ideogram/upscale", image, body))

    async def describe(self, image: ImageFile) -> list[str]:
        """Descriptions of `image`, as text (multipart: `image_file` alone)."""
        return parse_descriptions(await self._multipart("/ideogram/describe", image, None))

    async def _multipart(self, path: str, image: ImageFile, image_request: dict[str, Any] | None) -> Any:
        form = {} if image_request is None else {"image_request": json.dumps(image_request, ensure_ascii=False)}
        response = await self._client.request("POST", path, form=form, files=[("image_file", image)],
                                              headers=self._headers)
        return self._client.decode_json(response)


def _unsafe(value: Any) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def _seed(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def parse_images(payload: Any) -> IdeogramAnswer:
    """The images of a generate, remix or upscale answer; `ImageRefused` when Ideogram withheld them all,
    `BadResponse` when there is nothing to read."""
    items = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(items, list):
        raise BadResponse("The relay's Ideogram answer has no data.")
    images, withheld = [], 0
    for item in items:
        if not isinstance(item, dict):
            continue
        url = _text(item.get("url"))
        if _unsafe(item.get("is_image_safe")) or url is None:
            withheld += _unsafe(item.get("is_image_safe"))
            continue
        images.append(IdeogramImage(url, _text(item.get("prompt")), _text(item.get("resolution")),
                                    _seed(item.get("seed")), _text(item.get("style_type"))))
    if not images and withheld:
        raise ImageRefused(withheld)
    if not images:
        raise BadResponse("The relay's Ideogram answer contains no image.")
    return IdeogramAnswer(tuple(images), withheld)


def parse_descriptions(payload: Any) -> list[str]:
    items = payload.get("descriptions") if isinstance(payload, dict) else None
    if not isinstance(items, list):
        raise BadResponse("The relay's Ideogram describe answer has no descriptions.")
    texts = []
    for item in items:
        value = item.get("text") if isinstance(item, dict) else item
        if isinstance(value, str) and value.strip():
            texts.append(value.strip())
    if not texts:
        raise BadResponse("The relay's Ideogram describe answer has no description.")
    return texts
