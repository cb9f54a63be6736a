"""The main window's own state: the status bar (active profile, balance), language and theme
choices, and the window geometry / last tab that are restored at the next start."""

from __future__ import annotations

import asyncio
import base64
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import Signal, Slot

from studio.errors import StudioError
from studio.services.core import StudioCore
from studio.viewmodels.base import ViewModel

LANGUAGES = ("", "en", "zh_CN")  # "" follows the system
THEMES = ("system", "light", "dark")


class MainViewModel(ViewModel):
    #: (profile name or "", balance text or "") for the status bar
    statusChanged = Signal(str, str)

    def __init__(self, core: StudioCore, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._core = core

    # -- status bar ------------------------------------------------------------------------------

    @Slot()
    def refreshStatus(self) -> None:
        self.spawn(self._refresh(), busy=False)

    async def _refresh(self) -> None:
        profiles = self._core.profiles
        try:
            route = await asyncio.to_thread(profiles.resolve, "chat")
        except StudioError:
            self.statusChanged.emit("", "")
            return
        self.statusChanged.emit(route.profile.name, self.tr("Balance: checking…"))
        try:
            client = await asyncio.to_thread(self._core.clients.client_for, route.profile)
            balance = await client.billing.balance()
        except StudioError:
            self.statusChanged.emit(route.profile.name, self.tr("Balance: unavailable"))
            return
        if balance.unlimited:
            text = self.tr("Balance: unlimited")
        elif balance.remaining is None:
            text = self.tr("Balance: unknown")
        else:
            amount = Decimal(repr(balance.remaining)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            text = self.tr("Balance: {0} {1}").format(f"{amount:,}", balance.unit)
        self.statusChanged.emit(route.profile.name, text)

    # -- preferences and window state ------------------------------------------------------------

    @property
    def language(self) -> str:
        return str(self._core.settings.get("ui.language") or "")

    @Slot(str)
    def setLanguage(self, language: str) -> None:
        if language in LANGUAGES:
            self.spawn(asyncio.to_thread(self._core.settings.set, "ui.language", language), busy=False)

    @property
    def theme(self) -> str:
        theme = str(self._core.settings.get("ui.theme", "system") or "system")
        return theme if theme in THEMES else "system"

    @Slot(str)
    def setTheme(self, theme: str) -> None:
        if theme in THEMES:
            self.spawn(asyncio.to_thread(self._core.settings.set, "ui.theme", theme), busy=False)

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
