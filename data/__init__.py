"""The bundled sample articles (package data; sources and licences in README.md)."""
