"""A throw-away family for the registry test: it answers every submit at once with a picture of its own."""

from __future__ import annotations

from studio.api.client import RelayClient
from studio.jobs.handlers import FamilyHandler, Outcome, Reporter, Result
from studio.jobs.model import Job
from tests.relay.fixtures import png_bytes

TOY_PICTURE = png_bytes(6, 6, (1, 2, 3))


class ToyHandler(FamilyHandler):
    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        report(50.0, "toy at work")
        return Outcome(phase="succeeded", remote_id="toy-1", results=[Result(data=TOY_PICTURE, kind="image")])


class TypoHandler(FamilyHandler):
    """A handler with a bug: its poll answers a phase that does not exist."""

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        return Outcome(phase="queued", remote_id="typo-1")

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        return Outcome(phase="sucess")  # type: ignore[arg-type]  # the bug under test
