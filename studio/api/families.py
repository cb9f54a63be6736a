"""The family registry: which request dialect ("family") a media model speaks, declared once per family.

Relays put very different protocols behind model names: `gpt-4o-image` answers through chat
completions, `mj_imagine` through the midjourney-proxy routes, `dall-e-3` through
`/v1/images/generations`. Each family is one `FamilySpec` in `REGISTRY`: the capability it makes, the
models it claims (name rules, and the relay's `supported_endpoint_types` that select it), its job
handler, the request options it takes and the kinds of result it produces. Everything else derives
from it: the family a model speaks (`family_of`), which families can run for a capability
(`supported`), the grouping of models for pickers (`studio.api.capabilities`), the runner's handlers
(keyed by capability and family, so chat-format video can sit beside chat-format images), the CLI's
`--family` choices and the Image tab's format box. Adding a family is one `register` call here plus
its module in `api/` and its handler in `jobs/`.

The rules (docs/PROTOCOLS.md#families), in order: a per-model override (a setting, or `--family`);
the relay's endpoint types where they are specific (`image-generation`, `openai-video`; plain `openai`
says nothing about media); the families' name rules in registration order; the capability's default.
The choice and the reason for it are recorded on the job and shown: never a silent guess.

This module is data: a handler is named by its import path (`module:Class`) so the protocol layer
never imports the job layer.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from studio.errors import InputError


class Family(enum.StrEnum):
    """The built-in families' ids (a family registered later is known by its id alone)."""

    CHAT = "chat"  # media answered as text of a chat completion (docs/PROTOCOLS.md#chat-format-media)
    OPENAI_IMAGES = "openai-images"  # /v1/images/generations, /edits (docs/PROTOCOLS.md#images)
    MIDJOURNEY = "midjourney"  # midjourney-proxy (docs/PROTOCOLS.md#midjourney)
    IDEOGRAM = "ideogram"  # /ideogram/generate, remix, upscale, describe (docs/PROTOCOLS.md#ideogram)
    OPENAI_VIDEO = "openai-video"  # /v1/videos, also under a platform prefix (docs/PROTOCOLS.md#openai-videos)
    VIDEO_GENERATIONS = "video-generations"  # new-api /v1/video/generations (docs/PROTOCOLS.md#video-generations)
    KLING = "kling"
    LUMA = "luma"
    VIDU = "vidu"
    RUNWAY = "runway"
    JIMENG = "jimeng"
    PIKA = "pika"
    PIXVERSE = "pixverse"
    CUSTOM_VIDEO = "custom-video"
    SUNO = "suno"
    UDIO = "udio"
    OPENAI_SPEECH = "openai-speech"  # /v1/audio/speech (docs/PROTOCOLS.md#speech)
    OPENAI_TRANSCRIPTION = "openai-transcription"  # /v1/audio/transcriptions (docs/PROTOCOLS.md#transcription)


@dataclass(frozen=True, slots=True)
class FamilySpec:
    """One family as it serves one capability (`chat` serves `image` and `video` with two specs)."""

    id: str
    #: what its jobs make (the job's capability, and the picker group of the models it claims)
    capability: str
    #: its name in pickers (the GUI translates the built-in ones)
    label: str
    #: (rule as shown to the user, regular expression on the lower-case model id)
    names: tuple[tuple[str, str], ...] = ()
    #: the relay's `supported_endpoint_types` that select it
    endpoint_types: tuple[str, ...] = ()
    #: its `FamilyHandler`, as `module:Class`; None while this build cannot run it
    handler: str | None = None
    #: the request options it takes ("n", "size", "quality", "mask", "references", "mode", …)
    options: tuple[str, ...] = ()
    #: the kinds of result it produces ("image", "video", "audio", "text")
    results: tuple[str, ...] = ()
    #: other capabilities whose models may speak it (a Midjourney model picked in the Image tab)
    offered_for: tuple[str, ...] = ()
    #: the family "other models" of `capability` speak
    default: bool = False
    #: requests it takes on one input image besides making one from a prompt (Ideogram's "describe",
    #: "upscale"): `studio image --action NAME --edit IMAGE`, saved as `request["action"]`
    actions: tuple[str, ...] = ()
    #: whether its name rules also say which picker group a model is in; False for rules that only say
    #: how a model is called once it is used for this capability (`owner/name` is also how
    #: OpenRouter-style relays name chat models: they must stay in the Chat tab)
    groups: bool = True
    #: the values an option may take where the family allows only some ("seconds": ("4", "8", "12"),
    #: "aspect": ("16:9", "9:16", "1:1"), "mode": ("std", "pro")); an option not listed takes any value
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: the input picture formats it takes (others are re-encoded before the job is saved), and the
    #: longest side it takes (larger pictures are scaled down); None: any size
    frame_formats: tuple[str, ...] = ("image/png", "image/jpeg", "image/webp")
    frame_max_side: int | None = None
    #: narrower choices for some of its models: (regular expression on the lower-case model id, choices
    #: that replace the family's for the options they name); the first rule that matches applies
    model_choices: tuple[tuple[str, dict[str, tuple[str, ...]]], ...] = ()
    patterns: tuple[tuple[str, re.Pattern[str]], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "patterns", tuple((shown, re.compile(rx)) for shown, rx in self.names))

    @property
    def runnable(self) -> bool:
        return self.handler is not None

    def choices_for(self, model: str) -> dict[str, tuple[str, ...]]:
        """The values each option may take for `model` (`choices`, narrowed by `model_choices`)."""
        name = model.lower()
        narrower = next((rule for pattern, rule in self.model_choices if re.search(pattern, name)), {})
        return {**self.choices, **narrower}

    def serves(self, capability: str) -> bool:
        return capability == self.capability or capability in self.offered_for


@dataclass(frozen=True, slots=True)
class FamilyChoice:
    family: str
    reason: str  # why: "override", "endpoint type image-generation", "name rule *-image", …

    def as_dict(self) -> dict[str, str]:
        return {"family": self.family, "reason": self.reason}


REGISTRY: list[FamilySpec] = []


def register(spec: FamilySpec) -> FamilySpec:
    """Add a family (or replace the one with its id and capability); name rules keep registration order."""
    unregister(spec.id, spec.capability)
    REGISTRY.append(spec)
    return spec


def unregister(family: str, capability: str) -> None:
    REGISTRY[:] = [s for s in REGISTRY if (s.id, s.capability) != (family, capability)]


def spec_for(capability: str, family: str) -> FamilySpec | None:
    """The spec that runs `family` jobs of `capability` (its own, or one offered for it)."""
    return (next((s for s in REGISTRY if s.id == family and s.capability == capability), None)
            or next((s for s in REGISTRY if s.id == family and s.serves(capability)), None))


def supported(capability: str) -> list[FamilySpec]:
    """The families this build can run for `capability`, in registration order."""
    seen: set[str] = set()
    found = []
    for spec in REGISTRY:
        if spec.runnable and spec.serves(capability) and spec.id not in seen:
            seen.add(spec.id)
            found.append(spec)
    return found


def runnable() -> list[FamilySpec]:
    """Every spec with a handler: what the job runner is built from."""
    return [s for s in REGISTRY if s.runnable]


def actions(capability: str) -> list[str]:
    """Every extra request (`FamilySpec.actions`) a family that runs for `capability` takes."""
    return list(dict.fromkeys(a for spec in supported(capability) for a in spec.actions))


def family_ids() -> list[str]:
    return list(dict.fromkeys(s.id for s in REGISTRY))


def parse_family(text: str) -> str:
    """A `--family` value or a saved override; one sentence when it names nothing known."""
    name = text.strip().lower()
    if name not in family_ids():
        raise InputError(f"Unknown family {text!r}; choose one of {', '.join(family_ids())}.")
    return name


def claimed_by_name(model: str, *, grouping: bool = False) -> tuple[FamilySpec, str] | None:
    """The first family whose name rules claim `model`, with the rule that did; `grouping`: only the
    families whose rules also decide a model's picker group."""
    name = model.lower()
    for spec in REGISTRY:
        if grouping and not spec.groups:
            continue
        for shown, pattern in spec.patterns:
            if pattern.search(name):
                return spec, shown
    return None


def family_of(model: str, capability: str, endpoint_types: Iterable[str] = (),
              override: str | None = None) -> FamilyChoice:
    """The family `model` speaks for `capability` ("image", "video", "music", …)."""
    if override:
        return FamilyChoice(parse_family(str(override)), "override")
    for endpoint in endpoint_types:
        wanted = str(endpoint).lower()
        spec = next((s for s in REGISTRY if wanted in s.endpoint_types), None)
        if spec is not None:
            return FamilyChoice(spec.id, f"endpoint type {endpoint}")
    claimed = claimed_by_name(model)
    if claimed is not None:
        return FamilyChoice(claimed[0].id, f"name rule {claimed[1]}")
    default = next((s for s in REGISTRY if s.default and s.capability == capability), None)
    return FamilyChoice(default.id if default else Family.CHAT, f"default for {capability} models")


_IMAGE_OPTIONS = ("n", "size", "quality", "mask", "references", "variation")

for _spec in (
    FamilySpec(Family.MIDJOURNEY, "mj", "Midjourney", names=(("mj_*", r"^(mj[_-]|midjourney|niji)"),),
               handler="studio.jobs.midjourney:MidjourneyHandler", options=("mode", "references"),
               results=("image", "text"), offered_for=("image",), default=True),
    # video (docs/PROTOCOLS.md#video): `*-video` answers through chat; the vendor prefixes; the generic
    # route for the rest. Options: "image" (start frame), "end_image", "seconds", "size", "aspect",
    # "ratio", "negative_prompt", "mode", "cfg_scale", "loop"; "remix"/"extend"/"upscale" of a finished video
    FamilySpec(Family.CHAT, "video", "Chat format", names=(("*-video", r"[_-]video$"),),
               handler="studio.jobs.images:ChatVideoHandler", options=("image",), results=("video", "image")),
    FamilySpec(Family.OPENAI_VIDEO, "video", "Videos API (/v1/videos)", names=(("sora*", r"^sora"),),
               endpoint_types=("openai-video",), handler="studio.jobs.videos:OpenAIVideoHandler",
               options=("image", "seconds", "size", "remix"),
               choices={"seconds": ("4", "8", "12"), "size": ("720x1280", "1280x720", "1024x1792", "1792x1024")},
               # the portrait and landscape 1024x1792 sizes are sora-2-pro's (new-api refuses them for sora-2)
               model_choices=((r"^sora-2$", {"size": ("720x1280", "1280x720")}),), results=("video",)),
    FamilySpec(Family.KLING, "video", "Kling", names=(("kling*", r"^kling"),),
               handler="studio.jobs.kling_video:KlingVideoHandler",
               options=("image", "end_image", "seconds", "aspect", "negative_prompt", "mode", "cfg_scale"),
               choices={"seconds": ("5", "10"), "aspect": ("16:9", "9:16", "1:1"), "mode": ("std", "pro")},
               frame_formats=("image/png", "image/jpeg"), frame_max_side=4096, results=("video",)),
    FamilySpec(Family.LUMA, "video", "Luma", names=(("luma*", r"^luma"),), handler="studio.jobs.luma:LumaHandler",
               options=("image", "end_image", "loop", "extend"), frame_formats=("image/png", "image/jpeg"),
               results=("video",)),
    FamilySpec(Family.VIDU, "video", "Vidu", names=(("vidu*", r"^vidu"),), handler="studio.jobs.vidu:ViduHandler",
               options=("image", "seconds", "aspect", "upscale"),
               choices={"seconds": ("4", "8"), "aspect": ("16:9", "9:16", "1:1")},
               frame_formats=("image/png", "image/jpeg"), results=("video",)),
    FamilySpec(Family.RUNWAY, "video", "Runway", names=(("runway*, gen3*, gen4*", r"^(runway|gen-?[34])"),),
               handler="studio.jobs.runway:RunwayHandler", options=("image", "end_image", "seconds", "ratio"),
               choices={"seconds": ("5", "10"), "ratio": ("1280:768", "768:1280", "1280:720", "720:1280")},
               frame_formats=("image/png", "image/jpeg"), results=("video",)),
    FamilySpec(Family.JIMENG, "video", "Jimeng", names=(("jimeng*", r"^jimeng"),),
               handler="studio.jobs.jimeng:JimengHandler", options=("image", "aspect"),
               choices={"aspect": ("16:9", "9:16", "1:1", "4:3", "3:4", "21:9")},
               frame_formats=("image/png", "image/jpeg"), results=("video",)),
    FamilySpec(Family.PIKA, "video", "Pika", names=(("pika*", r"^pika"),), handler="studio.jobs.pika:PikaHandler",
               options=("image", "aspect", "negative_prompt"), frame_formats=("image/png", "image/jpeg"),
               results=("video",)),
    FamilySpec(Family.PIXVERSE, "video", "PixVerse", names=(("pixverse*", r"^pixverse"),),
               handler="studio.jobs.pixverse:PixverseHandler", options=("image", "aspect", "seconds", "extend"),
               choices={"seconds": ("5", "8"), "aspect": ("16:9", "9:16", "1:1", "4:3", "3:4")},
               frame_formats=("image/png", "image/jpeg"), results=("video",)),
    FamilySpec(Family.CUSTOM_VIDEO, "video", "Custom video (/custom_video)",
               handler="studio.jobs.custom_video:CustomVideoHandler", options=(), results=("video",)),
    FamilySpec(Family.VIDEO_GENERATIONS, "video", "Video generations (/v1/video/generations)", default=True,
               handler="studio.jobs.video_generations:VideoGenerationsHandler",
               options=("image", "seconds", "size", "aspect", "negative_prompt", "mode", "cfg_scale"),
               results=("video",)),
    FamilySpec(Family.CHAT, "image", "Chat format",
               names=(("*-image", r"[_-]image$|^gpt-4o-image"),
                      ("chat-format flux/SD",
                       r"(flux|stable-diffusion|sdxl|sd[-_]?\d).*chat|chat.*(flux|stable-diffusion|sdxl)")),
               handler="studio.jobs.images:ChatMediaHandler", options=("references",), results=("image",)),
    # Suno task routes (docs/PROTOCOLS.md#suno): `suno_music` / `suno_lyrics` are the relay's route models,
    # `chirp-*` names a model version (sent as `mv`)
    FamilySpec(Family.SUNO, "music", "Suno", names=(("suno*, chirp*", r"^(suno|chirp)"),), default=True,
               handler="studio.jobs.suno:SunoHandler",
               options=("lyrics", "title", "tags", "instrumental", "extend", "version"),
               # the versions `mv` names (docs/PROTOCOLS.md#suno); a relay may take others, given by a chirp-* model
               choices={"version": ("chirp-v3-0", "chirp-v3-5", "chirp-v4", "chirp-auk")},
               results=("audio", "image", "video", "text")),
    # Suno through chat completions (docs/PROTOCOLS.md#suno-through-chat): chosen by --family chat or an
    # override only, since the same `suno-*` / `chirp-*` names also speak the task routes
    FamilySpec(Family.CHAT, "music", "Chat format (Suno)", handler="studio.jobs.suno_chat:SunoChatHandler",
               results=("audio", "image", "video")),
    # Udio task routes (docs/PROTOCOLS.md#udio): a description, lyrics or none, instrumental; no title, no extension
    FamilySpec(Family.UDIO, "music", "Udio", names=(("udio*", r"^udio"),), handler="studio.jobs.udio:UdioHandler",
               options=("lyrics", "tags", "instrumental", "version"), results=("audio", "image", "video")),
    # Kling images: claimed by the video spec's `kling*` rule, run here (docs/PROTOCOLS.md#kling-images)
    FamilySpec(Family.KLING, "image", "Kling", handler="studio.jobs.kling_images:KlingImagesHandler",
               options=("n", "size", "references"), results=("image",)),
    FamilySpec(Family.IDEOGRAM, "image", "Ideogram", names=(("ideogram*", r"^ideogram"),),
               handler="studio.jobs.ideogram:IdeogramHandler", options=("n", "size", "references"),
               results=("image", "text"), actions=("describe", "upscale")),
    # Replicate predictions: owner/name models or a version id; the output's kind depends on the model
    FamilySpec("replicate", "image", "Replicate predictions",
               names=(("owner/name", r"^[a-z0-9][a-z0-9_.-]*/[a-z0-9][a-z0-9_.-]*$"),
                      ("64-hex version id", r"^[0-9a-f]{64}$")),
               handler="studio.jobs.replicate:ReplicateHandler", options=("n", "size", "references"),
               results=("image", "video", "audio", "text"), groups=False),
    FamilySpec(Family.OPENAI_IMAGES, "image", "Images API (/v1/images)", endpoint_types=("image-generation",),
               handler="studio.jobs.images:OpenAIImagesHandler", options=_IMAGE_OPTIONS, results=("image",),
               default=True),
    # text to speech (docs/PROTOCOLS.md#speech); `instructions` is gpt-4o-mini-tts's alone
    FamilySpec(Family.OPENAI_SPEECH, "speech", "Speech (/v1/audio/speech)",
               names=(("tts-1, tts-1-hd", r"^tts-1(-hd)?\b"), ("gpt-4o-mini-tts", r"^gpt-4o(-mini)?-tts"),
                      ("*-tts", r"[_-]tts$"), ("chattts", r"^chattts")),
               handler="studio.jobs.speech:SpeechHandler", options=("voice", "format", "speed", "instructions"),
               choices={"format": ("mp3", "wav", "opus", "aac", "flac")}, results=("audio",), default=True),
    # speech to text and translation (docs/PROTOCOLS.md#transcription); subtitles need whisper's timestamps
    FamilySpec(Family.OPENAI_TRANSCRIPTION, "transcribe", "Transcription (/v1/audio/transcriptions)",
               names=(("whisper*", r"whisper"), ("gpt-4o-transcribe, gpt-4o-mini-transcribe", r"^gpt-4o.*transcribe")),
               handler="studio.jobs.transcription:TranscriptionHandler",
               options=("language", "prompt", "format", "translate"),
               choices={"format": ("text", "srt", "vtt", "json", "verbose_json")},
               model_choices=((r"^gpt-4o.*transcribe", {"format": ("text", "json")}),), results=("text",),
               default=True),
):
    register(_spec)
