"""Graph analytics as tables Datasette can show: how far each claim family travelled,
how faithfully each outlet copies (and which of its claims are copies), and how widely
each speaker is reported.

All are plain SQL over the stored claims, links and articles: ``compute_analytics``
replaces the rows of family_travel, outlet_copies, outlet_fidelity and speaker_reach in
one transaction, all of them or (after an incremental link) those of the families,
claims, outlets and speakers of the claims that changed.
"""
from __future__ import annotations

import json
from collections.abc import Iterable

import sqlite_utils

from claimkb.store.chunked import select_in

# Link relations under which a copy says what the earlier copy said; any other
# relation (a changed number, hedge, quote or speaker...) is a mutation.
FAITHFUL_RELATIONS = ("verbatim", "paraphrase")

# Dates are compared through julianday(), which reads ISO dates with or without time
# and UTC offset, and gives NULL for text it cannot read, so unreadable dates are ignored.
FAMILY_TRAVEL = """
insert into family_travel (family_id, outlets_reached, articles, first_seen, last_seen, span_days)
select
  f.id,
  count(distinct a.outlet_id),
  count(distinct a.id),
  (select a2.published from claims c2 join articles a2 on a2.id = c2.article_id
    where c2.family_id = f.id and julianday(a2.published) is not null
    order by julianday(a2.published), a2.published limit 1),
  (select a2.published from claims c2 join articles a2 on a2.id = c2.article_id
    where c2.family_id = f.id and julianday(a2.published) is not null
    order by julianday(a2.published) desc, a2.published desc limit 1),
  round(max(julianday(a.published)) - min(julianday(a.published)), 4)
from families f
left join claims c on c.family_id = f.id
left join articles a on a.id = c.article_id
{where}
group by f.id
"""

# A copy is a claim linked to an earlier copy (claim_a) published by another outlet; a
# copy counts once however many earlier copies it is linked to, and is faithful when it
# is faithful to at least one of them (a change made upstream is not this outlet's).
# Kept a row a copy, so that an outlet's fidelity is a count over an index, and a day's
# links recompute the copies they touched only (the join over every link of every
# outlet they touch took 8 s at 1M claims: a day's claims touch nearly every outlet).
OUTLET_COPIES = """
insert into outlet_copies (claim_id, outlet_id, faithful)
select later.id, later_article.outlet_id, max(l.relation in (select value from json_each(:faithful)))
from claim_links l
join claims later on later.id = l.claim_b
join articles later_article on later_article.id = later.article_id
join claims earlier on earlier.id = l.claim_a
join articles earlier_article on earlier_article.id = earlier.article_id
where earlier_article.outlet_id != later_article.outlet_id {and_where}
group by later.id
"""

OUTLET_FIDELITY = """
insert into outlet_fidelity (outlet_id, copies, faithful, mutated, fidelity)
select
  o.id,
  count(copies.claim_id),
  coalesce(sum(copies.faithful), 0),
  count(copies.claim_id) - coalesce(sum(copies.faithful), 0),
  1.0 * sum(copies.faithful) / count(copies.claim_id)
from outlets o
left join outlet_copies copies on copies.outlet_id = o.id
{where}
group by o.id
"""

SPEAKER_REACH = """
insert into speaker_reach (speaker_id, claims, articles, outlets, families)
select s.id, count(c.id), count(distinct c.article_id), count(distinct a.outlet_id), count(distinct c.family_id)
from speakers s
left join claims c on c.speaker_id = s.id
left join articles a on a.id = c.article_id
{where}
group by s.id
"""

# Each table: its insert, its key column, the column an incremental refresh limits the
# insert to ({where} or {and_where}), and the keys of the rows a set of claims ({ids})
# counts in. In this order: outlet_fidelity counts outlet_copies.
ANALYTICS = {
    "family_travel": (FAMILY_TRAVEL, "family_id", "f.id", "select distinct family_id from claims where id in {ids}"),
    "outlet_copies": (OUTLET_COPIES, "claim_id", "later.id", "select id from claims where id in {ids}"),
    "outlet_fidelity": (OUTLET_FIDELITY, "outlet_id", "o.id",
                        "select distinct a.outlet_id from claims c join articles a on a.id = c.article_id"
                        " where c.id in {ids}"),
    "speaker_reach": (SPEAKER_REACH, "speaker_id", "s.id", "select distinct speaker_id from claims where id in {ids}"),
}
SCOPE = "temp.analytics_scope"  # the keys whose rows an incremental refresh recomputes


def compute_analytics(db: sqlite_utils.Database, claim_ids: Iterable[str] | None = None) -> dict:
    """Recompute the analytics tables; return the number of rows written to each.

    With ``claim_ids`` (after an incremental link: every claim whose family, links or
    copies changed), only the rows of their families, outlets and speakers are
    recomputed (a family dropped takes its row with it: ``claimkb.link.families``).
    outlet_fidelity.fidelity is NULL for an outlet that published no copies.
    """
    params = {"faithful": json.dumps(FAITHFUL_RELATIONS)}
    with db.atomic():
        if claim_ids is None:
            return _recompute_all(db, params)
        return _recompute_for(db, list(claim_ids), params)


def _recompute_all(db: sqlite_utils.Database, params: dict) -> dict:
    for table, (insert, *_) in ANALYTICS.items():
        db.execute(f"delete from [{table}]")
        db.execute(insert.format(where="", and_where=""), params)
    return {table: db.table(table).count for table in ANALYTICS}


def _recompute_for(db: sqlite_utils.Database, claim_ids: list[str], params: dict) -> dict:
    written = {}
    db.execute(f"create temp table if not exists {SCOPE} (key text primary key)")
    scope = f"in (select key from {SCOPE})"
    for table, (insert, key, column, keys_of_claims) in ANALYTICS.items():
        db.execute(f"delete from {SCOPE}")
        db.conn.executemany(f"insert or ignore into {SCOPE} values (?)",
                            ((k,) for (k,) in select_in(db, keys_of_claims, claim_ids) if k is not None))
        db.execute(f"delete from [{table}] where [{key}] {scope}")
        db.execute(insert.format(where=f"where {column} {scope}", and_where=f"and {column} {scope}"), params)
        # (the cursor's rowcount is -1 for an insert that starts with WITH)
        written[table] = db.execute("select changes()").fetchone()[0]
    db.execute(f"drop table {SCOPE}")
    return written
