"""Fact-checks: verdicts on one scale, stored, and matched to the claims they rate."""
import json

import pytest
from click.testing import CliRunner

from claimkb.cli import cli
from claimkb.link.fact_checks import url_variants
from claimkb.store.db import open_db
from claimkb.store.ratings import normalize_rating, rating_from_number, rating_from_words

ORIGINAL_URL = "https://www.harbour-news.example/record-year/"
ARTICLES = {
    "original.txt": f"""---
url: {ORIGINAL_URL}
outlet: Harbour News
published: 2024-03-01
---
Harbour traffic hits a record

The port authority said the harbour handled 4.2 million containers last year. It was a record.
""",
    "copy.txt": """---
url: https://coast-daily.example/port-record
outlet: Coast Daily
published: 2024-03-03
---
Port sets a record

The harbour handled 4.2 million containers last year, the port authority said on Monday.
""",
}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("text, rating", [
    ("Pants on Fire!", "false"),
    ("Mostly False", "mostly false"),
    ("mostly-true", "mostly true"),
    ("Half True", "mixed"),
    ("Not true", "false"),
    ("False: the report counted 12 cases, not 40.", "false"),
    ("Misleading", "mostly false"),
    ("Unproven", "unrated"),
    ("Falsely attributed quote", None),  # a verdict's word must end where a word ends
    ("We could not reach the mayor", None),
])
def test_rating_words(text, rating):
    assert rating_from_words(text) == rating


@pytest.mark.parametrize("value, best, worst, rating", [
    (1, 5, 1, "false"), (2, 5, 1, "mostly false"), (3, 5, 1, "mixed"), (4, 5, 1, "mostly true"), (5, 5, 1, "true"),
    (4, None, None, "mostly true"),  # schema.org's default scale, 1 to 5
    (9, 10, 0, "true"), (1, 10, 0, "false"),
    (1, 1, 5, "true"),  # a scale whose best is its lowest number
    (7, 5, 1, None), (3, 3, 3, None),
])
def test_rating_numbers(value, best, worst, rating):
    assert rating_from_number(value, best, worst) == rating


def test_words_decide_before_numbers_and_nothing_known_is_unrated():
    assert normalize_rating("Mostly false", 5, 5, 1) == "mostly false"
    assert normalize_rating("Wonky", 5, 5, 1) == "true"
    assert normalize_rating("Wonky") == "unrated"


def test_url_variants_cover_scheme_www_and_trailing_slash():
    variants = url_variants("https://www.news.example/a/b/#top")
    assert {"http://news.example/a/b", "https://www.news.example/a/b/", "https://news.example/a/b/"} <= set(variants)
    assert all("#" not in v for v in variants)


def fact_check_line(claim, rating, **item):
    return json.dumps({
        "@type": "ClaimReview", "claimReviewed": claim, "author": {"name": "Test Checkers"},
        "url": "https://checkers.example/1", "datePublished": "2020-12-04T12:00:00Z",
        "reviewRating": rating, "itemReviewed": {"@type": "Claim", **item},
    })


@pytest.fixture(scope="module")
def checked_db(tmp_path_factory):
    """Fact-checks ingested before the articles they rate: matched when the articles come."""
    folder = tmp_path_factory.mktemp("checks")
    feed = folder / "checks.jsonl"
    feed.write_text("\n".join([
        fact_check_line("The harbour handled 4.2 million containers last year.",
                        {"ratingValue": 4, "bestRating": 5, "worstRating": 1}, author={"name": "Port Authority"},
                        # another spelling of the original's URL: http, no www., no trailing slash
                        appearance=[{"url": "http://harbour-news.example/record-year"}]),
        fact_check_line("Penguins were elected to the city council in 1066.", {"alternateName": "False"}),
        json.dumps({"@type": "Dataset", "name": "not a fact-check"}),
    ]) + "\n", encoding="utf-8")
    articles = folder / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    path = folder / "kb.db"
    first = run("ingest", path, feed, "--matcher", "lexical")
    second = run("ingest", path, articles, "--matcher", "lexical")
    return path, first, second


def test_fact_checks_are_stored_with_their_rating_and_bad_lines_reported(checked_db):
    path, first, _ = checked_db
    assert first.exit_code == 1
    assert "checks.jsonl:3: not a ClaimReview" in first.output
    assert "2 new fact-checks (0 unchanged)" in first.output
    rows = {r["claim_text"][:9]: r for r in open_db(path)["fact_checks"].rows}
    assert (rows["The harbo"]["rating"], rows["The harbo"]["claimant"]) == ("mostly true", "Port Authority")
    assert (rows["Penguins "]["rating"], rows["Penguins "]["rating_text"]) == ("false", "False")


def test_claims_ingested_later_are_matched_by_appearance_and_by_the_matcher(checked_db):
    path, _, second = checked_db
    assert second.exit_code == 0, second.output
    assert "Fact-checks matched:" in second.output
    rows = list(open_db(path).query(
        """select m.via, m.score, a.url, c.content from fact_check_matches m join claims c on c.id = m.claim_id
           join articles a on a.id = c.article_id join fact_checks f on f.id = m.fact_check_id"""))
    by_url = {r["url"]: r for r in rows}
    assert by_url[ORIGINAL_URL]["via"] == "appearance"
    [copy] = [r for r in rows if r["url"] != ORIGINAL_URL]
    assert copy["via"] == "matcher" and copy["url"] == "https://coast-daily.example/port-record"
    assert all("4.2 million" in r["content"] for r in rows)  # the penguins match nothing


def test_link_rematches_and_reingest_adds_no_fact_check(checked_db, tmp_path):
    path, _, _ = checked_db
    db = open_db(path)
    before = sorted((r["fact_check_id"], r["claim_id"], r["via"]) for r in db["fact_check_matches"].rows)
    result = run("link", path, "--matcher", "lexical")
    assert result.exit_code == 0 and "Fact-checks matched: 2 fact-checks" in result.output
    assert sorted((r["fact_check_id"], r["claim_id"], r["via"]) for r in db["fact_check_matches"].rows) == before
    copy = tmp_path / "again.jsonl"
    copy.write_text(fact_check_line("Penguins were elected to the city council in 1066.", {"alternateName": "False"}))
    again = run("ingest", path, copy, "--matcher", "lexical")
    assert "0 new fact-checks (1 unchanged)" in again.output
    assert db["fact_checks"].count == 2
