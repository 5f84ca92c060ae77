"""Email against a real aiosmtpd server on loopback: MIME, idempotent Message-ID, RFC 8058,
STARTTLS with a trustme certificate and AUTH, and how SMTP errors are classified."""

from __future__ import annotations

import ssl

import pytest
import trustme
from aiosmtpd.smtp import AuthResult, LoginPassword

from amends.publish.channels import Message
from amends.publish.email import EmailChannel, message_id
from amends.publish.notifyconfig import EmailSettings

from .servers import SmtpRecorder, SmtpServer


def _msg(i: int = 1, rcpt: str = "ann@example.org", **kw) -> Message:
    return Message(
        i,
        f"s:7:{i}",
        "email",
        rcpt,
        subject="Calls in California are failing",
        text="We are sorry.\n.A line starting with a dot.\n",
        html="<p>We are sorry.</p>",
        unsubscribe_url=f"https://status.example.net/notify/unsubscribe/tok{i}",
        **kw,
    )


def test_multipart_message_with_stable_message_id_and_one_click_unsubscribe(smtp):
    channel = EmailChannel(EmailSettings(port=smtp.port, sender="status@example.net"))
    assert channel.send(_msg()).status == "sent"
    assert channel.send(_msg()).status == "sent"  # a retry of the same row
    channel.close()
    first, second = smtp.recorder.parsed()
    assert first["Message-ID"] == second["Message-ID"] == message_id("s:7:1", "example.net")
    assert first["List-Unsubscribe"] == "<https://status.example.net/notify/unsubscribe/tok1>"
    assert first["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert first["To"] == "ann@example.org"
    assert first.get_content_type() == "multipart/alternative"
    text = first.get_body(("plain",)).get_content()
    assert ".A line starting with a dot." in text  # dot-stuffing survived the pipeline
    assert first.get_body(("html",)).get_content().strip() == "<p>We are sorry.</p>"


def test_one_session_carries_many_messages(smtp):
    sessions = []
    channel = EmailChannel(EmailSettings(port=smtp.port))
    real_connect = channel.connect

    def counting():
        sessions.append(1)
        return real_connect()

    channel.connect = counting  # type: ignore[method-assign]
    for i in range(25):
        assert channel.send(_msg(i, f"user{i}@example.org")).status == "sent"
    channel.close()
    assert len(smtp.recorder.messages) == 25 and len(sessions) == 1
    assert sorted(m[1][0] for m in smtp.recorder.messages) == sorted(
        f"user{i}@example.org" for i in range(25)
    )


@pytest.mark.parametrize("pipelining", [True, False])
def test_refused_recipient_is_dead_and_session_stays_usable(pipelining):
    rec = SmtpRecorder(refuse_rcpt={"gone@example.org": "550 5.1.1 no such user"})
    with SmtpServer(rec) as server:
        channel = EmailChannel(EmailSettings(port=server.port, pipelining=pipelining))
        bad = channel.send(_msg(1, "gone@example.org"))
        good = channel.send(_msg(2, "ann@example.org"))
        channel.close()
    assert bad.status == "dead" and "550" in (bad.error or "")
    assert good.status == "sent"
    assert [m[1] for m in rec.messages] == [["ann@example.org"]]


def test_temporary_failure_retries():
    rec = SmtpRecorder(data_reply="451 4.3.0 try again later")
    with SmtpServer(rec) as server:
        channel = EmailChannel(EmailSettings(port=server.port))
        outcome = channel.send(_msg())
        channel.close()
    assert outcome.status == "retry" and "451" in (outcome.error or "")


def test_server_down_retries():
    channel = EmailChannel(EmailSettings(port=1, timeout=2))
    outcome = channel.send(_msg())
    assert outcome.status == "retry"


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(server_ctx)
    ca_file = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return server_ctx, ca_file


def _auth(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (
        auth_data.login == b"mailer" and auth_data.password == b"s3cret"
    )
    return AuthResult(success=ok)


def test_starttls_and_auth(tls):
    server_ctx, ca_file = tls
    rec = SmtpRecorder()
    kwargs = dict(
        tls_context=server_ctx, require_starttls=True, authenticator=_auth, auth_required=True
    )
    with SmtpServer(rec, **kwargs) as server:
        settings = EmailSettings(
            port=server.port, starttls=True, ca_file=ca_file, username="mailer", password="s3cret"
        )
        channel = EmailChannel(settings)
        assert channel.send(_msg()).status == "sent"
        assert channel.smtp is not None and isinstance(channel.smtp.sock, ssl.SSLSocket)
        channel.close()
        # no credentials against a server that requires AUTH: 530, kept for retry (config error)
        anonymous = EmailChannel(settings.model_copy(update={"username": None}))
        outcome = anonymous.send(_msg(2))
        anonymous.close()
        assert outcome.status == "retry" and "530" in (outcome.error or "")
        # no STARTTLS configured against a server that requires it: refused, retried later
        plain = EmailChannel(EmailSettings(port=server.port, username="mailer", password="s3cret"))
        assert plain.send(_msg(3)).status == "retry"
        plain.close()
    assert len(rec.messages) == 1


def test_starttls_with_an_untrusted_certificate_is_refused(tls):
    server_ctx, _ca = tls
    rec = SmtpRecorder()
    with SmtpServer(rec, tls_context=server_ctx, require_starttls=True) as server:
        channel = EmailChannel(EmailSettings(port=server.port, starttls=True))  # system CAs
        outcome = channel.send(_msg())
    assert outcome.status == "retry" and "certificate" in (outcome.error or "").lower()
    assert rec.messages == []
