"""Several claimkb processes writing to one database: one write transaction at a time.

SQLite lets one connection write at a time. Every write transaction here begins with
``BEGIN IMMEDIATE``, which takes the write lock before the transaction reads anything:
a transaction that read first and then tried to write after another process wrote
would fail at once (its snapshot is stale) and no wait would cure it. A process that
finds the lock taken keeps trying, with growing pauses, and says on stderr that it is
waiting, so a long ``claimkb link`` in another process explains a pause rather than
ending an ingest with "database is locked".
"""
from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from typing import TypeVar

import sqlite_utils

# How long SQLite itself waits for the lock on each attempt (also for the few statements
# that run outside an explicit transaction): Python's default, long enough that a wait
# past it is worth telling the user about.
BUSY_TIMEOUT_MS = 5000
FIRST_PAUSE = 0.05  # seconds between attempts after SQLite's own wait, doubling...
LONGEST_PAUSE = 2.0  # ...up to this
# A link over a million claims holds the lock for minutes; an hour without getting it
# means something is stuck, and the user should hear about it.
LONGEST_WAIT = 3600.0

T = TypeVar("T")


class WriteLockTimeout(sqlite3.OperationalError):
    """The write lock stayed taken by another process for LONGEST_WAIT seconds."""


def is_locked(error: sqlite3.OperationalError) -> bool:
    return "database is locked" in str(error) or "database is busy" in str(error)


def retry_while_locked(action: Callable[[], T], where: str, notify: Callable[[str], None] | None = None) -> T:
    """The result of ``action()``, tried again while it fails because another process
    holds the write lock of the database at ``where``; ``notify`` (default: a line on
    stderr) hears once that the wait is long."""
    notify = notify or (lambda message: print(message, file=sys.stderr, flush=True))
    started, pause, told = time.monotonic(), FIRST_PAUSE, False
    while True:
        try:
            return action()
        except sqlite3.OperationalError as error:
            if not is_locked(error):
                raise
        waited = time.monotonic() - started
        if waited > LONGEST_WAIT:
            raise WriteLockTimeout(
                f"{where}: gave up after waiting {waited:.0f}s for the write lock held by another claimkb process"
            )
        if not told:
            notify(f"claimkb: waiting for the write lock held by another claimkb process on {where}")
            told = True
        time.sleep(pause)
        pause = min(pause * 2, LONGEST_PAUSE)


class LockingDatabase(sqlite_utils.Database):
    """A sqlite-utils Database whose write transactions (``atomic``, which every
    sqlite-utils write goes through) take the write lock first and wait for it."""

    def __init__(self, path, **kwargs):
        super().__init__(path, **kwargs)
        self.where = str(path)
        self.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    @contextmanager
    def atomic(self):
        if self.conn.in_transaction:  # nested: a savepoint inside the open transaction
            with super().atomic():
                yield self
            return
        retry_while_locked(lambda: self.conn.execute("BEGIN IMMEDIATE"), self.where)
        try:
            yield self
        except BaseException:
            self.conn.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.rollback()
            raise
