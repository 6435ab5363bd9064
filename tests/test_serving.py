"""Browsing stays fast on a large base: what Datasette's pages and the canned
queries sort and filter on is read from indexes, never sorted whole."""
import pytest
from sample_kb import build_sample_kb

from claimkb.store.db import open_read_only
from claimkb.store.named_queries import load_queries

# SQLite's words for sorting every row of a result before returning the first one;
# sorting only the rows that tie on an indexed prefix ("LAST TERM", "RIGHT-MOST")
# streams, and is allowed.
FULL_SORT = "USE TEMP B-TREE FOR ORDER BY"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    kb = build_sample_kb(tmp_path_factory.mktemp("serving") / "sample.db")
    database = open_read_only(kb.path)
    yield database
    database.close()


def plan(db, sql, params=None):
    return " | ".join(row[3] for row in db.execute(f"explain query plan {sql}", params or {}).fetchall())


@pytest.mark.parametrize("name", ["mutated_copies", "numbers_changed", "quotes_altered", "derived_articles"])
def test_mutation_queries_read_their_order_from_an_index(db, name):
    steps = plan(db, load_queries()[name].sql)
    assert FULL_SORT not in steps, steps


@pytest.mark.parametrize("column", ["kind", "relation", "outlet", "speaker", "published"])
def test_claim_copies_pages_and_facets_use_an_index(db, column):
    steps = plan(db, f"select * from claim_copies where [{column}] = :v order by id limit 101", {"v": "x"})
    assert "USING INDEX" in steps or "USING COVERING INDEX" in steps, steps


def test_a_claims_best_earlier_copy_is_an_index_lookup(db):
    steps = plan(db, "select relation from claim_links where claim_b = :c order by score desc limit 1", {"c": "x"})
    assert "claim_b" in steps and FULL_SORT not in steps, steps


@pytest.mark.parametrize("name, params", [("travelled_furthest", {}), ("unchecked_widespread", {"min_outlets": 3})])
def test_family_reach_queries_read_their_order_from_an_index(db, name, params):
    steps = plan(db, load_queries()[name].sql, params)
    assert FULL_SORT not in steps, steps


def test_quotes_altered_reads_only_the_direct_quotes(db):
    # A base with few direct quotes must not walk every link to find them.
    steps = plan(db, load_queries()["quotes_altered"].sql)
    assert "later_kind=?" in steps, steps
