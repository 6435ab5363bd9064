"""Storage: the schema and its migrations, opening a database for reading or
writing, stable ids, storing articles with their extraction, the ingest loader
and the named queries. May import claimkb.ingest; nothing above storage."""
