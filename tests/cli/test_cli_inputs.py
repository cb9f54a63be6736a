"""Bad input at the CLI's edges is one sentence and exit 2, never a traceback: base URLs that are not
http(s) web addresses, a prompt on stdin that is not UTF-8."""

from __future__ import annotations

import pytest

from tests.conftest import CliResult, CliRunner


def assert_one_sentence(result: CliResult, code: int) -> None:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("studio: ") and lines[0].endswith("."), result.stderr


@pytest.mark.parametrize("url", ["http://[::1", "not a url", "http://host:99999", "javascript:alert(1)", "ftp://x"])
def test_profile_add_refuses_a_base_url_that_is_not_a_web_address(cli: CliRunner, url: str) -> None:
    result = cli("profile", "add", "bad", "--base-url", url, "--key-env", "RELAY_KEY")
    assert_one_sentence(result, 2)
    assert "base URL" in result.stderr
    assert cli("profile", "list", "--json").stdout.strip() == "[]"
