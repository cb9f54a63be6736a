"""`JobService.create_video`: every option is checked against the chosen family's before anything is
saved or sent, and frames are copied into the library in a format and size the family takes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from studio.api.families import FamilySpec, register, unregister
from studio.errors import InputError
from studio.jobs.handlers import input_path
from studio.services.core import StudioCore
from tests.conftest import KEY

TOY = "toy-video"


@pytest.fixture
def studio(core: StudioCore) -> StudioCore:
    core.profiles.add("local", "http://127.0.0.1:9/", key=KEY, make_default=True)
    return core


@pytest.fixture
def toy_family() -> Iterator[FamilySpec]:
    """A video family that takes JPEG frames of at most 64 px, a start and an end frame, 5 or 10 s."""
    spec = register(FamilySpec(TOY, "video", "Toy video", names=(("toyvid*", r"^toyvid"),),
                               handler="studio.jobs.images:ChatVideoHandler",
                               options=("image", "end_image", "seconds", "aspect"),
                               choices={"seconds": ("5", "10")}, frame_formats=("image/jpeg",), frame_max_side=64))
    yield spec
    unregister(TOY, "video")


def picture(path: Path, size: tuple[int, int], fmt: str, mode: str = "RGB") -> Path:
    Image.new(mode, size, (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30)).save(path, fmt)
    return path


def test_an_option_the_family_does_not_take_is_one_sentence_and_nothing_is_saved(studio: StudioCore) -> None:
    with pytest.raises(InputError, match=r"^vidu-video \(Chat format\) takes no length\.$"):
        studio.jobs.create_video("a fox", model="vidu-video", seconds=5)
    with pytest.raises(InputError, match="takes no loop"):
        studio.jobs.create_video("a fox", model="vidu-video", loop=True)
    assert studio.jobs.recent(limit=5) == []


def test_values_outside_the_family_choices_are_refused(studio: StudioCore, toy_family: FamilySpec) -> None:
    with pytest.raises(InputError, match=r"takes length 5 or 10, not 7\.$"):
        studio.jobs.create_video("a fox", model="toyvid-1", seconds=7)
    job = studio.jobs.create_video("a fox", model="toyvid-1", seconds="10", aspect="16:9")
    assert (job.family, job.capability, job.request["seconds"], job.request["aspect"]) == (TOY, "video", "10", "16:9")


@pytest.mark.parametrize(("kwargs", "sentence"), [
    ({"prompt": "  "}, "The prompt is empty."),
    ({"seconds": "ten"}, "'ten' is not a length"),
    ({"seconds": 0}, "is not a length"),
    ({"aspect": "wide"}, "'wide' is not an aspect ratio"),
    ({"size": "big"}, "'big' is not a size"),
    ({"cfg_scale": 2.0}, "between 0 and 1"),
])
def test_malformed_options_are_refused(studio: StudioCore, toy_family: FamilySpec, kwargs: dict[str, object],
                                       sentence: str) -> None:
    prompt = str(kwargs.pop("prompt", "a fox"))
    with pytest.raises(InputError, match=sentence.replace(".", r"\.").replace("(", r"\(")):
        studio.jobs.create_video(prompt, model="toyvid-1", **kwargs)  # type: ignore[arg-type]


def test_a_frame_the_family_refuses_is_re_encoded_and_scaled_before_the_job_is_saved(
        studio: StudioCore, toy_family: FamilySpec, tmp_path: Path) -> None:
    start = picture(tmp_path / "start.webp", (300, 150), "WEBP")
    end = picture(tmp_path / "end.png", (40, 40), "PNG")
    job = studio.jobs.create_video("a fox", model="toyvid-1", image=start, end_image=end)
    (saved_start,) = job.request["images"]
    saved_end = job.request["end"]
    for entry in (saved_start, saved_end):
        assert entry["mime"] == "image/jpeg"
        data = input_path(studio.paths.root, entry).read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "JPEG" and max(image.size) <= 64
    assert saved_start["name"] == "start.jpg"
    assert not list((studio.paths.root / "tmp").glob("frame-*")), "the converted scratch copies are removed"
    assert start.read_bytes()[:4] == b"RIFF", "the user's own file is untouched"


def test_an_iphone_heic_photo_becomes_a_jpeg_frame(studio: StudioCore, toy_family: FamilySpec,
                                                    tmp_path: Path) -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()
    photo = picture(tmp_path / "IMG_0001.HEIC", (120, 90), "HEIF")
    job = studio.jobs.create_video("a fox", model="toyvid-1", image=photo)
    (saved,) = job.request["images"]
    assert (saved["mime"], saved["name"]) == ("image/jpeg", "IMG_0001.jpg")
    with Image.open(input_path(studio.paths.root, saved)) as image:
        assert image.format == "JPEG" and image.size == (64, 48)


def test_a_frame_the_family_takes_is_copied_unchanged(studio: StudioCore, tmp_path: Path) -> None:
    start = picture(tmp_path / "start.png", (300, 150), "PNG")
    job = studio.jobs.create_video("a fox", model="vidu-video", image=start)
    (saved,) = job.request["images"]
    assert input_path(studio.paths.root, saved).read_bytes() == start.read_bytes()


def test_bad_frames_are_one_sentence(studio: StudioCore, toy_family: FamilySpec, tmp_path: Path) -> None:
    fake = tmp_path / "notes.png"
    fake.write_text("not a picture at all\n")
    with pytest.raises(InputError, match=r"notes\.png is not a PNG, JPEG, GIF, WebP or HEIC picture\."):
        studio.jobs.create_video("a fox", model="toyvid-1", image=fake)
    huge = tmp_path / "huge.png"
    with huge.open("wb") as handle:  # sparse: 2 GB on paper, nothing on disk
        handle.write(b"\x89PNG\r\n\x1a\n")
        handle.truncate(2 * 1024 ** 3)
    with pytest.raises(InputError, match=r"huge\.png is 2\.0 GB"):
        studio.jobs.create_video("a fox", model="toyvid-1", image=huge)
    with pytest.raises(InputError, match="An end frame needs a start frame."):
        studio.jobs.create_video("a fox", model="toyvid-1", end_image=picture(tmp_path / "e.png", (8, 8), "PNG"))
    with pytest.raises(InputError, match=r"\.$"):
        studio.jobs.create_video("a fox", model="toyvid-1", image=str(tmp_path / "missing.png"))
    assert studio.jobs.recent(limit=5) == []


def test_a_frame_can_be_a_gallery_asset(studio: StudioCore, tmp_path: Path) -> None:
    path = studio.gallery.new_path("abc123def456", ".png")
    path.parent.mkdir(parents=True, exist_ok=True)
    picture(path, (32, 32), "PNG")
    studio.gallery.add(path=path, kind="image", mime="image/png", asset_id="abc123def456")
    job = studio.jobs.create_video("a fox", model="vidu-video", image="abc123")
    (saved,) = job.request["images"]
    assert input_path(studio.paths.root, saved).read_bytes() == path.read_bytes()
    with pytest.raises(InputError, match="No asset with id 'zzz'."):
        studio.jobs.create_video("a fox", model="vidu-video", image="zzz")


def test_remix_needs_a_finished_video_of_a_relay_task(studio: StudioCore, tmp_path: Path) -> None:
    path = studio.gallery.new_path("0123456789ab", ".png")
    path.parent.mkdir(parents=True, exist_ok=True)
    picture(path, (8, 8), "PNG")
    studio.gallery.add(path=path, kind="image", mime="image/png", asset_id="0123456789ab")
    with pytest.raises(InputError, match=r"^Asset 0123456789ab is not a video; remix starts from a finished video\.$"):
        studio.jobs.create_video("night", remix="0123456789ab")
    with pytest.raises(InputError, match="cannot be combined"):
        studio.jobs.create_video("night", remix="0123456789ab", extend="0123456789ab")


def test_a_picture_with_a_sound_header_and_a_damaged_body_is_refused_before_saving(
        studio: StudioCore, tmp_path: Path) -> None:
    whole = picture(tmp_path / "whole.png", (64, 64), "PNG").read_bytes()
    damaged = tmp_path / "damaged.png"
    damaged.write_bytes(whole[:40] + b"\x00" * (len(whole) - 40))
    with pytest.raises(InputError, match=r"^damaged\.png is damaged: it does not decode as a picture\.$"):
        studio.jobs.create_video("a fox", model="vidu-video", image=damaged)
    assert studio.jobs.recent(limit=5) == []


def test_a_remix_goes_to_the_relay_and_format_of_its_source(studio: StudioCore, tmp_path: Path) -> None:
    from studio.jobs.model import JobState

    studio.profiles.add("other", "http://127.0.0.1:9/other", key=KEY)
    source = studio.jobs.create_video("a fox", model="vidu-video")
    studio.jobs.store.transition(source.id, JobState.SUBMITTING)
    studio.jobs.store.transition(source.id, JobState.DOWNLOADING, remote_id="task-1")
    studio.jobs.store.transition(source.id, JobState.DONE)
    path = studio.gallery.new_path("feedfacecafe", ".mp4")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    studio.gallery.add(path=path, kind="video", mime="video/mp4", asset_id="feedfacecafe", job_id=source.id,
                       result_index=0, duration=2.0, width=16, height=16)
    with pytest.raises(InputError, match=r"made through the profile 'local'; its remix must go to the same relay\."):
        studio.jobs.create_video("at night", remix="feedfacecafe", profile="other")
    with pytest.raises(InputError, match=r"made in the chat format; its remix must use the same one\."):
        studio.jobs.create_video("at night", remix="feedfacecafe", family="openai-video")



def test_sizes_only_the_pro_model_makes_are_refused_for_sora_2(studio: StudioCore) -> None:
    with pytest.raises(InputError, match=r"^sora-2 \(Videos API \(/v1/videos\)\) takes size 720x1280 or 1280x720, "
                                         r"not 1792x1024\.$"):
        studio.jobs.create_video("a fox", model="sora-2", size="1792x1024")
    job = studio.jobs.create_video("a fox", model="sora-2-pro", size="1792x1024")
    assert job.request["size"] == "1792x1024"
