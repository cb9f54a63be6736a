"""`studio image` with an Ideogram model, as a real subprocess (docs/PROTOCOLS.md#ideogram,
docs/ARCHITECTURE.md#cli-contract): files' paths or the description on stdout, one sentence on failure."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli_chat import assert_clean_failure
from tests.cli.test_cli_jobs import paths
from tests.conftest import CliRunner
from tests.relay import RelayServer
from tests.relay.fixtures import png_bytes


def test_generate_remix_describe_and_a_refusal(studio_cli: CliRunner, relay: RelayServer, tmp_path: Path) -> None:
    made = studio_cli("image", "x", "-m", "ideogram-v2")
    assert made.returncode == 0 and made.stderr == "", made.stderr
    (file,) = paths(made.stdout)
    assert file.read_bytes().startswith(b"\x89PNG")
    generate = next(r for r in relay.requests if r.path == "/ideogram/generate")
    assert generate.json()["image_request"]["aspect_ratio"] == "ASPECT_1_1"

    photo = tmp_path / "photo.png"
    photo.write_bytes(png_bytes(8, 8))
    remixed = studio_cli("image", "x at night", "-m", "ideogram-v2", "--edit", str(photo), "--size", "1024x1536")
    assert remixed.returncode == 0, remixed.stderr
    assert len(paths(remixed.stdout)) == 1 and relay.hits("/ideogram/remix") == 1

    described = studio_cli("image", "--action", "describe", "--edit", str(photo))
    assert described.returncode == 0 and described.stdout == "a cat\n", described.stderr

    refused = studio_cli("image", "an unsafe scene", "-m", "ideogram-v2")
    assert_clean_failure(refused)
    assert "Ideogram refused the image as unsafe" in refused.stderr
    assert_clean_failure(studio_cli("image", "x", "-m", "ideogram-v2", "--edit", str(photo), "--mask", str(photo)),
                         code=2)
