"""The named SQL queries (package data; each .sql file is one query)."""
