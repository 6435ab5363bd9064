"""The persistent nearest-neighbour index beside a database: built and grown by
the writer, read without changing a file, never missing a cached vector."""
import numpy as np
import pytest
from sample_kb import build_sample_kb

from claimkb.match.embeddings import EMBEDDING_MODEL
from claimkb.store.db import close_db, open_db, open_read_only

pytest.importorskip("usearch", reason="usearch (the embeddings extra) is not installed")
from claimkb.match.vector_index import index_folder, nearest_claims, refresh_index  # noqa: E402

DIMENSIONS = 384  # as the dense tier's model; the vectors here are made up, no model is needed


def unit(seed: int) -> np.ndarray:
    vector = np.random.default_rng(seed).standard_normal(DIMENSIONS).astype(np.float32)
    return vector / np.linalg.norm(vector)


def cache(db, claim_id: str, vector: np.ndarray) -> None:
    with db.conn:
        db.conn.execute("insert or replace into claim_embeddings (claim_id, model, vector) values (?, ?, ?)",
                        [claim_id, EMBEDDING_MODEL, vector.tobytes()])


@pytest.fixture
def kb(tmp_path):
    sample = build_sample_kb(tmp_path / "kb.db")
    return sample, sorted(sample.claims.values())


def files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_nearest_cached_vector_comes_first_from_the_index_and_from_rows_stored_after_it(kb):
    sample, ids = kb
    db = open_db(sample.path)
    for k, claim_id in enumerate(ids[:4]):
        cache(db, claim_id, unit(k))
    assert refresh_index(db) == 4
    for k, claim_id in enumerate(ids[4:], start=4):  # stored after the index was written
        cache(db, claim_id, unit(k))
    close_db(db)

    reader = open_read_only(sample.path)
    folder = index_folder(reader)
    before = files(folder)
    for k, claim_id in enumerate(ids):
        noisy = unit(k) + 0.1 * unit(1000 + k)
        assert nearest_claims(reader, noisy / np.linalg.norm(noisy), 3)[0] == claim_id
    assert files(folder) == before  # reading changed nothing
    reader.close()


def test_the_writer_grows_the_index_and_rebuilds_it_when_rows_it_holds_are_gone(kb):
    sample, ids = kb
    db = open_db(sample.path)
    for k, claim_id in enumerate(ids[:3]):
        cache(db, claim_id, unit(k))
    assert refresh_index(db) == 3
    cache(db, ids[3], unit(3))
    assert refresh_index(db) == 4
    cache(db, ids[0], unit(50))  # re-cached: replaced under a new rowid, still one vector
    assert refresh_index(db) == 4
    with db.conn:
        db.conn.execute("delete from claim_embeddings where claim_id = ?", [ids[1]])
    assert refresh_index(db) == 3
    assert ids[1] not in nearest_claims(db, unit(1), 4)
    assert nearest_claims(db, unit(50), 1) == [ids[0]]
    close_db(db)
