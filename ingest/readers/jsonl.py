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

from claimkb.ingest.readers.html import HTML_TAG, read_html
from claimkb.ingest.records import ArticleRecord, InputError

METADATA_FIELDS = ("url", "outlet", "title", "author", "published", "language")
NAME_SHOWN = 80  # characters of a misplaced name an error quotes
# Already ISO 8601 (date, or date and time with optional zone): kept as written.
ISO_DATE = re.compile(
    r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?"
)
NO_DATE = dt.datetime(1, 1, 1)  # fills the parts a free-form date leaves out


def read_json_records(data: bytes, source: str, lines_only: bool) -> Iterator[ArticleRecord | InputError]:
    """Articles from JSON Lines (``lines_only``), or from one JSON document holding a record
    or a list of records, falling back to JSON Lines when the document is not one JSON value.

    Yields an InputError per bad line or record (one that is not UTF-8 or not JSON, or
    holds a NUL byte), so the good lines of the same file are kept; raises InputError if
    the input as a whole is unusable.
    """
    if not lines_only:
        try:
            document = json.loads(decode_utf8(data, source))
        except (json.JSONDecodeError, InputError) as error:
            if not _first_line_is_object(data):
                reason = error.reason if isinstance(error, InputError) else f"invalid JSON: {error}"
                raise InputError(source, reason) from None
        else:
            yield from _records_in_document(document, source)
            return
    # Split on "\n" only: str.splitlines also breaks at U+2028, which JSON strings may hold.
    # Each line is decoded on its own, so a line in another encoding costs only that line.
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        line_source = f"{source}:{number}"
        try:
            fields = json.loads(decode_utf8(line, line_source))
        except InputError as error:
            yield error
            continue
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


def _first_line_is_object(data: bytes) -> bool:
    first = next((line for line in data.split(b"\n") if line.strip()), b"")
    try:
        return isinstance(json.loads(first.decode("utf-8-sig")), dict)
    except (json.JSONDecodeError, UnicodeDecodeError):
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
    if len(html.split()) == 1 and not HTML_TAG.search(html):
        # one word and no markup: the name of a page (a file, an address), which is not read
        raise InputError(source, f'"html" holds a name, not a page: {html.strip()[:NAME_SHOWN]!r}'
                                 " (give the page's markup, or its words as \"text\")")
    own = article_from_fields(fields, "", source)
    extracted = read_html(html, source, url=own.url)
    for name in METADATA_FIELDS:
        if getattr(own, name) is not None:
            setattr(extracted, name, getattr(own, name))
    return extracted


def article_from_fields(fields: Mapping, text: str, source: str) -> ArticleRecord:
    """An article from ``text`` and the metadata keys of ``fields`` (others ignored).

    Values are stripped; empty ones become None. ``published`` becomes ISO 8601 text; one
    that is not a date is left out with a warning on the record. ``author`` may be a list
    of names. Raises InputError for a value of the wrong type.
    """
    values, warnings = {}, []
    for name in METADATA_FIELDS:
        value = fields.get(name)
        if name == "published":
            try:
                values[name] = iso_date(value, source)
            except NotADate as problem:
                values[name] = None
                warnings.append(f"{problem}; stored without a date")
        elif name == "author" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            values[name] = "; ".join(v.strip() for v in value if v.strip()) or None
        else:
            values[name] = _text_value(name, value, source)
    return ArticleRecord(text=text, source=source, warnings=warnings, **values)


def _text_value(name: str, value, source: str) -> str | None:
    if value is None:
        return None
    # Numbers are accepted as text because YAML front matter turns "title: 1984" into one.
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    raise InputError(source, f'"{name}" must be text, not {_json_type(value)}')


class NotADate(ValueError):
    """A publication date that cannot be read as one ("2024-13-45", "not a date")."""

    def __init__(self, value):
        super().__init__(f'"published": {value!r} is not a date')


def iso_date(value, source: str) -> str | None:
    """A publication date as ISO 8601 text, from a date/datetime (YAML parses dates) or
    from text in ISO or another common form; None for no value.

    Raises NotADate for text that is not a real date (an impossible ISO date such as
    "2024-13-45" included: it would sort and filter as if it were one), InputError for a
    value of the wrong type.
    """
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
        if not _real_iso_date(value):
            raise NotADate(value)
        return value
    try:
        # Fields missing from the text come from ``default``; a missing year means it is
        # not a date ("Tuesday", "10:30").
        parsed = date_parser.parse(value, default=NO_DATE)
    except (ValueError, OverflowError):
        raise NotADate(value) from None
    if parsed.year == NO_DATE.year:
        raise NotADate(value)
    return parsed.isoformat()


def _real_iso_date(value: str) -> bool:
    """Whether text of ISO_DATE's shape names a real day and time."""
    if len(value) == len("2024"):
        return True
    if len(value) == len("2024-03"):
        return 1 <= int(value[5:7]) <= 12
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


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
