"""Translation alignment: an unlinked claim of a translation is linked to the best
unlinked source claim of its gap between two linked claims, when that pair scores at
least ALIGNED_THRESHOLD; never outside its gap, never to a source claim that is already
linked, never inside a rewrite or a re-publication in the same language. Before
alignment, a claim linked to two claims of the other article keeps the link of the best
one-to-one matching (and a split sentence both)."""
from __future__ import annotations

import pytest

from claimkb.ingest.records import ArticleRecord, Claim, Extraction
from claimkb.link.alignment import ALIGNED_THRESHOLD, align_derivations, keep_one_counterpart
from claimkb.match.compare import Comparison
from claimkb.store.articles import store_article
from claimkb.store.db import open_db

SOURCE = ["The council approved the budget.", "Taxes will rise by two percent.",
          "Parks will get new benches.", "The mayor praised the vote."]
COPY = ["Council backs budget.", "A tax rise is coming.", "Benches for the parks.", "Mayor hails vote."]


def article(outlet, published, sentences, language="en"):
    text = " ".join(sentences)
    claims, at = [], 0
    for sentence in sentences:
        claims.append(Claim(kind="assertion", text=sentence, content=sentence, char_start=at,
                            char_end=at + len(sentence)))
        at += len(sentence) + 1
    record = ArticleRecord(title=outlet, url=f"https://{outlet}.example/a", outlet=outlet, published=published,
                           language=language, text=text)
    return record, Extraction(claims=claims)


def derivation(path, source_sentences, copy_sentences, relation="translates", copy_language="fr"):
    """A database holding a source article and a copy derived from it (``relation``),
    and the claim ids of each, in text order."""
    database = open_db(path)
    ids = {}
    for outlet, published, sentences, language in (("source", "2024-05-01", source_sentences, "en"),
                                                   ("copy", "2024-05-02", copy_sentences, copy_language)):
        record, extraction = article(outlet, published, sentences, language)
        store_article(database, record, extraction)
        ids[outlet] = [row["id"] for row in database.query(
            "select c.id from claims c join articles a on a.id = c.article_id join outlets o on o.id = a.outlet_id"
            " where o.name = ? order by c.char_start", [outlet])]
    source_article, copy_article = (database.execute(
        "select a.id from articles a join outlets o on o.id = a.outlet_id where o.name = ?", [name]).fetchone()[0]
        for name in ("source", "copy"))
    database["article_derivations"].insert({"article_id": copy_article, "derived_from": source_article,
                                            "score": 0.5, "relation": relation, "shared_claims": 2})
    return database, ids


@pytest.fixture
def db(tmp_path):
    return derivation(tmp_path / "kb.db", SOURCE, COPY)


def link(database, a, b):
    database["claim_links"].insert({"claim_a": a, "claim_b": b, "score": 0.9, "relation": "paraphrase",
                                    "evidence": "[]", "method": "lexical"})


def comparer_scoring(scores):
    """A comparer that gives the pairs in ``scores`` their score and every other pair 0."""
    return lambda a, b: Comparison(True, scores.get((a, b), 0.0), "paraphrase", [])


def aligned_pairs(database):
    return {(r[0], r[1]) for r in database.execute("select claim_a, claim_b from claim_links where method like '%+aligned'")}


def test_a_claim_between_two_linked_claims_aligns_with_the_source_claim_between_theirs(db):
    database, ids = db
    src, cpy = ids["source"], ids["copy"]
    link(database, src[0], cpy[0])
    link(database, src[3], cpy[3])
    scores = {(src[1], cpy[1]): ALIGNED_THRESHOLD + 0.1, (src[2], cpy[1]): ALIGNED_THRESHOLD - 0.2,
              (src[2], cpy[2]): ALIGNED_THRESHOLD + 0.05}
    assert align_derivations(database, comparer_scoring(scores), "lexical") == 2
    assert aligned_pairs(database) == {(src[1], cpy[1]), (src[2], cpy[2])}


def test_a_pair_below_the_threshold_is_not_linked(db):
    database, ids = db
    src, cpy = ids["source"], ids["copy"]
    link(database, src[0], cpy[0])
    scores = {(src[1], cpy[1]): ALIGNED_THRESHOLD - 0.01}
    align_derivations(database, comparer_scoring(scores), "lexical")
    assert aligned_pairs(database) == set()


def test_never_outside_the_gap_nor_to_a_source_claim_already_linked(db):
    database, ids = db
    src, cpy = ids["source"], ids["copy"]
    link(database, src[1], cpy[1])
    link(database, src[2], cpy[2])
    # cpy[0] lies before the first anchor: its gap is src[0] alone. src[1] (linked)
    # and src[3] (after the anchors) score high but are not candidates.
    scores = {(src[1], cpy[0]): 0.99, (src[3], cpy[0]): 0.99, (src[0], cpy[0]): ALIGNED_THRESHOLD}
    align_derivations(database, comparer_scoring(scores), "lexical")
    assert aligned_pairs(database) == {(src[0], cpy[0])}


def test_without_any_linked_claim_nothing_is_aligned(db):
    database, ids = db
    scores = {(ids["source"][0], ids["copy"][0]): 0.9}
    assert align_derivations(database, comparer_scoring(scores), "lexical") == 0


def test_within_a_gap_claims_pair_one_to_one_best_first(db):
    database, ids = db
    src, cpy = ids["source"], ids["copy"]
    link(database, src[3], cpy[3])
    # cpy[0] and cpy[1] both score best with src[1]; cpy[1] more so, so cpy[0]
    # takes its next best candidate instead of a second copy of src[1].
    scores = {(src[1], cpy[1]): 0.9, (src[1], cpy[0]): 0.8, (src[0], cpy[0]): ALIGNED_THRESHOLD + 0.01}
    align_derivations(database, comparer_scoring(scores), "lexical")
    assert aligned_pairs(database) == {(src[1], cpy[1]), (src[0], cpy[0])}


def test_a_pair_reached_from_both_articles_is_counted_once(db):
    # Undated copies can be recorded as deriving both ways, with links stored in either
    # orientation: each direction then proposes the same pair. What the linker reports
    # as added is what the table gained.
    database, ids = db
    src, cpy = ids["source"], ids["copy"]
    link(database, src[0], cpy[0])
    link(database, cpy[3], src[3])
    source_article, copy_article = (database.execute("select article_id from claims where id = ?", [claim])
                                    .fetchone()[0] for claim in (src[0], cpy[0]))
    database["article_derivations"].insert({"article_id": source_article, "derived_from": copy_article,
                                            "score": 0.5, "relation": "republishes", "shared_claims": 2})
    scores = {(src[1], cpy[1]): ALIGNED_THRESHOLD + 0.1, (cpy[1], src[1]): ALIGNED_THRESHOLD + 0.1}
    before = database.execute("select count(*) from claim_links").fetchone()[0]
    added = align_derivations(database, comparer_scoring(scores), "lexical")
    assert added == database.execute("select count(*) from claim_links").fetchone()[0] - before == 1


@pytest.mark.parametrize("relation", ["rewrites", "republishes"])
def test_a_copy_in_the_same_language_is_not_aligned(tmp_path, relation):
    # A rewrite is as often an independent report of the same event, in an order of its
    # own; what a re-publication's pair scores leave unlinked is mostly what its writer
    # changed. Measured, position was no evidence in either.
    database, ids = derivation(tmp_path / "kb.db", SOURCE, COPY, relation=relation, copy_language="en")
    src, cpy = ids["source"], ids["copy"]
    link(database, src[0], cpy[0])
    link(database, src[3], cpy[3])
    scores = {(src[1], cpy[1]): ALIGNED_THRESHOLD + 0.1, (src[2], cpy[2]): ALIGNED_THRESHOLD + 0.05}
    assert align_derivations(database, comparer_scoring(scores), "lexical") == 0


@pytest.mark.parametrize("copy_language, aligned", [("fr", 2), ("en", 0)])
def test_probable_pairs_make_a_translation_worth_aligning_without_a_derivation(tmp_path, copy_language, aligned):
    database, ids = derivation(tmp_path / "kb.db", SOURCE, COPY, copy_language=copy_language)
    src, cpy = ids["source"], ids["copy"]
    database.execute("delete from article_derivations")
    link(database, src[0], cpy[0])
    scores = {(src[1], cpy[1]): 0.7, (src[2], cpy[2]): 0.7}
    assert align_derivations(database, comparer_scoring(scores), "lexical") == 0
    # Links and probable pairs together cover three of the copy's four claims; only a
    # copy in another language is worth aligning without a derivation.
    probable = [(src[1], cpy[1]), (src[2], cpy[2])]
    assert align_derivations(database, comparer_scoring(scores), "lexical", probable=probable) == aligned


def test_alignment_pairs_never_cross_and_take_the_best_sum():
    from claimkb.link.alignment import monotone_pairs

    # Source rows: a headline, then two sentences; copy columns: the two sentences.
    # The headline resembles the second copy sentence (0.85) more than that sentence's
    # own source does (0.7), but pairing them would cross the first sentence's pair.
    scores = [[0.1, 0.85],
              [0.9, 0.1],
              [0.1, 0.7]]
    assert monotone_pairs(scores, 0.5) == [(1, 0), (2, 1)]
    # Nothing at or over the threshold: nothing paired; an empty gap: nothing either.
    assert monotone_pairs([[0.4, 0.2], [0.3, 0.49]], 0.5) == []
    assert monotone_pairs([], 0.5) == []


def links(database):
    return {(r[0], r[1]) for r in database.execute("select claim_a, claim_b from claim_links")}


def test_a_look_alike_link_gives_way_to_the_two_pairs_it_would_displace(db):
    # "A tax rise is coming." is linked to its own sentence and, a little more strongly,
    # to the budget sentence; the budget sentence has its own copy too. One to one, the
    # two true pairs outweigh the look-alike.
    database, ids = db
    src, cpy = ids["source"], ids["copy"]
    link(database, src[0], cpy[1])
    link(database, src[1], cpy[1])
    scores = {(src[0], cpy[1]): 0.9, (src[1], cpy[1]): 0.85, (src[0], cpy[0]): 0.7}
    assert keep_one_counterpart(database, comparer_scoring(scores)) == 1
    assert links(database) == {(src[1], cpy[1])}


def test_a_reordered_copy_keeps_its_links(db):
    # A rewrite may move a paragraph: crossing pairs are each a claim's only counterpart.
    database, ids = db
    src, cpy = ids["source"], ids["copy"]
    link(database, src[0], cpy[2])
    link(database, src[2], cpy[0])
    scores = {(src[0], cpy[2]): 0.9, (src[2], cpy[0]): 0.9}
    assert keep_one_counterpart(database, comparer_scoring(scores)) == 0
    assert links(database) == {(src[0], cpy[2]), (src[2], cpy[0])}


def test_half_of_a_split_sentence_keeps_its_link(tmp_path):
    # The copy splits one source sentence in two: both halves link to it, and the half
    # the matching leaves out is contained in the source sentence, so it stays.
    whole = "The council approved the budget and the mayor praised the vote."
    halves = ["The council approved the budget.", "The mayor praised the vote."]
    database, ids = derivation(tmp_path / "kb.db", [whole], halves)
    (source,), copy = ids["source"], ids["copy"]
    link(database, source, copy[0])
    link(database, source, copy[1])
    scores = {(source, copy[0]): 0.9, (source, copy[1]): 0.8}
    assert keep_one_counterpart(database, comparer_scoring(scores)) == 0
    assert len(links(database)) == 2
