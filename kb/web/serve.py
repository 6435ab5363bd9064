"""Serving a knowledge base in Datasette: its metadata, canned queries and plugin.

``claimkb serve DB`` runs ``datasette serve`` with the arguments built here: the
database, checked as every read command checks it (a claimkb database of this
schema version), which Datasette opens read-only (``mode=ro``, so it sees what a
running ingest adds; ``immutable`` only when the file lies in a read-only folder,
where no writer can be at work), and a metadata file that describes every table
and column, carries the canned queries from queries/ and tells the plugin to
refuse every request that is not a GET (see ``claimkb.web.plugin``). A table too
large to count its facets on every view opens without them (``LARGE_TABLE_ROWS``).
"""
from __future__ import annotations

import atexit
import copy
import json
import tempfile
from pathlib import Path

import datasette.handle_exception
from datasette.plugins import pm

from claimkb.store.db import check_readable, open_read_only
from claimkb.store.named_queries import load_queries
from claimkb.web import plugin as datasette_plugin

METADATA_PATH = Path(__file__).resolve().parent / "metadata.json"
# metadata.json describes the tables under this database name; the real
# name is the served file's stem.
TEMPLATE_DATABASE = "claimkb"
# Datasette counts a table's default facets on every view of a database that may
# change: a group over every row's index entry, ~90 ms a facet per million rows here.
# Above this many rows a table opens without them (a column's menu still adds one),
# so that its page, and a facet asked for, stay well under 200 ms.
LARGE_TABLE_ROWS = 100_000
FACETS_OFF_NOTE = (" This table is large: it opens without facets (counting them on every view would"
                   " slow it down); choose \"Facet by this\" in a column's menu to add one.")


def database_name(db_path) -> str:
    """The name Datasette gives a database file: its stem."""
    return Path(db_path).stem


def datasette_metadata(db_path) -> dict:
    """data/metadata.json with its table descriptions and the canned queries from
    queries/ attached to db_path's database name; db_path's tables of over
    ``LARGE_TABLE_ROWS`` rows without their default facets."""
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
    _drop_facets_of_large_tables(db_path, database["tables"])
    metadata["databases"][database_name(db_path)] = database
    metadata.setdefault("plugins", {})[datasette_plugin.PLUGIN_NAME] = {datasette_plugin.READ_ONLY: True}
    return metadata


def _drop_facets_of_large_tables(db_path, tables: dict) -> None:
    """Remove the default facets of the tables of db_path over ``LARGE_TABLE_ROWS`` rows,
    saying so in their description."""
    db = open_read_only(db_path)
    try:
        for name, table in tables.items():
            if table.get("facets") and db[name].exists() and db[name].count > LARGE_TABLE_ROWS:
                del table["facets"]
                table["description"] = table.get("description", "") + FACETS_OFF_NOTE
    finally:
        db.close()


def register_plugin() -> None:
    """Set up this process's Datasette for claimkb: load the claimkb plugin, whether or
    not the package is installed (an installed one registers it by entry point), and
    log a refused request (a 4xx: a missing table, SQL that is not a SELECT) without
    the traceback and local variables Datasette prints for each when the `rich`
    package is installed, as spaCy's dependencies install it."""
    if not pm.is_registered(datasette_plugin) and pm.get_plugin(datasette_plugin.PLUGIN_NAME) is None:
        pm.register(datasette_plugin, name=datasette_plugin.PLUGIN_NAME)
    # Datasette's default handler prints with rich whenever rich imports; without it,
    # it prints a plain traceback for a real 500 only.
    datasette.handle_exception.rich = None


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

    Checks db_path as ``open_read_only`` does (ClaimkbError if it is not a claimkb
    database this claimkb reads) and sets up this process's Datasette, so the caller
    can run ``datasette.cli.cli.main(["serve", *args])`` in-process.
    """
    immutable = check_readable(db_path)
    register_plugin()
    database = ["-i", str(db_path)] if immutable else [str(db_path)]
    # Suggesting facets tries a distinct count over every column of a table on each view
    # of it: seconds on a table of 100k claims. The facets metadata.json names stay
    # (on tables up to LARGE_TABLE_ROWS).
    # A canned query's page renders at most 100 rows (as a table page does): rendering
    # 1,000 rows of wordings and evidence took a second; CSV export streams them all.
    settings = ["--setting", "suggest_facets", "off", "--setting", "max_returned_rows", "100"]
    return [*database, "--metadata", str(write_metadata(db_path)), *settings, *extra_args]
