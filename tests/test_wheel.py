"""The built wheel works outside the checkout: installed into a fresh virtual
environment and run from another folder, `demo`, a canned `query`, `export` and a
`serve` request find everything they read (SQL queries, Datasette metadata, the
bundled sample) inside the installed package.

No network: the wheel is built without build isolation and installed with
--no-deps; the fresh environment sees the test environment's packages (its
dependencies) through a .pth file, while claimkb itself comes from the wheel.
Deselect with `-m "not wheel"`.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.wheel

SERVER_START_SECONDS = 60  # Datasette's start, with spaCy-free imports, takes a few seconds


def run(command: list, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{command}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin/ folder of a fresh virtual environment holding only the wheel."""
    root = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", REPO, "--no-deps", "--no-build-isolation", "-q", "-w", root / "dist"],
        cwd=root)
    (wheel,) = (root / "dist").glob("claimkb-*.whl")
    venv = root / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=root)
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel], cwd=root)
    site_packages = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             cwd=root).stdout.strip())
    # Appended after the venv's own site-packages, so claimkb is the wheel's; .pth
    # files in these folders (the checkout's editable install) are not processed.
    dependencies = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site_packages / "test-dependencies.pth").write_text("\n".join(sorted(dependencies)) + "\n")
    return venv / "bin"


@pytest.fixture(scope="module")
def elsewhere(installed, tmp_path_factory) -> Path:
    """A folder outside the checkout holding a demo database built by the installed claimkb."""
    folder = tmp_path_factory.mktemp("elsewhere")
    run([installed / "claimkb", "demo", "--matcher", "lexical", "kb.db"], cwd=folder)
    return folder


def test_claimkb_comes_from_the_wheel(installed, elsewhere):
    where = run([installed / "python", "-c", "import claimkb; print(claimkb.__file__)"], cwd=elsewhere).stdout
    assert where.startswith(str(installed.parent)) and str(REPO) not in where


def test_demo_query_and_export(installed, elsewhere):
    assert (elsewhere / "kb.db").stat().st_size > 0
    listing = run([installed / "claimkb", "query", "kb.db"], cwd=elsewhere).stdout
    assert "mutated_copies" in listing
    csv = run([installed / "claimkb", "query", "kb.db", "travelled_furthest", "--csv"], cwd=elsewhere).stdout
    header, *rows = csv.splitlines()
    assert "," in header and rows
    written = run([installed / "claimkb", "export", "kb.db", "--format", "graphml", "-o", "claims.graphml"],
                  cwd=elsewhere)
    assert "Wrote " in written.stderr and (elsewhere / "claims.graphml").read_text().startswith("<?xml")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_answers(installed, elsewhere):
    port = free_port()
    server = subprocess.Popen([installed / "claimkb", "serve", "kb.db", "-p", str(port)], cwd=elsewhere,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/kb/mutated_copies.json?_shape=array") as page:
                    body = page.read().decode()
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "claimkb serve did not answer"
                time.sleep(0.5)
        assert body.startswith("[{") and '"later_outlet"' in body
    finally:
        server.terminate()
        server.wait(timeout=10)
