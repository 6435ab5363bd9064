"""select_in/execute_in: lists of ids longer than one chunk give the same answer as one IN."""
import sqlite3

import pytest

from claimkb.store.chunked import execute_in, select_in


@pytest.fixture
def conn():
    conn = sqlite3.connect(":memory:")
    conn.execute("create table links (a int, b int, kind text)")
    conn.executemany("insert into links values (?, ?, ?)", [(i, i + 1, "copy" if i % 2 else "quote") for i in range(50)])
    return conn


def test_rows_of_every_chunk_in_order(conn):
    ids = [3, 1, 40, 7, 22, 3]  # a repeated id is asked once
    rows = list(select_in(conn, "select a from links where a in {ids}", ids, chunk=2))
    assert sorted(r[0] for r in rows) == [1, 3, 7, 22, 40]


def test_params_before_the_ids_and_two_in_lists(conn):
    rows = set(select_in(conn, "select a, b from links where kind = ? and (a in {ids} or b in {ids})",
                         range(10, 14), ["copy"], chunk=3))
    assert rows == {(11, 12), (13, 14), (9, 10)}


def test_execute_in_deletes_across_chunks(conn):
    execute_in(conn, "delete from links where a in {ids}", range(0, 50, 5), chunk=3)
    assert conn.execute("select count(*) from links").fetchone()[0] == 40
    assert conn.execute("select count(*) from links where a % 5 = 0").fetchone()[0] == 0


def test_no_ids_runs_nothing_and_a_statement_without_ids_is_a_bug(conn):
    assert list(select_in(conn, "select a from links where a in {ids}", [])) == []
    with pytest.raises(ValueError, match="no {ids}"):
        list(select_in(conn, "select a from links", [1]))
