"""Video and audio in the gallery: duration and size read with PyAV when an asset is added, a video's
thumbnail is its poster frame and a sound's its waveform (cached like an image's), and images never load PyAV."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from PIL import Image

from studio.gallery.store import Asset, GalleryStore
from studio.gallery.thumbnails import ThumbnailCache
from tests.conftest import ROOT
from tests.support.media import mp3_bytes, mp4_bytes


def add_file(store: GalleryStore, kind: str, mime: str, suffix: str, data: bytes, **fields: object) -> Asset:
    asset_id = store.new_id()
    path = store.new_path(asset_id, suffix)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return store.add(path=path, kind=kind, mime=mime, asset_id=asset_id, **fields)


def test_a_video_records_its_duration_and_size_and_audio_its_duration(store: GalleryStore) -> None:
    video = add_file(store, "video", "video/mp4", ".mp4", mp4_bytes(seconds=2.0, width=192, height=112, audio=True))
    assert (video.duration, video.width, video.height) == (2.0, 192, 112)
    assert store.get(video.id) == video  # stored, not just returned
    song = add_file(store, "audio", "audio/mpeg", ".mp3", mp3_bytes())
    assert song.duration is not None and abs(song.duration - 0.5) < 0.1 and (song.width, song.height) == (None, None)
    given = add_file(store, "video", "video/mp4", ".mp4", mp4_bytes(), duration=9.5, width=10, height=20)
    assert (given.duration, given.width, given.height) == (9.5, 10, 20)  # what the caller says wins
    broken = add_file(store, "video", "video/mp4", ".mp4", b"\x00\x00\x00\x18ftypmp42" + bytes(64))
    assert (broken.duration, broken.width, broken.height) == (None, None, None)  # recorded all the same


def test_a_video_thumbnail_is_its_poster_and_is_cached(store: GalleryStore, tmp_path: Path) -> None:
    video = add_file(store, "video", "video/mp4", ".mp4", mp4_bytes(width=320, height=160))
    cache = store.thumbnails
    made = cache.get_or_make(video.id, video.path, 160)
    assert made is not None
    with Image.open(io.BytesIO(made)) as image:
        assert image.format == "PNG" and image.size == (160, 80)
    assert cache.path_for(video.id, 160).read_bytes() == made
    video.path.unlink()  # a hit never opens the video again
    assert cache.get_or_make(video.id, video.path, 160) == made
    song = add_file(store, "audio", "audio/mpeg", ".mp3", mp3_bytes())
    waveform = cache.get_or_make(song.id, song.path, 160)  # a sound's thumbnail is its waveform
    assert waveform is not None and cache.path_for(song.id, 160).read_bytes() == waveform


def test_an_image_thumbnail_does_not_load_pyav(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom PIL import Image\n"
        "from studio.gallery.thumbnails import ThumbnailCache\n"
        f"folder = Path({str(tmp_path)!r})\n"
        "Image.new('RGB', (300, 200), 'red').save(folder / 'a.png')\n"
        "assert ThumbnailCache(folder / 'thumbs').get_or_make('abc1', folder / 'a.png', 96)\n"
        "assert 'av' not in sys.modules, 'PyAV was imported for an image'\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout.strip() == "ok", result.stderr
    assert ThumbnailCache(tmp_path / "thumbs").get("abc1", 96) is not None
