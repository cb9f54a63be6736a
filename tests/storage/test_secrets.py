"""Keys live in the keyring or an env var; with no keyring there is one sentence and no fallback."""

from pathlib import Path

import pytest
from keyring.backends import fail

from studio.storage.secrets import KEYRING_SERVICE, Redactor, SecretStore, SecretUnavailable
from tests.support.keyrings import MemoryKeyring


def test_store_and_read_back_under_the_relaystudio_service() -> None:
    ring = MemoryKeyring()
    store = SecretStore(backend=ring)
    store.store("main", "  sk-a&b+c=d \n")
    assert ring.entries == {(KEYRING_SERVICE, "main"): "sk-a&b+c=d"}
    assert store.from_keyring("main") == "sk-a&b+c=d"


def test_no_keyring_backend_is_one_sentence_pointing_at_key_env(tmp_path: Path) -> None:
    store = SecretStore(backend=None)
    import keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(SecretUnavailable) as err:
            store.store("main", "sk-whatever")
    finally:
        keyring.set_keyring(previous)
    assert "--key-env" in str(err.value)
    assert "sk-whatever" not in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_env_key_missing_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MY_RELAY_KEY", raising=False)
    with pytest.raises(SecretUnavailable, match="MY_RELAY_KEY"):
        SecretStore().from_env("MY_RELAY_KEY")


def test_redactor_scrubs_registered_keys_and_bearer_shapes() -> None:
    redactor = Redactor()
    redactor.register("zz-custom-secret-value")
    text = "sent zz-custom-secret-value and Authorization: Bearer abcdef123456 and sk-live0123456789"
    out = redactor.redact(text)
    assert "zz-custom-secret-value" not in out
    assert "abcdef123456" not in out
    assert "sk-live0123456789" not in out
