"""The gallery store: files in the library, rows in `assets`, one asset per job result, filters and
search, favourites and tags, delete and export."""

from __future__ import annotations

import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from studio.errors import InputError
from studio.gallery.store import Asset, GalleryStore
from studio.storage.db import Database
from tests.gallery.images import write_image

DAY = 86_400.0


def add_image(store: GalleryStore, prompt: str = "", *, size: tuple[int, int] = (64, 48), **fields: object) -> Asset:
    asset_id = str(fields.pop("asset_id", None) or store.new_id())
    path = write_image(store.new_path(asset_id, ".png"), size)
    return store.add(path=path, kind="image", mime="image/png", prompt=prompt, asset_id=asset_id, **fields)


def add_audio(store: GalleryStore, prompt: str = "", **fields: object) -> Asset:
    asset_id = store.new_id()
    path = store.new_path(asset_id, ".mp3")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"ID3" + b"\x00" * 200)
    return store.add(path=path, kind="audio", mime="audio/mpeg", prompt=prompt, asset_id=asset_id, **fields)


# -- adding and reading ------------------------------------------------------------------------------


def test_new_path_is_library_year_month_id_by_local_time(store: GalleryStore, home: Path) -> None:
    when = time.mktime((2024, 3, 15, 12, 0, 0, 0, 0, -1))
    assert store.new_path("0123456789ab", ".png", when) == home / "library" / "2024" / "03" / "0123456789ab.png"
    assert not (home / "library" / "2024").exists()
    now = time.localtime()
    assert store.new_path("abc", "jpg").parent == home / "library" / f"{now.tm_year:04d}" / f"{now.tm_mon:02d}"
    new_id = GalleryStore.new_id()
    assert len(new_id) == 12 and int(new_id, 16) >= 0
    with pytest.raises(ValueError):
        store.new_path("../escape", ".png")


def test_add_reads_size_and_image_dimensions_and_stores_a_relative_path(store: GalleryStore, db: Database,
                                                                        home: Path) -> None:
    asset = add_image(store, "a red square", size=(120, 80), model="dall-e-3", profile="main",
                      remote_url="https://cdn.example/x.png", metadata={"seed": 7, "备注": "中文"}, tags="red, square")
    assert asset.path.is_absolute() and asset.path.is_file()
    assert asset.relpath == asset.path.relative_to(home).as_posix() and asset.relpath.startswith("library/")
    assert (asset.width, asset.height, asset.size) == (120, 80, asset.path.stat().st_size)
    assert (asset.kind, asset.mime, asset.model, asset.profile) == ("image", "image/png", "dall-e-3", "main")
    assert asset.metadata == {"seed": 7, "备注": "中文"} and asset.tags == ("red", "square")
    assert asset.favorite is False and asset.job_id is None
    assert store.get(asset.id) == asset
    assert store.get("000000000000") is None
    row = db.query_one("SELECT path FROM assets WHERE id = ?", (asset.id,))
    assert row[0] == asset.relpath and "\\" not in row[0]


def test_given_dimensions_win_and_non_images_have_none(store: GalleryStore) -> None:
    given = add_image(store, size=(10, 10), width=999, height=555, duration=None)
    assert (given.width, given.height) == (999, 555)
    audio = add_audio(store, "a song", duration=61.5)
    assert (audio.width, audio.height, audio.duration, audio.size) == (None, None, 61.5, 203)


def test_a_broken_image_is_still_recorded_without_dimensions(store: GalleryStore) -> None:
    path = store.new_path("badbadbad000", ".png")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    asset = store.add(path=path, kind="image", mime="image/png", asset_id="badbadbad000")
    assert (asset.width, asset.height) == (None, None)


def test_add_refuses_files_outside_the_data_directory_and_unknown_kinds(store: GalleryStore, tmp_path: Path) -> None:
    outside = write_image(tmp_path / "elsewhere.png")
    with pytest.raises(ValueError, match="not inside the data directory"):
        store.add(path=outside, kind="image", mime="image/png")
    inside = write_image(store.new_path("abc", ".png"))
    with pytest.raises(ValueError):
        store.add(path=inside, kind="picture", mime="image/png")
    with pytest.raises(FileNotFoundError):
        store.add(path=store.new_path("def", ".png"), kind="image", mime="image/png")
    assert store.count() == 0


def test_to_json_has_the_design_keys(store: GalleryStore) -> None:
    asset = add_image(store, "猫", model="m", job_id="job1", result_index=0)
    data = asset.to_json()
    assert {"id", "kind", "path", "prompt", "model", "created_at", "favorite", "job_id"} <= data.keys()
    assert {"mime", "size", "width", "height", "remote_url", "tags"} <= data.keys()
    assert data["path"] == str(asset.path) and data["favorite"] is False and data["tags"] == []
    assert (data["job_id"], data["prompt"]) == ("job1", "猫")


def test_find_by_exact_id_or_unambiguous_prefix(store: GalleryStore) -> None:
    a = add_image(store, asset_id="abc123000001")
    b = add_image(store, asset_id="abc123000002")
    c = add_image(store, asset_id="ffe000000000")
    assert store.find("abc123000002") == b
    assert store.find("ff") == c
    assert store.find(" abc123000001 ") == a
    with pytest.raises(InputError, match="Several assets"):
        store.find("abc123")
    with pytest.raises(InputError, match="No asset with id '0'"):
        store.find("0")
    with pytest.raises(InputError, match="No asset"):
        store.find("%")
    with pytest.raises(InputError):
        store.find("")


def test_for_job_orders_by_result_index(store: GalleryStore) -> None:
    second = add_image(store, job_id="job1", result_index=1)
    third = add_image(store, job_id="job1", result_index=2)
    first = add_image(store, job_id="job1", result_index=0)
    add_image(store, job_id="job2", result_index=0)
    assert [a.id for a in store.for_job("job1")] == [first.id, second.id, third.id]
    assert store.for_job("nope") == []


def test_the_same_job_result_is_recorded_once(store: GalleryStore) -> None:
    first = add_image(store, "p", job_id="job1", result_index=0)
    again = add_image(store, "p", job_id="job1", result_index=0)
    assert again == first
    assert store.count() == 1
    other = add_image(store, "p", job_id="job1", result_index=1)
    loose = [add_image(store, "p", job_id="job1"), add_image(store, "p", result_index=0)]
    assert store.count() == 4 and other.id != first.id and loose[0].id != loose[1].id


def test_concurrent_adds_of_one_result_make_one_row(store: GalleryStore) -> None:
    paths = [write_image(store.new_path(f"c{i:02d}", ".png")) for i in range(16)]

    def add(path: Path) -> str:
        return store.add(path=path, kind="image", mime="image/png", job_id="job9", result_index=3,
                         asset_id=path.stem).id

    with ThreadPoolExecutor(8) as pool:
        ids = set(pool.map(add, paths))
    assert len(ids) == 1 and store.count() == 1


def test_paths_follow_a_moved_data_directory(store: GalleryStore, db: Database, home: Path, tmp_path: Path) -> None:
    asset = add_image(store, "moving")
    db.close()
    moved = tmp_path / "moved"
    shutil.move(home, moved)
    reopened = Database(moved / "studio.sqlite3")
    try:
        again = GalleryStore(reopened, moved).get(asset.id)
        assert again is not None and again.path == moved / asset.relpath and again.path.is_file()
    finally:
        reopened.close()


# -- listing, filters, search ------------------------------------------------------------------------


@pytest.fixture
def library(store: GalleryStore) -> dict[str, Asset]:
    base = time.time() - 10 * DAY
    return {
        "fox": add_image(store, "A quick brown Fox jumps", model="dall-e-3", created_at=base + 1 * DAY),
        "panda": add_image(store, "一只熊猫在竹林里吃竹子", model="flux", created_at=base + 2 * DAY,
                           tags=["动物", "cute"]),
        "city": add_image(store, "Night city skyline, neon", model="flux", created_at=base + 3 * DAY,
                          tags="cyberpunk, 夜景"),
        "song": add_audio(store, "lofi beats to study to", model="suno-v4", created_at=base + 4 * DAY),
        "pct": add_image(store, "100% pure_orange", model="dall-e-3", created_at=base + 5 * DAY),
    }


def ids(assets: list[Asset]) -> list[str]:
    return [a.id for a in assets]


def test_list_is_newest_first_and_pages(store: GalleryStore, library: dict[str, Asset]) -> None:
    order = [library[k].id for k in ("pct", "song", "city", "panda", "fox")]
    assert ids(store.assets()) == order
    assert ids(store.assets(limit=2)) == order[:2]
    assert ids(store.assets(limit=2, offset=2)) == order[2:4]
    assert store.ids() == order and store.ids(limit=3, offset=1) == order[1:4]


def test_filters(store: GalleryStore, library: dict[str, Asset]) -> None:
    assert ids(store.assets(kind="audio")) == [library["song"].id]
    assert ids(store.assets(model="flux")) == [library["city"].id, library["panda"].id]
    since = library["panda"].created_at
    until = library["song"].created_at
    assert ids(store.assets(since=since, until=until)) == [library["city"].id, library["panda"].id]
    store.set_favorite(library["fox"].id, True)
    assert ids(store.assets(favorite=True)) == [library["fox"].id]
    assert library["fox"].id not in store.ids(favorite=False) and len(store.ids(favorite=False)) == 4
    assert ids(store.assets(kind="image", model="dall-e-3", favorite=True)) == [library["fox"].id]
    assert store.assets(kind="video") == []
    with pytest.raises(InputError, match="Unknown kind"):
        store.assets(kind="picture")


@pytest.mark.parametrize(("query", "expected"), [
    ("fox", ["fox"]),
    ("QUICK BROWN", ["fox"]),  # each term must occur, case does not matter
    ("brown quick", ["fox"]),
    ("ox", ["fox"]),  # two letters: LIKE fallback
    ("熊猫", ["panda"]),  # two characters: below the trigram size
    ("熊", ["panda"]),
    ("竹林里", ["panda"]),
    ("cute", ["panda"]),  # tags are searched too
    ("夜景", ["city"]),
    ("cyberpunk neon", ["city"]),
    ("o", ["pct", "song", "city", "fox"]),
    ("100%", ["pct"]),
    ("0%", ["pct"]),  # % and _ are literal characters
    ("e_o", ["pct"]),
    ("%", ["pct"]),
    ('"quoted"', []),
    ("fox 熊猫", []),
    ("  ", ["pct", "song", "city", "panda", "fox"]),
])
def test_search(store: GalleryStore, library: dict[str, Asset], query: str, expected: list[str]) -> None:
    wanted = [library[k].id for k in expected]
    assert ids(store.assets(search=query)) == wanted
    assert store.ids(search=query) == wanted
    assert store.count(search=query) == len(wanted)


def test_a_song_is_found_by_its_title_style_and_lyrics(store: GalleryStore, db: Database) -> None:
    words = {"title": "Harbour Lights", "tags": "sea shanty, folk", "lyrics": "[Verse]\n海风吹过 the old pier",
             "duration": 131.5, "clip_id": "clip-1"}
    song = add_audio(store, "a song about the sea", metadata=words)
    cover = add_image(store, "a song about the sea", metadata=words)
    other = add_audio(store, "jazz", metadata={"title": "Blue", "tags": "jazz", "lyrics": "", "clip_id": "c"})
    plain = add_image(store, "harbour at night")
    both = [cover.id, song.id]
    for query, expected in (("harbour lights", both), ("Harbour", [plain.id, *both]),
                            ("shanty", both), ("folk sea", both), ("old pier", both), ("海风", both), ("海", both),
                            ("ie", both), ("blue", [other.id]), ("verse", both), ("131", [])):
        assert ids(store.assets(search=query)) == expected, query
        assert store.count(search=query) == len(expected)
    assert store.get(song.id) is not None and store.get(song.id).metadata == words  # type: ignore[union-attr]
    quoted = add_audio(store, "", metadata={"title": 'Say "Hi"', "lyrics": "back\\slash"})
    for query in ('"h', 'i"', "\\s", '"hi"'):  # characters the stored JSON escapes
        assert store.ids(search=query) == [quoted.id], query
    store.delete(quoted.id)
    assert store.set_tags(song.id, "mine").tags == ("mine",)  # the asset's own tags beside the song's style
    assert ids(store.assets(search="shanty")) == both and ids(store.assets(search="mine")) == [song.id]
    # metadata damaged by hand breaks no search: the row is still found by its prompt, no longer by its title
    db.execute("UPDATE assets SET metadata = '{not json' WHERE id = ?", (other.id,))
    assert store.ids(search="jazz") == [other.id] and store.ids(search="ja") == [other.id]
    assert store.ids(search="Blue") == [] and store.ids(search="lu") == []


def test_a_songs_cover_and_video_are_listed_apart_and_old_ones_without_a_role_stay_shown(
        store: GalleryStore, db: Database) -> None:
    song = add_audio(store, "a song about the sea", metadata={"title": "Harbour Lights", "clip_id": "c1"})
    cover = add_image(store, "a song about the sea", metadata={"clip_id": "c1", "role": "cover"})
    video = add_audio(store, "a song about the sea", metadata={"clip_id": "c1", "role": "clip-video"})
    old_cover = add_image(store, "a song about the sea", metadata={"title": "Harbour Lights", "clip_id": "c0"})
    plain = add_image(store, "harbour at night", metadata={"note": 'a "role" in words'})
    broken = add_image(store, "harbour too")
    db.execute("UPDATE assets SET metadata = '{\"role\": broken' WHERE id = ?", (broken.id,))
    shown = [broken.id, plain.id, old_cover.id, song.id]
    assert store.ids() == shown and store.count() == 4 and ids(store.assets()) == shown[1:]  # (damaged: left out)
    assert ids(store.assets(extras=True)) == [video.id, cover.id] and store.count(extras=True) == 2
    assert store.ids(extras=None) == [broken.id, plain.id, old_cover.id, video.id, cover.id, song.id]
    assert store.ids(search="song about") == [old_cover.id, song.id]  # one cell per clip (and the old cover)
    assert store.ids(search="Harbour Lights", extras=True) == []  # a song's words are on its audio only
    assert store.ids(kind="image", extras=True) == [cover.id]


def test_count_and_ids_agree_with_list(store: GalleryStore, library: dict[str, Asset]) -> None:
    for filters in ({}, {"kind": "image"}, {"model": "flux", "search": "city"}, {"favorite": False},
                    {"since": library["city"].created_at}, {"search": "o", "kind": "image"}):
        listed = store.assets(**filters)
        assert store.count(**filters) == len(listed)
        assert store.ids(**filters) == ids(listed)


def test_get_many_keeps_the_order_given_and_skips_missing(store: GalleryStore) -> None:
    many = [add_image(store, f"n{i}", size=(4, 4)).id for i in range(520)]  # more than one IN (…) chunk
    wanted = [many[519], "000000000000", many[3], *many[100:515]]
    assert ids(store.get_many(wanted)) == [many[519], many[3], *many[100:515]]
    assert store.get_many([]) == []


def test_models_are_distinct_and_sorted(store: GalleryStore, library: dict[str, Asset]) -> None:
    add_image(store, "no model")
    assert store.models() == ["dall-e-3", "flux", "suno-v4"]


def test_listing_uses_the_indexes(db: Database, library: dict[str, Asset]) -> None:
    for sql in ("SELECT id FROM assets ORDER BY created_at DESC, id DESC LIMIT 10",
                "SELECT id FROM assets WHERE kind = 'image' ORDER BY created_at DESC, id DESC LIMIT 10",
                "SELECT id FROM assets WHERE model = 'flux' ORDER BY created_at DESC, id DESC LIMIT 10",
                "SELECT id FROM assets WHERE favorite = 1 ORDER BY created_at DESC, id DESC LIMIT 10"):
        plan = " ".join(str(r[3]) for r in db.query("EXPLAIN QUERY PLAN " + sql))
        assert "INDEX" in plan and "TEMP B-TREE" not in plan, (sql, plan)


# -- favourites and tags -----------------------------------------------------------------------------


def test_favorite_set_and_toggle(store: GalleryStore) -> None:
    asset = add_image(store)
    assert store.set_favorite(asset.id, True).favorite is True
    assert store.set_favorite(asset.id, True).favorite is True
    assert store.toggle_favorite(asset.id).favorite is False
    assert store.toggle_favorite(asset.id).favorite is True
    for call in (lambda: store.set_favorite("000000000000", True), lambda: store.toggle_favorite("nope")):
        with pytest.raises(InputError, match="No asset with id"):
            call()


def test_tags_are_normalised_and_searchable(store: GalleryStore) -> None:
    asset = add_image(store, "plain prompt")
    updated = store.set_tags(asset.id, ["  Sunset  glow ", "sea", "SEA", "", "a,b"])
    assert updated.tags == ("Sunset glow", "sea", "a", "b")
    assert ids(store.assets(search="sunset")) == [asset.id]
    assert store.set_tags(asset.id, "beach, , dunes").tags == ("beach", "dunes")
    assert store.assets(search="sunset") == [] and ids(store.assets(search="dunes")) == [asset.id]
    assert store.set_tags(asset.id, []).tags == ()
    with pytest.raises(InputError):
        store.set_tags("000000000000", ["x"])


# -- delete and export -------------------------------------------------------------------------------


def test_delete_removes_row_file_and_thumbnails(store: GalleryStore) -> None:
    asset = add_image(store, "to be deleted")
    keep = add_image(store, "to be kept")
    for size in (96, 256):
        assert store.thumbnails.get_or_make(asset.id, asset.path, size) is not None
    store.thumbnails.get_or_make(keep.id, keep.path, 96)
    store.delete(asset.id)
    assert store.get(asset.id) is None and not asset.path.exists()
    assert store.thumbnails.get(asset.id, 96) is None and store.thumbnails.get(asset.id, 256) is None
    assert not store.thumbnails.path_for(asset.id, 96).exists()
    assert store.assets(search="deleted") == []
    assert store.thumbnails.get(keep.id, 96) is not None and keep.path.is_file()
    with pytest.raises(InputError, match="No asset with id"):
        store.delete(asset.id)


def test_delete_tolerates_a_missing_file(store: GalleryStore) -> None:
    asset = add_image(store)
    asset.path.unlink()
    store.delete(asset.id)
    assert store.count() == 0


def test_export_to_a_folder_or_a_file_and_never_over_an_existing_file(store: GalleryStore, tmp_path: Path) -> None:
    asset = add_image(store)
    out = tmp_path / "out"
    out.mkdir()
    written = store.export(asset.id, out)
    assert written == out / asset.path.name and written.read_bytes() == asset.path.read_bytes()
    named = store.export(asset.id, out / "mine.png")
    assert named == out / "mine.png" and named.read_bytes() == asset.path.read_bytes()
    (out / "taken.png").write_bytes(b"precious")
    for dest in (out, out / "taken.png"):
        with pytest.raises(InputError, match="already exists"):
            store.export(asset.id, dest)
    assert (out / "taken.png").read_bytes() == b"precious"
    with pytest.raises(InputError, match="does not exist"):
        store.export(asset.id, tmp_path / "no-such-folder" / "x.png")
    with pytest.raises(InputError, match="No asset"):
        store.export("000000000000", out)


def test_export_to_a_path_ending_in_a_separator_keeps_the_name(store: GalleryStore, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    asset = add_image(store)
    monkeypatch.chdir(tmp_path)
    assert store.export(asset.id, "./") == tmp_path / asset.path.name
