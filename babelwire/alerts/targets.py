"""Where a webhook may point: http(s), and not into the server's own network.

A webhook makes the server send requests wherever a subscriber says, so a
target on a loopback, private, link-local or otherwise non-public address
(the cloud metadata service at 169.254.169.254, the database next door) is
refused unless the operator allows it (`serve --allow-private-hooks`, or
BABELWIRE_ALLOW_PRIVATE_HOOKS=1). The check runs when the subscription is
made and again before every delivery, since a name may resolve elsewhere later.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from babelwire.errors import InputError
from babelwire.service.fetch import WEB_SCHEMES

PRIVATE_HINT = (
    "a webhook must reach a public address; to allow loopback and private targets "
    "start the service with `serve --allow-private-hooks` (or BABELWIRE_ALLOW_PRIVATE_HOOKS=1)"
)


class TargetRefused(InputError):
    """A webhook URL babelwire will not send to."""


def check_target(url: str, allow_private: bool = False) -> None:
    """Raise TargetRefused unless `url` is an http(s) URL babelwire may send to."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        raise TargetRefused(
            f"the webhook URL {url!r} is not an http(s) URL",
            hint="give an address such as https://example.org/hooks/babelwire",
        )
    if allow_private:
        return
    for address in _addresses(parts.hostname, url):
        if not _public(address):
            raise TargetRefused(
                f"the webhook URL {url!r} leads to {address}, a non-public address",
                hint=PRIVATE_HINT,
            )


def _addresses(host: str, url: str) -> list[str]:
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise TargetRefused(
            f"the host of the webhook URL {url!r} cannot be resolved: {error}",
            hint="check the host name",
        ) from error
    return sorted({str(info[4][0]) for info in found})


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])  # drop an IPv6 zone
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast
