"""Keys live in the keyring or an env var; with no keyring there is one sentence and no fallback."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.backends.chainer import ChainerBackend

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


class _LowPriorityKeyring(MemoryKeyring):
    priority = 0.5  # type: ignore[assignment]  # keyring: below 1 is "not recommended"


def _plaintext_keyring(tmp_path: Path) -> KeyringBackend:
    from keyrings.alt.file import PlaintextKeyring

    ring = PlaintextKeyring()
    ring.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[misc]
    return ring


@pytest.mark.parametrize("make", [
    lambda tmp: null.Keyring(),
    lambda tmp: fail.Keyring(),
    _plaintext_keyring,
    lambda tmp: _LowPriorityKeyring(),
], ids=["null", "fail", "keyrings.alt-plaintext", "priority-0.5"])
def test_insecure_keyring_backends_count_as_no_keyring(
    make: Callable[[Path], KeyringBackend], tmp_path: Path
) -> None:
    backend = make(tmp_path)
    with _default_keyring(backend):
        store = SecretStore()
        with pytest.raises(SecretUnavailable) as err:
            store.store("main", "sk-insecure-0123456789")
        with pytest.raises(SecretUnavailable):
            store.from_keyring("main")
    assert str(err.value).count(".") == 1 and "--key-env" in str(err.value)
    assert "sk-insecure" not in str(err.value)
    assert list(tmp_path.iterdir()) == []  # nothing written, base64 or otherwise
    if isinstance(backend, _LowPriorityKeyring):
        assert backend.entries == {}


def test_a_chain_keeps_only_its_secure_members(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secure, plaintext = MemoryKeyring(), _plaintext_keyring(tmp_path)
    monkeypatch.setattr(ChainerBackend, "backends", [plaintext, secure])
    with _default_keyring(ChainerBackend()):
        SecretStore().store("main", "sk-chained-0123456789")
    assert secure.entries == {(KEYRING_SERVICE, "main"): "sk-chained-0123456789"}
    assert list(tmp_path.iterdir()) == []

    monkeypatch.setattr(ChainerBackend, "backends", [plaintext, _LowPriorityKeyring()])
    with _default_keyring(ChainerBackend()), pytest.raises(SecretUnavailable, match="--key-env"):
        SecretStore().store("main", "sk-chained-0123456789")


def test_recommended_backends_are_accepted() -> None:
    ring = MemoryKeyring()  # priority 1, like the suite's FileKeyring
    with _default_keyring(ring):
        SecretStore().store("main", "sk-fine-0123456789")
    assert ring.entries == {(KEYRING_SERVICE, "main"): "sk-fine-0123456789"}


@contextmanager
def _default_keyring(backend: KeyringBackend) -> Iterator[None]:
    import keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def test_redactor_masks_url_encoded_forms_of_a_key() -> None:
    secret = "sk-ab+cd/ef=gh ij&kl0123456789"
    redactor = Redactor()
    redactor.register(secret)
    text = f"GET /v1/x?k={quote(secret, safe='')} form k={quote_plus(secret)} raw {secret}"
    out = redactor.redact(text)
    for form in (secret, quote(secret, safe=""), quote_plus(secret), "kl0123456789"):
        assert form not in out, out
    assert out.startswith("GET /v1/x?k=***")


def test_redactor_masks_credential_query_parameters_and_keeps_signed_link_ones() -> None:
    redactor = Redactor()
    redactor.register("sk-secret123456")
    assert (redactor.redact("https://cdn.example/x.png?key=sk-secret123456&sig=abc")
            == "https://cdn.example/x.png?key=***&sig=abc")
    url = ("https://cdn.example/a.png?API_KEY=v1&Signature=s1&token=v2&X-Amz-Signature=ab12&auth=v3"
           "&Expires=99&password=v4&x-api-key=v5&apikey=v6&access_token=v7&secret=v8&Authorization=v9"
           "&api-key=v10&api_key=v11&X-Amz-Security-Token=sts1&file=sk-unknown123456&sig=zz#frag")
    out = Redactor().redact(url)
    assert out == ("https://cdn.example/a.png?API_KEY=***&Signature=s1&token=***&X-Amz-Signature=ab12"
                   "&auth=***&Expires=99&password=***&x-api-key=***&apikey=***&access_token=***&secret=***"
                   "&Authorization=***&api-key=***&api_key=***&X-Amz-Security-Token=sts1&file=sk-***"
                   "&sig=zz#frag")


def test_redactor_masks_partial_echoes_of_a_key() -> None:
    redactor = Redactor()
    redactor.register("relay-abcdef1234567890wxyz")
    redactor.register("sk-abcdef1234567890wxyz")
    out = redactor.redact("invalid key relay-abcdef1234567...; key sk-abcd****wxyz is disabled")
    assert "relay-abcdef12" not in out and "sk-abcd" not in out and "wxyz" not in out, out
    assert out.startswith("invalid key ***") and out.endswith("is disabled")
    # an ordinary text with stars or short words is left alone
    assert redactor.redact("a **bold** word and 3 *** 4, relay ok") == "a **bold** word and 3 *** 4, relay ok"
