"""Datasette: the plugin's pages, the metadata and canned queries, and `serve`.
May import every other stage; nothing imports it but the CLI and Datasette."""
