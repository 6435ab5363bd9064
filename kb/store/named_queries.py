"""Named read-only SQL queries: the .sql files in queries/, for `claimkb query` and Datasette.

Each file starts with a comment header: the first line is the title, the rest
the description (what it answers, its ``:name`` parameters, an example). The
same files become Datasette canned queries (see kb.serve), so their SQL uses
only what both sqlite3 and Datasette provide: SQLite's JSON and FTS5 functions
and Datasette's ``escape_fts()``, which ``run_query`` registers too.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib.resources.abc import Traversable

import sqlite_utils
from datasette.utils import escape_fts

from claimkb.errors import ClaimkbError
from claimkb.resources import query_files

# Comments and quoted strings may contain colons that are not parameters.
_COMMENT_OR_STRING = re.compile(r"--[^\n]*|/\*.*?\*/|'(?:''|[^'])*'|\"(?:\"\"|[^\"])*\"", re.DOTALL)
_PARAMETER = re.compile(r"(?<!:):([A-Za-z_]\w*)")
_READ_ONLY_START = re.compile(r"(?:\s|--[^\n]*\n|/\*.*?\*/)*(select|with)\b", re.DOTALL | re.IGNORECASE)
# What SQLite answers a write on a read-only or query_only connection, or an ATTACH
# that the read-only connection's authorizer refuses.
REFUSED_WRITES = {"SQLITE_READONLY", "SQLITE_AUTH"}


class QueryError(ClaimkbError):
    """A named query cannot run as asked."""


class UnknownQuery(QueryError):
    pass


class MissingParameter(QueryError):
    pass


class UnexpectedParameter(QueryError):
    pass


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: list[str]
    sql: str


def query_parameters(sql: str) -> list[str]:
    """The ``:name`` parameters of sql, in order of first use."""
    names = _PARAMETER.findall(_COMMENT_OR_STRING.sub(" ", sql))
    return list(dict.fromkeys(names))


def parse_header(sql: str) -> tuple[str, str]:
    """(title, description) from the leading ``--`` comment lines."""
    lines = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line[2:].strip())
    text = "\n".join(lines).strip()
    title, _, description = text.partition("\n")
    return title.strip(), description.strip()


def load_query(file: Traversable) -> NamedQuery:
    name = file.name.removesuffix(".sql")
    sql = file.read_text(encoding="utf-8")
    if not _READ_ONLY_START.match(sql):
        raise QueryError(f"{file.name}: a named query must be a single SELECT (or WITH ... SELECT) statement")
    title, description = parse_header(sql)
    return NamedQuery(name, title or name, description, query_parameters(sql), sql)


def load_queries() -> dict[str, NamedQuery]:
    """Every query of claimkb.queries, by name (the file's stem), sorted by name."""
    return {query.name: query for query in map(load_query, query_files())}


def run_query(db: sqlite_utils.Database, name: str, params: dict[str, str]) -> tuple[list[str], list[tuple]]:
    """Run the named query with params; returns (column names, rows).

    The statement runs with SQLite's query_only pragma on (and ``claimkb query``
    on a read-only connection), so even an edited query file cannot change the
    database: it gets a QueryError. Values are bound as SQL parameters, never
    written into the SQL.
    """
    queries = load_queries()
    if name not in queries:
        raise UnknownQuery(f"no query named {name!r}; the queries are: {', '.join(queries) or 'none'}")
    query = queries[name]
    missing = [p for p in query.params if p not in params]
    if missing:
        wanted = " ".join(f"-p {p}=VALUE" for p in missing)
        raise MissingParameter(f"query {name!r} needs {', '.join(missing)} ({wanted})")
    unexpected = sorted(set(params) - set(query.params))
    if unexpected:
        takes = ", ".join(query.params) or "no parameters"
        raise UnexpectedParameter(f"query {name!r} takes {takes}, not {', '.join(unexpected)}")
    conn = db.conn
    conn.create_function("escape_fts", 1, escape_fts, deterministic=True)
    was_query_only = conn.execute("PRAGMA query_only").fetchone()[0]
    conn.execute("PRAGMA query_only = ON")
    try:
        cursor = conn.execute(query.sql, params)
        columns = [c[0] for c in cursor.description or []]
        return columns, cursor.fetchall()
    except sqlite3.ProgrammingError as error:  # sqlite3 runs one statement at a time
        raise QueryError(f"{name}.sql: {error}") from None
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorname", None) not in REFUSED_WRITES:
            raise
        raise QueryError(f"query {name!r} tries to change the database; queries only read ({error})") from None
    finally:
        conn.execute(f"PRAGMA query_only = {int(was_query_only)}")
