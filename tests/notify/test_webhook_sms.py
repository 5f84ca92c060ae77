"""Webhooks signed per Standard Webhooks (verified with the library on the receiving side) and
the SMS gateway adapter against a real local HTTP server, including 429 and 5xx answers."""

from __future__ import annotations

import json

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from amends.publish.channels import Message, parse_retry_after
from amends.publish.notifyconfig import SmsSettings, WebhookSettings
from amends.publish.sms import SmsChannel
from amends.publish.subscriptions import new_webhook_secret
from amends.publish.webhook import WebhookChannel, webhook_id

from .servers import Reply

SECRET = new_webhook_secret()


def _hook(url: str, key: str = "s:1:2") -> Message:
    body = json.dumps({"type": "incident.statement.published", "data": {"stage": "resolve"}})
    return Message(5, key, "webhook", url, payload=body, secret=SECRET)


def _channel() -> WebhookChannel:
    return WebhookChannel(WebhookSettings(allow=["127.0.0.1/32"]))


def test_webhook_carries_verifiable_standard_webhooks_signature(http):
    channel = _channel()
    assert channel.send(_hook(http.url + "/in")).status == "sent"
    assert channel.send(_hook(http.url + "/in")).status == "sent"  # a retry: same webhook-id
    channel.close()
    first, second = http.recorder.requests
    assert first["headers"]["webhook-id"] == second["headers"]["webhook-id"] == webhook_id("s:1:2")
    data = Webhook(SECRET).verify(first["body"], first["headers"])
    assert data["data"]["stage"] == "resolve"
    with pytest.raises(WebhookVerificationError):
        Webhook(new_webhook_secret()).verify(first["body"], first["headers"])
    tampered = first["body"].replace(b"resolve", b"explain")
    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(tampered, first["headers"])


@pytest.mark.parametrize(
    ("reply", "status", "after"),
    [
        (Reply(500), "retry", None),
        (Reply(503, {"retry-after": "7"}), "retry", 7.0),
        (Reply(429, {"retry-after": "3"}), "retry", 3.0),
        (Reply(404), "retry", None),
        (Reply(410), "dead", None),
        (Reply(204, body=b""), "sent", None),
    ],
)
def test_webhook_answers_are_classified(http, reply, status, after):
    http.recorder.default = reply
    channel = _channel()
    outcome = channel.send(_hook(http.url + "/in"))
    channel.close()
    assert outcome.status == status
    assert outcome.retry_after == after


def test_webhook_receiver_down_is_a_retry():
    channel = _channel()
    outcome = channel.send(_hook("http://127.0.0.1:1/in"))
    channel.close()
    assert outcome.status == "retry" and "Connect" in (outcome.error or "")


def test_retry_after_http_date_and_garbage():
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert parse_retry_after("soon") is None
    assert parse_retry_after("99999") == 3600.0


def _sms(http, **kw) -> SmsChannel:
    settings = SmsSettings(url=http.url + "/v1/messages", sender="Amends", **kw)
    return SmsChannel(settings)


def _text(i: int = 1) -> Message:
    return Message(i, f"n:{i}", "sms", "+14155552671", text="Calls in California fail since 09:12.")


def test_sms_gateway_gets_json_with_bearer_auth_and_idempotency_key(http):
    channel = _sms(http, token="gw-token", extra={"priority": "high"})
    assert channel.send(_text()).status == "sent"
    channel.close()
    (req,) = http.recorder.requests
    assert req["path"] == "/v1/messages"
    assert req["headers"]["authorization"] == "Bearer gw-token"
    assert req["headers"]["idempotency-key"] == "n:1"
    assert json.loads(req["body"]) == {
        "to": "+14155552671",
        "text": "Calls in California fail since 09:12.",
        "from": "Amends",
        "priority": "high",
    }


def test_sms_gateway_field_names_and_basic_auth(http):
    channel = _sms(
        http,
        auth="basic",
        username="acct",
        password="pw",
        to_field="To",
        text_field="Body",
        from_field="From",
    )
    assert channel.send(_text()).status == "sent"
    channel.close()
    (req,) = http.recorder.requests
    assert req["headers"]["authorization"].startswith("Basic ")
    assert set(json.loads(req["body"])) == {"To", "Body", "From"}


@pytest.mark.parametrize(
    ("reply", "status", "after"),
    [
        (Reply(429, {"retry-after": "12"}), "retry", 12.0),
        (Reply(429), "retry", None),
        (Reply(502), "retry", None),
        (Reply(503, {"retry-after": "2"}), "retry", 2.0),
        (Reply(401), "retry", None),  # our credentials: fix the config, keep the message
        (Reply(400, body=b'{"error":"invalid number"}'), "dead", None),
        (Reply(202), "sent", None),
    ],
)
def test_sms_gateway_answers_are_classified(http, reply, status, after):
    http.recorder.default = reply
    channel = _sms(http, auth="header", header="X-Api-Key", token="k")
    outcome = channel.send(_text())
    channel.close()
    assert (outcome.status, outcome.retry_after) == (status, after)
    assert http.recorder.requests[0]["headers"]["x-api-key"] == "k"


def test_sms_without_gateway_url_is_a_clear_error():
    with pytest.raises(ValueError, match="url is not set"):
        SmsChannel(SmsSettings())
