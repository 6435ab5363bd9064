"""Rewrite the output of every command block in README.md from a real run.

    python scripts/update_readme.py

Runs the README's commands in order in a fresh folder (see readme_blocks.py),
as tests/test_docs.py does, and writes what they print under each `$` line, so
that keeping the README true is one command. Prose that quotes a figure is not
rewritten: read the diff.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from readme_blocks import README, command_blocks, rewrite, run_all


def main() -> None:
    lines = README.read_text(encoding="utf-8").split("\n")
    blocks = command_blocks(lines)
    with tempfile.TemporaryDirectory(prefix="claimkb-readme-") as folder:
        outputs = run_all(blocks, Path(folder))
    new = rewrite(lines, blocks, outputs)
    README.write_text("\n".join(new), encoding="utf-8")
    changed = sum(old != output for block, block_outputs in zip(blocks, outputs)
                  for old, output in zip((c.output for c in block.commands), block_outputs))
    print(f"README.md: {len(blocks)} command blocks run, the output of {changed} commands rewritten")


if __name__ == "__main__":
    main()
