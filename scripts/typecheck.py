"""Type-check the package and its tests with mypy, the package under its installed name.

mypy cannot follow pyproject's package-dir mapping (kb/ is installed as
`claimkb`, ingest/ as `claimkb.ingest`), and the folder names themselves are
not importable as `claimkb`. So this builds, in a temporary folder, a
`claimkb/` of symlinks to the checkout's files (with tests/ and benchmarks/
beside it, as the tests import benchmark helpers) and runs
`mypy --config-file pyproject.toml claimkb tests` there. Exits with mypy's status.
The benchmarks a test imports are checked; the others are not yet.

Usage: python scripts/typecheck.py [extra mypy arguments]
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def build_root(root: Path) -> None:
    """A claimkb/ package of symlinks: kb/'s entries, with ingest/ as claimkb/ingest;
    tests/ and benchmarks/ beside it."""
    package = root / "claimkb"
    package.mkdir()
    for entry in (REPO / "kb").iterdir():
        if entry.name != "__pycache__":
            (package / entry.name).symlink_to(entry)
    (package / "ingest").symlink_to(REPO / "ingest")
    for folder in ("tests", "benchmarks"):
        (root / folder).symlink_to(REPO / folder)


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="claimkb-typecheck-") as tmp:
        root = Path(tmp)
        build_root(root)
        command = [sys.executable, "-m", "mypy",
                   "--config-file", str(REPO / "pyproject.toml"),
                   # The cache stays in the checkout, not in the throwaway root.
                   "--cache-dir", str(REPO / ".mypy_cache"),
                   "claimkb", "tests", *argv]
        # MYPYPATH unset: the symlink root is the only place claimkb is found.
        env = {k: v for k, v in os.environ.items() if k != "MYPYPATH"}
        return subprocess.run(command, cwd=root, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
