"""The two seed articles: Infosecurity Magazine's report and SecNews's machine-translated
re-publication a day later. Expectations are read off the two texts."""
from __future__ import annotations

import json

import pytest

from conftest import SEEDS
from claimkb.store.db import open_db

SEED_FILES = ["infosecurity-magazine.txt", "republished-translation.txt"]


@pytest.fixture(scope="module", params=["lexical", "dense"])
def seed_db(request, tmp_path_factory):
    loader = pytest.importorskip("claimkb.store.loader", reason="the ingest loader builds the seed database")
    from claimkb.match.embeddings import embeddings_available
    from claimkb.link.linker import link_claims

    if request.param == "dense" and not embeddings_available():
        pytest.skip("the optional embeddings tier is not installed")
    paths = [SEEDS / name for name in SEED_FILES]
    if not all(p.exists() for p in paths):
        pytest.skip(f"the seed articles are not in {SEEDS}")
    db = open_db(tmp_path_factory.mktemp("seeds") / "claimkb.db")
    loader.ingest_paths(db, [str(p) for p in paths])
    link_claims(db, matcher=request.param, rebuild=True)
    return db


def links(db):
    return db.execute(
        """select ca.content, cb.content, l.relation, l.evidence, oa.name, ob.name from claim_links l
           join claims ca on ca.id = l.claim_a join articles aa on aa.id = ca.article_id
           join outlets oa on oa.id = aa.outlet_id
           join claims cb on cb.id = l.claim_b join articles ab on ab.id = cb.article_id
           join outlets ob on ob.id = ab.outlet_id"""
    ).fetchall()


def find(db, earlier_words, later_words):
    found = [row for row in links(db) if earlier_words in row[0] and later_words in row[1]]
    assert found, f"no link from a claim with {earlier_words!r} to one with {later_words!r}"
    return found[0]


def test_the_statistic_links_across_the_two_outlets(seed_db):
    row = find(seed_db, "16.9 million", "16,9 million")
    assert (row[4], row[5]) == ("Infosecurity Magazine", "SecNews")


def test_the_collaboration_quote_links_as_altered(seed_db):
    row = find(seed_db, "Addressing the problem of online child exploitation", "Addressing the problem of online child")
    assert row[2] == "quote_altered"


def test_the_vanishing_reports_become_limited(seed_db):
    row = find(seed_db, "will vanish", "will be limited")
    assert row[2] in ("hedge_changed", "number_dropped")
    assert "more than half" in row[3]


def test_predator_becomes_expert_in_the_evidence(seed_db):
    row = find(seed_db, "a predator can use social media", "an expert can use")
    evidence = json.dumps(json.loads(row[3]))
    assert "predator" in evidence and "expert" in evidence


def test_the_65_million_cyber_tips_have_no_counterpart(seed_db):
    assert not [row for row in links(seed_db) if "65 million" in row[0] or "65 million" in row[1]]


def test_the_re_publication_derives_from_the_original(seed_db):
    rows = seed_db.execute(
        """select oa.name, ob.name, d.relation from article_derivations d
           join articles a on a.id = d.article_id join outlets oa on oa.id = a.outlet_id
           join articles b on b.id = d.derived_from join outlets ob on ob.id = b.outlet_id"""
    ).fetchall()
    assert [(later, earlier) for later, earlier, _ in rows] == [("SecNews", "Infosecurity Magazine")]
    assert rows[0][2] in ("translates", "rewrites")
