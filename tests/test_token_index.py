"""The lexical token index kept beside the database: `claimkb link` writes it, the next
link reads it and tokenizes only the claims stored since, and an index that no longer
matches the claims table is built again rather than trusted."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimkb.cli import cli
from claimkb.match.candidates import candidate_tokens
from claimkb.match.token_index import INDEX_FILE, NOTE_FILE, stored_token_index
from claimkb.store.db import open_db

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "ecbplus-aceh-quake.jsonl"


def run(*args):
    result = CliRunner().invoke(cli, [*map(str, args)])
    assert result.exit_code == 0, result.output
    return result


def halves(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    second.write_text("".join(lines[len(lines) // 2:]), encoding="utf-8")
    return first, second


def tokens_by_claim(index):
    vocabulary = sorted(index.vocabulary, key=index.vocabulary.__getitem__)
    return {claim_id: sorted(vocabulary[c] for c in index.indices[index.indptr[k]:index.indptr[k + 1]])
            for k, claim_id in enumerate(index.ids_at(range(len(index))))}


def expected_tokens(db):
    values = {}
    for claim_id, value in db.execute("select claim_id, value from quantities where value is not null"):
        values.setdefault(claim_id, []).append(value)
    return {claim_id: sorted(candidate_tokens(content, values.get(claim_id, ())))
            for claim_id, content in db.execute("select id, content from claims")}


def saved_index(path):
    return Path(f"{path}.claimkb-index") / INDEX_FILE


def test_link_saves_the_index_and_the_next_link_adds_the_claims_stored_since(tmp_path):
    path = tmp_path / "kb.db"
    first, second = halves(tmp_path)
    run("ingest", path, first, "--matcher", "lexical")
    assert saved_index(path).exists()
    saved_at = saved_index(path).stat().st_mtime_ns
    run("ingest", path, second, "--no-link")
    assert saved_index(path).stat().st_mtime_ns == saved_at  # storing without linking leaves it
    db = open_db(path)
    index = stored_token_index(db)
    assert tokens_by_claim(index) == expected_tokens(db)
    assert list(index.rowids) == sorted(index.rowids)


def test_an_index_out_of_step_with_the_claims_is_built_again(tmp_path):
    path = tmp_path / "kb.db"
    first, _ = halves(tmp_path)
    run("ingest", path, first, "--matcher", "lexical")
    db = open_db(path)
    # a claim the index holds goes (as when an article is stored again with new text)
    victim = db.execute("select id from claims order by rowid limit 1 offset 3").fetchone()[0]
    for table, column in (("quantities", "claim_id"), ("claim_segments", "claim_id"), ("citations", "claim_id"),
                          ("pending_links", "claim_id")):
        db.execute(f"delete from [{table}] where [{column}] = ?", [victim])
    db.execute("delete from claim_links where ? in (claim_a, claim_b)", [victim])
    db.execute("delete from claim_copies where id = ?", [victim])
    db.execute("update families set canonical_claim_id = null where canonical_claim_id = ?", [victim])
    db.execute("delete from claims where id = ?", [victim])
    index = stored_token_index(db)
    assert victim not in index.ids_at(range(len(index)))
    assert tokens_by_claim(index) == expected_tokens(db)


def test_a_rebuild_gives_the_same_links_with_or_without_the_saved_index(tmp_path):
    path = tmp_path / "kb.db"
    run("ingest", path, SAMPLE, "--matcher", "lexical")
    db = open_db(path)
    links = set(db.execute("select claim_a, claim_b, relation from claim_links"))
    db.close()
    saved_index(path).unlink()
    run("link", path, "--rebuild", "--matcher", "lexical")
    db = open_db(path)
    assert set(db.execute("select claim_a, claim_b, relation from claim_links")) == links
    assert saved_index(path).exists()


@pytest.mark.parametrize("damage", [
    (INDEX_FILE, b"not an npz file"),
    (INDEX_FILE, None),  # cut short
    (NOTE_FILE, b'{"rowid": 5'),
    (NOTE_FILE, b'["a", "list"]'),
])
def test_a_damaged_index_is_built_again_like_a_missing_one(tmp_path, damage):
    path = tmp_path / "kb.db"
    run("ingest", path, SAMPLE, "--matcher", "lexical")
    db = open_db(path)
    links = set(db.execute("select claim_a, claim_b, relation from claim_links"))
    db.close()
    name, content = damage
    damaged = Path(f"{path}.claimkb-index") / name
    damaged.write_bytes(damaged.read_bytes()[:100] if content is None else content)
    run("link", path, "--rebuild", "--matcher", "lexical")
    db = open_db(path)
    assert set(db.execute("select claim_a, claim_b, relation from claim_links")) == links
    assert tokens_by_claim(stored_token_index(db)) == expected_tokens(db)
