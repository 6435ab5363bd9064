"""Candidate pairs scored on a Dask cluster give the links, families and every other
row that scoring them in this process gives."""
import hashlib
import shutil

import pytest
from click.testing import CliRunner
from rows import database_rows
from test_parallel_ingest import INPUTS, rows_by_table

from claimkb.cli import cli
from claimkb.distributed import TASKS_PER_WORKER

pytest.importorskip("distributed", reason="the dask extra (dask[distributed]) is not installed")
WORKERS = 2


def run(*args):
    result = CliRunner().invoke(cli, [*map(str, args)])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """The seeds and the ECB+ sample, stored and not linked."""
    path = tmp_path_factory.mktemp("stored") / "kb.db"
    run("ingest", path, *INPUTS, "--no-link")
    return path


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    with LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def prefixes_run_on(scheduler) -> set[str]:
    """The names of the functions the cluster's tasks have run."""
    from distributed import Client

    with Client(scheduler) as client:
        return set(client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.task_prefixes)))


@pytest.mark.parametrize("matcher", ["lexical", "dense"])
def test_links_scored_on_a_cluster_are_the_links_scored_here(stored, scheduler, tmp_path, matcher):
    from claimkb.match.embeddings import embeddings_available

    if matcher == "dense" and not embeddings_available():
        pytest.skip("the optional embeddings tier is not installed")
    here, there = tmp_path / "here.db", tmp_path / "there.db"
    shutil.copy(stored, here)
    shutil.copy(stored, there)
    pairs = int(run("link", here, "--matcher", matcher).stderr.split(" candidate pairs")[0].rsplit(" ", 1)[1])
    # the pairs are cut into TASKS_PER_WORKER blocks a worker, all in flight at once
    # and coming back out of order; more pairs than blocks, or there is nothing to order
    assert pairs > WORKERS * TASKS_PER_WORKER
    run("link", there, "--matcher", matcher, "--dask", scheduler)
    expected = rows_by_table(here)
    assert expected["claim_links"]  # something was linked to compare
    assert rows_by_table(there) == expected  # the vectors too, in the dense tier
    if matcher == "dense":  # which were computed on the cluster, as the scores were
        assert {"embed", "score_block"} <= prefixes_run_on(scheduler)

    # every claim at once (the bulk path), from scratch
    run("link", here, "--rebuild", "--matcher", matcher)
    run("link", there, "--rebuild", "--matcher", matcher, "--dask", scheduler)
    assert rows_by_table(there) == rows_by_table(here)


def test_ingest_on_a_cluster_links_as_one_process_does(scheduler, tmp_path):
    here, there = tmp_path / "here.db", tmp_path / "there.db"
    run("ingest", here, *INPUTS, "--matcher", "lexical")
    assert "Linked: " in run("ingest", there, *INPUTS, "--matcher", "lexical", "--dask", scheduler).stderr
    expected = rows_by_table(here)
    assert expected["claim_links"]
    assert rows_by_table(there) == expected


def test_an_error_on_the_cluster_leaves_the_links_as_they_were(stored, tmp_path, monkeypatch):
    from distributed import LocalCluster

    from claimkb.link import scoring

    def broken(block):
        raise RuntimeError("a block could not be scored")

    monkeypatch.setattr(scoring, "score_block", broken)
    db = tmp_path / "kb.db"
    shutil.copy(stored, db)
    before = database_rows(db)
    # workers in this process, so that they run the broken scorer
    with LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as cluster:  # any free port
        result = CliRunner().invoke(cli, ["link", str(db), "--matcher", "lexical", "--dask",
                                          cluster.scheduler_address])
    assert result.exit_code == 1
    assert "a block could not be scored" in result.stderr
    assert database_rows(db) == before  # nothing linked, and the claims still wait to be


def test_an_unreachable_scheduler_is_named_and_the_database_is_left_as_it_was(stored, tmp_path):
    db = tmp_path / "kb.db"
    shutil.copy(stored, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    # port 9 (discard) on localhost: nothing listens there, so the connection is refused
    result = CliRunner().invoke(cli, ["link", str(db), "--matcher", "lexical", "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "tcp://127.0.0.1:9" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb.db"]
