"""OpenAI-format images: `POST /v1/images/generations` and `/edits` (docs/PROTOCOLS.md#images).

Relays answer with `url` (a string, or an object with `url` in some builds), `b64_json` with or
without a `data:image/…;base64,` prefix, empty strings for the field they did not fill, and `n`
results. Decoding base64 is CPU work: callers run `ImageResult.decode` in a thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from studio.api.chatmedia import decode_data_url
from studio.api.errors import BadResponse

if TYPE_CHECKING:
    from studio.api.client import RelayClient


@dataclass(frozen=True, slots=True)
class ImageResult:
    """One generated image: a link to fetch, or the encoded bytes, and the prompt the model used."""

    url: str | None = None
    b64: str | None = None  # still encoded; see `decode`
    revised_prompt: str | None = None

    def decode(self) -> bytes:
        """The image bytes of a `b64_json` result (a data-URI prefix is stripped)."""
        if not self.b64:
            raise BadResponse("The relay's image result has no data.")
        return decode_data_url(self.b64)


class Images:
    """`client.images`."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def generate(self, *, model: str, prompt: str, n: int = 1, size: str | None = None,
                       quality: str | None = None, response_format: str | None = None,
                       extra: dict[str, Any] | None = None) -> list[ImageResult]:
        body: dict[str, Any] = {"model": model, "prompt": prompt, "n": n}
        for key, value in (("size", size), ("quality", quality), ("response_format", response_format)):
            if value:
                body[key] = value
        body.update(extra or {})
        payload = await self._client.post_json("/v1/images/generations", body)
        return parse_image_results(payload)

    async def edit(self, *, model: str, prompt: str, images: list[tuple[str, bytes, str]],
                   mask: tuple[str, bytes, str] | None = None, n: int = 1, size: str | None = None,
                   quality: str | None = None, response_format: str | None = None) -> list[ImageResult]:
        """`POST /v1/images/edits` (multipart): `images` and `mask` are (file name, bytes, mime)."""
        form: dict[str, Any] = {"model": model, "prompt": prompt, "n": str(n)}
        for key, value in (("size", size), ("quality", quality), ("response_format", response_format)):
            if value:
                form[key] = value
        field = "image[]" if len(images) > 1 else "image"
        files: list[tuple[str, Any]] = [(field, image) for image in images]
        if mask is not None:
            files.append(("mask", mask))
        payload = await self._client.post_multipart("/v1/images/edits", form, files)
        return parse_image_results(payload)

    async def variation(self, *, model: str, image: tuple[str, bytes, str], n: int = 1,
                        size: str | None = None) -> list[ImageResult]:
        """`POST /v1/images/variations` (multipart; DALL·E 2). new-api and one-api answer 501."""
        form: dict[str, Any] = {"model": model, "n": str(n)}
        if size:
            form["size"] = size
        payload = await self._client.post_multipart("/v1/images/variations", form, [("image", image)])
        return parse_image_results(payload)


def parse_image_results(payload: Any) -> list[ImageResult]:
    items = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(items, list):
        raise BadResponse("The relay's image answer has no data.")
    results = []
    for item in items:
        if isinstance(item, str):  # a bare URL list
            results.append(ImageResult(url=item))
            continue
        if not isinstance(item, dict):
            continue
        url = item.get("url")
        if isinstance(url, dict):
            url = url.get("url")
        b64 = item.get("b64_json") or None
        result = ImageResult(url=url or None, b64=b64, revised_prompt=item.get("revised_prompt") or None)
        if result.url or result.b64:
            results.append(result)
    if not results:
        raise BadResponse("The relay's image answer contains no image.")
    return results
