"""The links notification emails carry: double opt-in confirmation and RFC 8058 one-click
unsubscribe, served by the live site over the real store."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from amends.store.schema import notify_subscriptions


def _subscribe(live, settings):  # type: ignore[no-untyped-def]
    from amends.publish.subscriptions import subscribe

    with live.store.begin() as conn:
        return subscribe(conn, settings, "email", "reader@example.net")


def _row(live, sub_id: int):  # type: ignore[no-untyped-def]
    with live.store.connect() as conn:
        return conn.execute(
            select(notify_subscriptions).where(notify_subscriptions.c.id == sub_id)
        ).one()


def test_confirmation_link_confirms_once(live) -> None:  # type: ignore[no-untyped-def]
    from amends.publish.notifyconfig import load_settings

    settings = load_settings(env={}, secret="test-secret-0123456789")
    live.app.state.notify_settings = settings
    sub = _subscribe(live, settings)
    assert sub.confirm_token and _row(live, sub.id).confirmed_at is None
    res = httpx.get(f"{live.url}/notify/confirm/{sub.confirm_token}")
    assert res.status_code == 200 and "confirmed" in res.text
    assert _row(live, sub.id).confirmed_at is not None
    assert httpx.get(f"{live.url}/notify/confirm/not-a-token").status_code == 404


def test_unsubscribe_needs_a_post_and_a_valid_token(live) -> None:  # type: ignore[no-untyped-def]
    from amends.publish.notifyconfig import load_settings
    from amends.publish.subscriptions import unsubscribe_token

    settings = load_settings(env={}, secret="test-secret-0123456789")
    live.app.state.notify_settings = settings
    sub = _subscribe(live, settings)
    token = unsubscribe_token(settings, sub.id)
    page = httpx.get(f"{live.url}/notify/unsubscribe/{token}")
    assert page.status_code == 200 and 'method="post"' in page.text
    assert _row(live, sub.id).unsubscribed_at is None  # a mail scanner's GET changes nothing
    forged = unsubscribe_token(load_settings(env={}, secret="another-secret-of-its-own"), sub.id)
    one_click = {"List-Unsubscribe": "One-Click"}
    bad = httpx.post(f"{live.url}/notify/unsubscribe/{forged}", data=one_click)
    assert bad.status_code == 404 and _row(live, sub.id).unsubscribed_at is None
    res = httpx.post(f"{live.url}/notify/unsubscribe/{token}", data=one_click)
    assert res.status_code == 200
    assert _row(live, sub.id).unsubscribed_at is not None


def test_with_no_secret_configured_the_site_checks_links_with_the_stores_own(live) -> None:  # type: ignore[no-untyped-def]
    from itsdangerous import URLSafeSerializer

    from amends.publish.notifyconfig import load_settings
    from amends.publish.subscriptions import unsubscribe_token, with_secret

    settings = load_settings(env={})
    assert settings.secret is None
    live.app.state.notify_settings = settings
    sub = _subscribe(live, settings)
    with live.store.begin() as conn:  # what a worker on the same store signs with
        token = unsubscribe_token(with_secret(conn, settings), sub.id)
    forged = URLSafeSerializer("change-me", salt="amends-unsubscribe").dumps(sub.id)
    one_click = {"List-Unsubscribe": "One-Click"}
    assert httpx.post(f"{live.url}/notify/unsubscribe/{forged}", data=one_click).status_code == 404
    res = httpx.post(f"{live.url}/notify/unsubscribe/{token}", data=one_click)
    assert res.status_code == 200 and _row(live, sub.id).unsubscribed_at is not None


def test_a_bad_notify_secret_is_refused_at_start_and_never_a_500(
    live, cli, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A secret too short to sign with: `amends serve` refuses to start (exit 2, one line); a
    site started some other way answers the link with 503 and logs why."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AMENDS_NOTIFY_SECRET", "change-me")
    db = tmp_path / "s.db"
    res = cli("serve", "--port", "0", "--db", f"sqlite:///{db}")
    assert res.code == 2 and "[notify] secret" in res.err and "16 characters" in res.err
    assert len(res.err.strip().splitlines()) == 1 and "Traceback" not in res.err
    live.app.state.notify_settings = None
    one_click = {"List-Unsubscribe": "One-Click"}
    res = httpx.post(f"{live.url}/notify/unsubscribe/anything", data=one_click)
    assert res.status_code == 503
