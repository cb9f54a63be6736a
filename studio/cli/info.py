"""`studio models` and `studio balance`: what a relay offers and what is left on the key."""

from __future__ import annotations

import argparse
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from studio.api.capabilities import MODEL_GROUPS
from studio.cli.output import print_json, print_table
from studio.services.core import StudioCore

if TYPE_CHECKING:
    from studio.storage.profiles import Profile


def _profile(core: StudioCore, args: argparse.Namespace) -> Profile:
    return core.profiles.get(args.profile) if args.profile else core.profiles.default()


async def models(core: StudioCore, args: argparse.Namespace) -> int:
    # always asked (max_age 0), and saved: the window's pickers show this list at their next start
    found = await core.relay_cache.models(_profile(core, args), max_age=0.0)
    if args.search:
        needle = args.search.lower()
        found = [m for m in found if needle in m.id.lower()]
    if args.json:
        print_json([m.as_json() for m in found])
        return 0
    order = {group: i for i, group in enumerate(MODEL_GROUPS)}
    found.sort(key=lambda m: (order.get(m.capability, len(order)), m.id.lower()))
    print_table([(m.id, m.capability, m.owned_by) for m in found])
    return 0


async def balance(core: StudioCore, args: argparse.Namespace) -> int:
    result, _at = await core.relay_cache.balance(_profile(core, args), max_age=0.0)
    if args.json:
        print_json(result.as_json())
        return 0

    def figure(value: float | None) -> str:
        if value is None:
            return "unknown"
        cents = Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return f"{cents:,} {result.unit}"

    if result.unlimited:
        rows = [("remaining", "unlimited"), ("used", figure(result.used)), ("limit", "unlimited")]
    else:
        rows = [("remaining", figure(result.remaining)), ("used", figure(result.used)),
                ("limit", figure(result.limit))]
    print_table(rows)
    return 0
