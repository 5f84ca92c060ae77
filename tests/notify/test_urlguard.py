"""Hostile webhook URLs: every spelling of an internal address is refused, at subscribe time and
at connect time (redirects and DNS answers that change between check and connect included)."""

from __future__ import annotations

import ipaddress

import pytest

from amends.publish.channels import Message
from amends.publish.notifyconfig import WebhookSettings
from amends.publish.urlguard import (
    BlockedURL,
    blocked_reason,
    check_url,
    guarded_client,
    parse_host_ip,
    parse_networks,
)
from amends.publish.webhook import WebhookChannel

from .servers import HttpRecorder, HttpServer, Reply

HOSTILE = [
    ("http://127.0.0.1/", "loopback"),
    ("http://127.1/", "loopback"),
    ("http://2130706433/", "loopback"),  # decimal
    ("http://017700000001/", "loopback"),  # octal, one number
    ("http://0177.0.0.1/", "loopback"),  # octal dotted
    ("http://0x7f000001/", "loopback"),  # hex
    ("http://0x7f.0.0.1/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),  # IPv4-mapped IPv6
    ("http://[::ffff:7f00:1]/", "loopback"),
    ("http://[::127.0.0.1]/", "loopback"),  # IPv4-compatible (deprecated)
    ("http://[2002:7f00:1::]/", "loopback"),  # 6to4
    ("http://[64:ff9b::a9fe:a9fe]/", "metadata"),  # NAT64 of 169.254.169.254
    ("http://169.254.169.254/latest/meta-data/", "metadata"),
    ("http://[fd00:ec2::254]/", "metadata"),
    ("http://100.100.100.200/", "metadata"),
    ("http://169.254.1.1/", "link-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://10.1.2.3/", "private"),
    ("http://172.16.0.1/", "private"),
    ("http://192.168.0.1:8080/x", "private"),
    ("http://[fc00::1]/", "private"),
    ("http://100.64.0.1/", "public"),  # carrier-grade NAT: not global
    ("http://0.0.0.0/", "unspecified"),
    ("http://[::]/", "unspecified"),
    ("http://224.0.0.1/", "multicast"),
    ("http://localhost:8000/", "localhost"),
    ("http://api.localhost/", "localhost"),
    ("file:///etc/passwd", "http"),
    ("gopher://example.com/", "http"),
    ("http://user:pass@example.com/", "credentials"),
]


@pytest.mark.parametrize(("url", "why"), HOSTILE)
def test_hostile_urls_are_refused(url, why):
    with pytest.raises(BlockedURL, match=why):
        check_url(url)


@pytest.mark.parametrize(
    "url",
    ["https://hooks.example.com/amends", "http://93.184.216.34:8080/x", "https://[2606:4700::1]/"],
)
def test_public_urls_pass(url):
    assert check_url(url) == url


def test_legacy_spellings_parse_to_the_same_address():
    for spelling in ("2130706433", "017700000001", "0x7f.1", "127.0.0.1", "0177.0.0.01"):
        assert parse_host_ip(spelling) == ipaddress.ip_address("127.0.0.1")
    assert parse_host_ip("example.com") is None
    assert parse_host_ip("1e100.net") is None


def test_operator_allowed_range_opens_only_that_range():
    allow = parse_networks(["10.20.0.0/16", "::1/128"])
    assert blocked_reason(ipaddress.ip_address("10.20.3.4"), allow) is None
    assert blocked_reason(ipaddress.ip_address("::1"), allow) is None
    assert blocked_reason(ipaddress.ip_address("10.21.0.1"), allow) == "a private address"
    assert "loopback" in (blocked_reason(ipaddress.ip_address("127.0.0.1"), allow) or "")
    with pytest.raises(ValueError, match="CIDR"):
        parse_networks(["not-a-range"])


def _msg(url: str) -> Message:
    return Message(1, "k1", "webhook", url, payload='{"a":1}', secret="whsec_" + "QUJD" * 8)


def test_dns_name_resolving_to_loopback_is_refused_at_connect():
    with HttpServer(HttpRecorder()) as server:
        port = server.httpd.server_address[1]
        channel = WebhookChannel(
            WebhookSettings(), resolver=lambda host, p: [ipaddress.ip_address("127.0.0.1")]
        )
        outcome = channel.send(_msg(f"http://hooks.example.com:{port}/x"))
        channel.close()
        assert outcome.status == "dead" and "loopback" in (outcome.error or "")
        assert server.recorder.requests == []


def _pair_on_one_port() -> tuple[HttpServer, HttpServer]:
    """Two receivers on the same port: 127.0.0.2 (allowed) and 127.0.0.1 (must never be hit)."""
    for _ in range(20):
        good = HttpServer(HttpRecorder(), host="127.0.0.2")
        try:
            evil = HttpServer(HttpRecorder(), host="127.0.0.1", port=good.port)
        except OSError:
            good.httpd.server_close()
            continue
        return good, evil
    pytest.skip("could not bind two loopback addresses on one port")


def test_dns_rebinding_connects_to_the_address_that_was_checked():
    """The resolver answers an allowed address first and loopback afterwards (a rebinding DNS
    server). The guard resolves once per connection and dials the checked address, so the
    request lands on the allowed server, never on the loopback one on the same port."""
    good, evil = _pair_on_one_port()
    with good, evil:
        calls: list[str] = []

        def rebinding(host: str, p: int) -> list[ipaddress.IPv4Address]:
            calls.append(host)
            return [ipaddress.ip_address("127.0.0.2" if len(calls) == 1 else "127.0.0.1")]

        url = f"http://rebind.example:{good.port}/hook"
        client = guarded_client(parse_networks(["127.0.0.2/32"]), resolver=rebinding)
        resp = client.post(url, content=b"{}")
        assert resp.status_code == 200
        assert len(good.recorder.requests) == 1 and evil.recorder.requests == []
        assert calls == ["rebind.example"]  # one lookup per connection: nothing to rebind
        assert [str(ip) for _h, ip in client._transport.backend.connected] == ["127.0.0.2"]
        client.close()
        # a new connection resolves again: now loopback, refused before any connect
        client = guarded_client(parse_networks(["127.0.0.2/32"]), resolver=rebinding)
        with pytest.raises(BlockedURL, match="loopback"):
            client.post(url, content=b"{}")
        client.close()
        assert evil.recorder.requests == []


def test_redirect_to_internal_address_is_refused():
    with HttpServer(HttpRecorder()) as inner, HttpServer(HttpRecorder()) as outer:
        outer.recorder.default = Reply(307, {"location": "http://169.254.169.254/latest"})
        channel = WebhookChannel(WebhookSettings(allow=["127.0.0.1/32"]))
        outcome = channel.send(_msg(outer.url + "/hook"))
        channel.close()
        assert outcome.status == "dead" and "metadata" in (outcome.error or "")
        assert len(outer.recorder.requests) == 1 and inner.recorder.requests == []


def test_redirect_with_decimal_loopback_is_refused():
    with HttpServer(HttpRecorder(), host="127.0.0.2") as outer:
        outer.recorder.default = Reply(308, {"location": "http://2130706433:9/"})
        channel = WebhookChannel(WebhookSettings(allow=["127.0.0.2/32"]))
        outcome = channel.send(_msg(outer.url + "/hook"))
        channel.close()
        assert outcome.status == "dead" and "loopback" in (outcome.error or "")


def test_allowed_redirect_is_followed_and_keeps_the_post():
    with HttpServer(HttpRecorder()) as target, HttpServer(HttpRecorder()) as outer:
        outer.recorder.default = Reply(307, {"location": target.url + "/moved"})
        channel = WebhookChannel(WebhookSettings(allow=["127.0.0.1/32"]))
        outcome = channel.send(_msg(outer.url + "/hook"))
        channel.close()
        assert outcome.status == "sent"
        assert [r["path"] for r in target.recorder.requests] == ["/moved"]
        assert target.recorder.requests[0]["body"] == b'{"a":1}'


def test_redirect_loop_ends_dead():
    with HttpServer(HttpRecorder()) as outer:
        outer.recorder.default = Reply(307, {"location": "/again"})
        channel = WebhookChannel(WebhookSettings(allow=["127.0.0.1/32"], max_redirects=2))
        outcome = channel.send(_msg(outer.url + "/hook"))
        channel.close()
        assert outcome.status == "dead" and "redirects" in (outcome.error or "")
        assert len(outer.recorder.requests) == 3
