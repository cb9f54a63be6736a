"""Bad input to every music family, in one place: an empty prompt, lyrics over the model's limit, and a relay
that lacks the route (its 404 ``Invalid URL``, or its web page in the route's place). Each is one sentence;
input refused before anything is saved or sent, a missing route after the job was saved, which keeps its
whole request for a retry on another relay (docs/PROTOCOLS.md#suno, #suno-through-chat, #udio)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from studio.api import suno as suno_api
from studio.api import udio as udio_api
from studio.errors import InputError
from studio.jobs.model import Job, JobState
from studio.services.core import StudioCore
from tests.jobs.conftest import finish, one_sentence, use_case
from tests.relay import RelayServer

FAMILIES = ["suno", "udio", "chat"]


def _refused(studio: StudioCore, relay: RelayServer, make: Callable[[], Job], words: str) -> None:
    with pytest.raises(InputError) as raised:
        make()
    assert words in one_sentence(str(raised.value)), raised.value
    assert studio.jobs.recent(limit=10) == [] and relay.requests == []


@pytest.mark.parametrize("family", FAMILIES)
def test_an_empty_prompt_is_one_sentence(studio: StudioCore, relay: RelayServer, family: str) -> None:
    for prompt in ("", "  \n\t"):
        _refused(studio, relay, lambda p=prompt: studio.jobs.create_music(p, family=family), "The prompt is empty")
    _refused(studio, relay, lambda: studio.jobs.create_lyrics(" "), "The prompt is empty.")


@pytest.mark.parametrize(("family", "version", "limit"), [
    ("suno", "chirp-v3-5", 3000), ("suno", "chirp-v4", 3000), ("suno", "chirp-auk", 5000),
    ("udio", "", udio_api.LYRICS_LIMIT),
])
def test_lyrics_over_the_limit_are_one_sentence_and_the_limit_itself_is_taken(
        studio: StudioCore, relay: RelayServer, family: str, version: str, limit: int) -> None:
    assert family != "suno" or suno_api.lyrics_limit(version) == limit
    words = ("la " * limit)[: limit - 1] + "a"  # exactly `limit` characters, nothing the service trims

    def make(text: str) -> Job:
        return studio.jobs.create_music("jazz", lyrics=text, family=family, version=version or None)

    _refused(studio, relay, lambda: make(words + "x"), f"The lyrics are {limit + 1} characters long;")
    _refused(studio, relay, lambda: make(words + "x"), f"takes at most {limit}")
    saved = make(words)
    assert len(saved.request["lyrics"]) == limit and relay.requests == []


def test_lyrics_through_chat_are_one_sentence_naming_the_route_that_takes_them(studio: StudioCore,
                                                                                relay: RelayServer) -> None:
    _refused(studio, relay, lambda: studio.jobs.create_music("jazz", lyrics="[Verse]\nla", family="chat"),
             "Suno through chat takes only a prompt; --lyrics need the Suno task routes (--family suno).")


_NO_ROUTE = {
    "suno": ("no-suno-route", "The relay has no Suno route (POST /suno/submit/music)"),
    "udio": ("no-udio-route", "The relay has no Udio route (POST /udio/submit/music)"),
    "chat": ("no-chat-route", "The relay has no chat completions route (POST /v1/chat/completions) to ask Suno"),
}
_WEB_PAGE = {
    "suno": "The relay answered POST /suno/submit/music with a web page, so it has no Suno route there",
    "udio": "The relay answered POST /udio/submit/music with a web page, so it has no Udio route there",
    "chat": "answered POST /v1/chat/completions with a web page, so it has no chat route to ask Suno through there",
}


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("page", [False, True], ids=["404", "web-page"])
def test_a_relay_that_lacks_the_route_is_one_sentence_naming_it(studio: StudioCore, relay: RelayServer,
                                                                 family: str, page: bool) -> None:
    case, words = _NO_ROUTE[family]
    use_case(studio, relay, "html200" if page else case)
    job = studio.jobs.create_music("a song about the sea", family=family)
    ended = finish(studio, job.id)
    assert words_in(one_sentence(ended.error), _WEB_PAGE[family] if page else words)
    # a 404 is a clear "no": failed; a web page may hide a relay that took it: unknown, never resent by itself
    assert ended.state is (JobState.UNKNOWN if page else JobState.FAILED)
    detail = ended.error_detail or {}
    described = detail["args"]["cause"] if page else detail  # a web page: "may have started", naming why
    assert described["code"] == ("route.web-page" if page else "route.missing")  # a front end keeps the sentence
    assert described["args"]["route"] in (ended.error or "")
    assert (ended.prompt, ended.request) == (job.prompt, job.request) and studio.gallery.for_job(job.id) == []


def test_a_relay_without_suno_lyrics_is_one_sentence(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "no-suno-route")
    ended = finish(studio, studio.jobs.create_lyrics("about rain").id)
    assert ended.state is JobState.FAILED
    assert "The relay has no Suno route (POST /suno/submit/lyrics)" in one_sentence(ended.error)


def words_in(sentence: str, words: str) -> bool:
    assert words in sentence, sentence
    return True
