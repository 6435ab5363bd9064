"""Reading inputs: paths, directories and stdin to articles and fact-checks, whatever
their format.

The format comes from ``format``, else from the file extension (after any ``.gz``), else
from the content. Every input that cannot become an article gives an ``InputError``,
yielded rather than raised, so one bad file never stops the others. A directory gives
only its files in article formats: what else sits beside articles (hidden files,
README and licence files, SQLite databases) is skipped and reported to ``on_skip``.

The readers import trafilatura and feedparser, which take about 0.4 s to import:
they are imported when the first input of their format is read, so that importing this
package (the CLI does, for its ``--format`` choices) stays fast.

Fact-checks (schema.org ClaimReview) are read with ``format="claimreview"``, and found
without it: a JSON or JSON Lines file whose first record is a ClaimReview is a feed of
them, and an HTML page carrying ClaimReview JSON-LD is a fact-check page, read as its
fact-checks *only*, not as an article: its text restates the claim in order to rate it,
and counted as an article it would become one more copy of the claim it checks.
"""
from __future__ import annotations

import gzip
import io
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from claimkb.ingest.records import ArticleRecord, ClaimReviewRecord, InputError

FORMATS = ("auto", "txt", "md", "html", "jsonl", "feed", "claimreview")
CLAIMREVIEW_MARKER = b"ClaimReview"  # cheap test before parsing a page or feed for ClaimReview markup
STDIN = "-"
STDIN_SOURCE = "<stdin>"
FORMAT_BY_EXTENSION = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
# Extensions whose files hold one JSON value per line, never one document.
JSON_LINES_EXTENSIONS = (".jsonl", ".ndjson")
SNIFF_BYTES = 4096
# XML declaration, comments and doctype before a document's first element.
PROLOG = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>", re.DOTALL | re.IGNORECASE)
FIRST_ELEMENT = re.compile(rb"\s*<([a-z][\w:.-]*)", re.IGNORECASE)
FEED_ROOTS = (b"rss", b"feed", b"rdf:rdf")
HTML_ROOTS = (b"html", b"head", b"body")
# An argument that names a URL rather than a file.
URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
NO_URLS = "fetching URLs is not supported; save the page and ingest the file"
SQLITE_MAGIC = b"SQLite format 3\x00"
# Files that describe a folder of articles rather than being one (README.md is
# Markdown, but it is not news): README, LICENSE/LICENCE, CHANGELOG, COPYING, with
# or without an extension.
FOLDER_DOCUMENTS = re.compile(r"^(readme|licen[cs]e|changelog|copying)([._-].*)?$", re.IGNORECASE)
# A knowledge base often sits in the folder of its inputs, with its journal files.
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3", "-wal", "-shm", "-journal")
# Why a file in a directory was skipped, as on_skip reports it.
SKIP_HIDDEN = "hidden"
SKIP_FOLDER_DOCUMENT = "README/LICENSE/CHANGELOG"
SKIP_SQLITE = "SQLite database"
SKIP_NOT_ARTICLE = "not an article format"
MIB = 2**20
# Every reader holds its whole input in memory, and decoded text takes up to four times
# the bytes, so these bound one input's memory well under a gigabyte. A news article is
# far smaller; a JSON Lines batch of ten thousand articles fits.
MAX_INPUT_BYTES = 64 * MIB
MAX_DECOMPRESSED_BYTES = 64 * MIB
GZIP_MAGIC = b"\x1f\x8b"
DECOMPRESS_CHUNK = MIB  # gzip is unpacked this much at a time, to stop at the limit


@dataclass(frozen=True)
class Limits:
    """The largest input read (a file or stdin, as stored) and the largest a compressed
    input may unpack to; ``claimkb ingest --max-input-size / --max-decompressed-size``."""

    input_bytes: int = MAX_INPUT_BYTES
    decompressed_bytes: int = MAX_DECOMPRESSED_BYTES


SkipCallback = Callable[[str, str], None]


def read_inputs(
    paths: list[str], format: str = "auto", outlet: str | None = None, stdin=None,
    on_skip: SkipCallback | None = None, limits: Limits = Limits(),
) -> Iterator[ArticleRecord | ClaimReviewRecord | InputError]:
    """Yield one ArticleRecord per article found, one ClaimReviewRecord per fact-check, or
    an InputError (not raised) per bad input.

    paths: files, directories (recursive, sorted, only article formats), or "-" for
    stdin (binary stream ``stdin``, default sys.stdin.buffer). A URL is an InputError.
    format: one of FORMATS; anything but "auto" forces that reader for every input.
    outlet: overrides the outlet of every record.
    on_skip: called with (path, reason) for each entry of a directory that is skipped
    (reason is one of the SKIP_ constants).
    limits: an input over them is an InputError, read no further than the limit.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    for item in _read_paths(paths, format, stdin, on_skip or (lambda path, reason: None), limits):
        if isinstance(item, ArticleRecord):
            item.outlet = outlet or item.outlet or domain_of(item.url)
        yield item


def _read_paths(
    paths, format: str, stdin, on_skip: SkipCallback, limits: Limits
) -> Iterator[ArticleRecord | ClaimReviewRecord | InputError]:
    for path in map(os.fspath, paths):
        if path == STDIN:
            yield from _read_source(STDIN_SOURCE, format, limits, stream=stdin or sys.stdin.buffer)
        elif URL.match(path):
            yield InputError(path, NO_URLS)
        elif os.path.isdir(path):
            files, errors = _files_under(path, on_skip)
            yield from errors
            for file in files:
                yield from _read_source(file, format, limits)
        else:
            yield from _read_source(path, format, limits)


def _files_under(directory: str, on_skip: SkipCallback) -> tuple[list[str], list[InputError]]:
    """The article files below ``directory``, sorted, and the errors met on the way (an
    unreadable subdirectory); every other entry goes to on_skip with its reason."""
    files, errors = [], []

    def unreadable(error: OSError):
        errors.append(InputError(error.filename, error.strerror or str(error)))

    for root, dirs, names in os.walk(directory, onerror=unreadable):
        for name in [name for name in dirs if name.startswith(".")]:
            dirs.remove(name)
            on_skip(os.path.join(root, name), SKIP_HIDDEN)
        for name in names:
            path = os.path.join(root, name)
            reason = skip_reason(path)
            if reason:
                on_skip(path, reason)
            else:
                files.append(path)
    return sorted(files), errors


def skip_reason(path: str) -> str | None:
    """Why a file found in a directory is not read as an article, or None."""
    name = os.path.basename(path)
    if name.startswith("."):
        return SKIP_HIDDEN
    if FOLDER_DOCUMENTS.match(name):
        return SKIP_FOLDER_DOCUMENT
    if name.lower().endswith(SQLITE_SUFFIXES) or is_sqlite_file(path):
        return SKIP_SQLITE
    if os.path.splitext(name.lower().removesuffix(".gz"))[1] not in FORMAT_BY_EXTENSION:
        return SKIP_NOT_ARTICLE
    return None


def is_sqlite_file(path) -> bool:
    """Whether ``path`` starts with SQLite's header (unreadable files are left to the reader)."""
    try:
        with open(path, "rb") as file:
            return file.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _read_source(
    source: str, format: str, limits: Limits, stream=None
) -> Iterator[ArticleRecord | ClaimReviewRecord | InputError]:
    """Read one file (or ``stream``) and hand it to its reader; every InputError is yielded."""
    try:
        data = _read_limited(stream, source, limits.input_bytes) if stream else _read_file(source, limits.input_bytes)
        data = _decompress(data, source, limits.decompressed_bytes)
        if not data.strip():
            raise InputError(source, "empty file")
        if data.startswith(SQLITE_MAGIC):
            raise InputError(source, "a SQLite database, not an article (the database goes first: claimkb ingest DB PATH...)")
        name = source.removesuffix(".gz")
        extension = os.path.splitext(name)[1].lower()
        if format == "auto":
            format = detect_format(extension, data, source)
            if format == "jsonl" and CLAIMREVIEW_MARKER in data:
                from claimkb.ingest.readers.claimreview import looks_like_claimreview_json

                if looks_like_claimreview_json(data):
                    format = "claimreview"
            elif format == "html" and CLAIMREVIEW_MARKER in data:
                from claimkb.ingest.readers.claimreview import read_claimreview_html

                fact_checks = read_claimreview_html(data, source)
                if fact_checks:
                    yield from fact_checks
                    return
        # JSON Lines reject a line holding a NUL byte on its own; other formats are one
        # document, for which a NUL byte means a binary file.
        if format not in ("jsonl", "claimreview") and b"\0" in data[:SNIFF_BYTES]:
            raise InputError(source, "binary file, not text")
        if format == "claimreview":
            yield from _read_claimreview(data, source, extension)
        elif format in ("txt", "md"):
            from claimkb.ingest.readers.textfile import read_text

            yield read_text(data, source, markdown=format == "md")
        elif format == "html":
            from claimkb.ingest.readers.html import read_html

            yield read_html(data, source)
        elif format == "jsonl":
            from claimkb.ingest.readers.jsonl import read_json_records

            yield from read_json_records(data, source, lines_only=extension in JSON_LINES_EXTENSIONS)
        else:
            from claimkb.ingest.readers.feeds import read_feed

            yield from read_feed(data, source)
    except InputError as error:
        yield error


def _read_claimreview(data: bytes, source: str, extension: str) -> Iterator[ClaimReviewRecord | InputError]:
    """A ClaimReview feed (JSON, JSON Lines) or a fact-check page (HTML)."""
    from claimkb.ingest.readers.claimreview import read_claimreview_html, read_claimreview_json

    if FORMAT_BY_EXTENSION.get(extension) == "html" or sniff_format(data) == "html":
        fact_checks = read_claimreview_html(data, source)
        if not fact_checks:
            raise InputError(source, "no ClaimReview JSON-LD in the page")
        yield from fact_checks
    else:
        yield from read_claimreview_json(data, source)


def _read_file(path: str, limit: int) -> bytes:
    try:
        with open(path, "rb") as file:
            return _read_limited(file, path, limit)
    except OSError as error:
        raise InputError(path, error.strerror or str(error)) from None


def _read_limited(stream, source: str, limit: int) -> bytes:
    """All of ``stream``, reading no more than one byte past ``limit``."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            source, f"larger than the maximum input size of {_size(limit)} (raise it with --max-input-size)"
        )
    return data


def _decompress(data: bytes, source: str, limit: int) -> bytes:
    """gzip data unpacked, a piece at a time, stopping as soon as it passes ``limit``;
    other data as it is. By content rather than name: the magic bytes make it gzip."""
    if not data.startswith(GZIP_MAGIC):
        return data
    unpacked = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as packed:
            while piece := packed.read(DECOMPRESS_CHUNK):
                unpacked += piece
                if len(unpacked) > limit:
                    raise InputError(
                        source,
                        f"unpacks to more than the maximum decompressed size of {_size(limit)}"
                        " (raise it with --max-decompressed-size)",
                    )
    except (OSError, EOFError, zlib.error) as error:
        raise InputError(source, f"damaged gzip file ({error})") from None
    return bytes(unpacked)


def _size(count: int) -> str:
    return f"{count / MIB:g} MiB" if count >= MIB else f"{count} bytes"


def detect_format(extension: str, data: bytes, source: str) -> str:
    """The reader for a file: by its extension, else by sniffing its content.

    Standard input has no extension; content that sniffs as nothing else is text.
    """
    if extension in FORMAT_BY_EXTENSION:
        return FORMAT_BY_EXTENSION[extension]
    sniffed = sniff_format(data)
    if sniffed:
        return sniffed
    if source == STDIN_SOURCE:
        return "txt"
    raise InputError(
        source, f"unknown file type {extension or '(no extension)'} and the content is not JSON, HTML or a feed"
    )


def sniff_format(data: bytes) -> str | None:
    """"jsonl", "feed" or "html" from how the content starts, or None."""
    head = data[:SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith((b"{", b"[")):
        return "jsonl"
    if head[:14].lower() == b"<!doctype html":
        return "html"
    root = FIRST_ELEMENT.match(PROLOG.sub(b"", head))
    if root is None:
        return None
    name = root.group(1).lower()
    if name in FEED_ROOTS:
        return "feed"
    if name in HTML_ROOTS:
        return "html"
    return None


def domain_of(url: str | None) -> str | None:
    """The host of a URL without "www.": the outlet of last resort."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
