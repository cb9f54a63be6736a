"""The Image tab's state: image models, reference images, and the job shown in the results area —
with a Midjourney task's buttons, pressed as new jobs.

Jobs are made by `JobService` (inputs checked first, family chosen and recorded) and run by the one
`JobRunner`; this view-model follows the job it shows through the runner's events and hands the
view a `JobView` snapshot each time it changes. Files are read by the view in worker threads.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from studio.api.families import FamilySpec, family_of, spec_for, supported
from studio.api.midjourney import MODAL_BUTTONS, MjButton
from studio.errors import InputError, StudioError
from studio.ids import random_hex
from studio.jobs.model import Job, JobState
from studio.services.inputs import check_image
from studio.storage.paths import contains
from studio.viewmodels.base import routed_models
from studio.viewmodels.errors import stored_error
from studio.viewmodels.families import family_label, model_line, reason_text
from studio.viewmodels.following import JobFollower
from studio.views.qt_images import QT_IMAGES

if TYPE_CHECKING:
    from studio.gallery.store import Asset
    from studio.services.core import StudioCore
    from studio.viewmodels.jobs import JobsViewModel

SIZES = ("auto", "1024x1024", "1536x1024", "1024x1536", "1792x1024", "1024x1792", "512x512", "256x256")
QUALITIES = ("auto", "low", "medium", "high", "standard", "hd")
MAX_REFERENCES = 16
LAST_MODEL = "ui.last_model.image"  # the setting that remembers the model chosen last, across restarts
#: the form's option rows, in form order, as `FamilySpec.options` names them ("n" is the count)
FORM_OPTIONS = ("size", "quality", "n", "mode", "references")


@dataclass(frozen=True, slots=True)
class ButtonView:
    custom_id: str
    text: str  # what the relay labels it with (label or emoji)
    name: str  # the short name (U1, zoom-2x, …) or "" for buttons without one
    label: str  # the relay's label alone ("" for emoji-only buttons such as reroll and pan)
    needs_mask: bool
    needs_prompt: bool


#: how a Midjourney task's buttons are grouped, in the order the groups are shown: two compact rows of
#: numbered buttons, single buttons (reroll, and any the relay names that we do not know), then one menu
#: each for the upscale, vary, zoom and pan choices under an upscaled picture
GROUP_ORDER = ("pick-upscale", "pick-vary", "single", "upscale", "vary", "zoom", "pan")
#: the groups shown as one menu button each
MENU_GROUPS = frozenset({"upscale", "vary", "zoom", "pan"})


@dataclass(frozen=True, slots=True)
class ButtonGroup:
    """Buttons of a Midjourney task shown together: a compact row or one menu (`kind` of GROUP_ORDER)."""

    kind: str
    buttons: tuple[ButtonView, ...]

    @property
    def menu(self) -> bool:
        return self.kind in MENU_GROUPS


def group_of(name: str) -> str:
    """The group a button with the short name `name` (studio/api/midjourney.py) is shown in."""
    if name in ("U1", "U2", "U3", "U4"):
        return "pick-upscale"
    if name in ("V1", "V2", "V3", "V4"):
        return "pick-vary"
    for prefix in ("upscale", "vary", "zoom", "pan"):
        if name.startswith(prefix + "-"):
            return prefix
    return "single"  # reroll, and buttons without a short name


def group_buttons(buttons: tuple[ButtonView, ...]) -> tuple[ButtonGroup, ...]:
    """A task's buttons in their groups (GROUP_ORDER), each group in the relay's order."""
    grouped = {kind: tuple(b for b in buttons if group_of(b.name) == kind) for kind in GROUP_ORDER}
    return tuple(ButtonGroup(kind, found) for kind, found in grouped.items() if found)


@dataclass(frozen=True, slots=True)
class FormView:
    """Which option rows the form shows for the chosen model: those its family takes."""

    model: str
    family: str  # "" while no model is chosen
    options: tuple[str, ...]  # of FORM_OPTIONS


#: what the form shows before a model is chosen (every row, as before families were known)
ALL_OPTIONS = FormView("", "", FORM_OPTIONS)


def form_view(model: str, spec: FamilySpec | None) -> FormView:
    """The rows of `spec`'s options; a family this build cannot run shows them all (its job says why)."""
    if spec is None:
        return FormView(model, "", FORM_OPTIONS)
    return FormView(model, str(spec.id), tuple(o for o in FORM_OPTIONS if o in spec.options))


@dataclass(frozen=True, slots=True)
class JobView:
    """What the results area shows about one job."""

    job_id: str
    state: JobState
    progress: float | None
    family: str
    family_reason: str
    model: str
    prompt: str
    error: str
    images: tuple[str, ...]  # absolute paths of the saved files, in result order
    quadrants: tuple[str, ...]  # a Midjourney grid cut in four (reading order)
    buttons: tuple[ButtonView, ...]
    prompts: tuple[str, ...]  # describe / shorten results
    links: tuple[str, ...]  # results that could only be kept as links
    #: the gallery assets of `images`, in the same order (what a result dragged elsewhere carries)
    assets: tuple[Asset, ...] = ()
    #: what the job was sent as, in the user's words ("dall-e-3 · Images API"), and why (a sentence)
    sent_as: str = ""
    why: str = ""
    #: the runner's latest note on the job while it works, in the user's language ("Downloading: …")
    note: str = ""


def job_view(job: Job, images: list[str], thumbs: Path, assets: tuple[Asset, ...] = ()) -> JobView:
    """What the Image tab shows of `job`. Quadrant files named in its metadata are shown only from the
    thumbnails folder, where the grid split puts them (the database is input)."""
    buttons = []
    for raw in job.metadata.get("buttons") or []:
        button = MjButton(raw.get("customId", ""), raw.get("label", ""), raw.get("emoji", ""))
        name = button.name or ""
        buttons.append(ButtonView(button.custom_id, button.text, name, button.label, name == "vary-region",
                                  name in MODAL_BUTTONS))
    return JobView(
        job_id=job.id, state=job.state, progress=job.progress, family=job.family,
        family_reason=str(job.metadata.get("family_reason", "")), model=job.model,
        prompt=str(job.metadata.get("label") or job.prompt), error=stored_error(job), images=tuple(images),
        quadrants=tuple(q for q in job.metadata.get("quadrants") or () if contains(thumbs, q)), buttons=tuple(buttons),
        prompts=job.texts,
        links=job.temporary_links if job.state is JobState.DONE_REMOTE_ONLY else (), assets=assets,
        sent_as=model_line(job.model, job.family, job.capability),
        why=reason_text(str(job.metadata.get("family_reason", "")), job.family, job.capability),
    )


class ImageViewModel(JobFollower):
    """The Image tab's state; `jobShown` carries a `JobView` of the job in the results area."""

    #: the dialect override saved for the current model ("" = decided by the table)
    familyChanged = Signal(str)
    #: the reference images' paths
    referencesChanged = Signal(list)
    #: fill the form: prompt, model (re-run from the gallery)
    formRequested = Signal(str, str)
    #: the forming Midjourney grid of the job shown: job id, its four quadrants (QImage, reading order)
    previewShown = Signal(str, list)
    #: the option rows the chosen model's family takes (a `FormView`)
    formChanged = Signal(object)

    @staticmethod
    def family_choices() -> list[tuple[str, str]]:
        """(family id, label in the user's words) of every request format that can make images, from the
        family registry."""
        return [(spec.id, family_label(spec.id, "image")) for spec in supported("image")]

    def __init__(self, core: StudioCore, jobs: JobsViewModel, parent: QObject | None = None) -> None:
        super().__init__(jobs, parent)
        self._core = core
        self._jobs = jobs
        self._endpoint_types: dict[str, tuple[str, ...]] = {}
        self._references: list[str] = []
        self._form = ALL_OPTIONS
        jobs.previewAvailable.connect(self._on_preview)
        self._preview_busy = False

    @property
    def references(self) -> list[str]:
        return list(self._references)

    @property
    def form(self) -> FormView:
        return self._form

    # -- models ----------------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        self.spawn(self._load_models(), busy=False)

    async def _load_models(self) -> None:
        profiles = await asyncio.to_thread(self._core.profiles.all)
        if not profiles:
            return
        self._adopt_model(await asyncio.to_thread(self._core.settings.get, LAST_MODEL, "") or "")  # the last run's
        _route, models = await routed_models(self._core, "image", self._adopt_model)
        wanted = [m for m in models if m.capability in ("image", "mj")]
        self._endpoint_types = {m.id: tuple(m.endpoint_types) for m in wanted}
        chosen = self._model
        self._show_models([m.id for m in wanted])
        if chosen and chosen in self._endpoint_types:  # chosen before the list: its endpoint types may decide
            self.spawn(self._load_family(chosen), busy=False)

    def _model_changed(self, name: str) -> None:
        self._remember_model(self._core.settings, LAST_MODEL)  # for the next start
        self.spawn(self._load_family(name), busy=False)

    async def _load_family(self, model: str) -> None:
        overrides = await asyncio.to_thread(self._core.settings.get, "families.overrides")
        if model != self._model:
            return
        self.familyChanged.emit(str((overrides or {}).get(model, "")))
        form = await asyncio.to_thread(self._form_for, model, self._endpoint_types.get(model, ()))
        if model == self._model and form != self._form:
            self._form = form
            self.formChanged.emit(form)

    def _form_for(self, model: str, endpoint_types: tuple[str, ...]) -> FormView:
        if not model:
            return ALL_OPTIONS
        try:
            choice = self._core.jobs.family_for(model, "image", endpoint_types=endpoint_types)
        except InputError:  # a family that cannot make images here: the job's error says so
            choice = family_of(model, "image", endpoint_types)
        return form_view(model, spec_for("image", choice.family))

    # -- references ------------------------------------------------------------------------------

    @Slot(list)
    def addReferences(self, paths: list[str]) -> None:
        self.spawn(self._add_references(paths), busy=False)

    async def _add_references(self, paths: list[str]) -> None:
        for path in paths:
            checked = await asyncio.to_thread(check_image, path)  # an InputError is shown in the banner
            if str(checked.path) not in self._references and len(self._references) < MAX_REFERENCES:
                self._references.append(str(checked.path))
        self.referencesChanged.emit(list(self._references))

    @Slot(int)
    def removeReference(self, index: int) -> None:
        if 0 <= index < len(self._references):
            del self._references[index]
            self.referencesChanged.emit(list(self._references))

    @Slot()
    def clearReferences(self) -> None:
        self._references.clear()
        self.referencesChanged.emit([])

    @Slot(str, str)
    def fill(self, prompt: str, model: str) -> None:
        """Put a prompt (and its model) back into the form: "re-run" from the gallery."""
        if model:
            self._set_model(model)
        self.formRequested.emit(prompt, model)

    # -- generating ------------------------------------------------------------------------------

    @Slot(str, str, str, int, str)
    def generate(self, prompt: str, size: str, quality: str, count: int, mode: str = "") -> None:
        self.spawn(self._generate(prompt, size, quality, count, mode))

    async def _generate(self, prompt: str, size: str, quality: str, count: int, mode: str) -> None:
        model = self._model
        form = self._form
        if form.model == model and form.family:  # a row the form hides keeps no value from another model
            taken = form.options
            size, quality = (size if "size" in taken else ""), (quality if "quality" in taken else "")
            count, mode = (count if "n" in taken else 1), (mode if "mode" in taken else "")
        job = await asyncio.to_thread(
            self._core.jobs.create_image, prompt, model=model or None, n=count,
            size=None if size in ("", "auto") else size, quality=None if quality in ("", "auto") else quality,
            images=list(self._references), endpoint_types=self._endpoint_types.get(model, ()), mode=mode or None,
        )
        await self._follow(job)

    @Slot(str, str, str)
    def midjourney(self, action: str, prompt: str, mode: str = "") -> None:
        """describe / blend / swap-face on the reference images, shorten on the prompt."""
        self.spawn(self._midjourney(action, prompt, mode))

    async def _midjourney(self, action: str, prompt: str, mode: str) -> None:
        images = {"describe": self._references[:1], "blend": self._references,
                  "swap-face": self._references[:2]}.get(action, [])
        job = await asyncio.to_thread(self._core.jobs.create_mj, action, prompt, images=images, mode=mode or None)
        await self._follow(job)

    @Slot(str, str, str)
    def pressButton(self, custom_id: str, prompt: str = "", mask: str = "") -> None:
        """Press a button of the Midjourney task shown: a new job, shown once it is saved."""
        if self._current is None:
            return
        self.spawn(self._press(self._current, custom_id, prompt, mask))

    @Slot(str, str, QImage)
    def pressButtonWithMask(self, custom_id: str, prompt: str, mask: QImage) -> None:
        """Vary (Region): the painted mask is written to a PNG off the UI thread, then sent with the button."""
        if self._current is None:
            return
        self.spawn(self._press_with_mask(self._current, custom_id, prompt, mask))

    async def _press_with_mask(self, job_id: str, custom_id: str, prompt: str, mask: QImage) -> None:
        folder = self._core.paths.root / "tmp"
        path = folder / f"mask-{random_hex(12)}.png"

        def save() -> None:
            folder.mkdir(parents=True, exist_ok=True)
            if not mask.save(str(path), "PNG"):  # type: ignore[call-overload]  # stubs: bytes; PySide6: str
                raise StudioError("The mask could not be saved; check the free space on the disk.")

        await asyncio.to_thread(save)
        try:
            await self._press(job_id, custom_id, prompt, str(path))
        finally:
            await asyncio.to_thread(path.unlink, missing_ok=True)  # the job keeps its own copy

    async def _press(self, job_id: str, custom_id: str, prompt: str, mask: str) -> None:
        job = await asyncio.to_thread(self._core.jobs.create_mj_action, job_id, custom_id,
                                      prompt=prompt or None, mask=mask or None)
        await self._follow(job)

    async def _follow(self, job: Job) -> None:
        self._jobs.track(job)
        (await self._jobs.ready()).run(job.id)
        self.show(job.id)

    # -- following the job shown -----------------------------------------------------------------

    @Slot(str, str)
    def _on_preview(self, job_id: str, url: str) -> None:
        if job_id == self._current and not self._preview_busy:  # one at a time; a newer one comes next poll
            self._preview_busy = True
            self.spawn(self._show_preview(job_id, url), busy=False)

    async def _show_preview(self, job_id: str, url: str) -> None:
        try:
            data = await self._jobs.runner.fetch_preview(url)
            if data is None or job_id != self._current:
                return
            quadrants = await asyncio.to_thread(_quadrants, data)
            if quadrants and job_id == self._current:
                self.previewShown.emit(job_id, quadrants)
        finally:
            self._preview_busy = False

    def _snapshot(self, job_id: str) -> JobView | None:
        job = self._core.jobs.get(job_id)
        if job is None:
            return None
        assets = tuple(self._core.gallery.for_job(job_id))
        view = job_view(job, [str(a.path) for a in assets], self._core.paths.thumbs, assets)
        return replace(view, note=self._jobs.details(job).note)


def _quadrants(data: bytes) -> list[QImage]:
    """A 2×2 grid decoded and cut in four (in a worker thread; QImage is safe there)."""
    with QT_IMAGES:
        image = QImage.fromData(data)
    if image.isNull():
        return []
    half_w, half_h = image.width() // 2, image.height() // 2
    return [image.copy(x * half_w, y * half_h, half_w, half_h) for y in (0, 1) for x in (0, 1)]
