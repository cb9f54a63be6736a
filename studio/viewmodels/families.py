"""Request formats and job notes in the user's words.

The core names a job's request format by its family id ("openai-images", "midjourney") and records why
it was chosen in plain English made for the CLI and the logs ("name rule mj_*", "endpoint type
image-generation"); the runner reports progress as English notes. None of that is what a creator should
read. The Image and Video tabs and the Jobs panel show a family by its short translated name
(`family_label`), the reason as a translated sentence for a tooltip or the job's details
(`reason_text`), and the runner's notes translated where their shape is known (`localized_note`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from studio.api.families import REGISTRY


def family_label(family: str, capability: str = "") -> str:
    """The short name of a request format ("Images API", "Midjourney", "Chat format"), translated; a
    family registered by a plug-in shows its own label. Never the id, unless nothing else is known."""
    names = {
        "chat": QCoreApplication.translate("Families", "Chat format"),
        "openai-images": QCoreApplication.translate("Families", "Images API"),
        "midjourney": QCoreApplication.translate("Families", "Midjourney"),
        "ideogram": QCoreApplication.translate("Families", "Ideogram"),
        "openai-video": QCoreApplication.translate("Families", "Videos API"),
        "video-generations": QCoreApplication.translate("Families", "Video generations"),
        "kling": QCoreApplication.translate("Families", "Kling"),
        "luma": QCoreApplication.translate("Families", "Luma"),
        "vidu": QCoreApplication.translate("Families", "Vidu"),
        "runway": QCoreApplication.translate("Families", "Runway"),
        "jimeng": QCoreApplication.translate("Families", "Jimeng"),
        "pika": QCoreApplication.translate("Families", "Pika"),
        "pixverse": QCoreApplication.translate("Families", "PixVerse"),
        "custom-video": QCoreApplication.translate("Families", "Custom video"),
        "suno": QCoreApplication.translate("Families", "Suno"),
        "openai-speech": QCoreApplication.translate("Families", "Speech API"),
        "openai-transcription": QCoreApplication.translate("Families", "Transcription API"),
        "udio": QCoreApplication.translate("Families", "Udio"),
        "replicate": QCoreApplication.translate("Families", "Replicate"),
    }
    if family in names:
        return names[family]
    specs = [s for s in REGISTRY if s.id == family]
    spec = next((s for s in specs if s.capability == capability), specs[0] if specs else None)
    return spec.label if spec is not None else family


def model_line(model: str, family: str, capability: str = "") -> str:
    """What a job or a form says it sends: "dall-e-3 · Images API"."""
    if not family:
        return model
    return QCoreApplication.translate("Families", "{0} · {1}").format(model, family_label(family, capability))


def _kind(capability: str) -> str:
    return {
        "image": QCoreApplication.translate("Families", "image"),
        "mj": QCoreApplication.translate("Families", "image"),
        "video": QCoreApplication.translate("Families", "video"),
        "music": QCoreApplication.translate("Families", "music"),
        "chat": QCoreApplication.translate("Families", "chat"),
    }.get(capability, capability)


def _action(action: str) -> str:
    return {
        "remix": QCoreApplication.translate("Families", "A remix"),
        "extend": QCoreApplication.translate("Families", "An extension"),
        "upscale": QCoreApplication.translate("Families", "An upscale"),
    }.get(action, action)


_ENDPOINT = re.compile(r"^endpoint type (\S+)$")
_NAME_RULE = re.compile(r"^name rule (.+)$")
_DEFAULT = re.compile(r"^default for (\S+) models$")
_WITH = re.compile(r"^the family with (\S+)$")
_OF_VIDEO = re.compile(r"^(\S+) of a finished video$")


def reason_text(reason: str, family: str = "", capability: str = "") -> str:
    """Why a job was sent in its format, as one translated sentence (for a tooltip or the details); a
    reason this function does not know is returned as it is."""
    label = family_label(family, capability) if family else QCoreApplication.translate("Families", "this format")
    if reason == "override":
        return QCoreApplication.translate("Families", "You chose {0} for this model under Format.").format(label)
    if _ENDPOINT.match(reason):
        return QCoreApplication.translate(
            "Families", "The relay's model list says this model is served through {0}.").format(label)
    if _NAME_RULE.match(reason):
        return QCoreApplication.translate(
            "Families", "{0} was chosen from the model's name; pick another under Format if the relay "
                        "expects a different one.").format(label)
    match = _DEFAULT.match(reason)
    if match:
        return QCoreApplication.translate(
            "Families", "{0} is the usual format for {1} models; pick another under Format if the relay "
                        "expects a different one.").format(label, _kind(match.group(1)))
    if reason == "Midjourney command":
        return QCoreApplication.translate("Families", "Midjourney tools (describe, blend, …) are always sent to "
                                                      "Midjourney.")
    if reason == "Midjourney button":
        return QCoreApplication.translate("Families", "A button of a Midjourney task is sent to Midjourney, like "
                                                      "the task itself.")
    if reason == "variations of an image":
        return QCoreApplication.translate("Families", "Variations of an image are made through {0}.").format(label)
    match = _WITH.match(reason)
    if match:
        return QCoreApplication.translate("Families", "{0} is the only format that offers this request.").format(label)
    if reason == "extension of a finished clip":
        return QCoreApplication.translate(
            "Families", "An extension of a song is sent in the same format as the song it continues ({0}).").format(
            label)
    match = _OF_VIDEO.match(reason)
    if match:
        return QCoreApplication.translate(
            "Families", "{0} is sent in the same format as the video it starts from ({1}).").format(
            _action(match.group(1)), label)
    return reason


def cannot_make(model: str, family: str, capability: str) -> str:
    """The sentence for a model whose format cannot make what the tab makes (`FormatCannotMake`)."""
    return QCoreApplication.translate(
        "Families", "{0} is sent as {1}, which cannot make {2}s; choose another format for it under Format, "
                    "or another model.").format(model, family_label(family), _kind(capability))


#: the runner's notes (studio/jobs/runner.py, studio/jobs/downloads.py) by shape, with their source text and the
#: code (with its argument names, in order) the runner describes them by (studio/errors.py `ErrorInfo`)
_NOTES: tuple[tuple[str, tuple[str, ...], re.Pattern[str], object], ...] = (
    ("download.progress", ("done", "total", "percent"), re.compile(r"^Downloading: (\d+) of (\d+) MB \((\d+) %\)$"),
     QT_TRANSLATE_NOOP("JobNotes", "Downloading: {0} of {1} MB ({2} %)")),
    ("download.size", ("done",), re.compile(r"^Downloading: (\d+) MB$"),
     QT_TRANSLATE_NOOP("JobNotes", "Downloading: {0} MB")),
    ("", (), re.compile(r"^The download of a result broke off; it will resume where it stopped\.$"),
     QT_TRANSLATE_NOOP("JobNotes", "The download of a result broke off; it will resume where it stopped.")),
    ("download.http", ("status",), re.compile(r"^The result link answered HTTP (\d+); it may have expired\.$"),
     QT_TRANSLATE_NOOP("JobNotes", "The result link answered HTTP {0}; it may have expired.")),
    ("download.web-page", (), re.compile(r"^The result link returned a web page instead of the file\.$"),
     QT_TRANSLATE_NOOP("JobNotes", "The result link returned a web page instead of the file.")),
    ("download.short", ("size", "expected"),
     re.compile(r"^The download stopped at (\d+) of (\d+) bytes; it will resume where it stopped\.$"),
     QT_TRANSLATE_NOOP("JobNotes", "The download stopped at {0} of {1} bytes; it will resume where it stopped.")),
    ("download.failed", (), re.compile(r"^The result could not be downloaded\.$"),
     QT_TRANSLATE_NOOP("JobNotes", "The result could not be downloaded.")),
)


#: the translation of a note declared above with QT_TRANSLATE_NOOP (lupdate finds the texts there)
_declared_note = partial(QCoreApplication.translate, "JobNotes")


def localized_note(note: str, tr: Callable[[str], str] | None = None) -> str:
    """A runner's note about a job in the user's language (through `tr`, else the "JobNotes" catalogue);
    a note of a shape not known here is returned as it is."""
    lookup = tr or _declared_note
    for _code, _names, pattern, source in _NOTES:
        match = pattern.match(note)
        if match:
            return str(lookup(str(source))).format(*match.groups())
    return note


def coded_note(code: str, args: Mapping[str, Any]) -> str | None:
    """The note the runner described as `code` and `args`, in the user's language; None for a code that is
    not one of its notes."""
    for known, names, _pattern, source in _NOTES:
        if code and code == known:
            return str(_declared_note(str(source))).format(*(args[name] for name in names))
    return None
