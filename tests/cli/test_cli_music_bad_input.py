"""Bad input to `studio music` / `studio lyrics` for every music family, as real subprocesses: an empty prompt
and lyrics over the model's limit exit 2 with one line before anything is sent; a relay that lacks the route
exits 1 with one line naming it, and the job stays listed with its request."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from studio.api.udio import LYRICS_LIMIT as UDIO_LIMIT
from tests.conftest import CliRunner
from tests.relay import RelayServer


def one_line(text: str) -> str:
    assert text.count("\n") == 1 and text.startswith("studio: ") and "Traceback" not in text, text
    return text


@pytest.mark.parametrize("family", ["suno", "udio", "chat"])
def test_an_empty_prompt_exits_2_with_one_line(studio_cli: CliRunner, relay: RelayServer, family: str) -> None:
    result = studio_cli("music", "  ", "--family", family)
    assert result.returncode == 2 and result.stdout == "" and "The prompt is empty" in one_line(result.stderr)
    assert relay.requests == [] or all("/files/" in r.path or r.path.endswith("/models") for r in relay.requests)


@pytest.mark.parametrize(("args", "limit"), [(("--family", "suno"), 3000), (("--mv", "chirp-auk"), 5000),
                                             (("--family", "udio"), UDIO_LIMIT)])
def test_lyrics_over_the_limit_exit_2_with_one_line(studio_cli: CliRunner, args: tuple[str, ...], limit: int) -> None:
    result = studio_cli("music", "jazz", "--lyrics", "-", *args, input="a" * (limit + 1))
    assert result.returncode == 2 and result.stdout == ""
    assert f"The lyrics are {limit + 1} characters long;" in one_line(result.stderr)
    assert f"at most {limit}" in result.stderr
    assert json.loads(studio_cli("jobs", "--json").stdout) == []  # nothing saved, nothing sent


@pytest.mark.parametrize(("case", "args", "words"), [
    ("no-suno-route", ("music", "sea"), "The relay has no Suno route (POST /suno/submit/music)"),
    ("no-suno-route", ("lyrics", "rain"), "The relay has no Suno route (POST /suno/submit/lyrics)"),
    ("no-udio-route", ("music", "sea", "--family", "udio"), "The relay has no Udio route (POST /udio/submit/music)"),
    ("no-chat-route", ("music", "sea", "--family", "chat"), "no chat completions route (POST /v1/chat/completions)"),
])
def test_a_relay_that_lacks_the_route_exits_1_with_one_line(case_cli: Callable[[str], CliRunner], case: str,
                                                            args: tuple[str, ...], words: str) -> None:
    cli = case_cli(case)
    result = cli(*args)
    assert result.returncode == 1 and result.stdout == "" and words in one_line(result.stderr)
    (job,) = json.loads(cli("jobs", "--json").stdout)
    assert job["state"] == "failed" and job["prompt"] == args[1]  # kept: retry it on a relay that has the route


def test_a_web_page_in_the_route_s_place_names_what_the_relay_lacks(case_cli: Callable[[str], CliRunner]) -> None:
    cli = case_cli("html200")
    result = cli("music", "sea")
    assert result.returncode == 1 and result.stdout == ""
    assert "answered POST /suno/submit/music with a web page, so it has no Suno route there" in one_line(result.stderr)
    assert json.loads(cli("jobs", "--json").stdout)[0]["state"] == "unknown"
