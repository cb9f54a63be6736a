"""Audio at scale: the split path of transcription on a 60-minute recording. Prints each figure beside its
target and, where there is one, the ratio against a baseline measured in the same run.

(a) preparing the parts: `studio.storage.audio_split.split_speech` of a 60-minute 16 kHz mono WAV (115 MB,
    over the 25 MB upload limit; speech-like tone bursts and pauses, written with the `wave` module), once
    for the route's 25 MB (the recording fits one upload once compressed) and once for a relay that takes
    4 MB (cut at its pauses into parts). Target: the time spent preparing parts <= 2 % of the recording's
    duration (72 s for an hour) on this machine; peak RSS growth of the process < 80 MB (Linux: VmHWM after
    resetting it through /proc/self/clear_refs: nothing is decoded whole). Baseline, same run: the same
    recording compressed into one MP3 by `studio.storage.audio_extract.extract_speech` (decode and encode
    alone, no loudness measured, no frames held): the ratio is what cutting costs on top of compressing.
    Then that MP3 (what a video's extracted sound is) cut for 4 MB uploads between its packets, not re-encoded.
    Then the 4 MB parts sent as the job sends them (`Transcriptions.create`, three in flight, each streamed from
    its open file) to a local server that reads and drops the bytes: peak RSS growth of the process < one part's
    size (a part read whole, three in flight and the form's copy, would grow it by about six parts).
(b) merge: the transcripts of the parts of an hour (a line every 2 s, five words each: 1,800 lines and
    9,000 words, as the relay test server answers) merged by `studio.api.subtitles.merge` and rendered as
    SRT. Target: < 100 ms. Baseline, same run: rendering the same lines as SRT unmerged.

(c) waveform thumbnails for 1,000 clips: 1,000 song assets (`--clips`) of 150 s each (`--clip-seconds`: a
    Suno clip's usual length; 44.1 kHz mono MP3s, eight distinct songs written with PyAV, each asset its own
    file and its own cache entry) get their Gallery thumbnail through `ThumbnailCache.get_or_make(kind=
    "audio")` (studio/gallery/waveform.py: streamed PyAV decoding, peaks, a Pillow tile) on the Gallery's
    own pool of THUMBNAILS_IN_FLIGHT workers, as the grid asks for them. Baseline, same run: the same files
    only decoded by PyAV, nothing kept (the floor any waveform pays), on the same pool, alternating with the
    thumbnails by batches of 50 clips (a shared machine's load weighs on both alike). Targets: the time
    per thumbnail <= 2.5x the clip's bare decoding (reading the first channel's samples, the peaks and the
    tile may cost at most one and a half decodes more) and the whole library's total <= 2.5x decoding it;
    then every thumbnail a cache hit (a second pass with a new cache object: no decode, < 2 ms each).

Usage: .venv/bin/python benchmarks/audio.py [--minutes N] [--clips N] [--clip-seconds S] [--skip a,b,c]
"""

from __future__ import annotations

import argparse
import gc
import math
import struct
import sys
import tempfile
import time
import wave
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PREPARE_SHARE, RSS_TARGET_MB, MERGE_TARGET_S = 0.02, 80.0, 0.1
MB = 1024 * 1024

results: list[tuple[str, str, str, bool | None]] = []  # (figure, value, target, met)


def row(label: str, value: str, target: str = "", ok: bool | None = None) -> None:
    results.append((label, value, target, ok))
    verdict = "" if ok is None else ("PASS" if ok else "MISS")
    print(f"  {label:40} {value:>14}   {target:16} {verdict}", flush=True)


# -- memory ----------------------------------------------------------------------------------------

def _status(field: str) -> float | None:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0); False where that is not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
        return True
    except OSError:
        return False


def peak_growth(work: Callable[[], Any]) -> tuple[float, float | None, Any]:
    """(wall seconds, growth of the peak RSS in MB or None, what `work()` returned)."""
    gc.collect()
    measurable = reset_peak()
    before = _status("VmRSS")
    started = time.perf_counter()
    value = work()
    wall = time.perf_counter() - started
    peak = _status("VmHWM")
    return wall, (peak - before) if measurable and peak is not None and before is not None else None, value


# -- (a) preparing the parts -----------------------------------------------------------------------

def recording(path: Path, seconds: float, rate: int = 16000) -> Path:
    """A mono 16-bit WAV of 3 s tone bursts and 1 s pauses (one period built once, written in a loop)."""
    voiced = [int(8000 * math.sin(2 * math.pi * 220 * i / rate) * (1 + 0.5 * math.sin(2 * math.pi * 3 * i / rate)))
              for i in range(3 * rate)]
    chunk = struct.pack(f"<{4 * rate}h", *voiced, *([0] * rate))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        for _ in range(int(seconds // 4)):
            out.writeframes(chunk)
    return path


def bench_split(folder: Path, minutes: float) -> None:
    from studio.api.transcription import MAX_UPLOAD
    from studio.storage.audio_extract import extract_speech
    from studio.storage.audio_split import split_speech

    seconds = minutes * 60
    source = recording(folder / "hour.wav", seconds)
    print(f"(a) a {minutes:g}-minute 16 kHz mono WAV ({source.stat().st_size / MB:.0f} MB) into speech MP3 parts:")
    extract_speech(recording(folder / "warm.wav", 4), folder / "warm.mp3")  # PyAV and its codecs loaded first
    base, base_growth, _ = peak_growth(lambda: extract_speech(source, folder / "baseline.mp3"))
    row("baseline: compressed into one MP3", f"{base:.1f} s", f"({100 * base / seconds:.2f} % of real time)")
    if base_growth is not None:
        row("baseline: peak RSS growth", f"{base_growth:.1f} MB")
    budget = PREPARE_SHARE * seconds
    for label, limit in (("25 MB uploads", MAX_UPLOAD), ("4 MB uploads", 4 * MB)):
        target = folder / f"parts-{limit}"
        wall, growth, parts = peak_growth(lambda target=target, limit=limit: split_speech(source, target, limit=limit))
        largest = max(p.size for p in parts)
        row(f"{label}: parts prepared", f"{wall:.1f} s", f"<= {budget:.0f} s (2 %)", wall <= budget)
        row(f"{label}: share of real time", f"{100 * wall / seconds:.2f} %", "<= 2 %", wall <= budget)
        row(f"{label}: against the baseline", f"{wall / base:.2f}x", "(cutting's cost)")
        row(f"{label}: parts, largest", f"{len(parts)}, {largest / MB:.1f} MB", f"< {limit / MB:.0f} MB",
            largest < limit)
        if growth is not None:
            row(f"{label}: peak RSS growth", f"{growth:.1f} MB", f"< {RSS_TARGET_MB:.0f} MB", growth < RSS_TARGET_MB)
        else:
            row(f"{label}: peak RSS growth", "n/a", "(needs Linux)")
    # a video's sound is extracted as speech MP3 first: such a file is cut between its packets, not re-encoded
    sound = folder / "baseline.mp3"
    wall, growth, parts = peak_growth(lambda: split_speech(sound, folder / "parts-mp3", limit=4 * MB))
    row("speech MP3, 4 MB uploads: parts cut", f"{wall:.1f} s", f"<= {budget:.0f} s (2 %)", wall <= budget)
    row("speech MP3: against the baseline", f"{wall / base:.2f}x", "(no second encoding)")
    row("speech MP3: parts, largest", f"{len(parts)}, {max(p.size for p in parts) / MB:.1f} MB", "< 4 MB",
        max(p.size for p in parts) < 4 * MB)
    if growth is not None:
        row("speech MP3: peak RSS growth", f"{growth:.1f} MB", f"< {RSS_TARGET_MB:.0f} MB", growth < RSS_TARGET_MB)
    sent = sorted((folder / f"parts-{4 * MB}").glob("part-*.mp3"))
    part = max(p.stat().st_size for p in sent) / MB
    warm = folder / "warm.mp3"
    send_parts([warm])  # the HTTP stack, its TLS context and the event loop loaded first
    wall, growth, _ = peak_growth(lambda: send_parts(sent))
    row(f"{len(sent)} parts sent, three at a time", f"{wall:.1f} s", "(streamed from their files)")
    if growth is not None:
        row("sending: peak RSS growth", f"{growth:.1f} MB", f"< {part:.1f} MB (one part)", growth < part)


def send_parts(parts: list[Path]) -> None:
    """Send `parts` as a transcription job does (three at a time, each from its open file) to a local server
    that reads each request's body in small pieces and drops them."""
    import asyncio
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from studio.api.client import RelayClient
    from studio.api.transcription import Transcriptions

    class Drop(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            left = int(self.headers.get("Content-Length") or 0)
            while left > 0:
                left -= len(self.rfile.read(min(left, 64 * 1024)) or b"") or left
            body = b'{"text": "Line 1 is spoken here."}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Drop)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    async def send() -> None:
        client = RelayClient(f"http://127.0.0.1:{server.server_port}", "sk-bench")
        slots = asyncio.Semaphore(3)

        async def one(path: Path) -> None:
            async with slots:
                with path.open("rb") as handle:
                    await Transcriptions(client).create((path.name, handle, "audio/mpeg"), model="whisper-1")

        try:
            await asyncio.gather(*(one(p) for p in parts))
        finally:
            await client.aclose()

    try:
        asyncio.run(send())
    finally:
        server.shutdown()


# -- (b) merge -------------------------------------------------------------------------------------

def bench_merge(folder: Path, minutes: float) -> None:
    from studio.api.subtitles import Segment, Transcript, Word, merge, render

    seconds, part = minutes * 60, 245.0  # the length of a part cut for 1 MB uploads
    pieces: list[tuple[float, float, Transcript]] = []
    offset = 0.0
    while offset < seconds:
        length = min(part, seconds - offset)
        segments = tuple(Segment(t, min(t + 2, length), f"Line {i + 1} is spoken here.")
                         for i, t in enumerate(x * 2.0 for x in range(math.ceil(length / 2))))
        words = tuple(Word(s.start + k * (s.end - s.start) / 5, s.start + (k + 1) * (s.end - s.start) / 5, w)
                      for s in segments for k, w in enumerate(s.text.split()))
        pieces.append((offset, length, Transcript(" ".join(s.text for s in segments), segments, words)))
        offset += length
    flat = Transcript("", tuple(s for _, _, t in pieces for s in t.segments))
    lines = len(flat.segments)
    print(f"(b) merging {len(pieces)} parts' transcripts ({lines} lines, {sum(len(t.words) for *_, t in pieces)} "
          "words) and rendering SRT:")
    started = time.perf_counter()
    render(flat, "srt")
    base = time.perf_counter() - started
    started = time.perf_counter()
    merged = merge(pieces)
    render(merged, "srt")
    wall = time.perf_counter() - started
    row("baseline: SRT of the lines unmerged", f"{1000 * base:.1f} ms")
    row("merged and rendered", f"{1000 * wall:.1f} ms", f"< {1000 * MERGE_TARGET_S:.0f} ms", wall < MERGE_TARGET_S)
    row("against the baseline", f"{wall / max(base, 1e-9):.1f}x")
    row("lines kept", f"{len(merged.segments)}", f"= {lines}", len(merged.segments) == lines)


# -- (c) waveform thumbnails for 1,000 clips ---------------------------------------------------------

WAVEFORM_RATIO = 2.5
HIT_TARGET_S = 0.002


def clip_mp3(path: Path, seconds: float, seed: int, rate: int = 44100) -> Path:
    """A 44.1 kHz mono MP3 of a 220 Hz tone whose loudness swells and beats (a shape a waveform shows). Each
    50 ms holds exactly 11 periods, so the samples are 64 loudness steps of one precomputed chunk (fast)."""
    import av

    step = rate // 20
    tone = [math.sin(2 * math.pi * 220 * i / rate) for i in range(step)]
    chunks = [struct.pack(f"<{step}h", *(int(26000 * level / 63 * t) for t in tone)) for level in range(64)]
    swell = 4.0 + seed % 5
    with av.open(str(path), "w", format="mp3") as container:
        stream = container.add_stream("libmp3lame", rate=rate, layout="mono")
        stream.codec_context.open()
        resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=rate,
                                      frame_size=stream.codec_context.frame_size or None)
        written = 0
        for index in [*range(int(seconds * 20)), None]:
            frame = None
            if index is not None:
                moment = index / 20
                level = (0.55 + 0.45 * math.sin(2 * math.pi * moment / swell + seed)) * (
                    0.6 + 0.4 * abs(math.sin(math.pi * moment * 2)))
                frame = av.AudioFrame(format="s16", layout="mono", samples=step)
                frame.planes[0].update(chunks[min(63, int(level * 63))])
                frame.sample_rate = rate
            for chunk in resampler.resample(frame):
                chunk.pts, chunk.time_base = written, Fraction(1, rate)
                written += chunk.samples
                for packet in stream.encode(chunk):
                    container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def bare_decode(path: Path) -> int:
    import av

    samples = 0
    with av.open(str(path)) as container:
        for frame in container.decode(container.streams.audio[0]):
            samples += frame.samples
    return samples


def bench_waveforms(folder: Path, clips: int, clip_seconds: float) -> None:
    import os
    from concurrent.futures import ThreadPoolExecutor

    import studio.gallery.waveform as waveform
    from studio.gallery.thumbnails import ThumbnailCache
    from studio.viewmodels.gallery import THUMBNAIL_SIZE, THUMBNAILS_IN_FLIGHT

    songs = [clip_mp3(folder / f"song{i}.mp3", clip_seconds, i) for i in range(8)]
    library = folder / "library"
    library.mkdir()
    paths = []
    for index in range(clips):  # each asset its own file (hard links: 8 songs' bytes on disk)
        target = library / f"{index:012x}.mp3"
        try:
            os.link(songs[index % len(songs)], target)
        except OSError:
            target.write_bytes(songs[index % len(songs)].read_bytes())
        paths.append(target)
    ids = [f"{index + 1:012x}" for index in range(clips)]
    size_mb = sum(p.stat().st_size for p in songs) / len(songs) / MB
    print(f"(c) waveform thumbnails for {clips} clips of {clip_seconds:g} s ({size_mb:.1f} MB MP3 each), "
          f"{THUMBNAILS_IN_FLIGHT} workers:")
    bare_decode(songs[0])  # PyAV and its codecs loaded first
    waveform.make_waveform(songs[0], THUMBNAIL_SIZE)

    def timed(work: Callable[[], Any]) -> float:
        started = time.perf_counter()
        work()
        return time.perf_counter() - started

    cache = ThumbnailCache(folder / "thumbs")
    made: list[bytes | None] = []

    def thumbnail(pair: tuple[str, Path]) -> float:
        return timed(lambda: made.append(cache.get_or_make(pair[0], pair[1], THUMBNAIL_SIZE, "audio")))

    decodes: list[float] = []
    thumbs: list[float] = []
    decode_total = total = 0.0
    # baseline and thumbnails alternate by batches of 50 clips: a machine whose load changes during the run
    # (other work on a shared CPU) weighs on both alike
    with ThreadPoolExecutor(max_workers=THUMBNAILS_IN_FLIGHT) as pool:
        for start in range(0, clips, 50):
            batch = slice(start, start + 50)
            decode_total += timed(lambda batch=batch: decodes.extend(
                pool.map(lambda path: timed(lambda: bare_decode(path)), paths[batch])))
            total += timed(lambda batch=batch: thumbs.extend(
                pool.map(thumbnail, zip(ids[batch], paths[batch], strict=True))))
    per_decode, per_thumb = sum(decodes) / clips, sum(thumbs) / clips
    p95 = sorted(thumbs)[int(0.95 * (clips - 1))]
    row("baseline: bare decode, per clip", f"{1000 * per_decode:.0f} ms",
        f"({clip_seconds / per_decode:.0f}x real time)")
    row("baseline: bare decode, all clips", f"{decode_total:.1f} s")
    row("waveform thumbnail, per clip", f"{1000 * per_thumb:.0f} ms", f"(p95 {1000 * p95:.0f} ms)")
    row("per clip against bare decode", f"{per_thumb / per_decode:.2f}x", f"<= {WAVEFORM_RATIO:g}x",
        per_thumb / per_decode <= WAVEFORM_RATIO)
    row("waveform thumbnails, all clips", f"{total:.1f} s", f"<= {WAVEFORM_RATIO * decode_total:.1f} s",
        total <= WAVEFORM_RATIO * decode_total)
    real = sum(1 for data in made if data) == clips and all(cache.get(i, THUMBNAIL_SIZE) for i in ids)
    row("thumbnails made and cached", f"{sum(1 for data in made if data)}", f"= {clips}", real)
    stored = sum(cache.path_for(i, THUMBNAIL_SIZE).stat().st_size for i in ids) / clips / 1024
    row("cached PNG, mean size", f"{stored:.1f} KB")

    calls = 0
    real_make = waveform.make_waveform

    def counting(path: Path | str, size: int = THUMBNAIL_SIZE) -> tuple[bytes, bool]:
        nonlocal calls
        calls += 1
        return real_make(path, size)

    waveform.make_waveform = counting  # type: ignore[assignment]
    try:
        again = ThumbnailCache(folder / "thumbs")  # as after a restart
        started = time.perf_counter()
        hits = [again.get_or_make(i, p, THUMBNAIL_SIZE, "audio") for i, p in zip(ids, paths, strict=True)]
        hit = (time.perf_counter() - started) / clips
    finally:
        waveform.make_waveform = real_make  # type: ignore[assignment]
    row("second pass: cache hit, per clip", f"{1000 * hit:.2f} ms", f"< {1000 * HIT_TARGET_S:.0f} ms",
        hit < HIT_TARGET_S)
    row("second pass: clips decoded again", f"{calls}", "= 0", calls == 0 and all(hits))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=60.0, help="length of the recording")
    parser.add_argument("--clips", type=int, default=1000, help="(c) how many song assets get a waveform")
    parser.add_argument("--clip-seconds", type=float, default=150.0, help="(c) the length of each song")
    parser.add_argument("--skip", default="", help="comma-separated sections to skip: a, b, …")
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    # the sections, in order: (letter, function(folder, minutes)) ----------------------------------
    sections: list[tuple[str, Callable[[Path, float], None]]] = [
        ("a", bench_split),
        ("b", bench_merge),
        ("c", lambda folder, _minutes: bench_waveforms(folder, args.clips, args.clip_seconds)),
    ]
    # ----------------------------------------------------------------------------------------------
    with tempfile.TemporaryDirectory(prefix="studio-audio-bench-") as folder:
        for letter, section in sections:
            if letter not in skip:
                section(Path(folder), args.minutes)
    missed = [label.strip() for label, _, _, ok in results if ok is False]
    print("all targets met" if not missed else f"MISSED: {', '.join(missed)}")
    return 0 if not missed else 1


if __name__ == "__main__":
    raise SystemExit(main())
