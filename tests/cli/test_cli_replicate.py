"""`studio image -m black-forest-labs/flux-schnell` as a real subprocess: a Replicate prediction followed to
its files (docs/PROTOCOLS.md#replicate, docs/ARCHITECTURE.md#cli-contract)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CliRunner
from tests.relay import RelayServer
from tests.relay import replicate as upstream


def test_image_with_a_replicate_model_prints_the_saved_paths(studio_cli: CliRunner, relay: RelayServer) -> None:
    result = studio_cli("image", "x", "-m", "black-forest-labs/flux-schnell")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    (line,) = result.stdout.splitlines()
    path = Path(line)
    assert path.is_absolute() and path.suffix == ".webp" and path.read_bytes() == upstream.WEBP_BYTES
    assert relay.hits("/v1/models/black-forest-labs/flux-schnell/predictions") == 1
    (job,) = json.loads(studio_cli("jobs", "--json").stdout)
    assert (job["family"], job["state"]) == ("replicate", "done") and job["remote_id"].startswith("rp-")
    assert [a["path"] for a in job["assets"]] == [line]
