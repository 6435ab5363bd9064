"""The one exception type for errors a user can cause and fix.

Raised where the error arises (a missing file, a refused database, a bad
parameter); the CLI prints it as one line and exits 1. Every other exception is a
bug in claimkb.
"""
from __future__ import annotations


class ClaimkbError(Exception):
    """A user error: ``str()`` is one line naming the input (when there is one) and the reason."""

    def __init__(self, reason: str, source: str | None = None):
        super().__init__(f"{source}: {reason}" if source else reason)
        self.reason = reason
        self.source = source
