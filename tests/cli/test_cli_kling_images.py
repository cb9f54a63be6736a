"""`studio image -m kling-v1` as a real subprocess: a Kling image task followed to its files
(docs/PROTOCOLS.md#kling-images, docs/ARCHITECTURE.md#cli-contract)."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from tests.conftest import CliRunner
from tests.relay import RelayServer, kling_images


def test_image_with_a_kling_model_prints_the_saved_paths(studio_cli: CliRunner, relay: RelayServer) -> None:
    result = studio_cli("image", "a red fox", "-m", "kling-v1", "-n", "2", "--size", "1024x1536")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(Path(line).is_absolute() for line in lines), result.stdout
    for line in lines:
        with Image.open(line) as picture:
            picture.load()
    (task_id,) = kling_images.task_ids(relay)[-1:]
    assert kling_images.task(relay, task_id)["body"]["aspect_ratio"] == "2:3"
    (job,) = json.loads(studio_cli("jobs", "--json").stdout)
    assert (job["family"], job["state"], job["remote_id"]) == ("kling", "done", task_id)
