"""The thumbnail cache: files under thumbs/, made once with Pillow, written atomically from worker threads."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

from studio.gallery.thumbnails import ThumbnailCache, make_thumbnail
from studio.gallery.waveform import draw_waveform
from tests.gallery.images import write_image


def dimensions(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        return image.size


def files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file()) if directory.exists() else []


def test_layout_is_two_character_folders(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path / "thumbs")
    assert cache.path_for("3f9a00112233", 256) == tmp_path / "thumbs" / "3f" / "3f9a00112233_256.png"
    for bad in ("", "../x", "a/b", "a_b", "*"):
        with pytest.raises(ValueError):
            cache.path_for(bad, 96)


def test_miss_then_make_then_hit(tmp_path: Path) -> None:
    source = write_image(tmp_path / "big.png", (400, 200))
    cache = ThumbnailCache(tmp_path / "thumbs")
    assert cache.get("abc123", 128) is None
    made = cache.get_or_make("abc123", source, 128)
    assert made is not None and dimensions(made) == (128, 64)
    assert cache.path_for("abc123", 128).read_bytes() == made
    assert cache.get("abc123", 128) == made
    source.unlink()  # a hit never touches the source
    assert cache.get_or_make("abc123", source, 128) == made
    assert cache.get("abc123", 64) is None  # each size is its own file


def test_the_cache_survives_a_restart(tmp_path: Path) -> None:
    source = write_image(tmp_path / "photo.jpg", (300, 300), "JPEG", "blue")
    made = ThumbnailCache(tmp_path / "thumbs").get_or_make("photo1", source, 96)
    assert made is not None and dimensions(made) == (96, 96)
    after_restart = ThumbnailCache(tmp_path / "thumbs")
    assert after_restart.get("photo1", 96) == made


def test_broken_images_video_and_audio_cache_nothing(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path / "thumbs")
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    html = tmp_path / "error.png"
    html.write_bytes(b"<html>expired</html>")
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    audio = tmp_path / "song.mp3"
    audio.write_bytes(b"ID3" + b"\x00" * 64)
    for i, source in enumerate((broken, html, video, tmp_path / "missing.png")):
        assert cache.get_or_make(f"asset{i}", source, 96) is None
    assert cache.get_or_make("asset9", audio, 96) == draw_waveform(None, 96)  # the waveform's placeholder
    assert files(tmp_path / "thumbs") == []


def test_an_empty_cache_file_is_a_miss(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path / "thumbs")
    target = cache.path_for("empty1", 96)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"")
    assert cache.get("empty1", 96) is None
    made = cache.get_or_make("empty1", write_image(tmp_path / "a.png"), 96)
    assert made and target.read_bytes() == made


def test_discard_removes_every_size_of_one_asset_only(tmp_path: Path) -> None:
    source = write_image(tmp_path / "a.png")
    cache = ThumbnailCache(tmp_path / "thumbs")
    for size in (64, 128, 256):
        cache.get_or_make("ab12", source, size)
        cache.get_or_make("ab123", source, size)
    leftover = cache.path_for("ab12", 64).with_name("ab12_64_x1y2.tmp")  # a crash mid-write
    leftover.write_bytes(b"half")
    leftover.with_name("ab12_q1.png").write_bytes(b"a Midjourney quadrant")
    cache.discard("ab12")
    assert [p.name for p in files(tmp_path / "thumbs")] == ["ab123_128.png", "ab123_256.png", "ab123_64.png"]
    cache.discard("ab12")
    cache.discard("zz99")


def test_concurrent_get_or_make_on_many_assets(tmp_path: Path) -> None:
    sources = [write_image(tmp_path / "src" / f"{i}.png", (100 + i, 70), color=(i * 4, 0, 0)) for i in range(48)]
    cache = ThumbnailCache(tmp_path / "thumbs")
    work = [(f"asset{i:02d}", sources[i], size) for i in range(48) for size in (32, 64)] * 3  # repeats race

    def make(item: tuple[str, Path, int]) -> tuple[str, int, bytes | None]:
        asset_id, source, size = item
        return asset_id, size, cache.get_or_make(asset_id, source, size)

    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(make, work))
    for asset_id, size, data in results:
        assert data is not None
        width, height = dimensions(data)
        assert max(width, height) == size
        assert cache.get(asset_id, size) is not None
    written = files(tmp_path / "thumbs")
    assert len(written) == 48 * 2 and all(p.suffix == ".png" for p in written)


def test_make_thumbnail_is_unchanged_for_the_chat_tab(tmp_path: Path) -> None:
    data = make_thumbnail(write_image(tmp_path / "x.png", (320, 160)))
    assert data is not None and dimensions(data) == (160, 80)
    assert make_thumbnail(tmp_path / "missing.png") is None


def test_a_sound_that_does_not_decode_is_marked_and_not_decoded_again_until_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import studio.gallery.waveform as waveform_module
    from tests.support.songs import song_bytes

    decoded: list[str] = []
    real = waveform_module.make_waveform

    def counting(path, size=160):  # type: ignore[no-untyped-def]
        decoded.append(str(path))
        return real(path, size)

    monkeypatch.setattr(waveform_module, "make_waveform", counting)
    cache = ThumbnailCache(tmp_path / "thumbs")
    sound = tmp_path / "damaged.mp3"
    sound.write_bytes(b"ID3" + bytes(4000))
    first = cache.get_or_make("abc123", sound, 160, "audio")
    assert first == draw_waveform(None, 160) and len(decoded) == 1
    assert not cache.path_for("abc123", 160).exists()  # no thumbnail: a mark of the file as it is now
    for _ in range(3):  # every later start: the placeholder, nothing decoded
        assert cache.get_or_make("abc123", sound, 160, "audio") == first
    assert len(decoded) == 1
    assert cache.get_or_make("abc123", sound, 80, "audio") is not None and len(decoded) == 2  # a size of its own
    sound.write_bytes(song_bytes(seconds=2.0))  # the file changed (mended, downloaded again): decoded again
    os.utime(sound, ns=(1, 1))
    made = cache.get_or_make("abc123", sound, 160, "audio")
    assert made != first and len(decoded) == 3 and cache.path_for("abc123", 160).read_bytes() == made
    cache.discard("abc123")
    assert files(tmp_path / "thumbs") == []  # the marks go with the asset
