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
    """Case-, accent- and punctuation-insensitive form of a name in any script, for
    merging speakers and outlets: "Beth  Williams" and "beth williams" match, and so
    do "Σπύρος" and "σπυρος"."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w&]+|_", " ", bare).split())
