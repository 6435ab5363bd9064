"""Link the same claim across articles and outlets: candidates, comparison, links,
then families, article derivations and the analytics tables.

Candidates come from an idf index of every stored claim's tokens
(``kb.candidates.lexical_candidates``), kept beside the database between runs
(``kb.token_index``: a run tokenizes only the claims stored since the last), plus
dense similarity in the embeddings tier. Two ways to use them:

- **bulk** (everything): every claim looks for candidates, and every claim is loaded;
- **incremental** (new claims, the end of every ingest): only the new claims look
  for candidates, among all the stored ones, in the embeddings tier also through the
  cached vectors of ``claim_embeddings``; only they and their candidates are loaded.

Each candidate pair is put in publication order (ties broken by claim id) and
then goes through ``kb.compare.compare`` (``claimkb.link.scoring``: here, or in
blocks on a Dask cluster), so that a link's relation and evidence say how the later
copy differs from the earlier one; pairs it calls the same claim become
``claim_links`` rows, ``claim_a`` being the earlier copy. Everything else, and every
read and write of the database, happens in this process.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from claimkb.graph.analytics import compute_analytics
from claimkb.link.alignment import align_derivations, keep_one_counterpart
from claimkb.link.derivations import build_derivations
from claimkb.link.families import build_families, linked_component
from claimkb.link.scoring import FEATURE_CACHE, AcceptedLink, locality_order, score_all
from claimkb.match.candidates import (
    EXACT_DENSE_MAX,
    MIN_DENSE_SIMILARITY,
    PER_CLAIM,
    approximate_dense_candidates,
    dense_candidates,
    lexical_candidates,
    neighbours_to_ask,
    unique_pairs,
)
from claimkb.match.compare import compare, default_threshold
from claimkb.match.embeddings import EMBEDDING_MODEL, cached_vectors
from claimkb.match.features import ClaimFeatures, claim_features
from claimkb.match.languages import can_judge, matcher_reads
from claimkb.match.tiers import resolve_matcher
from claimkb.match.token_index import TokenIndex, save_token_index, stored_token_index
from claimkb.match.vector_index import index_of, nearest_cached, nearest_positions, refresh_index, set_aside
from claimkb.store.articles import link_source, pending_link_ids
from claimkb.store.chunked import execute_in, select_in
from claimkb.store.runs import finish_run, start_run
from claimkb.store.serving import refresh_serving_tables

# Relations by which a copy contradicts its source (see drop_outcompeted).
CONTRADICTIONS = ("number_changed", "date_changed", "negation_flipped", "direction_flipped", "speaker_changed",
                  "entity_changed")

CLAIMS_SQL = """
select c.id, c.article_id, c.kind, c.content, s.name, a.outlet_id,
       coalesce(a.published, a.ingested_at), a.rowid, a.language, a.text_language, c.negated
from claims c join articles a on a.id = c.article_id left join speakers s on s.id = c.speaker_id
"""


@dataclass
class LinkStats:
    claims: int = 0  # claims that looked for copies
    candidate_pairs: int = 0
    links: int = 0  # links written (same claim)
    families: int = 0  # families (re)computed
    derivations: int = 0  # derivations (re)computed
    seconds: float = 0.0
    matcher: str = "lexical"
    # of the claims loaded, those of articles in a language the matcher does not read
    unread_claims: int = 0

    def __str__(self):
        unread = (f"; {self.unread_claims} claims not in English, linked only word for word"
                  if self.unread_claims else "")
        return (
            f"{self.claims} claims, {self.candidate_pairs} candidate pairs, {self.links} links,"
            f" {self.families} families,"
            f" {self.derivations} derivations in {self.seconds:.1f}s ({self.matcher}){unread}"
        )


@dataclass
class Claims:
    """Parallel columns of the claims being linked, indexed 0..n-1."""

    ids: list[str]
    articles: list[str]
    kinds: list[str]
    contents: list[str]
    speakers: list[str | None]
    sources: list[str]  # claimkb.store.articles.link_source: claims of one are never linked
    # (published, else ingested_at; the article's place in the database; id): earliest
    # copy first, as ``claimkb.link.families.ORDER_SQL``
    order: list[tuple]
    read: list[bool]  # in a language the matcher reads (``claimkb.match.languages``)
    negated: list[int | None]  # ``claims.negated``: the main statement negated, by the parse

    @classmethod
    def from_rows(cls, rows) -> Claims:
        columns = list(zip(*rows)) or [()] * 11
        ids, articles, kinds, contents, speakers, outlets, seen, stored, declared, shown, negated = (
            list(c) for c in columns)
        order = [(s or "", k, c) for s, k, c in zip(seen, stored, ids)]
        read = [matcher_reads(d, s) for d, s in zip(declared, shown)]
        sources = [link_source(article, outlet) for article, outlet in zip(articles, outlets)]
        return cls(ids, articles, kinds, contents, speakers, sources, order, read, negated)

    def features(self, k: int) -> ClaimFeatures:
        """``claim_features`` of the claim at position ``k``."""
        return claim_features(self.contents[k], self.speakers[k], self.kinds[k], self.negated[k])

    def __len__(self):
        return len(self.ids)


def link_claims(
    db,
    *,
    claim_ids: list[str] | None = None,
    rebuild: bool = False,
    threshold: float | None = None,
    matcher: str = "auto",
    progress=None,
    per_claim: int = PER_CLAIM,
    client=None,
) -> LinkStats:
    """Link claims across outlets. claim_ids=None links everything; a list links just those new claims, and
    the pending ones (stored but never linked), against everything stored (incremental: the end of every
    ingest, and ``claimkb link``); with nothing new or pending nothing changes. rebuild=True drops and recomputes
    claim_links, families, article_derivations and the analytics tables. matcher: "lexical", "dense" or "auto"
    (dense when the optional tier is installed). Records the run (matcher, embedding model) in `runs`.
    progress: optional callable(done, total) for a progress bar.

    ``threshold`` is kb.compare's calibrated score a pair needs to be linked;
    ``per_claim`` caps the candidates each claim is compared with. ``client``: a
    ``distributed.Client`` (``claimkb.distributed.cluster``) whose cluster embeds the
    claims not embedded yet (dense tier) and scores the candidate pairs; the links are
    the same as computed here."""
    started = time.perf_counter()
    matcher = resolve_matcher(matcher)
    threshold = default_threshold(matcher) if threshold is None else threshold
    run_id = start_run(db, "link", matcher=matcher, embedding_model=EMBEDDING_MODEL if matcher == "dense" else None)
    # One transaction, under the write lock from first read to last write: links,
    # families and derivations computed from what is stored stay true of it, and a
    # process killed midway leaves the database as it was before.
    with db.atomic():
        if rebuild:
            claim_ids = None
            _clear_links(db)
        if claim_ids is not None:
            # with the claims an earlier, interrupted or --no-link, ingest left unlinked
            claim_ids = list(dict.fromkeys([*claim_ids, *pending_link_ids(db)]))
        index = vector_index = None
        if claim_ids == []:  # every stored claim is linked: nothing changes
            stats = LinkStats(matcher=matcher)
        else:
            index = stored_token_index(db)
            stats, vector_index = _link(db, index, claim_ids, matcher, threshold, per_claim, progress, client)
        _clear_pending(db, claim_ids)
    # after the commit: the indexes are caches of what is stored, never ahead of it
    if index is not None:
        save_token_index(db, index)
    if matcher == "dense":
        refresh_index(db, built=vector_index)
    stats.seconds = time.perf_counter() - started
    finish_run(db, run_id, claims=stats.claims)
    return stats


def _link(db, index: TokenIndex, claim_ids, matcher, threshold, per_claim, progress, client):
    """Link ``claim_ids`` (None: every claim) and update what depends on the links;
    ``index`` holds the tokens of every stored claim. Returns the stats and the vector
    index a whole link built of every claim's vector, set aside (None if it built none)."""
    vector_index = None
    if claim_ids is None:
        claims, pairs, vectors, vector_index = _bulk_candidates(db, index, matcher, per_claim, client)
    else:
        claims, pairs, vectors = _incremental_candidates(db, index, claim_ids, matcher, per_claim, client)
    pairs = _judged_pairs(claims, pairs)
    stats = LinkStats(claims=len(claims) if claim_ids is None else len(claim_ids), candidate_pairs=len(pairs),
                      matcher=matcher, unread_claims=claims.read.count(False))
    probable = _write_links(db, claims, pairs, vectors, threshold, stats, progress, client)
    articles = None if claim_ids is None else _articles_of(db, claim_ids)
    stats.derivations = build_derivations(db, articles)
    comparer = stored_comparer(db, matcher)
    dropped = keep_one_counterpart(db, comparer, articles)
    aligned = align_derivations(db, comparer, matcher, articles, probable=probable)
    stats.links += aligned - dropped
    if aligned or dropped:
        stats.derivations = build_derivations(db, articles)  # their shares count the links as they are now
    stats.families = build_families(db, claim_ids, agrees=lambda x, y: comparer(x, y).score >= threshold)
    changed = None if claim_ids is None else _changed_claims(db, claim_ids, articles)
    compute_analytics(db, changed)
    refresh_serving_tables(db, changed)
    return stats, vector_index


def _changed_claims(db, claim_ids, articles) -> set[str]:
    """The claims an incremental link may have changed the links or family of: those
    linked, directly or not, to the new ones (their families were rebuilt), and every
    claim of the new claims' articles and of the articles these derive from or that
    derive from them (re-publication alignment adds and drops links between them)."""
    related = set(articles) | {row[0] for row in select_in(
        db, """select derived_from from article_derivations where article_id in {ids}
               union select article_id from article_derivations where derived_from in {ids}""", articles)}
    in_articles = {row[0] for row in select_in(db, "select id from claims where article_id in {ids}", related)}
    return linked_component(db, [*claim_ids, *in_articles])


def _clear_pending(db, claim_ids) -> None:
    if claim_ids is None:
        db.execute("delete from pending_links")
        return
    execute_in(db, "delete from pending_links where claim_id in {ids}", claim_ids)


def _bulk_candidates(db, index: TokenIndex, matcher, per_claim, client):
    """(claims, candidate pairs as claim positions, vectors or None, the vector index
    built to find them, set aside, or None) of every claim; the claims not yet embedded
    are embedded on ``client``'s cluster when given."""
    # in rowid order, as the token index holds them: its positions are the claims'
    claims = Claims.from_rows(db.execute(CLAIMS_SQL + " order by c.rowid").fetchall())
    groups = index.source_codes
    found = [lexical_candidates((index.indices, index.indptr), groups, per_claim=per_claim)]
    vectors = vector_index = None
    if matcher == "dense":
        vectors = cached_vectors(db, claims.ids, claims.contents, client)
        if len(claims) > EXACT_DENSE_MAX:
            built = index_of(claims.ids, vectors)
            neighbours, cosines = nearest_positions(built, claims.ids, vectors, neighbours_to_ask(per_claim))
            found.append(approximate_dense_candidates(neighbours, cosines, groups, per_claim=per_claim))
            vector_index = set_aside(db, built)  # on disk: its memory is free while the pairs are scored
        else:
            found.append(dense_candidates(vectors, groups, per_claim=per_claim))
    pairs = np.concatenate([p for p, _ in found])
    return claims, _unique(pairs, len(claims)), vectors, vector_index


def _incremental_candidates(db, index: TokenIndex, claim_ids: list[str], matcher: str, per_claim: int, client):
    """Like ``_bulk_candidates``, for new claims: they look for candidates among all
    stored claims, and only they and their candidates are loaded."""
    rows = index.positions(claim_ids)
    found, _ = lexical_candidates((index.indices, index.indptr), index.source_codes, rows=rows,
                                  per_claim=per_claim)
    pairs = list(zip(index.ids_at(found[:, 0]), index.ids_at(found[:, 1])))
    new = _load_claims(db, index.ids_at(rows))
    if matcher == "dense" and len(new):
        neighbours = _dense_neighbours(db, new, cached_vectors(db, new.ids, new.contents, client), per_claim)
        pairs += [(cid, other) for cid, others in neighbours.items() for other in others]
    others = sorted({c for pair in pairs for c in pair} - set(new.ids))
    claims = _concat(new, _load_claims(db, others))
    position = {cid: k for k, cid in enumerate(claims.ids)}
    positions = [(position[a], position[b]) for a, b in pairs]
    vectors = cached_vectors(db, claims.ids, claims.contents, client) if matcher == "dense" and len(claims) else None
    return claims, _unique(np.array(positions, dtype=np.int64).reshape(-1, 2), len(claims)), vectors


def _dense_neighbours(db, new: Claims, new_vectors: np.ndarray, per_claim: int) -> dict[str, list[str]]:
    """For each new claim, the ``per_claim`` nearest cached vectors of claims of other
    link sources, at or above ``MIN_DENSE_SIMILARITY``, through the persistent vector
    index (claims never embedded are not searched)."""
    nearest = nearest_cached(db, new_vectors, neighbours_to_ask(per_claim))
    sources = {claim_id: link_source(article, outlet) for claim_id, article, outlet in select_in(
        db, "select c.id, c.article_id, a.outlet_id from claims c join articles a on a.id = c.article_id"
            " where c.id in {ids}", {claim_id for found in nearest for claim_id, _ in found})}
    return {
        claim_id: [other for other, similarity in found
                   if similarity >= MIN_DENSE_SIMILARITY and sources.get(other) not in (None, source)][:per_claim]
        for claim_id, source, found in zip(new.ids, new.sources, nearest)
    }


def _write_links(db, claims: Claims, pairs: np.ndarray, vectors, threshold, stats, progress, client) -> list:
    """Write the pairs ``compare`` calls the same claim; return the (earlier, later)
    claim ids of the pairs that fell short of the threshold but are probable copies
    (``claimkb.link.alignment.ALIGNED_THRESHOLD``): evidence of a re-publication."""
    method = "dense" if vectors is not None else "lexical"
    # each pair earlier copy first, so that the evidence reads that way
    rank = np.empty(len(claims), dtype=np.int64)
    rank[sorted(range(len(claims)), key=claims.order.__getitem__)] = np.arange(len(claims))
    later_first = rank[pairs[:, 0]] > rank[pairs[:, 1]] if len(pairs) else np.zeros(0, dtype=bool)
    pairs = np.where(later_first[:, None], pairs[:, ::-1], pairs)
    if len(pairs):
        pairs = pairs[locality_order(pairs, len(claims))]
    accepted = []  # (earlier, later, AcceptedLink)
    probable_pairs = []
    for block_accepted, block_probable in score_all(claims, pairs, vectors, threshold, client=client,
                                                    progress=progress):
        accepted += block_accepted
        probable_pairs += block_probable
    # back in the candidates' order (by the pair's lower position), which the scoring
    # order left: the rows are written, and re-publications aligned, in that order
    accepted.sort(key=lambda link: (min(link[:2]), max(link[:2])))
    probable_pairs.sort(key=lambda pair: (min(pair), max(pair)))
    probable = [(claims.ids[i], claims.ids[j]) for i, j in probable_pairs]
    kept = drop_outcompeted(accepted, claims.articles)
    stats.links = len(kept)
    rows = ((claims.ids[a], claims.ids[b], r.score, r.relation, r.evidence, method) for a, b, r in kept)
    with db.atomic():
        db.conn.executemany(
            "insert or replace into claim_links (claim_a, claim_b, score, relation, evidence, method)"
            " values (?, ?, ?, ?, ?, ?)",
            rows,
        )
    return probable


def drop_outcompeted(
    links: list[tuple[int, int, AcceptedLink]], articles: list[str]
) -> list[tuple[int, int, AcceptedLink]]:
    """Drop a link that says a claim was changed (a figure, a negation, the speaker,
    a name) when one of its ends has a better link into the same article.

    A copied article maps its claims onto the source's mostly one to one. When a
    claim links to two claims of one article, the weaker link is either the other
    half of a split sentence (it agrees, minus some words or figures: kept) or a
    look-alike, such as another figure from the same source (it contradicts: the
    better link is the real counterpart, so this one goes)."""
    best: dict[tuple[int, str], float] = {}
    for a, b, result in links:
        for mine, other in ((a, b), (b, a)):
            key = (mine, articles[other])
            best[key] = max(best.get(key, 0.0), result.score)
    return [
        (a, b, result) for a, b, result in links
        if result.relation not in CONTRADICTIONS
        or (result.score >= best[(a, articles[b])] and result.score >= best[(b, articles[a])])
    ]


def stored_comparer(db, matcher: str):
    """``comparer(earlier_id, later_id)``: ``compare`` on two stored claims, earlier copy
    first, with every difference listed whatever the score (``threshold=0``): families
    and re-publication alignment ask it of pairs that no candidate link compared."""

    @lru_cache(maxsize=FEATURE_CACHE)
    def claim(claim_id: str):
        loaded = _load_claims(db, [claim_id])
        features = loaded.features(0)
        vector = cached_vectors(db, loaded.ids, loaded.contents)[0] if matcher == "dense" else None
        return features, vector

    def comparer(x: str, y: str):
        (features_x, vector_x), (features_y, vector_y) = claim(x), claim(y)
        dense = float(vector_x @ vector_y) if vector_x is not None else None
        return compare(features_x, features_y, dense_similarity=dense, threshold=0.0)

    return comparer


def _judged_pairs(claims: Claims, pairs: np.ndarray) -> np.ndarray:
    """The candidate pairs the matcher can judge: both claims in a language it reads,
    or word for word the same (``claimkb.match.languages``)."""
    if all(claims.read):
        return pairs
    keep = [k for k, (i, j) in enumerate(pairs.tolist())
            if can_judge(claims.read[i], claims.read[j], claims.contents[i], claims.contents[j])]
    return pairs[keep]


def _unique(pairs: np.ndarray, n: int) -> np.ndarray:
    if not len(pairs):
        return pairs.reshape(0, 2)
    unique, _ = unique_pairs([(pairs[:, 0], pairs[:, 1], np.zeros(len(pairs), dtype=np.float32))], n)
    return unique


def _load_claims(db, claim_ids) -> Claims:
    return Claims.from_rows(list(select_in(db, CLAIMS_SQL + " where c.id in {ids}", claim_ids)))


def _concat(a: Claims, b: Claims) -> Claims:
    return Claims(*(getattr(a, f) + getattr(b, f) for f in
                    ("ids", "articles", "kinds", "contents", "speakers", "sources", "order", "read", "negated")))


def _articles_of(db, claim_ids) -> set[str]:
    return {row[0] for row in select_in(db, "select distinct article_id from claims where id in {ids}", claim_ids)}


def _clear_links(db) -> None:
    """Drop everything linking computes, before a rebuild."""
    with db.atomic():
        db.execute("update claims set family_id = null where family_id is not null")
        for table in ("family_travel", "outlet_copies", "outlet_fidelity", "speaker_reach", "article_derivations",
                      "families", "claim_links"):
            db.execute(f"delete from [{table}]")


