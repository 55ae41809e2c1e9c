"""Alerts: what changed in the events, sent to subscribers and streamed to the pages.

store transaction (an article opens or joins an event, a merge, a split)
  └─► changes (the store's change log, in the same transaction)
        ├─► deliveries (the outbox: one row per subscription whose filter
        │   matches, same transaction) ─► Sender (serve, watch): signed POSTs,
        │   retried with growing back-off, given up after a bounded time
        └─► GET /api/stream: Server-Sent Events for the pages and any client

filters.py        a subscription's filter and the kinds of change; matching
changes.py        what a change is and says (the JSON a receiver gets)
targets.py        which webhook URLs are allowed (no private addresses)
signing.py        X-Babelwire-Signature: HMAC-SHA256 over "<t>.<body>"
sender.py         the outbox's sender
subscriptions.py  creating a subscription from a request body or the CLI
"""
