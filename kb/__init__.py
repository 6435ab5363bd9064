"""The claimkb knowledge base: storage, linking, graph, export and the CLI."""

__version__ = "0.1.0"
