"""Suno through chat completions end to end: JobService and the runner against the relay test server's Suno
chat answers (docs/PROTOCOLS.md#suno-through-chat, tests/relay/suno_chat.py): both songs with their covers,
videos and details, links as markdown, bare URLs or HTML, an answer that stops inside a link, an answer
with no link, a timeout, a stream cut before or after the first song, and the bad input refused first."""

from __future__ import annotations

import av
import pytest

from studio.api.families import spec_for
from studio.api.suno_chat import parse_reply
from studio.errors import InputError
from studio.jobs.model import Job, JobState
from studio.services.core import StudioCore
from tests.jobs.conftest import bodies, finish, one_sentence, use_case
from tests.relay import RelayServer, suno_chat

ROUTE = "/chat/completions"


def _done_songs(studio: StudioCore, job: Job, songs: int = 2) -> None:
    assert job.state is JobState.DONE, job.error
    assets = sorted(studio.gallery.for_job(job.id), key=lambda a: a.result_index or 0)
    assert [a.kind for a in assets] == ["audio", "image", "video"] * songs
    for asset in assets:
        if asset.kind == "audio":
            with av.open(str(asset.path)) as container:
                assert container.streams.audio and next(container.demux(audio=0)) is not None


def _music(studio: StudioCore, prompt: str) -> Job:
    return studio.jobs.create_music(prompt, family="chat")


def test_the_chat_family_runs_for_music_with_its_own_handler() -> None:
    spec = spec_for("music", "chat")
    assert spec is not None and spec.handler == "studio.jobs.suno_chat:SunoChatHandler" and spec.options == ()


def test_a_song_through_chat_saves_both_clips_with_their_details(studio: StudioCore, relay: RelayServer) -> None:
    job = _music(studio, "a song about the sea")
    assert (job.family, job.model, job.request) == ("chat", "suno-v3.5", {"action": "music", "mode": "chat"})
    done = finish(studio, job.id)
    _done_songs(studio, done)
    (body,) = bodies(relay, "POST", ROUTE)
    assert body["model"] == "suno-v3.5" and body["stream"] is True
    assert body["messages"][-1]["content"] == "a song about the sea"
    clips = done.metadata["clips"]
    assert [c["id"] for c in clips] == [c for c in done.metadata["clip_ids"][::3]]
    assert all(c["id"].startswith("chat-clip-") for c in clips)
    assert all((c["title"], c["tags"], c["lyrics"], c["duration"]) ==
               (suno_chat.TITLE, suno_chat.TAGS, suno_chat.LYRICS, suno_chat.DURATION) for c in clips)
    assert done.metadata["label"] == suno_chat.TITLE and "answer_cut" not in done.metadata
    assert suno_chat.INTRO.strip() in done.metadata["reply"]
    assert relay.hits(ROUTE) == 1


@pytest.mark.parametrize("style", ["bare links", "html tags"])
def test_links_as_bare_urls_or_html_are_read_too(studio: StudioCore, relay: RelayServer, style: str) -> None:
    _done_songs(studio, finish(studio, _music(studio, f"sea with {style}").id))


def test_a_plain_answer_to_a_streamed_request_is_read_the_same(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "plain-answer")
    done = finish(studio, _music(studio, "a song about the sea").id)
    _done_songs(studio, done)
    assert done.metadata["clips"][0]["title"] == suno_chat.TITLE and relay.hits(ROUTE) == 1


def test_a_clip_from_a_chat_answer_cannot_be_extended_in_one_sentence(studio: StudioCore,
                                                                       relay: RelayServer) -> None:
    done = finish(studio, _music(studio, "a song about the sea").id)
    clip = next(a for a in studio.gallery.for_job(done.id) if a.kind == "audio")
    with pytest.raises(InputError) as raised:
        studio.jobs.create_music("", lyrics="[Verse]\nmore", extend=clip.id, at=0.2)
    assert one_sentence(str(raised.value)).startswith(f"Clip {clip.id} came in a chat answer, which leaves no Suno")
    assert relay.hits("/suno/submit/music") == 0


def test_an_answer_that_stops_inside_a_link_keeps_the_whole_song(studio: StudioCore, relay: RelayServer) -> None:
    done = finish(studio, _music(studio, "only half of it").id)
    _done_songs(studio, done, songs=1)
    assert done.metadata["answer_cut"] is True


@pytest.mark.parametrize(("prompt", "sentence"), [
    ("this will fail", f"The relay did not return a song: {suno_chat.FAILURE}."),
    ("a timeout please", "The relay did not return a song: the relay gave up waiting for the song (timeout)."),
    ("nolink at all", "The relay did not return a song: the answer contains no song link."),
])
def test_an_answer_without_a_song_is_one_sentence(studio: StudioCore, relay: RelayServer, prompt: str,
                                                  sentence: str) -> None:
    failed = finish(studio, _music(studio, prompt).id)
    assert failed.state is JobState.FAILED and one_sentence(failed.error) == sentence
    assert studio.gallery.for_job(failed.id) == [] and relay.hits(ROUTE) == 1


def test_a_stream_cut_after_the_first_song_keeps_it(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "cut-stream")
    done = finish(studio, _music(studio, "a song about the sea").id)
    _done_songs(studio, done, songs=1)
    assert done.metadata["answer_cut"] is True and relay.hits(ROUTE) == 1


def test_a_stream_cut_before_any_song_is_unknown_and_never_resent(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "cut-stream")
    ended = finish(studio, _music(studio, "an early cut").id)
    assert ended.state is JobState.UNKNOWN and "stopped before it gave a song link" in one_sentence(ended.error)
    assert relay.hits(ROUTE) == 1


@pytest.mark.parametrize(("case", "words"), [
    ("no-chat-route", "The relay has no chat completions route (POST /v1/chat/completions) to ask Suno through"),
    ("html200", "so it has no chat route to ask Suno through there"),
])
def test_a_relay_without_the_route_is_one_sentence(studio: StudioCore, relay: RelayServer, case: str,
                                                   words: str) -> None:
    use_case(studio, relay, case)
    ended = finish(studio, _music(studio, "a song about the sea").id)
    assert ended.state in (JobState.FAILED, JobState.UNKNOWN) and words in one_sentence(ended.error)
    assert ended.prompt == "a song about the sea"


@pytest.mark.parametrize(("arguments", "sentence"), [
    ({"prompt": "  "}, "The prompt is empty."),
    ({"prompt": "sea", "lyrics": "[Verse]\nla"}, "Suno through chat takes only a prompt; --lyrics need"),
    ({"prompt": "sea", "tags": "pop", "instrumental": True}, "--tags, --instrumental need the Suno task routes"),
])
def test_bad_input_is_one_sentence_before_anything_is_saved(studio: StudioCore, relay: RelayServer,
                                                            arguments: dict[str, object], sentence: str) -> None:
    with pytest.raises(InputError) as raised:
        studio.jobs.create_music(family="chat", **arguments)  # type: ignore[arg-type]
    assert sentence in str(raised.value) and one_sentence(str(raised.value))
    assert studio.jobs.recent(limit=10) == [] and relay.requests == []


def test_the_reader_takes_what_a_relay_may_write() -> None:
    text = ("###🎵 歌曲名：**Rain**\n歌词:\n[Verse]\nDrip drop\n\n---\nversion 1 ID: `abcd-1`\nduration: 2:05\n"
            "style: lofi\n[cover](https://cdn.example/c1.jpeg?Expires=1&amp;Signature=a%2Bb)\n"
            "[点击听歌](https://cdn.example/song)\n---\nversion 2 ID: abcd-2\n"
            "[listen](https://cdn.example/s2.mp3) [watch video](https://cdn.example/v2)\n")
    reply = parse_reply(text)
    first, second = reply.songs
    assert (reply.title, reply.lyrics) == ("Rain", "[Verse]\nDrip drop")
    assert first.image_url == "https://cdn.example/c1.jpeg?Expires=1&Signature=a%2Bb"
    assert (first.audio_url, first.clip_id, first.duration, first.tags) == (
        "https://cdn.example/song", "abcd-1", 125.0, "lofi")
    assert (second.audio_url, second.video_url, second.clip_id) == (
        "https://cdn.example/s2.mp3", "https://cdn.example/v2", "abcd-2")
    a, b = "0f8fad5b-d9cb-469f-a165-70867728950e", "7c9e6679-7425-40de-944b-e07fc1f90ae7"
    apart = (f"ID: {a} duration: 30\nID: {b} duration: 40\n![封面](https://cdn2.suno.ai/image_{a}.jpeg) "
             f"![封面](https://cdn2.suno.ai/image_{b}.jpeg)\n[点击听歌](https://cdn1.suno.ai/{a}.mp3) "
             f"[点击听歌](https://cdn1.suno.ai/{b}.mp3)")  # covers listed apart from their songs
    assert [(c.clip_id, c.duration, c.image_url, c.audio_url) for c in parse_reply(apart).songs] == [
        (a, 30.0, f"https://cdn2.suno.ai/image_{a}.jpeg", f"https://cdn1.suno.ai/{a}.mp3"),
        (b, 40.0, f"https://cdn2.suno.ai/image_{b}.jpeg", f"https://cdn1.suno.ai/{b}.mp3")]
    params = "```\n{\"image_url\": \"https://in.example/x.mp3\"}\n```\n"  # an echoed input is no song
    assert parse_reply(params + "生成中").songs == () and parse_reply("[点击听歌](https://a/b.mp3").cut_links == 1
