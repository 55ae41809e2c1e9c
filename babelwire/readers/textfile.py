"""Turn one input file into text, or into the Rejection that says why not.

Every format shares these checks, in this order: the file exists and is
readable, is not over the size limit (checked before reading a byte), is not
binary, decodes as UTF-8 (with a warning when it does not), and is not empty.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from babelwire import config
from babelwire.model import Rejection

# How much of the start of a file the "mostly non-text" test looks at.
_SAMPLE_CHARS = 8192
# Text never holds control characters beyond a stray one; binary data is
# about one in eight of them, so this share separates the two with margin.
_MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset("\n\t\f\v")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass
class LoadedText:
    """A file's text with newlines made `\\n`, and what went wrong decoding it."""

    text: str
    warnings: list[str] = field(default_factory=list)


def load_text(path: Path) -> LoadedText | Rejection:
    """Read `path` as text, or say why it cannot be an input."""
    origin = str(path)
    data = _read_within_limit(path)
    if isinstance(data, str):
        return Rejection(origin, data)
    if b"\x00" in data and not data.startswith(_UTF16_BOMS):
        return Rejection(origin, _binary_reason("it contains NUL bytes"))
    loaded = decode(data, origin)
    if not loaded.text.strip():
        return Rejection(origin, "empty file: there is nothing to read in it")
    if _mostly_control_characters(loaded.text[:_SAMPLE_CHARS]):
        return Rejection(origin, _binary_reason("it is mostly control characters"))
    return loaded


def decode(data: bytes, origin: str) -> LoadedText:
    """Decode bytes as UTF-8 (BOM or not), replacing what does not decode."""
    if data.startswith(_UTF16_BOMS):
        # Windows editors save "Unicode" as UTF-16 with a BOM: read it rather
        # than call a text file binary for its NUL bytes.
        return LoadedText(normalize_newlines(data.decode("utf-16", errors="replace")))
    warnings = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
        warnings.append(not_utf8_warning(origin))
    return LoadedText(normalize_newlines(text), warnings)


def not_utf8_warning(origin: str) -> str:
    return (
        f"{origin} is not valid UTF-8; undecodable bytes were replaced"
        " (save it as UTF-8 to keep every character)"
    )


def normalize_newlines(text: str) -> str:
    """Windows (`\\r\\n`) and old Mac (`\\r`) line ends become `\\n`."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_within_limit(path: Path) -> bytes | str:
    """The file's bytes, or the reason they could not be read."""
    try:
        size = path.stat().st_size
        limit = config.max_file_bytes()
        if size > limit:
            return _too_large_reason(size, limit)
        return path.read_bytes()
    except FileNotFoundError:
        return f"no such file or folder: {path} (check the path)"
    except OSError as error:
        return f"cannot be read: {error.strerror or error} (check that it exists and is readable)"


def _too_large_reason(size: int, limit: int) -> str:
    variable = config.SETTINGS["max_file_mb"].env_var
    return (
        f"file is too large: {size:,} bytes, over the limit of {limit:,} bytes;"
        f" split it into smaller files or raise {variable}"
    )


def _binary_reason(evidence: str) -> str:
    return (
        f"looks binary, not text ({evidence});"
        " give babelwire UTF-8 text files: .txt, .jsonl or .csv"
    )


def _mostly_control_characters(sample: str) -> bool:
    controls = sum(
        1 for char in sample if char not in _TEXT_CONTROLS and unicodedata.category(char) == "Cc"
    )
    return controls > _MAX_CONTROL_SHARE * len(sample)
