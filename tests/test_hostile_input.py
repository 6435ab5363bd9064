"""Broken and hostile input: each bad input is one clear error, the rest of the batch is stored.

Explicit cases for each named family of bad input, and property-based tests that no
reader raises on random input (it yields articles or InputErrors, nothing else).
"""
import gzip
import io
import json
import sqlite3

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimkb.cli import cli
from claimkb.ingest.extract.chunks import split_text
from claimkb.ingest.readers import Limits, read_inputs
from claimkb.ingest.records import ArticleRecord, InputError

GOOD = "The mayor said the bridge will reopen in May after repairs costing 3 million dollars."


def read(path, **options):
    return list(read_inputs([str(path)], **options))


def only_error(items) -> InputError:
    assert len(items) == 1 and isinstance(items[0], InputError), items
    assert "\n" not in str(items[0])
    return items[0]


def test_impossible_and_unreadable_dates_are_left_out_with_a_warning(tmp_path):
    front = tmp_path / "front.md"
    front.write_text(f"---\npublished: 2024-13-45\n---\n{GOOD}\n", encoding="utf-8")
    lines = tmp_path / "lines.jsonl"
    lines.write_text("\n".join(json.dumps({"text": GOOD, "published": date})
                               for date in ("2024-13-45", "not a date", "2024-02-30T10:00")), encoding="utf-8")
    records = read(front) + read(lines)
    assert all(isinstance(r, ArticleRecord) and r.published is None for r in records)
    assert [len(r.warnings) for r in records] == [1, 1, 1, 1]
    assert "'2024-13-45' is not a date" in records[0].warnings[0]
    assert "'not a date' is not a date" in records[2].warnings[0]


def test_a_nul_byte_or_another_encoding_rejects_only_its_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "bad\x00line"}\n' + json.dumps({"text": GOOD}).encode() + b"\n"
                     + '{"text": "caf\u00e9 au lait"}'.encode("latin-1") + b"\n")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["InputError", "ArticleRecord", "InputError"]
    assert items[0].source.endswith("mixed.jsonl:1") and items[2].source.endswith("mixed.jsonl:3")
    assert "not UTF-8" in items[2].reason


def test_a_gzip_bomb_stops_at_the_decompressed_limit(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    with gzip.open(path, "wb") as packed:
        for _ in range(8):
            packed.write(b"a" * 2**20)
    error = only_error(read(path, limits=Limits(decompressed_bytes=2**20)))
    assert "--max-decompressed-size" in error.reason
    assert isinstance(read(path, limits=Limits(decompressed_bytes=16 * 2**20))[0], ArticleRecord)


def test_an_input_over_the_size_limit_is_refused_before_it_is_read_whole(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(GOOD * 100, encoding="utf-8")
    assert "--max-input-size" in only_error(read(path, limits=Limits(input_bytes=1000))).reason
    stdin_error = only_error(list(read_inputs(["-"], stdin=io.BytesIO(b"x" * 2000), limits=Limits(input_bytes=1000))))
    assert stdin_error.source == "<stdin>"


def test_yaml_tags_are_never_constructed(tmp_path):
    marker = tmp_path / "constructed"
    path = tmp_path / "tag.md"
    path.write_text(f'---\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n---\n{GOOD}\n',
                    encoding="utf-8")
    assert "invalid front matter" in only_error(read(path)).reason
    assert not marker.exists()


def test_feeds_never_expand_external_or_nested_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    external = tmp_path / "xxe.xml"
    external.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]><rss version="2.0"><channel>'
        f"<title>T</title><item><title>A</title><description>Leak: &x; {GOOD}</description></item></channel></rss>",
        encoding="utf-8")
    entities = "".join(f'<!ENTITY e{n} "{("&e" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e0 "ha">{entities}]><rss version="2.0"><channel>'
        f"<title>T</title><item><title>A</title><description>&e9;</description></item>"
        f"<item><title>B</title><description>{GOOD}</description></item></channel></rss>", encoding="utf-8")
    texts = [item.text for item in read(external) + read(bomb) if isinstance(item, ArticleRecord)]
    assert GOOD in " ".join(texts)
    assert not any("TOP-SECRET" in text or "hahaha" in text for text in texts)


def test_deeply_nested_html_is_a_clean_error_or_an_article(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 100_000 + GOOD + "</div>" * 100_000 + "</body></html>",
                    encoding="utf-8")
    fragment = tmp_path / "deep fragment.html"
    fragment.write_text("<div>" * 100_000 + GOOD + "</div>" * 100_000, encoding="utf-8")
    for item in read(page) + read(fragment):
        assert isinstance(item, (ArticleRecord, InputError))


def test_empty_and_blank_bodies_are_errors(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("---\ntitle: T\n---\n \n\t\n", encoding="utf-8")
    (tmp_path / "blank.jsonl").write_text('{"text": "   "}\n', encoding="utf-8")
    items = read(tmp_path)
    assert len(items) == 3 and all(isinstance(i, InputError) for i in items)


def test_one_batch_keeps_its_good_inputs_and_names_each_bad_one(tmp_path):
    folder = tmp_path / "batch ünïcode"
    folder.mkdir()
    (folder / "good one.txt").write_text(GOOD, encoding="utf-8")
    (folder / "bad date.md").write_text("---\npublished: 2024-13-45\n---\nOfficials said 40 people were hurt.\n",
                                        encoding="utf-8")
    (folder / "латиница.txt").write_bytes("caf\u00e9".encode("latin-1"))
    (folder / "tag.md").write_text('---\ntitle: !!python/object:os.system x\n---\nBody.\n', encoding="utf-8")
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(cli, ["ingest", str(db), str(folder), "--no-link"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith(("error:", "warning:"))]
    assert sorted(line.split(":")[0] for line in lines) == ["error", "error", "warning"]
    assert any("латиница.txt" in line and "not UTF-8" in line for line in lines)
    conn = sqlite3.connect(db)
    assert sorted(conn.execute("select source, published from articles")) == [
        (str(folder / "bad date.md"), None), (str(folder / "good one.txt"), None)]
    assert conn.execute("pragma integrity_check").fetchone() == ("ok",)


def test_a_long_text_is_extracted_in_pieces_with_offsets_into_the_whole(tmp_path, monkeypatch):
    import claimkb.ingest.extract as extract

    monkeypatch.setattr(extract, "LONG_TEXT", 600)
    paragraph = ('"Rents rose by 12 percent this year," the housing minister said on Monday. '
                 "Officials estimate that 4,000 homes were built.\n\n")
    path = tmp_path / "long.txt"
    path.write_text(paragraph * 12, encoding="utf-8")
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(cli, ["ingest", str(db), str(path), "--no-link"])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    (text,) = conn.execute("select text from articles").fetchone()
    claims = conn.execute("select content, char_start, char_end from claims").fetchall()
    assert len(claims) >= 24  # a quote and a statistic per paragraph
    assert all(text[start:end] == content for content, start, end in claims)
    quantities = conn.execute("select q.text, q.char_start, q.char_end from quantities q").fetchall()
    assert quantities and all(text[start:end] == shown for shown, start, end in quantities)


@given(st.text(), st.integers(min_value=2, max_value=200))
def test_split_text_joins_back_within_the_limit(text, limit):
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(piece) <= limit for piece in pieces)


# Property-based: random bytes and text never make a reader raise.
HYPOTHESIS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def reads_cleanly(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    for item in read(path):
        assert isinstance(item, (ArticleRecord, InputError))
        if isinstance(item, InputError):
            assert item.reason and "\n" not in item.reason


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                         max_size=4), max_leaves=8)
record_like = st.fixed_dictionaries({}, optional={key: json_values | st.text() for key in
                                                  ("text", "html", "title", "published", "author", "url")})


@HYPOTHESIS
@given(st.lists(record_like | json_values, max_size=5), st.binary(max_size=40))
def test_jsonl_reader_never_raises(tmp_path, records, noise):
    data = b"\n".join(json.dumps(record).encode() for record in records) + b"\n" + noise
    reads_cleanly(tmp_path, "random.jsonl", data)


@HYPOTHESIS
@given(st.dictionaries(st.sampled_from(["title", "published", "author", "outlet"]), st.text(max_size=20), max_size=4),
       st.text(max_size=200), st.binary(max_size=20))
def test_text_reader_never_raises(tmp_path, fields, body, noise):
    front = "".join(f"{key}: {json.dumps(value)}\n" for key, value in fields.items())
    reads_cleanly(tmp_path, "random.md", f"---\n{front}---\n{body}".encode() + noise)
    reads_cleanly(tmp_path, "bytes.txt", noise + body.encode("utf-8", "surrogatepass"))


tags = st.sampled_from(["p", "div", "html", "body", "script", "br", "table", "td", "h1", "a", "!--", "meta"])


@HYPOTHESIS
@given(st.lists(st.tuples(tags, st.text(max_size=30)), max_size=12), st.booleans())
def test_html_reader_never_raises(tmp_path, parts, closed):
    markup = "".join(f"<{tag}>{text}" + (f"</{tag}>" if closed else "") for tag, text in parts)
    reads_cleanly(tmp_path, "random.html", markup.encode("utf-8", "surrogatepass"))


@HYPOTHESIS
@given(st.lists(st.tuples(st.text(max_size=20), st.text(max_size=60), st.text(max_size=20)), max_size=4),
       st.sampled_from(["rss", "feed", "rdf:RDF", "channel"]))
def test_feed_reader_never_raises(tmp_path, entries, root):
    from xml.sax.saxutils import escape

    items = "".join(f"<item><title>{escape(t)}</title><description>{escape(d)}</description>"
                    f"<pubDate>{escape(p)}</pubDate></item>" for t, d, p in entries)
    feed = f'<?xml version="1.0"?><{root}><channel><title>T</title>{items}</channel></{root}>'
    reads_cleanly(tmp_path, "random.xml", feed.encode("utf-8", "surrogatepass"))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300), st.one_of(st.none(), st.text(max_size=30)))
def test_compare_never_raises_on_random_text(a, b, speaker):
    from claimkb.match.compare import compare_texts

    result = compare_texts(a, b, speaker_a=speaker, speaker_b=speaker)
    assert 0.0 <= result.score <= 1.0
