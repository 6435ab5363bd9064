"""Writing articles and what was extracted from them, one transaction per article."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlite_utils

from claimkb.ingest.extract.language import text_language
from claimkb.ingest.readers import domain_of
from claimkb.ingest.records import ArticleRecord, Extraction, Speaker
from claimkb.store.ids import content_hash, normalize_name, stable_id


@dataclass
class StoredArticle:
    article_id: str
    is_new: bool  # False when this exact content was already stored
    claim_ids: list[str]
    new_speakers: int = 0


# The outlet of an article that names none and has no URL: one for all such articles.
UNKNOWN_OUTLET = "unknown outlet"
UNKNOWN_OUTLET_ID = stable_id("outlet", normalize_name(UNKNOWN_OUTLET))


def link_source(article_id: str, outlet_id: str) -> str:
    """What a claim is linked across: claims of one source are never linked to each
    other. The source is the article's outlet, or the article itself when its outlet
    is unknown.

    Links follow a claim from outlet to outlet. An outlet's own pages share its
    template (the footer, the subscription offer, the comment rules, a venue's
    timetable, a company's About-us paragraph), and a sentence two of them share is
    furniture of the site, not a claim that travelled. Articles stored under the
    unknown outlet (no name, no URL) may each be any outlet's."""
    return article_id if outlet_id == UNKNOWN_OUTLET_ID else outlet_id


def outlet_for(record: ArticleRecord) -> tuple[str, str, str | None]:
    """(id, name, domain) of the record's outlet: its own, else its URL's domain."""
    domain = domain_of(record.url)
    name = (record.outlet or "").strip() or domain or UNKNOWN_OUTLET
    return stable_id("outlet", normalize_name(name)), name, domain


def article_id_for(record: ArticleRecord) -> str:
    outlet_id, _, _ = outlet_for(record)
    return stable_id("article", outlet_id, record.url, content_hash(record.text))


def is_stored(db: sqlite_utils.Database, article_id: str) -> bool:
    return bool(db.execute("select 1 from articles where id = ?", [article_id]).fetchone())


def pending_link_ids(db: sqlite_utils.Database) -> list[str]:
    """Claims stored but not linked yet (by an ingest with --no-link, or one interrupted)."""
    return [row[0] for row in db.execute("select claim_id from pending_links order by claim_id")]


def speaker_id_for(speaker: Speaker, article_id: str) -> str:
    """People named by a full name, and organizations, are shared across articles; a
    bare one-word person name ("Williams") stays local to its article, because two
    articles' "Williams" need not be the same person."""
    key = normalize_name(speaker.name)
    if speaker.kind == "person" and len(key.split()) < 2:
        return stable_id("speaker", speaker.kind, key, article_id)
    return stable_id("speaker", speaker.kind, key)


def _latest_version(db: sqlite_utils.Database, url: str) -> str | None:
    row = db.execute(
        """select id from articles a where url = ?
           and not exists (select 1 from articles b where b.previous_version_id = a.id)
           order by ingested_at desc limit 1""",
        [url],
    ).fetchone()
    return row[0] if row else None


def _upsert_speaker(db: sqlite_utils.Database, speaker_id: str, speaker: Speaker) -> bool:
    existing = db.execute("select title, aliases from speakers where id = ?", [speaker_id]).fetchone()
    if existing is None:
        db.table("speakers").insert(
            {
                "id": speaker_id,
                "name": speaker.name,
                "title": speaker.title,
                "kind": speaker.kind,
                "aliases": json.dumps(sorted(set(speaker.aliases))),
            }
        )
        return True
    title, aliases = existing
    merged = sorted(set(json.loads(aliases or "[]")) | set(speaker.aliases))
    db.table("speakers").update(speaker_id, {"title": fuller_title(title, speaker.title), "aliases": json.dumps(merged)})
    return False


def fuller_title(a: str | None, b: str | None) -> str | None:
    """The longer of two descriptions of one speaker (the alphabetically first of equal
    length): the same whichever article was stored first, as with concurrent ingests."""
    titles = [t for t in (a, b) if t]
    return min(titles, key=lambda t: (-len(t), t)) if titles else None


def store_article(
    db: sqlite_utils.Database, record: ArticleRecord, extraction: Extraction, run_id: int | None = None
) -> StoredArticle:
    """Store one article and its extraction in one transaction, its claims marked as
    waiting to be linked; unchanged content adds nothing."""
    article_id = article_id_for(record)
    outlet_id, outlet_name, domain = outlet_for(record)
    with db.atomic():
        # Asked under the write lock: another process may have stored it a moment ago.
        if is_stored(db, article_id):
            return StoredArticle(article_id, False, [])
        db.table("outlets").insert({"id": outlet_id, "name": outlet_name, "domain": domain}, ignore=True)
        db.table("articles").insert(
            {
                "id": article_id,
                "outlet_id": outlet_id,
                "url": record.url,
                "title": record.title,
                "author": record.author,
                "published": record.published,
                "language": record.language,
                "text_language": text_language(record.text),
                "text": record.text,
                "content_hash": content_hash(record.text),
                "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "previous_version_id": _latest_version(db, record.url) if record.url else None,
                "run_id": run_id,
                "source": record.source,
            }
        )
        speaker_ids, new_speakers = {}, 0
        for speaker in extraction.speakers + [c.speaker for c in extraction.claims if c.speaker]:
            if id(speaker) not in speaker_ids:
                speaker_ids[id(speaker)] = speaker_id_for(speaker, article_id)
                new_speakers += _upsert_speaker(db, speaker_ids[id(speaker)], speaker)
        # Rows as sqlite-utils takes them: column name to value, None for NULL.
        claim_rows: list[dict[str, Any]] = []
        quantity_rows: list[dict[str, Any]] = []
        citation_rows: list[dict[str, Any]] = []
        segment_rows: list[dict[str, Any]] = []
        for claim in extraction.claims:
            claim_id = stable_id("claim", article_id, claim.kind, claim.char_start, claim.char_end)
            claim_rows.append(
                {
                    "id": claim_id,
                    "article_id": article_id,
                    "kind": claim.kind,
                    "text": claim.text,
                    "content": claim.content,
                    "char_start": claim.char_start,
                    "char_end": claim.char_end,
                    "speaker_id": speaker_ids[id(claim.speaker)] if claim.speaker else None,
                    "speaker_mention": claim.speaker_mention,
                    "speaker_start": claim.speaker_start,
                    "speaker_end": claim.speaker_end,
                    "cue": claim.cue,
                    "hedge": claim.hedge,
                    "negated": claim.negated,
                }
            )
            for q in claim.quantities:
                quantity_rows.append(
                    {
                        "id": stable_id("quantity", claim_id, q.start, q.end, q.text),
                        "claim_id": claim_id,
                        "text": q.text,
                        "value": q.value,
                        "high": q.high,
                        "unit": q.unit,
                        "qualifier": q.qualifier,
                        "char_start": q.start,
                        "char_end": q.end,
                    }
                )
            segment_rows += [
                {"claim_id": claim_id, "seq": seq, "char_start": start, "char_end": end}
                for seq, (start, end) in enumerate(claim.segments)
            ]
            for cited in claim.citations:
                citation_rows.append(
                    {"id": stable_id("citation", article_id, claim_id, cited), "article_id": article_id,
                     "claim_id": claim_id, "cited": cited}
                )
        for cited in extraction.citations:
            citation_rows.append(
                {"id": stable_id("citation", article_id, None, cited), "article_id": article_id,
                 "claim_id": None, "cited": cited}
            )
        # ignore=True: an extractor may report the same span or citation twice.
        db.table("claims").insert_all(claim_rows, ignore=True)
        db.table("quantities").insert_all(quantity_rows, ignore=True)
        db.table("citations").insert_all(citation_rows, ignore=True)
        db.table("claim_segments").insert_all(segment_rows, ignore=True)
        db.table("quoted_terms").insert_all(
            (
                {"id": stable_id("quoted_term", article_id, term.char_start, term.char_end), "article_id": article_id,
                 "text": term.text, "kind": term.kind, "char_start": term.char_start, "char_end": term.char_end}
                for term in extraction.quoted_terms
            ),
            ignore=True,
        )
        db.table("pending_links").insert_all(({"claim_id": row["id"]} for row in claim_rows), ignore=True)
    return StoredArticle(article_id, True, [row["id"] for row in claim_rows], new_speakers)
