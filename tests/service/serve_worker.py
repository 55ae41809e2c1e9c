"""`babelwire serve` in its own process, as the kill -9 test needs it: the fast test
encoder, quick retries, webhooks to 127.0.0.1 allowed.

    python serve_worker.py DB PORT
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import uvicorn

from babelwire.alerts.sender import RetryPolicy
from babelwire.service.app import create_app
from tests.service.conftest import TOKEN, fast_pipeline

QUICK = RetryPolicy(first=0.2, factor=2, longest=0.5, give_up_after=600, timeout=5, lease=3)

if __name__ == "__main__":
    db, port = sys.argv[1], int(sys.argv[2])
    app = create_app(
        db, token=TOKEN, pipeline_factory=fast_pipeline, allow_private_hooks=True, retry=QUICK
    )
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
