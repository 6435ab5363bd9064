"""Linking with the candidate pairs scored on a Dask cluster, against scoring them here.

    PYTHONPATH=. python benchmarks/link_cluster.py [--claims 10000] [--workers 2]
        [--scheduler ADDR] [--matcher lexical] [--workdir DIR]

Builds link_scale's synthetic corpus of --claims claims (see benchmarks/link_scale.py),
links one copy of it from scratch in this process and another on a Dask cluster (a
LocalCluster of --workers single-threaded processes, or the scheduler at --scheduler),
checks that both wrote the same links, families and derivations, and prints both wall
times, what the blocks sent out carried: claims per distinct claim (a claim goes with
every block holding a pair of it, and its features are computed there again) and
megabytes, pickled; and what scoring costs on one core here: the features of a claim
and the comparison of a pair, in CPU microseconds. Needs the dask extra.
"""
from __future__ import annotations

import argparse
import pickle
import shutil
import sqlite3
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.link_scale import build  # noqa: E402
from claimkb.distributed import dask_client, tasks_in_flight  # noqa: E402
from claimkb.link import linker, scoring  # noqa: E402
from claimkb.match.compare import compare, default_threshold  # noqa: E402
from claimkb.match.features import claim_features  # noqa: E402
from claimkb.match.token_index import stored_token_index  # noqa: E402
from claimkb.store.db import open_db  # noqa: E402

COMPARED = ("claim_links", "families", "article_derivations")


def link(path: Path, matcher: str, client=None) -> tuple[float, str]:
    db = open_db(path)
    started = time.perf_counter()
    stats = linker.link_claims(db, matcher=matcher, client=client)
    return time.perf_counter() - started, str(stats)


def rows(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        tables = {table: conn.execute(f"select * from [{table}] order by rowid").fetchall() for table in COMPARED}
        tables["claims.family_id"] = conn.execute("select id, family_id from claims order by rowid").fetchall()
    return tables


def candidates(path: Path, matcher: str):
    """(claims, candidate pairs in the order the linker scores them, vectors or None)."""
    db = open_db(path)
    claims, pairs, vectors, _ = linker._bulk_candidates(db, stored_token_index(db), matcher, linker.PER_CLAIM)
    return claims, pairs[scoring.locality_order(pairs, len(claims))], vectors


def blocks_sent(claims, pairs, vectors, matcher: str, in_flight: int) -> tuple[int, int, float]:
    """(distinct claims in a pair, claims the blocks carry, megabytes of pickled blocks)
    for the blocks a cluster of ``in_flight`` tasks would be sent."""
    size = max(1, min(scoring.CLUSTER_BLOCK_PAIRS, -(-len(pairs) // in_flight)))
    blocks = [scoring._block(claims, pairs[start:start + size], vectors, default_threshold(matcher))[1]
              for start in range(0, len(pairs), size)]
    return (len(set(pairs.ravel().tolist())), sum(len(b.contents) for b in blocks),
            sum(len(pickle.dumps(b)) for b in blocks) / 1e6)


def scoring_cost(claims, pairs) -> tuple[float, float]:
    """CPU microseconds a claim's features and a pair's comparison (lexical) take here."""
    started = time.process_time()
    features = [claim_features(*claim) for claim in zip(claims.contents, claims.speakers, claims.kinds)]
    per_claim = (time.process_time() - started) / len(claims) * 1e6
    started = time.process_time()
    for i, j in pairs.tolist():
        compare(features[i], features[j], threshold=default_threshold("lexical"))
    return per_claim, (time.process_time() - started) / len(pairs) * 1e6


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster processes (without --scheduler)")
    parser.add_argument("--scheduler", help="a running Dask scheduler's address instead of a LocalCluster")
    parser.add_argument("--matcher", default="lexical")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", help="keep the databases here (default: a temporary folder, removed)")
    args = parser.parse_args(argv)
    from distributed import LocalCluster

    with (nullcontext(args.workdir) if args.workdir else tempfile.TemporaryDirectory()) as workdir:
        here, there = Path(workdir) / "here.db", Path(workdir) / "there.db"
        for path in (here, there):
            path.unlink(missing_ok=True)
            shutil.rmtree(f"{path}.claimkb-index", ignore_errors=True)
        build(str(here), args.claims, args.seed)
        shutil.copy(here, there)
        local_seconds, stats = link(here, args.matcher)
        local = (nullcontext(None) if args.scheduler else
                 LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None))
        with local as started:
            address = args.scheduler or started.scheduler_address
            with dask_client(address) as client:
                workers = len(client.scheduler_info()["workers"])
                cluster_seconds, _ = link(there, args.matcher, client)
                in_flight = tasks_in_flight(client)
        same = rows(here) == rows(there)
        claims, pairs, vectors = candidates(here, args.matcher)
        distinct, carried, megabytes = blocks_sent(claims, pairs, vectors, args.matcher, in_flight)
        per_claim, per_pair = scoring_cost(claims, pairs)
        print(f"{args.claims:,} claims ({args.matcher}): {stats}")
        print(f"  linked here in {local_seconds:.1f}s; on {workers} Dask workers in {cluster_seconds:.1f}s"
              f" ({local_seconds / cluster_seconds:.2f}x); same rows: {same}")
        print(f"  blocks sent: {carried / distinct:.2f} claims per distinct claim, {megabytes:.1f} MB pickled"
              f" ({megabytes * 1e6 / len(pairs):.0f} bytes a pair)")
        print(f"  scoring here: {per_claim:.0f} us of CPU a claim's features, {per_pair:.0f} us a pair's comparison")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
