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
(b) merge: the transcripts of the parts of an hour (a line every 2 s, five words each: 1,800 lines and
    9,000 words, as the relay test server answers) merged by `studio.api.subtitles.merge` and rendered as
    SRT. Target: < 100 ms. Baseline, same run: rendering the same lines as SRT unmerged.

Another engineer adds "waveform thumbnails for 1,000 clips" to this file: its function goes into
`SECTIONS` in `main` (the marked place).

Usage: .venv/bin/python benchmarks/audio.py [--minutes N] [--skip a,b]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=60.0, help="length of the recording")
    parser.add_argument("--skip", default="", help="comma-separated sections to skip: a, b, …")
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    # the sections, in order: (letter, function(folder, minutes)). Another engineer adds
    # "waveform thumbnails for 1,000 clips" here as ("c", bench_waveforms) -------------------------
    sections: list[tuple[str, Callable[[Path, float], None]]] = [
        ("a", bench_split),
        ("b", bench_merge),
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
