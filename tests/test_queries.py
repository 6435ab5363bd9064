import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sample_kb import build_empty_kb, build_sample_kb

from claimkb.cli import cli
from claimkb.store import named_queries as queries
from claimkb.store.db import close_db, open_db, open_read_only
from claimkb.store.named_queries import (
    MissingParameter,
    QueryError,
    UnexpectedParameter,
    UnknownQuery,
    load_queries,
    run_query,
)

# A value for every parameter any query takes, so each file can be run.
SAMPLE_PARAMS = {"speaker": "Lopez", "q": "harbour", "family": "none", "ratings": "any", "min_outlets": "2"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return build_sample_kb(tmp_path_factory.mktemp("queries") / "sample.db")


@pytest.fixture
def db(sample):
    database = open_read_only(sample.path)
    yield database
    database.close()


def as_dicts(result):
    columns, rows = result
    return [dict(zip(columns, row)) for row in rows]


def test_every_query_file_documents_itself():
    named = load_queries()
    assert {"travelled_furthest", "mutated_copies", "numbers_changed", "quotes_altered", "speaker_claims",
            "derived_articles", "search_claims", "search_articles", "family_versions"} <= set(named)
    for query in named.values():
        assert query.title and not query.title.startswith("--")
        assert "Parameters:" in query.description and "Example:" in query.description
        assert "claimkb query" in query.description and query.name in query.description
        for param in query.params:
            assert f":{param}" in query.description


def test_parameters_come_from_sql_not_comments_or_strings():
    sql = "-- uses :nothing\nselect ':quoted', \"a:b\" from t where x = :first and y like :second || :first"
    assert queries.query_parameters(sql) == ["first", "second"]


def test_header_title_and_description():
    title, description = queries.parse_header("-- Title here\n--\n-- Line one\n-- line two\nselect 1")
    assert title == "Title here"
    assert description == "Line one\nline two"


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_every_query_runs_on_sample_and_empty_databases(name, db, tmp_path):
    params = {p: SAMPLE_PARAMS[p] for p in load_queries()[name].params}
    columns, _ = run_query(db, name, params)
    assert columns
    empty = open_read_only(build_empty_kb(tmp_path / "empty.db"))
    assert run_query(empty, name, params)[1] == []


def test_travelled_furthest(db, sample):
    rows = as_dicts(run_query(db, "travelled_furthest", {}))
    assert {r["family_id"] for r in rows} == set(sample.families.values())
    quote = next(r for r in rows if r["family_id"] == sample.families["quote"])
    assert (quote["outlets"], quote["articles"], quote["copies"]) == (3, 3, 3)
    assert quote["first_outlet"] == "Daily Ledger"
    assert quote["speaker"] == "Maria Lopez"
    assert quote["earliest_wording"] == "The harbour handled 4.2 million containers last year"
    assert (quote["first_published"], quote["last_published"]) == ("2024-03-01", "2024-03-04")


def test_mutated_copies_leave_out_faithful_copies(db):
    rows = as_dicts(run_query(db, "mutated_copies", {}))
    assert sorted(r["relation"] for r in rows) == ["hedge_changed", "number_changed", "quote_altered"]
    hedged = next(r for r in rows if r["relation"] == "hedge_changed")
    assert hedged["later_wording"] == "Exports may have risen 12 percent"
    assert hedged["earlier_outlet"] == "Daily Ledger" and hedged["later_outlet"] == "Coastal Times"
    assert '"weakened"' in hedged["evidence"]


def test_numbers_changed(db):
    rows = as_dicts(run_query(db, "numbers_changed", {}))
    assert len(rows) == 1
    row = rows[0]
    assert (row["earlier_number"], row["later_number"]) == ("4.2 million", "2.4 million")
    assert (row["earlier_outlet"], row["later_outlet"]) == ("Daily Ledger", "Coastal Times")
    assert row["difference"] == "number"


def test_quotes_altered_are_reworded_direct_quotes(db):
    rows = as_dicts(run_query(db, "quotes_altered", {}))
    assert len(rows) == 1
    row = rows[0]
    assert row["original_quote"] == "The harbour handled 4.2 million containers last year"
    assert row["altered_quote"] == "The port handled 4.2 million boxes last year"
    assert row["speaker"] == "Maria Lopez" and row["later_outlet"] == "Evening Wire"


def test_speaker_claims_match_part_of_a_name_in_any_case(db):
    rows = as_dicts(run_query(db, "speaker_claims", {"speaker": "lopez"}))
    assert {r["outlet"] for r in rows} == {"Daily Ledger", "Coastal Times", "Evening Wire"}
    # the Evening Wire quote has no attribution of its own (its speaker is carried over)
    assert {r["mentioned_as"] for r in rows} == {"Lopez", "the commissioner", None}
    assert {r["relation_to_earlier_copy"] for r in rows} == {None, "number_changed", "quote_altered"}
    authority = as_dicts(run_query(db, "speaker_claims", {"speaker": "Port Auth"}))
    assert [r["kind"] for r in authority] == ["statistic"] * 3
    assert run_query(db, "speaker_claims", {"speaker": "Nobody Of That Name"})[1] == []


def test_derived_articles(db):
    rows = as_dicts(run_query(db, "derived_articles", {}))
    assert len(rows) == 1
    assert (rows[0]["outlet"], rows[0]["derived_from_outlet"]) == ("Coastal Times", "Daily Ledger")
    assert rows[0]["relation"] == "rewrites" and rows[0]["shared_claims"] == 2


def test_search_claims_needs_every_word_and_tolerates_punctuation(db):
    rows = as_dicts(run_query(db, "search_claims", {"q": "million containers"}))
    assert {r["outlet"] for r in rows} == {"Daily Ledger", "Coastal Times"}
    assert as_dicts(run_query(db, "search_claims", {"q": 'boxes "4.2'}))[0]["outlet"] == "Evening Wire"
    assert run_query(db, "search_claims", {"q": "AND OR NOT"})[1] == []


def test_search_articles_over_titles_and_text(db):
    rows = as_dicts(run_query(db, "search_articles", {"q": "harbour"}))
    assert {r["outlet"] for r in rows} == {"Daily Ledger", "Coastal Times"}
    assert {r["claims"] for r in rows} == {2}
    assert [r["outlet"] for r in as_dicts(run_query(db, "search_articles", {"q": "review"}))] == ["Evening Wire"]


def test_family_versions_in_publication_order(db, sample):
    rows = as_dicts(run_query(db, "family_versions", {"family": sample.families["quote"]}))
    assert [r["outlet"] for r in rows] == ["Daily Ledger", "Coastal Times", "Evening Wire"]
    assert [r["relation"] for r in rows] == [None, "number_changed", "quote_altered"]
    assert [r["is_canonical"] for r in rows] == [1, 0, 0]
    assert [r["mentioned_as"] for r in rows] == ["Lopez", "the commissioner", None]


def test_unknown_query_names_the_known_ones(db):
    with pytest.raises(UnknownQuery, match="travelled_furthest"):
        run_query(db, "no_such_query", {})


def test_missing_and_unexpected_parameters(db):
    with pytest.raises(MissingParameter, match="-p speaker=VALUE"):
        run_query(db, "speaker_claims", {})
    with pytest.raises(UnexpectedParameter, match="speakr"):
        run_query(db, "speaker_claims", {"speaker": "Lopez", "speakr": "x"})


def test_a_query_file_cannot_write_even_on_a_writable_connection(tmp_path, monkeypatch):
    db = open_db(build_empty_kb(tmp_path / "writable.db"))
    monkeypatch.setattr(queries, "query_files", lambda: sorted(tmp_path.glob("*.sql")))
    (tmp_path / "sneaky.sql").write_text(
        "-- Sneaky\nwith doomed as (select id from outlets) delete from outlets where id in (select id from doomed)"
    )
    db["outlets"].insert({"id": "o", "name": "Outlet"})
    with pytest.raises(QueryError, match="'sneaky' tries to change the database"):
        run_query(db, "sneaky", {})
    assert db["outlets"].count == 1
    # The connection is writable again afterwards: only the named query was read-only.
    db["kb_meta"].upsert({"key": "probe", "value": "1"}, pk="key")
    close_db(db)


@pytest.mark.parametrize("sql", ["drop table claims", "delete from claims", "attach 'other.db' as other",
                                 "pragma writable_schema = 1"])
def test_a_query_file_that_is_not_a_select_is_refused(sql, tmp_path, monkeypatch):
    monkeypatch.setattr(queries, "query_files", lambda: sorted(tmp_path.glob("*.sql")))
    (tmp_path / "bad.sql").write_text(f"-- Bad\n{sql}")
    with pytest.raises(QueryError, match="SELECT"):
        load_queries()


@pytest.mark.parametrize("sql", [
    "with doomed as (select id from claims) delete from claims where id in (select id from doomed)",
    "with one as (select 1) select * from one; drop table claims",
])
def test_claimkb_query_cannot_write_through_an_edited_query_file(sql, sample, tmp_path, monkeypatch):
    monkeypatch.setattr(queries, "query_files", lambda: sorted(tmp_path.glob("*.sql")))
    (tmp_path / "sneaky.sql").write_text(f"-- Sneaky\n{sql}")
    before = Path(sample.path).read_bytes()
    result = CliRunner().invoke(cli, ["query", sample.path, "sneaky"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and len(result.output.splitlines()) == 1, result.output
    assert "sneaky" in result.output and "Traceback" not in result.output
    assert Path(sample.path).read_bytes() == before
    with sqlite3.connect(sample.path) as conn:
        assert conn.execute("select count(*) from claims").fetchone()[0] == 7


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """The sample with a "false" verdict on the earliest copy of the quote, given on
    the day the second copy was published, at noon."""
    kb = build_sample_kb(tmp_path_factory.mktemp("checked") / "checked.db")
    database = open_db(kb.path)
    database["fact_checks"].insert({"id": "fc1", "claim_text": "The harbour handled 4.2 million containers",
                                    "rating": "false", "rating_text": "Wrong", "reviewer": "Harbour Checks",
                                    "reviewed_at": "2024-03-02T12:00:00+00:00"})
    database["fact_check_matches"].insert({"fact_check_id": "fc1", "claim_id": kb.claims["quote"], "score": 0.9,
                                           "via": "matcher"})
    return kb, database


def test_spreading_after_verdict_lists_the_family_copies_first_seen_later(checked):
    kb, database = checked
    rows = as_dicts(run_query(database, "spreading_after_verdict", {"ratings": "false, mostly false"}))
    # The copy of 2024-03-02 (counted from midnight) is before the noon verdict; 2024-03-04's is after.
    assert [r["claim_id"] for r in rows] == [kb.claims["quote_reworded"]]
    assert (rows[0]["verdict"], rows[0]["reviewer"], rows[0]["days_after_verdict"]) == ("false", "Harbour Checks", 1.5)
    assert run_query(database, "spreading_after_verdict", {"ratings": "true"})[1] == []


def test_unchecked_widespread_leaves_out_families_with_a_verdict(checked):
    kb, database = checked
    rows = as_dicts(run_query(database, "unchecked_widespread", {"min_outlets": "3"}))
    assert [r["family_id"] for r in rows] == [kb.families["exports"]]
    assert run_query(database, "unchecked_widespread", {"min_outlets": "4"})[1] == []
