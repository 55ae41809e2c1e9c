"""Turn one input file into text, or into the Rejection that says why not.

Every format shares these checks, in this order: the file exists and is
readable, is not over the size limit (checked before reading a byte), is not
binary, decodes (see below), is not empty, and does not read as garbage.

Decoding: valid UTF-8 is always UTF-8 (with or without a BOM; UTF-16 with a
BOM too). Bytes that are mostly UTF-8 with a few bad ones are UTF-8 with
those replaced. Anything else is taken for a legacy encoding saved without a
declaration (koi8-r, shift_jis, euc-kr, tis-620, windows-1255 ...), which
charset-normalizer recognises from the bytes; each such guess is a warning.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
from charset_normalizer.md import mess_ratio

from babelwire import config
from babelwire.model import Rejection

# How much of the start of a file the "mostly non-text" test looks at.
_SAMPLE_CHARS = 8192
# Text never holds control characters beyond a stray one; binary data is
# about one in eight of them, so this share separates the two with margin.
_MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset("\n\t\f\v")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Legacy encodings news was saved in, most common first (the first wins a
# tie: plain Western text decodes alike in several). Without this list
# charset-normalizer also weighs EBCDIC and rare code pages, and a short
# French text comes out as Urdu.
LEGACY_ENCODINGS = [
    "cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u",
    "iso8859_5", "cp1253", "iso8859_7", "cp1254", "cp1255", "iso8859_8", "cp1256",
    "cp1257", "cp1258", "tis_620", "cp874", "shift_jis", "cp932", "euc_jp",
    "iso2022_jp", "euc_kr", "cp949", "gb18030", "big5", "latin_1",
]  # fmt: skip
# Bytes are damaged UTF-8, not another encoding, when characters that decoded
# outnumber the bytes that did not this many times: a legacy encoding's bytes
# seldom form valid UTF-8 sequences by chance.
_UTF8_MAJORITY = 4
# Past one character in ten lost, what is left is no longer the text.
_MAX_REPLACED_SHARE = 0.1
# charset-normalizer's measure of how garbled text looks: real news scores
# under 0.07 (600 articles in 20 languages), mojibake 0.4 and more.
_MAX_MESS = 0.3


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
    loaded = decode_file(data, origin)
    if loaded is None:
        return Rejection(origin, _unreadable_reason("it is neither UTF-8 nor a known encoding"))
    if not loaded.text.strip():
        return Rejection(origin, "empty file: there is nothing to read in it")
    sample = loaded.text[:_SAMPLE_CHARS]
    if _mostly_control_characters(sample):
        return Rejection(origin, _binary_reason("it is mostly control characters"))
    garbled = _garbled(sample)
    if garbled:
        return Rejection(origin, _unreadable_reason(garbled))
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


def decode_file(data: bytes, origin: str) -> LoadedText | None:
    """Decode a whole file: as `decode`, but bytes that are not mostly UTF-8
    are read in the legacy encoding they fit; None when none fits.

    (A line of standard input is too short to tell its encoding by: `decode`.)
    """
    loaded = decode(data, origin)
    if not loaded.warnings or _mostly_utf8(loaded.text):
        return loaded
    legacy = _legacy(data)
    if legacy is None:
        return None
    encoding, text = legacy
    warning = (
        f"{origin} is not UTF-8: it was read as {encoding}, the encoding its bytes fit"
        " best (save it as UTF-8 to be sure every character is right)"
    )
    return LoadedText(normalize_newlines(text), [warning])


def _mostly_utf8(replaced: str) -> bool:
    bad = replaced.count("\ufffd")
    decoded = sum(1 for char in replaced if char > "\x7f") - bad
    return decoded >= _UTF8_MAJORITY * bad


def _legacy(data: bytes) -> tuple[str, str] | None:
    """(encoding, text) of the legacy encoding the bytes fit best, if any fits."""
    matches = charset_normalizer.from_bytes(data, cp_isolation=LEGACY_ENCODINGS)
    if not matches:
        return None
    rank = {name: index for index, name in enumerate(LEGACY_ENCODINGS)}
    best = min(matches, key=lambda m: (m.chaos, -m.coherence, rank.get(m.encoding, len(rank))))
    return best.encoding, str(best)


def _garbled(sample: str) -> str | None:
    """What makes a decoded text unreadable, if it is."""
    visible = sum(1 for char in sample if not char.isspace())
    if sample.count("\ufffd") > _MAX_REPLACED_SHARE * visible:
        return "most of its characters were lost to an earlier conversion (\ufffd)"
    if mess_ratio(sample, _MAX_MESS) >= _MAX_MESS:
        return f"it reads as mojibake ({sample[:30].strip()!r} ...)"
    return None


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


def _unreadable_reason(evidence: str) -> str:
    return (
        f"is unreadable text ({evidence}); save the original as UTF-8 and ingest that file instead"
    )


def _binary_reason(evidence: str) -> str:
    return (
        f"looks binary, not text ({evidence});"
        " give babelwire text files: .txt, .jsonl, .csv, .html or .htm"
    )


def _mostly_control_characters(sample: str) -> bool:
    controls = sum(
        1 for char in sample if char not in _TEXT_CONTROLS and unicodedata.category(char) == "Cc"
    )
    return controls > _MAX_CONTROL_SHARE * len(sample)
