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


def test_refreshing_the_rows_of_the_claims_that_changed_gives_the_rows_of_a_whole_refresh(tmp_path):
    from claimkb.store.db import open_db
    from claimkb.store.serving import SERVING_TABLES, refresh_serving_tables

    kb = build_sample_kb(tmp_path / "sample.db")
    db = open_db(kb.path)
    refresh_serving_tables(db)
    before = {table: set(db.execute(f"select * from [{table}]").fetchall()) for table in SERVING_TABLES}
    quote, reworded, number = (kb.claims[k] for k in ("quote", "quote_reworded", "quote_number"))
    # a link goes, another comes with another relation, one claim changes family
    db["claim_links"].delete((quote, reworded))
    db["claim_links"].insert({"claim_a": number, "claim_b": reworded, "score": 0.7, "relation": "paraphrase",
                              "evidence": "[]", "method": "lexical"})
    db["claims"].update(number, {"family_id": kb.families["exports"]})
    refresh_serving_tables(db, [quote, reworded, number])
    scoped = {table: set(db.execute(f"select * from [{table}]").fetchall()) for table in SERVING_TABLES}
    refresh_serving_tables(db)
    assert scoped == {table: set(db.execute(f"select * from [{table}]").fetchall()) for table in SERVING_TABLES}
    assert scoped != before


def test_the_links_of_some_articles_are_found_through_their_claims_not_a_scan_of_every_link(db):
    from claimkb.link.derivations import SCOPED_LINKS_SQL

    steps = plan(db, SCOPED_LINKS_SQL.replace("{ids}", "(?, ?)"), ["a1", "a2", "a1", "a2"])
    assert "SCAN" not in steps, steps


def test_the_linked_copies_of_some_claims_are_found_by_either_end_through_an_index(db):
    steps = plan(db, "select * from linked_copies where earlier_claim_id in (?, ?) or later_claim_id in (?, ?)",
                 ["c1", "c2", "c1", "c2"])
    assert "SCAN" not in steps, steps


def test_speaker_claims_reads_the_claims_of_the_matching_speakers_only(db):
    steps = plan(db, load_queries()["speaker_claims"].sql, {"speaker": "Lopez"})
    assert "SCAN claims" not in steps and "SEARCH claims USING INDEX idx_claims_speaker_id" in steps, steps
