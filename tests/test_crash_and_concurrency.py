"""Real claimkb processes killed mid-run, and several writing one database at once.

Each scenario is compared, table by table (run bookkeeping aside), with a run that was
neither interrupted nor shared.
"""
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rows import database_rows, differences, integrity

CLAIMKB = str(Path(sys.executable).parent / "claimkb")
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "ecbplus-aceh-quake.jsonl"
SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
LEXICAL = ["--matcher", "lexical"]  # the dense tier is slower and optional


def claimkb(*args) -> subprocess.CompletedProcess:
    return subprocess.run([CLAIMKB, *map(str, args)], capture_output=True, text=True, timeout=600)


def killed_after(seconds: float, *args) -> None:
    process = subprocess.Popen([CLAIMKB, *map(str, args)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    process.send_signal(signal.SIGKILL)
    process.wait()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Four inputs: the sample split in three, and the seed articles."""
    folder = tmp_path_factory.mktemp("inputs")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    parts = [folder / f"part {n}.jsonl" for n in range(3)]
    for n, part in enumerate(parts):
        part.write_text("".join(lines[n::3]), encoding="utf-8")
    seeds = folder / "seeds"
    shutil.copytree(SEEDS, seeds)
    return [*parts, seeds]


@pytest.fixture(scope="module")
def reference(inputs, tmp_path_factory):
    """One uninterrupted ingest of every input."""
    path = tmp_path_factory.mktemp("reference") / "kb.db"
    result = claimkb("ingest", path, *inputs, *LEXICAL)
    assert result.returncode == 0, result.stderr
    return path


def claims_by_article(rows) -> dict:
    found: dict[str, set[str]] = {}
    # a run killed inside its first transaction leaves a database whose rollback holds
    # no tables yet: no article, whole or partial
    for claim in rows.get("claims", ()):
        found.setdefault(claim[1], set()).add(claim[0])
    return found


@pytest.mark.parametrize("seconds", [0.5, 1.5, 3.0, 6.0])
def test_killed_ingest_leaves_whole_articles_and_a_rerun_completes_it(seconds, inputs, reference, tmp_path):
    path = tmp_path / "kb.db"
    killed_after(seconds, "ingest", path, *inputs, *LEXICAL)
    if path.exists():
        assert integrity(path) == "ok"
        partial, complete = claims_by_article(database_rows(path)), claims_by_article(database_rows(reference))
        assert all(partial[article] == complete[article] for article in partial)  # whole articles only
    rerun = claimkb("ingest", path, *inputs, *LEXICAL)
    assert rerun.returncode == 0, rerun.stderr
    assert differences(database_rows(path), database_rows(reference)) == {}
    statuses = {status for (status,) in _runs(path, "select status from runs")}
    assert statuses <= {"finished", "interrupted"}


@pytest.mark.parametrize("seconds", [1.0, 2.5])
def test_killed_link_leaves_the_database_as_before_and_a_rerun_completes_it(seconds, reference, tmp_path):
    relinked = tmp_path / "relinked.db"
    shutil.copy(reference, relinked)
    assert claimkb("link", relinked, "--rebuild", *LEXICAL).returncode == 0
    path = tmp_path / "kb.db"
    shutil.copy(reference, path)
    killed_after(seconds, "link", path, "--rebuild", *LEXICAL)
    assert integrity(path) == "ok"
    assert claimkb("link", path, "--rebuild", *LEXICAL).returncode == 0
    assert differences(database_rows(path), database_rows(relinked)) == {}


def test_a_later_run_marks_a_killed_run_interrupted(reference, tmp_path):
    path = tmp_path / "kb.db"
    shutil.copy(reference, path)
    killed_after(1.5, "link", path, *LEXICAL)
    assert claimkb("link", path, *LEXICAL).returncode == 0
    statuses = [status for (status,) in _runs(path, "select status from runs order by id")]
    assert "running" not in statuses
    assert statuses[-1] == "finished"


# A write killed after SQLite wrote pages of its transaction to the file but before it
# committed: a one-page cache makes it write them early, and os._exit skips the rollback.
KILLED_WRITE = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("pragma cache_size = 1")
conn.execute("begin")
conn.execute("update claims set content = content || ' (altered)'")
conn.execute("create table filler (x)")
conn.executemany("insert into filler values (?)", [("x" * 200,)] * 20000)
os._exit(1)
"""


@pytest.mark.parametrize("writer", ["migrate", "ingest"])
def test_a_write_killed_part_way_is_refused_by_readers_and_rolled_back_by_the_next_writer(
        writer, inputs, reference, tmp_path):
    path = tmp_path / "kb.db"
    shutil.copy(reference, path)
    stored = database_rows(path)
    subprocess.run([sys.executable, "-c", KILLED_WRITE, str(path)], check=False, timeout=120)
    journal = tmp_path / "kb.db-journal"
    assert journal.exists(), "the killed write left no journal: the scenario did not happen"
    left = path.read_bytes()
    refused = claimkb("similar", path, "earthquake")
    assert refused.returncode == 1
    assert refused.stderr.strip().count("\n") == 0
    assert "interrupted" in refused.stderr and f"claimkb migrate {path}" in refused.stderr
    assert path.read_bytes() == left and journal.exists()  # reading wrote nothing
    recovered = claimkb(*(["migrate", path] if writer == "migrate" else ["ingest", path, inputs[-1], *LEXICAL]))
    assert recovered.returncode == 0, recovered.stderr
    if writer == "migrate":
        assert "rolled back a write that was killed part way" in recovered.stderr
    assert not journal.exists()
    assert differences(database_rows(path), stored) == {}
    assert claimkb("similar", path, "earthquake").returncode == 0


def test_four_writers_and_a_link_at_once_equal_a_sequential_run(inputs, tmp_path):
    sequential, shared = tmp_path / "sequential.db", tmp_path / "shared.db"
    for item in inputs:
        assert claimkb("ingest", sequential, item, *LEXICAL).returncode == 0
    processes = [subprocess.Popen([CLAIMKB, "ingest", str(shared), str(item), *LEXICAL], stderr=subprocess.PIPE,
                                  text=True) for item in inputs]
    wait_for_file(shared)  # link refuses to create a database
    processes.append(subprocess.Popen([CLAIMKB, "link", str(shared), *LEXICAL], stderr=subprocess.PIPE, text=True))
    outcomes = [(process.wait(timeout=600), process.stderr.read()) for process in processes]
    assert all(code == 0 for code, _ in outcomes), outcomes
    assert not any("locked" in stderr or "Traceback" in stderr for _, stderr in outcomes)
    # Incremental links depend on what was stored when each ingest linked; a rebuild
    # makes them a function of the stored articles alone, which must then agree.
    for path in (sequential, shared):
        assert claimkb("link", path, "--rebuild", *LEXICAL).returncode == 0
    assert integrity(shared) == "ok"
    assert differences(database_rows(shared), database_rows(sequential)) == {}


def wait_for_file(path: Path, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.1)


def _runs(path, sql):
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()
