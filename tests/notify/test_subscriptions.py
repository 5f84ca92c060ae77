"""Subscriptions on both backends: double opt-in, one-click unsubscribe, E.164, CSV import."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from amends.errors import InputError
from amends.publish.subscriptions import (
    AddressError,
    confirm,
    import_csv,
    normalize_address,
    subscribe,
    unsubscribe,
    unsubscribe_token,
)
from amends.publish.worker import Worker, unsubscribe_url
from amends.store.schema import notify_subscriptions, outbox

from .helpers import add_statement, seed_incident, settings_for


def test_double_opt_in_then_one_click_unsubscribe(store, smtp):
    settings = settings_for(smtp.port)
    seed_incident(store)
    with store.begin() as conn:
        sub = subscribe(conn, settings, "email", "ann@Example.ORG", region="california")
    assert not sub.confirmed and sub.confirm_token and sub.address == "ann@example.org"
    add_statement(store, "email")  # not confirmed yet: no statement for ann
    Worker(store, settings, channels=["email"], until_empty=True).run()
    (confirmation,) = smtp.recorder.parsed()
    assert confirmation["Subject"] == "Confirm your status updates"
    link = f"https://status.example.net/notify/confirm/{sub.confirm_token}"
    assert link in confirmation.get_body(("plain",)).get_content()
    with store.begin() as conn:
        assert confirm(conn, "wrong-token") is None
        assert confirm(conn, sub.confirm_token) == sub.id
        assert confirm(conn, sub.confirm_token) is None  # single use
    add_statement(store, "email")
    Worker(store, settings, channels=["email"], until_empty=True).run()
    statement = smtp.recorder.parsed()[1]
    assert statement["List-Unsubscribe"] == f"<{unsubscribe_url(settings, sub.id)}>"
    token = unsubscribe_url(settings, sub.id).rsplit("/", 1)[1]
    with store.begin() as conn:
        assert unsubscribe(conn, settings, token + "x") is None  # tampered
        assert (
            unsubscribe(conn, settings_for(secret="another-secret-of-its-own"), token) is None
        )  # other key
        assert unsubscribe(conn, settings, token) == sub.id
    add_statement(store, "email")
    with store.connect() as conn:
        assert conn.execute(select(outbox).where(outbox.c.status == "queued")).all() == []


def test_unsubscribe_cancels_what_is_still_queued(store):
    settings = settings_for()
    seed_incident(store)
    with store.begin() as conn:
        sub = subscribe(conn, settings, "email", "bob@example.org", confirmed=True)
    add_statement(store, "email")
    with store.begin() as conn:
        assert unsubscribe(conn, settings, unsubscribe_token(settings, sub.id)) == sub.id
        row = conn.execute(select(outbox)).one()
    assert (row.status, row.last_error) == ("dead", "unsubscribed")


def test_resubscribing_is_idempotent_and_reactivates(store):
    settings = settings_for()
    with store.begin() as conn:
        a = subscribe(conn, settings, "sms", "+1 (415) 555-2671")
        b = subscribe(conn, settings, "sms", "+14155552671")
        assert a.id == b.id and a.created and not b.created and a.address == "+14155552671"
        unsubscribe(conn, settings, unsubscribe_token(settings, a.id))
        c = subscribe(conn, settings, "sms", "+14155552671")
        row = conn.execute(
            select(notify_subscriptions).where(notify_subscriptions.c.id == a.id)
        ).one()
    assert c.id == a.id and row.unsubscribed_at is None


def test_webhook_subscription_gets_a_secret_once(store, http):
    settings = settings_for()
    with store.begin() as conn:
        first = subscribe(conn, settings, "webhook", http.url + "/hook")
        again = subscribe(conn, settings, "webhook", http.url + "/hook")
    assert first.secret and first.secret.startswith("whsec_") and first.confirmed
    assert again.secret is None


@pytest.mark.parametrize(
    ("kind", "address", "words"),
    [
        ("email", "not-an-address", "not an email"),
        ("email", "a@b", "not an email"),
        ("email", "<a@example.org>", "not an email"),
        ("sms", "555-2671", "phone number"),
        ("sms", "+1 415 555 267", "valid phone"),
        ("webhook", "http://169.254.169.254/", "metadata"),
        ("webhook", "http://[::ffff:10.0.0.1]/", "private"),
        ("fax", "123", "unknown kind"),
    ],
)
def test_bad_addresses_are_refused(kind, address, words):
    with pytest.raises(AddressError, match=words):
        normalize_address(kind, address, settings_for(webhook={"allow": []}))


def test_phone_number_with_default_region():
    settings = settings_for()
    assert normalize_address("sms", "(415) 555-2671", settings, default_region="US") == (
        "+14155552671"
    )
    assert normalize_address("sms", "0412 345 678", settings, default_region="AU") == (
        "+61412345678"
    )


def test_csv_import_all_or_nothing(store, tmp_path):
    settings = settings_for()
    good = tmp_path / "subs.csv"
    good.write_text(
        "kind,address,component,region,locale\n"
        "email,ann@example.org,,california,en\n"
        "sms,+14155552671,voice:california,,en\n"
        "webhook,https://hooks.example.com/x,,,\n"
        "email,ann@example.org,,california,en\n"
    )
    with store.begin() as conn:
        result = import_csv(conn, settings, good)
    assert (result.rows, result.created, result.existing, result.confirmations) == (4, 3, 1, 2)
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,address\nemail,new@example.org\nsms,12\n")
    with pytest.raises(InputError, match=r"bad\.csv:3: .*phone"), store.begin() as conn:
        import_csv(conn, settings, bad)
    with store.connect() as conn:
        n = len(conn.execute(select(notify_subscriptions.c.id)).all())
    assert n == 3  # nothing from the bad file
    headerless = tmp_path / "h.csv"
    headerless.write_text("email,ann@example.org\n")
    with pytest.raises(InputError, match=r"h\.csv:1: missing column"), store.begin() as conn:
        import_csv(conn, settings, headerless)


def test_affected_audience_joins_contacts(store):
    import pyarrow as pa
    from sqlalchemy import insert

    from amends.publish.subscriptions import affected_audience
    from amends.store.schema import subscribers

    with store.begin() as conn:
        conn.execute(
            insert(subscribers),
            [
                {
                    "subscriber": "S1",
                    "email": "s1@example.org",
                    "locale": "en",
                    "time_zone": "America/Los_Angeles",
                    "phone": None,
                },
                {
                    "subscriber": "S2",
                    "email": None,
                    "locale": None,
                    "time_zone": None,
                    "phone": "+14155552671",
                },
            ],
        )
        table = affected_audience(
            conn, pa.table({"subscriber": ["S1", "S2", "S3"], "failed_attempts": [3, 1, 2]})
        )
    assert table.column("email").to_pylist() == ["s1@example.org", None, None]
    assert table.column("phone").to_pylist() == [None, "+14155552671", None]
    assert table.column("failed_attempts").to_pylist() == [3, 1, 2]


def test_without_a_configured_secret_every_process_on_a_store_shares_its_own(store, tmp_path):
    """Links are signed with the store's random secret: the same for every worker and site on
    that store, different for another store, and never the old published placeholder."""
    from itsdangerous import URLSafeSerializer

    from amends.publish.subscriptions import with_secret

    settings = settings_for(secret=None)
    assert settings.secret is None
    with store.begin() as conn:
        sub = subscribe(conn, settings, "email", "cy@example.org", confirmed=True)
    first = Worker(store, settings, channels=["email"]).settings.secret
    second = Worker(store, settings, channels=["email"]).settings.secret
    assert first is not None and first == second and len(first) >= 40
    token = unsubscribe_url(Worker(store, settings).settings, sub.id).rsplit("/", 1)[1]
    forged = URLSafeSerializer("change-me", salt="amends-unsubscribe").dumps(sub.id)
    with store.begin() as conn:
        assert unsubscribe(conn, settings, forged) is None
        assert unsubscribe(conn, settings, token) == sub.id  # the site resolves the same secret
        assert with_secret(conn, settings_for(secret="configured-secret-wins")).secret == (
            "configured-secret-wins"
        )
    from amends.store import open_store

    with open_store(f"sqlite:///{tmp_path / 'other.db'}", create=True) as other:
        assert Worker(other, settings).settings.secret not in (None, first)
