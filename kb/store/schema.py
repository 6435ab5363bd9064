"""The knowledge base's schema, declared in one place as sqlite-utils migrations.

Every table, column, key and index lives here. A later change is a new
migration appended below, so a user's existing database is upgraded in place
and nothing stored is lost. ``claimkb.store.db`` opens databases: its writers
apply whatever is pending, its readers refuse a database with pending migrations.
"""
from __future__ import annotations

import json

import sqlite_utils
from sqlite_utils import Migrations
from sqlite_utils.db import DescIndex

SCHEMA_VERSION = 14  # one per migration: m014_claim_negated is the fourteenth

migrations = Migrations("claimkb")
MIGRATION_BATCH = 1000  # rows a migration that rewrites a column reads at once (article texts are large)


@migrations()
def m001_initial(db: sqlite_utils.Database):
    db.table("kb_meta").create({"key": str, "value": str}, pk="key")
    db.table("runs").create(
        {
            "id": int,
            "command": str,
            "started_at": str,
            "finished_at": str,
            "claimkb_version": str,
            "spacy_version": str,
            "pipeline_name": str,
            "pipeline_version": str,
            "matcher": str,  # linking tier: "lexical" or "dense" ("embeddings" before 0.2)
            "embedding_model": str,
            "articles": int,
            "claims": int,
            "errors": int,
        },
        pk="id",
    )
    db.table("outlets").create({"id": str, "name": str, "domain": str}, pk="id", not_null={"name"})
    db.table("articles").create(
        {
            "id": str,
            "outlet_id": str,
            "url": str,
            "title": str,
            "author": str,
            "published": str,
            "language": str,
            "text": str,
            "content_hash": str,
            "ingested_at": str,
            "previous_version_id": str,  # the earlier text stored for the same URL
            "run_id": int,
            "source": str,  # the input it was read from
        },
        pk="id",
        not_null={"text", "content_hash"},
        foreign_keys=[
            ("outlet_id", "outlets", "id"),
            ("previous_version_id", "articles", "id"),
            ("run_id", "runs", "id"),
        ],
    )
    db.table("speakers").create(
        {"id": str, "name": str, "title": str, "kind": str, "aliases": str},
        pk="id",
        not_null={"name", "kind"},
    )
    db.table("families").create(
        {"id": str, "canonical_claim_id": str, "first_seen": str, "size": int, "outlets": int},
        pk="id",
    )
    db.table("claims").create(
        {
            "id": str,
            "article_id": str,
            "kind": str,
            "text": str,
            "content": str,
            "char_start": int,
            "char_end": int,
            "speaker_id": str,
            "speaker_mention": str,
            "speaker_start": int,
            "speaker_end": int,
            "cue": str,
            "hedge": str,
            "family_id": str,
        },
        pk="id",
        not_null={"article_id", "kind", "text", "content"},
        foreign_keys=[
            ("article_id", "articles", "id"),
            ("speaker_id", "speakers", "id"),
            ("family_id", "families", "id"),
        ],
    )
    db.table("families").add_foreign_key("canonical_claim_id", "claims", "id")
    db.table("quantities").create(
        {
            "id": str,
            "claim_id": str,
            "text": str,
            "value": float,
            "unit": str,
            "qualifier": str,
            "char_start": int,
            "char_end": int,
        },
        pk="id",
        not_null={"claim_id", "text"},
        foreign_keys=[("claim_id", "claims", "id")],
    )
    db.table("citations").create(
        {"id": str, "article_id": str, "claim_id": str, "cited": str},
        pk="id",
        not_null={"article_id", "cited"},
        foreign_keys=[("article_id", "articles", "id"), ("claim_id", "claims", "id")],
    )
    db.table("claim_links").create(
        {
            "claim_a": str,  # the earlier copy
            "claim_b": str,
            "score": float,
            "relation": str,
            "evidence": str,  # JSON list of differences
            "method": str,  # "lexical" or "dense" ("embeddings" before 0.2)
        },
        pk=("claim_a", "claim_b"),
        not_null={"score", "relation"},
        foreign_keys=[("claim_a", "claims", "id"), ("claim_b", "claims", "id")],
    )
    db.table("article_derivations").create(
        {
            "article_id": str,
            "derived_from": str,
            "score": float,
            "relation": str,  # "republishes", "translates" or "rewrites"
            "shared_claims": int,
            "evidence": str,  # JSON
        },
        pk=("article_id", "derived_from"),
        foreign_keys=[("article_id", "articles", "id"), ("derived_from", "articles", "id")],
    )
    db.table("claim_embeddings").create(
        {"claim_id": str, "model": str, "vector": bytes},
        pk="claim_id",
        foreign_keys=[("claim_id", "claims", "id")],
    )
    # Graph analytics, recomputed by `claimkb link`, shown in Datasette.
    db.table("family_travel").create(
        {
            "family_id": str,
            "outlets_reached": int,
            "articles": int,
            "first_seen": str,
            "last_seen": str,
            "span_days": float,
        },
        pk="family_id",
        foreign_keys=[("family_id", "families", "id")],
    )
    db.table("outlet_fidelity").create(
        {"outlet_id": str, "copies": int, "faithful": int, "mutated": int, "fidelity": float},
        pk="outlet_id",
        foreign_keys=[("outlet_id", "outlets", "id")],
    )
    db.table("speaker_reach").create(
        {"speaker_id": str, "claims": int, "articles": int, "outlets": int, "families": int},
        pk="speaker_id",
        foreign_keys=[("speaker_id", "speakers", "id")],
    )
    for table in db.tables:
        for fk in table.foreign_keys:
            table.create_index(list(fk.columns), if_not_exists=True, find_unique_name=True)
    db.table("articles").create_index(["url"], find_unique_name=True)
    db.table("articles").create_index(["content_hash"], find_unique_name=True)
    db.table("claims").create_index(["kind"], find_unique_name=True)
    db.table("quantities").create_index(["value"], find_unique_name=True)
    db.table("claims").enable_fts(["text", "content"], create_triggers=True)
    db.table("articles").enable_fts(["title", "text"], create_triggers=True)


@migrations()
def m002_claim_copies_view(db: sqlite_utils.Database):
    # One row per claim with its outlet, speaker and best link, so Datasette can
    # facet claims by relation, outlet and speaker without joins.
    db.create_view(
        "claim_copies",
        """select claims.id, claims.kind, claims.content, speakers.name as speaker,
  outlets.name as outlet, articles.published, articles.title as article, claims.family_id,
  (select relation from claim_links where claim_b = claims.id order by score desc limit 1) as relation,
  (select score from claim_links where claim_b = claims.id order by score desc limit 1) as score
from claims
  join articles on articles.id = claims.article_id
  left join outlets on outlets.id = articles.outlet_id
  left join speakers on speakers.id = claims.speaker_id""",
    )


@migrations()
def m003_quantity_ranges(db: sqlite_utils.Database):
    db.table("quantities").add_column("high", float)  # top of a range: "10-20 per cent" has value 10, high 20


@migrations()
def m004_linked_copies_view(db: sqlite_utils.Database):
    # Each link with both copies in context: the named queries about mutations
    # read this one join instead of each repeating it.
    db.create_view(
        "linked_copies",
        """select link.claim_a as earlier_claim_id, link.claim_b as later_claim_id,
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
  left join outlets as later_outlet on later_outlet.id = later_article.outlet_id""",
    )


@migrations()
def m005_run_status_and_pending_links(db: sqlite_utils.Database):
    # running / finished / interrupted (see store.runs); runs from before this migration
    # that never finished were interrupted.
    db.table("runs").add_column("status", str)
    db.table("runs").add_column("pid", int)
    db.execute("update runs set status = case when finished_at is null then 'interrupted' else 'finished' end")
    # Claims stored but not linked yet: written with their article, deleted by the link
    # that covers them, so a link a crash interrupted is done by the next one.
    db.table("pending_links").create({"claim_id": str}, pk="claim_id", foreign_keys=[("claim_id", "claims", "id")])


@migrations()
def m006_fact_checks(db: sqlite_utils.Database):
    # Fact-checkers' verdicts (schema.org ClaimReview) and the stored claims they rate.
    db.table("fact_checks").create(
        {
            "id": str,  # content hash of the record
            "claim_text": str,  # claimReviewed
            "claimant": str,
            "rating_text": str,  # the verdict as written (alternateName)
            "rating": str,  # on one scale: claimkb.store.ratings.RATINGS
            "rating_value": float,  # ratingValue, bestRating, worstRating when numbers
            "best_rating": float,
            "worst_rating": float,
            "reviewer": str,  # the fact-checker
            "url": str,
            "reviewed_at": str,
            "language": str,
            "claim_published": str,
            "appearances": str,  # JSON list of URLs where the claim appeared
            "source": str,  # the input it was read from
            "ingested_at": str,
            "run_id": int,
        },
        pk="id",
        not_null={"claim_text", "rating"},
        foreign_keys=[("run_id", "runs", "id")],
    )
    db.table("fact_check_matches").create(
        {"fact_check_id": str, "claim_id": str, "score": float, "via": str},  # via: "matcher" or "appearance"
        pk=("fact_check_id", "claim_id"),
        not_null={"score", "via"},
        foreign_keys=[("fact_check_id", "fact_checks", "id"), ("claim_id", "claims", "id")],
    )
    db.table("fact_check_matches").create_index(["claim_id"], find_unique_name=True)
    db.table("fact_checks").create_index(["rating"], find_unique_name=True)
    db.table("fact_checks").create_index(["run_id"], find_unique_name=True)


@migrations()
def m007_serving_tables_and_indexes(db: sqlite_utils.Database):
    # Browsing a large base: claim_copies and linked_copies become tables that
    # `claimkb link` refreshes (claimkb.store.serving), and every column a facet,
    # canned query or claimkb page filters or sorts on gets an index.
    from claimkb.store.serving import SERVING_TABLES, refresh_serving_tables

    for view in SERVING_TABLES:
        db.execute(f"drop view if exists [{view}]")
    db.table("claim_copies").create(
        {"id": str, "kind": str, "content": str, "speaker": str, "outlet": str, "published": str,
         "article": str, "family_id": str, "relation": str, "score": float},
        pk="id",
    )
    db.table("linked_copies").create(
        {"earlier_claim_id": str, "later_claim_id": str, "relation": str, "score": float, "evidence": str,
         "method": str, "earlier_wording": str, "earlier_kind": str, "earlier_speaker_id": str,
         "earlier_outlet": str, "earlier_published": str, "later_wording": str, "later_kind": str,
         "later_speaker_id": str, "later_speaker_mention": str, "family_id": str, "later_outlet": str,
         "later_published": str},
        pk=("earlier_claim_id", "later_claim_id"),
    )
    refresh_serving_tables(db)
    indexes = {
        "claim_copies": [["kind"], ["relation"], ["outlet"], ["speaker"], ["published"], ["family_id"]],
        # the mutation queries' order: family, then date, then the pair
        "linked_copies": [["family_id", "later_published", "later_claim_id", "earlier_claim_id"],
                          ["relation"], ["later_outlet"], ["earlier_outlet"]],
        # a claim's best earlier copy: claim_b = ? order by score desc
        "claim_links": [["claim_b", "score"], ["relation"], ["method"], ["score"]],
        "claims": [["hedge"]],
        "articles": [["published"], ["language"]],
        "families": [["outlets", "size", "first_seen"], ["size"]],
        "quantities": [["unit"], ["qualifier"]],
        "citations": [["cited"]],
        "article_derivations": [["score"], ["relation"]],
        "speakers": [["kind"], ["name"]],
        "outlets": [["name"]],
        "runs": [["command"], ["matcher"]],
        "family_travel": [["outlets_reached"]],
        "outlet_fidelity": [["copies"]],
    }
    for table, columns in indexes.items():
        for index in columns:
            db.table(table).create_index(index, if_not_exists=True, find_unique_name=True)


@migrations()
def m008_claim_segments_and_quoted_terms(db: sqlite_utils.Database):
    # The parts of one quotation that the text interrupts ("The law," she said, "is
    # clear.") or that runs over paragraphs; a claim in one piece has no rows.
    db.table("claim_segments").create(
        {"claim_id": str, "seq": int, "char_start": int, "char_end": int},
        pk=("claim_id", "seq"),
        not_null={"char_start", "char_end"},
        foreign_keys=[("claim_id", "claims", "id")],
    )
    # Words in quotation marks that quote no statement (a title, a nickname, a scare
    # quote): kept so that a reader can see why they are not claims.
    db.table("quoted_terms").create(
        {"id": str, "article_id": str, "text": str, "kind": str, "char_start": int, "char_end": int},
        pk="id",
        not_null={"article_id", "text", "kind"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("quoted_terms").create_index(["article_id"], find_unique_name=True)


@migrations()
def m009_indexes_for_a_million_claims(db: sqlite_utils.Database):
    # Served on a million claims, three canned queries hit Datasette's time limit: each
    # sorted every row it could return before the first page. These indexes give the
    # rows in the queries' own order. quotes_altered: direct quotes, by family and date;
    # travelled_furthest and unchecked_widespread: families by reach, widest first.
    db.table("linked_copies").create_index(
        ["later_kind", "family_id", "later_published", "later_claim_id", "earlier_claim_id"],
        if_not_exists=True, find_unique_name=True)
    db.table("family_travel").create_index(
        [DescIndex("outlets_reached"), DescIndex("articles"), "first_seen", "family_id"],
        if_not_exists=True, find_unique_name=True)


# The text columns each full-text index holds (m001's enable_fts).
FTS_COLUMNS = {"claims": ("text", "content"), "articles": ("title", "text")}


@migrations()
def m010_fts_follows_only_its_own_columns(db: sqlite_utils.Database):
    # sqlite-utils' FTS triggers re-index a row on an update of any column: linking a
    # million claims wrote each claim's words to claims_fts again for its family_id
    # alone (a third of the 100k link's time went there), and left the index full of
    # deleted entries that every search then read past. The update trigger now fires
    # for the indexed columns only, and 'optimize' merges what the old one left.
    for table, columns in FTS_COLUMNS.items():
        listed = ", ".join(f'"{c}"' for c in columns)
        old = ", ".join(f'old."{c}"' for c in columns)
        new = ", ".join(f'new."{c}"' for c in columns)
        db.execute(f'drop trigger if exists "{table}_au"')
        db.execute(f"""create trigger "{table}_au" after update of {listed} on "{table}" begin
  insert into "{table}_fts" ("{table}_fts", rowid, {listed}) values ('delete', old.rowid, {old});
  insert into "{table}_fts" (rowid, {listed}) values (new.rowid, {new});
end""")
        db.table(table).optimize()


@migrations()
def m011_linked_copies_by_later_claim(db: sqlite_utils.Database):
    # An incremental link replaces the linked_copies rows of the claims it touched, by
    # either end: the primary key finds them by the earlier claim, this by the later
    # (without it, each chunk of claims read every row: seconds at 1M claims).
    db.table("linked_copies").create_index(["later_claim_id"], if_not_exists=True, find_unique_name=True)


@migrations()
def m012_outlet_copies(db: sqlite_utils.Database):
    # Each claim that copies another outlet's claim, and whether faithfully: what
    # outlet_fidelity counts, kept so that a day's links recompute only their copies
    # (claimkb.graph.analytics). Filled from the links stored, as the next link would.
    from claimkb.graph.analytics import ANALYTICS, FAITHFUL_RELATIONS

    db.table("outlet_copies").create(
        {"claim_id": str, "outlet_id": str, "faithful": int},
        pk="claim_id",
        foreign_keys=[("claim_id", "claims", "id"), ("outlet_id", "outlets", "id")],
    )
    db.table("outlet_copies").create_index(["outlet_id", "faithful"], find_unique_name=True)
    insert = ANALYTICS["outlet_copies"][0]
    db.execute(insert.format(where="", and_where=""), {"faithful": json.dumps(FAITHFUL_RELATIONS)})


@migrations()
def m013_article_text_language(db: sqlite_utils.Database):
    # The language an article's text plainly shows (claimkb.ingest.extract.language),
    # beside the one it declares: linking judges only claims the matcher can read, and
    # derivations call a copy a translation on it. Filled for the articles stored.
    from claimkb.ingest.extract.language import text_language

    db.table("articles").add_column("text_language", str)
    last = 0
    while rows := db.execute("select rowid, text from articles where rowid > ? order by rowid limit ?",
                             [last, MIGRATION_BATCH]).fetchall():
        db.conn.executemany("update articles set text_language = ? where rowid = ?",
                            [(text_language(text or ""), rowid) for rowid, text in rows])
        last = rows[-1][0]


@migrations()
def m014_claim_negated(db: sqlite_utils.Database):
    # Whether a claim's main statement is negated, by the parse at ingest
    # (claimkb.ingest.extract.polarity): linking calls a copy a flipped negation only
    # when the two copies' main statements differ in it. Claims stored before have no
    # parse to read it from: null, and their negations are judged by the words alone.
    db.table("claims").add_column("negated", int)
