"""Relay test server: a stdlib-only HTTP/1.1 new-api/one-api look-alike for the client's tests.

Why this exists: Relay Studio talks to OpenAI-compatible relays over real sockets; this package
reproduces their wire formats (``/work/shared/protocols.md`` §22 A-D) and their failure modes so
tests and benchmarks can run offline.

Usage::

    from tests.relay import RelayServer, VALID_KEY

    with RelayServer() as relay:          # or RelayServer(valid_key="sk-a&b+c=d")
        base_url = relay.url              # "http://127.0.0.1:PORT"
        ...
        assert relay.hits("/chat/completions") == 1
        relay.requests[-1].json()

Standalone: ``python -m tests.relay --port 8080``.

Routes: ``GET /v1/models[/{id}]``, ``POST /v1/chat/completions``, ``POST /v1/messages``,
``GET [/v1]/dashboard/billing/{subscription,usage}``, ``POST /v1/embeddings``,
``POST /v1/images/{generations,edits}``, ``POST /v1/images/variations`` (501),
``POST /v1/audio/{transcriptions,translations,speech}``, ``POST /v1/moderations``,
``POST /v1/responses``, ``GET /files/<name>.png|.mp3`` (no auth).  Optional prefixes:
``/case/<name>`` then one ``/{platform}`` segment before ``/v1/``.

Fault case of a request (first source found wins): header ``X-Test-Case`` (comma-separated list
allowed), path prefix ``/case/<name>``, model ``case-<name>``.  Model ``nope`` adds ``nochannel``,
model ``bench-N`` adds ``bench-N``.

* before routing/auth: ``html502``, ``html502-once``, ``cloudflare524``, ``plain500``,
  ``empty500``, ``ratelimit-empty``, ``slow-first-byte`` (sleeps ``X-Test-Delay``, default 2 s)
* after auth: ``ratelimit``, ``ratelimit-once``, ``ratelimit-twice``, ``quota``, ``upstream500``,
  ``nochannel``, ``oneapi-error``, ``success-false``, ``html200``
* streams (chat and /v1/messages): ``slow-stream``, ``ping``, ``nospace``, ``crlf``,
  ``split-utf8``, ``usage-only``, ``no-usage``, ``malformed-chunk``, ``cut-stream``, ``cut-clean``,
  ``midstream-error``, ``reasoning``, ``tool-call`` (chat only), ``bench-N`` (chat only,
  ``X-Test-Rate`` paces it)
* models: ``models-2000``, ``oneapi-models``; billing: ``billing-error``, ``billing-unlimited``,
  ``billing-missing``; images: ``bare-b64``
"""

from .server import VALID_KEY, RecordedRequest, RelayServer

__all__ = ["VALID_KEY", "RecordedRequest", "RelayServer"]
