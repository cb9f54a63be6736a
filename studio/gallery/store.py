"""The gallery's library: every saved result is a file under `library/<yyyy>/<mm>/` and a row in `assets`.

Paths are stored relative to the data directory (POSIX separators), so moving the folder or pointing
`$STUDIO_HOME` somewhere else keeps the library working. A result of a job is recorded once: a resumed
download that finishes a second time gets the asset saved the first time (`job_id`, `result_index`).

Rows are read as input (a backup from another machine, a row edited by hand): an asset whose stored path
leads outside `library/`, whose id could not be a file name or whose JSON is broken is quarantined: left
out of every list with one warning, refused by id in one sentence, its file never deleted, exported or
shown.

A song's cover and video are assets of their own whose metadata names their `role` (`cover`, `clip-video`):
the song's cell shows them, so lists leave them out unless asked (`extras`); an asset from before roles were
kept has none and is listed as any other.

Search covers prompts and tags, and a song's title, style tags and lyrics (the `title`, `tags` and `lyrics`
of its metadata, kept on the song's audio only), case-insensitively, as substrings (Chinese has no spaces to
split words on): each whitespace-separated term must occur in one of them. Terms of three characters or more
use the trigram index; shorter ones cannot, and fall back to LIKE.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.errors import InputError, StudioError
from studio.gallery.thumbnails import ThumbnailCache
from studio.ids import random_hex
from studio.storage.db import Database, json_object
from studio.storage.paths import DataPaths, OutsideDataFolder, inside

if TYPE_CHECKING:
    from studio.storage.media import MediaInfo

log = logging.getLogger(__name__)

KINDS = ("image", "video", "audio", "text")


class DamagedAsset(StudioError):
    """An asset row that cannot be trusted (a path outside the library, a bad id, broken JSON)."""

#: rows fetched per `IN (…)` query, well under SQLite's bound-parameter limit
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Asset:
    id: str
    kind: str  # one of KINDS
    path: Path  # absolute, under the current data directory
    relpath: str  # as stored: relative to the data directory, POSIX separators
    mime: str
    size: int
    width: int | None
    height: int | None
    duration: float | None  # seconds
    prompt: str
    model: str
    profile: str
    job_id: str | None
    result_index: int | None
    remote_url: str | None
    created_at: float
    favorite: bool
    tags: tuple[str, ...]
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The asset as `studio gallery --json` prints it (docs/ARCHITECTURE.md#cli-contract), with extra
        keys after the required ones (`metadata`: a song's `title`, `tags`, `lyrics`, `duration`, `clip_id`)."""
        return {
            "id": self.id, "kind": self.kind, "path": str(self.path), "prompt": self.prompt, "model": self.model,
            "created_at": self.created_at, "favorite": self.favorite, "job_id": self.job_id,
            "mime": self.mime, "size": self.size, "width": self.width, "height": self.height,
            "duration": self.duration, "remote_url": self.remote_url, "tags": list(self.tags),
            "profile": self.profile, "result_index": self.result_index, "metadata": self.metadata,
        }


class GalleryStore:
    """Assets on disk and in the database. Thread-safe (the database serialises writes); Pillow is only
    imported when an image's size has to be read, PyAV when a video's or audio's duration (and a video's
    size) has to be."""

    def __init__(self, db: Database, root: Path) -> None:
        self._db = db
        self._paths = DataPaths(Path(root))
        self.root = self._paths.root
        #: the thumbnails of this library; `delete` discards an asset's thumbnails from it
        self.thumbnails = ThumbnailCache(self._paths.thumbs)
        self._quarantined: set[str] = set()  # ids of untrusted rows already reported

    @staticmethod
    def new_id() -> str:
        """Short enough to type (`studio gallery show 3f9a…`), random enough never to collide."""
        return random_hex(12)

    def new_path(self, asset_id: str, extension: str, when: float | None = None) -> Path:
        """Where a new asset's file goes: `library/<yyyy>/<mm>/<asset-id><ext>` by the local time of `when`
        (default now). Nothing is created."""
        _check_id(asset_id)
        if extension and not extension.startswith("."):
            extension = "." + extension
        moment = time.localtime(when)
        return self._paths.library / f"{moment.tm_year:04d}" / f"{moment.tm_mon:02d}" / f"{asset_id}{extension}"

    # -- adding ------------------------------------------------------------------------------------

    def add(self, *, path: Path, kind: str, mime: str, prompt: str = "", model: str = "", profile: str = "",
            job_id: str | None = None, result_index: int | None = None, remote_url: str | None = None,
            width: int | None = None, height: int | None = None, duration: float | None = None,
            tags: Iterable[str] | str = (), metadata: dict[str, Any] | None = None, asset_id: str | None = None,
            created_at: float | None = None) -> Asset:
        """Record a file that is already in place under the data directory. An image's width and height, a
        video's duration, width and height and an audio file's duration are read from the file when not
        given (none of them when it cannot be read).

        When the job's result `result_index` is already recorded, that asset is returned unchanged and
        nothing is written; if its path differs from `path`, the file at `path` is the caller's to remove.
        """
        if kind not in KINDS:
            raise ValueError(f"not an asset kind: {kind!r}")
        relpath = self._relative(Path(path))
        absolute = self.root / relpath
        size = absolute.stat().st_size
        if kind == "image" and (width is None or height is None):
            measured = _image_size(absolute)
            if measured is not None:
                width = measured[0] if width is None else width
                height = measured[1] if height is None else height
        if (kind == "video" and None in (duration, width, height)) or (kind == "audio" and duration is None):
            info = _media_info(absolute)
            if info is not None:
                duration = info.duration if duration is None else duration
                if kind == "video":  # an audio file's picture is its cover art, not its size
                    width = info.width if width is None else width
                    height = info.height if height is None else height
        asset_id = asset_id or self.new_id()
        _check_id(asset_id)
        row = (asset_id, kind, relpath, mime, size, width, height, duration, prompt, model, profile, job_id,
               result_index, remote_url, time.time() if created_at is None else created_at,
               _tags_text(_normalise_tags(tags)), json.dumps(metadata or {}, ensure_ascii=False))
        with self._db.transaction() as conn:
            if job_id is not None and result_index is not None:
                existing = conn.execute("SELECT * FROM assets WHERE job_id = ? AND result_index = ?",
                                        (job_id, result_index)).fetchone()
                if existing is not None:
                    return self._asset(existing)
            conn.execute(
                "INSERT INTO assets(id, kind, path, mime, size, width, height, duration, prompt, model, profile,"
                " job_id, result_index, remote_url, created_at, tags, metadata)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
        return self._require(asset_id)

    # -- reading -----------------------------------------------------------------------------------

    def get(self, asset_id: str) -> Asset | None:
        """The asset with this id; `DamagedAsset` (logged) when its row cannot be trusted."""
        row = self._db.query_one("SELECT * FROM assets WHERE id = ?", (asset_id,))
        return self._trusted(row) if row else None

    def find(self, prefix: str) -> Asset:
        """An asset by its id or an unambiguous prefix of it (what users type); InputError otherwise."""
        prefix = prefix.strip()
        if not prefix:
            raise InputError("Give an asset id.")
        exact = self.get(prefix)
        if exact is not None:
            return exact
        rows = self._db.query("SELECT * FROM assets WHERE id > ? ORDER BY id LIMIT 2", (prefix,))
        matches = [r for r in rows if str(r["id"]).startswith(prefix)]
        if not matches:
            raise InputError(f"No asset with id {prefix!r}.")
        if len(matches) > 1:
            raise InputError(f"Several assets have ids starting with {prefix!r}; type more of the id.")
        return self._trusted(matches[0])

    def for_job(self, job_id: str) -> list[Asset]:
        """The assets a job saved, in the order of its results."""
        rows = self._db.query("SELECT * FROM assets WHERE job_id = ?"
                              " ORDER BY result_index IS NULL, result_index, created_at, id", (job_id,))
        return self._assets(rows)

    def get_many(self, asset_ids: Sequence[str]) -> list[Asset]:
        """The assets with these ids, in the order given; ids that no longer exist are skipped."""
        found: dict[str, Asset] = {}
        for start in range(0, len(asset_ids), _CHUNK):
            chunk = list(asset_ids[start:start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            for asset in self._assets(self._db.query(f"SELECT * FROM assets WHERE id IN ({marks})", chunk)):
                found[asset.id] = asset
        return [found[i] for i in asset_ids if i in found]

    def ids(self, *, search: str | None = None, kind: str | None = None, model: str | None = None,
            since: float | None = None, until: float | None = None, favorite: bool | None = None,
            extras: bool | None = False, limit: int | None = None, offset: int = 0) -> list[str]:
        """Just the ids of `list` (same filters, same order, all of them by default): a virtualised view
        of ten thousand items holds these and fetches rows with `get_many` as they scroll into sight."""
        where, params = _filters(search, kind, model, since, until, favorite, extras)
        rows = self._db.query(f"SELECT id FROM assets{where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                              (*params, -1 if limit is None else limit, offset))
        return [r[0] for r in rows]

    def models(self) -> list[str]:
        """The distinct models of the library, for a filter box."""
        return [r[0] for r in self._db.query("SELECT DISTINCT model FROM assets WHERE model != '' ORDER BY model")]

    def assets(self, *, search: str | None = None, kind: str | None = None, model: str | None = None,
             since: float | None = None, until: float | None = None, favorite: bool | None = None,
             extras: bool | None = False, limit: int = 200, offset: int = 0) -> list[Asset]:
        """Assets, newest first. `since` is inclusive and `until` exclusive (timestamps); `favorite`
        True/False keeps only favourites / only the others; `extras` (a song's cover and video, see the module
        docstring) False leaves them out, True keeps only them, None lists everything; `search` is described in
        the module docstring."""
        where, params = _filters(search, kind, model, since, until, favorite, extras)
        rows = self._db.query(f"SELECT * FROM assets{where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                              (*params, limit, offset))
        return self._assets(rows)

    def count(self, *, search: str | None = None, kind: str | None = None, model: str | None = None,
              since: float | None = None, until: float | None = None, favorite: bool | None = None,
              extras: bool | None = False) -> int:
        where, params = _filters(search, kind, model, since, until, favorite, extras)
        return int(self._db.scalar(f"SELECT count(*) FROM assets{where}", params))

    # -- changing ----------------------------------------------------------------------------------

    def set_favorite(self, asset_id: str, value: bool) -> Asset:
        self._update(asset_id, "UPDATE assets SET favorite = ? WHERE id = ?", (int(bool(value)), asset_id))
        return self._require(asset_id)

    def toggle_favorite(self, asset_id: str) -> Asset:
        self._update(asset_id, "UPDATE assets SET favorite = 1 - favorite WHERE id = ?", (asset_id,))
        return self._require(asset_id)

    def set_tags(self, asset_id: str, tags: Iterable[str] | str) -> Asset:
        """Replace the tags. A string is split on commas; tags are trimmed, empty ones dropped and
        duplicates (ignoring case) kept once, in the order given."""
        text = _tags_text(_normalise_tags(tags))
        self._update(asset_id, "UPDATE assets SET tags = ? WHERE id = ?", (text, asset_id))
        return self._require(asset_id)

    def delete(self, asset_id: str) -> None:
        """Remove the asset's file, its thumbnails and its row. The file goes first: if it cannot be
        removed (in use, permissions) the asset stays listed rather than leaving an invisible file behind."""
        asset = self._require(asset_id)
        try:
            asset.path.unlink(missing_ok=True)
        except OSError as exc:
            raise StudioError(f"Cannot delete {asset.path}: {exc.strerror or exc}.") from exc
        try:
            self.thumbnails.discard(asset.id)
        except OSError:
            pass  # a stale thumbnail of a deleted asset is never shown again
        self._db.execute("DELETE FROM assets WHERE id = ?", (asset.id,))

    def export(self, asset_id: str, dest: Path | str) -> Path:
        """Copy the asset's file to `dest`: an existing folder (or a path ending in a separator) keeps the
        file's own name, anything else is the new file's path. An existing file is never replaced."""
        asset = self._require(asset_id)
        self._followed(asset)  # a link inside the library that leads out is not exported
        raw = str(dest)
        target = Path(dest).expanduser()
        if target.is_dir() or raw.endswith(("/", os.sep)):
            target = target / asset.path.name
        if not target.parent.is_dir():
            raise InputError(f"The folder {target.parent} does not exist.")
        try:
            source = asset.path.open("rb")
        except FileNotFoundError:
            raise StudioError(f"The file of asset {asset.id} is missing from the library ({asset.path}).") from None
        with source:
            try:
                written = target.open("xb")
            except FileExistsError:
                raise InputError(f"{target} already exists; choose another name or remove it first.") from None
            try:
                with written:
                    shutil.copyfileobj(source, written, 1024 * 1024)
            except BaseException:
                target.unlink(missing_ok=True)
                raise
        return target.absolute()

    # -- helpers -----------------------------------------------------------------------------------

    def _require(self, asset_id: str) -> Asset:
        asset = self.get(asset_id)
        if asset is None:
            raise InputError(f"No asset with id {asset_id!r}.")
        return asset

    def _update(self, asset_id: str, sql: str, params: Sequence[Any]) -> None:
        if self._db.execute(sql, params).rowcount == 0:
            raise InputError(f"No asset with id {asset_id!r}.")

    def _relative(self, path: Path) -> str:
        """`path` relative to the data directory, trying the resolved forms when a symlink (macOS
        /var → /private/var, a linked home) makes the plain paths disagree."""
        path = path.absolute()
        for candidate, root in ((path, self.root.absolute()), (path.resolve(), self.root.resolve())):
            if candidate.is_relative_to(root):
                return candidate.relative_to(root).as_posix()
        raise ValueError(f"{path} is not inside the data directory {self.root}")

    def _asset(self, r: sqlite3.Row) -> Asset:
        """The asset of a row; `DamagedAsset` when the row cannot be trusted (see the module docstring)."""
        try:
            _check_id(r["id"])
            path = inside(self.root, r["path"], "library", follow_links=False)  # as written: cheap per row
            return Asset(
                id=r["id"], kind=r["kind"], path=path, relpath=r["path"], mime=r["mime"],
                size=r["size"], width=r["width"], height=r["height"], duration=r["duration"], prompt=r["prompt"],
                model=r["model"], profile=r["profile"], job_id=r["job_id"], result_index=r["result_index"],
                remote_url=r["remote_url"], created_at=r["created_at"], favorite=bool(r["favorite"]),
                tags=tuple(t for t in r["tags"].split(",") if t), metadata=json_object(r["metadata"]),
            )
        except OutsideDataFolder:
            raise DamagedAsset(f"The saved path of asset {r['id']} points outside the library; its file was not "
                               "touched.") from None
        except (ValueError, TypeError, AttributeError):
            raise DamagedAsset(f"The saved data of asset {r['id']} is damaged; it is left alone.") from None

    def _followed(self, asset: Asset) -> Path:
        """The asset's file with symbolic links followed, refused unless it is still in the library."""
        try:
            return inside(self.root, asset.relpath, "library")
        except OutsideDataFolder:
            log.info("refused: asset %s leads outside the library through a link", asset.id)
            raise DamagedAsset(f"The saved path of asset {asset.id} points outside the library; its file was "
                               "not touched.") from None

    def _trusted(self, row: sqlite3.Row) -> Asset:
        try:
            return self._asset(row)
        except DamagedAsset as exc:
            log.info("refused: %s", exc)  # the caller says it to the user; the log keeps a record
            raise

    def _assets(self, rows: Iterable[sqlite3.Row]) -> list[Asset]:
        """The assets of `rows`, quarantining the untrusted ones (one warning each per process)."""
        assets = []
        for row in rows:
            try:
                assets.append(self._asset(row))
            except DamagedAsset as exc:
                if row["id"] not in self._quarantined:
                    self._quarantined.add(row["id"])
                    log.warning("%s", exc)
        return assets


def _filters(search: str | None, kind: str | None, model: str | None, since: float | None, until: float | None,
             favorite: bool | None, extras: bool | None = False) -> tuple[str, list[Any]]:
    """The WHERE clause shared by `list`, `count` and `ids`, so the three always agree."""
    clauses: list[str] = []
    params: list[Any] = []
    if extras is not None:  # the raw text is looked at first: most rows have no role, and are not parsed
        clauses.append(_WITH_ROLE if extras else _WITHOUT_ROLE)
    if kind is not None:
        if kind not in KINDS:
            raise InputError(f"Unknown kind {kind!r}; choose image, video, audio or text.")
        clauses.append("kind = ?")
        params.append(kind)
    if model is not None:
        clauses.append("model = ?")
        params.append(model)
    if since is not None:
        clauses.append("created_at >= ?")
        params.append(since)
    if until is not None:
        clauses.append("created_at < ?")
        params.append(until)
    if favorite is not None:
        clauses.append("favorite = 1" if favorite else "favorite = 0")  # literal: the partial index needs it
    terms = (search or "").split()
    indexed = [t for t in terms if len(t) >= 3]
    if indexed:
        clauses.append("id IN (SELECT asset_id FROM assets_fts WHERE assets_fts MATCH ?)")
        params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in indexed))
    for term in terms:
        if len(term) < 3:
            clause, values = _short_term(term)
            clauses.append(clause)
            params += values
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


#: an asset is a song's cover or video (`role` in its metadata, studio/jobs/handlers.py `clip_result_meta`);
#: metadata that is not valid JSON has no role
_ROLE = "CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.role') END"
_WITH_ROLE = f"""(metadata LIKE '%"role"%' AND {_ROLE} IS NOT NULL)"""
_WITHOUT_ROLE = f"""(metadata NOT LIKE '%"role"%' OR {_ROLE} IS NULL)"""

#: the metadata fields searched beside the prompt and tags, as the index holds them (migration 9)
_SEARCHED_META = tuple(f"json_extract(metadata, '$.{key}')" for key in ("title", "tags", "lyrics"))


def _short_term(term: str) -> tuple[str, list[Any]]:
    """The LIKE clause of a term too short for the trigram index: its prompt, tags or a song's words. The
    metadata is only parsed where its raw JSON holds the term (a quote or backslash is escaped in it, so such
    a term skips that check); metadata that is not valid JSON is skipped, never an error."""
    like = _like(term)
    words = " OR ".join(f"{field} LIKE ? ESCAPE '\\'" for field in _SEARCHED_META)
    raw = "" if '"' in term or "\\" in term else "metadata LIKE ? ESCAPE '\\' AND "
    clause = (f"(prompt LIKE ? ESCAPE '\\' OR tags LIKE ? ESCAPE '\\' OR "
              f"({raw}CASE WHEN json_valid(metadata) THEN ({words}) END))")
    return clause, [like, like, *([like] if raw else []), *[like] * len(_SEARCHED_META)]


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _normalise_tags(tags: Iterable[str] | str) -> tuple[str, ...]:
    items = [tags] if isinstance(tags, str) else tags
    seen: set[str] = set()
    result: list[str] = []
    for item in items:
        for part in item.split(","):
            tag = " ".join(part.split())
            if tag and tag.casefold() not in seen:
                seen.add(tag.casefold())
                result.append(tag)
    return tuple(result)


def _tags_text(tags: tuple[str, ...]) -> str:
    return ",".join(tags)


def _check_id(asset_id: str) -> None:
    """Ids become file names: only ASCII letters, digits and `-`, so none can leave the library folder, and
    `_` stays free to separate the id from the size in thumbnail names."""
    if not asset_id or not all(c.isascii() and (c.isalnum() or c == "-") for c in asset_id):
        raise ValueError(f"not an asset id: {asset_id!r}")


def _image_size(path: Path) -> tuple[int, int] | None:
    """Width and height from the image header (Pillow opens lazily: no pixels are decoded)."""
    from PIL import Image  # ~30 ms import: only when an image's size is not given

    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def _media_info(path: Path) -> MediaInfo | None:
    """Duration and size from a video's or audio's headers (PyAV, nothing decoded)."""
    from studio.storage.media import MediaError, probe  # ~75 ms import: only when a video or audio is added

    try:
        return probe(path)
    except MediaError:
        return None
