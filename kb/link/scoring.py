"""Scoring candidate pairs with ``compare``: in this process, or in blocks on a Dask cluster.

Each pair comes earlier copy first, so a link's relation and evidence say how the
later copy differs. ``score_pairs`` is the one loop, whichever way it runs: here,
over every pair with each claim's features computed once (``FEATURE_CACHE``); on a
cluster, over a ``Block``: a run of pairs with just what they need, the texts,
speakers and kinds of the claims they touch, the pairs as positions among those
claims, and in the dense tier each pair's embedding similarity. Blocks come back in
order and are mapped to the writer's positions, so the links are the same wherever
they were scored. The similarities are computed here, in both ways, by the same
expression on the same vectors: a pair's score cannot depend on a worker's hardware
(its BLAS may sum a dot product in another order), and a block carries one number a
pair instead of 384 a claim.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import reverse_cuthill_mckee

from claimkb.distributed import results_in_order, tasks_in_flight
from claimkb.link.alignment import ALIGNED_THRESHOLD
from claimkb.match.compare import compare
from claimkb.match.features import ClaimFeatures, claim_features

# Claims whose comparison features are kept in memory at once (~3.5 KB each, so 1.4 GB
# at most): at 1M claims the candidate pairs touch ~840k distinct claims; in the order
# of ``locality_order`` this cache computes each one's features 1.10 times on average
# (1.57 in claim order, 2.4 with a cache of 200k).
FEATURE_CACHE = 400_000
BLOCK_PAIRS = 50_000  # candidate pairs scored here between progress reports
# Candidate pairs a cluster worker scores in one task, at most: about a second of work
# (~180 us a pair, features included) against milliseconds of scheduling, and at most
# twice as many claim texts sent (~2 MB). Fewer a task when the pairs would otherwise
# leave a worker idle: every worker gets its TASKS_PER_WORKER blocks.
CLUSTER_BLOCK_PAIRS = 5_000


class AcceptedLink(NamedTuple):
    """A link kept until all are known, as compact as it can be: a bulk run holds
    millions of them, and a Comparison's list of dicts costs several times its JSON."""

    score: float
    relation: str
    evidence: str  # JSON list of differences


Scored = tuple[list[tuple[int, int, AcceptedLink]], list[tuple[int, int]]]


@dataclass
class Block:
    """A run of pairs and the claims they touch, as a cluster worker gets it."""

    contents: list[str]
    speakers: list[str | None]
    kinds: list[str]
    negated: list[int | None]
    pairs: np.ndarray  # (m, 2) positions among the claims above, earlier copy first
    dense: list[float] | None  # each pair's embedding similarity (dense tier), else None
    threshold: float

    def features(self, k: int) -> ClaimFeatures:
        """``claim_features`` of the claim at position ``k``, as ``Claims.features``."""
        return claim_features(self.contents[k], self.speakers[k], self.kinds[k], self.negated[k])


def locality_order(pairs: np.ndarray, n: int) -> np.ndarray:
    """An order of ``pairs`` (positions among ``n`` claims) in which each claim's pairs
    come close together, so that a bounded feature cache computes a claim once: the
    pairs by the earlier of their two claims in the reverse Cuthill-McKee order of the
    candidate graph, which numbers each claim near the claims it is paired with."""
    graph = sparse.coo_matrix((np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    graph = (graph + graph.T).tocsr()
    rank = np.empty(n, dtype=np.int64)
    rank[reverse_cuthill_mckee(graph, symmetric_mode=True)] = np.arange(n)
    return np.argsort(np.minimum(rank[pairs[:, 0]], rank[pairs[:, 1]]), kind="stable")


def score_pairs(pairs: np.ndarray, features: Callable[[int], ClaimFeatures], dense: Sequence[float] | None,
                threshold: float) -> Scored:
    """(accepted, probable): the pairs ``compare`` calls the same claim, with their link,
    and those short of the threshold that are still probable copies
    (``ALIGNED_THRESHOLD``: evidence of a re-publication). ``dense``: each pair's
    embedding similarity (``similarities``), else None."""
    accepted, probable = [], []
    for k, (i, j) in enumerate(pairs.tolist()):
        result = compare(features(i), features(j), dense_similarity=None if dense is None else dense[k],
                         threshold=threshold)
        if result.same_claim:
            link = AcceptedLink(result.score, result.relation, json.dumps(result.differences, ensure_ascii=False))
            accepted.append((i, j, link))
        elif result.score >= ALIGNED_THRESHOLD:
            probable.append((i, j))
    return accepted, probable


def score_block(block: Block) -> Scored:
    """``score_pairs`` over a block, each of its claims' features computed once."""
    return score_pairs(block.pairs, cache(block.features), block.dense, block.threshold)


def similarities(pairs: np.ndarray, vectors: np.ndarray | None) -> list[float] | None:
    """Each pair's embedding similarity (the dot product of the claims' unit vectors)
    in the dense tier; None without vectors."""
    return None if vectors is None else [float(vectors[i] @ vectors[j]) for i, j in pairs.tolist()]


def score_all(claims, pairs: np.ndarray, vectors: np.ndarray | None, threshold: float, *,
              client=None, progress=None) -> Iterator[Scored]:
    """Score ``pairs`` (positions in ``claims``, earlier copy first) in runs of
    ``BLOCK_PAIRS`` here or, given a ``distributed.Client``, in blocks of at most
    ``CLUSTER_BLOCK_PAIRS`` on its cluster; yields each run's result in order, in
    ``claims`` positions."""
    if client is None:
        features = lru_cache(maxsize=FEATURE_CACHE)(claims.features)
        for start in range(0, len(pairs), BLOCK_PAIRS):
            run = pairs[start:start + BLOCK_PAIRS]
            yield score_pairs(run, features, similarities(run, vectors), threshold)
            _report(progress, start + len(run), len(pairs))
        return
    in_flight = tasks_in_flight(client)
    size = max(1, min(CLUSTER_BLOCK_PAIRS, math.ceil(len(pairs) / in_flight)))
    blocks = (_block(claims, pairs[start:start + size], vectors, threshold) for start in range(0, len(pairs), size))
    in_order = results_in_order(blocks, lambda task: client.submit(score_block, task[1], pure=False), in_flight)
    done = 0
    for (touched, block), (accepted, probable) in in_order:
        yield ([(int(touched[i]), int(touched[j]), link) for i, j, link in accepted],
               [(int(touched[i]), int(touched[j])) for i, j in probable])
        done += len(block.pairs)
        _report(progress, done, len(pairs))


def _block(claims, pairs: np.ndarray, vectors: np.ndarray | None, threshold: float) -> tuple[np.ndarray, Block]:
    """(the claims' positions the block's pairs touch, the block)."""
    touched, local = np.unique(pairs, return_inverse=True)
    positions = touched.tolist()
    return touched, Block(
        contents=[claims.contents[k] for k in positions], speakers=[claims.speakers[k] for k in positions],
        kinds=[claims.kinds[k] for k in positions], negated=[claims.negated[k] for k in positions],
        pairs=local.reshape(pairs.shape).astype(np.int64),
        dense=similarities(pairs, vectors), threshold=threshold)


def _report(progress, done: int, total: int) -> None:
    if progress:
        progress(done, total)
