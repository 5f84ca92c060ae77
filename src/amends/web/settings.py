"""Settings of the public site and admin API: the page's name and URL, locale, secret, limits.

Read from the environment (`AMENDS_SITE_*`, `AMENDS_SECRET`) or given by the CLI; immutable.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, replace

from amends.errors import InputError
from amends.publish.site import PageInfo


@dataclass(frozen=True)
class Settings:
    """How the site presents itself and how strict it is."""

    name: str = "Service status"
    url: str = "http://127.0.0.1:8000"
    page_id: str = "amends"
    time_zone: str = "Etc/UTC"
    locale: str = "en"
    base_path: str = "/"
    secret: str = ""
    #: How often (seconds) the cached snapshot checks the store for writes by other processes;
    #: writes through this app invalidate it at once.
    refresh_seconds: float = 2.0
    #: Where the feedback form posts: "" for this server; the live server's URL in a static
    #: export (None there hides the form and shows the incident's feedback address instead).
    feedback_action: str | None = ""
    feedback_limit: int = 5
    feedback_window_seconds: int = 3600
    affected_max_age_days: float = 60.0
    #: Subscribe forms one client address may send per window (counted per server process).
    subscribe_limit: int = 5
    subscribe_window_seconds: int = 3600
    #: The largest request body taken (bytes; env AMENDS_MAX_BODY_BYTES): larger ones get 413
    #: before they are read whole, chunked or not.
    max_body_bytes: int = 1 << 20

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from AMENDS_SITE_NAME, AMENDS_SITE_URL, AMENDS_SITE_TZ, AMENDS_SITE_LOCALE
        and AMENDS_SECRET, then the given overrides (None values are ignored)."""
        env = os.environ
        base = cls(
            name=env.get("AMENDS_SITE_NAME", cls.name),
            url=env.get("AMENDS_SITE_URL", cls.url),
            time_zone=env.get("AMENDS_SITE_TZ", cls.time_zone),
            locale=env.get("AMENDS_SITE_LOCALE", cls.locale),
            secret=env.get("AMENDS_SECRET", ""),
            max_body_bytes=_max_body(env.get("AMENDS_MAX_BODY_BYTES")),
        )
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})

    def with_secret(self) -> Settings:
        """These settings with a secret: a random one when none is set (links then last only as
        long as the process; set AMENDS_SECRET to keep them valid across restarts)."""
        return self if self.secret else replace(self, secret=secrets.token_urlsafe(32))

    def page_info(self) -> PageInfo:
        """The page object the API and templates show."""
        return PageInfo(
            id=self.page_id,
            name=self.name,
            url=self.url,
            time_zone=self.time_zone,
            locale=self.locale,
        )


def check_site_settings(settings: Settings) -> Settings:
    """Refuse a URL, time zone or locale the page could not use (InputError naming the option
    and its environment variable), before a site is served or exported."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from babel import Locale, UnknownLocaleError

    from amends.errors import check_site_url

    check_site_url(settings.url, option="--url (or AMENDS_SITE_URL)")

    try:
        if not settings.time_zone or settings.time_zone != settings.time_zone.strip():
            raise ValueError(settings.time_zone)
        ZoneInfo(settings.time_zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InputError(
            f"--tz {settings.time_zone!r} (or AMENDS_SITE_TZ) is not a time zone; use an IANA "
            "name like America/Los_Angeles or Etc/UTC"
        ) from None
    try:
        Locale.parse(settings.locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise InputError(
            f"--locale {settings.locale!r} (or AMENDS_SITE_LOCALE) is not a locale; use a tag "
            "like en, es or es-MX"
        ) from None
    return settings


def _max_body(value: str | None) -> int:
    """AMENDS_MAX_BODY_BYTES as a positive number of bytes (InputError naming it otherwise)."""
    if value is None:
        return Settings.max_body_bytes
    try:
        limit = int(value.strip().replace("_", ""))
    except ValueError:
        limit = 0
    if limit < 1:
        raise InputError(
            f"AMENDS_MAX_BODY_BYTES={value!r} is not a number of bytes; give one like 1048576"
        )
    return limit
