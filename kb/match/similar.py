"""Has this claim been seen before? Stored claims most like a piece of text, best first.

Candidates come from the same indexes incremental linking uses (full-text search
and equal quantities; in the embeddings tier also the nearest cached vectors),
and are ranked by ``kb.compare``'s score, so the answer carries the relation a
link would have ("number_changed" means: seen, with another figure).
"""
from __future__ import annotations

from claimkb.errors import ClaimkbError
from claimkb.ingest.extract.quantities import find_quantities
from claimkb.match.candidates import fts_candidates
from claimkb.match.compare import compare
from claimkb.match.embeddings import cached_vectors, embed
from claimkb.match.features import claim_features
from claimkb.match.tiers import resolve_matcher
from claimkb.match.vector_index import nearest_claims
from claimkb.store.chunked import select_in

SIMILAR_SQL = """
select c.id, c.content, c.kind, c.article_id, o.name, s.name
from claims c join articles a on a.id = c.article_id
left join outlets o on o.id = a.outlet_id left join speakers s on s.id = c.speaker_id
"""
POOL = 200  # candidates scored per query


def find_similar(db, text: str, *, limit: int = 10, matcher: str = "auto", query_vector=None) -> list[dict]:
    """[{"claim_id","text","score","article_id","outlet","speaker","relation"}], best first
    (the fact-checker's "has this been seen before?").
    ``query_vector``: the text's embedding when the caller has it (texts embedded in one batch)."""
    if not text.strip():
        raise ClaimkbError("the text to look for is empty: give the words of a claim")
    matcher = resolve_matcher(matcher)
    values = [q.value for q in find_quantities(text) if q.value is not None]
    candidate_ids = fts_candidates(db, text, limit=POOL, quantity_values=values)
    if matcher != "dense":
        query_vector = None
    else:
        if query_vector is None:
            query_vector = embed([text])[0]
        candidate_ids = list(dict.fromkeys(candidate_ids + nearest_claims(db, query_vector, POOL)))
    return rank_claims(db, text, candidate_ids, matcher=matcher, query_vector=query_vector)[:limit]


def rank_claims(db, text: str, claim_ids: list[str], *, matcher: str, query_vector=None) -> list[dict]:
    """The stored claims ``claim_ids`` scored against ``text`` by ``compare``, best first,
    as ``find_similar`` gives them. ``matcher`` is a resolved tier ("lexical" or "dense")."""
    if matcher == "dense" and query_vector is None:
        query_vector = embed([text])[0]
    rows = list(_claims(db, claim_ids))
    similarities = [None] * len(rows)
    if query_vector is not None and rows:
        # Candidates found by words may not be embedded yet: embed (and cache) them, so
        # that every score comes from the same model.
        vectors = cached_vectors(db, [r[0] for r in rows], [r[1] for r in rows])
        similarities = (vectors @ query_vector).tolist()
    query = claim_features(text)
    results = []
    for (claim_id, content, kind, article_id, outlet, speaker), similarity in zip(rows, similarities):
        comparison = compare(query, claim_features(content, speaker, kind), dense_similarity=similarity)
        results.append({
            "claim_id": claim_id, "text": content, "score": comparison.score, "article_id": article_id,
            "outlet": outlet, "speaker": speaker, "relation": comparison.relation,
        })
    results.sort(key=lambda r: (-r["score"], r["claim_id"]))
    return results


def _claims(db, claim_ids: list[str]):
    yield from select_in(db, SIMILAR_SQL + " where c.id in {ids}", claim_ids)

