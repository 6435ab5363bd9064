import sqlite3

import pytest

from claimkb.errors import ClaimkbError
from claimkb.store.db import open_db
from claimkb.store.schema import SCHEMA_VERSION, migrations

# The minimum schema promised in ../shared/docs/interface.md.
INTERFACE_COLUMNS = {
    "outlets": {"id", "name", "domain"},
    "articles": {"id", "outlet_id", "url", "title", "author", "published", "language", "text", "content_hash",
                 "ingested_at"},
    "speakers": {"id", "name", "title", "kind"},
    "claims": {"id", "article_id", "kind", "text", "content", "char_start", "char_end", "speaker_id",
               "speaker_mention", "speaker_start", "speaker_end", "cue", "family_id"},
    "claim_segments": {"claim_id", "seq", "char_start", "char_end"},
    "quantities": {"id", "claim_id", "text", "value", "unit", "qualifier"},
    "claim_links": {"claim_a", "claim_b", "score", "relation", "evidence"},
    "families": {"id", "canonical_claim_id", "first_seen", "size", "outlets"},
    "citations": {"claim_id", "article_id", "cited"},
    "article_derivations": {"article_id", "derived_from", "score", "evidence"},
}


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "claimkb.db")


def test_interface_tables_and_columns(db):
    for table, columns in INTERFACE_COLUMNS.items():
        assert columns <= set(db[table].columns_dict), table


def test_every_foreign_key_is_indexed(db):
    for table in db.tables:
        indexed = {tuple(index.columns)[0] for index in table.indexes}
        for fk in table.foreign_keys:
            assert fk.column in indexed, f"{table.name}.{fk.column}"


def test_foreign_keys_are_enforced(db):
    with pytest.raises(sqlite3.IntegrityError):
        db["claims"].insert({"id": "c1", "article_id": "no-such-article", "kind": "assertion", "text": "t",
                             "content": "t"})


def test_wal_and_meta(db):
    assert db.journal_mode == "wal"
    meta = {row["key"]: row["value"] for row in db["kb_meta"].rows}
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    assert "claimkb_version" in meta


def test_full_text_search_on_claims_and_articles(db):
    db["outlets"].insert({"id": "o", "name": "Outlet"})
    db["articles"].insert({"id": "a", "outlet_id": "o", "title": "Quake hits Aceh", "text": "Body text.",
                           "content_hash": "h"})
    db["claims"].insert({"id": "c", "article_id": "a", "kind": "statistic", "text": "Five people died.",
                         "content": "Five people died."})
    assert [r["id"] for r in db["claims"].search("died")] == ["c"]
    assert [r["id"] for r in db["articles"].search("aceh")] == ["a"]


def test_reopening_applies_nothing_twice_and_keeps_data(tmp_path):
    path = tmp_path / "claimkb.db"
    db = open_db(path)
    db["outlets"].insert({"id": "o", "name": "Outlet"})
    applied = [m.name for m in migrations.applied(db)]
    db.close()
    again = open_db(path)
    assert [m.name for m in migrations.applied(again)] == applied
    assert again["outlets"].get("o")["name"] == "Outlet"
    assert migrations.pending(again) == []


def test_not_a_database_is_an_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are not the bytes of a SQLite file" * 20)
    with pytest.raises(ClaimkbError, match="notes.db: not a SQLite database"):
        open_db(path)


def _claim_in_an_article(db):
    db["outlets"].insert({"id": "o", "name": "Outlet"})
    db["articles"].insert({"id": "a", "outlet_id": "o", "title": "Quake", "text": "Body.", "content_hash": "h"})
    db["claims"].insert({"id": "c", "article_id": "a", "kind": "statistic", "text": "Five people died.",
                         "content": "Five people died."})
    db["families"].insert({"id": "f", "canonical_claim_id": "c", "size": 1, "outlets": 1})


def test_an_update_of_other_columns_leaves_the_full_text_index_alone(db):
    _claim_in_an_article(db)
    index_pages = list(db.execute("select * from claims_fts_data"))
    db["claims"].update("c", {"family_id": "f", "hedge": "may"})
    db["articles"].update("a", {"language": "en"})
    assert list(db.execute("select * from claims_fts_data")) == index_pages
    assert [r["id"] for r in db["claims"].search("died")] == ["c"]


def test_an_update_of_the_wording_is_searchable_at_once(db):
    _claim_in_an_article(db)
    db["claims"].update("c", {"content": "Six people were hurt."})
    db["articles"].update("a", {"title": "Storm"})
    assert [r["id"] for r in db["claims"].search("hurt")] == ["c"]
    assert [r["id"] for r in db["claims"].search("died")] == ["c"]  # still in `text`
    db["claims"].update("c", {"text": "Six people were hurt."})
    assert list(db["claims"].search("died")) == []
    assert [r["id"] for r in db["articles"].search("storm")] == ["a"]
    assert list(db["articles"].search("quake")) == []
