"""Opening a knowledge base, in one place: for writing or for reading.

Writing (``open_db``, ``writing``, ``migrate_db``) is for ``ingest``, ``link``,
``demo`` and ``migrate``: the file is created when asked, pending migrations are
applied, and the journal is WAL while it is open so that readers are not blocked.
``close_db`` puts the file back in rollback-journal mode when no one else has it
open, so that a later reader needs no ``-wal``/``-shm`` file beside it.

Reading (``open_read_only``) is for ``query``, ``similar``, ``export`` and
``serve``: SQLite's ``mode=ro`` plus ``query_only``, after checking that the file
is a claimkb database of this schema version. Nothing is ever written, so a
``chmod 444`` file reads, and so does one in a read-only folder.

Both refuse a file that is not a claimkb database before anything is written to
it, with a ClaimkbError naming the file.

A write killed part way (a crash, a kill -9, a power cut) can leave a hot rollback
journal beside the file: the database is whole again only once SQLite rolls that
journal back, which is itself a write. A writer does so before anything else (as
SQLite does for any program opening a file to write, so before a file that is not a
claimkb database is refused); a reader, which never writes, refuses the file and says
to run ``claimkb migrate``.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from claimkb import __version__
from claimkb.errors import ClaimkbError
from claimkb.ingest.readers import SQLITE_MAGIC
from claimkb.store.locking import LockingDatabase, retry_while_locked
from claimkb.store.schema import SCHEMA_VERSION, migrations

# The first 100 bytes of a SQLite file are its header; bytes 18 and 19 (the file
# format's write and read versions) are 2 when the database is in WAL mode.
HEADER_BYTES = 100
WAL_VERSION_OFFSET = 18
WAL_MODE = 2
MEMORY = ":memory:"
NO_SUCH_DATABASE = "no such database (create one with `claimkb ingest DB PATH...`)"
JOURNAL_SUFFIX = "-journal"


class InterruptedWrite(ClaimkbError):
    """The file has a hot journal: a write was killed part way and not yet rolled back."""

    def __init__(self, path: str):
        super().__init__(
            f"a write was interrupted and its journal ({os.path.basename(path)}{JOURNAL_SUFFIX}) is not rolled back"
            f" yet; reading never writes: run `claimkb migrate {path}`, which rolls it back, then try again",
            path,
        )


@dataclass(frozen=True)
class SchemaState:
    version: int | None  # kb_meta's schema_version; None when the file is not a claimkb database
    pending: tuple[str, ...]  # names of the migrations not applied yet
    empty: bool  # nothing in it at all: a new database


def schema_state(db: sqlite_utils.Database) -> SchemaState:
    """What claimkb schema ``db`` holds, read without writing anything."""
    empty = db.execute("select count(*) from sqlite_master").fetchone()[0] == 0
    version = None
    if db["kb_meta"].exists():
        row = db.execute("select value from kb_meta where key = 'schema_version'").fetchone()
        if row and str(row[0]).isdigit():
            version = int(row[0])
    pending = tuple(m.name for m in migrations.pending(db)) if version is not None else ()
    return SchemaState(version, pending, empty)


def _read_header(path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            header = file.read(HEADER_BYTES)
    except FileNotFoundError:
        raise ClaimkbError(NO_SUCH_DATABASE, path) from None
    except IsADirectoryError:
        raise ClaimkbError("a folder, not a database", path) from None
    except OSError as error:
        raise ClaimkbError(f"cannot read it ({error.strerror or error})", path) from None
    if header and not header.startswith(SQLITE_MAGIC):
        raise ClaimkbError("not a SQLite database", path)
    return header


def _no_attach(action: int, *_) -> int:
    """SQLite authorizer of read-only connections: ATTACH is the one statement that
    could still create a file through them (neither mode=ro nor query_only stops it)."""
    return sqlite3.SQLITE_DENY if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH) else sqlite3.SQLITE_OK


def _connect(path: str, *, immutable: bool) -> sqlite3.Connection:
    # A URI, so that SQLite itself opens the file read-only; as_uri() escapes the
    # characters (?, #, %, spaces) that would otherwise end the path.
    uri = Path(path).resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    conn = sqlite3.connect(uri, uri=True)
    conn.set_authorizer(_no_attach)
    return conn


def _read_connection(path: str, header: bytes) -> tuple[sqlite3.Connection, bool]:
    """A read-only connection to ``path`` and whether it had to be opened immutable."""
    conn = _connect(path, immutable=False)
    try:
        conn.execute("select count(*) from sqlite_master").fetchone()
        return conn, False
    except sqlite3.DatabaseError as error:
        conn.close()
        # Python 3.10 has no error names: there, a journal beside the file is the sign
        if getattr(error, "sqlite_errorname", "SQLITE_READONLY_ROLLBACK") == "SQLITE_READONLY_ROLLBACK" and (
            os.path.exists(path + JOURNAL_SUFFIX)
        ):
            raise InterruptedWrite(path) from None
        in_wal_mode = len(header) > WAL_VERSION_OFFSET and header[WAL_VERSION_OFFSET] == WAL_MODE
        if not in_wal_mode or os.path.exists(path + "-shm"):
            raise ClaimkbError(f"cannot open it ({error})", path) from None
    # A WAL database whose -shm file is missing and cannot be created (a read-only
    # folder or mount). A writer would need that file too, so none can have the
    # database open or open it later: reading it as immutable is safe.
    return _connect(path, immutable=True), True


def _check(path: str, state: SchemaState, *, writing: bool) -> None:
    if state.version is None:
        if writing and state.empty:
            return
        raise ClaimkbError("not a claimkb database (it has no claimkb schema version); left as it is", path)
    if state.version > SCHEMA_VERSION:
        raise ClaimkbError(
            f"made by a newer claimkb (schema version {state.version}; this one knows up to {SCHEMA_VERSION}):"
            " upgrade claimkb to use it",
            path,
        )
    if state.pending and not writing:
        raise ClaimkbError(
            f"made by an older claimkb (schema version {state.version}; this one reads {SCHEMA_VERSION}):"
            f" run `claimkb migrate {path}` first",
            path,
        )


def _open_read_only(path) -> tuple[sqlite_utils.Database, bool]:
    path = os.fspath(path)
    header = _read_header(path)
    if not header:
        raise ClaimkbError("an empty file, not a claimkb database", path)
    conn, immutable = _read_connection(path, header)
    db = sqlite_utils.Database(conn)
    try:
        _check(path, schema_state(db), writing=False)
    except ClaimkbError:
        db.close()
        raise
    db.execute("PRAGMA query_only = ON")
    return db, immutable


def open_read_only(path) -> sqlite_utils.Database:
    """Open a claimkb database for reading only. Refuses (ClaimkbError) a missing file,
    a file that is not a claimkb database, and one whose schema is older or newer
    than this claimkb's; never writes, creates or migrates anything."""
    return _open_read_only(path)[0]


def check_readable(path) -> bool:
    """Check, as ``open_read_only`` does, that ``path`` is a claimkb database this claimkb
    can read; return whether it can only be read as immutable (see ``_read_connection``)."""
    db, immutable = _open_read_only(path)
    db.close()
    return immutable


def is_read_only(db: sqlite_utils.Database) -> bool:
    """Whether ``db`` was opened by ``open_read_only`` (so must not be written to, caches included)."""
    return bool(db.execute("PRAGMA query_only").fetchone()[0])


def check_writable(path, *, create: bool = True) -> None:
    """Check, writing nothing, that ``open_db(path, create=create)`` would open ``path``:
    ClaimkbError if it is missing (unless create), read-only, not a claimkb database
    (an empty file is a new one) or made by a newer claimkb. A file an interrupted
    write left a journal beside is checked when opened, once the journal is rolled back."""
    path = os.fspath(path)
    if path == MEMORY:
        return
    if os.path.lexists(path):
        header = _read_header(path)
        try:
            conn = _read_connection(path, header)[0] if header else None
        except InterruptedWrite:
            conn = None
        if conn is not None:
            try:
                _check(path, schema_state(sqlite_utils.Database(conn)), writing=True)
            finally:
                conn.close()
        folder = os.path.dirname(os.path.abspath(path))
        # os.access asks the kernel, so it is right for root and read-only mounts alike.
        if not (os.access(path, os.W_OK) and os.access(folder, os.W_OK)):
            raise ClaimkbError("read-only (ingest, link and migrate write to the database)", path)
    elif not create:
        raise ClaimkbError(NO_SUCH_DATABASE, path)
    elif not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        raise ClaimkbError("cannot create it: its folder does not exist", path)


def _roll_back_interrupted_write(path: str) -> bool:
    """Let SQLite roll back the journal a killed write left, as any read-write
    connection does on its first read; return whether there was a journal. With none,
    nothing is written."""
    if path == MEMORY or not os.path.exists(path + JOURNAL_SUFFIX) or not os.access(path, os.W_OK):
        return False
    conn = sqlite3.connect(path)
    try:
        conn.execute("select count(*) from sqlite_master").fetchone()
    finally:
        conn.close()
    return True


def _open_for_writing(path, *, create: bool) -> tuple[sqlite_utils.Database, list[str]]:
    path = os.fspath(path)
    check_writable(path, create=create)
    if _roll_back_interrupted_write(path):
        check_writable(path, create=create)  # again, now that its schema can be read
    # Its writes wait for other claimkb processes' (see ``locking``).
    db = LockingDatabase(path)
    db.execute("PRAGMA foreign_keys = ON")
    if path != MEMORY:
        # Switching to WAL takes an exclusive lock another process may hold a moment.
        retry_while_locked(db.enable_wal, path)
    return db, _migrate(db)


def _migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations; return their names. A database that is up to date is
    not written to."""
    pending = [m.name for m in migrations.pending(db)]
    meta = {"schema_version": str(SCHEMA_VERSION), "claimkb_version": __version__}
    if not pending and dict(db.execute("select key, value from kb_meta").fetchall()) == meta:
        return pending
    # Under the write lock, asking again what is pending: processes opening a new
    # database at once then apply each migration once.
    with db.atomic():
        pending = [m.name for m in migrations.pending(db)]
        migrations.apply(db)
        if dict(db.execute("select key, value from kb_meta").fetchall()) != meta:
            db.table("kb_meta").upsert_all([{"key": key, "value": value} for key, value in meta.items()], pk="key")
    return pending


def open_db(path, *, create: bool = True) -> sqlite_utils.Database:
    """Open a claimkb database for writing, with foreign keys enforced and the journal in
    WAL mode, applying any pending migration. A missing file is created when ``create``
    is true, else refused; so is a file that is not a claimkb database (an empty one is
    a new database). Close it with ``close_db``."""
    return _open_for_writing(path, create=create)[0]


@dataclass(frozen=True)
class Migration:
    before: int | None  # the schema version before; None when the file had no claimkb schema
    applied: list[str]  # names of the migrations applied
    rolled_back: bool  # a write killed part way was rolled back first


def migrate_db(path) -> Migration:
    """Roll back a write killed part way, if any, then apply the pending migrations to
    an existing database."""
    path = os.fspath(path)
    check_writable(path, create=False)
    rolled_back = _roll_back_interrupted_write(path)
    header = _read_header(path)
    before = None
    if header:
        conn, _ = _read_connection(path, header)
        try:
            before = schema_state(sqlite_utils.Database(conn)).version
        finally:
            conn.close()
    db, applied = _open_for_writing(path, create=False)
    close_db(db)
    return Migration(before, applied, rolled_back)


def close_db(db: sqlite_utils.Database) -> None:
    """Close a database opened for writing. When no other connection has it open, the
    journal goes back from WAL to a rollback journal, which folds the -wal file into the
    database and removes it and the -shm file."""
    try:
        db.execute("PRAGMA busy_timeout = 0")  # fail at once rather than wait for other users
        db.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError:
        pass  # another connection has the file open; the last writer to close will switch
    db.close()


@contextmanager
def writing(path, *, create: bool = True):
    """``open_db`` as a context manager that closes with ``close_db``."""
    db = open_db(path, create=create)
    try:
        yield db
    finally:
        close_db(db)
