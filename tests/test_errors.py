"""Errors people understand: a user error is one line on stderr naming the input and the
reason, with exit code 1; anything else is a bug, reported as one "internal error" line
(its traceback with --debug); empty answers say so; a failed ingest creates nothing."""
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sample_kb import build_sample_kb

from claimkb.cli import cli

REPO = Path(__file__).resolve().parents[1]
REPORT = "please report it (run with --debug for the traceback)"


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return build_sample_kb(tmp_path_factory.mktemp("errors") / "sample.db")


def one_line(result) -> str:
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


# ------------------------------------------------------------- bugs and user errors


def test_an_unexpected_exception_is_an_internal_error_to_report(sample, monkeypatch):
    import claimkb.match.similar

    def broken(*args, **kwargs):
        raise ValueError("vectors of different lengths")

    monkeypatch.setattr(claimkb.match.similar, "find_similar", broken)
    result = run("similar", sample.path, "harbour")
    assert result.exit_code == 1
    assert one_line(result) == f"internal error: ValueError: vectors of different lengths; {REPORT}"
    debug = run("--debug", "similar", sample.path, "harbour")
    assert isinstance(debug.exception, ValueError)  # with --debug the exception and its traceback go through


def test_os_and_lookup_errors_from_a_bug_are_not_passed_off_as_user_errors(sample, monkeypatch):
    import claimkb.store.named_queries

    for error in (KeyError("speaker"), FileNotFoundError(2, "No such file or directory")):
        def broken(*args, error=error, **kwargs):
            raise error

        monkeypatch.setattr(claimkb.store.named_queries, "run_query", broken)
        line = one_line(run("query", sample.path, "mutated_copies"))
        assert line.startswith("internal error: ") and line.endswith(REPORT)


def test_a_user_error_is_one_line_without_class_names(sample, tmp_path):
    cases = [
        (["query", sample.path, "no_such_query"], "Error: no query named 'no_such_query'; the queries are: "),
        (["query", sample.path, "speaker_claims"], "Error: query 'speaker_claims' needs speaker (-p speaker=VALUE)"),
        (["export", sample.path, "--format", "json", "-o", tmp_path / "g.json", "--search", "AND"],
         "Error: --search 'AND': not a valid full-text query"),
        (["link", tmp_path / "nope.db"], f"Error: {tmp_path / 'nope.db'}: no such database"),
        (["ingest", tmp_path / "kb.db", tmp_path / "a.txt", "--model", "no_such_pipeline"],
         "Error: spaCy pipeline 'no_such_pipeline' is not installed"),
    ]
    (tmp_path / "a.txt").write_text("The mayor said the bridge would reopen.")
    before = sha256(sample.path)
    for args, start in cases:
        result = run(*args)
        assert result.exit_code == 1, args
        line = one_line(result)
        assert line.startswith(start), (args, line)
        assert "Error:" not in line[len("Error:"):] and "Exception" not in line, line
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]  # the failed ingest created no database
    assert sha256(sample.path) == before  # refused commands leave the database as it was


def test_writers_refused_for_a_missing_tier_leave_the_database_unchanged(sample, tmp_path, monkeypatch):
    import claimkb.match.tiers

    monkeypatch.setattr(claimkb.match.tiers, "embeddings_available", lambda: False)
    (tmp_path / "a.txt").write_text("The mayor said the bridge would reopen in May.")
    before = sha256(sample.path)
    for args in (["link", sample.path, "--matcher", "dense"],
                 ["ingest", sample.path, tmp_path / "a.txt", "--matcher", "dense"]):
        result = run(*args)
        assert result.exit_code == 1
        assert one_line(result) == "Error: the dense matcher needs the optional tier: pip install 'claimkb[embeddings]'"
    assert sha256(sample.path) == before


def test_export_to_a_place_it_cannot_write_is_a_user_error(sample, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    result = run("export", sample.path, "--format", "graphml", "-o", blocker / "graph.graphml")
    assert result.exit_code == 1
    assert one_line(result).startswith(f"Error: {blocker / 'graph.graphml'}: cannot write it (")


def test_a_closed_pipe_is_not_an_error(sample):
    """`claimkb query ... | head -1`: the reader leaves early; claimkb stops quietly."""
    command = [sys.executable, "-c", "import sys; from claimkb.cli import cli; cli(sys.argv[1:])",
               "query", sample.path, "travelled_furthest", "--csv"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.close()  # before a single line is read
        stderr = process.stderr.read().decode()
        process.wait(timeout=60)
    assert stderr == ""


# ------------------------------------------------------------------------ ingest


def test_urls_are_refused_with_what_to_do_instead(tmp_path):
    db = tmp_path / "kb.db"
    result = run("ingest", db, "https://example.org/news/1")
    assert result.exit_code == 1
    assert ("error: https://example.org/news/1: fetching URLs is not supported; save the page and ingest the file"
            in result.output)
    assert not db.exists()


def test_a_missing_input_creates_nothing(tmp_path):
    db = tmp_path / "kb.db"
    result = run("ingest", db, tmp_path / "missing.txt")
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'missing.txt'}: No such file or directory" in result.output
    assert f"Error: no input could be read; {db} was not created" in result.output
    assert sorted(os.listdir(tmp_path)) == []


def test_a_failed_ingest_leaves_an_existing_database_unchanged(sample, tmp_path):
    before = sha256(sample.path)
    result = run("ingest", sample.path, tmp_path / "missing.txt", "https://example.org/")
    assert result.exit_code == 1 and f"{sample.path} was not changed" in result.output
    assert sha256(sample.path) == before


def test_a_directory_gives_only_its_articles_and_says_what_it_skipped(tmp_path):
    articles = tmp_path / "articles"
    (articles / ".git").mkdir(parents=True)
    (articles / ".git" / "HEAD").write_text("ref: refs/heads/main")
    (articles / "one.txt").write_text("The harbour reopened on Monday, the mayor said.")
    (articles / "README.md").write_text("# Articles collected for the harbour story")
    (articles / "LICENSE").write_text("CC BY 4.0")
    (articles / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    db = articles / "kb.db"
    first = run("ingest", db, articles, "--no-link")
    assert first.exit_code == 0, first.output
    assert ("Skipped 4 files in the folders given: README/LICENSE/CHANGELOG (2), hidden (1), "
            "not an article format (1)") in first.output
    assert "Ingested: 1 new article (0 unchanged)" in first.output
    # Again, with the database (and whatever SQLite leaves beside it) in the folder.
    (articles / "kb.db-wal").write_bytes(b"")
    again = run("ingest", db, articles, "--no-link")
    assert again.exit_code == 0, again.output
    assert "SQLite database (2)" in again.output
    assert "Ingested: 0 new articles (1 unchanged)" in again.output


# ----------------------------------------------------------------- empty answers


def test_an_export_that_matches_nothing_writes_nothing(sample, tmp_path):
    output = tmp_path / "graph.graphml"
    result = run("export", sample.path, "--format", "graphml", "-o", output, "--speaker", "Nobody At All")
    assert result.exit_code == 1
    assert one_line(result) == f"Error: {sample.path}: nothing matches --speaker 'Nobody At All'; no file written"
    assert not output.exists()


def test_similar_refuses_an_empty_text(sample):
    for text in ("", "   \n"):
        result = run("similar", sample.path, text, "--matcher", "lexical")
        assert result.exit_code == 1
        assert one_line(result) == "Error: the text to look for is empty: give the words of a claim"


def test_similar_with_no_match_says_so(sample):
    result = CliRunner().invoke(
        cli, ["similar", sample.path, "zebra xylophone quasar", "--json", "--matcher", "lexical"])
    assert result.exit_code == 0
    assert result.stdout.strip() == "[]"
    assert result.stderr == "No stored claim shares a word or a figure with that text.\n"


def test_a_query_with_no_rows_says_so(sample):
    result = CliRunner().invoke(
        cli, ["query", sample.path, "speaker_claims", "-p", "speaker=Nobody", "--csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("speaker,")  # the header row only
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == "speaker_claims: no rows\n"


def test_query_parameters_are_bound_not_pasted_into_sql(sample):
    before = sha256(sample.path)
    for hostile in ("x' OR 1=1 --", "'; drop table claims; --"):
        result = run("query", sample.path, "speaker_claims", "-p", f"speaker={hostile}", "--json")
        assert result.exit_code == 0, result.output
        assert result.stdout == "[]\n"
    assert sha256(sample.path) == before
