"""The Video tab's state: video models, the options the chosen model's family takes, the start and end
frames, and the job shown in the result area, with Remix / Extend / Upscale of a finished video.

Which options apply is a rule of the family registry (`FamilySpec.options` and `choices`): this
view-model reads the chosen model's family and hands the view an `OptionsView`, so the form shows only
what the model takes. Frames are checked off the UI thread when they are set, as the CLI checks them
(HEIC photos taken; a text file renamed `.png`, a 2 GB file: one sentence in the user's language then, not
after the job is saved). Jobs are made by
`JobService.create_video` (every option checked against the family again) and run by the one
`JobRunner`; the job shown is followed through the runner's events like the Image tab's.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from studio.api.families import FamilySpec, spec_for, supported
from studio.errors import InputError, StudioError
from studio.jobs.handlers import input_path
from studio.jobs.model import JobState
from studio.jobs.video_request import end_frame, start_frame
from studio.services.inputs import MAX_IMAGE_BYTES, InputFile, check_frame
from studio.storage.filetypes import sniff_heif, sniff_image
from studio.viewmodels import errors
from studio.viewmodels.base import routed_models
from studio.viewmodels.families import localized_note
from studio.viewmodels.following import JobFollower

if TYPE_CHECKING:
    from studio.gallery.store import Asset
    from studio.jobs.model import Job
    from studio.services.core import StudioCore
    from studio.viewmodels.jobs import JobsViewModel

#: the form's option fields, in the order the form shows them (`FamilySpec.options` names)
OPTIONS = ("seconds", "size", "aspect", "ratio", "mode", "cfg_scale", "negative_prompt", "loop")
LAST_MODEL = "ui.last_model.video"  # the setting that remembers the model chosen last, across restarts
#: what may be done with a finished video, where its family takes it
SOURCE_ACTIONS = ("remix", "extend", "upscale")
#: the two frame slots
START, END = "start", "end"
SLOTS = (START, END)



@dataclass(frozen=True, slots=True)
class OptionsView:
    """What the form shows for the chosen model: its family, the options it takes and their values."""

    model: str
    family: str  # the family id ("" while no model is chosen)
    label: str  # the family's label in the registry (the view translates the built-in ones)
    reason: str  # why this family ("name rule sora*", "override", …)
    options: tuple[str, ...]  # of OPTIONS, in form order
    choices: dict[str, tuple[str, ...]]  # the values an option may take, where the family allows only some
    start_frame: bool  # whether the family takes a start frame
    end_frame: bool
    #: one sentence when the model's family cannot run in this build ("" when it can)
    problem: str = ""


@dataclass(frozen=True, slots=True)
class Frame:
    """A picture in a frame slot: its file, and the gallery asset it came from (if it did)."""

    path: str
    asset_id: str = ""


@dataclass(frozen=True, slots=True)
class VideoJobView:
    """What the result area shows about one video job."""

    job_id: str
    state: JobState
    progress: float | None
    model: str
    family: str
    family_label: str
    prompt: str
    error: str
    note: str  # the latest note of the runner (a download's progress), in the user's language
    video: str  # the saved video's absolute path ("" until it is saved)
    asset_id: str  # its gallery id
    #: what may be done with the finished video (of SOURCE_ACTIONS, where its family takes them)
    actions: tuple[str, ...]
    #: pictures the job saved instead of (or besides) a video (chat-format models sometimes answer so)
    images: tuple[str, ...] = ()


def options_view(model: str, spec: FamilySpec, reason: str) -> OptionsView:
    return OptionsView(model=model, family=str(spec.id), label=spec.label, reason=reason,
                       options=tuple(o for o in OPTIONS if o in spec.options),
                       choices={k: tuple(v) for k, v in spec.choices_for(model).items()},
                       start_frame="image" in spec.options, end_frame="end_image" in spec.options)


def video_job_view(job: Job, assets: list[Asset], note: str) -> VideoJobView:
    spec = spec_for("video", job.family)
    video = next((a for a in assets if a.kind == "video"), None)
    finished = job.state in (JobState.DONE, JobState.DONE_REMOTE_ONLY) and bool(job.remote_id)
    actions = tuple(a for a in SOURCE_ACTIONS if spec is not None and a in spec.options) \
        if finished and video is not None else ()
    return VideoJobView(
        job_id=job.id, state=job.state, progress=job.progress, model=job.model, family=job.family,
        family_label=spec.label if spec else job.family, prompt=str(job.metadata.get("label") or job.prompt),
        error=errors.stored_error(job), note=note if job.state not in (JobState.DONE, JobState.FAILED) else "",
        video=str(video.path) if video else "", asset_id=video.id if video else "", actions=actions,
        images=tuple(str(a.path) for a in assets if a.kind == "image"),
    )


class VideoViewModel(JobFollower):
    """The Video tab's state; `jobShown` carries a `VideoJobView` of the job in the result area."""

    #: an `OptionsView` for the model chosen
    optionsChanged = Signal(object)
    #: a frame slot changed: slot ("start" / "end"), its `Frame` or None when emptied
    frameChanged = Signal(str, object)
    #: fill the form (re-run): prompt, {option: value} of the job's request
    formRequested = Signal(str, dict)
    #: the dialect override saved for the current model ("" = decided by the table)
    familyChanged = Signal(str)
    #: the profile new jobs go to, kept from a re-run job ("" = the profile routed for video)
    profileChanged = Signal(str)

    @staticmethod
    def family_choices() -> list[tuple[str, str]]:
        """(family id, label) of every request format that can make videos, from the family registry."""
        return [(str(spec.id), spec.label) for spec in supported("video")]

    def __init__(self, core: StudioCore, jobs: JobsViewModel, parent: QObject | None = None) -> None:
        super().__init__(jobs, parent)
        self._core = core
        self._jobs = jobs
        self._endpoint_types: dict[str, tuple[str, ...]] = {}
        self._frames: dict[str, Frame | None] = {START: None, END: None}
        self._options: OptionsView | None = None
        self._notes: dict[str, str] = {}
        self._profile = ""  # kept from a re-run job until another model is chosen or the profiles change
        self._started = False
        jobs.jobNote.connect(self._on_note)

    @property
    def options(self) -> OptionsView | None:
        return self._options

    @property
    def profile(self) -> str:
        """The profile a re-run job was made through, which new jobs go to too ("" = the routed one)."""
        return self._profile

    @property
    def current_job(self) -> str | None:
        return self._current

    def frame(self, slot: str) -> Frame | None:
        return self._frames.get(slot)

    # -- models ----------------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Load the video models (the first time the tab is shown, and after the profiles change)."""
        self._started = True
        self.spawn(self._load_models(), busy=False)

    @Slot()
    def reload(self) -> None:
        """The profiles changed: load the models again if the tab has been shown."""
        self._keep_profile("")
        if self._started:
            self.start()

    async def _load_models(self) -> None:
        profiles = await asyncio.to_thread(self._core.profiles.all)
        if not profiles:
            return
        self._adopt_model(await asyncio.to_thread(self._core.settings.get, LAST_MODEL, "") or "")  # the last run's
        _route, models = await routed_models(self._core, "video", self._adopt_model)
        wanted = [m for m in models if m.capability == "video"]
        self._endpoint_types = {m.id: tuple(m.endpoint_types) for m in wanted}
        chosen = self._model
        self._show_models([m.id for m in wanted])
        if chosen and chosen in self._endpoint_types:  # chosen before the list: its endpoint types may decide
            self.spawn(self._load_family(chosen), busy=False)

    def _model_changed(self, name: str) -> None:
        self._remember_model(self._core.settings, LAST_MODEL)  # for the next start
        self._keep_profile("")  # another model: the route decides the profile again
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
        view = await asyncio.to_thread(self._family_view, model, self._endpoint_types.get(model, ()))
        if model == self._model:
            self._options = view
            self.optionsChanged.emit(view)

    def _family_view(self, model: str, endpoint_types: tuple[str, ...]) -> OptionsView:
        try:
            choice = self._core.jobs.family_for(model, "video", endpoint_types=endpoint_types)
        except InputError:
            from studio.api.families import family_of

            wanted = family_of(model, "video", endpoint_types)
            spec = spec_for("video", wanted.family)
            label = spec.label if spec else str(wanted.family)
            problem = self.tr("{0} speaks the {1} format, which this version of Relay Studio cannot send yet; "
                              "choose another format or model.").format(model, label)
            return OptionsView(model, str(wanted.family), label, wanted.reason, (), {}, False, False, problem)
        spec = spec_for("video", choice.family)
        assert spec is not None  # family_for only answers families that run
        return options_view(model, spec, choice.reason)

    # -- frames ----------------------------------------------------------------------------------

    @Slot(str, str, str)
    def setFrame(self, slot: str, path: str, asset_id: str = "") -> None:
        """Put a picture in a frame slot: a file, or a gallery asset (its id and file), checked first."""
        self.spawn(self._set_frame(slot, path, asset_id), busy=False)

    async def _set_frame(self, slot: str, path: str, asset_id: str) -> None:
        if slot not in SLOTS:
            return
        checked = await asyncio.to_thread(_check_frame, path)
        if isinstance(checked, _Refusal):  # the banner's sentence, in the user's language
            raise InputError(errors.refused_picture(checked.case, checked.name, checked.size, MAX_IMAGE_BYTES))
        frame = Frame(str(checked.path), asset_id)
        self._frames[slot] = frame
        self.frameChanged.emit(slot, frame)

    @Slot(str, str)
    def setFrameAsset(self, slot: str, asset_id: str) -> None:
        """Put a gallery picture in a frame slot, by its id."""
        self.spawn(self._set_frame_asset(slot, asset_id), busy=False)

    async def _set_frame_asset(self, slot: str, asset_id: str) -> None:
        asset = await asyncio.to_thread(self._core.gallery.find, asset_id)
        if asset.kind != "image":
            raise InputError(self.tr("This {0} is not a picture; a frame must be a picture.").format(
                self._kind_name(asset.kind)))
        await self._set_frame(slot, str(asset.path), asset.id)

    def _kind_name(self, kind: str) -> str:
        return {"video": self.tr("video"), "audio": self.tr("sound"), "text": self.tr("text")}.get(kind, kind)

    @Slot(str)
    def clearFrame(self, slot: str) -> None:
        if self._frames.get(slot) is not None:
            self._frames[slot] = None
            self.frameChanged.emit(slot, None)

    @Slot(str)
    def animate(self, asset_id: str) -> None:
        """"Animate" on a gallery picture: it becomes the start frame."""
        self.setFrameAsset(START, asset_id)

    # -- generating ------------------------------------------------------------------------------

    @Slot(str, dict)
    def generate(self, prompt: str, options: dict[str, Any]) -> None:
        """A new video job from the prompt, the frames and `options` (names of OPTIONS; empty values are
        left to the relay). The service checks each against the family: a refusal is one sentence."""
        self.spawn(self._generate(prompt, dict(options)))

    async def _generate(self, prompt: str, options: dict[str, Any]) -> None:
        if not prompt.strip():
            raise InputError(self.tr("Describe the video first: the prompt is empty."))
        model = self._model
        start, end = self._frames[START], self._frames[END]
        values = _clean(options)
        job = await asyncio.to_thread(
            self._core.jobs.create_video, prompt, model=model or None,
            image=_frame_value(start), end_image=_frame_value(end), endpoint_types=self._endpoint_types.get(model, ()),
            profile=self._profile or None, **values,
        )
        await self._follow(job)

    @Slot(str, str, dict)
    def act(self, action: str, prompt: str, options: dict[str, Any]) -> None:
        """Remix / Extend / Upscale the finished video shown: a new job on it."""
        view_job = self._current
        if action not in SOURCE_ACTIONS or view_job is None:
            return
        self.spawn(self._act(action, view_job, prompt, options))

    async def _act(self, action: str, job_id: str, prompt: str, options: dict[str, Any]) -> None:
        assets = await asyncio.to_thread(self._core.gallery.for_job, job_id)
        video = next((a for a in assets if a.kind == "video"), None)
        if video is None:
            raise InputError(self.tr("The video of this job is no longer in the gallery."))
        if action != "upscale" and not prompt.strip():
            raise InputError(self.tr("Say what should change in the prompt first: it is empty."))
        values: dict[str, Any] = {**_clean(options), action: video.id}
        job = await asyncio.to_thread(self._core.jobs.create_video, prompt if action != "upscale" else "", **values)
        await self._follow(job)

    async def _follow(self, job: Job) -> None:
        self._jobs.track(job)
        (await self._jobs.ready()).run(job.id)
        self.show(job.id)

    @Slot(str)
    def rerun(self, job_id: str) -> None:
        """Fill the form from a job's request: prompt, model, format, profile, options and frames ("Re-run" in
        the gallery). The format box gets the job's family where the user chose it (`family_reason`
        "override", e.g. `studio video --family custom-video`), else "Automatic", as the job was made; new
        jobs go to the job's profile while its model stays chosen."""
        self.spawn(self._rerun(job_id), busy=False)

    async def _rerun(self, job_id: str) -> None:
        job = await asyncio.to_thread(self._core.jobs.find, job_id)
        if job.capability != "video":
            raise InputError(self.tr("That job did not make a video; it cannot be re-run here."))
        request = job.request
        values = {name: request[name] for name in OPTIONS if request.get(name) not in (None, "")}
        frames = []
        for slot, entry in ((START, start_frame(request)), (END, end_frame(request))):
            path = None
            if entry is not None:
                try:
                    path = await asyncio.to_thread(_existing_input, self._core.paths.root, entry)
                except StudioError:
                    path = None
            frames.append((slot, path))
        chosen = str(job.family) if job.metadata.get("family_reason") == "override" else ""
        profile = job.profile if await asyncio.to_thread(self._has_profile, job.profile) else ""
        if job.model:
            overrides = await asyncio.to_thread(self._core.settings.get, "families.overrides") or {}
            if str(overrides.get(job.model, "")) != chosen:  # before the model's family is read again
                await asyncio.to_thread(self._core.jobs.set_family_override, job.model, chosen or None)
            if job.model == self._model:
                await self._load_family(job.model)
            else:
                self._set_model(job.model)
        self._keep_profile(profile)
        self.formRequested.emit(job.prompt, values)
        for slot, path in frames:
            if path is None:
                self.clearFrame(slot)
            else:
                await self._set_frame(slot, str(path), "")

    def _has_profile(self, name: str) -> bool:
        return bool(name) and self._core.profiles.find(name) is not None  # (a deleted profile: the route's)

    # -- following the job shown -----------------------------------------------------------------

    @Slot(str, str)
    def _on_note(self, job_id: str, note: str) -> None:
        self._notes[job_id] = self._jobs.note(job_id) or localized_note(note)
        if job_id == self._current:
            self._refresh()

    def _snapshot(self, job_id: str) -> VideoJobView | None:
        job = self._core.jobs.get(job_id)
        if job is None:
            return None
        return video_job_view(job, self._core.gallery.for_job(job_id), self._notes.get(job_id, ""))


def _clean(options: dict[str, Any]) -> dict[str, Any]:
    """The options given a value, as `create_video` takes them ("" / None / False: left to the relay)."""
    values: dict[str, Any] = {}
    for name, value in options.items():
        if name not in OPTIONS:
            raise InputError(f"Unknown video option {name!r}.")
        if value is None or value is False or (isinstance(value, str) and not value.strip()):
            continue
        values[name] = value.strip() if isinstance(value, str) else value
    return values


def _frame_value(frame: Frame | None) -> str | None:
    """What `create_video` takes for a frame: the gallery id when it came from there, else the file."""
    if frame is None:
        return None
    return frame.asset_id or frame.path


def _existing_input(root: Path, entry: Any) -> Path | None:
    path = input_path(root, entry)
    return path if path.is_file() else None


@dataclass(frozen=True, slots=True)
class _Refusal:
    """Why a picture cannot be a frame (a case of studio/viewmodels/errors.py `refused_picture`)."""

    case: str
    name: str
    size: int = 0


def _check_frame(path: str) -> InputFile | _Refusal:
    """Worker thread: the picture checked as the CLI checks it (`check_frame`, HEIC photos included), or
    why it was refused, so the view-model can word the sentence in the user's language."""
    try:
        return check_frame(path)
    except InputError:
        file = Path(path).expanduser()
        if not file.exists():
            return _Refusal(errors.MISSING, str(file))
        if not file.is_file():
            return _Refusal(errors.NOT_A_FILE, str(file))
        size = file.stat().st_size
        if size > MAX_IMAGE_BYTES:
            return _Refusal(errors.TOO_LARGE, file.name, size)
        with file.open("rb") as handle:
            head = handle.read(16)
        if sniff_image(head) or sniff_heif(head):
            return _Refusal(errors.DAMAGED, file.name)
        return _Refusal(errors.NOT_A_PICTURE, file.name)
