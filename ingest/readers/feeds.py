"""RSS and Atom feeds: one article per entry, through feedparser."""
from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator

import feedparser

from claimkb.ingest.readers.html import html_fragment_to_text, single_line
from claimkb.ingest.readers.jsonl import NotADate, iso_date
from claimkb.ingest.records import ArticleRecord, InputError

HTML_TYPES = ("text/html", "application/xhtml+xml")
TWELVE_HOUR_CLOCK = re.compile(r"\d\s*[ap]\.?m\b", re.IGNORECASE)
LEADING_WEEKDAY = re.compile(r"^\s*[^\W\d]+\.?,\s*")


def read_feed(data: bytes, source: str) -> Iterator[ArticleRecord | InputError]:
    """An article per feed entry, ``source#entry-N``; an InputError for an entry without
    text. Raises InputError when the input is not a feed or has no entries."""
    # A stream, never a string: feedparser fetches strings that look like URLs or paths.
    # feedparser reads the XML declaration, so ISO-8859-1 feeds decode correctly.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if parsed.bozo:
            problem = " ".join(str(parsed.get("bozo_exception", "unreadable")).split())
            raise InputError(source, f"not a valid RSS/Atom feed: {problem}")
        raise InputError(source, "the feed has no entries")
    outlet = single_line(parsed.feed.get("title"))
    feed_language = single_line(parsed.feed.get("language"))
    for number, entry in enumerate(parsed.entries, start=1):
        entry_source = f"{source}#entry-{number}"
        text = entry_text(entry)
        if not text:
            name = entry_title(entry) or entry.get("link") or entry.get("id")
            yield InputError(entry_source, f"entry {name or '(untitled)'!r} has no content or summary text")
            continue
        warnings = []
        try:
            published = entry_published(entry, source)
        except NotADate as problem:
            published = None
            warnings.append(f"{problem}; stored without a date")
        yield ArticleRecord(
            text=text,
            title=entry_title(entry),
            url=single_line(entry.get("link")),
            outlet=outlet,
            author=entry_author(entry),
            published=published,
            language=entry_language(entry) or feed_language,
            source=entry_source,
            warnings=warnings,
        )


def entry_text(entry) -> str:
    """The entry's full content, or its summary when the content is missing or empty."""
    for detail in [*entry.get("content", []), entry.get("summary_detail")]:
        if detail and (text := _detail_text(detail)):
            return text
    return ""


def _detail_text(detail) -> str:
    value = detail.get("value") or ""
    if detail.get("type") in HTML_TYPES:
        return html_fragment_to_text(value)
    return value.strip()


def entry_title(entry) -> str | None:
    detail = entry.get("title_detail")
    return single_line(_detail_text(detail)) if detail else None


def entry_author(entry) -> str | None:
    # author_detail separates "desk@example.com (Jane Doe)" into name and email.
    detail = entry.get("author_detail") or {}
    return single_line(detail.get("name") or entry.get("author"))


def entry_published(entry, source: str) -> str | None:
    """ISO 8601 publication date (else update date) of an entry; None when it has neither,
    NotADate when it has one that cannot be read.

    feedparser's reading (in UTC) is used unless the raw text has a 12-hour clock, whose
    AM/PM feedparser ignores; dates it cannot read (non-English weekday names) go to a
    more lenient parser after dropping the weekday, which RFC 822 makes optional anyway.
    """
    unreadable = None
    for name in ("published", "updated"):
        # asked for "updated" that it lacks, feedparser hands back "published" with a
        # warning that it will stop: read only the dates the entry has
        if name not in entry:
            continue
        raw = entry.get(name) or ""
        parsed = entry.get(f"{name}_parsed") if f"{name}_parsed" in entry else None
        if parsed and not TWELVE_HOUR_CLOCK.search(raw):
            return dt.datetime(*parsed[:6]).replace(tzinfo=dt.timezone.utc).isoformat()
        try:
            if raw and (date := iso_date(LEADING_WEEKDAY.sub("", raw), source)):
                return date
        except NotADate as problem:
            unreadable = unreadable or problem
    if unreadable:
        raise unreadable
    return None


def entry_language(entry) -> str | None:
    for detail in [*entry.get("content", []), entry.get("summary_detail"), entry.get("title_detail")]:
        if detail and detail.get("language"):
            return single_line(detail["language"])
    return None
