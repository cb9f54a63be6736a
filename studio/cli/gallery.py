"""`studio gallery …`: list, search, show, export, delete and favorite saved assets."""

from __future__ import annotations

import argparse
import sys
import time

from studio.cli.output import note, print_json, print_table
from studio.errors import InputError
from studio.services.core import StudioCore


def _day(text: str | None, flag: str) -> float | None:
    """Local midnight of a YYYY-MM-DD date, as a timestamp."""
    if not text:
        return None
    try:
        return time.mktime(time.strptime(text, "%Y-%m-%d"))
    except ValueError:
        raise InputError(f"{flag} takes a date written YYYY-MM-DD, not {text!r}.") from None


def gallery_list(core: StudioCore, args: argparse.Namespace) -> int:
    assets = core.gallery.assets(search=args.search or None, kind=args.kind, model=args.model,
                               favorite=True if args.favorite else None, since=_day(args.since, "--since"),
                               until=_day(args.until, "--until"), extras=None if args.all_files else False,
                               limit=args.limit)
    if args.json:
        print_json([a.to_json() for a in assets])
        return 0
    rows = [[a.id, a.kind, time.strftime("%Y-%m-%d %H:%M", time.localtime(a.created_at)),
             "★" if a.favorite else "", _length(a.duration), a.model, _one_line(a.metadata.get("title"), 40),
             str(a.path)] for a in assets]
    print_table(rows, header=["ID", "KIND", "CREATED", "FAV", "LENGTH", "MODEL", "TITLE", "PATH"])
    return 0


#: a song's words in `gallery show`, as labelled there (its `tags` are its style, apart from the asset's tags)
_SONG_FIELDS = (("title", "title"), ("tags", "style"), ("clip_id", "clip id"), ("lyrics", "lyrics"))


def gallery_show(core: StudioCore, args: argparse.Namespace) -> int:
    asset = core.gallery.find(args.asset_id)
    document = asset.to_json()
    if args.json:
        print_json(document)
        return 0
    for key, value in document.items():
        if key != "metadata" and value not in (None, "", [], ()):
            sys.stdout.write(f"{key}: {value}\n")
    for key, label in _SONG_FIELDS:
        value = asset.metadata.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        lines = value.strip().splitlines()
        if len(lines) == 1:
            sys.stdout.write(f"{label}: {lines[0]}\n")
        else:  # lyrics: one line each, indented under their label
            sys.stdout.write(f"{label}:\n" + "".join(f"  {line}\n" for line in lines))
    return 0


def _length(seconds: float | None) -> str:
    """A duration as minutes and seconds (`2:05`), "" when unknown."""
    if seconds is None or not seconds >= 0:
        return ""
    whole = int(seconds + 0.5)
    return f"{whole // 60}:{whole % 60:02d}"


def _one_line(value: object, limit: int) -> str:
    """A text from the library (a relay's title) as one table cell: one line, at most `limit` characters."""
    text = " ".join(value.split()) if isinstance(value, str) else ""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def gallery_export(core: StudioCore, args: argparse.Namespace) -> int:
    asset = core.gallery.find(args.asset_id)
    written = core.gallery.export(asset.id, args.dest)
    sys.stdout.write(f"{written}\n")
    return 0


def gallery_delete(core: StudioCore, args: argparse.Namespace) -> int:
    asset = core.gallery.find(args.asset_id)
    core.gallery.delete(asset.id)
    note(f"deleted {asset.id} ({asset.path}).")
    return 0


def gallery_tag(core: StudioCore, args: argparse.Namespace) -> int:
    asset = core.gallery.find(args.asset_id)
    updated = core.gallery.set_tags(asset.id, args.tags)
    if args.json:
        print_json(updated.to_json())
    else:
        note(f"{updated.id} tags: {', '.join(updated.tags) or '(none)'}.")
    return 0


def gallery_favorite(core: StudioCore, args: argparse.Namespace) -> int:
    asset = core.gallery.find(args.asset_id)
    updated = core.gallery.set_favorite(asset.id, not args.off)
    if args.json:
        print_json(updated.to_json())
    else:
        note(f"{updated.id} {'is a favorite' if updated.favorite else 'is no longer a favorite'}.")
    return 0
