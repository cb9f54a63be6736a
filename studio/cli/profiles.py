"""`studio profile …` and `studio route …`."""

from __future__ import annotations

import argparse
import getpass
import sys

from studio.cli.output import note, print_json, print_table
from studio.errors import InputError
from studio.services.core import StudioCore
from studio.services.profiles import Route
from studio.storage.secrets import PASSPHRASE_ENV


def ask_passphrase() -> str | None:
    """The encrypted key file's passphrase from the terminal; None when there is no terminal to ask on."""
    if not sys.stdin.isatty():
        return None
    return getpass.getpass("Passphrase of the encrypted key file (input hidden): ")


def _new_passphrase(core: StudioCore) -> None:
    """Open (or start) the encrypted key file before a key goes in: the passphrase from the environment,
    else from the terminal (twice for a new file)."""
    import os

    if core.profiles.key_file_unlocked():
        return
    passphrase = os.environ.get(PASSPHRASE_ENV, "")
    if not passphrase:
        if not sys.stdin.isatty():
            raise InputError(f"The encrypted key file needs a passphrase: set {PASSPHRASE_ENV} or run on a terminal.")
        passphrase = getpass.getpass("Passphrase of the encrypted key file (input hidden): ")
        if not core.profiles.key_file_exists() and getpass.getpass("The same passphrase again: ") != passphrase:
            raise InputError("The two passphrases differ.")
    core.profiles.unlock_key_file(passphrase)


def _read_key() -> str:
    if sys.stdin.isatty():
        key = getpass.getpass("API key (input hidden): ")
    else:
        key = sys.stdin.readline()
    key = key.strip()
    if not key:
        raise InputError("No API key arrived on stdin.")
    return key


def _headers(pairs: list[str]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition(":")
        if not sep or not name.strip():
            raise InputError(f"--header {pair!r} is not NAME:VALUE.")
        if name.strip().lower() == "authorization":
            raise InputError("The Authorization header comes from the profile's key; do not set it with --header.")
        headers[name.strip()] = value.strip()
    return headers


def add(core: StudioCore, args: argparse.Namespace) -> int:
    headers = _headers(args.header)
    key = _read_key() if args.key_stdin else None
    store = getattr(args, "key_store", "keyring") if key is not None else "keyring"
    if store == "file":
        _new_passphrase(core)
    existed = core.profiles.store.get(args.name) is not None
    core.relay_cache.forget(args.name)  # a new key or URL: the saved models and balance were another key's
    profile = core.profiles.add(
        args.name, args.base_url, key=key, key_env=args.key_env, proxy=args.proxy,
        headers=headers, make_default=args.default, key_store=store,
    )
    if args.json:
        print_json(profile.as_json())
    else:
        verb = "Updated" if existed else "Added"
        suffix = " (default)" if profile.is_default else ""
        kept = f", header values of {', '.join(profile.header_names)} in the keyring" if profile.header_names else ""
        source = "the encrypted key file" if profile.key_source == "file" else profile.describe_key_source()
        note(f"{verb} profile {profile.name}{suffix}: {profile.base_url}, key from {source}{kept}.")
    return 0


def list_profiles(core: StudioCore, args: argparse.Namespace) -> int:
    profiles = core.profiles.all()
    if args.json:
        print_json([p.as_json() for p in profiles])
        return 0
    if not profiles:
        note("No profiles yet; add one with `studio profile add NAME --base-url URL --key-stdin`.")
        return 0
    rows: list[tuple[str, ...]] = [
        ("*" if p.is_default else "", p.name, p.base_url, p.describe_key_source()) for p in profiles
    ]
    header: tuple[str, ...] = ("", "NAME", "BASE URL", "KEY")
    if any(p.header_names for p in profiles):  # names only: the values are in the keyring
        rows = [(*row, ", ".join(p.header_names) or "-") for row, p in zip(rows, profiles, strict=True)]
        header = (*header, "HEADERS")
    print_table(rows, header=header)
    return 0


def remove(core: StudioCore, args: argparse.Namespace) -> int:
    core.profiles.remove(args.name)
    core.relay_cache.forget(args.name)  # the window must not show its models and balance under a new profile
    if args.json:
        print_json({"name": args.name, "removed": True})
    else:
        note(f"Removed profile {args.name} and its stored key.")
    return 0


def use(core: StudioCore, args: argparse.Namespace) -> int:
    profile = core.profiles.use(args.name)
    if args.json:
        print_json(profile.as_json())
    else:
        note(f"{profile.name} is now the default profile.")
    return 0


def route_set(core: StudioCore, args: argparse.Namespace) -> int:
    route = core.profiles.set_route(args.capability, args.profile_name, args.model)
    if args.json:
        print_json({"capability": route.capability, "profile": route.profile.name, "model": route.model})
    else:
        model = f" with model {route.model}" if route.model else ""
        note(f"{route.capability} now goes to {route.profile.name}{model}.")
    return 0


def route_list(core: StudioCore, args: argparse.Namespace) -> int:
    routes = core.profiles.routes()
    entries = []
    for r in routes:
        profile = r.profile.name if isinstance(r, Route) else None
        entries.append({"capability": r.capability, "profile": profile, "model": r.model})
    if args.json:
        print_json(entries)
        return 0
    print_table(
        [(str(e["capability"]), e["profile"] or "-", e["model"] or "-") for e in entries],
        header=("CAPABILITY", "PROFILE", "MODEL"),
    )
    return 0
