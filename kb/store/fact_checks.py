"""Writing fact-checks (schema.org ClaimReview records) to the ``fact_checks`` table."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import sqlite_utils

from claimkb.ingest.records import ClaimReviewRecord
from claimkb.store.ids import stable_id
from claimkb.store.ratings import normalize_rating


@dataclass
class StoredFactChecks:
    new_ids: list[str] = field(default_factory=list)
    unchanged: int = 0  # already stored, same content


def fact_check_id(record: ClaimReviewRecord) -> str:
    """A content hash: the same ClaimReview read twice is one row; a revised verdict is a new one."""
    return stable_id(
        "fact_check", record.claim_text, record.claimant, record.rating_text, record.rating_value,
        record.best_rating, record.worst_rating, record.reviewer, record.url, record.reviewed_at,
        record.language, record.claim_published, json.dumps(record.appearances),
    )


def store_fact_checks(db: sqlite_utils.Database, records: list[ClaimReviewRecord], run_id: int | None,
                      ingested_at: str) -> StoredFactChecks:
    """Insert the records not stored yet, all in one transaction."""
    stored = StoredFactChecks()
    rows = {}
    for record in records:
        row_id = fact_check_id(record)
        if row_id in rows or db.execute("select 1 from fact_checks where id = ?", [row_id]).fetchone():
            stored.unchanged += 1
            continue
        rows[row_id] = {
            "id": row_id,
            "claim_text": record.claim_text,
            "claimant": record.claimant,
            "rating_text": record.rating_text,
            "rating": normalize_rating(record.rating_text, record.rating_value, record.best_rating,
                                       record.worst_rating),
            "rating_value": record.rating_value,
            "best_rating": record.best_rating,
            "worst_rating": record.worst_rating,
            "reviewer": record.reviewer,
            "url": record.url,
            "reviewed_at": record.reviewed_at,
            "language": record.language,
            "claim_published": record.claim_published,
            "appearances": json.dumps(record.appearances) if record.appearances else None,
            "source": record.source,
            "ingested_at": ingested_at,
            "run_id": run_id,
        }
    with db.conn:
        db.table("fact_checks").insert_all(rows.values())
    stored.new_ids = list(rows)
    return stored
