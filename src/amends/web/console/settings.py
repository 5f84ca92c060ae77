"""How the console guards itself: session lifetimes, login throttling, the cookie's Secure flag
and the clock (injectable, so expiry is tested without sleeping). Read from the environment."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from amends.errors import InputError
from amends.publish.operations import STAGES
from amends.store.login_throttle import Limits
from amends.store.sessions import Expiry
from amends.store.types import utcnow


@dataclass(frozen=True)
class ConsoleSettings:
    """Session expiry, login limits, the cookie's Secure flag and what time it is."""

    expiry: Expiry = field(default_factory=Expiry)
    limits: Limits = field(default_factory=Limits)
    #: Secure cookies (only sent over HTTPS; browsers also accept them from http://localhost).
    secure_cookie: bool = True
    clock: Callable[[], datetime] = utcnow
    #: Stages whose statements need a second person's approval (default: every stage).
    approval_stages: frozenset[str] = frozenset(STAGES)

    @property
    def cookie(self) -> str:
        """The session cookie's name: `__Host-` binds it to this host and path / when Secure."""
        return "__Host-amends-console" if self.secure_cookie else "amends-console"

    @property
    def login_cookie(self) -> str:
        """The pre-login cookie that the login form's CSRF token is bound to."""
        return "__Host-amends-login" if self.secure_cookie else "amends-login"

    @classmethod
    def from_env(cls) -> ConsoleSettings:
        """AMENDS_SESSION_IDLE_MINUTES (30), AMENDS_SESSION_MAX_HOURS (12),
        AMENDS_LOGIN_LIMIT_ACCOUNT (5), AMENDS_LOGIN_LIMIT_ADDRESS (20) failures per
        AMENDS_LOGIN_WINDOW_MINUTES (15), AMENDS_CONSOLE_INSECURE_COOKIE=1 for plain-HTTP
        development on a host other than localhost, AMENDS_CONSOLE_APPROVAL_STAGES (the stages
        that need a second person: a comma list, `all` (the default) or `none`)."""
        env = os.environ
        return cls(
            expiry=Expiry(
                idle=timedelta(minutes=_number(env, "AMENDS_SESSION_IDLE_MINUTES", 30)),
                absolute=timedelta(hours=_number(env, "AMENDS_SESSION_MAX_HOURS", 12)),
            ),
            limits=Limits(
                per_account=int(_number(env, "AMENDS_LOGIN_LIMIT_ACCOUNT", 5)),
                per_address=int(_number(env, "AMENDS_LOGIN_LIMIT_ADDRESS", 20)),
                window=timedelta(minutes=_number(env, "AMENDS_LOGIN_WINDOW_MINUTES", 15)),
            ),
            secure_cookie=env.get("AMENDS_CONSOLE_INSECURE_COOKIE", "") not in ("1", "true"),
            approval_stages=approval_stages(env.get("AMENDS_CONSOLE_APPROVAL_STAGES", "all")),
        )


def approval_stages(raw: str) -> frozenset[str]:
    """The stages named in AMENDS_CONSOLE_APPROVAL_STAGES (`all`, `none` or a comma list)."""
    words = [w.strip() for w in raw.split(",") if w.strip()]
    if words in ([], ["all"]):
        return frozenset(STAGES)
    if words == ["none"]:
        return frozenset()
    unknown = [w for w in words if w not in STAGES]
    if unknown:
        raise InputError(
            f"AMENDS_CONSOLE_APPROVAL_STAGES: unknown stage {unknown[0]!r}; use all, none or "
            f"some of {', '.join(STAGES)}"
        )
    return frozenset(words)


def _number(env: os._Environ[str] | dict[str, str], name: str, default: float) -> float:
    """A positive number from the environment (InputError naming the variable otherwise)."""
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0
    if not value > 0:
        raise InputError(f"{name}={raw!r} is not a positive number; give one like {default:g}")
    return value
