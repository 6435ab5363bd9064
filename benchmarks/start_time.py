"""How long `claimkb` takes to start: `--version`, `--help` and every `COMMAND --help`.

Each is run as a new process, as a user runs it, and the best of --runs runs counts (the
minimum is the least disturbed by other work on the machine). `python -c pass` is the
baseline: what starting any Python program costs here. Run from the repository root:

    python benchmarks/start_time.py [--runs 5]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from claimkb.cli import cli

# The console script, beside this Python; else the same entry point through -c.
SCRIPT = Path(sys.executable).with_name("claimkb")
ENTRY_POINT = [sys.executable, "-c", "import sys; from claimkb.cli import cli; cli(sys.argv[1:])"]


def best_of(command: list[str], runs: int) -> float:
    """The shortest wall-clock time of ``runs`` runs of command, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command; the best counts (default 5)")
    args = parser.parse_args()
    claimkb = [str(SCRIPT)] if SCRIPT.exists() else ENTRY_POINT
    cases = {"python -c pass": [sys.executable, "-c", "pass"],
             "claimkb --version": [*claimkb, "--version"],
             "claimkb --help": [*claimkb, "--help"]}
    cases.update({f"claimkb {name} --help": [*claimkb, name, "--help"] for name in sorted(cli.commands)})
    baseline = None
    print(f"{'command':<28} {'seconds':>8} {'over python -c pass':>20}")
    for label, command in cases.items():
        seconds = best_of(command, args.runs)
        baseline = seconds if baseline is None else baseline
        print(f"{label:<28} {seconds:>8.3f} {seconds - baseline:>+20.3f}")


if __name__ == "__main__":
    main()
