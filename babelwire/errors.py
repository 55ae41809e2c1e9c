"""Every error babelwire raises on purpose, each saying what to do next.

    BabelwireError                 (status 500: a bug or an environment problem)
    ├── InputError                 (400: an input cannot be read as articles)
    ├── NotFound                   (404: no such event or article)
    ├── StoreError                 (503: the store cannot be opened or written)
    ├── FetchError                 (502: a feed or page cannot be fetched)
    │   └── LinkRefused            (502: a feed's link leads somewhere babelwire must not read)
    ├── EncoderError               (502: the embeddings server failed or answered nonsense)
    └── SettingError               (500: a BABELWIRE_* setting has a value babelwire cannot use)

The HTTP service answers with `status` and `{"error": ..., "detail": ...}`.
"""

from __future__ import annotations


class BabelwireError(Exception):
    status = 500

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(BabelwireError):
    status = 400


class NotFound(BabelwireError):
    status = 404


class StoreError(BabelwireError):
    status = 503


class SettingError(BabelwireError):
    pass


class FetchError(BabelwireError):
    status = 502


class LinkRefused(FetchError):
    pass


class EncoderError(BabelwireError):
    status = 502
