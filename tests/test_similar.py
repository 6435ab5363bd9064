"""find_similar: has this claim been seen before?"""
from __future__ import annotations

import pytest
from test_link import ARTICLES, GERMAN_COPY, GERMAN_SOURCE, db, store_in  # noqa: F401 (db is a fixture)

from claimkb.match.candidates import fts_ranked
from claimkb.match.embeddings import embeddings_available
from claimkb.match.similar import POOL, find_similar, rank_claims, reciprocal_rank_fusion
from claimkb.store.db import open_db


def test_a_reworded_claim_finds_its_stored_copies_first(db):
    found = find_similar(db, "The council approved 3.5 million dollars for the harbour bridge.", matcher="lexical")
    assert found[0]["text"] == ARTICLES[0][2][0]
    assert {found[0]["outlet"], found[1]["outlet"]} == {"Herald", "Gazette"}
    assert found[0]["score"] >= found[-1]["score"]
    assert set(found[0]) == {"claim_id", "text", "score", "article_id", "outlet", "speaker", "relation"}


def test_a_changed_figure_is_reported_as_such(db):
    found = find_similar(db, "The city council approved a budget of 5.3 million dollars for the new harbour bridge.",
                         matcher="lexical", limit=1)
    assert found[0]["relation"] == "number_changed"


def test_limit_and_nothing_found(db):
    assert len(find_similar(db, "Mayor Alice Tran said the bridge will open", limit=1, matcher="lexical")) == 1
    assert find_similar(db, "Penguins waddle across Antarctic ice", matcher="lexical") == []


@pytest.mark.skipif(not embeddings_available(), reason="the optional embeddings tier is not installed")
def test_dense_tier_finds_a_paraphrase(db):
    found = find_similar(db, "Tran expects cars to drive over the bridge before Christmas.", matcher="dense")
    assert "bridge" in found[0]["text"] and "Tran" in found[0]["text"]


def test_fusion_puts_what_both_indexes_found_first():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["d", "b", "c"]])
    # "b" and "c" are found by both lists, "a" and "d" each first in one list only.
    assert fused["b"] > fused["c"] > fused["a"] == fused["d"]
    assert set(fused) == {"a", "b", "c", "d"}


def test_a_word_in_another_form_is_found_through_its_stem(db):
    found = find_similar(db, "Rye flour shortages reported by bakeries", matcher="lexical", limit=1)
    assert found[0]["text"] == "Local bakeries reported a shortage of rye flour this spring."


def test_results_come_in_the_fused_order_of_the_index_and_the_matcher(db):
    text = "Mayor Tran says the bridge opens before the holidays"
    found = find_similar(db, text, matcher="lexical")
    words = fts_ranked(db, text, limit=POOL)
    judged = [r["claim_id"] for r in rank_claims(db, text, words, matcher="lexical")]
    assert len(found) >= 3
    assert judged != words  # the matcher and the index disagree, so the order below says something
    fused = reciprocal_rank_fusion([words, judged])
    final = sorted(judged, key=lambda c: -fused[c])
    assert final != judged  # the index moves something: the matcher's order alone would fail here
    assert [r["claim_id"] for r in found] == final


def test_a_claim_in_a_language_the_matcher_does_not_read_is_found_only_word_for_word(tmp_path):
    db = open_db(tmp_path / "claimkb.db")
    store_in(db, "Kurier", "2023-05-01", GERMAN_SOURCE, "de")
    # reordered, as linking would not judge it either (test_link)
    reordered = {r["text"]: r for r in rank_claims(db, GERMAN_COPY[0], [row[0] for row in db.execute(
        "select id from claims")], matcher="lexical")}
    assert reordered[GERMAN_SOURCE[0]]["score"] == 0.0
    copied = find_similar(db, GERMAN_SOURCE[1], matcher="lexical")
    assert copied[0]["text"] == GERMAN_SOURCE[1] and copied[0]["relation"] == "verbatim"
