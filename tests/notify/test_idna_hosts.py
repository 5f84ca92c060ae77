"""Webhook hosts spelled in Unicode that IDNA maps to loopback (circled or fullwidth letters,
ideographic dots) are refused when subscribing, by the same check the worker runs before every
delivery (issue 20): the host checked is the host httpx would connect to."""

from __future__ import annotations

import pytest
from tests.hostile.helpers import assert_rejected, count

from amends.publish.urlguard import BlockedURL, GuardedTransport, check_url
from amends.store.testing import create_store

HOSTILE = [
    "http://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ/hook",
    "http://ｌｏｃａｌｈｏｓｔ:8080/hook",
    "http://127。0。0。1/hook",
    "http://１２７.０.０.１/hook",
    "http://LOCALHOST。/hook",
    "http://169。254。169。254/latest/meta-data",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_subscribe_refuses_unicode_loopback_and_stores_nothing(cli, tmp_path, url: str) -> None:
    db = create_store(f"sqlite:///{tmp_path / 'n.db'}")
    assert_rejected(cli("notify", "subscribe", "webhook", url, "--db", db), "webhook")
    assert count(db, "notify_subscriptions") == 0


@pytest.mark.parametrize("url", HOSTILE)
def test_delivery_refuses_them_with_the_same_check(url: str) -> None:
    import httpx

    with pytest.raises(BlockedURL) as at_subscribe:
        check_url(url)
    transport = GuardedTransport()
    try:
        request = httpx.Request("POST", url)
    except httpx.InvalidURL:  # the client that delivers cannot even form the request
        return
    with pytest.raises(BlockedURL) as at_delivery:
        transport.handle_request(request)
    assert str(at_delivery.value).split(" ", 1)[1] == str(at_subscribe.value).split(" ", 1)[1]


def test_a_public_unicode_host_is_still_accepted() -> None:
    assert check_url("https://bücher.example/hook") == "https://bücher.example/hook"
