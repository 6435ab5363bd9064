"""The ``runs`` table: one row per ingest or link, with its status.

A run is "running" from its start until it records its end as "finished". A process
killed in between cannot record anything, so each new run marks the running rows of
processes that no longer exist as "interrupted". Process ids are those of this
machine, as SQLite databases are not shared across machines.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone

import sqlite_utils

from claimkb import __version__

RUNNING, FINISHED, INTERRUPTED = "running", "finished", "interrupted"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def start_run(db: sqlite_utils.Database, command: str, **details) -> int:
    """Record a run of ``command`` by this process, after marking dead runs interrupted."""
    with db.atomic():
        mark_interrupted(db)
        row = {"command": command, "started_at": now_iso(), "claimkb_version": __version__,
               "status": RUNNING, "pid": os.getpid(), **details}
        run_id = db.table("runs").insert(row).last_pk
        assert run_id is not None  # an insert into a rowid table always sets it
        return run_id


def finish_run(db: sqlite_utils.Database, run_id: int, **counts) -> None:
    db.table("runs").update(run_id, {"finished_at": now_iso(), "status": FINISHED, **counts})


def mark_interrupted(db: sqlite_utils.Database) -> int:
    """Mark the running runs whose process is gone as interrupted; return how many."""
    dead = [run_id for run_id, pid in db.execute("select id, pid from runs where status = ?", [RUNNING])
            if not _alive(pid)]
    for run_id in dead:
        db.execute("update runs set status = ? where id = ?", [INTERRUPTED, run_id])
    return len(dead)


def _alive(pid: int | None) -> bool:
    if pid is None:
        return False
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    return True
