"""After a full run of every command, including failures, the key is nowhere on disk or in output."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CliRunner
from tests.relay import RelayServer

SECRET = "sk-leakcheck-0123456789abcdef"
#: the value of a custom credential header (`--header "x-api-key: …"`): a secret like the key
HEADER_SECRET = "hdr-leakcheck-9876543210fedcba"


def test_key_never_appears_in_data_dir_logs_or_messages(
    cli: CliRunner, studio_home: Path, tmp_path: Path
) -> None:
    outputs: list[str] = []

    def run(*args: str, **kw: object) -> None:
        result = cli(*args, **kw)  # type: ignore[arg-type]
        outputs.extend([result.stdout, result.stderr])

    with RelayServer(valid_key=SECRET) as relay:
        run("profile", "add", "ring", "--base-url", relay.url + "/v1", "--key-stdin", input=SECRET + "\n")
        run("profile", "add", "envkey", "--base-url", relay.url, "--key-env", "LEAK_KEY",
            env={"LEAK_KEY": SECRET})
        run("profile", "add", "hdr", "--base-url", relay.url, "--key-env", "LEAK_KEY",
            "--header", f"x-api-key: {HEADER_SECRET}", env={"LEAK_KEY": SECRET})
        env = {"LEAK_KEY": SECRET}
        for profile in ("ring", "envkey", "hdr"):
            run("models", "--profile", profile, env=env)
            run("balance", "--profile", profile, "--json", env=env)
            run("chat", "hi", "-m", "gpt-4o", "--profile", profile, env=env)
            run("chat", "hi", "-m", "case-cut-stream", "--profile", profile, env=env)
            run("chat", "hi", "-m", "case-midstream-error", "--profile", profile, env=env)
            run("chat", "hi", "-m", "case-html502", "--profile", profile, env=env)
            run("chat", "hi", "-m", "claude-3-5-sonnet", "--api", "claude", "--profile", profile, env=env)
        # a relay that puts the key in its result links: stored and printed masked, downloaded as given
        run("profile", "add", "keyed", "--base-url", relay.url + "/case/image-keyed", "--key-env", "LEAK_KEY",
            env={"LEAK_KEY": SECRET})
        made = cli("image", "a fox", "-m", "dall-e-3", "--profile", "keyed", "--json", env=env)
        outputs.extend([made.stdout, made.stderr])
        assert made.returncode == 0, made.stderr
        assert any(SECRET in r.query for r in relay.requests if r.path.startswith("/files/"))
        job_id = made.stdout.split('"job_id": "')[1].split('"')[0]
        for args in (("jobs", "--json"), ("jobs", "show", job_id), ("jobs", "show", job_id, "--json"),
                     ("gallery", "--json"), ("gallery", "list")):
            run(*args)
        run("profile", "list", "--json")
        run("route", "list", "--json")
        # a wrong key must not show either
        run("chat", "hi", "-m", "gpt-4o", "--profile", "envkey", env={"LEAK_KEY": SECRET + "x"})
        assert relay.hits("/v1/chat/completions") > 5  # the run really talked to the relay
        assert any(r.headers.get("x-api-key") == HEADER_SECRET for r in relay.requests)  # and sent it
        listed = cli("profile", "list", "--json").stdout
        assert '"x-api-key"' in listed and HEADER_SECRET not in listed

    files = [p for p in studio_home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite3" for p in files) and any(p.suffix == ".log" for p in files)
    for path in files:
        assert SECRET.encode() not in path.read_bytes(), path
        assert HEADER_SECRET.encode() not in path.read_bytes(), path
    for text in outputs:
        assert SECRET not in text and HEADER_SECRET not in text
    keyring_file = tmp_path / "test-keyring.json"
    assert SECRET in keyring_file.read_text()  # it is in the (test) keyring, and only there
    assert HEADER_SECRET in keyring_file.read_text()


def test_without_a_keyring_the_key_is_encrypted_on_disk_or_kept_in_memory(
    cli: CliRunner, studio_home: Path
) -> None:
    """No OS keyring: `--key-store file` keeps the key in the encrypted key file (its passphrase from
    STUDIO_KEYFILE_PASSPHRASE, none on a terminal-less run is one sentence); a profile the window kept
    in memory is one sentence for the CLI. The key is in no file in plain text, nor in any output."""
    from studio.services.core import StudioCore
    from studio.storage.paths import DataPaths
    from studio.storage.secrets import KEY_FILE_NAME, PASSPHRASE_ENV, Redactor, SecretStore

    outputs: list[str] = []
    no_keyring = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    unlocked = {**no_keyring, PASSPHRASE_ENV: "a long passphrase"}

    def run(*args: str, env: dict[str, str], input: str | None = None, code: int = 0) -> str:
        result = cli(*args, env=env, input=input)
        outputs.extend([result.stdout, result.stderr])
        assert result.returncode == code, result.stderr
        return result.stderr

    with RelayServer(valid_key=SECRET) as relay:
        refused = run("profile", "add", "box", "--base-url", relay.url, "--key-stdin", env=no_keyring,
                      input=SECRET + "\n", code=2)
        assert "--key-store file" in refused and refused.count("\n") == 1
        needs = run("profile", "add", "box", "--base-url", relay.url, "--key-stdin", "--key-store", "file",
                    env=no_keyring, input=SECRET + "\n", code=2)
        assert PASSPHRASE_ENV in needs
        run("profile", "add", "box", "--base-url", relay.url, "--key-stdin", "--key-store", "file",
            env=unlocked, input=SECRET + "\n")
        run("chat", "hi", "-m", "gpt-4o", "--profile", "box", env=unlocked)
        run("models", "--profile", "box", env=unlocked)
        locked = run("chat", "hi", "-m", "gpt-4o", "--profile", "box", env=no_keyring, code=2)
        assert PASSPHRASE_ENV in locked and locked.count("\n") == 1
        wrong = run("models", "--profile", "box", env={**no_keyring, PASSPHRASE_ENV: "not it"}, code=2)
        assert wrong.strip() == "studio: That passphrase does not open the encrypted key file."

        # a profile whose key the window kept in memory: the CLI says how to give it the key
        core = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor()))
        try:
            core.profiles.add("window", relay.url, key=SECRET, key_store="memory")
        finally:
            core.db.close()
        gone = run("chat", "hi", "-m", "gpt-4o", "--profile", "window", env=no_keyring, code=2)
        assert "--key-stdin" in gone and gone.count("\n") == 1
        assert relay.hits("/v1/chat/completions") == 1

    assert (studio_home / KEY_FILE_NAME).is_file()
    for path in (p for p in studio_home.rglob("*") if p.is_file()):
        assert SECRET.encode() not in path.read_bytes(), path
    for text in outputs:
        assert SECRET not in text
