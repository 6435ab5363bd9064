"""Extraction spread over worker processes or a Dask cluster writes the same
database, row for row and id for id, as extraction in one process."""
import sqlite3

import pytest
from click.testing import CliRunner
from conftest import REPO

from claimkb.cli import cli

# Eleven articles: the bundled seeds and the ECB+ sample, enough for several
# chunks of work to be in flight at once and come back out of order.
INPUTS = [str(REPO / "data" / "seeds"), str(REPO / "data" / "sample" / "ecbplus-aceh-quake.jsonl")]
# Columns that record when a run happened, which no two runs share.
CLOCK_COLUMNS = {"started_at", "finished_at", "ingested_at", "applied_at"}


def rows_by_table(path):
    """Every table's rows in storage order (key order for tables without rowid),
    clock columns left out; full-text indexes are compared through their shadow tables."""
    with sqlite3.connect(path) as conn:
        tables = conn.execute("select name, sql from sqlite_master where type = 'table'"
                              " and name not like 'sqlite_%' and sql not like 'create virtual%' order by name")
        result = {}
        for table, sql in tables.fetchall():
            order = "" if "without rowid" in sql.lower() else " order by rowid"
            cursor = conn.execute(f"select * from [{table}]{order}")
            keep = [i for i, d in enumerate(cursor.description) if d[0] not in CLOCK_COLUMNS]
            result[table] = [tuple(row[i] for i in keep) for row in cursor]
    return result


def ingest(path, *options):
    result = CliRunner().invoke(cli, ["ingest", str(path), *INPUTS, "--no-link", *options])
    assert result.exit_code == 0, result.output
    return rows_by_table(path)


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    return ingest(tmp_path_factory.mktemp("serial") / "kb.db")


def test_worker_processes_write_the_same_rows(one_process, tmp_path):
    parallel = ingest(tmp_path / "kb.db", "--jobs", "2")
    assert one_process["claims"]  # something was extracted to compare
    assert parallel == one_process


def test_a_dask_cluster_writes_the_same_rows(one_process, tmp_path):
    pytest.importorskip("distributed", reason="the dask extra (dask[distributed]) is not installed")
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_cluster = ingest(tmp_path / "kb.db", "--dask", cluster.scheduler_address)
    assert one_process["claims"]
    assert on_cluster == one_process


def test_an_unreachable_scheduler_is_named_and_nothing_is_created(tmp_path):
    pytest.importorskip("distributed", reason="the dask extra (dask[distributed]) is not installed")
    db = tmp_path / "kb.db"
    # port 9 (discard) on localhost: nothing listens there, so the connection is refused
    result = CliRunner().invoke(cli, ["ingest", str(db), *INPUTS, "--no-link", "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "tcp://127.0.0.1:9" in result.stderr
    assert not db.exists()


def test_jobs_and_dask_together_are_refused(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "kb.db"), *INPUTS, "--jobs", "2",
                                      "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "--jobs and --dask" in result.stderr
