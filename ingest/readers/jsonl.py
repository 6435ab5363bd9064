"""JSON Lines and JSON records to articles.

A record is ``{"url", "outlet", "title", "author", "published", "language", "text"}``
with ``text`` or ``html`` required; unknown keys are ignored. These are also the keys of
a text file's front matter, so ``article_from_fields`` is shared with ``textfile``.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping

from dateutil import parser as date_parser

from claimkb.ingest.readers.html import read_html
from claimkb.ingest.records import ArticleRecord, InputError

METADATA_FIELDS = ("url", "outlet", "title", "author", "published", "language")
# Already ISO 8601 (date, or date and time with optional zone): kept as written.
ISO_DATE = re.compile(
    r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?"
)
NO_DATE = dt.datetime(1, 1, 1)  # fills the parts a free-form date leaves out


def read_json_records(data: bytes, source: str, lines_only: bool) -> Iterator[ArticleRecord | InputError]:
    """Articles from JSON Lines (``lines_only``), or from one JSON document holding a record
    or a list of records, falling back to JSON Lines when the document is not one JSON value.

    Yields an InputError per bad line or record; raises InputError if the input as a whole
    is unusable.
    """
    text = decode_utf8(data, source)
    if not lines_only:
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            if not _first_line_is_object(text):
                raise InputError(source, f"invalid JSON: {error}") from None
        else:
            yield from _records_in_document(document, source)
            return
    # Split on "\n" only: str.splitlines also breaks at U+2028, which JSON strings may hold.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_source = f"{source}:{number}"
        try:
            fields = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(line_source, f"invalid JSON: {error}")
            continue
        yield _record_or_error(fields, line_source)


def _records_in_document(document, source: str) -> Iterator[ArticleRecord | InputError]:
    if isinstance(document, list):
        for number, fields in enumerate(document, start=1):
            yield _record_or_error(fields, f"{source}#record-{number}")
    else:
        yield _record_or_error(document, source)


def _first_line_is_object(text: str) -> bool:
    first = next((line for line in text.split("\n") if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


def _record_or_error(fields, source: str) -> ArticleRecord | InputError:
    try:
        return record_from_json(fields, source)
    except InputError as error:
        return error


def record_from_json(fields, source: str) -> ArticleRecord:
    """One JSON record as an article: its ``text``, or else the main text of its ``html``,
    whose extracted metadata the record's own fields override."""
    if not isinstance(fields, dict):
        raise InputError(source, f"a record must be a JSON object, not {_json_type(fields)}")
    text, html = fields.get("text"), fields.get("html")
    if text is not None:
        if not isinstance(text, str):
            raise InputError(source, f'"text" must be a string, not {_json_type(text)}')
        if not text.strip():
            raise InputError(source, 'empty "text"')
        return article_from_fields(fields, text, source)
    if html is None:
        raise InputError(source, 'no "text" or "html" field')
    if not isinstance(html, str):
        raise InputError(source, f'"html" must be a string, not {_json_type(html)}')
    own = article_from_fields(fields, "", source)
    extracted = read_html(html, source, url=own.url)
    for name in METADATA_FIELDS:
        if getattr(own, name) is not None:
            setattr(extracted, name, getattr(own, name))
    return extracted


def article_from_fields(fields: Mapping, text: str, source: str) -> ArticleRecord:
    """An article from ``text`` and the metadata keys of ``fields`` (others ignored).

    Values are stripped; empty ones become None. ``published`` becomes ISO 8601 text;
    ``author`` may be a list of names. Raises InputError for a value of the wrong type.
    """
    values = {}
    for name in METADATA_FIELDS:
        value = fields.get(name)
        if name == "published":
            values[name] = iso_date(value, source)
        elif name == "author" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            values[name] = "; ".join(v.strip() for v in value if v.strip()) or None
        else:
            values[name] = _text_value(name, value, source)
    return ArticleRecord(text=text, source=source, **values)


def _text_value(name: str, value, source: str) -> str | None:
    if value is None:
        return None
    # Numbers are accepted as text because YAML front matter turns "title: 1984" into one.
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    raise InputError(source, f'"{name}" must be text, not {_json_type(value)}')


def iso_date(value, source: str) -> str | None:
    """A publication date as ISO 8601 text, from a date/datetime (YAML parses dates) or
    from text in ISO or another common form; None when it cannot be read as a date."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if not isinstance(value, str):
        raise InputError(source, f'"published" must be a date or text, not {_json_type(value)}')
    value = value.strip()
    if not value:
        return None
    if ISO_DATE.fullmatch(value):
        return value
    try:
        # Fields missing from the text come from ``default``; a missing year means it is
        # not a date ("Tuesday", "10:30").
        parsed = date_parser.parse(value, default=NO_DATE)
    except (ValueError, OverflowError):
        return None
    return None if parsed.year == NO_DATE.year else parsed.isoformat()


def decode_utf8(data: bytes, source: str) -> str:
    """UTF-8 text, without a byte order mark; InputError if the bytes are not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            source, f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None


def _json_type(value) -> str:
    return {dict: "an object", list: "a list", bool: "true/false", type(None): "null"}.get(
        type(value), type(value).__name__
    )
