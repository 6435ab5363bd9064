"""The Python API: the README's example runs as written, reads never write, and
importing claimkb stays light."""
from __future__ import annotations

import doctest
import hashlib
import re
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

from claimkb import ClaimkbError, KnowledgeBase
from claimkb.api import QueryResult

HEAVY_MODULES = ("spacy", "networkx", "datasette", "torch", "trafilatura")


def readme_python_blocks() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```pycon\n(.*?)^```", readme, flags=re.S | re.M)


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_readme_example_runs_as_shown(demo_db, tmp_path, monkeypatch):
    blocks = readme_python_blocks()
    assert blocks, "README.md has no ```pycon block"
    shutil.copy(demo_db, tmp_path / "claimkb-demo.db")
    before = sha256(tmp_path / "claimkb-demo.db")
    monkeypatch.chdir(tmp_path)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    for number, block in enumerate(blocks):
        test = doctest.DocTestParser().get_doctest(block, {}, f"README.md pycon block {number}", "README.md", 0)
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0, "README.md's Python example printed something else"
    assert sha256(tmp_path / "claimkb-demo.db") == before


def test_import_loads_no_heavy_module():
    code = (
        "import sys, claimkb; from claimkb import KnowledgeBase;"
        f" print(','.join(m for m in {HEAVY_MODULES!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_read_only_refuses_writes_and_leaves_the_file(demo_db, tmp_path):
    path = tmp_path / "kb.db"
    shutil.copy(demo_db, path)
    before = sha256(path)
    with KnowledgeBase(path, read_only=True) as kb:
        with pytest.raises(ClaimkbError, match="opened read-only; link writes"):
            kb.link()
        with pytest.raises(ClaimkbError, match="opened read-only; ingest writes"):
            kb.ingest([tmp_path / "nothing.txt"])
        assert len(kb.query("mutated_copies")) > 0
    assert sha256(path) == before


def test_query_result_rows_as_dicts():
    result = QueryResult(["a", "b"], [(1, "x"), (2, "y")])
    assert list(result) == [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]
    assert len(result) == 2


def test_claims_filter_by_column_and_unknown_column(demo_db):
    with KnowledgeBase(demo_db, read_only=True) as kb:
        family = next(kb.families())
        members = list(kb.claims(family_id=family["id"]))
        assert members and all(claim["family_id"] == family["id"] for claim in members)
        assert len(members) == family["size"]
        with pytest.raises(ClaimkbError, match="claims have no column colour"):
            list(kb.claims(colour="red"))


def test_missing_database_is_refused_and_not_created(tmp_path):
    with pytest.raises(ClaimkbError, match="no such database"):
        KnowledgeBase(tmp_path / "missing.db", read_only=True)
    with pytest.raises(ClaimkbError, match="no such database"):
        KnowledgeBase(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_ingest_with_nothing_readable_creates_nothing(tmp_path):
    errors = []
    with KnowledgeBase(tmp_path / "new.db") as kb:
        with pytest.raises(ClaimkbError, match="no input could be read; .*new.db was not created"):
            kb.ingest([tmp_path / "absent.txt"], on_input_error=errors.append)
    assert len(errors) == 1 and "absent.txt" in str(errors[0])
    assert not (tmp_path / "new.db").exists()


def test_export_with_no_match_writes_nothing(demo_db, tmp_path):
    with KnowledgeBase(demo_db, read_only=True) as kb:
        with pytest.raises(ClaimkbError, match="nothing matches --outlet 'No Such Outlet'"):
            kb.export("graphml", tmp_path / "out.graphml", outlet="No Such Outlet")
    assert not (tmp_path / "out.graphml").exists()
