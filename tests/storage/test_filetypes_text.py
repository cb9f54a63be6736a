"""Text is a kind of result like the others (studio/storage/filetypes.py): recognised by content, checked
whole before it is kept; `MEDIA` asks for any image, video or audio, never an HTML page."""

from __future__ import annotations

from pathlib import Path

from studio.storage.filetypes import MEDIA, decodes, extension_for, sniff_kind
from tests.relay.fixtures import MP3_BYTES, png_bytes
from tests.relay.replicate import WEBP_BYTES


def test_utf8_text_without_nul_bytes_is_text() -> None:
    assert sniff_kind(b"Once upon a time", "text") == "text/plain"
    cut = "猫".encode()[:2]  # the first 32 bytes may end inside a character
    assert sniff_kind(b"a" * 30 + cut, "text") == "text/plain"
    assert sniff_kind(b"text\x00with a NUL", "text") is None
    assert sniff_kind(b"\xff\xfe not utf-8", "text") is None
    assert sniff_kind(b"", "text") is None
    for media in (png_bytes(), WEBP_BYTES, MP3_BYTES, b"\x00\x00\x00\x18ftypmp42"):
        assert sniff_kind(media[:32], "text") is None
    assert sniff_kind(b"plain words", "image") is None
    assert extension_for("text/plain") == ".txt"


def test_text_decodes_only_when_the_whole_file_is_utf8(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("a story — 猫\n" * 100, encoding="utf-8")
    assert decodes(good, "text/plain")
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(b"fine at first " * 10 + b"\xc3\x28 then not")
    assert not decodes(damaged, "text/plain")
    cut = tmp_path / "cut.txt"
    cut.write_bytes(b"ends inside a character " + "猫".encode()[:2])
    assert not decodes(cut, "text/plain")
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"words" + b"\x00" * 4)
    assert not decodes(nul, "text/plain")


def test_media_is_any_image_video_or_audio_by_content() -> None:
    assert sniff_kind(WEBP_BYTES[:32], MEDIA) == "image/webp"
    assert sniff_kind(png_bytes()[:32], MEDIA) == "image/png"
    assert sniff_kind(MP3_BYTES[:32], MEDIA) == "audio/mpeg"
    assert sniff_kind(b"\x00\x00\x00\x18ftypmp42", MEDIA) == "video/mp4"
    assert sniff_kind(b"<!doctype html><title>404</title>", MEDIA) is None
    assert sniff_kind(b"just some words", MEDIA) is None
