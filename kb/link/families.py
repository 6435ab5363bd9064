"""Claim families: the copies of one claim, grouped, with the earliest as canonical.

A family holds versions of one statement (trims, paraphrases, translations and
mutations of it), never several statements of one story. Linking is not
transitive: A~B and B~C can join two different claims through a middle one that
shares words with both, and single-link grouping over such chains grows without
bound. So every member must agree with the family's canonical claim:

- claims are taken in order of appearance (article ``published``, else
  ``ingested_at``; ties by the order articles were stored, then by claim id);
- a claim joins the family of an earlier claim it is linked to when it is linked
  to that family's canonical claim directly, or when ``agrees(canonical, claim)``
  (the same judgment as ``compare``, asked for the pair the links skipped) says so;
  of several such families, the one it is linked to most strongly wins;
- otherwise it is the canonical claim of a family of its own.

A weak edge therefore cannot merge two groups: a claim joins one family or none,
and a family's size is bounded by the copies of its canonical claim. Only groups
of two or more claims are families; an unlinked claim has ``family_id`` NULL.
Family ids hash the canonical claim id, so they are stable across rebuilds.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from claimkb.store.chunked import execute_in, select_in
from claimkb.store.ids import stable_id

# Publication order, as claim_links reads: published (else ingested_at); ties by the
# order the articles were stored (undated articles stored together keep the order they
# were given in, and every link between two of them reads one way), then by claim id.
ORDER_SQL = "coalesce(a.published, a.ingested_at), a.rowid, c.id"


def group_families(links, order: dict, *, agrees: Callable[[str, str], bool]) -> dict:
    """{canonical: members, canonical first} from (claim_a, claim_b, score) links;
    ``order`` gives each linked claim's sort key (earliest first); ``agrees(canonical,
    claim)`` judges a pair no link joins directly."""
    neighbours: dict = defaultdict(dict)
    for a, b, score in links:
        neighbours[a][b] = max(score, neighbours[a].get(b, 0.0))
        neighbours[b][a] = max(score, neighbours[b].get(a, 0.0))
    canonical_of: dict = {}
    members: dict = defaultdict(list)
    for claim in sorted(neighbours, key=order.__getitem__):
        strength: dict = {}
        for other, score in neighbours[claim].items():
            family = canonical_of.get(other)
            if family is not None:
                strength[family] = max(score, strength.get(family, 0.0))
        joined = next(
            (family for family in sorted(strength, key=lambda f: (-strength[f], order[f]))
             if family in neighbours[claim] or agrees(family, claim)),
            claim,
        )
        canonical_of[claim] = joined
        members[joined].append(claim)
    return {canonical: group for canonical, group in members.items() if len(group) > 1}


def family_id(canonical_claim_id: str) -> str:
    return stable_id("family", canonical_claim_id)


NEIGHBOURS_SQL = (
    "select claim_b from claim_links where claim_a in {ids} union select claim_a from claim_links where claim_b in {ids}"
)


def linked_component(db, claim_ids) -> set[str]:
    """Every claim connected to ``claim_ids`` through claim_links."""
    seen = set(claim_ids)
    frontier = list(seen)
    while frontier:
        reached = {row[0] for row in select_in(db, NEIGHBOURS_SQL, frontier)}
        frontier = list(reached - seen)
        seen |= reached
    return seen


def build_families(db, claim_ids=None, *, agrees: Callable[[str, str], bool]) -> int:
    """(Re)compute families: of every linked claim, or only of the claims connected to
    ``claim_ids`` (after an incremental link); ``agrees`` as in ``group_families``.
    Returns the number of families written."""
    if claim_ids is None:
        scope = None
        links = db.execute("select claim_a, claim_b, score from claim_links").fetchall()
    else:
        scope = linked_component(db, claim_ids)
        links = _links_within(db, scope)
    linked = {c for a, b, _ in links for c in (a, b)}
    order, outlet, first_seen = _claim_details(db, linked)
    families = group_families(links, order, agrees=agrees)
    with db.atomic():
        _clear(db, scope)
        db["families"].insert_all(
            (
                {
                    "id": family_id(canonical),
                    "canonical_claim_id": canonical,
                    "first_seen": first_seen[canonical],
                    "size": len(members),
                    "outlets": len({outlet[m] for m in members}),
                }
                for canonical, members in families.items()
            ),
            batch_size=2000,
        )
        db.conn.executemany(
            "update claims set family_id = ? where id = ?",
            ((family_id(canonical), m) for canonical, members in families.items() for m in members),
        )
    return len(families)


def _links_within(db, claim_ids: set[str]) -> list[tuple[str, str, float]]:
    return sorted(set(select_in(db, "select claim_a, claim_b, score from claim_links where claim_a in {ids}",
                                claim_ids)))


def _claim_details(db, claim_ids: set[str]):
    """Sort key, outlet and first-seen date of each claim."""
    order, outlet, first_seen = {}, {}, {}
    sql = (
        f"select c.id, {ORDER_SQL}, a.outlet_id from claims c join articles a on a.id = c.article_id"
    )
    rows: Iterable[tuple]
    if len(claim_ids) < 5000:
        rows = list(select_in(db, sql + " where c.id in {ids}", claim_ids))
    else:
        rows = (r for r in db.execute(sql) if r[0] in claim_ids)
    for claim_id, seen, stored, _, outlet_id in rows:
        order[claim_id] = (seen or "", stored, claim_id)
        outlet[claim_id] = outlet_id
        first_seen[claim_id] = seen
    return order, outlet, first_seen


def _clear(db, scope: set[str] | None) -> None:
    """Drop the families of the claims in ``scope`` (all families when None)."""
    if scope is None:
        db.execute("update claims set family_id = null where family_id is not null")
        db.execute("delete from family_travel")
        db.execute("delete from families")
        return
    old = {row[0] for row in select_in(
        db, "select distinct family_id from claims where family_id is not null and id in {ids}", scope)}
    execute_in(db, "update claims set family_id = null where family_id in {ids}", old)
    execute_in(db, "delete from family_travel where family_id in {ids}", old)
    execute_in(db, "delete from families where id in {ids}", old)
