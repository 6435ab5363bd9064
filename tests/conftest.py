import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# shared/ sits beside the checkout; CLAIMKB_SHARED_DATA points elsewhere if needed.
SHARED_DATA = Path(os.environ.get("CLAIMKB_SHARED_DATA", REPO.parent / "shared" / "data"))
SEEDS = Path(os.environ.get("CLAIMKB_SEEDS", REPO / "data" / "seeds"))


@pytest.fixture
def shared_data():
    """Return a function giving a folder of ../shared/data, skipping the test when absent."""

    def folder(name):
        path = SHARED_DATA / name
        if not path.is_dir():
            pytest.skip(f"{path} is absent: this test needs the shared third-party data")
        return path

    return folder


@pytest.fixture(scope="session")
def nlp():
    from claimkb.ingest.extract.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """The path of a database built by `claimkb demo`, through the CLI runner."""
    from click.testing import CliRunner

    from claimkb.cli import cli

    path = tmp_path_factory.mktemp("demo") / "claimkb-demo.db"
    result = CliRunner().invoke(cli, ["demo", str(path)])
    assert result.exit_code == 0, result.output
    return path
