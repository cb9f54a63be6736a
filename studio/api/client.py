"""`RelayClient`: one `httpx.AsyncClient` per profile, retries, error mapping.

Every protocol family is a resource on the client (`client.chat`, `client.models`, …) that only
uses `request`/`get_json`/`post_json`/`stream` from here. The API key is sent verbatim (surrounding
whitespace stripped) in the `Authorization` header and nowhere else (a route whose relays read it from
another header asks for `key_header`, e.g. Ideogram's `Api-Key`), and it is scrubbed from every
error message this module builds.

Retry policy (after openai-python's `_should_retry`, docs/PROTOCOLS.md#retries): 408/409/429 and ≥ 500 are
retried — `Retry-After` honoured up to `max_retry_after`, otherwise exponential backoff with jitter —
at most `max_attempts` tries in all. A request that may have reached the relay is only retried when it
got an answer; a timeout after sending is never retried for a POST, because the relay may charge for it.
"""

from __future__ import annotations

import asyncio
import functools
import json
import random
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, quote_plus, urlsplit

import httpx

from studio import __version__
from studio.api.baseurl import normalise_base_url
from studio.api.errors import (
    BadResponse,
    ModelUnavailable,
    NetworkError,
    QuotaExceeded,
    RelayError,
    RelayTimeout,
    WebPageAnswer,
    error_from_response,
    looks_like_html,
    parse_error_payload,
    split_request_id,
)
from studio.api.transport import transport_error

if TYPE_CHECKING:
    from studio.api.billing import Billing
    from studio.api.chat import ChatCompletions
    from studio.api.claude import ClaudeMessages
    from studio.api.images import Images
    from studio.api.midjourney import Midjourney
    from studio.api.models import Models

@functools.cache
def shared_ssl_context() -> ssl.SSLContext:
    """The TLS context every client shares: loading the CA bundle takes ~50 ms, so it is done once
    per process, and from a worker thread (`RelayClient.stream` awaits it) so a GUI never stalls."""
    return httpx.create_ssl_context()


_RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524})


#: Set while a job is submitted (`sending_once()`): a 5xx/524 answer may come from a relay that is still
#: working on the request, so it is not sent again by itself; only a 429 (refused, nothing done) is.
_SEND_ONCE: ContextVar[bool] = ContextVar("relay_send_once", default=False)


#: Set by `get_json(…, deadline=)`: the loop time by which the whole call, retries included, must end;
#: a retry whose wait would pass it is not made (the answer that prompted it is raised instead).
_DEADLINE: ContextVar[float | None] = ContextVar("relay_deadline", default=None)


def _overruns_deadline(delay: float) -> bool:
    deadline = _DEADLINE.get()
    return deadline is not None and asyncio.get_running_loop().time() + delay >= deadline


@contextmanager
def sending_once() -> Iterator[None]:
    """Within this block (this task and what it awaits), requests are never repeated after an answer
    that may mean the relay accepted them."""
    token = _SEND_ONCE.set(True)
    try:
        yield
    finally:
        _SEND_ONCE.reset(token)


#: request headers that carry a credential; with every header a profile adds, they are never sent to
#: another origin than the relay's (httpx itself drops only `Authorization` on such a redirect)
CREDENTIAL_HEADERS = frozenset({"authorization", "x-api-key", "api-key", "mj-api-secret"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port or _DEFAULT_PORTS.get(url.scheme)


def _same_origin(origin: tuple[str, str, int | None], home: tuple[str, str, int | None]) -> bool:
    """Whether `origin` is the relay's `home` (scheme, host, port); http → https on the same host counts."""
    return origin == home or (home == ("http", origin[1], 80) and origin == ("https", home[1], 443))


#: httpcore scans every pooled connection on each request (a syscall each), so a small pool keeps a
#: request cheap; a desktop app needs a few dozen connections per relay at most (benchmarks/jobs.py).
POOL_LIMITS = httpx.Limits(max_connections=24, max_keepalive_connections=12, keepalive_expiry=30.0)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to retry a failed request."""

    max_attempts: int = 3
    backoff_base: float = 0.5
    backoff_max: float = 8.0
    #: a `Retry-After` longer than this is not waited for; the error is shown instead.
    max_retry_after: float = 60.0

    def backoff(self, attempt: int) -> float:
        """Delay before try number `attempt + 1` (attempt counts from 1), with ±25 % jitter."""
        delay = min(self.backoff_max, self.backoff_base * (2 ** (attempt - 1)))
        return float(delay * random.uniform(0.75, 1.25))


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Seconds; `read` is the longest silence tolerated between two bytes of an answer; `metadata` the
    longest wait for a short answer (model list, balance), retries included."""

    connect: float = 15.0
    read: float = 300.0
    write: float = 60.0
    pool: float = 15.0
    metadata: float = 20.0

    def to_httpx(self) -> httpx.Timeout:
        return httpx.Timeout(connect=self.connect, read=self.read, write=self.write, pool=self.pool)


#: what stands for a profile's key in stored text (as it is, URL-encoded, form-encoded): see `RelayClient.seal`
KEY_SEALS = ("{relay-studio:key}", "{relay-studio:key:quoted}", "{relay-studio:key:plus}")
_SEAL_OPENING = "{relay-studio:"
#: a mark the relay's own text already held, made inert (its brace percent-encoded) before sealing
_INERT_OPENING = "%7Brelay-studio:"


class RelayClient:
    """An async client for one relay profile."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        headers: Mapping[str, str] | None = None,
        proxy: str | None = None,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        redact: Callable[[str], str] | None = None,
    ) -> None:
        self.base_url = normalise_base_url(base_url)
        self._key = api_key.strip()
        self.timeouts = timeouts or Timeouts()
        self.retry = retry or RetryPolicy()
        self._extra_headers = dict(headers or {})
        self._credential_headers = CREDENTIAL_HEADERS | {name.lower() for name in self._extra_headers}
        self._origin = _origin(httpx.URL(self.base_url))
        self._redact = redact
        self._proxy = proxy or None
        self._transport = transport
        self._http: httpx.AsyncClient | None = None

    def __repr__(self) -> str:  # never the key
        return f"RelayClient({self.base_url!r})"

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    # -- resources -------------------------------------------------------------------------------

    @cached_property
    def chat(self) -> ChatCompletions:
        from studio.api.chat import ChatCompletions

        return ChatCompletions(self)

    @cached_property
    def claude(self) -> ClaudeMessages:
        from studio.api.claude import ClaudeMessages

        return ClaudeMessages(self)

    @cached_property
    def models(self) -> Models:
        from studio.api.models import Models

        return Models(self)

    @cached_property
    def images(self) -> Images:
        from studio.api.images import Images

        return Images(self)

    def key_header(self, name: str) -> dict[str, str]:
        """The key in a header of another name too, for routes whose relays read it there (Ideogram's
        `Api-Key`); like `Authorization`, never sent to another origin (a redirect drops it)."""
        return {name: self._key} if self._key else {}

    def midjourney(self, mode: str | None = None) -> Midjourney:
        """Midjourney routes; `mode` ("fast", "relax", "turbo") picks the `/mj-<mode>` prefix."""
        from studio.api.midjourney import Midjourney

        return Midjourney(self, mode)

    @cached_property
    def billing(self) -> Billing:
        from studio.api.billing import Billing

        return Billing(self)

    # -- transport -------------------------------------------------------------------------------

    @property
    def http(self) -> httpx.AsyncClient:
        if self._http is None:
            headers = {
                "User-Agent": f"RelayStudio/{__version__}",
                "Accept": "application/json",
                **self._extra_headers,
                "Authorization": f"Bearer {self._key}",
            }
            self._http = httpx.AsyncClient(
                base_url=self.base_url,
                headers=headers,
                timeout=self.timeouts.to_httpx(),
                proxy=self._proxy,
                transport=self._transport,
                follow_redirects=True,
                event_hooks={"request": [self._keep_credentials_home]},
                trust_env=self._proxy is None,
                verify=shared_ssl_context(),
                limits=POOL_LIMITS,
            )
        return self._http

    async def _keep_credentials_home(self, request: httpx.Request) -> None:
        """Runs before each request httpx sends, redirects included: one to another origin than the
        relay's (scheme, host, port; http → https on the same host counts as the same) goes without
        the key and without any header the profile adds."""
        if not _same_origin(_origin(request.url), self._origin):
            for name in self._credential_headers:
                request.headers.pop(name, None)

    def is_home(self, url: str) -> bool:
        """Whether the absolute link `url` is on the relay's own origin (scheme, host, port, as for
        redirects): only such a link is fetched with the key."""
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError):
            return False
        return parsed.scheme in _DEFAULT_PORTS and bool(parsed.host) and _same_origin(_origin(parsed), self._origin)

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    async def __aenter__(self) -> RelayClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def seal(self, text: str) -> str:
        """`text` with this client's key (as it is, or URL-encoded) replaced by a mark, so a result link
        the relay put the key in can be stored without it; `unseal` puts the key back when it is used.
        A mark the text already held (a model can write one into its reply) is made inert first, so only
        a mark put here ever stands for the key."""
        text = text.replace(_SEAL_OPENING, _INERT_OPENING)
        if not self._key:
            return text
        for mark, form in sorted(zip(KEY_SEALS, self._key_forms(), strict=True), key=lambda p: -len(p[1])):
            text = text.replace(form, mark)
        return text

    def unseal(self, link: str) -> str:
        """A sealed link with the key put back, when it is on the relay's own origin (`is_home`): the key
        belongs to the relay, so a link elsewhere keeps its marks (inert text) and never gets it."""
        if not self.is_home(link):
            return link
        for mark, form in zip(KEY_SEALS, self._key_forms(), strict=True):
            link = link.replace(mark, form)
        return link

    def _key_forms(self) -> tuple[str, str, str]:
        return self._key, quote(self._key, safe=""), quote_plus(self._key)

    def redact(self, text: str) -> str:
        """Remove this client's key from `text`, and whatever the `redact` it was given removes (the
        app's `Redactor`: encoded and partial echoes of every secret it knows)."""
        text = text.replace(self._key, "***") if self._key else text
        return self._redact(text) if self._redact is not None else text

    # -- requests --------------------------------------------------------------------------------

    @asynccontextmanager
    async def stream(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: httpx.Timeout | None = None,
        files: Any = None,
        form: Mapping[str, Any] | None = None,
    ) -> AsyncIterator[httpx.Response]:
        """Send a request and yield the successful response with its body still unread.

        Error answers are read, mapped and raised (after the retries they deserve) before
        anything is yielded, so the caller only ever sees a 2xx response.
        """
        if self._http is None:
            await asyncio.to_thread(shared_ssl_context)
        attempt = 0
        while True:
            attempt += 1
            request = self.http.build_request(
                method, path, json=json_body, params=params, headers=headers, files=files, data=form,
                timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
            )
            try:
                response = await self.http.send(request, stream=True)
            except httpx.TransportError as exc:
                broken = self._transport_error(exc)
                backoff = self.retry.backoff(attempt)
                if self._may_retry_transport(exc, method, attempt) and not _overruns_deadline(backoff):
                    await asyncio.sleep(backoff)
                    continue
                raise broken from None
            try:
                if response.status_code >= 400:
                    error = await self._read_error(response)
                    delay = self._retry_delay(error, attempt)
                    if delay is None or _overruns_deadline(delay):
                        raise error
                    await response.aclose()
                    await asyncio.sleep(delay)
                    continue
                yield response
                return
            finally:
                await response.aclose()

    async def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: httpx.Timeout | None = None,
        files: Any = None,
        form: Mapping[str, Any] | None = None,
    ) -> httpx.Response:
        """Send a request and return the successful response with its body read. `files` and
        `form` make a multipart body (as bytes, so a retry can send it again)."""
        async with self.stream(
            method, path, json_body=json_body, params=params, headers=headers, timeout=timeout,
            files=files, form=form,
        ) as response:
            try:
                await response.aread()
            except httpx.TransportError as exc:
                raise self._transport_error(exc) from None
            return response

    async def get_json(self, path: str, *, params: Mapping[str, Any] | None = None,
                       headers: Mapping[str, str] | None = None, deadline: float | None = None) -> Any:
        """GET and decode. `deadline`: seconds the whole call may take, retries included (metadata
        calls pass `timeouts.metadata`), else `RelayTimeout` "did not answer within N s"."""
        if deadline is None:
            response = await self.request("GET", path, params=params, headers=headers)
        else:
            response = await self._before_deadline(deadline, self.request("GET", path, params=params,
                                                                          headers=headers))
        return self.decode_json(response)

    async def _before_deadline(self, seconds: float, call: Awaitable[httpx.Response]) -> httpx.Response:
        token = _DEADLINE.set(asyncio.get_running_loop().time() + seconds)
        try:
            async with asyncio.timeout(seconds) as scope:
                return await call
        except TimeoutError:
            if not scope.expired():
                raise
            raise RelayTimeout(f"The relay at {self.host} did not answer within {seconds:g} s.",
                               host=self.host, reason="deadline", seconds=seconds) from None
        finally:
            _DEADLINE.reset(token)

    async def post_json(self, path: str, body: Any, *, headers: Mapping[str, str] | None = None,
                        timeout: httpx.Timeout | None = None) -> Any:
        response = await self.request("POST", path, json_body=body, headers=headers, timeout=timeout)
        return self.decode_json(response)

    async def post_multipart(self, path: str, form: Mapping[str, Any], files: list[tuple[str, Any]]) -> Any:
        response = await self.request("POST", path, form=form, files=files)
        return self.decode_json(response)

    def decode_json(self, response: httpx.Response) -> Any:
        """Parse a 2xx body as JSON; raise `BadResponse` (HTML, text) or `RelayError` (error shapes)."""
        text = response.text
        content_type = response.headers.get("content-type", "")
        try:
            payload = json.loads(text)
        except ValueError:
            if looks_like_html(text, content_type):
                raise WebPageAnswer(
                    "The relay answered with a web page instead of JSON; check that the base URL "
                    "points at the API, not the relay's website."
                ) from None
            if not text.strip():
                raise BadResponse("The relay answered with an empty body.") from None
            raise BadResponse("The relay answered with something that is not JSON.") from None
        parsed = parse_error_payload(payload)
        if parsed is not None:  # HTTP 200 carrying an error (billing routes, success:false, …)
            message, code, error_type = parsed
            message, request_id = split_request_id(self.redact(message))
            cls = ModelUnavailable if (code or "") == "model_not_found" else RelayError
            raise cls(response.status_code, message, code=code, error_type=error_type,
                      request_id=request_id)
        return payload

    # -- error handling --------------------------------------------------------------------------

    async def _read_error(self, response: httpx.Response) -> RelayError:
        try:
            body = await response.aread()
        except httpx.TransportError:
            body = b""
        return error_from_response(response.status_code, response.headers, body, redact=self.redact)

    def _retry_delay(self, error: RelayError, attempt: int) -> float | None:
        """Seconds to wait before trying again, or None to give up and raise."""
        if attempt >= self.retry.max_attempts or error.status not in _RETRY_STATUSES:
            return None
        if _SEND_ONCE.get() and error.status != 429:
            return None
        if isinstance(error, (ModelUnavailable, QuotaExceeded)):
            return None  # waiting does not bring a channel or money back
        if error.retry_after is not None:
            if error.retry_after > self.retry.max_retry_after:
                return None
            return error.retry_after
        return self.retry.backoff(attempt)

    def _may_retry_transport(self, exc: httpx.TransportError, method: str, attempt: int) -> bool:
        if attempt >= self.retry.max_attempts:
            return False
        if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
            return True  # nothing reached the relay
        return method.upper() in ("GET", "HEAD")

    def _transport_error(self, exc: httpx.TransportError) -> NetworkError:
        return transport_error(exc, self.host, self.timeouts)
