"""The Audio tab's state: a recording turned into a transcript of timed lines that follow the player, and a
text turned into a voice-over.

Transcribe: the source is a file (dropped or picked) or a gallery asset, checked off the UI thread when it
is set, as `studio.services.audio_input` checks it before anything is paid for (a 2 GB file, an image
renamed `.mp3`, an empty file or a video without sound: one sentence in the user's language, from
`studio.viewmodels.errors.refused_audio`). The job is made by `JobService.create_transcription`, asking for
`verbose_json` from a model that gives timestamps (whisper) and `json` from one that does not, so the lines
always come with their times where there are any; a transcript without them is cut into lines at sentence
ends and shown without times (subtitles from it are refused in one sentence, never invented).

The lines the user edits are kept in a sidecar beside the library (`edits_path`: our own small JSON, one
file per transcript asset), not written into the asset: the transcript as the relay answered it stays what
the gallery shows and searches, and the edits come back whenever the same transcript is shown again. Exports
(SRT, WebVTT, text) are rendered from the edited lines by `studio.api.subtitles`, the one writer of those
formats.

Speech: `JobService.create_speech`; the saved audio plays in the tab's player. A voice's short sample is
synthesized once through the relay and kept under the cache folder (`sample_path`), so hearing it again
costs nothing.
"""

from __future__ import annotations

import asyncio
import bisect
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject, Signal, Slot

from studio.api.subtitles import Segment, Transcript, parse, render
from studio.errors import InputError, StudioError
from studio.jobs.handlers import input_path
from studio.jobs.model import SETTLED, JobState
from studio.services.audio_input import MAX_SOURCE_BYTES
from studio.services.jobs import audio_name
from studio.storage.filetypes import sniff
from studio.viewmodels import errors
from studio.viewmodels.base import ViewModel, routed_models
from studio.viewmodels.following import Following

if TYPE_CHECKING:
    from studio.jobs.model import Job
    from studio.services.core import StudioCore
    from studio.viewmodels.jobs import JobsViewModel

#: the transcription models offered first (the relay's own speech-to-text models follow)
TRANSCRIBE_MODELS = ("whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe")
#: the speech models offered first
SPEECH_MODELS = ("tts-1", "tts-1-hd", "gpt-4o-mini-tts")
#: what may be exported, and the `studio.api.subtitles` format each is rendered in
EXPORTS = {"srt": "srt", "vtt": "vtt", "txt": "text"}
#: the phrase a voice sample says, in the user's language (synthesized once per model, voice and wording)
SAMPLE_TEXT = "Hello! This is how I sound when I read your text aloud."
LAST_TRANSCRIBE_MODEL = "ui.last_model.transcribe"
LAST_SPEECH_MODEL = "ui.last_model.speech"
_RECORDING_SUFFIXES = frozenset(
    ".mp3 .wav .m4a .aac .flac .ogg .oga .opus .webm .mp4 .mov .mkv .mpeg .mpga .m4v .avi .wma".split())
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a transcript: its text and, where the model gave them, its times in seconds."""

    text: str
    start: float | None = None
    end: float | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """The recording to transcribe: its file, its gallery id (if it came from there), and its name."""

    path: str
    asset_id: str = ""
    name: str = ""
    video: bool = False


@dataclass(frozen=True, slots=True)
class TranscriptionView:
    """What the Transcribe part shows of one transcription job."""

    job_id: str
    state: JobState
    model: str
    name: str  # the recording's name
    error: str
    media: str  # the file the player plays (the recording as it was sent; "" when gone)
    asset_id: str  # the transcript's gallery id ("" until it is saved)
    lines: tuple[Line, ...] = ()
    timed: bool = False
    translated: bool = False
    video: bool = False  # the media has a picture (else the player shows the sound's waveform)
    progress: float | None = None  # 0-100 while a long recording's parts are sent (None: no figure)
    note: str = ""  # the runner's latest note ("3 of 12 parts"), in the user's language


@dataclass(frozen=True, slots=True)
class SpeechView:
    """What the Speech part shows of one speech job."""

    job_id: str
    state: JobState
    model: str
    voice: str
    error: str
    audio: str  # the saved audio's path ("" until it is saved)
    asset_id: str
    text: str = ""  # what was spoken
    duration: float | None = None  # seconds, where the gallery knows it
    fresh: bool = False  # just made while the user waited for it (it plays by itself this once)


def lines_of(transcript: Transcript) -> tuple[Line, ...]:
    """The lines of a transcript: its segments with their times, else its text cut at sentence ends."""
    if transcript.segments:
        return tuple(Line(s.text, s.start, s.end) for s in transcript.segments if s.text.strip())
    parts = [p.strip() for p in _SENTENCE_END.split(transcript.text) if p and p.strip()]
    return tuple(Line(p) for p in parts)


def transcript_of(lines: tuple[Line, ...] | list[Line]) -> Transcript:
    """The transcript the lines make (timed when every line has its times), for rendering."""
    text = "\n".join(line.text for line in lines)
    if lines and all(line.start is not None and line.end is not None for line in lines):
        return Transcript(text=text, segments=tuple(Segment(float(line.start or 0), float(line.end or 0), line.text)
                                                    for line in lines))
    return Transcript(text=text)


def current_index(lines: tuple[Line, ...], seconds: float) -> int:
    """The index of the line being spoken at `seconds` (-1 between lines, or for lines without times)."""
    starts = [line.start if line.start is not None else float("inf") for line in lines]
    index = bisect.bisect_right(starts, seconds) - 1
    if index < 0:
        return -1
    line = lines[index]
    return index if line.end is not None and seconds <= line.end else -1


def export_stem(name: str) -> str:
    """The file name an export of a transcript of `name` is offered under (without the recording's suffix, and
    nothing a file name may not hold); "" for none."""
    stem = name[: -len(Path(name).suffix)] if Path(name).suffix.lower() in _RECORDING_SUFFIXES else name
    return " ".join(re.sub(r'[\\/:*?"<>|]+', " ", stem).split()).strip(" .")


def edits_path(root: Path, asset_id: str) -> Path:
    """The sidecar that keeps the edited lines of the transcript asset `asset_id`."""
    return root / "library" / "edits" / f"{asset_id}.transcript.json"


def sample_path(cache: Path, model: str, voice: str, language: str = "en", text: str = "") -> Path:
    """Where the sample of `voice` spoken by `model` in `language` is kept (a new wording of its text, as a
    catalogue brings, is a new file)."""
    import hashlib

    wording = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8] if text else ""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", "-".join(p for p in (model, voice, language, wording) if p))
    return cache / "voice-samples" / f"{safe}.mp3"


class AudioViewModel(ViewModel):
    """The Audio tab's state. Transcribe: `sourceChanged`, `transcriptionShown`, `currentLineChanged`,
    `seekRequested`; Speech: `speechShown`, `sampleReady`."""

    #: list[str] of speech-to-text models; then list[str] of speech models
    transcribeModelsChanged = Signal(list)
    speechModelsChanged = Signal(list)
    #: the recording to transcribe (a `Source`), or None
    sourceChanged = Signal(object)
    #: a `TranscriptionView` of the job shown (None: none, another recording was set)
    transcriptionShown = Signal(object)
    #: the index of the line being spoken (-1: none)
    currentLineChanged = Signal(int)
    #: the player should jump to this many seconds (a line was clicked)
    seekRequested = Signal(float)
    #: a `SpeechView` of the speech job shown
    speechShown = Signal(object)
    #: a job was opened in a part: "transcribe" or "speech" (the view brings that part forward)
    partRequested = Signal(str)
    #: a voice's sample is ready to play: voice, file
    sampleReady = Signal(str, str)
    #: a transcript was exported: the file written
    exported = Signal(str)
    #: the loudness of a sound the player plays, for its picture: file, list[float] of bar heights 0-1
    waveformReady = Signal(str, list)
    #: the part shown changed: the route its requests go to ("transcribe" / "speech"), for the status bar
    capabilityChanged = Signal(str)

    def __init__(self, core: StudioCore, jobs: JobsViewModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self._jobs = jobs
        self._source: Source | None = None
        # the job shown in each part, its view rebuilt off the UI thread at each change (studio/viewmodels/following.py)
        self._transcribing: Following[TranscriptionView | SpeechView, tuple[int, int]] = Following(
            self, self._snapshot, self._shown, lambda: (self._edits, self._unsaved))
        self._speaking: Following[TranscriptionView | SpeechView, tuple[int, int]] = Following(
            self, self._snapshot, self._shown, lambda: (self._edits, self._unsaved))
        self._view: TranscriptionView | None = None
        self._lines: tuple[Line, ...] = ()
        self._current = -1
        self._saving: asyncio.Lock | None = None
        self._edits = 0  # edits made so far, and saves still to write: a rebuild keeps the lines while they differ
        self._unsaved = 0
        self._setting: asyncio.Task[Any] | None = None  # the source being checked (a Transcribe waits for it)
        self._sampling: set[Path] = set()
        self._origins: dict[str, str] = {}  # job id → the recording it was made of (played instead of its copy)
        self._media: dict[str, bool] = {}  # file → whether it has a picture
        self._waveforms: set[str] = set()  # files whose waveform was asked for
        self._notes: dict[str, str] = {}  # job id → the runner's latest note, worded for the screen
        self._waiting: set[str] = set()  # speech jobs made here whose voice-over has not been shown yet
        self._started = False
        self._capability = "transcribe"
        jobs.jobChanged.connect(self._on_job_changed)
        jobs.jobNote.connect(self._on_note)

    # -- readers ---------------------------------------------------------------------------------

    @property
    def source(self) -> Source | None:
        return self._source

    @property
    def lines(self) -> tuple[Line, ...]:
        """The transcript's lines as shown, with the user's edits."""
        return self._lines

    @property
    def current_line(self) -> int:
        return self._current

    @property
    def transcription_job(self) -> str | None:
        return self._transcribing.job_id

    @property
    def speech_job(self) -> str | None:
        return self._speaking.job_id

    @property
    def transcription(self) -> TranscriptionView | None:
        return self._view

    @property
    def capability(self) -> str:
        """The route of the part shown: "transcribe" or "speech"."""
        return self._capability

    @Slot(str)
    def setPart(self, part: str) -> None:
        """The part the user sees ("transcribe" / "speech"): the status bar follows its route."""
        capability = "speech" if part == "speech" else "transcribe"
        if capability != self._capability:
            self._capability = capability
            self.capabilityChanged.emit(capability)

    def export_problem(self, kind: str) -> str:
        """Why the transcript shown cannot be exported as `kind` (a key of EXPORTS), in one sentence; "" when it
        can."""
        if not self._lines:
            return self.tr("There is no transcript to save yet.")
        if EXPORTS.get(kind) in ("srt", "vtt") and not transcript_of(self._lines).timed:
            model = self._view.model if self._view is not None else ""
            return self.tr("{0} gave no timestamps, so there are no subtitle times to save; save the text, or "
                           "transcribe with whisper-1 for subtitles.").format(model or self.tr("The model"))
        return ""

    @staticmethod
    def voices_for(model: str) -> tuple[str, ...]:
        """The voices a speech model is offered with."""
        from studio.api.speech import voices_for

        return voices_for(model or SPEECH_MODELS[0])

    @staticmethod
    def takes_instructions(model: str) -> bool:
        """Whether a speech model takes instructions (how to speak)."""
        from studio.api.speech import takes_instructions

        return takes_instructions(model)

    @staticmethod
    def can_translate(model: str) -> bool:
        """Whether a transcription model translates into English (the translations route is whisper's)."""
        from studio.api.transcription import TRANSLATING_MODELS

        return bool(TRANSLATING_MODELS.search(model.strip().lower()))

    # -- models ----------------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """List the models (the first time the tab is shown, and after the profiles change)."""
        self._started = True
        self.spawn(self._load_models(), busy=False)

    @Slot()
    def reload(self) -> None:
        if self._started:
            self.start()

    async def _load_models(self) -> None:
        settings = self._core.settings
        last = await asyncio.to_thread(lambda: (settings.get(LAST_TRANSCRIBE_MODEL, "") or "",
                                                settings.get(LAST_SPEECH_MODEL, "") or ""))
        self.transcribeModelsChanged.emit(_first(last[0], TRANSCRIBE_MODELS))
        self.speechModelsChanged.emit(_first(last[1], SPEECH_MODELS))
        profiles = await asyncio.to_thread(self._core.profiles.all)
        if not profiles:
            return
        for capability, known, signal, chosen in (
                ("transcribe", TRANSCRIBE_MODELS, self.transcribeModelsChanged, last[0]),
                ("speech", SPEECH_MODELS, self.speechModelsChanged, last[1])):
            try:
                route, models = await routed_models(self._core, capability)
            except StudioError:
                continue  # the known models stay offered; a send says what is wrong with the relay
            listed = [m.id for m in models if m.capability == capability]
            names = list(dict.fromkeys([*known, *listed]))
            signal.emit(_first(chosen or route.model or "", names))

    @Slot(str, str)
    def rememberModel(self, part: str, model: str) -> None:
        """The model chosen in a part ("transcribe" / "speech"), kept for the next start."""
        key = LAST_TRANSCRIBE_MODEL if part == "transcribe" else LAST_SPEECH_MODEL
        if model.strip():
            self.spawn(asyncio.to_thread(self._core.settings.set, key, model.strip()), busy=False)

    # -- the recording ---------------------------------------------------------------------------

    @Slot(str, str)
    def setSource(self, path: str, asset_id: str = "") -> None:
        """The recording to transcribe: a file, or a gallery asset (its id and file), checked first; a Transcribe
        asked meanwhile waits for the check, so it sends this recording, never the one set before."""
        self._setting = self.spawn(self._set_source(path, asset_id), busy=False)

    async def _set_source(self, path: str, asset_id: str) -> Source:
        if asset_id:
            asset = await asyncio.to_thread(self._core.gallery.find, asset_id)
            if asset.kind not in ("audio", "video"):
                raise InputError(self.tr("This {0} holds no sound; drop a recording or a video to transcribe "
                                         "it.").format(_kind_name(self, asset.kind)))
            path, name = str(asset.path), audio_name(asset)
        checked = await asyncio.to_thread(check_recording, path)
        if isinstance(checked, Refusal):
            raise InputError(errors.refused_audio(checked.case, name if asset_id else checked.name, checked.size,
                                                  MAX_SOURCE_BYTES))
        file = Path(path)
        source = Source(str(file), asset_id, name if asset_id else file.name, checked)
        self._source = source
        if self._view is not None and self._view.media != source.path:  # its lines belong to another recording
            self._transcribing.job_id, self._view, self._lines = None, None, ()
            self._set_current(-1)
            self.transcriptionShown.emit(None)
        self.sourceChanged.emit(source)
        if not source.video:
            self.waveform(source.path)
        return source

    @Slot(str)
    def open_asset(self, asset_id: str) -> None:
        """"Transcribe" on a gallery asset: it becomes the recording to transcribe."""
        self.setSource("", asset_id)

    @Slot()
    def clearSource(self) -> None:
        if self._source is not None:
            self._source = None
            self.sourceChanged.emit(None)

    # -- transcribing ----------------------------------------------------------------------------

    @Slot(dict)
    def transcribe(self, options: dict[str, Any]) -> None:
        """Transcribe the recording set: `options` are model, language, prompt, translate (and upload_limit, the
        bytes one upload may be where a relay takes less than 25 MB)."""
        self.spawn(self._transcribe(dict(options)))

    @Slot(str, str, dict)
    def transcribeDropped(self, path: str, asset_id: str, options: dict[str, Any]) -> None:
        """A recording dropped on the tab: it becomes the source and its transcription starts."""
        self.spawn(self._dropped(path, asset_id, dict(options)))

    async def _dropped(self, path: str, asset_id: str, options: dict[str, Any]) -> None:
        await self._transcribe(options, await self._set_source(path, asset_id))

    async def _transcribe(self, options: dict[str, Any], source: Source | None = None) -> None:
        setting = self._setting
        if source is None and setting is not None and not setting.done():
            await asyncio.wait({setting})  # the recording just chosen is still being checked
            if setting.result() is None:
                return  # it was refused (its sentence is shown): nothing is sent, not the recording before it
        source = source or self._source
        if source is None:
            raise InputError(self.tr("Drop a recording or a video here first, or choose one."))
        model = str(options.get("model") or "").strip() or TRANSCRIBE_MODELS[0]
        translate = bool(options.get("translate"))
        from studio.api.transcription import formats_for

        fmt = "verbose_json" if "verbose_json" in formats_for(model) else "json"
        language = "" if translate else str(options.get("language") or "").strip()
        limit = options.get("upload_limit")  # a relay that takes less than 25 MB per upload
        try:
            job = await asyncio.to_thread(
                self._core.jobs.create_transcription, source.asset_id or source.path, model=model,
                language=language or None, prompt=str(options.get("prompt") or "") or None, format=fmt,
                translate=translate, upload_limit=int(limit) if limit else None)
        except InputError:
            refusal = await asyncio.to_thread(check_recording, source.path)
            if isinstance(refusal, Refusal):  # the file changed since it was set
                raise InputError(errors.refused_audio(refusal.case, refusal.name, refusal.size,
                                                      MAX_SOURCE_BYTES)) from None
            raise
        await asyncio.to_thread(self._core.settings.set, LAST_TRANSCRIBE_MODEL, model)
        self._origins[job.id] = source.path
        self._jobs.track(job)
        (await self._jobs.ready()).run(job.id)
        self.show(job.id)

    @Slot(str)
    def show(self, job_id: str) -> None:
        """Show a transcription or speech job in its part (a new one, or one opened in the Jobs panel)."""
        self.spawn(self._show(job_id), busy=False)

    async def _show(self, job_id: str) -> None:
        job = await asyncio.to_thread(self._core.jobs.get, job_id)
        if job is None:
            return
        self.partRequested.emit("speech" if job.capability == "speech" else "transcribe")
        if job.capability == "speech":
            self._speaking.show(job_id)
        else:
            if job_id != self._transcribing.job_id:
                self._lines, self._view = (), None
                self._set_current(-1)
            self._transcribing.show(job_id)

    @Slot(str)
    def _on_job_changed(self, job_id: str) -> None:
        for following in (self._transcribing, self._speaking):
            if following.job_id == job_id:
                following.refresh()

    @Slot(str, str)
    def _on_note(self, job_id: str, _note: str) -> None:
        if job_id == self._transcribing.job_id:  # worded from its code and arguments, in the user's language
            self._notes[job_id] = self._jobs.note(job_id)
            self._transcribing.refresh()

    @Slot()
    def reshow(self) -> None:
        """Build the shown jobs' views again (their sentences in a language just chosen)."""
        self._transcribing.refresh()
        self._speaking.refresh()

    def _shown(self, job_id: str, view: TranscriptionView | SpeechView, mark: tuple[int, int]) -> None:
        """A part's job view, built in a worker thread: shown (`mark`: the edits made and the saves pending when
        its stores were read)."""
        edits, unsaved = mark
        if isinstance(view, TranscriptionView) and job_id == self._transcribing.job_id:
            if (self._view is not None and self._lines and view.asset_id == self._view.asset_id
                    and (unsaved or self._unsaved or edits != self._edits)):
                view = replace(view, lines=self._lines)  # its sidecar was read before an edit was written
            self._view = view
            if view.lines != self._lines:
                self._lines = view.lines
                self._set_current(-1)
            self.transcriptionShown.emit(view)
            if view.media and not view.video:
                self.waveform(view.media)
        elif isinstance(view, SpeechView) and job_id == self._speaking.job_id:
            if view.audio and job_id in self._waiting:
                self._waiting.discard(job_id)
                view = replace(view, fresh=True)
            self.speechShown.emit(view)
            if view.audio:
                self.waveform(view.audio)

    def _snapshot(self, job_id: str) -> TranscriptionView | SpeechView | None:
        """Worker thread: the view of a job from the stores (and, for a transcript, its file and edits)."""
        job = self._core.jobs.get(job_id)
        if job is None:
            return None
        assets = self._core.gallery.for_job(job_id)
        error = job_error(job)
        if job.capability == "speech":
            audio = next((a for a in assets if a.kind == "audio"), None)
            return SpeechView(job.id, job.state, job.model, str(job.request.get("voice") or ""), error,
                              str(audio.path) if audio else "", audio.id if audio else "", job.prompt,
                              audio.duration if audio else None)
        text = next((a for a in assets if a.kind == "text"), None)
        lines: tuple[Line, ...] = ()
        if text is not None:
            lines = read_edits(self._core.paths.root, text.id) or _read_lines(text.path,
                                                                              str(job.request.get("format") or ""))
        media = self._media_of(job)
        timed = bool(lines) and all(line.start is not None for line in lines)
        running = job.state not in SETTLED
        return TranscriptionView(job.id, job.state, job.model, job.prompt, error, media, text.id if text else "",
                                 lines, timed, bool(job.request.get("translate")), self._has_picture(media),
                                 job.progress if running else None, self._notes.get(job.id, "") if running else "")

    def _media_of(self, job: Job) -> str:
        """Worker thread: what the player plays for a transcription: the recording it was made of (a video with
        its picture) where it is still there, else the sound the job sent."""
        origin = self._origins.get(job.id, "")
        if not origin:  # a gallery recording: its id is kept in the request (sent as <id><suffix> before that)
            asset = self._core.gallery.get(str(job.request.get("source_asset") or Path(job.prompt).stem))
            origin = str(asset.path) if asset is not None and asset.kind in ("audio", "video") else ""
        if origin and Path(origin).is_file():
            return origin
        entries = job.request.get("images") or []
        if not entries:
            return ""
        try:
            path = input_path(self._core.paths.root, entries[0])
        except StudioError:
            return ""
        return str(path) if path.is_file() else ""

    def _has_picture(self, media: str) -> bool:
        if not media:
            return False
        if media not in self._media:
            from studio.storage.media import MediaError, probe

            try:
                self._media[media] = probe(media).video
            except MediaError:
                self._media[media] = False
        return self._media[media]

    @Slot(str)
    def waveform(self, path: str) -> None:
        """The bars of a sound's loudness, made once per file in a worker thread, for the player's picture
        (`waveformReady`)."""
        if path not in self._waveforms:
            self._waveforms.add(path)
            self.spawn(self._make_waveform(path), busy=False)

    async def _make_waveform(self, path: str) -> None:
        heights = await asyncio.to_thread(waveform_bars, path)
        if heights:
            self.waveformReady.emit(path, heights)

    # -- following the player --------------------------------------------------------------------

    @Slot(float)
    def setPosition(self, seconds: float) -> None:
        """The player's position moved: the line spoken now becomes the current one."""
        self._set_current(current_index(self._lines, seconds))

    @Slot(int)
    def seekLine(self, index: int) -> None:
        """A line was clicked: the player jumps to its start (a line without times only becomes current)."""
        if not 0 <= index < len(self._lines):
            return
        line = self._lines[index]
        self._set_current(index)
        if line.start is not None:
            self.seekRequested.emit(float(line.start))

    def _set_current(self, index: int) -> None:
        if index != self._current:
            self._current = index
            self.currentLineChanged.emit(index)

    # -- editing and export ----------------------------------------------------------------------

    @Slot(int, str)
    def editLine(self, index: int, text: str) -> None:
        """The user changed a line's words: kept now, and saved beside the transcript."""
        if not 0 <= index < len(self._lines) or self._lines[index].text == text.strip():
            return
        if not text.strip():
            self.error.emit(self.tr("A line cannot be empty; its words were kept."))
            return
        lines = list(self._lines)
        lines[index] = Line(text.strip(), lines[index].start, lines[index].end)
        self._lines = tuple(lines)
        self._edits += 1
        view = self._view
        if view is not None and view.asset_id:
            self._unsaved += 1
            self.spawn(self._save_edits(view.asset_id, self._lines), busy=False)

    async def _save_edits(self, asset_id: str, lines: tuple[Line, ...]) -> None:
        if self._saving is None:
            self._saving = asyncio.Lock()
        try:
            async with self._saving:  # in order: the last edit is the one written last
                await asyncio.to_thread(write_edits, self._core.paths.root, asset_id, lines)
        finally:
            self._unsaved -= 1

    @Slot(str, str)
    def export(self, kind: str, path: str) -> None:
        """Save the transcript shown (with its edits) as `kind` (srt / vtt / txt) to `path`."""
        self.spawn(self._export(kind, path))

    async def _export(self, kind: str, path: str) -> None:
        problem = self.export_problem(kind) if kind in EXPORTS else self.tr("Unknown export format.")
        if problem:
            raise InputError(problem)
        body = render(transcript_of(self._lines), EXPORTS[kind])
        target = Path(path)
        try:
            await asyncio.to_thread(_write_text, target, body)
        except OSError as exc:
            raise StudioError(self.tr("{0} could not be written ({1}).").format(
                target.name, exc.strerror or exc)) from None
        self.exported.emit(str(target))

    # -- speech ----------------------------------------------------------------------------------

    @Slot(str, dict)
    def speak(self, text: str, options: dict[str, Any]) -> None:
        """A voice-over of `text`: `options` are model, voice, format, speed, instructions."""
        self.spawn(self._speak(text, dict(options)))

    async def _speak(self, text: str, options: dict[str, Any]) -> None:
        if not text.strip():
            raise InputError(self.tr("Write the text to speak first: it is empty."))
        model = str(options.get("model") or "").strip() or SPEECH_MODELS[0]
        instructions = str(options.get("instructions") or "").strip()
        speed = options.get("speed")
        job = await asyncio.to_thread(
            self._core.jobs.create_speech, text, model=model, voice=str(options.get("voice") or "") or None,
            format=str(options.get("format") or "") or None,
            speed=float(speed) if speed not in (None, "") and float(speed) != 1.0 else None,
            instructions=instructions if instructions and self.takes_instructions(model) else None)
        await asyncio.to_thread(self._core.settings.set, LAST_SPEECH_MODEL, model)
        self._jobs.track(job)
        self._waiting.add(job.id)
        (await self._jobs.ready()).run(job.id)
        self._speaking.show(job.id)

    @Slot(str, str)
    def playSample(self, voice: str, model: str) -> None:
        """Hear `voice`: its sample from the cache, else synthesized once through the relay and kept."""
        self.spawn(self._sample(voice.strip().lower(), model.strip() or SPEECH_MODELS[0]), busy=False)

    async def _sample(self, voice: str, model: str) -> None:
        from studio.api.speech import VOICES, Speech

        if voice not in VOICES:
            raise InputError(self.tr("Choose a voice first."))
        # said in the user's language (the locale the window's language set); the English is SAMPLE_TEXT
        text = self.tr("Hello! This is how I sound when I read your text aloud.")
        language = QLocale().name() if QLocale().language() != QLocale.Language.C else "en"
        target = sample_path(self._core.paths.cache, model, voice, language, text)
        if await asyncio.to_thread(target.is_file):
            self.sampleReady.emit(voice, str(target))
            return
        if target in self._sampling:
            return  # being made: it plays when it is ready
        self._sampling.add(target)
        try:
            def client() -> Any:
                route = self._core.profiles.resolve("speech")
                return self._core.clients.client_for(route.profile)

            relay = await asyncio.to_thread(client)
            data = await Speech(relay).create(model=model, text=text, voice=voice, response_format="mp3")
            await asyncio.to_thread(_write_bytes, target, data)
        finally:
            self._sampling.discard(target)
        self.sampleReady.emit(voice, str(target))


#: bars in a player's waveform
WAVEFORM_BARS = 200


def waveform_bars(path: str) -> list[float]:
    """Worker thread: `WAVEFORM_BARS` loudness bars (0-1) of the sound in `path`; empty when it cannot be read."""
    from studio.gallery.waveform import bars, waveform_peaks
    from studio.storage.media import MediaError

    try:
        return bars(waveform_peaks(path), WAVEFORM_BARS)
    except (MediaError, OSError):
        return []


def _first(chosen: str, names: tuple[str, ...] | list[str]) -> list[str]:
    """`names` with `chosen` first (the model shown in the box)."""
    items = list(names)
    if chosen:
        items = [chosen, *(n for n in items if n != chosen)]
    return items


def _kind_name(vm: QObject, kind: str) -> str:
    return {"image": vm.tr("picture"), "text": vm.tr("text")}.get(kind, vm.tr("file"))


def job_error(job: Job) -> str:
    """A transcription or speech job's error in the user's language (from its code and arguments)."""
    return errors.stored_error(job)


def _read_lines(path: Path, fmt: str) -> tuple[Line, ...]:
    try:
        body = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ()
    return lines_of(parse(body, fmt or "text"))


def read_edits(root: Path, asset_id: str) -> tuple[Line, ...]:
    """The edited lines kept for a transcript asset (empty when it was never edited, or the file is damaged)."""
    try:
        payload = json.loads(edits_path(root, asset_id).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return ()
    items = payload.get("lines") if isinstance(payload, dict) else None
    if not isinstance(items, list):
        return ()
    lines = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            return ()
        start, end = item.get("start"), item.get("end")
        lines.append(Line(item["text"], float(start) if isinstance(start, (int, float)) else None,
                          float(end) if isinstance(end, (int, float)) else None))
    return tuple(lines)


def write_edits(root: Path, asset_id: str, lines: tuple[Line, ...]) -> None:
    """Keep the edited lines of a transcript asset (written whole, then moved into place)."""
    payload = {"version": 1, "asset": asset_id,
               "lines": [{"text": line.text, "start": line.start, "end": line.end} for line in lines]}
    _write_text(edits_path(root, asset_id), json.dumps(payload, ensure_ascii=False, indent=1) + "\n")


def _write_text(target: Path, body: str) -> None:
    _write_bytes(target, body.encode("utf-8"))


def _write_bytes(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    partial.replace(target)


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a file cannot be transcribed (a case of studio/viewmodels/errors.py `refused_audio`)."""

    case: str
    name: str
    size: int = 0


def check_recording(path: str) -> bool | Refusal:
    """Worker thread: whether the file is a video (True) or a sound (False), or why it cannot be transcribed,
    checked as `studio.services.audio_input.prepare_audio` checks it before it extracts or sends anything."""
    from studio.storage.media import MediaError, probe

    file = Path(path).expanduser()
    if not str(path).strip() or not file.exists():
        return Refusal(errors.MISSING, str(file))
    if not file.is_file():
        return Refusal(errors.NOT_A_FILE, str(file))
    size = file.stat().st_size
    if size == 0:
        return Refusal(errors.EMPTY, file.name)
    if size > MAX_SOURCE_BYTES:
        return Refusal(errors.TOO_LARGE, file.name, size)
    try:
        with file.open("rb") as handle:
            mime = sniff(handle.read(32))
    except OSError:
        return Refusal(errors.NOT_A_FILE, str(file))
    if mime is None or not mime.startswith(("audio/", "video/")):
        return Refusal(errors.NOT_AUDIO, file.name)
    try:
        info = probe(file)
    except MediaError:
        return Refusal(errors.DAMAGED, file.name)
    if not info.audio:
        return Refusal(errors.NO_SOUND, file.name)
    return bool(info.video)
