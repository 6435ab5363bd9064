"""Tables kept for browsing: the joins behind claim_copies and linked_copies, stored.

Datasette reads these on every page of claims and every mutation query; as views
they joined and sorted the whole base per request (1.5 s and an SQL time-out at
100k claims). As tables with indexes on what the facets and queries filter and
sort on, a page reads only its rows. ``claimkb link`` refreshes them after
linking (claims ingested with --no-link appear at the next link).
"""
from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from claimkb.store.chunked import execute_in

CLAIM_COPIES = """select claims.id, claims.kind, claims.content, speakers.name as speaker,
  outlets.name as outlet, articles.published, articles.title as article, claims.family_id,
  (select relation from claim_links where claim_b = claims.id order by score desc, claim_a limit 1) as relation,
  (select score from claim_links where claim_b = claims.id order by score desc, claim_a limit 1) as score
from claims
  join articles on articles.id = claims.article_id
  left join outlets on outlets.id = articles.outlet_id
  left join speakers on speakers.id = claims.speaker_id"""

LINKED_COPIES = """select link.claim_a as earlier_claim_id, link.claim_b as later_claim_id,
  link.relation, link.score, link.evidence, link.method,
  earlier.content as earlier_wording, earlier.kind as earlier_kind,
  earlier.speaker_id as earlier_speaker_id, earlier_outlet.name as earlier_outlet,
  earlier_article.published as earlier_published,
  later.content as later_wording, later.kind as later_kind, later.speaker_id as later_speaker_id,
  later.speaker_mention as later_speaker_mention, later.family_id,
  later_outlet.name as later_outlet, later_article.published as later_published
from claim_links as link
  join claims as earlier on earlier.id = link.claim_a
  join articles as earlier_article on earlier_article.id = earlier.article_id
  left join outlets as earlier_outlet on earlier_outlet.id = earlier_article.outlet_id
  join claims as later on later.id = link.claim_b
  join articles as later_article on later_article.id = later.article_id
  left join outlets as later_outlet on later_outlet.id = later_article.outlet_id"""

# A claim's best link is its highest-scoring one, the earliest claim id among equals,
# so that the same links give the same rows whatever order they were written in.
SERVING_TABLES = {"claim_copies": CLAIM_COPIES, "linked_copies": LINKED_COPIES}


def refresh_serving_tables(db: sqlite_utils.Database, claim_ids: Iterable[str] | None = None) -> None:
    """Replace the rows of claim_copies and linked_copies from the stored claims and links,
    atomically: all of them, or (after an incremental link) those of ``claim_ids`` and of
    the links that touch them, which must include every claim whose row changed."""
    with db.atomic():
        if claim_ids is None:
            for table, select in SERVING_TABLES.items():
                db.execute(f"delete from [{table}]")
                db.execute(f"insert into [{table}] {select}")
            return
        claim_ids = list(claim_ids)
        execute_in(db, "delete from claim_copies where id in {ids}", claim_ids)
        execute_in(db, f"insert into claim_copies {CLAIM_COPIES} where claims.id in {{ids}}", claim_ids)
        execute_in(db, "delete from linked_copies where earlier_claim_id in {ids} or later_claim_id in {ids}",
                   claim_ids)
        # a link whose two ends fall in two chunks is selected twice: the same row
        execute_in(db, f"insert or replace into linked_copies {LINKED_COPIES}"
                       " where link.claim_a in {ids} or link.claim_b in {ids}", claim_ids)
