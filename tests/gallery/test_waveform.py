"""Waveform thumbnails (studio/gallery/waveform.py): real sounds decoded with PyAV into a tile of bars that
follows their loudness, cached once like image thumbnails; a broken, empty or silent file gives a tile too
(the neutral placeholder for what cannot be read, never an exception), and a song with a cover shows it."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from studio.gallery.store import Asset, GalleryStore
from studio.gallery.thumbnails import ThumbnailCache, find_cover
from studio.gallery.waveform import BACKGROUND, BARS, bars, draw_waveform, make_waveform, waveform_peaks
from tests.gallery.images import write_image
from tests.support.media import mp3_bytes, silent_wav, speech_bytes
from tests.support.songs import song_bytes


def tile(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image.convert("RGB")


def bar_heights(image: Image.Image) -> list[int]:
    """How many pixels of each column are the bars' colour (roughly: lighter than the background)."""
    width, height = image.size
    pixels = image.load()
    assert pixels is not None
    return [sum(1 for y in range(height) if sum(pixels[x, y]) > sum(BACKGROUND) + 150) for x in range(width)]


def test_a_real_sound_draws_bars_that_follow_its_loudness(tmp_path: Path) -> None:
    song = tmp_path / "song.mp3"
    song.write_bytes(song_bytes(seconds=6.0, swell=6.0))  # one swell: quiet, loud, quiet, loud ... over 6 s
    data, real = make_waveform(song, 160)
    assert real
    image = tile(data)
    assert image.size == (160, 160)
    assert image.getpixel((2, 2)) == BACKGROUND  # an opaque tile of its own colours (either theme)
    heights = [h for h in bar_heights(image) if h]
    assert len(heights) > 60  # bars across the tile
    assert max(heights) > 90 and min(heights) < max(heights) / 2  # loud and quiet stretches differ


def test_peaks_are_taken_from_the_whole_stream(tmp_path: Path) -> None:
    short = tmp_path / "short.mp3"
    short.write_bytes(mp3_bytes(0.5))
    long = tmp_path / "long.wav"
    long.write_bytes(song_bytes(seconds=8.0, fmt="wav"))
    assert 15 <= len(waveform_peaks(short)) <= 20  # 0.5 s in blocks of 32 ms (and the encoder's padding)
    assert 248 <= len(waveform_peaks(long)) <= 252  # 8 s
    assert all(0 <= p <= 1 for p in waveform_peaks(long)) and max(waveform_peaks(long)) > 0.5
    for fmt in ("opus", "aac", "flac"):  # what speech jobs save
        source = tmp_path / f"speech.{fmt}"
        source.write_bytes(speech_bytes(fmt))
        assert make_waveform(source)[1], fmt


def test_broken_empty_and_missing_files_give_the_placeholder(tmp_path: Path) -> None:
    empty = tmp_path / "empty.mp3"
    empty.write_bytes(b"")
    broken = tmp_path / "broken.mp3"
    broken.write_bytes(b"ID3" + bytes(4000))
    picture = write_image(tmp_path / "picture.mp3")  # an image renamed .mp3
    placeholder = draw_waveform(None, 160)
    for source in (empty, broken, picture, tmp_path / "missing.mp3"):
        data, real = make_waveform(source, 160)
        assert not real and data == placeholder, source.name
    image = tile(placeholder)
    assert image.size == (160, 160) and BARS not in [image.getpixel((x, 80)) for x in range(160)]
    assert max(bar_heights(image)) <= 3  # a flat line, no bars


def test_silence_is_a_flat_line_not_an_error(tmp_path: Path) -> None:
    quiet = silent_wav(tmp_path / "quiet.wav", 3.0)
    assert bars(waveform_peaks(quiet), 10) == [0.0] * 10
    data, real = make_waveform(quiet, 160)
    assert real and max(bar_heights(tile(data))) <= 3


def test_a_sound_on_one_side_of_a_stereo_file_is_drawn(tmp_path: Path) -> None:
    """Every channel is read (the loudest of them in each block): speech on the right only is not flat."""
    from tests.support.long_audio import one_sided_wav

    right = waveform_peaks(one_sided_wav(tmp_path / "right.wav", 8))
    left = waveform_peaks(one_sided_wav(tmp_path / "left.wav", 8, side=0))
    assert max(right) > 0.2 and list(right) == list(left)
    assert max(waveform_peaks(one_sided_wav(tmp_path / "none.wav", 8, side=-1))) == 0
    heights = [h for h in bar_heights(tile(make_waveform(tmp_path / "right.wav")[0])) if h]
    assert max(heights) > 90 and min(heights) < max(heights) / 2  # bursts and pauses


def test_the_waveform_is_made_once_and_cached(store: GalleryStore) -> None:
    song = add_file(store, "audio", ".mp3", song_bytes(seconds=4.0))
    cache = store.thumbnails
    made = cache.get_or_make(song.id, song.path, 160, "audio")
    assert made is not None and cache.path_for(song.id, 160).read_bytes() == made
    song.path.unlink()  # a hit never decodes the sound again
    assert cache.get_or_make(song.id, song.path, 160, "audio") == made
    assert ThumbnailCache(cache.directory).get(song.id, 160) == made  # and a restart keeps it


def test_a_broken_sound_is_not_cached_so_it_is_tried_again(store: GalleryStore) -> None:
    broken = add_file(store, "audio", ".mp3", b"ID3" + bytes(64))
    cache = store.thumbnails
    assert cache.get_or_make(broken.id, broken.path, 160, "audio") == draw_waveform(None, 160)
    assert not cache.path_for(broken.id, 160).exists()
    assert cache.get_or_make(broken.id, broken.path, 160) == draw_waveform(None, 160)  # by its first bytes too


def test_the_cover_of_a_clip_is_the_picture_with_its_clip_id(store: GalleryStore, tmp_path: Path) -> None:
    meta = {"family": "suno", "clip_id": "clip-a", "title": "Night drive"}
    song = add_file(store, "audio", ".mp3", mp3_bytes(), job_id="job1", result_index=0, metadata=meta)
    other = add_file(store, "image", ".png", write_image(tmp_path / "b.png").read_bytes(), job_id="job1",
                     result_index=1, metadata={"family": "suno", "clip_id": "clip-b"})
    cover = add_file(store, "image", ".png", write_image(tmp_path / "a.png").read_bytes(), job_id="job1",
                     result_index=2, metadata={"family": "suno", "clip_id": "clip-a"})
    elsewhere = add_file(store, "image", ".png", write_image(tmp_path / "c.png").read_bytes(), job_id="job2",
                         result_index=0, metadata={"family": "suno", "clip_id": "clip-a"})
    assert find_cover(song, store.for_job("job1")) == cover
    assert find_cover(song, [other, elsewhere]) is None  # another clip's, another job's
    plain = add_file(store, "audio", ".mp3", mp3_bytes(), job_id="job1", result_index=3)
    assert find_cover(plain, store.for_job("job1")) is None  # a sound without a clip id has none


def add_file(store: GalleryStore, kind: str, suffix: str, data: bytes, **fields: object) -> Asset:
    asset_id = store.new_id()
    path = store.new_path(asset_id, suffix)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    mime = {".mp3": "audio/mpeg", ".png": "image/png"}[suffix]
    return store.add(path=path, kind=kind, mime=mime, asset_id=asset_id, **fields)
