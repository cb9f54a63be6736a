"""The split path's two halves without a relay: a long recording cut into speech MP3 parts at its silences
(studio/storage/audio_split.py), and the parts' transcripts merged on the recording's time line
(studio/api/subtitles.py `merge`): every part under its upload limit, the parts back to back, each cut in a
pause, and merged lines that only go forward whatever a part's answer says at its edges."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest

from studio.api.subtitles import Segment, Transcript, Word, merge, render
from studio.storage.audio_split import Stopped, is_silent, part_seconds, split_speech
from studio.storage.media import MediaError, probe
from tests.relay.fixtures import png_bytes
from tests.support.long_audio import bursts_wav, is_pause, one_sided_wav
from tests.support.media import silent_wav

LIMIT = 256 * 1024  # about a minute of speech MP3 per part


def test_a_recording_is_cut_in_its_pauses_into_parts_under_the_limit(tmp_path: Path) -> None:
    source = bursts_wav(tmp_path / "talk.wav", 6 * 60)
    seen: list[float] = []
    parts = split_speech(source, tmp_path / "parts", limit=LIMIT, progress=seen.append)
    assert len(parts) == 7
    assert seen and seen == sorted(seen) and seen[-1] <= 6 * 60  # progress now and then, in seconds done
    assert [p.path.name for p in parts] == [f"part-{k:03d}.mp3" for k in range(7)]
    assert sorted(x.name for x in (tmp_path / "parts").iterdir()) == [p.path.name for p in parts]  # no scratch left
    assert parts[0].offset == 0
    for before, after in zip(parts, parts[1:], strict=False):
        assert after.offset == pytest.approx(before.offset + before.seconds, abs=1e-9)  # back to back
        assert is_pause(after.offset), after.offset  # every cut in a silence
        assert before.seconds > part_seconds(LIMIT) - 31  # the latest pause in the window before the limit
    assert sum(p.seconds for p in parts) == pytest.approx(6 * 60, abs=0.01)  # nothing lost, nothing added
    for part in parts:
        assert part.size == part.path.stat().st_size < LIMIT
        info = probe(part.path)
        assert info.audio and not info.video
        assert info.duration == pytest.approx(part.seconds, abs=0.1)


def test_a_speech_mp3_is_cut_between_its_packets_without_a_second_encoding(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from studio.storage import audio_split
    from studio.storage.audio_extract import extract_speech

    sound = extract_speech(bursts_wav(tmp_path / "talk.wav", 6 * 60, rate=16000), tmp_path / "talk.mp3")
    monkeypatch.setattr(audio_split, "_Writer", None)  # the encoding writer is never built
    parts = split_speech(sound, tmp_path / "parts", limit=LIMIT)
    assert len(parts) == 7 and all(p.size < LIMIT for p in parts)
    for before, after in zip(parts, parts[1:], strict=False):
        # a part begins a few packets before its cut (the decoder's warm-up): parts overlap, nothing is lost
        assert 0 < before.offset + before.seconds - after.offset < 0.1
        assert is_pause(after.offset) and is_pause(before.offset + before.seconds), after.offset
    assert parts[-1].offset + parts[-1].seconds == pytest.approx(6 * 60, abs=1e-6)
    assert sum(p.size for p in parts) == pytest.approx(sound.stat().st_size, rel=0.01)  # the same packets
    whole = samples_of(sound)
    for part in parts:
        heard = samples_of(part.path)
        padding = len(heard) - round(part.seconds * 16000)  # the encoder's padding after the recording's end
        assert padding == 0 or (part is parts[-1] and 0 < padding < 576)  # what a decoder makes of it
        start = round(part.offset * 16000)
        assert heard[:len(heard) - padding] == whole[start:start + len(heard) - padding]  # the same sound, there


def test_a_recording_that_fits_once_compressed_is_one_part(tmp_path: Path) -> None:
    source = bursts_wav(tmp_path / "talk.wav", 40, rate=16000)  # 1.3 MB of WAV, 160 KB of speech MP3
    assert source.stat().st_size > LIMIT
    (part,) = split_speech(source, tmp_path / "parts", limit=LIMIT)
    assert part.offset == 0 and part.seconds == pytest.approx(40) and part.size < LIMIT


def test_silence_is_told_apart_and_a_stopped_cut_leaves_nothing(tmp_path: Path) -> None:
    import threading

    quiet = silent_wav(tmp_path / "quiet.wav", 30)
    (part,) = split_speech(quiet, tmp_path / "quiet", limit=LIMIT)
    assert part.loudest == 0
    (part,) = split_speech(bursts_wav(tmp_path / "talk.wav", 30), tmp_path / "talk", limit=LIMIT)
    assert part.loudest > 1000
    stop = threading.Event()
    stop.set()
    with pytest.raises(Stopped, match=r"^The cut of talk.wav into parts was stopped\.$"):
        split_speech(tmp_path / "talk.wav", tmp_path / "stopped", limit=LIMIT, stop=stop)
    assert list((tmp_path / "stopped").iterdir()) == []


def test_a_sound_in_one_channel_only_is_not_silence(tmp_path: Path) -> None:
    """Every channel is measured: a stereo recording with speech on one side only is sent, stereo silence not."""
    import av

    right, left = one_sided_wav(tmp_path / "right.wav", 10), one_sided_wav(tmp_path / "left.wav", 10, side=0)
    assert not is_silent(right) and not is_silent(left)
    assert is_silent(one_sided_wav(tmp_path / "none.wav", 10, side=-1))
    with av.open(str(right)) as container:  # as the file's decoder gives it: interleaved s16, two channels
        frame = next(container.decode(container.streams.audio[0]))
        assert frame.format.name == "s16" and len(frame.layout.channels) == 2
    (part,) = split_speech(right, tmp_path / "parts", limit=LIMIT)
    assert part.loudest > 1000


def test_what_is_not_audio_is_one_sentence_and_leaves_no_part(tmp_path: Path) -> None:
    photo = tmp_path / "photo.mp3"
    photo.write_bytes(png_bytes(8, 8))
    with pytest.raises(MediaError, match=r"^photo.mp3 holds no sound to transcribe\.$"):
        split_speech(photo, tmp_path / "parts", limit=LIMIT)
    cut = tmp_path / "cut.wav"
    cut.write_bytes(bursts_wav(tmp_path / "whole.wav", 2).read_bytes()[:30])
    with pytest.raises(MediaError, match=r"^cut.wav could not be cut into parts for transcription \(.*\)\.$"):
        split_speech(cut, tmp_path / "parts", limit=LIMIT)
    assert list((tmp_path / "parts").iterdir()) == []


def samples_of(path: Path) -> array[float]:
    """Every sample a decoder makes of a mono MP3 (its float plane)."""
    import av

    found = array("f")
    with av.open(str(path)) as container:
        for frame in container.decode(container.streams.audio[0]):
            found.frombytes(bytes(frame.planes[0])[:frame.samples * 4])
    return found


def _lines(*spans: tuple[float, float]) -> Transcript:
    segments = tuple(Segment(a, b, f"line {a:g}") for a, b in spans)
    return Transcript(text=" ".join(s.text for s in segments), segments=segments,
                      words=tuple(Word(s.start, s.end, s.text) for s in segments))


def test_merged_lines_keep_their_parts_offsets_and_only_go_forward() -> None:
    merged = merge([
        (0.0, 10.0, _lines((0, 4), (4, 10.4))),  # the last line runs past the part's end: clipped to 10
        (10.0, 8.0, _lines((0, 3), (2.5, 6), (8.1, 8.3))),  # an overlap is clipped; a line after the end is kept
        (18.0, 5.0, Transcript(text="")),  # a part without speech adds nothing
        (23.0, 5.0, _lines((0, 5))),
    ])
    spans = [(0, 4), (4, 10), (10, 13), (13, 16), (18.1, 18.3), (23, 28)]
    assert [(s.start, s.end) for s in merged.segments] == spans
    assert [(w.start, w.end) for w in merged.words] == spans
    assert merged.text == "line 0 line 4 line 0 line 2.5 line 8.1 line 0" and merged.duration == 28.0
    assert " ".join(s.text for s in merged.segments) == merged.text  # no line lost
    starts = [s.start for s in merged.segments]
    assert starts == sorted(set(starts))
    srt = render(merged, "srt")
    assert "00:00:10,000 --> 00:00:13,000\nline 0\n" in srt and "00:00:23,000 --> 00:00:28,000" in srt


def test_a_line_with_words_is_never_dropped_at_a_seam() -> None:
    def said(*lines: tuple[float, float, str]) -> Transcript:
        segments = tuple(Segment(a, b, text) for a, b, text in lines)
        return Transcript(text=" ".join(s.text for s in segments), segments=segments,
                          words=tuple(Word(s.start, s.end, s.text) for s in segments))

    merged = merge([
        (0.0, 10.0, said((0, 5, "a"), (1, 3, "b"), (5, 5, "c"), (5, 9, "d"), (10.2, 10.6, "e"), (9.5, 9.5, ""))),
        (10.0, 5.0, said((0, 2, "f"))),  # starts where "e" would: "e" has no room, its words go with "d"
    ])
    expected = [(0, 5, "a"), (5, 5.001, "b"), (5.001, 5.002, "c"), (5.002, 9, "d e"), (10, 12, "f")]
    assert [(s.start, s.end, s.text) for s in merged.segments] == expected  # covered and zero-length lines kept
    assert [(w.start, w.end, w.word) for w in merged.words] == expected
    for line in merged.segments:
        assert line.end > line.start
    for before, after in zip(merged.segments, merged.segments[1:], strict=False):
        assert before.end <= after.start
    assert "00:00:05,000 --> 00:00:05,001\nb\n" in render(merged, "srt")


def test_a_merge_of_untimed_parts_is_text_only() -> None:
    merged = merge([(0.0, 60.0, Transcript(text="Hello there.")), (60.0, 30.0, Transcript(text=" General. "))])
    assert merged.text == "Hello there. General." and not merged.timed
