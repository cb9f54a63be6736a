"""Relay test server: a stdlib-only HTTP/1.1 new-api/one-api look-alike for the client's tests.

Why this exists: Relay Studio talks to OpenAI-compatible relays over real sockets; this package
reproduces their wire formats (``docs/PROTOCOLS.md``) and their failure modes so
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
``POST /v1/images/{generations,edits}``, ``POST /v1/images/variations`` (501; case ``openai-variations`` serves them),
``POST /v1/audio/{transcriptions,translations,speech}``, ``POST /v1/moderations``,
``POST /v1/responses``, Midjourney (``mj.py``): ``POST /mj/submit/{imagine,action,modal,change,
simple-change,blend,describe,shorten}``, ``POST /mj/insight-face/swap``, ``GET /mj/task/{id}/fetch``,
``POST /mj/task/list-by-condition``, ``GET /mj/task/{id}/image-seed``, ``GET /mj/image/{id}`` (no auth).
Ideogram (``ideogram.py``; the key as ``Authorization: Bearer`` or ``Api-Key``):
``POST /ideogram/{generate,remix,upscale,describe}``.
Kling images (``kling_images.py``; ``/kling`` is not stripped as a platform prefix):
``POST /kling/v1/images/generations``, ``GET /kling/v1/images/generations/{task_id}``.
Replicate predictions (``replicate.py``): ``POST /v1/models/{owner}/{name}/predictions``,
``POST /v1/predictions``, ``GET /v1/predictions/{id}``, ``POST /v1/predictions/{id}/cancel``,
``GET /files/replicate/<name>.webp|.mp3`` (no auth); models ``meta/llama-text`` (tokens),
``black-forest-labs/flux-1.1-pro`` and ``meta/musicgen`` (one link), prompt word ``fail``, case
``replicate-polls-N``.
Files (no auth): ``GET /files/<name>.png|.mp3``, ``/files/song/<name>.mp3`` (40 s),
``/files/signed/<name>.png?Expires=&Signature=`` (403 XML AccessDenied when expired or tampered),
``/files/html/<name>.png`` (200 image/png, HTML body), ``/files/once/<name>.png`` (404 after the first GET),
``/files/slow/<name>.png`` (20 pieces, 0.1 s apart).  Optional prefixes: ``/case/<name>``, then one
``/{platform}`` segment before ``/v1/`` or ``/mj-fast|mj-relax|mj-turbo`` before ``/mj/`` (recorded as the
task's ``mode``).

Fault case of a request (first source found wins): header ``X-Test-Case`` (comma-separated list
allowed), path prefix ``/case/<name>``, model ``case-<name>``.  Model ``nope`` adds ``nochannel``,
model ``bench-N`` adds ``bench-N``.

* before routing/auth: ``html502``, ``html502-once``, ``cloudflare524``, ``plain500``,
  ``empty500``, ``ratelimit-empty``, ``slow-first-byte`` (sleeps ``X-Test-Delay``, default 2 s),
  ``drop-after-request`` (reads the request, then closes the connection without an answer),
  ``redirect-away`` / ``redirect-here`` (302 to the same route on ``localhost`` - another origin -
  or on ``127.0.0.1``)
* after auth: ``ratelimit``, ``ratelimit-once``, ``ratelimit-twice``, ``quota``, ``upstream500``,
  ``nochannel``, ``oneapi-error``, ``success-false``, ``html200``
* streams (chat and /v1/messages): ``slow-stream``, ``ping``, ``nospace``, ``crlf``,
  ``split-utf8``, ``usage-only``, ``no-usage``, ``malformed-chunk``, ``cut-stream``, ``cut-clean``,
  ``midstream-error``, ``reasoning``, ``tool-call`` (chat only), ``bench-N`` (chat only,
  ``X-Test-Rate`` paces it)
* models: ``models-2000``, ``oneapi-models``; billing: ``billing-error``, ``billing-unlimited``,
  ``billing-missing``; files: ``cut-download``
* images (``n`` 1-10 honoured; links are ``/files/<slug>-<k>.png``, unique): ``bare-b64``, and the
  link flavours ``image-signed`` (valid 1 h), ``image-expired``, ``image-html``, ``image-once``,
  ``image-slow``, ``image-big`` (a 470 KB PNG), ``image-chunked`` (the same, chunked, no length),
  ``image-keyed`` (the caller's key in the link's query; video clip links too),
  ``image-url-object`` (``"url": {"url": ...}``) - also for edits and chat images.
  Edits answer ``revised_prompt: "edited N image(s), mask: yes|no"``.
* Midjourney: ``mj-polls-N`` (IN_PROGRESS fetches, default 1; taken at submit, kept by the task).
  Lifecycle by fetch count: 1 ``""``, 2 ``NOT_START``, 3..2+N ``IN_PROGRESS``, then ``SUCCESS``.
  Prompt words: ``nude`` code 24, ``queue-full`` 23, ``queued`` 22, ``fail`` ends ``FAILURE``.
  ``RelayServer.mj_task(id)`` / ``mj_task_ids()`` inspect tasks without counting a fetch.
* chat-format images: models ``*-image`` (``gpt-4o-image``), ``*flux*``, ``*stable-diffusion*``
  reply with progress quotes + ``![image](<url>)``; prompt words ``fail`` (in-band failure),
  ``b64`` (data-URL image), ``two`` (two images).
* Ideogram: answered at once (``num_images`` 1-8 ``/files/`` links, seed 123); prompt words ``unsafe``
  (every image ``is_image_safe: false``, no ``url``), ``blocked`` (HTTP 422 in the relay's error envelope).
* Kling images: ``kling-polls-N`` (``processing`` queries, default 1), ``kling-http-refusal`` (HTTP 400,
  Kling's ``{"code":1301,…}``), ``kling-no-task`` (code 0, no task id). Lifecycle by query count: 1
  ``submitted``, 2..1+N ``processing``, then ``succeed`` with ``n`` ``/files/`` links. Prompt words:
  ``fail`` ends ``failed`` (``task_status_msg``), ``refuse`` HTTP 200 code 1301.
  ``kling_images.task(relay, id)`` / ``task_ids(relay)`` inspect tasks without counting a query.
* OpenAI-style video (their modules' docstrings say more): ``videos.py`` (``/v1/videos``, also under a
  ``/{platform}`` prefix, whose multipart frames are ``input_reference[]``; ``/content`` needs the key;
  cases ``videos-polls-N``, ``videos-unknown-N``, ``videos-empty-status``, ``videos-url``,
  ``videos-video-url``, ``videos-metadata-url``), ``video_generations.py`` (``/v1/video/generations``;
  ``vg-polls-N``, ``vg-unknown-N``, ``vg-old``, ``vg-gemini``, ``video-result-on-relay``),
  ``custom_video.py`` (``cv-polls-N``); prompt word ``fail``; case ``no-video`` answers their routes 404
  ``Invalid URL``; their clip links take the ``video-*`` flavours. Chat-format video
  (``chat_video.py``): ``*-video`` models and ``sora*`` in chat, styled by model (``veo*``, ``sora*``,
  ``runway*``, else vidu), ``fail`` and ``cut-stream``.
* Vendor-native video (``video_tasks.py`` is their shared store; each module's docstring says more): Kling
  ``kling_video.py`` (``/kling/v1/videos/{text2video,image2video}[/{id}]``; ``kling-polls-N``,
  ``kling-newapi``), Luma ``luma.py`` (``/luma/generations[/{id}[/extend]]``; ``luma-polls-N``,
  ``luma-array``), Vidu ``vidu.py`` (``/vidu/v1/tasks``, ``?id=`` or ``/{id}``; ``vidu-polls-N``,
  ``vidu-path-only``), Runway ``runway.py`` (``/runwayml/v1/...``, ``/runway/v1/tasks``, ``/runway/tasks``;
  ``runway-polls-N``, ``runway-legacy``), Jimeng ``jimeng.py`` (``POST /jimeng/?Action=…``;
  ``jimeng-polls-N``, ``jimeng-newapi``), Pika ``pika.py`` and PixVerse ``pixverse.py`` (``/{pika,pixverse}/
  generate``, ``/feed/{id}``; ``pika-polls-N``, ``pixverse-polls-N``). Lifecycle by query count: 1 queued,
  N running (default 1), then done with a ``/files/<slug>-<k>.mp4`` link; prompt word ``fail`` ends failed
  with the vendor's reason. ``<module>.task(relay, id)`` / ``task_ids(relay)`` inspect without counting.
"""

from .server import VALID_KEY, RecordedRequest, RelayServer

__all__ = ["VALID_KEY", "RecordedRequest", "RelayServer"]
