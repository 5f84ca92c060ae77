"""Hostile webhook URLs: only public addresses may be reached, checked at every connect.

A subscriber's URL could point at loopback, the private network, link-local or a cloud metadata
service, spelled as decimal/octal/hex IPv4, an IPv6-mapped address or a DNS name whose answer
changes between check and connect. `GuardedTransport` resolves each host once, checks every
address and connects to exactly the address it checked, for the first request and each redirect.
"""

from __future__ import annotations

import ipaddress
import socket
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
#: (host, port) -> the addresses to try; injectable so tests can play a rebinding DNS server.
Resolver = Callable[[str, int], list[IPAddress]]

#: Addresses that are globally routable in the registry but still reach the provider's own cloud.
METADATA: tuple[IPNetwork, ...] = (
    ipaddress.ip_network("169.254.169.254/32"),  # AWS, GCP, Azure, OpenStack
    ipaddress.ip_network("fd00:ec2::254/128"),  # AWS IPv6
    ipaddress.ip_network("100.100.100.200/32"),  # Alibaba
    ipaddress.ip_network("192.0.0.192/32"),  # Oracle
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class BlockedURL(Exception):
    """The URL (or an address it resolves to) may not be reached; a permanent failure."""


def parse_networks(ranges: Iterable[str]) -> tuple[IPNetwork, ...]:
    """Operator-allowed CIDR ranges (e.g. "10.20.0.0/16"), checked."""
    out = []
    for text in ranges:
        try:
            out.append(ipaddress.ip_network(text.strip(), strict=False))
        except ValueError:
            raise ValueError(f"webhook allow range {text!r} is not a CIDR range") from None
    return tuple(out)


def parse_host_ip(host: str) -> IPAddress | None:
    """The IP a host string denotes, including legacy spellings (2130706433, 0x7f.1, 0177.0.0.1).

    Returns None for a DNS name. Any spelling the C resolver would read as IPv4 is caught here.
    """
    host = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if host and all(c in "0123456789abcdefxABCDEFX." for c in host) and host[0].isdigit():
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address hidden in an IPv6 one (mapped, compatible, 6to4, NAT64, Teredo)."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    packed = int(ip)
    if packed >> 32 == 0 and packed > 1:  # IPv4-compatible ::a.b.c.d (deprecated)
        return ipaddress.IPv4Address(packed)
    return None


def blocked_reason(ip: IPAddress, allow: Sequence[IPNetwork] = ()) -> str | None:
    """Why this address may not be reached (None when it may): loopback, private, metadata..."""
    if any(ip in net for net in allow if net.version == ip.version):
        return None
    inner = embedded_ipv4(ip)
    if inner is not None:
        reason = blocked_reason(inner, allow)
        if reason is not None:
            return f"{reason} (embedded in {ip})"
    if any(ip in net for net in METADATA if net.version == ip.version):
        return "a cloud metadata address"
    for attr, words in (
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_unspecified", "the unspecified address"),
        ("is_private", "a private address"),
        ("is_reserved", "a reserved address"),
    ):
        if getattr(ip, attr):
            return words
    if not ip.is_global:
        return "not a public address"
    return None


def system_resolver(host: str, port: int) -> list[IPAddress]:
    """Resolve with the system resolver (every A/AAAA answer)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
    seen: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if ip not in seen:
            seen.append(ip)
    return seen


def _literal_ip(url: str) -> IPAddress | None:
    """The IP a URL's host spells in any form the C resolver accepts (None: not an IP)."""
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return parse_host_ip(host) if host else None


def check_url(url: str, allow: Sequence[IPNetwork] = ()) -> str:
    """Check a webhook URL's form without DNS: http(s), a host, no credentials, no blocked IP.

    Returns the URL unchanged; raises BlockedURL with the reason. The one check used when
    subscribing and before every delivery: the URL is parsed by httpx, the client that delivers,
    so the host checked is the host it would reach (IDNA applied: circled letters, fullwidth
    letters and ideographic dots map to plain ASCII first, or are refused).
    """
    try:
        parts = httpx.URL(url)
        host = parts.raw_host.decode("ascii")
    except (httpx.InvalidURL, ValueError, TypeError, UnicodeError) as exc:
        ip = _literal_ip(url)  # e.g. 0177.0.0.1: the C resolver reads it, httpx does not
        reason = blocked_reason(ip, allow) if ip is not None else None
        if ip is not None and reason is not None:
            raise BlockedURL(f"{url!r} points at {ip}, {reason}") from None
        raise BlockedURL(f"{url!r} is not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise BlockedURL(f"{url!r}: only http and https URLs can receive webhooks")
    if not host:
        raise BlockedURL(f"{url!r} has no host")
    if parts.userinfo:
        raise BlockedURL(f"{url!r}: credentials in the URL are not allowed; use the signing secret")
    if parts.port == 0:
        raise BlockedURL(f"{url!r}: port 0 is not allowed")
    ip = parse_host_ip(host)
    if ip is not None:
        reason = blocked_reason(ip, allow)
        if reason is not None:
            raise BlockedURL(f"{url!r} points at {ip}, {reason}")
    elif host.rstrip(".").lower() in ("localhost", "localhost.localdomain") or host.endswith(
        (".localhost", ".localhost.")
    ):
        raise BlockedURL(f"{url!r} points at localhost")
    return url


@dataclass
class GuardedBackend(httpcore.NetworkBackend):
    """An httpcore network backend that resolves once, checks, and connects to the checked IP."""

    allow: Sequence[IPNetwork] = ()
    resolver: Resolver = system_resolver
    connected: list[tuple[str, IPAddress]] = field(default_factory=list)  # for tests and logs
    _inner: httpcore.SyncBackend = field(default_factory=httpcore.SyncBackend)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve `host` once, refuse if any answer is blocked, then dial that exact address."""
        literal = parse_host_ip(host)
        addresses = [literal] if literal is not None else self.resolver(host, port)
        if not addresses:
            raise httpcore.ConnectError(f"{host} has no addresses")
        for ip in addresses:
            reason = blocked_reason(ip, self.allow)
            if reason is not None:
                raise BlockedURL(f"{host} resolves to {ip}, {reason}")
        last: Exception | None = None
        for ip in addresses:
            try:
                stream = self._inner.connect_tcp(
                    str(ip), port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                last = exc
                continue
            self.connected.append((host, ip))
            return stream
        raise last or httpcore.ConnectError(f"cannot connect to {host}")

    def connect_unix_socket(self, *args: typing.Any, **kwargs: typing.Any) -> typing.NoReturn:
        """Unix sockets are never a webhook target."""
        raise BlockedURL("unix sockets are not allowed")

    def sleep(self, seconds: float) -> None:
        """Delegate to the standard backend."""
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx transport whose every connection (first request and redirects) goes through the guard.

    TLS still verifies the certificate against the URL's host name (SNI), not the IP.
    """

    def __init__(
        self,
        allow: Sequence[IPNetwork] = (),
        resolver: Resolver = system_resolver,
        **kwargs: typing.Any,
    ) -> None:
        super().__init__(**kwargs)
        self.backend = GuardedBackend(allow=tuple(allow), resolver=resolver)
        pool = self._pool
        if not isinstance(pool, httpcore.ConnectionPool):  # pragma: no cover - proxies are off
            raise TypeError("GuardedTransport does not support proxies")
        pool._network_backend = self.backend

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Check the URL's form (scheme, literal IPs), then send through the guarded pool."""
        check_url(str(request.url), self.backend.allow)
        return super().handle_request(request)


def guarded_client(
    allow: Sequence[IPNetwork] = (),
    *,
    timeout: float = 10.0,
    resolver: Resolver = system_resolver,
    verify: typing.Any = True,
) -> httpx.Client:
    """An httpx client for subscriber URLs: guarded transport, no env proxies.

    Redirects are not followed here: the caller follows 307/308 itself (a POST stays a POST),
    and every hop goes through the same guarded transport.
    """
    return httpx.Client(
        transport=GuardedTransport(allow=allow, resolver=resolver, verify=verify),
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
    )
