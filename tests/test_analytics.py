"""Analytics tables on the hand-made knowledge base of test_graph, with values worked out
by hand from the fixture's story (see test_graph's docstring)."""
import sqlite3

import pytest
from test_graph import build_claim_db

from claimkb.graph.analytics import compute_analytics
from claimkb.store.db import open_db
from claimkb.store.schema import SCHEMA_VERSION


@pytest.fixture
def kb(tmp_path):
    kb = build_claim_db(tmp_path / "claimkb.db")
    kb.counts = compute_analytics(kb.db)
    return kb


def rows(kb, table, key):
    return {row.pop(key): row for row in kb.db[table].rows}


def test_returns_row_counts(kb):
    # four copies: Morning Post's quote and number, Evening Star's quote and statistic
    assert kb.counts == {"family_travel": 2, "outlet_copies": 4, "outlet_fidelity": 3, "speaker_reach": 4}


def test_family_travel(kb):
    travel = rows(kb, "family_travel", "family_id")
    # f1: the quote at Wire Daily (03-01, 03-06), Morning Post (03-02) and Evening Star (03-04).
    assert travel["f1"] == {"outlets_reached": 3, "articles": 4, "first_seen": "2021-03-01",
                            "last_seen": "2021-03-06", "span_days": 5.0}
    # f2: the statistic from 03-01 00:00 to Evening Star on 03-04 at 18:30, 3.77 days.
    assert travel["f2"] == {"outlets_reached": 3, "articles": 3, "first_seen": "2021-03-01",
                            "last_seen": "2021-03-04T18:30:00+00:00", "span_days": pytest.approx(3 + 18.5 / 24, abs=1e-4)}


def test_outlet_copies(kb):
    copies = rows(kb, "outlet_copies", "claim_id")
    # c7, Wire Daily's repeat of its own quote, is no copy from elsewhere; nor are originals.
    assert copies == {kb.claims["c3"]: {"outlet_id": kb.outlets["Morning Post"], "faithful": 1},
                      kb.claims["c4"]: {"outlet_id": kb.outlets["Morning Post"], "faithful": 0},
                      kb.claims["c5"]: {"outlet_id": kb.outlets["Evening Star"], "faithful": 0},
                      kb.claims["c8"]: {"outlet_id": kb.outlets["Evening Star"], "faithful": 1}}


def test_the_migration_that_adds_outlet_copies_fills_it_from_the_stored_links(kb):
    computed = rows(kb, "outlet_copies", "claim_id")
    # the database as claimkb left it before the migration: no table, one version less
    kb.db["outlet_copies"].drop()
    kb.db.execute("delete from _sqlite_migrations where name = 'm012_outlet_copies'")
    kb.db["kb_meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION - 1)}, pk="key")
    kb.db.close()
    migrated = open_db(kb.path)
    assert {row.pop("claim_id"): row for row in migrated["outlet_copies"].rows} == computed


def test_outlet_fidelity(kb):
    fidelity = {kb_name: rows(kb, "outlet_fidelity", "outlet_id")[outlet_id]
                for kb_name, outlet_id in kb.outlets.items()}
    # Wire Daily's later repeat copies its own earlier story: not a copy from elsewhere.
    assert fidelity["Wire Daily"] == {"copies": 0, "faithful": 0, "mutated": 0, "fidelity": None}
    # Morning Post: the quote verbatim, the number changed.
    assert fidelity["Morning Post"] == {"copies": 2, "faithful": 1, "mutated": 1, "fidelity": 0.5}
    # Evening Star: the hedged quote (mutated from both earlier copies) and the statistic,
    # which paraphrases Morning Post's number faithfully although it differs from the wire's.
    # John Doe's claim is linked to nothing.
    assert fidelity["Evening Star"] == {"copies": 2, "faithful": 1, "mutated": 1, "fidelity": 0.5}


def test_speaker_reach(kb):
    reach = {name: rows(kb, "speaker_reach", "speaker_id")[speaker_id] for name, speaker_id in kb.speakers.items()}
    assert reach["Jane Roe"] == {"claims": 4, "articles": 4, "outlets": 3, "families": 1}
    assert reach["Statistics Bureau"] == {"claims": 3, "articles": 3, "outlets": 3, "families": 1}
    assert reach["John Doe"] == {"claims": 1, "articles": 1, "outlets": 1, "families": 0}
    assert reach["Al Smith"] == {"claims": 0, "articles": 0, "outlets": 0, "families": 0}


def test_recomputing_replaces_the_rows(kb):
    kb.db["claim_links"].delete_where("relation = ?", ["number_changed"])
    kb.db["claims"].update(kb.claims["c7"], {"family_id": None})
    # Morning Post's number is no longer a copy; Evening Star's still copies it via c4
    assert compute_analytics(kb.db) == {**kb.counts, "outlet_copies": 3}
    fidelity = rows(kb, "outlet_fidelity", "outlet_id")[kb.outlets["Morning Post"]]
    assert fidelity == {"copies": 1, "faithful": 1, "mutated": 0, "fidelity": 1.0}
    travel = rows(kb, "family_travel", "family_id")["f1"]
    assert (travel["articles"], travel["last_seen"], travel["span_days"]) == (3, "2021-03-04T18:30:00+00:00",
                                                                          pytest.approx(3 + 18.5 / 24, abs=1e-4))


def test_a_failure_leaves_the_previous_rows(kb, monkeypatch):
    before = list(kb.db["family_travel"].rows)
    broken = ("insert into family_travel select broken", "family_id", "f.id", "select family_id from claims")
    monkeypatch.setattr("claimkb.graph.analytics.ANALYTICS", {"family_travel": broken})
    with pytest.raises(sqlite3.OperationalError, match="broken"):
        compute_analytics(kb.db)
    assert list(kb.db["family_travel"].rows) == before



def test_recomputing_for_the_claims_that_changed_gives_the_rows_of_a_whole_recompute(kb):
    # The f2 statistic's Evening Star copy leaves its family, which then splits off c8
    # into a family of its own; the wire's copy loses its link to it.
    c2, c4, c8 = kb.claims["c2"], kb.claims["c4"], kb.claims["c8"]
    kb.db["claim_links"].delete_where("claim_b = ?", [c8])
    kb.db["families"].insert({"id": "f3", "canonical_claim_id": c8, "first_seen": "2021-03-04", "size": 1,
                              "outlets": 1})
    kb.db["claims"].update(c8, {"family_id": "f3"})
    kb.db["families"].insert({"id": "f4", "canonical_claim_id": c2, "first_seen": "2021-03-01", "size": 2,
                              "outlets": 2})
    for claim in (c2, c4):
        kb.db["claims"].update(claim, {"family_id": "f4"})
    kb.db["family_travel"].delete("f2")  # as build_families does before it drops a family
    kb.db["families"].delete("f2")
    before = {table: rows(kb, table, key) for table, key in KEYS.items()}
    # c4 is still a copy, c8 no longer one: one outlet_copies row
    assert compute_analytics(kb.db, [c2, c4, c8]) == {"family_travel": 2, "outlet_copies": 1, "outlet_fidelity": 3,
                                                       "speaker_reach": 1}
    scoped = {table: rows(kb, table, key) for table, key in KEYS.items()}
    compute_analytics(kb.db)
    assert scoped == {table: rows(kb, table, key) for table, key in KEYS.items()}
    assert scoped != before and "f2" not in scoped["family_travel"]


KEYS = {"family_travel": "family_id", "outlet_copies": "claim_id", "outlet_fidelity": "outlet_id",
        "speaker_reach": "speaker_id"}
