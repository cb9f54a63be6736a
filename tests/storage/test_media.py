"""Video and audio read with PyAV (studio/storage/media.py): what a file holds, whether it is whole, its poster."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from studio.storage import media
from studio.storage.filetypes import decodes, extension_for, sniff, sniff_kind
from studio.storage.media import MediaError, poster, probe, verify
from tests.conftest import ROOT
from tests.support.media import big_mp4, mp3_bytes, mp4_bytes, write_media


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_probe_reads_duration_size_and_streams(tmp_path: Path) -> None:
    info = probe(write(tmp_path / "clip.mp4", mp4_bytes(seconds=2.0, width=160, height=96, audio=True)))
    assert (info.duration, info.width, info.height, info.video, info.audio) == (2.0, 160, 96, True, True)
    assert (info.video_codec, info.audio_codec) == ("h264", "aac") and "mp4" in info.container
    song = probe(write(tmp_path / "song.mp3", mp3_bytes()))
    assert (song.video, song.audio, song.width, song.height) == (False, True, None, None)
    assert song.duration == pytest.approx(0.5, abs=0.1)


def test_a_file_that_is_not_media_is_one_sentence(tmp_path: Path) -> None:
    renamed = write(tmp_path / "notes.mp4", b"Meeting notes: nothing here is a video.\n" * 40)
    with pytest.raises(MediaError, match=r"^notes\.mp4 is not a video or audio file that can be read\.$"):
        probe(renamed)
    with pytest.raises(MediaError, match=r"^The file gone\.mp4 is missing\.$"):
        probe(tmp_path / "gone.mp4")
    assert not verify(renamed, "video/mp4")
    assert not decodes(renamed, "video/mp4")


def test_a_whole_video_verifies_and_a_truncated_or_damaged_one_does_not(tmp_path: Path) -> None:
    data = mp4_bytes(audio=True)
    whole = write(tmp_path / "whole.mp4", data)
    assert verify(whole, "video/mp4") and decodes(whole, "video/mp4")
    assert verify(whole, "audio/mp4")  # it has a sound track too
    assert not verify(write(tmp_path / "half.mp4", data[: len(data) // 2]), "video/mp4")
    assert not verify(write(tmp_path / "tail.mp4", data[:-200]), "video/mp4")  # the index cut short
    moov = data.index(b"moov")
    damaged = bytearray(data)
    damaged[moov + 8 : moov + 200] = bytes(192)  # the index zeroed: its boxes are gone
    assert not verify(write(tmp_path / "damaged.mp4", bytes(damaged)), "video/mp4")
    assert not verify(write(tmp_path / "song.mp3", mp3_bytes()), "video/mp4")  # audio is not a video
    assert verify(tmp_path / "song.mp3", "audio/mpeg")


def test_a_video_whose_media_comes_after_its_index_is_caught_when_cut(tmp_path: Path) -> None:
    """MP4s made for streaming put the index first (faststart): a cut file opens, but packets are missing."""
    path = tmp_path / "faststart.mp4"
    write_media(path, "mp4", [Image.new("RGB", (160, 96), (index * 7, 80, 120)) for index in range(36)],
                options={"movflags": "faststart"})
    data = path.read_bytes()
    assert data.index(b"moov") < data.index(b"mdat") and verify(path, "video/mp4")
    assert not verify(write(tmp_path / "cut.mp4", data[: len(data) * 3 // 4]), "video/mp4")


def test_a_cut_webm_is_caught_by_its_declared_duration(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    write_media(buffer, "webm", [Image.new("RGB", (160, 96), (index * 5, 40, 90)) for index in range(48)],
                codec="libvpx")
    data = buffer.getvalue()
    assert sniff(data[:32]) == "video/webm" and verify(write(tmp_path / "whole.webm", data), "video/webm")
    assert not verify(write(tmp_path / "cut.webm", data[: len(data) * 3 // 4]), "video/webm")


def test_the_big_test_video_is_valid_and_invalid_when_cut(tmp_path: Path) -> None:
    video = big_mp4(8 * 1024 * 1024)
    path = video.write_to(tmp_path / "big.mp4")
    assert path.stat().st_size == len(video) == 8 * 1024 * 1024
    assert verify(path, "video/mp4") and probe(path).duration == 2.0
    data = path.read_bytes()
    assert b"".join(video.pieces(1000, 3_000_000)) == data[1000:3_000_000]
    assert not verify(write(tmp_path / "half.mp4", data[: len(data) // 2]), "video/mp4")


def colour(png: bytes) -> tuple[int, int, int]:
    with Image.open(io.BytesIO(png)) as image:
        pixel = image.convert("RGB").getpixel((150, 4))  # away from the moving white bar
    assert isinstance(pixel, tuple)
    return pixel[0], pixel[1], pixel[2]


def test_the_poster_is_the_frame_at_one_second_not_frame_zero(tmp_path: Path) -> None:
    # 12 frames a second for 2 s: frame n is red 40 + n * 200 // 24 (frame 12, at 1.0 s: 140)
    clip = write(tmp_path / "clip.mp4", mp4_bytes(seconds=2.0, fps=12))
    at_one, first = poster(clip), poster(clip, at=0.0)
    with Image.open(io.BytesIO(at_one)) as image:
        assert image.format == "PNG" and image.size == (160, 96)
    assert abs(colour(at_one)[0] - 140) <= 3  # frame 12 exactly: frames 11 and 13 are 131 and 148
    assert abs(colour(first)[0] - 40) <= 3 and at_one != first
    # a short clip shows its middle: 1 s long, so the frame at 0.5 s (frame 6 of 12: red 140)
    short = write(tmp_path / "short.mp4", mp4_bytes(seconds=1.0, fps=12))
    assert abs(colour(poster(short))[0] - 140) <= 3


def test_the_poster_fits_the_size_and_stands_upright(tmp_path: Path) -> None:
    wide = write(tmp_path / "wide.mp4", mp4_bytes(width=320, height=96))
    with Image.open(io.BytesIO(poster(wide, size=64))) as image:
        assert image.size == (64, 19)  # scaled to fit like image thumbnails
    path = tmp_path / "phone.mp4"  # filmed upright: stored landscape, with a display rotation
    write_media(path, "mp4", [Image.new("RGB", (160, 96), (index * 9, 30, 60)) for index in range(24)], rotation=90)
    with Image.open(io.BytesIO(poster(path, size=64))) as image:
        assert image.size == (38, 64)


def test_a_poster_of_what_has_no_picture_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match=r"^song\.mp3 has no picture to show\.$"):
        poster(write(tmp_path / "song.mp3", mp3_bytes()))
    with pytest.raises(MediaError, match=r"is not a video or audio file"):
        poster(write(tmp_path / "text.mp4", b"plain text, renamed\n" * 10))


def test_ftyp_brands_and_aac_are_told_apart() -> None:
    assert sniff(b"\x00\x00\x00\x20ftypM4A \x00\x00\x02\x00") == "audio/mp4"
    assert sniff(b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00") == "video/quicktime"
    assert sniff(b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00") == "video/mp4"
    assert sniff(b"\xff\xf1\x50\x80") == "audio/aac" and sniff(b"\xff\xfb\x90\x64") == "audio/mpeg"
    assert sniff_kind(b"\x00\x00\x00\x20ftypM4A \x00\x00\x02\x00", "video") is None  # a song is not the video
    assert [extension_for(m) for m in ("video/quicktime", "audio/mp4", "audio/aac")] == [".mov", ".m4a", ".aac"]


def test_help_and_the_media_module_itself_import_no_pyav() -> None:
    code = ("import sys\nfrom studio.cli import main\nimport studio.storage.media, studio.storage.filetypes\n"
            "import studio.gallery.store, studio.gallery.thumbnails, studio.jobs.downloads\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "assert 'av' not in sys.modules, 'av imported'\nprint('ok')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout.strip().endswith("ok"), result.stderr
    assert "av" not in dir(media)  # imported inside the functions that read files


def test_the_app_starts_without_pyav(tmp_path: Path) -> None:
    code = ("import sys\nfrom pathlib import Path\nfrom studio.app import build_gui\n"
            "from studio.services.core import StudioCore\nfrom studio.storage.paths import DataPaths\n"
            f"gui = build_gui(StudioCore.open(DataPaths(Path({str(tmp_path)!r}))), ['studio'])\n"
            "gui.window.show()\ngui.app.processEvents()\n"
            "assert 'av' not in sys.modules, 'av imported at start'\nprint('ok')\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STUDIO_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                            env=env)
    assert result.stdout.strip().endswith("ok"), result.stderr


def test_a_song_in_a_plain_isom_box_is_taken_as_audio_and_checked_for_its_sound(tmp_path: Path) -> None:
    song = tmp_path / "song.m4a"
    buffer = io.BytesIO()
    write_media(buffer, "mp4", tone_seconds=1.0)  # AAC alone in an `isom` MP4, as relays serve songs
    song.write_bytes(buffer.getvalue())
    head = song.read_bytes()[:32]
    assert sniff(head) == "video/mp4"  # a box alone cannot tell, so a file asked for as any media stays a video
    assert sniff_kind(head, "audio") == "audio/mp4"
    assert decodes(song, "audio/mp4") and not decodes(song, "video/mp4")  # the streams decide
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(mp4_bytes())
    assert sniff_kind(clip.read_bytes()[:32], "audio") == "audio/mp4" and not decodes(clip, "audio/mp4")
