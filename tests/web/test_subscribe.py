"""Subscribing from the status page over real HTTP (SQLite and PostgreSQL): the form lists the
page's services and areas, refuses a post without its token, names the field at fault, writes
the choices unconfirmed with one confirmation email for all of them, bounds what it sends, and
one link confirms them all. The page speaks the incidents' other locales."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy import func, select
from tests.web.factories import incident

from amends.publish import operations as ops
from amends.publish.notifyconfig import NotifySettings
from amends.store import schema as s


@pytest.fixture
def site(live):
    """The live site with the California incident (components voice and sms in California) and
    notify settings whose links point at it."""
    ops.save_incident(live.store, incident())
    live.app.state.notify_settings = NotifySettings(
        base_url=live.url, secret="subscribe-test-secret-0123"
    )
    return live


class Visitor:
    """A visitor with a cookie jar (the form's cookie is not Secure over plain HTTP)."""

    def __init__(self, url: str) -> None:
        self.client = httpx.Client(base_url=url, follow_redirects=False)

    def form(self, path: str = "/subscribe/") -> tuple[httpx.Response, str]:
        page = self.client.get(path)
        assert page.status_code == 200, page.text[:300]
        token = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert token, "no token in the form"
        return page, token.group(1)

    def send(self, data: dict[str, object], path: str = "/subscribe/") -> httpx.Response:
        _, token = self.form(path)
        return self.client.post(path, data={"csrf": token, **data})  # type: ignore[arg-type]


def _subs(store) -> list[tuple[str, str | None, str | None, bool, str | None]]:
    c = s.notify_subscriptions.c
    with store.connect() as conn:
        rows = conn.execute(
            select(
                c.address, c.component_id, c.region, c.confirmed_at, c.confirm_token_hash
            ).order_by(c.id)
        ).all()
    return [(r[0], r[1], r[2], r[3] is not None, r[4]) for r in rows]


def _confirmations(store) -> list[tuple[str, str, str]]:
    o = s.outbox.c
    with store.connect() as conn:
        rows = conn.execute(
            select(o.recipient, o.subject, o.body_text)
            .where(o.idempotency_key.startswith("c:"))
            .order_by(o.id)
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_the_form_lists_services_and_areas(site):
    page, _ = Visitor(site.url).form()
    assert 'value="voice:california"' in page.text and 'value="sms:california"' in page.text
    assert 'name="region" value="california"' in page.text
    assert "Phone calls — California" in page.text
    assert page.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in page.headers["content-security-policy"]
    # linked from every public page
    home = httpx.get(site.url + "/")
    assert 'href="/subscribe/"' in home.text


def test_choices_are_written_unconfirmed_with_one_email_and_one_link_confirms_them(site):
    visitor = Visitor(site.url)
    r = visitor.send(
        {"email": "Ana@Example.COM", "component": ["sms:california"], "region": ["california"]}
    )
    assert r.status_code == 303 and r.headers["location"] == "/subscribe/sent"
    assert "Check your inbox" in visitor.client.get("/subscribe/sent").text
    subs = _subs(site.store)
    assert [x[:4] for x in subs] == [
        ("Ana@example.com", "sms:california", None, False),
        ("Ana@example.com", None, "california", False),
    ]
    assert subs[0][4] == subs[1][4] is not None  # one token for both
    (mail,) = _confirmations(site.store)
    assert mail[0] == "Ana@example.com" and mail[1] == "Confirm your status updates"
    assert "Text messages" in mail[2] and "california" in mail[2]
    link = re.search(r"(http://\S+/notify/confirm/\S+)", mail[2])
    assert link and link.group(1).startswith(site.url)
    assert httpx.get(link.group(1)).status_code == 200
    assert [x[3] for x in _subs(site.store)] == [True, True]
    assert httpx.get(link.group(1)).status_code == 404  # used
    # choosing them again: nothing to confirm, nothing sent
    r = visitor.send({"email": "Ana@example.com", "component": ["sms:california"]})
    assert r.status_code == 303  # the same answer: the page never says who is subscribed
    assert len(_confirmations(site.store)) == 1


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"email": "", "component": ["sms:california"]}, "email", "Give your email address."),
        ({"email": "not-an-address", "everything": "1"}, "email", "not an email address"),
        ({"email": "a@example.com"}, "components", "at least one service"),
        ({"email": "a@example.com", "component": ["data:mars"]}, "components", "not on this page"),
        ({"email": "a@example.com", "region": ["mars"]}, "regions", "not on this page"),
    ],
)
def test_bad_input_is_named_at_its_field_and_nothing_is_written(site, data, field, words):
    r = Visitor(site.url).send(data)
    assert r.status_code == 422
    assert f'id="{field}-error"' in r.text and words in r.text
    assert 'role="alert"' in r.text
    if field == "email" and data["email"]:
        assert 'aria-invalid="true"' in r.text and 'value="not-an-address"' in r.text
    assert _subs(site.store) == [] and _confirmations(site.store) == []


def test_a_post_without_the_forms_token_or_cookie_is_refused(site):
    data = {"email": "a@example.com", "everything": "1"}
    r = httpx.post(site.url + "/subscribe/", data=data)
    assert r.status_code == 403 and "expired" in r.text
    visitor = Visitor(site.url)
    _, token = visitor.form()
    stranger = httpx.post(site.url + "/subscribe/", data={**data, "csrf": token})  # no cookie
    assert stranger.status_code == 403
    # one character of the signature changed: not the last, whose low bits base64 ignores (a
    # token ending in "x" and a last character sharing its high bits made "xx" no forgery)
    other = "A" if token[-3] != "A" else "B"
    forged = visitor.client.post(
        "/subscribe/", data={**data, "csrf": token[:-3] + other + token[-2:]}
    )
    assert forged.status_code == 403
    assert _subs(site.store) == []
    assert visitor.client.post("/subscribe/", data={**data, "csrf": token}).status_code == 303


def test_confirmation_emails_are_bounded_per_address_and_forms_per_client(site):
    visitor = Visitor(site.url)
    data = {"email": "b@example.com", "component": ["voice:california"]}
    for _ in range(3):  # unconfirmed: each form sends a new link, at most 3 a day
        assert visitor.send(data).status_code == 303
    assert visitor.send(data).status_code == 303  # the same answer ...
    assert len(_confirmations(site.store)) == 3  # ... but nothing more sent
    # the fifth form from this client is the last one this hour (Settings.subscribe_limit)
    assert visitor.send({**data, "email": "c@example.com"}).status_code == 303
    r = visitor.send({**data, "email": "d@example.com"})
    assert r.status_code == 429 and r.headers["retry-after"] == "3600"
    assert "several times" in r.text
    with site.store.connect() as conn:
        count = conn.execute(select(func.count()).select_from(s.notify_subscriptions))
        assert count.scalar_one() == 2  # b and c


def test_the_page_in_the_incidents_other_locale(site):
    from amends.publish.signup import signup  # noqa: F401  (the route's own import)

    visitor = Visitor(site.url)
    page, _ = visitor.form("/es/subscribe/")
    assert '<html lang="es">' in page.text and "Reciba los avisos de estado" in page.text
    assert 'action="/es/subscribe/"' in page.text
    r = visitor.send({"email": "x"}, "/es/subscribe/")
    assert r.status_code == 422 and "no es una dirección de correo" in r.text
    r = visitor.send({"email": "e@example.com", "everything": "1"}, "/es/subscribe/")
    assert r.headers["location"] == "/es/subscribe/sent"
    (mail,) = _confirmations(site.store)
    assert mail[1] == "Confirme sus avisos de estado" and "todos los servicios" in mail[2]
    assert _subs(site.store)[0][:3] == ("e@example.com", None, None)
    with site.store.connect() as conn:
        assert conn.execute(select(s.notify_subscriptions.c.locale)).scalar_one() == "es"
    assert httpx.get(site.url + "/fr/subscribe/").status_code == 404
    assert httpx.get(site.url + "/en/subscribe/").status_code == 404  # the default has no prefix


def test_every_field_at_fault_is_named_at_once(site):
    r = Visitor(site.url).send({"email": "nope"})
    assert r.status_code == 422
    assert 'id="email-error"' in r.text and 'id="components-error"' in r.text
    summary = r.text.split('role="alert"', 1)[1].split("</div>", 1)[0]
    assert 'href="#email"' in summary and 'href="#choices"' in summary  # links to both fields
    assert _subs(site.store) == []


def test_the_publish_function_says_the_field_first(site):
    from amends.publish.signup import SignupError, signup

    with site.store.begin() as conn, pytest.raises(SignupError) as caught:
        signup(conn, NotifySettings(), "x", chosen_components=[], chosen_regions=[])
    assert str(caught.value).startswith("email: This is not an email address")
    assert set(caught.value.errors) == {"email", "components"}


def test_one_unsubscribe_link_stops_every_choice_of_the_address(site):
    from amends.publish.subscriptions import unsubscribe_token, with_secret

    visitor = Visitor(site.url)
    data = {"email": "f@example.com", "component": ["voice:california", "sms:california"]}
    assert visitor.send(data).status_code == 303
    visitor.send({"email": "other@example.com", "everything": "1"})
    (body,) = [m[2] for m in _confirmations(site.store) if m[0] == "f@example.com"]
    link = re.search(r"(http://\S+/notify/confirm/\S+)", body)
    assert link and httpx.get(link.group(1)).status_code == 200
    c = s.notify_subscriptions.c
    with site.store.begin() as conn:
        first = conn.execute(select(func.min(c.id)).where(c.address == "f@example.com"))
        token = unsubscribe_token(
            with_secret(conn, site.app.state.notify_settings), first.scalar_one()
        )
    assert httpx.post(f"{site.url}/notify/unsubscribe/{token}").status_code == 200
    with site.store.connect() as conn:
        rows = conn.execute(select(c.address, c.unsubscribed_at).order_by(c.id)).all()
    assert [(a, u is not None) for a, u in rows] == [
        ("f@example.com", True),
        ("f@example.com", True),
        ("other@example.com", False),
    ]


def test_hostile_names_are_escaped_on_the_form_and_in_the_email(site):
    from sqlalchemy import insert

    evil = '<script>alert("x")</script>'
    with site.store.begin() as conn:
        conn.execute(
            insert(s.components).values(id="data:evil", name=evil, service="data", region="evil")
        )
    site.app.state.cache.invalidate()
    visitor = Visitor(site.url)
    page, _ = visitor.form()
    assert evil not in page.text and "&lt;script&gt;" in page.text
    assert visitor.send({"email": "g@example.com", "component": ["data:evil"]}).status_code == 303
    with site.store.connect() as conn:
        html, text = conn.execute(select(s.outbox.c.body_html, s.outbox.c.body_text)).one()
    assert evil not in html and "&lt;script&gt;" in html
    assert evil in text  # plain text is not markup


def test_the_client_limiter_counts_a_sliding_window_and_stays_bounded():
    from amends.web.subscribe import ClientLimiter

    limiter = ClientLimiter(limit=2, window=10, max_clients=3)
    assert limiter.allow("a", now=0) and limiter.allow("a", now=1)
    assert not limiter.allow("a", now=5)  # a third within 10 s
    assert limiter.allow("a", now=10.5)  # the first has left the window
    for n, client in enumerate(("b", "c", "d", "e")):
        assert limiter.allow(client, now=11 + n)
    assert len(limiter._seen) <= 3  # never more clients than the bound
