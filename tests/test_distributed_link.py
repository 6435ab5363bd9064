"""Candidate pairs scored on a Dask cluster give the links, families and every other
row that scoring them in this process gives."""
import hashlib
import shutil

import pytest
from click.testing import CliRunner
from test_parallel_ingest import INPUTS, rows_by_table

from claimkb.cli import cli

pytest.importorskip("distributed", reason="the dask extra (dask[distributed]) is not installed")
# pairs per block on the cluster: small, so that the sample's pairs make many blocks in
# flight at once, coming back out of order
SMALL_BLOCKS = 16


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


@pytest.mark.parametrize("matcher", ["lexical", "dense"])
def test_links_scored_on_a_cluster_are_the_links_scored_here(stored, tmp_path, monkeypatch, matcher):
    from distributed import LocalCluster

    from claimkb.link import scoring
    from claimkb.match.embeddings import embeddings_available

    if matcher == "dense" and not embeddings_available():
        pytest.skip("the optional embeddings tier is not installed")
    here, there = tmp_path / "here.db", tmp_path / "there.db"
    shutil.copy(stored, here)
    shutil.copy(stored, there)
    run("link", here, "--matcher", matcher)
    monkeypatch.setattr(scoring, "BLOCK_PAIRS", SMALL_BLOCKS)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        run("link", there, "--matcher", matcher, "--dask", cluster.scheduler_address)
    expected = rows_by_table(here)
    assert len(expected["claim_links"]) > SMALL_BLOCKS  # more than one block's worth linked
    assert rows_by_table(there) == expected


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
