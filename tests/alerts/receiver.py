"""A webhook receiver on 127.0.0.1 for the tests: a real HTTP server in a thread.

    with Receiver(answers=[503, 503]) as receiver:   # the first two POSTs get 503, then 200
        ... receiver.url ... receiver.received ...

It records every POST (headers, raw body) and answers in order the codes it
was given, then 200.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from babelwire.alerts.signing import HEADER, verify


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body)

    def signed_by(self, secret: str) -> bool:
        return verify(secret, self.headers.get(HEADER, ""), self.body)


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # the standard library's 5 drops a sender's concurrent connections
    daemon_threads = True


class Receiver:
    def __init__(self, answers: list[int] | None = None, port: int = 0) -> None:
        self.answers = list(answers or [])
        self.received: list[Received] = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                with receiver._lock:
                    code = receiver.answers.pop(0) if receiver.answers else 200
                    if code == 200:
                        receiver.received.append(Received(dict(self.headers), body))
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_: Any) -> None:
                pass

        self.server = _Server(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def bodies(self) -> list[dict[str, Any]]:
        with self._lock:
            return [r.json for r in self.received]

    def wait_for(self, count: int, timeout: float = 60.0) -> list[dict[str, Any]]:
        """The bodies once at least `count` deliveries arrived (fails after `timeout`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.received) >= count:
                return self.bodies()
            time.sleep(0.05)
        raise AssertionError(f"{len(self.received)} deliveries arrived, expected {count}")
