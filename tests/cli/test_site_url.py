"""A site's public URL is http(s) with a host, checked by one validator wherever it is taken:
`site build --url`, `serve --url`, AMENDS_SITE_URL and [notify] base_url (issue 20)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.hostile.helpers import assert_rejected

from amends.errors import InputError, check_site_url
from amends.store.testing import create_store

BAD = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://status.example.com",
    "https:///no-host",
    "status.example.com",
    "https://status.example.com/\u202e",
    "https://exa mple.com",
    "https://user:pw@status.example.com",
    "http://status.example.com:99999/",
]


@pytest.mark.parametrize("url", BAD)
def test_the_validator_refuses(url: str) -> None:
    with pytest.raises(InputError, match="--url"):
        check_site_url(url)


@pytest.mark.parametrize("url", ["https://status.example.com", "http://127.0.0.1:8000/status/"])
def test_the_validator_accepts_http_urls_unchanged(url: str) -> None:
    assert check_site_url(url) == url


@pytest.mark.parametrize("url", BAD[:3])
def test_site_build_and_serve_refuse_and_write_nothing(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    db = create_store(f"sqlite:///{tmp_path / 's.db'}")
    out = tmp_path / "site"
    assert_rejected(cli("site", "build", "--url", url, "-o", out, "--db", db), "--url")
    assert not out.exists()
    assert_rejected(cli("serve", "--url", url, "--port", "0", "--db", db), "--url")
    monkeypatch.setenv("AMENDS_SITE_URL", url)
    assert_rejected(cli("site", "build", "-o", out, "--db", db), "AMENDS_SITE_URL")
    assert not out.exists()


def test_notify_base_url_is_refused(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = create_store(f"sqlite:///{tmp_path / 's.db'}")
    monkeypatch.setenv("AMENDS_NOTIFY_BASE_URL", "javascript:alert(1)")
    assert_rejected(cli("worker", "--until-empty", "--db", db), "base_url")
    assert_rejected(cli("notify", "subscribe", "email", "a@example.com", "--db", db), "base_url")
