"""Which stored claims a fact-check rates: ``fact_check_matches``.

A fact-check's ``claim_text`` is looked up as ``claimkb similar`` looks up a text (the
same candidates, ranked by ``compare``), and every claim that ``compare`` judges the
same claim is a match (``via = "matcher"``). The articles at the URLs the fact-check
names as the claim's ``appearance`` are searched in full: their claims that ``compare``
judges the same claim match with ``via = "appearance"``, even when the text search
would not have ranked them. The score is always ``compare``'s.

Matching runs when fact-checks are ingested (new fact-checks against every claim) and
when claims are (every fact-check against the new claims), and ``claimkb link``
matches every fact-check again against every claim.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass

from claimkb.match.embeddings import embed
from claimkb.match.similar import POOL, find_similar, rank_claims
from claimkb.match.tiers import resolve_matcher

VIA_MATCHER, VIA_APPEARANCE = "matcher", "appearance"
DIFFERENT = "different"  # compare's relation for "not the same claim"


@dataclass
class MatchStats:
    fact_checks: int = 0  # fact-checks matched
    matches: int = 0  # claims found
    via_appearance: int = 0  # of which in an article the fact-check names
    seconds: float = 0.0

    def __str__(self):
        return (f"{self.fact_checks} fact-checks, {self.matches} matched claims"
                f" ({self.via_appearance} via appearance) in {self.seconds:.1f}s")


def match_fact_checks(db, *, fact_check_ids: list[str] | None = None, claim_ids: list[str] | None = None,
                      matcher: str = "auto") -> MatchStats:
    """Match fact-checks (``fact_check_ids``, else all) to stored claims (``claim_ids``,
    else any) and write ``fact_check_matches``. Matching against every claim replaces the
    fact-check's earlier matches; matching against some claims adds to them."""
    started = time.perf_counter()
    matcher = resolve_matcher(matcher)
    wanted = None if claim_ids is None else set(claim_ids)
    stats = MatchStats()
    fact_checks = _fact_checks(db, fact_check_ids)
    # One batch: embedding texts one by one costs a model call each.
    vectors = embed([f["claim_text"] for f in fact_checks]) if matcher == "dense" and fact_checks else None
    for number, fact_check in enumerate(fact_checks):
        found = _matches(db, fact_check, matcher, wanted, None if vectors is None else vectors[number])
        with db.conn:
            if wanted is None:
                db.execute("delete from fact_check_matches where fact_check_id = ?", [fact_check["id"]])
            db["fact_check_matches"].upsert_all(found, pk=("fact_check_id", "claim_id"))
        stats.fact_checks += 1
        stats.matches += len(found)
        stats.via_appearance += sum(1 for row in found if row["via"] == VIA_APPEARANCE)
    stats.seconds = time.perf_counter() - started
    return stats


def match_new(db, *, fact_check_ids: list[str], claim_ids: list[str], matcher: str = "auto") -> MatchStats | None:
    """After an ingest: new fact-checks against every claim, every fact-check against the
    new claims. None when there is nothing new on either side."""
    stats = None
    if fact_check_ids:
        stats = match_fact_checks(db, fact_check_ids=fact_check_ids, matcher=matcher)
    if claim_ids and db.execute("select 1 from fact_checks limit 1").fetchone():
        more = match_fact_checks(db, claim_ids=claim_ids, matcher=matcher)
        stats = more if stats is None else MatchStats(
            stats.fact_checks + more.fact_checks, stats.matches + more.matches,
            stats.via_appearance + more.via_appearance, stats.seconds + more.seconds)
    return stats


def _fact_checks(db, ids: list[str] | None) -> list[dict]:
    sql = "select id, claim_text, appearances from fact_checks"
    if ids is None:
        rows = db.execute(sql + " order by id").fetchall()
    else:
        rows = db.execute(sql + " where id in (select value from json_each(?)) order by id", [json.dumps(ids)])
    return [{"id": r[0], "claim_text": r[1], "appearances": json.loads(r[2]) if r[2] else []} for r in rows]


def _matches(db, fact_check: dict, matcher: str, wanted: set | None, vector) -> list[dict]:
    """One row per claim the fact-check rates: in the articles it names, else by search.
    ``vector`` is the claim text's embedding in the dense tier."""
    text = fact_check["claim_text"]
    named = [c for c in _claims_at(db, fact_check["appearances"]) if wanted is None or c in wanted]
    found = {}
    for result in rank_claims(db, text, named, matcher=matcher, query_vector=vector):
        if result["relation"] != DIFFERENT:
            found[result["claim_id"]] = (result["score"], VIA_APPEARANCE)
    for result in find_similar(db, text, limit=POOL, matcher=matcher, query_vector=vector):
        if result["relation"] != DIFFERENT and result["claim_id"] not in found:
            found[result["claim_id"]] = (result["score"], VIA_MATCHER)
    return [
        {"fact_check_id": fact_check["id"], "claim_id": claim_id, "score": score, "via": via}
        for claim_id, (score, via) in sorted(found.items())
        if wanted is None or claim_id in wanted
    ]


def url_variants(url: str) -> list[str]:
    """The spellings under which a page's URL may be stored: http or https, with or
    without "www." and a trailing slash; the fragment never names another page."""
    url = url.split("#", 1)[0].strip()
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        return [url]
    rest = rest.removeprefix("www.")
    paths = {rest, rest.rstrip("/"), rest.rstrip("/") + "/"}
    return sorted({f"{s}://{w}{p}" for s in ("http", "https") for w in ("", "www.") for p in paths})


def _claims_at(db, urls: list[str]) -> list[str]:
    """Ids of the claims of the stored articles at any of ``urls``."""
    variants = sorted({variant for url in urls for variant in url_variants(url)})
    if not variants:
        return []
    return [row[0] for row in db.execute(
        """select claims.id from claims join articles on articles.id = claims.article_id
           where articles.url in (select value from json_each(?)) order by claims.id""",
        [json.dumps(variants)],
    )]
