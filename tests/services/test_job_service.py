"""`JobService` is built from the parts it uses (no `StudioCore`), and view-models read jobs through it."""

from __future__ import annotations

import pytest

from studio.api.client import RelayClient
from studio.errors import InputError
from studio.jobs.model import JobState
from studio.jobs.store import JobStore
from studio.services.core import StudioCore
from studio.services.jobs import JobService
from tests.conftest import KEY


def test_built_from_explicit_parts_and_read_through_the_service(core: StudioCore) -> None:
    def no_client(profile_name: str) -> RelayClient:
        raise AssertionError(f"nothing here sends a request ({profile_name})")

    core.profiles.add("local", "http://127.0.0.1:9", key=KEY, make_default=True)
    service = JobService(JobStore(core.db), paths=core.paths, settings=core.settings, profiles=core.profiles,
                         gallery=core.gallery, client_for=no_client, redact=core.redactor.redact)
    first = service.create_image("a red fox", model="dall-e-3")
    second = service.create_image("a grey wolf", model="dall-e-3")
    assert first.state is JobState.SAVED and first.profile == "local"
    assert service.get(first.id) == first
    assert service.get("no-such-job") is None
    assert [j.id for j in service.recent(limit=10)] == [second.id, first.id]
    assert [j.id for j in service.recent(limit=1)] == [second.id]
    assert service.recent(limit=10, states=[JobState.DONE]) == []
    assert service.find(f" {first.id} ") == first
    with pytest.raises(InputError):
        service.find("no-such-job")
