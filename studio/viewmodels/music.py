"""The Music tab's state: music models and their request format, the song form (inspiration or custom mode)
with the rules of what it may send, lyrics written by Suno for the form, and the job shown as a list of
clips, each playable and extendable from a second of it.

The rules live here, not in the widgets: `check` says whether Generate may run and, when not, why in one
sentence (an empty description, custom mode without lyrics or Instrumental, lyrics over the model version's
limit), so the view only enables a button and shows the sentence. The model versions offered are the
chosen family's choices in the registry (`FamilySpec.choices["version"]`, studio/api/families.py), and the
formats offered are every family that makes music there: a new family (Udio) shows up without this module
changing. A job's clips are read from the gallery as each is saved (the runner reports every saved file),
so a clip is listed and playable while its sibling is still being made; each clip's title, tags, lyrics and
duration come from its asset's metadata (the job's clip list where an older job has none there) and its
cover is the job's picture with the same clip id. Jobs are made by `JobService.create_music` /
`create_lyrics` and run by the one `JobRunner`.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Coroutine
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from studio.api.families import Family, spec_for, supported
from studio.api.suno import lyrics_limit, version_for
from studio.errors import InputError
from studio.jobs.model import SETTLED, JobState
from studio.services.jobs import LYRICS_DEFAULT_MODEL, MUSIC_DEFAULT_MODEL
from studio.viewmodels import errors
from studio.viewmodels.base import routed_models
from studio.viewmodels.durations import clock
from studio.viewmodels.families import family_label, localized_note
from studio.viewmodels.following import JobFollower

if TYPE_CHECKING:
    from studio.gallery.store import Asset
    from studio.jobs.model import Job
    from studio.services.core import StudioCore
    from studio.viewmodels.jobs import JobsViewModel

INSPIRATION, CUSTOM = "inspiration", "custom"
MODES = (INSPIRATION, CUSTOM)
LAST_MODEL = "ui.last_model.music"  # the setting that remembers the model chosen last, across restarts
DONE_STATES = (JobState.DONE, JobState.DONE_REMOTE_ONLY)


@dataclass(frozen=True, slots=True)
class MusicForm:
    """What the form holds; the view sends each change (`setForm`), the view-model checks it."""

    mode: str = INSPIRATION
    prompt: str = ""  # the one-line description (inspiration mode)
    lyrics: str = ""  # custom mode
    title: str = ""
    tags: str = ""  # the style ("dream pop, female vocals")
    instrumental: bool = False
    version: str = ""  # the model version sent ("" = the one the model stands for)
    idea: str = ""  # what "Write lyrics for me" writes about


@dataclass(frozen=True, slots=True)
class FamilyView:
    """What the chosen model's request format means for the form."""

    model: str
    family: str  # "" while no model is chosen
    label: str  # translated
    reason: str  # the registry's reason ("name rule suno*, chirp*", "override", …)
    options: tuple[str, ...]  # the family's options (lyrics, title, tags, instrumental, extend, version)
    versions: tuple[str, ...]  # the model versions the family offers (empty: the model decides)
    default_version: str  # the version sent when none is chosen
    #: one sentence when the model's format cannot run in this build ("" when it can)
    problem: str = ""


@dataclass(frozen=True, slots=True)
class FormCheck:
    """What the form allows now, and why not in one sentence."""

    can_generate: bool
    hint: str  # why Generate is off ("" when it is on)
    can_write_lyrics: bool
    lyrics_length: int
    lyrics_limit: int

    @property
    def over_limit(self) -> bool:
        return self.lyrics_length > self.lyrics_limit


@dataclass(frozen=True, slots=True)
class ExtendSource:
    """The clip the next song continues, and from which second."""

    asset_id: str
    title: str
    at: float
    duration: float | None
    take: int = 0  # which of its job's songs it is, from 1 (0: not known)


@dataclass(frozen=True, slots=True)
class ClipView:
    """One song of a job, as its row shows it."""

    asset_id: str
    path: str  # the audio file
    title: str
    tags: str
    lyrics: str
    duration: float | None  # seconds
    cover: str  # the cover picture's file ("" when the relay gave none)
    clip_id: str
    extendable: bool  # saved from a Suno task this library knows, with its clip id
    take: int = 0  # its place among the job's songs, from 1 (a job makes two takes of one song)

    @property
    def duration_text(self) -> str:
        """The length as the player shows it once the song is loaded (whole seconds, rounded up)."""
        return clock(math.ceil(self.duration)) if self.duration else ""


@dataclass(frozen=True, slots=True)
class MusicJobView:
    """What the result area shows about one music job."""

    job_id: str
    state: JobState
    progress: float | None
    model: str
    family: str
    family_label: str
    prompt: str
    error: str
    note: str
    clips: tuple[ClipView, ...]
    waiting: int  # clips the relay is still making (listed once they are saved)
    failed: tuple[str, ...]  # the reason of each clip that failed beside finished ones
    lyrics: bool = False  # a lyrics job (its text fills the editor)
    can_rerun: bool = False
    name: str = ""  # what the song is called: its title, else the description or the style ("" when none)
    continued_at: float | None = None  # an extension: the second of the song it continues from


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if value > 0 else None


def clip_id_of(asset: Asset, job: Job) -> str:
    """The relay's id of the clip an asset belongs to: its own metadata, else the job's list by result."""
    own = str(asset.metadata.get("clip_id") or "")
    if own:
        return own
    ids = job.metadata.get("clip_ids") or []
    index = asset.result_index
    return str(ids[index] or "") if isinstance(index, int) and 0 <= index < len(ids) else ""


def clips_of(job: Job, assets: list[Asset]) -> tuple[ClipView, ...]:
    """The job's songs in result order: each audio asset with its title, tags, lyrics, duration and cover."""
    known = {str(c.get("id")): c for c in job.metadata.get("clips") or [] if isinstance(c, dict) and c.get("id")}
    covers: dict[str, Asset] = {}
    for asset in assets:
        if asset.kind == "image":
            covers.setdefault(clip_id_of(asset, job), asset)
    # a saved clip of a Suno task can be continued at once, while its sibling is still made
    extendable = bool(job.remote_id) and job.family == Family.SUNO
    clips = []
    for take, audio in enumerate((a for a in assets if a.kind == "audio"), start=1):
        clip_id = clip_id_of(audio, job)
        info, own = known.get(clip_id, {}), audio.metadata
        cover = covers.get(clip_id) if clip_id else None
        if cover is None and not clip_id:  # no ids at all: the picture saved right after the audio
            cover = next((a for a in assets if a.kind == "image" and a.result_index is not None
                          and audio.result_index is not None and a.result_index == audio.result_index + 1), None)
        clips.append(ClipView(
            asset_id=audio.id, path=str(audio.path), title=str(own.get("title") or info.get("title") or ""),
            tags=str(own.get("tags") or info.get("tags") or ""),
            lyrics=str(own.get("lyrics") or info.get("lyrics") or ""),
            duration=_number(own.get("duration")) or _number(info.get("duration")) or _number(audio.duration),
            cover=str(cover.path) if cover is not None else "", clip_id=clip_id,
            extendable=extendable and bool(clip_id), take=take))
    return tuple(clips)


def music_job_view(job: Job, assets: list[Asset], note: str) -> MusicJobView:
    lyrics = job.request.get("action") == "lyrics"
    clips = () if lyrics else clips_of(job, assets)
    saved = {c.clip_id for c in clips}
    listed = [c for c in job.metadata.get("clips") or [] if isinstance(c, dict)]
    failed = tuple(str(c.get("reason") or "") for c in job.metadata.get("failed_clips") or [] if isinstance(c, dict))
    running = job.state not in SETTLED
    waiting = 0
    if running and not lyrics:  # the clips the relay listed that are not saved yet (none listed: not known)
        waiting = sum(1 for c in listed if str(c.get("id")) not in saved and c.get("status") != "error")
    request = job.request
    name = (next((c.title for c in clips if c.title), "") or str(request.get("title") or "")
            or str(job.metadata.get("label") or job.prompt) or str(request.get("tags") or ""))
    continued = _number(request.get("continue_at")) if request.get("continue_clip_id") else None
    if request.get("continue_clip_id") and continued is None:
        continued = 0.0
    return MusicJobView(
        job_id=job.id, state=job.state, progress=job.progress, model=job.model, family=job.family,
        family_label=family_label(job.family, "music"), prompt=str(job.metadata.get("label") or job.prompt),
        error=errors.stored_error(job), note=note if running else "", clips=clips, waiting=waiting,
        failed=failed, lyrics=lyrics, can_rerun=not running, name=" ".join(name.split()),
        continued_at=continued)


class MusicViewModel(JobFollower):
    """The Music tab's state; `jobShown` carries a `MusicJobView` of the job in the result area."""

    #: a `FamilyView` for the model chosen
    optionsChanged = Signal(object)
    #: a `FormCheck` of the form as it is now
    checkChanged = Signal(object)
    #: fill the form: {field of MusicForm: value} (a re-run, a job reopened, an extension prefilled)
    formRequested = Signal(dict)
    #: Suno wrote lyrics for the form: title, lyrics (put in the editor)
    lyricsWritten = Signal(str, str)
    #: Suno's lyrics came while the editor held words the user changed since asking: title, lyrics (the view
    #: asks before replacing anything)
    lyricsOffered = Signal(str, str)
    #: True while a "Write lyrics for me" job runs
    lyricsBusyChanged = Signal(bool)
    #: the clip the next song continues (an `ExtendSource`), or None
    extendChanged = Signal(object)
    #: the dialect override saved for the current model ("" = decided by the table)
    familyChanged = Signal(str)
    #: the profile new jobs go to, kept from a re-run job ("" = the profile routed for music)
    profileChanged = Signal(str)

    @staticmethod
    def family_choices() -> list[tuple[str, str]]:
        """(family id, translated label) of every request format that makes music, from the family registry."""
        return [(str(spec.id), family_label(str(spec.id), "music")) for spec in supported("music")]

    def __init__(self, core: StudioCore, jobs: JobsViewModel, parent: QObject | None = None) -> None:
        super().__init__(jobs, parent)
        self._core = core
        self._jobs = jobs
        self._form = MusicForm()
        self._options: FamilyView | None = None
        self._extend: ExtendSource | None = None
        self._notes: dict[str, str] = {}
        self._profile = ""
        self._started = False
        self._lyrics_job: str | None = None
        self._lyrics_base: str | None = None  # the editor's words when "Write lyrics for me" was pressed
        self._submitting = False  # a song job is being made (create, then run): a second press sends nothing
        jobs.jobNote.connect(self._on_note)
        jobs.jobChanged.connect(self._on_lyrics_changed)

    @property
    def options(self) -> FamilyView | None:
        return self._options

    @property
    def form(self) -> MusicForm:
        return self._form

    @property
    def extending(self) -> ExtendSource | None:
        return self._extend

    @property
    def profile(self) -> str:
        return self._profile

    @property
    def current_job(self) -> str | None:
        return self._current

    @property
    def submitting(self) -> bool:
        """True from Generate (or Re-run) until its job is made and running."""
        return self._submitting

    @property
    def writing_lyrics(self) -> bool:
        return self._lyrics_job is not None

    # -- models ----------------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Load the music models (the first time the tab is shown, and after the profiles change)."""
        self._started = True
        self.spawn(self._load_models(), busy=False)

    @Slot()
    def reload(self) -> None:
        self._keep_profile("")
        if self._started:
            self.start()

    async def _load_models(self) -> None:
        profiles = await asyncio.to_thread(self._core.profiles.all)
        if not profiles:
            self._emit_check()
            return
        self._adopt_model(await asyncio.to_thread(self._core.settings.get, LAST_MODEL, "") or "")
        _route, models = await routed_models(self._core, "music", self._adopt_model)
        names = [m.id for m in models if m.capability == "music" and not _writes_lyrics(m.id)]
        chosen = self._model
        self._show_models(names)
        if not self._model:
            self._set_model(MUSIC_DEFAULT_MODEL)  # the relay's route model for songs, listed or not
        elif chosen == self._model:
            await self._load_family(chosen)

    def _model_changed(self, name: str) -> None:
        self._remember_model(self._core.settings, LAST_MODEL)
        self._keep_profile("")
        self.spawn(self._load_family(name), busy=False)

    def _keep_profile(self, profile: str) -> None:
        if profile != self._profile:
            self._profile = profile
            self.profileChanged.emit(profile)

    async def _load_family(self, model: str) -> None:
        if not model:
            return
        overrides = await asyncio.to_thread(self._core.settings.get, "families.overrides")
        if model != self._model:
            return
        self.familyChanged.emit(str((overrides or {}).get(model, "")))
        view = await asyncio.to_thread(self._family_view, model)
        if model == self._model:
            self._options = view
            self.optionsChanged.emit(view)
            self._emit_check()

    def _family_view(self, model: str) -> FamilyView:
        try:
            choice = self._core.jobs.family_for(model, "music")
        except InputError:
            from studio.api.families import family_of

            wanted = family_of(model, "music", (), override=(self._core.settings.get("families.overrides")
                                                             or {}).get(model))
            label = family_label(str(wanted.family), "music")
            problem = self.tr("{0} speaks the {1} format, which this version of Relay Studio cannot send yet; "
                              "choose another format or model.").format(model, label)
            return FamilyView(model, str(wanted.family), label, wanted.reason, (), (), "", problem)
        spec = spec_for("music", choice.family)
        assert spec is not None  # family_for only answers families that run
        versions = tuple(spec.choices_for(model).get("version", ()))
        default = _default_version(str(choice.family), model)
        return FamilyView(model, str(choice.family), family_label(str(choice.family), "music"), choice.reason,
                          tuple(spec.options), versions, default)

    # -- the form and its rules ------------------------------------------------------------------

    @Slot(dict)
    def setForm(self, values: dict[str, Any]) -> None:  # Qt slot naming
        """Some fields of the form changed (names of `MusicForm`); the check follows at once."""
        known = {k: v for k, v in values.items() if k in MusicForm.__dataclass_fields__}
        if "mode" in known and known["mode"] not in MODES:
            raise ValueError(f"unknown mode {known['mode']!r}")
        self._form = replace(self._form, **known)
        self._emit_check()

    def check(self) -> FormCheck:
        """What the form allows now (the rules of the tab, worded for the user)."""
        form = self._form
        family = self._family()
        version = self._version() or version_for(self._model)
        limit = _lyrics_limit(family, version)
        lyrics = form.lyrics.strip() if form.mode == CUSTOM else ""
        title = form.title.strip() if form.mode == CUSTOM and self._takes("title") else ""
        tags = form.tags.strip() if form.mode == CUSTOM else ""
        can_write = self._lyrics_job is None and bool(self._idea())
        hint = ""
        if self._options is not None and self._options.problem and self._extend is None:
            hint = self._options.problem
        elif form.mode == INSPIRATION and not form.prompt.strip():
            hint = self.tr("Describe the song first: the description is empty.")
        elif form.mode == CUSTOM and not lyrics and not form.instrumental and self._extend is not None:
            hint = self.tr("Write the words that come next, or tick Instrumental for a continuation without words.")
        elif form.mode == CUSTOM and not lyrics and not form.instrumental:
            hint = self.tr("Write the lyrics first, or tick Instrumental for a song without words.")
        elif form.mode == CUSTOM and not (lyrics or title or tags):
            hint = self.tr("Give the instrumental a style or a title.")
        elif family == Family.UDIO and form.mode == CUSTOM and not tags:
            hint = self.tr("Udio needs the song's style beside its lyrics: fill in Style.")
        elif family == Family.UDIO and lyrics and form.instrumental:
            hint = self.tr("An instrumental has no lyrics: clear the lyrics or untick Instrumental.")
        elif len(lyrics) > limit:
            if family == Family.SUNO:
                hint = self.tr("The lyrics are {0} characters long; model version {1} takes at most {2}.").format(
                    len(lyrics), version, limit)
            else:
                hint = self.tr("The lyrics are {0} characters long; {1} takes at most {2}.").format(
                    len(lyrics), family_label(family, "music"), limit)
        return FormCheck(not hint, hint, can_write, len(lyrics), limit)

    def _family(self) -> str:
        """The format the next song goes in: the extended clip's (Suno), else the chosen model's."""
        if self._extend is not None:
            return str(Family.SUNO)
        return self._options.family if self._options is not None else str(Family.SUNO)

    def _takes(self, option: str) -> bool:
        return self._options is None or self._extend is not None or option in self._options.options

    def _emit_check(self) -> None:
        self.checkChanged.emit(self.check())

    def _version(self) -> str:
        chosen = self._form.version.strip()
        if chosen:
            return chosen
        return self._options.default_version if self._options is not None else ""

    def _idea(self) -> str:
        form = self._form
        return (form.idea.strip() or form.prompt.strip() or form.title.strip() or form.tags.strip())

    # -- generating ------------------------------------------------------------------------------

    @Slot()
    def generate(self) -> None:
        """Two new songs from the form (or the continuation of the clip being extended)."""
        self._submit_once(self._generate())

    def _submit_once(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run a job-making coroutine unless one is already under way: Enter pressed twice, or Re-run clicked
        twice, makes one paid job, not two (the flag is set before anything waits)."""
        if self._submitting:
            coro.close()
            return
        self._submitting = True
        self.spawn(self._submitted(coro))

    async def _submitted(self, coro: Coroutine[Any, Any, None]) -> None:
        try:
            await coro
        finally:
            self._submitting = False

    async def _generate(self) -> None:
        check = self.check()
        if not check.can_generate:
            raise InputError(check.hint)
        form, source = self._form, self._extend
        custom = form.mode == CUSTOM
        job = await asyncio.to_thread(
            self._core.jobs.create_music, "" if custom else form.prompt.strip(),
            model=None if source is not None else (self._model or None),
            lyrics=form.lyrics if custom else None, title=form.title if custom and self._takes("title") else None,
            tags=form.tags if custom else None, instrumental=form.instrumental,
            version=form.version.strip() or None, extend=source.asset_id if source is not None else None,
            at=source.at if source is not None else None,
            profile=None if source is not None else (self._profile or None),
        )
        if source is not None:
            self._set_extend(None)
        await self._follow(job)

    async def _follow(self, job: Job) -> None:
        self._jobs.track(job)
        (await self._jobs.ready()).run(job.id)
        self.show(job.id)

    @Slot()
    def writeLyrics(self) -> None:  # Qt slot naming
        """Suno writes lyrics about the idea (or the description, title or style); they fill the editor unless
        the user changed its words meanwhile (then they are offered: `lyricsOffered`)."""
        if self._lyrics_job is not None:  # asked already (a double click makes one paid lyrics job)
            return
        idea = self._idea()
        if not idea:
            self.error.emit(self.tr("Say what the song is about first, and Suno writes its lyrics."))
            return
        self._lyrics_base = self._form.lyrics  # the editor as it was when asked
        self._lyrics_job = ""  # being made: Write lyrics is off from this press on
        self._emit_check()
        self.spawn(self._write_lyrics(idea))

    async def _write_lyrics(self, idea: str) -> None:
        try:
            await self._start_lyrics(idea, self._profile or None)
        finally:
            if self._lyrics_job == "":  # the job could not be made (one sentence in the banner): ask again
                self._lyrics_job = None
                self._emit_check()

    async def _start_lyrics(self, idea: str, profile: str | None) -> None:
        job = await asyncio.to_thread(self._core.jobs.create_lyrics, idea, profile=profile)
        self._lyrics_job = job.id
        self.lyricsBusyChanged.emit(True)
        self._emit_check()
        self._jobs.track(job)
        (await self._jobs.ready()).run(job.id)

    @Slot(str)
    def _on_lyrics_changed(self, job_id: str) -> None:
        if job_id == self._lyrics_job:
            self.spawn(self._lyrics_settled(job_id), busy=False)

    async def _lyrics_settled(self, job_id: str) -> None:
        job = await asyncio.to_thread(self._core.jobs.get, job_id)
        if job is None or job.state not in SETTLED or self._lyrics_job != job_id:
            return
        self._lyrics_job = None
        self.lyricsBusyChanged.emit(False)
        if job.state in DONE_STATES and job.texts:
            self._deliver_lyrics(str(job.metadata.get("title") or ""), job.texts[0], self._lyrics_base)
        elif job.state is not JobState.CANCELLED:
            self.error.emit(errors.stored_error(job) or self.tr("Suno wrote no lyrics this time; try again."))
        self._emit_check()

    def _deliver_lyrics(self, title: str, text: str, base: str | None) -> None:
        """Written lyrics into the form: at once where the editor is empty or still holds `base` (the words it
        had when they were asked for), else offered, so nothing the user typed meanwhile is replaced unasked.
        A title the user typed stays."""
        current = self._form.lyrics
        if current.strip() and current != base:
            self.lyricsOffered.emit(title, text)
            return
        self._form = replace(self._form, mode=CUSTOM, lyrics=text, title=self._form.title or title)
        self.lyricsWritten.emit(self._form.title, text)

    # -- extending -------------------------------------------------------------------------------

    @Slot(str, float)
    def extendFromHere(self, asset_id: str, seconds: float) -> None:  # Qt slot naming
        """"Extend from here" on the clip playing: the form continues it from the player's position."""
        self.extend_from_asset(asset_id, seconds)

    def extend_from_asset(self, asset_id: str, at: float | None = None) -> None:
        """Prefill the form to continue a finished Suno clip (the Gallery's "Extend", or the player's
        position); without `at`, from the clip's end. Where it cannot be extended: one sentence."""
        self.spawn(self._extend_from(asset_id, at), busy=False)

    async def _extend_from(self, asset_id: str, at: float | None) -> None:
        clip = await self._extend_source(asset_id, at)
        values: dict[str, Any] = {"mode": CUSTOM, "title": clip.title, "tags": clip.tags,
                                  "instrumental": not clip.lyrics}
        typed = self._form.lyrics.strip()
        if not typed or typed == clip.lyrics.strip():  # the continuation's words start empty, not the song's own
            values["lyrics"] = ""
        self._form = replace(self._form, **values)
        self.formRequested.emit(values)
        self._emit_check()

    async def _extend_source(self, asset_id: str, at: float | None) -> ClipView:
        """Make the clip the one the next song continues (from `at`, or its end); one sentence when it cannot
        be."""
        asset, job = await asyncio.to_thread(self._source_of, asset_id)
        if asset.kind != "audio":
            raise InputError(self.tr("Only a song can be extended."))
        if job is None or job.family != Family.SUNO:
            raise InputError(self.tr("Only songs Suno made can be extended."))
        if not job.remote_id:
            raise InputError(self.tr("This song was not made by a relay task this library knows, so it cannot be "
                                     "extended."))
        clip = next((c for c in clips_of(job, await asyncio.to_thread(self._core.gallery.for_job, job.id))
                     if c.asset_id == asset.id), None)
        if clip is None or not clip.clip_id:
            raise InputError(self.tr("The relay gave no clip id for this song, so it cannot be extended."))
        duration = clip.duration
        start = duration if at is None and duration else float(at or 0.0)
        start = round(max(0.0, min(start, duration)) if duration else max(0.0, start), 1)
        self._set_extend(ExtendSource(asset.id, clip.title or self.tr("Untitled"), start, duration, clip.take))
        return clip

    def _source_of(self, asset_id: str) -> tuple[Asset, Job | None]:
        asset = self._core.gallery.find(asset_id)
        job = self._core.jobs.get(asset.job_id) if asset.job_id else None
        return asset, job

    @Slot(float)
    def setExtendAt(self, seconds: float) -> None:  # Qt slot naming
        source = self._extend
        if source is not None:
            top = source.duration if source.duration else seconds
            self._extend = replace(source, at=round(max(0.0, min(seconds, top)), 1))

    @Slot()
    def clearExtend(self) -> None:  # Qt slot naming
        self._set_extend(None)

    def _set_extend(self, source: ExtendSource | None) -> None:
        self._extend = source
        self.extendChanged.emit(source)
        self._emit_check()

    # -- opening and re-running ------------------------------------------------------------------------------

    @Slot(str)
    def open(self, job_id: str) -> None:
        """A job picked in the Jobs panel: its songs in the result area, the form left as the user has it (Re-run
        refills it); a lyrics job's words go to the editor as written lyrics do (offered if it holds others)."""
        self.show(job_id)
        self.spawn(self._open(job_id), busy=False)

    async def _open(self, job_id: str) -> None:
        job = await asyncio.to_thread(self._core.jobs.get, job_id)
        if job is not None and job.request.get("action") == "lyrics" and job.state in DONE_STATES and job.texts:
            if job.texts[0] != self._form.lyrics:
                self._deliver_lyrics(str(job.metadata.get("title") or ""), job.texts[0], None)

    @Slot(str)
    def rerun(self, job_id: str) -> None:
        """Fill the form from a job ("Re-run"): its mode, description or lyrics,
        title, style, instrumental, version, model and profile; a lyrics job fills the lyrics editor."""
        self.spawn(self._rerun(job_id), busy=False)

    async def _rerun(self, job_id: str) -> None:
        job = await asyncio.to_thread(self._core.jobs.find, job_id)
        if job.capability != "music":
            raise InputError(self.tr("That job did not make music; it cannot be re-run here."))
        request = job.request
        values: dict[str, Any]
        if request.get("action") == "lyrics":
            text = job.texts[0] if job.texts else ""
            values = {"mode": CUSTOM, "idea": job.prompt, "lyrics": text,
                      "title": str(job.metadata.get("title") or "")} if text else {"idea": job.prompt}
        else:
            custom = request.get("mode") == CUSTOM
            values = {"mode": CUSTOM if custom else INSPIRATION, "prompt": "" if custom else job.prompt,
                      "lyrics": str(request.get("lyrics") or ""), "title": str(request.get("title") or ""),
                      "tags": str(request.get("tags") or ""), "instrumental": bool(request.get("instrumental")),
                      "version": _chosen_version(job)}
            if job.model and job.model != self._model and not request.get("continue_clip_id"):
                self._set_model(job.model)
            profile = job.profile if await asyncio.to_thread(self._has_profile, job.profile) else ""
            self._keep_profile(profile)
        self._form = replace(self._form, **values)
        self.formRequested.emit(values)
        source = str(request.get("source_asset") or "")
        if source and request.get("action") != "lyrics":
            try:
                await self._extend_source(source, _number(request.get("continue_at")) or 0.0)
            except InputError:
                self._set_extend(None)
        elif self._extend is not None and request.get("action") != "lyrics":
            self._set_extend(None)
        self._emit_check()

    def _has_profile(self, name: str) -> bool:
        return bool(name) and self._core.profiles.find(name) is not None

    @Slot(str)
    def runAgain(self, job_id: str) -> None:  # Qt slot naming
        """The same request again as a new job (new songs with the settings of that one)."""
        self._submit_once(self._run_again(job_id))

    async def _run_again(self, job_id: str) -> None:
        job = await asyncio.to_thread(self._core.jobs.find, job_id)
        if job.capability != "music":
            raise InputError(self.tr("That job did not make music; it cannot be re-run here."))
        profile = job.profile if await asyncio.to_thread(self._has_profile, job.profile) else None
        request = job.request
        if request.get("action") == "lyrics":
            if self._lyrics_job is None:
                self._lyrics_base = self._form.lyrics
                await self._start_lyrics(job.prompt, profile)
            return
        custom = request.get("mode") == CUSTOM
        source = str(request.get("source_asset") or "")
        again = await asyncio.to_thread(
            self._core.jobs.create_music, "" if custom else job.prompt, model=job.model,
            lyrics=request.get("lyrics") if custom else None, title=request.get("title") if custom else None,
            tags=request.get("tags") if custom else None, instrumental=bool(request.get("instrumental")),
            version=str(request.get("version") or "") or None, extend=source or None,
            at=request.get("continue_at") if source else None, profile=None if source else profile,
        )
        await self._follow(again)

    # -- following the job shown -----------------------------------------------------------------

    @Slot(str, str)
    def _on_note(self, job_id: str, note: str) -> None:
        self._notes[job_id] = self._jobs.note(job_id) or localized_note(note)
        if job_id == self._current:
            self._refresh()

    def _snapshot(self, job_id: str) -> MusicJobView | None:
        job = self._core.jobs.get(job_id)
        if job is None:
            return None
        return music_job_view(job, self._core.gallery.for_job(job_id), self._notes.get(job_id, ""))


def _default_version(family: str, model: str) -> str:
    """The version a family sends for `model` when none is chosen ("" where the relay decides)."""
    if family == Family.SUNO:
        return version_for(model)
    if family == Family.UDIO:
        from studio.api.udio import version_for as udio_version

        return udio_version(model)
    return ""


def _lyrics_limit(family: str, version: str) -> int:
    """The longest lyrics a family (and for Suno, a model version) takes, in characters."""
    if family == Family.UDIO:
        from studio.api.udio import LYRICS_LIMIT

        return LYRICS_LIMIT
    return lyrics_limit(version)


def _writes_lyrics(model: str) -> bool:
    """A route model for lyrics (`suno_lyrics`): not one to make songs with."""
    name = model.lower()
    return name == LYRICS_DEFAULT_MODEL or name.endswith(("_lyrics", "-lyrics"))


def _chosen_version(job: Job) -> str:
    """The version a job asked for by name ("" when it was the one its model stands for)."""
    version = str(job.request.get("version") or "")
    return "" if version == version_for(job.model) else version
