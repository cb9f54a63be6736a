"""What a dragged asset carries, and what a drop brings: one format for the whole app.

A gallery asset (or a result on a tab) is dragged as its id, in `ASSET_MIME`, plus a `file://` URL of
its file, so the file manager and other apps can take it too. A drop target reads `dropped`: for each
item, the asset id when it came from this app (the job then records which asset it used) and always
the local file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QUrl

if TYPE_CHECKING:
    from studio.gallery.store import Asset

#: the ids of the dragged assets, as a JSON list
ASSET_MIME = "application/x-relay-studio-assets"


@dataclass(frozen=True, slots=True)
class Dropped:
    path: Path
    asset_id: str | None = None
    kind: str | None = None  # the asset's kind ("image", "video", …) when it came from the gallery


def asset_mime_data(assets: Iterable[Asset]) -> QMimeData:
    items = list(assets)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(a.path)) for a in items])
    payload = [{"id": a.id, "kind": a.kind, "path": str(a.path)} for a in items]
    data.setData(ASSET_MIME, json.dumps(payload).encode("utf-8"))
    return data


def accepts(data: QMimeData) -> bool:
    """Whether a drag brings files (from this app or another)."""
    return data.hasFormat(ASSET_MIME) or any(url.isLocalFile() for url in data.urls())


def dropped(data: QMimeData) -> list[Dropped]:
    """The items of a drop: this app's assets with their ids, else the local files of its URLs."""
    if data.hasFormat(ASSET_MIME):
        try:
            payload = json.loads(bytes(data.data(ASSET_MIME).data()).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            payload = None
        if isinstance(payload, list):
            items = [Dropped(Path(str(p.get("path"))), str(p.get("id")), str(p.get("kind") or "") or None)
                     for p in payload if isinstance(p, dict) and p.get("id") and p.get("path")]
            if items:
                return items
    return [Dropped(Path(url.toLocalFile())) for url in data.urls() if url.isLocalFile()]
