"""Which matcher tier runs: "lexical" (words, names, figures) or "dense" (the same
plus the all-MiniLM-L6-v2 sentence-embedding cosine, when the embeddings extra is
installed). "auto" picks the best installed tier; `compare`, `similar`, `link` and
the Datasette plugin all resolve it here, so they agree on a pair."""
from __future__ import annotations

from claimkb.errors import ClaimkbError
from claimkb.match.embeddings import embeddings_available

MATCHERS = ("auto", "lexical", "dense")
# The dense tier's name before 0.2; still accepted on the command line.
ALIASES = {"embeddings": "dense"}


class MatcherUnavailable(ClaimkbError):
    """The dense tier was asked for but its packages are not installed."""


def resolve_matcher(matcher: str) -> str:
    """"lexical" or "dense": "auto" is dense when its packages are installed."""
    matcher = ALIASES.get(matcher, matcher)
    if matcher not in MATCHERS:
        raise ClaimkbError(f"matcher must be one of {', '.join(MATCHERS)}, not {matcher!r}")
    if matcher == "auto":
        return "dense" if embeddings_available() else "lexical"
    if matcher == "dense" and not embeddings_available():
        raise MatcherUnavailable("the dense matcher needs the optional tier: pip install 'claimkb[embeddings]'")
    return matcher
