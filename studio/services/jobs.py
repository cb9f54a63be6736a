"""Generation jobs for both front ends: check the inputs, save the job, hand it to the runner.

Everything a request needs is checked locally first (an empty prompt, a missing file, a file that is
not an image → `InputError`, nothing sent or charged). Input images are copied into the library so
the saved job can be submitted again after a restart even if the originals move. The family (which
dialect the model speaks) is chosen by `studio.api.families` and recorded on the job.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from studio.api.families import Family, FamilyChoice, actions, family_of, parse_family, runnable, spec_for, supported
from studio.api.midjourney import MODAL_BUTTONS, MODES, MjButton, find_button
from studio.errors import ErrorInfo, InputError, StudioError, error_info
from studio.ids import random_hex
from studio.jobs.model import Job, JobState
from studio.jobs.store import JobStore
from studio.services.inputs import InputFile, check_frame, check_image
from studio.storage.disk import disk_full, is_no_room

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.gallery.store import Asset, GalleryStore
    from studio.jobs.handlers import SavedInput
    from studio.jobs.images import ImageRequest
    from studio.jobs.midjourney import MidjourneyRequest
    from studio.jobs.runner import JobRunner
    from studio.jobs.video_request import VideoRequest
    from studio.services.profiles import ProfileService, Route
    from studio.storage.paths import DataPaths
    from studio.storage.settings import Settings

#: model shown on Midjourney jobs when the route names none (the relay does not need one)
MJ_DEFAULT_MODEL = "midjourney"
IMAGE_DEFAULT_MODEL = "gpt-image-1"
VIDEO_DEFAULT_MODEL = "sora-2"
#: the relay's route models for Suno songs and lyrics (new-api names its Suno channel's models so)
MUSIC_DEFAULT_MODEL = "suno_music"
LYRICS_DEFAULT_MODEL = "suno_lyrics"
#: the model shown on a Udio job when the route names none (Udio's routes take no model; `model_type` says
#: the version)
UDIO_DEFAULT_MODEL = "udio_music"
#: the model a Suno song through chat completions asks for when the route names none (Suno-API's chat name)
CHAT_MUSIC_DEFAULT_MODEL = "suno-v3.5"
SPEECH_DEFAULT_MODEL = "tts-1"
SPEECH_DEFAULT_VOICE = "alloy"
TRANSCRIBE_DEFAULT_MODEL = "whisper-1"
MAX_COUNT = 10
#: the longest clip any video family makes; more is a typo
MAX_SECONDS = 60


class FormatCannotMake(InputError):
    """The family a model was given cannot make what was asked; the fields let the GUI word it for a
    creator (studio/viewmodels/families.py `cannot_make`), the sentence is the CLI's."""

    def __init__(self, model: str, chosen: FamilyChoice, capability: str, offered: tuple[str, ...]) -> None:
        self.model, self.family, self.reason = model, str(chosen.family), chosen.reason
        self.capability, self.offered = capability, offered
        super().__init__(f"{model} speaks the {chosen.family} dialect ({chosen.reason}), which cannot make "
                         f"{capability}s; use --family with one of {', '.join(offered)}.")

    def describe(self) -> ErrorInfo | None:
        return error_info("format.cannot-make", model=self.model, family=self.family, capability=self.capability)


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
        self._runner: JobRunner | None = None
        self._runner_lock = threading.Lock()  # built from worker threads: exactly one runner, whoever asks first

    @property
    def runner_built(self) -> bool:
        return self._runner is not None

    @property
    def runner(self) -> JobRunner:
        """The job runner with every runnable family's handler, built on first use (in whichever thread)."""
        with self._runner_lock:
            if self._runner is None:
                self._runner = self._build_runner()
            return self._runner

    def discard_runner(self) -> None:
        """Forget the runner (closed by the caller): the next use builds a new one, on the loop running then."""
        with self._runner_lock:
            self._runner = None

    def _build_runner(self) -> JobRunner:
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
            raise FormatCannotMake(model, chosen, capability, tuple(str(s.id) for s in can_run))
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

    def create_music(self, prompt: str = "", *, model: str | None = None, lyrics: str | None = None,
                     title: str | None = None, tags: str | None = None, instrumental: bool = False,
                     version: str | None = None, extend: str | None = None, at: float | str | None = None,
                     family: str | None = None, profile: str | None = None) -> Job:
        """Save a song job (docs/PROTOCOLS.md#suno). Inspiration mode sends the prompt as a description;
        `lyrics`, `title` or `tags` make it custom mode. `extend`: the gallery id of a finished Suno clip
        to continue from second `at`, on the relay that made it. A Udio model (or `family="udio"`) is a Udio
        job (docs/PROTOCOLS.md#udio), `family="chat"` a Suno song through chat completions, prompt only
        (docs/PROTOCOLS.md#suno-through-chat)."""
        lyrics, title, tags = (lyrics or "").strip(), (title or "").strip(), (tags or "").strip()
        if not extend:
            route = self._profiles.resolve("music", profile=profile, model=model)
            choice = self.family_for(route.model or MUSIC_DEFAULT_MODEL, "music", family=family)
            if choice.family == Family.UDIO:
                return self._udio_music(prompt, route, choice, lyrics=lyrics, title=title, tags=tags,
                                        instrumental=instrumental, version=version, at=at)
            if choice.family == Family.CHAT:
                given = [flag for flag, value in (("--lyrics", lyrics), ("--title", title), ("--tags", tags),
                                                  ("--instrumental", instrumental), ("--mv", version), ("--at", at))
                         if value not in (None, "", False)]
                if given:
                    raise InputError(f"Suno through chat takes only a prompt; {', '.join(given)} need the Suno task "
                                     "routes (--family suno).")
                return self._save("music", choice, route.profile.name, route.model or CHAT_MUSIC_DEFAULT_MODEL,
                                  _prompt(prompt), {"action": "music", "mode": "chat"}, [])
        custom = bool(lyrics or title or tags)
        if custom and not lyrics and not instrumental:
            raise InputError("Custom mode needs lyrics (--lyrics), or --instrumental for a song without words.")
        if not custom:
            prompt = _prompt(prompt)
        if at not in (None, "") and not extend:
            raise InputError("A start time (--at) needs a clip to extend (--extend ASSET_ID).")
        request: dict[str, Any] = {"action": "music", "mode": "custom" if custom else "inspiration",
                                   "instrumental": bool(instrumental)}
        if custom:
            request.update(lyrics=lyrics, title=title, tags=tags)
        parent = self._music_source(extend, at) if extend else None
        if parent is not None:
            source_job, asset, clip_id, seconds = parent
            if profile and profile != source_job.profile:
                raise InputError(f"Clip {asset.id} was made through the profile {source_job.profile!r}; its "
                                 "extension must go to the same relay.")
            route = self._profiles.resolve("music", profile=source_job.profile, model=model or source_job.model)
            chosen = route.model or source_job.model
            choice = FamilyChoice(source_job.family, "extension of a finished clip")
            request.update(continue_clip_id=clip_id, continue_task_id=str(source_job.remote_id),
                           continue_at=seconds, source_asset=asset.id)
        else:
            chosen = route.model or MUSIC_DEFAULT_MODEL
        from studio.api.suno import lyrics_limit, version_for

        request["version"] = (version or "").strip() or version_for(chosen)
        limit = lyrics_limit(request["version"])
        if len(lyrics) > limit:
            raise InputError(f"The lyrics are {len(lyrics)} characters long; Suno {request['version']} takes at "
                             f"most {limit}.")
        shown = prompt.strip() or title or (lyrics.splitlines()[0][:200] if lyrics else "") or tags
        return self._save("music", choice, route.profile.name, chosen, shown, request, [])

    def _udio_music(self, prompt: str, route: Route, choice: FamilyChoice, *, lyrics: str, title: str, tags: str,
                    instrumental: bool, version: str | None, at: float | str | None) -> Job:
        """A Udio song job (docs/PROTOCOLS.md#udio): the prompt (or the tags) describes it, the lyrics are the
        user's, Udio's own, or none (instrumental); Udio takes no title and offers no extension here."""
        from studio.api.udio import LYRICS_LIMIT, version_for

        if title:
            raise InputError("Udio takes no title (--title); it names the song itself.")
        if at not in (None, ""):
            raise InputError("A start time (--at) needs a clip to extend (--extend ASSET_ID).")
        description = ", ".join(part for part in (prompt.strip(), tags) if part)
        if not description:
            raise InputError("The prompt is empty; Udio needs a description or style of the song, even with lyrics.")
        if instrumental and lyrics:
            raise InputError("An instrumental song has no lyrics; give --lyrics or --instrumental, not both.")
        if len(lyrics) > LYRICS_LIMIT:
            raise InputError(f"The lyrics are {len(lyrics)} characters long; Udio takes at most {LYRICS_LIMIT} here.")
        chosen = route.model or UDIO_DEFAULT_MODEL
        request: dict[str, Any] = {"action": "music", "mode": "custom" if lyrics else "inspiration",
                                   "instrumental": bool(instrumental), "lyrics": lyrics, "tags": tags,
                                   "version": (version or "").strip() or version_for(chosen)}
        return self._save("music", choice, route.profile.name, chosen, description, request, [])

    def create_lyrics(self, prompt: str, *, model: str | None = None, profile: str | None = None) -> Job:
        """Save a lyrics job: Suno writes lyrics (and a title) for the idea; the job ends with them as text."""
        prompt = _prompt(prompt)
        route = self._profiles.resolve("music", profile=profile, model=model)
        chosen = model or LYRICS_DEFAULT_MODEL
        choice = self.family_for(chosen, "music")
        return self._save("music", choice, route.profile.name, chosen, prompt, {"action": "lyrics"}, [])

    def _music_source(self, asset_id: str, at: float | str | None) -> tuple[Job, Any, str, float]:
        """The finished Suno clip an extension starts from: its job, asset, clip id and the second to start at.
        A clip saved while its sibling is still made can be extended at once (docs/JOBS.md#partial-results)."""
        asset = self.gallery.find(asset_id)
        if asset.kind != "audio":
            raise InputError(f"Asset {asset.id} is not a song; an extension starts from a finished clip.")
        job = self.store.get(asset.job_id) if asset.job_id else None
        if job is not None and job.capability == "music" and job.family == Family.CHAT:
            raise InputError(f"Clip {asset.id} came in a chat answer, which leaves no Suno task to continue; only "
                             "clips of Suno's task routes can be extended.")
        if job is not None and job.family != Family.SUNO:
            raise InputError(f"Clip {asset.id} was not made by Suno; only Suno clips can be extended.")
        if job is None or not job.remote_id:
            raise InputError(f"Clip {asset.id} was not made by a relay task this library knows, so it cannot be "
                             "extended.")
        clip_id = asset.metadata.get("clip_id")  # what its asset keeps (Result.meta); rows from before: the job's
        if not isinstance(clip_id, str) or not clip_id:
            clip_ids = job.metadata.get("clip_ids") or []
            index = asset.result_index or 0
            clip_id = str(clip_ids[index]) if index < len(clip_ids) and clip_ids[index] else ""
        if not clip_id:
            raise InputError(f"The relay gave no clip id for {asset.id}, so it cannot be extended.")
        if at in (None, ""):
            raise InputError("An extension needs the second to continue from (--at SECONDS).")
        try:
            seconds = float(str(at).strip())
        except ValueError:
            raise InputError(f"{at!r} is not a time; give the second to continue from, e.g. 30.") from None
        duration = asset.metadata.get("duration")
        if not isinstance(duration, (int, float)):
            duration = next((c.get("duration") for c in job.metadata.get("clips") or []
                             if isinstance(c, dict) and c.get("id") == clip_id), None)
        if not seconds >= 0 or (isinstance(duration, (int, float)) and seconds > duration):
            longest = f" (the clip is {duration:g} s long)" if isinstance(duration, (int, float)) else ""
            raise InputError(f"{at} s is not inside the clip{longest}.")
        return job, asset, clip_id, seconds

    def create_video(self, prompt: str, *, model: str | None = None, image: Path | str | None = None,
                     end_image: Path | str | None = None, seconds: int | str | None = None,
                     size: str | None = None, aspect: str | None = None, ratio: str | None = None,
                     negative_prompt: str | None = None, mode: str | None = None, cfg_scale: float | None = None,
                     loop: bool | None = None, remix: str | None = None, extend: str | None = None,
                     upscale: str | None = None, family: str | None = None, profile: str | None = None,
                     endpoint_types: Sequence[str] = ()) -> Job:
        """Save a video job (state `saved`); `runner.run(job.id)` sends it.

        `image` / `end_image`: the start and end frames, each a file or a gallery asset id. `remix`,
        `extend`, `upscale`: the gallery id of a finished video to start from (its family and model are
        used unless others are named). Every option is checked against the family's (`FamilySpec.options`
        and `choices`) before anything is saved: an option the family does not take is one sentence."""
        sources = [(name, value) for name, value in (("remix", remix), ("extend", extend), ("upscale", upscale))
                   if value]
        if len(sources) > 1:
            raise InputError("Remix, extend and upscale cannot be combined; choose one.")
        parent = self._video_source(*sources[0]) if sources else None
        if parent is not None and parent[0] != "upscale":
            prompt = _prompt(prompt)
        elif parent is None:
            prompt = _prompt(prompt)
        else:
            prompt = prompt.strip()
        options: dict[str, Any] = {}
        if seconds not in (None, ""):
            text = str(seconds).strip()
            if not text.isdigit() or not 1 <= int(text) <= MAX_SECONDS:
                raise InputError(f"{seconds!r} is not a length; give whole seconds from 1 to {MAX_SECONDS}.")
            options["seconds"] = str(int(text))
        if size:
            if not _valid_size(size) or size == "auto":
                raise InputError(f"{size!r} is not a size; write it as WIDTHxHEIGHT, e.g. 1280x720.")
            options["size"] = size.lower()
        for name, value in (("aspect", aspect), ("ratio", ratio)):
            if value:
                if not _valid_ratio(value):
                    raise InputError(f"{value!r} is not an aspect ratio; write it as W:H, e.g. 16:9.")
                options[name] = value.strip()
        if negative_prompt and negative_prompt.strip():
            options["negative_prompt"] = negative_prompt.strip()
        if mode:
            options["mode"] = mode.strip().lower()
        if cfg_scale is not None:
            if not 0.0 <= float(cfg_scale) <= 1.0:
                raise InputError("The prompt strength (cfg_scale) must be between 0 and 1.")
            options["cfg_scale"] = float(cfg_scale)
        if loop:
            options["loop"] = True
        start = self._frame(image) if image else None
        end = self._frame(end_image) if end_image else None
        if end is not None and start is None:
            raise InputError("An end frame needs a start frame.")

        if parent is not None:
            action, source_job, asset = parent
            if profile and profile != source_job.profile:  # the task lives on the relay that made it
                raise InputError(f"Video {asset.id} was made through the profile {source_job.profile!r}; its "
                                 f"{action} must go to the same relay.")
            if family and parse_family(family) != source_job.family:
                raise InputError(f"Video {asset.id} was made in the {source_job.family} format; its {action} "
                                 "must use the same one.")
            route = self._profiles.resolve("video", profile=source_job.profile, model=model or source_job.model)
            chosen = route.model or source_job.model
            choice = FamilyChoice(source_job.family, f"{action} of a finished video")
        else:
            route = self._profiles.resolve("video", profile=profile, model=model)
            chosen = route.model or VIDEO_DEFAULT_MODEL
            choice = self.family_for(chosen, "video", family=family, endpoint_types=endpoint_types)
        spec = spec_for("video", choice.family)
        if spec is None or not spec.runnable:
            raise InputError(f"{chosen} speaks the {choice.family} dialect, which cannot make videos.")
        wanted = list(options) + (["image"] if start else []) + (["end_image"] if end else [])
        if parent is not None:
            wanted.append(parent[0])
        refused = [name for name in wanted if name not in spec.options]
        if refused:
            names = _list(_VIDEO_OPTION_NAMES.get(r, r) for r in refused)
            raise InputError(f"{chosen} ({spec.label}) takes no {names}.")
        for name, allowed in spec.choices_for(chosen).items():
            value = options.get(name)
            if value is not None and str(value) not in allowed:
                raise InputError(f"{chosen} ({spec.label}) takes {_VIDEO_OPTION_NAMES.get(name, name)} "
                                 f"{_list(allowed, 'or')}, not {value}.")
        request: dict[str, Any] = dict(options)
        if parent is not None:
            action, source_job, asset = parent
            clip_ids = source_job.metadata.get("clip_ids") or []
            index = asset.result_index or 0
            request["source"] = {"action": action, "job_id": source_job.id, "remote_id": str(source_job.remote_id),
                                 "asset_id": asset.id,
                                 "clip_id": str(clip_ids[index]) if index < len(clip_ids) else ""}
        frames = [f for f in (start, end) if f is not None]
        prepared = self._prepare_frames(frames, spec.frame_formats, spec.frame_max_side)
        typed: VideoRequest = cast("VideoRequest", request)
        job = self._save("video", choice, route.profile.name, chosen, prompt, typed,
                         prepared[:1], end=prepared[1] if len(prepared) > 1 else None)
        for item, original in zip(prepared, frames, strict=True):
            if item is not original:
                item.path.unlink(missing_ok=True)  # the converted copy now lives in the job's inputs folder
        return job

    def create_speech(self, text: str, *, model: str | None = None, voice: str | None = None,
                      format: str | None = None, speed: float | None = None, instructions: str | None = None,
                      profile: str | None = None) -> Job:
        """Save a text-to-speech job (state `saved`); `runner.run(job.id)` sends it. A text over the model's
        input limit is sent in parts and joined into one file (studio/jobs/speech.py)."""
        from studio.api.speech import FORMATS, INSTRUCTED_MODELS, MAX_INPUT, SPEED_RANGE, VOICES

        text = (text or "").strip()
        if not text:
            raise InputError("The text to speak is empty.")
        chosen_voice = (voice or SPEECH_DEFAULT_VOICE).strip().lower()
        if chosen_voice not in VOICES:
            raise InputError(f"Unknown voice {voice!r}; choose one of {', '.join(VOICES)}.")
        fmt = (format or "mp3").strip().lower()
        if fmt not in FORMATS:
            raise InputError(f"Unknown audio format {format!r}; choose one of {', '.join(FORMATS)}.")
        if speed is not None and not SPEED_RANGE[0] <= float(speed) <= SPEED_RANGE[1]:
            raise InputError(f"The speed must be between {SPEED_RANGE[0]:g} and {SPEED_RANGE[1]:g}; 1 is normal.")
        route = self._profiles.resolve("speech", profile=profile, model=model)
        chosen = route.model or SPEECH_DEFAULT_MODEL
        if instructions and instructions.strip() and not INSTRUCTED_MODELS.search(chosen.lower()):
            raise InputError(f"{chosen} takes no instructions; only gpt-4o-mini-tts does.")
        choice = self.family_for(chosen, "speech")
        request: dict[str, Any] = {"voice": chosen_voice, "format": fmt,
                                   "speed": float(speed) if speed is not None else None,
                                   "instructions": instructions.strip() if instructions and instructions.strip()
                                   else None, "limit": MAX_INPUT}
        return self._save("speech", choice, route.profile.name, chosen, text, request, [])

    def create_transcription(self, source: Path | str, *, model: str | None = None, language: str | None = None,
                             prompt: str | None = None, format: str | None = None, translate: bool = False,
                             profile: str | None = None, upload_limit: int | None = None) -> Job:
        """Save a speech-to-text job (docs/PROTOCOLS.md#transcription) of an audio or video file, or of an audio
        or video asset's id; `translate` makes English text of any language (whisper-1). A video's sound is
        extracted first; a file over the upload limit (25 MB, or `upload_limit` bytes for a relay that takes less)
        is cut into parts by the job (docs/JOBS.md#long-transcriptions). Call in a worker thread."""
        from studio.api.subtitles import FORMATS
        from studio.api.transcription import MAX_UPLOAD, TRANSLATING_MODELS, formats_for
        from studio.jobs.transcription import MIN_UPLOAD
        from studio.services.audio_input import kept_by_path, kept_source, prepare_audio

        fmt = (format or "text").strip().lower()
        if fmt not in FORMATS:
            raise InputError(f"Unknown transcript format {format!r}; choose one of {', '.join(FORMATS)}.")
        code = (language or "").strip().lower() or None
        if code is not None and not (code.isalpha() and 2 <= len(code) <= 3):
            raise InputError(f"The language {language!r} is not an ISO-639-1 code such as en, zh or de.")
        route = self._profiles.resolve("transcribe", profile=profile, model=model)
        chosen = route.model or TRANSCRIBE_DEFAULT_MODEL
        if fmt not in formats_for(chosen):
            raise InputError(f"{chosen} gives no timestamps, so it cannot make {fmt}; choose "
                             f"{_list(formats_for(chosen))}, or whisper-1 for subtitles.")
        if translate and not TRANSLATING_MODELS.search(chosen.lower()):
            raise InputError(f"{chosen} does not translate; only whisper-1 does.")
        if translate and code:
            raise InputError("A translation is always into English; it takes no --language.")
        limit = MAX_UPLOAD if upload_limit is None else int(upload_limit)
        if not MIN_UPLOAD <= limit <= MAX_UPLOAD:
            raise InputError(f"The upload limit must be between {MIN_UPLOAD / 1024 ** 2:g} MB and "
                             f"{MAX_UPLOAD // 1024 ** 2} MB (the route's own limit).")
        choice = self.family_for(chosen, "transcribe")
        path, name, asset = self._audio_source(source)
        scratch = self._paths.root / "tmp" / f"audio-{random_hex(12)}"
        item, copied = prepare_audio(path, scratch)
        if name and not copied:
            item = InputFile(item.path, item.kind, item.mime, item.size, name=name)
        request: dict[str, Any] = {"format": fmt, "language": code, "prompt": (prompt or "").strip() or None,
                                   "translate": bool(translate), "upload_limit": limit}
        if asset is not None:  # the job is known by the asset's own name; its id names only the upload
            request["source_asset"] = asset.id
        inputs = [item]
        if kept_by_path(item):  # too large to copy: the job compresses it from its place (docs/JOBS.md)
            request["source"], inputs = kept_source(item), []
        try:
            return self._save("transcribe", choice, route.profile.name, chosen,
                              audio_name(asset) if asset is not None else Path(path).name, request, inputs)
        finally:
            if copied:
                item.path.unlink(missing_ok=True)

    def _audio_source(self, value: Path | str) -> tuple[Path, str | None, Asset | None]:
        """A file to transcribe, or the id of an audio or video asset (with the name it is uploaded by)."""
        text = str(value).strip()
        if not text:
            raise InputError("Give an audio or video file to transcribe.")
        path = Path(text).expanduser()
        if not path.exists() and "/" not in text and "\\" not in text and not path.suffix:
            asset = self.gallery.find(text)
            if asset.kind not in ("audio", "video"):
                raise InputError(f"Asset {asset.id} is not audio or video, so there is nothing to transcribe.")
            return asset.path, f"{asset.id}{asset.path.suffix}", asset
        return path, None, None

    def _frame(self, value: Path | str) -> InputFile:
        """A frame given as a file, or as the id of an image in the gallery."""
        text = str(value).strip()
        path = Path(text).expanduser()
        if not path.exists() and text and "/" not in text and "\\" not in text and not path.suffix:
            asset = self.gallery.find(text)
            if asset.kind != "image":
                raise InputError(f"Asset {asset.id} is not a picture; a frame must be one.")
            item = check_frame(asset.path)
            return InputFile(item.path, item.kind, item.mime, item.size, name=f"{asset.id}{asset.path.suffix}")
        return check_frame(path)

    def _prepare_frames(self, frames: Sequence[InputFile], formats: tuple[str, ...],
                        max_side: int | None) -> list[InputFile]:
        from studio.services.frames import convert_frame, needs_conversion

        prepared = []
        for index, item in enumerate(frames):
            if needs_conversion(item, formats, max_side):
                scratch = self._paths.root / "tmp" / f"frame-{random_hex(12)}-{index}"
                prepared.append(convert_frame(item, scratch, formats, max_side))
            else:
                prepared.append(item)
        return prepared

    def _video_source(self, action: str, asset_id: str) -> tuple[str, Job, Any]:
        asset = self.gallery.find(asset_id)
        if asset.kind != "video":
            raise InputError(f"Asset {asset.id} is not a video; {action} starts from a finished video.")
        job = self.store.get(asset.job_id) if asset.job_id else None
        if job is None or job.state not in (JobState.DONE, JobState.DONE_REMOTE_ONLY) or not job.remote_id:
            raise InputError(f"Video {asset.id} was not made by a relay task this library knows, so it cannot be "
                             f"used for {action}.")
        return action, job, asset

    def _save(self, capability: str, choice: FamilyChoice, profile: str, model: str, prompt: str,
              request: Mapping[str, Any], inputs: Sequence[InputFile], mask: InputFile | None = None,
              *, label: str | None = None, end: InputFile | None = None) -> Job:
        folder = self._paths.library / "inputs" / random_hex(12)
        saved = [self._copy(f, folder, i) for i, f in enumerate(inputs)]
        full: dict[str, Any] = dict(request)  # the family's typed request, plus the input files copied for it
        if saved:
            full["images"] = saved
        if mask is not None:
            full["mask"] = self._copy(mask, folder, len(inputs), stem="mask")
        if end is not None:
            full["end"] = self._copy(end, folder, len(inputs), stem="end")
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


_VIDEO_OPTION_NAMES = {"image": "start frame", "end_image": "end frame", "seconds": "length", "size": "size",
                      "aspect": "aspect ratio", "ratio": "ratio", "negative_prompt": "negative prompt",
                      "mode": "mode", "cfg_scale": "prompt strength", "loop": "loop", "remix": "remix",
                      "extend": "extension", "upscale": "upscale"}


#: the longest name an asset's text gives a recording made of it (the rest is cut off with "…")
AUDIO_NAME_LENGTH = 60


def audio_name(asset: Asset) -> str:
    """The name a recording from the gallery is shown by: its title (a song), else its prompt on one line; its id
    only when it has neither."""
    for text in (asset.metadata.get("title"), asset.prompt):
        line = " ".join(str(text or "").split())
        if line:
            return line if len(line) <= AUDIO_NAME_LENGTH else line[:AUDIO_NAME_LENGTH - 1].rstrip() + "…"
    return f"{asset.id}{asset.path.suffix}"


def _list(items: Iterable[str], last: str = "or") -> str:
    names = list(items)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {last} {names[-1]}"


def _valid_ratio(text: str) -> bool:
    width, sep, height = text.strip().partition(":")
    return bool(sep) and width.isdigit() and height.isdigit() and int(width) > 0 and int(height) > 0


def _prompt(prompt: str) -> str:
    if not prompt or not prompt.strip():
        raise InputError("The prompt is empty.")
    return prompt.strip()


def _valid_size(size: str) -> bool:
    if size == "auto":
        return True
    width, _, height = size.lower().partition("x")
    return width.isdigit() and height.isdigit() and int(width) > 0 and int(height) > 0
