"""The cached snapshot behind the public site: read once, rendered per path on first request,
dropped on every write through the app and when the store's fingerprint changes (writes by
another process are picked up within `refresh_seconds`)."""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from amends.publish.site import load_site_data
from amends.web.render import PublicSite, Rendered
from amends.web.settings import Settings

if TYPE_CHECKING:
    from amends.store import Store


log = logging.getLogger(__name__)

#: Rebuild at least this often even without writes: "overdue" and the uptime bars move with time.
MAX_AGE_SECONDS = 60.0


@dataclass(frozen=True)
class CachedResource:
    """A rendered resource with its validator."""

    content_type: str
    body: bytes
    etag: str


@dataclass
class Snapshot:
    """One read of the store and the resources rendered from it so far."""

    site: PublicSite
    fingerprint: Any
    built_at: float = field(default_factory=time.monotonic)
    resources: dict[str, CachedResource | None] = field(default_factory=dict)

    def rendered(self, path: str) -> bool:
        """Whether `path` was looked up already (`get` is then only a dictionary read)."""
        return path in self.resources

    def get(self, path: str) -> CachedResource | None:
        """The resource at `path`, rendered on first use."""
        try:
            return self.resources[path]
        except KeyError:
            pass
        rendered: Rendered | None = self.site.render(path)
        res = None
        if rendered is not None:
            tag = hashlib.blake2b(rendered.body, digest_size=12).hexdigest()
            res = CachedResource(rendered.content_type, rendered.body, f'"{tag}"')
        if len(self.resources) < 10_000:
            self.resources[path] = res
        return res


def fingerprint(store: Store) -> Any:
    """A cheap summary that changes whenever anything the public site shows changes."""
    from sqlalchemy import func, select

    from amends.store import schema as s

    q = select(
        select(func.max(s.components.c.updated_at)).scalar_subquery(),
        select(func.count()).select_from(s.components).scalar_subquery(),
        select(func.max(s.incidents.c.updated_at)).scalar_subquery(),
        select(func.count()).select_from(s.incidents).scalar_subquery(),
        select(func.max(s.statements.c.id)).scalar_subquery(),
        select(func.count()).select_from(s.statements).scalar_subquery(),
        select(func.max(s.action_items.c.updated_at)).scalar_subquery(),
        select(func.count()).select_from(s.action_items).scalar_subquery(),
        select(func.count()).select_from(s.incident_components).scalar_subquery(),
        select(func.max(s.maintenances.c.updated_at)).scalar_subquery(),
        select(func.count()).select_from(s.maintenances).scalar_subquery(),
    )
    with store.connect() as conn:
        return tuple(conn.execute(q).one())


class SnapshotCache:
    """Thread-safe holder of the current snapshot."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._lock = threading.Lock()
        self._snap: Snapshot | None = None
        self._checked = float("-inf")
        self._force = False

    def invalidate(self) -> None:
        """Mark the snapshot out of date: the next request reads the store again (the old one
        stays as the fallback while the store is unreachable)."""
        with self._lock:
            self._force = True
            self._checked = float("-inf")

    def fresh(self) -> Snapshot | None:
        """The snapshot when it needs no look at the store now, else None (then `current`, which
        may read the store: call it off the event loop)."""
        snap = self._snap
        if snap is not None and time.monotonic() - self._checked < self.settings.refresh_seconds:
            return snap
        return None

    def current(self) -> Snapshot:
        """The snapshot, re-read when invalidated or when the store changed."""
        snap = self.fresh()
        if snap is not None:
            return snap
        with self._lock:
            snap = self._snap
            now = time.monotonic()
            if snap is not None and now - self._checked < self.settings.refresh_seconds:
                return snap
            try:
                fp = fingerprint(self.store)
                stale = snap is not None and now - snap.built_at > MAX_AGE_SECONDS
                if snap is None or snap.fingerprint != fp or stale or self._force:
                    data = load_site_data(self.store, self.settings.page_info())
                    snap = Snapshot(PublicSite(data, self.settings), fp)
                    self._snap = snap
                    self._force = False
            except SQLAlchemyError:
                if snap is None:
                    raise
                # The database is down: keep serving the last good page (it says when it was
                # generated) rather than an error, and try again after refresh_seconds.
                log.warning("store unreachable; serving the snapshot from %s", snap.built_at)
            self._checked = now
            return snap
