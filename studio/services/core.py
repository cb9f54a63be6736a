"""`StudioCore`: the one place that wires storage, secrets, clients and services together.

Both front ends build exactly one of these (the CLI per command, the GUI in `studio/app.py`) and
pass its parts down; nothing below reaches for globals.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from studio.storage.db import Database
from studio.storage.paths import DataFolderError, DataPaths
from studio.storage.secrets import RedactingFormatter, Redactor, SecretStore
from studio.storage.settings import Settings

if TYPE_CHECKING:  # the services below are imported when first used: each command pays for its own
    from studio.api.client import RelayClient, RetryPolicy
    from studio.gallery.store import GalleryStore
    from studio.services.chat import ChatService
    from studio.services.clients import ClientPool
    from studio.services.jobs import JobService
    from studio.services.profiles import ProfileService
    from studio.services.relay_cache import RelayCache
    from studio.storage.conversations import ConversationStore

LOG_FILENAME = "studio.log"


@dataclass
class StudioCore:
    paths: DataPaths
    db: Database
    secrets: SecretStore
    retry: RetryPolicy | None = None

    @classmethod
    def open(cls, paths: DataPaths | None = None, *, secrets: SecretStore | None = None,
             retry: RetryPolicy | None = None) -> StudioCore:
        paths = (paths or DataPaths.default()).ensure()
        db = Database(paths.database, backup_dir=paths.backups)
        return cls(paths, db, secrets or SecretStore(Redactor()), retry)

    @property
    def redactor(self) -> Redactor:
        return self.secrets.redactor

    @cached_property
    def settings(self) -> Settings:
        return Settings(self.db)

    @cached_property
    def profiles(self) -> ProfileService:
        from studio.services.profiles import ProfileService
        from studio.storage.profiles import ProfileStore

        return ProfileService(ProfileStore(self.db), self.secrets)

    @cached_property
    def clients(self) -> ClientPool:
        from studio.services.clients import ClientPool

        return ClientPool(self.profiles, self.settings, self.retry)

    @cached_property
    def relay_cache(self) -> RelayCache:
        from studio.services.relay_cache import RelayCache

        return RelayCache(self.paths.cache, self.clients)

    @cached_property
    def conversations(self) -> ConversationStore:
        from studio.storage.conversations import ConversationStore

        return ConversationStore(self.db, self.paths.root)

    @cached_property
    def chat(self) -> ChatService:
        from studio.services.chat import ChatService

        self.conversations.recover_interrupted()  # replies a crashed process left "streaming"
        return ChatService(self.conversations, self.profiles, self.clients, self.settings)

    @cached_property
    def gallery(self) -> GalleryStore:
        from studio.gallery.store import GalleryStore

        return GalleryStore(self.db, self.paths.root)

    @cached_property
    def jobs(self) -> JobService:
        from studio.jobs.store import JobStore
        from studio.services.jobs import JobService

        def client_for(profile_name: str) -> RelayClient:  # the HTTP stack loads on the first send, not here
            return self.clients.client_for(self.profiles.get(profile_name))

        return JobService(JobStore(self.db), paths=self.paths, settings=self.settings, profiles=self.profiles,
                          gallery=self.gallery, client_for=client_for, redact=self.redactor.redact)

    def log_to_file(self, level: int = logging.INFO) -> logging.Handler:
        """Send the `studio` and `httpx` loggers to `logs/studio.log`, with keys scrubbed."""
        try:
            handler = logging.FileHandler(self.paths.logs / LOG_FILENAME, encoding="utf-8")
        except OSError as exc:
            raise DataFolderError(f"The log folder {self.paths.logs} cannot be written "
                                  f"({exc.strerror or exc}); Relay Studio needs to write there.") from None
        handler.setFormatter(RedactingFormatter(self.redactor, "%(asctime)s %(levelname)s %(name)s: %(message)s"))
        studio_log = logging.getLogger("studio")
        studio_log.setLevel(level)
        studio_log.addHandler(handler)
        httpx_log = logging.getLogger("httpx")
        httpx_log.setLevel(logging.WARNING)
        httpx_log.addHandler(handler)
        return handler

    async def aclose(self) -> None:
        """Stop the job runner (jobs keep their state), close the HTTP clients and the database."""
        if "jobs" in self.__dict__ and self.jobs.runner_built:
            await self.jobs.runner.aclose()
        await self.clients.aclose()
        self.db.close()
