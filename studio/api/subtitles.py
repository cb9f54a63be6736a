"""One transcript, whatever format the relay answered in, and its renderings (docs/PROTOCOLS.md#transcription).

The transcription route answers plain text, SRT, WebVTT, `{"text"}` JSON or verbose JSON (segments,
words, the language heard). Each is read into one `Transcript`; the file saved in the gallery (and later
an edited list of lines) is rendered from it, so every format a user exports is written by one piece of
code. A transcript without timestamps (gpt-4o-*-transcribe give text only) cannot become subtitles:
`render` says so in one sentence instead of inventing times.

A recording sent in parts (studio/storage/audio_split.py) comes back as one transcript per part, each timed
from its own start; `merge` places them on the recording's time line. The cuts fall in pauses, so a spoken
line lies inside one part, and a part's lines lie inside its own stretch of time: a line is never in two
parts. The merge still guards the seams against what a model may answer at a part's edges (a line running
past its end, a line in the encoder's trailing silence, a line of no length, two lines over each other), so
the times of the merged lines only ever go forward, and it never loses words: a line starts no earlier than
the one before it ends and lasts at least a millisecond; it ends by its part's end when it starts before
that, else by the next part's first line; a line with no room left at all joins its text to the line before.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from studio.errors import InputError

#: the formats a transcript is rendered to (the route's `response_format` values)
FORMATS = ("text", "srt", "vtt", "json", "verbose_json")
#: the formats that need timestamps
TIMED_FORMATS = frozenset({"srt", "vtt", "verbose_json"})
#: the file suffix each format is saved with
SUFFIXES = {"text": ".txt", "srt": ".srt", "vtt": ".vtt", "json": ".json", "verbose_json": ".json"}

_CUE_TIME = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})[,.](\d{1,3})")
_ARROW = re.compile(r"^\s*(\S+)\s*-->\s*(\S+)")


class NoTimestamps(InputError):
    """Subtitles asked of a transcript whose model gave no times."""


@dataclass(frozen=True, slots=True)
class Segment:
    start: float  # seconds
    end: float
    text: str


@dataclass(frozen=True, slots=True)
class Word:
    start: float
    end: float
    word: str


@dataclass(frozen=True, slots=True)
class Transcript:
    text: str
    segments: tuple[Segment, ...] = ()
    words: tuple[Word, ...] = ()
    language: str | None = None
    duration: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # what else the relay said (usage, logprobs)

    @property
    def timed(self) -> bool:
        return bool(self.segments)


def parse(body: str, fmt: str) -> Transcript:
    """The transcript in `body`, an answer in `fmt` (a value of `FORMATS`)."""
    if fmt in ("json", "verbose_json"):
        try:
            payload = json.loads(body)
        except ValueError:
            return Transcript(text=body.strip())  # a relay that answered plain text after all
        return from_json(payload)
    if fmt in ("srt", "vtt"):
        return from_cues(body)
    return Transcript(text=body.strip())


def from_json(payload: Any) -> Transcript:
    """`{"text"}` or verbose JSON (`segments`, `words`, `language`, `duration`); odd entries are skipped."""
    if not isinstance(payload, dict):
        return Transcript(text=str(payload).strip() if payload is not None else "")
    segments = tuple(Segment(s, e, str(item.get("text", "")).strip())
                     for item in _items(payload.get("segments")) if (s := _number(item.get("start"))) is not None
                     and (e := _number(item.get("end"))) is not None)
    words = tuple(Word(s, e, str(item.get("word", "")).strip())
                  for item in _items(payload.get("words")) if (s := _number(item.get("start"))) is not None
                  and (e := _number(item.get("end"))) is not None)
    text = payload.get("text")
    text = text.strip() if isinstance(text, str) else " ".join(s.text for s in segments)
    language = payload.get("language")
    extra = {k: payload[k] for k in ("usage", "logprobs") if k in payload}
    return Transcript(text=text, segments=segments, words=words,
                      language=language if isinstance(language, str) and language else None,
                      duration=_number(payload.get("duration")), extra=extra)


def from_cues(body: str) -> Transcript:
    """SRT or WebVTT cues as segments (cue numbers, the `WEBVTT` header, notes and styles are skipped)."""
    segments: list[Segment] = []
    for block in re.split(r"\r?\n\s*\r?\n", body.replace("\ufeff", "")):
        lines = [line for line in block.splitlines() if line.strip()]
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue
        match = _ARROW.match(lines[timing])
        start, end = (_cue_seconds(match.group(1)), _cue_seconds(match.group(2))) if match else (None, None)
        if start is None or end is None:
            continue
        segments.append(Segment(start, end, "\n".join(lines[timing + 1:]).strip()))
    return Transcript(text=" ".join(s.text.replace("\n", " ") for s in segments), segments=tuple(segments))


#: the shortest a merged line may be (what SRT's millisecond stamps can tell apart)
_TICK = 0.001


def merge(parts: Sequence[tuple[float, float, Transcript]]) -> Transcript:
    """One transcript of the recording whose parts' transcripts are `parts`: (where the part starts in the
    recording, its length, its transcript), in order. The text is the parts' texts joined; lines and words are
    shifted by their part's start and kept strictly in order, none lost (see the module's docstring)."""
    segments = _forward([(offset, seconds, t.segments) for offset, seconds, t in parts],
                        lambda s, a, b, text=None: Segment(a, b, s.text if text is None else text), "text")
    words = _forward([(offset, seconds, t.words) for offset, seconds, t in parts],
                     lambda w, a, b, text=None: Word(a, b, w.word if text is None else text), "word")
    texts = [t.text.strip() for _, _, t in parts if t.text.strip()]
    language = next((t.language for _, _, t in parts if t.language), None)
    duration = parts[-1][0] + parts[-1][1] if parts else None
    return Transcript(text=" ".join(texts), segments=tuple(segments), words=tuple(words), language=language,
                      duration=round(duration, 3) if duration is not None else None)


def _forward(parts: Sequence[tuple[float, float, Sequence[Any]]], make: Any, field_name: str) -> list[Any]:
    """The parts' items (segments or words, each part's timed from its own start) on the recording's time line,
    strictly forward: each starts at the earliest where the one before ends, lasts at least `_TICK`, ends by its
    part's end (or, starting after it, by the next part's first item); one with no room joins the one before."""
    shifted = [sorted(((offset + i.start, offset + i.end, i) for i in items), key=lambda x: (x[0], x[1]))
               for offset, _, items in parts]
    ceilings: list[float] = []  # where the next part's first item starts: no item of this part runs past it
    ceiling = float("inf")
    for items in reversed(shifted):
        ceilings.append(ceiling)
        ceiling = items[0][0] if items else ceiling
    ceilings.reverse()
    kept: list[Any] = []
    for (offset, seconds, _), items, ceiling in zip(parts, shifted, ceilings, strict=True):
        stop = offset + seconds
        for begin, finish, item in items:
            floor = kept[-1].end if kept else 0.0
            start = round(max(begin, floor), 3)
            past = start + _TICK > stop  # starts at its part's end or after it: may run to the next part's first
            reach = round(min(finish, ceiling if past else stop), 3)
            text = str(getattr(item, field_name)).strip()
            if not text and reach - start < _TICK / 2:
                continue  # no words and no length: nothing is lost
            end = max(reach, round(start + _TICK, 3))
            if past and end > ceiling and kept:  # no room before the next part's first line
                if text:  # the words go with the line before
                    before = kept[-1]
                    kept[-1] = make(before, before.start, before.end, f"{getattr(before, field_name)} {text}")
                continue
            kept.append(make(item, start, end))
    return kept


def as_json(transcript: Transcript) -> dict[str, Any]:
    """`transcript` as the JSON `from_json` reads back (a part's transcript as it is kept on disk)."""
    return {"text": transcript.text, "language": transcript.language, "duration": transcript.duration,
            "segments": [{"start": s.start, "end": s.end, "text": s.text} for s in transcript.segments],
            "words": [{"start": w.start, "end": w.end, "word": w.word} for w in transcript.words],
            **transcript.extra}


def render(transcript: Transcript, fmt: str, *, model: str = "") -> str:
    """`transcript` as a `fmt` file; `NoTimestamps` for subtitles of a transcript without times."""
    if fmt in TIMED_FORMATS and not transcript.timed:
        who = f"{model} gives" if model else "The relay gave"
        raise NoTimestamps(f"{who} no timestamps, so there is no {fmt} to make; choose text or json (or whisper-1 "
                           "for subtitles).")
    if fmt == "text":
        return transcript.text + "\n"
    if fmt == "json":
        return json.dumps({"text": transcript.text}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "verbose_json":
        document: dict[str, Any] = {
            "task": "transcribe", "language": transcript.language, "duration": transcript.duration,
            "text": transcript.text,
            "segments": [{"id": i, "start": s.start, "end": s.end, "text": s.text}
                         for i, s in enumerate(transcript.segments)],
        }
        if transcript.words:
            document["words"] = [{"word": w.word, "start": w.start, "end": w.end} for w in transcript.words]
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "srt":
        return "".join(f"{i}\n{_stamp(s.start, ',')} --> {_stamp(s.end, ',')}\n{s.text}\n\n"
                       for i, s in enumerate(transcript.segments, 1))
    if fmt == "vtt":
        return "WEBVTT\n\n" + "".join(f"{_stamp(s.start, '.')} --> {_stamp(s.end, '.')}\n{s.text}\n\n"
                                      for s in transcript.segments)
    raise InputError(f"Unknown transcript format {fmt!r}; choose one of {', '.join(FORMATS)}.")


def _stamp(seconds: float, mark: str) -> str:
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}{mark}{rest % 1000:03d}"


def _cue_seconds(text: str) -> float | None:
    match = _CUE_TIME.fullmatch(text.strip())
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(fraction.ljust(3, "0")) / 1000


def _items(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
