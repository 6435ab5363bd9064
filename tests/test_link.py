"""Linking claims across articles: candidates, links, incremental linking, the runs record."""
from __future__ import annotations

import json

import numpy as np
import pytest

from claimkb.ingest.records import ArticleRecord, Claim, Extraction, Quantity
from claimkb.link.linker import drop_outcompeted, link_claims
from claimkb.match.candidates import candidate_tokens, lexical_candidates, token_codes
from claimkb.match.compare import Comparison
from claimkb.match.embeddings import EMBEDDING_DIM, embeddings_available
from claimkb.store.articles import store_article
from claimkb.store.db import open_db

# Three outlets. The Gazette copies the Herald's figure verbatim and changes the
# number in the mayor's statement; the Post rewords the statement a week later.
# Each article also carries a claim nobody else reports.
ARTICLES = [
    ("Herald", "2023-05-01", [
        "The city council approved a budget of 3.5 million dollars for the new harbour bridge.",
        "Mayor Alice Tran said the bridge will open to traffic before the winter holidays.",
        "Local bakeries reported a shortage of rye flour this spring.",
    ]),
    ("Gazette", "2023-05-02", [
        "The city council approved a budget of 3.5 million dollars for the new harbour bridge.",
        "Mayor Alice Tran said the bridge will open to traffic before the winter holidays in 2024.",
        "A chess tournament drew forty players to the public library on Saturday.",
    ]),
    ("Post", "2023-05-08", [
        "Mayor Alice Tran said traffic will cross the new bridge before the winter holidays.",
        "The museum extended its opening hours for the summer exhibition of Dutch paintings.",
    ]),
]


def store(db, outlet, published, sentences, url=None):
    text = " ".join(sentences)
    claims = []
    for sentence in sentences:
        start = text.index(sentence)
        quantities = [Quantity("3.5 million dollars", 3.5e6, "USD")] if "3.5 million" in sentence else []
        claims.append(Claim("assertion", sentence, sentence, start, start + len(sentence), quantities=quantities))
    url = url or f"https://{outlet.lower()}.example/a"
    return store_article(db, ArticleRecord(text=text, outlet=outlet, published=published, url=url),
                         Extraction(claims=claims))


def links_by_text(db):
    return {
        (a, b): (relation, method)
        for a, b, relation, method in db.execute(
            """select ca.content, cb.content, l.relation, l.method from claim_links l
               join claims ca on ca.id = l.claim_a join claims cb on cb.id = l.claim_b"""
        )
    }


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "claimkb.db")
    for outlet, published, sentences in ARTICLES:
        store(database, outlet, published, sentences)
    return database


def test_links_copies_across_outlets_and_only_them(db):
    stats = link_claims(db, matcher="lexical")
    links = links_by_text(db)
    budget = ARTICLES[0][2][0]
    assert links[(budget, budget)] == ("verbatim", "lexical")
    herald_mayor, gazette_mayor, post_mayor = ARTICLES[0][2][1], ARTICLES[1][2][1], ARTICLES[2][2][0]
    assert (herald_mayor, gazette_mayor) in links
    assert (herald_mayor, post_mayor) in links
    unique_claims = {ARTICLES[0][2][2], ARTICLES[1][2][2], ARTICLES[2][2][1]}
    assert not any(a in unique_claims or b in unique_claims for a, b in links)
    assert stats.links == len(links)
    assert stats.matcher == "lexical"
    assert "links" in str(stats)


def test_earlier_copy_is_claim_a_and_same_article_never_linked(db):
    link_claims(db, matcher="lexical")
    rows = db.execute(
        """select aa.published, ab.published, ca.article_id = cb.article_id from claim_links l
           join claims ca on ca.id = l.claim_a join articles aa on aa.id = ca.article_id
           join claims cb on cb.id = l.claim_b join articles ab on ab.id = cb.article_id"""
    ).fetchall()
    assert rows
    assert all(earlier <= later and not same_article for earlier, later, same_article in rows)


def test_the_run_is_recorded(db):
    link_claims(db, matcher="lexical")
    run = db.execute("select command, matcher, embedding_model, finished_at from runs").fetchone()
    assert run[:3] == ("link", "lexical", None)
    assert run[3]


# Written for this test: two stories of one outlet repeat its council statement and end
# with its subscription line; another outlet reports the statement in between.
BUDGET = "The city council approved a budget of 3.5 million dollars for the new harbour bridge."
FOOTER = "Subscribers receive the printed edition of the Harbour Times every Thursday morning."
ONE_OUTLETS_STORIES = [
    ("Harbour Times", "2023-05-01", [BUDGET, FOOTER], "https://harbourtimes.example/budget"),
    ("Coast Courier", "2023-05-02", [BUDGET], "https://coastcourier.example/bridge"),
    ("Harbour Times", "2023-05-03", [BUDGET, "Ferry tickets rose by two dollars on Monday.", FOOTER],
     "https://harbourtimes.example/ferry"),
]


def linked_outlets(db):
    return sorted(db.execute(
        """select oa.name, ob.name, ca.content from claim_links l
           join claims ca on ca.id = l.claim_a join articles aa on aa.id = ca.article_id
           join outlets oa on oa.id = aa.outlet_id
           join claims cb on cb.id = l.claim_b join articles ab on ab.id = cb.article_id
           join outlets ob on ob.id = ab.outlet_id""").fetchall())


@pytest.mark.parametrize("matcher", ["lexical", pytest.param("dense", marks=pytest.mark.skipif(
    not embeddings_available(), reason="the embeddings extra is not installed"))])
@pytest.mark.parametrize("incremental", [False, True], ids=["whole", "article by article"])
def test_claims_of_one_outlet_are_not_linked_to_each_other(tmp_path, incremental, matcher):
    database = open_db(tmp_path / "claimkb.db")
    for outlet, published, sentences, url in ONE_OUTLETS_STORIES:
        stored = store(database, outlet, published, sentences, url)
        if incremental:
            link_claims(database, claim_ids=stored.claim_ids, matcher=matcher)
    if not incremental:
        link_claims(database, matcher=matcher)
    assert linked_outlets(database) == [("Coast Courier", "Harbour Times", BUDGET),
                                        ("Harbour Times", "Coast Courier", BUDGET)]


def test_articles_of_no_known_outlet_are_linked_to_each_other(tmp_path):
    database = open_db(tmp_path / "claimkb.db")
    for published, sentences in (("2023-05-01", [BUDGET, FOOTER]), ("2023-05-03", [BUDGET])):
        text = " ".join(sentences)
        claims = [Claim("assertion", s, s, text.index(s), text.index(s) + len(s)) for s in sentences]
        store_article(database, ArticleRecord(text=text, published=published), Extraction(claims=claims))
    link_claims(database, matcher="lexical")
    assert linked_outlets(database) == [("unknown outlet", "unknown outlet", BUDGET)]


def test_incremental_linking_of_a_new_article_matches_a_full_rebuild(tmp_path):
    database = open_db(tmp_path / "claimkb.db")
    for outlet, published, sentences in ARTICLES[:2]:
        store(database, outlet, published, sentences)
    link_claims(database, matcher="lexical")
    new = store(database, *ARTICLES[2])
    stats = link_claims(database, claim_ids=new.claim_ids, matcher="lexical")
    assert stats.claims == len(new.claim_ids)
    incremental = links_by_text(database)
    link_claims(database, matcher="lexical", rebuild=True)
    assert links_by_text(database) == incremental


def test_rebuild_replaces_links_families_and_derivations(db):
    link_claims(db, matcher="lexical")
    db["claim_links"].insert({"claim_a": db.execute("select id from claims").fetchone()[0],
                              "claim_b": db.execute("select id from claims limit 1 offset 4").fetchone()[0],
                              "score": 1.0, "relation": "verbatim", "evidence": "[]", "method": "stale"})
    link_claims(db, matcher="lexical", rebuild=True)
    assert not db.execute("select 1 from claim_links where method = 'stale'").fetchone()


def test_families_get_the_earliest_copy_as_canonical(db):
    link_claims(db, matcher="lexical")
    budget = ARTICLES[0][2][0]
    canonical, size, outlets, first_seen = db.execute(
        """select c.content, f.size, f.outlets, f.first_seen from families f
           join claims c on c.id = f.canonical_claim_id where c.content = ?""", [budget]
    ).fetchone()
    assert (size, outlets, first_seen) == (2, 2, "2023-05-01")


def test_candidates_pair_different_articles_only_and_are_capped():
    texts = ["Seven ferries were cancelled because of the storm in Bergen."] * 6
    groups = np.array([0, 0, 1, 2, 3, 4])
    tokens = [candidate_tokens(t) for t in texts]
    pairs, scores = lexical_candidates(token_codes(tokens), groups, per_claim=2)
    assert len(pairs)
    assert all(i < j and groups[i] != groups[j] for i, j in pairs)
    assert len(pairs) <= len(texts) * 2  # each claim chose at most 2


def test_candidate_tokens_share_normalized_quantities_not_stop_words():
    written_one_way = candidate_tokens("the 16.9 million reports", [16_900_000.0])
    written_another = candidate_tokens("16,9 million reports", [16_900_000.0])
    assert written_one_way == written_another
    assert "the" not in written_one_way


def test_a_contradicting_link_loses_to_the_real_counterpart():
    # Article 1 has claims 0 and 1, article 2 has claim 2. Claim 2 copies claim 0;
    # claim 1 is another figure from the same source that only looks like it.
    articles = ["one", "one", "two"]
    links = [
        (0, 2, Comparison(True, 0.95, "paraphrase")),
        (1, 2, Comparison(True, 0.90, "number_changed")),
    ]
    assert [(a, b) for a, b, _ in drop_outcompeted(links, articles)] == [(0, 2)]
    # A weaker link that agrees (the other half of a split sentence) stays.
    links[1] = (1, 2, Comparison(True, 0.70, "number_dropped"))
    assert len(drop_outcompeted(links, articles)) == 2


@pytest.mark.skipif(not embeddings_available(), reason="the optional embeddings tier is not installed")
def test_embeddings_tier_is_recorded_and_vectors_cached(db):
    link_claims(db, matcher="dense")
    assert db.execute("select matcher, embedding_model from runs").fetchone() == (
        "dense", "sentence-transformers/all-MiniLM-L6-v2")
    methods = {m for (m,) in db.execute("select method from claim_links")}
    assert methods == {"dense"}
    vector = db.execute("select vector from claim_embeddings limit 1").fetchone()[0]
    assert len(vector) == EMBEDDING_DIM * 4
    budget = ARTICLES[0][2][0]
    assert links_by_text(db)[(budget, budget)][0] == "verbatim"


def test_evidence_is_a_json_list(db):
    link_claims(db, matcher="lexical")
    for (evidence,) in db.execute("select evidence from claim_links"):
        assert isinstance(json.loads(evidence), list)


def test_the_scoring_order_brings_each_claims_pairs_together():
    from claimkb.link.scoring import locality_order

    # two groups of claims paired among themselves, their positions interleaved (even,
    # odd): in position order the groups alternate pair after pair
    evens = [(0, 2), (2, 4), (4, 6), (0, 6)]
    odds = [(1, 3), (3, 5), (5, 7), (1, 7)]
    pairs = np.array([p for pair in zip(evens, odds) for p in pair], dtype=np.int64)
    order = locality_order(pairs, 8)
    assert sorted(order.tolist()) == list(range(len(pairs)))
    groups = [pairs[k, 0] % 2 for k in order]
    assert groups == sorted(groups) or groups == sorted(groups, reverse=True)  # one group, then the other


# Written for these tests: a budget and a bridge, in German. The matcher reads English,
# so of two German articles only the sentence copied word for word is a link; the one
# reordered would be scored as a paraphrase by a model that cannot read it.
GERMAN_SOURCE = ["Der Stadtrat hat am Montag einen Haushalt von drei Millionen Euro für die neue Hafenbrücke beschlossen.",
                 "Die Brücke soll nach Angaben der Bürgermeisterin vor dem Winter für den Verkehr geöffnet werden."]
GERMAN_COPY = ["Am Montag hat der Stadtrat für die neue Hafenbrücke einen Haushalt von drei Millionen Euro beschlossen.",
               "Die Brücke soll nach Angaben der Bürgermeisterin vor dem Winter für den Verkehr geöffnet werden."]


def store_in(db, outlet, published, sentences, language):
    text = " ".join(sentences)
    claims = [Claim("assertion", s, s, text.index(s), text.index(s) + len(s)) for s in sentences]
    record = ArticleRecord(text=text, outlet=outlet, published=published, url=f"https://{outlet.lower()}.example/a",
                           language=language)
    return store_article(db, record, Extraction(claims=claims))


@pytest.mark.parametrize("language", ["de", "de-DE", None])  # declared, or only shown by the text
def test_claims_in_a_language_the_matcher_does_not_read_are_linked_only_word_for_word(tmp_path, language):
    db = open_db(tmp_path / "claimkb.db")
    store_in(db, "Kurier", "2023-05-01", GERMAN_SOURCE, language)
    store_in(db, "Anzeiger", "2023-05-02", GERMAN_COPY, language)
    stats = link_claims(db, matcher="lexical")
    assert set(links_by_text(db)) == {(GERMAN_SOURCE[1], GERMAN_COPY[1])}
    assert stats.unread_claims == 4 and "4 claims not in English, linked only word for word" in str(stats)


def test_the_same_sentences_in_english_articles_are_judged(tmp_path):
    # the guard: the reordered sentence is a link when the articles read as English
    db = open_db(tmp_path / "claimkb.db")
    store_in(db, "Kurier", "2023-05-01", GERMAN_SOURCE, "en")
    store_in(db, "Anzeiger", "2023-05-02", GERMAN_COPY, "en")
    db.execute("update articles set text_language = null")  # as if the text showed no language
    link_claims(db, matcher="lexical")
    assert (GERMAN_SOURCE[0], GERMAN_COPY[0]) in links_by_text(db)


def test_the_migration_that_adds_text_language_fills_it_for_stored_articles(tmp_path):
    from sqlite_utils.db import Database

    from claimkb.store.schema import SCHEMA_VERSION

    path = tmp_path / "claimkb.db"
    db = open_db(path)
    store_in(db, "Kurier", "2023-05-01", GERMAN_SOURCE, None)
    store(db, "Herald", "2023-05-01", ARTICLES[0][2])
    db.close()
    # the database as claimkb left it before the migration: no column, one version less
    old = Database(path)
    old["articles"].transform(drop={"text_language"})
    old.execute("delete from _sqlite_migrations where name = 'm013_article_text_language'")
    old["kb_meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION - 1)}, pk="key")
    old.close()
    migrated = open_db(path)
    shown = {row[0]: row[1] for row in migrated.execute(
        "select o.name, a.text_language from articles a join outlets o on o.id = a.outlet_id")}
    assert shown == {"Kurier": "de", "Herald": "en"}
