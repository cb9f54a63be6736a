"""A video task the relay reports finished but without a link the client can read is polled on, never
failed: a failed job's Retry would submit (and pay for) a new task while this one may still give its clip
(docs/PROTOCOLS.md#video). The job's metadata says `link_pending` meanwhile, for the Jobs panel."""

from __future__ import annotations

import pytest

from studio.jobs.handlers import LINK_PENDING
from studio.services.core import StudioCore
from tests.jobs.conftest import assert_saved_video, states_seen, use_case
from tests.relay import RelayServer


@pytest.mark.parametrize(("case", "model", "family", "submit"), [
    ("jimeng-nolink-once", "jimeng_vgfm_t2v_l20", None, "/jimeng/?Action=CVSync2AsyncSubmitTask"),
    ("vg-nolink-once", "hailuo-02", "video-generations", "/v1/video/generations?"),
    ("cv-nolink-once", "veo-2", "custom-video", "/custom_video/model/veo-2?"),
])
def test_a_success_without_a_link_is_polled_until_the_link_comes(studio: StudioCore, relay: RelayServer, case: str,
                                                                 model: str, family: str | None, submit: str) -> None:
    use_case(studio, relay, case)
    done, seen = states_seen(studio, studio.jobs.create_video("a patient heron", model=model, family=family).id,
                             what=lambda job: job.metadata.get(LINK_PENDING))
    assert_saved_video(studio, done)
    assert ("running", True) in seen and "failed" not in [state for state, _ in seen]
    assert done.metadata[LINK_PENDING] is False and not done.engine.get("failed_remotely")
    sent = [r for r in relay.requests if r.method == "POST" and submit in f"{r.path}?{r.query}"]
    assert len(sent) == 1  # one task, paid once
