"""A persistent approximate-nearest-neighbour index of the cached claim vectors.

Kept beside the database, in ``DB.claimkb-index/``, as a usearch HNSW graph and a
small JSON note of the last ``claim_embeddings`` row it holds. It is a cache of
that table: ``refresh_index`` (run by ``claimkb link`` in the dense tier) adds the
rows stored since, writing a new file and renaming it over the old one, and
rebuilds it when it is missing or out of step. Readers (``claimkb similar``) open
it memory-mapped and read-only, and scan the few rows stored after it by brute
force, so an answer never misses a cached vector and reading changes no file.

Why usearch: in benchmarks/ann_choice.py (see the README) it installs as a wheel,
grows after loading, deletes for real and opens memory-mapped in milliseconds;
faiss's HNSW cannot delete, hnswlib compiles at install, sqlite-vec is brute force.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

import numpy as np

from claimkb.match.embeddings import EMBEDDING_DIM, EMBEDDING_MODEL

# HNSW parameters as measured in benchmarks/ann_choice.py (recall@10 0.97 on real
# claim vectors): 16 links a node, 128 candidates when adding, 64 when searching.
CONNECTIVITY, EXPANSION_ADD, EXPANSION_SEARCH = 16, 128, 64
FOLDER_SUFFIX = ".claimkb-index"
PENDING_SUFFIX = ".pending"  # an index a link set aside, not yet in step with the table
SCAN_CHUNK = 50_000  # rows read at a time when scanning vectors


def index_folder(db) -> Path | None:
    """``DB.claimkb-index`` beside the database file; None for an in-memory database."""
    filename = db.execute("pragma database_list").fetchone()[2]
    return Path(filename + FOLDER_SUFFIX) if filename else None


def _paths(folder: Path) -> tuple[Path, Path]:
    stem = "dense-" + EMBEDDING_MODEL.replace("/", "_")
    return folder / f"{stem}.usearch", folder / f"{stem}.json"


def _key(claim_id: str) -> int:
    return int(claim_id, 16)  # claim ids are 16 hex digits (claimkb.store.ids)


def _keys(claim_ids) -> np.ndarray:
    return np.fromiter((_key(c) for c in claim_ids), dtype=np.uint64, count=len(claim_ids))


def _new_index():
    from usearch.index import Index

    return Index(ndim=EMBEDDING_DIM, metric="ip", dtype="f32", connectivity=CONNECTIVITY,
                 expansion_add=EXPANSION_ADD, expansion_search=EXPANSION_SEARCH)


class SetAside(NamedTuple):
    """An index written beside the database before its vectors are committed."""

    path: Path
    size: int


def index_of(claim_ids: list[str], vectors: np.ndarray):
    """A new index of ``vectors`` (normalized), one a claim of ``claim_ids``; see
    ``set_aside`` to keep it as the persistent one."""
    index = _new_index()
    index.add(_keys(claim_ids), vectors.astype(np.float32, copy=False))
    return index


def nearest_positions(index, claim_ids: list[str], vectors: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``vectors``, about the ``limit`` nearest vectors of ``index`` (one
    of ``index_of(claim_ids, ...)``) as positions in ``claim_ids`` (-1 where it found
    fewer) and cosines: two (rows, limit) arrays."""
    keys = _keys(claim_ids)
    by_key = np.argsort(keys)
    found = index.search(vectors.astype(np.float32, copy=False), limit)
    found_keys = found.keys.reshape(len(vectors), -1)
    counts = np.asarray(getattr(found, "counts", [len(found.keys)])).reshape(-1, 1)
    answered = np.arange(found_keys.shape[1])[None, :] < counts  # the slots after a row's count hold garbage
    at = np.clip(np.searchsorted(keys[by_key], found_keys), 0, len(keys) - 1)
    positions = np.where(answered, by_key[at], -1)
    distances = np.where(answered, found.distances.reshape(len(vectors), -1), 2.0)  # 2: a cosine of -1
    return positions, (1.0 - distances).astype(np.float32)


def _claim_id(key) -> str:
    return f"{int(key):016x}"


def _rows_after(db, rowid: int):
    """(rowid, claim_id, vector) of this model's cached vectors stored after ``rowid``, in chunks."""
    cursor = db.execute("select rowid, claim_id, vector from claim_embeddings where model = ? and rowid > ?"
                        " order by rowid", [EMBEDDING_MODEL, rowid])
    while rows := cursor.fetchmany(SCAN_CHUNK):
        yield rows


def _note(folder: Path) -> dict | None:
    index_path, note_path = _paths(folder)
    if not (index_path.exists() and note_path.exists()):
        return None
    try:
        note = json.loads(note_path.read_text(encoding="utf-8"))
    except ValueError:  # a damaged note: the index is rebuilt, as when it is missing
        return None
    return note if isinstance(note, dict) and {"rowid", "count"} <= note.keys() else None


def _note_in_step(db, folder: Path) -> dict | None:
    """The index's note when its rows are still the table's first rows (nothing it holds
    was deleted), else None."""
    note = _note(folder)
    if note is None:
        return None
    held = db.execute("select count(*) from claim_embeddings where model = ? and rowid <= ?",
                      [EMBEDDING_MODEL, note["rowid"]]).fetchone()[0]
    return note if held == note["count"] else None


def replace_atomically(path: Path, write) -> None:
    """Write ``path`` through a temporary file renamed over it, so a reader never sees half of it."""
    temporary = path.with_name(path.name + ".tmp")
    write(temporary)
    os.replace(temporary, path)


def set_aside(db, index) -> SetAside | None:
    """Write ``index`` (an ``index_of`` every claim, made by a whole link before it
    commits) beside the database under a pending name, so that its memory is free for
    the rest of the link; ``refresh_index(db, built=...)`` then makes it the index
    instead of building the same one again. None for an in-memory database."""
    folder = index_folder(db)
    if folder is None:
        return None
    folder.mkdir(exist_ok=True)
    index_path = _paths(folder)[0]
    path = index_path.with_name(index_path.name + PENDING_SUFFIX)
    index.save(str(path))
    return SetAside(path, len(index))


def refresh_index(db, built: SetAside | None = None) -> int:
    """Bring the index up to date with ``claim_embeddings``; return the vectors it holds.
    ``built``: an index set aside by a whole link, used when it holds every stored vector
    of this model (and removed either way)."""
    from usearch.index import Index

    folder = index_folder(db)
    if folder is None:
        return 0
    index_path, note_path = _paths(folder)
    if built is not None:
        count, rowid = db.execute("select count(*), max(rowid) from claim_embeddings where model = ?",
                                  [EMBEDDING_MODEL]).fetchone()
        if count and count == built.size:
            os.replace(built.path, index_path)
            written = {"rowid": rowid, "count": count}
            replace_atomically(note_path, lambda path: path.write_text(json.dumps(written), encoding="utf-8"))
            return count
    # an index set aside and not used, or left by a link that failed before it committed
    index_path.with_name(index_path.name + PENDING_SUFFIX).unlink(missing_ok=True)
    note = _note_in_step(db, folder)
    index = Index.restore(str(index_path)) if note is not None else None
    if note is None or index is None:  # missing, out of step or unreadable: build it again
        note, index = {"rowid": 0, "count": 0}, None
    added = False
    for rows in _rows_after(db, note["rowid"]):
        vectors = np.vstack([np.frombuffer(r[2], dtype=np.float32) for r in rows])
        if index is None:
            index = _new_index()
        keys = _keys([r[1] for r in rows])
        replaced = [k for k in keys.tolist() if index.contains(k)]  # a vector re-cached under a new rowid
        if replaced:
            index.remove(replaced)
        index.add(keys, vectors)
        note = {"rowid": rows[-1][0], "count": note["count"] + len(rows) - len(replaced)}
        added = True
    if index is None:
        return 0
    if added or not index_path.exists():
        _save(folder, index, note)
    return len(index)


def _save(folder: Path, index, note: dict) -> None:
    folder.mkdir(exist_ok=True)
    index_path, note_path = _paths(folder)
    replace_atomically(index_path, lambda path: index.save(str(path)))
    replace_atomically(note_path, lambda path: path.write_text(json.dumps(note), encoding="utf-8"))


def nearest_claims(db, vector: np.ndarray, limit: int) -> list[str]:
    """Ids of about the ``limit`` cached vectors nearest ``vector``: from the index when
    it is in step, plus an exact scan of the rows stored after it (all rows without it)."""
    return [claim_id for claim_id, _ in nearest_cached(db, vector[None, :], limit)[0]]


def nearest_cached(db, vectors: np.ndarray, limit: int) -> list[list[tuple[str, float]]]:
    """For each row of ``vectors`` (normalized), about the ``limit`` nearest cached
    vectors as (claim id, cosine), best first, ties by id: one batch search of the index
    when it is in step, plus an exact scan of the rows stored after it."""
    from usearch.index import Index

    folder = index_folder(db)
    note = _note_in_step(db, folder) if folder is not None else None
    scores: list[dict[str, float]] = [{} for _ in range(len(vectors))]
    after = 0
    if folder is not None and note is not None and note["count"]:
        index = Index.restore(str(_paths(folder)[0]), view=True)
        if index is not None:  # else an exact scan of every row
            found = index.search(vectors.astype(np.float32), limit)
            keys, distances = found.keys.reshape(len(vectors), -1), found.distances.reshape(len(vectors), -1)
            # one query gives usearch's Matches, several its BatchMatches with a count a row
            counts = np.asarray(getattr(found, "counts", [len(found.keys)])).reshape(-1)
            for row, (row_keys, row_distances, count) in enumerate(zip(keys, distances, counts)):
                scores[row].update((_claim_id(k), 1.0 - float(d)) for k, d in zip(row_keys[:count], row_distances[:count]))
            after = note["rowid"]
    for rows in _rows_after(db, after):
        similarities = vectors @ np.vstack([np.frombuffer(r[2], dtype=np.float32) for r in rows]).T
        for row, row_similarities in enumerate(similarities):
            for k in np.argsort(-row_similarities, kind="stable")[:limit]:
                scores[row][rows[k][1]] = float(row_similarities[k])
    return [sorted(found.items(), key=lambda item: (-item[1], item[0]))[:limit] for found in scores]
