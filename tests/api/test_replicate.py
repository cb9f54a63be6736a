"""Replicate predictions on the wire (docs/PROTOCOLS.md#replicate): which models the family claims, the
create routes, sizes as aspect ratios, and every shape of `output` and `error`."""

from __future__ import annotations

import pytest

from studio.api.capabilities import capability_of
from studio.api.errors import BadResponse
from studio.api.families import family_of
from studio.api.replicate import aspect_ratio, parse_prediction, route_for
from studio.errors import InputError

HASH = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa"


@pytest.mark.parametrize("model", ["black-forest-labs/flux-schnell", "meta/llama-text", "stability-ai/sdxl",
                                   "black-forest-labs/flux-1.1-pro", "fofr/any_model.v2", HASH, HASH.upper()])
def test_owner_name_and_version_ids_are_claimed(model: str) -> None:
    choice = family_of(model, "image")
    assert choice.family == "replicate" and choice.reason.startswith("name rule ")
    # which picker a model is in comes from its name, not from the owner/name shape (chat models share it)
    assert capability_of(model) == ("chat" if model in ("meta/llama-text", "fofr/any_model.v2") else "image")


@pytest.mark.parametrize("model", ["gpt-4o", "dall-e-3", "gpt-image-1", "mj_imagine", "gpt-4o-image", "flux-schnell",
                                   "flux-1.1-pro", "fal-ai/flux/dev", "owner/", "/name", HASH[:63], HASH + "0",
                                   "black-forest-labs/flux-schnell:" + HASH])
def test_other_names_are_not_claimed(model: str) -> None:
    assert family_of(model, "image").family != "replicate"


def test_the_create_route_follows_the_model_name() -> None:
    assert route_for("black-forest-labs/flux-schnell") == ("/v1/models/black-forest-labs/flux-schnell/predictions", {})
    assert route_for(HASH) == ("/v1/predictions", {"version": HASH})
    assert route_for("stability-ai/sdxl:" + HASH) == ("/v1/predictions", {"version": HASH})  # chosen by hand
    with pytest.raises(InputError, match="owner/name"):
        route_for("flux-schnell")


@pytest.mark.parametrize(("size", "ratio"), [
    ("1024x1024", "1:1"), ("1792x1024", "16:9"), ("1024x1792", "9:16"), ("1536x1024", "3:2"), ("768x1024", "3:4"),
    ("1000x777", "5:4"), ("auto", None), (None, None), ("", None),
])
def test_sizes_become_the_nearest_aspect_ratio(size: str | None, ratio: str | None) -> None:
    assert aspect_ratio(size) == ratio


def test_outputs_links_text_and_tokens() -> None:
    one = parse_prediction({"id": "p", "status": "succeeded", "output": "https://x.test/out.webp "})
    assert one.links == ("https://x.test/out.webp",) and one.text is None and one.phase == "succeeded"
    many = parse_prediction({"id": "p", "status": "succeeded", "output": ["https://x.test/a.png", "https://x.test/b.png"],
                             "metrics": {"predict_time": "1.5"}})
    assert many.links == ("https://x.test/a.png", "https://x.test/b.png") and many.predict_time == 1.5
    tokens = parse_prediction({"id": "p", "status": "succeeded", "output": ["Once", " upon", " a time"]})
    assert tokens.text == "Once upon a time" and tokens.links == ()
    text = parse_prediction({"id": "p", "status": "succeeded", "output": "hello world"})
    assert text.text == "hello world"
    named = parse_prediction({"id": "p", "status": "succeeded", "output": {"video": "https://x.test/v.mp4"}})
    assert named.links == ("https://x.test/v.mp4",)
    data = parse_prediction({"id": "p", "status": "succeeded", "output": {"label": "cat", "score": 0.9}})
    assert data.links == () and data.text is not None and '"label": "cat"' in data.text
    assert parse_prediction({"id": "p", "status": "starting", "output": None}).links == ()


@pytest.mark.parametrize(("status", "phase"), [
    ("starting", "queued"), ("processing", "running"), ("succeeded", "succeeded"), ("failed", "failed"),
    ("canceled", "failed"), ("aborted", "failed"), ("", "queued"), ("PROCESSING", "running"), ("queued", "queued"),
])
def test_statuses_map_to_phases(status: str, phase: str) -> None:
    assert parse_prediction({"id": "p", "status": status}).phase == phase


def test_errors_as_a_string_or_an_object_and_answers_that_are_no_prediction() -> None:
    assert parse_prediction({"id": "p", "status": "failed", "error": "NSFW"}).error == "NSFW"
    assert parse_prediction({"id": "p", "status": "failed", "error": {"detail": "content rejected"}}).error == \
        "content rejected"
    with pytest.raises(BadResponse, match="not a prediction"):
        parse_prediction({"status": "starting"})
    with pytest.raises(BadResponse, match="not a prediction"):
        parse_prediction(["rp-1"])
