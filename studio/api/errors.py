"""Typed errors for everything a relay can answer, each with one human sentence.

Relays speak many error dialects (docs/PROTOCOLS.md#errors): new-api `{"error":{message,type,code}}`,
one-api variants, Claude's `{"type":"error","error":{...}}`, `{"success":false,"message"}`, task-style
`{"code","message"}`, MJ `{"description"}`, nginx/Cloudflare HTML pages, plain text and empty bodies.
`error_from_response` reads any of them into one class of this hierarchy, keeping the relay's
request id so a user can quote it to the relay's support.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from studio.errors import ErrorInfo, StudioError, error_info

_REQUEST_ID_IN_TEXT = re.compile(r"\s*[(（]\s*request id:\s*([^)）]+)[)）]\s*$", re.IGNORECASE)
_REQUEST_ID_HEADERS = ("x-oneapi-request-id", "x-new-api-request-id", "x-request-id", "request-id")
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_HTML_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_MAX_DETAIL = 240


class ApiError(StudioError):
    """Base of every relay/network failure. `str(err)` is one sentence for the user."""

    def __init__(self, sentence: str, *, request_id: str | None = None) -> None:
        self.request_id = request_id
        if request_id:
            sentence = f"{sentence.rstrip('.')} (request id: {request_id})."
        super().__init__(sentence)

    def describe(self) -> ErrorInfo | None:
        code = next((_API_CODES[c] for c in type(self).__mro__ if c in _API_CODES), None)
        return error_info(code, request_id=self.request_id) if code else None


class NetworkError(ApiError):
    """The relay could not be reached, or the connection broke before an answer.

    `reason` names the case ("refused", "dns", "tls", "proxy", "broken", "connect-timeout",
    "read-timeout", "timeout", "deadline" (a metadata call's whole wait), "other") so a front end can
    word it in the user's language.
    """

    def __init__(self, sentence: str, *, host: str = "", reason: str = "other", seconds: float | None = None) -> None:
        super().__init__(sentence)
        self.host = host
        self.reason = reason
        self.seconds = seconds

    def describe(self) -> ErrorInfo | None:
        return error_info(f"network.{self.reason}", host=self.host, seconds=self.seconds)


class RelayTimeout(NetworkError):
    """The relay sent nothing for longer than the configured timeout."""


class BadResponse(ApiError):
    """The relay answered, but not in a shape this client can read."""


class WebPageAnswer(BadResponse):
    """A web page where JSON (or a stream) was expected: the base URL leads to the relay's website, or the
    relay has no such route and its site answered instead; a family may name the route it lacks."""


class StreamInterrupted(ApiError):
    """A streamed reply stopped before it finished; what arrived is kept by the caller."""


class RelayError(ApiError):
    """The relay answered with an error. Subclasses name the common cases."""

    category = "The relay returned an error"

    def __init__(
        self,
        status: int,
        message: str = "",
        *,
        code: str | None = None,
        error_type: str | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.status = status
        self.message = message
        self.code = code
        self.error_type = error_type
        self.retry_after = retry_after
        super().__init__(self._sentence(), request_id=request_id)

    def describe(self) -> ErrorInfo | None:
        """`relay.<kind>` (`RELAY_CODES`) with the status, the relay's own message and request id."""
        kind = next((RELAY_CODES[c] for c in type(self).__mro__ if c in RELAY_CODES), "error")
        return error_info(f"relay.{kind}", status=self.status, message=self.message, request_id=self.request_id,
                          retry_after=self.retry_after if isinstance(self, RateLimited) else None)

    def _sentence(self) -> str:
        where = f"HTTP {self.status}" if self.status else "in the reply"
        detail = f": {self.message}" if self.message else ""
        return f"{self.category}{detail} ({where})."


class BadRequest(RelayError):
    category = "The relay rejected the request"


class AuthError(RelayError):
    category = "The relay rejected the API key; check the key of this profile"


class QuotaExceeded(RelayError):
    category = "The relay account has no quota left"


class PermissionDenied(RelayError):
    category = "The relay refused the request"


class NotFound(RelayError):
    category = "The relay does not know this endpoint; check the base URL"


class ModelUnavailable(RelayError):
    category = "The relay has no channel for this model"


class RateLimited(RelayError):
    category = "The relay is rate-limiting requests, try again shortly"

    def _sentence(self) -> str:
        sentence = super()._sentence()
        if self.retry_after and self.retry_after > 0:
            sentence = f"{sentence.rstrip('.')}; it asks to wait {self.retry_after:g} s."
        return sentence


class NotImplementedByRelay(RelayError):
    category = "The relay does not implement this endpoint"


class ServerError(RelayError):
    category = "The relay failed"


class StreamError(RelayError):
    """An `{"error": …}` chunk (or Claude `error` event) arrived in the middle of a stream."""

    category = "The relay reported an error in the middle of the reply"


class NoRoute(NotFound):
    """A 404 (new-api's "Invalid URL") for a family's own route: the relay does not offer that service. The
    sentence names what it lacks; `describe` gives `route.missing` with the service and the route, which a
    front end that does not know the code shows as this English sentence."""

    def __init__(self, route: str, exc: NotFound, *, service: str, category: str | None = None) -> None:
        self.route, self.service = route, service
        self.category = category or f"The relay has no {service} route (POST {route})"  # read by `_sentence`
        super().__init__(exc.status, exc.message, code=exc.code, error_type=exc.error_type,
                         request_id=exc.request_id)

    def describe(self) -> ErrorInfo | None:
        return error_info("route.missing", service=self.service, route=self.route, status=self.status,
                          message=self.message, request_id=self.request_id)


class RouteWebPage(WebPageAnswer):
    """A web page where a family's route should answer: the relay's site took the request, so the relay has
    no such route there (or the base URL leads to the site); `describe` gives `route.web-page`."""

    def __init__(self, route: str, *, service: str, lacks: str | None = None) -> None:
        self.route, self.service = route, service
        super().__init__(f"The relay answered POST {route} with a web page, so it has no {lacks or service + ' route'} "
                         "there; check that the base URL points at the API, not the relay's website.")

    def describe(self) -> ErrorInfo | None:
        return error_info("route.web-page", service=self.service, route=self.route)


#: the kind in a relay error's code (`RelayError.describe`), by class; a subclass of these takes its parent's
RELAY_CODES: dict[type[RelayError], str] = {
    AuthError: "auth", QuotaExceeded: "quota", PermissionDenied: "refused", NotFound: "not-found",
    ModelUnavailable: "no-channel", RateLimited: "rate-limited", NotImplementedByRelay: "not-implemented",
    ServerError: "failed", StreamError: "stream-error", BadRequest: "rejected", RelayError: "error",
}
#: the codes of the other failures of a relay call that a front end words by their kind alone
_API_CODES: dict[type[ApiError], str] = {StreamInterrupted: "relay.cut-off", BadResponse: "relay.unreadable"}


# -- reading error bodies --------------------------------------------------------------------------


def split_request_id(message: str) -> tuple[str, str | None]:
    """`"bad (request id: 123)"` → `("bad", "123")`."""
    match = _REQUEST_ID_IN_TEXT.search(message)
    if not match:
        return message.strip(), None
    return message[: match.start()].strip(), match.group(1).strip()


def _clip(text: str) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= _MAX_DETAIL else text[: _MAX_DETAIL - 1] + "…"


def _html_summary(text: str) -> str:
    for pattern in (_HTML_TITLE, _HTML_H1):
        match = pattern.search(text)
        if match:
            found = _clip(_TAGS.sub(" ", match.group(1)))
            if found:
                return found
    return ""


def looks_like_html(body: str, content_type: str = "") -> bool:
    head = body.lstrip()[:200].lower()
    return "html" in content_type.lower() or head.startswith(("<!doctype html", "<html", "<head", "<body"))


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def parse_error_payload(payload: Any) -> tuple[str, str | None, str | None] | None:
    """Pick `(message, code, type)` out of any known JSON error shape, or None if it is not one."""
    if not isinstance(payload, Mapping):
        return None
    error = payload.get("error")
    if isinstance(error, Mapping):  # new-api, one-api, Claude, billing and mid-stream error chunks
        message = _as_text(error.get("message") or error.get("msg") or "")
        code = error.get("code")
        return message, (None if code in (None, "") else str(code)), _as_text(error.get("type")) or None
    if isinstance(error, str) and error:
        return error, None, None
    if payload.get("success") is False:
        return _as_text(payload.get("message") or payload.get("msg")), None, None
    if "description" in payload and payload.get("code") not in (None, 1, 21, 22):  # new-api's MJ relay
        return _as_text(payload.get("description")), _as_text(payload.get("code")) or None, None
    code = payload.get("code")
    if isinstance(code, str) and code not in ("", "success") and "message" in payload:  # task families
        return _as_text(payload.get("message")) or code, code, None
    if "detail" in payload and len(payload) <= 2:  # FastAPI-style gateways
        return _as_text(payload.get("detail")), None, None
    return None


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """Read `retry-after-ms` or `retry-after` (seconds; HTTP dates are ignored)."""
    value = headers.get("retry-after-ms")
    if value:
        try:
            return max(0.0, float(value) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            return None
    return None


def _class_for(status: int, code: str | None, message: str) -> type[RelayError]:
    lowered = (code or "").lower()
    if status == 401:
        return AuthError
    if "quota" in lowered:  # OpenAI answers an empty balance with 429 insufficient_quota
        return QuotaExceeded
    if status == 429:
        return RateLimited
    if status == 403:
        if "quota" in lowered or "额度" in message or "quota" in message.lower():
            return QuotaExceeded
        if "令牌" in message or ("token" in message.lower() and "invalid" in message.lower()):
            return AuthError
        return PermissionDenied
    if lowered == "model_not_found" or (status == 503 and "无可用渠道" in message):
        return ModelUnavailable
    if status == 404:
        return NotFound
    if status == 501:
        return NotImplementedByRelay
    if status >= 500:
        return ServerError
    return BadRequest


def error_from_response(
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    redact: Callable[[str], str] = lambda text: text,
) -> RelayError:
    """Turn an error response (any status, any body) into a `RelayError` subclass."""
    text = body.decode("utf-8", errors="replace")
    content_type = headers.get("content-type", "")
    message, code, error_type = "", None, None
    payload: Any = None
    if text.strip() and not looks_like_html(text, content_type):
        try:
            payload = json.loads(text)
        except ValueError:
            payload = None
    parsed = parse_error_payload(payload)
    if parsed is not None:
        message, code, error_type = parsed
    elif looks_like_html(text, content_type):
        summary = _html_summary(text)
        message = f"an HTML error page ({summary})" if summary else "an HTML error page"
    elif payload is None and text.strip():
        message = text.strip().splitlines()[0]
    elif not text.strip():
        message = "empty response body"
    message, request_id = split_request_id(redact(message))
    if request_id is None:
        request_id = next((headers[h] for h in _REQUEST_ID_HEADERS if headers.get(h)), None)
    cls = _class_for(status, code, message)
    return cls(
        status,
        _clip(message),
        code=code,
        error_type=error_type,
        request_id=request_id,
        retry_after=retry_after_seconds(headers),
    )
