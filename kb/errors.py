"""The one exception type for errors a user can cause and fix."""


class ClaimkbError(Exception):
    """A user error: the message names the input and the reason, in one line."""
