"""Settings: amends.toml [notify], env overrides and one-line errors; the rate limiter's bucket."""

from __future__ import annotations

import pytest

from amends.errors import InputError
from amends.publish.notifyconfig import load_settings


def test_toml_then_env_then_arguments(tmp_path):
    path = tmp_path / "amends.toml"
    path.write_text(
        '[notify]\nmax_attempts = 4\n[notify.email]\nhost = "smtp.example.net"\nport = 587\n'
        "[notify.limits.sms]\nconcurrency = 1\nrate_per_s = 5\n"
    )
    env = {
        "AMENDS_NOTIFY_EMAIL_PASSWORD": "from-env",
        "AMENDS_NOTIFY_SECRET": "s3-long-enough-to-sign",
        "AMENDS_NOTIFY_WEBHOOK_ALLOW": "10.0.0.0/8,fd00::/8",
        "UNRELATED": "x",
    }
    s = load_settings(path, env=env, lease_s=9)
    assert (s.max_attempts, s.email.host, s.email.port, s.email.password) == (
        4,
        "smtp.example.net",
        587,
        "from-env",
    )
    assert s.secret == "s3-long-enough-to-sign" and s.lease_s == 9
    assert s.webhook.allow == ["10.0.0.0/8", "fd00::/8"]
    assert s.limit("sms").rate_per_s == 5 and s.limit("email").concurrency == 4  # default kept


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[notify]\nmax_attempts = 0\n", "max_attempts"),
        ("[notify.email]\nprot = 25\n", "email.prot"),
        ("[notify\n", "not valid TOML"),
    ],
)
def test_bad_settings_are_one_line_errors(tmp_path, text, words):
    path = tmp_path / "amends.toml"
    path.write_text(text)
    with pytest.raises(InputError, match=words) as info:
        load_settings(path, env={})
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_missing_config_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_settings(tmp_path / "nope.toml", env={})


def test_rate_limiter_bucket(monkeypatch):
    from amends.publish import worker

    clock = [100.0]
    waits: list[float] = []
    monkeypatch.setattr(worker.time, "monotonic", lambda: clock[0])

    def fake_sleep(seconds: float) -> None:
        waits.append(seconds)
        clock[0] += seconds

    monkeypatch.setattr(worker.time, "sleep", fake_sleep)
    bucket = worker.RateLimiter(rate_per_s=10, burst=2)
    for _ in range(5):
        bucket.acquire()
    assert len(waits) == 3 and all(w == pytest.approx(0.1) for w in waits)  # 2 burst, then 10/s
    unlimited = worker.RateLimiter(None)
    unlimited.acquire()
    assert len(waits) == 3
