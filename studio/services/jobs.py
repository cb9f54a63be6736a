"""Generation jobs for both front ends: check the inputs, save the job, hand it to the runner.

Everything a request needs is checked locally first (an empty prompt, a missing file, a file that is
not an image → `InputError`, nothing sent or charged). Input images are copied into the library so
the saved job can be submitted again after a restart even if the originals move. The family (which
dialect the model speaks) is chosen by `studio.api.families` and recorded on the job.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.api.families import Family, FamilyChoice, actions, family_of, parse_family, runnable, spec_for, supported
from studio.api.midjourney import MODAL_BUTTONS, MODES, MjButton, find_button
from studio.errors import InputError, StudioError
from studio.jobs.model import Job, JobState
from studio.jobs.store import JobStore
from studio.services.inputs import InputFile, check_image
from studio.storage.disk import disk_full, is_no_room

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.gallery.store import GalleryStore
    from studio.jobs.handlers import SavedInput
    from studio.jobs.images import ImageRequest
    from studio.jobs.midjourney import MidjourneyRequest
    from studio.jobs.runner import JobRunner
    from studio.services.profiles import ProfileService
    from studio.storage.paths import DataPaths
    from studio.storage.settings import Settings

#: model shown on Midjourney jobs when the route names none (the relay does not need one)
MJ_DEFAULT_MODEL = "midjourney"
IMAGE_DEFAULT_MODEL = "gpt-image-1"
MAX_COUNT = 10


class JobService:
    """Built by `StudioCore.jobs` from the parts it uses. `client_for` (profile name → client) is called
    only when the runner sends or polls, so listing jobs never loads the HTTP stack."""

    def __init__(self, store: JobStore, *, paths: DataPaths, settings: Settings, profiles: ProfileService,
                 gallery: GalleryStore, client_for: Callable[[str], RelayClient],
                 redact: Callable[[str], str]) -> None:
        self.store = store
        self.gallery = gallery
        self._paths = paths
        self._settings = settings
        self._profiles = profiles
        self._client_for = client_for
        self._redact = redact
        # a submission a dead process left half-sent shows as `unknown` wherever jobs are listed
        self.store.mark_interrupted_submissions()

    @cached_property
    def runner(self) -> JobRunner:
        from studio.jobs.handlers import HandlerContext, handlers_for
        from studio.jobs.runner import JobRunner

        settings = self._settings
        handlers = handlers_for(runnable(), HandlerContext(self._paths.root, self._paths.thumbs))
        return JobRunner(
            self.store, self.gallery, handlers, self._client_for,
            poll_scale=float(settings.get("jobs.poll_scale")),
            download_attempts=int(settings.get("jobs.download_attempts")),
            min_free=int(float(settings.get("jobs.min_free_mb")) * 1024 * 1024), redact=self._redact,
        )

    # -- families ----------------------------------------------------------------------------------

    def family_for(self, model: str, capability: str, *, family: str | None = None,
                   endpoint_types: Sequence[str] = ()) -> FamilyChoice:
        """`--family` first, then the per-model override in settings, then the table's rules."""
        overrides = self._settings.get("families.overrides") or {}
        chosen = family_of(model, capability, endpoint_types, override=family or overrides.get(model))
        can_run = supported(capability)
        if chosen.family not in {s.id for s in can_run}:
            names = ", ".join(s.id for s in can_run)
            raise InputError(f"{model} speaks the {chosen.family} dialect ({chosen.reason}), which "
                             f"cannot make {capability}s; use --family with one of {names}.")
        return chosen

    def set_family_override(self, model: str, family: str | None) -> None:
        overrides = dict(self._settings.get("families.overrides") or {})
        if family:
            overrides[model] = parse_family(family)
        else:
            overrides.pop(model, None)
        self._settings.set("families.overrides", overrides)

    # -- creating jobs -----------------------------------------------------------------------------

    def create_image(self, prompt: str, *, model: str | None = None, n: int = 1, size: str | None = None,
                     quality: str | None = None, images: Sequence[Path | str] = (), mask: Path | str | None = None,
                     family: str | None = None, profile: str | None = None, endpoint_types: Sequence[str] = (),
                     variation: Path | str | None = None, mode: str | None = None, action: str | None = None) -> Job:
        """Save an image job (state `saved`); `runner.run(job.id)` sends it. `variation` asks for
        variations of one image (`/v1/images/variations`, DALL·E 2; no prompt); `mode` is Midjourney's;
        `action` is one of a family's extra requests on one image (`FamilySpec.actions`)."""
        if variation is not None:
            return self._create_variation(variation, model=model, n=n, size=size, profile=profile)
        if action is not None:
            return self._create_action(action, prompt, model=model, n=n, size=size, images=images, mask=mask,
                                       family=family, profile=profile, endpoint_types=endpoint_types)
        prompt = _prompt(prompt)
        if not 1 <= n <= MAX_COUNT:
            raise InputError(f"The number of images must be between 1 and {MAX_COUNT}.")
        if size and not _valid_size(size):
            raise InputError(f"{size!r} is not a size; write it as WIDTHxHEIGHT, e.g. 1024x1024, or auto.")
        inputs = [check_image(p) for p in images]
        mask_input = check_image(mask) if mask else None
        if mask_input and not inputs:
            raise InputError("A mask needs an image to edit (--edit PATH).")
        route = self._profiles.resolve("image", profile=profile, model=model)
        model = route.model or IMAGE_DEFAULT_MODEL
        choice = self.family_for(model, "image", family=family, endpoint_types=endpoint_types)
        spec = spec_for("image", choice.family)
        assert spec is not None  # family_for only returns families that run
        if choice.family == Family.MIDJOURNEY:
            if mode and mode not in MODES:
                raise InputError(f"Unknown Midjourney mode {mode!r}; choose one of {', '.join(MODES)}.")
            return self._save(spec.capability, choice, route.profile.name, model, prompt,
                              {"action": "imagine", "mode": mode or None}, inputs)
        unsupported = [what for what, used in (("n", n != 1), ("mask", mask_input), ("references", inputs))
                       if used and what not in spec.options]
        if unsupported:
            raise InputError(f"{model} ({spec.label}) takes no {' or '.join(_OPTION_NAMES[u] for u in unsupported)}.")
        request: ImageRequest = {"n": n, "size": size, "quality": quality}
        return self._save(spec.capability, choice, route.profile.name, model, prompt, request, inputs, mask_input)

    def _create_action(self, action: str, prompt: str, *, model: str | None, n: int, size: str | None,
                       images: Sequence[Path | str], mask: Path | str | None, family: str | None,
                       profile: str | None, endpoint_types: Sequence[str]) -> Job:
        """A family's extra request on one image (`FamilySpec.actions`: Ideogram's describe, upscale). With
        no model or family named, the one family that has the action is used."""
        if action not in actions("image"):
            raise InputError(f"Unknown image request {action!r}; choose one of {', '.join(actions('image'))}.")
        if n != 1 or size or mask:
            raise InputError(f"The {action} request takes no count, size or mask.")
        if len(images) != 1:
            raise InputError(f"The {action} request takes one image (--edit PATH).")
        source = check_image(images[0])
        route = self._profiles.resolve("image", profile=profile, model=model)
        offering = [spec for spec in supported("image") if action in spec.actions]
        chosen_model = route.model or IMAGE_DEFAULT_MODEL
        choice = self.family_for(chosen_model, "image", family=family, endpoint_types=endpoint_types)
        spec = spec_for("image", choice.family)
        if (spec is None or action not in spec.actions) and not (model or family) and len(offering) == 1:
            spec = offering[0]  # `studio image --action describe --edit x.png`: the family that has it
            choice, chosen_model = FamilyChoice(spec.id, f"the family with {action}"), str(spec.id)
        if spec is None or action not in spec.actions:
            names = ", ".join(str(s.id) for s in offering)
            raise InputError(f"{chosen_model} ({spec.label if spec else choice.family}) has no {action} request; "
                             f"choose a model of {names} with -m, or --family.")
        return self._save(spec.capability, choice, route.profile.name, chosen_model, prompt.strip(),
                          {"action": action}, [source])

    def _create_variation(self, image: Path | str, *, model: str | None, n: int, size: str | None,
                          profile: str | None) -> Job:
        if not 1 <= n <= MAX_COUNT:
            raise InputError(f"The number of images must be between 1 and {MAX_COUNT}.")
        source = check_image(image)
        route = self._profiles.resolve("image", profile=profile, model=model)
        model = route.model or "dall-e-2"
        choice = FamilyChoice(Family.OPENAI_IMAGES, "variations of an image")
        request: ImageRequest = {"variation": True, "n": n, "size": size}
        return self._save("image", choice, route.profile.name, model, "", request, [source])

    def create_mj(self, action: str, prompt: str = "", *, images: Sequence[Path | str] = (),
                  mode: str | None = None, dimensions: str | None = None, profile: str | None = None,
                  model: str | None = None) -> Job:
        """imagine, blend, describe, shorten or swap-face."""
        if mode and mode not in MODES:
            raise InputError(f"Unknown Midjourney mode {mode!r}; choose one of {', '.join(MODES)}.")
        inputs = [check_image(p) for p in images]
        if action in ("imagine", "shorten"):
            prompt = _prompt(prompt)
        elif action == "blend" and not 2 <= len(inputs) <= 5:
            raise InputError("Blend takes 2 to 5 images.")
        elif action == "describe" and len(inputs) != 1:
            raise InputError("Describe takes one image.")
        elif action == "swap-face" and len(inputs) != 2:
            raise InputError("Swap-face takes a face image and a target image.")
        elif action not in ("blend", "describe", "swap-face"):
            raise InputError(f"Unknown Midjourney request {action!r}.")
        route = self._profiles.resolve("mj", profile=profile, model=model)
        request: MidjourneyRequest = {"action": action, "mode": mode}
        if dimensions:
            request["dimensions"] = dimensions.upper()
        choice = FamilyChoice(Family.MIDJOURNEY, "Midjourney command")
        return self._save("mj", choice, route.profile.name, route.model or MJ_DEFAULT_MODEL, prompt, request, inputs)

    def create_mj_action(self, job_id: str, button: str, *, prompt: str | None = None,
                         mask: Path | str | None = None) -> Job:
        """Press a button of a finished Midjourney job (U1, V2, zoom-2x, vary-region with a mask, …)."""
        parent = self.find(job_id)
        if parent.family != Family.MIDJOURNEY or parent.state is not JobState.DONE or not parent.remote_id:
            raise InputError(f"Job {parent.id} is not a finished Midjourney job.")
        buttons = [MjButton(b["customId"], b.get("label", ""), b.get("emoji", ""))
                   for b in parent.metadata.get("buttons") or []]
        chosen = find_button(buttons, button)
        mask_input = check_image(mask) if mask else None
        if chosen.name == "vary-region" and mask_input is None:
            raise InputError("Vary (Region) needs a mask: --mask PATH (white where the picture should change).")
        request: MidjourneyRequest = {
            "action": "action", "mode": parent.request.get("mode"), "task_id": parent.remote_id,
            "custom_id": chosen.custom_id, "button": chosen.name or chosen.text, "parent_job": parent.id,
        }
        if prompt:
            request["modal_prompt"] = prompt
        if chosen.name in MODAL_BUTTONS:
            request["modal"] = True
        label = f"{chosen.name or chosen.text} · {parent.prompt}"
        choice = FamilyChoice(Family.MIDJOURNEY, "Midjourney button")
        return self._save("mj", choice, parent.profile, parent.model, prompt or parent.prompt, request,
                          [], mask_input, label=label)

    def _save(self, capability: str, choice: FamilyChoice, profile: str, model: str, prompt: str,
              request: Mapping[str, Any], inputs: Sequence[InputFile], mask: InputFile | None = None,
              *, label: str | None = None) -> Job:
        folder = self._paths.library / "inputs" / uuid.uuid4().hex[:12]
        saved = [self._copy(f, folder, i) for i, f in enumerate(inputs)]
        full: dict[str, Any] = dict(request)  # the family's typed request, plus the input files copied for it
        if saved:
            full["images"] = saved
        if mask is not None:
            full["mask"] = self._copy(mask, folder, len(inputs), stem="mask")
        metadata: dict[str, Any] = {"family_reason": choice.reason}
        if label:
            metadata["label"] = label
        return self.store.create(capability=capability, family=str(choice.family), profile=profile, model=model,
                                 prompt=prompt, request=full, metadata=metadata)

    def _copy(self, item: InputFile, folder: Path, index: int, stem: str | None = None) -> SavedInput:
        target = folder / f"{index}-{stem or 'input'}{item.path.suffix.lower() or '.bin'}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(item.path, target)
        except OSError as exc:
            target.unlink(missing_ok=True)
            if is_no_room(exc):
                raise disk_full(folder, item.size) from None
            reason = exc.strerror or exc
            raise StudioError(f"{item.filename} could not be copied into the library ({reason}).") from None
        return {"path": target.relative_to(self._paths.root).as_posix(), "name": item.filename,
                "mime": item.mime}

    # -- finding -----------------------------------------------------------------------------------

    def get(self, job_id: str) -> Job | None:
        """The job with this exact id, or None (a view showing a job that is gone shows nothing)."""
        return self.store.get(job_id)

    def recent(self, *, limit: int, states: Iterable[JobState] | None = None) -> list[Job]:
        """Jobs newest first, optionally only those in `states`."""
        return self.store.recent(states=states, limit=limit)

    def find(self, job_id: str) -> Job:
        job = self.store.find(job_id.strip())
        if job is None:
            raise InputError(f"No job has the id {job_id!r}; `studio jobs` lists them.")
        return job


#: how the request options a family may not take are named in a sentence
_OPTION_NAMES = {"n": "count above one (it makes one image per request)", "mask": "mask",
                 "references": "reference images"}


def _prompt(prompt: str) -> str:
    if not prompt or not prompt.strip():
        raise InputError("The prompt is empty.")
    return prompt.strip()


def _valid_size(size: str) -> bool:
    if size == "auto":
        return True
    width, _, height = size.lower().partition("x")
    return width.isdigit() and height.isdigit() and int(width) > 0 and int(height) > 0
