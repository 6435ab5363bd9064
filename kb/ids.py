"""Stable ids: content hashes, so the same input gives the same ids on every machine."""
from __future__ import annotations

import hashlib
import re
import unicodedata


def stable_id(*parts) -> str:
    """A 16-hex-digit id from the parts' text (None counts as empty)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalize_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name, for merging speakers and outlets."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9&]+", " ", folded.lower()).strip()
