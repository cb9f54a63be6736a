"""The relays' model lists and balances kept on disk (`studio/services/relay_cache.py`): a fresh answer is
used without asking the relay, an old one or another base URL's is asked again, a damaged file counts as
none, and nothing secret is written."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from studio.services.core import StudioCore
from studio.services.relay_cache import RelayCache
from studio.storage.profiles import Profile
from tests.conftest import KEY
from tests.relay import RelayServer


@pytest.fixture
def local(core: StudioCore, relay: RelayServer) -> Profile:
    return core.profiles.add("local", relay.url, key=KEY, make_default=True)


def run(core: StudioCore, body: Callable[[], Awaitable[None]]) -> None:
    """`body` on one event loop (the relay clients belong to the loop that made them), closing them after."""
    async def main() -> None:
        try:
            await body()
        finally:
            await core.clients.aclose()

    asyncio.run(main())


def cache_files(core: StudioCore) -> list[Path]:
    return sorted(core.paths.cache.glob("*"))


def test_a_fresh_model_list_is_read_from_disk(core: StudioCore, local: Profile, relay: RelayServer) -> None:
    async def body() -> None:
        first = await core.relay_cache.models(local)
        again = await RelayCache(core.paths.cache, core.clients).models(local)  # as at the next start
        assert first and [m.id for m in again] == [m.id for m in first]
        infos = await core.relay_cache.saved_models(local)
        assert infos is not None and {m.capability for m in infos} >= {"chat", "image"}

    run(core, body)
    assert relay.hits("/v1/models") == 1
    assert cache_files(core) == [core.relay_cache.path]  # no temporary file left
    text = core.relay_cache.path.read_text()
    assert json.loads(text)["local"]["base_url"] == local.base_url and KEY not in text


def test_an_old_list_another_relays_list_or_a_damaged_file_is_asked_again(
        core: StudioCore, local: Profile, relay: RelayServer) -> None:
    cache = core.relay_cache

    async def body() -> None:
        await cache.models(local)
        await cache.models(local, max_age=0.0)  # too old: asked
        assert relay.hits("/v1/models") == 2
        path = cache.path
        entry = json.loads(path.read_text())["local"]
        entry["base_url"] = "https://another.example"  # the name reused for another relay
        path.write_text(json.dumps({"local": entry}))
        assert await cache.saved_models(local) is None
        path.write_text("{not json")
        assert await cache.saved_models(local) is None
        path.write_text("[]")
        assert await cache.saved_models(local) is None
        entry["base_url"], entry["models"]["value"] = local.base_url, [{"id": 3}]
        path.write_text(json.dumps({"local": entry}))
        assert await cache.saved_models(local) is None
        entry["models"]["at"] = time.time() + 3600  # saved "later": the clock was set back since
        path.write_text(json.dumps({"local": entry}))
        assert await cache.saved_models(local) is None
        assert [m.id for m in await cache.models(local)]
        assert relay.hits("/v1/models") == 3

    run(core, body)


def test_the_balance_is_kept_with_its_time_and_forgotten_with_the_profile(
        core: StudioCore, local: Profile, relay: RelayServer) -> None:
    cache = core.relay_cache

    async def body() -> None:
        before = time.time()
        balance, at = await cache.balance(local)
        assert at >= before and await cache.saved_balance(local) == balance
        hits = relay.hits("/v1/dashboard/billing/subscription")
        assert await cache.balance(local) == (balance, pytest.approx(at))
        assert relay.hits("/v1/dashboard/billing/subscription") == hits
        assert await cache.saved_balance(local, max_age=0.0) is None
        cache.forget("local")
        assert json.loads(cache.path.read_text()) == {} and await cache.saved_balance(local) is None

    run(core, body)


def test_a_cache_that_cannot_be_written_costs_only_the_saving(core: StudioCore, local: Profile) -> None:
    core.paths.cache.write_text("a file where the folder should be")

    async def body() -> None:
        assert [m.id for m in await core.relay_cache.models(local)]
        assert await core.relay_cache.saved_models(local) is None

    run(core, body)


def test_each_profile_keeps_its_own_answers(core: StudioCore, local: Profile, relay: RelayServer) -> None:
    other = core.profiles.add("other", relay.url + "/case/models-2000", key=KEY)

    async def body() -> None:
        mine, theirs = await core.relay_cache.models(local), await core.relay_cache.models(other)
        assert {m.id for m in mine} != {m.id for m in theirs}
        core.relay_cache.forget("local")
        assert await core.relay_cache.saved_models(local) is None
        assert [m.id for m in await core.relay_cache.saved_models(other) or []] == [m.id for m in theirs]

    run(core, body)


def test_threads_saving_at_once_lose_nothing(core: StudioCore, relay: RelayServer) -> None:
    """The Chat, Image and Video tabs save their relays' lists from worker threads at once: one file, no answer
    lost, no temporary file left."""
    from concurrent.futures import ThreadPoolExecutor

    from studio.api.models import ModelInfo

    profiles = [core.profiles.add(f"p{n}", relay.url + f"/case/p{n}", key=KEY) for n in range(8)]
    models = [ModelInfo("gpt-4o", "openai", (), "chat")]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda p: core.relay_cache.remember(p, models=models), profiles * 3))
    assert set(json.loads(core.relay_cache.path.read_text())) == {p.name for p in profiles}
    assert cache_files(core) == [core.relay_cache.path]
