"""Has this claim been seen before? Stored claims most like a piece of text, best first.

A hybrid retriever in four steps:

1. **Candidates** from two indexes: SQLite's full-text index on claims (FTS5, best
   BM25 first: claims sharing more and rarer words with the text) and, in the dense
   tier, the stored claim vectors (``claim_embeddings``) nearest the text's own.
   Claims stating one of the text's figures join the candidates too.
2. **Fusion**: reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): a
   claim scores the sum of 1 / (RRF_K + rank) over the rankings that found it, so a
   claim both indexes rank high comes first, and BM25 and cosine never need to be
   put on one scale.
3. **Judging by the matcher**: the best fused candidates are compared with the text
   by ``claimkb.match.compare.compare``, the one same-claim judgment that ``claimkb
   compare`` and linking use (with the embedding cosine in the dense tier). Each
   result carries its score, the probability that it is the same claim, and
   compare's relation ("number_changed" means: seen, with another figure).
4. **Final order**: the matcher's ranking is fused with the index rankings by the
   same reciprocal rank fusion, each ranking one vote. The matcher alone puts some
   near-identical statements of another event of the same story above a reworded
   copy, and overrates some far candidates; the indexes' agreement is evidence it
   lacks (on the dev half of ``benchmarks/similar_retrieval.py`` MAP@5 rose from
   0.906 to 0.915 on claim pairs in the dense tier, 0.870 to 0.885 in the lexical;
   see the README). Results are therefore not sorted by score.
"""
from __future__ import annotations

from claimkb.errors import ClaimkbError
from claimkb.ingest.extract.polarity import texts_negated
from claimkb.ingest.extract.quantities import find_quantities
from claimkb.match.candidates import fts_ranked, quantity_matches
from claimkb.match.compare import Comparison, compare
from claimkb.match.embeddings import cached_vectors, embed
from claimkb.match.features import claim_features
from claimkb.match.languages import can_judge, matcher_reads, text_read
from claimkb.match.tiers import resolve_matcher
from claimkb.match.vector_index import nearest_claims
from claimkb.store.chunked import select_in

SIMILAR_SQL = """
select c.id, c.content, c.kind, c.article_id, o.name, s.name, a.language, a.text_language, c.negated
from claims c join articles a on a.id = c.article_id
left join outlets o on o.id = a.outlet_id left join speakers s on s.id = c.speaker_id
"""
POOL = 200  # candidates taken from each index
QUANTITY_POOL = 40  # claims taken per figure of the text
# The constant of reciprocal rank fusion, as its authors set it: it damps the weight
# of the very first ranks so that one list alone cannot decide.
RRF_K = 60
# Fused candidates judged by compare (at least ``limit``): the fused order already
# holds the copies near the top, and a deeper pool lets the matcher's misjudgements of
# far candidates (a paraphrase it sees little evidence in) push them out.
RERANK_POOL = 20


def find_similar(db, text: str, *, limit: int = 10, matcher: str = "auto", query_vector=None) -> list[dict]:
    """[{"claim_id","text","score","article_id","outlet","speaker","relation"}], best first
    (the fact-checker's "has this been seen before?").
    ``query_vector``: the text's embedding when the caller has it (texts embedded in one batch)."""
    if not text.strip():
        raise ClaimkbError("the text to look for is empty: give the words of a claim")
    matcher = resolve_matcher(matcher)
    rankings = [fts_ranked(db, text, limit=POOL)]
    if matcher != "dense":
        query_vector = None
    else:
        if query_vector is None:
            query_vector = embed([text])[0]
        rankings.append(nearest_claims(db, query_vector, POOL))
    fused = reciprocal_rank_fusion(rankings)
    pool = sorted(fused, key=lambda c: (-fused[c], c))[:max(limit, RERANK_POOL)]
    values = [q.value for q in find_quantities(text) if q.value is not None]
    pool += [c for c in quantity_matches(db, values, limit=QUANTITY_POOL) if c not in fused]
    judged = rank_claims(db, text, pool, matcher=matcher, query_vector=query_vector)
    final = reciprocal_rank_fusion([*rankings, [r["claim_id"] for r in judged]])
    # sorted is stable: equal fused scores keep the matcher's order
    return sorted(judged, key=lambda r: -final[r["claim_id"]])[:limit]


def reciprocal_rank_fusion(rankings: list[list[str]]) -> dict[str, float]:
    """{id: sum over the rankings of 1 / (RRF_K + rank)}, ranks counted from 1."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (RRF_K + rank)
    return fused


def rank_claims(db, text: str, claim_ids: list[str], *, matcher: str, query_vector=None) -> list[dict]:
    """The stored claims ``claim_ids`` scored against ``text`` by ``compare``, best score
    first (equal scores in the order of ``claim_ids``): the matcher's ranking, which
    ``find_similar`` fuses with the indexes'. ``matcher`` is a resolved tier ("lexical"
    or "dense")."""
    if matcher == "dense" and query_vector is None:
        query_vector = embed([text])[0]
    order = {claim_id: k for k, claim_id in enumerate(dict.fromkeys(claim_ids))}
    rows = list(_claims(db, list(order)))
    similarities = [None] * len(rows)
    if query_vector is not None and rows:
        # Candidates found by words may not be embedded yet: embed them, so that every
        # score comes from the same model.
        vectors = cached_vectors(db, [r[0] for r in rows], [r[1] for r in rows])
        similarities = (vectors @ query_vector).tolist()
    # parsed as ingest parses a claim, so that a flipped negation means what it means in a link
    query = claim_features(text, negated=texts_negated([text])[0])
    query_read = text_read(text)
    results = []
    for (claim_id, content, kind, article_id, outlet, speaker, declared, shown, negated), similarity in zip(rows, similarities):
        if can_judge(query_read, matcher_reads(declared, shown), text, content):
            comparison = compare(query, claim_features(content, speaker, kind, negated), dense_similarity=similarity)
        else:  # a claim in a language the matcher does not read (claimkb.match.languages)
            comparison = Comparison(False, 0.0, "different", [])
        results.append({
            "claim_id": claim_id, "text": content, "score": comparison.score, "article_id": article_id,
            "outlet": outlet, "speaker": speaker, "relation": comparison.relation,
        })
    results.sort(key=lambda r: (-r["score"], order[r["claim_id"]]))
    return results


def _claims(db, claim_ids: list[str]):
    yield from select_in(db, SIMILAR_SQL + " where c.id in {ids}", claim_ids)
