"""Candidate pairs scored in blocks, as a Dask cluster gets them: how the pairs are cut
and what each block carries, against scoring them all in this process. The cluster is
a stand-in that runs each task at once (tests/test_distributed_link.py uses a real one)."""
from concurrent.futures import Future
from itertools import combinations

import numpy as np
import pytest

from claimkb.distributed import TASKS_PER_WORKER
from claimkb.link import scoring
from claimkb.link.linker import Claims

# Versions of one statement, each in its own article, a day apart: every pair is a
# candidate, some the same claim and some not.
VERSIONS = [
    "The council approved 40 new homes on the harbour site on Tuesday.",
    "The council approved 40 new homes on the harbour site.",
    "The city council approved 400 new homes on the harbour site on Tuesday.",
    "The council did not approve 40 new homes on the harbour site.",
    "Forty new homes were approved for the harbour site by the council.",
    "The council rejected plans for a new stadium by the river.",
    "The council approved 40 new homes on the harbour site on Tuesday, the mayor said.",
    "Harbour residents said the council approved 40 new homes.",
    "The mayor approved 40 new homes on the harbour site on Tuesday.",
    "Rain is expected across the region on Tuesday.",
]

# High, so that some pairs pass it and some, short of it, are only probable copies.
THRESHOLD = 0.9


class InlineClient:
    """A ``distributed.Client`` stand-in with ``workers`` workers: runs each task when
    it is submitted and keeps the blocks it was given."""

    def __init__(self, workers: int):
        self.workers = workers
        self.blocks: list[scoring.Block] = []

    def scheduler_info(self):
        return {"workers": {f"worker-{n}": {} for n in range(self.workers)}}

    def submit(self, function, block, pure):
        self.blocks.append(block)
        future = Future()
        future.set_result(function(block))
        return future


@pytest.fixture
def claims():
    # rows as linker.CLAIMS_SQL selects them; the articles declare and show no language
    rows = [(f"claim-{k}", f"article-{k}", "assertion", text, None, "outlet", f"2024-01-{k + 1:02d}", k + 1, None, None,
             None) for k, text in enumerate(VERSIONS)]
    return Claims.from_rows(rows)


def scored(claims, pairs, **options):
    accepted, probable = [], []
    for block_accepted, block_probable in scoring.score_all(claims, pairs, None, THRESHOLD, **options):
        accepted += block_accepted
        probable += block_probable
    return accepted, probable


def test_few_pairs_are_cut_so_that_every_worker_gets_its_blocks(claims):
    pairs = np.array(list(combinations(range(len(claims)), 2)))  # earlier copy first
    client = InlineClient(workers=2)
    here = scored(claims, pairs)
    assert here[0] and here[1]  # some pairs linked and some only probable, to compare
    assert scored(claims, pairs, client=client) == here
    assert len(client.blocks) == 2 * TASKS_PER_WORKER
    for block in client.blocks:
        # each block carries the claims its pairs touch, and no other
        assert len(block.contents) == len(np.unique(block.pairs)) == block.pairs.max() + 1


def test_many_pairs_are_cut_into_blocks_of_at_most_the_cluster_block(claims, monkeypatch):
    monkeypatch.setattr(scoring, "CLUSTER_BLOCK_PAIRS", 4)
    pairs = np.array(list(combinations(range(len(claims)), 2)))
    client = InlineClient(workers=1)
    assert scored(claims, pairs, client=client) == scored(claims, pairs)
    assert [len(block.pairs) for block in client.blocks] == [4] * (len(pairs) // 4) + [len(pairs) % 4]
