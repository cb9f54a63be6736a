"""The main window's own state: the status bar (the profile the current tab's requests go to, its
balance), language and theme choices, and the window geometry / last tab that are restored at the next
start."""

from __future__ import annotations

import asyncio
import base64
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot

from studio.errors import StudioError
from studio.services.core import StudioCore
from studio.viewmodels.base import ViewModel

if TYPE_CHECKING:
    from studio.api.billing import Balance
    from studio.storage.profiles import Profile

LANGUAGES = ("", "en", "zh_CN")  # "" follows the system
THEMES = ("system", "light", "dark")


class MainViewModel(ViewModel):
    #: (profile name or "", balance text or "") for the status bar
    statusChanged = Signal(str, str)
    #: the user chose a language ("" follows the system): applies now, and is saved for the next start
    languageChosen = Signal(str)
    #: the user chose a theme ("system", "light", "dark"): applies now, and is saved
    themeChosen = Signal(str)

    def __init__(self, core: StudioCore, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._core = core
        self._capability = "chat"  # the route of the current tab ("" = the default profile)
        self._chosen: dict[str, str] = {}  # capability -> the profile its tab chose over routing (the chat's relay)
        self._seq = 0

    # -- status bar ------------------------------------------------------------------------------

    @property
    def capability(self) -> str:
        return self._capability

    @Slot(str)
    def setCapability(self, capability: str) -> None:
        """The current tab changed: show the profile its route uses ("" for the default profile)."""
        if capability != self._capability:
            self._capability = capability
            if self._seq:  # not before the first refresh (after the first frame: the window restoring its tab)
                self.spawn(self._refresh(), busy=False)

    @Slot(str, str)
    def setChosenProfile(self, capability: str, profile: str) -> None:
        """The tab of `capability` sends to `profile` rather than to its route ("" follows the route again)."""
        if self._chosen.get(capability, "") != profile:
            self._chosen[capability] = profile
            if capability == self._capability and self._seq:
                self.spawn(self._refresh(), busy=False)

    @Slot()
    def refreshStatus(self) -> None:
        """Ask the relay for the balance now (after a reply or a job spent some, or the profiles changed)."""
        self.spawn(self._refresh(max_age=0.0), busy=False)

    @Slot()
    def showStatus(self) -> None:
        """At start, a tab switch, another relay chosen: a balance the relay gave recently (the cache's
        `BALANCE_MAX_AGE`, services/relay_cache.py) is shown without asking it again; spending asks again
        (`refreshStatus`)."""
        self.spawn(self._refresh(), busy=False)

    async def _refresh(self, *, max_age: float | None = None) -> None:
        self._seq += 1
        seq = self._seq
        profiles = self._core.profiles
        capability = self._capability
        chosen = self._chosen.get(capability) or None
        try:
            if chosen:
                found = await asyncio.to_thread(profiles.find, chosen)
                chosen = found.name if found is not None else None  # removed since: the route's again
            if capability:
                profile = (await asyncio.to_thread(lambda: profiles.resolve(capability, profile=chosen))).profile
            else:
                profile = await asyncio.to_thread(profiles.default)
        except StudioError:
            if seq == self._seq:
                self.statusChanged.emit("", "")
            return
        if seq != self._seq:  # the tab changed meanwhile: its own refresh shows its profile
            return
        cache = self._core.relay_cache
        saved = await cache.saved_balance(profile, max_age)
        if saved is None:
            self.statusChanged.emit(profile.name, self.tr("Balance: checking…"))
        text = self._balance_text(saved or await self._fetch_balance(profile))
        if seq == self._seq:  # the tab did not change meanwhile
            self.statusChanged.emit(profile.name, text)

    async def _fetch_balance(self, profile: Profile) -> Balance | None:
        try:
            return (await self._core.relay_cache.balance(profile, max_age=0.0))[0]
        except StudioError:
            return None

    def _balance_text(self, balance: Balance | None) -> str:
        if balance is None:
            return self.tr("Balance: unavailable")
        if balance.unlimited:
            return self.tr("Balance: unlimited")
        if balance.remaining is None:
            return self.tr("Balance: unknown")
        from decimal import ROUND_HALF_UP, Decimal

        amount = Decimal(repr(balance.remaining)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return self.tr("Balance: {0} {1}").format(f"{amount:,}", balance.unit)

    # -- preferences and window state ------------------------------------------------------------

    @property
    def language(self) -> str:
        return str(self._core.settings.get("ui.language") or "")

    @Slot(str)
    def setLanguage(self, language: str) -> None:
        if language in LANGUAGES:
            self.spawn(asyncio.to_thread(self._core.settings.set, "ui.language", language), busy=False)
            self.languageChosen.emit(language)

    @property
    def theme(self) -> str:
        theme = str(self._core.settings.get("ui.theme", "system") or "system")
        return theme if theme in THEMES else "system"

    @Slot(str)
    def setTheme(self, theme: str) -> None:
        if theme in THEMES:
            self.spawn(asyncio.to_thread(self._core.settings.set, "ui.theme", theme), busy=False)
            self.themeChosen.emit(theme)

    def window_state(self) -> tuple[bytes, bytes, int]:
        """(geometry, dock state, last tab) saved by the previous run; read once at start-up."""
        settings = self._core.settings
        geometry = base64.b64decode(settings.get("ui.geometry", "") or "")
        state = base64.b64decode(settings.get("ui.window_state", "") or "")
        return geometry, state, int(settings.get("ui.last_tab", 0) or 0)

    def save_window_state(self, geometry: bytes, state: bytes, tab: int) -> None:
        """Called while the window closes: written directly, the loop is about to stop."""
        settings = self._core.settings
        settings.set("ui.geometry", base64.b64encode(geometry).decode("ascii"))
        settings.set("ui.window_state", base64.b64encode(state).decode("ascii"))
        settings.set("ui.last_tab", tab)
