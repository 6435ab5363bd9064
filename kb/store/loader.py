"""Ingest: read inputs, extract claims with spaCy, store each article, then link.

Readers stream records; articles whose exact content is already stored are
skipped before any language work, so re-ingesting is cheap and adds nothing.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field

import sqlite_utils

from claimkb.ingest.extract.nlp import load_pipeline, pipeline_info
from claimkb.ingest.extract.workers import extract_in_order, extraction_runner
from claimkb.ingest.readers import read_inputs
from claimkb.ingest.records import ArticleRecord, ClaimReviewRecord, InputError
from claimkb.store.articles import UNKNOWN_OUTLET, article_id_for, is_stored, outlet_for, store_article
from claimkb.store.fact_checks import store_fact_checks
from claimkb.store.runs import finish_run, now_iso, start_run


@dataclass
class IngestStats:
    articles: int = 0  # newly stored
    unchanged: int = 0  # already stored, skipped
    claims: int = 0
    speakers: int = 0  # new speaker rows
    errors: list[InputError] = field(default_factory=list)
    seconds: float = 0.0
    claim_ids: list[str] = field(default_factory=list)
    fact_check_ids: list[str] = field(default_factory=list)  # newly stored
    fact_checks_unchanged: int = 0
    # new articles stored under UNKNOWN_OUTLET, and with no publication date
    without_outlet: int = 0
    undated: int = 0

    def __str__(self):
        fact_checks = ""
        if self.fact_check_ids or self.fact_checks_unchanged:
            fact_checks = f" {len(self.fact_check_ids)} new fact-checks ({self.fact_checks_unchanged} unchanged),"
        return (
            f"{self.articles} new article{'s' if self.articles != 1 else ''}"
            f" ({self.unchanged} unchanged), {self.claims} claims, {self.speakers} new speakers,{fact_checks}"
            f" {len(self.errors)} error{'s' if len(self.errors) != 1 else ''} in {self.seconds:.1f}s"
        )


def ingest_records(
    db: sqlite_utils.Database,
    records: Iterable[ArticleRecord | ClaimReviewRecord | InputError],
    *,
    model: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_article: Callable[[], None] | None = None,
    runner: tuple | None = None,
) -> IngestStats:
    """Extract and store every article, then store the fact-checks (after the articles, so
    that matching them can find the articles they name); InputErrors are counted and
    passed to on_error.

    Extraction runs where ``runner`` (from ``extraction_runner``: worker processes
    or a Dask cluster) sends it, else in this process; this process alone stores,
    in input order, so every way writes the same ids and rows."""
    started = time.perf_counter()
    nlp = load_pipeline(model)
    run_id = start_run(db, "ingest", **pipeline_info(nlp))
    stats = IngestStats()
    fact_checks: list[ClaimReviewRecord] = []

    def new_records():
        for item in records:
            if isinstance(item, InputError):
                stats.errors.append(item)
                if on_error:
                    on_error(item)
            elif isinstance(item, ClaimReviewRecord):
                fact_checks.append(item)
            elif is_stored(db, article_id_for(item)):
                stats.unchanged += 1
                if on_article:
                    on_article()
            else:
                yield item

    with nullcontext(runner) if runner else extraction_runner(model) as (submit, in_flight):
        for record, extraction in extract_in_order(new_records(), lambda r: r.text, submit, in_flight):
            _store(db, record, extraction, run_id, stats, on_article)
    if fact_checks:
        checks = store_fact_checks(db, fact_checks, run_id, now_iso())
        stats.fact_check_ids, stats.fact_checks_unchanged = checks.new_ids, checks.unchanged
    stats.seconds = time.perf_counter() - started
    finish_run(db, run_id, articles=stats.articles, claims=stats.claims, errors=len(stats.errors))
    return stats


def _store(db, record: ArticleRecord, extraction, run_id: int, stats: IngestStats, on_article) -> None:
    stored = store_article(db, record, extraction, run_id)
    if stored.is_new:
        stats.articles += 1
        stats.claims += len(stored.claim_ids)
        stats.speakers += stored.new_speakers
        stats.claim_ids.extend(stored.claim_ids)
        stats.without_outlet += outlet_for(record)[1] == UNKNOWN_OUTLET
        stats.undated += not record.published
    else:  # the same content appeared twice in this run
        stats.unchanged += 1
    if on_article:
        on_article()


def ingest_paths(
    db: sqlite_utils.Database,
    paths: list[str],
    *,
    format: str = "auto",
    outlet: str | None = None,
    model: str | None = None,
    stdin=None,
    **callbacks,
) -> IngestStats:
    records = read_inputs(paths, format=format, outlet=outlet, stdin=stdin)
    return ingest_records(db, records, model=model, **callbacks)
