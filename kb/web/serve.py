"""Serving a knowledge base in Datasette: its metadata, canned queries and plugin.

``claimkb serve DB`` runs ``datasette serve`` with the arguments built here: the
database opened immutable (SQLite itself then refuses every write, whatever a
query or another plugin tries), and a metadata file that describes every table
and column and carries the canned queries from queries/.
"""
from __future__ import annotations

import atexit
import copy
import json
import sqlite3
import tempfile
from pathlib import Path

from datasette.plugins import pm

from claimkb.web import plugin as datasette_plugin
from claimkb.store.named_queries import load_queries

METADATA_PATH = Path(__file__).resolve().parent / "metadata.json"
# metadata.json describes the tables under this database name; the real
# name is the served file's stem.
TEMPLATE_DATABASE = "claimkb"


def database_name(db_path) -> str:
    """The name Datasette gives a database file: its stem."""
    return Path(db_path).stem


def datasette_metadata(db_path) -> dict:
    """data/metadata.json with its table descriptions and the canned queries from
    queries/ attached to db_path's database name."""
    metadata = copy.deepcopy(json.loads(METADATA_PATH.read_text(encoding="utf-8")))
    database = metadata["databases"].pop(TEMPLATE_DATABASE)
    database["queries"] = {
        query.name: {
            "sql": query.sql,
            "title": query.title,
            "description": query.description,
            "params": query.params,
        }
        for query in load_queries().values()
    }
    metadata["databases"][database_name(db_path)] = database
    return metadata


def register_plugin() -> None:
    """Make sure this process's Datasette loads the claimkb plugin, whether or not
    the package is installed (an installed one registers it by entry point)."""
    if not pm.is_registered(datasette_plugin) and pm.get_plugin("claimkb") is None:
        pm.register(datasette_plugin, name="claimkb")


def checkpoint(db_path) -> None:
    """Fold the write-ahead log into the database file: an immutable reader ignores the log."""
    if not Path(db_path).is_file():
        return  # nothing to fold; Datasette reports the missing file
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.OperationalError:
        pass  # a read-only file has no log of ours to fold in
    finally:
        conn.close()


def write_metadata(db_path) -> Path:
    """The metadata in a temporary JSON file, removed when this process exits."""
    handle, name = tempfile.mkstemp(prefix="claimkb-metadata-", suffix=".json")
    path = Path(name)
    with open(handle, "w", encoding="utf-8") as out:
        json.dump(datasette_metadata(db_path), out, ensure_ascii=False, indent=2)
    atexit.register(path.unlink, missing_ok=True)
    return path


def serve_command_args(db_path, extra_args: list[str]) -> list[str]:
    """argv for ``datasette serve`` (after "serve") on db_path, then the user's extra_args.

    Also registers the plugin in this process and checkpoints the database, so the
    caller can run ``datasette.cli.cli.main(["serve", *args])`` in-process.
    """
    register_plugin()
    checkpoint(db_path)
    return ["-i", str(db_path), "--metadata", str(write_metadata(db_path)), *extra_args]
