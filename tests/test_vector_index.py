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


def test_bulk_candidates_from_the_index_find_what_exact_cosines_find():
    from claimkb.match.candidates import approximate_dense_candidates, dense_candidates, neighbours_to_ask
    from claimkb.match.vector_index import index_of, nearest_positions

    # 600 topics, each stated in 3 articles with a little noise; 3 claims an article
    rng = np.random.default_rng(7)
    topics = np.vstack([unit(k) for k in range(600)])
    vectors = np.repeat(topics, 3, axis=0) + 0.05 * rng.standard_normal((1800, DIMENSIONS)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    groups = np.arange(1800) % 600 // 3 * 3 + np.arange(1800) % 3  # 3 copies of a topic in 3 articles
    ids = [f"{k:016x}" for k in range(1800)]

    exact, _ = dense_candidates(vectors, groups, per_claim=4)
    neighbours, cosines = nearest_positions(index_of(ids, vectors), ids, vectors, neighbours_to_ask(4))
    approximate, scores = approximate_dense_candidates(neighbours, cosines, groups, per_claim=4)

    found = {tuple(p) for p in approximate.tolist()}
    assert len(found & {tuple(p) for p in exact.tolist()}) >= 0.95 * len(exact)
    i, j = approximate[:, 0], approximate[:, 1]
    assert (groups[i] != groups[j]).all() and (i < j).all()
    assert np.allclose(scores, (vectors[i] * vectors[j]).sum(axis=1), atol=1e-4)


def test_a_whole_link_over_the_exact_limit_keeps_the_index_it_built(tmp_path, monkeypatch):
    from claimkb.link import linker
    from claimkb.match.embeddings import embeddings_available
    from claimkb.match.vector_index import index_of

    if not embeddings_available():
        pytest.skip("the dense tier's model is not installed")
    built = []
    monkeypatch.setattr(linker, "index_of", lambda *args: built.append(index_of(*args)) or built[-1])
    links = {}
    for limit in (10**9, 0):  # exact cosines, then the index above a limit every store exceeds
        monkeypatch.setattr(linker, "EXACT_DENSE_MAX", limit)
        sample = build_sample_kb(tmp_path / f"kb-{limit}.db")
        db = open_db(sample.path)
        linker.link_claims(db, matcher="dense", rebuild=True)
        links[limit] = db.execute("select claim_a, claim_b, score from claim_links order by 1, 2").fetchall()
        stored = db.execute("select count(*) from claim_embeddings").fetchone()[0]
        close_db(db)
        # the index the link built is the persistent one, in step with the table, and
        # nothing it set aside while scoring is left beside it
        reader = open_read_only(sample.path)
        assert refresh_index(reader) == stored
        assert not [p.name for p in index_folder(reader).iterdir() if p.name.endswith(".pending")]
        reader.close()
    assert len(built) == 1 and len(built[0]) == stored
    # a sample this small: the graph search is exact, so the links are the same
    assert links[0] == links[10**9] and links[0]


def test_cached_vectors_embed_in_chunks_cache_each_once_and_keep_the_callers_order(kb, monkeypatch):
    from claimkb.match import embeddings

    sample, ids = kb
    db = open_db(sample.path)
    embedded = []

    def made_up(texts):  # a vector a text, from its length: no model needed to test the cache
        embedded.append(list(texts))
        return np.vstack([unit(len(text)) for text in texts])

    monkeypatch.setattr(embeddings, "embed", made_up)
    monkeypatch.setattr(embeddings, "EMBED_CHUNK", 2)
    texts = [f"claim number {k}" + "!" * k for k in range(5)]
    cache(db, ids[1], unit(999))  # one already cached: read, not embedded
    asked = [ids[0], ids[1], ids[2], ids[0], ids[3], ids[4]]  # one id twice
    vectors = embeddings.cached_vectors(db, asked, [texts[0], texts[1], texts[2], texts[0], texts[3], texts[4]])

    assert [len(chunk) for chunk in embedded] == [2, 2]  # four to embed, two at a time
    expected = [unit(len(texts[0])), unit(999), unit(len(texts[2])), unit(len(texts[0])),
                unit(len(texts[3])), unit(len(texts[4]))]
    assert np.allclose(vectors, np.vstack(expected))
    stored = db.execute("select count(*) from claim_embeddings where model = ?", [EMBEDDING_MODEL]).fetchone()[0]
    assert stored == 5
    embedded.clear()
    assert np.allclose(embeddings.cached_vectors(db, ids[:5], texts), np.vstack(
        [unit(len(texts[0])), unit(999), *(unit(len(t)) for t in texts[2:])]))
    assert embedded == []  # all five cached now
    close_db(db)
