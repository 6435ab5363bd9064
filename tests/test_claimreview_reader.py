"""Reading schema.org ClaimReview markup from fact-check pages and JSON Lines feeds."""
import json

from claimkb.ingest.readers import read_inputs
from claimkb.ingest.records import ArticleRecord, ClaimReviewRecord, InputError


def review(claim="The bridge cost 4 million euros.", **overrides):
    item = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim,
        "url": "https://checks.example/bridge",
        "author": {"@type": "Organization", "name": "Checks Example"},
        "datePublished": "2021-03-02",
        "inLanguage": "en",
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Ann Mayor"},
            "datePublished": "2021-03-01",
            "appearance": [{"@type": "CreativeWork", "url": "https://news.example/bridge"}, "https://other.example/b"],
        },
        "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1,
                         "alternateName": "Mostly false"},
    }
    item.update(overrides)
    return {k: v for k, v in item.items() if v is not None}


def page(*scripts: str, body="<p>Some text of the fact-check article, long enough to be read.</p>") -> str:
    tags = "".join(f'<script type="application/ld+json">{s}</script>' for s in scripts)
    return f"<!DOCTYPE html><html><head><title>A check</title>{tags}</head><body>{body}</body></html>"


def read(tmp_path, name: str, content: str, **options):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return list(read_inputs([path], **options))


def test_every_field_of_a_full_claimreview(tmp_path):
    [record] = read(tmp_path, "check.html", page(json.dumps(review())))
    assert isinstance(record, ClaimReviewRecord)
    assert record.claim_text == "The bridge cost 4 million euros."
    assert (record.claimant, record.reviewer) == ("Ann Mayor", "Checks Example")
    assert (record.rating_text, record.rating_value, record.best_rating, record.worst_rating) == (
        "Mostly false", 2.0, 5.0, 1.0)
    assert (record.url, record.reviewed_at, record.language) == ("https://checks.example/bridge", "2021-03-02", "en")
    assert record.claim_published == "2021-03-01"
    assert record.appearances == ["https://news.example/bridge", "https://other.example/b"]
    assert record.source.endswith("check.html#claimreview-1")


def test_several_claimreviews_on_one_page_in_graph_list_and_nested(tmp_path):
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "Organization", "name": "X"}, review("First.")]}
    listed = [review("Second."), review("Third.")]
    nested = {"@type": "WebPage", "mainEntity": review("Fourth.")}
    found = read(tmp_path, "many.html", page(json.dumps(graph), json.dumps(listed), json.dumps(nested)))
    assert [r.claim_text for r in found] == ["First.", "Second.", "Third.", "Fourth."]
    assert [r.source.rsplit("#", 1)[1] for r in found] == [f"claimreview-{n}" for n in range(1, 5)]


def test_non_claimreview_json_ld_is_ignored_and_a_page_without_claimreview_is_an_article(tmp_path):
    other = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "A ClaimReview of"})
    found = read(tmp_path, "news.html", page(other, json.dumps(review())))
    assert [type(r) for r in found] == [ClaimReviewRecord]
    sentence = "The council said the new bridge over the river cost 4 million euros to build. "
    body = "<article><p>" + sentence * 4 + "</p></article>"
    [article] = read(tmp_path, "plain.html", page(other, body=body))
    assert isinstance(article, ArticleRecord)


def test_missing_rating_is_reported_and_the_others_kept(tmp_path):
    found = read(tmp_path, "partial.html", page(json.dumps([review("Kept."), review("Dropped.", reviewRating=None)])))
    assert [r.claim_text for r in found if isinstance(r, ClaimReviewRecord)] == ["Kept."]
    [error] = [r for r in found if isinstance(r, InputError)]
    assert error.source.endswith("partial.html#claimreview-2")
    assert "no reviewRating" in error.reason


def test_rating_without_value_or_name_and_claim_without_text_are_reported(tmp_path):
    found = read(tmp_path, "bad.html", page(json.dumps([
        review("No value.", reviewRating={"@type": "Rating", "bestRating": 5}),
        review(None),
    ])))
    reasons = [r.reason for r in found]
    assert reasons == ["reviewRating has neither a ratingValue nor an alternateName", "no claimReviewed text"]


def test_rating_as_a_string(tmp_path):
    bare, textual, numeric = read(tmp_path, "strings.html", page(json.dumps([
        review("Bare.", reviewRating="Pants on fire"),
        review("Textual value.", reviewRating={"@type": "Rating", "ratingValue": "False"}),
        review("Numeric text.", reviewRating={"ratingValue": "4", "bestRating": "5", "worstRating": "1"}),
    ])))
    assert (bare.rating_text, bare.rating_value) == ("Pants on fire", None)
    assert (textual.rating_text, textual.rating_value) == ("False", None)
    assert (numeric.rating_text, numeric.rating_value, numeric.best_rating) == (None, 4.0, 5.0)


def test_bad_json_in_a_script_is_reported_when_it_is_claimreview_markup(tmp_path):
    broken = '{"@type": "ClaimReview", "claimReviewed": "Oops",}'
    unrelated = '{"@type": "Organization", "name": }'
    found = read(tmp_path, "broken.html", page(unrelated, broken, json.dumps(review("Fine."))))
    [record] = [r for r in found if isinstance(r, ClaimReviewRecord)]
    assert record.claim_text == "Fine."
    [error] = [r for r in found if isinstance(r, InputError)]
    assert error.source.endswith("broken.html#script-2") and error.reason.startswith("invalid JSON-LD")


def test_jsonl_feed_is_detected_and_a_line_that_is_not_a_claimreview_is_reported(tmp_path):
    lines = [json.dumps(review("One.")), json.dumps({"@type": "NewsArticle", "headline": "x"}), "{not json",
             json.dumps(review("Two."))]
    found = read(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    assert [r.claim_text for r in found if isinstance(r, ClaimReviewRecord)] == ["One.", "Two."]
    errors = {r.source.rsplit(":", 1)[1]: r.reason for r in found if isinstance(r, InputError)}
    assert set(errors) == {"2", "3"}
    assert errors["2"] == 'not a ClaimReview (@type "NewsArticle")'
    assert errors["3"].startswith("invalid JSON")


def test_format_claimreview_forces_the_reader(tmp_path):
    found = read(tmp_path, "feed.txt", json.dumps(review()), format="claimreview")
    assert [type(r) for r in found] == [ClaimReviewRecord]
    [error] = read(tmp_path, "none.html", page(), format="claimreview")
    assert error.reason == "no ClaimReview JSON-LD in the page"


def test_articles_jsonl_is_still_read_as_articles(tmp_path):
    [article] = read(tmp_path, "articles.jsonl", json.dumps({"text": "A ClaimReview is a kind of review."}) + "\n")
    assert isinstance(article, ArticleRecord)


def test_the_bundled_fact_checks_read_without_errors():
    from claimkb.resources import fact_check_samples

    found = list(read_inputs([str(fact_check_samples())]))
    assert found and all(isinstance(r, ClaimReviewRecord) for r in found)
