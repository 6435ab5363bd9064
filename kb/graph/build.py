"""The knowledge base as a networkx graph, optionally narrowed to one speaker, outlet,
family, date range or full-text search.

Nodes are claims, articles, outlets, speakers, families, cited sources and fact-checks; edges are
``said`` (speaker→claim), ``reported_in`` (claim→article), ``published_by``
(article→outlet), ``same_claim`` (earlier copy→later copy), ``cites`` (claim or
article→source), ``derived_from`` (article→article it re-published), ``member_of``
(claim→family) and ``reviews`` (fact_check→claim it rates, with the match's score and
``via``). Node ids are typed strings without colons (``claim-<id>``) so that
every export format can use them unchanged. Attributes whose value is missing are left
out rather than stored as None, which GraphML and GEXF cannot represent.
"""
from __future__ import annotations

import json
import os
import sqlite3

import networkx as nx
import sqlite_utils

from claimkb.errors import ClaimkbError
from claimkb.store.db import open_read_only
from claimkb.store.ids import normalize_name, stable_id

NODE_TYPES = ("claim", "article", "outlet", "speaker", "family", "source", "fact_check")
EDGE_TYPES = ("said", "reported_in", "published_by", "same_claim", "cites", "derived_from", "member_of", "reviews")
LABEL_LENGTH = 80


def node_id(node_type: str, key: str) -> str:
    return f"{node_type}-{key}"


def name_key(name: str | None) -> str | None:
    """The form under which two spellings of a name match (None stays None, as in SQL)."""
    return None if name is None else normalize_name(name)


def source_id(cited: str) -> str:
    return node_id("source", stable_id(name_key(cited)))


def build_graph(
    db,
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    family: str | None = None,
    article: str | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
    max_claims: int | None = None,
) -> nx.MultiDiGraph:
    """Build the claim graph of ``db`` (a sqlite_utils.Database, a sqlite3.Connection, or
    the path of a database, which is opened read-only).

    With no filter, everything. Filters combine with AND and pick claims: ``speaker`` and
    ``outlet`` by id or name (an outlet also by domain), ``family`` by id, ``article`` by id
    (its claims and every other version of them: the members of their families; the
    article itself even without claims), ``since`` and
    ``until`` on the article's ISO ``published`` text (``until`` includes the whole of a
    day or month given at that precision), ``search`` an FTS5 query over claim text. The
    graph then keeps their neighbourhood: the claims linked to them as copies, the
    articles of all those claims and the articles they derive from or that derive from
    them, and the outlets, speakers, families and cited sources of what is kept. When only
    outlet and date filters are given, the matching articles are kept even without claims.
    A filter that matches nothing gives an empty graph.

    ``max_claims`` keeps only that many of the claims picked (the first by id, so the
    same request draws the same graph) before their neighbourhood is added; the graph's
    attributes ``claims_shown`` and ``claims_selected`` say how many were kept of how many.
    """
    if isinstance(db, (str, os.PathLike)):
        db = open_read_only(db)
    elif not isinstance(db, sqlite_utils.Database):
        db = sqlite_utils.Database(db)
    filters = {"speaker": speaker, "outlet": outlet, "family": family, "article": article, "since": since,
               "until": until, "search": search}
    seed_claims, seed_articles, selected = _selection(db, filters, max_claims)
    linked = _rows(db, "select claim_a, claim_b from claim_links where claim_a in {ids} or claim_b in {ids}", seed_claims)
    claim_ids = seed_claims | {link["claim_a"] for link in linked} | {link["claim_b"] for link in linked}
    # All links among the kept claims, so two kept copies are never shown unlinked. (One
    # IN in SQL and the other in Python: SQLite would try every pair of the two lists.)
    links = [
        link for link in _rows(db, "select * from claim_links where claim_a in {ids}", claim_ids)
        if link["claim_b"] in claim_ids
    ]
    claims = _rows(
        db,
        """select c.*, f.canonical_claim_id = c.id as canonical
           from claims c left join families f on f.id = c.family_id
           where c.id in {ids} order by c.article_id, c.char_start""",
        claim_ids,
    )
    article_ids = seed_articles | {c["article_id"] for c in claims}
    derivations = _rows(
        db, "select * from article_derivations where article_id in {ids} or derived_from in {ids}", article_ids
    )
    article_ids |= {d["article_id"] for d in derivations} | {d["derived_from"] for d in derivations}
    articles = _rows(
        db,
        """select id, outlet_id, url, title, author, published, language from articles
           where id in {ids} order by published, id""",
        article_ids,
    )

    graph = nx.MultiDiGraph(filters={k: v for k, v in filters.items() if v is not None},
                            claims_shown=len(seed_claims), claims_selected=selected)
    _add_outlets(graph, _rows(db, "select * from outlets where id in {ids}", {a["outlet_id"] for a in articles}))
    _add_articles(graph, articles)
    _add_speakers(graph, _rows(db, "select * from speakers where id in {ids}", {c["speaker_id"] for c in claims}))
    _add_families(
        graph,
        _rows(
            db,
            """select f.*, c.text as canonical_text from families f
               left join claims c on c.id = f.canonical_claim_id where f.id in {ids}""",
            {c["family_id"] for c in claims},
        ),
    )
    _add_claims(graph, claims, _rows(db, "select * from quantities where claim_id in {ids} order by char_start", claim_ids))
    for link in links:
        _add_edge(
            graph, node_id("claim", link["claim_a"]), node_id("claim", link["claim_b"]), "same_claim",
            label=link["relation"], relation=link["relation"], score=link["score"],
            evidence=_json(link["evidence"]), method=link["method"],
        )
    for d in derivations:
        _add_edge(
            graph, node_id("article", d["article_id"]), node_id("article", d["derived_from"]), "derived_from",
            label=d["relation"] or "derived_from", relation=d["relation"], score=d["score"],
            shared_claims=d["shared_claims"], evidence=_json(d["evidence"]),
        )
    citations = _rows(
        db,
        """select * from citations where claim_id in {ids}
           or (claim_id is null and article_id in (select value from json_each(:more)))""",
        claim_ids,
        more=json.dumps(sorted(article_ids)),
    )
    _add_citations(graph, citations)
    if "fact_check_matches" in db.table_names():  # a database from before fact-checks has none
        _add_fact_checks(graph, _rows(
            db,
            """select m.claim_id, m.score, m.via, f.* from fact_check_matches m
               join fact_checks f on f.id = m.fact_check_id where m.claim_id in {ids} order by f.id, m.claim_id""",
            claim_ids,
        ))
    return graph


def _selection(db: sqlite_utils.Database, filters: dict, max_claims: int | None = None
               ) -> tuple[set[str], set[str], int]:
    """(claim ids, article ids) that the filters pick directly, at most ``max_claims``
    claims (the first by id), and how many claims they pick in all."""
    db.register_function(name_key, deterministic=True, replace=True)
    article_conditions: list[str] = []
    claim_conditions: list[str] = []
    params: dict[str, str | None] = {}  # the SQL's named parameters: text, or NULL where a name has no key
    if filters["outlet"] is not None:
        article_conditions.append("(o.id = :outlet or name_key(o.name) = :outlet_key or o.domain = :outlet_domain)")
        params.update(outlet=filters["outlet"], outlet_key=name_key(filters["outlet"]),
                      outlet_domain=filters["outlet"].strip().lower().removeprefix("www."))
    if filters["since"] is not None:
        article_conditions.append("a.published >= :since")
        params["since"] = filters["since"]
    if filters["until"] is not None:
        # Compare at the precision given, so until=2021-03-04 keeps 2021-03-04T18:30.
        article_conditions.append("substr(a.published, 1, length(:until)) <= :until")
        params["until"] = filters["until"]
    if filters["speaker"] is not None:
        claim_conditions.append("(s.id = :speaker or name_key(s.name) = :speaker_key)")
        params.update(speaker=filters["speaker"], speaker_key=name_key(filters["speaker"]))
    if filters["family"] is not None:
        claim_conditions.append("c.family_id = :family")
        params["family"] = filters["family"]
    if filters["article"] is not None:
        claim_conditions.append("(c.article_id = :article or c.family_id in"
                                " (select family_id from claims where article_id = :article))")
        params["article"] = filters["article"]
    if filters["search"] is not None:
        claim_conditions.append("c.rowid in (select rowid from claims_fts where claims_fts match :search)")
        params["search"] = filters["search"]
    where = " and ".join(article_conditions + claim_conditions) or "1"
    picked = f"""from claims c join articles a on a.id = c.article_id
                 left join outlets o on o.id = a.outlet_id left join speakers s on s.id = c.speaker_id
                 where {where}"""
    try:
        # the first by id when capped: the claims' primary key gives them in order, so
        # only max_claims rows are joined; the count is SQLite's alone (with no filter,
        # of the claims table alone: every claim has its article, and the join cost a
        # million lookups on a large base)
        order = "" if max_claims is None else f" order by c.id limit {int(max_claims)}"
        claim_ids = {row[0] for row in db.execute(f"select c.id {picked}{order}", params)}
        selected = len(claim_ids)
        if max_claims is not None and selected == max_claims:
            counted = f"select count(*) {picked}" if params else "select count(*) from claims"
            selected = db.execute(counted, params).fetchone()[0]
    except sqlite3.OperationalError as error:
        if filters["search"] is None:
            raise
        raise ClaimkbError(f"not a valid full-text query ({error})", f"--search {filters['search']!r}") from None
    article_ids: set[str] = set()
    # Capped, the kept claims bring their articles; the others would bring every article.
    if not claim_conditions and selected == len(claim_ids):
        article_where = " and ".join(article_conditions) or "1"
        article_ids = {
            row[0]
            for row in db.execute(
                f"select a.id from articles a left join outlets o on o.id = a.outlet_id where {article_where}",
                params,
            )
        }
    if filters["article"] is not None:
        article_where = " and ".join(["a.id = :article", *article_conditions])
        article_ids |= {row[0] for row in db.execute(
            f"select a.id from articles a left join outlets o on o.id = a.outlet_id where {article_where}", params)}
    return claim_ids, article_ids, selected


def _rows(db: sqlite_utils.Database, sql: str, ids: set, **params) -> list[dict]:
    """Rows of ``sql`` where ``{ids}`` stands for the set ``ids``, passed as one JSON array."""
    ordered = sorted(i for i in ids if i is not None)
    cursor = db.execute(sql.format(ids="(select value from json_each(:ids))"), {"ids": json.dumps(ordered), **params})
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row)) for row in cursor]


def _json(text: str | None):
    return json.loads(text) if text else None


def _present(attributes: dict) -> dict:
    """Attributes without the missing ones: no None, no empty list or text."""
    return {k: v for k, v in attributes.items() if v is not None and v != "" and v != [] and v != {}}


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"


def _add_node(graph: nx.MultiDiGraph, node_type: str, key: str, label: str, **attributes) -> str:
    node = node_id(node_type, key)
    graph.add_node(node, **_present({"type": node_type, "label": label, **attributes}))
    return node


def _add_edge(graph: nx.MultiDiGraph, source: str, target: str, edge_type: str, **attributes) -> None:
    """One edge per type between two nodes: the type is the edge key, as networkx users expect."""
    graph.add_edge(
        source, target, key=edge_type,
        **_present({"id": f"{edge_type}-{stable_id(source, target)}", "type": edge_type,
                    "label": edge_type, **attributes}),
    )


def _add_outlets(graph, outlets):
    for o in outlets:
        _add_node(graph, "outlet", o["id"], o["name"], name=o["name"], domain=o["domain"])


def _add_articles(graph, articles):
    for a in articles:
        node = _add_node(
            graph, "article", a["id"], a["title"] or a["url"] or a["id"],
            title=a["title"], url=a["url"], published=a["published"], author=a["author"], language=a["language"],
        )
        _add_edge(graph, node, node_id("outlet", a["outlet_id"]), "published_by")


def _add_speakers(graph, speakers):
    for s in speakers:
        _add_node(graph, "speaker", s["id"], s["name"], name=s["name"], title=s["title"], kind=s["kind"],
                  aliases=_json(s["aliases"]))


def _add_families(graph, families):
    for f in families:
        _add_node(
            graph, "family", f["id"], _shorten(f["canonical_text"] or f"family {f['id']}"),
            size=f["size"], outlets=f["outlets"], first_seen=f["first_seen"],
            canonical_claim=node_id("claim", f["canonical_claim_id"]) if f["canonical_claim_id"] else None,
        )


def _add_claims(graph: nx.MultiDiGraph, claims: list[dict], quantities: list[dict]) -> None:
    quantities_of: dict[str, list] = {}
    for q in quantities:
        quantities_of.setdefault(q["claim_id"], []).append(
            _present({"text": q["text"], "value": q["value"], "unit": q["unit"], "qualifier": q["qualifier"]})
        )
    for c in claims:
        node = _add_node(
            graph, "claim", c["id"], _shorten(c["text"]),
            kind=c["kind"], text=c["text"], content=c["content"], cue=c["cue"], hedge=c["hedge"],
            speaker_mention=c["speaker_mention"], char_start=c["char_start"], char_end=c["char_end"],
            canonical=bool(c["canonical"]), quantities=quantities_of.get(c["id"]),
        )
        _add_edge(graph, node, node_id("article", c["article_id"]), "reported_in")
        if c["speaker_id"]:
            _add_edge(graph, node_id("speaker", c["speaker_id"]), node, "said", label=c["cue"] or "said")
        if c["family_id"]:
            _add_edge(graph, node, node_id("family", c["family_id"]), "member_of")


def _add_citations(graph, citations):
    for citation in citations:
        source = source_id(citation["cited"])
        if source not in graph:
            graph.add_node(source, type="source", label=citation["cited"], name=citation["cited"])
        citing = node_id("claim", citation["claim_id"]) if citation["claim_id"] else node_id("article", citation["article_id"])
        _add_edge(graph, citing, source, "cites")


def _add_fact_checks(graph, matches):
    """A node per fact-check that rates a kept claim, and a ``reviews`` edge per rated claim."""
    for m in matches:
        node = node_id("fact_check", m["id"])
        if node not in graph:
            _add_node(
                graph, "fact_check", m["id"], f"{m['rating']}: {_shorten(m['claim_text'])}",
                claim_text=m["claim_text"], claimant=m["claimant"], rating=m["rating"], rating_text=m["rating_text"],
                rating_value=m["rating_value"], best_rating=m["best_rating"], worst_rating=m["worst_rating"],
                reviewer=m["reviewer"], url=m["url"], reviewed_at=m["reviewed_at"], language=m["language"],
                claim_published=m["claim_published"], appearances=_json(m["appearances"]),
            )
        _add_edge(graph, node, node_id("claim", m["claim_id"]), "reviews", label=m["rating"], score=m["score"],
                  via=m["via"])
