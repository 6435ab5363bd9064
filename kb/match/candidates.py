"""Candidate pairs of claims that may be copies of each other, without comparing every pair.

Comparing is the expensive step, so each claim is compared only with a few
candidates found through indexes:

- **Lexical** (always): an inverted index over each claim's stemmed content words,
  entity-like words and normalized quantity values, weighted by rarity (idf).
  A block of claims times the index, as a sparse matrix product, is the
  idf-weighted cosine of every claim with every claim it shares an indexed token
  with; the best ``per_claim`` above ``min_score`` are kept. Tokens found in more
  than ``max_df`` claims are left out of the index (they still count in each
  claim's norm): copies share rare words, names and figures, and dropping common
  words is what keeps the work near-linear in the number of claims. This plays the
  part of MinHash LSH over shingles, but scores candidates (so they can be capped
  per claim by quality) and finds translated or paraphrased copies whose word
  shingles differ.
- **Dense** (the embeddings tier): exact cosine over normalized vectors, in blocks,
  up to ``EXACT_DENSE_MAX`` claims; above it, each claim's nearest neighbours in an
  HNSW index of the vectors (``claimkb.match.vector_index``), whose cost grows like
  n log n where the exact products grow like n².
- **Full-text** (``claimkb similar``'s lexical pool): the ``claims_fts`` index
  SQLite already keeps, plus equal quantity values.

Only claims of *different articles* are paired.
"""
from __future__ import annotations

import math

import numpy as np
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

from claimkb.match.features import TOKEN_RE, stem

PER_CLAIM = 8  # candidates kept per claim, best first
MIN_LEXICAL_SCORE = 0.2  # idf-weighted cosine; copies, even translated, score above it
MIN_DENSE_SIMILARITY = 0.6  # cosine of MiniLM vectors
MIN_MAX_DF = 50  # an index never drops tokens rarer than this
FTS_LIMIT = 40  # full-text hits kept per new claim
BLOCK_NONZEROS = 4_000_000  # bound on a sparse block product's size
DENSE_BLOCK_CELLS = 20_000_000  # bound on a dense block of similarities (80 MB)
# Above this many claims, bulk dense candidates come from the HNSW index, not exact
# products: on two cores exact took 10 s at 20k claims and 198 s at 100k, building and
# searching the index 18 s and 145 s; the index misses about 3% of the true nearest
# (recall@10 0.97 in benchmarks/ann_choice.py), so it is used only where exact is slower.
EXACT_DENSE_MAX = 50_000


def neighbours_to_ask(per_claim: int) -> int:
    """How many nearest vectors to ask the index for, to keep ``per_claim``: twice as
    many and one, as the claim itself and others of its article come back too."""
    return 2 * per_claim + 1


def quantity_token(value: float) -> str:
    """The index token of a normalized quantity value: 16.9 million and 16,9 million agree."""
    return f"#{value:.6g}"


def candidate_tokens(text: str, quantity_values=()) -> list[str]:
    """The distinct tokens a claim is indexed under: stemmed lower-case words that are
    not stop words or digits, and its quantities' values."""
    words = {stem(w) for w in (m.group().lower() for m in TOKEN_RE.finditer(text))
             if len(w) > 1 and w not in STOP_WORDS and not w[0].isdigit()}
    words.update(quantity_token(v) for v in quantity_values if v is not None)
    return sorted(words)


def default_max_df(n_claims: int) -> int:
    """Tokens in more claims than this are too common to find copies by; the bound
    grows like the square root of the store, so that the sparse products stay
    near-linear (each indexed token costs at most max_df**2)."""
    return max(MIN_MAX_DF, int(2 * math.sqrt(n_claims)))


def token_codes(token_lists: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """(indices, indptr): each claim's tokens as integer codes, claim k's at
    ``indices[indptr[k]:indptr[k + 1]]``, as ``claimkb.match.token_index`` keeps them."""
    vocabulary: dict[str, int] = {}
    indices = np.fromiter(
        (vocabulary.setdefault(t, len(vocabulary)) for tokens in token_lists for t in tokens), dtype=np.int32
    )
    indptr = np.zeros(len(token_lists) + 1, dtype=np.int64)
    np.cumsum(np.fromiter((len(t) for t in token_lists), dtype=np.int64, count=len(token_lists)), out=indptr[1:])
    return indices, indptr


def tfidf_matrices(indices: np.ndarray, indptr: np.ndarray, max_df: int) -> tuple[sparse.csr_matrix, np.ndarray]:
    """(matrix, df): rows are claims (their token codes as ``token_codes`` gives them),
    L2-normalized idf weights of their tokens, with the columns of tokens outside
    2..max_df claims zeroed after normalizing (a token of one claim pairs nothing; a
    common one costs much and says little)."""
    n = len(indptr) - 1
    df = np.bincount(indices, minlength=int(indices.max()) + 1 if len(indices) else 0)
    idf = (np.log((n + 1) / (df + 1)) + 1).astype(np.float32)
    data = idf[indices]
    row_of = np.repeat(np.arange(n), np.diff(indptr))
    norms = np.sqrt(np.bincount(row_of, weights=data**2, minlength=n)).astype(np.float32)
    data /= norms[row_of]
    data[(df[indices] < 2) | (df[indices] > max_df)] = 0
    # copy=True: eliminate_zeros works in place, and the codes are the caller's (a token index's)
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(n, len(df)), copy=True)
    matrix.eliminate_zeros()
    return matrix, df


def lexical_candidates(
    codes: tuple[np.ndarray, np.ndarray],
    groups: np.ndarray,
    *,
    rows: np.ndarray | None = None,
    per_claim: int = PER_CLAIM,
    min_score: float = MIN_LEXICAL_SCORE,
    max_df: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs by idf-weighted token overlap.

    ``codes`` are the claims' tokens as ``token_codes`` gives them; ``groups[i]`` is
    claim i's article (an int); ``rows`` restricts the claims that look for candidates
    (new claims), which are then sought among all claims.
    Returns (pairs, scores): pairs an (m, 2) int64 array with i < j, unique."""
    indices, indptr = codes
    n = len(indptr) - 1
    if max_df is None:
        max_df = default_max_df(n)
    matrix, df = tfidf_matrices(indices, indptr, max_df)
    query_rows = np.arange(n) if rows is None else np.asarray(rows, dtype=np.int64)
    query = matrix[query_rows]
    index_t = matrix.T.tocsr()
    # A row's product has at most the sum of its tokens' df nonzeros: cut blocks by that.
    cost = np.bincount(np.repeat(np.arange(len(query_rows)), np.diff(query.indptr)),
                       weights=df[query.indices], minlength=len(query_rows))
    done_before = np.cumsum(cost) - cost
    found = []
    start = 0
    while start < len(query_rows):
        stop = max(start + 1, int(np.searchsorted(done_before, done_before[start] + BLOCK_NONZEROS)))
        sims = (query[start:stop] @ index_t).tocsr()
        found.append(_best_per_row(sims, query_rows[start:stop], groups, per_claim, min_score))
        start = stop
    return unique_pairs(found, n)


def dense_candidates(
    vectors: np.ndarray,
    groups: np.ndarray,
    *,
    rows: np.ndarray | None = None,
    per_claim: int = PER_CLAIM,
    min_similarity: float = MIN_DENSE_SIMILARITY,
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs by cosine of normalized vectors, exactly, in blocks of rows.
    Quadratic in the store (fine to ~100k claims on two cores); same return as
    ``lexical_candidates``."""
    n = len(vectors)
    query_rows = np.arange(n) if rows is None else np.asarray(rows, dtype=np.int64)
    block = max(1, DENSE_BLOCK_CELLS // max(1, n))
    found = []
    for start in range(0, len(query_rows), block):
        block_rows = query_rows[start:start + block]
        sims = vectors[block_rows] @ vectors.T
        sims[groups[block_rows][:, None] == groups[None, :]] = -1
        keep = min(per_claim, n - 1)
        if keep <= 0:
            break
        top = np.argpartition(-sims, keep - 1, axis=1)[:, :keep]
        top_sims = np.take_along_axis(sims, top, axis=1)
        ok = top_sims >= min_similarity
        found.append((np.repeat(block_rows, keep)[ok.ravel()], top[ok], top_sims[ok]))
    return unique_pairs(found, n)


def approximate_dense_candidates(
    neighbours: np.ndarray,
    similarities: np.ndarray,
    groups: np.ndarray,
    *,
    per_claim: int = PER_CLAIM,
    min_similarity: float = MIN_DENSE_SIMILARITY,
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs from an index's answers: ``neighbours[i]`` are the positions of
    claim i's nearest vectors (-1 where it found fewer), ``similarities[i]`` their
    cosines. The same filter as ``dense_candidates``; same return."""
    rows = np.repeat(np.arange(len(neighbours), dtype=np.int64), neighbours.shape[1])
    j, s = neighbours.ravel().astype(np.int64), similarities.ravel()
    found = j >= 0
    return unique_pairs([_best_of_rows(rows[found], j[found], s[found], groups, per_claim, min_similarity)],
                        len(groups))


def _best_per_row(sims: sparse.csr_matrix, rows: np.ndarray, groups: np.ndarray, per_claim: int, min_score: float):
    """The ``per_claim`` best (row, column, score) of each row of ``sims`` at or above
    ``min_score``, leaving out columns of the row's own article."""
    i = np.repeat(rows, np.diff(sims.indptr))
    return _best_of_rows(i, sims.indices.astype(np.int64), sims.data, groups, per_claim, min_score)


def _best_of_rows(i: np.ndarray, j: np.ndarray, s: np.ndarray, groups: np.ndarray, per_claim: int, min_score: float):
    """Of the triples (i, j, score), the ``per_claim`` best of each i at or above
    ``min_score`` whose j is of another article."""
    keep = (s >= min_score) & (groups[i] != groups[j])
    i, j, s = i[keep], j[keep], s[keep]
    order = np.lexsort((j, -s, i))  # best first within a row; ties by position, for stability
    i, j, s = i[order], j[order], s[order]
    rank = np.arange(len(i)) - np.searchsorted(i, i, side="left")
    keep = rank < per_claim
    return i[keep], j[keep], s[keep]


def unique_pairs(found: list[tuple[np.ndarray, np.ndarray, np.ndarray]], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Merge (i, j, score) triples into unique pairs with i < j, keeping each pair's best score."""
    if not found:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.float32)
    i = np.concatenate([f[0] for f in found]).astype(np.int64)
    j = np.concatenate([f[1] for f in found]).astype(np.int64)
    s = np.concatenate([f[2] for f in found]).astype(np.float32)
    keys = np.minimum(i, j) * n + np.maximum(i, j)
    order = np.lexsort((-s, keys))
    keys, s = keys[order], s[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    keys, s = keys[first], s[first]
    return np.stack([keys // n, keys % n], axis=1), s


def fts_query(text: str) -> str | None:
    """An FTS5 query for the stored claims that share words with ``text``: each content
    word as written, and its stem as a prefix ("report"* finds "reports" and "reported");
    any of them matches, and BM25 ranks claims sharing more and rarer words first.
    None when ``text`` has no such word."""
    stems = [w for w in candidate_tokens(text) if not w.startswith("#")]
    words = sorted({w for w in (m.group().lower() for m in TOKEN_RE.finditer(text))
                    if len(w) > 1 and w not in STOP_WORDS})
    terms = [f'"{w}"*' for w in stems] + [f'"{w}"' for w in words]
    return " OR ".join(terms) or None


def fts_ranked(db, text: str, *, exclude_article: str | None = None, limit: int = FTS_LIMIT) -> list[str]:
    """Ids of stored claims sharing words with ``text`` (SQLite full-text search), best BM25 first."""
    match = fts_query(text)
    if match is None:
        return []
    rows = db.execute(
        """select claims.id from claims_fts join claims on claims.rowid = claims_fts.rowid
           where claims_fts match ? and claims.article_id is not ?
           order by claims_fts.rank limit ?""",
        [match, exclude_article, limit],
    ).fetchall()
    return [r[0] for r in rows]


def quantity_matches(db, quantity_values, *, exclude_article: str | None = None, limit: int = FTS_LIMIT) -> list[str]:
    """Ids of stored claims with a quantity equal to one of ``quantity_values``."""
    found: dict[str, None] = {}
    for value in quantity_values:
        rows = db.execute(
            """select distinct quantities.claim_id from quantities join claims on claims.id = quantities.claim_id
               where quantities.value = ? and claims.article_id is not ? limit ?""",
            [value, exclude_article, limit],
        ).fetchall()
        found.update(dict.fromkeys(r[0] for r in rows))
    return list(found)
