import pytest

from claimkb.ingest.records import ArticleRecord, Claim, Extraction, Quantity, Speaker
from claimkb.store.articles import store_article
from claimkb.store.db import open_db


def extraction_for(text, speaker_name="Beth Williams", kind="person"):
    speaker = Speaker(speaker_name, kind, aliases=[speaker_name.split()[-1]])
    start = text.index("16.9 million")
    claim = Claim(
        "statistic", text, text, 0, len(text), speaker, speaker_name, 0, len(speaker_name), "said",
        quantities=[Quantity("16.9 million", 16_900_000.0, "reports", None, start, start + 12)],
        citations=["NCMEC"],
    )
    return Extraction([claim], [speaker], ["Infosecurity Magazine"])


TEXT = "Beth Williams said NCMEC received 16.9 million reports."


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "claimkb.db")


def all_rows(db):
    return {t: sorted(map(str, db[t].rows)) for t in ("outlets", "articles", "speakers", "claims", "quantities",
                                                      "citations")}


def test_round_trip(db):
    record = ArticleRecord(TEXT, title="T", url="https://www.example.org/a", published="2020-12-04")
    stored = store_article(db, record, extraction_for(TEXT))
    article = db["articles"].get(stored.article_id)
    assert article["text"] == TEXT and article["published"] == "2020-12-04"
    assert db["outlets"].get(article["outlet_id"])["domain"] == "example.org"
    claim = db["claims"].get(stored.claim_ids[0])
    assert TEXT[claim["char_start"]:claim["char_end"]] == claim["content"]
    assert db["speakers"].get(claim["speaker_id"])["name"] == "Beth Williams"
    quantity = next(db["quantities"].rows_where("claim_id = ?", [claim["id"]]))
    assert (quantity["value"], TEXT[quantity["char_start"]:quantity["char_end"]]) == (16_900_000, "16.9 million")
    assert {r["cited"] for r in db["citations"].rows} == {"NCMEC", "Infosecurity Magazine"}


def test_same_input_same_ids_on_another_database(tmp_path):
    record = ArticleRecord(TEXT, url="https://example.org/a")
    one = store_article(open_db(tmp_path / "one.db"), record, extraction_for(TEXT))
    two = store_article(open_db(tmp_path / "two.db"), record, extraction_for(TEXT))
    assert (one.article_id, one.claim_ids) == (two.article_id, two.claim_ids)


def test_storing_unchanged_content_again_adds_nothing(db):
    record = ArticleRecord(TEXT, url="https://example.org/a")
    store_article(db, record, extraction_for(TEXT))
    before = all_rows(db)
    again = store_article(db, record, extraction_for(TEXT))
    assert not again.is_new
    assert all_rows(db) == before


def test_changed_article_at_known_url_is_a_new_version(db):
    first = store_article(db, ArticleRecord(TEXT, url="https://example.org/a"), extraction_for(TEXT))
    changed = TEXT.replace("reports", "reports of abuse")
    second = store_article(db, ArticleRecord(changed, url="https://example.org/a"), extraction_for(changed))
    assert second.article_id != first.article_id
    assert db["articles"].get(second.article_id)["previous_version_id"] == first.article_id
    assert db["articles"].get(first.article_id)["text"] == TEXT
    third_text = changed + " Updated."
    third = store_article(db, ArticleRecord(third_text, url="https://example.org/a"), extraction_for(third_text))
    assert db["articles"].get(third.article_id)["previous_version_id"] == second.article_id


def test_full_names_merge_across_articles_bare_surnames_do_not(db):
    a = store_article(db, ArticleRecord(TEXT, outlet="A"), extraction_for(TEXT))
    b = store_article(db, ArticleRecord(TEXT, outlet="B"), extraction_for(TEXT))
    speakers = {db["claims"].get(c)["speaker_id"] for c in a.claim_ids + b.claim_ids}
    assert len(speakers) == 1
    bare = "Williams said NCMEC received 16.9 million reports."
    c = store_article(db, ArticleRecord(bare, outlet="C"), extraction_for(bare, "Williams"))
    d = store_article(db, ArticleRecord(bare, outlet="D"), extraction_for(bare, "Williams"))
    assert db["claims"].get(c.claim_ids[0])["speaker_id"] != db["claims"].get(d.claim_ids[0])["speaker_id"]


def test_failure_midway_leaves_nothing_half_written(db, monkeypatch):
    store_article(db, ArticleRecord("An earlier article with 16.9 million.", outlet="A"),
                  extraction_for("An earlier article with 16.9 million."))
    before = all_rows(db)
    table = db["quantities"]

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(type(table), "insert_all", broken)
    with pytest.raises(OSError):
        store_article(db, ArticleRecord(TEXT, outlet="B"), extraction_for(TEXT))
    monkeypatch.undo()
    assert all_rows(db) == before


def test_names_in_other_scripts_keep_distinct_ids(db):
    text = "Officials said 16.9 million reports arrived."
    greek = store_article(db, ArticleRecord(text, outlet="Καθημερινή"), extraction_for(text, "Νίκος Παππάς"))
    russian = store_article(db, ArticleRecord(text, outlet="Коммерсантъ"), extraction_for(text, "Иван Петров"))
    outlets = {db["articles"].get(a.article_id)["outlet_id"] for a in (greek, russian)}
    speakers = {db["claims"].get(a.claim_ids[0])["speaker_id"] for a in (greek, russian)}
    assert len(outlets) == 2 and len(speakers) == 2
    again = store_article(db, ArticleRecord(text + " Again.", outlet="ΚΑΘΗΜΕΡΙΝΗ"),
                          extraction_for(text + " Again.", "ΝΙΚΟΣ ΠΑΠΠΑΣ"))
    assert db["articles"].get(again.article_id)["outlet_id"] in outlets
    assert db["claims"].get(again.claim_ids[0])["speaker_id"] in speakers


def test_an_interrupted_quotation_is_stored_as_one_claim_with_its_segments(tmp_path):
    from click.testing import CliRunner

    from claimkb.cli import cli

    text = (
        'Mara Quist runs the harbour board. "The new pier will open in June," she said, '
        '"and the ferry will stop there twice a day." Fans of the film "Low Tide Blues" queued all night.\n'
    )
    path, db_path = tmp_path / "pier.txt", tmp_path / "claimkb.db"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(db_path), str(path), "--no-link"])
    assert result.exit_code == 0, result.output
    db = open_db(db_path)
    (claim,) = db.query("select * from claims where kind = 'direct_quote'")
    segments = list(db.query("select * from claim_segments where claim_id = ? order by seq", [claim["id"]]))
    stored = db["articles"].get(claim["article_id"])["text"]
    parts = [stored[s["char_start"] : s["char_end"]] for s in segments]
    assert parts == ["The new pier will open in June", "and the ferry will stop there twice a day."]
    assert claim["content"] == " ".join(parts)
    assert (claim["char_start"], claim["char_end"]) == (segments[0]["char_start"], segments[-1]["char_end"])
    (term,) = db["quoted_terms"].rows
    assert (term["text"], term["kind"]) == ("Low Tide Blues", "title")
    assert stored[term["char_start"] : term["char_end"]] == "Low Tide Blues"
