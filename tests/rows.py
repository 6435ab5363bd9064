"""Every row of a claimkb database, for comparing two runs that should agree.

Run bookkeeping is left out: the ``runs`` table, when and by which run an article was
stored, and when each migration was applied. Full-text index tables follow the
tables they index, so they are left out too.
"""
from __future__ import annotations

import sqlite3

BOOKKEEPING_TABLES = {"runs"}
BOOKKEEPING_COLUMNS = {"articles": {"ingested_at", "run_id"}, "_sqlite_migrations": {"id", "applied_at"}}


def database_rows(path) -> dict[str, set[tuple]]:
    """{table: set of rows} for every table but bookkeeping and full-text ones."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in conn.execute(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
            " and name not like '%_fts%' order by name")]
        rows = {}
        for table in tables:
            if table in BOOKKEEPING_TABLES:
                continue
            columns = [row[1] for row in conn.execute(f"pragma table_info([{table}])")
                       if row[1] not in BOOKKEEPING_COLUMNS.get(table, ())]
            rows[table] = set(conn.execute(f"select {', '.join(f'[{c}]' for c in columns)} from [{table}]"))
        return rows
    finally:
        conn.close()


def integrity(path) -> str:
    # read-write, not read-only: a process killed inside a transaction leaves a hot
    # journal that SQLite rolls back on the next open, which a read-only connection
    # cannot do ("attempt to write a readonly database"); the next claimkb write does so too
    conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
    try:
        return conn.execute("pragma integrity_check").fetchone()[0]
    finally:
        conn.close()


def differences(a: dict[str, set[tuple]], b: dict[str, set[tuple]]) -> dict[str, tuple[int, int]]:
    """{table: (rows only in a, rows only in b)} for the tables that differ."""
    return {table: (len(a.get(table, set()) - b.get(table, set())), len(b.get(table, set()) - a.get(table, set())))
            for table in sorted(set(a) | set(b)) if a.get(table) != b.get(table)}
