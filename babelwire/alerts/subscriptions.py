"""A subscription: a webhook URL, a filter, and the secret its deliveries are signed with.

    new_subscription({"url": ..., "q": ..., "min_languages": 3}, allow_private=False)

made the same way from `POST /api/subscriptions` and `babelwire subscribe`.
The secret is shown once, when the subscription is made.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from babelwire.alerts.filters import Filter
from babelwire.alerts.targets import check_target
from babelwire.errors import InputError


@dataclass
class Subscription:
    id: str
    url: str
    secret: str
    filter: Filter = field(default_factory=Filter)
    created_at: str = ""

    def public(self) -> dict[str, Any]:
        """What GET shows: everything but the secret."""
        return {
            "id": self.id,
            "url": self.url,
            "created_at": self.created_at,
            **self.filter.as_dict(),
        }


def new_subscription(body: Any, allow_private: bool = False) -> Subscription:
    """A new subscription from a request body; InputError saying what is wrong."""
    if not isinstance(body, dict):
        raise InputError(
            f"expected a JSON object, got {type(body).__name__}",
            hint='send {"url": "https://...", "q": "...", "min_languages": 3}',
        )
    given = dict(body)
    url = given.pop("url", None)
    if not isinstance(url, str) or not url.strip():
        raise InputError(
            "`url` is required: the address deliveries are POSTed to",
            hint='send {"url": "https://example.org/hooks/babelwire", ...}',
        )
    check_target(url.strip(), allow_private)
    return Subscription(
        id="sub-" + secrets.token_hex(8),
        url=url.strip(),
        secret=secrets.token_hex(32),
        filter=Filter.parse(given),
    )
