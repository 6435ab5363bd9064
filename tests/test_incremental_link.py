"""Incremental linking: `claimkb link` compares only the claims not linked yet with the
stored ones, and a corpus ingested in several batches, each linked as it came, holds
the rows `claimkb link --rebuild` computes from all of it at once."""
from pathlib import Path

import pytest
from click.testing import CliRunner
from rows import database_rows, differences

from claimkb.cli import cli

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "ecbplus-aceh-quake.jsonl"
SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
LEXICAL = ["--matcher", "lexical"]  # the dense tier is slower and optional
BATCHES = 3


def run(*args):
    result = CliRunner().invoke(cli, [*map(str, args)])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def batches(tmp_path_factory):
    """The sample's articles dealt into three files, then the seed articles: four batches."""
    folder = tmp_path_factory.mktemp("batches")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    parts = [folder / f"part-{n}.jsonl" for n in range(BATCHES)]
    for n, part in enumerate(parts):
        part.write_text("".join(lines[n::BATCHES]), encoding="utf-8")
    return [*parts, SEEDS]


@pytest.mark.parametrize("matcher", ["lexical", "dense"])
def test_batches_linked_as_they_come_hold_the_rows_of_a_rebuild(batches, tmp_path, matcher):
    # In the dense tier, from the second batch on, the new claims' nearest neighbours
    # come from the vector index the batch before wrote (approximate, exact at this size).
    if matcher == "dense":
        from claimkb.match.embeddings import embeddings_available

        if not embeddings_available():
            pytest.skip("the optional embeddings tier is not installed")
    path = tmp_path / "kb.db"
    for batch in batches:
        run("ingest", path, batch, "--matcher", matcher)
    incremental = database_rows(path)
    assert incremental["claim_links"]  # something was linked to compare
    run("link", path, "--rebuild", "--matcher", matcher)
    assert differences(database_rows(path), incremental) == {}


def test_link_compares_only_the_claims_not_linked_yet(batches, tmp_path):
    path = tmp_path / "kb.db"
    run("ingest", path, *batches[:-1], *LEXICAL)
    linked = database_rows(path)
    assert "\n0 claims, 0 candidate pairs, 0 links" in "\n" + run("link", path, *LEXICAL).stderr
    assert differences(database_rows(path), linked) == {}  # nothing new: nothing changed

    stored = run("ingest", path, batches[-1], "--no-link", *LEXICAL).stderr
    new_claims = int(stored.split(" claims,")[0].rsplit(" ", 1)[1])
    assert new_claims
    assert f"\n{new_claims} claims," in "\n" + run("link", path, *LEXICAL).stderr
