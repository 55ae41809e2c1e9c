"""One JSONL object or CSV row, as a RawArticle.

Fields: `text` (required), `id`, `title`, `date`, `url`, `source`, `lang`;
any other field is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping

from babelwire.lang import language_code
from babelwire.model import RawArticle, Rejection
from babelwire.readers.dates import parse_date

_OPTIONAL_TEXT_FIELDS = ("id", "title", "url", "source", "lang")

NO_TEXT = "has no text: `text` is missing or empty; give each article a non-empty `text`"


def article_from_record(
    record: Mapping[str, object], origin: str, line: int, file_warnings: list[str]
) -> RawArticle | Rejection:
    """The article a record describes, or why it describes none."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Rejection(origin, NO_TEXT, line)
    where = f"{origin}:{line}"
    warnings = list(file_warnings)
    fields = {name: _text_field(record, name, where, warnings) for name in _OPTIONAL_TEXT_FIELDS}
    fields["lang"] = checked_language(fields["lang"], where, warnings)
    return RawArticle(
        text=_encodable(text.strip()),
        origin=origin,
        line=line,
        date=parse_date(record.get("date"), where, warnings),
        warnings=warnings,
        **fields,
    )


def _text_field(
    record: Mapping[str, object], name: str, where: str, warnings: list[str]
) -> str | None:
    """A field's text, stripped; None when absent, empty or not text."""
    value = record.get(name)
    if value is None:
        return None
    # JSON writers often give ids as numbers: they are still good ids.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        warnings.append(f"{where}: field `{name}` is not text ({value!r}); it was ignored")
        return None
    return _encodable(value.strip()) or None


def checked_language(tag: str | None, where: str, warnings: list[str]) -> str | None:
    """The language code `tag` names; None, with a warning, when it names no language."""
    if tag is None:
        return None
    code = language_code(tag)
    if code is None:
        warnings.append(
            f"{where}: `lang` {tag!r} is not a language code; it was dropped and the"
            " language is detected from the text (write ISO 639 codes: en, nb, zh, yue)"
        )
    return code


def _encodable(text: str) -> str:
    # JSON may escape lone surrogates ("\ud800") that no UTF-8 store can
    # write; replace them here rather than fail far away at storage time.
    return text.encode("utf-8", errors="replace").decode("utf-8")
