"""Where webhooks may point: http(s) only, and no private addresses unless allowed."""

from __future__ import annotations

import pytest

from babelwire.alerts.targets import TargetRefused, check_target


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/x", "gopher://x", "javascript:alert(1)", "http://"],
)
def test_only_http_urls(url):
    with pytest.raises(TargetRefused, match="not an http"):
        check_target(url, allow_private=True)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
        "http://100.64.0.1/hook",
    ],
)
def test_private_targets_are_refused_unless_allowed(url):
    with pytest.raises(TargetRefused, match=r"non-public address.*allow-private-hooks"):
        check_target(url)
    check_target(url, allow_private=True)


def test_a_public_address_is_allowed():
    check_target("https://93.184.216.34/hooks/babelwire")


def test_a_host_that_does_not_resolve_is_named():
    with pytest.raises(TargetRefused, match="cannot be resolved"):
        check_target("https://no-such-host.invalid/hook")
