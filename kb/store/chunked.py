"""Statements over a list of ids of any length: ``... where id in {ids}``, run in chunks.

SQLite limits the number of bound parameters in one statement (999 before
SQLite 3.32, still the limit of many builds), so a long list of ids is bound
``IN_CHUNK`` at a time. May import only the standard library.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

# Two IN lists of this size, plus a few other parameters, stay under 999.
IN_CHUNK = 400


def _chunks(sql: str, ids: Iterable, chunk: int) -> Iterator[tuple[str, list]]:
    """(statement, its id parameters) for each chunk of the distinct ids, in order."""
    ids = list(dict.fromkeys(ids))
    uses = sql.count("{ids}")
    if uses == 0:
        raise ValueError("the statement has no {ids} to fill in")
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        yield sql.replace("{ids}", f"({','.join('?' * len(part))})"), part * uses


def select_in(db, sql: str, ids: Iterable, params: Sequence[Any] = (), *, chunk: int = IN_CHUNK) -> Iterator[tuple]:
    """The rows of ``sql``, where each ``{ids}`` stands for ``(?, ?, ...)`` over ``ids``.
    ``params`` bind the ``?`` that come before the first ``{ids}``. A row is
    yielded once per chunk it matches: deduplicate when the statement can match
    rows of several chunks (``... where a in {ids} or b in {ids}``)."""
    for statement, id_params in _chunks(sql, ids, chunk):
        yield from _connection(db).execute(statement, [*params, *id_params])


def execute_in(db, sql: str, ids: Iterable, params: Sequence[Any] = (), *, chunk: int = IN_CHUNK) -> None:
    """Run ``sql`` (an update or delete) over ``ids``, as ``select_in`` does."""
    for statement, id_params in _chunks(sql, ids, chunk):
        _connection(db).execute(statement, [*params, *id_params])


def _connection(db) -> sqlite3.Connection:
    """The sqlite3 connection of a sqlite_utils.Database, or ``db`` itself."""
    return getattr(db, "conn", db)
