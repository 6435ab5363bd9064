"""Readers: every input format, every failure path, and the shared real pages and feeds.

Expectations are written from the inputs themselves (the fixtures under
tests/fixtures/readers/ and the bad inputs written to tmp_path), or taken from the
expected outputs that ship with the shared data collections.
"""
import datetime as dt
import gzip
import io
import json
import os
import warnings
from functools import cache
from pathlib import Path

import pytest

from benchmarks.readers_coverage import load_collection, normalized_title, token_f1
from claimkb.ingest.readers import FORMATS, read_inputs
from claimkb.ingest.records import ArticleRecord, ClaimReviewRecord, InputError

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
HTML_PAGE = FIXTURES / "harbour-ferry.html"
RSS_FEED = FIXTURES / "ferry-feed.rss"
MARKDOWN = FIXTURES / "council-vote.md"


def read(*paths, **options):
    return list(read_inputs([str(path) for path in paths], **options))


def read_one(path, **options):
    (item,) = read(path, **options)
    return item


def only_error(path, **options) -> InputError:
    item = read_one(path, **options)
    assert isinstance(item, InputError), item
    assert item.source == str(path)
    assert item.reason and "\n" not in item.reason
    return item


def write(tmp_path, name, content):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# Text and Markdown


def test_text_file_is_stored_exactly_as_written(tmp_path):
    body = "  Indented first line.\n\nSecond paragraph, with trailing spaces.   \n\n\n"
    record = read_one(write(tmp_path, "a.txt", body))
    assert record.text == body
    assert record.title is None
    assert record.source == str(tmp_path / "a.txt")


def test_front_matter_gives_fields_and_the_body_after_it(tmp_path):
    path = write(
        tmp_path,
        "story.txt",
        "---\ntitle: Bridge reopens\nauthor: [Ana Silva, Joe Park]\npublished: 2023-11-02\n"
        "url: https://www.riverside.example/bridge\nlanguage: en\nsection: local\n---\n\n\n"
        "The bridge reopened on Thursday.\n\n  Traffic was light.  \n",
    )
    record = read_one(path)
    assert record.text == "The bridge reopened on Thursday.\n\n  Traffic was light.  \n"
    assert record.title == "Bridge reopens"
    assert record.author == "Ana Silva; Joe Park"
    assert record.published == "2023-11-02"  # YAML's date object, stored as ISO text
    assert record.url == "https://www.riverside.example/bridge"
    assert record.language == "en"
    assert record.outlet == "riverside.example"  # no outlet key: the URL's domain


def test_front_matter_datetime_and_free_form_dates_become_iso(tmp_path):
    with_time = write(tmp_path, "a.txt", "---\npublished: 2024-01-15 08:45:00\n---\nBody.\n")
    free_form = write(tmp_path, "b.txt", "---\npublished: March 3, 2024\n---\nBody.\n")
    assert read_one(with_time).published == "2024-01-15T08:45:00"
    assert read_one(free_form).published == "2024-03-03T00:00:00"


def test_markdown_title_from_front_matter_else_leading_heading(tmp_path):
    record = read_one(MARKDOWN)
    assert record.title == "Council backs ferry plan"
    assert record.text.startswith("# Council backs ferry plan\n\nThe council approved")
    assert record.outlet == "Bayside Courier"
    assert record.published == "2024-03-05"
    heading_only = read_one(write(tmp_path, "b.md", "# Tides rise ##\n\nThe tide rose.\n"))
    assert heading_only.title == "Tides rise"
    assert heading_only.text == "# Tides rise ##\n\nThe tide rose.\n"
    # A plain text file does not read Markdown headings.
    assert read_one(write(tmp_path, "c.txt", "# Tides rise\n\nThe tide rose.\n")).title is None


def test_byte_order_mark_is_not_part_of_the_text(tmp_path):
    record = read_one(write(tmp_path, "bom.txt", "\ufeffFirst words.".encode("utf-8")))
    assert record.text == "First words."


def test_text_that_is_not_utf8_is_rejected(tmp_path):
    error = only_error(write(tmp_path, "latin.txt", "Caf\xe9 owners said so.".encode("latin-1")))
    assert error.reason.startswith("not UTF-8 text")


def test_empty_file_and_empty_body_are_rejected(tmp_path):
    assert only_error(write(tmp_path, "empty.txt", "")).reason == "empty file"
    assert only_error(write(tmp_path, "blank.md", " \n\n")).reason == "empty file"
    assert only_error(write(tmp_path, "fm.txt", "---\ntitle: Nothing\n---\n\n")).reason == "empty body"


def test_invalid_front_matter_is_rejected(tmp_path):
    error = only_error(write(tmp_path, "bad.md", "---\ntitle: [unclosed\n---\nBody.\n"))
    assert error.reason.startswith("invalid front matter")
    error = only_error(write(tmp_path, "list.md", "---\n- a\n- b\n---\nBody.\n"))
    assert "front matter" in error.reason


def test_an_unclosed_front_matter_block_is_text_with_a_warning(tmp_path):
    text = "---\ntitle: Harbour vote\noutlet: Courier\n\nThe pier will close in June.\n"
    record = read_one(write(tmp_path, "open.txt", text))
    assert record.text == text and record.title is None and record.outlet is None
    assert any("no '---' line closes" in warning for warning in record.warnings)
    # a closed block, even an empty one, warns of nothing (a guard)
    assert read_one(write(tmp_path, "closed.txt", "---\n---\nThe pier will close.\n")).warnings == []


def test_ingest_says_which_file_left_its_front_matter_open(tmp_path):
    from click.testing import CliRunner

    from claimkb.cli import cli

    path = write(tmp_path, "open.txt", "---\ntitle: Harbour vote\n\nThe pier will close in June, the council said.\n")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "kb.db"), str(path), "--no-link"])
    assert result.exit_code == 0
    assert f"warning: {path}: opens with a '---' line" in result.output


# JSON Lines and JSON


def test_jsonl_bad_line_is_reported_and_the_good_lines_kept(tmp_path):
    lines = [
        json.dumps({"text": "First story.", "title": "One", "outlet": "Gazette"}),
        '{"text": "broken',
        json.dumps({"text": "Second story.", "url": "https://www.example.org/two", "extra": 1}),
        json.dumps({"title": "No body"}),
        "",
        json.dumps({"text": "   "}),
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    items = read(path)
    records = [item for item in items if isinstance(item, ArticleRecord)]
    errors = {item.source: item.reason for item in items if isinstance(item, InputError)}
    assert [(r.source, r.text, r.title, r.outlet) for r in records] == [
        (f"{path}:1", "First story.", "One", "Gazette"),
        (f"{path}:3", "Second story.", None, "example.org"),
    ]
    assert set(errors) == {f"{path}:2", f"{path}:4", f"{path}:6"}
    assert errors[f"{path}:2"].startswith("invalid JSON")
    assert "text" in errors[f"{path}:4"] and "html" in errors[f"{path}:4"]
    assert "empty" in errors[f"{path}:6"]


def test_jsonl_html_field_is_extracted_and_record_fields_win(tmp_path):
    record_fields = {"html": HTML_PAGE.read_text(encoding="utf-8"), "title": "Ferry route approved", "published": "2024-03-04"}
    record = read_one(write(tmp_path, "pages.jsonl", json.dumps(record_fields) + "\n"))
    assert record.source == f"{tmp_path / 'pages.jsonl'}:1"
    assert record.title == "Ferry route approved"
    assert record.published == "2024-03-04"
    assert record.outlet == "Bayside Courier"  # not in the record: from the page
    assert "voted seven to two" in record.text
    assert "Subscribe to our newsletter" not in record.text


@pytest.mark.parametrize("name", ["pages/harbour-ferry.html.gz", "https://bayside.example/ferry"])
def test_a_jsonl_html_field_that_names_a_page_is_an_error_not_an_article(tmp_path, name):
    # an index of saved pages, each record naming its file: the name is no page to read
    path = write(tmp_path, "index.jsonl", json.dumps({"html": name, "title": "Ferry route approved"}) + "\n")
    (error,) = read(path)
    assert isinstance(error, InputError) and error.source == f"{path}:1"
    assert "name" in error.reason and name in error.reason and "\n" not in error.reason


def test_a_jsonl_html_field_of_a_few_plain_words_is_read_as_text(tmp_path):
    path = write(tmp_path, "notes.jsonl", json.dumps({"html": "The ferry route was approved."}) + "\n")
    assert read_one(path).text == "The ferry route was approved."


def test_json_file_with_one_record_or_a_list(tmp_path):
    single = write(tmp_path, "one.json", json.dumps({"text": "Alone.", "author": "Kim Lee"}, indent=2))
    assert read_one(single).author == "Kim Lee"
    assert read_one(single).source == str(single)
    many = write(tmp_path, "many.json", json.dumps([{"text": "A."}, "not a record", {"text": "B."}]))
    items = read(many)
    assert [(type(item).__name__, item.source) for item in items] == [
        ("ArticleRecord", f"{many}#record-1"),
        ("InputError", f"{many}#record-2"),
        ("ArticleRecord", f"{many}#record-3"),
    ]


def test_json_field_of_the_wrong_type_is_rejected(tmp_path):
    path = write(tmp_path, "bad.jsonl", json.dumps({"text": "Fine.", "title": {"nested": True}}) + "\n")
    (error,) = read(path)
    assert isinstance(error, InputError) and error.source == f"{path}:1"
    assert "title" in error.reason


def test_broken_json_document_is_one_error(tmp_path):
    error = only_error(write(tmp_path, "broken.json", '[\n  {"text": "A."},\n  {"text": \n'))
    assert error.reason.startswith("invalid JSON")


# HTML


def test_html_page_main_text_and_metadata():
    record = read_one(HTML_PAGE)
    assert record.title == "Harbour council approves new ferry route"
    assert record.outlet == "Bayside Courier"
    assert record.author == "Mara Lindqvist"
    assert record.published == "2024-03-05"
    assert record.url == "https://www.baysidecourier.example/news/2024/03/05/ferry-route"
    assert record.language == "en-GB"
    for sentence in (
        "The harbour council voted seven to two on Monday night",
        '"This is the most important transport decision the town has made in a generation," said council chair Tomas Reyes',
        "The first sailings are planned for June",
    ):
        assert sentence in record.text
    for furniture in ("Most read", "Subscribe to our newsletter", "All rights reserved", "Weather"):
        assert furniture not in record.text
    # Paragraphs are kept apart by a blank line.
    assert "five-year contract." in record.text.split("\n\n")[-1]


def test_html_in_its_declared_encoding(tmp_path):
    page = HTML_PAGE.read_text(encoding="utf-8").replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = page.replace("Harbour council approves", "Café council approves").replace('"This is', "“This is")
    record = read_one(write(tmp_path, "cp1252.html", page.encode("cp1252")))
    assert record.title == "Café council approves new ferry route"
    assert "“This is the most important transport decision" in record.text


def test_gzipped_html_reads_like_the_page(tmp_path):
    path = write(tmp_path, "page.html.gz", gzip.compress(HTML_PAGE.read_bytes()))
    record, plain = read_one(path), read_one(HTML_PAGE)
    assert record.source == str(path)
    assert (record.text, record.title, record.url) == (plain.text, plain.title, plain.url)


def test_html_page_without_main_text_is_rejected(tmp_path):
    page = "<html><head><title>Index</title></head><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>"
    error = only_error(write(tmp_path, "index.html", page))
    assert error.reason.startswith("no main text")


def json_ld_page(visible: str, body: str, kind: str = "NewsArticle") -> str:
    """A page that shows ``visible`` and declares ``body`` as its article's JSON-LD articleBody."""
    declared = json.dumps({"@context": "https://schema.org", "@type": kind, "headline": "Ferry fares",
                           "articleBody": body})
    paragraphs = "".join(f"<p>{p}</p>" for p in visible.split("\n\n"))
    return (f'<html><head><title>Ferry fares</title><script type="application/ld+json">{declared}</script>'
            f"</head><body><article><h1>Ferry fares</h1>{paragraphs}</article></body></html>")


OPENING = ("The harbour council raised ferry fares by a fifth on Monday, the first rise since 2019, "
           "after a year in which fuel costs doubled and two of the four boats needed new engines.")
REST = ("Commuters who cross twice a day will pay about 300 pounds more a year.\n\n"
        "The council said the rise would pay for a fifth boat by 2027, and that season tickets "
        "would be frozen for pensioners and students.\n\n"
        "Opposition councillors called the rise \"a tax on the islands\" and asked for a vote.")


def test_a_page_showing_only_its_start_is_read_from_its_declared_article_body(tmp_path):
    record = read_one(write(tmp_path, "p.html", json_ld_page(OPENING, OPENING + "\n\n" + REST)))
    assert record.text.split("\n\n") == [OPENING, *REST.split("\n\n")]


def test_a_declared_body_in_markdown_or_html_is_flattened_to_text(tmp_path):
    marked = OPENING + "\n\n" + REST.replace("fifth boat", "[fifth boat](https://example.org/boat)")
    record = read_one(write(tmp_path, "md.html", json_ld_page(OPENING, marked)))
    assert "a fifth boat by 2027" in record.text and "example.org" not in record.text
    tagged = f"<p>{OPENING}</p>" + "".join(f"<p>{p}</p>" for p in REST.split("\n\n"))
    record = read_one(write(tmp_path, "tags.html", json_ld_page(OPENING, tagged)))
    assert record.text.split("\n\n") == [OPENING, *REST.split("\n\n")]


@pytest.mark.parametrize("body, why", [
    ("A different story about the new bridge opens here and runs on. " * 12, "another article"),
    (OPENING + " And one more line.", "not much longer"),
])
def test_the_page_text_stays_when_the_declared_body_is_no_fuller_version_of_it(tmp_path, body, why):
    record = read_one(write(tmp_path, "keep.html", json_ld_page(OPENING + "\n\n" + REST.split("\n\n")[0], body)))
    assert OPENING in record.text and "bridge" not in record.text and "one more line" not in record.text, why


def test_a_page_built_by_script_is_read_from_its_declared_article_body(tmp_path):
    declared = json.dumps({"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Ferry fares"},
        {"@type": ["Article", "NewsArticle"], "articleBody": OPENING + "\n" + REST}]})
    page = (f'<html><head><title>Ferry fares</title><script type="application/ld+json">{declared}</script></head>'
            '<body><div id="app"></div><script src="/app.js"></script></body></html>')
    assert read_one(write(tmp_path, "app.html", page)).text.startswith(OPENING + "\n\nCommuters")


def test_html_fragment_keeps_all_its_text(tmp_path):
    fragment = "<p>The mayor resigned on Friday.</p>\n<p>Her deputy,<br>Sam Ode, takes over.</p>"
    record = read_one(write(tmp_path, "body.htm", fragment))
    assert record.text == "The mayor resigned on Friday.\n\nHer deputy, Sam Ode, takes over."


def test_damaged_gzip_is_rejected(tmp_path):
    error = only_error(write(tmp_path, "page.html.gz", gzip.compress(b"<html>" * 100)[:30]))
    assert error.reason.startswith("damaged gzip file")


# Feeds


def test_rss_entries_become_articles_and_an_empty_entry_an_error():
    items = read(RSS_FEED)
    first, second, third = items
    assert first.source == f"{RSS_FEED}#entry-1"
    assert first.title == "Harbour council approves new ferry route"
    assert first.url == "https://www.baysidecourier.example/news/2024/03/05/ferry-route"
    assert first.author == "Mara Lindqvist"
    assert first.outlet == "Bayside Courier"
    assert first.language == "en"
    assert dt.datetime.fromisoformat(first.published) == dt.datetime(2024, 3, 5, 9, 30, tzinfo=dt.timezone.utc)
    # Full content wins over the shorter description, one paragraph per <p>.
    assert first.text == (
        "The harbour council voted seven to two on Monday night.\n\n"
        '"This is the most important transport decision the town has made in a generation," said council chair Tomas Reyes.'
    )
    # Without content, the (escaped HTML) description is the text.
    assert second.text == "The coastal road was closed after high winds brought down two trees, police said."
    assert second.author is None
    assert isinstance(third, InputError) and third.source == f"{RSS_FEED}#entry-3"
    assert "Photo gallery: spring tides" in third.reason


def test_atom_feed_in_a_declared_latin1_encoding(tmp_path):
    atom = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">'
        "<title>Le Petit Écho</title><id>urn:x</id><updated>2024-02-01T10:00:00Z</updated>"
        "<entry><title>Fête du port</title><id>urn:y</id><link href='https://echo.example/fete'/>"
        "<author><name>Léa Martin</name></author><published>2024-02-01T09:00:00+01:00</published>"
        "<updated>2024-02-01T10:00:00Z</updated>"
        "<summary>La fête a réuni des milliers de visiteurs, selon la mairie.</summary></entry></feed>"
    )
    (record,) = read(write(tmp_path, "echo.atom", atom.encode("latin-1")))
    assert record.title == "Fête du port"
    assert record.author == "Léa Martin"
    assert record.outlet == "Le Petit Écho"
    assert record.text == "La fête a réuni des milliers de visiteurs, selon la mairie."
    assert dt.datetime.fromisoformat(record.published) == dt.datetime(2024, 2, 1, 8, 0, tzinfo=dt.timezone.utc)


def test_feed_dates_feedparser_misreads_or_cannot_read(tmp_path):
    items = "".join(
        f"<item><title>T{n}</title><description>Text {n}.</description><pubDate>{date}</pubDate></item>"
        for n, date in enumerate(["Sat, Dec 16 2023 02:02:33 PM", "mer, 16 nov 2022 00:38:15 +0100"])
    )
    feed = f'<rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
    twelve_hour, foreign_weekday = read(write(tmp_path, "dates.xml", feed))
    assert dt.datetime.fromisoformat(twelve_hour.published).hour == 14
    assert dt.datetime.fromisoformat(foreign_weekday.published) == dt.datetime(
        2022, 11, 15, 23, 38, 15, tzinfo=dt.timezone.utc
    )


def test_feed_dates_are_read_without_feedparser_s_deprecated_fallback(tmp_path):
    # a publication date alone that cannot be read: the reader goes on to look for an
    # update date, which feedparser would answer with the publication date and a warning
    # that it will stop doing so
    feed = ('<rss version="2.0"><channel><title>F</title><item><title>T</title><description>Text.</description>'
            "<pubDate>the morning after the storm</pubDate></item></channel></rss>")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        (record,) = read(write(tmp_path, "dates.xml", feed))
    assert record.published is None


def test_invalid_feed_and_feed_without_entries_are_rejected(tmp_path):
    truncated = write(tmp_path, "cut.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title>')
    assert only_error(truncated).reason.startswith("not a valid RSS/Atom feed")
    empty = write(tmp_path, "empty.rss", '<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    assert only_error(empty).reason == "the feed has no entries"


def test_feed_outlet_falls_back_to_the_entry_domain(tmp_path):
    feed = (
        '<rss version="2.0"><channel><item><title>T</title><link>https://www.northpost.example/a</link>'
        "<description>Words.</description></item></channel></rss>"
    )
    assert read_one(write(tmp_path, "untitled.rss", feed)).outlet == "northpost.example"


# Dispatch: directories, stdin, formats, outlet, failures


def test_directory_gives_its_article_files_recursively_sorted_and_reports_the_rest(tmp_path):
    write(tmp_path, "b/second.txt", "Second.")
    write(tmp_path, "a.txt", "First.")
    write(tmp_path, "b/c/third.md", "Third.")
    write(tmp_path, "b/fourth.txt.gz", gzip.compress(b"Fourth."))
    write(tmp_path, ".hidden.txt", "Hidden.")
    write(tmp_path, ".git/objects.txt", "Hidden too.")
    write(tmp_path, "b/notes.dat", "Plain words with no known format.")
    write(tmp_path, "README.md", "# What this folder holds")
    write(tmp_path, "b/LICENSE", "Some licence.")
    write(tmp_path, "CHANGELOG.txt", "Changes.")
    # A knowledge base beside its inputs, with its journal files; and a SQLite file
    # whose name does not say so.
    sqlite = b"SQLite format 3\x00" + bytes(84)
    write(tmp_path, "kb.db", sqlite)
    write(tmp_path, "kb.db-wal", b"\x37\x7f\x06\x82")
    write(tmp_path, "kb.db-shm", bytes(8))
    write(tmp_path, "b/archive.json", sqlite)
    skipped = []
    items = read(tmp_path, on_skip=lambda path, reason: skipped.append((Path(path).relative_to(tmp_path).as_posix(),
                                                                        reason)))
    assert [(item.text, Path(item.source).relative_to(tmp_path).as_posix()) for item in items] == [
        ("First.", "a.txt"), ("Third.", "b/c/third.md"), ("Fourth.", "b/fourth.txt.gz"), ("Second.", "b/second.txt"),
    ]
    assert sorted(skipped) == [
        (".git", "hidden"), (".hidden.txt", "hidden"),
        ("CHANGELOG.txt", "README/LICENSE/CHANGELOG"), ("README.md", "README/LICENSE/CHANGELOG"),
        ("b/LICENSE", "README/LICENSE/CHANGELOG"), ("b/archive.json", "SQLite database"),
        ("b/notes.dat", "not an article format"),
        ("kb.db", "SQLite database"), ("kb.db-shm", "SQLite database"), ("kb.db-wal", "SQLite database"),
    ]


def test_a_file_named_on_its_own_is_read_whatever_its_name(tmp_path):
    assert read_one(write(tmp_path, "README.md", "# Notes\n\nThe council met.")).title == "Notes"
    assert read_one(write(tmp_path, "notes.dat", '{"text": "Sniffed."}')).text == "Sniffed."


def test_a_sqlite_file_named_as_an_input_is_refused_with_the_argument_order(tmp_path):
    error = only_error(write(tmp_path, "kb.txt", b"SQLite format 3\x00" + bytes(84)))
    assert error.reason.startswith("a SQLite database, not an article")
    assert "claimkb ingest DB PATH" in error.reason


def test_a_url_is_refused_and_reading_continues():
    url, record = read("https://example.org/news/1", MARKDOWN)
    assert isinstance(url, InputError) and url.source == "https://example.org/news/1"
    assert url.reason == "fetching URLs is not supported; save the page and ingest the file"
    assert isinstance(record, ArticleRecord)


def test_unknown_extension_is_sniffed_from_content(tmp_path):
    assert read_one(write(tmp_path, "export.data", '{"text": "Sniffed."}\n')).text == "Sniffed."
    page = write(tmp_path, "page", HTML_PAGE.read_bytes())
    assert read_one(page).title == "Harbour council approves new ferry route"
    feed = write(tmp_path, "feed.php", RSS_FEED.read_bytes())
    assert len(read(feed)) == 3


def test_stdin_is_sniffed(tmp_path):
    def from_stdin(data: bytes, **options):
        return list(read_inputs(["-"], stdin=io.BytesIO(data), **options))

    (jsonl,) = from_stdin(b'{"text": "From a pipe.", "title": "Piped"}\n')
    assert (jsonl.source, jsonl.title) == ("<stdin>", "Piped")
    two = from_stdin(b'{"text": "A."}\n{"text": "B."}\n')
    assert [item.source for item in two] == ["<stdin>:1", "<stdin>:2"]
    feed = from_stdin(RSS_FEED.read_bytes())
    assert [item.source for item in feed] == ["<stdin>#entry-1", "<stdin>#entry-2", "<stdin>#entry-3"]
    (page,) = from_stdin(HTML_PAGE.read_bytes())
    assert (page.source, page.outlet) == ("<stdin>", "Bayside Courier")
    (text,) = from_stdin(b"---\ntitle: Piped text\n---\nJust words.\n")
    assert (text.title, text.text) == ("Piped text", "Just words.\n")
    (gzipped,) = from_stdin(gzip.compress(b"Compressed words."))
    assert gzipped.text == "Compressed words."


def test_outlet_argument_overrides_every_record():
    items = read(MARKDOWN, RSS_FEED, HTML_PAGE, outlet="Wire Service")
    assert {item.outlet for item in items if isinstance(item, ArticleRecord)} == {"Wire Service"}


def test_forced_format_applies_to_every_path(tmp_path):
    record = read_one(HTML_PAGE, format="txt")
    assert record.text == HTML_PAGE.read_text(encoding="utf-8")
    forced = read_one(write(tmp_path, "notes.txt", '{"text": "JSON in a .txt"}'), format="jsonl")
    assert forced.text == "JSON in a .txt"


def test_unknown_format_is_a_programming_error():
    assert "auto" in FORMATS
    with pytest.raises(ValueError):
        read([MARKDOWN], format="docx")


def test_missing_file_is_an_error_and_reading_continues(tmp_path):
    missing = tmp_path / "nowhere.txt"
    items = read(missing, MARKDOWN)
    assert isinstance(items[0], InputError) and items[0].source == str(missing)
    assert "No such file" in items[0].reason
    assert isinstance(items[1], ArticleRecord)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="file permissions do not stop root")
def test_unreadable_file_is_an_error(tmp_path):
    path = write(tmp_path, "secret.txt", "Words.")
    path.chmod(0)
    assert "Permission denied" in only_error(path).reason


def test_binary_file_is_rejected(tmp_path):
    error = only_error(write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert error.reason.startswith("binary file")


def test_unknown_extension_with_unsniffable_content_is_rejected(tmp_path):
    error = only_error(write(tmp_path, "notes.cfg", "key = value\n"))
    assert error.reason.startswith("unknown file type .cfg")


# The shared real pages and feeds (skipped when ../shared/data is absent)


@cache
def read_collection(name):
    """The collection's expectations and what the readers made of its inputs."""
    collection = load_collection(name)
    if collection is None:
        return None, None
    return collection, read(*collection.paths)


def shared(name):
    collection, items = read_collection(name)
    if collection is None:
        pytest.skip(f"the shared {name} collection is absent: this test needs ../shared/data")
    return collection, items


HTML_COLLECTIONS = ("fundus", "readability", "article-extraction-benchmark")


@pytest.mark.shared_data
@pytest.mark.parametrize("name", HTML_COLLECTIONS)
def test_every_shared_page_is_an_article_or_a_reasoned_rejection(name):
    # ...or, for a fact-checker's page with ClaimReview markup, its fact-checks.
    collection, items = shared(name)
    pages = [item.source.split("#claimreview-")[0] for item in items]
    assert list(dict.fromkeys(pages)) == collection.paths
    records = [item for item in items if isinstance(item, ArticleRecord)]
    for item in items:
        if isinstance(item, InputError):
            assert item.reason.strip()
        elif isinstance(item, ClaimReviewRecord):
            assert item.claim_text.strip()
        else:
            assert item.text.strip()
            if name != "article-extraction-benchmark":  # its pages' titles are not annotated
                assert item.title, item.source
    assert len(records) >= 0.95 * len(items)


@pytest.mark.shared_data
@pytest.mark.parametrize("name", ("fundus", "readability"))
def test_shared_page_titles_match_the_expected_metadata(name):
    collection, items = shared(name)
    found = {item.source: item.title for item in items if isinstance(item, ArticleRecord)}
    hits = [normalized_title(found.get(e.source)) == normalized_title(e.title) for e in collection.expected]
    # Both references sometimes pick another headline (og:title vs h1), and Readability
    # keeps site names in titles; three in four must still match exactly.
    assert sum(hits) >= 0.75 * len(hits)


@pytest.mark.shared_data
@pytest.mark.parametrize("name", HTML_COLLECTIONS)
def test_shared_page_bodies_overlap_the_expected_bodies(name):
    collection, items = shared(name)
    found = {item.source: item.text for item in items if isinstance(item, ArticleRecord)}
    scores = [token_f1(found.get(e.source, ""), e.body) for e in collection.expected]
    assert sum(scores) / len(scores) >= 0.9
    assert sum(score >= 0.5 for score in scores) >= 0.9 * len(scores)


@pytest.mark.shared_data
def test_shared_feeds_give_the_expected_entries_and_reject_the_invalid_one():
    collection, items = shared("feeds")
    records = {item.source: item for item in items if isinstance(item, ArticleRecord)}
    errors = {item.source: item for item in items if isinstance(item, InputError)}
    assert set(records) == {e.source for e in collection.expected}
    for expected in collection.expected:
        assert records[expected.source].title == expected.title
    # feed-rs sometimes takes the summary where the readers take the fuller content.
    scores = [token_f1(records[e.source].text, e.body) for e in collection.expected]
    assert min(scores) >= 0.5 and sum(scores) / len(scores) >= 0.9
    assert collection.must_reject and set(errors) == set(collection.must_reject)
    assert all(errors[path].reason.startswith("not a valid RSS/Atom feed") for path in collection.must_reject)
