"""A persistent index of the tokens every stored claim is found by, for lexical candidates.

``claimkb.match.candidates.candidate_tokens`` of each claim (its stemmed words and
quantity values), as integer codes in one CSR-shaped pair of arrays, with each
claim's id and link source (``claimkb.store.articles.link_source``), kept beside the
database in ``DB.claimkb-index/`` as ``lexical-tokens.npz`` and a JSON note of the
last claim it holds. Like the dense index it is a cache of the claims table:
``stored_token_index`` reads it, tokenizes only the claims stored after it, and starts
again from nothing when it is missing or out of step (a claim it holds was deleted or
renumbered); ``save_token_index`` writes it after a link has committed, through a file
renamed over the old one.

With it, linking a day's new claims tokenizes the day's claims, not the whole store,
and finds their candidates exactly as a whole-store link does (``lexical_candidates``
over the same tokens and document frequencies).
"""
from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimkb.match.candidates import candidate_tokens
from claimkb.match.vector_index import index_folder, replace_atomically
from claimkb.store.articles import link_source
from claimkb.store.chunked import select_in

INDEX_FILE, NOTE_FILE = "lexical-tokens.npz", "lexical-tokens.json"
READ_CHUNK = 50_000  # claims tokenized at a time
SEPARATOR = "\n"  # between the vocabulary's tokens in the file: no token holds one
# What reading a damaged, truncated or foreign file raises (JSON and encoding errors
# are ValueErrors; a note without its keys, a KeyError; an npz cut short, BadZipFile).
UNREADABLE = (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile)


@dataclass
class TokenIndex:
    """Claims in rowid order: ``tokens_of(k)`` are the codes of claim k's tokens.

    Ids and articles are arrays, not lists of strings: at a million claims, making two
    million Python strings on every load cost more than reading the file."""

    rowids: np.ndarray  # int64, ascending
    claim_ids: np.ndarray  # bytes ("S"): claim k's id, ASCII
    # int64: claim k's link source (its outlet, else its article) as an int: claims
    # with one code are never candidates of each other
    source_codes: np.ndarray
    sources: dict[str, int]  # link source -> its code
    vocabulary: dict[str, int]  # token -> code
    indptr: np.ndarray  # int64, len(claims) + 1
    indices: np.ndarray  # int32 codes, claim k's at indptr[k]:indptr[k + 1]

    def __len__(self) -> int:
        return len(self.claim_ids)

    def ids_at(self, positions: Iterable[int]) -> list[str]:
        return [self.claim_ids[k].decode("ascii") for k in positions]

    def positions(self, claim_ids: Iterable[str]) -> np.ndarray:
        wanted = np.array([claim_id.encode("ascii") for claim_id in claim_ids], dtype="S")
        return np.flatnonzero(np.isin(self.claim_ids, wanted)).astype(np.int64)


def empty_index() -> TokenIndex:
    return TokenIndex(np.zeros(0, dtype=np.int64), np.zeros(0, dtype="S1"), np.zeros(0, dtype=np.int64), {}, {},
                      np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int32))


def stored_token_index(db) -> TokenIndex:
    """The token index of every claim stored now: the saved one, plus the claims stored
    after it, tokenized here (all of them when there is no saved one in step)."""
    index = _load(db) or empty_index()
    last = int(index.rowids[-1]) if len(index) else 0
    cursor = db.execute("""select c.rowid, c.id, c.article_id, a.outlet_id, c.content
                           from claims c join articles a on a.id = c.article_id
                           where c.rowid > ? order by c.rowid""", [last])
    while rows := cursor.fetchmany(READ_CHUNK):
        index = _append(db, index, rows)
    return index


def _append(db, index: TokenIndex, rows: list[tuple]) -> TokenIndex:
    values: dict[str, list[float]] = {}
    for claim_id, value in select_in(
            db, "select claim_id, value from quantities where value is not null and claim_id in {ids}",
            [r[1] for r in rows]):
        values.setdefault(claim_id, []).append(value)
    vocabulary, sources = index.vocabulary, index.sources
    token_lists = [candidate_tokens(content, values.get(claim_id, ())) for _, claim_id, _, _, content in rows]
    codes = np.fromiter((vocabulary.setdefault(t, len(vocabulary)) for tokens in token_lists for t in tokens),
                        dtype=np.int32)
    lengths = np.fromiter((len(t) for t in token_lists), dtype=np.int64, count=len(token_lists))
    return TokenIndex(
        rowids=np.concatenate([index.rowids, np.array([r[0] for r in rows], dtype=np.int64)]),
        claim_ids=np.concatenate([index.claim_ids, np.array([r[1] for r in rows], dtype="S")]),
        source_codes=np.concatenate([index.source_codes, np.fromiter(
            (sources.setdefault(link_source(r[2], r[3]), len(sources)) for r in rows), dtype=np.int64,
            count=len(rows))]),
        sources=sources,
        vocabulary=vocabulary,
        indptr=np.concatenate([index.indptr, index.indptr[-1] + np.cumsum(lengths)]),
        indices=np.concatenate([index.indices, codes]),
    )


def _paths(db) -> tuple[Path, Path] | None:
    folder = index_folder(db)
    return None if folder is None else (folder / INDEX_FILE, folder / NOTE_FILE)


def _load(db) -> TokenIndex | None:
    """The saved index when it is readable and in step with the claims table, else None
    (a damaged file is a cache to build again, like a missing one)."""
    paths = _paths(db)
    if paths is None or not all(p.exists() for p in paths):
        return None
    try:
        return _read(db, *paths)
    except UNREADABLE:
        return None


def _read(db, index_path: Path, note_path: Path) -> TokenIndex | None:
    note = json.loads(note_path.read_text(encoding="utf-8"))
    held = db.execute("select count(*), max(rowid) from claims where rowid <= ?", [note["rowid"]]).fetchone()
    last = db.execute("select id from claims where rowid = ?", [note["rowid"]]).fetchone()
    if held != (note["count"], note["rowid"]) or last is None or last[0] != note["claim_id"]:
        return None
    with np.load(index_path, allow_pickle=False) as saved:
        tokens = bytes(saved["vocabulary"]).decode("utf-8")
        return TokenIndex(
            rowids=saved["rowids"],
            claim_ids=saved["claim_ids"],
            source_codes=saved["source_codes"],
            sources={a: k for k, a in enumerate(saved["sources"].astype(str).tolist())},
            vocabulary={t: k for k, t in enumerate(tokens.split(SEPARATOR))} if tokens else {},
            indptr=saved["indptr"],
            indices=saved["indices"],
        )


def save_token_index(db, index: TokenIndex) -> None:
    """Write ``index`` beside the database (nothing for an in-memory one)."""
    paths = _paths(db)
    if paths is None or not len(index):
        return
    index_path, note_path = paths
    index_path.parent.mkdir(exist_ok=True)
    vocabulary = SEPARATOR.join(sorted(index.vocabulary, key=index.vocabulary.__getitem__)).encode("utf-8")

    def write(path: Path) -> None:
        with open(path, "wb") as out:  # np.savez on a name would add ".npz" to the temporary name
            np.savez(out, rowids=index.rowids, claim_ids=index.claim_ids, source_codes=index.source_codes,
                     sources=np.array(sorted(index.sources, key=index.sources.__getitem__), dtype="S"),
                     indptr=index.indptr, indices=index.indices, vocabulary=np.frombuffer(vocabulary, dtype=np.uint8))

    note = {"rowid": int(index.rowids[-1]), "count": len(index), "claim_id": index.ids_at([-1])[0]}
    replace_atomically(index_path, write)
    replace_atomically(note_path, lambda path: path.write_text(json.dumps(note), encoding="utf-8"))
